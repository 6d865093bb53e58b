//! Ex addresses and ranges (`ex_docmd.c`: `parse_cmd_range()`, `get_address()`): numbers,
//! `.`, `$`, `%`, marks, `/pat/` and `?pat?` searches, `\/ \? \&`, `+N`/`-N` offsets, `,`
//! and `;`. Line numbers are 1-based here, as in Vim.

use crate::engine::markmove::{MarkAt, OnDelete};
use super::super::regex::{MatchEnv, Regex, RegexError};
use super::super::{Flow, Res, Vim};
use crate::engine::regex;

/// A parsed range (Vim's `line1`, `line2`, `addr_count`); lines may be 0, negative (`:-9d`)
/// or past the end until checked: Vim asks about a backwards range before it rejects a
/// negative one (`:1;-1d` asks to swap, and the keys typed after it answer).
#[derive(Clone, Copy, Debug)]
pub struct Range {
    pub line1: i64,
    pub line2: i64,
    pub addr_count: usize,
}

impl Range {
    /// No address: the cursor line.
    pub fn default_for(vim: &Vim) -> Range {
        let l = vim.cur.line as i64 + 1;
        Range { line1: l, line2: l, addr_count: 0 }
    }

    /// `invalid_range()`: a negative line or one past the last is E16.
    pub fn check(&self, vim: &mut Vim) -> Res {
        let count = vim.last_line() as i64 + 1;
        if self.line1 < 0 || self.line2 < 0 || self.line1 > count || self.line2 > count {
            return Err(vim.emsg(20)); // E16: Invalid range
        }
        Ok(())
    }

    /// `correct_range()`: line 0 means line 1 for commands that do not take it.
    pub fn correct(&mut self) {
        self.line1 = self.line1.max(1);
        self.line2 = self.line2.max(1);
    }
}

/// Parse the range at the start of `p` into `range`; returns the rest.
pub fn parse_range<'a>(vim: &mut Vim, mut p: &'a str, range: &mut Range) -> Res<&'a str> {
    let mut empty;
    loop {
        range.line1 = range.line2;
        range.line2 = vim.cur.line as i64 + 1;
        p = p.trim_start_matches([' ', '\t']);
        let (lnum, rest) = get_address(vim, p)?;
        p = rest;
        empty = lnum.is_none();
        match lnum {
            None if p.starts_with('%') => {
                p = &p[1..];
                range.line1 = 1;
                range.line2 = vim.last_line() as i64 + 1;
                range.addr_count += 1;
            }
            None if p.starts_with('*') => return Err(vim.ex_unsupported("*", "the Visual area address *")),
            None => {}
            Some(l) => {
                if l < 0 && p.starts_with(';') {
                    // Vim puts the cursor on the negative line and reads it (an internal
                    // error, E315); what follows is not modelled.
                    return Err(vim.ex_unsupported(";", "a negative line number before ;"));
                }
                range.line2 = l;
            }
        }
        range.addr_count += 1;
        if p.starts_with(';') {
            // The cursor goes to the address, so the next one is relative to it.
            if range.line2 == 0 {
                return Err(vim.ex_unsupported(";", "line 0 before ;"));
            }
            vim.cur.line = (range.line2 as usize - 1).min(vim.last_line());
            vim.clamp_cursor();
        } else if !p.starts_with(',') {
            break;
        }
        p = &p[1..];
    }
    if range.addr_count == 1 {
        range.line1 = range.line2;
        // ... but only implicit: really no address given.
        if empty {
            range.addr_count = 0;
        }
    }
    Ok(p)
}

/// What follows the range at the start of `p` (Vim's `skip_range()`).
pub fn skip_range(mut p: &str) -> &str {
    loop {
        let Some(c) = p.chars().next() else { return p };
        match c {
            ' ' | '\t' | '.' | '$' | '%' | ',' | ';' | '+' | '-' | '0'..='9' => p = &p[1..],
            '\'' => {
                p = &p[1..];
                if let Some(m) = p.chars().next() {
                    p = &p[m.len_utf8()..];
                }
            }
            '/' | '?' => p = split_pattern(&p[1..], c).1,
            '\\' => {
                p = &p[1..];
                if let Some(m) = p.chars().next() {
                    p = &p[m.len_utf8()..];
                }
            }
            _ => return p,
        }
    }
}

