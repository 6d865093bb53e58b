//! Operators on a Visual block (`<C-v>`): the block's screen columns (`get_op_vcol()` in
//! `ops.c`), each line's part of it (`block_prep()`), and the block branches of `op_yank`,
//! `op_delete`, `op_replace` and `op_tilde`.
//!
//! Vim turns a tab or a double-width character that a block edge cuts into spaces; the
//! engine refuses such blocks (every edge must fall between characters, or past the end of
//! a short line), so what it does is exactly Vim's.

use super::command::Op;
use super::register::{RegKind, Register};
use super::{prev_boundary, Flow, Mode, Pos, Res, Vim};
use crate::keys::Key;

/// The block an operator works on: lines and screen columns (both inclusive).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Block {
    pub start_line: usize,
    pub end_line: usize,
    pub start_vcol: usize,
    pub end_vcol: usize,
    /// Selected with `$`: every line to its end (`curswant == MAXCOL`).
    pub to_eol: bool,
}

/// One line's part of a block (`block_prep()` when no character is cut).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Part {
    /// Byte column of the first character in the block (the line's length when short).
    pub(crate) textcol: usize,
    /// Bytes of the block's text on this line.
    pub(crate) textlen: usize,
    /// The line ends before the block starts.
    pub(crate) before: bool,
}

impl Vim {
    /// Screen columns a character covers: (first, last); the line break covers one.
    pub(crate) fn char_vcols(&self, p: Pos) -> Res<(usize, usize)> {
        let start = self.vcol(p.line, p.col)?;
        match self.char_at(p) {
            Some(c) => Ok((start, start + self.cells(c, start)? - 1)),
            None => Ok((start, start)),
        }
    }

    /// `get_op_vcol()`: the block between the cursor and the other corner.
    pub(crate) fn block_area(&mut self) -> Res<Block> {
        if let Some(block) = self.visual.redo_block {
            return Ok(block);
        }
        let (a, b) = (self.visual.anchor, self.cur);
        let (a0, a1) = self.char_vcols(a)?;
        let (b0, b1) = self.char_vcols(b)?;
        let (start_line, end_line) = (a.line.min(b.line), a.line.max(b.line));
        let to_eol = self.curswant == usize::MAX && !self.set_curswant;
        let mut end_vcol = a1.max(b1);
        if to_eol {
            end_vcol = 0;
            for l in start_line..=end_line {
                end_vcol = end_vcol.max(self.vcol(l, self.line(l).len())?);
            }
        }
        Ok(Block { start_line, end_line, start_vcol: a0.min(b0), end_vcol, to_eol })
    }

    /// `block_prep()` for one line; `None` when an edge cuts a character (not modelled).
    fn block_part(&self, lnum: usize, b: &Block) -> Res<Option<Part>> {
        let line = self.line(lnum);
        let mut v = 0;
        let mut iter = line.char_indices().peekable();
        // The first character that starts at or after the block's left edge.
        let mut textcol = line.len();
        while let Some(&(i, c)) = iter.peek() {
            if v >= b.start_vcol {
                textcol = i;
                break;
            }
            v += self.cells(c, v)?;
            iter.next();
        }
        if v < b.start_vcol {
            return Ok(Some(Part { textcol: line.len(), textlen: 0, before: true }));
        }
        if v > b.start_vcol {
            return Ok(None);
        }
        let mut end = textcol;
        while let Some(&(i, c)) = iter.peek() {
            if v > b.end_vcol {
                break;
            }
            v += self.cells(c, v)?;
            end = i + c.len_utf8();
            iter.next();
        }
        if v > b.end_vcol + 1 && !b.to_eol {
            return Ok(None);
        }
        Ok(Some(Part { textcol, textlen: end - textcol, before: false }))
    }

