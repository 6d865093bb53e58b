//! Random Vim programs over realistic texts, for differential testing against real Vim
//! (`vimdata diff --generate N --seed S`) and for building recorded test corpora.
//!
//! Programs are drawn from the features the engine claims (see the command tables), with
//! realistic texts: code, prose, configuration, UTF-8, tabs, blank lines. The same seed always
//! gives the same cases.

/// One generated program.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GeneratedCase {
    pub source: String,
    /// Keys in Vim notation.
    pub keys: String,
}

/// `n` cases from `seed`.
pub fn generate(n: usize, seed: u64) -> Vec<GeneratedCase> {
    let mut rng = Rng(seed ^ 0x9e37_79b9_7f4a_7c15);
    (0..n).map(|_| case(&mut rng)).collect()
}

/// splitmix64: small, fast, deterministic across platforms.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const TEXTS: &[&str] = &[
    "fn main() {\n    let x = 42;\n    println!(\"{}\", x + 1);\n}\n",
    "def greet(name):\n    if name:\n        return 'hello ' + name\n    return None\n",
    "The quick brown fox jumps over the lazy dog.\nIt was the best of times, it was the worst of times.\n",
    "hello world\n",
    "one two three four five\n",
    "# config\nname = vimdata\nversion = 0.1.0\n\n[deps]\nropey = 1\n",
    "int add(int a, int b) {\n\treturn a + b;\n}\n",
    "\tindented with tab\n    four spaces\nno indent\n",
    "café naïve résumé\nÜber straße\n",
    "a\nb\nc\nd\ne\nf\n",
    "foo(bar, baz[1], {qux: 2});\n",
    "  leading and trailing  \n\n\nafter blank lines\n",
    "x = 007 + 0x1f - 10\ncount: -5 items\n",
    "first paragraph line one\nline two\n\nsecond paragraph\nmore text\n\nthird\n",
    "",
    "single",
    "emdash — and quotes “here”\n",
    "SHOUT and whisper\nMiXeD CaSe\n",
    "if (a && b) { c(); } else { d(); }\n",
    "key: value\nlist:\n  - item one\n  - item two\n",
    "line with trailing spaces   \n\tx\n",
    "日本語 text mixed\n",
    "a.b,c;d:e!f?g\n",
    "    return self.value\n",
    "<div class=\"a\">\n  <p>hi <b>there</b></p>\n</div>\n",
    "say \"hello \\\"world\\\"\" and 'it' `cmd` \"x\"\n",
    "First sentence.  Second one! Third?\nNext line here.\n\nNew para. (Quoted.) End\n",
    "call(a, (b + c), [d, {e: f}]) <x>\nif (x) {\n    y(\"(\");\n}\n",
];

const WORDS: &[&str] = &["foo", "bar", "x", "hello", "new text", "é", "(", ")", "42", " ", "end", "—", "a b"];

fn count(rng: &mut Rng) -> String {
    if rng.chance(25) {
        rng.pick(&["2", "3", "4", "10", "1"]).to_string()
    } else {
        String::new()
    }
}

fn motion(rng: &mut Rng) -> String {
    let simple = [
        "h", "j", "k", "l", "w", "b", "e", "W", "B", "E", "ge", "gE", "0", "^", "$", "g_", "gg", "G", "}", "{",
        "+", "-", "_", "<CR>", "<BS>", " ", "<Left>", "<Right>", "<Up>", "<Down>", "<Home>", "<End>", ";", ",", "|",
        "(", ")", "%",
    ];
    if rng.chance(25) {
        let cmd = rng.pick(&["f", "F", "t", "T"]);
        let c = rng.pick(&["o", "e", " ", "a", "(", ",", "x", "l", "é"]);
        return format!("{}{cmd}{c}", count(rng));
    }
    format!("{}{}", count(rng), rng.pick(&simple))
}

/// A text object after an operator: `iw`, `a(`, `2i"`, `it` ...
fn text_object(rng: &mut Rng) -> String {
    let objects = ["w", "W", "s", "p", "(", ")", "b", "{", "}", "B", "[", "]", "<", ">", "\"", "'", "`", "t"];
    let count = if rng.chance(20) { rng.pick(&["2", "3"]) } else { "" };
    format!("{count}{}{}", rng.pick(&["i", "a"]), rng.pick(&objects))
}

fn insert_text(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..=rng.below(3) {
        if rng.chance(4) {
            s.push_str("<C-o>");
            s.push_str(&motion(rng));
        } else if rng.chance(20) {
            s.push_str(rng.pick(&["<BS>", "<C-w>", "<C-u>", "<CR>", "<Tab>", "<Left>", "<Right>", "<Del>", "<C-h>", "<End>", "<Home>", "<Up>", "<Down>"]));
        } else {
            s.push_str(rng.pick(WORDS));
        }
    }
    s
}

