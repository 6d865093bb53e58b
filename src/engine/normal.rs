//! Normal mode: one table from each key to its handler (`NORMAL`, after Vim's `nv_cmds`), the
//! command reader (counts, `"x` registers, pending operators), and the commands that are not
//! motions or operators.

use super::command::{
    clears_operator, command, motion as motion_row, operator, Action, Cmd, CmdKeys, Op, OpArg, Redo, Table, CTRL_O, CTRL_O_NO_REGISTER,
    KEEPREG, KEEPREG_UNKNOWN, KEEPS_CHANGED_MARKS, LANG, MAX_COUNT, NCH, NCH_NOP, NONE, NO_FORCE, REG_ONE, REG_ONE_UNCOUNTED,
};
use super::markmove::{ChangedMarks, Mark, MarkAt, OnDelete, JUMPLIST_SIZE};
use super::motion::{self, Motion, MotionKind};
use super::register::Registers;
use super::{Error, Flow, Pos, Res, Vim};
use crate::keys::{Key, Special};

/// Marks are moved to where they are and the list of moves dropped once it is this long.
const SETTLE_MARKS_AT: usize = 64;

/// The normal-mode table: every key the engine accepts in Normal mode. `keys` is the
/// notation of the key; a key not listed is refused as unsupported.
pub static NORMAL: Table = Table::new(&[
    motion_row("h", motion::left, NONE, "left"),
    motion_row("<Left>", motion::left, NONE, "left"),
    motion_row("<BS>", motion::left, NONE, "left, wrapping to the line above"),
    motion_row("<C-h>", motion::left, NONE, "left, wrapping to the line above"),
    motion_row("l", motion::right, NONE, "right"),
    motion_row("<Right>", motion::right, NONE, "right"),
    motion_row(" ", motion::right, NONE, "right, wrapping to the line below"),
    motion_row("j", motion::down, NONE, "down (linewise)"),
    motion_row("<Down>", motion::down, NONE, "down"),
    motion_row("<C-j>", motion::down, NONE, "down"),
    motion_row("<NL>", motion::down, NONE, "down"),
    motion_row("<C-n>", motion::down, NONE, "down"),
    motion_row("k", motion::up, NONE, "up (linewise)"),
    motion_row("<Up>", motion::up, NONE, "up"),
    motion_row("<C-p>", motion::up, NONE, "up"),
    motion_row("+", motion::down_first_nonblank, NONE, "down to the first non-blank"),
    motion_row("<CR>", motion::down_first_nonblank, NONE, "down to the first non-blank"),
    motion_row("-", motion::up_first_nonblank, NONE, "up to the first non-blank"),
    motion_row("_", motion::underscore, NONE, "count-1 lines down, first non-blank"),
    motion_row("G", motion::goto_line, NONE, "to line count (default last)"),
    motion_row("0", motion::line_start, NONE, "to column 0"),
    motion_row("<Home>", motion::home, NONE, "to column 0, wanting screen column 0"),
    motion_row("<S-Home>", motion::home, NONE, "to column 0, wanting screen column 0"),
    motion_row("^", motion::first_nonblank, NONE, "to the first non-blank"),
    motion_row("$", motion::line_end, NONE, "to the end of the line"),
    motion_row("<End>", motion::line_end, NONE, "to the end of the line"),
    motion_row("<S-End>", motion::line_end, NONE, "to the end of the line"),
    motion_row("|", motion::column, NONE, "to screen column count"),
    motion_row("w", motion::word_forward, NONE, "word forward"),
    motion_row("W", motion::word_forward, NONE, "WORD forward"),
    motion_row("<C-Right>", motion::word_forward, NONE, "WORD forward"),
    motion_row("<S-Right>", motion::word_forward, NONE, "word forward"),
    motion_row("b", motion::word_back, NONE, "word back"),
    motion_row("B", motion::word_back, NONE, "WORD back"),
    motion_row("<C-Left>", motion::word_back, NONE, "WORD back"),
    motion_row("<S-Left>", motion::word_back, NONE, "word back"),
    motion_row("e", motion::word_end, NONE, "end of word"),
    motion_row("E", motion::word_end, NONE, "end of WORD"),
    motion_row("f", motion::find_char, NCH | LANG, "to the next char"),
    motion_row("F", motion::find_char, NCH | LANG, "to the previous char"),
    motion_row("t", motion::find_char, NCH | LANG, "till the next char"),
    motion_row("T", motion::find_char, NCH | LANG, "till the previous char"),
    motion_row(";", motion::find_char, NONE, "repeat f/F/t/T"),
    motion_row(",", motion::find_char, NONE, "repeat f/F/t/T backwards"),
    motion_row("}", motion::paragraph, REG_ONE, "paragraph forward"),
    motion_row("{", motion::paragraph, REG_ONE, "paragraph back"),
    motion_row(")", motion::sentence, REG_ONE, "sentence forward"),
    motion_row("(", motion::sentence, REG_ONE, "sentence back"),
    motion_row("[", motion::bracket, NCH, "[( [{: the unclosed bracket back; [[ []: section back; [p [P: put with the indent fixed"),
    motion_row("]", motion::bracket, NCH, "]) ]}: the unclosed bracket forward; ]] ][: section forward; ]p ]P: put with the indent fixed"),
    motion_row("%", motion::percent, REG_ONE_UNCOUNTED, "matching bracket, #if/#endif, /* */; with a count: that % of the file"),
    motion_row("/", super::search::search_typed, REG_ONE, "search forward (Vim patterns, offsets, `;` chains)"),
    motion_row("?", super::search::search_typed, REG_ONE, "search backward (Vim patterns, offsets, `;` chains)"),
    motion_row("n", super::search::search_next, REG_ONE, "repeat the last search"),
    motion_row("N", super::search::search_next, REG_ONE, "repeat the last search the other way"),
    motion_row("*", super::search::search_word, REG_ONE, "search forward for the word under the cursor"),
    motion_row("#", super::search::search_word, REG_ONE, "search backward for the word under the cursor"),
    motion_row("H", super::screen::window_line, NONE, "to line count from the top of the window"),
    motion_row("M", super::screen::window_line, NONE, "to the middle line of the window"),
    motion_row("L", super::screen::window_line, NONE, "to line count from the bottom of the window"),
    motion_row("`", motion::goto_mark, NCH | REG_ONE, "to a mark"),
    motion_row("'", motion::goto_mark, NCH, "to a mark's line"),
    operator("d", Op::Delete, NONE, "delete"),
    operator("c", Op::Change, NONE, "change"),
    operator("y", Op::Yank, NONE, "yank"),
    operator("<lt>", Op::ShiftLeft, NONE, "shift left"),
    operator(">", Op::ShiftRight, NONE, "shift right"),
    command("x", translate, KEEPREG | CTRL_O_NO_REGISTER, "delete characters (dl)"),
    command("<Del>", translate, CTRL_O_NO_REGISTER, "delete characters (dl)"),
    command("X", translate, KEEPREG | CTRL_O_NO_REGISTER, "delete characters before (dh)"),
    command("D", translate, KEEPREG | CTRL_O_NO_REGISTER, "delete to end of line (d$)"),
    command("C", translate, KEEPREG, "change to end of line (c$)"),
    command("s", translate, KEEPREG, "substitute characters (cl)"),
    command("S", translate, KEEPREG, "substitute lines (cc)"),
    command("Y", translate, KEEPREG, "yank lines (yy)"),
    command("&", translate, NONE, "repeat the last :s on count lines (:s)"),
    command("i", super::insert::start_insert, NONE, "insert before the cursor"),
    command("<Insert>", super::insert::start_insert, NONE, "insert"),
    command("a", super::insert::start_insert, NONE, "append after the cursor"),
    command("I", super::insert::start_insert, NONE, "insert before the first non-blank"),
    command("A", super::insert::start_insert, NONE, "append at the end of the line"),
    command("o", super::insert::start_insert, NONE, "open a line below"),
    command("O", super::insert::start_insert, NONE, "open a line above"),
    command("R", super::insert::start_insert, NONE, "Replace mode"),
    command("r", super::operator::replace_chars, NCH | NCH_NOP | LANG, "replace characters"),
    command("~", super::operator::tilde_chars, NONE, "switch case of characters"),
    command("J", join_lines, NONE, "join lines"),
    command("p", super::operator::put, CTRL_O, "put after"),
    command("P", super::operator::put, CTRL_O, "put before"),
    command("u", undo, NONE, "undo"),
    command("<Undo>", undo, NONE, "undo"),
    command("U", undo_line, NONE, "undo all latest changes on one line (the line Vim saved for it)"),
    command("<C-r>", redo, NONE, "redo"),
    command(".", repeat, KEEPREG_UNKNOWN, "repeat the last change"),
    command("q", record, NCH_NOP | KEEPS_CHANGED_MARKS, "record a macro"),
    command("@", execute_register, NCH | NCH_NOP, "execute a register"),
    command("<C-a>", super::increment::increment, NONE, "add count to the number"),
    command("<C-x>", super::increment::increment, NONE, "subtract count from the number"),
    command(":", super::cmdline::start_cmdline, KEEPS_CHANGED_MARKS, "command line"),
    command("v", super::visual::start_visual, KEEPS_CHANGED_MARKS, "Visual mode (count: that many characters)"),
    command("V", super::visual::start_visual, KEEPS_CHANGED_MARKS, "Visual line mode (count: that many lines)"),
    command("<C-v>", super::visual::start_visual, KEEPS_CHANGED_MARKS, "Visual block mode"),
    command("<C-q>", super::visual::start_visual, KEEPS_CHANGED_MARKS, "Visual block mode (as <C-v>)"),
    command("Z", z_quit, NCH | NCH_NOP, "ZZ write and quit, ZQ quit"),
    command("m", set_mark, NCH | NCH_NOP | KEEPS_CHANGED_MARKS, "set a mark"),
    command("<C-o>", jump_in_list, KEEPS_CHANGED_MARKS, "to an older position in the jump list (count: that many)"),
    command("<Tab>", jump_in_list, KEEPS_CHANGED_MARKS, "to a newer position in the jump list (<C-i>)"),
    command("g", g_prefix, KEEPREG_UNKNOWN, "g commands (see the g table)"),
    command("z", z_prefix, NCH | KEEPREG_UNKNOWN | KEEPS_CHANGED_MARKS, "zz zt zb (no effect on text)"),
    command("<Esc>", escape, KEEPS_CHANGED_MARKS, "cancel"),
    // Read with the count (nv_regname()); only reached with an operator pending, which beeps.
    command("\"", not_a_command, NCH_NOP | KEEPREG, "\"{reg}: use register reg for the next command"),
    clears_operator("<C-\\>", ctrl_backslash, NCH, "<C-\\><C-n>: to Normal mode"),
    command("<C-d>", super::screen::half_page, NONE, "scroll half a screen down (count: the new 'scroll')"),
    command("<C-u>", super::screen::half_page, NONE, "scroll half a screen up (count: the new 'scroll')"),
    command("<C-f>", super::screen::page, NONE, "scroll a page down (two lines kept), cursor to the first non-blank"),
    command("<PageDown>", super::screen::page, NONE, "scroll a page down (<C-f>)"),
    command("<S-Down>", super::screen::page, NONE, "scroll a page down (<C-f>)"),
    command("<C-b>", super::screen::page, NONE, "scroll a page up (two lines kept), cursor to the first non-blank"),
    command("<PageUp>", super::screen::page, NONE, "scroll a page up (<C-b>)"),
    command("<S-Up>", super::screen::page, NONE, "scroll a page up (<C-b>)"),
    command("<C-l>", nop, NONE, "redraw (no effect)"),
    command("<C-g>", nop, NONE, "file info (no effect)"),
    command("\\", not_a_command, NONE, "not a command: beeps (nv_error())"),
    command("<C-k>", not_a_command, NONE, "not a command: beeps (nv_error())"),
    command("<C-_>", not_a_command, NONE, "not a command: beeps (nv_error())"),
]);

