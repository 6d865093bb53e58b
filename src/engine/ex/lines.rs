//! Line commands: `:d`, `:y`, `:>`, `:<` (Vim's `ex_operators()`: the Normal operators on a
//! linewise region), `:m`, `:t`/`:co` (`ex_copymove()`), `:j`, `:pu`, `:k`/`:mark`,
//! `:normal`, `:undo`, `:redo`, `:set`, and the contract's writes and quits.

use super::super::operator::{split_indent, with_indent, Region};
use super::super::register::RegKind;
use super::super::{Flow, Pos, Res, Vim};
use super::{Ex, ExCmd};
use crate::keys::Key;

/// Vim's 'report': more changed lines than this give a message.
const REPORT: usize = 2;

impl Vim {
    /// `beginline(BL_SOL | BL_FIX)` ending an ex command (`:N`, `:m`, `:t`): see
    /// [`Vim::sol_col`].
    pub(crate) fn ex_beginline_sol(&mut self, line: usize) -> Res {
        if self.options.startofline {
            self.ex_beginline(line);
            return Ok(());
        }
        self.beginline_sol(line.min(self.last_line()), false)
    }

    /// `beginline(BL_WHITE | BL_FIX)`: the first non-blank.
    pub(crate) fn ex_beginline(&mut self, line: usize) {
        let line = line.min(self.last_line());
        self.cur = Pos::new(line, self.first_nonblank(line));
        self.clamp_cursor();
        self.set_curswant = true;
    }

    /// Set mark `c` (a-z, A-Z) at the cursor.
    pub(crate) fn ex_set_mark(&mut self, c: char) -> Res {
        self.marks.set_named(c, super::super::markmove::Mark { pos: self.cur, line_edits: self.buf.line_edits });
        Ok(())
    }

    /// `:undo` and `:redo`: one step, as `u` and `<C-r>` (a message either way).
    pub(crate) fn ex_undo_redo(&mut self, undo: bool) -> Res {
        if self.ex.undo_unsure && self.undo.is_open() {
            // An earlier command of this line (`:sort|undo`) changed lines the engine does
            // not save Vim's way: the block it opened is as unsure as after the line.
            self.undo.mark_unsure();
        }
        if self.undo.next_unsure(&mut self.buf, undo) {
            return Err(self.ex_unsupported(if undo { "undo" } else { "redo" }, "undoing an ex command that moved lines (the cursor is not known)"));
        }
        let placed = if undo { self.undo.undo(&mut self.buf, &mut self.cur) } else { self.undo.redo(&mut self.buf, &mut self.cur) };
        if placed == Some(crate::engine::undo::CursorPlaced::BeginLine) && !self.options.startofline {
            self.beginline_sol(self.cur.line, false)?;
        }
        // Unlike Normal `u`, `ex_undo()` leaves the wanted column alone unless the cursor
        // changed lines (`beginline()` in `u_undoredo()`).
        if placed == Some(crate::engine::undo::CursorPlaced::BeginLine) && self.options.startofline {
            self.set_curswant = true;
        }
        if placed.is_none() {
            // beep_flush() and "Already at oldest change": not an error.
            self.beep();
            self.msg(40);
        } else {
            // u_undo_end(): "1 line less; before #2 ..." stays after the redraw.
            self.msg_keep(40);
        }
        Ok(())
    }

    /// A linewise region over 1-based lines.
    fn line_region(line1: usize, line2: usize) -> Region {
        Region { start: Pos::new(line1 - 1, 0), end: Pos::new(line2 - 1, 0), linewise: true, inclusive: true, visual: false, end_adjusted: false }
    }
}

