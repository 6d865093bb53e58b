//! Text objects (`iw aw iW aW is as ip ap`, brackets, quotes, tags), ported from Vim's
//! `textobject.c` (`current_word`, `current_sent`, `current_par`, `current_block`,
//! `current_quote`, `current_tagblock`) and `nv_object()` in `normal.c`.
//!
//! Each object works like Vim's: it moves a cursor and sets the start of the range (after an
//! operator) or the other end of the Visual area. [`select`] is the entry point for both;
//! `text_object_command` applies the range with the pending operator.

use super::matchpair::{MatchSearch, OBJECT_PAIRS};
use super::motion::{Motion, MotionKind};
use super::command::Cmd;
use super::{next_boundary, prev_boundary, Flow, Mode, Pos, Res, Vim};
use crate::keys::Key;

/// The text objects the engine selects, for the README table.
pub static OBJECTS: &[(&str, &str)] = &[
    ("iw", "inner word (or the white space under the cursor); count: more words/blanks"),
    ("aw", "a word with trailing (else leading) white space"),
    ("iW", "inner WORD"),
    ("aW", "a WORD with white space"),
    ("is", "inner sentence"),
    ("as", "a sentence with white space"),
    ("ip", "inner paragraph (linewise; blank lines count as one)"),
    ("ap", "a paragraph with the blank lines after (else before) it"),
    ("i( i) ib", "inside parentheses; count: outer levels"),
    ("a( a) ab", "parenthesised block"),
    ("i{ i} iB", "inside braces (the brace lines excluded when alone)"),
    ("a{ a} aB", "braced block"),
    ("i[ i]", "inside brackets"),
    ("a[ a]", "bracketed block"),
    ("i< i>", "inside angle brackets"),
    ("a< a>", "angle-bracketed block"),
    ("i\" i' i`", "inside a quoted string on the line (\\ escapes); count 2: with the quotes"),
    ("a\" a' a`", "a quoted string with trailing (else leading) white space"),
    ("it", "inner tag block (<a>...</a>); count: outer tags"),
    ("at", "a tag block, tags included"),
];

/// A Visual area an object extends: Vim's `VIsual` (the end that is not the cursor) and
/// `VIsual_mode`. The cursor is `Vim::cur`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct VisualArea {
    pub anchor: Pos,
    pub mode: Mode,
}

/// What an object selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Selection {
    /// After an operator: the range from `start` to `end` (Vim's `oap->start` and cursor).
    Operator { start: Pos, end: Pos, kind: MotionKind, no_adjust: bool },
    /// In Visual mode: the new area; the cursor is `Vim::cur`.
    Visual(VisualArea),
}

/// Select `object` (`w`, `(`, `"`, `t` ...; inner or "a") from the cursor, as Vim's
/// `nv_object()`. With `visual`, extend that area instead (the caller owns Visual mode).
/// On failure the cursor is where Vim leaves it (objects may move it before they fail) and
/// the result is `Flow::Fail`; the caller beeps.
pub(crate) fn select(vim: &mut Vim, object: char, inner: bool, count: usize, visual: Option<VisualArea>) -> Res<Selection> {
    let include = !inner;
    let mut sel = Selector {
        vim,
        cur: vim.cur,
        visual,
        pcmarks: Vec::new(),
        start: vim.cur,
        inclusive: false,
        linewise: false,
    };
    let result = match object {
        'w' => sel.current_word(count, include, false),
        'W' => sel.current_word(count, include, true),
        'b' | '(' | ')' => sel.current_block(count, include, b'(', b')'),
        'B' | '{' | '}' => sel.current_block(count, include, b'{', b'}'),
        '[' | ']' => sel.current_block(count, include, b'[', b']'),
        '<' | '>' => sel.current_block(count, include, b'<', b'>'),
        't' => sel.current_tagblock(count, include),
        'p' => sel.current_par(count, include),
        's' => sel.current_sent(count, include),
        '"' | '\'' | '`' => sel.current_quote(count, include, object as u8),
        _ => Ok(false),
    };
    let Selector { cur, visual, pcmarks, start, inclusive, linewise, .. } = sel;
    vim.cur = cur;
    for p in pcmarks {
        vim.setpcmark(p);
    }
    if !result? {
        // Vim's objects change `VIsual` as they go: what they did before failing stays.
        if let Some(area) = visual {
            vim.visual.anchor = area.anchor;
            vim.mode = area.mode;
        }
        return Err(Flow::Fail);
    }
    if let Some(area) = visual {
        return Ok(Selection::Visual(area));
    }
    let kind = if linewise {
        MotionKind::Linewise
    } else if inclusive {
        MotionKind::Inclusive
    } else {
        MotionKind::Exclusive
    };
    Ok(Selection::Operator { start, end: vim.cur, kind, no_adjust: object == 't' })
}