/// `g`-prefixed commands.
pub static G_COMMANDS: Table = Table::new(&[
    motion_row("g", motion::goto_line, NONE, "gg: to line count (default first)"),
    motion_row("e", motion::word_end_back, NONE, "ge: end of the previous word"),
    motion_row("E", motion::word_end_back, NONE, "gE: end of the previous WORD"),
    motion_row("_", motion::last_nonblank, NONE, "g_: to the last non-blank"),
    motion_row("j", motion::screen_down, NONE, "gj: a screen line down (lines that fit on the screen)"),
    motion_row("<Down>", motion::screen_down, NONE, "g<Down>: a screen line down"),
    motion_row("k", motion::screen_up, NONE, "gk: a screen line up (lines that fit on the screen)"),
    motion_row("<Up>", motion::screen_up, NONE, "g<Up>: a screen line up"),
    motion_row("o", motion::goto_byte, NONE, "go: to byte count of the buffer (default first)"),
    motion_row("*", super::search::search_word, REG_ONE, "g*: search forward for the word under the cursor, not whole"),
    motion_row("#", super::search::search_word, REG_ONE, "g#: search backward for the word under the cursor, not whole"),
    motion_row("n", super::search::search_gn, NO_FORCE, "gn: select the next match (under an operator: dgn, cgn, ygn)"),
    motion_row("N", super::search::search_gn, NO_FORCE, "gN: select the previous match (or under an operator)"),
    operator("u", Op::Lower, NONE, "gu: lower case"),
    operator("U", Op::Upper, NONE, "gU: upper case"),
    operator("~", Op::Tilde, NONE, "g~: switch case"),
    operator("?", Op::Rot13, NONE, "g?: rot13"),
    operator("q", Op::Format, NONE, "gq: format lines to 'textwidth' (79 when 0), comment leaders as 'comments' says"),
    operator("w", Op::FormatKeep, NONE, "gw: format lines, the cursor kept on its text"),
    command("J", join_lines, NONE, "gJ: join without spaces"),
    command("p", super::operator::put, CTRL_O, "gp: put after, cursor after"),
    command("P", super::operator::put, CTRL_O, "gP: put before, cursor after"),
    command("I", super::insert::start_insert, NONE, "gI: insert in column 0"),
    command("i", super::insert::start_insert, NONE, "gi: insert where insert stopped"),
    command("v", super::visual::reselect, KEEPS_CHANGED_MARKS, "gv: select the last Visual area again"),
    clears_operator("h", super::select::start_select, NONE, "gh: Select mode (count: that many characters)"),
    clears_operator("H", super::select::start_select, NONE, "gH: linewise Select mode (count: that many lines)"),
    clears_operator("<C-h>", super::select::start_select, NONE, "g<C-h>: blockwise Select mode"),
    clears_operator("<BS>", super::select::start_select, NONE, "g<BS>: blockwise Select mode"),
    clears_operator("<C-g>", word_count_info, NONE, "g<C-g>: cursor and word counts (no effect on the text)"),
    motion_row("a", character_info, NONE, "ga: the character's value (no effect on the text)"),
    motion_row("8", character_info, NONE, "g8: the character's bytes (no effect on the text; 8g8 refused)"),
    clears_operator("&", substitute_everywhere, NONE, "g&: :%s//~/& (the last :s with its flags, the last pattern, on every line)"),
    command(";", super::changelist::change_list_jump, KEEPS_CHANGED_MARKS, "g;: to an older position in the change list (count: that many)"),
    command(",", super::changelist::change_list_jump, KEEPS_CHANGED_MARKS, "g,: to a newer position in the change list (count: that many)"),
]);

