//! Operators on a range (`ops.c`: `do_pending_operator`, `op_delete`, `op_yank`,
//! `op_change`, `op_shift`, `op_tilde`, `do_join`) and the commands built on the same
//! machinery: `r`, `~`, `p`/`P`/`gp`/`gP`.

use super::casemap::push_converted;
use super::motion::{Motion, MotionKind};
use super::command::{Cmd, Op, OpArg};
use super::markmove::ChangedMarks;
use super::register::{RegKind, Register};
use super::{next_boundary, prev_boundary, Flow, Mode, Pos, Res, Vim};
use crate::keys::Key;

/// The text an operator works on, after Vim's adjustments.
#[derive(Clone, Copy, Debug)]
pub struct Region {
    pub start: Pos,
    /// Last position included (charwise inclusive), or the line (linewise).
    pub end: Pos,
    pub linewise: bool,
    pub inclusive: bool,
    /// Vim's `oap->is_VIsual`: the region is a Visual selection, which turns off Vi's
    /// exclusive-to-linewise rules for delete and yank.
    pub visual: bool,
    /// Vim's `oap->end_adjusted`: an exclusive motion's end in column 0 was moved back to
    /// the end of the line above (`:help exclusive`).
    pub end_adjusted: bool,
}

impl Region {
    pub fn line_count(&self) -> usize {
        self.end.line - self.start.line + 1
    }
}

impl Vim {
    /// Vim's `do_pending_operator()` for a motion or text object.
    pub(crate) fn apply_operator(&mut self, op: OpArg, cmd: &Cmd, m: Motion, redo_keys: &[Key]) -> Res {
        let old_col = self.old_col(cmd.key)?;
        if old_col.is_some() {
            if op.force.is_some() {
                return Err(self.unsupported(cmd.key, "'nostartofline' with a forced motion"));
            }
            let linewise = m.kind == MotionKind::Linewise;
            if matches!(op.op, Op::ShiftLeft | Op::ShiftRight) && !linewise && !m.want_end {
                // op_shift()'s beginline() then goes to the wanted column the motion left,
                // which motions such as `g_` and `|` set as they go.
                return Err(self.unsupported(cmd.key, "'nostartofline' with a shift over a charwise motion"));
            }
            if m.want_end {
                // nv_dollar() sets the wanted column under an operator too; op_shift()'s
                // beginline() uses it.
                self.curswant = usize::MAX;
            }
        }
        if m.jump {
            self.setpcmark(op.start);
        }
        let (mut start, mut end) = if op.start <= m.to { (op.start, m.to) } else { (m.to, op.start) };
        if let Some(from) = m.object_start {
            // An object can end before it starts (`iw` on an empty last line backs up to the
            // line above): do_pending_operator() orders the two ends.
            (start, end) = if from <= m.to { (from, m.to) } else { (m.to, from) };
        }
        let mut linewise = m.kind == MotionKind::Linewise;
        let mut inclusive = m.kind == MotionKind::Inclusive;
        // do_pending_operator(): `o_V` makes the motion linewise; `o_v` makes it charwise,
        // exclusive from a linewise motion ("makes dvj work nice"), else inclusive toggled.
        match op.force {
            Some('V') => linewise = true,
            Some(_) => {
                inclusive = !linewise && !inclusive;
                linewise = false;
            }
            None => {}
        }
        self.command.op_forced = op.force.is_some();
        if op.op != Op::Yank {
            self.set_redo(op.register, cmd.count0, redo_keys.to_vec());
        }
        // `:help exclusive-linewise`.
        let end_adjusted = !linewise && !inclusive && !m.no_adjust && end.col == 0 && end.line > start.line;
        if end_adjusted {
            end.line -= 1;
            if start.col <= self.first_nonblank(start.line) {
                linewise = true;
            } else {
                let len = self.line(end.line).len();
                end.col = len;
                if len > 0 {
                    end.col = prev_boundary(self.line(end.line), len);
                    inclusive = true;
                }
            }
        }
        if linewise {
            inclusive = true;
        }
        let region = Region { start, end, linewise, inclusive, visual: false, end_adjusted };
        self.command.use_reg_one = m.reg_one;
        match self.command.reg_one_leak.take() {
            Some(true) => self.command.use_reg_one = true,
            Some(false) if matches!(op.op, Op::Delete | Op::Change) => {
                return Err(self.unsupported(Key::Char('`'), "a delete after an operator's `` ` `` to an unset mark and a g, z or . command"));
            }
            _ => {}
        }
        self.cur = start;
        self.set_curswant = true;
        self.command.delete_made_linewise = false;
        let result = self.run_operator(&op, region, 1);
        self.command.op_forced = false;
        result?;
        self.back_to_old_col(op.op, &region, old_col)
    }

    /// Vim's main loop brings the wanted column up to date before each command (not for
    /// keys from `.`: the stuff buffer skips it), and `normal_cmd()` keeps it as `old_col`
    /// for [`Vim::back_to_old_col`]. Modelled only without 'startofline', where it matters.
    #[inline]
    pub(crate) fn note_old_col(&mut self) -> Res {
        if !self.options.startofline && !self.last_key_from_redo() {
            self.update_curswant()?;
            self.command.old_col = self.curswant;
        }
        Ok(())
    }

    /// `old_col` for an operator without 'startofline' (`None` with it). After `.` the
    /// main loop did not update the wanted column: refused.
    pub(crate) fn old_col(&mut self, key: Key) -> Res<Option<usize>> {
        if self.options.startofline {
            return Ok(None);
        }
        if self.last_key_from_redo() {
            return Err(self.unsupported(key, "'nostartofline' with an operator repeated by ."));
        }
        if self.ex.global_busy {
            // :g puts the cursor on each line without invalidating Vim's cached screen
            // column, which update_curswant() then may use.
            return Err(self.unsupported(key, "'nostartofline' with an operator inside :g"));
        }
        Ok(Some(self.command.old_col))
    }

