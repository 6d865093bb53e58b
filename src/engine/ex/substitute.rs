//! `:s`, `:&`, `:~` (Vim's `ex_substitute()`/`do_sub()`): the pattern through the engine's
//! regex, each line's matches found in the line as it was (so lookbehind sees the old
//! text), the replacement's specials expanded as `vim_regsub()` does, `\r` splitting lines.
//! With the `c` flag each match waits for a typed answer (`y`, `n`, `a`, `q`, `l`, `<Esc>`).
//! A match that runs over a line break and `\=` are refused.

use super::super::regex::{MatchEnv, Regex};
use super::super::{Flow, Pos, Res, Vim};
use crate::keys::Key;
use super::super::undo::VimLines;
use super::range::{compile, regex_error, split_pattern};
use super::{Ex, ExCmd, PrintFlags};

/// The flags that `&` keeps (Vim's static `subflags`).
#[derive(Clone, Copy, Debug)]
pub struct SubFlags {
    all: bool,
    error: bool,
    count: bool,
    /// `c`: ask before each substitution (Vim's `do_ask`).
    ask: bool,
    /// `i` or `I`.
    ic: Option<char>,
    /// `p`, `#`, `l`: print the last line substituted.
    print: Option<PrintFlags>,
}

impl Default for SubFlags {
    /// Vim's initial `subflags`: only `do_error` is set.
    fn default() -> SubFlags {
        SubFlags { all: false, error: true, count: false, ask: false, ic: None, print: None }
    }
}

/// One piece of a replacement after `vim_regsub()`.
enum Piece {
    Text(char),
    /// A line break (`\r`, or a CR typed into the replacement).
    Break,
}

