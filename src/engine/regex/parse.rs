//! The pattern parser: Vim's `reg()`, `regbranch()`, `regconcat()`, `regpiece()` and
//! `regatom()` (regexp_bt.c, with the NFA parser's answers where the two differ), building a
//! tree instead of a program. Vim's own lexer ([`super::lexer`]) decides what is special.

use super::class::{Class, CollItem, Collection};
use super::lexer::{backslash_trans, is_abbr, Lexer, Magic, Tok};
use super::RegexError;

/// Zero-width items that test the position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Assertion {
    /// `^`, `\_^`: start of a line.
    Bol,
    /// `$`, `\_$`: end of a line.
    Eol,
    /// `\<`.
    Bow,
    /// `\>`.
    Eow,
    /// `\%^`: start of the text.
    Bof,
    /// `\%$`: end of the text.
    Eof,
    /// `\%#`: the cursor position.
    Cursor,
    /// `\%V`: inside the Visual area.
    Visual,
    /// `\%23l`, `\%<23l`, `\%>23l`.
    Line(Cmp, usize),
    /// `\%23c`: byte column (1-based).
    Col(Cmp, usize),
    /// `\%23v`: virtual column (1-based).
    Vcol(Cmp, usize),
    /// `\%'m`, `\%<'m`, `\%>'m`.
    Mark(Cmp, char),
}

/// The comparison of a `\%23l`-like item: exactly, before (`<`) or after (`>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cmp {
    Eq,
    Lt,
    Gt,
}

/// Lookaround and atomic groups (`\@=`, `\@!`, `\@<=`, `\@<!`, `\@>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Look {
    Ahead,
    NotAhead,
    /// With the byte limit of `\@123<=` (0: none).
    Behind(usize),
    NotBehind(usize),
    Atomic,
}

/// The parsed pattern.
#[derive(Clone, Debug)]
pub(crate) enum Node {
    Empty,
    Char(char),
    /// `.` (and `\_.` with `nl`).
    Any { nl: bool },
    Class { class: Class, nl: bool },
    Set { set: Box<Collection>, nl: bool },
    /// `\n`: a line break.
    Newline,
    Assert(Assertion),
    /// `\zs`.
    MatchStart,
    /// `\ze`.
    MatchEnd,
    /// `\(\)` (with its number) and `\%(\)` (without).
    Group { index: Option<usize>, body: Box<Node> },
    Backref(usize),
    Alt(Vec<Node>),
    Concat(Vec<Node>),
    Repeat { body: Box<Node>, min: u32, max: Option<u32>, greedy: bool },
    Look { kind: Look, body: Box<Node> },
    /// `\%[abc]`: `a`, then optionally `b`, then optionally `c`, as far as they match.
    OptionalSeq(Vec<Node>),
}

/// What the parser found besides the tree.
pub(crate) struct Parsed {
    pub(crate) root: Node,
    /// `\c` seen (wins over `\C`).
    pub(crate) ignore_case: bool,
    /// `\C` seen.
    pub(crate) match_case: bool,
}

/// The deepest nesting of groups the parser follows (Vim has none but its stack).
const MAX_NESTING: usize = 200;
/// The most characters a `\{}` may repeat a complex atom, once unrolled.
pub(crate) const MAX_COUNT: u32 = 1000;

struct Parser<'a> {
    lx: Lexer,
    groups: usize,
    closed: [bool; 10],
    ignore_case: bool,
    match_case: bool,
    depth: usize,
    last_substitute: Option<&'a str>,
}

fn invalid(code: &'static str) -> RegexError {
    RegexError::Invalid(code)
}

fn refuse(what: &str) -> RegexError {
    RegexError::Unsupported(what.to_string())
}

/// Parse `pattern` at the starting magic level (the 'magic' option: `\m` or `\M`).
pub(crate) fn parse(pattern: &str, magic: bool, last_substitute: Option<&str>) -> Result<Parsed, RegexError> {
    if pattern.starts_with("\\%#=") {
        return Err(refuse("\\%#= (choosing the regexp engine)"));
    }
    let level = if magic { Magic::On } else { Magic::Off };
    let mut p = Parser { lx: Lexer::new(pattern, level), groups: 1, closed: [false; 10], ignore_case: false, match_case: false, depth: 0, last_substitute };
    let root = p.reg(None)?;
    match p.lx.peek() {
        Tok::End => {}
        // Vim's NFA parser: "E54: Unmatched \(" is found first when a \( is open.
        Tok::Magic(')') => return Err(invalid("E16")),
        _ => return Err(invalid("E50")),
    }
    nfa_quirks(&root)?;
    Ok(Parsed { root, ignore_case: p.ignore_case, match_case: p.match_case })
}

