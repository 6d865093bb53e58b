//! Command-line mode (`:`, `/`, `?`): reading the line as typed, with its editing keys, and
//! the hit-enter prompt after it; the ex commands themselves are in [`super::ex`]. Commands
//! that touch anything but the buffer (`:!`, `:r file`, `:w other`) are refused there.

use super::command::Cmd;
use super::{Flow, Mode, Res, Vim};
use crate::keys::{Key, Special};

/// The ex commands the engine runs, for the README table.
pub static EX_TABLE: &[(&str, &str)] = &[
    (":N :$ :'a :/pat/ :?pat? :\\/ :\\? :\\& :.+N ;", "ranges: numbers, marks, searches (from the address before), offsets (E16 past the end)"),
    (":d :y [x] [N]", "delete or yank lines into a register"),
    (":> :< [N] [p # l]", "shift lines (repeat the > for more), print the last"),
    (":m :t :co {address}", "move or copy lines"),
    (":j[!] [N] [p # l]", "join lines, print the result"),
    (":pu[!] [x]", "put a register as lines"),
    (":k :mark", "set a mark a-z or A-Z"),
    (":s :& :~ [flags] [N]", "substitute (flags & g e n i I r p # l; c and \\= refused)"),
    (":g :g! :v", "run a command on matching lines"),
    (":normal[!] {keys}", "run Normal-mode keys (on each line of a range)"),
    (":sort[!] [i n x o b u r] [/pat/]", "sort lines, on numbers of a base, after or on a match"),
    (":retab[!] [8]", "blanks with a tab (with !, runs of spaces) as tabs and spaces; another tabstop refused"),
    (":let @r = {expr}", "set (@R: append to) a register to strings and numbers joined with . or .."),
    (":exe[cute] {expr} ..", "run strings and numbers (escapes, \\<CR>-style keys, . and .. joins) as a command line"),
    (":set", "ignorecase smartcase wrapscan magic gdefault incsearch keymodel selectmode whichwrap textwidth startofline, display-only ones, the fixed ones at their value (others refused)"),
    (":map :nmap :vmap :xmap :smap :omap :imap :cmap :map! :tmap", "key mappings, and their noremap, unmap and mapclear forms (<buffer> <nowait> <silent> <special> <unique> <Nop> <Leader>; <expr>, :lmap and listing refused)"),
    (":ab :iab :cab :norea :inorea :cnorea :una :iuna :cuna :abc :iabc :cabc", "abbreviations (<buffer>, E474 for keys that mix keyword and other characters), expanded in Insert/Replace mode and on the command line as check_abbr() does"),
    (":undo :redo :noh :ascii", "undo, redo; :noh and :ascii change nothing"),
    (":stopinsert :digraphs", "nothing in Normal mode; :digraphs {c1}{c2} {N} defines a digraph for <C-k>, with no argument it lists (a more-prompt: no result)"),
    (":ju[mps] :marks :reg[isters] :di[splay] :changes :ls :buffers :files", "listings: no change, and the hit-enter prompt after them (:jumps cleans up the jump list as <C-o> does; :marks {a-z A-Z '} lists those set; other filters, a more-prompt and the change list after a change refused)"),
    (":w", "write the buffer (the result)"),
    (":wq :x :xit :exit", "write and quit (:x only when modified)"),
    (":q :q!", "quit (:q fails on a modified buffer)"),
];