    /// `do_pending_operator()` without 'startofline': after a linewise delete or shift (not
    /// made linewise by the exclusive rule) the cursor goes back to the wanted column it had.
    pub(crate) fn back_to_old_col(&mut self, op: Op, region: &Region, old_col: Option<usize>) -> Res {
        let Some(old_col) = old_col else { return Ok(()) };
        let linewise = region.linewise || std::mem::take(&mut self.command.delete_made_linewise);
        if linewise && !region.end_adjusted && matches!(op, Op::Delete | Op::ShiftLeft | Op::ShiftRight) {
            // coladvance(curwin->w_curswant = old_col), with w_set_curswant left set: the
            // next vertical move takes its column from where the cursor landed.
            self.curswant = old_col;
            self.cur.col = self.want_col(self.cur.line)?;
            self.set_curswant = true;
        }
        Ok(())
    }

    /// Run an operator on a region, however the region was made (a motion, a text object or
    /// a Visual selection): the operator part of Vim's `do_pending_operator()`. `shift` is
    /// how many times `>`/`<` shift (the count in Visual mode). The cursor is at the start.
    pub(crate) fn run_operator(&mut self, op: &OpArg, region: Region, shift: usize) -> Res {
        // Each operator that sets `'[` and `']` as Vim does says so below.
        self.marks.changed = ChangedMarks::Unknown;
        let Region { start, end, linewise, inclusive, .. } = region;
        let empty = !linewise
            && (!inclusive || (op.op == Op::Yank && end.col >= self.line(end.line).len()))
            && start == end;
        match op.op {
            Op::Delete => self.op_delete(region, op.register, empty, false),
            Op::Change => self.op_change(region, op.register, empty),
            Op::Yank => {
                if is_read_only(op.register) {
                    return Err(Flow::Fail);
                }
                // An empty region still yanks (an empty string).
                self.op_yank(region, op.register, false);
                if op.register != Some('_') {
                    self.marks.changed = self.yank_marks(&region);
                }
                self.clamp_cursor();
                Ok(())
            }
            Op::ShiftLeft | Op::ShiftRight => self.op_shift(region, op.op == Op::ShiftRight, shift),
            Op::Format | Op::FormatKeep => self.op_format(op, region),
            Op::Lower | Op::Upper | Op::Tilde | Op::Rot13 => {
                if !empty {
                    // op_tilde() takes the marks from the region as it was before the case
                    // changed (`ß` becomes `SS`).
                    let marks = self.tilde_marks(&region);
                    self.op_case(region, op.op)?;
                    self.marks.changed = marks;
                } else if start.col == 0 {
                    // op_tilde() steps an exclusive end back with dec(): at the start of the
                    // buffer it cannot move and the character there changes; at the start of
                    // another line it lands on the line above and the whole line changes.
                    let end = if start.line == 0 { start } else { Pos::new(start.line, self.last_col(start.line)) };
                    let whole = Region { end, inclusive: true, ..region };
                    self.op_case(whole, op.op)?;
                }
                self.clamp_cursor();
                Ok(())
            }
        }
    }

    /// The text of a region, as register lines.
    pub(crate) fn region_text(&self, r: Region) -> Vec<String> {
        if r.linewise {
            return (r.start.line..=r.end.line).map(|l| self.line(l).to_string()).collect();
        }
        let end_col = self.region_end_col(r);
        if r.start.line == r.end.line {
            let line = self.line(r.start.line);
            let s = r.start.col.min(line.len());
            return vec![line[s..end_col.max(s)].to_string()];
        }
        let mut out = Vec::with_capacity(r.line_count());
        let first = self.line(r.start.line);
        out.push(first[r.start.col.min(first.len())..].to_string());
        for l in r.start.line + 1..r.end.line {
            out.push(self.line(l).to_string());
        }
        out.push(self.line(r.end.line)[..end_col].to_string());
        out
    }

    /// Vim's `oap->end`: the end of an inclusive charwise region is the last byte of its
    /// character (`do_pending_operator()` includes the trailing bytes).
    fn oap_end(&self, r: &Region) -> Pos {
        let line = self.line(r.end.line);
        if r.inclusive && !r.linewise && r.end.col < line.len() {
            return Pos::new(r.end.line, next_boundary(line, r.end.col) - 1);
        }
        r.end
    }

    /// `'[` and `']` after `op_yank()`: the region, whole lines for a linewise yank (also one
    /// that the exclusive rule made linewise, whose end stays on the line below).
    fn yank_marks(&self, r: &Region) -> ChangedMarks {
        let made_linewise = !r.linewise && !r.inclusive && !r.visual && r.start.col == 0 && r.end.col == 0 && r.line_count() > 1;
        if r.linewise || made_linewise {
            ChangedMarks::set(Pos::new(r.start.line, 0), Pos::new(r.end.line, super::visual::MAXCOL))
        } else {
            ChangedMarks::set(r.start, self.oap_end(r))
        }
    }

    /// `'[` and `']` after `op_tilde()`: whole lines from column 0 to the last byte; an
    /// exclusive end steps back a character first (`dec()`).
    fn tilde_marks(&self, r: &Region) -> ChangedMarks {
        if r.linewise {
            let last = Pos::new(r.end.line, self.line(r.end.line).len().saturating_sub(1));
            return ChangedMarks::set(Pos::new(r.start.line, 0), last);
        }
        if r.inclusive {
            return ChangedMarks::set(r.start, self.oap_end(r));
        }
        let end = if r.end.col > 0 {
            Pos::new(r.end.line, prev_boundary(self.line(r.end.line), r.end.col.min(self.line(r.end.line).len())))
        } else if r.end.line > 0 {
            // dec() from column 0 stops on the line break of the line above.
            Pos::new(r.end.line - 1, self.line(r.end.line - 1).len())
        } else {
            r.end
        };
        ChangedMarks::set(r.start, end)
    }

