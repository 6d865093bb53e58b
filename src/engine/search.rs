//! Search: `/` `?` `n` `N` `*` `#` for literal patterns. Vim's defaults under the contract
//! apply: 'magic', 'wrapscan', no 'ignorecase', 'cpoptions' with `c`: searchit() scans a line
//! for matches left to right, each scan going on from the end of the match before, and takes
//! the first one after the cursor (the last one before it, backwards) — the matches
//! `str::match_indices` gives. A pattern with any character that is special to Vim's regexp
//! engine (`\ . * [ ~ ^ $`) or a search offset is refused.

use super::motion::{Motion, MotionKind};
use super::normal::Cmd;
use super::{chars, Flow, Mode, Pos, Res, Vim};
use crate::keys::Key;

/// The last search: what `n` and `N` repeat.
#[derive(Clone, Debug)]
pub struct LastSearch {
    pattern: String,
    /// `*` and `#` search for the whole word (`\<word\>`).
    whole_word: bool,
    forward: bool,
}

/// `/{pattern}<CR>` and `?{pattern}<CR>`.
pub(crate) fn search_typed(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let forward = cmd.key == Key::Char('/');
    let mut pattern = String::new();
    let saved_mode = vim.mode;
    vim.mode = Mode::CommandLine;
    let read = super::cmdline::read_line(vim, &mut pattern);
    vim.mode = saved_mode;
    // do_pending_operator() puts the pattern and a NL in the redo buffer.
    vim.motion_keys = pattern.chars().map(Key::Char).chain([Key::Char('\n')]).collect();
    // Abandoned (<Esc>): the operator is cancelled without a beep.
    if read?.is_none() {
        vim.pending = None;
        return Err(Flow::Fail);
    }
    let search = if pattern.is_empty() {
        // An empty pattern searches for the last one again, in this direction.
        let last = vim.last_search.clone().ok_or(Flow::Fail)?;
        LastSearch { forward, ..last }
    } else {
        let terminator = if forward { '/' } else { '?' };
        if pattern.contains(terminator) {
            return Err(vim.unsupported(cmd.key, "a search offset"));
        }
        if let Some(c) = pattern.chars().find(|&c| matches!(c, '\\' | '.' | '*' | '[' | '~' | '^' | '$') || chars::may_be_composing(c)) {
            return Err(vim.unsupported(Key::Char(c), "this character in a search pattern (only literal patterns are modelled)"));
        }
        LastSearch { pattern, whole_word: false, forward }
    };
    run(vim, cmd, search)
}

/// `n` (same direction) and `N` (the other).
pub(crate) fn search_next(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let last = vim.last_search.clone().ok_or(Flow::Fail)?;
    if (!last.whole_word && !is_literal(&last.pattern)) || vim.ex.offset_pattern.as_deref() == Some(last.pattern.as_str()) {
        // Set by an ex command (`:s`, `:g`, `/pat/` addresses) with a regex.
        return Err(vim.unsupported(cmd.key, "repeating a search for a pattern with special characters"));
    }
    let forward = if cmd.key == Key::Char('N') { !last.forward } else { last.forward };
    let found = find(vim, &last, forward, cmd.count1)?;
    Ok(Motion::new(found, MotionKind::Exclusive).jump())
}

/// `*` and `#`: the keyword under or after the cursor, as a whole word.
pub(crate) fn search_word(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let line = vim.cur_line();
    let mut start = vim.cur.col;
    // find_ident_under_cursor(): the keyword under the cursor, else the first one after it.
    let rest = &line[start..];
    let Some(offset) = rest.char_indices().find(|&(_, c)| chars::is_word_char(c)).map(|(i, _)| i) else {
        // No keyword: Vim takes the non-blank text instead, without \< \>.
        return Err(vim.unsupported(cmd.key, "* or # on text without a keyword"));
    };
    if rest[..offset].chars().any(|c| !c.is_ascii()) {
        return Err(vim.unsupported(cmd.key, "* or # past non-ASCII characters"));
    }
    start += offset;
    while let Some(c) = line[..start].chars().next_back().filter(|&c| chars::is_word_char(c)) {
        start -= c.len_utf8();
    }
    let end = start + line[start..].char_indices().find(|&(_, c)| !chars::is_word_char(c)).map_or(line.len() - start, |(i, _)| i);
    let word = line[start..end].to_string();
    if !word.chars().all(|c| c.is_ascii()) {
        // Vim's keyword test above 0x7f follows its own tables.
        return Err(vim.unsupported(cmd.key, "* or # on a word with non-ASCII letters"));
    }
    // The search starts at the start of the word (so `*` on its only occurrence stays).
    vim.cur.col = start;
    let search = LastSearch { pattern: word, whole_word: true, forward: cmd.key == Key::Char('*') };
    run(vim, cmd, search)
}