    /// Every line's part, or a refusal naming the key.
    pub(crate) fn block_parts(&self, b: &Block, key: Key) -> Res<Vec<Part>> {
        let mut parts = Vec::with_capacity(b.end_line - b.start_line + 1);
        for l in b.start_line..=b.end_line {
            match self.block_part(l, b)? {
                Some(p) => parts.push(p),
                None => return Err(self.unsupported(key, "a block whose edge cuts a tab or a double-width character")),
            }
        }
        Ok(parts)
    }

    /// The register `op_yank()` makes of a block (`yank_copy_line()`): a line too short to
    /// reach the block gives spaces as wide as the block.
    fn block_register(&self, b: &Block, parts: &[Part]) -> Register {
        let width = b.end_vcol - b.start_vcol + 1;
        let lines = parts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                if p.before {
                    " ".repeat(width)
                } else {
                    self.line(b.start_line + i)[p.textcol..p.textcol + p.textlen].to_string()
                }
            })
            .collect();
        // y_width, one less after `$`; getregtype() shows it plus one.
        let y_width = b.end_vcol - b.start_vcol;
        let y_width = if b.to_eol && y_width > 0 { y_width - 1 } else { y_width };
        Register { lines, kind: RegKind::Block(y_width + 1) }
    }

    /// An operator on the block selection; the cursor goes to the block's upper-left corner.
    pub(crate) fn block_operator(&mut self, op: Op, replace: Option<char>, register: Option<char>, key: Key, count: usize) -> Res {
        let b = self.block_area()?;
        if matches!(op, Op::ShiftLeft | Op::ShiftRight) {
            return self.block_shift(&b, op == Op::ShiftRight, count, key);
        }
        if b.to_eol && b.start_vcol > b.end_vcol {
            return Err(self.unsupported(key, "a `$` block left of every line end"));
        }
        let parts = self.block_parts(&b, key)?;
        if register.is_some_and(|c| c.is_ascii_uppercase()) {
            return Err(self.unsupported(key, "appending a block to a register"));
        }
        // The cursor goes to the upper-left corner: coladvance(start_vcol) with Visual active.
        let corner_col = self.col_for_vcol(b.start_line, b.start_vcol, true)?;
        self.mode = Mode::Normal;
        self.visual.tab_left = Some(self.cur);
        self.cur = Pos::new(b.start_line, corner_col);
        self.set_curswant = true;
        if op == Op::Delete && b.start_line == b.end_line && self.line(b.start_line).is_empty() {
            // op_delete(): deleting in one empty line does nothing, registers included (the
            // change operator goes on), before the register name is even looked at.
            return Ok(());
        }
        let first = self.line(b.start_line).to_string();
        let changes = self.buf.changes;
        let result = self.block_op_lines(&b, &parts, op, replace, register, key);
        self.note_block_undo(&b, &first, changes);
        result
    }

    /// Vim saves the block's whole line range for undo and puts the cursor on its first line
    /// after `u`; the engine's undo keeps the lines that changed. When the first line did
    /// not change, undo is refused from then on.
    fn note_block_undo(&mut self, b: &Block, first: &str, changes: u64) {
        if self.buf.changes != changes && b.start_line <= self.last_line() && self.line(b.start_line) == first {
            self.visual.undo_unsure = true;
        }
    }

    fn block_op_lines(&mut self, b: &Block, parts: &[Part], op: Op, replace: Option<char>, register: Option<char>, key: Key) -> Res {
        let b = *b;
        match (op, replace) {
            (_, Some(c)) => self.block_replace(&b, parts, c, key),
            (Op::Yank, _) => {
                if matches!(register, Some('.' | ':')) {
                    return Err(Flow::Fail);
                }
                if register != Some('_') {
                    let reg = self.block_register(&b, parts);
                    self.regs.store(register, reg);
                }
                self.clamp_cursor();
                Ok(())
            }
            (Op::Delete, _) => {
                if matches!(register, Some('.' | ':')) {
                    return Err(Flow::Fail);
                }
                if self.buf.empty {
                    // op_delete(): in an empty buffer (ML_EMPTY) there is nothing to do,
                    // registers included; an empty line of a longer buffer is deleted from
                    // as any other (its register line is empty, padded when put).
                    return Ok(());
                }
                if register != Some('_') {
                    // op_yank() fills the registers, so a short line gives spaces here too.
                    let reg = self.block_register(&b, parts);
                    if register.is_some() {
                        self.regs.store(register, reg.clone());
                    }
                    if b.end_line > b.start_line {
                        self.regs.store_numbered(reg, false);
                    } else if register.is_none() {
                        self.regs.store_small_delete(reg);
                    }
                }
                self.begin_followed_change();
                self.save_undo();
                for (i, p) in parts.iter().enumerate() {
                    if p.textlen == 0 {
                        continue;
                    }
                    let l = b.start_line + i;
                    if i == 0 {
                        self.cur.col = p.textcol;
                    }
                    self.buf.line_mut(l).replace_range(p.textcol..p.textcol + p.textlen, "");
                }
                self.clamp_cursor();
                // op_delete(): one report, where the cursor is left.
                self.changed_at(self.cur);
                self.end_followed_change();
                Ok(())
            }
            (Op::Change, _) => {
                // op_change(): delete the block, type on the first line, then copy what was
                // typed into every line that reaches the block.
                let original_first = self.line(b.start_line).to_string();
                self.block_op_lines(&b, parts, Op::Delete, None, register, key)?;
                let col = self.col_for_vcol(b.start_line, b.start_vcol, true)?;
                self.cur = Pos::new(b.start_line, col);
                if b.end_line > b.start_line {
                    // Only where each line reaches the left edge matters now (the right edge
                    // may cut what moved in).
                    let block = Block { to_eol: true, ..b };
                    self.visual.block_insert = Some(BlockInsert { block, append: false, first: self.line(b.start_line).to_string(), col, corner_col: None, original_first: Some(original_first) });
                }
                self.begin_insert(Mode::Insert, 'c', 1, None, 0, vec![Key::Char('v'), key]);
                Ok(())
            }
            (Op::Lower | Op::Upper | Op::Tilde | Op::Rot13, _) => {
                self.save_undo();
                for (i, p) in parts.iter().enumerate() {
                    let l = b.start_line + i;
                    let line = self.line(l);
                    let mut out = String::with_capacity(line.len());
                    out.push_str(&line[..p.textcol]);
                    for c in line[p.textcol..p.textcol + p.textlen].chars() {
                        if !super::casemap::push_converted(&mut out, c, op) {
                            return Err(self.unsupported(Key::Char(c), "case mapping of this character"));
                        }
                    }
                    out.push_str(&line[p.textcol + p.textlen..]);
                    if out != line {
                        self.buf.set_line(l, out);
                    }
                }
                self.clamp_cursor();
                Ok(())
            }
            _ => Err(self.unsupported(key, "this operator on a block selection")),
        }
    }

    /// `op_shift()` on a block: each line's text from the block's left edge moves right or
    /// left by `count` shiftwidths (`shift_block()`); empty lines and lines that end before
    /// the edge stay. The cursor keeps the byte column of the block's corner.
    fn block_shift(&mut self, b: &Block, right: bool, count: usize, key: Key) -> Res {
        // 'shiftwidth' and 'tabstop' are fixed at 8, 'expandtab' off (see options.rs).
        const SW: usize = 8;
        let total = count.checked_mul(SW).filter(|&t| t <= 1 << 20).ok_or_else(|| self.unsupported(key, "a block shift this large"))?;
        let corner_col = self.col_for_vcol(b.start_line, b.start_vcol, true)?;
        let mut new_lines = Vec::with_capacity(b.end_line - b.start_line + 1);
        for l in b.start_line..=b.end_line {
            let new = self.shift_block_line(l, b.start_vcol, right, total)?;
            if let Some(new) = &new {
                self.check_size(new.len().saturating_sub(self.line(l).len()))?;
            }
            new_lines.push(new);
        }
        self.mode = Mode::Normal;
        self.visual.tab_left = Some(self.cur);
        let first = self.line(b.start_line).to_string();
        let changes = self.buf.changes;
        // op_shift() runs from the corner: undo brings the cursor back there.
        self.cur = Pos::new(b.start_line, corner_col);
        self.save_undo();
        for (i, new) in new_lines.into_iter().enumerate() {
            if let Some(new) = new {
                let l = b.start_line + i;
                if new != self.line(l) {
                    self.buf.set_line(l, new);
                }
            }
        }
        self.note_block_undo(b, &first, changes);
        // op_shift() puts the cursor back at the corner's byte column, whatever moved there;
        // past the end of the line or inside a character Vim's later commands act oddly
        // (`i` then types at column 0), which is not modelled.
        let line = self.line(b.start_line);
        if (corner_col > 0 && corner_col >= line.len()) || !line.is_char_boundary(corner_col.min(line.len())) {
            return Err(self.unsupported(key, "a block shift that leaves the cursor past the end of its line or inside a character"));
        }
        self.set_curswant = true;
        Ok(())
    }

    /// `shift_block()` for one line: the new line, or `None` when it stays (empty, or it
    /// ends before the block's left edge: `block_prep()` finds it short).
    fn shift_block_line(&self, lnum: usize, start_vcol: usize, right: bool, total: usize) -> Res<Option<String>> {
        const TS: usize = 8;
        let line = self.line(lnum);
        let white = |c: char| c == ' ' || c == '\t';
        // block_prep(): walk to the left edge, counting the white space (screen cells and
        // characters) right before it; `v` ends past a character the edge cuts.
        let (mut v, mut pre_cells, mut pre_chars) = (0, 0, 0);
        let mut at = line.len();
        // The last character walked over: byte index, cells, bytes.
        let mut prev = (0, 0, 1);
        for (i, c) in line.char_indices() {
            if v >= start_vcol {
                at = i;
                break;
            }
            let w = self.cells(c, v)?;
            v += w;
            if white(c) {
                pre_cells += w;
                pre_chars += 1;
            } else {
                pre_cells = 0;
                pre_chars = 0;
            }
            prev = (i, w, c.len_utf8());
        }
        if line.is_empty() || v < start_vcol {
            return Ok(None);
        }
        // bd.startspaces: the edge cuts a tab or a double-width character, which is then
        // where the block's text starts (textstart).
        let cut = v > start_vcol;
        let textstart = if cut { prev.0 } else { at };
        let mut out = String::with_capacity(line.len() + total);
        let rest;
        if right {
            // All the white space around the edge is made again from the first white
            // column: tabs, then spaces (tabstop_fromto()).
            let mut total = total + pre_cells;
            let mut ws_vcol = v - pre_cells;
            let mut from = textstart;
            let mut keep_cut = cut;
            if cut {
                if prev.2 == 1 {
                    from += 1;
                } else {
                    // A cut multi-byte character: Vim counts the white space from column 0.
                    ws_vcol = 0;
                    keep_cut = false;
                }
            }
            let mut vcol = v;
            let mut end = from;
            for c in line[from..].chars() {
                if !white(c) {
                    break;
                }
                let w = self.cells(c, vcol)?;
                total += w;
                vcol += w;
                end += 1;
            }
            let tabs = (ws_vcol % TS + total) / TS;
            let spaces = if tabs > 0 { (ws_vcol % TS + total) % TS } else { total };
            // bd.textcol -= bd.pre_whitesp_c - (bd.startspaces != 0): back to the first white
            // character before the edge (a cut tab is one of them, so this stays >= 0).
            let textcol = textstart + usize::from(keep_cut) - pre_chars;
            out.push_str(&line[..textcol]);
            out.extend(std::iter::repeat('\t').take(tabs));
            out.extend(std::iter::repeat(' ').take(spaces));
            rest = end;
        } else {
            // The text moves left by `total` cells at most, over white space right of the
            // edge only; a tab it stops inside becomes spaces.
            let mut non_white = if cut { textstart + prev.2 } else { textstart };
            let mut non_white_vcol = v;
            for c in line[non_white..].chars() {
                if !white(c) {
                    break;
                }
                non_white_vcol += self.cells(c, non_white_vcol)?;
                non_white += 1;
            }
            let shift = (non_white_vcol - start_vcol).min(total);
            let destination = non_white_vcol - shift;
            let (mut end, mut width) = (textstart, if cut { v - prev.1 } else { v });
            for c in line[textstart..].chars() {
                let incr = self.cells(c, width)?;
                if width >= destination || width + incr > destination {
                    break;
                }
                width += incr;
                end += c.len_utf8();
            }
            out.push_str(&line[..end]);
            out.extend(std::iter::repeat(' ').take(destination - width));
            rest = non_white;
        }
        out.push_str(&line[rest..]);
        Ok(Some(out))
    }

    /// `op_replace()` on a block: the block's screen cells become the character.
    fn block_replace(&mut self, b: &Block, parts: &[Part], c: char, key: Key) -> Res {
        if self.cells(c, 0)? != 1 || c == '\t' {
            return Err(self.unsupported(key, "r with a double-width character or a tab on a block"));
        }
        self.save_undo();
        for (i, p) in parts.iter().enumerate() {
            if p.textlen == 0 {
                continue;
            }
            let l = b.start_line + i;
            let line = self.line(l);
            let cells = self.vcol(l, p.textcol + p.textlen)? - self.vcol(l, p.textcol)?;
            let mut out = String::with_capacity(line.len() + cells);
            out.push_str(&line[..p.textcol]);
            out.extend(std::iter::repeat(c).take(cells));
            out.push_str(&line[p.textcol + p.textlen..]);
            self.buf.set_line(l, out);
        }
        self.clamp_cursor();
        Ok(())
    }
}