    /// Byte column just past the region's last character on its last line.
    fn region_end_col(&self, r: Region) -> usize {
        let line = self.line(r.end.line);
        if r.inclusive {
            next_boundary(line, r.end.col.min(line.len()))
        } else {
            r.end.col.min(line.len())
        }
    }

    /// `op_yank()`; `deleting` suppresses nothing here but documents the caller.
    pub(crate) fn op_yank(&mut self, r: Region, register: Option<char>, deleting: bool) {
        let _ = deleting;
        if register == Some('_') {
            return;
        }
        let reg = self.yanked(r);
        self.regs.store(register, reg);
    }

    /// What `op_yank()` puts in a register for a region (a delete or change yanks too): a
    /// charwise exclusive region from column 0 to column 0 of a later line is yanked linewise,
    /// without that last line ("the yank is always linewise"), even where the operator
    /// itself stays charwise (`3d<BS>`, whose end is not adjusted).
    fn yanked(&self, r: Region) -> Register {
        let mut lines = self.region_text(r);
        let mut kind = if r.linewise { RegKind::Line } else { RegKind::Char };
        if !r.linewise && !r.inclusive && !r.visual && r.start.col == 0 && r.end.col == 0 && lines.len() > 1 {
            kind = RegKind::Line;
            lines.pop();
        }
        Register { lines, kind }
    }

    /// `op_delete()`: registers first, then the text.
    pub(crate) fn op_delete(&mut self, mut r: Region, register: Option<char>, empty: bool, changing: bool) -> Res {
        if self.buf.empty {
            return Ok(());
        }
        self.begin_followed_change();
        if empty {
            // "Nothing to delete ... Do prepare undo": even `dh` in column 0 makes an undo
            // step that `u` then takes back (changing nothing); u_save_cursor() saves the
            // line for `U`.
            self.save_undo();
            self.u_saveline(self.cur.line);
            self.uline_checked = true;
            self.end_followed_change();
            return Ok(());
        }
        if is_read_only(register) {
            // op_delete() beeps and deletes nothing; op_change() would then still start
            // Insert mode, which is not modelled.
            return Err(if changing {
                self.unsupported(Key::Char(register.unwrap_or('.')), "a change into a read-only register")
            } else {
                Flow::Fail
            });
        }
        // Vi: a multi-line charwise delete that leaves only blanks becomes linewise (not
        // when o_v forced it charwise).
        if !r.linewise && !changing && !r.visual && !self.command.op_forced && r.line_count() > 1 {
            let line = self.line(r.end.line);
            let after = self.region_end_col(r);
            if line[after..].trim_start_matches([' ', '\t']).is_empty() && r.start.col <= self.first_nonblank(r.start.line) {
                r.linewise = true;
                // op_delete() changes oap->motion_type: do_pending_operator() sees MLINE.
                self.command.delete_made_linewise = true;
            }
        }
        if !r.linewise && r.line_count() == 1 && !changing && self.line(r.start.line).is_empty() {
            return Ok(());
        }
        if register != Some('_') {
            let reg = self.yanked(r);
            if register.is_some() {
                self.regs.store(register, reg.clone());
            }
            let appending = register.is_some_and(|c| c.is_ascii_uppercase());
            if r.linewise || r.line_count() > 1 || self.command.use_reg_one {
                self.regs.store_numbered(reg.clone(), appending);
            }
            if register.is_none() && !r.linewise && r.line_count() == 1 {
                self.regs.store_small_delete(reg);
            }
        }
        if r.linewise && changing && r.end.line > r.start.line {
            // op_delete() first deletes the lines after the first one with the cursor moved
            // to the next line: an undo block opened there remembers that line, and `u`
            // returns to it.
            let at = self.cur;
            self.cur.line = r.start.line + 1;
            self.save_undo();
            self.cur = at;
        } else {
            self.save_undo();
        }
        // What op_delete() saves for `U`: the line of a delete within one line
        // (u_save_cursor()), nothing for one across lines (u_save() of several), none after
        // deleting lines (u_clearline()); a linewise change saves the first line
        // (u_save_cursor(), the cursor at the start) and, when it deleted lines, clears it
        // after. A linewise change of a Visual selection is not followed.
        match (r.linewise, changing) {
            (true, true) if r.visual => {}
            (true, true) => {
                if r.line_count() > 1 {
                    self.u_clearline();
                } else {
                    self.u_saveline(r.start.line);
                }
                self.uline_checked = true;
            }
            (true, false) => {
                self.u_clearline();
                self.uline_checked = true;
            }
            (false, _) => {
                if r.line_count() == 1 {
                    self.u_saveline(r.start.line);
                }
                self.uline_checked = true;
            }
        }
        // op_delete()'s `setmarks`: both at the start, however the text went. A linewise
        // region starts where the cursor or the motion was, in its column, and without
        // 'startofline' the engine's linewise motions do not keep Vim's column.
        if !r.linewise || self.options.startofline {
            self.marks.changed = ChangedMarks::set(r.start, r.start);
        }
        // The `changed_common()` calls below are Vim's, in its order: del_lines() reports
        // column 0 of the first line deleted, truncate_line() and del_bytes() where the text
        // went, do_join() the end of the line joined to.
        if r.linewise {
            if changing {
                // Keep the first line, emptied (noautoindent).
                if r.end.line > r.start.line {
                    self.buf.delete_lines_moving_marks(r.start.line + 1, r.end.line);
                    self.changed_at(Pos::new(r.start.line + 1, 0));
                }
                self.buf.set_line(r.start.line, String::new());
                self.changed_at(Pos::new(r.start.line, 0));
                self.cur = Pos::new(r.start.line, 0);
            } else {
                self.buf.delete_lines_moving_marks(r.start.line, r.end.line);
                self.changed_at(Pos::new(r.start.line, 0));
                let line = r.start.line.min(self.last_line());
                self.cur = Pos::new(line, self.first_nonblank(line));
            }
            self.end_followed_change();
            return Ok(());
        }
        let end_col = self.region_end_col(r);
        if r.line_count() == 1 {
            let line = self.buf.line_mut(r.start.line);
            let s = r.start.col.min(line.len());
            line.replace_range(s..end_col.max(s), "");
            if end_col > s {
                self.changed_at(Pos::new(r.start.line, s));
                self.end_followed_change();
            }
        } else {
            let tail = self.line(r.end.line)[end_col..].to_string();
            let head_len = r.start.col.min(self.line(r.start.line).len());
            // op_delete(): the lines between go (del_lines()), then the rest of the last line
            // is joined to the first (do_join(), which moves the marks on it without taking
            // the deleted start of that line into account).
            self.changed_at(Pos::new(r.start.line, head_len));
            if r.line_count() > 2 {
                self.buf.delete_lines_moving_marks(r.start.line + 1, r.end.line - 1);
                self.changed_at(Pos::new(r.start.line + 1, 0));
            }
            if end_col > 0 {
                self.changed_at(Pos::new(r.start.line + 1, 0));
            }
            self.buf.join_moves_marks(r.start.line + 1, 1, head_len as isize, 0);
            self.changed_at(Pos::new(r.start.line, head_len));
            self.buf.delete_lines_moving_marks(r.start.line + 1, r.start.line + 1);
            self.changed_at(Pos::new(r.start.line + 1, 0));
            let line = self.buf.line_mut(r.start.line);
            line.truncate(head_len);
            line.push_str(&tail);
            self.end_followed_change();
        }
        self.cur = r.start;
        if !changing && self.insert.restart.is_none() {
            // del_bytes() with fixpos: not on the NUL past the end (unless restart_edit is
            // set: under `<C-o>` the cursor stays there for Insert mode).
            self.clamp_cursor();
        }
        Ok(())
    }