/// A Visual-mode program: enter, move or select an object, then an operator on the selection.
fn visual(rng: &mut Rng) -> String {
    let mut s = format!("{}{}", count(rng), rng.pick(&["v", "V", "<C-v>"]));
    s.push_str(&motion(rng));
    if rng.chance(30) {
        s.push_str(&motion(rng));
    }
    if rng.chance(20) {
        s.push_str(&text_object(rng));
    }
    if rng.chance(10) {
        s.push_str(rng.pick(&["o", "O"]));
    }
    let reg = if rng.chance(10) { rng.pick(&["\"a", "\"_", "\"b"]) } else { "" };
    let op = rng.pick(&[
        "d", "x", "y", "c", ">", "<lt>", "~", "u", "U", "J", "gJ", "rx", "p", "P", "X", "D", "Y", "C", "S", "gu", "gU", "g?", "I", "A",
        "$A", "<Esc>", "2>", "gq", "gw",
    ]);
    let tail = if matches!(op, "c" | "C" | "S" | "I" | "A" | "$A") { format!("{}<Esc>", insert_text(rng)) } else { String::new() };
    format!("{s}{reg}{op}{tail}")
}

fn command(rng: &mut Rng) -> String {
    match rng.below(100) {
        0..=19 => motion(rng),
        20..=24 => visual(rng),
        25..=44 => {
            let op = rng.pick(&["d", "c", "y", "gu", "gU", "g~", ">", "<", "g?", "gq", "gw"]);
            let reg = if rng.chance(10) { rng.pick(&["\"a", "\"A", "\"_", "\"b"]).to_string() } else { String::new() };
            let m = if rng.chance(15) {
                // doubled form: dd, cc, yy, >>, gUU ...
                let last = op.chars().last().unwrap_or('d');
                if op.len() == 2 && rng.chance(50) { op.to_string() } else { last.to_string() }
            } else if rng.chance(35) {
                text_object(rng)
            } else {
                motion(rng)
            };
            let tail = if op == "c" { format!("{}<Esc>", insert_text(rng)) } else { String::new() };
            format!("{reg}{}{op}{m}{tail}", count(rng))
        }
        45..=59 => {
            let cmd = rng.pick(&["i", "a", "I", "A", "o", "O", "s", "S", "C", "R", "gI"]);
            let tail = if rng.chance(85) { "<Esc>" } else { "" };
            format!("{}{cmd}{}{tail}", count(rng), insert_text(rng))
        }
        60..=79 => {
            let simple = ["x", "X", "D", "Y", "~", "J", "gJ", "p", "P", "gp", "gP", "u", "<C-r>", ".", "<C-a>", "<C-x>", "<Del>", "\"ap", "\"0p", "\"-p", "\"1p", "U"];
            format!("{}{}", count(rng), rng.pick(&simple))
        }
        80..=87 => {
            let c = rng.pick(&["x", "-", " ", "é", "<CR>", "0"]);
            format!("{}r{c}", count(rng))
        }
        88..=92 => {
            let body = rng.pick(&["dw", "xj", "A!<Esc>", "0fxd$", "wD", "jdd"]);
            match rng.below(3) {
                0 => format!("qa{body}q@a"),
                1 => format!("qq{body}q2@q"),
                _ => format!("qa{body}q@@"),
            }
        }
        93..=95 => {
            // Named and file marks, the marks of the text the last command changed, the last
            // change and the change list.
            let uses = [
                "d`a", "y'a", "`a", "'a", "c`afoo<Esc>", "'A", "d`A", "`[", "']", "d`]", "y'[", "`]i.<Esc>", "`.", "'.", "d`.",
                "g;", "g;g;", "2g;", "g,", "g;i.<Esc>",
            ];
            rng.pick(&["ma", "mb", "mA"]).to_string() + &motion(rng) + rng.pick(&uses)
        }
        _ => rng
            .pick(&[
                ":2<CR>", ":$<CR>", "ZZ", ":w<CR>", ":q!<CR>", ":x<CR>", "<Esc>", "H", "L", "M", "<C-d>", "<C-u>", "50%", ":m0<CR>",
                ":t.<CR>", ":exe \"normal! dd\"<CR>", ":exe \"norm\" \"x\\<lt>Esc>p\"<CR>", ":exe 'normal! A' . 'x'<CR>",
            ])
            .to_string(),
    }
}

fn case(rng: &mut Rng) -> GeneratedCase {
    let source = rng.pick(TEXTS).to_string();
    let n = 1 + rng.below(4);
    // Some programs run without 'startofline' (linewise commands keep the column).
    let mut keys = if rng.chance(8) { ":set nosol<CR>".to_string() } else { String::new() };
    // And some with abbreviations of words the programs type.
    if rng.chance(6) {
        keys.push_str(rng.pick(&[":iab foo bar<CR>", ":ab x( call(<CR>", ":inoreab hello hi there<CR>", ":iab # hash<CR>"]));
    }
    keys.extend((0..n).map(|_| command(rng)));
    GeneratedCase { source, keys }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic() {
        assert_eq!(generate(20, 7), generate(20, 7));
        assert_ne!(generate(20, 7), generate(20, 8));
    }
}