impl Ex {
    /// `:d`, `:y`, `:>`, `:<`.
    pub fn operators(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        let count = cmd.line2 - cmd.line1 + 1;
        if cmd.name != "yank" {
            if !vim.options.startofline && cmd.name != "delete" {
                // op_shift() keeps the column beginline() gave on the first line, adjusted by
                // its shift, onto the last line.
                return Err(vim.ex_unsupported(cmd.name, ":> and :< with 'nostartofline'"));
            }
            vim.setpcmark(vim.cur);
            // beginline(BL_SOL | BL_FIX), where the undo step keeps the cursor; `:d` then
            // goes to the first non-blank (op_delete()).
            vim.ex_beginline_sol(cmd.line1 - 1)?;
        }
        let region = Vim::line_region(cmd.line1, cmd.line2);
        match cmd.name {
            "delete" => {
                if matches!(cmd.regname, Some('.' | ':' | '%' | '#' | '/' | '=')) {
                    return Err(vim.emsg(20));
                }
                let was_empty = vim.buf.empty;
                // op_delete() → del_lines() → u_savedel(): one entry for the lines (a save
                // the change list follows: op_delete() reports the change).
                vim.begin_followed_change();
                vim.u_savedel(cmd.line1, count);
                vim.end_followed_change();
                vim.undo.cover();
                let deleted = vim.op_delete(region, cmd.regname, false, false);
                vim.undo.uncover();
                deleted?;
                // op_delete()'s beginline(BL_WHITE | BL_FIX).
                vim.set_curswant = true;
                if count > REPORT && !was_empty {
                    vim.msgmore(20); // "N fewer lines"
                }
                if vim.buf.empty && !was_empty {
                    // "--No lines in buffer--" and how it combines with other messages.
                    vim.ex.unsure_messages = true;
                }
            }
            "yank" => {
                vim.op_yank(region, cmd.regname, false);
                if count > REPORT {
                    vim.msg(20); // "N lines yanked"
                }
            }
            _ => {
                let right = cmd.name == ">";
                // op_shift(): one entry for the lines, those it leaves alone (empty, or
                // without indent for `:<`) too.
                vim.begin_followed_change();
                vim.u_save(cmd.line1 - 1, cmd.line2 + 1);
                vim.ex.undo_unsure = true;
                for l in cmd.line1 - 1..cmd.line2 {
                    let line = vim.line(l).to_string();
                    if line.is_empty() {
                        continue;
                    }
                    let (width, body) = split_indent(&line);
                    let by = 8 * cmd.amount;
                    let new_width = if right { width + by } else { width.saturating_sub(by) };
                    let new_line = with_indent(new_width, body);
                    if new_line != line {
                        vim.buf.set_line(l, new_line);
                    }
                }
                // op_shift(): changed_lines() from column 0 of the first line.
                vim.changed_at(Pos::new(cmd.line1 - 1, 0));
                vim.end_followed_change();
                if vim.line(cmd.line2 - 1).trim_start_matches([' ', '\t']).is_empty() {
                    return Err(vim.ex_unsupported(cmd.name, "the cursor after shifting ending on a blank line"));
                }
                // op_shift() for `:>` leaves the cursor on the last line (at its first
                // non-blank, as measured in Vim).
                vim.ex_beginline(cmd.line2 - 1);
                if count > REPORT {
                    vim.msg_keep(30); // "N lines >ed 1 time"
                }
            }
        }
        // ex_may_print()
        if let Some(flags) = cmd.print {
            vim.ex_print_line(flags)?;
        }
        Ok(())
    }