/// The keys after `g` that Vim 9.0.1378 has a command for (the cases of `nv_g_cmd()`); after
/// any other `g` beeps. Keys with modifiers are not decided here.
pub(crate) fn is_vim_g_command(key: Key) -> bool {
    match key {
        Key::Char(c) => matches!(
            c,
            '\x01' | '\x18' | 'R' | 'r' | '&' | 'v' | 'V' | 'h' | 'H' | '\x08' | 'N' | 'n' | 'j' | 'k' | 'J' | '^' | '0' | 'm' | 'M' | '_' | '$'
                | '*' | '#' | '\u{a3}' | '\x1d' | ']' | 'e' | 'E' | '\x07' | 'i' | 'I' | 'f' | 'F' | '\'' | '`' | 's' | 'a' | '8' | '<' | 'g'
                | 'q' | 'w' | '~' | 'u' | 'U' | '?' | '@' | 'd' | 'D' | 'p' | 'P' | 'o' | 'Q' | ',' | ';' | 't' | 'T' | '\t' | '+' | '-'
        ),
        Key::Special(Special::BS | Special::Down | Special::Up | Special::Home | Special::End) => true,
        Key::Special(_) => false,
        Key::Modified(..) => true,
    }
}


impl Vim {
    /// Read and execute one normal-mode command (Vim's `normal_cmd()`).
    pub(crate) fn normal_command(&mut self) -> Res {
        let mut register = self.command.pending.as_ref().and_then(|p| p.register);
        let mut count0: usize = 0;
        let mut prefix_count: usize = 0;
        let mut key = self.getkey_mapped(false)?;
        let redo_replay = self.last_key_from_redo();
        self.note_old_col()?;
        // A count digit was read: a `0` after it is not mapped (`no_zero_mapping`).
        let mut in_count: bool;
        loop {
            in_count = true;
            match key {
                Key::Char(c @ '1'..='9') => count0 = (count0.saturating_mul(10) + (c as usize - '0' as usize)).min(MAX_COUNT),
                Key::Char('0') if count0 > 0 => count0 = (count0.saturating_mul(10)).min(MAX_COUNT),
                Key::Special(Special::Del) if count0 > 0 => count0 /= 10,
                Key::Char('"') if self.command.pending.is_none() => {
                    let r = self.getkey()?;
                    let Key::Char(name) = r else { return Err(Flow::Fail) };
                    if name == '\x1b' {
                        return Ok(());
                    }
                    if !Registers::readable(name) && !matches!(name, '=' | '%' | '#') {
                        return Err(Flow::Fail);
                    }
                    if name == '=' {
                        return Err(self.unsupported(r, "the expression register"));
                    }
                    if matches!(name, '%' | '#') {
                        // Valid in Vim (valid_yank_reg()): the file name and the alternate
                        // file name, which the engine does not keep.
                        return Err(self.unsupported(r, "the file name registers"));
                    }
                    register = Some(name);
                    prefix_count = combine(prefix_count, count0);
                    count0 = 0;
                    // `"x` is a command of its own in Vim (nv_regname()), and normal_cmd()
                    // ends it with checkpcmark(): the first one puts back the `''` that reading
                    // the file set (line 1, column 0).
                    self.checkpcmark();
                    // The command after the register is read as a new one.
                    in_count = false;
                }
                _ => break,
            }
            key = self.getkey_mapped(in_count)?;
        }
        if self.command.reg_one_leak.is_some() && self.command.pending.is_none() {
            // normal_cmd() calls clearop() after a command that leaves no operator pending,
            // except the NV_KEEPREG ones (`.` and the ones that stuff an operator).
            match NORMAL.lookup(key) {
                Some(row) if row.has(KEEPREG) || matches!(row.action, Action::Operator(_)) => {}
                Some(row) if row.has(KEEPREG_UNKNOWN) => self.command.reg_one_leak = Some(false),
                _ => self.command.reg_one_leak = None,
            }
        }
        count0 = combine(prefix_count, count0);
        let opcount = self.command.pending.as_ref().map_or(0, |p| p.opcount);
        if opcount != 0 {
            count0 = combine(opcount, count0);
        }
        let mut cmd = Cmd {
            key,
            nchar: None,
            count0,
            count1: count0.max(1),
            register,
            op: self.command.pending.as_ref().map(|p| p.op),
            stuffed_by_redo: redo_replay,
        };
        let mut keys = CmdKeys::new(&[&[key]]);
        // "g~~", "guu", "gUU", "g??" are the doubled forms of g~, gu, gU, g?; nv_record()
        // makes "gqq" the doubled gq.
        if let (Some(p), Key::Char(c)) = (&self.command.pending, key) {
            let op = p.op;
            if matches!((op, c), (Op::Tilde, '~') | (Op::Lower, 'u') | (Op::Upper, 'U') | (Op::Rot13, '?') | (Op::Format, 'q')) {
                return self.operator_key(op, &cmd, CmdKeys::new(&[&[key]]));
            }
        }
        let forced = self.command.pending.as_ref().is_some_and(|p| p.force.is_some());
        if self.command.pending.is_some() && matches!(key, Key::Char('i' | 'a')) {
            if forced {
                return Err(self.unsupported(key, "a text object after o_v or o_V"));
            }
            return super::textobject::text_object_command(self, &mut cmd);
        }
        if let (Some(p), Key::Char(c @ ('v' | 'V'))) = (self.command.pending.as_mut(), key) {
            // nv_visual() with an operator pending: the motion's type is forced (the last
            // `v`/`V` typed wins); the operator goes on waiting, and normal_cmd() keeps the
            // count so far (`d2vj` is `dv2j`).
            p.force = Some(c);
            p.opcount = cmd.count0;
            return Ok(());
        }
        if self.command.pending.is_some() && matches!(key, Key::Char('\x16' | '\x11')) {
            return Err(self.unsupported(key, "forcing an operator's motion blockwise (o_CTRL-V)"));
        }
        if self.keymodel_in_normal(key, &cmd)? {
            return Ok(());
        }
        let entry = match NORMAL.lookup(key) {
            // NV_NCH_NOP commands read no character while an operator is pending; they beep
            // (checkclearop()), and the next key is a command of its own.
            Some(e) if e.has(NCH_NOP) && self.command.pending.is_some() => return Err(Flow::Fail),
            Some(e) => e,
            // Vim's `nv_cmds` covers every ASCII key; any other character is not a command and
            // beeps (normal_cmd(): find_command() < 0 -> clearopbeep()).
            None if matches!(key, Key::Char(c) if !c.is_ascii()) => return Err(Flow::Fail),
            None => return Err(self.unsupported(key, "this Normal-mode command")),
        };
        let entry = if key == Key::Char('g') {
            let k = self.getkey()?;
            keys.push(k);
            if k == Key::ESC {
                self.command.pending = None;
                return Ok(());
            }
            cmd.nchar = key_char(k);
            match G_COMMANDS.lookup(k) {
                Some(e) => e,
                None if !is_vim_g_command(k) => {
                    // nv_g_cmd()'s default: not a command, it beeps (and clears the operator).
                    self.command.pending = None;
                    return Err(Flow::Fail);
                }
                None => return Err(self.unsupported(k, "this g command")),
            }
        } else {
            entry
        };
        if entry.has(NCH) {
            let k = self.getkey()?;
            keys.push(k);
            if entry.has(LANG) {
                // normal_cmd_get_more_chars() looks at the next key for a composing character
                // with mapping allowed: a mapping there is replaced now, in this command's mode
                // (and dropped with the rest of the mapped keys if the command fails).
                self.map_front(false)?;
            }
            if k == Key::ESC {
                self.command.pending = None;
                return Ok(());
            }
            match k {
                // Vim reads a typed NUL as the special key K_ZERO (`r<Nul>` beeps).
                Key::Char('\0') => return Err(self.unsupported(k, "<Nul> as the argument of a command")),
                // normal_cmd() reads a digraph after <C-K> for f F t T r and gr (NV_LANG, or a
                // third character); `.` repeats the character, not the keys. <Esc> would leave
                // CTRL-K itself as the character: not modelled.
                Key::Char('\x0b') if entry.has(LANG) => {
                    let Some(c) = self.read_digraph(k)? else {
                        return Err(self.unsupported(k, "CTRL-K cancelled by <Esc> as the argument of a command"));
                    };
                    keys.replace_last(Key::Char(c));
                    cmd.nchar = Some(c);
                }
                // `r<C-V>` reads a literal character: not modelled.
                Key::Char('\x0b' | '\x16') => return Err(self.unsupported(k, "a digraph or literal as the argument of a command")),
                // A typed ^H reaches Vim as the key K_BS, which no command takes as its character.
                Key::Char('\x08') => return Err(self.unsupported(k, "<C-h> as the argument of a command")),
                // Likewise a typed DEL: TERM=dumb has no "kD" (nor "kb"), so set_termname() makes
                // DEL the <Del> key (K_DEL), which no command takes as its character.
                Key::Char('\x7f') => return Err(self.unsupported(k, "a typed DEL (the <Del> key) as the argument of a command")),
                Key::Char(c) => cmd.nchar = Some(c),
                _ => return Err(self.unsupported(k, "a special key as the argument of a command")),
            }
            // normal_cmd_get_more_chars(): after the character of f F t T r (NV_LANG), Vim takes
            // any composing characters already waiting in the typeahead as part of it (even
            // typed after a `.` that replays the command); not modelled.
            if entry.has(LANG)
                && matches!(self.peek_key(), Some(Key::Char(c)) if super::chars::may_be_composing(c))
            {
                return Err(self.unsupported(k, "a composing character after the character argument"));
            }
        }
        // Under `<C-o>` motions, the delete and yank operators (also as `x`, `X`, `D`,
        // `<Del>`) and puts are modelled: del_bytes() then leaves the cursor past the end of
        // the line, and do_put() puts it after the text (restart_edit is set). Other changes
        // put the cursor their own ways; not modelled.
        let modelled_under_ctrl_o = match entry.action {
            Action::Motion(_) | Action::Operator(Op::Delete | Op::Yank) => true,
            Action::Command(_) => entry.has(CTRL_O) || (entry.has(CTRL_O_NO_REGISTER) && cmd.register.is_none()),
            _ => false,
        };
        if self.insert.restart.is_some() && !modelled_under_ctrl_o {
            return Err(self.unsupported(key, "a command other than a motion, d or y after <C-o>"));
        }
        match entry.action {
            Action::Motion(f) => {
                self.command.motion_keys.clear();
                let mut m = f(self, &mut cmd)?;
                match self.command.pending.take() {
                    Some(op) => {
                        if entry.has(NO_FORCE) && op.force.is_some() {
                            return Err(self.unsupported(key, "gn or gN after o_v or o_V"));
                        }
                        if op.force.is_some() && self.insert.restart.is_some() {
                            // coladvance() under restart_edit may end a vertical motion on the
                            // line break, which a forced charwise motion then takes in.
                            return Err(self.unsupported(key, "a forced motion (o_v, o_V, o_CTRL-V) after <C-o>"));
                        }
                        let force_key = op.force.map(Key::Char);
                        let force_keys = force_key.as_slice();
                        // Vi compatible: deletes over these motions always fill "1 (ops.c).
                        m.reg_one |= entry.has(REG_ONE) || (entry.has(REG_ONE_UNCOUNTED) && cmd.count0 == 0);
                        if self.command.motion_keys.is_empty() {
                            let redo_keys = CmdKeys::new(&[op.op.keys(), force_keys, &keys]);
                            self.apply_operator(op, &cmd, m, &redo_keys)
                        } else {
                            let redo_keys = [op.op.keys(), force_keys, &keys, &self.command.motion_keys].concat();
                            self.apply_operator(op, &cmd, m, &redo_keys)
                        }
                    }
                    None => {
                        // Under `<C-o>`, coladvance() may put the cursor just past the last
                        // character (restart_edit); resume_insert() gets there the way edit()
                        // does, from a wanted column right of the cursor.
                        self.move_to(m);
                        Ok(())
                    }
                }
            }
            Action::Operator(op) => self.operator_key(op, &cmd, keys),
            Action::ClearsOperator(f) => {
                if !entry.has(KEEPS_CHANGED_MARKS) {
                    self.marks.changed = ChangedMarks::Unknown;
                }
                f(self, &mut cmd)
            }
            Action::Command(f) => {
                if self.command.pending.is_some() {
                    if key == Key::Char(':') {
                        // Under an operator an ex command is the motion (`d:call search("x")`).
                        return Err(self.unsupported(key, "an ex command as an operator's motion"));
                    }
                    return Err(Flow::Fail);
                }
                cmd.op = None;
                self.command.cmd_keys = keys;
                if !entry.has(KEEPS_CHANGED_MARKS) {
                    self.marks.changed = ChangedMarks::Unknown;
                }
                f(self, &mut cmd)
            }
        }
    }

