//! Cursor motions, as `normal.c` and `textobject.c` define them: each takes the command's
//! arguments, moves a position, and says how an operator uses it (exclusive, inclusive,
//! linewise). Word motions walk with Vim's `inc()`/`dec()`, which may rest on the end of a
//! line (the NUL) between characters, exactly like Vim.

use super::command::Cmd;
use super::markmove::{MarkAt, OnDelete};
use super::{next_boundary, prev_boundary, Flow, Pos, Res, Vim};
use crate::keys::Key;

/// How an operator treats the text between the cursor and the motion's end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MotionKind {
    Exclusive,
    Inclusive,
    Linewise,
}

/// Where a motion goes and how.
#[derive(Clone, Copy, Debug)]
pub struct Motion {
    pub to: Pos,
    pub kind: MotionKind,
    /// Vertical motions keep `curswant`; others set it from the new cursor.
    pub keep_want: bool,
    /// `$` sets `curswant` to "end of line".
    pub want_end: bool,
    /// A jump (`G`, `%`, `{` ...) sets the `'` mark.
    pub jump: bool,
    /// Vim's `CA_NO_ADJ_OP_END`: do not apply the exclusive-linewise rule.
    pub no_adjust: bool,
    /// Text objects give the start of the range themselves.
    pub object_start: Option<Pos>,
    /// Vim's `use_reg_one`: a delete goes to register 1 even within one line
    /// (`%`, `(`, `)`, `{`, `}`).
    pub reg_one: bool,
    /// The cursor may stay just past the last character (coladvance() under `<C-o>`).
    pub past_end: bool,
}

impl Motion {
    pub fn new(to: Pos, kind: MotionKind) -> Motion {
        Motion { to, kind, keep_want: false, want_end: false, jump: false, no_adjust: false, object_start: None, reg_one: false, past_end: false }
    }
    fn vertical(to: Pos) -> Motion {
        Motion { keep_want: true, ..Motion::new(to, MotionKind::Linewise) }
    }
    pub(crate) fn jump(mut self) -> Motion {
        self.jump = true;
        self
    }
}

/// Result of one step of Vim's `inc()`: 0 moved within the line, 2 moved onto the end of
/// the line, 1 moved to the next line, -1 at the end of the buffer.
impl Vim {
    pub(crate) fn inc(&self, p: &mut Pos) -> i32 {
        let line = self.line(p.line);
        if p.col < line.len() {
            p.col = next_boundary(line, p.col);
            return if p.col < line.len() { 0 } else { 2 };
        }
        if p.line < self.last_line() {
            p.line += 1;
            p.col = 0;
            return 1;
        }
        -1
    }

    /// Vim's `incl()`: `inc()`, but skip the end (NUL) of a non-empty line.
    pub(crate) fn incl(&self, p: &mut Pos) -> i32 {
        let r = self.inc(p);
        if r >= 1 && p.col > 0 {
            return self.inc(p);
        }
        r
    }

    /// Vim's `decl()`: `dec()`, but skip the end (NUL) of a non-empty line.
    pub(crate) fn decl(&self, p: &mut Pos) -> i32 {
        let r = self.dec(p);
        if r == 1 && p.col > 0 {
            return self.dec(p);
        }
        r
    }

    /// Vim's `gchar_pos()`: the character at `p`, `'\0'` at the end of the line (a NUL in
    /// the text is a newline in Vim's memory, so it reads as `'\n'`).
    pub(crate) fn gchar(&self, p: Pos) -> char {
        match self.char_at(p) {
            None => '\0',
            Some('\0') => '\n',
            Some(c) => c,
        }
    }

    /// Vim's `dec()`: back one character; from column 0 onto the end (NUL) of the line above.
    pub(crate) fn dec(&self, p: &mut Pos) -> i32 {
        if p.col > 0 {
            let line = self.line(p.line);
            p.col = prev_boundary(line, p.col.min(line.len()));
            return 0;
        }
        if p.line > 0 {
            p.line -= 1;
            p.col = self.line(p.line).len();
            return 1;
        }
        -1
    }

    /// Vim's `cls()`: 0 blank (and end of line), 1 punctuation, 2+ word; all non-blanks
    /// are one class for WORDs.
    pub(crate) fn cls(&self, p: Pos, bigword: bool) -> Res<u32> {
        let c = self.class_at(p)?;
        Ok(if c != 0 && bigword { 1 } else { c })
    }

    fn line_empty(&self, lnum: usize) -> bool {
        self.line(lnum).is_empty()
    }

    /// `fwd_word()`; `eol`: stop at the end of the line on the last count (operators).
    pub(crate) fn fwd_word(&self, p: &mut Pos, count: usize, bigword: bool, eol: bool) -> Res<bool> {
        for n in (0..count).rev() {
            let sclass = self.cls(*p, bigword)?;
            let last_line = p.line == self.last_line();
            let i = self.inc(p);
            if i == -1 || (i >= 1 && last_line) {
                return Ok(false);
            }
            if i >= 1 && eol && n == 0 {
                return Ok(true);
            }
            if sclass != 0 {
                while self.cls(*p, bigword)? == sclass {
                    let i = self.inc(p);
                    if i == -1 || (i >= 1 && eol && n == 0) {
                        return Ok(true);
                    }
                }
            }
            while self.cls(*p, bigword)? == 0 {
                if p.col == 0 && self.line_empty(p.line) {
                    break;
                }
                let i = self.inc(p);
                if i == -1 || (i >= 1 && eol && n == 0) {
                    return Ok(true);
                }
            }
        }
        Ok(true)
    }

    /// `bck_word()`; `stop`: on the start of a word, move one word less.
    pub(crate) fn bck_word(&self, p: &mut Pos, count: usize, bigword: bool, mut stop: bool) -> Res<bool> {
        for _ in 0..count {
            let sclass = self.cls(*p, bigword)?;
            if self.dec(p) == -1 {
                return Ok(false);
            }
            let mut finished = false;
            if !stop || sclass == self.cls(*p, bigword)? || sclass == 0 {
                while self.cls(*p, bigword)? == 0 {
                    if p.col == 0 && self.line_empty(p.line) {
                        finished = true;
                        break;
                    }
                    if self.dec(p) == -1 {
                        return Ok(true);
                    }
                }
                if !finished && self.skip_chars(p, self.cls(*p, bigword)?, bigword, false)? {
                    return Ok(true);
                }
            }
            if !finished {
                self.inc(p);
            }
            stop = false;
        }
        Ok(true)
    }

