//! The command types every mode shares: operators, a command's arguments (Vim's `cmdarg_T`),
//! a pending operator (`oparg_T`), the keys and redo record of a command, and the one table
//! row type (after Vim's `nv_cmds`: keys, action, flags, help) that Normal, `g` and Insert
//! dispatch through. Handler files import these types, not the dispatcher.

use super::motion::Motion;
use super::{Pos, Res, Vim};
use crate::keys::Key;
use std::sync::OnceLock;

/// Operators (`:help operator`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Delete,
    Change,
    Yank,
    ShiftLeft,
    ShiftRight,
    Lower,
    Upper,
    Tilde,
    Rot13,
    /// `gq`.
    Format,
    /// `gw`: format, keeping the cursor.
    FormatKeep,
}

impl Op {
    /// The keys that type the operator (for `.`).
    pub fn keys(self) -> &'static [Key] {
        match self {
            Op::Delete => &[Key::Char('d')],
            Op::Change => &[Key::Char('c')],
            Op::Yank => &[Key::Char('y')],
            Op::ShiftLeft => &[Key::Char('<')],
            Op::ShiftRight => &[Key::Char('>')],
            Op::Lower => &[Key::Char('g'), Key::Char('u')],
            Op::Upper => &[Key::Char('g'), Key::Char('U')],
            Op::Tilde => &[Key::Char('g'), Key::Char('~')],
            Op::Rot13 => &[Key::Char('g'), Key::Char('?')],
            Op::Format => &[Key::Char('g'), Key::Char('q')],
            Op::FormatKeep => &[Key::Char('g'), Key::Char('w')],
        }
    }
}

/// A pending operator (Vim's `oparg_T` between the operator key and its motion).
#[derive(Clone, Debug)]
pub struct OpArg {
    pub op: Op,
    pub register: Option<char>,
    /// The count typed before the operator (0: none).
    pub opcount: usize,
    pub start: Pos,
    /// `v` or `V` typed after the operator (Vim's `motion_force`, `o_v`): the motion's type
    /// is forced charwise (inclusive toggled) or linewise.
    pub force: Option<char>,
}

/// One normal-mode command's arguments (Vim's `cmdarg_T`).
#[derive(Clone, Debug)]
pub struct Cmd {
    pub key: Key,
    /// The character after the command key, for commands that take one (`f`, `r`, `m`, `g`).
    pub nchar: Option<char>,
    pub count0: usize,
    pub count1: usize,
    pub register: Option<char>,
    /// The operator waiting for this command as its motion.
    pub op: Option<Op>,
    /// The command comes from `.` (Vim's `KeyStuffed`: `f`/`t` do not remember it).
    pub stuffed_by_redo: bool,
}

/// The keys of one Normal-mode command: an operator's (at most two), a `g` prefix, the key
/// and its character argument. Every command has them, so they live inline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CmdKeys {
    keys: [Key; 6],
    len: usize,
}

impl CmdKeys {
    pub fn new(parts: &[&[Key]]) -> CmdKeys {
        let mut keys = CmdKeys { keys: [Key::Char('\0'); 6], len: 0 };
        for part in parts {
            for &k in *part {
                keys.push(k);
            }
        }
        keys
    }

    /// Add a key; the table's commands never have more than the six that fit.
    pub fn push(&mut self, key: Key) {
        if let Some(slot) = self.keys.get_mut(self.len) {
            *slot = key;
            self.len += 1;
        }
    }
}

impl CmdKeys {
    /// Put `key` in place of the last key (a digraph's character for its `<C-k>`).
    pub fn replace_last(&mut self, key: Key) {
        if let Some(slot) = self.len.checked_sub(1).and_then(|i| self.keys.get_mut(i)) {
            *slot = key;
        }
    }
}

impl std::ops::Deref for CmdKeys {
    type Target = [Key];
    fn deref(&self) -> &[Key] {
        &self.keys[..self.len]
    }
}

/// What `.` repeats.
#[derive(Clone, Debug)]
pub struct Redo {
    pub register: Option<char>,
    pub count: usize,
    pub keys: Vec<Key>,
}

