//! `'.` and the change list (`g;`, `g,`), as Vim's `changed_common()` keeps them.
//!
//! Every change Vim makes to the text ends in a call of `changed_common(lnum, col)`, with a
//! position each command picks its own way (`x` the first byte deleted, `dd` column 0 of the
//! first line deleted, `J` the line below the joined one...). The call sets `'.` there, and
//! updates the change list: the first call of a new undo step (`b_new_change`) that lands on
//! another line than the newest entry, or more than 'textwidth' (79 when 0) columns from it,
//! adds an entry; any other call moves the newest entry to its position. Both follow line
//! changes as marks do (`'.` is lost with its line, an entry stays on the first deleted line).
//!
//! The engine calls [`Vim::changed_at`] where Vim calls `changed_common()`, in the same order,
//! for the commands whose calls it follows, each opened by [`Vim::begin_followed_change`]. A
//! change made any other way shows as the buffer's change count or the undo saves moving
//! without a call: `'.` and the list are then unknown, and `'.`, `` `. ``, `g;`, `g,` and
//! `:changes` are refused rather than guessed. Undo is not followed: `u_undoredo()` reports
//! each of Vim's undo entries from the line above the first it saved, which may be a line
//! the change left as it was (the engine's undo keeps only the lines that differ).

use super::markmove::{Mark, MarkAt, OnDelete, JUMPLIST_SIZE};
use super::{Flow, Pos, Res, Vim};
use crate::keys::Key;

/// `'.` and the change list, with what the engine knows of them.
#[derive(Clone, Debug, Default)]
pub struct ChangeList {
    /// `'.` (Vim's `b_last_change`): `Some(None)` while not set; `None` when not known.
    last: Option<Option<Mark>>,
    /// The entries, oldest first, at most [`JUMPLIST_SIZE`] (`b_changelist`); `None` when
    /// not known.
    entries: Option<Vec<Mark>>,
    /// Vim's `w_changelistidx`: `entries.len()` after a change, lower after `g;`.
    idx: usize,
    /// The buffer's change count and the undo saves as of the last followed change.
    seen: (u64, u64),
    /// Nothing is followed: the program cannot read `'.` or the list (see
    /// [`program_may_read_changes`]), and placing each change is a cost on every record.
    off: bool,
}

/// Can a program read `'.` or the change list? Only with a mark jump (`'.`, `` `. ``), `g;`,
/// `g,`, an ex command (`:changes`, `:'.`, `:marks`, `:normal`, a mapping), or a register run
/// by `@` (whose text may come from the buffer).
pub fn program_may_read_changes(keys: &[Key]) -> bool {
    let mut after_g = false;
    for &key in keys {
        match key {
            Key::Char('\'' | '`' | ':' | '@') => return true,
            Key::Char(';' | ',') if after_g => return true,
            _ => {}
        }
        after_g = key == Key::Char('g');
    }
    false
}

/// How Vim tells a change "at some distance" from the newest entry: 'textwidth', or 79.
fn far_apart(a: Pos, b: Pos, textwidth: usize) -> bool {
    let cols = if textwidth == 0 { 79 } else { textwidth };
    a.line != b.line || a.col + cols < b.col || b.col + cols < a.col
}

impl Vim {
    fn change_counts(&self) -> (u64, u64) {
        (self.buf.changes, self.undo.save_calls)
    }

    /// As the file is read: `'.` not set and the list empty.
    pub(crate) fn start_change_list(&mut self) {
        self.marks.change_list = ChangeList { last: Some(None), entries: Some(Vec::new()), idx: 0, seen: self.change_counts(), off: false };
    }

    /// Follow nothing from here on: `'.` and the list are unknown for good.
    pub(crate) fn turn_off_change_list(&mut self) {
        self.forget_change_list();
        self.marks.change_list.off = true;
    }

    /// Before a command whose `changed_common()` calls the engine follows (which then calls
    /// [`Vim::end_followed_change`]): a change since the last followed one was not followed,
    /// so what Vim has is not known.
    pub(crate) fn begin_followed_change(&mut self) {
        if self.change_counts() != self.marks.change_list.seen {
            self.forget_change_list();
        }
    }

