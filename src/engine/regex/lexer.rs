//! The pattern lexer: Vim's `peekchr()`/`skipchr()`/`getchr()`/`ungetchr()` (regexp.c).
//!
//! Whether a character is special depends on the magic level (`\v \m \M \V`), on the
//! backslash before it, and on where it stands (`^` only at the start of a branch, `$` only
//! at its end, `*` not at the start). Vim decides this in its lexer, with state carried from
//! one character to the next; this is that lexer, state for state, so that every pattern is
//! split into the same tokens Vim sees.

/// One lexed character: `Magic` when it has its special meaning (Vim's `Magic(c)`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    Char(char),
    Magic(char),
    /// The end of the pattern (Vim's NUL).
    End,
}

impl Tok {
    /// The character without its magic (Vim's `no_Magic()`); NUL for the end.
    pub(crate) fn plain(self) -> char {
        match self {
            Tok::Char(c) | Tok::Magic(c) => c,
            Tok::End => '\0',
        }
    }

    fn toggled(self) -> Tok {
        match self {
            Tok::Char(c) => Tok::Magic(c),
            Tok::Magic(c) => Tok::Char(c),
            Tok::End => Tok::End,
        }
    }
}

/// The magic level: `\V` (None), `\M` (Off), `\m` (On), `\v` (All).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Magic {
    None,
    Off,
    On,
    All,
}

/// Characters that a backslash may make magic or plain (Vim's `META_flags`).
fn is_meta(c: char) -> bool {
    matches!(c, '%' | '&' | '(' | ')' | '*' | '+' | '.' | '1'..='9' | '<' | '=' | '>' | '?' | '@' | 'A' | 'C' | 'D' | 'F' | 'H' | 'I' | 'K' | 'L' | 'M' | 'O' | 'P' | 'S' | 'U' | 'V' | 'W' | 'X' | 'Z' | '[' | '_' | 'a' | 'c' | 'd' | 'f' | 'h' | 'i' | 'k' | 'l' | 'm' | 'n' | 'o' | 'p' | 's' | 'u' | 'v' | 'w' | 'x' | 'z' | '{' | '|' | '~')
}

/// Letters that stand for a control character after a backslash (Vim's `REGEXP_ABBR`).
pub(crate) fn is_abbr(c: char) -> bool {
    matches!(c, 'n' | 'r' | 't' | 'e' | 'b' | 'd' | 'o' | 'x' | 'u' | 'U')
}

/// `\r \t \e \b` as characters (Vim's `backslash_trans()`).
pub(crate) fn backslash_trans(c: char) -> char {
    match c {
        'r' => '\r',
        't' => '\t',
        'e' => '\x1b',
        'b' => '\x08',
        _ => c,
    }
}

/// The lexer state: Vim's globals `regparse`, `curchr`, `prevchr`, ... in one struct.
pub(crate) struct Lexer {
    pub(crate) src: Vec<char>,
    /// Vim's `regparse`: index of the next unread character.
    pub(crate) at: usize,
    pub(crate) magic: Magic,
    cur: Option<Tok>,
    prev: Option<Tok>,
    prevprev: Option<Tok>,
    next: Option<Tok>,
    prev_len: usize,
    pub(crate) at_start: bool,
    pub(crate) prev_at_start: bool,
    after_slash: u32,
}

impl Lexer {
    pub(crate) fn new(pattern: &str, magic: Magic) -> Lexer {
        Lexer {
            src: pattern.chars().collect(),
            at: 0,
            magic,
            cur: None,
            prev: None,
            prevprev: None,
            next: None,
            prev_len: 0,
            at_start: true,
            prev_at_start: false,
            after_slash: 0,
        }
    }

    /// The raw character at `at + k` (NUL past the end).
    pub(crate) fn raw(&self, k: usize) -> char {
        self.src.get(self.at + k).copied().unwrap_or('\0')
    }

    /// Forget the peeked token (Vim's `curchr = -1`), after the magic level changed.
    pub(crate) fn forget_peeked(&mut self) {
        self.cur = None;
    }