    /// `op_change()`: delete, then Insert mode at the start.
    fn op_change(&mut self, r: Region, register: Option<char>, empty: bool) -> Res {
        let start_col = r.start.col;
        if self.buf.empty {
            self.save_undo();
        } else {
            self.op_delete(r, register, empty, true)?;
        }
        if !r.linewise && self.cur.col < start_col && !self.cur_line().is_empty() {
            self.cur.col = next_boundary(self.cur_line(), self.cur.col);
        }
        let prefix = self.redo.as_ref().map(|r| r.keys.clone()).unwrap_or_default();
        let (reg, count) = self.redo.as_ref().map_or((None, 0), |r| (r.register, r.count));
        self.begin_insert(Mode::Insert, 'c', 1, reg, count, prefix);
        Ok(())
    }

    /// `op_shift()` with shiftwidth=8, noexpandtab, noshiftround: empty lines stay; `amount`
    /// shiftwidths at once (a count in Visual mode).
    fn op_shift(&mut self, r: Region, right: bool, amount: usize) -> Res {
        self.begin_followed_change();
        self.save_undo();
        if !r.visual {
            // u_save(start - 1, end + 1): one line is saved for `U` too.
            if r.line_count() == 1 {
                self.u_saveline(r.start.line);
            }
            self.uline_checked = true;
        }
        let (first_line, changes) = (self.line(r.start.line).to_string(), self.buf.changes);
        for l in r.start.line..=r.end.line {
            let line = self.line(l).to_string();
            if line.is_empty() {
                continue;
            }
            let (width, body) = split_indent(&line);
            let by = amount.saturating_mul(8);
            let new_width = if right { width.saturating_add(by) } else { width.saturating_sub(by) };
            self.check_size(new_width / 8 + new_width % 8)?;
            self.buf.set_line(l, with_indent(new_width, body));
        }
        if self.buf.changes == changes {
            // op_shift() calls changed_lines() whatever came of the lines: Vim's buffer is
            // modified all the same.
            self.file.changed_unchanged = true;
        }
        if self.buf.changes != changes && self.line(r.start.line) == first_line {
            // Vim's u_save() covered the unchanged first line too, so `u` puts the cursor
            // there; the engine's undo keeps only the changed lines: refuse undo from now on.
            self.visual.undo_unsure = true;
        }
        if self.options.startofline {
            // `'[` where the region starts (in the column of the cursor or the motion, which
            // the engine's linewise motions keep only with 'startofline').
            let last = Pos::new(r.end.line, self.line(r.end.line).len().saturating_sub(1));
            self.marks.changed = ChangedMarks::set(r.start, last);
        }
        // changed_lines() from column 0 of the first line, whatever came of the lines.
        self.changed_at(Pos::new(r.start.line, 0));
        self.end_followed_change();
        // beginline(BL_SOL | BL_FIX), with the wanted column as the motion left it.
        self.beginline_sol(r.start.line, false)
    }