    /// Move the cursor for a motion with no operator.
    pub(crate) fn move_to(&mut self, m: Motion) {
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
        if !m.past_end {
            self.clamp_cursor();
        }
    }

    /// An operator key: start waiting for a motion, or run the doubled form (`dd`).
    fn operator_key(&mut self, op: Op, cmd: &Cmd, keys: CmdKeys) -> Res {
        match self.command.pending.take() {
            Some(pending) if pending.op == op && pending.force.is_some() => {
                Err(self.unsupported(cmd.key, "a doubled operator after o_v or o_V"))
            }
            Some(pending) if pending.op == op => {
                // `dd`, `cc`, `yy`, `>>`, `gUU`, `gUgU`: count lines.
                let last = self.line_down(self.cur.line, cmd.count1 - 1).ok_or(Flow::Fail)?;
                // nv_lineop(): `yy` leaves the cursor alone, `dd`, `>>` and `<<` go where
                // beginline(BL_SOL | BL_FIX) puts them, the others to the first non-blank.
                let mut col = match op {
                    Op::Yank => self.cur.col.min(self.last_col(last)),
                    Op::Delete | Op::ShiftLeft | Op::ShiftRight => self.sol_col(last, true)?.0,
                    _ => self.first_nonblank(last),
                };
                if op == Op::Yank && last == self.cur.line && !self.set_curswant {
                    // cursor_down(0) first goes to the wanted column (coladvance()), and the
                    // yank starts at the leftmost of that and where it was typed: they differ
                    // only when a command moved the cursor and left the wanted column (`:s`
                    // with the c flag).
                    col = col.min(self.want_col(last)?);
                }
                let m = Motion::new(Pos::new(last, col), MotionKind::Linewise);
                let redo_keys = CmdKeys::new(&[op.keys(), &keys[keys.len() - 1..]]);
                self.apply_operator(pending, cmd, m, &redo_keys)
            }
            Some(_) => Err(Flow::Fail),
            None => {
                self.command.pending = Some(OpArg { op, register: cmd.register, opcount: cmd.count0, start: self.cur, force: None });
                Ok(())
            }
        }
    }