/// What a table entry does.
#[derive(Clone, Copy)]
pub enum Action {
    /// A motion: moves the cursor, or gives the operator its range.
    Motion(fn(&mut Vim, &mut Cmd) -> Res<Motion>),
    /// An operator: waits for a motion.
    Operator(Op),
    /// Any other command.
    Command(fn(&mut Vim, &mut Cmd) -> Res),
    /// A command that also runs with an operator pending and clears it itself (Vim's
    /// `nv_normal()`): it must not beep first.
    ClearsOperator(fn(&mut Vim, &mut Cmd) -> Res),
}

/// What a row is, beside its action: Vim's `nv_cmds` flags, and the few properties the
/// dispatchers would otherwise read off the key, as bits combined with `|`.
pub type Flags = u16;

pub const NONE: Flags = 0;
/// The dispatcher reads one more key as the command's character (Vim's `NV_NCH_ALW`;
/// `f`, `r`, `m`, `` ` ``).
pub const NCH: Flags = 1 << 0;
/// With an operator pending the command reads nothing and beeps, and the next key is a
/// command of its own (`NV_NCH_NOP`, or a `checkclearop()` first thing: `q`).
pub const NCH_NOP: Flags = 1 << 1;
/// The character is text (`NV_LANG`: `f F t T r`): a mapping of it is replaced in the
/// command's mode, `<C-k>` reads a digraph, and a composing character after it is refused.
pub const LANG: Flags = 1 << 2;
/// `NV_KEEPREG`: `normal_cmd()` does not call `clearop()` after it, so a `use_reg_one`
/// left by a failed `` ` `` survives (operators, which leave one pending, keep it too).
pub const KEEPREG: Flags = 1 << 3;
/// Whether `clearop()` runs after it depends on what it does (`.` only when there is
/// something to repeat; `g` and `z` when no operator follows): not modelled.
pub const KEEPREG_UNKNOWN: Flags = 1 << 4;
/// Under an operator the motion sets `use_reg_one`: a delete fills `"1` whatever its size
/// (`nv_gomark()`, `nv_findpar()`, `nv_brace()`, `normal_search()`).
pub const REG_ONE: Flags = 1 << 5;
/// As [`REG_ONE`] without a count only (`nv_percent()`; with a count `%` goes to a line).
pub const REG_ONE_UNCOUNTED: Flags = 1 << 6;
/// Modelled after Insert `<C-o>` (motions and the `d` and `y` operators always are): a
/// put, which leaves the cursor after the text as `restart_edit` asks.
pub const CTRL_O: Flags = 1 << 7;
/// Modelled after Insert `<C-o>` without a register: the deletes `x X D <Del>`
/// (`del_bytes()` then leaves the cursor past the end of the line).
pub const CTRL_O_NO_REGISTER: Flags = 1 << 8;
/// Refused after `o_v`/`o_V` (`gn`, `gN`: a Visual area, no motion to force).
pub const NO_FORCE: Flags = 1 << 9;
/// Insert mode: an abbreviation before the cursor is expanded before the key is handled
/// (`edit()` calls `echeck_abbr()` for `<Esc>`, `<CR>`, `<C-o>`, `<Tab>`, `<C-]>`).
pub const CHECKS_ABBR: Flags = 1 << 10;
/// Never sets `'[` or `']` (it moves, selects, scrolls, records or starts a command line):
/// the engine still knows them after it. Every other command that is not a motion makes them
/// unknown unless it sets them itself as Vim does. In Insert mode: a key that leaves
/// `Insstart` where it was, so that `<Esc>` sets them from there to the cursor.
pub const KEEPS_CHANGED_MARKS: Flags = 1 << 11;

/// One row of a command table (Normal, `g`, Insert): its key, what it does, its flags, and
/// the line the README's table shows.
pub struct Row {
    /// The key, in notation.
    pub keys: &'static str,
    pub action: Action,
    pub flags: Flags,
    pub help: &'static str,
}

impl Row {
    /// Any of `flags` is set.
    pub fn has(&self, flags: Flags) -> bool {
        self.flags & flags != 0
    }
}

/// A row of the table of implemented commands, for the README.
pub struct CommandInfo {
    pub mode: &'static str,
    pub keys: &'static str,
    pub help: &'static str,
}

