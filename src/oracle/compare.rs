//! The emulator against real Vim: the verdict on one program's text ([`Agreement`]), and
//! the state (cursor, mode, registers and marks) as `vimdata diff --state` checks them. A cursor one column off today is a wrong text three
//! commands later, so the state is compared even when the texts agree.
//!
//! Compared: the cursor; the mode (`mode(1)`); the registers the emulator models (`"`,
//! `0`-`9`, `a`-`z`, `-`, `.`, `:`) with their type; the marks it models (`a`-`z`, `A`-`Z`,
//! and `[` and `]` after the commands whose setting of them it follows). Vim's other registers
//! and marks (`/`, `` ` ``, `<`, `>`, `^`, `.`, `"`) are captured but not compared: the
//! emulator does not claim them.

use crate::engine::{Error, RegKind, Vim};

use super::harness::{StatePos, VimState};

/// How the emulator's result for a program stands against real Vim's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// The same bytes.
    Exact,
    /// The emulator refused (unsupported, or a limit): real Vim must judge.
    Refused,
    /// Neither gives a text (Vim exits non-zero; the emulator says there is no result).
    NoResultInBoth,
    /// A different text, or a text where Vim gives none (or none where Vim gives one).
    Wrong,
}

impl Agreement {
    /// `vim`: the bytes real Vim wrote, `None` when it gave no result.
    pub fn of(vim: Option<&[u8]>, emulator: &Result<Vec<u8>, Error>) -> Agreement {
        match (vim, emulator) {
            (Some(want), Ok(got)) if want == got.as_slice() => Agreement::Exact,
            (_, Err(Error::Unsupported { .. } | Error::LimitExceeded { .. })) => Agreement::Refused,
            (None, Err(_)) => Agreement::NoResultInBoth,
            _ => Agreement::Wrong,
        }
    }
}

/// The registers compared, in `getreg()` names.
const REGISTERS: &str = "\"0123456789abcdefghijklmnopqrstuvwxyz-.:";

/// The marks compared (`'[`, `']` and `'.` where the engine knows them).
const MARKS: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ[].";

/// Every way the emulator's state differs from Vim's, one readable line each (empty when
/// they agree).
pub fn state_differences(emu: &Vim, vim: &VimState) -> Vec<String> {
    let mut out = Vec::new();
    let cursor = emu.cursor();
    let want = vim.cursor;
    if (cursor.line as i64, cursor.col as i64) != (want.line, want.col) {
        out.push(format!(
            "cursor: vim {}:{}, emulator {}:{} (line:byte column, 1-based)",
            want.line + 1,
            want.col + 1,
            cursor.line + 1,
            cursor.col + 1
        ));
    }
    let mode = emu.mode_code();
    if mode != vim.mode {
        out.push(format!("mode: vim {:?}, emulator {mode:?}", vim.mode));
    }
    for name in REGISTERS.chars().filter(|&name| emu.register_is_known(name)) {
        let ours = emu.register(name).map(|r| (r.text(), kind_name(r.kind))).filter(|(text, _)| !text.is_empty());
        let theirs = vim.registers.get(&name.to_string()).map(|r| (r.text.clone(), r.kind.clone()));
        if ours != theirs {
            out.push(format!("register \"{name}: vim {}, emulator {}", show_register(&theirs), show_register(&ours)));
        }
    }
    // A mark set before lines were inserted or deleted is not claimed (Vim moved it).
    for name in MARKS.chars().filter(|&name| emu.mark_is_known(name)) {
        let ours = emu.mark(name).map(|p| StatePos { line: p.line as i64, col: state_col(p.col) });
        let theirs = vim.marks.get(&name.to_string()).copied();
        if ours != theirs {
            out.push(format!("mark '{name}: vim {}, emulator {}", show_pos(theirs), show_pos(ours)));
        }
    }
    out
}

/// A mark's column as the dump reads it: `getmarklist()` adds one to Vim's `MAXCOL` (the
/// column of a linewise yank's `']`) in a C `int`, which wraps to `i32::MIN`.
fn state_col(col: usize) -> i64 {
    if col >= crate::engine::MAXCOL {
        i64::from(i32::MIN) - 1
    } else {
        col as i64
    }
}

/// `getregtype()` for a register kind.
fn kind_name(kind: RegKind) -> String {
    match kind {
        RegKind::Char => "v".into(),
        RegKind::Line => "V".into(),
        RegKind::Block(width) => format!("\u{16}{width}"),
    }
}