    pub(crate) fn peek(&mut self) -> Tok {
        if let Some(t) = self.cur {
            return t;
        }
        let c = self.raw(0);
        let t = match c {
            '\0' if self.at >= self.src.len() => Tok::End,
            '.' | '[' | '~' => {
                if self.magic >= Magic::On {
                    Tok::Magic(c)
                } else {
                    Tok::Char(c)
                }
            }
            '(' | ')' | '{' | '%' | '+' | '=' | '?' | '@' | '!' | '&' | '|' | '<' | '>' | '#' | '"' | '\'' | ',' | '-' | ':' | ';' | '`' | '/' => {
                if self.magic == Magic::All {
                    Tok::Magic(c)
                } else {
                    Tok::Char(c)
                }
            }
            '*' => {
                let after_open = matches!(self.prev, Some(Tok::Magic('(' | '&' | '|')));
                if self.magic >= Magic::On
                    && !self.at_start
                    && !(self.prev_at_start && self.prev == Some(Tok::Magic('^')))
                    && (self.after_slash > 0 || !after_open)
                {
                    Tok::Magic('*')
                } else {
                    Tok::Char('*')
                }
            }
            '^' => {
                let prev_plain_paren = self.prev.map(Tok::plain) == Some('(') && self.prevprev == Some(Tok::Magic('%'));
                if self.magic >= Magic::Off
                    && (self.at_start
                        || self.magic == Magic::All
                        || matches!(self.prev, Some(Tok::Magic('(' | '|' | '&' | 'n')))
                        || prev_plain_paren)
                {
                    self.at_start = true;
                    self.prev_at_start = false;
                    Tok::Magic('^')
                } else {
                    Tok::Char('^')
                }
            }
            '$' => {
                if self.magic >= Magic::Off && self.dollar_is_magic() {
                    Tok::Magic('$')
                } else {
                    Tok::Char('$')
                }
            }
            '\\' => {
                let c1 = self.raw(1);
                if self.at + 1 >= self.src.len() {
                    Tok::Char('\\')
                } else if (c1 as u32) <= 0x7e && is_meta(c1) {
                    self.cur = None;
                    self.prev_at_start = self.at_start;
                    self.at_start = false;
                    self.at += 1;
                    self.after_slash += 1;
                    let inner = self.peek();
                    self.at -= 1;
                    self.after_slash -= 1;
                    inner.toggled()
                } else if is_abbr(c1) {
                    Tok::Char(backslash_trans(c1))
                } else if self.magic == Magic::None && (c1 == '$' || c1 == '^') {
                    Tok::Magic(c1)
                } else {
                    Tok::Char(c1)
                }
            }
            _ => Tok::Char(c),
        };
        self.cur = Some(t);
        t
    }

    /// Vim's test for a magic `$`: last in the pattern or before `\|`, `\)`, `\&` or `\n`.
    fn dollar_is_magic(&self) -> bool {
        let mut p = self.at + 1;
        let mut magic_all = self.magic == Magic::All;
        let at = |i: usize| self.src.get(i).copied().unwrap_or('\0');
        while at(p) == '\\' && matches!(at(p + 1), 'c' | 'C' | 'm' | 'M' | 'v' | 'V' | 'Z') {
            match at(p + 1) {
                'v' => magic_all = true,
                'm' | 'M' | 'V' => magic_all = false,
                _ => {}
            }
            p += 2;
        }
        p >= self.src.len()
            || (at(p) == '\\' && matches!(at(p + 1), '|' | '&' | ')' | 'n'))
            || (magic_all && matches!(at(p), '|' | '&' | ')'))
            || self.magic == Magic::All
    }

    /// Eat the peeked token.
    pub(crate) fn skip(&mut self) {
        self.prev_len = usize::from(self.raw(0) == '\\' && self.at < self.src.len());
        if self.at + self.prev_len < self.src.len() {
            self.prev_len += 1;
        }
        self.at += self.prev_len;
        self.prev_at_start = self.at_start;
        self.at_start = false;
        self.prevprev = self.prev;
        self.prev = self.cur;
        self.cur = self.next.take();
    }

    /// Eat the peeked token but keep the start-of-branch state (Vim's `skipchr_keepstart()`).
    pub(crate) fn skip_keepstart(&mut self) {
        let (as_, pr, prpr) = (self.prev_at_start, self.prev, self.prevprev);
        self.skip();
        self.at_start = as_;
        self.prev = pr;
        self.prevprev = prpr;
    }

    pub(crate) fn get(&mut self) -> Tok {
        let t = self.peek();
        self.skip();
        t
    }

    /// After reading raw characters (limits, collections): Vim sets `prevchr_len` and calls
    /// `skipchr()` past the closing character.
    pub(crate) fn skip_raw_closer(&mut self) {
        self.cur = None;
        self.next = None;
        self.skip();
    }

    /// Decimal digits at the raw position (Vim's `getdecchrs()`); `None` without any.
    pub(crate) fn dec_chars(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        let mut any = false;
        while let d @ '0'..='9' = self.raw(0) {
            n = n.saturating_mul(10).saturating_add(u64::from(d as u32 - '0' as u32));
            self.at += 1;
            self.cur = None;
            any = true;
        }
        any.then_some(n)
    }

    /// Up to `max` hex digits (Vim's `gethexchrs()`).
    pub(crate) fn hex_chars(&mut self, max: usize) -> Option<u64> {
        let mut n: u64 = 0;
        let mut i = 0;
        while i < max {
            let Some(d) = self.raw(0).to_digit(16) else { break };
            n = (n << 4) | u64::from(d);
            self.at += 1;
            i += 1;
        }
        (i > 0).then_some(n)
    }

    /// Up to three octal digits, value below 0o400 (Vim's `getoctchrs()`).
    pub(crate) fn oct_chars(&mut self) -> Option<u64> {
        let mut n: u64 = 0;
        let mut i = 0;
        while i < 3 && n < 0o40 {
            let Some(d) = self.raw(0).to_digit(8) else { break };
            n = (n << 3) | u64::from(d);
            self.at += 1;
            i += 1;
        }
        (i > 0).then_some(n)
    }
}