/// A block `I` or `A` waiting for its Insert mode to end (`op_insert()` around `edit()`).
#[derive(Clone, Debug)]
pub(crate) struct BlockInsert {
    block: Block,
    append: bool,
    /// The first line when Insert mode started, and the column typing started at.
    first: String,
    col: usize,
    /// `oap->start.col`: where the cursor goes once the text is copied (`I`, `A`); `None`
    /// for `c`, which leaves the cursor where Insert mode ended.
    corner_col: Option<usize>,
    /// `c`: the first line before the block was deleted. When it comes out the same, Vim's
    /// undo still starts there, the engine's does not (see `VisualState::undo_unsure`).
    original_first: Option<String>,
}

/// `I` and `A` in block mode: insert on the first line, then copy the typed text to every
/// line of the block (`block_insert()`).
pub(crate) fn insert_command(vim: &mut Vim, cmd: &mut super::command::Cmd) -> Res {
    let block_redo = vim.visual.redo_busy.is_some() && vim.visual.redo.is_some_and(|rv| rv.mode == Mode::VisualBlock);
    if vim.mode != Mode::VisualBlock || (vim.visual.redo_busy.is_some() && !block_redo) {
        return lines_insert(vim, cmd);
    }
    let result = block_insert_command(vim, cmd);
    vim.visual.redo_block = None;
    result
}