pub(crate) const fn motion(keys: &'static str, f: fn(&mut Vim, &mut Cmd) -> Res<Motion>, flags: Flags, help: &'static str) -> Row {
    Row { keys, action: Action::Motion(f), flags, help }
}
pub(crate) const fn operator(keys: &'static str, op: Op, flags: Flags, help: &'static str) -> Row {
    Row { keys, action: Action::Operator(op), flags, help }
}
pub(crate) const fn command(keys: &'static str, f: fn(&mut Vim, &mut Cmd) -> Res, flags: Flags, help: &'static str) -> Row {
    Row { keys, action: Action::Command(f), flags, help }
}
pub(crate) const fn clears_operator(keys: &'static str, f: fn(&mut Vim, &mut Cmd) -> Res, flags: Flags, help: &'static str) -> Row {
    Row { keys, action: Action::ClearsOperator(f), flags, help }
}

/// The largest count Vim takes (`normal_cmd()` stops multiplying there).
pub(crate) const MAX_COUNT: usize = 999_999_999;

/// A command table: its rows, and an index from key to row built on first use (every command
/// looks its key up: ASCII keys in an array, the few others in a list, instead of formatting
/// the key and scanning).
pub struct Table {
    pub rows: &'static [Row],
    index: OnceLock<TableIndex>,
}

impl Table {
    pub const fn new(rows: &'static [Row]) -> Table {
        Table { rows, index: OnceLock::new() }
    }

    /// The row for `key`; the first row wins when a key has two.
    pub(crate) fn lookup(&'static self, key: Key) -> Option<&'static Row> {
        let index = self.index.get_or_init(|| TableIndex::new(self.rows));
        let row = match key {
            Key::Char(c) if c.is_ascii() => index.ascii[c as usize],
            _ => index.other.iter().find(|(k, _)| *k == key).map_or(NO_ROW, |&(_, row)| row),
        };
        (row != NO_ROW).then(|| &self.rows[row as usize])
    }
}

const NO_ROW: u16 = u16::MAX;

/// A command table indexed by key.
struct TableIndex {
    ascii: [u16; 128],
    other: Vec<(Key, u16)>,
}

impl TableIndex {
    fn new(table: &[Row]) -> TableIndex {
        let mut index = TableIndex { ascii: [NO_ROW; 128], other: Vec::new() };
        // The first row of a key wins, as a linear scan would.
        for (row, cmd) in table.iter().enumerate().rev() {
            let keys = crate::keys::parse_notation(cmd.keys);
            let (Ok(row), [key]) = (u16::try_from(row), keys.as_slice()) else { continue };
            match *key {
                Key::Char(c) if c.is_ascii() => index.ascii[c as usize] = row,
                key => {
                    index.other.retain(|(k, _)| *k != key);
                    index.other.push((key, row));
                }
            }
        }
        index
    }
}

#[cfg(test)]
mod tests {
    use super::super::insert::INSERT;
    use super::super::normal::{G_COMMANDS, NORMAL};
    use super::Table;
    use crate::keys::{parse_notation, Key, Shiftable, Special};

    /// A row whose notation is not exactly one key would be skipped by the index.
    #[test]
    fn every_row_is_one_key() {
        let tables: [&Table; 3] = [&NORMAL, &G_COMMANDS, &INSERT];
        for table in tables {
            for row in table.rows {
                assert_eq!(parse_notation(row.keys).len(), 1, "{}", row.keys);
            }
        }
    }

    #[test]
    fn insert_rows_are_the_keys_edit_handles() {
        let key_of = |notation: &str| {
            INSERT
                .lookup(parse_notation(notation)[0])
                .map(|row| row.keys)
        };
        assert_eq!(key_of("<Nul>"), Some("<C-@>"));
        assert_eq!(key_of("<C-m>"), Some("<CR>"));
        assert_eq!(key_of("<C-j>"), Some("<NL>"));
        assert_eq!(
            INSERT
                .lookup(Key::Special(Special::Shifted(Shiftable::Right)))
                .map(|r| r.keys),
            Some("<S-Right>")
        );
        assert_eq!(
            INSERT
                .lookup(Key::Special(Special::CtrlLeft))
                .map(|r| r.keys),
            Some("<C-Left>")
        );
        assert_eq!(
            INSERT.lookup(Key::Special(Special::BS)).map(|r| r.keys),
            Some("<BS>")
        );
        assert_eq!(
            INSERT.lookup(Key::Char('\x08')).map(|r| r.keys),
            Some("<C-h>")
        );
        assert!(INSERT.lookup(Key::Char('a')).is_none());
    }
}