    /// `end_word()`; `stop`: on the end of a word, move one word less; `empty`: stop on an
    /// empty line.
    pub(crate) fn end_word(&self, p: &mut Pos, count: usize, bigword: bool, mut stop: bool, empty: bool) -> Res<bool> {
        for _ in 0..count {
            let sclass = self.cls(*p, bigword)?;
            if self.inc(p) == -1 {
                return Ok(false);
            }
            let mut finished = false;
            if self.cls(*p, bigword)? == sclass && sclass != 0 {
                if self.skip_chars(p, sclass, bigword, true)? {
                    return Ok(false);
                }
            } else if !stop || sclass == 0 {
                while self.cls(*p, bigword)? == 0 {
                    if empty && p.col == 0 && self.line_empty(p.line) {
                        finished = true;
                        break;
                    }
                    if self.inc(p) == -1 {
                        return Ok(false);
                    }
                }
                if !finished && self.skip_chars(p, self.cls(*p, bigword)?, bigword, true)? {
                    return Ok(false);
                }
            }
            if !finished {
                self.dec(p);
            }
            stop = false;
        }
        Ok(true)
    }

    /// `bckend_word()` (`ge`); `eol`: stop at the end of a line.
    pub(crate) fn bckend_word(&self, p: &mut Pos, count: usize, bigword: bool, eol: bool) -> Res<bool> {
        for _ in 0..count {
            let sclass = self.cls(*p, bigword)?;
            let i = self.dec(p);
            if i == -1 {
                return Ok(false);
            }
            if eol && i == 1 {
                return Ok(true);
            }
            if sclass != 0 {
                while self.cls(*p, bigword)? == sclass {
                    let i = self.dec(p);
                    if i == -1 || (eol && i == 1) {
                        return Ok(true);
                    }
                }
            }
            while self.cls(*p, bigword)? == 0 {
                if p.col == 0 && self.line_empty(p.line) {
                    break;
                }
                let i = self.dec(p);
                if i == -1 || (eol && i == 1) {
                    return Ok(true);
                }
            }
        }
        Ok(true)
    }

