//! Visual mode (`v`, `V`, `<C-v>`): the selection, its command table (`VISUAL`, after the
//! Visual branches of Vim's `nv_cmds`: `nv_visual`, `v_visop`, `nv_operator`, `v_swap_corners`,
//! `nv_object`), and the Visual rules for the cursor (`coladvance()` may put it on the line
//! break: `'selection'` is inclusive).
//!
//! An operator typed in Visual mode runs at once on the selection through the same
//! [`Vim::run_operator`] as an operator after a motion (`do_pending_operator()` with
//! `VIsual_active`): the selection becomes a [`Region`] of shape char (inclusive, or
//! exclusive when it ends on a line break, which it then takes in), or line.
//!
//! Not modelled, and refused by name: `=`/`gq`, `.` after block operations, marks as
//! motions in Visual mode (see the README's Visual-mode paragraph for the rest).

use super::markmove::{MarkAt, OnDelete};
use super::motion::{Motion, MotionKind};
use super::command::{self, Action, Cmd, Op, OpArg, LANG, NCH};
use super::markmove::Mark;
use super::normal;
use super::operator::Region;
use super::register::Registers;
use super::textobject::{self, Selection, VisualArea};
use super::{next_boundary, prev_boundary, Flow, Mode, Pos, Res, Vim};
use crate::keys::{Key, Special};

/// Vim's `VIsual` and `curbuf->b_visual`: the selection being made and the last one.
#[derive(Clone, Debug, Default)]
pub(crate) struct VisualState {
    /// `VIsual`: the end of the selection that is not the cursor.
    pub anchor: Pos,
    /// `b_visual`: the last selection, for `gv` and the marks `'<` and `'>`.
    pub last: Option<LastVisual>,
    /// `resel_VIsual_mode != NUL`: an operator ran on a selection, so a count before `v`
    /// reselects an area of that size.
    pub reselect: bool,
    /// `resel_VIsual_mode`, `resel_VIsual_vcol` and `resel_VIsual_line_count` (`count` unused):
    /// the size of the last selection an operator ran on; `None` where the engine did not
    /// measure it.
    pub resel: Option<RedoVisual>,
    /// An operator on a selection (or a shift over Normal-mode lines) changed lines below the
    /// first one but not the first:
    /// Vim's undo saved the whole range and puts the cursor on its first line after `u`; the
    /// engine's undo keeps only the lines that changed. Undo and redo are refused from then on.
    pub undo_unsure: bool,
    /// Where the cursor was when Visual mode ended: Vim's cached screen column there was
    /// measured with the Visual rule for a tab.
    pub tab_left: Option<Pos>,
    /// Vim's `redo_VIsual`: the size of the selection the last operator ran on, which `.`
    /// selects again from the cursor; `None` when the engine does not repeat it.
    pub redo: Option<RedoVisual>,
    /// `.` is replaying a Visual operator (`redo_VIsual_busy`), with the register it read.
    pub redo_busy: Option<Option<char>>,
    /// The block `.` of a block operator works on, measured from the cursor as Vim's
    /// `get_op_vcol()` measures it with `redo_VIsual_busy` (not from two corners).
    pub redo_block: Option<super::block::Block>,
    /// `I` or `A` on a block, waiting for Insert mode to end.
    pub block_insert: Option<super::block::BlockInsert>,
    /// `oap->start_vcol` and `oap->end_vcol`: Vim's operator argument lives as long as
    /// `main_loop()` (`:normal` starts a fresh one), and only some Visual operators set these
    /// (see [`Vim::note_op_vcols`]); `A` on a charwise or linewise selection reads what an
    /// earlier one left.
    pub op_vcols: (usize, usize),
    /// Vim's `VIsual_select`: the selection is in Select mode (see [`super::select`]). Left
    /// set when the selection ends, as in Vim; every way into Visual mode sets it again.
    pub select: bool,
    /// Vim's `restart_VIsual_select`: `<C-o>` in Select mode runs one Visual-mode command.
    pub restart_select: bool,
}

/// The last selection (`b_visual`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct LastVisual {
    pub start: Pos,
    pub end: Pos,
    pub mode: Mode,
    pub curswant: usize,
    /// The buffer's `line_edits` when it was saved: Vim moves these marks when lines are
    /// inserted or deleted, the engine does not.
    pub line_edits: u32,
    /// False after `p` in Visual mode: Vim then selects the put text (`b_op_start` to
    /// `b_op_end`), which the engine does not track.
    pub known: bool,
}

/// `redo_VIsual`: the mode, columns (`usize::MAX` after `$`; a width on one line, the end
/// column on several), lines and count of the last Visual operation.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RedoVisual {
    pub mode: Mode,
    pub vcol: usize,
    pub line_count: usize,
    pub count: usize,
}

/// What an operator typed in Visual mode does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum VisualOp {
    /// One of the operators shared with Normal mode.
    Op(Op),
    /// `r{char}`: every character of the selection becomes the character.
    Replace,
    /// `J` (with spaces) and `gJ`.
    Join(bool),
    /// `<C-a>`, `<C-x>`; `g<C-a>`, `g<C-x>` add count more on each changed line.
    AddSub { subtract: bool, progressive: bool },
}

/// How a command shapes the selection before its operator runs (`v_visop()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// The selection as it is.
    AsIs,
    /// `X D Y C S R`: a charwise selection becomes linewise.
    Lines,
}

/// What an entry of the Visual table does.
#[derive(Clone, Copy)]
pub(crate) enum VAction {
    Operator(VisualOp, Shape),
    Command(fn(&mut Vim, &mut Cmd) -> Res),
}

/// One entry of the Visual-mode table (like `nv_cmds`: keys, what runs, whether it reads a
/// character argument).
pub struct VisualCmd {
    pub keys: &'static str,
    pub(crate) action: VAction,
    pub takes_char: bool,
    pub help: &'static str,
}

const fn op(keys: &'static str, op: VisualOp, shape: Shape, help: &'static str) -> VisualCmd {
    VisualCmd { keys, action: VAction::Operator(op, shape), takes_char: false, help }
}
const fn command(keys: &'static str, f: fn(&mut Vim, &mut Cmd) -> Res, takes_char: bool, help: &'static str) -> VisualCmd {
    VisualCmd { keys, action: VAction::Command(f), takes_char, help }
}

