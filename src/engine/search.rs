//! Search: `/` `?` `n` `N` `*` `#` `g*` `g#` through Vim's pattern engine ([`super::regex`]),
//! ported from `search.c` and `normal.c`:
//!
//! - [`do_search`] is Vim's `do_search()`: it splits the typed text into the pattern and its
//!   offset (`/pat/e+1`, `/pat/s-2`, `/pat/b`, `/pat/+3`, `;`-chained searches
//!   `/foo/;?bar`), reuses the last pattern for an empty one (`//e`), remembers the pattern
//!   and offset for `n`/`N`, and applies the offset to the match.
//! - [`searchit`] is Vim's `searchit()`: it runs the pattern on a whole line at a time and,
//!   in the cursor's line, skips matches that do not start after the cursor by going on from
//!   the end of each match ('cpoptions' `c`); backwards it takes the last match before the
//!   cursor; it wraps around the ends when 'wrapscan' is set; with an `e` offset it compares
//!   match ends.
//! - `*` and `#` build their pattern as `nv_ident()` does (`find_ident_under_cursor()`, the
//!   word escaped, `\<` `\>` around keywords) and search it without 'smartcase'.
//!
//! Positions inside [`searchit`] are Vim's: 1-based lines that may be 0 or one past the last
//! line (where a character offset moved the start), so the port can follow Vim line by line.

use super::motion::{Motion, MotionKind};
use super::command::Cmd;
use super::regex::{self, MatchEnv, Regex, RegexError};
use super::{chars, next_boundary, prev_boundary, Error, Feature, Flow, Mode, Pos, Res, Vim};
use crate::keys::Key;

/// Vim's `MAXCOL` (a column past any line).
const MAXCOL: usize = 0x7fff_ffff;

/// The most pattern tries (`vim_regexec_multi()` calls) one search may make.
const MAX_TRIES: usize = 1_000_000;

/// A search offset (Vim's `soffset_T`): `e`, `s`/`b`, or a line offset, with a count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Offset {
    /// A line offset (`/pat/+2`): the match's line plus `off`, linewise.
    line: bool,
    /// `e`: relative to the match's last character, inclusive.
    end: bool,
    off: i64,
}

/// The last search (Vim's `spats[0]`): what `n`, `N`, `//` and `"/` reuse.
#[derive(Clone, Debug)]
pub struct LastSearch {
    /// The pattern, `None` when only an offset or a direction was given so far.
    pattern: Option<String>,
    /// 'magic' when the pattern was used (an empty pattern reuses it).
    magic: bool,
    /// `*` and `#` do not use 'smartcase', nor do `n` and `N` after them.
    no_smartcase: bool,
    offset: Offset,
    /// The direction of the last `/` or `?` (`spats[0].off.dir`).
    forward: bool,
}

impl Default for LastSearch {
    fn default() -> Self {
        LastSearch { pattern: None, magic: true, no_smartcase: false, offset: Offset::default(), forward: true }
    }
}

/// A position in Vim's terms for [`searchit`]: `lnum` 1-based (0: before the first line,
/// `count + 1`: after the last).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct VPos {
    lnum: usize,
    col: usize,
}

impl VPos {
    fn of(p: Pos) -> VPos {
        VPos { lnum: p.line + 1, col: p.col }
    }
    fn pos(self) -> Pos {
        Pos::new(self.lnum.saturating_sub(1), self.col)
    }
}

/// What [`do_search`] found: where the cursor goes, and how an operator takes it.
struct Found {
    to: Pos,
    /// A line offset was applied (do_search() returns 2): linewise.
    linewise: bool,
    /// An `e` offset: the motion is inclusive.
    inclusive: bool,
}

/// `/{pattern}[/offset]<CR>` and `?{pattern}[?offset]<CR>` (Vim's `nv_search()`).
pub(crate) fn search_typed(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let dirc = if cmd.key == Key::Char('/') { '/' } else { '?' };
    let mut text = String::new();
    let saved_mode = vim.mode;
    vim.mode = Mode::CommandLine;
    let read = super::cmdline::read_line(vim, &mut text);
    vim.mode = saved_mode;
    // do_pending_operator() puts the typed text and a NL in the redo buffer.
    vim.command.motion_keys = text.chars().map(Key::Char).chain([Key::Char('\n')]).collect();
    // Abandoned (<Esc>): the operator is cancelled without a beep.
    if read?.is_none() {
        vim.command.pending = None;
        return Err(Flow::Fail);
    }
    // normal_search() has the next vertical motion take its column from the cursor again,
    // whether or not the search then finds anything.
    vim.set_curswant = true;
    let found = do_search(vim, cmd.key, Some(dirc), Some(&text), cmd.count1, false, false)?;
    Ok(motion(vim, found, true))
}

