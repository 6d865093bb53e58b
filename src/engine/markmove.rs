//! Marks that follow edits, as Vim's `mark_adjust()` and `mark_col_adjust()` move them.
//!
//! Vim moves every mark each time lines are inserted, deleted or joined. The engine keeps a
//! mark as the position it was set at plus a stamp (the buffer's count of line changes at that
//! moment), and the buffer keeps the list of moves since: a mark is moved when it is read, by
//! replaying the moves after its stamp. Only the commands whose line changes the engine makes
//! exactly as Vim makes them record moves; any other line change forgets the list, and a mark
//! set before it is unknown (the engine refuses to jump to it rather than guess).

use super::Pos;

/// One move of the marks, in 0-based lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkMove {
    /// `mark_adjust(line1, line2, amount, amount_after)`: marks on `line1..=line2` move by
    /// `amount` (deleted when `None`: Vim's `MAXLNUM`), marks below `line2` by `after`.
    Lines { line1: usize, line2: usize, amount: Option<isize>, after: isize },
    /// `mark_col_adjust(lnum, mincol, lnum_amount, col_amount, spaces_removed)`: marks on
    /// `lnum` at or after `mincol` move (as `do_join()` moves a joined line's marks, with a
    /// `mincol` of 0, or `open_line()` the marks after a line break formatting made).
    Join { lnum: usize, mincol: usize, lnum_amount: isize, col_amount: isize, spaces_removed: isize },
}

/// What became of a mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkAt {
    At(Pos),
    /// Its line was deleted (Vim: "E20: Mark not set").
    Deleted,
    /// Lines changed in a way the engine does not follow.
    Unknown,
}

/// How a kind of mark treats the deletion of its line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OnDelete {
    /// `one_adjust()`: named marks, `''`: the mark is deleted.
    Forget,
    /// `one_adjust_nodel()`: the Visual area, file marks: the mark goes to the first deleted
    /// line.
    Keep,
}

impl OnDelete {
    /// For a named mark: `a`-`z` go with their line, the file marks `A`-`Z` stay.
    pub fn of_named(name: char) -> OnDelete {
        if name.is_ascii_uppercase() {
            OnDelete::Keep
        } else {
            OnDelete::Forget
        }
    }
}

/// More moves than this and the oldest marks are given up (a program that changes lines
/// this often does not jump to a mark set before all of it).
const MAX_MOVES: usize = 1 << 16;

/// The moves recorded since the buffer last changed lines in a way that is not followed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarkMoves {
    moves: Vec<MarkMove>,
    /// The stamp of `moves[0]`: marks stamped before it are unknown.
    base: u32,
}

impl MarkMoves {
    /// Record a move; `stamp` is the buffer's count of line changes, bumped here.
    pub fn record(&mut self, stamp: &mut u32, m: MarkMove) {
        if self.base as usize + self.moves.len() != *stamp as usize || self.moves.len() >= MAX_MOVES {
            // A line change was not recorded (or too many were): start afresh.
            self.forget(stamp);
        }
        self.moves.push(m);
        *stamp = stamp.wrapping_add(1);
    }

    /// Lines changed in a way marks do not follow.
    pub fn forget(&mut self, stamp: &mut u32) {
        *stamp = stamp.wrapping_add(1);
        self.moves.clear();
        self.base = *stamp;
    }

    /// How many moves a mark set at the oldest stamp would replay.
    pub fn len(&self) -> usize {
        self.moves.len()
    }

    /// Every mark has been moved to where it is now (`now` is the count): drop the moves.
    /// A mark stamped before `now` is unknown from here on.
    pub fn settle(&mut self, now: u32) {
        self.moves.clear();
        self.base = now;
    }