    /// The entries are not known (a command reported changes in between that the engine
    /// does not place); `'.` is, from the command's last report.
    pub(crate) fn forget_change_entries(&mut self) {
        self.marks.change_list.entries = None;
    }

    pub(crate) fn forget_change_list(&mut self) {
        let list = &mut self.marks.change_list;
        list.last = None;
        list.entries = None;
    }

    /// After the changes of a command opened by [`Vim::begin_followed_change`], each with
    /// its [`Vim::changed_at`] call: every change so far is followed.
    pub(crate) fn end_followed_change(&mut self) {
        self.marks.change_list.seen = self.change_counts();
    }

    /// Vim's `changed_common(lnum, col)`: `'.` to `pos`, and the change list as above.
    #[inline]
    pub(crate) fn changed_at(&mut self, pos: Pos) {
        if !self.marks.change_list.off {
            self.record_change(pos);
        }
    }

    /// Does the program follow the change list (see [`program_may_read_changes`])?
    #[inline]
    pub(crate) fn follows_change_list(&self) -> bool {
        !self.marks.change_list.off
    }

    fn record_change(&mut self, pos: Pos) {
        let mark = Mark { pos, line_edits: self.buf.line_edits };
        let newest = self.marks.change_list.entries.as_ref().and_then(|e| e.last().copied());
        let newest_now = newest.map(|m| self.mark_now(m, OnDelete::Keep));
        let textwidth = self.options.textwidth;
        let new_change = self.undo.new_change;
        let list = &mut self.marks.change_list;
        list.last = Some(Some(mark));
        let Some(entries) = &mut list.entries else { return };
        let add = match newest_now {
            None => true,
            Some(_) if !new_change => false,
            Some(MarkAt::At(at)) => far_apart(at, pos, textwidth),
            // An entry never goes with its line (one_adjust_nodel()).
            Some(MarkAt::Deleted | MarkAt::Unknown) => {
                list.entries = None;
                return;
            }
        };
        if add {
            self.undo.new_change = false;
            if entries.len() == JUMPLIST_SIZE {
                entries.remove(0);
            }
            entries.push(mark);
        } else if let Some(last) = entries.last_mut() {
            *last = mark;
        }
        list.idx = entries.len();
    }

    /// Is every change since the last followed one followed?
    fn change_list_current(&self) -> bool {
        self.change_counts() == self.marks.change_list.seen
    }

    /// `'.` as Vim has it now: `Some(None)` when not set (or lost with its line), `None` when
    /// the engine does not know it.
    pub(crate) fn last_change(&self) -> Option<Option<Pos>> {
        if !self.change_list_current() {
            return None;
        }
        match self.marks.change_list.last? {
            None => Some(None),
            Some(mark) => match self.mark_now(mark, OnDelete::Forget) {
                MarkAt::At(pos) => Some(Some(pos)),
                MarkAt::Deleted => Some(None),
                MarkAt::Unknown => None,
            },
        }
    }

    /// The change list's entries where they are now, and the index; `None` when not known.
    pub(crate) fn change_list_now(&self) -> Option<(Vec<Pos>, usize)> {
        if !self.change_list_current() {
            return None;
        }
        let entries = self.marks.change_list.entries.as_ref()?;
        let mut now = Vec::with_capacity(entries.len());
        for &m in entries {
            match self.mark_now(m, OnDelete::Keep) {
                MarkAt::At(pos) => now.push(pos),
                MarkAt::Deleted | MarkAt::Unknown => return None,
            }
        }
        Some((now, self.marks.change_list.idx))
    }

    /// Move `'.` and the entries to where they are now (the buffer drops its list of moves).
    pub(crate) fn settle_change_list(&mut self) {
        if let Some(Some(m)) = self.marks.change_list.last {
            self.marks.change_list.last = Some(self.settled(m, OnDelete::Forget));
        }
        if let Some(entries) = self.marks.change_list.entries.take() {
            self.marks.change_list.entries = Some(entries.into_iter().map(|m| self.settled_entry(m)).collect());
        }
    }
}