    /// `op_tilde()`: `gu`, `gU`, `g~`, `g?`.
    fn op_case(&mut self, r: Region, op: Op) -> Res {
        self.begin_followed_change();
        self.save_undo();
        let (first_col, end_col) = if r.linewise { (0, usize::MAX) } else { (r.start.col, self.region_end_col(r)) };
        let (mut did_change, mut wide_swap, mut sharp_s) = (false, false, false);
        for l in r.start.line..=r.end.line {
            let line = self.line(l).to_string();
            let s = if l == r.start.line { first_col.min(line.len()) } else { 0 };
            let e = if l == r.end.line { end_col.min(line.len()) } else { line.len() };
            let mut out = String::with_capacity(line.len());
            out.push_str(&line[..s]);
            for c in line[s..e.max(s)].chars() {
                let at = out.len();
                if !push_converted(&mut out, c, op) {
                    return Err(self.unsupported(Key::Char(c), "case mapping of this character"));
                }
                wide_swap |= !c.is_ascii() && swapped_beyond_ascii(c, &out[at..]);
                sharp_s |= op == Op::Upper && c == 'ß';
            }
            out.push_str(&line[e.max(s)..]);
            if out != line {
                did_change = true;
                self.buf.set_line(l, out);
            }
        }
        // op_tilde(): changed_lines() from the region's start (column 0 for lines).
        if did_change {
            self.changed_at(Pos::new(r.start.line, first_col));
        }
        if wide_swap {
            self.forget_change_entries();
        }
        if sharp_s {
            // swapchar() turns `ß` into "SS" by typing it (each `S` reported) and then calls
            // the character unchanged, so whether op_tilde() reports the region depends on
            // the other characters: not followed.
            self.forget_change_list();
        }
        self.end_followed_change();
        Ok(())
    }

    /// `do_join()`: join `count` lines from the cursor line; `setmark` sets `'[` and `']`.
    pub(crate) fn do_join(&mut self, count: usize, insert_space: bool, setmark: bool) -> Res {
        let first = self.cur.line;
        if count < 2 {
            // Joining one line rewrites it (and so makes an empty buffer a one-line file).
            self.save_undo();
            let line = self.line(first).to_string();
            self.buf.set_line(first, line);
            self.cur.col = 0;
            // As after any join, the next vertical motion takes its column from the cursor.
            self.set_curswant = true;
            return Ok(());
        }
        if first + count - 1 > self.last_line() {
            return Err(Flow::Fail);
        }
        // u_save() of the joined lines: none is saved for `U`.
        self.uline_checked = true;
        if setmark {
            self.begin_followed_change();
        }
        self.save_undo();
        let mut joined = self.line(first).to_string();
        let mut cursor_col = 0;
        // The last two characters of the line joined last (Vim's endcurr1/endcurr2): an
        // empty line resets them, so the line after it gets its space whatever came before.
        let last_two = |s: &str| {
            let mut rev = s.chars().rev();
            (rev.next(), rev.next())
        };
        let (mut end1, mut end2) = last_two(&joined);
        // Where each joined line's marks go (do_join() calls mark_col_adjust() last line first).
        let mut mark_moves = Vec::with_capacity(count - 1);
        for l in first + 1..first + count {
            let mut next = self.line(l);
            let whole_len = next.len();
            let mut spaces = 0;
            if insert_space {
                next = next.trim_start_matches([' ', '\t']);
                if !next.is_empty() && !next.starts_with(')') && !joined.is_empty() {
                    if end1 != Some('\t') {
                        if end1 == Some(' ') {
                            end1 = end2;
                        } else {
                            spaces += 1;
                        }
                        if matches!(end1, Some('.' | '?' | '!')) {
                            spaces += 1;
                        }
                    }
                }
            }
            cursor_col = joined.len();
            let spaces_removed = (whole_len - next.len()) as isize - spaces as isize;
            mark_moves.push((l, l - first, joined.len() as isize - spaces_removed, spaces_removed));
            joined.push_str(&" ".repeat(spaces));
            joined.push_str(next);
            (end1, end2) = last_two(next);
        }
        for &(l, lines_up, col_amount, spaces_removed) in mark_moves.iter().rev() {
            self.buf.join_moves_marks(l, lines_up, col_amount, spaces_removed);
        }
        // `'[` after the first line as it was, `']` after the joined line.
        if setmark {
            let first_len = self.line(first).len();
            self.marks.changed = ChangedMarks::set(Pos::new(first, first_len), Pos::new(first, joined.len()));
        }
        let first_len = self.line(first).len();
        self.buf.set_line(first, joined);
        // do_join() reports the end of the first line as it was, then del_lines() the line
        // below it. Those called without `setmark` (formatting, `:s`) go on changing lines
        // their own ways, not followed.
        if setmark {
            self.changed_at(Pos::new(first, first_len));
        }
        self.buf.delete_lines_moving_marks(first + 1, first + count - 1);
        if setmark {
            self.changed_at(Pos::new(first + 1, 0));
            self.end_followed_change();
        }
        self.cur.col = cursor_col;
        self.set_curswant = true;
        self.clamp_cursor();
        Ok(())
    }
}

/// Did `swapchar()` change `c`, a character beyond ASCII, into `swapped` by deleting it and
/// inserting the new character (`ins_char()`, which reports a change of its own)?
fn swapped_beyond_ascii(c: char, swapped: &str) -> bool {
    let mut buf = [0u8; 4];
    swapped != c.encode_utf8(&mut buf)
}

/// Registers a program can read but not write (`valid_yank_reg(name, TRUE)` fails).
fn is_read_only(register: Option<char>) -> bool {
    matches!(register, Some('.' | ':' | '/'))
}