fn block_insert_command(vim: &mut Vim, cmd: &mut super::command::Cmd) -> Res {
    let key = cmd.key;
    if cmd.count0 > 0 {
        return Err(vim.unsupported(key, "a count before I or A in Visual block mode"));
    }
    let append = key == Key::Char('A');
    let busy = vim.visual.redo_busy.take().is_some();
    if busy {
        // `.`: the block is measured from the cursor (redo_VIsual).
        vim.redo_visual_area(cmd)?;
    } else {
        vim.update_curswant()?;
    }
    let b = vim.block_area()?;
    let parts = vim.block_parts(&b, key)?;
    let corner_col = vim.col_for_vcol(b.start_line, b.start_vcol, true)?;
    if busy {
        vim.mode = Mode::Normal;
    } else {
        let (anchor, cursor) = (vim.visual.anchor, vim.cur);
        vim.note_op_vcols(true, Mode::VisualBlock, anchor.min(cursor), anchor.max(cursor))?;
        vim.end_visual()?;
        vim.visual.redo = vim.visual.resel;
    }
    let first = parts[0];
    let mut col = if append { first.textcol + first.textlen } else { corner_col };
    vim.cur = Pos::new(b.start_line, col);
    if append && !b.to_eol {
        let reached = vim.vcol(b.start_line, col)?;
        if reached <= b.end_vcol {
            // The first line is too short: it is padded to the block's right edge first.
            vim.save_undo();
            let pad = " ".repeat(b.end_vcol + 1 - reached);
            vim.buf.line_mut(b.start_line).insert_str(col, &pad);
            col += pad.len();
        }
    }
    vim.cur = Pos::new(b.start_line, col);
    vim.visual.block_insert = Some(BlockInsert { block: b, append, first: vim.line(b.start_line).to_string(), col, corner_col: Some(corner_col), original_first: None });
    vim.begin_insert(Mode::Insert, if append { 'A' } else { 'I' }, 1, None, 0, vec![Key::Char('v'), key]);
    Ok(())
}