/// The Visual-mode table. Every Normal-mode motion (and `i`/`a` objects) also moves the
/// cursor end of the selection; any other key is refused.
pub static VISUAL: &[VisualCmd] = &[
    command("<Esc>", leave, false, "end Visual mode"),
    command("<C-f>", super::screen::page, false, "a page down, the cursor end following"),
    command("<PageDown>", super::screen::page, false, "a page down (<C-f>)"),
    command("<S-Down>", super::screen::page, false, "a page down (<C-f>)"),
    command("<C-b>", super::screen::page, false, "a page up, the cursor end following"),
    command("<PageUp>", super::screen::page, false, "a page up (<C-b>)"),
    command("<S-Up>", super::screen::page, false, "a page up (<C-b>)"),
    command("<C-c>", leave, false, "end Visual mode"),
    command("<C-\\>", ctrl_backslash, true, "<C-\\><C-n>: end Visual mode"),
    command("v", switch_mode, false, "charwise; ends Visual mode when charwise"),
    command("V", switch_mode, false, "linewise; ends Visual mode when linewise"),
    command("<C-v>", switch_mode, false, "blockwise; ends Visual mode when blockwise"),
    command("<C-q>", switch_mode, false, "blockwise, as <C-v>"),
    command("gh", super::select::start_select, false, "charwise Select mode; ends the selection when charwise"),
    command("gH", super::select::start_select, false, "linewise Select mode; ends the selection when linewise"),
    command("g<C-h>", super::select::start_select, false, "blockwise Select mode; ends the selection when blockwise"),
    command("g<BS>", super::select::start_select, false, "blockwise Select mode; ends the selection when blockwise"),
    command("<C-g>", toggle_select, false, "Visual mode to Select mode and back"),
    command("<C-o>", beep, false, "beeps (checkclearopq(): no jump with a selection)"),
    command("<Tab>", beep, false, "beeps (checkclearopq(): no jump with a selection)"),
    command(".", beep, false, "beeps (checkclearopq(): no repeat with a selection)"),
    command("<C-r>", beep, false, "beeps (checkclearopq(): no redo with a selection)"),
    command("g;", beep, false, "beeps (checkclearopq(): no change-list jump with a selection)"),
    command("g,", beep, false, "beeps (checkclearopq(): no change-list jump with a selection)"),
    command("g+", beep, false, "beeps (checkclearopq(): no undo-tree step with a selection)"),
    command("g-", beep, false, "beeps (checkclearopq(): no undo-tree step with a selection)"),
    command("o", swap_ends, false, "cursor to the other end of the selection"),
    command("O", swap_ends, false, "other end; in block mode the other corner on the same line"),
    command("i", object, true, "inner text object: extends the selection"),
    command("a", object, true, "a text object: extends the selection"),
    op("d", VisualOp::Op(Op::Delete), Shape::AsIs, "delete the selection"),
    op("x", VisualOp::Op(Op::Delete), Shape::AsIs, "delete the selection"),
    op("<Del>", VisualOp::Op(Op::Delete), Shape::AsIs, "delete the selection"),
    op("X", VisualOp::Op(Op::Delete), Shape::Lines, "delete the selected lines (block: the block)"),
    op("D", VisualOp::Op(Op::Delete), Shape::Lines, "delete the selected lines (block: to the line ends)"),
    op("y", VisualOp::Op(Op::Yank), Shape::AsIs, "yank the selection"),
    op("Y", VisualOp::Op(Op::Yank), Shape::Lines, "yank the selected lines (block: the block)"),
    op("c", VisualOp::Op(Op::Change), Shape::AsIs, "change the selection"),
    op("s", VisualOp::Op(Op::Change), Shape::AsIs, "change the selection"),
    op("C", VisualOp::Op(Op::Change), Shape::Lines, "change the selected lines (block: to the line ends)"),
    op("S", VisualOp::Op(Op::Change), Shape::Lines, "change the selected lines"),
    op("R", VisualOp::Op(Op::Change), Shape::Lines, "change the selected lines"),
    op("<lt>", VisualOp::Op(Op::ShiftLeft), Shape::AsIs, "shift the lines (the block) left count times"),
    op(">", VisualOp::Op(Op::ShiftRight), Shape::AsIs, "shift the lines (the block) right count times"),
    op("~", VisualOp::Op(Op::Tilde), Shape::AsIs, "switch case"),
    op("u", VisualOp::Op(Op::Lower), Shape::AsIs, "lower case"),
    op("U", VisualOp::Op(Op::Upper), Shape::AsIs, "upper case"),
    op("g~", VisualOp::Op(Op::Tilde), Shape::AsIs, "switch case"),
    op("gu", VisualOp::Op(Op::Lower), Shape::AsIs, "lower case"),
    op("gU", VisualOp::Op(Op::Upper), Shape::AsIs, "upper case"),
    op("g?", VisualOp::Op(Op::Rot13), Shape::AsIs, "rot13"),
    op("gq", VisualOp::Op(Op::Format), Shape::AsIs, "format the selected lines (the cursor to the last one's first non-blank)"),
    op("gw", VisualOp::Op(Op::FormatKeep), Shape::AsIs, "format the selected lines, keeping the cursor"),
    op("J", VisualOp::Join(true), Shape::AsIs, "join the lines (at least two)"),
    op("gJ", VisualOp::Join(false), Shape::AsIs, "join the lines without spaces"),
    op("<C-a>", VisualOp::AddSub { subtract: false, progressive: false }, Shape::AsIs, "add count to the first number in each line's part of the selection"),
    op("<C-x>", VisualOp::AddSub { subtract: true, progressive: false }, Shape::AsIs, "subtract count from the first number in each line's part"),
    op("g<C-a>", VisualOp::AddSub { subtract: false, progressive: true }, Shape::AsIs, "add count, 2 × count, ... to the numbers of the changed lines"),
    op("g<C-x>", VisualOp::AddSub { subtract: true, progressive: true }, Shape::AsIs, "subtract count, 2 × count, ... from the numbers of the changed lines"),
    VisualCmd { keys: "r", action: VAction::Operator(VisualOp::Replace, Shape::AsIs), takes_char: true, help: "replace every selected character" },
    command(":", colon, false, "command line with '<,'> typed"),
    command("p", put, false, "replace the selection with a register (charwise into v, linewise into V)"),
    command("P", put, false, "the same, keeping the registers"),
    command("gp", put, false, "as p, the cursor just after the text put"),
    command("gP", put, false, "as P, the cursor just after the text put"),
    command("I", super::block::insert_command, false, "insert before the selected lines (count: repeated); block: on every line (short lines skipped)"),
    command("A", super::block::insert_command, false, "append after the selected lines (count: repeated); block: on every line (short lines padded; `$A`: at each end)"),
];

fn lookup(keys: &[Key]) -> Option<&'static VisualCmd> {
    static INDEX: std::sync::OnceLock<Vec<(Vec<Key>, usize)>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| VISUAL.iter().enumerate().map(|(i, c)| (crate::keys::parse_notation(c.keys), i)).collect());
    index.iter().find(|(k, _)| k.as_slice() == keys).map(|&(_, i)| &VISUAL[i])
}

/// Rows for the README's table of implemented commands.
pub(crate) fn table_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::iter::once(("(motions)", "every Normal-mode motion moves the cursor end; `$`, `l`, `j`/`k` may rest on the line break"))
        .chain(VISUAL.iter().map(|c| (c.keys, c.help)))
}

fn is_visual(mode: Mode) -> bool {
    matches!(mode, Mode::Visual | Mode::VisualLine | Mode::VisualBlock)
}

fn mode_for(key: Key) -> Option<Mode> {
    match key {
        Key::Char('v') => Some(Mode::Visual),
        Key::Char('V') => Some(Mode::VisualLine),
        // nv_visual() handles CTRL-Q just like CTRL-V.
        Key::Char('\x16' | '\x11') => Some(Mode::VisualBlock),
        _ => None,
    }
}

/// `v`, `V`, `<C-v>` in Normal mode (`nv_visual()`): start Visual mode; with a count, select
/// that many characters or lines.
pub(crate) fn start_visual(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let Some(mode) = mode_for(cmd.key) else { return Err(Flow::Fail) };
    start_visual_as(vim, cmd, mode, false)
}

/// `nv_visual()` for `v`, `V`, `<C-v>` (`select` false) and `gh`, `gH`, `g<C-h>` (`select`
/// true): in Visual mode switch to `mode`, or end the selection when it is in that mode
/// already; otherwise start one.
pub(crate) fn start_or_switch(vim: &mut Vim, cmd: &mut Cmd, mode: Mode, select: bool) -> Res {
    if !is_visual(vim.mode) {
        return start_visual_as(vim, cmd, mode, select);
    }
    vim.visual.select = select;
    if vim.mode == mode {
        vim.end_visual()
    } else {
        vim.mode = mode;
        Ok(())
    }
}

fn start_visual_as(vim: &mut Vim, cmd: &mut Cmd, mode: Mode, select: bool) -> Res {
    if vim.last_key_from_redo() {
        // start_redo(): the `v` of a repeated Visual operator selects from the cursor; the
        // operator then takes the size of the last selection.
        let Some(rv) = vim.visual.redo else {
            return Err(vim.unsupported(cmd.key, "`.` after this operation on a Visual selection"));
        };
        if cmd.count0 > 0 {
            return Err(vim.unsupported(cmd.key, "`.` with a count after an operator on a Visual selection"));
        }
        vim.visual.anchor = vim.cur;
        vim.mode = rv.mode;
        vim.visual.select = false;
        vim.visual.redo_busy = Some(cmd.register);
        return Ok(());
    }
    // nv_visual(): `VIsual_select = cap->arg`, or may_start_select('c').
    vim.visual.select = select || vim.may_start_select('c')?;
    if cmd.count0 > 0 && vim.visual.reselect {
        return reselect_size(vim, cmd);
    }
    vim.visual.anchor = vim.cur;
    vim.mode = mode;
    if cmd.count0 > 1 {
        let mut more = Cmd { count0: cmd.count1 - 1, count1: cmd.count1 - 1, ..cmd.clone() };
        let m = if mode == Mode::VisualLine && select {
            // nv_down() with the `cap->arg` of `gH` still set: as `+`, to the first non-blank.
            more.key = Key::Char('+');
            return vim.visual_motion(super::motion::down_first_nonblank, &mut more);
        } else if mode == Mode::VisualLine {
            more.key = Key::Char('j');
            vim.visual_vertical(&more, true)?
        } else {
            more.key = Key::Char('l');
            vim.visual_right(&more)?
        };
        vim.visual_move(m);
    }
    Ok(())
}