    /// `:m {address}`, `:t {address}`, `:co {address}`.
    pub fn copy_move(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if cmd.arg.contains('\\') {
            return Err(vim.ex_unsupported(cmd.name, "a backslash in the address"));
        }
        let mut range = super::range::Range::default_for(vim);
        let rest = match super::range::parse_range(vim, cmd.arg, &mut range) {
            Ok(rest) => rest,
            Err(Flow::Fail) if !cmd.arg.contains([',', ';']) => {
                // ex_copymove(): an address that fails (a mark not set, a search not found)
                // drops the rest of the line as if there was none (`":` is set).
                cmd.nextcmd = None;
                return Err(Flow::Fail);
            }
            Err(Flow::Fail) => return Err(vim.ex_unsupported(cmd.name, "more than one address after :m/:t")),
            Err(e) => return Err(e),
        };
        if !rest.trim().is_empty() || range.addr_count > 1 {
            return Err(vim.ex_unsupported(cmd.name, "more than one address or flags after :m/:t"));
        }
        if range.addr_count == 0 {
            return Err(vim.emsg(20)); // E16 (get_address() gave MAXLNUM)
        }
        let count = vim.last_line() + 1;
        let n = match usize::try_from(range.line2) {
            Ok(n) if n <= count => n,
            _ => return Err(vim.emsg(20)),
        };
        let (line1, line2) = (cmd.line1, cmd.line2);
        let num = line2 - line1 + 1;
        vim.ex.undo_unsure = true;
        if cmd.name == "move" {
            if n >= line1 && n < line2 {
                return Err(vim.emsg(40)); // E134
            }
            if n == line1 - 1 || n == line2 {
                // Nothing moves, but the cursor goes where it would have (and `U` has
                // nothing to put back, as below).
                vim.u_clearline();
                let l = if n >= line1 { n } else { n + num };
                return vim.ex_beginline_sol(l - 1);
            }
            // do_move(): the lines are copied to their new place, then deleted where they
            // were, each step saved for undo.
            let moved: Vec<String> = vim.buf.lines()[line1 - 1..line2].to_vec();
            vim.begin_followed_change();
            move_marks_as_do_move(&mut vim.buf, line1, line2, n);
            vim.u_save(n, n + 1);
            vim.buf.insert_lines_keeping_marks(n, moved);
            let extra = if n < line1 { num } else { 0 };
            vim.u_save(line1 + extra - 1, line2 + extra + 1);
            vim.buf.delete_lines_keeping_marks(line1 + extra - 1, line2 + extra - 1);
            // do_move() reports one change: from the first line that moved down, or the first
            // line of the moved block that went up.
            vim.changed_at(Pos::new(if n >= line1 { line1 - 1 } else { n }, 0));
            vim.end_followed_change();
            let l = if n >= line1 { n } else { n + num };
            vim.ex_beginline_sol(l - 1)?;
            if num > REPORT {
                vim.msg(20); // "N lines moved"
            }
        } else {
            vim.begin_followed_change();
            vim.u_save(n, n + 1);
            let copied: Vec<String> = vim.buf.lines()[line1 - 1..line2].to_vec();
            vim.ex_check_size(copied.iter().map(|l| l.len() + 1).sum())?;
            // ex_copy(): appended_lines_mark() moves the marks below line n, and reports
            // the change from the first line copied.
            vim.buf.insert_lines_moving_marks(n, copied);
            vim.changed_at(Pos::new(n, 0));
            vim.end_followed_change();
            vim.ex_beginline_sol(n + num - 1)?;
            if num > REPORT {
                vim.msgmore(20); // "N more lines"
            }
        }
        // ex_copymove(): after lines moved or copied `U` has nothing to put back (do_move()
        // saved a line for it on the way).
        vim.u_clearline();
        vim.uline_checked = true;
        Ok(())
    }

    /// `:j[!]`.
    pub fn join(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        vim.cur.line = cmd.line1 - 1;
        let mut line2 = cmd.line2;
        if cmd.line1 == line2 {
            // Vim leaves the column as it was, unchecked: past the end of the new line it
            // stays there until a command checks it.
            let past_end = vim.cur.col > vim.last_col(vim.cur.line);
            if past_end && (cmd.addr_count >= 2 || line2 == vim.last_line() + 1) {
                return Err(vim.ex_unsupported("join", "the cursor column left past the end of the line"));
            }
            if cmd.addr_count >= 2 {
                vim.clamp_cursor();
                return Ok(());
            }
            if line2 == vim.last_line() + 1 {
                vim.clamp_cursor();
                // beep_flush(): no message, but the rest of a macro is dropped.
                vim.beep();
                return Ok(());
            }
            line2 += 1;
        }
        // The column stays where it was (the undo step remembers it).
        vim.clamp_cursor();
        vim.do_join(line2 - cmd.line1 + 1, !cmd.forceit, true)?;
        vim.ex_beginline(vim.cur.line);
        // ex_may_print()
        if let Some(flags) = cmd.print {
            vim.ex_print_line(flags)?;
        }
        Ok(())
    }

