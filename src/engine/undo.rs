//! Undo as Vim does it for typed keys: a change opens a block, reading a typed key outside
//! Insert mode closes it (`may_sync_undo()` in `getchar.c`), `u` and `<C-r>` walk the list.
//!
//! While a block is open the buffer keeps a journal of the lines its changes touched, as
//! they were (Vim's `u_save(top, bot)`: the cost is the change's, not the buffer's); when it
//! closes, it is reduced to the one range of lines that differs, with the cursor as it was
//! when the block opened (Vim's `uh_cursor`) — what Vim needs to place the cursor after undo
//! and redo.
//!
//! Some ex commands (`:m`, `:t`, `:sort`, `:retab`, `:left`, `:s` on lines it leaves as they
//! were, `:g`) save lines Vim's way instead, as entries (Vim's `u_entry_T`, made by
//! `u_save()`, `u_savesub()`, `u_savedel()`...): where the cursor goes on undo depends on
//! exactly which lines each entry holds, which the one difference does not keep. The text is
//! still put back from the difference; the entries only place the cursor, and only after
//! replaying them gave the very same text.

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
    /// undoing or redoing it is not known — unless `entries` has them.
    unsure: bool,
    /// Vim's entries for this block, in the order the next undo or redo applies them.
    entries: Option<Vec<Entry>>,
}

/// One of Vim's undo entries (`u_entry_T`): the lines between `top` and `bot`, as they were.
#[derive(Clone, Debug)]
struct Entry {
    /// The line above the saved lines (1-based; 0 is above the first line).
    top: usize,
    /// The line below them after the change (`ue_bot`); `None` is Vim's 0, "below the last
    /// line", resolved when the entry is applied.
    bot: Option<usize>,
    lines: Vec<String>,
}

/// What Vim's `u_savecommon()` is given and sees: the lines between `top` and `bot`
/// (1-based, outside the change), the line below them after the change when the caller knows
/// it (`newbot`), Vim's line count at that moment and the saved lines' text.
pub struct VimLines {
    pub top: usize,
    pub bot: usize,
    pub newbot: Option<usize>,
    pub line_count: usize,
    pub lines: Option<Vec<String>>,
}

/// The line `U` puts back (Vim's `b_u_line_ptr`, `b_u_line_lnum`, `b_u_line_colnr`).
///
/// Vim saves it in `u_save()` when exactly one line is saved (unless that line number is
/// saved already: the text kept is then the older one), clears it when lines are opened or
/// deleted (`u_clearline()`), and never moves it when lines above come or go. The engine
/// knows it only through commands whose undo saving was checked against Vim's (each marks
/// [`Vim::uline_checked`]); any other change makes it unknown, and `U` is then refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) enum SavedLine {
    /// None saved: `U` beeps.
    #[default]
    None,
    Saved { lnum: usize, text: String, col: usize },
    Unknown,
}

impl super::Vim {
    /// Vim's `u_save(top, bot)`: the lines between `top` and `bot` (1-based) as one entry.
    pub(crate) fn u_save(&mut self, top: usize, bot: usize) {
        if top + 2 == bot {
            self.u_saveline(top);
        }
        self.undo.save_entry(&mut self.buf, self.cur, top, bot, None);
    }

    /// `u_saveline(lnum)` (0-based): line `lnum` becomes the one `U` puts back, unless it is
    /// that one already.
    pub(crate) fn u_saveline(&mut self, lnum: usize) {
        if self.undo.is_off() {
            return;
        }
        match &self.uline {
            SavedLine::Unknown => {}
            SavedLine::Saved { lnum: saved, .. } if *saved == lnum => {}
            _ => {
                let col = if self.cur.line == lnum { self.cur.col } else { 0 };
                self.uline = SavedLine::Saved { lnum, text: self.line(lnum).to_string(), col };
            }
        }
    }

    /// `u_clearline()`: `U` has nothing to put back (after lines were opened or deleted).
    pub(crate) fn u_clearline(&mut self) {
        self.uline = SavedLine::None;
    }