    /// Where a mark set at `pos` when the count was `set_at` is now (`now` is the count).
    pub fn follow(&self, pos: Pos, set_at: u32, now: u32, on_delete: OnDelete) -> MarkAt {
        if self.base as usize + self.moves.len() != now as usize || set_at < self.base || set_at > now {
            return MarkAt::Unknown;
        }
        let mut line = pos.line as isize;
        let mut col = pos.col as isize;
        for m in &self.moves[(set_at - self.base) as usize..] {
            match *m {
                MarkMove::Lines { line1, line2, amount, after } => {
                    let (line1, line2) = (line1 as isize, line2.min(isize::MAX as usize) as isize);
                    if line >= line1 && line <= line2 {
                        match amount {
                            Some(amount) => line += amount,
                            None if on_delete == OnDelete::Forget => return MarkAt::Deleted,
                            None => line = line1,
                        }
                    } else if after != 0 && line > line2 {
                        line += after;
                    }
                }
                MarkMove::Join { lnum, mincol, lnum_amount, col_amount, spaces_removed } => {
                    if line == lnum as isize && col >= mincol as isize && (col_amount != 0 || lnum_amount != 0) {
                        line += lnum_amount;
                        col = col_adjusted(col, col_amount, spaces_removed);
                    }
                }
            }
        }
        match (usize::try_from(line), usize::try_from(col)) {
            (Ok(line), Ok(col)) => MarkAt::At(Pos::new(line, col)),
            _ => MarkAt::Unknown,
        }
    }
}

/// The column `col_adjust()` in Vim's `mark_col_adjust()` gives a position that moves.
pub fn col_adjusted(col: isize, col_amount: isize, spaces_removed: isize) -> isize {
    if col_amount < 0 && col <= -col_amount {
        0
    } else if col < spaces_removed {
        col_amount + spaces_removed
    } else {
        col + col_amount
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moved(moves: &[MarkMove], pos: Pos, on_delete: OnDelete) -> MarkAt {
        let mut list = MarkMoves::default();
        let mut stamp = 0;
        for m in moves {
            list.record(&mut stamp, *m);
        }
        list.follow(pos, 0, stamp, on_delete)
    }

    #[test]
    fn lines_inserted_above_push_a_mark_down() {
        let insert_two_at_1 = MarkMove::Lines { line1: 1, line2: usize::MAX, amount: Some(2), after: 0 };
        assert_eq!(moved(&[insert_two_at_1], Pos::new(1, 3), OnDelete::Forget), MarkAt::At(Pos::new(3, 3)));
        assert_eq!(moved(&[insert_two_at_1], Pos::new(0, 3), OnDelete::Forget), MarkAt::At(Pos::new(0, 3)));
    }

    #[test]
    fn deleting_a_marks_line_forgets_or_keeps_it() {
        let delete_2_3 = MarkMove::Lines { line1: 2, line2: 3, amount: None, after: -2 };
        assert_eq!(moved(&[delete_2_3], Pos::new(3, 1), OnDelete::Forget), MarkAt::Deleted);
        assert_eq!(moved(&[delete_2_3], Pos::new(3, 1), OnDelete::Keep), MarkAt::At(Pos::new(2, 1)));
        assert_eq!(moved(&[delete_2_3], Pos::new(5, 1), OnDelete::Forget), MarkAt::At(Pos::new(3, 1)));
    }

    #[test]
    fn a_join_moves_the_mark_onto_the_joined_line() {
        // "ab" + "  cd" joined as "ab cd": two leading blanks removed, one space added.
        // The space starts at column 2, so col_amount is 2 - 1.
        let join = MarkMove::Join { lnum: 1, mincol: 0, lnum_amount: -1, col_amount: 1, spaces_removed: 1 };
        assert_eq!(moved(&[join], Pos::new(1, 3), OnDelete::Forget), MarkAt::At(Pos::new(0, 4)));
        assert_eq!(moved(&[join], Pos::new(1, 0), OnDelete::Forget), MarkAt::At(Pos::new(0, 2)));
    }

    #[test]
    fn an_unrecorded_change_makes_older_marks_unknown() {
        let mut list = MarkMoves::default();
        let mut stamp = 0;
        let set_at = stamp;
        list.forget(&mut stamp);
        assert_eq!(list.follow(Pos::new(0, 0), set_at, stamp, OnDelete::Forget), MarkAt::Unknown);
        assert_eq!(list.follow(Pos::new(0, 0), stamp, stamp, OnDelete::Forget), MarkAt::At(Pos::new(0, 0)));
        // A bump nobody recorded.
        stamp += 1;
        assert_eq!(list.follow(Pos::new(0, 0), stamp, stamp, OnDelete::Forget), MarkAt::Unknown);
    }
}

/// Marks `a`-`z`, `A`-`Z` and the few special ones we track.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    /// `a`-`z` and the file marks `A`-`Z` (all in this one file) as set, in the order set
    /// (few programs set more than one or two).
    pub(crate) named: Vec<(char, Mark)>,
    /// `''`: the position before the latest jump (Vim's `w_pcmark`).
    pub previous: Option<Mark>,
    /// Vim's `w_prev_pcmark`: restored by `checkpcmark()` when a jump did not move.
    pub prev_pcmark: Option<Mark>,
    /// The jump list (Vim's `w_jumplist`): every position `setpcmark()` was given, oldest
    /// first, at most [`JUMPLIST_SIZE`]. Duplicates stay until `<C-o>`/`<Tab>` clean them up
    /// (`cleanup_jumplist()`), and an entry whose line is deleted moves to the first deleted
    /// line instead of going (`one_adjust_nodel()`), so the list is kept as marks.
    pub(crate) jumps: Vec<Mark>,
    /// Vim's `w_jumplistidx`: `jumps.len()` until `<C-o>` walks back into the list.
    pub(crate) jump_idx: usize,
    /// `'[` and `']`.
    pub(crate) changed: ChangedMarks,
    /// `'.` and the change list.
    pub(crate) change_list: super::changelist::ChangeList,
}