    /// Vim's `setpcmark()`: `''` becomes `at`, the old value is kept for `checkpcmark()`,
    /// and `at` is added to the jump list. Inside `:g` it does nothing (`global_busy`):
    /// `:g` set the mark once before it started.
    pub(crate) fn setpcmark(&mut self, at: Pos) {
        if self.ex.global_busy {
            return;
        }
        let mark = Mark { pos: at, line_edits: self.buf.line_edits };
        self.marks.prev_pcmark = self.marks.previous;
        self.marks.previous = Some(mark);
        if self.marks.jumps.len() == JUMPLIST_SIZE {
            self.marks.jumps.remove(0);
        }
        self.marks.jumps.push(mark);
        self.marks.jump_idx = self.marks.jumps.len();
    }

    /// Vim's `checkpcmark()` at the end of a Normal-mode command: a jump that left the
    /// cursor where it was restores the previous `''`.
    pub(crate) fn checkpcmark(&mut self) {
        if self.buf.mark_moves.len() >= SETTLE_MARKS_AT {
            self.settle_marks();
        }
        // Vim: w_prev_pcmark.lnum != 0 && (EQUAL_POS(w_pcmark, w_cursor) || w_pcmark.lnum == 0).
        let Some(prev) = self.marks.prev_pcmark.take() else { return };
        if self.mark_now(prev, OnDelete::Forget) == MarkAt::Deleted {
            return;
        }
        let restore = match self.marks.previous.map(|m| self.mark_now(m, OnDelete::Forget)) {
            None | Some(MarkAt::Deleted) => true,
            // An unknown `''` stays unknown, whichever Vim kept.
            Some(MarkAt::Unknown) => false,
            Some(MarkAt::At(pos)) => pos == self.cur,
        };
        if restore {
            // An unknown older mark is put back unknown, so neither can be jumped to wrongly.
            self.marks.previous = Some(prev);
        }
    }

    /// Move every mark to where it is now and drop the buffer's list of moves, so reading a
    /// mark never replays more than a few moves (a macro that puts lines and jumps back
    /// reads `''` after every command).
    fn settle_marks(&mut self) {
        let now = self.buf.line_edits;
        let named = std::mem::take(&mut self.marks.named);
        self.marks.named = named.into_iter().filter_map(|(c, m)| self.settled(m, OnDelete::of_named(c)).map(|m| (c, m))).collect();
        // A deleted `''` is Vim's lnum 0: none.
        self.marks.previous = self.marks.previous.and_then(|m| self.settled(m, OnDelete::Forget));
        self.marks.prev_pcmark = self.marks.prev_pcmark.and_then(|m| self.settled(m, OnDelete::Forget));
        let jumps = std::mem::take(&mut self.marks.jumps);
        // A jump-list entry is never deleted (one_adjust_nodel()).
        self.marks.jumps = jumps.into_iter().map(|m| self.settled_entry(m)).collect();
        self.settle_change_list();
        // The last Visual area keeps its stamp (`gv` compares it with the count); once the
        // moves before it are dropped, `'<` and `'>` are unknown.
        self.buf.mark_moves.settle(now);
    }

    /// `mark` restamped where it is now, before the buffer drops its moves ([`Vim::settle_marks`]):
    /// `None` when it went with its line; one that is not known is stamped before the moves
    /// that will be left, unknown for good.
    pub(crate) fn settled(&self, mark: Mark, on_delete: OnDelete) -> Option<Mark> {
        let now = self.buf.line_edits;
        match self.mark_now(mark, on_delete) {
            MarkAt::At(pos) => Some(Mark { pos, line_edits: now }),
            MarkAt::Deleted => None,
            MarkAt::Unknown => Some(Mark { pos: mark.pos, line_edits: now.wrapping_sub(1) }),
        }
    }