    /// `:pu[!] [x]`: the register's text as lines below (above) the line.
    pub fn put(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        let mut above = cmd.forceit;
        let mut line = cmd.line2;
        if line == 0 {
            line = 1;
            above = true;
        }
        if matches!(cmd.regname, Some('.' | '/' | '%' | '#')) {
            return Err(vim.ex_unsupported("put", "this register"));
        }
        vim.cur.line = line - 1;
        vim.clamp_cursor();
        vim.save_undo();
        if cmd.regname == Some('_') {
            return Ok(());
        }
        let Some(reg) = vim.regs.read(cmd.regname) else {
            return Err(vim.emsg(25)); // E353: Nothing in register
        };
        let lines = match reg.kind {
            RegKind::Block(_) => return Err(vim.ex_unsupported("put", "a blockwise register")),
            _ => reg.lines.clone(),
        };
        vim.ex_check_size(lines.iter().map(|l| l.len() + 1).sum())?;
        let n = lines.len();
        let at = if above { line - 1 } else { line };
        vim.buf.insert_lines(at, lines);
        vim.ex_beginline(at + n - 1);
        if n > REPORT {
            vim.msgmore(20); // "N more lines"
        }
        Ok(())
    }

    /// `:k{a-zA-Z}`, `:mark {a-zA-Z}`: the mark at the first non-blank of the last line of
    /// the range.
    pub fn mark(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        let mut chars = cmd.arg.chars();
        let (Some(c), None) = (chars.next(), chars.next()) else {
            return Err(if cmd.arg.is_empty() { vim.emsg(20) } else { vim.emsg(30) });
        };
        if !c.is_ascii_alphabetic() {
            return Err(vim.ex_unsupported(cmd.name, "a mark other than a-z and A-Z"));
        }
        // ex_mark(): the mark goes to the range's last line at beginline(BL_WHITE | BL_FIX),
        // which also has the next vertical motion take its column from the cursor again.
        let saved = vim.cur;
        let line = cmd.line2 - 1;
        let len = vim.line(line).len();
        vim.cur = Pos::new(line, vim.first_nonblank(line).min(len.saturating_sub(1)));
        let result = vim.ex_set_mark(c);
        vim.cur = saved;
        vim.set_curswant = true;
        result
    }

    /// `:normal[!] {keys}`: the keys as typed in Normal mode, once, or on each line of the
    /// range with the cursor at its start.
    pub fn normal(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        let keys: Vec<Key> = cmd.arg.chars().map(Key::Char).collect();
        let line_edits = vim.buf.line_edits;
        let result = Ex::normal_keys(vim, cmd, &keys);
        if vim.buf.line_edits != line_edits {
            // Several commands in one undo step: Vim keeps one entry per change.
            vim.ex.undo_unsure = true;
        }
        result
    }

    fn normal_keys(vim: &mut Vim, cmd: &mut ExCmd, keys: &[Key]) -> Res {
        if cmd.addr_count == 0 {
            return vim.run_nested(keys, !cmd.forceit);
        }
        // Lines are visited by number, as ex_normal() does: deleted lines shift the rest,
        // and a number past the end is the last line.
        for line in cmd.line1..=cmd.line2 {
            vim.cur = Pos::new((line - 1).min(vim.last_line()), 0);
            vim.run_nested(keys, !cmd.forceit)?;
        }
        Ok(())
    }