/// A count before `v`, `V` or `<C-v>` once an operator ran on a selection (`nv_visual()`
/// with `resel_VIsual_mode`): select from the cursor an area count times the size of that
/// selection, in its mode whatever the key.
fn reselect_size(vim: &mut Vim, cmd: &Cmd) -> Res {
    let Some(rs) = vim.visual.resel else {
        return Err(vim.unsupported(cmd.key, "a count before v, V or <C-v> after this Visual operator"));
    };
    let count = cmd.count0;
    // The cursor's screen column comes from Vim's cache (update_curswant_force()), which on
    // a tab may have been measured in Normal mode (its end) or Visual mode (its start).
    let needs_vcol = rs.vcol != usize::MAX && (rs.mode == Mode::VisualBlock || (rs.mode == Mode::Visual && rs.line_count <= 1));
    if needs_vcol && vim.char_at(vim.cur) == Some('\t') {
        return Err(vim.unsupported(cmd.key, "a count before v reselecting from a tab"));
    }
    let start_vcol = vim.vcol(vim.cur.line, vim.cur.col)?;
    vim.visual.anchor = vim.cur;
    vim.mode = rs.mode;
    if rs.mode != Mode::Visual || rs.line_count > 1 {
        // check_cursor(): at most the last line, at most on the line break.
        let down = rs.line_count.saturating_mul(count) - 1;
        let line = vim.cur.line.saturating_add(down).min(vim.last_line());
        let col = vim.cur.col.min(vim.line(line).len());
        vim.cur = Pos::new(line, col);
    }
    let mut want = None;
    if rs.mode == Mode::Visual {
        want = Some(if rs.line_count <= 1 {
            // 'selection' inclusive: one less.
            start_vcol.saturating_add(rs.vcol.saturating_mul(count)) - 1
        } else {
            rs.vcol
        });
    }
    if rs.vcol == usize::MAX {
        want = Some(usize::MAX);
    } else if rs.mode == Mode::VisualBlock {
        want = Some(start_vcol.saturating_add(rs.vcol.saturating_mul(count)) - 1);
    }
    match want {
        Some(usize::MAX) => {
            vim.curswant = usize::MAX;
            vim.set_curswant = false;
            vim.cur.col = vim.line(vim.cur.line).len();
        }
        Some(want) => {
            if want > MAXCOL {
                return Err(vim.unsupported(cmd.key, "a count before v selecting this far"));
            }
            vim.curswant = want;
            vim.cur.col = vim.col_for_vcol(vim.cur.line, want, true)?;
            // Only a block keeps the column it aimed for; charwise the next vertical motion
            // takes it from where the cursor landed.
            vim.set_curswant = rs.mode != Mode::VisualBlock;
        }
        None => {
            // The column stays, wherever it falls in the new line.
            if !vim.cur_line().is_char_boundary(vim.cur.col) {
                return Err(vim.unsupported(cmd.key, "a count before V reselecting into the middle of a character"));
            }
            vim.set_curswant = true;
        }
    }
    Ok(())
}

/// `gv` in Normal or Visual mode: select the last selection again.
pub(crate) fn reselect(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    let Some(last) = vim.visual.last else { return Err(Flow::Fail) };
    if !last.known {
        return Err(vim.unsupported(Key::Char('v'), "gv after p in Visual mode (Vim selects the put text)"));
    }
    // mark_adjust() moves both ends with inserted and deleted lines (one_adjust_nodel()).
    let now = |p: Pos| vim.buf.mark_moves.follow(p, last.line_edits, vim.buf.line_edits, OnDelete::Keep);
    let (MarkAt::At(start), MarkAt::At(end)) = (now(last.start), now(last.end)) else {
        return Err(vim.unsupported(Key::Char('v'), "gv after edits the engine cannot follow the last selection through"));
    };
    if start.line > vim.last_line() {
        // nv_gv_cmd(): a start moved past the last line (its lines were deleted at the end of
        // the buffer) beeps; the end is only put back on the buffer.
        return Err(Flow::Fail);
    }
    let (mode, want) = (last.mode, last.curswant);
    let inside_char = |p: Pos| p.line <= vim.last_line() && p.col < vim.line(p.line).len() && !vim.line(p.line).is_char_boundary(p.col);
    if inside_char(start) || inside_char(end) {
        return Err(vim.unsupported(Key::Char('v'), "gv with an end inside a multi-byte character (the text changed under it)"));
    }
    if is_visual(vim.mode) {
        // Exchange the current selection with the last one.
        vim.update_curswant()?;
        vim.visual.last = Some(LastVisual { start: vim.visual.anchor, end: vim.cur, mode: vim.mode, curswant: vim.curswant, line_edits: vim.buf.line_edits, known: true });
    }
    vim.mode = mode;
    vim.visual.select = vim.may_start_select('c')?;
    vim.curswant = want;
    vim.set_curswant = false;
    // check_cursor() with Visual active: at most on the line break.
    let fix = |vim: &Vim, p: Pos| {
        let line = p.line.min(vim.last_line());
        let text = vim.line(line);
        let mut col = p.col.min(text.len());
        while !text.is_char_boundary(col) {
            col -= 1;
        }
        Pos::new(line, col)
    };
    vim.visual.anchor = fix(vim, start);
    vim.cur = fix(vim, end);
    Ok(())
}

impl Vim {
    /// One command in Visual mode (`normal_cmd()` with `VIsual_active`).
    pub(crate) fn visual_command(&mut self) -> Res {
        // nv_ctrlo() in Select mode: back to Select mode after the one command.
        let restart_select = std::mem::take(&mut self.visual.restart_select);
        let result = self.read_visual_command();
        let stuff_empty = !matches!(self.input.queue.front(), Some(q) if matches!(q.origin, super::Origin::Stuffed | super::Origin::Redo));
        if restart_select && stuff_empty && !matches!(result, Err(Flow::Fatal(_) | Flow::NeedInput)) {
            self.visual.select = true;
        }
        result
    }

    fn read_visual_command(&mut self) -> Res {
        let mut register = None;
        let mut count0: usize = 0;
        let mut key = self.getkey_mapped(false)?;
        self.note_old_col()?;
        let mut in_count: bool;
        if self.visual.select {
            match self.select_key(key)? {
                Some(k) => return self.visual_command_key(k, 0, None),
                None => return Ok(()),
            }
        }
        loop {
            in_count = true;
            match key {
                Key::Char(c @ '1'..='9') => count0 = (count0.saturating_mul(10) + (c as usize - '0' as usize)).min(command::MAX_COUNT),
                Key::Char('0') if count0 > 0 => count0 = count0.saturating_mul(10).min(command::MAX_COUNT),
                Key::Special(Special::Del) if count0 > 0 => count0 /= 10,
                Key::Char('"') => {
                    let r = self.getkey()?;
                    let Key::Char(name) = r else { return Err(Flow::Fail) };
                    if name == '\x1b' {
                        return Ok(());
                    }
                    if !Registers::readable(name) && !matches!(name, '=' | '%' | '#' | '/') {
                        return Err(Flow::Fail);
                    }
                    if matches!(name, '=' | '%' | '#' | '/') {
                        return Err(self.unsupported(r, "the expression, file name and search pattern registers"));
                    }
                    register = Some(name);
                    in_count = false;
                    // As in Normal mode: `"x` ends with checkpcmark().
                    self.checkpcmark();
                }
                _ => break,
            }
            key = self.getkey_mapped(in_count)?;
        }
        self.visual_command_key(key, count0, register)
    }

    /// Run a Visual-mode command from its key, the count and register before it read, after
    /// 'keymodel' had its say.
    fn visual_command_key(&mut self, key: Key, count0: usize, register: Option<char>) -> Res {
        let key = match self.keymodel_in_visual(key, count0, register)? {
            super::select::InVisual::Plain => key,
            super::select::InVisual::Unshifted(k) => k,
            super::select::InVisual::Stopped => return Ok(()),
        };
        self.visual_dispatch(key, count0, register)
    }

    /// Run a Visual-mode command from its key.
    pub(crate) fn visual_dispatch(&mut self, key: Key, count0: usize, register: Option<char>) -> Res {
        let mut cmd = Cmd {
            key,
            nchar: None,
            count0,
            count1: count0.max(1),
            register,
            op: None,
            stuffed_by_redo: self.last_key_from_redo(),
        };
        let mut keys = vec![key];
        if key == Key::Char('g') {
            let k = self.getkey()?;
            if k == Key::ESC {
                return Ok(());
            }
            keys.push(k);
            cmd.nchar = match k {
                Key::Char(c) => Some(c),
                _ => None,
            };
            if k == Key::Char('v') {
                return reselect(self, &mut cmd);
            }
            if let Some(entry) = lookup(&keys) {
                return self.visual_entry(entry, &mut cmd, &keys);
            }
            return match normal::G_COMMANDS.lookup(k) {
                Some(entry) => match entry.action {
                    Action::Motion(f) => self.visual_motion(f, &mut cmd),
                    _ => Err(self.unsupported(k, "this g command in Visual mode")),
                },
                // nv_g_cmd()'s default: not a command, it beeps.
                None if !normal::is_vim_g_command(k) => Err(Flow::Fail),
                None => Err(self.unsupported(k, "this g command in Visual mode")),
            };
        }
        if let Some(entry) = lookup(&keys) {
            return self.visual_entry(entry, &mut cmd, &keys);
        }
        match normal::NORMAL.lookup(key) {
            Some(entry) => match entry.action {
                Action::Motion(f) => {
                    if entry.has(NCH) {
                        if matches!(key, Key::Char('`' | '\'')) {
                            return Err(self.unsupported(key, "a mark as a motion in Visual mode"));
                        }
                        let k = self.getkey()?;
                        if entry.has(LANG) {
                            // As after `f` in Normal mode (normal_cmd_get_more_chars()).
                            self.map_front(false)?;
                        }
                        match k {
                            Key::ESC => return Ok(()),
                            Key::Char(c) if (c as u32) >= 0x20 && c != '\x7f' && !super::chars::may_be_composing(c) => cmd.nchar = Some(c),
                            Key::Char('\t') => cmd.nchar = Some('\t'),
                            _ => return Err(self.unsupported(k, "this key as the argument of a motion in Visual mode")),
                        }
                        if matches!(self.peek_key(), Some(Key::Char(c)) if super::chars::may_be_composing(c)) {
                            return Err(self.unsupported(k, "a composing character after the character argument"));
                        }
                    }
                    self.visual_motion(f, &mut cmd)
                }
                _ => Err(self.unsupported(key, "this command in Visual mode")),
            },
            None => Err(self.unsupported(key, "this command in Visual mode")),
        }
    }