/// Refuse the shapes where Vim's NFA engine (which `'regexpengine'=0` picks) answers
/// differently from the backtracking order, found by the regex oracle:
/// - an alternative that ends in a zero-width item, before alternatives that may end at the
///   same place, and an optional group that can match nothing through one: the NFA tests
///   zero-width items while stepping and adds what follows them late, after another path
///   took those states;
/// - a lookaround inside a lookaround (groups around them come out empty);
/// - an unbounded loop over a group that can match nothing (E363 'maxmempattern' or
///   iteration counts that follow the NFA's state lists).
fn nfa_quirks(root: &Node) -> Result<(), RegexError> {
    // Lookarounds and back references turn off the NFA's merging of threads: loops over
    // empty-matching groups then multiply them until E363.
    let blowup = contains(root, &|n| matches!(n, Node::Look { .. } | Node::Backref(_)));
    // A back reference to a group inside a lookaround: Vim's NFA may postpone the
    // lookaround and run what follows first, with the group not set yet
    // (`\%>2c\(\W*\)\@=\1x`).
    let mut in_look = [false; 10];
    mark_groups_in_looks(root, false, &mut in_look);
    if contains(root, &|n| matches!(n, Node::Backref(k) if in_look.get(*k).copied().unwrap_or(false))) {
        return Err(refuse("a back reference to a group inside a lookaround"));
    }
    // A zero-width item between an item of varying length and an optional one: Vim's NFA
    // tests it while stepping, so a thread that passed it earlier and went on consuming
    // can reach the end first and keep its groups (`\(.*\)x\@<!\w*` on "x x\A" gives
    // group 1 "x x\").
    let marks = contains(root, &|n| matches!(n, Node::Group { index: Some(_), .. } | Node::MatchStart | Node::MatchEnd));
    if marks && late_between(root) {
        return Err(refuse("a zero-width item between an item of varying length and an optional one"));
    }
    quirks_in(root, blowup)
}

/// Set `in_look[k]` for each capturing group `k` inside a lookaround.
fn mark_groups_in_looks(node: &Node, inside: bool, in_look: &mut [bool; 10]) {
    match node {
        Node::Group { index, body } => {
            if let (true, Some(k)) = (inside, index) {
                if let Some(slot) = in_look.get_mut(*k) {
                    *slot = true;
                }
            }
            mark_groups_in_looks(body, inside, in_look);
        }
        Node::Look { body, .. } => mark_groups_in_looks(body, true, in_look),
        Node::Repeat { body, .. } => mark_groups_in_looks(body, inside, in_look),
        Node::Alt(items) | Node::Concat(items) | Node::OptionalSeq(items) => items.iter().for_each(|n| mark_groups_in_looks(n, inside, in_look)),
        _ => {}
    }
}

/// The items of `node` in sequence, through groups and concats.
fn flatten<'n>(node: &'n Node, out: &mut Vec<&'n Node>) {
    match node {
        Node::Concat(items) => items.iter().for_each(|n| flatten(n, out)),
        Node::Group { body, .. } => flatten(body, out),
        _ => out.push(node),
    }
}

/// Does some sequence in `node` hold an item of varying length, then a zero-width item,
/// then (after more zero-width items, if any) an item that can consume or match nothing?
/// (`\(.*\)\%>2c\w` and `\(.*\)\%>2c\w\+` agree with Vim; `\(.*\)\%>2c\w*` does not.)
fn late_between(node: &Node) -> bool {
    let mut seq = Vec::new();
    flatten(node, &mut seq);
    let zero_width = |n: &Node| matches!(n, Node::Assert(_) | Node::Look { .. } | Node::MatchStart | Node::MatchEnd | Node::Empty);
    let varying = |n: &Node| contains(n, &|m| matches!(m, Node::Repeat { .. } | Node::Alt(_) | Node::OptionalSeq(_) | Node::Backref(_)));
    let found = (0..seq.len()).any(|k| {
        matches!(seq[k], Node::Assert(_) | Node::Look { .. })
            && seq[..k].iter().any(|n| varying(n))
            && seq[k + 1..].iter().find(|n| !zero_width(n)).is_some_and(|n| nullable(n))
    });
    found
        || seq.iter().any(|n| match n {
            Node::Alt(items) | Node::OptionalSeq(items) => items.iter().any(late_between),
            Node::Repeat { body, .. } | Node::Look { body, .. } => late_between(body),
            _ => false,
        })
}