/// `g;` and `g,` (`nv_pcmark()` with `movechangelist()`): count entries older or newer in the
/// change list, to the entry's position (not a jump; `check_cursor()` keeps it on its line).
pub(crate) fn change_list_jump(vim: &mut Vim, cmd: &mut super::command::Cmd) -> Res {
    let older = cmd.nchar == Some(';');
    let Some((entries, idx)) = vim.change_list_now() else {
        return Err(vim.unsupported(cmd.key, "g; or g, after a change whose place in the change list the engine does not follow"));
    };
    let count = cmd.count1;
    // E664 (empty), E662 (at the start), E663 (at the end): the index stays.
    let n = if entries.is_empty() {
        return Err(Flow::Fail);
    } else if older {
        match idx.checked_sub(count) {
            Some(n) => n,
            None if idx == 0 => return Err(Flow::Fail),
            None => 0,
        }
    } else if idx + count >= entries.len() {
        if idx == entries.len() - 1 {
            return Err(Flow::Fail);
        }
        entries.len() - 1
    } else {
        idx + count
    };
    vim.marks.change_list.idx = n;
    vim.set_curswant = true;
    let pos = entries[n];
    if pos.line > vim.last_line() {
        // check_mark(): E19, the index moved all the same.
        return Err(Flow::Fail);
    }
    let line = vim.line(pos.line);
    let col = if pos.col >= line.len() { super::prev_boundary(line, line.len()) } else { pos.col };
    if !line.is_char_boundary(col) {
        return Err(vim.unsupported(cmd.key, "a change-list entry inside a multibyte character (its line changed since)"));
    }
    vim.cur = Pos::new(pos.line, col);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;
    use super::*;

    #[test]
    fn g_semicolon_walks_back_through_changes_on_other_lines() {
        // After a change the cursor's place is past the newest entry: `g;` goes to it first.
        check("ˇone\ntwo\nthree", "xjxjxg;", "ne\nwo\nˇhree");
        check("ˇone\ntwo\nthree", "xjxjxg;g;", "ne\nˇwo\nhree");
        check("ˇone\ntwo\nthree", "xjxjx3g;g,", "ne\nˇwo\nhree");
    }

    #[test]
    fn changes_close_together_on_one_line_share_an_entry() {
        // The second `x` is a new undo step on the same line, within 79 columns: the
        // entry moves there, so `g;` has nowhere older to go (E662) and stays.
        check("ˇabcdef\nxyz", "x$xjg;", "bcdˇe\nxyz");
        check("ˇabcdef\nxyz", "x$xjg;g;", "bcdˇe\nxyz");
    }

    #[test]
    fn the_dot_mark_is_where_the_last_change_was_reported() {
        // `J` reports the line below last (del_lines()).
        check("ˇa\nb\nc\nd", "J`.", "a b\nˇc\nd");
        // Typed characters read on in one batch report the first one's column.
        check("ˇab\ncd", "Axyz<Esc>j`.", "abˇxyz\ncd");
        // `dd` of the last line reports a line that is gone: E19, the cursor stays.
        check("ˇab\ncd", "jdd'.", "ˇab");
    }

    #[test]
    fn only_programs_that_can_read_the_list_follow_it() {
        let reads = |keys: &str| program_may_read_changes(&crate::keys::parse_notation(keys));
        for keys in ["x`.", "ddg;", "x:changes<CR>", "qag;q@a", "x'.", "jx:'.d<CR>"] {
            assert!(reads(keys), "{keys}");
        }
        for keys in ["xjdd", "ifoo<Esc>p", "3J>>", "r<CR>", "ggdG", "gUU;"] {
            assert!(!reads(keys), "{keys}");
        }
    }

    #[test]
    fn a_change_far_along_the_same_line_is_far_apart() {
        assert!(!far_apart(Pos::new(3, 0), Pos::new(3, 79), 0));
        assert!(far_apart(Pos::new(3, 0), Pos::new(3, 80), 0));
        assert!(far_apart(Pos::new(3, 20), Pos::new(3, 0), 10));
        assert!(far_apart(Pos::new(2, 5), Pos::new(3, 5), 0));
    }
}