/// `i{object}` / `a{object}` after an operator (`nv_object()` then `do_pending_operator()`).
pub(crate) fn text_object_command(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let k = vim.getkey()?;
    let object = match k {
        Key::Char('\x1b') => {
            vim.command.pending = None;
            return Ok(());
        }
        Key::Char(c) => c,
        _ => return Err(vim.unsupported(k, "a special key after i/a with an operator")),
    };
    let Some(op) = vim.command.pending.take() else { return Err(Flow::Fail) };
    let inner = cmd.key == Key::Char('i');
    if object == 's' && cmd.count1 > 10_000 {
        return Err(vim.unsupported(k, "a sentence object with a count this large (Vim loops over it)"));
    }
    let selected = select(vim, object, inner, cmd.count1, None);
    vim.set_curswant = true;
    match selected {
        Ok(Selection::Operator { start, end, mut kind, no_adjust }) => {
            let end = adjust_cursor_col(vim, end, &mut kind)?;
            vim.cur = end;
            let m = Motion { object_start: Some(start), no_adjust, ..Motion::new(end, kind) };
            let redo_keys = [op.op.keys(), &[cmd.key, k]].concat();
            vim.apply_operator(op, cmd, m, &redo_keys)
        }
        Ok(Selection::Visual(_)) => Err(Flow::Fail),
        Err(Flow::Fail) => {
            let mut kind = MotionKind::Exclusive;
            vim.cur = adjust_cursor_col(vim, vim.cur, &mut kind)?;
            Err(Flow::Fail)
        }
        Err(e) => Err(e),
    }
}

/// Vim's `adjust_cursor_col()`: off the end of a line by one byte. An inclusive end on
/// the last byte of a multi-byte character still covers the character, so it moves to the
/// character's start.
fn adjust_cursor_col(vim: &Vim, mut end: Pos, kind: &mut MotionKind) -> Res<Pos> {
    let line = vim.line(end.line);
    if end.col > 0 && end.col >= line.len() {
        let prev = prev_boundary(line, line.len());
        if prev + 1 != line.len() && *kind != MotionKind::Inclusive {
            return Err(Flow::Fatal(vim.unsupported_here("an exclusive text object ending inside a multi-byte character")));
        }
        end.col = prev;
    }
    Ok(end)
}