/// `I` and `A` on a charwise or linewise selection: `v_visop()` makes it linewise, then
/// `op_insert()` types at the operator's start (`I`: column 0 of the first line, or the
/// cursor when it is above the other end) or after its end (`A`: after the character the
/// end of the selection is on, when the operator's screen columns differ); the count repeats
/// the insert. `.` selects as many lines from the cursor (`redo_VIsual`): the start is then
/// the cursor itself.
fn lines_insert(vim: &mut Vim, cmd: &super::command::Cmd) -> Res {
    let key = cmd.key;
    let append = key == Key::Char('A');
    let busy = vim.visual.redo_busy.take();
    let mut cmd = cmd.clone();
    if let Some(register) = busy {
        cmd.register = cmd.register.or(register);
        let Some(rv) = vim.visual.redo.filter(|rv| rv.mode == Mode::VisualLine) else {
            return Err(vim.unsupported(key, "`.` of I or A after another Visual operation"));
        };
        // do_pending_operator() moves the cursor down and keeps its column, which
        // check_pos() then brings back to the line's end (not to a character start); after
        // `$` it goes to the line break.
        let line = (vim.cur.line + rv.line_count - 1).min(vim.last_line());
        let len = vim.line(line).len();
        let col = if rv.vcol == usize::MAX { len } else { vim.cur.col.min(len) };
        if append && !vim.line(line).is_char_boundary(col) {
            return Err(vim.unsupported(key, "`.` of A ending inside a multi-byte character"));
        }
        vim.cur = Pos::new(line, col);
        cmd.count0 = rv.count;
        cmd.count1 = rv.count.max(1);
    } else {
        vim.update_curswant()?;
    }
    let cursor = vim.cur;
    let mut anchor = vim.visual.anchor;
    if busy.is_none() {
        anchor.col = 0;
    }
    let (start, end) = if anchor < cursor { (anchor, cursor) } else { (cursor, anchor) };
    if busy.is_none() {
        vim.note_op_vcols(false, Mode::VisualLine, start, end)?;
        vim.visual.redo = Some(vim.redo_size(Mode::VisualLine, start, end, cmd.count0)?);
        vim.end_visual()?;
    } else {
        vim.mode = Mode::Normal;
    }
    let mut at = start;
    if append {
        let line = vim.line(end.line);
        let (start_vcol, end_vcol) = vim.visual.op_vcols;
        // check_cursor_col(): off the line break onto the last character.
        let on_break = end.col >= line.len();
        let mut col = if on_break { prev_boundary(line, line.len()) } else { end.col };
        if !line.is_empty() && start_vcol != end_vcol {
            // inc_cursor(): the insert goes after the character.
            col = super::next_boundary(line, col);
        } else if !on_break && vim.char_at(Pos::new(end.line, col)).is_some_and(|c| c.len_utf8() > 1) {
            // The operator's end is the last byte of the character: Vim types into it.
            return Err(vim.unsupported(key, "A on a selection whose end is on a multi-byte character that A does not step over"));
        }
        at = Pos::new(end.line, col);
    }
    vim.cur = at;
    vim.set_curswant = true;
    vim.begin_insert(Mode::Insert, 'i', cmd.count1, cmd.register, 0, vec![Key::Char('v'), key]);
    Ok(())
}

