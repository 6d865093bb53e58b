//! The text being edited: a list of lines, read and written with Vim's file rules
//! (`fileformat` unix/dos detection, `fixendofline`, latin1 fallback for invalid UTF-8, a BOM).
//!
//! Lines are kept as `String`s rather than a rope: Vim's own memline is line-based, every
//! command works on whole lines, and the records this crate processes are short, so a
//! `Vec<String>` is both the most faithful and the fastest representation here.

use super::markmove::{MarkMove, MarkMoves};
use super::Error;

/// The buffer: at least one line; `empty` marks Vim's `ML_EMPTY` (a buffer with no lines at
/// all, shown as one empty line and written as zero bytes).
///
/// The lines are private so that every change goes through a method here: while an undo
/// block is open the buffer keeps a [`Journal`] of the lines as they were, and a change that
/// bypassed it would be missing from undo.
#[derive(Clone, Debug)]
pub struct Buffer {
    lines: Vec<String>,
    pub empty: bool,
    pub dos: bool,
    pub latin1: bool,
    pub bom: bool,
    /// How many times lines were inserted, deleted or joined: a mark's stamp (see
    /// [`MarkMoves`]), and a quick test that no line moved since something was remembered.
    pub line_edits: u32,
    /// How marks moved since lines last changed in a way marks do not follow.
    pub mark_moves: MarkMoves,
    /// Bumped by every change to the text: the run loop can tell whether a command cut short
    /// by the end of the keys changed anything it would have to put back.
    pub changes: u64,
    /// Bytes of all lines, each counted with its newline, as of the last change made through
    /// a method here: `Vim::check_size` reads it on every put and typed character, and
    /// measuring the lines each time would make a macro that grows a large text quadratic.
    total: usize,
    /// The line [`Buffer::line_mut`] last handed out and its length then: the caller changes
    /// it after the method returns, so `total` learns its new length at the next call here.
    lent: Option<(usize, usize)>,
    /// Lines moved or copied by line insertions and deletions (a line inserted above others
    /// moves every line below it): the run loop bounds it (`Limits::max_line_moves`), so a
    /// macro that grows the buffer in its middle forever ends as a limit, not a hang.
    pub line_moves: u64,
    /// Bytes copied, moved or compared by changes and by undo: a changed line is rewritten
    /// whole (as Vim's `ml_replace()` does), undo saves and compares lines. The run loop
    /// bounds it (`Limits::max_work`), so a macro that edits an 8 MB line forever ends as a
    /// limit, not a hang.
    pub work: u64,
    /// `:g`'s line marks (Vim's `ml_setmarked()`): they follow the lines as lines are
    /// inserted and deleted.
    pub marked: Option<Vec<bool>>,
    /// No line before this one is marked.
    pub marked_from: usize,
    /// The lines an open undo block has to remember; `None` while no block is open.
    journal: Option<Journal>,
}

/// The lines as they were when an undo block opened, kept for only the range that changed
/// (Vim's `u_save(top, bot)`): the buffer then is the buffer now with `saved` in place of the
/// current lines `first..first + saved.len() + delta`. Every line outside that range is the
/// same line as when the block opened (shifted by `delta` after it).
#[derive(Clone, Debug, Default)]
pub struct Journal {
    /// Is any line saved yet (before the first change the range is empty and nowhere)?
    touched: bool,
    /// Index of the first saved line (the same before and now).
    first: usize,
    /// The original lines of the range, in order (grown at both ends as changes spread).
    saved: std::collections::VecDeque<String>,
    /// Lines now minus lines then.
    delta: isize,
}

/// What [`Buffer::work`] charges for a line copied, moved or compared besides its bytes: an
/// allocation or a call costs about as much as copying this many bytes.
pub const LINE_WORK: u64 = 64;

/// Work charged for handling `line` once.
pub fn line_work(line: &str) -> u64 {
    line.len() as u64 + LINE_WORK
}

/// Bytes of `lines`, each with its newline.
fn lines_len(lines: &[String]) -> usize {
    lines.iter().map(|l| l.len() + 1).sum()
}