/// `:`, with a count `N:` giving the range `.,.+N-1`.
pub(crate) fn start_cmdline(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    if vim.command.pending.is_some() {
        return Err(vim.unsupported(cmd.key, "an operator with an ex command as its motion"));
    }
    // Entering the command line validates the cursor: the wanted column is computed now,
    // from where the cursor is before the command moves it (measured with `w:2;+1y<CR>k`).
    vim.update_curswant()?;
    let prompt_scrolled = std::mem::take(&mut vim.ex.prompt_scrolled);
    let mut line = String::with_capacity(16);
    if cmd.count0 > 0 {
        line.push_str(if cmd.count0 == 1 { "." } else { ".,.+" });
        if cmd.count0 > 1 {
            line.push_str(&(cmd.count0 - 1).to_string());
        }
    }
    let saved_mode = vim.mode;
    vim.mode = Mode::CommandLine;
    let result = read_cmdline(vim, &mut line, ':');
    vim.mode = saved_mode;
    match result? {
        None => Ok(()),
        Some(()) => {
            let typed = vim.last_key_typed();
            // getcmdline(): only a line with a typed key is remembered for `":` (any key:
            // an abbreviation's expansion puts back the <CR> that ends the line).
            if vim.ex.cmdline_typed && !line.is_empty() {
                vim.regs.pending_cmdline = Some(line.clone());
            }
            let result = vim.run_ex_line(&line);
            // do_cmdline(): `":` is set when the chain ends, not when an error stops it
            // with a command after a `|` still to run.
            let chain_ended = match result {
                Ok(()) => true,
                Err(Flow::Fail) => !vim.ex.next_separated,
                Err(_) => false,
            };
            if chain_ended {
                if let Some(line) = vim.regs.pending_cmdline.take() {
                    vim.regs.last_cmdline = Some(line);
                }
            }
            if matches!(result, Err(Flow::Fatal(_) | Flow::Quit | Flow::NeedInput)) {
                return result;
            }
            if vim.input.nested > 0 && vim.ex.messages > 0 {
                // A message from a command line run by `:normal`: whether it joins the outer
                // command line's messages in a hit-enter prompt is not modelled.
                return Err(vim.unsupported(Key::CR, "a message from a command line inside :normal"));
            }
            if vim.ex.unsure_messages && vim.peek_key().is_some_and(|k| k != Key::ESC) {
                return Err(vim.unsupported(Key::CR, "whether a hit-enter prompt follows a command line that emptied the buffer"));
            }
            if vim.ex.messages >= 2 || (prompt_scrolled && vim.ex.messages >= 1) {
                if !typed {
                    return Err(vim.unsupported(Key::CR, "a hit-enter prompt after a command line that was not typed"));
                }
                // The beep (and dropping of stuffed keys) comes first.
                if let Err(Flow::Fail) = result {
                    vim.beep();
                }
                return hit_enter(vim);
            }
            result
        }
    }
}

/// Vim's `wait_return()`: the hit-enter prompt takes the next typed key. `<CR>`, `<NL>`,
/// `<Space>` and `<C-c>` only dismiss it; `b k u g <Up> <PageUp>` are ignored (they would
/// scroll back); any other key dismisses it and is then run as a command (`j d f <Down>`
/// too: the few lines of messages an ex command line gives do not fill the screen, measured).
/// When the keys run out first, the prompt waits for the next ones (the run loop comes back
/// here while `hit_enter_pending` is set).
pub(crate) fn hit_enter(vim: &mut Vim) -> Res {
    vim.ex.hit_enter_pending = true;
    while vim.peek_key().is_some() {
        let key = vim.getkey()?;
        match key {
            Key::Char('\r' | '\n' | ' ' | '\x03') => {}
            Key::Char('b' | 'k' | 'u' | 'g') | Key::Special(Special::Up | Special::PageUp) => continue,
            Key::Char(':') => {
                vim.ex.prompt_scrolled = true;
                vim.unread(key);
            }
            Key::Char('/' | '?') => {
                return Err(vim.unsupported(key, "a search typed at a hit-enter prompt (its messages keep the prompt)"));
            }
            _ => vim.unread(key),
        }
        vim.ex.hit_enter_pending = false;
        break;
    }
    Ok(())
}

/// Read a search pattern (`/`, `?`) until `<CR>`; `None` when abandoned.
pub(crate) fn read_line(vim: &mut Vim, line: &mut String) -> Res<Option<()>> {
    read_cmdline(vim, line, '/')
}