impl Ex {
    pub fn substitute(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        let mut p = cmd.arg;
        let tilde = cmd.name == "~";
        // Which pattern an empty one means: RE_LAST for `:s//`, `:~` and the `r` flag.
        let mut use_last = tilde;
        let pattern: Option<String>;
        let sub_raw: String;
        let first = p.chars().next();
        let new_pattern = cmd.name == "substitute"
            && first.is_some_and(|c| !c.is_whitespace() && !"0123456789cegriIp|\"".contains(c));
        if new_pattern {
            let delim = first.unwrap_or('/');
            if !delim.is_ascii() {
                return Err(vim.ex_unsupported("substitute", "a non-ASCII delimiter"));
            }
            if delim == '\\' {
                return Err(vim.ex_unsupported("substitute", "the \\/ \\? \\& forms"));
            }
            if delim.is_ascii_alphanumeric() || delim == '"' || delim == '|' {
                return Err(vim.emsg(40)); // E146: Regular expressions can't be delimited by letters
            }
            use_last = true;
            let (pat, rest) = split_pattern(&p[delim.len_utf8()..], delim);
            let _ = rest;
            let had_delim = p[delim.len_utf8() + pat.len()..].starts_with(delim);
            pattern = Some(pat.to_string());
            let after = if had_delim { &p[delim.len_utf8() + pat.len() + delim.len_utf8()..] } else { "" };
            // skip_substitute(): the replacement ends at an unescaped delimiter.
            let mut end = after.len();
            let mut chars = after.char_indices();
            while let Some((i, c)) = chars.next() {
                if c == delim {
                    end = i;
                    break;
                }
                if c == '\\' {
                    chars.next();
                }
            }
            sub_raw = after[..end].to_string();
            p = if end < after.len() { &after[end + delim.len_utf8()..] } else { "" };
            vim.ex.old_sub = Some(sub_raw.clone());
        } else {
            let Some(old) = vim.ex.old_sub.clone() else {
                return Err(vim.emsg(40)); // E35: No previous regular expression
            };
            pattern = None;
            sub_raw = old;
        }
        // Flags.
        let flags_text = p.trim_end_matches([' ', '\t']);
        let mut flags = vim.ex.last_sub_flags;
        if let Some(rest) = p.strip_prefix('&') {
            p = rest;
        } else {
            flags = SubFlags { all: vim.options.gdefault, error: true, count: false, ask: false, ic: None, print: None };
        }
        loop {
            match p.chars().next() {
                Some('g') => flags.all = !flags.all,
                Some('c') => flags.ask = !flags.ask,
                Some('n') => flags.count = true,
                Some('e') => flags.error = !flags.error,
                Some('r') => use_last = true,
                Some(c @ ('p' | '#' | 'l')) => PrintFlags::add(&mut flags.print, c),
                Some(c @ ('i' | 'I')) => flags.ic = Some(c),
                _ => break,
            }
            p = &p[1..];
        }
        if flags.count {
            flags.ask = false;
        }
        vim.ex.last_sub_flags = flags;
        let (mut line1, mut line2) = (cmd.line1, cmd.line2);
        p = p.trim_start_matches([' ', '\t']);
        if p.starts_with(|c: char| c.is_ascii_digit()) {
            let digits = p.len() - p.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let n: usize = p[..digits].parse().unwrap_or(usize::MAX);
            p = p[digits..].trim_start_matches([' ', '\t']);
            if n == 0 && flags.error {
                return Err(vim.emsg(30)); // E939
            }
            line1 = line2;
            line2 = line2.saturating_add(n.max(1) - 1).min(vim.last_line() + 1);
        }
        if !p.is_empty() {
            if let Some(next) = p.strip_prefix('|') {
                cmd.nextcmd = Some(next);
            } else if p.starts_with('"') {
                return Err(vim.ex_unsupported("substitute", "a comment after :s"));
            } else {
                return Err(vim.emsg(30)); // E488: Trailing characters
            }
        }
        // search_regcomp(): an empty pattern is the last one (of either kind with RE_LAST).
        let pattern = match pattern.filter(|p| !p.is_empty()) {
            Some(p) => p,
            None => {
                let last = if use_last { vim.last_search_pattern() } else { vim.ex.last_sub_pattern.clone() };
                match last {
                    Some(p) => p,
                    None => {
                        // search_regcomp() gives E35, then do_sub() E476 unless the `e` flag:
                        // two messages, so a typed line waits at the hit-enter prompt.
                        let failed = vim.emsg(40); // E35: No previous regular expression
                        return Err(if flags.error { vim.emsg(20) } else { failed }); // E476
                    }
                }
            }
        };
        if pattern == "\\n" && sub_raw.is_empty() && new_pattern && flags_text.len() <= 1 && flags_text.chars().all(|c| "glp#".contains(c)) {
            return join_lines(vim, &pattern, line1, line2, flags_text);
        }
        if pattern.contains("\\n") || pattern.contains("\\_") {
            return Err(vim.ex_unsupported("substitute", "a pattern that may match a line break"));
        }
        if !new_pattern && vim.curswant == usize::MAX {
            return Err(vim.ex_unsupported("substitute", "repeating :s after $ (the cursor stays in the last column)"));
        }
        if sub_raw.starts_with("\\=") {
            return Err(vim.ex_unsupported("substitute", "an expression replacement (\\=)"));
        }
        let pattern_for_regex = match flags.ic {
            Some('i') => format!("\\c{pattern}"),
            Some(_) => format!("\\C{pattern}"),
            None => pattern.clone(),
        };
        let regex = match compile(vim, &pattern_for_regex) {
            Ok(regex) => regex,
            // A pattern Vim rejects: its error, then do_sub()'s E476 unless the `e` flag.
            Err(Flow::Fail) if flags.error => return Err(vim.emsg(20)),
            Err(flow) => return Err(flow),
        };
        // search_regcomp()'s save_re_pat(RE_SUBST): a pattern taken from the substitute slot
        // itself (`:&`, `:s`, `&`, `g&` after `:&&`) is the same string, and then the last
        // used pattern stays what it was (`n` and `//` after `*:&&` still mean the `*` one).
        let from_subst_slot = !new_pattern && !use_last;
        if !from_subst_slot {
            vim.ex.last_sub_pattern = Some(pattern.clone());
            vim.set_last_search(&pattern, None);
        }
        // regtilde(): `~` is the previous replacement; the result is the next one's `~`.
        let sub = regtilde(&sub_raw, vim.ex.last_replacement.as_deref(), vim.options.magic);
        vim.ex.last_replacement = Some(sub.clone());
        run(vim, &regex, &sub, line1, line2, flags, pattern.len())
    }
}

