//! A generator of Vim patterns over the whole syntax (every atom, multi, group, anchor and
//! magic level), with texts they may match, for the regex oracle. Deterministic per seed.

use super::regex::RegexCase;

/// A small, fast, seeded generator (xorshift64*).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The characters texts are made of (and literal atoms).
const TEXT_CHARS: &[&str] = &["a", "a", "b", "b", "c", "A", "B", "x", "1", "2", "0", " ", " ", "_", "-", ".", "(", ")", "\t", "é", "[", "*", "\\", "/", "~", "F"];

fn text(rng: &mut Rng) -> String {
    let len = rng.below(14);
    (0..len).map(|_| *rng.pick(TEXT_CHARS)).collect()
}

/// Pattern syntax, written for the magic level the pattern is in.
struct Writer {
    very: bool,
    groups_open: usize,
    groups_closed: usize,
    depth: usize,
}

impl Writer {
    /// `\x` in magic mode, `x` in very magic mode (for the characters \v makes special).
    fn magic(&self, c: &str) -> String {
        if self.very {
            c.to_string()
        } else {
            format!("\\{c}")
        }
    }

    fn literal(&self, rng: &mut Rng) -> String {
        let c = *rng.pick(&["a", "b", "c", "A", "x", "1", " ", "_", "-", "é", "F", "B"]);
        match c {
            _ if rng.chance(8) => {
                let special = *rng.pick(&[".", "*", "[", "~", "\\", "/", "(", ")", "|", "+", "=", "?", "{", "@", "%", "<", ">"]);
                format!("\\{special}")
            }
            _ => c.to_string(),
        }
    }

    fn collection(&self, rng: &mut Rng) -> String {
        let mut s = String::from(if rng.chance(15) { "\\_[" } else { "[" });
        if rng.chance(25) {
            s.push('^');
        }
        for _ in 0..1 + rng.below(3) {
            let item = match rng.below(9) {
                0 => "a-c".to_string(),
                1 => "A-Z".to_string(),
                2 => "0-9".to_string(),
                3 => format!("[:{}:]", rng.pick(&["alpha", "digit", "lower", "upper", "space", "punct", "alnum", "blank", "xdigit", "keyword", "ident", "print", "graph", "cntrl", "tab", "fname"])),
                4 => rng.pick(&["\\n", "\\t", "\\]", "\\\\", "\\-", "\\d97", "\\x41", "\\e", "-", "]"]).to_string(),
                5 => rng.pick(&["[.a.]", "[", "^", "a-", "z-a", "[.-.]", "[.é.]-", "[.b.]-x", "[.].]", "[.x.]\\t", "[.^.]"]).to_string(),
                _ => rng.pick(&["a", "b", "x", " ", "_", ".", "1", "é", "B"]).to_string(),
            };
            s.push_str(&item);
        }
        if !rng.chance(3) {
            s.push(']');
        }
        s
    }

    fn atom(&mut self, rng: &mut Rng) -> String {
        match rng.below(30) {
            0..=7 => self.literal(rng),
            8 => ".".to_string(),
            9 | 10 => {
                let c = *rng.pick(&["s", "S", "d", "D", "w", "W", "a", "A", "l", "L", "u", "U", "x", "X", "o", "O", "h", "H", "k", "K", "i", "I", "f", "F", "p", "P"]);
                if rng.chance(15) {
                    format!("\\_{c}")
                } else {
                    format!("\\{c}")
                }
            }
            11 | 12 => self.collection(rng),
            13 => rng.pick(&["^", "$", "\\_^", "\\_$", "\\n", "\\_.", "\\t", "\\e"]).to_string(),
            14 => rng.pick(&[self.magic("<"), self.magic(">")]).clone(),
            15 => rng.pick(&["\\zs", "\\ze", "\\%^", "\\%$", "\\%3c", "\\%<4c", "\\%>2c", "\\%5v", "\\%>3v", "\\%1l"]).to_string(),
            16 => {
                let items: String = (0..1 + rng.below(3)).map(|_| *rng.pick(&["a", "b", "c", "x", "[ab]", "\\d"])).collect();
                format!("\\%[{items}]")
            }
            17 => rng.pick(&["\\%d97", "\\%x41", "\\%u00e9", "\\%o142", "\\%d", "\\%x"]).to_string(),
            18..=21 if self.depth < 3 => self.group(rng),
            22 if self.groups_closed > 0 => format!("\\{}", 1 + rng.below(self.groups_closed)),
            23 if rng.chance(20) => rng.pick(&["\\v", "\\m", "\\M", "\\V", "\\c", "\\C"]).to_string(),
            24 if rng.chance(10) => rng.pick(&["\\(", "\\)", "*", "\\{", "\\%", "\\z", "\\@", "\\%[]", "\\1", "~"]).to_string(),
            _ => self.literal(rng),
        }
    }