    fn visual_entry(&mut self, entry: &'static VisualCmd, cmd: &mut Cmd, keys: &[Key]) -> Res {
        // The operators that set `'[` and `']` as Vim does set them again (`run_operator()`).
        self.marks.changed = super::markmove::ChangedMarks::Unknown;
        let mut keys = keys.to_vec();
        if entry.takes_char {
            let k = self.getkey()?;
            if keys == [Key::Char('r')] {
                // As after `r` in Normal mode (normal_cmd_get_more_chars()).
                self.map_front(false)?;
            }
            if k == Key::ESC {
                return Ok(());
            }
            keys.push(k);
            match k {
                Key::Char(c) if (c as u32) >= 0x20 && c != '\x7f' && !super::chars::may_be_composing(c) => cmd.nchar = Some(c),
                Key::Char('\t' | '\x0e') => cmd.nchar = key_char(k),
                _ => return Err(self.unsupported(k, "this key as the argument of a Visual-mode command")),
            }
            if matches!(self.peek_key(), Some(Key::Char(c)) if super::chars::may_be_composing(c)) {
                return Err(self.unsupported(k, "a composing character after the character argument"));
            }
        }
        match entry.action {
            VAction::Command(f) => f(self, cmd),
            VAction::Operator(op, shape) => self.visual_operator(op, shape, cmd, &keys),
        }
    }

    /// A motion moves the cursor end of the selection.
    fn visual_motion(&mut self, f: fn(&mut Vim, &mut Cmd) -> Res<Motion>, cmd: &mut Cmd) -> Res {
        self.command.motion_keys.clear();
        let m = match cmd.key {
            Key::Char('l' | ' ') | Key::Special(Special::Right) => self.visual_right(cmd)?,
            Key::Char('h' | '\x08') | Key::Special(Special::Left | Special::BS) => self.visual_left(cmd)?,
            Key::Char('j' | '\x0e' | '\n') | Key::Special(Special::Down) => self.visual_vertical(cmd, true)?,
            Key::Char('k' | '\x10') | Key::Special(Special::Up) => self.visual_vertical(cmd, false)?,
            Key::Char('$') | Key::Special(Special::End | Special::Shifted(crate::keys::Shiftable::End)) => {
                // nv_dollar(): curswant is MAXCOL even when the count then fails.
                self.curswant = usize::MAX;
                self.set_curswant = false;
                let line = self.line_down(self.cur.line, cmd.count1 - 1).ok_or(Flow::Fail)?;
                Motion { want_end: true, ..Motion::new(Pos::new(line, self.line(line).len()), MotionKind::Inclusive) }
            }
            Key::Char('|') => {
                let col = self.col_for_vcol(self.cur.line, cmd.count1 - 1, true)?;
                self.curswant = cmd.count1 - 1;
                self.set_curswant = false;
                Motion { keep_want: true, ..Motion::new(Pos::new(self.cur.line, col), MotionKind::Exclusive) }
            }
            Key::Char('w' | 'W') | Key::Special(Special::CtrlRight | Special::Shifted(crate::keys::Shiftable::Right)) => {
                let big = matches!(cmd.key, Key::Char('W') | Key::Special(Special::CtrlRight));
                let mut p = self.cur;
                let ok = self.fwd_word(&mut p, cmd.count1, big, false)?;
                self.visual_word_end(p, ok)?
            }
            Key::Char('(' | ')') => {
                // nv_brace(): adjust_cursor() leaves the cursor on the line break in Visual mode.
                let Some(to) = self.find_sentence(self.cur, cmd.key == Key::Char(')'), cmd.count1) else {
                    // Set before findsent() fails.
                    self.set_curswant = true;
                    return Err(Flow::Fail);
                };
                Motion::new(to, MotionKind::Exclusive).jump()
            }
            Key::Char('e' | 'E') if cmd.nchar.is_none() => {
                let mut p = self.cur;
                let ok = self.end_word(&mut p, cmd.count1, cmd.key == Key::Char('E'), false, false)?;
                self.visual_word_end(p, ok)?
            }
            Key::Char('g') if cmd.nchar == Some('_') => {
                let m = f(self, cmd)?;
                // From the line break Vim steps back one byte, not one character.
                if self.char_at(m.to).is_some_and(|c| c.len_utf8() > 1) {
                    return Err(self.unsupported(cmd.key, "g_ in Visual mode onto a multi-byte character"));
                }
                m
            }
            _ => {
                let mut m = f(self, cmd)?;
                // The linewise motions go to the first non-blank with beginline(BL_FIX): not
                // onto the line break of an all-blank line (without 'startofline' they may:
                // coladvance()).
                let len = self.line(m.to.line).len();
                if m.kind == MotionKind::Linewise && !m.past_end && m.to.col >= len && len > 0 {
                    m.to.col = prev_boundary(self.line(m.to.line), len);
                }
                m
            }
        };
        self.visual_move(m);
        Ok(())
    }

    /// A word motion ends where it got to; failing, it beeps there (no `adjust_cursor()` in
    /// Visual mode: the cursor may rest on the line break).
    fn visual_word_end(&mut self, p: Pos, ok: bool) -> Res<Motion> {
        if !ok {
            self.cur = p;
            self.set_curswant = true;
            return Err(Flow::Fail);
        }
        Ok(Motion::new(p, MotionKind::Exclusive))
    }

    /// Move the cursor end of the selection (no clamping: it may rest on the line break).
    pub(crate) fn visual_move(&mut self, m: Motion) {
        if m.jump {
            self.setpcmark(self.cur);
        }
        self.cur = m.to;
        if m.want_end {
            self.curswant = usize::MAX;
            self.set_curswant = false;
        } else if !m.keep_want {
            self.set_curswant = true;
        }
    }

    /// `nv_right()` with `PAST_LINE`: onto the line break, then (with 'whichwrap') the next line.
    fn visual_right(&mut self, cmd: &Cmd) -> Res<Motion> {
        let wraps = super::motion::right_wraps(self, cmd.key);
        let mut p = self.cur;
        for n in (1..=cmd.count1).rev() {
            let line = self.line(p.line);
            if p.col >= line.len() {
                if wraps && p.line < self.last_line() {
                    p = Pos::new(p.line + 1, 0);
                    continue;
                }
                if n == cmd.count1 {
                    return Err(Flow::Fail);
                }
                break;
            }
            p.col = next_boundary(line, p.col);
        }
        Ok(Motion::new(p, MotionKind::Exclusive))
    }

    /// `nv_left()`: with 'whichwrap' onto the line break of the line above (`coladvance(MAXCOL)`).
    fn visual_left(&mut self, cmd: &Cmd) -> Res<Motion> {
        let wraps = super::motion::left_wraps(self, cmd.key);
        let mut p = self.cur;
        for n in (1..=cmd.count1).rev() {
            if p.col > 0 {
                p.col = prev_boundary(self.line(p.line), p.col);
                continue;
            }
            if wraps && p.line > 0 {
                p.line -= 1;
                p.col = self.line(p.line).len();
                continue;
            }
            if n == cmd.count1 {
                return Err(Flow::Fail);
            }
            break;
        }
        Ok(Motion::new(p, MotionKind::Exclusive))
    }

    /// `j`, `k` and their keys: `coladvance(curswant)` with one more column allowed.
    fn visual_vertical(&mut self, cmd: &Cmd, down: bool) -> Res<Motion> {
        let line = if down { self.line_down(self.cur.line, cmd.count1) } else { self.line_up(self.cur.line, cmd.count1) };
        let line = line.ok_or(Flow::Fail)?;
        self.update_curswant()?;
        let col = if self.curswant == usize::MAX { self.line(line).len() } else { self.col_for_vcol(line, self.curswant, true)? };
        Ok(Motion { keep_want: true, ..Motion::new(Pos::new(line, col), MotionKind::Linewise) })
    }

    /// Remember the selection for `gv` and the marks `'<` `'>` (`end_visual_mode()`).
    fn save_last_visual(&mut self, mode: Mode) -> Res {
        self.update_curswant()?;
        self.visual.last = Some(LastVisual { start: self.visual.anchor, end: self.cur, mode, curswant: self.curswant, line_edits: self.buf.line_edits, known: true });
        Ok(())
    }