    /// `:exe[cute] {expr} ..` (`ex_execute()`): the values joined with a blank, run as a
    /// command line of its own; a `|` after the expressions starts the next command.
    pub fn execute(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        let mut line = String::new();
        let mut p = cmd.arg;
        loop {
            p = p.trim_start_matches([' ', '\t']);
            if p.is_empty() {
                break;
            }
            if let Some(next) = p.strip_prefix('|') {
                cmd.nextcmd = Some(next);
                break;
            }
            let (value, rest) = match super::expr::eval_string(p) {
                Ok(value) => value,
                Err(super::expr::Unreadable::Unsupported(why)) => return Err(vim.ex_unsupported("execute", why)),
                Err(super::expr::Unreadable::MissingQuote { message_len }) => return Err(vim.emsg(message_len)),
            };
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&value);
            p = rest;
        }
        // Commands after a `|` or a line break in the string run even after one of them
        // failed (do_cmdline() stops at an error only for typed lines); the engine stops.
        // `:normal` takes both as keys.
        if line.contains(['|', '\n']) && !super::is_normal_command(&line) {
            return Err(vim.ex_unsupported("execute", "several commands in one string"));
        }
        let (fails, errors) = (vim.fails, vim.ex.errors);
        let result = vim.execute_ex(&line);
        if matches!(result, Ok(()) | Err(Flow::Fail)) && !vim.ex.global_busy {
            // The nested do_cmdline() reads lines as the typed one was read and ends its
            // chain first, so it is what sets `":` (to the typed line).
            if let Some(typed) = vim.regs.pending_cmdline.take() {
                vim.regs.last_cmdline = Some(typed);
            }
        }
        if vim.fails != fails && vim.ex.errors == errors && cmd.nextcmd.is_some_and(|n| !n.trim().is_empty()) {
            // A Normal-mode command failed inside: the command after the `|` runs only if
            // that failure was a beep, not an error message (`P` with an empty register).
            return Err(vim.ex_unsupported("execute", "a failing Normal-mode command before |"));
        }
        result
    }

    /// `:let @r = {expr}` for the named, numbered and small-delete registers (`@R` appends,
    /// `@_` does nothing), with the strings and numbers of [`expr`](super::expr), then the end
    /// or `|`. Any other expression, operator (`.=`) or variable is refused.
    pub fn let_register(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        let refuse = |vim: &Vim, what: &str| Err(vim.ex_unsupported("let", what));
        let Some(rest) = cmd.arg.strip_prefix('@') else { return refuse(vim, ":let of anything but a register") };
        let Some(name) = rest.chars().next() else { return refuse(vim, "a register name missing") };
        if !(name.is_ascii_alphanumeric() || name == '-' || name == '_') {
            return refuse(vim, "this register");
        }
        let rest = rest[name.len_utf8()..].trim_start_matches([' ', '\t']);
        let Some(rest) = rest.strip_prefix('=') else { return refuse(vim, "an operator other than =") };
        let rest = rest.trim_start_matches([' ', '\t']);
        let (text, after) = match super::expr::eval_string(rest) {
            Ok(value) => value,
            Err(super::expr::Unreadable::Unsupported(why)) => return refuse(vim, why),
            Err(super::expr::Unreadable::MissingQuote { message_len }) => return Err(vim.emsg(message_len)),
        };
        let after = after.trim_start_matches([' ', '\t']);
        if let Some(next) = after.strip_prefix('|') {
            cmd.nextcmd = Some(next);
        } else if !after.is_empty() {
            return refuse(vim, "an expression other than strings and numbers");
        }
        if text.contains(['\r', '\0']) || text.is_empty() {
            return refuse(vim, "an empty string, or one with a carriage return or NUL");
        }
        if name != '_' {
            vim.regs.store_string(name, &text);
        }
        Ok(())
    }

    /// `:retab[!]` (`ex_retab()` with 'tabstop' 8 and 'noexpandtab'): every run of blanks that
    /// holds a tab (with `!`, also of two or more spaces) becomes the fewest tabs and spaces
    /// that end at the same screen column; then the cursor goes to the wanted column.
    pub fn retab(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if !(cmd.arg.is_empty() || cmd.arg == "8") {
            return Err(vim.ex_unsupported("retab", "a new 'tabstop' (the engine's is fixed at 8)"));
        }
        for lnum in cmd.line1 - 1..cmd.line2 {
            let line = vim.line(lnum).to_string();
            let Some(new_line) = retab_line(vim, &line, cmd.forceit)? else { continue };
            // Vim saves each line it rewrites for undo (even unchanged): one entry each.
            vim.u_save(lnum, lnum + 2);
            vim.ex.undo_unsure = true;
            if new_line != line {
                vim.buf.set_line(lnum, new_line);
            }
        }
        // coladvance(curwin->w_curswant), with the wanted column as it stands.
        vim.cur.col = vim.col_for_vcol(vim.cur.line, vim.curswant, false)?;
        Ok(())
    }

    /// `:undo` (no number), `:redo`.
    pub fn undo(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if cmd.addr_count > 0 {
            return Err(vim.ex_unsupported("undo", ":undo with a number (the undo tree)"));
        }
        vim.ex_undo_redo(true)
    }

    pub fn redo(vim: &mut Vim, _cmd: &mut ExCmd) -> Res {
        vim.ex_undo_redo(false)
    }

    /// `:set`, `:setlocal`, `:setglobal` (Vim's `do_set()`): items left to right, the first
    /// error ends the command. Modelled options take any value, fixed ones only the value
    /// the engine assumes (see [`options`](crate::engine::options)).
    pub fn set(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        use crate::engine::options::{self, Scope, SetItem, Toggle, Value};
        if cmd.arg.is_empty() {
            return Err(vim.ex_unsupported(cmd.name, ":set without an argument (lists options)"));
        }
        if cmd.arg.contains('\\') {
            return Err(vim.ex_unsupported(cmd.name, "a backslash in the argument"));
        }
        let global_only = cmd.name == "setglobal";
        for item in cmd.arg.split([' ', '\t']).filter(|s| !s.is_empty()) {
            let parsed = options::parse_item(item);
            let name = match parsed {
                SetItem::Bool { name, .. }
                | SetItem::Assign { name, .. }
                | SetItem::Default { name }
                | SetItem::Show { name }
                | SetItem::Modify { name, .. }
                | SetItem::Other { name } => name,
            };
            if name == "all" || name == "termcap" {
                return Err(vim.ex_unsupported(cmd.name, &format!("the option {item:?}")));
            }
            if let Some(flags) = options::modelled_flags(name) {
                let current = (flags.slot)(&mut vim.options).to_string();
                let value = match parsed {
                    SetItem::Assign { value, .. } => options::set_flags(flags, &current, None, value),
                    SetItem::Modify { op, value, .. } => options::set_flags(flags, &current, Some(op), value),
                    SetItem::Default { .. } => Ok(flags.default.to_string()),
                    SetItem::Show { .. } => {
                        vim.msg(flags.name.len() + 3 + current.len()); // "  whichwrap=b,s"
                        Ok(current)
                    }
                    _ => Err(options::FlagsError::Unsupported),
                };
                match value {
                    Ok(value) => *(flags.slot)(&mut vim.options) = std::borrow::Cow::Owned(value),
                    // "E539: Illegal character <c>: {item}"; do_set() stops at the first error.
                    Err(options::FlagsError::Illegal(_)) => return Err(vim.emsg(29 + item.len())),
                    Err(options::FlagsError::Unsupported) => return Err(vim.ex_unsupported(cmd.name, &format!("the option {item:?}"))),
                }
            } else if let Some(number) = options::modelled_number(name) {
                let current = *(number.slot)(&mut vim.options);
                // Plain decimal numbers only: do_set() also takes hex, octal and binary, and
                // gives E521/E487 for what is not a positive number.
                let decimal = |v: &str| v.parse::<usize>().ok().filter(|n| *n <= 100_000 && (v == "0" || !v.starts_with('0')));
                let value = match parsed {
                    SetItem::Assign { value, .. } if !global_only => decimal(value),
                    SetItem::Modify { op: options::ListOp::Add, value, .. } if !global_only => decimal(value).map(|n| current + n),
                    SetItem::Modify { op: options::ListOp::Remove, value, .. } if !global_only => decimal(value).and_then(|n| current.checked_sub(n)),
                    SetItem::Modify { op: options::ListOp::Prepend, value, .. } if !global_only => decimal(value).map(|n| current * n).filter(|n| *n <= 100_000),
                    SetItem::Default { .. } if !global_only => Some(0),
                    SetItem::Show { .. } => {
                        vim.msg(number.name.len() + 3 + current.to_string().len()); // "  textwidth=0"
                        Some(current)
                    }
                    _ => None,
                };
                let Some(value) = value else { return Err(vim.ex_unsupported(cmd.name, &format!("the option {item:?}"))) };
                *(number.slot)(&mut vim.options) = value;
            } else if let Some(list) = options::modelled_list(name) {
                let current = (list.slot)(&mut vim.options).clone();
                let value = match parsed {
                    SetItem::Assign { value, .. } => value.to_string(),
                    SetItem::Modify { op, value, .. } => options::modify_list(&current, op, value),
                    SetItem::Default { .. } => String::new(),
                    SetItem::Show { .. } => {
                        vim.msg(list.name.len() + 3 + current.len()); // "  keymodel=startsel"
                        current
                    }
                    _ => return Err(vim.ex_unsupported(cmd.name, &format!("the option {item:?}"))),
                };
                if !options::valid_list(&value, list.words) {
                    // did_set_string_option() keeps the old value; do_set() stops at the
                    // first error: "E474: Invalid argument: {item}".
                    return Err(vim.emsg(24 + item.len()));
                }
                *(list.slot)(&mut vim.options) = value;
            } else if let Some(m) = options::modelled(name) {
                let current = *(m.slot)(&mut vim.options);
                let value = match parsed {
                    SetItem::Bool { to: Toggle::On, .. } => true,
                    SetItem::Bool { to: Toggle::Off, .. } => false,
                    SetItem::Bool { to: Toggle::Invert, .. } => !current,
                    SetItem::Default { .. } => *(m.slot)(&mut options::Options::default()),
                    SetItem::Show { .. } => {
                        vim.msg(m.name.len() + 2); // "  ignorecase" / "noignorecase"
                        current
                    }
                    _ => return Err(vim.ex_unsupported(cmd.name, &format!("the option {item:?}"))),
                };
                *(m.slot)(&mut vim.options) = value;
            } else if let Some(f) = options::fixed_option(name) {
                // A local option set only globally leaves the one buffer's value alone.
                let keeps = global_only && f.scope == Scope::Local;
                let ok = keeps
                    || match (parsed, f.value) {
                        (SetItem::Bool { to: Toggle::On, .. }, Value::Bool(v)) => v,
                        (SetItem::Bool { to: Toggle::Off, .. }, Value::Bool(v)) => !v,
                        (SetItem::Assign { value, .. }, _) => options::same_value(f, value),
                        (SetItem::Default { .. }, _) => true,
                        (SetItem::Show { .. }, _) => {
                            let shown = match f.value {
                                Value::Bool(_) => f.name.len() + 2,
                                Value::Number(n) => f.name.len() + 3 + n.to_string().len(),
                                Value::Text(t) => f.name.len() + 3 + t.len(),
                            };
                            vim.msg(shown);
                            true
                        }
                        _ => false,
                    };
                if !ok {
                    return Err(vim.ex_unsupported(cmd.name, &format!("the option {item:?} (the engine assumes {}'s default)", f.name)));
                }
            } else if options::display_only(name) {
                if matches!(parsed, SetItem::Show { .. } | SetItem::Assign { .. } | SetItem::Modify { .. } | SetItem::Other { .. }) {
                    return Err(vim.ex_unsupported(cmd.name, &format!("the option {item:?}")));
                }
            } else {
                return Err(vim.ex_unsupported(cmd.name, &format!("the option {item:?}")));
            }
        }
        Ok(())
    }

    /// `:le [indent]`, `:ri [width]`, `:ce [width]` (Vim's `ex_align()`): the width is
    /// 'textwidth', or 80 when that is 0; blank lines are left alone by `:ri` and `:ce`.
    pub fn align(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        let digits = cmd.arg.len() - cmd.arg.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits != cmd.arg.len() || digits > 6 {
            return Err(vim.ex_unsupported(cmd.name, "this argument"));
        }
        let arg: usize = cmd.arg.parse().unwrap_or(0);
        let width = match vim.options.textwidth {
            _ if cmd.name == "left" || arg > 0 => arg,
            0 => 80,
            tw => tw,
        };
        let save = vim.cur;
        vim.u_save(cmd.line1 - 1, cmd.line2 + 1);
        vim.ex.undo_unsure = true;
        for l in cmd.line1 - 1..cmd.line2 {
            let line = vim.line(l).to_string();
            let body = line.trim_start_matches([' ', '\t']);
            let indent_text = &line[..line.len() - body.len()];
            let new_indent = if cmd.name == "left" {
                width
            } else {
                // linelen(): the screen width up to the last non-blank, less the indent.
                let trimmed = line.trim_end_matches([' ', '\t']);
                if body.trim_end_matches([' ', '\t']).contains('\t') && cmd.name == "right" {
                    return Err(vim.ex_unsupported(cmd.name, "a tab inside the text"));
                }
                let mut v = 0;
                for c in trimmed.chars() {
                    v += vim.cells(c, v)?;
                }
                let mut indent = 0;
                for c in indent_text.chars() {
                    indent += if c == '\t' { 8 - indent % 8 } else { 1 };
                }
                let len = v as i64 - indent as i64;
                if len <= 0 {
                    continue;
                }
                let n = if cmd.name == "center" { (width as i64 - len) / 2 } else { width as i64 - len };
                n.max(0) as usize
            };
            let mut new_line = "\t".repeat(new_indent / 8);
            new_line.push_str(&" ".repeat(new_indent % 8));
            if new_line != indent_text {
                new_line.push_str(body);
                vim.buf.set_line(l, new_line);
            }
        }
        vim.ex_beginline(save.line);
        Ok(())
    }

    pub fn write(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if !cmd.arg.is_empty() || cmd.addr_count > 0 {
            return Err(vim.ex_unsupported(cmd.name, "writing part of the buffer or to another file"));
        }
        vim.ex_write()
    }

    pub fn write_quit(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if !cmd.arg.is_empty() || cmd.addr_count > 0 {
            return Err(vim.ex_unsupported(cmd.name, "writing part of the buffer or to another file"));
        }
        vim.ex_write_quit(cmd.name == "wq")
    }

    pub fn quit(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if cmd.forceit {
            return Err(Flow::Quit);
        }
        if cmd.name != "quit" {
            return Err(vim.ex_unsupported(cmd.name, ":qall without !"));
        }
        if vim.modified_unsure() {
            // Vim may still call the buffer modified (see ex_write_quit()).
            return Err(vim.ex_unsupported(cmd.name, "quitting after a change that left the text as it was"));
        }
        if vim.modified() {
            Err(vim.emsg(60)) // E37: No write since last change
        } else {
            Err(Flow::Quit)
        }
    }
}