/// `:s/\n//` is a join (do_sub() turns it into `do_join()` without spaces): the lines of
/// the range and the one after it.
fn join_lines(vim: &mut Vim, pattern: &str, line1: usize, line2: usize, flags: &str) -> Res {
    if !flags.is_empty() && flags != "g" {
        return Err(vim.ex_unsupported("substitute", "printing flags"));
    }
    let last = vim.last_line() + 1;
    let mut count = line2 - line1 + 1;
    if line2 < last {
        count += 1;
    }
    vim.cur.line = line1 - 1;
    vim.clamp_cursor();
    if count > 1 {
        vim.ex.undo_unsure = true;
        vim.do_join(count, false, false)?;
        if count - 1 > 2 {
            vim.msg(40);
        }
    }
    vim.ex.last_sub_pattern = Some(pattern.to_string());
    vim.set_last_search(pattern, None);
    Ok(())
}

/// Vim's `regtilde()`.
fn regtilde(sub: &str, prev: Option<&str>, magic: bool) -> String {
    let mut out = String::with_capacity(sub.len());
    let mut chars = sub.chars().peekable();
    while let Some(c) = chars.next() {
        if magic && c == '~' {
            out.push_str(prev.unwrap_or(""));
        } else if !magic && c == '\\' && chars.peek() == Some(&'~') {
            chars.next();
            out.push_str(prev.unwrap_or(""));
        } else {
            out.push(c);
            if c == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
            }
        }
    }
    out
}

/// The substitution over lines `line1..=line2` (1-based).
/// What was typed at the `c` flag's prompt for one match.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// `y`, `l`, `a`, or no question asked.
    Replace,
    /// `n`.
    Skip,
    /// `q`, `<Esc>`, `<C-c>`.
    Quit,
}

/// Where the `c` flag's prompt shows a match: its line and start, and how much longer the
/// line as shown is than the line in the buffer (Vim's `len_change`; `None` before the line's
/// first substitution).
struct Shown {
    lnum: usize,
    start: usize,
    len_change: Option<isize>,
}

/// The `c` flag's prompt (do_sub() with `do_ask`): keys are read until one answers; `<C-e>`
/// and `<C-y>` scroll (refused), anything else asks again. `l` replaces and makes this the
/// last line and match; `a` replaces this and the rest without asking. Each time the question
/// is shown after a substitution in the line, Vim moves the cursor by `len_change` again.
fn ask(vim: &mut Vim, ask: &mut bool, all: &mut bool, line2: &mut usize, shown: Shown) -> Res<Answer> {
    let lnum = shown.lnum;
    if vim.ex.global_busy {
        return Err(vim.ex_unsupported("substitute", "the c flag inside :g"));
    }
    // The screen is redrawn with the match in view.
    vim.screen.forget();
    let mut col = shown.start as isize;
    loop {
        col += shown.len_change.unwrap_or(0);
        let shown_len = vim.line(lnum).len() as isize + shown.len_change.unwrap_or(0);
        if col < 0 || col > shown_len {
            return Err(vim.ex_unsupported("substitute", "the c flag's prompt moving the cursor off the line (a key that asks again)"));
        }
        vim.cur = Pos::new(lnum, col as usize);
        let key = vim.getkey()?;
        return Ok(match key {
            Key::Char('q' | '\x1b' | '\x03') => Answer::Quit,
            Key::Char('n') => Answer::Skip,
            Key::Char('y') => Answer::Replace,
            Key::Char('l') => {
                *all = false;
                *line2 = lnum + 1;
                Answer::Replace
            }
            Key::Char('a') => {
                *ask = false;
                Answer::Replace
            }
            Key::Char('\x05' | '\x19') => return Err(vim.unsupported(key, "scrolling at the prompt of :s with the c flag")),
            _ => continue,
        });
    }
}