fn quirks_in(node: &Node, has_nfa_blowup: bool) -> Result<(), RegexError> {
    let check = |n: &Node| quirks_in(n, has_nfa_blowup);
    match node {
        Node::Alt(branches) => {
            for (k, b) in branches.iter().enumerate() {
                let literal = |n: &Node| match n {
                    Node::Char(_) => true,
                    Node::Concat(items) => items.iter().all(|i| matches!(i, Node::Char(_))),
                    _ => false,
                };
                if ends_late(b) && branches[k + 1..].iter().any(|later| !literal(later)) {
                    return Err(refuse("a zero-width item or lookaround competing with an empty alternative"));
                }
            }
            branches.iter().try_for_each(check)
        }
        Node::Repeat { body, min, max, .. } => {
            if !matches!(**body, Node::Char(_) | Node::Any { .. } | Node::Class { .. } | Node::Set { .. } | Node::Newline) {
                // The skip path reaches what follows first: groups and \zs inside come out
                // unset where backtracking sets them.
                let marks = contains(body, &|n| matches!(n, Node::Group { index: Some(_), .. } | Node::MatchStart | Node::MatchEnd));
                if *min == 0 && look_first(body) && nullable(body) && marks {
                    return Err(refuse("a zero-width item or lookaround at the start of an optional group"));
                }
                let late_inside = contains(body, &|n| matches!(n, Node::Assert(_)));
                let groups_inside = contains(body, &|n| matches!(n, Node::Group { index: Some(_), .. }));
                if groups_inside && *min == 0 && look_first(body) && contains(body, &|n| matches!(n, Node::Look { .. })) {
                    // The NFA reaches the loop's lookaround from several positions after an
                    // item of varying length and keeps another thread's groups:
                    // `F*\(b*\&\O\)*x` leaves group 1 empty (`\+`, `\{1,3}` and a lookaround
                    // later in the body agree with Vim).
                    return Err(refuse("a lookaround at the start of an optional loop with a capturing group"));
                }
                if max.is_some_and(|m| m > 1) && nullable(body) && has_nfa_blowup && groups_inside {
                    // Without thread merging the copies multiply too: Vim may stop with E363
                    // (`\v([b]*|((.{,2})\_.*).*|c*.*\3){1,3} *bb`).
                    return Err(refuse("a bounded loop over something that can match nothing, with a group, in a pattern with a lookaround or back reference"));
                }
                if max.is_none() && nullable(body) && (has_nfa_blowup || late_inside || groups_inside) {
                    return Err(refuse("an unbounded loop over something that can match nothing, with a group, zero-width item, lookaround or back reference"));
                }
            }
            check(body)
        }
        Node::Look { kind, body } => {
            if matches!(kind, Look::Ahead | Look::Behind(_))
                && contains(body, &|n| matches!(n, Node::Group { index: Some(_), .. }))
                && !contains(body, &|n| matches!(n, Node::Group { index: Some(1), .. }))
            {
                // Vim's NFA copies a matching lookaround's submatches 1..n back over the
                // thread's (copy_sub_off()), clearing a group opened before it: in
                // `\v((x)&.)` group 1 comes out empty.
                return Err(refuse("a capturing group inside a lookaround or \\& after another group"));
            }
            if contains(body, &|n| matches!(n, Node::Look { .. })) {
                return Err(refuse("a lookaround inside a lookaround"));
            }
            if contains(body, &|n| matches!(n, Node::MatchStart | Node::MatchEnd)) {
                return Err(refuse("\\zs or \\ze inside a lookaround or \\&"));
            }
            if contains(body, &|n| matches!(n, Node::Backref(_))) {
                // A lookaround Vim's NFA postpones runs on stale submatches (the `m` of
                // recursive_regmatch()): `\v(a)\1@!b` does not match "ab".
                return Err(refuse("a back reference inside a lookaround or \\&"));
            }
            check(body)
        }
        Node::Group { body, .. } => check(body),
        Node::Concat(items) | Node::OptionalSeq(items) => items.iter().try_for_each(check),
        _ => Ok(()),
    }
}

/// Can `node` end with a zero-width item (nothing but empty matches after it)?
fn ends_late(node: &Node) -> bool {
    match node {
        Node::Look { .. } | Node::Assert(_) => true,
        Node::Concat(items) => (0..items.len()).any(|i| ends_late(&items[i]) && items[i + 1..].iter().all(nullable)),
        Node::Alt(items) | Node::OptionalSeq(items) => items.iter().any(ends_late),
        Node::Group { body, .. } | Node::Repeat { body, .. } => ends_late(body),
        _ => false,
    }
}

/// Can `node` match the empty string?
fn nullable(node: &Node) -> bool {
    match node {
        Node::Char(_) | Node::Any { .. } | Node::Class { .. } | Node::Set { .. } | Node::Newline => false,
        Node::Concat(items) => items.iter().all(nullable),
        Node::Alt(items) => items.iter().any(nullable),
        Node::Group { body, .. } => nullable(body),
        Node::Repeat { body, min, .. } => *min == 0 || nullable(body),
        Node::Backref(_) => true,
        Node::OptionalSeq(_) => true,
        _ => true,
    }
}