    /// The column a vertical motion aims for comes from Vim's cached screen column of the
    /// cursor, measured when the screen was last updated after the cursor moved. On a tab it
    /// depends on the mode then: the tab's end in Normal mode, its start in Visual mode at or
    /// before the other end. Where the cache may come from the other mode (the cursor has
    /// not moved since Visual mode started or ended), the engine refuses.
    pub(crate) fn check_tab_curswant(&self, visual_start: bool) -> Res {
        let ambiguous = if is_visual(self.mode) { visual_start } else { self.visual.tab_left == Some(self.cur) && self.mode == Mode::Normal };
        if ambiguous {
            return Err(Flow::Fatal(self.unsupported_here("a vertical motion from a tab where Vim's cached screen column depends on screen updates across Visual mode")));
        }
        Ok(())
    }

    /// `end_visual_mode()`.
    pub(crate) fn end_visual(&mut self) -> Res {
        let mode = self.mode;
        self.visual.tab_left = Some(self.cur);
        self.save_last_visual(mode)?;
        self.mode = Mode::Normal;
        Ok(())
    }

    /// A mark from the last selection: `'<` is its start, `'>` its end (Vim's `getmark()`;
    /// linewise: column 0 and `MAXCOL`).
    /// `m<` and `m>` (`setmark_pos()`): the start or the end of the last selection becomes the
    /// cursor; the other end and the mode stay (`'<` is then the earlier of the two, and `gv`
    /// selects from the start to the end). Before any selection Vim leaves the other end unset,
    /// which the engine does not represent: refused.
    pub(crate) fn set_visual_mark(&mut self, name: char) -> Res {
        let Some(last) = self.visual.last.filter(|l| l.known) else {
            return Err(self.unsupported(Key::Char(name), "m< or m> before a selection the engine knows"));
        };
        let other = if name == '<' { last.end } else { last.start };
        let MarkAt::At(other) = self.buf.mark_moves.follow(other, last.line_edits, self.buf.line_edits, OnDelete::Keep) else {
            return Err(self.unsupported(Key::Char(name), "m< or m> after the other end of the selection moved in a way the engine does not follow"));
        };
        let (start, end) = if name == '<' { (self.cur, other) } else { (other, self.cur) };
        self.visual.last = Some(LastVisual { start, end, line_edits: self.buf.line_edits, ..last });
        Ok(())
    }

    pub(crate) fn visual_mark(&self, name: char) -> Option<Mark> {
        let last = self.visual.last?;
        // Vim moves both ends (`one_adjust_nodel()`), then orders them.
        let now = |p: Pos| self.buf.mark_moves.follow(p, last.line_edits, self.buf.line_edits, OnDelete::Keep);
        let (MarkAt::At(start), MarkAt::At(end)) = (now(last.start), now(last.end)) else {
            return Some(Mark { pos: last.start, line_edits: self.buf.line_edits.wrapping_add(1) });
        };
        let (first, second) = if start < end { (start, end) } else { (end, start) };
        let mut pos = if name == '<' { first } else { second };
        if last.mode == Mode::VisualLine {
            pos.col = if name == '<' { 0 } else { MAXCOL };
        }
        // A selection the engine does not know is a mark it cannot vouch for.
        let line_edits = if last.known { self.buf.line_edits } else { self.buf.line_edits.wrapping_add(1) };
        Some(Mark { pos, line_edits })
    }

    /// An operator typed in Visual mode (`nv_operator()` then `do_pending_operator()`).
    fn visual_operator(&mut self, vop: VisualOp, shape: Shape, cmd: &Cmd, keys: &[Key]) -> Res {
        let result = self.visual_operator_on_area(vop, shape, cmd, keys);
        self.visual.redo_block = None;
        result
    }

    fn visual_operator_on_area(&mut self, vop: VisualOp, shape: Shape, cmd: &Cmd, keys: &[Key]) -> Res {
        let old_col = self.old_col(cmd.key)?;
        let busy = self.visual.redo_busy.take();
        let mut cmd = cmd.clone();
        if let Some(register) = busy {
            cmd.register = cmd.register.or(register);
            self.redo_visual_area(&mut cmd)?;
        }
        let cmd = &cmd;
        let orig = self.mode;
        if vop == VisualOp::Replace && matches!(cmd.nchar, Some('\r' | '\n' | '\x0e')) {
            return Err(self.unsupported(cmd.key, "r<CR> on a Visual selection"));
        }
        let mut mode = if shape == Shape::Lines { Mode::VisualLine } else { orig };
        let mut block = None;
        if orig == Mode::VisualBlock {
            // v_visop(): in block mode X and Y keep the block, D and C go to the line ends;
            // S and R are linewise (nv_subst(), nv_Replace()).
            mode = match cmd.key {
                Key::Char('S' | 'R') => Mode::VisualLine,
                _ => Mode::VisualBlock,
            };
            match (vop, cmd.key) {
                (VisualOp::Join(_), _) if self.curswant == usize::MAX && !self.set_curswant => {
                    // After `<C-v>$J` Vim's next linewise yank (`Y`) puts the cursor in column
                    // 0, which the engine does not reproduce (found by seed 20261213).
                    return Err(self.unsupported(cmd.key, "J or gJ on a block selected with `$`"));
                }
                (VisualOp::Join(_), _) => mode = Mode::Visual,
                (VisualOp::AddSub { .. }, _) => {}
                // op_format() takes the block's lines.
                (VisualOp::Op(Op::Format | Op::FormatKeep), _) => {}
                (VisualOp::Replace, _) => block = Some((Op::Yank, cmd.nchar)),
                (VisualOp::Op(op @ (Op::Delete | Op::Change | Op::Yank | Op::Lower | Op::Upper | Op::Tilde | Op::Rot13 | Op::ShiftLeft | Op::ShiftRight)), _)
                    if mode == Mode::VisualBlock =>
                {
                    block = Some((op, None))
                }
                _ if mode == Mode::VisualBlock => return Err(self.unsupported(cmd.key, "this operator on a block selection")),
                _ => {}
            }
            if matches!(cmd.key, Key::Char('D' | 'C')) {
                self.curswant = usize::MAX;
                self.set_curswant = false;
            }
        }
        self.command.use_reg_one = false;
        if busy.is_none() {
            self.save_last_visual(orig)?;
        }
        if self.visual.select && mode == Mode::VisualLine && vop != VisualOp::Op(Op::Delete) && busy.is_none() {
            // do_pending_operator(): in Select mode an operator other than delete takes a
            // linewise selection as charwise, from its first line's start to its last line's
            // end (after `'<`, `'>` and `gv` were saved linewise).
            let (anchor, cursor) = (self.visual.anchor, self.cur);
            if anchor < cursor {
                self.visual.anchor.col = 0;
                self.cur.col = self.line(cursor.line).len();
            } else {
                self.cur.col = 0;
                self.visual.anchor.col = self.line(anchor.line).len();
            }
            mode = Mode::Visual;
        }
        // get_op_vcol(): in block mode the operator starts at the block's upper-left corner.
        let area = if orig == Mode::VisualBlock { Some(self.block_area()?) } else { None };
        let corner = match area {
            Some(b) => Some(Pos::new(b.start_line, self.col_for_vcol(b.start_line, b.start_vcol, true)?)),
            None => None,
        };
        let cursor = self.cur;
        // Vim's `oap->cursor_start` for `gq`/`gw`: where the cursor was when the operator was
        // typed (for `.`, where the repeated selection starts).
        let cursor_start = if busy.is_some() { self.visual.anchor } else { cursor };
        let mut anchor = self.visual.anchor;
        if mode == Mode::VisualLine && busy.is_none() {
            anchor.col = 0;
        }
        let (start, mut end) = if anchor < cursor { (anchor, cursor) } else { (cursor, anchor) };
        if busy.is_none() {
            // VIsual_mode stays Ctrl_V for everything but S and R (J included).
            self.note_op_vcols(orig == Mode::VisualBlock && mode != Mode::VisualLine, mode, start, end)?;
        }
        if busy.is_none() && vop != VisualOp::Op(Op::Yank) {
            self.visual.redo = match block {
                // `.` of `<C-a>` on a block is not modelled: refused when it selects again.
                _ if area.is_some() && matches!(vop, VisualOp::AddSub { .. }) => None,
                // The block's size as note_op_vcols() measured it (`resel_VIsual_*`); `J`
                // keeps VIsual_mode a block too.
                Some(_) => self.visual.resel.map(|rv| RedoVisual { count: cmd.count0, ..rv }),
                None if orig == Mode::VisualBlock && matches!(vop, VisualOp::Join(_)) => self.visual.resel.map(|rv| RedoVisual { count: cmd.count0, ..rv }),
                None => Some(self.redo_size(mode, start, end, cmd.count0)?),
            };
        }
        self.mode = Mode::Normal;
        // Visual mode ends here too: where the cursor stays, Vim's cached screen column is
        // still the one measured in Visual mode.
        self.visual.tab_left = Some(self.cur);
        if busy.is_none() {
            self.visual.reselect = true;
        }
        if vop != VisualOp::Op(Op::Yank) {
            // prep_redo(..., 'v', opchar, ...): `.` reads the `v` first and refuses.
            let mut redo = vec![Key::Char('v')];
            redo.extend_from_slice(keys);
            self.set_redo(cmd.register, 0, redo);
        }
        if let Some((op, replace)) = block {
            return self.block_operator(op, replace, cmd.register, cmd.key, cmd.count1);
        }
        let linewise = mode == Mode::VisualLine;
        let mut inclusive = true;
        // (`<C-a>` takes the line break as the last character itself.)
        let on_lines = matches!(vop, VisualOp::Join(_) | VisualOp::Op(Op::ShiftLeft | Op::ShiftRight | Op::Format | Op::FormatKeep) | VisualOp::AddSub { .. });
        if !linewise && end.col >= self.line(end.line).len() {
            // On the line break: exclusive, and take in the line break itself.
            inclusive = false;
            if !on_lines && end.line < self.last_line() {
                end = Pos::new(end.line + 1, 0);
            }
        }
        if !linewise && !inclusive && start == end && start.col > 0 {
            // Vim leaves the cursor on the line break in Normal mode after an operator on
            // nothing there; the engine keeps Normal-mode cursors on a character.
            return Err(self.unsupported(cmd.key, "an operator on an empty selection past the end of a line"));
        }
        let region = Region { start, end, linewise, inclusive, visual: true, end_adjusted: false };
        let first_line = self.line(start.line).to_string();
        let changes = self.buf.changes;
        self.cur = start;
        self.set_curswant = true;
        let result = match vop {
            VisualOp::Op(op) => {
                let arg = OpArg { op, register: cmd.register, opcount: 0, start: cursor_start, force: None };
                self.run_operator(&arg, region, cmd.count1).and_then(|()| self.back_to_old_col(op, &region, old_col))
            }
            VisualOp::Join(spaces) => {
                if let Some(corner) = corner {
                    self.cur = corner;
                }
                let count = region.line_count().max(2);
                if start.line + count - 1 > self.last_line() {
                    return Err(Flow::Fail);
                }
                self.do_join(count, spaces, true)
            }
            VisualOp::Replace => {
                let c = cmd.nchar.ok_or(Flow::Fail)?;
                self.visual_replace(region, c)
            }
            VisualOp::AddSub { subtract, progressive } => self.visual_addsub(area, linewise, start, end, subtract, progressive, cmd),
        };
        let same_first = start.line <= self.last_line() && self.line(start.line) == first_line;
        if matches!(vop, VisualOp::Op(Op::Lower | Op::Upper | Op::Tilde | Op::Rot13 | Op::ShiftLeft | Op::ShiftRight) | VisualOp::Replace)
            && self.buf.changes != changes
            && same_first
        {
            self.visual.undo_unsure = true;
        }
        result
    }

