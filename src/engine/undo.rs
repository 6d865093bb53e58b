//! Undo as Vim does it for typed keys: a change opens a block, reading a typed key outside
//! Insert mode closes it (`may_sync_undo()` in `getchar.c`), `u` and `<C-r>` walk the list.
//!
//! While a block is open the buffer keeps a journal of the lines its changes touched, as
//! they were (Vim's `u_save(top, bot)`: the cost is the change's, not the buffer's); when it
//! closes, it is reduced to the one range of lines that differs, with the cursor as it was
//! when the block opened (Vim's `uh_cursor`) — what Vim needs to place the cursor after undo
//! and redo.

use super::buffer::line_work;
use super::{Buffer, Pos};
use crate::keys::{Key, Special};

#[derive(Clone, Debug)]
struct Block {
    /// Lines above the changed range.
    top: usize,
    /// The changed lines before and after the change.
    old: Vec<String>,
    new: Vec<String>,
    old_empty: bool,
    new_empty: bool,
    cursor: Pos,
    /// Made by an ex command that inserted, deleted or moved lines: Vim's entries record
    /// exactly which lines, where this block only has the difference, so the cursor after
    /// undoing or redoing it is not known.
    unsure: bool,
}

/// A block being recorded; the lines before its changes are in the buffer's journal.
#[derive(Clone, Debug)]
struct Open {
    before_empty: bool,
    cursor: Pos,
    unsure: bool,
}

#[derive(Clone, Debug, Default)]
pub struct UndoList {
    /// Oldest first; a deque so that dropping the oldest past 1000 ('undolevels') is cheap.
    blocks: std::collections::VecDeque<Block>,
    /// Number of blocks currently applied (undo moves it down, redo up).
    applied: usize,
    open: Option<Open>,
    /// The buffer is known unchanged since the last sync (to close an open block lazily).
    pending_close: bool,
    /// Nothing is recorded: the program cannot reach the undo list (see [`program_may_undo`]).
    off: bool,
}

/// Can a program reach the undo list? Only by `u`, `U`, `<C-r>`, `<Undo>` or an ex command
/// (`:undo`, `:normal u`), or by running a register whose text may come from the buffer
/// (`@`). Any other program gives the same bytes with undo not recorded, and recording it
/// (a copy of the buffer per change) is most of the cost of a short edit.
pub fn program_may_undo(keys: &[Key]) -> bool {
    keys.iter().any(|k| matches!(k, Key::Char('u' | 'U' | '\x12' | '@' | ':') | Key::Special(Special::Undo)))
}

/// What changes in the undo list when something is saved, undone or redone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    blocks: usize,
    applied: usize,
    open: bool,
}

impl UndoList {
    /// See [`Shape`].
    pub fn shape(&self) -> Shape {
        Shape { blocks: self.blocks.len(), applied: self.applied, open: self.open.is_some() }
    }

    /// Does the open block still take changes (no typed key read since it opened)?
    pub fn pending_close(&self) -> bool {
        self.pending_close
    }

    /// Put back [`UndoList::pending_close`].
    pub fn set_pending_close(&mut self, pending_close: bool) {
        self.pending_close = pending_close;
    }

    /// About to change the buffer: open a block if none is open (Vim's `u_save()`).
    pub fn save(&mut self, buf: &mut Buffer, cursor: Pos) {
        if self.off {
            return;
        }
        if self.open.is_some() && !self.pending_close {
            self.close(buf);
        }
        if self.open.is_none() {
            buf.start_journal();
            self.open = Some(Open { before_empty: buf.empty, cursor, unsure: false });
        }
        self.pending_close = true;
    }

    /// Stop recording: the program cannot reach the undo list.
    pub fn turn_off(&mut self) {
        self.off = true;
        self.open = None;
    }

    /// Close the open block (Vim's `u_sync()`); it is reduced against the current buffer at
    /// the next [`UndoList::close`].
    pub fn sync(&mut self) {
        self.pending_close = false;
    }

    /// Has anything been saved for undo (so Vim may call the buffer changed even when its
    /// text is what it was)?
    pub fn has_blocks(&self) -> bool {
        // Undone back to the start, Vim calls the buffer unchanged again (u_undoredo()).
        self.applied > 0 || self.open.is_some()
    }

    /// Is a block open and still taking changes?
    pub fn is_open(&self) -> bool {
        self.open.is_some() && self.pending_close
    }