/// `r{char}`: replace count characters; `r<CR>` replaces them with one line break.
pub(crate) fn replace_chars(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let c = cmd.nchar.ok_or(Flow::Fail)?;
    let line = vim.cur_line().to_string();
    let mut end = vim.cur.col;
    for _ in 0..cmd.count1 {
        if end >= line.len() {
            return Err(Flow::Fail);
        }
        end = next_boundary(&line, end);
    }
    if super::chars::may_be_composing(c) {
        return Err(vim.unsupported(Key::Char(c), "r with a composing character"));
    }
    if c == '\x05' || c == '\x19' {
        // nv_replace() copies, for each count, the character at the cursor's screen column
        // on the line below (<C-e>) or above (<C-y>), beeping and skipping a byte where there
        // is none (ins_copychar()); not modelled.
        return Err(vim.unsupported(Key::Char(c), "r<C-e> / r<C-y> (copy the character below / above)"));
    }
    vim.set_redo(None, cmd.count0, vim.command.cmd_keys.to_vec());
    vim.begin_followed_change();
    vim.save_undo();
    let col = vim.cur.col;
    if c != '\r' && c != '\n' {
        // nv_replace(): u_save_cursor().
        vim.u_saveline(vim.cur.line);
        vim.uline_checked = true;
    }
    if c == '\r' || c == '\n' {
        // Vim deletes the characters and types <CR> (noautoindent keeps all white space).
        let tail = line[end..].to_string();
        let lnum = vim.cur.line;
        let l = vim.buf.line_mut(lnum);
        l.truncate(col);
        // del_chars() reports the change where the characters went, open_line() where the
        // line was split: the same place.
        vim.changed_at(Pos::new(lnum, col));
        vim.buf.insert_lines_moving_marks(lnum + 1, vec![tail]);
        vim.changed_at(Pos::new(lnum, col));
        vim.end_followed_change();
        vim.cur = Pos::new(lnum + 1, 0);
        // ins_esc(): the next vertical move takes its column from the new line.
        vim.set_curswant = true;
        // The <CR> went through Insert mode (invoke_edit()), which records it as NL.
        vim.regs.set_last_insert("\n".into(), false, vec![Key::NL]);
        return Ok(());
    }
    let replacement: String = std::iter::repeat(c).take(cmd.count1).collect();
    vim.buf.line_mut(vim.cur.line).replace_range(col..end, &replacement);
    // nv_replace() replaces with ins_char() in Replace mode: each character reports where
    // it went.
    for i in 0..cmd.count1 {
        vim.changed_at(Pos::new(vim.cur.line, col + i * c.len_utf8()));
    }
    vim.end_followed_change();
    // set_last_insert(): `".` is the character, after a <C-v> when it is a control character.
    let control = (c as u32) < 0x20 || c == '\x7f';
    let literal = if control { "\x16" } else { "" };
    let keys = if control { vec![Key::Char('\x16'), Key::Char(c)] } else { vec![Key::Char(c)] };
    vim.regs.set_last_insert(format!("{literal}{c}"), super::register::escaped_in_typeahead(c), keys);
    vim.cur.col = prev_boundary(vim.cur_line(), col + replacement.len());
    // nv_replace(): `'[` where the first character was replaced, `']` on the last.
    vim.marks.changed = ChangedMarks::set(Pos::new(vim.cur.line, col), vim.cur);
    vim.set_curswant = true;
    Ok(())
}

/// `~` (notildeop, `nv_tilde()`): switch case of count characters and move right; with
/// 'whichwrap' `~` on over the end of a line to the start of the next (each line saved for
/// undo as it is reached, `u_savesub()`, while count is left).
pub(crate) fn tilde_chars(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let wraps = vim.options.wraps('~');
    if vim.cur_line().is_empty() && !wraps {
        return Err(Flow::Fail);
    }
    vim.set_redo(None, cmd.count0, vim.command.cmd_keys.to_vec());
    let first = vim.cur.line;
    let start = vim.cur;
    let (mut did_change, mut wide_swap) = (false, false);
    vim.begin_followed_change();
    vim.u_save(first, first + 2); // u_save_cursor()
    vim.uline_checked = true;
    let mut remaining = cmd.count1;
    // inc_cursor() off a line's end reaches the next line without saving it: a change
    // there would not be undone by Vim's undo.
    let mut unsaved = false;
    let mut saved_more = false;
    loop {
        let lnum = vim.cur.line;
        let line = vim.line(lnum);
        if vim.cur.col >= line.len() {
            // On the line's end (an empty line, or after `<C-o>`) swapchar() has nothing to
            // switch and inc_cursor() goes on to the next line.
            remaining -= 1;
            if lnum < vim.last_line() {
                vim.cur = Pos::new(lnum + 1, 0);
                unsaved = true;
            }
        } else {
            let col = vim.cur.col;
            let mut end = col;
            while remaining > 0 && end < line.len() {
                end = next_boundary(line, end);
                remaining -= 1;
            }
            let mut out = String::with_capacity(line.len());
            out.push_str(&line[..col]);
            for c in line[col..end].chars() {
                let at = out.len();
                if !push_converted(&mut out, c, Op::Tilde) {
                    return Err(vim.unsupported(Key::Char(c), "case mapping of this character"));
                }
                wide_swap |= !c.is_ascii() && swapped_beyond_ascii(c, &out[at..]);
            }
            out.push_str(&line[end..]);
            if out != line {
                did_change = true;
                if unsaved {
                    return Err(vim.unsupported(cmd.key, "~ changing a line it reached from the end of another (Vim does not save it for undo)"));
                }
                vim.buf.set_line(lnum, out);
            }
            vim.cur.col = end;
        }
        if vim.cur.col >= vim.cur_line().len() {
            if !(wraps && vim.cur.line < vim.last_line()) {
                break;
            }
            vim.cur = Pos::new(vim.cur.line + 1, 0);
            if remaining > 0 {
                vim.u_save(vim.cur.line, vim.cur.line + 2); // u_savesub()
                unsaved = false;
                saved_more = true;
            }
        }
        if remaining == 0 {
            break;
        }
    }
    if saved_more {
        // Vim's entries, one per line, place the cursor after undo.
        vim.undo.mark_unsure();
    }
    vim.set_curswant = true;
    vim.clamp_cursor();
    if did_change {
        // n_swapchar(): from where it started to the byte before the cursor.
        let end = Pos::new(vim.cur.line, vim.cur.col.saturating_sub(1));
        vim.marks.changed = ChangedMarks::set(start, end);
        // changed_lines() from where it started.
        vim.changed_at(start);
    }
    if wide_swap {
        vim.forget_change_entries();
    }
    vim.end_followed_change();
    Ok(())
}