fn run(vim: &mut Vim, regex: &Regex, sub: &str, line1: usize, mut line2: usize, flags: SubFlags, pattern_len: usize) -> Res {
    let old_cursor = vim.cur;
    let mut nsubs = 0;
    let mut nlines = 0;
    let mut lnum = line1 - 1; // 0-based
    let mut last_line_done = None;
    let mut saved_undo = false;
    let mut grown = 0;
    let mut got_match = false;
    let mut quit = false;
    let (mut asking, mut all) = (flags.ask, flags.all);
    // Lines substituted while questions are still to come, and whether a typed key was read
    // since the last line written.
    let mut deferred: Vec<LineWrite> = Vec::new();
    let mut typed_since_write = false;
    // do_sub()'s `first_line`: the first line substituted, where the change is reported.
    let mut first_line = None;
    vim.begin_followed_change();
    while lnum < line2 && lnum <= vim.last_line() && !quit {
        let env = MatchEnv::buffer(vim.cur);
        let orig = vim.line(lnum).to_string();
        let mut col = 0;
        let mut prev_end: Option<usize> = None;
        let mut out: Vec<String> = vec![String::new()];
        let mut copied = 0;
        let mut any = false;
        loop {
            let m = match regex.find_at(vim.buf.lines(), lnum, col, &env) {
                Ok(Some(m)) => m,
                Ok(None) => break,
                Err(e) => return Err(regex_error(vim, e)),
            };
            if m.start.line != lnum || m.end.line != lnum {
                return Err(vim.ex_unsupported("substitute", "a match that runs over a line break"));
            }
            let (s, e) = (m.start.col, m.end.col);
            if s == e && e == col && prev_end == Some(col) {
                // An empty match where the last one ended does not count: look again one
                // character on, unless that is the end of the line.
                match orig[col..].chars().next() {
                    Some(c) => col += c.len_utf8(),
                    None => break,
                }
                if col >= orig.len() {
                    break;
                }
                continue;
            }
            if !got_match {
                // do_sub(): "At first match, remember current cursor position."
                vim.setpcmark(vim.cur);
                got_match = true;
            }
            let mut answer = Answer::Replace;
            if asking {
                if out.len() > 1 {
                    return Err(vim.ex_unsupported("substitute", "the c flag after a replacement that split the line"));
                }
                // The line as shown has this line's earlier substitutions made.
                let len_change = any.then(|| out[0].len() as isize - copied as isize);
                answer = ask(vim, &mut asking, &mut all, &mut line2, Shown { lnum, start: s, len_change })?;
                // A typed answer closed the undo step (may_sync_undo()).
                typed_since_write |= vim.last_key_typed_for_undo();
                if !asking {
                    flush_writes(vim, &mut deferred);
                }
            }
            prev_end = Some(e);
            col = e;
            if answer == Answer::Quit {
                quit = true;
                break;
            }
            if answer == Answer::Replace {
                any = true;
                nsubs += 1;
                if flags.ask {
                    // do_sub() puts the cursor at the start of the line after each
                    // substitution, so that it is not beyond the end of the line.
                    vim.cur = Pos::new(lnum, 0);
                }
                if !flags.count {
                    let pieces = regsub(vim, &orig, &m.groups, sub)?;
                    let last = out.len() - 1;
                    out[last].push_str(&orig[copied..s]);
                    for piece in pieces {
                        match piece {
                            Piece::Text(c) => {
                                let last = out.len() - 1;
                                out[last].push(c);
                            }
                            Piece::Break => out.push(String::new()),
                        }
                    }
                    copied = e;
                }
            }
            // `lastone`: no `g`, or the match ended at the end of the line.
            if !all || col >= orig.len() {
                break;
            }
        }
        if any {
            nlines += 1;
            if !flags.count {
                let last = out.len() - 1;
                out[last].push_str(&orig[copied..]);
                if !saved_undo && !flags.ask {
                    // The undo step remembers the first changed line, column 0 (measured:
                    // `u` returns there: do_sub() puts the cursor at the start of the line
                    // after each substitution).
                    vim.cur = Pos::new(lnum, 0);
                    saved_undo = true;
                }
                let added = out.len() - 1;
                grown += out.iter().map(|l| l.len() + 1).sum::<usize>().saturating_sub(orig.len() + 1);
                first_line.get_or_insert(lnum);
                let write = LineWrite { lnum, orig, new: out, cursor: vim.cur, typed_before: std::mem::take(&mut typed_since_write) };
                if asking && added == 0 {
                    // Kept until no question is left, so that the text is untouched while a
                    // question waits for a key that has not been typed yet (`Vim::feed`).
                    deferred.push(write);
                } else {
                    flush_writes(vim, &mut deferred);
                    write_line(vim, write);
                    if added > 0 {
                        lnum += added;
                        line2 += added;
                    }
                }
            }
            last_line_done = Some(lnum);
        }
        lnum += 1;
    }
    flush_writes(vim, &mut deferred);
    // Without the c flag do_sub() reports one change, from column 0 of the first line it
    // substituted (asking, it reports each line as it goes: not followed).
    if let (Some(first), false) = (first_line, flags.ask) {
        vim.changed_at(Pos::new(first, 0));
        vim.end_followed_change();
    }
    if grown > 0 {
        // The lines are already longer: check the size they have.
        vim.ex_check_size(0)?;
    }
    if nsubs == 0 {
        if vim.ex.global_busy {
            return Ok(());
        }
        if got_match {
            // Matches, all skipped: the cursor stays on the last one asked (and the message
            // line is cleared, which is no message).
            return check_asked_cursor(vim);
        }
        if flags.error {
            return Err(vim.emsg(25 + pattern_len)); // E486: Pattern not found: {pattern}
        }
        return Ok(());
    }
    if flags.print.is_some() && (flags.count || vim.ex.global_busy) {
        return Err(vim.ex_unsupported("substitute", "printing after counting matches, or inside :g"));
    }
    if vim.ex.global_busy {
        vim.ex.sub_nsubs += nsubs;
        vim.ex.sub_nlines += nlines;
        if let Some(l) = last_line_done {
            vim.cur.line = l;
        }
        vim.ex.global_need_beginline = true;
        return Ok(());
    }
    if flags.count {
        // "N matches on M lines"; the cursor goes to the first non-blank of its own line
        // (measured).
        vim.ex_beginline(old_cursor.line);
        vim.msg_keep(30); // do_sub_msg(): "N matches on M lines"
        return Ok(());
    }
    if asking {
        // "When interactive leave cursor on the match" (unless `a` ended the asking).
        check_asked_cursor(vim)?;
    } else if let Some(l) = last_line_done {
        vim.ex_beginline(l);
    }
    if nsubs > 2 {
        vim.msg_keep(40); // do_sub_msg(): "N substitutions on M lines"
    }
    if let Some(print) = flags.print {
        vim.ex_print_line(print)?;
    }
    Ok(())
}