/// Is a lookaround reachable from the start of `node` without consuming anything?
fn look_first(node: &Node) -> bool {
    match node {
        // Vim's NFA tests every zero-width item while stepping, not while following the
        // empty transitions: all of them come "late".
        Node::Look { .. } | Node::Assert(_) => true,
        Node::Concat(items) => {
            for item in items {
                if look_first(item) {
                    return true;
                }
                if !nullable(item) {
                    return false;
                }
            }
            false
        }
        Node::Alt(items) | Node::OptionalSeq(items) => items.iter().any(look_first),
        Node::Group { body, .. } | Node::Repeat { body, .. } => look_first(body),
        _ => false,
    }
}

impl<'a> Parser<'a> {
    /// `reg()`: branches separated by `\|`, inside a group when `paren` says so.
    fn reg(&mut self, paren: Option<Paren>) -> Result<Node, RegexError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(RegexError::LimitExceeded);
        }
        let index = match paren {
            Some(Paren::Capture) => {
                if self.groups >= 10 {
                    return Err(invalid("E51"));
                }
                self.groups += 1;
                Some(self.groups - 1)
            }
            _ => None,
        };
        let mut branches = vec![self.branch()?];
        while self.lx.peek() == Tok::Magic('|') {
            self.lx.skip();
            branches.push(self.branch()?);
        }
        let close = self.lx.peek();
        match paren {
            Some(kind) => {
                if close != Tok::Magic(')') {
                    return Err(invalid(if kind == Paren::Plain { "E53" } else { "E54" }));
                }
                self.lx.skip();
            }
            None => {
                if close == Tok::Magic(')') {
                    return Err(invalid("E55"));
                }
            }
        }
        if let Some(i) = index {
            self.closed[i] = true;
        }
        self.depth -= 1;
        let body = if branches.len() == 1 { branches.pop().unwrap_or(Node::Empty) } else { Node::Alt(branches) };
        Ok(match paren {
            Some(_) => Node::Group { index, body: Box::new(body) },
            None => body,
        })
    }

    /// `regbranch()`: concats joined by `\&`; all but the last must match where the last does.
    fn branch(&mut self) -> Result<Node, RegexError> {
        let mut parts = vec![self.concat()?];
        while self.lx.peek() == Tok::Magic('&') {
            self.lx.skip();
            parts.push(self.concat()?);
        }
        if parts.len() == 1 {
            return Ok(parts.pop().unwrap_or(Node::Empty));
        }
        let last = parts.pop().unwrap_or(Node::Empty);
        let mut seq: Vec<Node> = parts.into_iter().map(|p| Node::Look { kind: Look::Ahead, body: Box::new(p) }).collect();
        seq.push(last);
        Ok(Node::Concat(seq))
    }

    /// `regconcat()`: pieces, and the flags `\c \C \v \m \M \V \Z` between them.
    fn concat(&mut self) -> Result<Node, RegexError> {
        let mut pieces = Vec::new();
        loop {
            match self.lx.peek() {
                Tok::End | Tok::Magic('|' | '&' | ')') => break,
                Tok::Magic('Z') => self.lx.skip_keepstart(),
                Tok::Magic('c') => {
                    self.ignore_case = true;
                    self.lx.skip_keepstart();
                }
                Tok::Magic('C') => {
                    self.match_case = true;
                    self.lx.skip_keepstart();
                }
                Tok::Magic(m @ ('v' | 'm' | 'M' | 'V')) => {
                    self.lx.magic = match m {
                        'v' => Magic::All,
                        'm' => Magic::On,
                        'M' => Magic::Off,
                        _ => Magic::None,
                    };
                    self.lx.skip_keepstart();
                    self.lx.forget_peeked();
                }
                _ => pieces.push(self.piece()?),
            }
        }
        Ok(match pieces.len() {
            0 => Node::Empty,
            1 => pieces.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(pieces),
        })
    }

    /// `regpiece()`: an atom and its multi.
    fn piece(&mut self) -> Result<Node, RegexError> {
        let magic_at_atom = self.lx.magic;
        let atom = self.atom(false)?;
        let op = self.lx.peek();
        if !is_multi(op) {
            return Ok(atom);
        }
        if matches!(atom, Node::MatchStart | Node::MatchEnd) && matches!(op.plain(), '*' | '+' | '{') {
            // Vim's NFA parser: "E888: (NFA regexp) cannot repeat \zs".
            return Err(invalid("E888"));
        }
        self.lx.skip();
        let node = match op.plain() {
            '*' => Node::Repeat { body: Box::new(atom), min: 0, max: None, greedy: true },
            '+' => Node::Repeat { body: Box::new(atom), min: 1, max: None, greedy: true },
            '=' | '?' => Node::Repeat { body: Box::new(atom), min: 0, max: Some(1), greedy: true },
            '@' => {
                let nr = self.lx.dec_chars();
                let kind = match self.lx.get().plain() {
                    '=' => Look::Ahead,
                    '!' => Look::NotAhead,
                    // Vim's NFA engine gives \@> answers that follow no rule we can state.
                    '>' => return Err(refuse("\\@> (atomic groups)")),
                    '<' => {
                        let limit = usize::try_from(nr.unwrap_or(0)).unwrap_or(usize::MAX);
                        match self.lx.get().plain() {
                            '=' => Look::Behind(limit),
                            '!' => Look::NotBehind(limit),
                            _ => return Err(invalid("E869")),
                        }
                    }
                    _ => return Err(invalid("E869")),
                };
                if matches!(kind, Look::Behind(_) | Look::NotBehind(_))
                    && contains(&atom, &|n| matches!(n, Node::Group { index: Some(_), .. }))
                    && !contains(&atom, &|n| matches!(n, Node::Group { index: Some(1), .. }))
                {
                    // Vim's NFA copies the look-behind's submatches back over the groups
                    // before it, clearing them (`\v(1A)+[0-9]((x\K)*)@<=.` loses group 1).
                    return Err(refuse("a capturing group inside a look-behind after another group"));
                }
                if contains(&atom, &|n| matches!(n, Node::MatchStart | Node::MatchEnd)) {
                    // Vim's NFA ignores them there (or not), depending on the match order.
                    return Err(refuse("\\zs or \\ze inside a lookaround"));
                }
                if kind == Look::Atomic && contains(&atom, &|n| matches!(n, Node::Group { index: Some(_), .. })) {
                    // Vim's NFA lets such groups leak from failed attempts.
                    return Err(refuse("a capturing group inside \\@>"));
                }
                Node::Look { kind, body: Box::new(atom) }
            }
            _ => {
                let (min, max, greedy) = self.read_limits()?;
                Node::Repeat { body: Box::new(atom), min, max, greedy }
            }
        };
        if let Node::Repeat { min, max, .. } = &node {
            // Vim's NFA parser reads the atom again for `\+` and `\{n,m}` (not for `\{}` or
            // `\{0}`), at the magic level the atom left behind: `\%(b*\V\)\{2}` repeats `b\*`.
            let reread = op.plain() == '+' || (op.plain() == '{' && !(*min == 0 && max.is_none()) && *max != Some(0));
            if reread && self.lx.magic != magic_at_atom {
                return Err(refuse("a magic level changed inside an atom repeated by \\+ or \\{n,m}"));
            }
        }
        if let Node::Repeat { body, .. } = &node {
            if contains(body, &|n| matches!(n, Node::MatchEnd)) {
                // Vim's NFA keeps a thread per \ze position there and may run out of
                // 'maxmempattern' (E363).
                return Err(refuse("\\ze inside a repeated group"));
            }
        }
        if is_multi(self.lx.peek()) {
            return Err(invalid("E871"));
        }
        Ok(node)
    }

    /// `read_limits()`: `{n,m}`, `{-n,m}`, `{}` ... after the `\{`.
    fn read_limits(&mut self) -> Result<(u32, Option<u32>, bool), RegexError> {
        let lazy = self.lx.raw(0) == '-';
        if lazy {
            self.lx.at += 1;
        }
        let first_is_digit = self.lx.raw(0).is_ascii_digit();
        let min = self.lx.dec_chars().unwrap_or(0);
        let max = if self.lx.raw(0) == ',' {
            self.lx.at += 1;
            if self.lx.raw(0).is_ascii_digit() {
                self.lx.dec_chars()
            } else {
                None
            }
        } else if first_is_digit {
            Some(min)
        } else {
            None
        };
        if self.lx.raw(0) == '\\' {
            self.lx.at += 1;
        }
        if self.lx.raw(0) != '}' {
            return Err(invalid("E870"));
        }
        self.lx.skip_raw_closer();
        // Vim swaps the bounds when they are the wrong way round: \{3,1} is \{1,3}.
        let (min, max) = match max {
            Some(m) if m < min => (m, Some(min)),
            _ => (min, max),
        };
        let cap = |n: u64| u32::try_from(n).ok().filter(|&n| n <= MAX_COUNT).ok_or(RegexError::LimitExceeded);
        Ok((cap(min)?, max.map(cap).transpose()?, !lazy))
    }

    /// `regatom()`. `one_exactly`: inside `\%[]`, where groups and `\%[` do not nest.
    fn atom(&mut self, one_exactly: bool) -> Result<Node, RegexError> {
        let save_prev_at_start = self.lx.prev_at_start;
        let t = self.lx.get();
        match t {
            Tok::Magic('^') => Ok(Node::Assert(Assertion::Bol)),
            Tok::Magic('$') => Ok(Node::Assert(Assertion::Eol)),
            Tok::Magic('<') => Ok(Node::Assert(Assertion::Bow)),
            Tok::Magic('>') => Ok(Node::Assert(Assertion::Eow)),
            Tok::Magic('_') => {
                let c = self.lx.get();
                match c.plain() {
                    '\0' if c == Tok::End => Err(invalid("E865")),
                    '^' => Ok(Node::Assert(Assertion::Bol)),
                    '$' => Ok(Node::Assert(Assertion::Eol)),
                    '[' => self.collection(true),
                    '.' => Ok(Node::Any { nl: true }),
                    x => Class::from_letter(x).map(|class| Node::Class { class, nl: true }).ok_or(invalid("E877")),
                }
            }
            Tok::Magic('.') => Ok(Node::Any { nl: false }),
            Tok::Magic(x) if Class::from_letter(x).is_some() => Ok(Node::Class { class: Class::from_letter(x).ok_or(invalid("E63"))?, nl: false }),
            Tok::Magic('n') => Ok(Node::Newline),
            Tok::Magic('(') => {
                if one_exactly {
                    return Err(invalid("E369"));
                }
                self.reg(Some(Paren::Capture))
            }
            Tok::End | Tok::Magic('|' | '&' | ')') => Err(invalid("E865")),
            Tok::Magic('=' | '?' | '+' | '@' | '{' | '*') => Err(invalid("E64")),
            Tok::Magic('~') => {
                let sub = self.last_substitute.ok_or(invalid("E33"))?;
                Ok(Node::Concat(sub.chars().map(Node::Char).collect()))
            }
            Tok::Magic(d @ '1'..='9') => {
                let n = d as usize - '0' as usize;
                if !self.closed[n] {
                    let rest: String = self.lx.src[self.lx.at..].iter().collect();
                    if rest.contains("@<=") || rest.contains("@<!") {
                        return Err(refuse("a back reference before its group, with a look-behind"));
                    }
                    return Err(invalid("E65"));
                }
                Ok(Node::Backref(n))
            }
            Tok::Magic('z') => match self.lx.get().plain() {
                's' => Ok(Node::MatchStart),
                'e' => Ok(Node::MatchEnd),
                '(' => Err(invalid("E66")),
                '1'..='9' => Err(invalid("E67")),
                _ => Err(invalid("E867")),
            },
            Tok::Magic('%') => self.percent(one_exactly, save_prev_at_start),
            Tok::Magic('[') => self.collection(false),
            Tok::Magic(c) | Tok::Char(c) => {
                if super::class::is_composing(c) {
                    return Err(refuse("a composing character in the pattern"));
                }
                Ok(Node::Char(c))
            }
        }
    }

    /// `\%` items.
    fn percent(&mut self, one_exactly: bool, save_prev_at_start: bool) -> Result<Node, RegexError> {
        let t = self.lx.get();
        let c = t.plain();
        match c {
            '(' if t != Tok::End => {
                if one_exactly {
                    return Err(invalid("E369"));
                }
                self.reg(Some(Paren::Plain))
            }
            '^' => Ok(Node::Assert(Assertion::Bof)),
            '$' => Ok(Node::Assert(Assertion::Eof)),
            '#' => {
                if self.lx.raw(0) == '=' && matches!(self.lx.raw(1), '0'..='2') {
                    return Err(invalid("E1281"));
                }
                Ok(Node::Assert(Assertion::Cursor))
            }
            'V' => Ok(Node::Assert(Assertion::Visual)),
            'C' => Err(refuse("\\%C (composing characters)")),
            '[' => {
                if one_exactly {
                    return Err(invalid("E369"));
                }
                let mut items = Vec::new();
                while self.lx.peek() != Tok::Char(']') {
                    if self.lx.peek() == Tok::End {
                        return Err(invalid("E69"));
                    }
                    items.push(self.atom(true)?);
                }
                self.lx.get();
                if items.is_empty() {
                    return Err(invalid("E70"));
                }
                Ok(Node::OptionalSeq(items))
            }
            'd' | 'o' | 'x' | 'u' | 'U' => {
                let n = match c {
                    'd' => self.lx.dec_chars(),
                    'o' => self.lx.oct_chars(),
                    'x' => self.lx.hex_chars(2),
                    'u' => self.lx.hex_chars(4),
                    _ => self.lx.hex_chars(8),
                };
                let n = n.filter(|&n| n <= i32::MAX as u64).ok_or(invalid("E678"))?;
                let ch = if n == 0 { '\n' } else { char::from_u32(n as u32).ok_or_else(|| refuse("a character code that is not a character"))? };
                Ok(Node::Char(ch))
            }
            _ if c.is_ascii_digit() || matches!(c, '<' | '>' | '\'' | '.') && t != Tok::End => {
                let cmp = match c {
                    '<' => Cmp::Lt,
                    '>' => Cmp::Gt,
                    _ => Cmp::Eq,
                };
                let mut c = if cmp == Cmp::Eq { t } else { self.lx.get() };
                let mut cur = false;
                if c.plain() == '.' {
                    cur = true;
                    c = self.lx.get();
                }
                let mut n: u64 = 0;
                let mut got_digit = false;
                // Vim reads the character after `\%` without its magic, the ones after that
                // as they are: `\%\1c` is column 1, `\%1\c` no column at all.
                let mut first = cmp == Cmp::Eq && !cur;
                while if first { c.plain().is_ascii_digit() } else { matches!(c, Tok::Char(d) if d.is_ascii_digit()) } {
                    first = false;
                    got_digit = true;
                    n = n.saturating_mul(10).saturating_add(u64::from(c.plain() as u32 - '0' as u32));
                    c = self.lx.get();
                }
                if c == Tok::Char('\'') && n == 0 {
                    let m = self.lx.get().plain();
                    return Ok(Node::Assert(Assertion::Mark(cmp, m)));
                }
                if matches!(c, Tok::Char('l' | 'c' | 'v')) && (cur || got_digit) {
                    if cur && n > 0 {
                        return Err(invalid("E1204"));
                    }
                    if cur {
                        return Err(refuse("\\%.l \\%.c \\%.v (the cursor's line or column)"));
                    }
                    let n = usize::try_from(n).unwrap_or(usize::MAX);
                    return Ok(Node::Assert(match c.plain() {
                        'l' => {
                            if save_prev_at_start {
                                self.lx.at_start = true;
                            }
                            Assertion::Line(cmp, n)
                        }
                        'c' => Assertion::Col(cmp, n),
                        _ => Assertion::Vcol(cmp, n),
                    }));
                }
                Err(invalid("E867"))
            }
            _ => Err(invalid("E867")),
        }
    }

    /// `[...]` (and `\_[...]` with `nl`); without a matching `]` the `[` is a literal.
    /// The items are read as Vim's NFA parser reads them (it differs from the backtracking
    /// one: `[a--]` is `a` and `-`, a range ends at the next character even after a class).
    fn collection(&mut self, nl: bool) -> Result<Node, RegexError> {
        let src = &self.lx.src;
        let start = self.lx.at;
        let Some(end) = skip_collection(src, start) else {
            // No ']': the '[' is an ordinary character (Vim's "\_[" falls through too).
            return Ok(Node::Char('['));
        };
        let at = |i: usize| src.get(i).copied().unwrap_or('\0');
        let mut p = start;
        let negated = at(p) == '^';
        if negated {
            p += 1;
        }
        let mut items: Vec<CollItem> = Vec::new();
        let mut add_nl = nl;
        // The character just read, which a following '-' makes the start of a range.
        let mut startc: Option<char> = None;
        let mut emit_range = false;
        if at(p) == '-' {
            startc = Some('-');
            items.push(CollItem::Char('-'));
            p += 1;
        }
        // Was the item just read a `\n`? (Vim keeps it as a range start, which only a
        // collating element can put a '-' after.)
        let mut after_nl = false;
        while p < end {
            let oldstartc = startc;
            let old_after_nl = std::mem::take(&mut after_nl);
            startc = None;
            let mut line_break = false;
            // A collating element `[.x.]` sets the character, then Vim's loop goes on from
            // the character after it as if nothing had been read: a '-' there starts a range
            // from the character before the element, an escape there replaces it, and the
            // closing advance skips that character.
            let mut collating = false;
            if at(p) == '[' {
                if let Some((class, len)) = class_name(src, p) {
                    if emit_range {
                        return Err(refuse("a range ending in a [:class:]"));
                    }
                    items.push(CollItem::Class(class));
                    p += len;
                    continue;
                }
                if equi_class(src, p).is_some() {
                    return Err(refuse("an equivalence class [[=x=]]"));
                }
                if let Some((c, len)) = coll_element(src, p) {
                    if old_after_nl && at(p + len) == '-' {
                        return Err(refuse("\\n in a range of a collection"));
                    }
                    collating = true;
                    startc = Some(c);
                    p += len;
                }
            }
            if at(p) == '-' && oldstartc.is_some() {
                emit_range = true;
                startc = oldstartc;
                p += 1;
                continue;
            }
            // (`p + 1 <= end` matters only after a collating element that ran past the end.)
            if at(p) == '\\' && p < end && (matches!(at(p + 1), ']' | '^' | '-' | 'n' | '\\') || is_abbr(at(p + 1))) {
                p += 1;
                match at(p) {
                    'n' => {
                        if emit_range || at(p + 1) == '-' {
                            return Err(refuse("\\n in a range of a collection"));
                        }
                        line_break = true;
                        after_nl = true;
                        startc = None;
                        p += 1;
                    }
                    'd' | 'o' | 'x' | 'u' | 'U' => {
                        let (ch, np) = coll_get_char(src, p);
                        startc = Some(ch);
                        p = np;
                    }
                    x => {
                        startc = Some(backslash_trans(x));
                        p += 1;
                    }
                }
            } else if collating {
                p += 1;
            } else {
                let c = at(p);
                if super::class::is_composing(c) {
                    return Err(refuse("a composing character in a collection"));
                }
                startc = Some(c);
                p += 1;
            }
            if emit_range {
                let (Some(lo), Some(hi)) = (oldstartc, startc) else {
                    return Err(refuse("a range ending in \\n"));
                };
                if lo > hi {
                    return Err(invalid("E944"));
                }
                items.push(CollItem::Range(lo, hi));
                emit_range = false;
                startc = None;
            } else if line_break {
                if !negated {
                    add_nl = true;
                }
            } else if let Some(c) = startc {
                items.push(CollItem::Char(c));
            }
        }
        if p > start && at(p - 1) == '-' {
            // A '-' at the end is an ordinary character (Vim looks one character back from
            // where its loop stopped, which a collating element can leave past the end).
            items.push(CollItem::Char('-'));
        }
        self.lx.at = end;
        self.lx.skip_raw_closer();
        Ok(Node::Set { set: Box::new(Collection { negated, items }), nl: add_nl })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Paren {
    Capture,
    Plain,
}

/// Does `node` or anything inside it satisfy `test`?
fn contains(node: &Node, test: &dyn Fn(&Node) -> bool) -> bool {
    test(node)
        || match node {
            Node::Group { body, .. } | Node::Repeat { body, .. } | Node::Look { body, .. } => contains(body, test),
            Node::Alt(items) | Node::Concat(items) | Node::OptionalSeq(items) => items.iter().any(|n| contains(n, test)),
            _ => false,
        }
}

fn is_multi(t: Tok) -> bool {
    matches!(t, Tok::Magic('*' | '+' | '=' | '?' | '@' | '{'))
}

/// `skip_anyof()` from just after the `[`: the index of the closing `]`, if any.
pub(crate) fn skip_collection(src: &[char], mut p: usize) -> Option<usize> {
    let at = |i: usize| src.get(i).copied().unwrap_or('\0');
    if at(p) == '^' {
        p += 1;
    }
    if matches!(at(p), ']' | '-') {
        p += 1;
    }
    while p < src.len() && at(p) != ']' {
        let c = at(p);
        if c == '-' {
            p += 1;
            if p < src.len() && at(p) != ']' {
                p += 1;
            }
        } else if c == '\\' && (matches!(at(p + 1), ']' | '^' | '-' | 'n' | '\\') || is_abbr(at(p + 1))) {
            p += 2;
        } else if c == '[' {
            if let Some((_, len)) = class_name(src, p) {
                p += len;
            } else if let Some(len) = equi_class(src, p) {
                p += len;
            } else if let Some((_, len)) = coll_element(src, p) {
                p += len;
            } else {
                p += 1;
            }
        } else {
            p += 1;
        }
    }
    (p < src.len() && at(p) == ']').then_some(p)
}

/// `[:name:]` at `p`: the class and the length of the item.
fn class_name(src: &[char], p: usize) -> Option<(Class, usize)> {
    if src.get(p + 1) != Some(&':') {
        return None;
    }
    let rest: String = src[p + 2..].iter().take(12).collect();
    Class::NAMED.iter().find(|(name, _)| rest.starts_with(&format!("{name}:]"))).map(|&(name, class)| (class, name.len() + 4))
}

/// `[=x=]` at `p`: its length.
fn equi_class(src: &[char], p: usize) -> Option<usize> {
    (src.get(p + 1) == Some(&'=') && src.get(p + 2).is_some_and(|&c| c != '\0') && src.get(p + 3) == Some(&'=') && src.get(p + 4) == Some(&']')).then_some(5)
}

/// `[.x.]` at `p`: the character and the item's length.
fn coll_element(src: &[char], p: usize) -> Option<(char, usize)> {
    let c = *src.get(p + 2)?;
    (src.get(p + 1) == Some(&'.') && src.get(p + 3) == Some(&'.') && src.get(p + 4) == Some(&']')).then_some((c, 5))
}

/// `coll_get_char()`: `\d123 \o12 \x2a \u20ac \U...` in a collection, `p` on the letter.
/// Without digits it is a backslash, and the letter is read next.
fn coll_get_char(src: &[char], p: usize) -> (char, usize) {
    let letter = src.get(p).copied().unwrap_or('\0');
    let mut lx = Lexer::new(&src[p + 1..].iter().collect::<String>(), Magic::On);
    let n = match letter {
        'd' => lx.dec_chars(),
        'o' => lx.oct_chars(),
        'x' => lx.hex_chars(2),
        'u' => lx.hex_chars(4),
        'U' => lx.hex_chars(8),
        _ => None,
    };
    match n.filter(|&n| n <= i32::MAX as u64).and_then(|n| if n == 0 { Some('\n') } else { char::from_u32(n as u32) }) {
        Some(ch) => (ch, p + 1 + lx.at),
        None => ('\\', p),
    }
}