/// The large parts of a [`Buffer`], moved out while the editor's small fields are copied.
#[derive(Debug, Default)]
pub struct Storage {
    lines: Vec<String>,
    journal: Option<Journal>,
}

impl Buffer {
    /// Read file bytes as Vim reads them under the contract.
    pub fn from_bytes(bytes: &[u8]) -> Buffer {
        let (bom, body) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
            Some(rest) => (true, rest),
            None => (false, bytes),
        };
        let latin1_text;
        let (text, latin1) = match std::str::from_utf8(body) {
            Ok(s) => (s, false),
            Err(_) => {
                latin1_text = body.iter().map(|&b| b as char).collect::<String>();
                (latin1_text.as_str(), true)
            }
        };
        if text.is_empty() {
            return Buffer { lines: vec![String::new()], empty: true, dos: false, latin1, bom, line_edits: 0, mark_moves: MarkMoves::default(), changes: 0, total: 1, lent: None, line_moves: 0, work: 0, marked: None, marked_from: 0, journal: None };
        }
        // fileformats=unix,dos: dos when every line ending (a NL) is preceded by a CR.
        let bytes = text.as_bytes();
        let mut newlines = bytes.iter().enumerate().filter(|&(_, &b)| b == b'\n').map(|(i, _)| i);
        let dos = bytes.contains(&b'\r') && {
            let mut any = false;
            newlines.all(|i| {
                any = true;
                i > 0 && bytes[i - 1] == b'\r'
            }) && any
        };
        let body = text.strip_suffix(if dos { "\r\n" } else { "\n" }).unwrap_or(text);
        let lines: Vec<String> = if dos {
            body.split("\r\n").map(str::to_string).collect()
        } else {
            body.split('\n').map(str::to_string).collect()
        };
        let total = lines_len(&lines);
        Buffer { lines, empty: false, dos, latin1, bom, line_edits: 0, mark_moves: MarkMoves::default(), changes: 0, total, lent: None, line_moves: 0, work: 0, marked: None, marked_from: 0, journal: None }
    }

    /// The bytes Vim writes for this buffer (`:w`).
    pub fn to_bytes(&self) -> Result<Vec<u8>, Error> {
        let mut out = Vec::with_capacity(self.lines.iter().map(|l| l.len() + 2).sum::<usize>() + 3);
        if self.bom {
            out.extend_from_slice(b"\xef\xbb\xbf");
        }
        if self.empty {
            return Ok(out);
        }
        let eol: &[u8] = if self.dos { b"\r\n" } else { b"\n" };
        for line in &self.lines {
            if self.latin1 {
                for c in line.chars() {
                    let code = c as u32;
                    if code > 0xff {
                        return Err(Error::NoResult(format!(
                            "writing {c:?} to a latin1 file fails in Vim (E513), so :wq does not quit"
                        )));
                    }
                    out.push(code as u8);
                }
            } else {
                out.extend_from_slice(line.as_bytes());
            }
            out.extend_from_slice(eol);
        }
        Ok(out)
    }

    pub fn line_count(&self) -> usize {
        self.lines.len()
    }

    /// All lines (at least one).
    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    pub fn line(&self, lnum: usize) -> &str {
        self.lines.get(lnum).map(String::as_str).unwrap_or("")
    }

    /// A line to change in place (the last line for a line past the end).
    pub fn line_mut(&mut self, lnum: usize) -> &mut String {
        self.empty = false;
        self.changes += 1;
        let lnum = lnum.min(self.lines.len().saturating_sub(1));
        self.settle();
        self.lent = Some((lnum, self.lines[lnum].len()));
        self.journal_replace(lnum, 1, 1);
        // The caller rewrites the line: what Vim's ml_replace() costs.
        self.work += self.lines[lnum].len() as u64 + 1;
        &mut self.lines[lnum]
    }

    pub fn set_line(&mut self, lnum: usize, text: String) {
        *self.line_mut(lnum) = text;
    }

    /// Insert lines above line `at`; marks are not followed past it (see
    /// [`Buffer::insert_lines_moving_marks`]).
    pub fn insert_lines(&mut self, at: usize, new: Vec<String>) {
        self.mark_moves.forget(&mut self.line_edits);
        self.insert_lines_unmarked(at, new);
    }

    /// Insert lines above line `at` as Vim's `ml_append()` and `appended_lines_mark()` do:
    /// marks on line `at` and below move down.
    pub fn insert_lines_moving_marks(&mut self, at: usize, new: Vec<String>) {
        let at = at.min(self.lines.len());
        let n = new.len() as isize;
        self.mark_moves.record(&mut self.line_edits, MarkMove::Lines { line1: at, line2: usize::MAX, amount: Some(n), after: 0 });
        self.insert_lines_unmarked(at, new);
    }

    /// Delete lines `from..=to` as Vim's `del_lines()` does: marks on them are deleted, marks
    /// below move up.
    pub fn delete_lines_moving_marks(&mut self, from: usize, to: usize) {
        let to = to.min(self.lines.len().saturating_sub(1));
        if from > to {
            return;
        }
        let n = (to - from + 1) as isize;
        self.mark_moves.record(&mut self.line_edits, MarkMove::Lines { line1: from, line2: to, amount: None, after: -n });
        self.delete_lines_unmarked(from, to);
    }

    /// Before lines are joined (`do_join()`): marks on the joined line `lnum` go `lines_up`
    /// lines up, their columns shifted as [`MarkMove::Join`] says.
    pub fn join_moves_marks(&mut self, lnum: usize, lines_up: usize, col_amount: isize, spaces_removed: isize) {
        let m = MarkMove::Join { lnum, mincol: 0, lnum_amount: -(lines_up as isize), col_amount, spaces_removed };
        self.mark_moves.record(&mut self.line_edits, m);
    }

    /// Vim's `mark_col_adjust(lnum, mincol, lnum_amount, col_amount, 0)`: marks on line
    /// `lnum` at or after column `mincol` move down `lnum_amount` lines and over `col_amount`
    /// columns (a line broken or a leader deleted while formatting).
    pub fn col_adjust_marks(&mut self, lnum: usize, mincol: usize, lnum_amount: isize, col_amount: isize) {
        let m = MarkMove::Join { lnum, mincol, lnum_amount, col_amount, spaces_removed: 0 };
        self.mark_moves.record(&mut self.line_edits, m);
    }

    /// Lines changed in a way marks do not follow: marks set before are unknown.
    pub fn forget_marks(&mut self) {
        self.mark_moves.forget(&mut self.line_edits);
    }

    /// Marks on lines `first..=last` move by `by` lines (Vim's `mark_adjust(first, last, by,
    /// 0)`), for commands that move marks their own way around
    /// [`Buffer::insert_lines_keeping_marks`] and [`Buffer::delete_lines_keeping_marks`].
    pub fn move_marks(&mut self, first: usize, last: usize, by: Option<isize>, after: isize) {
        self.mark_moves.record(&mut self.line_edits, MarkMove::Lines { line1: first, line2: last, amount: by, after });
    }

    /// Insert lines above line `at` leaving the marks at their line numbers (Vim's
    /// `ml_append()` alone): the caller moves them with [`Buffer::move_marks`].
    pub fn insert_lines_keeping_marks(&mut self, at: usize, new: Vec<String>) {
        self.insert_lines_unmarked(at, new);
    }

    /// Delete lines `from..=to` leaving the marks at their line numbers (Vim's `ml_delete()`
    /// alone): the caller moves them with [`Buffer::move_marks`].
    pub fn delete_lines_keeping_marks(&mut self, from: usize, to: usize) {
        let to = to.min(self.lines.len().saturating_sub(1));
        if from <= to {
            self.delete_lines_unmarked(from, to);
        }
    }

    fn insert_lines_unmarked(&mut self, at: usize, new: Vec<String>) {
        self.empty = false;
        self.changes += 1;
        let at = at.min(self.lines.len());
        self.line_moves += (self.lines.len() - at + new.len()) as u64;
        self.journal_replace(at, 0, new.len());
        self.settle();
        self.total += lines_len(&new);
        if let Some(marked) = &mut self.marked {
            let n = new.len();
            if marked.len() == self.lines.len() {
                marked.splice(at..at, std::iter::repeat_n(false, n));
            }
        }
        self.lines.splice(at..at, new);
    }

    /// Delete lines `from..=to`; deleting every line leaves Vim's empty buffer. Marks are
    /// not followed past it (see [`Buffer::delete_lines_moving_marks`]).
    pub fn delete_lines(&mut self, from: usize, to: usize) {
        let to = to.min(self.lines.len().saturating_sub(1));
        if from > to {
            return;
        }
        self.mark_moves.forget(&mut self.line_edits);
        self.delete_lines_unmarked(from, to);
    }

    fn delete_lines_unmarked(&mut self, from: usize, to: usize) {
        self.line_moves += (self.lines.len() - from) as u64;
        self.journal_replace(from, to + 1 - from, 0);
        self.settle();
        self.total -= lines_len(&self.lines[from..=to]);
        self.lines.drain(from..=to);
        if let Some(marked) = &mut self.marked {
            if marked.len() > to {
                marked.drain(from..=to);
            }
            self.marked_from = self.marked_from.min(from);
        }
        self.changes += 1;
        if self.lines.is_empty() {
            self.journal_replace(0, 0, 1);
            self.lines.push(String::new());
            self.total = 1;
            self.empty = true;
            if let Some(marked) = &mut self.marked {
                marked.push(false);
            }
        }
    }

    /// Replace `remove` lines at `top` with `lines` (undo and redo putting a block back).
    pub fn replace_lines(&mut self, top: usize, remove: usize, lines: &[String]) {
        let top = top.min(self.lines.len());
        let end = (top + remove).min(self.lines.len());
        self.journal_replace(top, end - top, lines.len());
        self.settle();
        self.total = self.total - lines_len(&self.lines[top..end]) + lines_len(lines);
        self.work += lines.iter().map(|l| line_work(l)).sum::<u64>();
        // The lines below move only when the count changes.
        let moved = if lines.len() == end - top { 0 } else { self.lines.len() - end };
        self.line_moves += (lines.len() + moved) as u64;
        self.lines.splice(top..end, lines.iter().cloned());
        // u_undoredo() moves marks by its entries and puts back the named marks saved with
        // the block; neither is modelled.
        self.forget_marks();
        self.changes += 1;
        if self.lines.is_empty() {
            self.journal_replace(0, 0, 1);
            self.lines.push(String::new());
            self.total = 1;
        }
    }

    /// Delete every line whose flag in `marked` is set, in one pass; returns the deleted
    /// lines and, for the last one, how many lines were kept above it.
    pub fn delete_marked(&mut self, marked: &[bool]) -> (Vec<String>, usize) {
        let count = marked.iter().filter(|&&m| m).count();
        if let Some(first) = marked.iter().position(|&m| m) {
            self.journal_replace(first, self.lines.len() - first, self.lines.len() - first - count);
        }
        self.settle();
        let mut kept = Vec::with_capacity(self.lines.len() - count);
        let mut deleted = Vec::with_capacity(count);
        let mut last_at = 0;
        for (i, line) in std::mem::take(&mut self.lines).into_iter().enumerate() {
            if marked.get(i).copied().unwrap_or(false) {
                last_at = kept.len();
                deleted.push(line);
            } else {
                kept.push(line);
            }
        }
        self.lines = kept;
        self.total -= lines_len(&deleted);
        // Each `:d` of `:g` deleted its line (del_lines()): the marks move as line after line
        // went.
        for (gone, (i, _)) in marked.iter().enumerate().filter(|(_, &m)| m).enumerate() {
            self.move_marks(i - gone, i - gone, None, -1);
        }
        self.changes += 1;
        if self.lines.is_empty() {
            self.journal_replace(0, 0, 1);
            self.lines.push(String::new());
            self.total = 1;
            self.empty = true;
        }
        (deleted, last_at)
    }

    /// Bytes of all lines, each with its newline.
    pub fn total_len(&mut self) -> usize {
        self.settle();
        self.total
    }

    /// Count the new length of the line [`Buffer::line_mut`] last lent.
    fn settle(&mut self) {
        if let Some((lnum, before)) = self.lent.take() {
            self.total = self.total - before + self.lines[lnum].len();
        }
    }

    /// Move the lines and the journal out (see [`Storage`]).
    pub fn take_storage(&mut self) -> Storage {
        self.settle();
        Storage { lines: std::mem::take(&mut self.lines), journal: self.journal.take() }
    }

    /// Put back what [`Buffer::take_storage`] took.
    pub fn put_storage(&mut self, storage: Storage) {
        self.lines = storage.lines;
        self.journal = storage.journal;
    }

    // ----- the undo journal -----

    /// An undo block opens: remember the lines each change is about to touch from now on.
    pub fn start_journal(&mut self) {
        self.journal = Some(Journal::default());
    }

    /// The undo block closes: stop remembering, and hand over what was remembered.
    pub fn take_journal(&mut self) -> Option<Journal> {
        self.journal.take()
    }

    /// About to replace `remove` lines at `at` with `insert` lines: save the original lines
    /// the change touches that are not saved yet (only the lines between the saved range
    /// and the change are copied, as the range must stay one range).
    fn journal_replace(&mut self, at: usize, remove: usize, insert: usize) {
        let Some(journal) = &mut self.journal else { return };
        let end = at + remove;
        if !journal.touched {
            journal.touched = true;
            journal.first = at;
            journal.saved.extend(self.lines[at..end].iter().cloned());
            self.work += self.lines[at..end].iter().map(|l| line_work(l)).sum::<u64>();
        } else {
            let changed_end = journal.changed_end();
            if at < journal.first {
                for line in self.lines[at..journal.first].iter().rev() {
                    self.work += line_work(line);
                    journal.saved.push_front(line.clone());
                }
                journal.first = at;
            }
            if end > changed_end {
                for line in &self.lines[changed_end..end] {
                    self.work += line_work(line);
                    journal.saved.push_back(line.clone());
                }
            }
        }
        journal.delta += insert as isize - remove as isize;
    }
}