    /// `<C-a>`/`<C-x>` on a selection (`op_addsub()` with `VIsual_active`): in each line's
    /// part of it, the first number is changed by the count (`g`: count times the number of
    /// lines changed so far plus one); the cursor goes to the selection's start (column 0
    /// for lines, the upper-left corner for a block).
    #[allow(clippy::too_many_arguments)]
    fn visual_addsub(&mut self, block: Option<super::block::Block>, linewise: bool, start: Pos, end: Pos, subtract: bool, progressive: bool, cmd: &Cmd) -> Res {
        let to_eol = self.curswant == usize::MAX;
        // Each line's part: (line, first byte, length in bytes).
        let mut parts: Vec<(usize, usize, isize)> = Vec::new();
        let mut cursor = start;
        match block {
            Some(b) => {
                for (i, p) in self.block_parts(&b, cmd.key)?.into_iter().enumerate() {
                    parts.push((b.start_line + i, p.textcol, p.textlen as isize));
                }
                cursor = Pos::new(b.start_line, self.col_for_vcol(b.start_line, b.start_vcol, true)?);
            }
            None if linewise => {
                for l in start.line..=end.line {
                    parts.push((l, 0, self.line(l).len() as isize));
                }
                cursor.col = 0;
            }
            None => {
                for l in start.line..=end.line {
                    let len = self.line(l).len() as isize;
                    let col = if l == start.line { start.col } else { 0 };
                    let mut length = len - col as isize;
                    if l == end.line {
                        // The end on the line break counts as the last character.
                        let end_col = (end.col as isize).min(len - 1);
                        length = end_col - col as isize + 1;
                    }
                    parts.push((l, col, length));
                }
            }
        }
        // op_addsub() saves the whole range for undo, changed or not, with the cursor at the
        // operator's start (do_pending_operator(); a block's upper-left corner).
        self.cur = if block.is_some() { cursor } else { start };
        self.save_undo();
        let step = cmd.count1 as u64;
        let mut amount = step;
        let mut first_changed: Option<usize> = None;
        for (line, col, length) in parts {
            let limit = match block {
                None if linewise => super::increment::NumberLimit::None,
                _ if to_eol => super::increment::NumberLimit::LineEnd,
                _ => super::increment::NumberLimit::Part,
            };
            if super::increment::addsub_in_part(self, line, col, length, limit, subtract, amount, cmd.key)? {
                first_changed.get_or_insert(line);
                if progressive {
                    amount = amount.checked_add(step).ok_or_else(|| self.unsupported(cmd.key, "a count this large (overflow rules)"))?;
                }
            }
        }
        if first_changed.is_some_and(|l| l != start.line) {
            // Vim's undo step covers the whole selection; the engine's starts at the first
            // changed line.
            self.visual.undo_unsure = true;
        }
        self.cur = cursor;
        self.clamp_cursor();
        self.set_curswant = true;
        Ok(())
    }

    /// Refuse `u` and `<C-r>` once the engine's undo may place the cursor differently (see
    /// [`VisualState::undo_unsure`]).
    pub(crate) fn check_visual_undo(&self, key: Key) -> Res {
        if self.visual.undo_unsure {
            return Err(self.unsupported(key, "undo after a shift or an operator on a selection whose first line did not change (Vim's undo range is larger)"));
        }
        Ok(())
    }

    /// What `do_pending_operator()` leaves in `oap->start_vcol` and `oap->end_vcol` for an
    /// operator on a selection from `start` to `end` (not for `.`): a block sets both
    /// (`get_op_vcol()`); otherwise, unless the selection was made with `$`, the end gets the
    /// last screen column of its character and, on one line only, the start the first.
    ///
    /// It also remembers the size of the selection for a count before `v` (`resel_VIsual_*`,
    /// measured the same way; `mode` is `VIsual_mode` then).
    pub(crate) fn note_op_vcols(&mut self, block: bool, mode: Mode, start: Pos, end: Pos) -> Res {
        if block {
            let b = self.block_area()?;
            self.visual.op_vcols = (b.start_vcol, b.end_vcol);
            let vcol = if self.curswant == usize::MAX { usize::MAX } else { b.end_vcol - b.start_vcol + 1 };
            self.visual.resel = Some(RedoVisual { mode: Mode::VisualBlock, vcol, line_count: b.end_line - b.start_line + 1, count: 0 });
        } else {
            if self.curswant != usize::MAX {
                self.visual.op_vcols.1 = self.char_vcols(end)?.1;
                if start.line == end.line {
                    self.visual.op_vcols.0 = self.char_vcols(start)?.0;
                }
            }
            self.visual.resel = Some(self.redo_size(mode, start, end, 0)?);
        }
        self.visual.reselect = true;
        Ok(())
    }

    /// `redo_VIsual` for a selection from `start` to `end` (`do_pending_operator()`).
    pub(crate) fn redo_size(&self, mode: Mode, start: Pos, end: Pos, count: usize) -> Res<RedoVisual> {
        let line_count = end.line - start.line + 1;
        let vcol = if self.curswant == usize::MAX {
            usize::MAX
        } else {
            let end_vcol = self.char_vcols(end)?.1;
            if line_count <= 1 {
                (end_vcol + 1).saturating_sub(self.char_vcols(start)?.0)
            } else {
                end_vcol
            }
        };
        Ok(RedoVisual { mode, vcol, line_count, count })
    }