/// The marks as `do_move()` moves them for `:{line1},{line2}m {dest}` (1-based lines): the
/// moved lines' marks go with them, the marks between shift the other way. Vim's own
/// sequence of `mark_adjust()` calls, through a stretch of lines past the end.
fn move_marks_as_do_move(buf: &mut crate::engine::Buffer, line1: usize, line2: usize, dest: usize) {
    let num = (line2 - line1 + 1) as isize;
    // The moved lines were appended first: the file is this long when the marks move.
    let last_line = buf.line_count() + num as usize;
    let extra = if dest < line1 { num } else { 0 };
    // Vim numbers lines from 1, the buffer from 0.
    buf.move_marks(line1 - 1, line2 - 1, Some(last_line as isize - line2 as isize), 0);
    if dest >= line2 {
        buf.move_marks(line2, dest - 1, Some(-num), 0);
    } else {
        buf.move_marks(dest, line1 - 2, Some(num), 0);
    }
    let back = -(last_line as isize - dest as isize - extra);
    buf.move_marks(last_line - num as usize, last_line - 1, Some(back), 0);
}

/// One line of `:retab`: `None` when Vim leaves it alone, else the line as rewritten (which
/// may be the same text).
fn retab_line(vim: &Vim, line: &str, forceit: bool) -> Res<Option<String>> {
    const TS: usize = 8;
    let mut out = String::with_capacity(line.len());
    let mut copied = 0;
    let mut rewritten = false;
    let (mut vcol, mut start_vcol, mut start_byte) = (0, 0, 0);
    let (mut got_tab, mut num_spaces) = (false, 0);
    // The line's characters, then its end (which also ends a run of blanks).
    for (byte, c) in line.char_indices().map(|(b, c)| (b, Some(c))).chain(std::iter::once((line.len(), None))) {
        if let Some(blank @ (' ' | '\t')) = c {
            if !got_tab && num_spaces == 0 {
                start_vcol = vcol;
                start_byte = byte;
            }
            if blank == ' ' {
                num_spaces += 1;
            } else {
                got_tab = true;
            }
        } else {
            if got_tab || (forceit && num_spaces > 1) {
                let len = vcol - start_vcol;
                let (mut spaces, mut tabs) = (len, 0);
                let to_first_stop = TS - start_vcol % TS;
                if spaces >= to_first_stop {
                    spaces -= to_first_stop;
                    tabs += 1;
                }
                tabs += spaces / TS;
                spaces %= TS;
                if got_tab || spaces + tabs < len {
                    out.push_str(&line[copied..start_byte]);
                    out.extend(std::iter::repeat_n('\t', tabs));
                    out.extend(std::iter::repeat_n(' ', spaces));
                    copied = byte;
                    rewritten = true;
                }
            }
            got_tab = false;
            num_spaces = 0;
        }
        if let Some(c) = c {
            vcol += vim.cells(c, vcol)?;
        }
    }
    if !rewritten {
        return Ok(None);
    }
    out.push_str(&line[copied..]);
    Ok(Some(out))
}