fn is_white(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// A byte of a line as Vim's `line[col]` reads it: 0 past the end, a NUL of the text is a
/// newline in Vim's memory.
fn byte_at(line: &[u8], col: usize) -> u8 {
    match line.get(col) {
        None => 0,
        Some(0) => b'\n',
        Some(&b) => b,
    }
}

fn is_white_byte(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// The state Vim's object functions work on: the cursor, `VIsual`, and the operator's start.
struct Selector<'a> {
    vim: &'a Vim,
    cur: Pos,
    visual: Option<VisualArea>,
    /// Positions given to Vim's `setpcmark()` (the `''` mark), in order.
    pcmarks: Vec<Pos>,
    start: Pos,
    inclusive: bool,
    linewise: bool,
}

impl Selector<'_> {
    fn cls(&self, p: Pos, bigword: bool) -> Res<u32> {
        self.vim.cls(p, bigword)
    }

    fn setpcmark(&mut self) {
        self.pcmarks.push(self.cur);
    }

    /// The cursor is on a one-character (or no) Visual area, or there is none.
    fn visual_empty(&self) -> bool {
        self.visual.map_or(true, |a| a.anchor == self.cur)
    }

    fn set_visual_anchor(&mut self, p: Pos) {
        if let Some(a) = &mut self.visual {
            a.anchor = p;
        }
    }

    fn set_visual_mode(&mut self, mode: Mode) {
        if let Some(a) = &mut self.visual {
            a.mode = mode;
        }
    }

    /// `oneleft()`: one character left within the line.
    fn oneleft(&mut self) -> bool {
        if self.cur.col == 0 {
            return false;
        }
        self.cur.col = prev_boundary(self.vim.line(self.cur.line), self.cur.col);
        true
    }

    /// `back_in_line()`: to the start of the word or white space under the cursor.
    fn back_in_line(&mut self, bigword: bool) -> Res<()> {
        let sclass = self.cls(self.cur, bigword)?;
        loop {
            if self.cur.col == 0 {
                break;
            }
            self.vim.dec(&mut self.cur);
            if self.cls(self.cur, bigword)? != sclass {
                self.vim.inc(&mut self.cur);
                break;
            }
        }
        Ok(())
    }

    /// `inindent(1)`: the cursor is before the first non-blank of its line.
    fn in_indent(&self, p: Pos) -> bool {
        let line = self.vim.line(p.line).as_bytes();
        let white = line.iter().take_while(|&&b| is_white_byte(b)).count();
        white > p.col
    }

    /// `current_word()`.
    fn current_word(&mut self, count: usize, include: bool, bigword: bool) -> Res<bool> {
        let v = self.vim;
        let mut start_pos = Pos::default();
        let mut inclusive = true;
        let mut include_white = false;
        let mut count = count;
        if self.visual_empty() {
            self.back_in_line(bigword)?;
            start_pos = self.cur;
            if (self.cls(self.cur, bigword)? == 0) == include {
                if !v.end_word(&mut self.cur, 1, bigword, true, true)? {
                    return Ok(false);
                }
            } else {
                v.fwd_word(&mut self.cur, 1, bigword, true)?;
                if self.cur.col == 0 {
                    v.decl(&mut self.cur);
                } else {
                    self.oneleft();
                }
                include_white = include;
            }
            if self.visual.is_some() {
                self.set_visual_anchor(start_pos);
            } else {
                self.start = start_pos;
            }
            count -= 1;
        }
        while count > 0 {
            inclusive = true;
            if self.visual.is_some_and(|a| self.cur < a.anchor) {
                // Visual mode with the cursor at the start: move back.
                if v.decl(&mut self.cur) == -1 {
                    return Ok(false);
                }
                if include != (self.cls(self.cur, bigword)? != 0) {
                    if !v.bck_word(&mut self.cur, 1, bigword, true)? {
                        return Ok(false);
                    }
                } else {
                    if !v.bckend_word(&mut self.cur, 1, bigword, true)? {
                        return Ok(false);
                    }
                    v.incl(&mut self.cur);
                }
            } else {
                if v.incl(&mut self.cur) == -1 {
                    return Ok(false);
                }
                if include != (self.cls(self.cur, bigword)? == 0) {
                    if !v.fwd_word(&mut self.cur, 1, bigword, true)? && count > 1 {
                        return Ok(false);
                    }
                    // An end just past a line break does not include the next line.
                    if !self.oneleft() {
                        inclusive = false;
                    }
                } else if !v.end_word(&mut self.cur, 1, bigword, true, true)? {
                    return Ok(false);
                }
            }
            count -= 1;
        }
        if include_white && (self.cls(self.cur, bigword)? != 0 || (self.cur.col == 0 && !inclusive)) {
            // No white space after the word: take the white space before it (not indent).
            let end = self.cur;
            self.cur = start_pos;
            if self.oneleft() {
                self.back_in_line(bigword)?;
                if self.cls(self.cur, bigword)? == 0 && self.cur.col > 0 {
                    if self.visual.is_some() {
                        self.set_visual_anchor(self.cur);
                    } else {
                        self.start = self.cur;
                    }
                }
            }
            self.cur = end;
        }
        if let Some(a) = self.visual {
            if a.mode == Mode::VisualLine {
                self.set_visual_mode(Mode::Visual);
            }
        } else {
            self.inclusive = inclusive;
        }
        Ok(true)
    }

    /// `findsent()` on the cursor; false when it fails.
    fn findsent(&mut self, forward: bool, count: usize) -> bool {
        match self.vim.find_sentence(self.cur, forward, count) {
            Some(p) => {
                self.setpcmark();
                self.cur = p;
                true
            }
            None => false,
        }
    }

    /// `find_first_blank()`: back to the first of the blanks before `p`.
    fn find_first_blank(&self, p: &mut Pos) {
        while self.vim.decl(p) != -1 {
            if !is_white(self.vim.gchar(*p)) {
                self.vim.incl(p);
                break;
            }
        }
    }

    /// `findsent_forward()`: count/2 sentences and count/2 separating white spaces.
    fn findsent_forward(&mut self, count: usize, mut at_start_sent: bool) {
        for remaining in (0..count).rev() {
            self.findsent(true, 1);
            if at_start_sent {
                let mut c = self.cur;
                self.find_first_blank(&mut c);
                self.cur = c;
            }
            if remaining == 0 || at_start_sent {
                self.vim.decl(&mut self.cur);
            }
            at_start_sent = !at_start_sent;
        }
    }

    /// `current_sent()`.
    fn current_sent(&mut self, count: usize, include: bool) -> Res<bool> {
        let v = self.vim;
        let mut start_pos = self.cur;
        let mut pos = start_pos;
        self.findsent(true, 1);
        if self.visual.is_some_and(|a| a.anchor != start_pos) {
            self.sentence_extend(start_pos, pos, count, include);
            return Ok(true);
        }
        // On a blank: is it just before the start of the next sentence?
        while is_white(v.gchar(pos)) {
            if v.incl(&mut pos) == -1 {
                break;
            }
        }
        let start_blank = pos == self.cur;
        if start_blank {
            self.find_first_blank(&mut start_pos);
        } else {
            self.findsent(false, 1);
            start_pos = self.cur;
        }
        let ncount = if include { count * 2 } else { count - usize::from(start_blank) };
        if ncount > 0 {
            self.findsent_forward(ncount, true);
        } else {
            v.decl(&mut self.cur);
        }
        if include {
            // With the blank in front included, exclude the blanks at the end; without
            // trailing blanks, include the leading ones.
            if start_blank {
                let mut c = self.cur;
                self.find_first_blank(&mut c);
                self.cur = c;
                if is_white(v.gchar(self.cur)) {
                    v.decl(&mut self.cur);
                }
            } else if !is_white(v.gchar(self.cur)) {
                self.find_first_blank(&mut start_pos);
            }
        }
        if self.visual.is_some() {
            // Avoid getting stuck with "is" on a single space before a sentence.
            if start_pos == self.cur {
                self.sentence_extend(start_pos, pos, count, include);
                return Ok(true);
            }
            self.set_visual_anchor(start_pos);
            self.set_visual_mode(Mode::Visual);
        } else {
            // Include the line break after the sentence, if there is one.
            self.inclusive = v.incl(&mut self.cur) == -1;
            self.start = start_pos;
        }
        Ok(true)
    }

    /// The part of `current_sent()` that extends a Visual area of more than one character.
    fn sentence_extend(&mut self, start_pos: Pos, mut pos: Pos, count: usize, include: bool) {
        let v = self.vim;
        let Some(area) = self.visual else { return };
        let count = if include { count * 2 } else { count };
        if start_pos < area.anchor {
            // Cursor at the start of the area: in the white space before a sentence, in a
            // sentence or just after it, or at the start of a sentence?
            let mut at_start_sent = true;
            v.decl(&mut pos);
            while pos < self.cur {
                if !is_white(v.gchar(pos)) {
                    at_start_sent = false;
                    break;
                }
                if v.incl(&mut pos) == -1 {
                    break;
                }
            }
            if !at_start_sent {
                self.findsent(false, 1);
                if self.cur == start_pos {
                    at_start_sent = true;
                } else {
                    self.findsent(true, 1);
                }
            }
            for _ in 0..count {
                if at_start_sent {
                    let mut c = self.cur;
                    self.find_first_blank(&mut c);
                    self.cur = c;
                }
                let c = v.gchar(self.cur);
                if !at_start_sent || (!include && !is_white(c)) {
                    self.findsent(false, 1);
                }
                at_start_sent = !at_start_sent;
            }
        } else {
            // Cursor at the end of the area.
            v.incl(&mut pos);
            let mut at_start_sent = true;
            if pos != self.cur {
                at_start_sent = false;
                while pos < self.cur {
                    if !is_white(v.gchar(pos)) {
                        at_start_sent = true;
                        break;
                    }
                    if v.incl(&mut pos) == -1 {
                        break;
                    }
                }
                if at_start_sent {
                    self.findsent(false, 1);
                } else {
                    self.cur = start_pos;
                }
            }
            self.findsent_forward(count, at_start_sent);
        }
    }

    fn linewhite(&self, lnum: i64) -> bool {
        self.vim.line(lnum as usize).bytes().all(is_white_byte)
    }

    fn starts_par(&self, lnum: i64) -> bool {
        self.vim.starts_paragraph(lnum as usize)
    }

    /// `current_par()` for `ip` / `ap`.
    fn current_par(&mut self, count: usize, include: bool) -> Res<bool> {
        let last = self.vim.last_line() as i64;
        let mut start = self.cur.line as i64;
        if self.visual.is_some_and(|a| a.anchor.line as i64 != start) {
            return Ok(self.par_extend(start, count, include));
        }
        // Back to the start of the paragraph or of the white lines.
        let white_in_front = self.linewhite(start);
        while start > 0 {
            if white_in_front {
                if !self.linewhite(start - 1) {
                    break;
                }
            } else if self.linewhite(start - 1) || self.starts_par(start) {
                break;
            }
            start -= 1;
        }
        // Past the white lines.
        let mut end = start;
        while end <= last && self.linewhite(end) {
            end += 1;
        }
        end -= 1;
        let mut i = count as i64;
        if !include && white_in_front {
            i -= 1;
        }
        while i > 0 {
            i -= 1;
            if end == last {
                return Ok(false);
            }
            let do_white = !include && self.linewhite(end + 1);
            if include || !do_white {
                end += 1;
                while end < last && !self.linewhite(end + 1) && !self.starts_par(end + 1) {
                    end += 1;
                }
            }
            if i == 0 && white_in_front && include {
                break;
            }
            if include || do_white {
                while end < last && self.linewhite(end + 1) {
                    end += 1;
                }
            }
        }
        // No white lines at the end: take the ones before the paragraph.
        if !white_in_front && !self.linewhite(end) && include {
            while start > 0 && self.linewhite(start - 1) {
                start -= 1;
            }
        }
        if let Some(area) = self.visual {
            // "Vipipip" in a single white line would get stuck: extend instead.
            if area.mode == Mode::VisualLine && start == self.cur.line as i64 {
                return Ok(self.par_extend(start, count, include));
            }
            if area.anchor.line as i64 != start {
                self.set_visual_anchor(Pos::new(start as usize, 0));
            }
            self.set_visual_mode(Mode::VisualLine);
        } else {
            self.start = Pos::new(start as usize, 0);
            self.linewise = true;
        }
        self.cur = Pos::new(end as usize, 0);
        Ok(true)
    }

    /// The part of `current_par()` that extends a Visual area of more than one line.
    fn par_extend(&mut self, mut start: i64, count: usize, include: bool) -> bool {
        let last = self.vim.last_line() as i64;
        let Some(area) = self.visual else { return false };
        let dir: i64 = if start < area.anchor.line as i64 { -1 } else { 1 };
        let edge = if dir < 0 { 0 } else { last };
        let mut ok = true;
        for _ in 0..count {
            if start == edge {
                ok = false;
                break;
            }
            let mut prev_start_is_white: Option<bool> = None;
            for _ in 0..2 {
                start += dir;
                let start_is_white = self.linewhite(start);
                if prev_start_is_white == Some(start_is_white) {
                    start -= dir;
                    break;
                }
                loop {
                    if start == edge {
                        break;
                    }
                    if start_is_white != self.linewhite(start + dir)
                        || (!start_is_white && self.starts_par(start + if dir > 0 { 1 } else { 0 }))
                    {
                        break;
                    }
                    start += dir;
                }
                if !include || start == edge {
                    break;
                }
                prev_start_is_white = Some(start_is_white);
            }
        }
        self.cur = Pos::new(start as usize, 0);
        ok
    }

    /// `findmatchlimit(NULL, c, ...)`; `ignore_quotes`: with 'cpoptions' set to `%`, as
    /// `current_block()` does for the search of the opening bracket only.
    fn block_match(&self, from: Pos, c: u8, forward: Option<bool>, ignore_quotes: bool) -> Res<Option<Pos>> {
        let search = MatchSearch { initc: Some(c), forward, cpo_match: ignore_quotes, pairs: OBJECT_PAIRS };
        Ok(self.vim.find_match(from, search)?.map(|f| f.pos))
    }

    /// `current_block()`.
    fn current_block(&mut self, count: usize, include: bool, what: u8, other: u8) -> Res<bool> {
        let v = self.vim;
        let old_pos = self.cur;
        let mut old_end = self.cur;
        let mut old_start = old_end;
        if self.visual_empty() {
            self.setpcmark();
            if what == b'{' {
                // Ignore indent.
                while self.in_indent(self.cur) {
                    if v.inc(&mut self.cur) != 0 {
                        break;
                    }
                }
            }
            if v.gchar(self.cur) == what as char {
                // On the opening bracket: start just after it.
                self.cur.col += 1;
            }
        } else if let Some(area) = self.visual {
            if area.anchor < self.cur {
                old_start = area.anchor;
                self.cur = area.anchor;
            } else {
                old_end = area.anchor;
            }
        }
        // Back to the count'th unclosed `what` (quotes ignored); with none, forward to the
        // next one. The closing bracket is then searched with quotes (Vim restores
        // 'cpoptions' in between).
        let mut start_pos = self.cur;
        let mut found = false;
        let backward = self.block_match(self.cur, what, None, true)?.is_some();
        for _ in 0..count {
            let forward = if backward { None } else { Some(true) };
            match self.block_match(self.cur, what, forward, true)? {
                Some(p) => {
                    self.cur = p;
                    start_pos = p;
                    found = true;
                }
                None => {
                    found = false;
                    break;
                }
            }
        }
        let end = if found { self.block_match(self.cur, other, None, false)? } else { None };
        let Some(end) = end else {
            self.cur = old_pos;
            return Ok(false);
        };
        self.cur = end;
        // Exclude the brackets for "inner"; an end bracket preceded only by indent also
        // excludes that indent (and the start's line break).
        let mut sol = false;
        while !include {
            v.incl(&mut start_pos);
            sol = self.cur.col == 0;
            v.decl(&mut self.cur);
            while self.in_indent(self.cur) {
                sol = true;
                if v.decl(&mut self.cur) != 0 {
                    break;
                }
            }
            // In Visual mode an area that did not grow extends to the next block.
            if self.visual.is_some() && start_pos >= old_start && old_end >= self.cur && start_pos != self.cur {
                self.cur = old_start;
                v.decl(&mut self.cur);
                let Some(p) = self.block_match(self.cur, what, None, false)? else {
                    self.cur = old_pos;
                    return Ok(false);
                };
                start_pos = p;
                self.cur = p;
                let Some(e) = self.block_match(self.cur, other, None, false)? else {
                    self.cur = old_pos;
                    return Ok(false);
                };
                self.cur = e;
            } else {
                break;
            }
        }
        if self.visual.is_some() {
            if sol && v.gchar(self.cur) != '\0' {
                // Include the line break.
                v.inc(&mut self.cur);
            }
            self.set_visual_anchor(start_pos);
            self.set_visual_mode(Mode::Visual);
        } else {
            self.start = start_pos;
            self.inclusive = false;
            if sol {
                v.incl(&mut self.cur);
            } else if start_pos <= self.cur {
                self.inclusive = true;
            } else {
                // Nothing between the brackets: operate on no text.
                self.cur = start_pos;
            }
        }
        Ok(true)
    }

    /// `current_quote()`: quotes are looked for in the cursor line only.
    fn current_quote(&mut self, count: usize, include: bool, quote: u8) -> Res<bool> {
        let v = self.vim;
        let line = v.line(self.cur.line);
        let bytes = line.as_bytes();
        let at = |col: i64| if col < 0 { 0 } else { byte_at(bytes, col as usize) };
        let escape: &[u8] = b"\\";
        let cur_col = self.cur.col as i64;
        let mut col_start = cur_col;
        let mut col_end: i64;
        let mut vis_empty = true;
        let mut vis_bef_curs = false;
        let mut inside_quotes = false;
        let mut selected_quote = false;
        let anchor_col = self.visual.map_or(0, |a| a.anchor.col as i64);
        if let Some(area) = self.visual {
            if area.anchor.line != self.cur.line {
                return Ok(false);
            }
            vis_bef_curs = area.anchor < self.cur;
            vis_empty = area.anchor == self.cur;
        }
        if !vis_empty {
            // Does the area exactly span the text inside quotes?
            let mut i;
            if vis_bef_curs {
                inside_quotes = anchor_col > 0 && at(anchor_col - 1) == quote && at(cur_col) != 0 && at(cur_col + 1) == quote;
                i = anchor_col;
                col_end = cur_col;
            } else {
                inside_quotes = cur_col > 0 && at(cur_col - 1) == quote && at(anchor_col) != 0 && at(anchor_col + 1) == quote;
                i = cur_col;
                col_end = anchor_col;
            }
            while i <= col_end {
                if at(i) == 0 {
                    break;
                }
                i += 1;
                if at(i - 1) == quote {
                    selected_quote = true;
                    break;
                }
            }
        }
        if !vis_empty && at(col_start) == quote {
            // Selecting already and on a quote: the next quoted string.
            if vis_bef_curs {
                let Some(s) = find_next_quote(line, col_start + 1, quote, None) else { return Ok(false) };
                col_start = s;
                match find_next_quote(line, col_start + 1, quote, Some(escape)) {
                    Some(e) => col_end = e,
                    None => {
                        col_end = col_start;
                        col_start = cur_col;
                    }
                }
            } else {
                col_end = find_prev_quote(line, col_start, quote, None);
                if at(col_end) != quote {
                    return Ok(false);
                }
                col_start = find_prev_quote(line, col_end, quote, Some(escape));
                if at(col_start) != quote {
                    col_start = col_end;
                    col_end = cur_col;
                }
            }
        } else if at(col_start) == quote || !vis_empty {
            let first_col = if vis_empty {
                col_start
            } else if vis_bef_curs {
                find_next_quote(line, col_start, quote, None).unwrap_or(-1)
            } else {
                find_prev_quote(line, col_start, quote, None)
            };
            // On a quote: opening or closing? Pair the quotes from the start of the line.
            col_start = 0;
            loop {
                match find_next_quote(line, col_start, quote, None) {
                    Some(s) if s <= first_col => col_start = s,
                    _ => return Ok(false),
                }
                let Some(e) = find_next_quote(line, col_start + 1, quote, Some(escape)) else { return Ok(false) };
                col_end = e;
                if col_start <= first_col && first_col <= col_end {
                    break;
                }
                col_start = col_end + 1;
            }
        } else {
            // Back to a starting quote; with none before the cursor, the first one after it.
            col_start = find_prev_quote(line, col_start, quote, Some(escape));
            if at(col_start) != quote {
                let Some(s) = find_next_quote(line, col_start, quote, None) else { return Ok(false) };
                col_start = s;
            }
            let Some(e) = find_next_quote(line, col_start + 1, quote, Some(escape)) else { return Ok(false) };
            col_end = e;
        }
        if include {
            // White space after the closing quote, else before the opening one.
            if is_white_byte(at(col_end + 1)) {
                while is_white_byte(at(col_end + 1)) {
                    col_end += 1;
                }
            } else {
                while col_start > 0 && is_white_byte(at(col_start - 1)) {
                    col_start -= 1;
                }
            }
        }
        // After vi" another i" includes the quotes; so does 2i".
        if !include && count < 2 && (vis_empty || !inside_quotes) {
            col_start += 1;
        }
        self.cur.col = col_start as usize;
        if self.visual.is_some() {
            if vis_empty
                || (vis_bef_curs
                    && !selected_quote
                    && (inside_quotes || (at(anchor_col) != quote && (anchor_col == 0 || at(anchor_col - 1) != quote))))
            {
                self.set_visual_anchor(self.cur);
            }
        } else {
            self.start = self.cur;
        }
        self.cur.col = col_end as usize;
        let mut inclusive = false;
        if (include || count > 1 || (!vis_empty && inside_quotes)) && v.inc(&mut self.cur) == 2 {
            inclusive = true;
        }
        if self.visual.is_some() {
            if vis_empty || vis_bef_curs {
                v.dec(&mut self.cur);
            } else {
                if inside_quotes
                    || (!selected_quote && at(anchor_col) != quote && (at(anchor_col) == 0 || at(anchor_col + 1) != quote))
                {
                    v.dec(&mut self.cur);
                    self.set_visual_anchor(self.cur);
                }
                self.cur.col = col_start as usize;
            }
            if self.visual.is_some_and(|a| a.mode == Mode::VisualLine) {
                self.set_visual_mode(Mode::Visual);
            }
        } else {
            self.inclusive = inclusive;
        }
        Ok(true)
    }

    /// `current_tagblock()`.
    fn current_tagblock(&mut self, count: usize, include: bool) -> Res<bool> {
        super::tagblock::current_tagblock(self.vim, &mut self.cur, &mut self.visual, &mut self.pcmarks, count, include).map(
            |found| match found {
                Some((start, inclusive)) => {
                    if self.visual.is_none() {
                        self.start = start;
                        self.inclusive = inclusive;
                    }
                    true
                }
                None => false,
            },
        )
    }
}