/// Read the command line (Vim's `getcmdline()`) until `<CR>`, with its editing keys; `None`
/// when abandoned. `firstc` is `:` or the search command.
pub(crate) fn read_cmdline(vim: &mut Vim, line: &mut String, firstc: char) -> Res<Option<()>> {
    // The cursor: a byte index in the line.
    let mut pos = line.len();
    vim.ex.cmdline_typed = false;
    loop {
        let key = vim.getkey_mapped(false)?;
        vim.ex.cmdline_typed |= vim.last_key_typed();
        let ends_line = matches!(key, Key::Char('\r' | '\n')) || (key == Key::ESC && !vim.last_key_typed());
        let plain = matches!(key, Key::Char('\t' | '\x1d')) || (vim.mappings.any_abbreviations() && vim.ends_abbreviation(key)?);
        if (ends_line || plain) && vim.ccheck_abbr(key, line, pos)? {
            continue;
        }
        match key {
            Key::Char('\r' | '\n') => return Ok(Some(())),
            Key::Char('\x1b') => {
                if vim.last_key_typed() {
                    return Ok(None);
                }
                // In a macro <Esc> executes the line (Vi compatible).
                return Ok(Some(()));
            }
            // CTRL-] only expands an abbreviation; it is never put in the line.
            Key::Char('\x1d') => {}
            Key::Char('\x03') => return Ok(None),
            Key::Char('\x08') | Key::Special(Special::BS) | Key::Special(Special::Del) => {
                let del = key == Key::Special(Special::Del);
                if line.is_empty() {
                    return Ok(None);
                }
                if del && pos < line.len() {
                    let next = super::next_boundary(line, pos);
                    line.replace_range(pos..next, "");
                } else if pos > 0 {
                    let prev = super::prev_boundary(line, pos);
                    line.replace_range(prev..pos, "");
                    pos = prev;
                }
            }
            Key::Char('\x15') => {
                line.replace_range(..pos, "");
                pos = 0;
            }
            Key::Char('\x17') => {
                // CTRL-W: blanks before the cursor, then one class of characters.
                let head = &line[..pos];
                let mut start = head.trim_end_matches([' ', '\t']).len();
                if let Some(c) = line[..start].chars().next_back() {
                    if !c.is_ascii() {
                        return Err(vim.unsupported(key, "CTRL-W after a non-ASCII character"));
                    }
                    let word = super::chars::is_word_char(c);
                    while let Some(c) = line[..start].chars().next_back() {
                        if c == ' ' || c == '\t' || super::chars::is_word_char(c) != word {
                            break;
                        }
                        if !c.is_ascii() {
                            return Err(vim.unsupported(key, "CTRL-W over non-ASCII characters"));
                        }
                        start -= c.len_utf8();
                    }
                }
                line.replace_range(start..pos, "");
                pos = start;
            }
            Key::Special(Special::Left) => pos = super::prev_boundary(line, pos),
            Key::Special(Special::Right) => pos = super::next_boundary(line, pos),
            Key::Special(Special::Home) | Key::Char('\x02') => pos = 0,
            Key::Special(Special::End) | Key::Char('\x05') => pos = line.len(),
            Key::Char('\x16') => {
                // CTRL-V: the next character literally (digits would give a code: refused).
                let next = vim.getkey()?;
                match next {
                    Key::Char(c) if !c.is_ascii_digit() && !matches!(c, 'x' | 'X' | 'u' | 'U' | 'o' | 'O') => {
                        line.insert(pos, c);
                        pos += c.len_utf8();
                    }
                    _ => return Err(vim.unsupported(next, "this key after CTRL-V on the command line")),
                }
            }
            Key::Char('\x0b') => {
                // CTRL-K: a digraph (get_digraph(TRUE)); <Esc> cancels it, the line unchanged.
                if let Some(c) = vim.read_digraph(key)? {
                    line.insert(pos, c);
                    pos += c.len_utf8();
                }
            }
            Key::Char('\x12') => {
                // CTRL-R {register} (cmdline_insert_reg()): the register's text, as if typed;
                // CTRL-R CTRL-R and CTRL-R CTRL-O insert it literally (the same for text
                // without control characters).
                let mut reg = vim.getkey()?;
                let literally = matches!(reg, Key::Char('\x12' | '\x0f'));
                if literally {
                    reg = vim.getkey()?;
                }
                let Key::Char(name) = reg else { return Err(vim.unsupported(reg, "this key after CTRL-R")) };
                if name == '\x1b' {
                    continue;
                }
                let text = match name {
                    // CTRL-W, CTRL-A, CTRL-L: the word, WORD or line under the cursor
                    // (get_spec_reg(); 'incsearch', which changes CTRL-W, is off).
                    '\x17' if vim.options.incsearch => {
                        return Err(vim.unsupported(reg, "CTRL-R CTRL-W with 'incsearch' (it skips the part of the word already typed)"));
                    }
                    '\x17' | '\x01' => {
                        let (text, len) = (vim.cur_line().to_string(), vim.cur.col);
                        let (start, end) = super::search::ident_under_cursor(vim, &text, len, reg, name == '\x17')
                            .map_err(|e| if matches!(e, Flow::Fail) { vim.unsupported(reg, "no word under the cursor for CTRL-R (E348)") } else { e })?;
                        text[start..end].to_string()
                    }
                    '\x0c' => vim.cur_line().to_string(),
                    _ if name.is_ascii_alphanumeric() || matches!(name, '"' | '-' | ':' | '/') => {
                        let Some(r) = vim.regs.read(Some(name)) else {
                            if name == '/' {
                                return Err(vim.unsupported(reg, "CTRL-R / with no previous pattern (E35)"));
                            }
                            continue;
                        };
                        if r.lines.len() != 1 || r.kind != super::RegKind::Char {
                            return Err(vim.unsupported(reg, "a register with line breaks after CTRL-R"));
                        }
                        r.lines[0].clone()
                    }
                    _ => return Err(vim.unsupported(reg, "this register after CTRL-R on the command line")),
                };
                if text.contains(['\0', '\n']) {
                    return Err(vim.unsupported(reg, "a NUL character after CTRL-R on the command line"));
                }
                // A tab comes in as a character, not typed, so it does not complete.
                let control = |c: char| ((c as u32) < 0x20 && c != '\t') || c == '\x7f';
                if !literally && text.chars().any(control) {
                    // cmdline_paste_str() stuffs them as typed keys (a ^H deletes, a ^U
                    // empties the line, and one that empties it ends it), some after a
                    // CTRL-V; not modelled.
                    return Err(vim.unsupported(reg, "a register with control characters after CTRL-R"));
                }
                line.insert_str(pos, &text);
                pos += text.len();
            }
            Key::Char('\t') if firstc == ':' && vim.last_key_typed() => {
                return Err(vim.unsupported(key, "<Tab> on the command line (completion)"));
            }
            Key::Char(c) if ((c as u32) >= 0x20 && c != '\x7f') || c == '\t' => {
                line.insert(pos, c);
                pos += c.len_utf8();
            }
            _ => return Err(vim.unsupported(key, "this key on the command line")),
        }
        if line.len() > 65_536 {
            return Err(Flow::Fatal(super::Error::LimitExceeded { limit: "command line", position: vim.input.key_index }));
        }
    }
}