/// Is `pattern` matched literally by this module's scan (no character special to Vim)?
fn is_literal(pattern: &str) -> bool {
    !pattern.chars().any(|c| matches!(c, '\\' | '.' | '*' | '[' | '~' | '^' | '$') || chars::may_be_composing(c))
}

impl Vim {
    /// The last search pattern as a pattern (`*` gives `\<word\>`), for ex commands.
    pub(crate) fn last_search_pattern(&self) -> Option<String> {
        self.last_search.as_ref().map(|s| if s.whole_word { format!("\\<{}\\>", s.pattern) } else { s.pattern.clone() })
    }

    /// An ex command (`:s`, `:g`, an address) typed a pattern: it is what `n` repeats. Only
    /// an address search sets the direction.
    pub(crate) fn set_last_search(&mut self, pattern: &str, forward: Option<bool>) {
        let forward = forward.unwrap_or_else(|| self.last_search.as_ref().map_or(true, |s| s.forward));
        self.last_search = Some(LastSearch { pattern: pattern.to_string(), whole_word: false, forward });
    }
}

/// Remember `search` for `n` and go to its `count`th match.
fn run(vim: &mut Vim, cmd: &Cmd, search: LastSearch) -> Res<Motion> {
    vim.last_search = Some(search.clone());
    let found = find(vim, &search, search.forward, cmd.count1)?;
    Ok(Motion::new(found, MotionKind::Exclusive).jump())
}

/// The `count`th match from the cursor, wrapping around the ends ('wrapscan'). Fails (E486)
/// when there is none.
fn find(vim: &Vim, search: &LastSearch, forward: bool, count: usize) -> Res<Pos> {
    let mut at = vim.cur;
    for _ in 0..count {
        at = next(vim, search, forward, at).ok_or(Flow::Fail)?;
    }
    Ok(at)
}

/// The next match after (or before) `from`.
fn next(vim: &Vim, search: &LastSearch, forward: bool, from: Pos) -> Option<Pos> {
    let lines = vim.lines();
    let n = lines.len();
    let matches = |line: usize| matches_in(&lines[line], search);
    if forward {
        if let Some(col) = matches(from.line).find(|&col| col > from.col) {
            return Some(Pos::new(from.line, col));
        }
        // The following lines, then from the top (the start line again, whole).
        (1..=n).map(|k| (from.line + k) % n).find_map(|line| matches(line).next().map(|col| Pos::new(line, col)))
    } else {
        if let Some(col) = matches(from.line).filter(|&col| col < from.col).last() {
            return Some(Pos::new(from.line, col));
        }
        (1..=n).map(|k| (from.line + n - k) % n).find_map(|line| matches(line).last().map(|col| Pos::new(line, col)))
    }
}

/// Where the pattern matches in a line (byte columns, left to right).
fn matches_in<'a>(line: &'a str, search: &'a LastSearch) -> impl Iterator<Item = usize> + 'a {
    line.match_indices(search.pattern.as_str()).map(|(col, _)| col).filter(move |&col| {
        !search.whole_word || {
            let before = line[..col].chars().next_back();
            let after = line[col + search.pattern.len()..].chars().next();
            !before.is_some_and(chars::is_word_char) && !after.is_some_and(chars::is_word_char)
        }
    })
}