/// `find_next_quote()`: the column of the next `quote` from `col`, skipping escaped
/// characters.
fn find_next_quote(line: &str, col: i64, quote: u8, escape: Option<&[u8]>) -> Option<i64> {
    let bytes = line.as_bytes();
    let mut col = col.max(0) as usize;
    loop {
        let c = byte_at(bytes, col);
        if c == 0 {
            return None;
        }
        if escape.is_some_and(|e| e.contains(&c)) {
            col += 1;
            if byte_at(bytes, col) == 0 {
                return None;
            }
        } else if c == quote {
            return Some(col as i64);
        }
        col = if line.is_char_boundary(col) { next_boundary(line, col) } else { col + 1 };
    }
}

/// `find_prev_quote()`: the column of the previous unescaped `quote` before `col_start`,
/// or where the search stopped (0).
fn find_prev_quote(line: &str, col_start: i64, quote: u8, escape: Option<&[u8]>) -> i64 {
    let bytes = line.as_bytes();
    let mut col = col_start.max(0) as usize;
    while col > 0 {
        col = prev_boundary(line, col);
        let mut n = 0;
        if let Some(e) = escape {
            while col > n && e.contains(&byte_at(bytes, col - n - 1)) {
                n += 1;
            }
        }
        if n & 1 == 1 {
            // An odd number of escapes: skip them.
            col -= n;
        } else if byte_at(bytes, col) == quote {
            break;
        }
    }
    col as i64
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn words() {
        check("one tˇwo three", "diw", "one ˇ three");
        check("one tˇwo three", "daw", "one ˇthree");
        check("one tˇwo three", "viw", "one «twˇo» three");
        check("one two tˇhree", "daw", "one twˇo");
    }

    #[test]
    fn blocks_and_quotes() {
        check("f(aˇ, b)", "di(", "f(ˇ)");
        check("f(aˇ, b) x", "da(", "fˇ x");
        check("x \"aˇb\" y", "ci\"Z<Esc>", "x \"ˇZ\" y");
        check("x \"aˇb\" y", "da\"", "x ˇy");
    }
}