    /// The `U` command (`u_undoline()`): the saved line is put back as one change, the text
    /// it replaces saved in its place; the cursor goes to the column saved with it.
    pub(crate) fn undo_line(&mut self) -> super::Res {
        let (lnum, text, col) = match std::mem::take(&mut self.uline) {
            SavedLine::Unknown => {
                self.uline = SavedLine::Unknown;
                return Err(self.unsupported(crate::keys::Key::Char('U'), "U after a change whose undo saving the engine does not follow"));
            }
            SavedLine::None => return Err(super::Flow::Fail),
            SavedLine::Saved { lnum, text, col } => (lnum, text, col),
        };
        if lnum > self.last_line() {
            self.uline = SavedLine::Saved { lnum, text, col };
            return Err(super::Flow::Fail);
        }
        // u_savecommon(lnum - 1, lnum + 1): an undo step of its own, for the one line.
        self.undo.save_entry(&mut self.buf, self.cur, lnum, lnum + 2, None);
        self.undo.mark_unsure();
        let old = self.line(lnum).to_string();
        self.buf.set_line(lnum, text);
        let new_col = if self.cur.line == lnum { self.cur.col } else { col };
        self.uline = SavedLine::Saved { lnum, text: old, col: new_col };
        self.cur = super::Pos::new(lnum, col);
        self.clamp_cursor();
        self.set_curswant = true;
        self.uline_checked = true;
        Ok(())
    }

    /// Vim's `u_savedel(lnum, nlines)`: `nlines` lines from `lnum` (1-based) are about to go.
    pub(crate) fn u_savedel(&mut self, lnum: usize, nlines: usize) {
        let newbot = if nlines == self.buf.line_count() { 2 } else { lnum };
        self.undo.save_entry(&mut self.buf, self.cur, lnum - 1, lnum + nlines, Some(newbot));
    }
}

/// The entries of the block being recorded (see [`UndoList::save_entry`]).
#[derive(Clone, Debug, Default)]
struct OpenEntries {
    /// Newest last (Vim's list has the newest first).
    list: Vec<Entry>,
    /// The entry whose `bot` is still to be computed, and the line count when it was saved
    /// (Vim's `uh_getbot_entry` and `ue_lcount`).
    getbot: Option<(usize, usize)>,
    /// A change was saved the engine's own way too: the entries do not cover the block.
    incomplete: bool,
}

impl OpenEntries {
    /// Vim's `u_getbot()`: the pending entry's `bot` from how the line count changed since.
    fn resolve_getbot(&mut self, line_count: usize) {
        let Some((index, lcount)) = self.getbot.take() else { return };
        let entry = &mut self.list[index];
        let bot = (entry.top + entry.lines.len() + 1 + line_count) as i64 - lcount as i64;
        if bot < 1 || bot > line_count as i64 {
            // Vim's internal error E439; not something the engine's callers make.
            self.incomplete = true;
            return;
        }
        entry.bot = Some(bot as usize);
    }
}