    /// `.` of a Visual operator: select as many lines (and columns) from the cursor as the
    /// last selection had.
    pub(crate) fn redo_visual_area(&mut self, cmd: &mut Cmd) -> Res {
        let Some(rv) = self.visual.redo else { return Err(self.unsupported(cmd.key, "`.` after this operation on a Visual selection")) };
        let line = (self.cur.line + rv.line_count - 1).min(self.last_line());
        if rv.mode == Mode::VisualBlock {
            self.redo_block_area(rv, line)?;
        } else if rv.vcol == usize::MAX || rv.mode == Mode::Visual {
            let want = if rv.mode != Mode::Visual {
                usize::MAX
            } else if rv.line_count <= 1 && rv.vcol == usize::MAX {
                // Vim adds MAXCOL to the cursor column here (an int overflow).
                return Err(self.unsupported(cmd.key, "`.` of a one-line Visual operator selected with `$`"));
            } else if rv.line_count <= 1 {
                if self.char_at(self.cur) == Some('\t') {
                    // validate_virtcol() may use the column cached in Normal mode.
                    return Err(self.unsupported(cmd.key, "`.` of a Visual operator from a tab"));
                }
                (self.vcol(self.cur.line, self.cur.col)? + rv.vcol).saturating_sub(1)
            } else {
                rv.vcol
            };
            self.curswant = want;
            self.set_curswant = false;
            self.cur = Pos::new(line, if want == usize::MAX { self.line(line).len() } else { self.col_for_vcol(line, want, true)? });
        } else {
            self.cur.line = line;
            if !self.line(line).is_char_boundary(self.cur.col) {
                return Err(self.unsupported(cmd.key, "`.` of a linewise Visual operator from a column past the end of the last line"));
            }
        }
        cmd.count0 = rv.count;
        cmd.count1 = rv.count.max(1);
        Ok(())
    }

    /// `get_op_vcol()` with `redo_VIsual_busy`: the block starts at the screen columns of the
    /// cursor's character and is as wide as the last one (`rv_vcol`), or reaches the end of
    /// its longest line when the wanted column is the line's end (after `$`, or a last block
    /// made with `$`, which sets it); the cursor goes to the block's last line.
    fn redo_block_area(&mut self, rv: RedoVisual, end_line: usize) -> Res {
        let start = self.cur;
        if rv.vcol == usize::MAX {
            self.curswant = usize::MAX;
            self.set_curswant = false;
        }
        let start_vcol = self.char_vcols(start)?.0;
        let to_eol = self.curswant == usize::MAX && !self.set_curswant;
        let end_vcol = if to_eol {
            let mut widest = 0;
            for l in start.line..=end_line {
                widest = widest.max(self.vcol(l, self.line(l).len())?);
            }
            widest
        } else {
            start_vcol + rv.vcol - 1
        };
        let block = super::block::Block { start_line: start.line, end_line, start_vcol, end_vcol, to_eol };
        self.visual.op_vcols = (start_vcol, end_vcol);
        self.visual.redo_block = Some(block);
        self.cur = Pos::new(end_line, self.col_for_vcol(end_line, end_vcol, true)?);
        Ok(())
    }

    /// `op_replace()` for a charwise or linewise region.
    fn visual_replace(&mut self, r: Region, c: char) -> Res {
        let empty = !r.linewise && !r.inclusive && r.start == r.end;
        if self.buf.empty || empty {
            return Ok(());
        }
        self.save_undo();
        let start_col = if r.linewise { 0 } else { r.start.col };
        for l in r.start.line..=r.end.line {
            let line = self.line(l);
            let from = if l == r.start.line { start_col.min(line.len()) } else { 0 };
            let to = if l == r.end.line && !r.linewise {
                if r.inclusive {
                    next_boundary(line, r.end.col.min(line.len()))
                } else {
                    r.end.col.min(line.len())
                }
            } else {
                line.len()
            };
            if to <= from {
                continue;
            }
            let n = line[from..to].chars().count();
            let mut new_line = String::with_capacity(line.len() + n * c.len_utf8());
            new_line.push_str(&line[..from]);
            new_line.extend(std::iter::repeat(c).take(n));
            new_line.push_str(&line[to..]);
            self.buf.set_line(l, new_line);
        }
        self.cur = Pos::new(r.start.line, start_col);
        self.clamp_cursor();
        Ok(())
    }
}

/// Vim's `MAXCOL`, the column of `'>` after a linewise selection.
pub(crate) const MAXCOL: usize = 0x7fff_ffff;

fn key_char(k: Key) -> Option<char> {
    match k {
        Key::Char(c) => Some(c),
        _ => None,
    }
}

/// `<Esc>`, `<C-c>`: end Visual mode; nv_esc() then has the next vertical motion take its
/// column from the cursor again (`<C-\><C-n>`, nv_normal(), does not).
fn leave(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    vim.end_visual()?;
    vim.set_curswant = true;
    Ok(())
}

/// `<C-\><C-n>` and `<C-\><C-g>` end Visual mode; anything else after `<C-\>` beeps.
fn ctrl_backslash(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    match cmd.nchar {
        Some('\x0e') => vim.end_visual(),
        _ => Err(vim.unsupported(cmd.key, "<C-\\> followed by anything but <C-n> in Visual mode")),
    }
}

/// `v`, `V`, `<C-v>` in Visual mode: the same mode ends it, another switches to it.
fn switch_mode(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let Some(mode) = mode_for(cmd.key) else { return Err(Flow::Fail) };
    start_or_switch(vim, cmd, mode, false)
}

/// Normal-mode commands that refuse to run with a selection and only beep (`checkclearopq()`).
fn beep(_vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    Err(Flow::Fail)
}

/// `<C-g>`: Visual mode to Select mode and back (`nv_ctrlg()`).
fn toggle_select(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    vim.visual.select = !vim.visual.select;
    Ok(())
}

/// `o` (and `O` outside block mode): exchange the cursor and the other end.
fn swap_ends(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    if cmd.key == Key::Char('O') && vim.mode == Mode::VisualBlock {
        return vim.swap_block_corners();
    }
    std::mem::swap(&mut vim.cur, &mut vim.visual.anchor);
    vim.set_curswant = true;
    Ok(())
}

/// `i{object}`, `a{object}`: extend the selection (`nv_object()` with Visual active).
fn object(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let object = cmd.nchar.ok_or(Flow::Fail)?;
    if object == 's' && cmd.count1 > 10_000 {
        return Err(vim.unsupported(Key::Char('s'), "a sentence object with a count this large (Vim loops over it)"));
    }
    let area = VisualArea { anchor: vim.visual.anchor, mode: vim.mode };
    let selected = textobject::select(vim, object, cmd.key == Key::Char('i'), cmd.count1, Some(area));
    vim.set_curswant = true;
    match selected? {
        Selection::Visual(area) => {
            vim.visual.anchor = area.anchor;
            vim.mode = area.mode;
            Ok(())
        }
        Selection::Operator { .. } => Err(Flow::Fail),
    }
}

/// `p`, `P` in Visual mode (`nv_put()`): delete the selection, then put the register where
/// it was; `P` deletes into the black hole, so the registers stay.
/// `P` keeps the registers: the selection is deleted into `"_` (`keep_registers` looks at
/// the command character, so not `gP`, which deletes into the registers as `p` does).
fn keeps_registers(cmd: &Cmd) -> bool {
    cmd.key == Key::Char('P')
}

fn put(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let result = put_over_selection(vim, cmd);
    // nv_put()'s delete and do_put() set `'[` and `']` (do_put() even when the register is
    // empty): not followed.
    vim.marks.changed = super::markmove::ChangedMarks::Unknown;
    result
}