impl Vim {
    /// Refuse keys in a block insert whose effect on the copied text is not modelled: only
    /// printable characters and `<Esc>` are.
    pub(crate) fn check_block_insert_key(&self) -> Res {
        if self.visual.block_insert.is_none() {
            return Ok(());
        }
        match self.peek_key() {
            None | Some(Key::Char('\x1b')) => Ok(()),
            Some(Key::Char(c)) if (c as u32) >= 0x20 && c != '\x7f' && !super::chars::may_be_composing(c) => Ok(()),
            Some(k) => Err(self.unsupported(k, "this key in Insert mode started by I or A on a block")),
        }
    }

    /// Insert mode ended: copy what was typed on the first line to the block's other lines.
    pub(crate) fn finish_block_insert(&mut self) -> Res {
        let Some(bi) = self.visual.block_insert.take() else { return Ok(()) };
        let b = bi.block;
        self.begin_followed_change();
        let result = self.copy_block_insert(&bi).map(|copied| {
            if copied {
                // block_insert() (op_change() likewise) reports the change from the line
                // below the first, even when the block has no other line.
                self.changed_at(Pos::new(b.start_line + 1, 0));
                self.end_followed_change();
            }
        });
        if bi.original_first.as_deref() == Some(self.line(b.start_line)) {
            self.visual.undo_unsure = true;
        }
        result
    }