impl Vim {
    /// Has the buffer changed since it was read or written?
    pub(crate) fn modified(&self) -> bool {
        match &self.file.saved_lines {
            Some((lines, empty)) => *lines != self.buf.lines() || *empty != self.buf.empty,
            None => {
                // Not written yet: compare with the file as read (rarely asked, so not kept).
                let read = super::Buffer::from_bytes(&self.file.disk);
                read.lines() != self.buf.lines() || read.empty != self.buf.empty
            }
        }
    }

    /// The text is as written (or read), yet Vim's 'modified' may be set: a change left it
    /// as it was (an undo step back to it, a change where undo is not kept, a shift with
    /// nothing to take), and the engine goes by the text.
    pub(crate) fn modified_unsure(&self) -> bool {
        let base = if self.file.saved_lines.is_some() { self.file.saved_changes } else { 0 };
        !self.modified() && (self.undo.has_blocks() || self.buf.changes != base || self.file.changed_unchanged)
    }

    pub(crate) fn ex_write(&mut self) -> Res {
        // Writing resets Vim's 'modified', however it was set.
        self.file.changed_unchanged = false;
        if self.file.saved_lines.is_some() && self.file.saved_changes == self.buf.changes {
            // The file and the lines as written are what this write would make.
            return Ok(());
        }
        self.file.disk = self.buf.to_bytes().map_err(Flow::Fatal)?;
        self.file.saved_changes = self.buf.changes;
        self.file.saved_lines = Some((self.buf.lines().to_vec(), self.buf.empty));
        // The text was copied twice (the file and the lines as written).
        self.buf.work += self.file.disk.len() as u64 + self.buf.lines().iter().map(|l| super::buffer::line_work(l)).sum::<u64>();
        Ok(())
    }

    /// `:wq` (always writes), `:x` and `ZZ` (write when modified), then quit.
    pub(crate) fn ex_write_quit(&mut self, always: bool) -> Res {
        if !always && self.modified_unsure() {
            // Vim's 'modified' flag is set by a change even when the text comes out the same
            // (`4J` on one line); then `ZZ` writes and the file gains what writing adds (a
            // final newline). The engine compares text, so it cannot tell.
            let written = self.buf.to_bytes().map_err(Flow::Fatal)?;
            if written != self.file.disk {
                return Err(self.unsupported(Key::Char('Z'), "quitting with ZZ or :x after a change that left the text as it was"));
            }
        }
        if always || self.modified() {
            // Quitting: no need to remember the written lines for 'modified'.
            self.file.disk = self.buf.to_bytes().map_err(Flow::Fatal)?;
        }
        Err(Flow::Quit)
    }
}