/// `n` (same direction) and `N` (the other), with the last offset (Vim's `nv_next()`).
pub(crate) fn search_next(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let rev = cmd.key == Key::Char('N');
    let old = vim.cur;
    // normal_search(), as for `/`: set even when there is nothing to find.
    vim.set_curswant = true;
    let (found, wrapped) = do_search_wrapped(vim, cmd.key, None, None, cmd.count1, rev, false)?;
    let linewise = found.linewise;
    let m = motion(vim, found, true);
    if !linewise && !wrapped && m.to == old {
        // Stuck on the cursor (an offset and the cursor on the last match, as check_cursor()
        // left it): nv_next() searches again with one more.
        let again = do_search(vim, cmd.key, None, None, cmd.count1 + 1, rev, false)?;
        return Ok(motion(vim, again, true));
    }
    Ok(m)
}

/// `*`, `#`, `g*`, `g#`: the word under or after the cursor (Vim's `nv_ident()`).
pub(crate) fn search_word(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let g_cmd = cmd.key == Key::Char('g');
    let key = if g_cmd { Key::Char(cmd.nchar.ok_or(Flow::Fail)?) } else { cmd.key };
    let star = key == Key::Char('*');
    let line = vim.cur_line().to_string();
    let (start, end) = ident_under_cursor(vim, &line, vim.cur.col, key, true)?;
    let word = &line[start..end];
    let class = |c: char| chars::class(c).ok_or_else(|| vim.unsupported(Key::Char(c), "* or # on a character whose class Vim takes from its tables"));
    let mut pattern = String::with_capacity(word.len() * 2 + 4);
    let first = word.chars().next().ok_or(Flow::Fail)?;
    if !g_cmd && class(first)? >= 2 {
        pattern.push_str("\\<");
    }
    let special: &[char] = match (star, vim.options.magic) {
        (true, true) => &['/', '.', '*', '~', '[', '^', '$', '\\'],
        (true, false) => &['/', '^', '$', '\\'],
        (false, true) => &['/', '?', '.', '*', '~', '[', '^', '$', '\\'],
        (false, false) => &['/', '?', '^', '$', '\\'],
    };
    for c in word.chars() {
        if special.contains(&c) {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    let last = word.chars().next_back().ok_or(Flow::Fail)?;
    if !g_cmd && class(last)? >= 2 {
        pattern.push_str("\\>");
    }
    // setpcmark() first, so that "*``" comes back; then the cursor goes to the start of the
    // word, so that the search skips the word under the cursor.
    let original = vim.cur;
    vim.cur.col = start;
    let dirc = if star { '/' } else { '?' };
    // normal_search(), as for `/`: set even when there is nothing to find.
    vim.set_curswant = true;
    let found = do_search(vim, key, Some(dirc), Some(&pattern), cmd.count1, false, true)?;
    let mut m = motion(vim, found, cmd.op.is_some());
    if cmd.op.is_none() {
        vim.setpcmark(original);
    }
    m.jump = cmd.op.is_some();
    Ok(m)
}

/// The motion for a found match: the cursor as `check_cursor()` leaves it (on the last
/// character at most), charwise exclusive unless an offset said otherwise.
fn motion(vim: &Vim, found: Found, jump: bool) -> Motion {
    let mut to = found.to;
    to.line = to.line.min(vim.last_line());
    // Under `<C-o>` (restart_edit) check_cursor() lets the cursor stay past the end.
    let past_end = vim.insert.restart.is_some() && vim.command.pending.is_none() && to.col >= vim.line(to.line).len();
    to.col = if past_end { vim.line(to.line).len() } else { to.col.min(vim.last_col(to.line)) };
    let kind = if found.linewise {
        MotionKind::Linewise
    } else if found.inclusive {
        MotionKind::Inclusive
    } else {
        MotionKind::Exclusive
    };
    let mut m = Motion::new(to, kind);
    m.jump = jump;
    m.past_end = past_end;
    m
}

/// Vim's `find_ident_under_cursor()` with FIND_STRING, and FIND_IDENT when `ident`: the
/// keyword under or after the cursor, else (or without `ident`) the non-blank text there.
/// Byte range in `line`.
pub(crate) fn ident_under_cursor(vim: &Vim, line: &str, startcol: usize, key: Key, ident: bool) -> Res<(usize, usize)> {
    let class = |col: usize| -> Res<u32> {
        match line[col..].chars().next() {
            None => Ok(0),
            Some(c) => chars::class(c).ok_or_else(|| vim.unsupported(key, "a word under the cursor with a character whose class Vim takes from its tables")),
        }
    };
    let mut col = startcol;
    let mut this_class = 0;
    // i == 0: an identifier; i == 1: any non-blank text.
    let mut pass = if ident { 0 } else { 1 };
    for i in pass..2 {
        pass = i;
        // 1. Skip to the start of the identifier (i == 0) or of any non-blank text.
        col = startcol.min(line.len());
        while col < line.len() {
            this_class = class(col)?;
            if this_class != 0 && (i == 1 || this_class != 1) {
                break;
            }
            col = next_boundary(line, col);
        }
        // 2. Back up to its start: over the same class (non-blank text without FIND_IDENT).
        this_class = class(col)?;
        while col > 0 && this_class != 0 {
            let prev = prev_boundary(line, col);
            let prev_class = class(prev)?;
            if prev_class != this_class && (i == 0 || prev_class == 0 || ident) {
                break;
            }
            col = prev;
        }
        if this_class > 2 {
            this_class = 2;
        }
        if this_class == 2 {
            break;
        }
    }
    if col >= line.len() || this_class == 0 {
        // E348/E349: no string (or identifier) under the cursor.
        return Err(Flow::Fail);
    }
    // 3. The end: the same class for an identifier, any non-blank for text.
    let first_class = class(col)?;
    let mut end = col;
    while end < line.len() {
        let c = class(end)?;
        let same = if pass == 0 { c == first_class } else { c != 0 };
        if !same {
            break;
        }
        end = next_boundary(line, end);
    }
    Ok((col, end))
}

/// `gn` and `gN` under an operator (Vim's `current_search()`): the `count`th match from
/// the cursor, or the one under it, as a charwise inclusive region. Without an operator they
/// start Visual mode, which is not modelled; zero-width matches and matches that end on a
/// line break (a Visual end on the NUL) are refused.
pub(crate) fn search_gn(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let key = Key::Char(cmd.nchar.unwrap_or('n'));
    if cmd.op.is_none() && vim.insert.restart.is_some() {
        return Err(vim.unsupported(key, "gn and gN after <C-o> (Visual mode from Insert mode)"));
    }
    let visual = cmd.op.is_none() && vim.mode != super::Mode::Normal;
    let anchor = vim.visual.anchor;
    let forward = key == Key::Char('n');
    let Some(pattern) = vim.last_search.as_ref().and_then(|l| l.pattern.clone()) else {
        return Err(Flow::Fail);
    };
    // The pattern is passed on explicitly, so it compiles with the options now in force.
    let options = regex::Options { ignorecase: vim.options.ignorecase, smartcase: vim.options.smartcase, magic: vim.options.magic };
    let last_substitute = vim.ex.last_replacement.clone();
    let re = Regex::new(&pattern, &options, last_substitute.as_deref()).map_err(|e| regex_error(vim, key, e))?;
    let n = vim.lines().len();
    // is_zero_width(): the first match in the buffer, tried again from its line's start.
    let mut first = VPos { lnum: 0, col: 0 };
    let mut ignored = first;
    let mut wrapped = false;
    if !searchit(vim, &re, &mut first, &mut ignored, How { forward: true, count: 1, search_end: false, wrapscan: vim.options.wrapscan }, &mut wrapped)? {
        return Err(Flow::Fail);
    }
    let env = MatchEnv::buffer(vim.cur);
    match re.find_at(vim.lines(), first.lnum - 1, 0, &env).map_err(|e| regex_error(vim, key, e))? {
        Some(m) if m.start != m.end => {}
        _ => return Err(vim.unsupported(key, "gn or gN with a pattern that matches an empty string")),
    }
    // Search back first and then forward (the other way round for gN), so that a match
    // under the cursor is found. In Visual mode the search starts one character on (back
    // for gN), and forward from the start of the selection it does not search back.
    let skip_first_backward = forward && visual && vim.cur < anchor;
    let mut from = vim.cur;
    if visual {
        if forward {
            vim.incl(&mut from);
        } else {
            vim.decl(&mut from);
        }
    }
    let mut pos = VPos::of(from);
    let mut end_pos = pos;
    for i in 0..2 {
        if forward && i == 0 && skip_first_backward {
            continue;
        }
        let dir_forward = if forward { i == 1 } else { i == 0 };
        end_pos = pos;
        let wrapscan = i == 1 && vim.options.wrapscan;
        let found = searchit(vim, &re, &mut pos, &mut end_pos, How { forward: dir_forward, count: if i == 1 { cmd.count1 } else { 1 }, search_end: !dir_forward, wrapscan }, &mut wrapped)?;
        if !found {
            if i == 1 {
                return Err(Flow::Fail);
            }
            pos = if forward { VPos { lnum: 0, col: 0 } } else { VPos { lnum: n, col: vim.line(n - 1).len() } };
        }
    }
    let start = pos;
    let mut cursor = end_pos;
    if start.lnum > n || cursor.lnum > n || start.lnum == 0 || cursor.lnum == 0 {
        return Err(vim.unsupported(key, "gn or gN on a match that ends on a line break"));
    }
    // The selection's other end: the match's start, or where Visual mode started.
    let other = if visual { anchor } else { start.pos() };
    if other < end_pos.pos() && forward {
        if skip_first_backward {
            // The cursor on the start of the match.
            cursor = start;
        } else {
            // The cursor on the last character of the match.
            let mut p = cursor.pos();
            vim.dec(&mut p);
            cursor = VPos::of(p);
        }
    } else if visual && cursor.pos() < anchor && forward {
        cursor = start;
    }
    let (a, b) = if other <= cursor.pos() { (other, cursor.pos()) } else { (cursor.pos(), other) };
    if a.line >= n || b.line >= n || b.col >= vim.line(b.line).len() {
        return Err(vim.unsupported(key, "gn or gN on a match that ends on a line break"));
    }
    if cmd.op.is_none() {
        // Without an operator the match is selected: charwise Visual mode from its start
        // (gN: its end) to the cursor. current_search() leaves the wanted column as
        // main_loop() brought it up to date before this command.
        vim.update_curswant()?;
        vim.visual.anchor = other;
        vim.mode = super::Mode::Visual;
        vim.visual.select = vim.may_start_select('c')?;
        return Ok(Motion { keep_want: true, ..Motion::new(cursor.pos(), MotionKind::Inclusive) });
    }
    if cmd.op == Some(super::command::Op::Delete) && b.line > a.line {
        // op_delete() makes a charwise delete over lines linewise when it starts in the
        // indent and ends before blanks only, but not for a Visual area, which gn's is.
        let end_line = vim.line(b.line);
        let after = next_boundary(end_line, b.col);
        let in_indent = vim.line(a.line)[..a.col].chars().all(chars::is_blank);
        if in_indent && end_line[after..].chars().all(chars::is_blank) {
            return Err(vim.unsupported(key, "dgn over lines from the indent to the end of a line (a Visual delete)"));
        }
    }
    Ok(Motion { object_start: Some(start.pos()), ..Motion::new(cursor.pos(), MotionKind::Inclusive) })
}

/// [`do_search_wrapped`] without the wrap flag.
fn do_search(vim: &mut Vim, key: Key, dirc: Option<char>, text: Option<&str>, count: usize, rev: bool, no_smartcase: bool) -> Res<Found> {
    do_search_wrapped(vim, key, dirc, text, count, rev, no_smartcase).map(|(f, _)| f)
}

/// Vim's `do_search()` for `/`, `?` (`text` is what was typed, `dirc` the command), `n`, `N`
/// (`text` is `None`: the last pattern and offset; `rev` turns the direction round) and `*`.
/// Also says whether the search wrapped around an end.
fn do_search_wrapped(vim: &mut Vim, key: Key, dirc: Option<char>, text: Option<&str>, count: usize, rev: bool, no_smartcase: bool) -> Res<(Found, bool)> {
    let mut last = vim.last_search.clone().unwrap_or_default();
    let mut dirc = match dirc {
        None => {
            if last.pattern.is_none() && vim.last_search.is_none() {
                // E35: no previous regular expression.
                return Err(Flow::Fail);
            }
            if last.forward {
                '/'
            } else {
                '?'
            }
        }
        Some(d) => {
            last.forward = d == '/';
            d
        }
    };
    if rev {
        dirc = if dirc == '/' { '?' } else { '/' };
    }
    let mut pos = VPos::of(vim.cur);
    let mut rest: Option<Vec<char>> = text.map(|t| t.chars().collect());
    let mut delim = dirc;
    let mut inclusive = false;
    let mut wrapped = false;
    let retval_line;
    loop {
        // The pattern: the typed one, or (empty, or no text for `n`) the last one.
        let reuse = rest.as_ref().is_none_or(|r| r.is_empty() || r[0] == delim);
        if reuse && last.pattern.is_none() {
            // E35: no previous regular expression (before the offset is looked at).
            vim.last_search = Some(last);
            return Err(Flow::Fail);
        }
        if let Some(r) = rest.take() {
            if r.is_empty() {
                // Nothing typed: the last pattern with the last offset.
                rest = Some(r);
            } else {
                let mut after = r;
                if after[0] != delim {
                    let (pat, tail) = skip_regexp(&after, delim, vim.options.magic);
                    last.pattern = Some(pat);
                    last.magic = vim.options.magic;
                    last.no_smartcase = no_smartcase;
                    after = tail;
                }
                // A new offset (none when nothing follows the pattern).
                let p = usize::from(after.first() == Some(&delim));
                let (offset, used) = parse_offset(&after[p..]);
                last.offset = offset;
                rest = Some(after[p + used..].to_vec());
            }
        }
        let pattern = last.pattern.clone().unwrap_or_default();
        // search_regcomp() saves the pattern before compiling it.
        vim.regs.last_search = last.pattern.clone();
        vim.search_slot = Some((pattern.clone(), last.magic, last.no_smartcase));
        vim.last_search = Some(last.clone());
        let options = regex::Options {
            ignorecase: vim.options.ignorecase,
            smartcase: vim.options.smartcase && !last.no_smartcase,
            magic: last.magic,
        };
        let last_substitute = vim.ex.last_replacement.clone();
    let re = Regex::new(&pattern, &options, last_substitute.as_deref()).map_err(|e| regex_error(vim, key, e))?;
        let off = last.offset;
        // A character offset is taken off the start first, so that "?pat?e+2" and
        // "/pat/s-2" do not find the same match again.
        if !off.line && off.off != 0 {
            if off.off > 0 {
                let mut c = off.off;
                while c > 0 {
                    if decl_v(vim, &mut pos) == -1 {
                        break;
                    }
                    c -= 1;
                }
                if c != 0 {
                    pos = VPos { lnum: 0, col: MAXCOL };
                }
            } else {
                let mut c = off.off;
                while c < 0 {
                    if incl_v(vim, &mut pos) == -1 {
                        break;
                    }
                    c += 1;
                }
                if c != 0 {
                    pos = VPos { lnum: vim.lines().len() + 1, col: 0 };
                }
            }
        }
        let forward = dirc == '/';
        let mut end_pos = pos;
        let found = searchit(vim, &re, &mut pos, &mut end_pos, How { forward, count, search_end: off.end, wrapscan: vim.options.wrapscan }, &mut wrapped)?;
        if !found {
            return Err(not_found(vim, key, &pattern));
        }
        if off.end {
            inclusive = true;
        }
        // The offset.
        let mut line_offset = false;
        if off.line {
            let n = vim.lines().len() as i64;
            let l = (pos.lnum as i64 + off.off).clamp(1, n);
            pos = VPos { lnum: l as usize, col: 0 };
            line_offset = true;
        } else if off.off > 0 {
            for _ in 0..off.off {
                if incl_v(vim, &mut pos) == -1 {
                    break;
                }
            }
        } else {
            for _ in 0..-off.off {
                if decl_v(vim, &mut pos) == -1 {
                    break;
                }
            }
        }
        // `;` chains another search from here: "/foo/;?bar".
        match rest.as_deref() {
            Some([';', d, ..]) if *d == '/' || *d == '?' => {
                dirc = *d;
                delim = *d;
                let r = rest.take().unwrap_or_default();
                rest = Some(r[2..].to_vec());
            }
            Some([';', ..]) => {
                // E386: expected '?' or '/' after ';'.
                return Err(Flow::Fail);
            }
            _ => {
                retval_line = line_offset;
                break;
            }
        }
    }
    Ok((Found { to: pos.pos(), linewise: retval_line, inclusive }, wrapped))
}

/// The error for a pattern that Vim rejects or the engine cannot match.
impl Vim {
    /// The last search pattern (`last_search_pat()`): what an ex address `//` and `:s//`
    /// reuse.
    pub(crate) fn last_search_pattern(&self) -> Option<String> {
        self.last_search.as_ref().and_then(|s| s.pattern.clone())
    }


    /// An ex command (`:s`, `:g`, an address) used a pattern: it becomes the last search
    /// pattern, which `n` repeats with the last offset (`save_re_pat()` leaves `spats[0].off`
    /// alone); only an address search sets the direction.
    pub(crate) fn set_last_search(&mut self, pattern: &str, forward: Option<bool>) {
        let magic = self.options.magic;
        let last = self.last_search.get_or_insert_with(LastSearch::default);
        last.pattern = Some(pattern.to_string());
        last.magic = magic;
        last.no_smartcase = false;
        if let Some(forward) = forward {
            last.forward = forward;
        }
    }

    /// An ex address search (`:/pat/+1`) leaves its line offset (or none) for `n`, as
    /// do_search() does.
    pub(crate) fn set_last_search_line_offset(&mut self, off: Option<i64>) {
        let last = self.last_search.get_or_insert_with(LastSearch::default);
        last.offset = match off {
            Some(off) => Offset { line: true, end: false, off },
            None => Offset::default(),
        };
    }
}

fn regex_error(vim: &Vim, key: Key, e: RegexError) -> Flow {
    match e {
        // Vim gives the error and the search fails.
        RegexError::Invalid(_) => Flow::Fail,
        RegexError::Unsupported(what) => Flow::Fatal(vim.unsupported_as(Feature::Regex, crate::keys::format_key(key), &what)),
        RegexError::LimitExceeded => Flow::Fatal(Error::LimitExceeded { limit: "regex work", position: vim.input.key_index }),
    }
}

/// E486 (or E384/E385 without 'wrapscan'): the search fails. A message wider than the
/// screen would raise a hit-enter prompt that takes the next key, which is not modelled.
fn not_found(vim: &Vim, key: Key, pattern: &str) -> Flow {
    let prefix = if vim.options.wrapscan { "E486: Pattern not found: ".len() } else { "E385: Search hit BOTTOM without match for: ".len() };
    let mut width = prefix;
    for c in pattern.chars() {
        width += if c.is_ascii_control() {
            2
        } else {
            match chars::cells(c, width) {
                Some(w) => w,
                None => return vim.unsupported(key, "the not-found message for a pattern with this character"),
            }
        };
    }
    if width >= 79 {
        return vim.unsupported(key, "a not-found message longer than the screen line (hit-enter prompt)");
    }
    Flow::Fail
}

/// Vim's `skip_regexp_ex()`: the pattern up to the delimiter `delim` (outside collections
/// and escapes), with `\?` made `?` in a `?` search. Returns the pattern and what follows,
/// the delimiter included.
fn skip_regexp(p: &[char], delim: char, magic: bool) -> (String, Vec<char>) {
    let mut out: Vec<char> = p.to_vec();
    let mut magic_all = None::<bool>; // Some(true): \v, Some(false): \V
    let level_on = |m: Option<bool>| match m {
        Some(v) => v,
        None => magic,
    };
    let level_off = |m: Option<bool>| match m {
        Some(v) => !v,
        None => !magic,
    };
    let mut i = 0;
    while i < out.len() {
        if out[i] == delim {
            break;
        }
        if (out[i] == '[' && level_on(magic_all)) || (out[i] == '\\' && out.get(i + 1) == Some(&'[') && level_off(magic_all)) {
            let from = if out[i] == '[' { i + 1 } else { i + 2 };
            match regex::skip_collection(&out, from) {
                Some(end) => i = end,
                None => {
                    i = out.len();
                    break;
                }
            }
        } else if out[i] == '\\' && i + 1 < out.len() {
            if delim == '?' && out[i + 1] == '?' {
                out.remove(i);
            } else {
                i += 1;
            }
            // Only \v and \V change the level here (not \m, \M), as in skip_regexp_ex().
            match out[i] {
                'v' => magic_all = Some(true),
                'V' => magic_all = Some(false),
                _ => {}
            }
        }
        i += 1;
    }
    let i = i.min(out.len());
    (out[..i].iter().collect(), out[i..].to_vec())
}

/// The offset after a pattern (`e+1`, `s-2`, `b`, `+3`, `-`, `2`): the offset and how many
/// characters it took.
fn parse_offset(p: &[char]) -> (Offset, usize) {
    let mut off = Offset::default();
    let mut i = 0;
    let at = |i: usize| p.get(i).copied().unwrap_or('\0');
    if matches!(at(0), '+' | '-') || at(0).is_ascii_digit() {
        off.line = true;
    } else if matches!(at(0), 'e' | 's' | 'b') {
        off.end = at(0) == 'e';
        i += 1;
    }
    if at(i).is_ascii_digit() || matches!(at(i), '+' | '-') {
        if at(i).is_ascii_digit() || at(i + 1).is_ascii_digit() {
            // atol(): an optional sign and digits.
            let mut j = i;
            let neg = at(j) == '-';
            if matches!(at(j), '+' | '-') {
                j += 1;
            }
            let mut n: i64 = 0;
            while at(j).is_ascii_digit() {
                n = n.saturating_mul(10).saturating_add(at(j) as i64 - '0' as i64);
                j += 1;
            }
            off.off = if neg { -n } else { n };
        } else if at(i) == '-' {
            off.off = -1;
        } else {
            off.off = 1;
        }
        i += 1;
        while at(i).is_ascii_digit() {
            i += 1;
        }
    }
    (off, i)
}

/// Vim's `incl()` on a [`VPos`] in the buffer.
fn incl_v(vim: &Vim, p: &mut VPos) -> i32 {
    if p.lnum == 0 || p.lnum > vim.lines().len() {
        return -1;
    }
    let mut q = p.pos();
    q.col = q.col.min(vim.line(q.line).len());
    let r = vim.incl(&mut q);
    *p = VPos::of(q);
    r
}

/// Vim's `decl()` on a [`VPos`] in the buffer.
fn decl_v(vim: &Vim, p: &mut VPos) -> i32 {
    if p.lnum == 0 || p.lnum > vim.lines().len() {
        return -1;
    }
    let mut q = p.pos();
    q.col = q.col.min(vim.line(q.line).len());
    let r = vim.decl(&mut q);
    *p = VPos::of(q);
    r
}

/// How [`searchit`] searches: the direction, the count, `SEARCH_END` (an `e` offset: compare
/// and land on match ends) and 'wrapscan'.
#[derive(Clone, Copy)]
struct How {
    forward: bool,
    count: usize,
    search_end: bool,
    wrapscan: bool,
}

/// One match of `vim_regexec_multi()` in Vim's relative terms: start and end (line relative
/// to the line searched), and the lines it spans (`nmatched`).
#[derive(Clone, Copy)]
struct Rel {
    start: (usize, usize),
    end: (usize, usize),
    nmatched: usize,
}

/// Vim's `searchit()` with 'cpoptions' `c`: `count` matches on from `pos`, which becomes
/// the last one (its start, or its last character with `end`). `Ok(false)`: none.
/// `end_pos` becomes the other end (the match's end, or its start with `end`). `wrapped`
/// is set when the search went on from the other end (`wrapscan`).
fn searchit(vim: &Vim, re: &Regex, pos: &mut VPos, end_pos: &mut VPos, how: How, wrapped: &mut bool) -> Res<bool> {
    let How { forward, count, search_end, wrapscan } = how;
    let lines = vim.lines();
    let n = lines.len();
    let env = MatchEnv::buffer(vim.cur);
    let key = Key::Char(if forward { '/' } else { '?' });
    // vim_regexec_multi() on line `lnum` (1-based) from byte `col`; a huge count over a big
    // file ends at a bound on the number of tries rather than running for minutes.
    let tries = std::cell::Cell::new(0usize);
    let exec = |lnum: usize, col: usize| -> Res<Option<Rel>> {
        tries.set(tries.get() + 1);
        if tries.get() > MAX_TRIES {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "search work", position: vim.input.key_index }));
        }
        let base = lnum - 1;
        match re.find_at(lines, base, col, &env) {
            Ok(None) => Ok(None),
            // `\ze` before `\zs`: searchit() would go on from before the match.
            Ok(Some(m)) if m.end < m.start => Err(vim.unsupported(key, "a match that ends (\\ze) before it starts (\\zs)")),
            Ok(Some(m)) => Ok(Some(Rel {
                start: (m.start.line - base, m.start.col),
                end: (m.end.line - base, m.end.col),
                nmatched: m.reached_line.max(m.end.line) - base + 1,
            })),
            Err(e) => Err(regex_error(vim, key, e)),
        }
    };
    let line_of = |lnum: usize| -> &str { lines.get(lnum.wrapping_sub(1)).map_or("", String::as_str) };
    let char_len = |s: &str, col: usize| s[col..].chars().next().map_or(1, char::len_utf8);
    let mut first_match = true;
    let mut remaining = count;
    loop {
        let start_char_len = if pos.col == MAXCOL {
            0
        } else if pos.lnum >= 1 && pos.lnum <= n {
            let l = line_of(pos.lnum);
            if l.len() <= pos.col {
                1
            } else {
                char_len(l, pos.col)
            }
        } else {
            1
        };
        let extra_col = if forward { start_char_len as i64 } else { 0 };
        let start_pos = *pos;
        let mut found = false;
        let mut at_first_line = true;
        if pos.lnum == 0 {
            pos.lnum = 1;
            pos.col = 0;
            at_first_line = false;
        }
        let mut lnum: i64 = if !forward && start_pos.col == 0 {
            at_first_line = false;
            pos.lnum as i64 - 1
        } else {
            pos.lnum as i64
        };
        let step: i64 = if forward { 1 } else { -1 };
        for loop_ in 0..2 {
            while lnum > 0 && lnum as usize <= n {
                let l = lnum as usize;
                let Some(mut m) = exec(l, 0)? else {
                    if loop_ == 1 && l == start_pos.lnum {
                        break;
                    }
                    lnum += step;
                    at_first_line = false;
                    continue;
                };
                let mut ptr = line_of(l + m.start.0);
                let mut match_ok = true;
                if forward && at_first_line {
                    let sc = start_pos.col as i64 + extra_col;
                    while m.start.0 == 0
                        && if search_end && first_match {
                            m.nmatched == 1 && (m.end.1 as i64) - 1 < sc
                        } else {
                            (m.start.1 as i64) - i64::from(m.start.1 >= ptr.len()) < sc
                        }
                    {
                        if m.nmatched > 1 {
                            match_ok = false;
                            break;
                        }
                        let mut matchcol = m.end.1;
                        if matchcol == m.start.1 && matchcol < ptr.len() {
                            matchcol += char_len(ptr, matchcol);
                        }
                        if matchcol >= ptr.len() {
                            match_ok = false;
                            break;
                        }
                        match exec(l, matchcol)? {
                            None => {
                                match_ok = false;
                                break;
                            }
                            Some(next) => m = next,
                        }
                        ptr = line_of(l + m.start.0);
                    }
                }
                if forward && !match_ok {
                    lnum += step;
                    at_first_line = false;
                    continue;
                }
                let mut matchpos = m.start;
                let mut endpos = m.end;
                if !forward {
                    match_ok = false;
                    let mut cur = m;
                    loop {
                        let accept = loop_ == 1
                            || if search_end {
                                let el = l + cur.end.0;
                                el < start_pos.lnum || (el == start_pos.lnum && (cur.end.1 as i64) - 1 < start_pos.col as i64 + extra_col)
                            } else {
                                let sl = l + cur.start.0;
                                sl < start_pos.lnum || (sl == start_pos.lnum && (cur.start.1 as i64) < start_pos.col as i64 + extra_col)
                            };
                        if !accept {
                            break;
                        }
                        match_ok = true;
                        matchpos = cur.start;
                        endpos = cur.end;
                        if cur.nmatched > 1 {
                            break;
                        }
                        let mut matchcol = endpos.1;
                        if matchcol == matchpos.1 && matchcol < ptr.len() {
                            matchcol += char_len(ptr, matchcol);
                        }
                        if matchcol >= ptr.len() {
                            break;
                        }
                        if matchpos.0 > 0 {
                            // Vim then mixes positions relative to two lines.
                            return Err(vim.unsupported(key, "a backward search whose match starts (\\zs) in a later line"));
                        }
                        match exec(l, matchcol)? {
                            None => break,
                            Some(next) => cur = next,
                        }
                        ptr = line_of(l + matchpos.0);
                    }
                    if !match_ok {
                        lnum += step;
                        at_first_line = false;
                        continue;
                    }
                }
                if search_end && matchpos != endpos {
                    // The last character of the match; a match ending at column 0 ends on
                    // the line break before.
                    pos.lnum = l + endpos.0;
                    pos.col = endpos.1;
                    if endpos.1 == 0 {
                        if pos.lnum > 1 {
                            pos.lnum -= 1;
                            pos.col = line_of(pos.lnum).len();
                        }
                    } else {
                        pos.col -= 1;
                        if pos.lnum <= n {
                            let s = line_of(pos.lnum);
                            while pos.col > 0 && !s.is_char_boundary(pos.col) {
                                pos.col -= 1;
                            }
                        }
                    }
                    *end_pos = VPos { lnum: l + matchpos.0, col: matchpos.1 };
                } else {
                    pos.lnum = l + matchpos.0;
                    pos.col = matchpos.1;
                    *end_pos = VPos { lnum: l + endpos.0, col: endpos.1 };
                }
                found = true;
                first_match = false;
                break;
            }
            if found || !wrapscan || loop_ == 1 {
                break;
            }
            // 'wrapscan': on from the other end.
            lnum = if forward { 1 } else { n as i64 };
            *wrapped = true;
            at_first_line = false;
        }
        remaining -= 1;
        if remaining == 0 || !found {
            if !found {
                return Ok(false);
            }
            break;
        }
    }
    // A pattern like "\n\zs" may go past the last line.
    if pos.lnum > n {
        pos.lnum = n;
        let l = line_of(n);
        pos.col = l.len();
        if pos.col > 0 {
            if !l.is_ascii() {
                return Err(vim.unsupported(key, "a match past the last line of a line that ends in a multibyte character"));
            }
            pos.col -= 1;
        }
    }
    Ok(true)
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