    /// [`Vim::settled`] for a list entry, which stays (on the first deleted line) when its
    /// line goes.
    pub(crate) fn settled_entry(&self, mark: Mark) -> Mark {
        self.settled(mark, OnDelete::Keep).unwrap_or(Mark { pos: mark.pos, line_edits: self.buf.line_edits.wrapping_sub(1) })
    }

    /// Where `mark` is now that lines may have moved since it was set.
    pub(crate) fn mark_now(&self, mark: Mark, on_delete: OnDelete) -> MarkAt {
        self.buf.mark_moves.follow(mark.pos, mark.line_edits, self.buf.line_edits, on_delete)
    }

    /// Remember a change for `.`.
    pub(crate) fn set_redo(&mut self, register: Option<char>, count: usize, keys: Vec<Key>) {
        self.redo = Some(Redo { register, count, keys });
    }
}

/// Vim multiplies a count typed before an operator or register with the one after it.
fn combine(first: usize, second: usize) -> usize {
    match (first, second) {
        (0, n) | (n, 0) => n,
        (a, b) => a.saturating_mul(b).min(MAX_COUNT),
    }
}

fn key_char(k: Key) -> Option<char> {
    match k {
        Key::Char(c) => Some(c),
        _ => None,
    }
}

/// `x X D C s S Y <Del> &`: Vim stuffs the equivalent command with the count (nv_optrans()).
fn translate(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    if cmd.key == Key::Char('&') && cmd.register.is_some() {
        // The register name stays pending across the stuffed ex line; not modelled.
        return Err(vim.unsupported(cmd.key, "a register before &"));
    }
    let with: &str = match cmd.key {
        Key::Char('&') => ":s\r",
        Key::Char('x') | Key::Special(Special::Del) => "dl",
        Key::Char('X') => "dh",
        Key::Char('D') => "d$",
        Key::Char('C') => "c$",
        Key::Char('s') => "cl",
        Key::Char('S') => "cc",
        _ => "yy",
    };
    let mut keys: Vec<Key> = Vec::new();
    if let Some(r) = cmd.register {
        keys.push(Key::Char('"'));
        keys.push(Key::Char(r));
    }
    if cmd.count0 > 0 {
        keys.extend(cmd.count0.to_string().chars().map(Key::Char));
    }
    keys.extend(with.chars().map(Key::Char));
    vim.stuff(&keys)
}

/// `J`, `gJ`: join count lines (at least two; with a count past the end, what is left).
fn join_lines(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let spaces = cmd.key == Key::Char('J');
    let mut count = cmd.count0.max(2);
    if vim.cur.line + count - 1 > vim.last_line() {
        if count <= 2 {
            return Err(Flow::Fail);
        }
        count = vim.last_line() - vim.cur.line + 1;
    }
    vim.set_redo(None, count, vim.command.cmd_keys.to_vec());
    vim.do_join(count, spaces, true)
}

fn undo(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.check_visual_undo(cmd.key)?;
    // u_undoredo() leaves the line for `U` alone.
    vim.uline_checked = true;
    nosol_before_undo(vim, cmd.key, "undo")?;
    let mut done = 0;
    let mut placed = None;
    let count = if vim.undo.is_open() { 1 } else { cmd.count1 };
    for _ in 0..count {
        if vim.undo.next_unsure(&mut vim.buf, true) {
            return Err(vim.unsupported(cmd.key, "undoing an ex command that moved lines (the cursor is not known)"));
        }
        match vim.undo.undo(&mut vim.buf, &mut vim.cur) {
            None => break,
            Some(p) => placed = Some(p),
        }
        done += 1;
    }

    if placed == Some(super::undo::CursorPlaced::BeginLine) && !vim.options.startofline {
        // u_undoredo()'s beginline(BL_SOL | BL_FIX) on another line.
        vim.beginline_sol(vim.cur.line, false)?;
    }
    vim.set_curswant = true;
    if done == 0 {
        return Err(Flow::Fail);
    }
    if done < count {
        vim.beep();
    }
    Ok(())
}

/// Without 'startofline', `u` and `<C-r>` may put the cursor at the wanted column: the main
/// loop's update_curswant() before the command is modelled (inside `:g`, where Vim's cached
/// screen column goes stale, refused).
fn nosol_before_undo(vim: &mut Vim, key: Key, what: &str) -> Res {
    if vim.options.startofline {
        return Ok(());
    }
    if vim.ex.global_busy {
        return Err(vim.unsupported(key, &format!("'nostartofline' with {what} inside :g")));
    }
    vim.update_curswant()
}

/// `U` (`nv_Undo()` without an operator: `u_undoline()`, then the wanted column taken from
/// the cursor whether or not there was a line to put back: `$U` then `j` keeps no column past
/// the end).
fn undo_line(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    let result = vim.undo_line();
    vim.set_curswant = true;
    result
}

fn redo(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.check_visual_undo(cmd.key)?;
    vim.uline_checked = true;
    nosol_before_undo(vim, cmd.key, "redo")?;
    let mut done = 0;
    let mut placed = None;
    for _ in 0..cmd.count1 {
        if vim.undo.next_unsure(&mut vim.buf, false) {
            return Err(vim.unsupported(cmd.key, "redoing an ex command that moved lines (the cursor is not known)"));
        }
        match vim.undo.redo(&mut vim.buf, &mut vim.cur) {
            None => break,
            Some(p) => placed = Some(p),
        }
        done += 1;
    }
    if placed == Some(super::undo::CursorPlaced::BeginLine) && !vim.options.startofline {
        // u_undoredo()'s beginline(BL_SOL | BL_FIX) on another line.
        vim.beginline_sol(vim.cur.line, false)?;
    }
    vim.set_curswant = true;
    if done == 0 {
        return Err(Flow::Fail);
    }
    if done < cmd.count1 {
        vim.beep();
    }
    Ok(())
}

/// `.`: replay the last change, with a new count if one is given.
fn repeat(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let Some(redo) = vim.redo.clone() else { return Err(Flow::Fail) };
    let mut keys = Vec::new();
    let register = cmd.register.or(redo.register.map(|r| if ('1'..'9').contains(&r) { (r as u8 + 1) as char } else { r }));
    if let Some(r) = register {
        keys.push(Key::Char('"'));
        keys.push(Key::Char(r));
    }
    // start_redo() leaves the redo buffer alone: the replayed command records itself (with
    // this count and register) when it runs, and a failing one leaves the old repeat.
    let count = if cmd.count0 > 0 { cmd.count0 } else { redo.count };
    if count > 0 {
        keys.extend(count.to_string().chars().map(Key::Char));
    }
    keys.extend_from_slice(&redo.keys);
    vim.stuff_redo_replay(&keys)
}