    /// Whether the typed text was copied (Vim's `ins_len > 0`).
    fn copy_block_insert(&mut self, bi: &BlockInsert) -> Res<bool> {
        let b = bi.block;
        let line = self.line(b.start_line).to_string();
        let (head, tail) = bi.first.split_at(bi.col);
        if self.cur.line != b.start_line || line.len() < bi.first.len() || !line.starts_with(head) || !line.ends_with(tail) {
            return Err(self.unsupported(Key::ESC, "an insert on a block that changed more than the typed text"));
        }
        let text = line[bi.col..bi.col + line.len() - bi.first.len()].to_string();
        if text.is_empty() {
            return Ok(false);
        }
        for l in b.start_line + 1..=b.end_line {
            let Some(p) = self.block_part(l, &b)? else {
                return Err(self.unsupported(Key::ESC, "a block whose edge cuts a tab or a double-width character"));
            };
            let (at, pad) = if !bi.append {
                if p.before {
                    continue;
                }
                (p.textcol, 0)
            } else if b.to_eol {
                (self.line(l).len(), 0)
            } else {
                let at = p.textcol + p.textlen;
                let reached = self.vcol(l, at)?;
                (at, (b.end_vcol + 1).saturating_sub(reached))
            };
            self.check_size(pad + text.len())?;
            let mut insert = " ".repeat(pad);
            insert.push_str(&text);
            self.buf.line_mut(l).insert_str(at, &insert);
        }
        if let Some(col) = bi.corner_col {
            self.cur.col = col;
            self.clamp_cursor();
        }
        Ok(true)
    }
}