    /// Turn the open block into a stored one, given the buffer after it: the one range of
    /// lines that differs between the buffer then (read through the journal) and now.
    pub fn close(&mut self, buf: &mut Buffer) {
        let Some(open) = self.open.take() else { return };
        let journal = buf.take_journal().unwrap_or_default();
        let new = buf.lines();
        let old_len = journal.old_len(new.len());
        let old = |i: usize| journal.old_line(new, i);
        // Lines outside the journal's range are the same lines then and now: the comparisons
        // start past them, and end where comparing every line from the ends would.
        let (head, unchanged_tail) = journal.unchanged(new.len());
        let mut compared = 0u64;
        let mut top = head.min(old_len).min(new.len());
        let same_after = journal.same_after();
        while top < old_len && top < new.len() {
            if Some(top) == same_after {
                // The rest are the very lines they were: no need to compare them.
                top = old_len;
                break;
            }
            if old(top) != new[top] {
                break;
            }
            compared += line_work(&new[top]);
            top += 1;
        }
        let tail_limit = |top: usize| (old_len - top).min(new.len() - top);
        let mut tail;
        if top == old_len && top == new.len() {
            // Nothing changed (a put from an empty register, a failed <C-a>): Vim's entry
            // still covers the cursor line it saved, so undo puts the cursor back there.
            top = open.cursor.line.min(top);
            tail = tail_limit(top);
        } else {
            tail = unchanged_tail.min(tail_limit(top));
            while tail < tail_limit(top) && old(old_len - 1 - tail) == new[new.len() - 1 - tail] {
                compared += line_work(&new[new.len() - 1 - tail]);
                tail += 1;
            }
        }
        // Beside identical lines the range is ambiguous (`o` above an empty line could have
        // inserted any of the empty lines). Vim saved the lines the change touched, which
        // start at the cursor line: slide the range up toward it while it stays the same change.
        let old_slides = |top: usize, end: usize| end == top || old(top - 1) == old(end - 1);
        let new_slides = |top: usize, end: usize| end == top || new[top - 1] == new[end - 1];
        while top > open.cursor.line && old_slides(top, old_len - tail) && new_slides(top, new.len() - tail) {
            compared += line_work(&new[top - 1]);
            top -= 1;
            tail += 1;
        }
        let old_lines: Vec<String> = (top..old_len - tail).map(|i| old(i).to_string()).collect();
        let new_lines = new[top..new.len() - tail].to_vec();
        let copied: u64 = old_lines.iter().chain(&new_lines).map(|l| line_work(l)).sum();
        buf.work += compared + copied;
        self.blocks.truncate(self.applied);
        self.blocks.push_back(Block {
            top,
            old: old_lines,
            new: new_lines,
            old_empty: open.before_empty,
            new_empty: buf.empty,
            cursor: open.cursor,
            unsure: open.unsure,
        });
        if self.blocks.len() > 1000 {
            self.blocks.pop_front();
        }
        self.applied = self.blocks.len();
    }

    /// The open block was changed by an ex command that moved lines (see [`Block::unsure`]).
    pub fn mark_unsure(&mut self) {
        if let Some(open) = &mut self.open {
            open.unsure = true;
        }
    }

    /// Would the next undo (redo) apply a block whose cursor is not known?
    pub fn next_unsure(&self, undo: bool) -> bool {
        if let Some(open) = &self.open {
            return undo && open.unsure;
        }
        let i = if undo { self.applied.checked_sub(1) } else { Some(self.applied) };
        i.and_then(|i| self.blocks.get(i)).is_some_and(|b| b.unsure)
    }

    /// Undo one block; `None` at the oldest change.
    pub fn undo(&mut self, buf: &mut Buffer, cursor: &mut Pos) -> Option<CursorPlaced> {
        self.close(buf);
        if self.applied == 0 {
            return None;
        }
        self.applied -= 1;
        let block = &self.blocks[self.applied];
        Some(apply(buf, cursor, block.top, block.new.len(), &block.old, block.old_empty, block.cursor))
    }

    /// Redo one block; `None` at the newest change.
    pub fn redo(&mut self, buf: &mut Buffer, cursor: &mut Pos) -> Option<CursorPlaced> {
        self.close(buf);
        if self.applied == self.blocks.len() {
            return None;
        }
        let block = &self.blocks[self.applied];
        self.applied += 1;
        Some(apply(buf, cursor, block.top, block.old.len(), &block.new, block.new_empty, block.cursor))
    }
}

/// Where `u_undoredo()` put the cursor: back on the line the change started on (its column
/// kept), or on another line through `beginline()`, which also resets the wanted column.
/// Normal `u` and `<C-r>` reset that column anyway; `:undo` and `:redo` only by `beginline()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CursorPlaced {
    SavedLine,
    BeginLine,
}

/// Replace `remove` lines after `top` with `lines`, and place the cursor as `u_undoredo()`.
fn apply(buf: &mut Buffer, cursor: &mut Pos, top: usize, remove: usize, lines: &[String], empty: bool, saved: Pos) -> CursorPlaced {
    buf.replace_lines(top, remove, lines);
    buf.empty = empty;
    // Vim numbers lines from 1 and `top` is the line above the change.
    let newsize = lines.len();
    let mut lnum = if saved.line + 1 >= top && saved.line + 1 <= top + newsize + 1 {
        saved.line
    } else {
        top
    };
    // check_cursor_lnum(): past the end (lines deleted there) is the last line.
    lnum = lnum.min(buf.line_count() - 1);
    // Only off by one line: back to where the change started (for `o`).
    if saved.line + 1 == lnum && lnum >= 1 {
        lnum -= 1;
    }
    cursor.line = lnum;
    let line = buf.line(lnum);
    let placed = if saved.line == lnum { CursorPlaced::SavedLine } else { CursorPlaced::BeginLine };
    cursor.col = if placed == CursorPlaced::SavedLine { saved.col } else { first_nonblank(line) };
    let max = super::prev_boundary(line, line.len());
    if cursor.col > max {
        cursor.col = max;
    }
    placed
}

fn first_nonblank(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t']).len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::parse_notation;

    #[test]
    fn programs_that_reach_undo() {
        for keys in ["dwu", "x<C-r>", "dwU", "<Undo>", "\"qyy@q", ":undo<CR>"] {
            assert!(program_may_undo(&parse_notation(keys)), "{keys}");
        }
        for keys in ["dw", "ciwfoo<Esc>", "3.", "yyP"] {
            assert!(!program_may_undo(&parse_notation(keys)), "{keys}");
        }
    }

    #[test]
    fn nothing_is_recorded_when_off() {
        let mut list = UndoList::default();
        list.turn_off();
        let mut buf = Buffer::from_bytes(b"one\n");
        list.save(&mut buf, Pos::new(0, 0));
        assert!(!list.is_open());
    }
}