/// `'[` and `']` (Vim's `b_op_start` and `b_op_end`): where the text the last yank, delete,
/// put, shift, join, case change or insert worked on begins and ends. Each of those commands
/// sets both in its own way, and `mark_adjust()` never moves them afterwards. The engine
/// claims them only after a command whose setting it follows; any other command (each one
/// that is not a motion, every ex command) makes them [`ChangedMarks::Unknown`], and a jump
/// to them is then refused.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ChangedMarks {
    #[default]
    Unknown,
    /// Both as Vim has them; `None` is a mark not set (Vim's line 0).
    Known { start: Option<Pos>, end: Option<Pos> },
}

impl ChangedMarks {
    /// As `readfile()` leaves them: `'[` on line 1, `']` on the last line read (not set for
    /// an empty file), both in column 0.
    pub fn after_reading(lines_read: usize) -> ChangedMarks {
        ChangedMarks::Known { start: Some(Pos::new(0, 0)), end: lines_read.checked_sub(1).map(|last| Pos::new(last, 0)) }
    }

    pub fn set(start: Pos, end: Pos) -> ChangedMarks {
        ChangedMarks::Known { start: Some(start), end: Some(end) }
    }

    /// The mark `'['` or `']'`: `None` when the engine does not know it, `Some(None)` when
    /// Vim has it unset.
    pub fn get(self, name: char) -> Option<Option<Pos>> {
        match self {
            ChangedMarks::Unknown => None,
            ChangedMarks::Known { start, end } => Some(if name == '[' { start } else { end }),
        }
    }
}

/// Vim's `JUMPLISTSIZE`: a longer list loses its oldest entry.
pub(crate) const JUMPLIST_SIZE: usize = 100;

impl Marks {
    /// Mark `a`-`z` or `A`-`Z`.
    pub fn named(&self, name: char) -> Option<Mark> {
        self.named.iter().find(|(n, _)| *n == name).map(|(_, m)| *m)
    }

    pub(crate) fn set_named(&mut self, name: char, mark: Mark) {
        match self.named.iter_mut().find(|(n, _)| *n == name) {
            Some((_, m)) => *m = mark,
            None => self.named.push((name, mark)),
        }
    }
}

/// A mark: its position and the buffer's [`Buffer::line_edits`](super::Buffer) when it was
/// set. Vim moves or deletes marks when lines are inserted or deleted (`mark_adjust()`): the
/// buffer's [`MarkMoves`](super::markmove::MarkMoves) say where it is now ([`Vim::mark_now`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    pub pos: Pos,
    pub line_edits: u32,
}