fn put_over_selection(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    // nv_put() runs its delete as do_pending_operator(cap, 0, FALSE): `old_col` 0.
    vim.command.old_col = 0;
    let mode = vim.mode;
    let keep = keeps_registers(cmd);
    // `gp`, `gP`: PUT_CURSEND; `P` and `gP` put a linewise register above a block.
    let cursor_end = cmd.key == Key::Char('g');
    let backward = keep || cmd.nchar == Some('P');
    if matches!(cmd.register, Some('.' | '_' | ':')) {
        return Err(vim.unsupported(cmd.key, "putting this register over a selection"));
    }
    let Some(reg) = vim.regs.read(cmd.register) else {
        if cursor_end {
            return Err(vim.unsupported(cmd.key, "gp or gP in Visual mode with an empty register"));
        }
        return put_nothing(vim, cmd);
    };
    let (linewise, split) = match (mode, reg.kind) {
        (Mode::Visual | Mode::VisualBlock, super::RegKind::Char | super::RegKind::Block(_)) => (false, false),
        // PUT_LINE_SPLIT: the line is split where the selection was and the lines go between.
        (Mode::Visual, super::RegKind::Line) => (false, true),
        (Mode::VisualLine, _) => (true, false),
        (Mode::VisualBlock, super::RegKind::Line) => (false, false),
        _ => return Err(vim.unsupported(cmd.key, "p in Visual mode with this register and selection")),
    };
    // Over a block: the block's lines and the byte column of its upper-left corner.
    let mut block = None;
    if mode == Mode::VisualBlock {
        // The block is deleted first; where the text then goes depends on whether the
        // cursor ends before the block's start (dir FORWARD), which the engine does not
        // follow for a top line that ends before the block.
        let b = vim.block_area()?;
        let parts = vim.block_parts(&b, cmd.key)?;
        match parts.first() {
            Some(p) if !p.before && p.textcol < vim.line(b.start_line).len() => block = Some((b.start_line, b.end_line, p.textcol)),
            _ => return Err(vim.unsupported(cmd.key, "p on a block whose first line ends at or before the block")),
        }
    }
    // PUT_LINE_FORWARD: `p` over a block puts lines below the line the cursor was on.
    let below_block = mode == Mode::VisualBlock && reg.kind == super::RegKind::Line && !backward;
    let block_cursor_line = vim.cur.line;
    // PUT_LINE: into a linewise selection, charwise text goes in as whole lines.
    let reg = super::Register { kind: if linewise { super::RegKind::Line } else { reg.kind }, ..reg };
    let mut anchor = vim.visual.anchor;
    if linewise {
        anchor.col = 0;
        let (first, last) = (anchor.line.min(vim.cur.line), anchor.line.max(vim.cur.line));
        if first == 0 && last == vim.last_line() {
            return Err(vim.unsupported(cmd.key, "p over a selection of every line"));
        }
    }
    let start = anchor.min(vim.cur);
    // The delete is `d` typed with p's count: its redo (`vd`, `"_vd` for `P`) replaces p's,
    // as prep_redo() in do_pending_operator() runs after prep_redo_cmd().
    let delete = Cmd { key: Key::Char('d'), register: if keep { Some('_') } else { None }, count1: 1, ..cmd.clone() };
    vim.visual_operator(VisualOp::Op(Op::Delete), Shape::AsIs, &delete, &[Key::Char('d')])?;
    if vim.buf.empty {
        // nv_put() then deletes the empty line left below the put text; not modelled.
        return Err(vim.unsupported(cmd.key, "p in Visual mode in an empty buffer"));
    }
    let mut after = false;
    if linewise {
        // Deleted up to the end of the buffer: the cursor is on the line above; put below it.
        after = vim.cur.line < start.line;
    } else if let Some((top, bottom, corner)) = block {
        // Where the block started, even past the end of the line now: putting before it is
        // putting after the last character when the cursor was moved back onto it.
        vim.cur = Pos::new(top, corner);
        if below_block {
            vim.cur.line = block_cursor_line;
            after = true;
        } else if reg.kind == super::RegKind::Line {
            // `P`: above the top line, unless the cursor had to step back (dir FORWARD).
            after = corner > 0 && corner >= vim.line(top).len();
        } else if reg.kind == super::RegKind::Char && reg.lines.len() == 1 {
            if let Some(last) = &mut vim.visual.last {
                last.known = false;
            }
            return vim.put_in_block_lines(&reg.lines[0], top, bottom, corner, cmd.count1, cursor_end, cmd.key);
        }
    } else {
        // del_bytes() in Visual mode leaves the cursor where the text started, even past
        // the end of the line.
        vim.cur = start;
    }
    if let Some(last) = &mut vim.visual.last {
        last.known = false;
    }
    if split {
        let line = vim.cur_line().to_string();
        let col = vim.cur.col.min(line.len());
        vim.save_undo();
        vim.buf.set_line(vim.cur.line, line[..col].to_string());
        vim.buf.insert_lines(vim.cur.line + 1, vec![line[col..].to_string()]);
        after = true;
    }
    vim.put_register(reg, after, cursor_end, cmd.count1, cmd.key, false)
}

impl Vim {
    /// `do_put()` of one line of charwise text with a block selection active (after the
    /// block was deleted): the text goes into every line of the block at the screen column
    /// of the corner, skipping lines that end before it; the cursor on the last character
    /// put in the top line (just after it for `gp`).
    #[allow(clippy::too_many_arguments)]
    fn put_in_block_lines(&mut self, text: &str, top: usize, bottom: usize, col: usize, count: usize, cursor_end: bool, key: Key) -> Res {
        let vcol = self.vcol(top, col)?;
        let insert = text.repeat(count);
        self.check_size(insert.len().saturating_mul(bottom - top + 1))?;
        self.save_undo();
        for l in top..=bottom {
            let line = self.line(l);
            let at = if l == top {
                col
            } else {
                // getvpos(): the character at the corner's screen column, or the line's end
                // when it ends exactly there; a line ending before it is skipped.
                let mut v = 0;
                let mut at = None;
                for (i, c) in line.char_indices() {
                    if v == vcol {
                        at = Some(i);
                        break;
                    }
                    if v > vcol {
                        return Err(self.unsupported(key, "putting into a block line where the column falls inside a tab or a double-width character"));
                    }
                    v += self.cells(c, v)?;
                }
                match at {
                    Some(i) => i,
                    None if v == vcol => line.len(),
                    None if v > vcol => {
                        return Err(self.unsupported(key, "putting into a block line where the column falls inside a tab or a double-width character"))
                    }
                    None => continue,
                }
            };
            if insert.is_empty() {
                continue;
            }
            let mut new = line.to_string();
            new.insert_str(at, &insert);
            self.buf.set_line(l, new);
        }
        if !insert.is_empty() {
            let end = col + insert.len();
            self.cur = Pos::new(top, if cursor_end { end } else { prev_boundary(self.line(top), end) });
        }
        self.set_curswant = true;
        Ok(())
    }
}

/// `p`, `P` in Visual mode with an empty register: `nv_put_opt()` deletes the selection
/// before `do_put()` finds nothing to put (E353), so the text is gone and the command fails.
/// The registers end as the delete leaves them: what `nv_put_opt()` saves and restores
/// around `do_put()` is only the (empty) register being put.
fn put_nothing(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    // The special registers ('/', '%', '#', '=') make get_spec_reg() return before E353,
    // with Visual mode still on; not modelled.
    if !matches!(cmd.register, None | Some('"' | '-' | '0'..='9' | 'a'..='z' | 'A'..='Z')) {
        return Err(vim.unsupported(cmd.key, "p in Visual mode with this empty register"));
    }
    let mut anchor = vim.visual.anchor;
    if vim.mode == Mode::VisualLine {
        anchor.col = 0;
    }
    let start = anchor.min(vim.cur);
    let charwise = vim.mode == Mode::Visual;
    // The delete is `d` typed with p's count: its redo (`vd`, `"_vd` for `P`) replaces p's,
    // as prep_redo() in do_pending_operator() runs after prep_redo_cmd().
    let register = if keeps_registers(cmd) { Some('_') } else { None };
    let delete = Cmd { key: Key::Char('d'), register, count1: 1, ..cmd.clone() };
    vim.visual_operator(VisualOp::Op(Op::Delete), Shape::AsIs, &delete, &[Key::Char('d')])?;
    if charwise {
        // del_bytes() in Visual mode leaves the cursor where the text started.
        vim.cur = start;
    }
    // do_put() sets '[ and '] at the cursor, and nv_put_opt() makes them the area gv
    // selects; an end past the line's last character is not modelled.
    let at = vim.cur;
    let on_text = at.col < vim.cur_line().len() || at.col == 0;
    let line_edits = vim.buf.line_edits;
    if let Some(last) = &mut vim.visual.last {
        *last = LastVisual { start: at, end: at, line_edits, known: on_text, ..*last };
    }
    // do_put() saves the line for undo before it finds the register empty: a delete that
    // changed nothing still leaves an undo step.
    vim.save_undo();
    // do_put() ends with adjust_cursor_eol(): off the end of the line onto its last character.
    vim.clamp_cursor();
    vim.set_curswant = true;
    vim.emsg(25); // E353: Nothing in register "
    Err(Flow::Fail)
}

/// `:` in Visual mode (`op_colon()`): Visual mode ends and the command line starts with
/// `'<,'>` typed.
fn colon(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    if cmd.count0 > 0 {
        return Err(vim.unsupported(cmd.key, "a count before : in Visual mode"));
    }
    // op_colon() runs with the cursor at the start of the selection.
    let mut anchor = vim.visual.anchor;
    if vim.mode == Mode::VisualLine {
        anchor.col = 0;
    }
    let start = anchor.min(vim.cur);
    let end = anchor.max(vim.cur);
    let mode = vim.mode;
    vim.end_visual()?;
    vim.note_op_vcols(mode == Mode::VisualBlock, mode, start, end)?;
    vim.cur = start;
    if mode == Mode::VisualBlock {
        // A block starts at its upper-left corner: the top line at the block's first
        // screen column (do_pending_operator()'s coladvance(start_vcol)).
        vim.cur.col = vim.col_for_vcol(start.line, vim.visual.op_vcols.0, false)?;
    }
    vim.set_curswant = true;
    vim.visual.reselect = true;
    let keys: Vec<Key> = ":'<,'>".chars().map(Key::Char).collect();
    vim.stuff(&keys)
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn selections() {
        check("ˇabcd", "vl", "«aˇb»cd");
        check("abˇcd", "vh", "a«ˇbc»d");
        check("ˇone\ntwo\nthree", "Vj", "«one\nˇtwo»\nthree");
        check("ˇabc", "vl<Esc>", "aˇbc");
    }

    #[test]
    fn operators_on_selections() {
        check("ˇabcd", "vlld", "ˇd");
        check("ˇone\ntwo\nthree", "Vjd", "ˇthree");
        check("aˇbcd", "vlU", "aˇBCd");
        check("ˇab cd", "vey$p", "ab cdaˇb");
    }
}