/// `q{reg}` starts recording, `q` stops.
fn record(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    if let Some((name, mut keys)) = vim.recording.take() {
        keys.pop(); // the `q` that stops recording
        // A typed ^H and DEL reach Vim as the keys K_BS and K_DEL (TERM=dumb), special keys
        // too in the register.
        if keys.iter().any(|k| !matches!(k, Key::Char(c) if *c != '\x08' && *c != '\x7f')) {
            return Err(vim.unsupported(Key::Char('q'), "recording special keys into a register"));
        }
        let text: String = keys.iter().filter_map(|k| key_char(*k)).collect();
        vim.regs.store_recording(name, &text);
        return Ok(());
    }
    let k = vim.getkey()?;
    let Key::Char(name) = k else { return Err(Flow::Fail) };
    if name == '\x1b' {
        return Ok(());
    }
    if matches!(name, ':' | '/' | '?') {
        // q: q/ q? open the command-line window.
        return Err(vim.unsupported(k, "the command-line window"));
    }
    if !(name.is_ascii_alphanumeric() || name == '"') {
        return Err(Flow::Fail);
    }
    vim.recording = Some((name, Vec::new()));
    Ok(())
}

/// `@{reg}`, `@@`: execute a register's contents as typed keys (but not typed: an error
/// ends the macro).
fn execute_register(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let mut name = cmd.nchar.ok_or(Flow::Fail)?;
    if name == '@' {
        name = vim.last_macro.ok_or(Flow::Fail)?;
    }
    if name == ':' {
        // do_execreg(): the last command line goes into the typeahead as `:{line}<CR>`,
        // once per count; its control characters would be escaped with CTRL-V.
        if matches!(vim.mode, super::Mode::Visual | super::Mode::VisualLine | super::Mode::VisualBlock) {
            // Vim drops a leading '<,'> there, since `:` will add it again.
            return Err(vim.unsupported(Key::Char(':'), "@: in Visual mode"));
        }
        let Some(line) = vim.regs.last_cmdline.clone() else { return Err(Flow::Fail) }; // E30
        if line.chars().any(|c| c.is_control()) {
            return Err(vim.unsupported(Key::Char(':'), "@: with a control character in the command line"));
        }
        // "don't keep the cmdline containing @:"
        vim.regs.pending_cmdline = None;
        vim.last_macro = Some(':');
        let once: Vec<Key> = std::iter::once(Key::Char(':')).chain(line.chars().map(Key::Char)).chain(std::iter::once(Key::Char('\r'))).collect();
        if once.len().saturating_mul(cmd.count1) > vim.limits.max_steps {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "steps", position: vim.input.key_index }));
        }
        return vim.stuff_macro(&once.repeat(cmd.count1));
    }
    if matches!(name, '%' | '#' | '/' | '=') {
        return Err(vim.unsupported(Key::Char(name), "executing the file name, search pattern or expression register"));
    }
    if !Registers::readable(name) || name == '_' {
        return Err(Flow::Fail);
    }
    vim.last_macro = Some(name);
    let Some(reg) = vim.regs.read(Some(name)) else { return Err(Flow::Fail) };
    let mut text = reg.lines.join("\n");
    if reg.kind == super::RegKind::Line {
        text.push('\n');
    }
    let keys: Vec<Key> = text.chars().map(Key::Char).collect();
    let mut all = Vec::with_capacity(keys.len() * cmd.count1);
    for _ in 0..cmd.count1 {
        if all.len() + keys.len() > vim.limits.max_steps {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "steps", position: vim.input.key_index }));
        }
        all.extend_from_slice(&keys);
    }
    vim.stuff_macro(&all)
}

fn z_quit(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    match cmd.nchar {
        Some('Z') => {
            // `ZZ` is `:x`: write only when modified.
            vim.ex_write_quit(false)
        }
        Some('Q') => Err(Flow::Quit),
        _ => Err(Flow::Fail),
    }
}

fn set_mark(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    match cmd.nchar {
        Some(c @ ('a'..='z' | 'A'..='Z')) => {
            vim.marks.set_named(c, Mark { pos: vim.cur, line_edits: vim.buf.line_edits });
            Ok(())
        }
        Some('\'' | '`') => {
            // Kept even when the cursor does not move.
            vim.setpcmark(vim.cur);
            vim.marks.prev_pcmark = vim.marks.previous;
            Ok(())
        }
        Some(c @ ('<' | '>')) => vim.set_visual_mark(c),
        Some(c) => Err(vim.unsupported(Key::Char(c), "this mark")),
        None => Err(Flow::Fail),
    }
}

/// `<C-o>` and `<Tab>` (Vim's `nv_ctrlo()`/`nv_pcmark()`): count entries back or on in the
/// jump list, to the entry's position (`nv_cursormark()`: check_cursor(), not a jump itself).
fn jump_in_list(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let count = cmd.count1 as isize;
    let count = if cmd.key == Key::Char('\x0f') { -count } else { count };
    let Some(pos) = vim.movemark(count, cmd.key)? else { return Err(Flow::Fail) };
    if pos.line > vim.last_line() {
        // check_mark(): "E19: Mark has invalid line number" (an entry moved to the first of
        // deleted lines at the end of the buffer).
        return Err(Flow::Fail);
    }
    vim.cur = pos;
    vim.clamp_cursor();
    vim.set_curswant = true;
    Ok(())
}

impl Vim {
    /// Vim's `movemark()`: the position `count` entries along the jump list, `None` past
    /// either end. The first step back from the end adds the cursor to the list.
    fn movemark(&mut self, count: isize, key: Key) -> Res<Option<Pos>> {
        self.cleanup_jumplist(key)?;
        let len = self.marks.jumps.len() as isize;
        let mut idx = self.marks.jump_idx as isize;
        if len == 0 || idx + count < 0 || idx + count >= len {
            return Ok(None);
        }
        if idx == len {
            self.setpcmark(self.cur);
            // Skip the new entry (Vim does so even when setpcmark() added none, inside :g).
            idx = self.marks.jump_idx as isize - 1;
            self.marks.jump_idx = idx as usize;
            if idx + count < 0 {
                return Ok(None);
            }
        }
        idx += count;
        self.marks.jump_idx = idx as usize;
        let Some(&mark) = self.marks.jumps.get(idx as usize) else { return Ok(None) };
        match self.mark_now(mark, OnDelete::Keep) {
            MarkAt::At(pos) => Ok(Some(pos)),
            MarkAt::Deleted | MarkAt::Unknown => Err(self.unsupported(key, JUMP_LIST_UNKNOWN)),
        }
    }