/// `p`, `P`, `gp`, `gP` (`do_put()`).
/// A line's indent in screen columns (tabs of 8) and the text after it.
pub(crate) fn split_indent(line: &str) -> (usize, &str) {
    let body = line.trim_start_matches([' ', '\t']);
    let mut width: usize = 0;
    for c in line[..line.len() - body.len()].chars() {
        width += if c == '\t' { 8 - width % 8 } else { 1 };
    }
    (width, body)
}

/// `set_indent()` with 'noexpandtab' and 'tabstop' 8: the indent as tabs, then spaces.
pub(crate) fn with_indent(width: usize, body: &str) -> String {
    let mut line = "\t".repeat(width / 8);
    line.push_str(&" ".repeat(width % 8));
    line.push_str(body);
    line
}

/// `]p`, `[p`, `]P`, `[P` (`nv_put_opt()` with `PUT_FIXINDENT`): a linewise register put
/// with its indent shifted so that its first non-empty line gets the cursor line's indent
/// (the others keep their indent relative to it; empty lines stay empty); a charwise register
/// of several lines put as `p` or `P`, then the same for the lines after the first; other
/// registers put as `p` (`]p`) or `P`.
pub(crate) fn put_fixing_indent(vim: &mut Vim, cmd: &Cmd, keys: &[Key], after: bool) -> Res {
    // do_put() sets `'[` and `']` (to the cursor even when the register is empty); with the
    // indent fixed they are not followed.
    vim.marks.changed = ChangedMarks::Unknown;
    if vim.mode != super::Mode::Normal || vim.insert.restart.is_some() {
        return Err(vim.unsupported(cmd.key, "]p and [p in Visual mode or after <C-o>"));
    }
    if cmd.register == Some('.') {
        return Err(vim.unsupported(cmd.key, "putting the \". register (Vim types it as an insert)"));
    }
    vim.set_redo(cmd.register, cmd.count0, keys.to_vec());
    vim.save_undo();
    if cmd.register == Some('_') {
        return Ok(());
    }
    let Some(reg) = vim.regs.read(cmd.register) else { return Err(Flow::Fail) };
    let (orig, _) = split_indent(vim.cur_line());
    match reg.kind {
        RegKind::Line => {
            let mut fix = IndentFix { orig, diff: None };
            let mut lines = Vec::with_capacity(reg.lines.len().saturating_mul(cmd.count1));
            for _ in 0..cmd.count1 {
                for line in &reg.lines {
                    let fixed = fix.apply(line);
                    vim.check_size(fixed.len())?;
                    lines.push(fixed);
                }
            }
            vim.put_register(super::Register { lines, kind: RegKind::Line }, after, false, 1, cmd.key, false)
        }
        RegKind::Char if reg.lines.len() > 1 => {
            if cmd.count1 > 1 {
                return Err(vim.unsupported(cmd.key, "]p with a count and several lines of charwise text"));
            }
            // The lines after the first are put as lines: y_array[1..] (the last one with
            // the rest of the cursor line after it) get their indent fixed.
            let first = vim.cur.line;
            let added = reg.lines.len() - 1;
            vim.put_register(reg, after, false, 1, cmd.key, false)?;
            let mut fix = IndentFix { orig, diff: None };
            for l in first + 1..=first + added {
                let fixed = fix.apply(vim.line(l));
                vim.check_size(fixed.len())?;
                vim.buf.set_line(l, fixed);
            }
            Ok(())
        }
        _ => vim.put_register(reg, after, false, cmd.count1, cmd.key, false),
    }
}

/// The indent `do_put()` gives each put line under `PUT_FIXINDENT`.
struct IndentFix {
    /// The cursor line's indent.
    orig: usize,
    /// Set by the first non-empty line: how far every line moves.
    diff: Option<isize>,
}

impl IndentFix {
    fn apply(&mut self, line: &str) -> String {
        if line.is_empty() {
            return String::new();
        }
        let (width, body) = split_indent(line);
        let indent = match self.diff {
            None => {
                self.diff = Some(self.orig as isize - width as isize);
                self.orig
            }
            Some(d) => usize::try_from(width as isize + d).unwrap_or(0),
        };
        with_indent(indent, body)
    }
}

pub(crate) fn put(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let (after, cursor_end) = match (cmd.key, cmd.nchar) {
        (Key::Char('g'), Some('p')) => (true, true),
        (Key::Char('g'), Some('P')) => (false, true),
        (Key::Char('p'), _) => (true, false),
        _ => (false, false),
    };
    if cmd.register == Some('.') {
        return Err(vim.unsupported(cmd.key, "putting the \". register (Vim types it as an insert)"));
    }
    vim.set_redo(cmd.register, cmd.count0, vim.command.cmd_keys.to_vec());
    vim.begin_followed_change();
    // do_put() opens an undo block before it finds out the register is empty.
    vim.save_undo();
    if cmd.register == Some('_') {
        vim.end_followed_change();
        return Ok(());
    }
    let Some(reg) = vim.regs.read(cmd.register) else {
        vim.end_followed_change();
        return Err(Flow::Fail);
    };
    // do_put() saves the cursor line for a charwise register (u_save_cursor(), and so for
    // `U`), none for lines (u_save(lnum - 1, lnum)) — but in a buffer of one empty line,
    // which lines replace, that line (u_save(0, 2)).
    match reg.kind {
        RegKind::Char => {
            vim.u_saveline(vim.cur.line);
            vim.uline_checked = true;
        }
        RegKind::Line if !vim.buf.empty => {
            if vim.buf.line_count() == 1 && vim.line(0).is_empty() {
                vim.u_saveline(0);
            }
            vim.uline_checked = true;
        }
        _ => {}
    }
    vim.put_register(reg, after, cursor_end, cmd.count1, cmd.key, true)
}