/// A block being recorded; the lines before its changes are in the buffer's journal.
#[derive(Clone, Debug)]
struct Open {
    before_empty: bool,
    cursor: Pos,
    unsure: bool,
    entries: OpenEntries,
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
    /// See [`UndoList::cover`].
    covered: bool,
    /// How many times a change was about to be saved (even one that then changed nothing):
    /// what may have saved the line for `U`.
    pub saves: u64,
    /// Saved since the last sync (Vim's `b_u_synced` is the opposite), kept even while
    /// nothing is recorded: the change list reads it.
    unsynced: bool,
    /// Vim's `b_new_change`: a save opened a new undo step since the change list last took
    /// a new entry (see [`crate::engine::changelist`]).
    pub(crate) new_change: bool,
    /// Every save, also while nothing is recorded: the change list tells from it that a
    /// command it does not follow saved for undo.
    pub(crate) save_calls: u64,
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
        self.saves += 1;
        self.note_save();
        let covered = self.covered;
        if let Some(open) = self.open_block(buf, cursor) {
            open.entries.incomplete |= !covered;
        }
    }

    /// The changes saved the engine's way until [`UndoList::uncover`] are the ones an entry
    /// just saved covers (an ex command that saved Vim's entry and then runs the Normal-mode
    /// code for the change).
    pub fn cover(&mut self) {
        self.covered = true;
    }

    pub fn uncover(&mut self) {
        self.covered = false;
    }

    fn open_block(&mut self, buf: &mut Buffer, cursor: Pos) -> Option<&mut Open> {
        if self.off {
            return None;
        }
        if self.open.is_some() && !self.pending_close {
            self.close(buf);
        }
        if self.open.is_none() {
            buf.start_journal();
            self.open = Some(Open { before_empty: buf.empty, cursor, unsure: false, entries: OpenEntries::default() });
        }
        self.pending_close = true;
        self.open.as_mut()
    }

    /// About to change the lines between `top` and `bot` (1-based, both outside the change):
    /// save them as one of Vim's entries (`u_savecommon()`); `newbot`, when given, is the
    /// line below them after the change (`u_savesub()`, `u_inssub()`, `u_savedel()`).
    pub fn save_entry(&mut self, buf: &mut Buffer, cursor: Pos, top: usize, bot: usize, newbot: Option<usize>) {
        self.note_save();
        if self.off {
            // Nothing is recorded (see `open_block`): do not copy the lines either.
            return;
        }
        let line_count = buf.line_count();
        let lines = buf.lines().get(top..bot.saturating_sub(1)).map(<[String]>::to_vec);
        self.save_entry_as(buf, cursor, VimLines { top, bot, newbot, line_count, lines });
    }

    /// [`UndoList::save_entry`] for a buffer that is not (yet) as Vim's is at that moment:
    /// the caller says how many lines Vim's has and what the saved lines hold.
    pub fn save_entry_as(&mut self, buf: &mut Buffer, cursor: Pos, saved: VimLines) {
        self.saves += 1;
        self.note_save();
        let VimLines { top, bot, newbot, line_count, lines } = saved;
        let Some(open) = self.open_block(buf, cursor) else { return };
        let entries = &mut open.entries;
        if top >= bot || bot > line_count + 1 {
            // Vim's u_save() fails and the caller gives up; the engine's callers never ask.
            entries.incomplete = true;
            return;
        }
        let size = bot - top - 1;
        let known_bot = |bot: usize| if let Some(b) = newbot { Some(b) } else if bot > line_count { None } else { Some(bot) };
        if size == 1 {
            // A line saved just before is not saved again (the last ten entries are looked
            // at), as long as no entry since changed the line count or covers the line.
            let newest = entries.list.len();
            for i in 0..10.min(newest) {
                let index = newest - 1 - i;
                let entry = &entries.list[index];
                let changed_count = match entries.getbot {
                    Some((pending, lcount)) if pending == index => lcount != line_count,
                    _ => entry.top + entry.lines.len() + 1 != entry.bot.unwrap_or(line_count + 1),
                };
                let covers = entry.lines.len() > 1 && top >= entry.top && top + 2 <= entry.top + entry.lines.len() + 1;
                if changed_count || covers {
                    break;
                }
                if entry.lines.len() == 1 && entry.top == top {
                    if i > 0 {
                        // Moved to be the newest, after the pending `bot` is computed.
                        entries.resolve_getbot(line_count);
                        let entry = entries.list.remove(index);
                        entries.list.push(entry);
                    }
                    let index = entries.list.len() - 1;
                    match known_bot(bot) {
                        Some(b) if newbot.is_some() => entries.list[index].bot = Some(b),
                        None => entries.list[index].bot = None,
                        Some(_) => entries.getbot = Some((index, line_count)),
                    }
                    return;
                }
            }
        }
        entries.resolve_getbot(line_count);
        let Some(lines) = lines.filter(|l| l.len() == size) else {
            entries.incomplete = true;
            return;
        };
        buf.work += lines.iter().map(|l| line_work(l)).sum::<u64>();
        let bot_now = known_bot(bot);
        if newbot.is_none() && bot_now.is_some() {
            entries.getbot = Some((entries.list.len(), line_count));
        }
        entries.list.push(Entry { top, bot: if newbot.is_none() && bot_now.is_some() { None } else { bot_now }, lines });
    }

    /// What `u_savecommon()` does to the change list's state whether or not anything is
    /// recorded: the first save after a sync starts a new undo step, and with it a new
    /// change (`b_new_change`).
    fn note_save(&mut self) {
        self.save_calls += 1;
        if !self.unsynced {
            self.new_change = true;
        }
        self.unsynced = true;
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
        self.unsynced = false;
    }

    /// Has anything been saved for undo (so Vim may call the buffer changed even when its
    /// text is what it was)?
    pub fn has_blocks(&self) -> bool {
        // Undone back to the start, Vim calls the buffer unchanged again (u_undoredo()).
        self.applied > 0 || self.open.is_some()
    }

    /// Is nothing recorded (the program cannot reach the undo list)?
    pub fn is_off(&self) -> bool {
        self.off
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
        let mut work = compared + copied;
        // Vim's entries are kept (and trusted for the cursor) only when replaying them on
        // the text now gives back the text before, line for line.
        let mut unsure = open.unsure;
        let mut entries = None;
        if unsure {
            let mut open_entries = open.entries;
            open_entries.resolve_getbot(new.len());
            if !open_entries.incomplete && !open_entries.list.is_empty() {
                let mut replayed = new.to_vec();
                work += replayed.iter().map(|l| line_work(l)).sum::<u64>();
                let list = open_entries.list.clone();
                if let Some((_, _)) = replay(&mut replayed, open_entries.list, open.cursor, 0) {
                    if replayed.len() == old_len && (0..old_len).all(|i| replayed[i] == old(i)) {
                        entries = Some(list);
                        unsure = false;
                    }
                }
            }
        }
        buf.work += work;
        self.blocks.truncate(self.applied);
        self.blocks.push_back(Block {
            top,
            old: old_lines,
            new: new_lines,
            old_empty: open.before_empty,
            new_empty: buf.empty,
            cursor: open.cursor,
            unsure,
            entries,
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
    /// The open block is closed first, as undo and redo do, so its entries are checked.
    pub fn next_unsure(&mut self, buf: &mut Buffer, undo: bool) -> bool {
        self.close(buf);
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
        let block = &mut self.blocks[self.applied];
        let line = replay_block(buf, cursor, block);
        let block = &self.blocks[self.applied];
        Some(apply(buf, cursor, block.top, block.new.len(), &block.old, block.old_empty, block.cursor, line))
    }

    /// Redo one block; `None` at the newest change.
    pub fn redo(&mut self, buf: &mut Buffer, cursor: &mut Pos) -> Option<CursorPlaced> {
        self.close(buf);
        if self.applied == self.blocks.len() {
            return None;
        }
        let block = &mut self.blocks[self.applied];
        self.applied += 1;
        let line = replay_block(buf, cursor, block);
        Some(apply(buf, cursor, block.top, block.old.len(), &block.new, block.new_empty, block.cursor, line))
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

/// A block with Vim's entries: replay them on a copy of the text for the line the cursor
/// goes to (and keep them turned around for the other direction).
fn replay_block(buf: &mut Buffer, cursor: &Pos, block: &mut Block) -> Option<usize> {
    let entries = block.entries.take()?;
    let mut lines = buf.lines().to_vec();
    buf.work += lines.iter().map(|l| line_work(l)).sum::<u64>();
    // The replay was checked when the block closed: it cannot fail here.
    let (turned, line) = replay(&mut lines, entries, block.cursor, cursor.line)?;
    block.entries = Some(turned);
    Some(line)
}

/// Vim's `u_undoredo()` on `lines`: apply the entries (the next one last in the list) as
/// Vim does, and return them turned around for the other direction, with the line (0-based)
/// the cursor goes to before `check_cursor_lnum()`. `None` where Vim finds the line numbers
/// wrong (E438).
fn replay(lines: &mut Vec<String>, mut entries: Vec<Entry>, saved: Pos, cursor_line: usize) -> Option<(Vec<Entry>, usize)> {
    // Vim's line numbers from here on: 1-based, `top` the line above the change.
    let mut newlnum = usize::MAX;
    let mut new_line = cursor_line + 1;
    let saved_lnum = saved.line + 1;
    let mut turned = Vec::with_capacity(entries.len());
    while let Some(mut entry) = entries.pop() {
        let count = lines.len();
        let top = entry.top;
        let bot = entry.bot.unwrap_or(count + 1);
        if top > count || top >= bot || bot > count + 1 {
            return None;
        }
        let oldsize = bot - top - 1;
        let newsize = entry.lines.len();
        if top < newlnum {
            if saved_lnum >= top && saved_lnum <= top + newsize + 1 {
                new_line = saved_lnum;
                newlnum = saved_lnum - 1;
            } else {
                // The first line that really changes.
                let mut i = 0;
                while i < newsize && i < oldsize && entry.lines[i] == lines[top + i] {
                    i += 1;
                }
                if i == newsize && newlnum == usize::MAX && entries.is_empty() {
                    newlnum = top;
                    new_line = newlnum + 1;
                } else if i < newsize {
                    newlnum = top + i;
                    new_line = newlnum + 1;
                }
            }
        }
        let removed: Vec<String> = lines.splice(top..top + oldsize, entry.lines.drain(..)).collect();
        if lines.is_empty() {
            // Deleting the last line leaves Vim's one empty line.
            lines.push(String::new());
        }
        entry.lines = removed;
        entry.bot = Some(top + newsize + 1);
        turned.push(entry);
    }
    Some((turned, new_line.saturating_sub(1)))
}

/// Replace `remove` lines after `top` with `lines`, and place the cursor as `u_undoredo()`
/// (on `entries_line` when the block's entries decided it).
#[allow(clippy::too_many_arguments)]
fn apply(buf: &mut Buffer, cursor: &mut Pos, top: usize, remove: usize, lines: &[String], empty: bool, saved: Pos, entries_line: Option<usize>) -> CursorPlaced {
    buf.replace_lines(top, remove, lines);
    buf.empty = empty;
    // Vim numbers lines from 1 and `top` is the line above the change.
    let newsize = lines.len();
    let mut lnum = if let Some(line) = entries_line {
        line
    } else if saved.line + 1 >= top && saved.line + 1 <= top + newsize + 1 {
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
