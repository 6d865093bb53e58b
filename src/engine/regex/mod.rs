//! Vim's regular expressions, with Vim's syntax and Vim's answers: the pattern language of
//! `:help pattern` (magic levels, `\zs`, `\{-}`, `\_x`, `\%[]`, lookarounds, ...) parsed by a
//! port of Vim's own lexer ([`lexer`]) and parser ([`parse`]), and matched in Vim's order by a
//! bounded backtracking machine ([`matcher`]) over the buffer's lines.
//!
//! The API is what `/`, `:s`, `:g` and `:sort /pat/` need: [`Regex::new`] compiles a pattern
//! with the options in force ([`Options`]), [`Regex::find_at`] finds the first match starting
//! in one line at or after a byte column (the match may run over later lines), with its
//! `\zs`/`\ze`-adjusted start and end and its `\(\)` groups. What the engine cannot answer
//! exactly as Vim does is [`RegexError::Unsupported`]; what Vim rejects is
//! [`RegexError::Invalid`] with Vim's error number.

mod class;
mod items;
mod lexer;
mod matcher;
mod parse;

pub use items::{pattern_items_markdown, PATTERN_ITEMS};
pub(crate) use parse::skip_collection;

use crate::engine::Pos;
use lexer::Magic;
use matcher::{Machine, Program};

/// The options a pattern is compiled with ('ignorecase', 'smartcase', 'magic').
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub ignorecase: bool,
    /// Only for patterns the user typed (`/`, `?`, `n`, `N`, `:s`, `:g`); never for `*`/`#`.
    pub smartcase: bool,
    pub magic: bool,
}

impl Default for Options {
    /// Vim's defaults under the contract.
    fn default() -> Options {
        Options { ignorecase: false, smartcase: false, magic: true }
    }
}

/// Why a pattern gives no answer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RegexError {
    /// Vim rejects the pattern with this error (e.g. `"E54"`).
    #[error("invalid pattern ({0})")]
    Invalid(&'static str),
    /// The engine cannot give Vim's answer for this pattern or text.
    #[error("unsupported in a pattern: {0}")]
    Unsupported(String),
    /// The match needed more work (or nesting) than the engine's bound.
    #[error("the pattern needs too much work")]
    LimitExceeded,
}

/// Where a match runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MatchEnv {
    /// Buffer lines (a line break after each line, `\%l` and `\%#` meaningful) rather than a
    /// string (Vim's `match()` family: no line breaks at all).
    pub multiline: bool,
    /// The cursor, for `\%#`.
    pub cursor: Option<Pos>,
}

impl MatchEnv {
    /// Matching in a buffer's lines.
    pub fn buffer(cursor: Pos) -> MatchEnv {
        MatchEnv { multiline: true, cursor: Some(cursor) }
    }
}

/// A match: where it starts and ends (after `\zs`/`\ze`), and the groups `\1`..`\9`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    pub start: Pos,
    /// Exclusive; may be on a later line (or at column 0 of the line after the last one,
    /// when the pattern matched the last line's break).
    pub end: Pos,
    /// `groups[n]` is `\n`'s (start, end); `groups[0]` is the whole match.
    pub groups: [Option<(Pos, Pos)>; 10],
    /// The line where matching stopped, which `\ze` may leave after `end`: searchit()
    /// counts the lines a match spans (`nmatched`) from here.
    pub reached_line: usize,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    program: Program,
}

impl Regex {
    /// Compile `pattern`. `last_substitute` is the string `~` stands for (none yet: `~` is
    /// Vim's E33).
    pub fn new(pattern: &str, options: &Options, last_substitute: Option<&str>) -> Result<Regex, RegexError> {
        let parsed = parse::parse(pattern, options.magic, last_substitute)?;
        let ignore_case = if parsed.ignore_case {
            true
        } else if parsed.match_case {
            false
        } else {
            options.ignorecase && !(options.smartcase && has_uppercase(pattern, options.magic))
        };
        Ok(Regex { program: matcher::compile(&parsed.root, ignore_case)? })
    }

    /// Does the pattern ignore case (options and `\c`/`\C` together)?
    pub fn ignores_case(&self) -> bool {
        self.program.ignore_case
    }