/// One address (`get_address()`): `None` when there is none. A search may follow another
/// address and starts from its line (`:.+2/e/`, `:/a//b/`, `:'a\/`).
fn get_address<'a>(vim: &mut Vim, mut p: &'a str) -> Res<(Option<i64>, &'a str)> {
    let last = vim.last_line() as i64 + 1;
    let cur = vim.cur.line as i64 + 1;
    let mut lnum: Option<i64> = None;
    let mut first = true;
    loop {
        match p.chars().next() {
            Some('.') if first => {
                lnum = Some(cur);
                p = &p[1..];
            }
            Some('$') if first => {
                lnum = Some(last);
                p = &p[1..];
            }
            Some('\'') if first => {
                let Some(c) = p[1..].chars().next() else { return Err(vim.emsg(20)) };
                p = &p[1 + c.len_utf8()..];
                lnum = Some(mark_line(vim, c)? as i64);
            }
            Some(c @ ('/' | '?')) => {
                let (pattern, rest) = split_pattern(&p[1..], c);
                p = rest;
                // do_search() takes one line offset itself (`/pat/-1`), kept within the file,
                // and remembers it for `n` before it searches (a failing search keeps it), once
                // a pattern is known (E35 comes first).
                let mut offset = None;
                if p.starts_with(['+', '-']) || p.starts_with(|c: char| c.is_ascii_digit()) {
                    let sign_len = usize::from(!p.starts_with(|c: char| c.is_ascii_digit()));
                    let digits = p[sign_len..].len() - p[sign_len..].trim_start_matches(|c: char| c.is_ascii_digit()).len();
                    let n: i64 = if digits == 0 { 1 } else { p[sign_len..sign_len + digits].parse().unwrap_or(i64::MAX / 4) };
                    offset = Some(if p.starts_with('-') { -n } else { n });
                    p = &p[sign_len + digits..];
                }
                if pattern.is_empty() && vim.last_search_pattern().is_none() {
                    return Err(vim.emsg(40)); // E35: No previous regular expression
                }
                vim.set_last_search_line_offset(offset);
                let start = search_start(vim, lnum, last, c)?;
                let line = search_address(vim, pattern, c == '/', start)? as i64;
                lnum = Some(offset.map_or(line, |off| (line + off).clamp(1, last)));
            }
            Some('\\') => {
                let which = p[1..].chars().next();
                if !matches!(which, Some('/' | '?' | '&')) {
                    return Err(vim.emsg(45)); // E10: \ should be followed by /, ? or &
                }
                let start = match lnum {
                    None => vim.cur.line,
                    // searchit() starts from the line as given, not kept within the file.
                    Some(l) if (1..=last).contains(&l) => l as usize - 1,
                    Some(_) => return Err(vim.ex_unsupported("\\", "a search from a line outside the file")),
                };
                lnum = Some(repeat_search_address(vim, which == Some('&'), which != Some('?'), start)? as i64);
                p = &p[2..];
            }
            Some(c) if first && c.is_ascii_digit() => {
                let digits = p.len() - p.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                lnum = Some(p[..digits].parse::<i64>().unwrap_or(i64::MAX / 4));
                p = &p[digits..];
            }
            _ => {}
        }
        first = false;
        // Offsets: `+N`, `-N`, `+`, `-`, and a bare number after an address (`.5` is `.+5`).
        loop {
            p = p.trim_start_matches([' ', '\t']);
            let Some(c) = p.chars().next() else { break };
            if c != '-' && c != '+' && !c.is_ascii_digit() {
                break;
            }
            let base = lnum.unwrap_or(cur);
            let sign = if c.is_ascii_digit() { '+' } else {
                p = &p[1..];
                c
            };
            let digits = p.len() - p.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let n = if digits == 0 { 1 } else { p[..digits].parse::<i64>().unwrap_or(i64::MAX / 4) };
            p = &p[digits..];
            lnum = Some(if sign == '-' { base - n } else { base.saturating_add(n) });
        }
        if !p.starts_with(['/', '?']) {
            break;
        }
    }
    Ok((lnum, p))
}