    /// Skip characters of class `cclass`; true when the buffer's edge was hit.
    pub(crate) fn skip_chars(&self, p: &mut Pos, cclass: u32, bigword: bool, forward: bool) -> Res<bool> {
        while self.cls(*p, bigword)? == cclass {
            let r = if forward { self.inc(p) } else { self.dec(p) };
            if r == -1 {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Vim's `cursor_down()`: fails only when already on the last line.
    pub(crate) fn line_down(&self, from: usize, n: usize) -> Option<usize> {
        if n > 0 && from >= self.last_line() {
            return None;
        }
        Some(from.saturating_add(n).min(self.last_line()))
    }

    pub(crate) fn line_up(&self, from: usize, n: usize) -> Option<usize> {
        if n > 0 && from == 0 {
            return None;
        }
        Some(from.saturating_sub(n))
    }

    /// The column `curswant` asks for on line `lnum`.
    /// Vim's `beginline(BL_SOL | BL_FIX)` on line `lnum`: with 'startofline' the first
    /// non-blank, and the next vertical move takes its column from there; without it
    /// `coladvance(curswant)` (in Visual mode one column more), and the wanted column stays.
    /// The second value says whether it stays. `typed`: a Normal-mode command, before which
    /// Vim's main loop brought the wanted column up to date (`update_curswant()`); inside an
    /// ex command line it is used as it stands.
    pub(crate) fn sol_col(&mut self, lnum: usize, typed: bool) -> Res<(usize, bool)> {
        if self.options.startofline {
            return Ok((self.first_nonblank(lnum), false));
        }
        if typed {
            if self.ex.global_busy {
                // See old_col(): Vim's cached screen column inside :g.
                return Err(self.unsupported(Key::Char('G'), "'nostartofline' with a command that goes to a line inside :g"));
            }
            self.update_curswant()?;
        }
        let in_visual = matches!(self.mode, super::Mode::Visual | super::Mode::VisualLine | super::Mode::VisualBlock);
        let col = match (self.curswant, in_visual) {
            (usize::MAX, true) => self.line(lnum).len(),
            (usize::MAX, false) => self.last_col(lnum),
            (want, _) => self.col_for_vcol(lnum, want, in_visual)?,
        };
        Ok((col, true))
    }

    /// The cursor to line `lnum` as `beginline(BL_SOL | BL_FIX)` puts it (see [`Vim::sol_col`]).
    pub(crate) fn beginline_sol(&mut self, lnum: usize, typed: bool) -> Res {
        let (col, keep_want) = self.sol_col(lnum, typed)?;
        self.cur = Pos::new(lnum, col);
        if !keep_want {
            self.set_curswant = true;
        }
        Ok(())
    }

    /// A linewise motion to line `lnum` that ends as `beginline(BL_SOL | BL_FIX)` puts it.
    pub(crate) fn sol_motion(&mut self, lnum: usize) -> Res<Motion> {
        let (col, keep_want) = self.sol_col(lnum, true)?;
        // In Visual mode coladvance() may stop on the line break (beginline(BL_FIX) with
        // 'startofline' does not).
        let past_end = keep_want && col > 0 && col >= self.line(lnum).len();
        Ok(Motion { keep_want, past_end, ..Motion::new(Pos::new(lnum, col), MotionKind::Linewise) })
    }

    pub(crate) fn want_col(&self, lnum: usize) -> Res<usize> {
        if self.curswant == usize::MAX {
            return Ok(self.last_col(lnum));
        }
        self.col_for_vcol(lnum, self.curswant, false)
    }

    /// Is the line a paragraph or section boundary (`startPS()` with 'paragraphs' and
    /// 'sections' at their defaults)?
    pub(crate) fn starts_paragraph(&self, lnum: usize) -> bool {
        self.starts_section(lnum, Boundary::Paragraph)
    }

    /// `startPS()`: does line `lnum` start a paragraph, or only a section (a `{` or `}` in
    /// the first column, for `[[` and `[]`), or a section or a `}` (`]]` under an operator)?
    fn starts_section(&self, lnum: usize, boundary: Boundary) -> bool {
        let s = self.line(lnum);
        let first = s.as_bytes().first().copied().unwrap_or(0);
        let para = match boundary {
            Boundary::Paragraph => 0,
            Boundary::Section(c) | Boundary::SectionOrClose(c) => c,
        };
        if first == para || first == 0x0c || (matches!(boundary, Boundary::SectionOrClose(_)) && first == b'}') {
            return true;
        }
        let Some(rest) = s.strip_prefix('.') else { return false };
        in_macro("SHNHH HUnhsh", rest) || (para == 0 && in_macro("IPLPPPQPP TPHPLIPpLpItpplpipbp", rest))
    }

    /// `findpar()` for `{` and `}`: (line, inclusive) or None when the count runs out.
    pub(crate) fn find_paragraph(&self, count: usize, forward: bool) -> Option<(Pos, bool)> {
        self.find_par(count, forward, Boundary::Paragraph)
    }

    /// `findpar()`: the count'th boundary line up or down, (position, inclusive), or None
    /// when the count runs out.
    fn find_par(&self, count: usize, forward: bool, boundary: Boundary) -> Option<(Pos, bool)> {
        let mut curr = self.cur.line;
        for remaining in (0..count).rev() {
            let mut did_skip = false;
            let mut first = true;
            loop {
                if !self.line(curr).is_empty() {
                    did_skip = true;
                }
                if !first && did_skip && self.starts_section(curr, boundary) {
                    break;
                }
                first = false;
                let next = if forward { curr.checked_add(1).filter(|&l| l <= self.last_line()) } else { curr.checked_sub(1) };
                match next {
                    Some(l) => curr = l,
                    None => {
                        if remaining > 0 {
                            return None;
                        }
                        break;
                    }
                }
            }
        }
        if matches!(boundary, Boundary::SectionOrClose(_)) && self.line(curr).starts_with('}') {
            // The line with the `}` is included: the motion ends on the line below it.
            curr += 1;
        }
        // findpar(): landing on the last line goes to its end, inclusive — for `{` too, not
        // for sections ending at a `}`.
        if curr == self.last_line() && boundary != Boundary::Section(b'}') {
            let len = self.line(curr).len();
            if len != 0 {
                return Some((Pos::new(curr, self.last_col(curr)), true));
            }
        }
        Some((Pos::new(curr, 0), false))
    }
}

impl Vim {
    /// `findsent()`: the start of the count'th sentence from `start`, or None (Vim's FAIL).
    pub(crate) fn find_sentence(&self, start: Pos, forward: bool, count: usize) -> Option<Pos> {
        let step = |p: &mut Pos| if forward { self.incl(p) } else { self.decl(p) };
        let mut pos = start;
        let mut noskip = false;
        let mut count = count;
        while count > 0 {
            count -= 1;
            let prev_pos = pos;
            let mut found = false;
            if self.gchar(pos) == '\0' {
                // On an empty line: skip to a non-empty one.
                loop {
                    if step(&mut pos) == -1 || self.gchar(pos) != '\0' {
                        break;
                    }
                }
                found = forward;
            } else if forward && pos.col == 0 && self.starts_paragraph(pos.line) {
                if pos.line == self.last_line() {
                    return None;
                }
                pos.line += 1;
                found = true;
            } else if !forward {
                self.decl(&mut pos);
            }
            if !found {
                // Go back to the previous non-white non-punctuation character.
                let mut found_dot = false;
                loop {
                    let c = self.gchar(pos);
                    if !(c == ' ' || c == '\t' || ".!?)]\"'".contains(c) && c != '\0') {
                        break;
                    }
                    let mut tpos = pos;
                    if self.decl(&mut tpos) == -1 || (self.line(tpos.line).is_empty() && forward) {
                        break;
                    }
                    if found_dot {
                        break;
                    }
                    if ".!?".contains(c) {
                        found_dot = true;
                    }
                    let t = self.gchar(tpos);
                    if ")]\"'".contains(c) && (t == '\0' || !".!?)]\"'".contains(t)) {
                        break;
                    }
                    self.decl(&mut pos);
                }
                // Find the end of the sentence.
                let startlnum = pos.line;
                loop {
                    let c = self.gchar(pos);
                    if c == '\0' || (pos.col == 0 && self.starts_paragraph(pos.line)) {
                        if !forward && pos.line != startlnum {
                            pos.line += 1;
                        }
                        break;
                    }
                    if matches!(c, '.' | '!' | '?') {
                        let mut tpos = pos;
                        let after = loop {
                            if self.inc(&mut tpos) == -1 {
                                break None;
                            }
                            let t = self.gchar(tpos);
                            if !matches!(t, ')' | ']' | '"' | '\'') {
                                break Some(t);
                            }
                        };
                        if matches!(after, None | Some(' ' | '\t' | '\0')) {
                            pos = tpos;
                            if self.gchar(pos) == '\0' {
                                self.inc(&mut pos);
                            }
                            break;
                        }
                    }
                    if step(&mut pos) == -1 {
                        if count > 0 {
                            return None;
                        }
                        noskip = true;
                        break;
                    }
                }
            }
            // Skip white space.
            while !noskip && matches!(self.gchar(pos), ' ' | '\t') {
                if self.incl(&mut pos) == -1 {
                    break;
                }
            }
            if pos == prev_pos {
                // Did not move: advance one character and try again.
                if step(&mut pos) == -1 {
                    if count > 0 {
                        return None;
                    }
                    break;
                }
                count += 1;
            }
        }
        Some(pos)
    }
}

/// `inmacro()`: two-character nroff macro names; a space matches a space or the line end.
fn in_macro(opt: &str, s: &str) -> bool {
    let o = opt.as_bytes();
    let s = s.as_bytes();
    let s0 = s.first().copied().unwrap_or(0);
    let s1 = if s0 == 0 { 0 } else { s.get(1).copied().unwrap_or(0) };
    let mut i = 0;
    while i < o.len() {
        let m0 = o[i];
        let m1 = o.get(i + 1).copied().unwrap_or(0);
        if (m0 == s0 || (m0 == b' ' && (s0 == 0 || s0 == b' ')))
            && (m1 == s1 || ((m1 == 0 || m1 == b' ') && (s0 == 0 || s1 == 0 || s1 == b' ')))
        {
            return true;
        }
        i += 2;
    }
    false
}

// ----- the motion commands of the normal-mode table -----

/// Whether a left motion key moves on to the line above at column 0 (`nv_left()`): `<BS>`
/// and `<C-h>` with 'whichwrap' `b`, `h` with `h`, `<Left>` with `<`.
pub(crate) fn left_wraps(vim: &Vim, key: Key) -> bool {
    use crate::keys::Special;
    match key {
        Key::Special(Special::BS) | Key::Char('\x08') => vim.options.wraps('b'),
        Key::Char('h') => vim.options.wraps('h'),
        Key::Special(Special::Left) => vim.options.wraps('<'),
        _ => false,
    }
}

/// Whether a right motion key moves on to the line below at the end (`nv_right()`):
/// `<Space>` with 'whichwrap' `s`, `l` with `l`, `<Right>` with `>`.
pub(crate) fn right_wraps(vim: &Vim, key: Key) -> bool {
    use crate::keys::Special;
    match key {
        Key::Char(' ') => vim.options.wraps('s'),
        Key::Char('l') => vim.options.wraps('l'),
        Key::Special(Special::Right) => vim.options.wraps('>'),
        _ => false,
    }
}

/// `h`, `<Left>`, `<BS>`, `<C-h>`.
pub(crate) fn left(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let wraps = left_wraps(vim, cmd.key);
    let mut p = vim.cur;
    let mut no_adjust = false;
    let mut past_end = false;
    for n in (1..=cmd.count1).rev() {
        if p.col > 0 {
            p.col = prev_boundary(vim.line(p.line), p.col);
            past_end = false;
            continue;
        }
        if wraps && p.line > 0 {
            p.line -= 1;
            // coladvance(MAXCOL): under `<C-o>` (restart_edit) that is past the last character.
            p.col = vim.last_col(p.line);
            if vim.insert.restart.is_some() {
                p.col = vim.line(p.line).len();
                past_end = true;
            }
            if matches!(cmd.op, Some(super::command::Op::Delete | super::command::Op::Change)) && !vim.line(p.line).is_empty() {
                p.col = vim.line(p.line).len();
                no_adjust = true;
            }
            continue;
        }
        if cmd.op.is_none() && n == cmd.count1 {
            return Err(Flow::Fail);
        }
        break;
    }
    Ok(Motion { no_adjust, past_end: past_end && cmd.op.is_none(), ..Motion::new(p, MotionKind::Exclusive) })
}

/// `l`, `<Right>`, `<Space>`.
pub(crate) fn right(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let wraps = right_wraps(vim, cmd.key);
    let mut p = vim.cur;
    let mut kind = MotionKind::Exclusive;
    for n in (1..=cmd.count1).rev() {
        let line = vim.line(p.line);
        let next = next_boundary(line, p.col);
        if next < line.len() {
            p.col = next;
            continue;
        }
        if wraps && p.line < vim.last_line() {
            if cmd.op.is_some() && kind == MotionKind::Exclusive && !line.is_empty() {
                kind = MotionKind::Inclusive;
            } else {
                p.line += 1;
                p.col = 0;
                kind = MotionKind::Exclusive;
            }
            continue;
        }
        if cmd.op.is_none() {
            if n == cmd.count1 {
                return Err(Flow::Fail);
            }
        } else if !line.is_empty() {
            kind = MotionKind::Inclusive;
        }
        break;
    }
    Ok(Motion::new(p, kind))
}

/// `j`, `<Down>`, `<C-j>`, `<C-n>`, `<NL>`.
pub(crate) fn down(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let line = vim.line_down(vim.cur.line, cmd.count1).ok_or(Flow::Fail)?;
    vim.update_curswant()?;
    Ok(Motion::vertical(Pos::new(line, vim.want_col(line)?)))
}

/// `k`, `<Up>`, `<C-p>`.
pub(crate) fn up(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let line = vim.line_up(vim.cur.line, cmd.count1).ok_or(Flow::Fail)?;
    vim.update_curswant()?;
    Ok(Motion::vertical(Pos::new(line, vim.want_col(line)?)))
}

/// The screen's width under the contract (`--not-a-term`: 80 columns, no number column).
const SCREEN_WIDTH: usize = 80;

/// `gj`, `g<Down>` (`nv_screengo()` forward).
pub(crate) fn screen_down(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    screen_go(vim, cmd, true)
}

/// `gk`, `g<Up>` (`nv_screengo()` backward).
pub(crate) fn screen_up(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    screen_go(vim, cmd, false)
}

/// `nv_screengo()` over lines that each fit on one screen line ('wrap' is on; a longer line,
/// or one with characters other than ASCII, is refused): the wanted column is kept below the
/// width (`$` sticks to the last column), the cursor goes `count` lines on and then to the
/// wanted column; on a tab that reaches past it, beyond the screen's middle, it steps back one
/// character ("a character that got split"). Charwise, exclusive (inclusive after `$`). At the
/// first or last line it fails, after moving as far as it got.
fn screen_go(vim: &mut Vim, cmd: &Cmd, forward: bool) -> Res<Motion> {
    let key = Key::Char(cmd.nchar.unwrap_or(if forward { 'j' } else { 'k' }));
    let fits = |vim: &Vim, lnum: usize| -> Res<bool> {
        let line = vim.line(lnum);
        Ok(line.is_ascii() && vim.vcol(lnum, line.len())? <= SCREEN_WIDTH)
    };
    if !fits(vim, vim.cur.line)? {
        return Err(vim.unsupported(key, "gj or gk on a line that does not fit on one screen line, or with characters other than ASCII"));
    }
    let in_visual = matches!(vim.mode, super::Mode::Visual | super::Mode::VisualLine | super::Mode::VisualBlock);
    vim.update_curswant()?;
    let at_end = vim.curswant == usize::MAX;
    let want = vim.curswant.min(SCREEN_WIDTH - 1);
    let mut line = vim.cur.line;
    let mut failed = false;
    for _ in 0..cmd.count1 {
        let next = if forward { (line < vim.last_line()).then(|| line + 1) } else { line.checked_sub(1) };
        let Some(next) = next else {
            failed = true;
            break;
        };
        line = next;
        if !fits(vim, line)? {
            return Err(vim.unsupported(key, "gj or gk onto a line that does not fit on one screen line, or with characters other than ASCII"));
        }
    }
    let mut col = vim.col_for_vcol(line, want, in_visual)?;
    if col > 0 && vim.line(line).as_bytes().get(col) == Some(&b'\t') {
        if in_visual {
            // Visual mode puts the cursor column at the tab's start or end by the selection.
            return Err(vim.unsupported(key, "gj or gk onto a tab in Visual mode"));
        }
        // validate_virtcol(): in Normal mode the cursor shows at the tab's end.
        let tab_end = vim.char_vcols(Pos::new(line, col))?.1;
        if tab_end > want && want > SCREEN_WIDTH / 2 {
            col = prev_boundary(vim.line(line), col);
        }
    }
    vim.curswant = if at_end { usize::MAX } else { want };
    vim.set_curswant = false;
    let kind = if at_end { MotionKind::Inclusive } else { MotionKind::Exclusive };
    let m = Motion { keep_want: true, ..Motion::new(Pos::new(line, col), kind) };
    if failed {
        // The cursor stays where it got, operator or not (clearopbeep() only drops the operator).
        vim.cur = m.to;
        return Err(Flow::Fail);
    }
    Ok(m)
}

/// `+`, `<CR>`, `<C-m>`: down to the first non-blank.
pub(crate) fn down_first_nonblank(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let line = vim.line_down(vim.cur.line, cmd.count1).ok_or(Flow::Fail)?;
    Ok(Motion::new(Pos::new(line, vim.first_nonblank(line)), MotionKind::Linewise))
}

/// `-`: up to the first non-blank.
pub(crate) fn up_first_nonblank(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let line = vim.line_up(vim.cur.line, cmd.count1).ok_or(Flow::Fail)?;
    Ok(Motion::new(Pos::new(line, vim.first_nonblank(line)), MotionKind::Linewise))
}

/// `_`: count-1 lines down, first non-blank. It is Vim's `nv_lineop()`, like `yy`: under
/// `y` the column stays.
pub(crate) fn underscore(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let line = vim.line_down(vim.cur.line, cmd.count1 - 1).ok_or(Flow::Fail)?;
    let col = if cmd.op == Some(super::command::Op::Yank) { vim.cur.col.min(vim.last_col(line)) } else { vim.first_nonblank(line) };
    Ok(Motion::new(Pos::new(line, col), MotionKind::Linewise))
}

/// `G` (default: last line) and `gg` (default: first line).
pub(crate) fn goto_line(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let default = if cmd.key == Key::Char('G') { vim.last_line() + 1 } else { 1 };
    let n = if cmd.count0 == 0 { default } else { cmd.count0 };
    let line = n.clamp(1, vim.last_line() + 1) - 1;
    Ok(vim.sol_motion(line)?.jump())
}

/// `go`: Vim's `goto_byte()`, to byte `count` of the buffer (the first is 1) as Vim counts
/// it in memory (`ml_find_line_or_offset()`: every line with its NL). A byte on a line break
/// puts the cursor there; `check_cursor()` then pulls it back onto the last character except
/// in Visual mode, and inside a multibyte character to its start (`mb_adjust_cursor()`).
/// Past the end: the last line, wanted column MAXCOL.
pub(crate) fn goto_byte(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    if vim.command.pending.is_some() {
        // nv_g_cmd() sets no motion type for `go`: the operator gets whatever the last one was.
        return Err(vim.unsupported(Key::Char('o'), "go under an operator"));
    }
    if vim.insert.restart.is_some() {
        // check_cursor() with restart_edit set keeps a cursor on the line break.
        return Err(vim.unsupported(Key::Char('o'), "go after <C-o>"));
    }
    if vim.buf.dos || (vim.buf.empty && cmd.count0 > 1) {
        // A CR per line counts in a dos buffer; an empty buffer has no chunk sizes.
        return Err(vim.unsupported(Key::Char('o'), "go in a dos or empty buffer"));
    }
    let mut offset = cmd.count0.saturating_sub(1);
    for line in 0..=vim.last_line() {
        let len = vim.line(line).len();
        if offset <= len {
            let text = vim.line(line);
            let mut col = offset;
            while col > 0 && col < len && !text.is_char_boundary(col) {
                col -= 1;
            }
            return Ok(Motion::new(Pos::new(line, col), MotionKind::Exclusive).jump());
        }
        offset -= len + 1;
    }
    let last = vim.last_line();
    Ok(Motion { want_end: true, ..Motion::new(Pos::new(last, vim.line(last).len()), MotionKind::Exclusive) }.jump())
}

/// `0`, `<Home>`.
pub(crate) fn line_start(vim: &mut Vim, _cmd: &mut Cmd) -> Res<Motion> {
    // nv_beginline() / nv_home(): an insert resumed after `<C-o>0` stays on the character.
    vim.insert.at_eol = false;
    Ok(Motion::new(Pos::new(vim.cur.line, 0), MotionKind::Exclusive))
}

/// `<Home>` (`nv_home()`): `|` with a count of one whatever the count, so the wanted column
/// is the first screen column (after `0` on a tab it is the tab's last one).
pub(crate) fn home(vim: &mut Vim, _cmd: &mut Cmd) -> Res<Motion> {
    vim.insert.at_eol = false;
    vim.curswant = 0;
    vim.set_curswant = false;
    Ok(Motion { keep_want: true, ..Motion::new(Pos::new(vim.cur.line, 0), MotionKind::Exclusive) })
}

/// `^`: beginline(BL_WHITE | BL_FIX) stops on the last blank of an all-blank line.
pub(crate) fn first_nonblank(vim: &mut Vim, _cmd: &mut Cmd) -> Res<Motion> {
    vim.insert.at_eol = false;
    let len = vim.cur_line().len();
    let mut col = vim.first_nonblank(vim.cur.line);
    if col == len && len > 0 {
        col = len - 1;
    }
    Ok(Motion::new(Pos::new(vim.cur.line, col), MotionKind::Exclusive))
}

/// `$`, `<End>`: count-1 lines down, last character, inclusive.
pub(crate) fn line_end(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let Some(line) = vim.line_down(vim.cur.line, cmd.count1 - 1) else {
        // nv_dollar() sets curswant to MAXCOL before the count fails.
        vim.curswant = usize::MAX;
        vim.set_curswant = false;
        return Err(Flow::Fail);
    };
    let col = vim.last_col(line);
    Ok(Motion { want_end: true, ..Motion::new(Pos::new(line, col), MotionKind::Inclusive) })
}

/// `g_`: count-1 lines down, last non-blank, inclusive.
pub(crate) fn last_nonblank(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let Some(line) = vim.line_down(vim.cur.line, cmd.count1 - 1) else {
        // nv_g_underscore_cmd() sets curswant to MAXCOL before the count fails.
        vim.curswant = usize::MAX;
        vim.set_curswant = false;
        return Err(Flow::Fail);
    };
    let text = vim.line(line);
    let trimmed = text.trim_end_matches([' ', '\t']);
    let col = prev_boundary(text, trimmed.len());
    Ok(Motion::new(Pos::new(line, col), MotionKind::Inclusive))
}

/// `|`: screen column count.
pub(crate) fn column(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let col = vim.col_for_vcol(vim.cur.line, cmd.count1 - 1, false)?;
    let mut m = Motion::new(Pos::new(vim.cur.line, col), MotionKind::Exclusive);
    // `|` sets curswant to the asked column, not the one reached.
    m.keep_want = true;
    vim.curswant = cmd.count1 - 1;
    vim.set_curswant = false;
    Ok(m)
}

/// `w`, `W`, `<S-Right>`, `<C-Right>`; `cw` acts as `ce` on a non-blank.
pub(crate) fn word_forward(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let bigword = matches!(cmd.key, Key::Char('W')) || matches!(cmd.key, Key::Special(crate::keys::Special::CtrlRight));
    let start = vim.cur;
    let mut p = start;
    if cmd.op == Some(super::command::Op::Change) {
        if let Some(c) = vim.char_at(p) {
            if !super::chars::is_blank(c) {
                // Failing at the end of the buffer leaves the cursor on the last line's NUL,
                // which adjust_cursor() takes back to the last character (it matters once
                // o_v makes the motion exclusive).
                vim.end_word(&mut p, cmd.count1, bigword, true, false)?;
                let len = vim.line(p.line).len();
                if start < p && p.col > 0 && p.col >= len {
                    p.col = prev_boundary(vim.line(p.line), len);
                }
                return Ok(Motion::new(p, MotionKind::Inclusive));
            }
        }
    }
    let ok = vim.fwd_word(&mut p, cmd.count1, bigword, cmd.op.is_some())?;
    let mut kind = MotionKind::Exclusive;
    if start < p {
        let len = vim.line(p.line).len();
        if p.col > 0 && p.col >= len {
            p.col = prev_boundary(vim.line(p.line), len);
            kind = MotionKind::Inclusive;
        }
    }
    if !ok && cmd.op.is_none() {
        return fail_at(vim, p);
    }
    Ok(Motion::new(p, kind))
}

/// Word motions move the cursor as far as they get before they fail (and beep).
fn fail_at<T>(vim: &mut Vim, p: Pos) -> Res<T> {
    vim.cur = p;
    vim.set_curswant = true;
    vim.clamp_cursor();
    Err(Flow::Fail)
}

/// `e`, `E`.
pub(crate) fn word_end(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let bigword = cmd.key == Key::Char('E');
    let start = vim.cur;
    let mut p = start;
    let ok = vim.end_word(&mut p, cmd.count1, bigword, false, false)?;
    if start < p {
        let len = vim.line(p.line).len();
        if p.col > 0 && p.col >= len {
            p.col = prev_boundary(vim.line(p.line), len);
        }
    }
    if !ok && cmd.op.is_none() {
        return fail_at(vim, p);
    }
    Ok(Motion::new(p, MotionKind::Inclusive))
}

/// `b`, `B`, `<S-Left>`, `<C-Left>`.
pub(crate) fn word_back(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let bigword = cmd.key == Key::Char('B') || cmd.key == Key::Special(crate::keys::Special::CtrlLeft);
    let mut p = vim.cur;
    if !vim.bck_word(&mut p, cmd.count1, bigword, false)? {
        return fail_at(vim, p);
    }
    Ok(Motion::new(p, MotionKind::Exclusive))
}

/// `ge`, `gE`.
pub(crate) fn word_end_back(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let bigword = cmd.nchar == Some('E');
    let mut p = vim.cur;
    if !vim.bckend_word(&mut p, cmd.count1, bigword, false)? {
        return fail_at(vim, p);
    }
    Ok(Motion::new(p, MotionKind::Inclusive))
}

/// `f`, `F`, `t`, `T`, `;`, `,` (Vim's `searchc()`).
pub(crate) fn find_char(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let (command, c, repeat) = match cmd.key {
        Key::Char(k @ ('f' | 'F' | 't' | 'T')) => {
            let c = cmd.nchar.ok_or(Flow::Fail)?;
            if !cmd.stuffed_by_redo {
                vim.last_find = Some((k, c));
            }
            (k, c, false)
        }
        Key::Char(k) => {
            let (last, c) = vim.last_find.ok_or(Flow::Fail)?;
            let command = if k == ',' {
                match last {
                    'f' => 'F',
                    'F' => 'f',
                    't' => 'T',
                    _ => 't',
                }
            } else {
                last
            };
            (command, c, true)
        }
        _ => return Err(Flow::Fail),
    };
    let forward = matches!(command, 'f' | 't');
    let till = matches!(command, 't' | 'T');
    let line = vim.cur_line();
    let mut col = vim.cur.col;
    let mut stop = !(repeat && till && cmd.count1 == 1);
    for _ in 0..cmd.count1 {
        loop {
            if forward {
                col = next_boundary(line, col);
                if col >= line.len() {
                    return Err(Flow::Fail);
                }
            } else {
                if col == 0 {
                    return Err(Flow::Fail);
                }
                col = prev_boundary(line, col);
            }
            if line[col..].starts_with(c) && stop {
                break;
            }
            stop = true;
        }
    }
    if till {
        col = if forward { prev_boundary(line, col) } else { next_boundary(line, col) };
    }
    let kind = if forward { MotionKind::Inclusive } else { MotionKind::Exclusive };
    Ok(Motion::new(Pos::new(vim.cur.line, col), kind))
}

/// `}` and `{`.
pub(crate) fn paragraph(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let forward = cmd.key == Key::Char('}');
    let Some((to, inclusive)) = vim.find_paragraph(cmd.count1, forward) else {
        // nv_findpar() sets w_set_curswant before findpar() fails: a `$` selection is no
        // longer to the line ends, and a vertical move takes the cursor's column.
        vim.set_curswant = true;
        return Err(Flow::Fail);
    };
    let kind = if inclusive { MotionKind::Inclusive } else { MotionKind::Exclusive };
    Ok(Motion { reg_one: true, ..Motion::new(to, kind).jump() })
}

/// What `findpar()` stops at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Boundary {
    /// An empty line, a form feed, a paragraph or section macro (`{`, `}`).
    Paragraph,
    /// A line starting with this byte (`{` or `}`), a form feed or a section macro.
    Section(u8),
    /// As `Section`, or a line starting with `}` (`]]` under an operator, "strange Vi
    /// behaviour").
    SectionOrClose(u8),
}

/// `[` and `]` followed by a character (`nv_brackets()`): the unclosed `(`, `{`, `)` or `}`
/// (`[(` `[{` `])` `]}`), sections (`[[` `]]` `[]` `][`), marks, puts, spelling errors (none:
/// 'spell' is off). The others are refused by name.
pub(crate) fn bracket(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let forward = cmd.key == Key::Char(']');
    match (cmd.nchar, forward) {
        (Some(c @ ('(' | '{')), false) | (Some(c @ (')' | '}')), true) => unclosed(vim, cmd, c as u8, forward),
        (Some(c @ ('[' | ']')), _) => section(vim, cmd, c, forward),
        (Some(c @ ('`' | '\'')), _) => next_mark(vim, cmd, c == '\'', forward),
        (Some(c @ ('p' | 'P')), _) => {
            // A put, not a motion: with an operator pending it beeps (nv_put_opt()).
            if cmd.op.is_some() {
                return Err(Flow::Fail);
            }
            let keys = [cmd.key, Key::Char(c)];
            super::operator::put_fixing_indent(vim, cmd, &keys, forward && c == 'p')?;
            // The cursor stays where the put left it.
            Ok(Motion { keep_want: true, ..Motion::new(vim.cur, MotionKind::Exclusive) })
        }
        (Some('s' | 'S'), _) => {
            // The next spelling error: setpcmark() first, then spell_move_to() fails with
            // E756 ('spell' is off under the contract) and clearopbeep().
            vim.setpcmark(vim.cur);
            Err(Flow::Fail)
        }
        (Some(c), _) => {
            let name = format!("{}{c}", if forward { ']' } else { '[' });
            Err(vim.unsupported(cmd.key, &format!("{name} (this bracket command)")))
        }
        (None, _) => Err(Flow::Fail),
    }
}

/// `]`` `[`` `]'` `['` (`nv_brackets()` with `getnextmark()`): the count'th lowercase mark
/// after (before) the cursor, or the last one found; `'` compares lines only and is linewise.
/// With no mark that way the cursor stays where it is, and that is still a jump.
fn next_mark(vim: &mut Vim, cmd: &Cmd, linewise: bool, forward: bool) -> Res<Motion> {
    let mut marks = Vec::new();
    for name in 'a'..='z' {
        let Some(mark) = vim.marks.named(name) else { continue };
        match vim.mark_now(mark, super::markmove::OnDelete::Forget) {
            super::markmove::MarkAt::At(p) if p.line <= vim.last_line() => marks.push(p),
            super::markmove::MarkAt::Deleted => {}
            _ => return Err(vim.unsupported(cmd.key, "a mark set before lines changed in a way the engine does not follow")),
        }
    }
    let mut pos = vim.cur;
    for _ in 0..cmd.count1 {
        // getnextmark() with begin_line: from the line's end (start) for `]'` (`['`).
        let from = match (linewise, forward) {
            (true, true) => Pos::new(pos.line, usize::MAX),
            (true, false) => Pos::new(pos.line, 0),
            (false, _) => pos,
        };
        let next = if forward { marks.iter().filter(|m| from < **m).min() } else { marks.iter().filter(|m| **m < from).max() };
        match next {
            Some(&p) => pos = p,
            None => break,
        }
    }
    mark_motion(vim, cmd.key, pos, linewise)
}

/// `[(` `[{` `])` `]}` (`nv_bracket_block()`): the count'th unclosed bracket, or the last one
/// found when fewer are; exclusive.
fn unclosed(vim: &mut Vim, cmd: &Cmd, findc: u8, forward: bool) -> Res<Motion> {
    let search = super::matchpair::MatchSearch {
        initc: Some(findc),
        forward: Some(forward),
        cpo_match: false,
        pairs: super::matchpair::MATCHPAIRS,
    };
    let mut found: Option<Pos> = None;
    let mut from = vim.cur;
    for _ in 0..cmd.count1 {
        match vim.find_match(from, search)? {
            Some(f) => {
                found = Some(f.pos);
                from = f.pos;
            }
            None => break,
        }
    }
    let to = found.ok_or(Flow::Fail)?;
    Ok(Motion::new(to, MotionKind::Exclusive).jump())
}

/// `[[` `]]` `[]` `][` (`findpar()` for sections): without an operator to the first
/// non-blank of the line.
fn section(vim: &mut Vim, cmd: &Cmd, second: char, forward: bool) -> Res<Motion> {
    let bracket = if forward { ']' } else { '[' };
    let what = if second == bracket { b'{' } else { b'}' };
    // Set before findpar() can fail.
    vim.set_curswant = true;
    let under_op = vim.command.pending.is_some();
    let boundary = if under_op && forward && what == b'{' { Boundary::SectionOrClose(what) } else { Boundary::Section(what) };
    let (mut to, inclusive) = vim.find_par(cmd.count1, forward, boundary).ok_or(Flow::Fail)?;
    if to.line > vim.last_line() {
        return Err(vim.unsupported(cmd.key, "]] under an operator stopping at a } on the last line"));
    }
    if !under_op {
        // beginline(BL_WHITE | BL_FIX).
        to.col = vim.first_nonblank(to.line).min(vim.last_col(to.line));
    }
    let kind = if inclusive { MotionKind::Inclusive } else { MotionKind::Exclusive };
    Ok(Motion::new(to, kind).jump())
}

/// `(` and `)` (`nv_brace()`): exclusive, but inclusive when the end lands past the end of
/// a line (Vim's `adjust_cursor()`).
pub(crate) fn sentence(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let forward = cmd.key == Key::Char(')');
    let Some(mut to) = vim.find_sentence(vim.cur, forward, cmd.count1) else {
        // nv_brace() sets w_set_curswant before findsent() fails.
        vim.set_curswant = true;
        return Err(Flow::Fail);
    };
    let mut kind = MotionKind::Exclusive;
    let len = vim.line(to.line).len();
    if to.col > 0 && to.col >= len {
        to.col = prev_boundary(vim.line(to.line), len);
        kind = MotionKind::Inclusive;
    }
    Ok(Motion { reg_one: true, ..Motion::new(to, kind).jump() })
}

/// `%` (`nv_percent()`): the matching bracket, `#if`/`#endif`, `/* */`; with a count, that
/// percentage of the file (linewise).
pub(crate) fn percent(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    if cmd.count0 > 0 {
        if cmd.count0 > 100 {
            return Err(Flow::Fail);
        }
        let lines = vim.last_line() + 1;
        let line = ((lines * cmd.count0 + 99) / 100).clamp(1, lines) - 1;
        return Ok(vim.sol_motion(line)?.jump());
    }
    let search = super::matchpair::MatchSearch {
        initc: None,
        forward: None,
        cpo_match: false,
        pairs: super::matchpair::MATCHPAIRS,
    };
    let found = vim.find_match(vim.cur, search)?.ok_or(Flow::Fail)?;
    let kind = if found.linewise { MotionKind::Linewise } else { MotionKind::Inclusive };
    Ok(Motion { reg_one: true, ..Motion::new(found.pos, kind).jump() })
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::in_macro;

    #[test]
    fn nroff_macros() {
        assert!(in_macro("IPLPPPQPP TPHPLIPpLpItpplpipbp", "PP"));
        assert!(in_macro("IPLPPPQPP TPHPLIPpLpItpplpipbp", "P"));
        assert!(!in_macro("IPLPPPQPP TPHPLIPpLpItpplpipbp", "XX"));
        assert!(in_macro("SHNHH HUnhsh", "H"));
    }

    #[test]
    fn words_and_lines() {
        check("one ˇtwo three", "w", "one two ˇthree");
        check("one two ˇthree", "b", "one ˇtwo three");
        check("ˇone two", "e", "onˇe two");
        check("  ˇx y", "0", "ˇ  x y");
        check("ˇ  x y", "^", "  ˇx y");
        check("ˇa,b,c", "2f,", "a,bˇ,c");
        check("ˇa(b)c", "%", "a(bˇ)c");
    }

    #[test]
    fn vertical_motions_keep_the_wanted_column() {
        check("abˇc\nd\nefg", "j", "abc\nˇd\nefg");
        check("abˇc\nd\nefg", "jj", "abc\nd\nefˇg");
        check("ˇabc\nde", "$j", "abc\ndˇe");
    }

    /// `'[` and `']` as the last yank, delete, put, insert or join left them (each picture
    /// typed into Vim 9.0 too).
    #[test]
    fn changed_text_marks() {
        check("one ˇtwo three", "yw`]", "one two ˇthree");
        check("ˇab\ncd\nef", "yj`]", "ab\ncˇd\nef");
        check("one ˇtwo three", "dw`[", "one ˇthree");
        check("ˇab\ncd", "yyjp`[", "ab\ncd\nˇab");
        check("ˇab", "ifoo<Esc>`]", "fooˇab");
        check("ˇab\ncd", "J`]", "ab cˇd");
        check("a ˇb c", "gUiw`[", "a ˇB c");
        // Reading the file set them: line 1 and the last line.
        check("ab\nˇcd\nef", "`[", "ˇab\ncd\nef");
        check("ˇab\ncd\nef", "']", "ab\ncd\nˇef");
    }

    /// File marks follow the lines too, and stay when their line goes (typed into Vim 9.0).
    #[test]
    fn file_marks() {
        check("ˇa\nb\nc", "jmAggdd`A", "ˇb\nc");
        check("ˇa\nb\nc", "jmAdd`A", "a\nˇc");
    }

    #[test]
    fn changed_text_marks_the_engine_does_not_follow_are_refused() {
        let keys = crate::keys::parse_notation("r<CR>`[");
        assert!(matches!(crate::engine::apply(b"ab\n", &keys), Err(crate::engine::Error::Unsupported { .. })));
    }
}

/// `` ` `` and `'` (`nv_gomark()`): to a mark, or its line's first non-blank.
pub(crate) fn goto_mark(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let linewise = cmd.key == Key::Char('\'');
    let unset = |vim: &mut Vim| {
        // nv_cursormark() clears the operator and then sets use_reg_one anyway for `` ` ``,
        // and w_set_curswant (`$` then a failed `` `a `` and `j` keeps no column past the end).
        if !linewise && vim.command.pending.is_some() {
            vim.command.reg_one_leak = Some(true);
            vim.command.reg_one_leak_fresh = true;
        }
        vim.set_curswant = true;
        Flow::Fail
    };
    let mut on_delete = OnDelete::Forget;
    let mark = match cmd.nchar {
        Some(c @ ('a'..='z' | 'A'..='Z')) => match vim.marks.named(c) {
            Some(m) => {
                on_delete = OnDelete::of_named(c);
                m
            }
            None => return Err(unset(vim)),
        },
        // None: deleted with its line (Vim's lnum 0).
        Some('\'' | '`') => match vim.marks.previous {
            Some(m) => m,
            None => return Err(unset(vim)),
        },
        Some(c @ ('<' | '>')) => match vim.visual_mark(c) {
            Some(m) => m,
            None => return Err(unset(vim)),
        },
        // Not moved by later line changes (mark_adjust() leaves them alone).
        Some(c @ ('[' | ']')) => match vim.marks.changed.get(c) {
            Some(Some(pos)) if pos.line <= vim.last_line() => return mark_motion(vim, cmd.key, pos, linewise),
            // Not set, or on a line that is gone (check_mark(): E19).
            Some(_) => return Err(unset(vim)),
            None => return Err(vim.unsupported(Key::Char(c), "'[ or '] after a command whose setting of them the engine does not follow")),
        },
        Some('.') => match vim.last_change() {
            Some(Some(pos)) if pos.line <= vim.last_line() => return mark_motion(vim, cmd.key, pos, linewise),
            // Not set, lost with its line (E20), or past the last line (E19).
            Some(_) => return Err(unset(vim)),
            None => return Err(vim.unsupported(Key::Char('.'), "'. after a change whose position the engine does not follow")),
        },
        Some(c) => return Err(vim.unsupported(Key::Char(c), "this mark")),
        None => return Err(Flow::Fail),
    };
    let pos = match vim.mark_now(mark, on_delete) {
        MarkAt::At(pos) => pos,
        MarkAt::Deleted => return Err(unset(vim)),
        MarkAt::Unknown => return Err(vim.unsupported(cmd.key, "a mark set before lines changed in a way the engine does not follow")),
    };
    if pos.line > vim.last_line() {
        return Err(unset(vim));
    }
    mark_motion(vim, cmd.key, pos, linewise)
}

/// The motion to a mark's position (`nv_cursormark()`): linewise to the first non-blank of its
/// line, or charwise to it, kept on the line (check_cursor()); a jump.
pub(crate) fn mark_motion(vim: &mut Vim, key: Key, pos: Pos, linewise: bool) -> Res<Motion> {
    let mut m = if linewise {
        Motion::new(Pos::new(pos.line, vim.first_nonblank(pos.line)), MotionKind::Linewise)
    } else {
        // check_cursor(): a mark past the end of a line that has since become shorter goes to
        // its last character (to the line break in Visual mode).
        let line = vim.line(pos.line);
        let in_visual = matches!(vim.mode, super::Mode::Visual | super::Mode::VisualLine | super::Mode::VisualBlock);
        let mut col = pos.col;
        if col >= line.len() {
            col = if in_visual { line.len() } else { line.len().saturating_sub(1) };
        }
        if !line.is_char_boundary(col) {
            // An operator then cuts the character in two: Vim writes bytes that are not UTF-8.
            return Err(vim.unsupported(key, "a mark inside a multibyte character (its line changed since)"));
        }
        Motion::new(Pos::new(pos.line, col), MotionKind::Exclusive)
    };
    m.jump = true;
    Ok(m)
}