fn show_register(reg: &Option<(String, String)>) -> String {
    match reg {
        Some((text, kind)) => format!("{text:?} ({kind:?})"),
        None => "empty".into(),
    }
}

fn show_pos(pos: Option<StatePos>) -> String {
    pos.map_or("unset".into(), |p| format!("{}:{}", p.line + 1, p.col + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// Vim's state for a one-line file: reading it set `'[` and `']` to line 1, column 0.
    fn vim_state(line: i64, col: i64, mode: &str) -> VimState {
        let read = StatePos { line: 0, col: 0 };
        let marks = BTreeMap::from([("[".to_string(), read), ("]".to_string(), read)]);
        VimState { cursor: StatePos { line, col }, mode: mode.into(), registers: BTreeMap::new(), marks }
    }

    #[test]
    fn agreeing_states_have_no_differences() {
        let emu = Vim::new("one two\n").keys("w").expect("keys");
        assert!(state_differences(&emu, &vim_state(0, 4, "n")).is_empty());
    }

    #[test]
    fn a_cursor_one_column_off_is_reported() {
        let emu = Vim::new("one two\n").keys("w").expect("keys");
        let diffs = state_differences(&emu, &vim_state(0, 5, "n"));
        assert_eq!(diffs, ["cursor: vim 1:6, emulator 1:5 (line:byte column, 1-based)"]);
    }

    #[test]
    fn registers_are_compared_with_their_type() {
        let emu = Vim::new("one two\n").keys("yy").expect("keys");
        let mut state = vim_state(0, 0, "n");
        // `yy` set `']` to Vim's MAXCOL, which the dump reads as i32::MIN - 1.
        state.marks.insert("]".into(), StatePos { line: 0, col: i64::from(i32::MIN) - 1 });
        let reg = super::super::harness::StateRegister { text: "one two\n".into(), kind: "v".into() };
        state.registers.insert("\"".into(), reg.clone());
        state.registers.insert("0".into(), reg);
        let diffs = state_differences(&emu, &state);
        assert_eq!(diffs.len(), 2, "{diffs:?}");
        assert!(diffs[0].contains("(\"V\")"), "{diffs:?}");
    }

    #[test]
    fn changed_text_marks_are_compared_where_the_engine_knows_them() {
        // Vim's state after `dw` at `at`: `'[`, `']` and `'.` where the word went.
        let after_dw = |at: i64, cursor: i64| {
            let mut state = vim_state(0, cursor, "n");
            for name in ["[", "]", "."] {
                state.marks.insert(name.into(), StatePos { line: 0, col: at });
            }
            state
        };
        let emu = Vim::new("one two\n").keys("\"_dw").expect("keys");
        assert!(state_differences(&emu, &after_dw(0, 0)).is_empty());
        let emu = Vim::new("one two\n").keys("w\"_dw").expect("keys");
        let diffs = state_differences(&emu, &after_dw(0, 3));
        assert_eq!(diffs, ["mark '[: vim 1:1, emulator 1:5", "mark ']: vim 1:1, emulator 1:5", "mark '.: vim 1:1, emulator 1:5"]);
        // After `~` on a blank, which changes nothing, the engine does not claim `'[` or `']`;
        // `'.` is still where `dw` left it.
        let emu = Vim::new("one two\n").keys("w\"_dw~").expect("keys");
        let mut state = vim_state(0, 3, "n");
        state.marks.insert(".".into(), StatePos { line: 0, col: 4 });
        let diffs = state_differences(&emu, &state);
        assert!(diffs.is_empty(), "{diffs:?}");
        // After undo, whose report the engine does not follow, it claims no `'.`.
        let emu = Vim::new("one 2\n").keys("\"_xu").expect("keys");
        let diffs = state_differences(&emu, &vim_state(0, 0, "n"));
        assert!(diffs.is_empty(), "{diffs:?}");
    }

    #[test]
    fn modes_use_vims_names() {
        let emu = Vim::new("x\n").keys("i").expect("keys");
        assert!(state_differences(&emu, &vim_state(0, 0, "i")).is_empty());
        let emu = Vim::new("x\n").keys("d").expect("keys");
        assert!(state_differences(&emu, &vim_state(0, 0, "no")).is_empty());
    }
}