impl Vim {
    /// `O` in block mode (`v_swap_corners()`): the other corner on the same line.
    pub(crate) fn swap_block_corners(&mut self) -> Res {
        let old = self.cur;
        let (a0, a1) = self.char_vcols(self.visual.anchor)?;
        let (c0, c1) = self.char_vcols(old)?;
        let (left, right) = (a0.min(c0), a1.max(c1));
        let anchor_line = self.visual.anchor.line;
        self.visual.anchor = Pos::new(anchor_line, self.col_for_vcol(anchor_line, left, true)?);
        self.cur = Pos::new(old.line, self.col_for_vcol(old.line, right, true)?);
        self.curswant = right;
        self.set_curswant = false;
        if self.cur.col == old.col {
            self.visual.anchor = Pos::new(anchor_line, self.col_for_vcol(anchor_line, right, true)?);
            self.cur = Pos::new(old.line, self.col_for_vcol(old.line, left, true)?);
            self.curswant = left;
        }
        Ok(())
    }

    /// `p`/`P` of a blockwise register in Normal mode (`do_put()` with `MBLOCK`): each line of
    /// the register goes into one line from the cursor's screen column down, padded to the
    /// block's width when text follows.
    /// `cursor_end` (`gp`, `gP`): the cursor goes just after the text put in the last line
    /// (on the line break when nothing follows), as `do_put()` does with `PUT_CURSEND`.
    pub(crate) fn put_block(&mut self, reg: &Register, width: usize, after: bool, cursor_end: bool, count: usize, key: Key) -> Res {
        if reg.lines.iter().any(|l| l.contains('\t')) {
            return Err(self.unsupported(key, "putting a block with a tab in it"));
        }
        let mut col = self.vcol(self.cur.line, self.cur.col)?;
        let mut cursor_col = self.cur.col;
        if after {
            if let Some(c) = self.char_at(self.cur) {
                col += self.cells(c, col)?;
                cursor_col += c.len_utf8();
            }
        }
        let lnum = self.cur.line;
        let first = self.line(lnum).to_string();
        let changes = self.buf.changes;
        let mut edits = Vec::with_capacity(reg.lines.len());
        // Where the text put in the last line ends.
        let mut put_end = 0;
        for (i, text) in reg.lines.iter().enumerate() {
            let l = lnum + i;
            let line = if l <= self.last_line() { self.line(l) } else { "" };
            let mut v = 0;
            let mut textcol = line.len();
            for (j, c) in line.char_indices() {
                if v >= col {
                    textcol = j;
                    break;
                }
                v += self.cells(c, v)?;
            }
            if v > col {
                return Err(self.unsupported(key, "putting a block into a line where it would cut a tab or a double-width character"));
            }
            let startspaces = col - v.min(col);
            let shortline = v < col || textcol == line.len();
            // do_put() measures the text byte by byte: a multi-byte character counts its
            // cells at its first byte and 4 (the width of `<xx>`) at each byte after it.
            let mut cells = 0;
            for c in text.chars() {
                cells += self.cells(c, 0)? + 4 * (c.len_utf8() - 1);
            }
            let spaces = (width).saturating_sub(cells);
            let mut new = String::with_capacity(line.len() + count * (text.len() + spaces) + startspaces);
            new.push_str(&line[..textcol]);
            new.push_str(&" ".repeat(startspaces));
            for j in 0..count {
                new.push_str(text);
                if j + 1 < count || !shortline {
                    new.push_str(&" ".repeat(spaces));
                }
            }
            put_end = new.len();
            new.push_str(&line[textcol..]);
            self.check_size(new.len())?;
            if i == 0 {
                cursor_col += startspaces;
            }
            edits.push((l, new));
        }
        self.save_undo();
        for (l, new) in edits {
            if l > self.last_line() {
                self.buf.insert_lines(l, vec![new]);
            } else {
                self.buf.set_line(l, new);
            }
        }
        self.cur = Pos::new(lnum, cursor_col);
        if cursor_end {
            let last = lnum + reg.lines.len().max(1) - 1;
            self.cur = Pos::new(last, put_end.min(self.line(last).len()));
        }
        self.set_curswant = true;
        if self.buf.changes != changes && self.line(lnum) == first {
            self.visual.undo_unsure = true;
        }
        Ok(())
    }
}
