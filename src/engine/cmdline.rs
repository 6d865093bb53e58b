//! Command-line mode (`:`): reading the line as typed, and the ex commands the engine runs.
//! Commands that touch anything but the buffer (`:!`, `:r file`, `:w other`) are refused.

use super::normal::Cmd;
use super::{Flow, Mode, Pos, Res, Vim};
use crate::keys::{Key, Special};

/// The ex commands the engine runs, for the README table.
pub static EX_TABLE: &[(&str, &str)] = &[
    (":w", "write the buffer (the result)"),
    (":wq :x :xit :exit", "write and quit (:x only when modified)"),
    (":q :q!", "quit (:q fails on a modified buffer)"),
    (":N :$", "go to line N"),
];

/// `:`, with a count `N:` giving the range `.,.+N-1`.
pub(crate) fn start_cmdline(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let mut line = String::with_capacity(16);
    if cmd.count0 > 0 {
        line.push_str(if cmd.count0 == 1 { "." } else { ".,.+" });
        if cmd.count0 > 1 {
            line.push_str(&(cmd.count0 - 1).to_string());
        }
    }
    let saved_mode = vim.mode;
    vim.mode = Mode::CommandLine;
    let result = read_line(vim, &mut line);
    vim.mode = saved_mode;
    match result? {
        None => Ok(()),
        Some(()) => {
            vim.regs.last_cmdline = Some(line.clone());
            vim.execute_ex(&line)
        }
    }
}

/// Read the command line until `<CR>`; `None` when abandoned.
pub(crate) fn read_line(vim: &mut Vim, line: &mut String) -> Res<Option<()>> {
    loop {
        let key = vim.getkey()?;
        match key {
            Key::Char('\r') | Key::Char('\n') => return Ok(Some(())),
            Key::Char('\x1b') => {
                if vim.last_key_typed() {
                    return Ok(None);
                }
                // In a macro <Esc> executes the line (Vi compatible).
                return Ok(Some(()));
            }
            Key::Char('\x08') | Key::Special(Special::BS) => {
                if line.pop().is_none() {
                    return Ok(None);
                }
            }
            Key::Char('\x15') => line.clear(),
            Key::Char(c) if (c as u32) >= 0x20 && c != '\x7f' => line.push(c),
            Key::Char('\t') => line.push('\t'),
            _ => return Err(vim.unsupported(key, "this key on the command line")),
        }
        if line.len() > 65_536 {
            return Err(Flow::Fatal(super::Error::LimitExceeded { limit: "command line", position: vim.key_index }));
        }
    }
}

impl Vim {
    /// Run one ex command line.
    pub(crate) fn execute_ex(&mut self, line: &str) -> Res {
        let cmd = line.trim_start_matches([' ', '\t', ':']).trim_end_matches([' ', '\t']);
        match cmd {
            "" => Ok(()),
            "w" | "write" | "w!" | "write!" => self.ex_write(),
            "wq" | "wq!" | "x" | "xit" | "exi" | "exit" | "x!" | "xit!" | "exit!" => {
                let always = cmd.starts_with("wq");
                self.ex_write_quit(always)
            }
            "q" | "quit" => {
                if !self.modified() && self.undo.has_blocks() {
                    // Vim may still call the buffer modified (see ex_write_quit()).
                    return Err(self.unsupported(Key::Char(':'), "quitting after a change that left the text as it was"));
                }
                if self.modified() {
                    Err(Flow::Fail)
                } else {
                    Err(Flow::Quit)
                }
            }
            "q!" | "quit!" | "qa!" | "qall!" => Err(Flow::Quit),
            "$" => self.ex_goto(self.last_line() + 1),
            _ if cmd.bytes().all(|b| b.is_ascii_digit()) => {
                let n: usize = cmd.parse().unwrap_or(usize::MAX);
                self.ex_goto(n)
            }
            _ => Err(self.unsupported(Key::Char(':'), &format!("the ex command {cmd:?}"))),
        }
    }

    fn ex_goto(&mut self, n: usize) -> Res {
        let line = n.clamp(1, self.last_line() + 1) - 1;
        self.setpcmark(self.cur);
        self.cur = Pos::new(line, self.first_nonblank(line));
        self.set_curswant = true;
        Ok(())
    }

    /// Has the buffer changed since it was read or written?
    pub(crate) fn modified(&self) -> bool {
        match &self.saved_lines {
            Some((lines, empty)) => *lines != self.buf.lines || *empty != self.buf.empty,
            None => {
                // Not written yet: compare with the file as read (rarely asked, so not kept).
                let read = super::Buffer::from_bytes(&self.disk);
                read.lines != self.buf.lines || read.empty != self.buf.empty
            }
        }
    }

    fn ex_write(&mut self) -> Res {
        self.disk = self.buf.to_bytes().map_err(Flow::Fatal)?;
        self.saved_lines = Some((self.buf.lines.clone(), self.buf.empty));
        Ok(())
    }

    /// `:wq` (always writes), `:x` and `ZZ` (write when modified), then quit.
    pub(crate) fn ex_write_quit(&mut self, always: bool) -> Res {
        if !always && !self.modified() && self.undo.has_blocks() {
            // Vim's 'modified' flag is set by a change even when the text comes out the same
            // (`4J` on one line); then `ZZ` writes and the file gains what writing adds (a
            // final newline). The engine compares text, so it cannot tell.
            let written = self.buf.to_bytes().map_err(Flow::Fatal)?;
            if written != self.disk {
                return Err(self.unsupported(Key::Char('Z'), "quitting with ZZ or :x after a change that left the text as it was"));
            }
        }
        if always || self.modified() {
            // Quitting: no need to remember the written lines for 'modified'.
            self.disk = self.buf.to_bytes().map_err(Flow::Fatal)?;
        }
        Err(Flow::Quit)
    }
}