    fn group(&mut self, rng: &mut Rng) -> String {
        self.depth += 1;
        let capture = rng.chance(70) && self.groups_open < 9;
        if capture {
            self.groups_open += 1;
        }
        let body = self.alternation(rng);
        self.depth -= 1;
        if capture {
            self.groups_closed += 1;
            format!("{}{}{}", self.magic("("), body, self.magic(")"))
        } else {
            format!("{}{}{}", if self.very { "%(" } else { "\\%(" }, body, self.magic(")"))
        }
    }

    fn multi(&self, rng: &mut Rng) -> String {
        match rng.below(16) {
            // \@> is refused (Vim's NFA answers follow no stated rule): rare here.
            15 if !rng.chance(5) => "*".to_string(),
            0..=3 => "*".to_string(),
            4 | 5 => self.magic("+"),
            6 => self.magic("="),
            7 => self.magic("?"),
            8..=10 => {
                let inner = *rng.pick(&["2", "1,3", "-", "-1,2", ",2", "2,", "", "-2,", "0", "3,1", "-,1"]);
                format!("{}{inner}}}", self.magic("{"))
            }
            // Lookarounds: one multi in eight.
            11 | 12 if rng.chance(50) => format!("{}{}", self.magic("@"), rng.pick(&["=", "!"])),
            13 | 14 if rng.chance(50) => format!("{}{}", self.magic("@"), rng.pick(&["<=", "<!"])),
            11..=14 => "*".to_string(),
            _ => format!("{}>", self.magic("@")),
        }
    }

    fn concat(&mut self, rng: &mut Rng) -> String {
        let mut s = String::new();
        for _ in 0..1 + rng.below(4) {
            s.push_str(&self.atom(rng));
            if rng.chance(30) {
                s.push_str(&self.multi(rng));
            }
        }
        s
    }

    fn alternation(&mut self, rng: &mut Rng) -> String {
        let mut s = self.concat(rng);
        while rng.chance(25) {
            s.push_str(&if rng.chance(25) { self.magic("&") } else { self.magic("|") });
            s.push_str(&self.concat(rng));
        }
        s
    }
}

/// A random pattern over Vim's syntax.
pub fn pattern(rng: &mut Rng) -> String {
    let very = rng.chance(20);
    let mut w = Writer { very, groups_open: 0, groups_closed: 0, depth: 0 };
    let mut s = String::new();
    if very {
        s.push_str("\\v");
    } else if rng.chance(5) {
        s.push_str(*rng.pick(&["\\M", "\\V", "\\m"]));
    }
    if rng.chance(8) {
        s.push_str(*rng.pick(&["\\c", "\\C"]));
    }
    s.push_str(&w.alternation(rng));
    s
}

/// A random case: a pattern, a text it is often built from, a start and options.
pub fn case(rng: &mut Rng) -> RegexCase {
    let pattern = pattern(rng);
    let mut text = text(rng);
    if rng.chance(40) {
        // Put pieces of the pattern's literal characters into the text, for more matches.
        let lits: String = pattern.chars().filter(|c| c.is_alphanumeric() || *c == ' ').take(4).collect();
        let at = rng.below(text.chars().count() + 1);
        let byte = text.char_indices().nth(at).map_or(text.len(), |(i, _)| i);
        text.insert_str(byte, &lits);
    }
    let start = if rng.chance(15) && !text.is_empty() {
        let k = rng.below(text.chars().count());
        text.char_indices().nth(k).map_or(0, |(i, _)| i)
    } else {
        0
    };
    RegexCase { pattern, text, start, ic: rng.chance(15) }
}