impl Vim {
    /// The put part of `do_put()`: a register's text after or before the cursor. `set_marks`:
    /// `'[` and `']` as a plain `p` sets them (the callers that put some other way say not).
    pub(crate) fn put_register(&mut self, reg: Register, after: bool, cursor_end: bool, count: usize, key: Key, set_marks: bool) -> Res {
        let vim = self;
        vim.marks.changed = ChangedMarks::Unknown;
        let was_empty = vim.buf.empty;
        let cmd_key = key;
        let total: usize = reg.lines.iter().map(|l| l.len() + 1).sum::<usize>().saturating_mul(count);
        vim.check_size(total)?;
        // do_put() reports one change: where the text went in (column 0 of the first line
        // put, for lines). Followed for the plain puts (`set_marks`), not for blocks.
        let followed = set_marks && !matches!(reg.kind, RegKind::Block(_)) && !(was_empty && reg.kind == RegKind::Line);
        vim.save_undo();
        match reg.kind {
            RegKind::Block(_) if vim.insert.restart.is_some() => Err(vim.unsupported(cmd_key, "putting a block after <C-o>")),
            RegKind::Block(width) => vim.put_block(&reg, width, after, cursor_end, count, cmd_key),
            RegKind::Line => {
                let at = if after { vim.cur.line + 1 } else { vim.cur.line };
                let mut new = Vec::with_capacity(reg.lines.len() * count);
                for _ in 0..count {
                    new.extend(reg.lines.iter().cloned());
                }
                let n = new.len();
                if set_marks && !was_empty {
                    // `']` on the first byte of the last character put.
                    let last = reg.lines.last().map_or("", String::as_str);
                    let end_col = if last.len() > 1 { prev_boundary(last, last.len()) } else { 0 };
                    vim.marks.changed = ChangedMarks::set(Pos::new(at, 0), Pos::new(at + n - 1, end_col));
                }
                // do_put() moves the marks from the first new line down.
                vim.buf.insert_lines_moving_marks(at, new);
                if followed {
                    vim.changed_at(Pos::new(at, 0));
                    vim.end_followed_change();
                }
                if cursor_end {
                    let next = at + n;
                    vim.cur = Pos::new(next.min(vim.last_line()), 0);
                    if next > vim.last_line() {
                        vim.cur.col = 0;
                    }
                } else {
                    vim.cur = Pos::new(at, vim.first_nonblank(at));
                }
                vim.set_curswant = true;
                Ok(())
            }
            RegKind::Char => {
                let lnum = vim.cur.line;
                let line = vim.line(lnum).to_string();
                let col = if after && !line.is_empty() { next_boundary(&line, vim.cur.col) } else { vim.cur.col.min(line.len()) };
                if reg.lines.len() == 1 {
                    let text = reg.lines[0].repeat(count);
                    if !text.is_empty() {
                        // Putting nothing leaves the line alone (an empty buffer stays empty).
                        let mut new_line = line.clone();
                        new_line.insert_str(col, &text);
                        vim.buf.set_line(lnum, new_line);
                        if followed {
                            vim.changed_at(Pos::new(lnum, col));
                        }
                    }
                    if followed {
                        vim.end_followed_change();
                    }
                    let end = col + text.len();
                    if set_marks {
                        vim.marks.changed = if text.is_empty() {
                            ChangedMarks::set(vim.cur, vim.cur)
                        } else {
                            ChangedMarks::set(Pos::new(lnum, col), Pos::new(lnum, prev_boundary(vim.line(lnum), end)))
                        };
                    }
                    // An empty text (a yank of nothing) moves the cursor nowhere, not even past
                    // the character `p` puts after (do_put() steps only when yanklen > 0).
                    vim.cur.col = if text.is_empty() {
                        vim.cur.col
                    } else if cursor_end || vim.insert.restart.is_some() {
                        // "For CTRL-O p in Insert mode, put cursor after last char".
                        end
                    } else {
                        prev_boundary(vim.line(lnum), end)
                    };
                } else {
                    let head = &line[..col];
                    let tail = &line[col..];
                    let mut lines: Vec<String> = Vec::new();
                    let mut current = head.to_string();
                    for _ in 0..count {
                        current.push_str(&reg.lines[0]);
                        lines.push(std::mem::take(&mut current));
                        for mid in &reg.lines[1..reg.lines.len() - 1] {
                            lines.push(mid.clone());
                        }
                        current = reg.lines[reg.lines.len() - 1].clone();
                    }
                    let last_len = current.len();
                    current.push_str(tail);
                    lines.push(current);
                    let n = lines.len();
                    if set_marks && count == 1 {
                        // `']` on the first byte of the last character put; after `gp` the
                        // byte before the cursor (do_put()'s `col - 1`, from column 2 on).
                        let last = &reg.lines[reg.lines.len() - 1];
                        let end_col = match (cursor_end, last.len()) {
                            (true, len) if len > 1 => len - 1,
                            (true, len) => len,
                            (false, len) if len > 1 => prev_boundary(last, len),
                            (false, _) => 0,
                        };
                        // do_put() steps the cursor past the character it puts after only when
                        // the first line of the text is not empty; `'[` is the cursor.
                        let start = if reg.lines[0].is_empty() { vim.cur } else { Pos::new(lnum, col) };
                        vim.marks.changed = ChangedMarks::set(start, Pos::new(lnum + n - 1, end_col));
                    }
                    vim.buf.set_line(lnum, lines.remove(0));
                    // do_put() moves the marks below the line put into; those on it stay.
                    vim.buf.insert_lines_moving_marks(lnum + 1, lines);
                    if followed {
                        vim.changed_at(Pos::new(lnum, col));
                        vim.end_followed_change();
                    }
                    if cursor_end {
                        vim.cur = Pos::new(lnum + n - 1, last_len);
                    } else {
                        vim.cur = Pos::new(lnum, col);
                    }
                }
                vim.set_curswant = true;
                let len = vim.cur_line().len();
                if vim.cur.col > len {
                    vim.cur.col = len;
                }
                Ok(())
            }
        }
    }
}