    /// Vim's `cleanup_jumplist()`: of entries on the same line only the newest stays, and
    /// the index follows its entry.
    pub(crate) fn cleanup_jumplist(&mut self, key: Key) -> Res {
        let now = self.buf.line_edits;
        let mut positions = Vec::with_capacity(self.marks.jumps.len());
        for &mark in &self.marks.jumps {
            match self.mark_now(mark, OnDelete::Keep) {
                MarkAt::At(pos) => positions.push(pos),
                // Which entries are duplicates depends on every entry's line.
                MarkAt::Deleted | MarkAt::Unknown => return Err(self.unsupported(key, JUMP_LIST_UNKNOWN)),
            }
        }
        let len = positions.len();
        let mut idx = self.marks.jump_idx;
        let mut kept = Vec::with_capacity(len);
        for (from, pos) in positions.iter().enumerate() {
            if self.marks.jump_idx == from {
                idx = kept.len();
            }
            if !positions[from + 1..].iter().any(|later| later.line == pos.line) {
                kept.push(Mark { pos: *pos, line_edits: now });
            }
        }
        if self.marks.jump_idx == len {
            idx = kept.len();
        }
        self.marks.jumps = kept;
        self.marks.jump_idx = idx;
        Ok(())
    }

}

const JUMP_LIST_UNKNOWN: &str = "the jump list after lines changed in a way the engine does not follow";

fn g_prefix(_vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    Ok(())
}

/// `zz`, `zt`, `zb` only scroll; other `z` commands are refused.
fn z_prefix(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    match cmd.nchar {
        Some('z' | 't' | 'b') => {
            // They scroll the window, which the engine does not model.
            vim.screen.forget();
            // nv_zet(): with a count other than the cursor line, these first jump to line
            // count (the last line when past it), keeping the column (check_cursor_col())
            // and the wanted column.
            if cmd.count0 != 0 && cmd.count0 != vim.cur.line + 1 {
                // main_loop() brought curswant up to date before this command; the jump
                // leaves it alone.
                vim.update_curswant()?;
                vim.setpcmark(vim.cur);
                vim.cur.line = cmd.count0.min(vim.last_line() + 1) - 1;
                vim.clamp_cursor();
            }
            Ok(())
        }
        Some(c) => Err(vim.unsupported(Key::Char(c), "this z command")),
        None => Err(Flow::Fail),
    }
}

/// `<Esc>` in Normal mode: cancel; beeps (without dropping typeahead) when nothing was pending.
fn escape(_vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    Ok(())
}

/// `<C-\><C-n>` and `<C-\><C-g>` go to Normal mode; anything else after `<C-\>` beeps.
fn ctrl_backslash(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    // nv_normal(): <C-\><C-n> and <C-\><C-g> clear a pending operator quietly; any other
    // character (already read, as for every command that takes one) beeps.
    vim.command.pending = None;
    match cmd.nchar {
        Some('\x0e' | '\x07') => Ok(()),
        _ => Err(Flow::Fail),
    }
}

/// `g&` (`nv_g_cmd()`): `:%s//~/&` run by `do_cmdline_cmd()`, not typed on the command line
/// (`":` and the history keep what they had) and with no hit-enter prompt after its message.
fn substitute_everywhere(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    if vim.command.pending.is_some() {
        // nv_g_cmd() runs it with the operator still pending, which then applies to where
        // the cursor ends up.
        return Err(vim.unsupported(cmd.key, "g& with an operator pending"));
    }
    let result = vim.run_ex_line("%s//~/&");
    if matches!(result, Err(Flow::Fatal(_) | Flow::Quit | Flow::NeedInput)) {
        return result;
    }
    if vim.ex.unsure_messages || vim.ex.prompt_scrolled || (vim.input.nested > 0 && vim.ex.messages > 0) {
        return Err(vim.unsupported(cmd.key, "g& with messages the engine cannot count, or inside :normal"));
    }
    if vim.ex.messages >= 2 {
        // DOCMD_NOWAIT leaves need_wait_return set: main_loop() prompts before the next
        // command.
        if !vim.last_key_typed() {
            return Err(vim.unsupported(cmd.key, "a hit-enter prompt after g& that was not typed"));
        }
        if let Err(Flow::Fail) = result {
            vim.beep();
        }
        return super::cmdline::hit_enter(vim);
    }
    result
}

/// `g<C-g>` (`cursor_pos_info()`): a message only. It changes nothing when it fits on the
/// message line; a longer one would raise the hit-enter prompt, which takes the next key, so
/// the engine vouches only for messages that surely fit (counts bounded by the byte count).
fn word_count_info(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    if vim.command.pending.is_some() {
        return Err(vim.unsupported(cmd.key, "g<C-g> with an operator pending"));
    }
    let digits = |n: usize| n.to_string().len();
    // The totals as line_count_info() counts them (a word: a run of non-blanks; the line
    // break one character and byte, two for a DOS file, taken here as the longer); the counts
    // up to the cursor have at most as many digits.
    let eol = 2;
    let (mut words, mut chars, mut bytes) = (0, 0, 0);
    for line in vim.lines() {
        words += line.split([' ', '\t', '\n', '\x0b', '\x0c', '\r']).filter(|w| !w.is_empty()).count();
        chars += line.chars().count() + eol;
        bytes += line.len() + eol;
    }
    let line = vim.cur_line();
    let widest = digits(line.len().max(vim.vcol(vim.cur.line, line.len())?) + 1);
    // "Col %s of %s; Line %ld of %ld; Word %lld of %lld; Byte %lld of %lld", each column
    // "%d" or "%d-%d", and "; Char %lld of %lld" when some character is not one byte.
    let mut longest = "Col  of ; Line  of ; Word  of ; Byte  of ".len() + 2 * (2 * widest + 1) + 2 * digits(vim.lines().len()) + 2 * digits(words) + 2 * digits(bytes);
    if chars != bytes {
        longest += "; Char  of ".len() + 2 * digits(chars);
    }
    if longest >= super::screen::WINDOW_COLUMNS - 1 {
        return Err(vim.unsupported(cmd.key, "a g<C-g> message that may not fit on the message line"));
    }
    Ok(())
}

/// `ga` and `g8` (`do_ascii()`, `show_utf8()`): a one-line message, the cursor and its wanted
/// column unchanged. `nv_g_cmd()` leaves a pending operator in place for them, so it runs on
/// the cursor's position with whatever motion type and inclusiveness the last motion left in
/// Vim's `oparg_T` (`$jdga` deletes the line): refused rather than tracked. `8g8` moves to an
/// illegal byte (`utf_find_illegal()`), which a file read as latin1 has after conversion; also
/// refused.
fn character_info(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    if vim.command.pending.is_some() {
        return Err(vim.unsupported(cmd.key, "ga and g8 with an operator pending (it takes the last motion's type)"));
    }
    if cmd.key == Key::Char('8') && cmd.count0 == 8 {
        return Err(vim.unsupported(cmd.key, "8g8 (to an illegal byte)"));
    }
    Ok(Motion { keep_want: true, ..Motion::new(vim.cur, MotionKind::Exclusive) })
}

/// Keys `nv_cmds.h` gives to `nv_error()`: `clearopbeep()`, which drops the rest of a macro.
fn not_a_command(_vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    Err(Flow::Fail)
}

fn nop(_vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    Ok(())
}

