//! `:g`, `:g!`, `:v` (Vim's `ex_global()` and `global_exe()`): mark the lines that match,
//! then run the command on each marked line that is still there, the cursor at its start.
//! The marks follow the lines as commands insert and delete them ([`Buffer::marked`]).
//!
//! [`Buffer::marked`]: crate::engine::Buffer

use super::super::{Flow, Pos, Res, Vim};
use super::range::{line_matches, split_pattern, typed_regex};
use super::{Ex, ExCmd};

impl Ex {
    pub fn global(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if vim.ex.global_busy {
            return Err(vim.emsg(40)); // E147: Cannot do :global recursive
        }
        let invert = cmd.name == "vglobal" || cmd.forceit;
        let Some(delim) = cmd.arg.chars().next() else {
            return Err(vim.emsg(30)); // E476? Vim: "Regular expression missing from :global"
        };
        if delim == '\\' {
            return Err(vim.ex_unsupported(cmd.name, "the \\/ \\? \\& forms"));
        }
        if !delim.is_ascii() {
            return Err(vim.ex_unsupported(cmd.name, "a non-ASCII delimiter"));
        }
        if delim.is_ascii_alphabetic() {
            // check_regexp_delim(): only letters are refused (`|`, `"` and digits delimit).
            return Err(vim.emsg(40)); // E146
        }
        let (pattern, command) = split_pattern(&cmd.arg[delim.len_utf8()..], delim);
        let command = command.to_string();
        let (regex, used) = typed_regex(vim, pattern, None)?;
        // RE_BOTH: the pattern is also the last substitute pattern.
        vim.ex.last_sub_pattern = Some(used.clone());
        let n = vim.last_line() + 1;
        let mut marked = vec![false; n];
        let mut ndone = 0;
        for (line, mark) in marked.iter_mut().enumerate().take(cmd.line2.min(n)).skip(cmd.line1 - 1) {
            if line_matches(vim, &regex, line)? != invert {
                *mark = true;
                ndone += 1;
            }
        }
        if ndone == 0 {
            // smsg(), not an error.
            vim.msg(20 + used.len());
            return Ok(());
        }
        let command = if command.is_empty() { "p".to_string() } else { command };
        if command.trim_start_matches([' ', '\t', ':']).starts_with(['p', 'l', '#', 'n']) && !command.trim_start_matches([' ', '\t', ':']).starts_with("norm") {
            return Err(vim.ex_unsupported(cmd.name, "printing lines from :g"));
        }
        vim.setpcmark(vim.cur);
        vim.ex.undo_unsure = true;
        let plain = command.trim_matches([' ', '\t', ':']);
        if !vim.buf.empty && (plain == "d" || plain == "delete") {
            return delete_marked(vim, &marked, ndone);
        }
        vim.buf.marked = Some(marked);
        vim.buf.marked_from = 0;
        vim.ex.global_busy = true;
        vim.ex.global_need_beginline = false;
        vim.ex.sub_nsubs = 0;
        vim.ex.sub_nlines = 0;
        let errors = vim.ex.errors;
        let old_count = vim.last_line() + 1;
        let mut result = Ok(());
        loop {
            let next = match &vim.buf.marked {
                Some(m) if m.len() == vim.buf.lines().len() => {
                    // Marks before `marked_from` are all cleared: no quadratic rescans.
                    let from = vim.buf.marked_from.min(m.len());
                    m[from..].iter().position(|&b| b).map(|i| i + from)
                }
                Some(_) => {
                    result = Err(vim.ex_unsupported(cmd.name, "a command inside :g that changes lines in a way the line marks cannot follow"));
                    break;
                }
                None => break,
            };
            let Some(line) = next else { break };
            if let Some(m) = &mut vim.buf.marked {
                m[line] = false;
            }
            vim.buf.marked_from = line + 1;
            vim.cur = Pos::new(line, 0);
            let fails = vim.fails;
            let outcome = vim.execute_ex(&command);
            if vim.fails != fails && vim.ex.errors == errors {
                // A Normal-mode command failed inside: Vim stops :g when that failure was an
                // error message (`p` with an empty register), not when it only beeped.
                result = Err(vim.ex_unsupported(cmd.name, "a failing Normal-mode command inside :g"));
                break;
            }
            match outcome {
                Ok(()) => {}
                Err(Flow::Fail) => {}
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
            if vim.ex.errors != errors {
                // An error ends :g (Vim's global_busy counts it).
                break;
            }
        }
        vim.buf.marked = None;
        vim.ex.global_busy = false;
        result?;
        vim.check_size(0)?;
        if vim.ex.global_need_beginline {
            let l = vim.cur.line;
            vim.ex_beginline(l);
        } else {
            vim.clamp_cursor();
        }
        if vim.ex.sub_nsubs > 2 {
            vim.msg_keep(40); // do_sub_msg()
        } else {
            let new_count = vim.last_line() + 1;
            if new_count.abs_diff(old_count) > 2 {
                vim.msgmore(20);
            }
        }
        if vim.ex.errors != errors {
            return Err(Flow::Fail);
        }
        Ok(())
    }
}

/// `:g/pat/d` in one pass: what deleting each marked line in turn with `:d` gives (the
/// numbered registers shifted once per line, the cursor on the line after the last one
/// deleted), without moving the lines after each deletion (linear on large files).
fn delete_marked(vim: &mut Vim, marked: &[bool], ndone: usize) -> Res {
    use super::super::register::{RegKind, Register};
    use super::super::undo::VimLines;
    let lines_before = vim.buf.line_count();
    // Vim's entries, as each `:d` makes one (del_lines() → u_savedel()), the first with the
    // cursor ex_operators() put on the line for undo.
    if let Some(first) = marked.iter().position(|&m| m) {
        vim.ex_beginline(first);
    }
    let mut gone = 0;
    for (index, _) in marked.iter().enumerate().filter(|(_, &m)| m) {
        let line_count = lines_before - gone;
        let lnum = index - gone + 1;
        let newbot = if line_count == 1 { 2 } else { lnum };
        let lines = Some(vec![vim.buf.line(index).to_string()]);
        vim.undo.save_entry_as(&mut vim.buf, vim.cur, VimLines { top: lnum - 1, bot: lnum + 1, newbot: Some(newbot), line_count, lines });
        gone += 1;
    }
    let (mut deleted, last_at) = vim.buf.delete_marked(marked);
    let deleted_all = deleted.len() == lines_before;
    // Each `:d` shifts "1.."9 and puts its line in "1: the last nine deleted lines remain.
    let first = deleted.len().saturating_sub(9);
    for line in deleted.drain(first..) {
        vim.regs.store_numbered(Register { lines: vec![line], kind: RegKind::Line }, false);
    }
    if deleted_all {
        // "--No lines in buffer--" and how it combines with other messages.
        vim.ex.unsure_messages = true;
    }
    vim.ex_beginline(last_at.min(vim.last_line()));
    if ndone > 2 {
        vim.msgmore(20); // "N fewer lines"
    }
    Ok(())
}