/// The line of mark `c` (1-based).
fn mark_line(vim: &mut Vim, c: char) -> Res<usize> {
    let mark = match c {
        'a'..='z' | 'A'..='Z' => vim.marks.named(c),
        // None: deleted with its line.
        '\'' | '`' => vim.marks.previous,
        // The last Visual selection's first and last lines (`:` in Visual mode types `'<,'>`).
        '<' | '>' => vim.visual_mark(c),
        '.' => {
            return match vim.last_change() {
                Some(Some(pos)) if pos.line <= vim.last_line() => Ok(pos.line + 1),
                Some(Some(_)) => Err(vim.emsg(33)), // E19: Mark has invalid line number
                Some(None) => Err(vim.emsg(20)),
                None => Err(vim.ex_unsupported("'", "'. after a change whose position the engine does not follow")),
            }
        }
        _ => return Err(vim.ex_unsupported("'", &format!("the mark '{c} in an address"))),
    };
    let Some(mark) = mark else { return Err(vim.emsg(20)) }; // E20: Mark not set
    let pos = match vim.mark_now(mark, OnDelete::of_named(c)) {
        MarkAt::At(pos) => pos,
        MarkAt::Deleted => return Err(vim.emsg(20)),
        MarkAt::Unknown => return Err(vim.ex_unsupported("'", "a mark set before lines changed in a way the engine does not follow")),
    };
    if pos.line > vim.last_line() {
        return Err(vim.emsg(20));
    }
    Ok(pos.line + 1)
}

/// Split `text` at the first `delim` that ends a pattern (Vim's `skip_regexp()`); the
/// delimiter is dropped. Without one the pattern runs to the end.
pub fn split_pattern(text: &str, delim: char) -> (&str, &str) {
    let end = regex::skip_regexp(text, delim, true);
    match text[end..].chars().next() {
        Some(c) if c == delim => (&text[..end], &text[end + c.len_utf8()..]),
        _ => (&text[..end], ""),
    }
}

/// Compile a pattern the user typed (empty: the last search pattern), with the options in
/// force; sets the last search pattern. Refuses what the regex engine cannot answer.
pub fn typed_regex(vim: &mut Vim, pattern: &str, forward: Option<bool>) -> Res<(Regex, String)> {
    let pattern = if pattern.is_empty() {
        match vim.last_search_pattern() {
            Some(p) => p,
            None => return Err(vim.emsg(30)), // E35: No previous regular expression
        }
    } else {
        pattern.to_string()
    };
    let regex = compile(vim, &pattern)?;
    vim.set_last_search(&pattern, forward);
    // An address search and `:g` save it as the search pattern too (RE_SEARCH, RE_BOTH).
    vim.search_slot = Some((pattern.clone(), vim.options.magic, false));
    Ok((regex, pattern))
}

/// Compile with the current options; a pattern Vim rejects is an ex error.
pub fn compile(vim: &mut Vim, pattern: &str) -> Res<Regex> {
    let (magic, smartcase) = (vim.options.magic, vim.options.smartcase);
    compile_as(vim, pattern, magic, smartcase)
}

/// Compile with 'ignorecase' now in force and the given 'magic' and smartcase (a pattern
/// reused keeps the 'magic' it was given under; smartcase is off for a `*` pattern).
pub fn compile_as(vim: &mut Vim, pattern: &str, magic: bool, smartcase: bool) -> Res<Regex> {
    let opts = regex::Options { ignorecase: vim.options.ignorecase, smartcase, magic };
    Regex::new(pattern, &opts, vim.ex.last_replacement.as_deref()).map_err(|e| regex_error(vim, e))
}