impl Journal {
    /// The end of the changed range in the buffer now.
    fn changed_end(&self) -> usize {
        (self.first + self.saved.len()).saturating_add_signed(self.delta)
    }

    /// Line `lnum` as it was when the block opened, given the buffer now.
    pub fn old_line<'a>(&'a self, now: &'a [String], lnum: usize) -> &'a str {
        if !self.touched || lnum < self.first {
            return &now[lnum];
        }
        match self.saved.get(lnum - self.first) {
            Some(line) => line,
            None => &now[lnum.saturating_add_signed(self.delta)],
        }
    }

    /// Where the saved range ends when the line count did not change: every line from there
    /// on is the same line then and now.
    pub fn same_after(&self) -> Option<usize> {
        (self.touched && self.delta == 0).then_some(self.first + self.saved.len())
    }

    /// How many lines the buffer had when the block opened, given how many it has now.
    pub fn old_len(&self, now: usize) -> usize {
        now.saturating_add_signed(-self.delta)
    }

    /// The lines before the first saved one and after the last are unchanged: the common
    /// head and tail that need no comparing (`(head, tail)` in lines).
    pub fn unchanged(&self, now: usize) -> (usize, usize) {
        if !self.touched {
            return (now, 0);
        }
        (self.first, self.old_len(now) - self.first - self.saved.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round(bytes: &[u8]) -> Vec<u8> {
        Buffer::from_bytes(bytes).to_bytes().expect("writable")
    }

    #[test]
    fn vim_file_rules() {
        assert_eq!(round(b"hello"), b"hello\n");
        assert_eq!(round(b"a\r\nb\r\n"), b"a\r\nb\r\n");
        assert_eq!(round(b"a\r\nb"), b"a\r\nb\r\n");
        assert_eq!(round(b"a\r\nb\n"), b"a\r\nb\n");
        assert_eq!(round(b"caf\xe9\n"), b"caf\xe9\n");
        assert_eq!(round(b""), b"");
        assert_eq!(round(b"a\x00b\n"), b"a\x00b\n");
        assert_eq!(round(b"\n"), b"\n");
        assert_eq!(Buffer::from_bytes(b"a\nb\n").lines, vec!["a", "b"]);
    }
}