/// A substituted line to be put in the buffer: its number, old text, new text (more than one
/// line when a line break was put in), the cursor then, and whether a typed key closed the undo
/// step since the line before.
struct LineWrite {
    lnum: usize,
    orig: String,
    new: Vec<String>,
    cursor: Pos,
    typed_before: bool,
}

/// Put the deferred lines in the buffer in order, each after the undo step a typed key closed.
fn flush_writes(vim: &mut Vim, deferred: &mut Vec<LineWrite>) {
    let cursor = vim.cur;
    for write in std::mem::take(deferred) {
        write_line(vim, write);
    }
    vim.cur = cursor;
}

/// Save one substituted line for undo as Vim does and put it in the buffer. A typed key read
/// since the line before closed the undo step (again, harmlessly, when nothing was deferred).
fn write_line(vim: &mut Vim, write: LineWrite) {
    let LineWrite { lnum, orig, new, cursor, typed_before } = write;
    if typed_before {
        vim.undo.sync();
    }
    let added = new.len() - 1;
    // Vim's entries for the line: each line break in the new text puts a line above it
    // (u_inssub()), then the line itself is replaced (u_savesub()), even when its text stays
    // the same.
    let line_count = vim.buf.line_count();
    for k in 0..added {
        let lnum = lnum + 1 + k;
        let saved = VimLines { top: lnum - 1, bot: lnum, newbot: Some(lnum + 1), line_count: line_count + k, lines: Some(Vec::new()) };
        vim.undo.save_entry_as(&mut vim.buf, cursor, saved);
    }
    let at = lnum + 1 + added;
    let saved = VimLines { top: at - 1, bot: at + 1, newbot: Some(at + 1), line_count: line_count + added, lines: Some(vec![orig.clone()]) };
    vim.undo.save_entry_as(&mut vim.buf, cursor, saved);
    if added == 0 && new[0] == orig {
        // The undo step covers lines the engine sees no change in.
        vim.ex.undo_unsure = true;
    }
    let mut lines = new.into_iter();
    let first = lines.next().unwrap_or_default();
    vim.buf.set_line(lnum, first);
    if added > 0 {
        vim.ex.undo_unsure = true;
        vim.buf.insert_lines(lnum + 1, lines.collect());
    }
}