/// A regex failure as the engine reports it.
pub fn regex_error(vim: &mut Vim, e: RegexError) -> Flow {
    match e {
        RegexError::Invalid(_) => vim.emsg(40),
        RegexError::Unsupported(what) => Flow::Fatal(vim.unsupported_as(crate::engine::Feature::Regex, what.clone(), &format!("pattern item {what}"))),
        RegexError::LimitExceeded => Flow::Fatal(crate::engine::Error::LimitExceeded { limit: "regex work", position: vim.input.key_index }),
    }
}

/// Does `line` (0-based) have a match anywhere?
pub fn line_matches(vim: &mut Vim, regex: &Regex, line: usize) -> Res<bool> {
    let env = MatchEnv::buffer(vim.cur);
    match regex.find_at(vim.buf.lines(), line, 0, &env) {
        Ok(m) => Ok(m.is_some()),
        Err(e) => Err(regex_error(vim, e)),
    }
}

/// Where a `/pat/` or `?pat?` address starts (0-based): the cursor line, or the line of the
/// address before it, kept within the file. After line 0 Vim searches from the cursor line
/// (only `0;/pat/` starts before the first line): refused.
fn search_start(vim: &mut Vim, lnum: Option<i64>, last: i64, c: char) -> Res<usize> {
    match lnum {
        None => Ok(vim.cur.line),
        Some(l) if l > 0 => Ok(l.min(last) as usize - 1),
        Some(_) => Err(vim.ex_unsupported(&c.to_string(), "a search after line 0 or a negative line")),
    }
}

/// `/pat/` and `?pat?`: the next line after (before) line `start` with a match, wrapping
/// around with 'wrapscan' and ending at that line itself.
fn search_address(vim: &mut Vim, pattern: &str, forward: bool, start: usize) -> Res<usize> {
    let (regex, _) = typed_regex(vim, pattern, Some(forward))?;
    search_lines(vim, &regex, pattern.len(), forward, start)
}

/// `\/`, `\?` (the search pattern, not one only `:s` used) and `\&` (the substitute
/// pattern): searchit() from line `start`, leaving the last pattern used, its offset and the
/// direction alone.
fn repeat_search_address(vim: &mut Vim, substitute: bool, forward: bool, start: usize) -> Res<usize> {
    let slot = if substitute {
        vim.ex.last_sub_pattern.clone().map(|p| (p, vim.options.magic, false))
    } else {
        vim.search_slot.clone()
    };
    let Some((pattern, magic, no_smartcase)) = slot else {
        return Err(vim.emsg(40)); // E35: No previous regular expression
    };
    if substitute {
        // searchit() saves the substitute pattern it used as the search pattern.
        vim.search_slot = Some((pattern.clone(), magic, false));
    }
    let smartcase = vim.options.smartcase && !no_smartcase;
    let regex = compile_as(vim, &pattern, magic, smartcase)?;
    search_lines(vim, &regex, pattern.len(), forward, start)
}

/// The line search of an address: the first line after (before) `start` with a match.
fn search_lines(vim: &mut Vim, regex: &Regex, pattern_len: usize, forward: bool, start: usize) -> Res<usize> {
    let n = vim.last_line() + 1;
    for k in 1..=n {
        if !vim.options.wrapscan && ((forward && start + k >= n) || (!forward && k > start)) {
            break;
        }
        let line = if forward { (start + k) % n } else { (start + n - k) % n };
        if line_matches(vim, &regex, line)? {
            // do_search() found it: the wanted column is computed again.
            vim.set_curswant = true;
            if ((forward && start + k >= n) || (!forward && k > start)) && vim.ex.messages > 0 {
                // "search hit BOTTOM, continuing at TOP": the next message overwrites it
                // unless one was given before it (measured), when it is one more line.
                vim.msg(40);
            }
            return Ok(line + 1);
        }
    }
    Err(vim.emsg(30 + pattern_len)) // E486: Pattern not found / E384 E385
}
