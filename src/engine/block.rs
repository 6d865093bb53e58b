//! Operators on a Visual block (`<C-v>`): the block's screen columns (`get_op_vcol()` in
//! `ops.c`), each line's part of it (`block_prep()`), and the block branches of `op_yank`,
//! `op_delete`, `op_replace` and `op_tilde`.
//!
//! Vim turns a tab or a double-width character that a block edge cuts into spaces; the
//! engine refuses such blocks (every edge must fall between characters, or past the end of
//! a short line), so what it does is exactly Vim's.

use super::normal::Op;
use super::register::{RegKind, Register};
use super::{Flow, Mode, Pos, Res, Vim};
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
struct Part {
    /// Byte column of the first character in the block (the line's length when short).
    textcol: usize,
    /// Bytes of the block's text on this line.
    textlen: usize,
    /// The line ends before the block starts.
    before: bool,
}

impl Vim {
    /// Screen columns a character covers: (first, last); the line break covers one.
    fn char_vcols(&self, p: Pos) -> Res<(usize, usize)> {
        let start = self.vcol(p.line, p.col)?;
        match self.char_at(p) {
            Some(c) => Ok((start, start + self.cells(c, start)? - 1)),
            None => Ok((start, start)),
        }
    }

    /// `get_op_vcol()`: the block between the cursor and the other corner.
    pub(crate) fn block_area(&mut self) -> Res<Block> {
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
    fn block_parts(&self, b: &Block, key: Key) -> Res<Vec<Part>> {
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
    pub(crate) fn block_operator(&mut self, op: Op, replace: Option<char>, register: Option<char>, key: Key) -> Res {
        let b = self.block_area()?;
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
        self.cur = Pos::new(b.start_line, corner_col);
        self.set_curswant = true;
        match (op, replace) {
            (_, Some(c)) => self.block_replace(&b, &parts, c, key),
            (Op::Yank, _) => {
                if matches!(register, Some('.' | ':')) {
                    return Err(Flow::Fail);
                }
                if register != Some('_') {
                    let reg = self.block_register(&b, &parts);
                    self.regs.store(register, reg);
                }
                self.clamp_cursor();
                Ok(())
            }
            (Op::Delete, _) => {
                if matches!(register, Some('.' | ':')) {
                    return Err(Flow::Fail);
                }
                if b.start_line == b.end_line && self.line(b.start_line).is_empty() {
                    // op_delete(): deleting in an empty line does nothing, registers included.
                    return Ok(());
                }
                if register != Some('_') {
                    // is_del: a short line gives nothing, not spaces.
                    let mut reg = self.block_register(&b, &parts);
                    for (line, p) in reg.lines.iter_mut().zip(&parts) {
                        if p.before {
                            line.clear();
                        }
                    }
                    if register.is_some() {
                        self.regs.store(register, reg.clone());
                    }
                    if b.end_line > b.start_line {
                        self.regs.store_numbered(reg, false);
                    } else if register.is_none() {
                        self.regs.store_small_delete(reg);
                    }
                }
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
                        out.push(super::operator::convert_case(c, op).ok_or_else(|| self.unsupported(Key::Char(c), "case mapping of this character"))?);
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