/// After `:s///c` the cursor stays where the last question put it, which a replacement may
/// have left past the end of the line or inside a character: not modelled.
/// The wanted column stays what it was before the command line: do_sub() sets the cursor
/// directly (`j` then goes to the old column, and so does `yy`).
fn check_asked_cursor(vim: &mut Vim) -> Res {
    let line = vim.line(vim.cur.line);
    let fits = vim.cur.col < line.len().max(1) && line.is_char_boundary(vim.cur.col);
    if !fits {
        return Err(vim.ex_unsupported("substitute", "the c flag leaving the cursor past the end of a changed line"));
    }
    Ok(())
}

/// `vim_regsub()` with `REGSUB_MAGIC` and `REGSUB_BACKSLASH` as `do_sub()` calls it, then
/// do_sub()'s pass that turns CR into a line break and drops the backslashes left.
fn regsub(vim: &Vim, line: &str, groups: &[Option<(Pos, Pos)>; 10], sub: &str) -> Res<Vec<Piece>> {
    let magic = vim.options.magic;
    let mut out = Vec::new();
    let mut one: Option<bool> = None; // \u (true) \l (false)
    let mut all: Option<bool> = None; // \U \L
    let emit = |c: char, out: &mut Vec<Piece>, one: &mut Option<bool>, all: &Option<bool>| -> Res {
        let mode = one.take().or(*all);
        let c = match mode {
            None => c,
            Some(_) if !c.is_ascii() => {
                return Err(vim.ex_unsupported("substitute", "case conversion of a non-ASCII character"));
            }
            Some(true) => c.to_ascii_uppercase(),
            Some(false) => c.to_ascii_lowercase(),
        };
        out.push(if c == '\r' { Piece::Break } else { Piece::Text(c) });
        Ok(())
    };
    let chars: Vec<char> = sub.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        let mut group = None;
        if c == '&' && magic {
            group = Some(0);
        } else if c == '\\' && i < chars.len() {
            let n = chars[i];
            if n == '&' && !magic {
                i += 1;
                group = Some(0);
            } else if n.is_ascii_digit() {
                i += 1;
                group = Some(n as usize - '0' as usize);
            } else if "uUlLeE".contains(n) {
                i += 1;
                match n {
                    'u' => one = Some(true),
                    'l' => one = Some(false),
                    'U' => all = Some(true),
                    'L' => all = Some(false),
                    _ => {
                        one = None;
                        all = None;
                    }
                }
                continue;
            }
        }
        match group {
            Some(g) => {
                if let Some((s, e)) = groups[g] {
                    if s.line != e.line {
                        return Err(vim.ex_unsupported("substitute", "a group that runs over a line break"));
                    }
                    for ch in line[s.col..e.col].chars() {
                        // A CR from the text stays a character (do_sub() escapes it).
                        let mode = one.take().or(all);
                        let ch = match mode {
                            None => ch,
                            Some(_) if !ch.is_ascii() => {
                                return Err(vim.ex_unsupported("substitute", "case conversion of a non-ASCII character"));
                            }
                            Some(true) => ch.to_ascii_uppercase(),
                            Some(false) => ch.to_ascii_lowercase(),
                        };
                        out.push(Piece::Text(ch));
                    }
                }
            }
            None => {
                if c == '\\' && i < chars.len() {
                    let n = chars[i];
                    i += 1;
                    match n {
                        'r' => emit('\r', &mut out, &mut one, &all)?,
                        'n' => emit('\0', &mut out, &mut one, &all)?,
                        't' => emit('\t', &mut out, &mut one, &all)?,
                        'b' => emit('\x08', &mut out, &mut one, &all)?,
                        // A backslash before any other character: the character itself
                        // (a CR so escaped stays a CR).
                        '\r' => {
                            let mode = one.take().or(all);
                            let _ = mode;
                            out.push(Piece::Text('\r'));
                        }
                        other => emit(other, &mut out, &mut one, &all)?,
                    }
                } else {
                    emit(c, &mut out, &mut one, &all)?;
                }
            }
        }
    }
    Ok(out)
}