    /// The first match that Vim's `vim_regexec_multi()` finds trying start positions in
    /// `line` from byte `col` on (the end of the line included).
    pub fn find_at(&self, lines: &[String], line: usize, col: usize, env: &MatchEnv) -> Result<Option<Match>, RegexError> {
        let Some(text) = lines.get(line) else { return Ok(None) };
        let mut machine = Machine::new(&self.program, lines, env);
        let mut at = col;
        while at <= text.len() {
            let attempt = Pos::new(line, at);
            if let Some(raw_end) = machine.try_at(attempt)? {
                let slots = machine.slots;
                let start = slots[0].unwrap_or(attempt);
                let end = slots[1].unwrap_or(raw_end);
                let mut groups = [None; 10];
                groups[0] = Some((start, end));
                for (n, group) in groups.iter_mut().enumerate().skip(1) {
                    if let (Some(s), Some(e)) = (slots[2 * n], slots[2 * n + 1]) {
                        *group = Some((s, e));
                    }
                }
                return Ok(Some(Match { start, end, groups, reached_line: raw_end.line }));
            }
            match text[at..].chars().next() {
                Some(c) => at += c.len_utf8(),
                None => break,
            }
        }
        Ok(None)
    }
}

/// Vim's `pat_has_uppercase()` (for 'smartcase'): an upper-case letter that is not part of
/// an item like `\S` or `\%V`. The magic level is the one the pattern ends in.
pub fn has_uppercase(pattern: &str, magic: bool) -> bool {
    let level = final_magic(pattern, magic);
    let p: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i < p.len() {
        let c = p[i];
        let next = |k: usize| p.get(i + k).copied();
        if !c.is_ascii() {
            if c.is_uppercase() {
                return true;
            }
            i += 1;
        } else if c == '\\' && level <= Magic::On {
            i += match (next(1), next(2)) {
                (Some('_' | '%'), Some(_)) => 3,
                (Some(_), _) => 2,
                (None, _) => 1,
            };
        } else if (c == '%' || c == '_') && level == Magic::All {
            i += if next(1).is_some() { 2 } else { 1 };
        } else if c.is_ascii_uppercase() {
            return true;
        } else {
            i += 1;
        }
    }
    false
}

/// The magic level at the end of `pattern` (`skip_regexp_ex()`'s `magic_val`).
fn final_magic(pattern: &str, magic: bool) -> Magic {
    let mut level = if magic { Magic::On } else { Magic::Off };
    let p: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    while i < p.len() {
        if (p[i] == '[' && level >= Magic::On) || (p[i] == '\\' && p.get(i + 1) == Some(&'[') && level <= Magic::Off) {
            // skip_anyof(): inside a collection \v and \V are not flags.
            let from = if p[i] == '[' { i + 1 } else { i + 2 };
            match parse_skip_collection(&p, from) {
                Some(end) => {
                    i = end + 1;
                    continue;
                }
                None => break,
            }
        } else if p[i] == '\\' && i + 1 < p.len() {
            i += 1;
            match p[i] {
                'v' => level = Magic::All,
                'V' => level = Magic::None,
                _ => {}
            }
        }
        i += 1;
    }
    level
}

fn parse_skip_collection(p: &[char], from: usize) -> Option<usize> {
    parse::skip_collection(p, from)
}

/// Vim's `skip_regexp()`: the byte index in `text` of the `delim` that ends a pattern
/// starting there (or `text.len()`), skipping `\x` escapes and `[]` collections so that a
/// delimiter inside them does not end it. The magic level follows `\v` and `\V`.
pub fn skip_regexp(text: &str, delim: char, magic: bool) -> usize {
    let p: Vec<(usize, char)> = text.char_indices().collect();
    let chars: Vec<char> = p.iter().map(|&(_, c)| c).collect();
    let mut level = if magic { Magic::On } else { Magic::Off };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == delim {
            return p[i].0;
        }
        let next = chars.get(i + 1).copied();
        if (c == '[' && level >= Magic::On) || (c == '\\' && next == Some('[') && level <= Magic::Off) {
            let from = if c == '[' { i + 1 } else { i + 2 };
            match parse::skip_collection(&chars, from) {
                Some(end) => i = end,
                None => return text.len(),
            }
        } else if c == '\\' && next.is_some() {
            i += 1;
            match chars[i] {
                'v' => level = Magic::All,
                'V' => level = Magic::None,
                _ => {}
            }
        }
        i += 1;
    }
    text.len()
}
