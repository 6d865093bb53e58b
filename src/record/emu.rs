//! The emulator's screen, key by key: the engine is fed one typed key at a time through its
//! public API ([`Vim::feed`]; a command that needs more keys waits, as in Vim), and after each
//! key the window ([`super::draw`]) and the last row are drawn.
//!
//! The last row is what Vim shows there, for the cases checked against real Vim: the file
//! message Vim prints at start-up (`"file.txt" 3L, 20B`, `[noeol]`, `[dos]`), which stays
//! until lines scroll on screen or something else is shown; `-- INSERT --`, `-- REPLACE --`,
//! `-- (insert) --` and `recording @q`; the command line as typed (`:2`, `:.,.+2` for `3:`),
//! which stays after the command ran, and `:w`'s `"file.txt" 3L, 20B written`; the messages
//! of commands the engine models: `3 fewer lines` / `3 more lines` (deletes and puts of more
//! than `report=2` lines), `3 lines yanked` (`into "a`, `block of`), `3 lines changed` and
//! `3 lines >ed 1 time` (`gUU`, `>>`, and with a `j`/`k`/`G`/`gg` motion), `--No lines in buffer--`,
//! `E353: Nothing in register x`, `E20: Mark not set`, `E748: No previously used register`;
//! and searches typed in Normal mode without a count: `/two`, `?two`, `/\<two\>`,
//! `search hit BOTTOM, continuing at TOP`, `E486: Pattern not found: x`, with the echo
//! cleared when the window scrolls by a few rows. Anything else (undo's messages, counted
//! searches and searches as an operator's motion, case and shift operators with other
//! motions ...) is not drawn: the row stays as it was.

use super::draw::{DrawError, Window};
use super::screen::Screen;
use crate::engine::{state_after, Error, Mode, Vim};
use crate::keys::{format_keys, Key};

/// Why the emulator has no screen for a program.
#[derive(Debug, thiserror::Error)]
pub enum ScreenError {
    /// The engine refused the program (or it has no result).
    #[error(transparent)]
    Engine(#[from] Error),
    /// The engine ran it, but drawing it is not modelled.
    #[error(transparent)]
    Draw(#[from] DrawError),
}

impl ScreenError {
    /// Short machine-readable kind for JSON reports.
    pub fn kind(&self) -> &'static str {
        match self {
            ScreenError::Engine(e) => e.kind(),
            ScreenError::Draw(_) => "unsupported-screen",
        }
    }
}

/// The emulator with the screen it shows.
pub struct EmuTerminal {
    vim: Vim,
    window: Window,
    width: usize,
    height: usize,
    last_row: String,
    /// The mode indicator last drawn (what leaving a mode clears).
    shown_mode: String,
    keys_fed: Vec<Key>,
    /// The last search as this screen saw it typed: pattern, direction, whole word (`*`);
    /// `None` also when a search it did not follow (a count, an operator) came after it.
    last_search: Option<(String, bool, bool)>,
    /// The keys of an operator waiting for its motion (`3d`, `"ay`): the engine reports the
    /// operator and its motion as two commands; the messages need both.
    op_keys: Vec<Key>,
    /// The file is `fileformat=dos` (its write message is not modelled).
    dos: bool,
}

impl EmuTerminal {
    /// The emulator on a file with these bytes, on a screen of `width` x `height`, showing
    /// what Vim shows right after start-up.
    pub fn new(source: &[u8], width: usize, height: usize) -> Result<EmuTerminal, ScreenError> {
        let vim = state_after(source, &[])?;
        let last_row = startup_message(source, &vim).unwrap_or_default();
        let dos = is_dos(source);
        Ok(EmuTerminal {
            vim,
            window: Window::new(width, height),
            width,
            height,
            last_row,
            shown_mode: String::new(),
            keys_fed: Vec::new(),
            last_search: None,
            op_keys: Vec::new(),
            dos,
        })
    }

    /// The engine's state.
    pub fn vim(&self) -> &Vim {
        &self.vim
    }

    /// Type one key and bring the screen up to date.
    pub fn type_key(&mut self, key: Key) -> Result<(), ScreenError> {
        let waiting_before = self.vim.pending_keys();
        let before = self.vim.clone();
        let before_screen = self.window.draw(&before)?.0;
        self.vim.feed(std::slice::from_ref(&key))?;
        self.keys_fed.push(key);
        if self.vim.has_quit() {
            return Ok(());
        }
        let waiting = self.vim.pending_keys();
        let finished: Option<Vec<Key>> = waiting.is_empty().then(|| {
            let mut command = waiting_before.clone();
            command.push(key);
            command
        });
        let top_before = self.window.topline;
        if let Some(command) = &finished {
            self.scroll_command(&before, command)?;
        }
        self.window.follow_cursor(&self.vim)?;
        if let Some(command) = &finished {
            if matches!(before.mode(), Mode::Normal | Mode::OperatorPending) && self.vim.mode() == Mode::Normal {
                let mut whole = std::mem::take(&mut self.op_keys);
                whole.extend_from_slice(command);
                self.after_normal_command(&before, &before_screen, &whole, top_before)?;
            } else if command.iter().any(|k| matches!(k, Key::Char('/' | '?' | '*' | '#' | 'n' | 'N'))) {
                // A search in Visual or Insert mode: `n` would repeat a search not followed.
                self.last_search = None;
            }
        }
        match (&finished, self.vim.mode()) {
            (Some(command), Mode::OperatorPending) => self.op_keys.extend_from_slice(command),
            (_, Mode::OperatorPending) => {}
            _ => self.op_keys.clear(),
        }
        let mode = mode_indicator(&self.vim);
        if mode.starts_with("-- VISUAL") && self.shown_mode.starts_with("-- (") {
            // Visual mode started from Insert mode's <C-o> shows `-- (insert) VISUAL --`,
            // which the engine's state does not tell.
            return Err(DrawError("Visual mode started from Insert mode".into()).into());
        }
        if mode != self.shown_mode {
            // showmode() draws the mode and clears the rest of the row; leaving a mode clears
            // the row.
            self.last_row = mode.clone();
            self.shown_mode = mode;
        }
        Ok(())
    }

    /// `zt`, `zz`, `zb` typed in Normal mode (in a macro they are not seen: refused).
    fn scroll_command(&mut self, before: &Vim, command: &[Key]) -> Result<(), ScreenError> {
        if !matches!(before.mode(), Mode::Normal) {
            return Ok(());
        }
        let text = format_keys(command);
        let body = text.trim_start_matches(|c: char| c.is_ascii_digit());
        match body {
            "zt" => self.window.cursor_to_top(&self.vim),
            "zz" => self.window.scroll_halfway(&self.vim, true)?,
            "zb" => self.window.scroll_bottom(&self.vim)?,
            _ if body.contains('@') && self.keys_fed.contains(&Key::Char('z')) => {
                return Err(DrawError("scrolling inside a macro".into()).into())
            }
            _ => {}
        }
        Ok(())
    }

    /// The last row after a Normal-mode command that ran to its end.
    fn after_normal_command(&mut self, before: &Vim, before_screen: &[String], command: &[Key], top_before: usize) -> Result<(), ScreenError> {
        let text = format_keys(command);
        // A count may come before the register (`2"ap`), after it, or both (multiplied).
        let digits = |t: &str| t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (first, rest) = text.split_at(digits(&text));
        let (register, rest) = split_register(rest);
        let (second, body) = rest.split_at(digits(rest));
        let count: usize = match (first.parse::<usize>().ok(), second.parse::<usize>().ok()) {
            (Some(a), Some(b)) => a.saturating_mul(b),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => 0,
        };
        let old_lines = before.lines().len();
        let new_lines = self.vim.lines().len();
        let empty_now = new_lines == 1 && self.vim.lines()[0].is_empty();
        if let Some(line) = body.strip_prefix(':') {
            // The command line stays as typed after it ran.
            let line = line.strip_suffix("<CR>").unwrap_or(line);
            self.last_row = format!(":{}{}", count_range(count), line.replace("<lt>", "<"));
            if count == 0 && line == "w" && !self.dos {
                // msg_add_lines(): the file's lines and bytes as written ('fixeol' adds the
                // missing newline, so no `[noeol]`).
                // An empty buffer is written as an empty file.
                let (new_lines, bytes) = if empty_now { (0, 0) } else { (new_lines, self.vim.text().len()) };
                self.last_row = format!("\"file.txt\" {new_lines}L, {bytes}B written");
            }
            return Ok(());
        }
        if matches!(body, "n" | "N") && self.last_search.is_none() {
            // No search pattern yet. Only vouched for when nothing typed before could have set
            // one (a search, `*`, `&`, an ex command, a macro, `g*`, `gd`).
            let typed_before = &self.keys_fed[..self.keys_fed.len() - command.len()];
            if !typed_before.iter().any(|k| matches!(k, Key::Char('/' | '?' | '*' | '#' | '&' | ':' | '@' | 'g'))) {
                self.last_row = "E35: No previous regular expression".into();
                return Ok(());
            }
        }
        if let Some(message) = self.search_message(before, count > 0 || register.is_some(), body, top_before) {
            self.last_row = message;
            return Ok(());
        }
        if body == "<C-r>" && self.vim.recording().is_none() {
            // u_doit(): redo with nothing undone. Only vouched for when nothing typed before
            // could have undone a change (`u`, `U`, `g-`, a macro, an ex command).
            let typed_before = &self.keys_fed[..self.keys_fed.len() - command.len()];
            if !typed_before.iter().any(|k| matches!(k, Key::Char('u' | 'U' | 'g' | '@' | ':'))) {
                self.last_row = "Already at newest change".into();
                return Ok(());
            }
        }
        if body == "@@" && self.vim.recording().is_none() {
            // do_execreg(): `@@` before any register was executed. Typed `@` before this
            // command could have set one, so only a first `@` is vouched for.
            let typed_before = &self.keys_fed[..self.keys_fed.len() - command.len()];
            if !typed_before.contains(&Key::Char('@')) {
                self.last_row = "E748: No previously used register".into();
                return Ok(());
            }
        }
        let is_put = matches!(body, "p" | "P" | "gp" | "gP");
        // Where a linewise put or `dd` changed the text is known (the common tail of the
        // texts can say otherwise when the lines equal the ones after them). Vim's
        // `win_update()` scrolls only when an old line numbered from `changed_lines()`'s
        // `mod_bot` on (the first changed line plus the lines added) was on screen.
        let linewise_put = is_put && before.register(register.unwrap_or('"')).is_some_and(|r| r.kind == crate::engine::RegKind::Line);
        let cursor_line = before.cursor().line;
        let put_at = if linewise_put && new_lines > old_lines {
            let added = new_lines - old_lines;
            Some(cursor_line + usize::from(!body.ends_with('P')) + added)
        } else if body == "dd" && new_lines < old_lines {
            Some(cursor_line + (old_lines - new_lines))
        } else {
            None
        };
        let after_rows = self.window.draw(&self.vim)?.0;
        if lines_scrolled(before, &self.vim, before_screen, &after_rows, top_before, self.width, put_at) {
            self.last_row.clear();
        }
        let plain = !text.contains(['@', 'u', '.', 'J']) && !text.contains("<C-r>");
        if is_put && self.vim.lines() == before.lines() && self.vim.cursor() == before.cursor() {
            let name = register.unwrap_or('"');
            if before.register(name).is_none() {
                self.last_row = format!("E353: Nothing in register {name}");
            }
            return Ok(());
        }
        // A jump to a mark, alone or as an operator's motion (`d'a`).
        let operators = ["d", "c", "y", "<", ">", "=", "g~", "gu", "gU", "g?", "gq", "gw"];
        let jump = operators.iter().find_map(|op| body.strip_prefix(op)).filter(|rest| rest.chars().count() == 2).unwrap_or(body);
        if let Some(mark) = jump.strip_prefix(['`', '\'']).and_then(|m| m.chars().next()).filter(|_| jump.chars().count() == 2) {
            if mark.is_ascii_lowercase() && before.mark(mark).is_none() {
                self.last_row = "E20: Mark not set".into();
            }
            return Ok(());
        }
        // Deleting the only line is linewise; a characterwise delete that empties it leaves
        // an empty line without a message.
        let deletes_lines = matches!(body, "dd" | "d_" | "dG" | "dgg");
        if empty_now && old_lines > 1 || empty_now && !before.lines()[0].is_empty() && deletes_lines && old_lines == 1 {
            if plain || body == "." {
                self.last_row = "--No lines in buffer--".into();
            }
            return Ok(());
        }
        if (plain || body == ".") && old_lines.abs_diff(new_lines) > 2 {
            let n = old_lines.abs_diff(new_lines);
            self.last_row = if new_lines < old_lines { format!("{n} fewer lines") } else { format!("{n} more lines") };
            return Ok(());
        }
        let doubled_case = ["g~~", "g~g~", "gUU", "gUgU", "guu", "gugu", "g??", "g?g?"];
        let doubled_shift = [(">>", '>'), ("<lt><lt>", '<')];
        let region = if doubled_case.contains(&body) || doubled_shift.iter().any(|(b, _)| *b == body) {
            // Count lines from the cursor, as many as there are.
            Some((count.max(1).min(old_lines - before.cursor().line), doubled_shift.iter().find(|(b, _)| *b == body).map(|(_, op)| *op)))
        } else {
            linewise_region(body, count, before.cursor().line, old_lines)
        };
        if let Some((lines, shift)) = region {
            // op_tilde() and op_shift(): the lines of the region, when more than 'report'.
            if lines > 2 && new_lines == old_lines {
                self.last_row = match shift {
                    Some(op) => format!("{lines} lines {op}ed 1 time"),
                    None => format!("{lines} lines changed"),
                };
            }
            return Ok(());
        }
        if plain && (body.starts_with('y') || body == "Y") && !register.is_some_and(|r| r.is_ascii_uppercase()) {
            if let Some(reg) = self.vim.register(register.unwrap_or('"')) {
                // op_yank() names the register it was given.
                let into = register.map_or(String::new(), |r| format!(" into \"{r}"));
                let lines = reg.lines.len();
                // op_yank(): the region's line count, for a characterwise yank too.
                match reg.kind {
                    crate::engine::RegKind::Line | crate::engine::RegKind::Char if lines > 2 => {
                        self.last_row = format!("{lines} lines yanked{into}");
                    }
                    crate::engine::RegKind::Block(_) if lines > 2 => self.last_row = format!("block of {lines} lines yanked{into}"),
                    _ => {}
                }
            }
            return Ok(());
        }
        Ok(())
    }

    /// What a Normal-mode search command shows on the last row: the pattern as typed
    /// (`/two`, `?two`, `/\<two\>` after `*`), `search hit BOTTOM, continuing at TOP` (or TOP
    /// / BOTTOM backwards) when it wrapped, `E486: Pattern not found: x` when nothing
    /// matches. `None` for other commands and for searches not vouched for: with a count or a
    /// register, after a search not followed, `#`, and when the window scrolled (redrawing
    /// may clear the row).
    fn search_message(&mut self, before: &Vim, counted: bool, body: &str, top_before: usize) -> Option<String> {
        let typed = |prefix: char| body.strip_prefix(prefix).and_then(|rest| rest.strip_suffix("<CR>")).filter(|p| !p.contains('<'));
        let (pattern, forward, whole_word) = match body {
            "n" | "N" => {
                let (pattern, forward, whole_word) = self.last_search.clone()?;
                (pattern, forward == (body == "n"), whole_word)
            }
            "*" => {
                // The word now under the cursor (the match); the engine takes ASCII words only.
                let line = &self.vim.lines()[self.vim.cursor().line];
                let word: String = line[self.vim.cursor().col..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if word.is_empty() {
                    self.last_search = None;
                    return None;
                }
                (word, true, true)
            }
            _ => match (typed('/'), typed('?')) {
                (Some(p), _) | (_, Some(p)) => {
                    let forward = body.starts_with('/');
                    if p.is_empty() {
                        let (pattern, _, whole_word) = self.last_search.clone()?;
                        (pattern, forward, whole_word)
                    } else {
                        (p.to_string(), forward, false)
                    }
                }
                _ => {
                    if body.contains(['/', '?', '*', '#', 'n', 'N']) {
                        // A search this screen does not follow may have set the pattern.
                        self.last_search = None;
                    }
                    return None;
                }
            },
        };
        self.last_search = Some((pattern.clone(), forward, whole_word));
        if counted {
            return None;
        }
        // Scrolling the window clears the row the echoed pattern is on (see
        // `scroll_clears_row`); the wrap message is a kept message, shown again after.
        let cleared = self.scroll_clears_row(before, top_before)?;
        if !whole_word && !self.vim.lines().iter().any(|l| l.contains(pattern.as_str())) {
            return Some(format!("E486: Pattern not found: {pattern}"));
        }
        let (old, new) = (before.cursor(), self.vim.cursor());
        let (old, new) = ((old.line, old.col), (new.line, new.col));
        let wrapped = if forward { new <= old } else { new >= old };
        Some(match (wrapped, forward) {
            (true, true) => "search hit BOTTOM, continuing at TOP".into(),
            (true, false) => "search hit TOP, continuing at BOTTOM".into(),
            (false, _) if cleared => String::new(),
            (false, _) => {
                let shown = if whole_word { format!("\\<{pattern}\\>") } else { pattern };
                format!("{}{shown}", if forward { '/' } else { '?' })
            }
        })
    }

    /// Does moving the window's top line from `old_top` to where it is now, the text
    /// unchanged, clear the last row? Vim's `win_update()` scrolls the rows that stay on
    /// screen (by `win_ins_lines()` when the top moved up by less than the window's height
    /// less 2, by `win_del_lines()` when the new top line was on screen), and scrolling sets
    /// `clear_cmdline`; a jump further away redraws every row and leaves the last row alone.
    /// `None` when the new top line was the partly shown last line, or when so many rows
    /// scroll that Vim clears the whole screen instead (not vouched for).
    fn scroll_clears_row(&self, vim: &Vim, old_top: usize) -> Option<bool> {
        let new_top = self.window.topline;
        let height = self.window.height;
        let rows = |from: usize, to: usize| -> Option<usize> {
            (from..to).map(|l| super::draw::layout_line(&vim.lines()[l], self.width).ok().map(|x| x.rows.len())).sum()
        };
        if new_top == old_top {
            return Some(false);
        }
        // `win_do_lines()`: scrolling all but a few of the screen's rows clears the screen
        // instead (whether the row is drawn again then was not checked: not vouched for).
        let scrolls = |rows: usize| (self.height.saturating_sub(rows) >= 5).then_some(true);
        if new_top < old_top {
            let lines = old_top - new_top;
            let rows = rows(new_top, old_top)?;
            if lines + 2 >= height || rows + 2 >= height {
                return Some(false);
            }
            return scrolls(rows);
        }
        // Was the new top line shown whole before? The rows above it are scrolled away.
        let above = rows(old_top, new_top)?;
        let own = rows(new_top, new_top + 1)?;
        if above + own <= height {
            return scrolls(above);
        }
        if above < height {
            return None;
        }
        Some(false)
    }

    /// The screen now.
    pub fn screen(&self) -> Result<Screen, ScreenError> {
        let (mut rows, cursor) = self.window.draw(&self.vim)?;
        let last = self.last_row_now();
        let mut cursor = cursor.map(|(r, c)| (r as u16, c as u16)).unwrap_or((0, 0));
        if let Some(typed) = self.command_line_typed() {
            if unicode_width::UnicodeWidthStr::width(typed.as_str()) >= self.width {
                // Vim would scroll the screen to continue the command line on a new row.
                return Err(DrawError("a command line longer than the screen is wide".into()).into());
            }
            cursor = ((self.height - 1) as u16, typed.chars().count().min(self.width - 1) as u16);
        }
        if matches!(self.vim.mode(), Mode::Insert | Mode::Replace) {
            let pending = self.vim.pending_keys();
            if !pending.is_empty() {
                // edit_putchar(): a key waiting for the next one shows a marker at the cursor.
                let marker = match pending.as_slice() {
                    [k] if *k == Key::ctrl('r') => '"',
                    [k] if *k == Key::ctrl('v') => '^',
                    [k] if *k == Key::ctrl('k') => '?',
                    _ => return Err(DrawError(format!("Insert mode waiting after {}", format_keys(&pending))).into()),
                };
                let row = rows.get_mut(cursor.0 as usize).ok_or_else(|| DrawError("the cursor below the window".into()))?;
                put_cell(row, cursor.1 as usize, marker)?;
            }
        }
        rows.push(last);
        Ok(Screen { rows, cursor })
    }

    /// The last row, with a command line being typed over it.
    fn last_row_now(&self) -> String {
        self.command_line_typed().unwrap_or_else(|| self.last_row.clone())
    }

    /// A `:` command line still being typed, as Vim shows it.
    fn command_line_typed(&self) -> Option<String> {
        if self.vim.mode() != Mode::Normal {
            return None;
        }
        let text = format_keys(&self.vim.pending_keys());
        let (_, body) = split_register(&text);
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let count: usize = body[..digits].parse().unwrap_or(0);
        let line = body[digits..].strip_prefix(':')?;
        Some(format!(":{}{}", count_range(count), line.replace("<lt>", "<")))
    }

    /// The keys typed so far.
    pub fn keys_typed(&self) -> &[Key] {
        &self.keys_fed
    }
}

/// The lines a case or shift operator with a linewise `j`, `k`, `G` or `gg` motion works on
/// (`gU2j`, `>G`), and the shift's direction; `None` for other commands, and when the
/// motion fails (`j` on the last line), as then nothing runs.
fn linewise_region(body: &str, count: usize, cursor: usize, lines: usize) -> Option<(usize, Option<char>)> {
    let ops = [("g~", None), ("gu", None), ("gU", None), ("g?", None), (">", Some('>')), ("<lt>", Some('<'))];
    let (rest, shift) = ops.iter().find_map(|(op, shift)| body.strip_prefix(op).map(|rest| (rest, *shift)))?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (inner, motion) = rest.split_at(digits);
    let inner: usize = inner.parse().unwrap_or(0);
    let n = count.max(1).saturating_mul(inner.max(1));
    let explicit = count > 0 || inner > 0;
    let last = lines.checked_sub(1)?;
    let (from, to) = match motion {
        "j" if cursor < last => (cursor, cursor.saturating_add(n).min(last)),
        "k" if cursor > 0 => (cursor.saturating_sub(n), cursor),
        "G" => {
            let target = if explicit { (n - 1).min(last) } else { last };
            (cursor.min(target), cursor.max(target))
        }
        "gg" => {
            let target = if explicit { (n - 1).min(last) } else { 0 };
            (cursor.min(target), cursor.max(target))
        }
        _ => return None,
    };
    Some((to - from + 1, shift))
}

/// Show `marker` in the cell `cell` of `row` (a single-width character or a blank there).
fn put_cell(row: &mut String, cell: usize, marker: char) -> Result<(), DrawError> {
    let mut out = String::with_capacity(row.len() + cell);
    let (mut col, mut done) = (0usize, false);
    for ch in row.chars() {
        let width = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(1);
        if !done && col + width > cell {
            if col != cell || width != 1 {
                return Err(DrawError("a marker over a double-width character".into()));
            }
            out.push(marker);
            done = true;
        } else {
            out.push(ch);
        }
        col += width;
    }
    if !done {
        out.extend(std::iter::repeat_n(' ', cell.saturating_sub(col)));
        out.push(marker);
    }
    *row = out;
    Ok(())
}

/// `N:` starts the command line with a range: `.` for 1, `.,.+N-1` for more.
fn count_range(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => ".".into(),
        n => format!(".,.+{}", n - 1),
    }
}

/// `"x` in front of a command: the register and the rest.
fn split_register(text: &str) -> (Option<char>, &str) {
    let mut chars = text.chars();
    if chars.next() == Some('"') {
        if let Some(name) = chars.next() {
            return (Some(name), &text[1 + name.len_utf8()..]);
        }
    }
    (None, text)
}

/// Did the screen update scroll buffer lines (lines after the change moved to other rows)?
/// Vim then clears the message row (`win_do_lines()`: "the message on the command line
/// should be cleared, otherwise it will stay there forever").
/// `top` is the window's top line before the command; `first_after`, when known, the first
/// line (in the old text) after the change.
fn lines_scrolled(before: &Vim, after: &Vim, old_rows: &[String], new_rows: &[String], top: usize, width: usize, first_after: Option<usize>) -> bool {
    let (old, new) = (before.lines(), after.lines());
    if old.len() == new.len() || old_rows == new_rows {
        return false;
    }
    // The lines after the change that survive it: the common tail.
    let tail = old.iter().rev().zip(new.iter().rev()).take_while(|(a, b)| a == b).count();
    let first_tail_old = first_after.unwrap_or(old.len() - tail);
    if first_tail_old >= old.len() {
        return false;
    }
    // Were any of them on screen before? (Filler `~` rows below the text are not scrolled.)
    let shown_rows: usize = old_rows.iter().take_while(|r| r.as_str() != "~" && r.as_str() != "@").count();
    let mut row = 0;
    for (lnum, line) in old.iter().enumerate().skip(top) {
        if lnum >= first_tail_old {
            return row < shown_rows;
        }
        row += super::draw::layout_line(line, width).map_or(1, |l| l.rows.len());
    }
    false
}

/// The mode Vim's `showmode()` draws for this state.
fn mode_indicator(vim: &Vim) -> String {
    let mut text = match vim.mode_code() {
        "i" => "-- INSERT --",
        "R" => "-- REPLACE --",
        "niI" | "noI" => "-- (insert) --",
        "niR" => "-- (replace) --",
        "v" => "-- VISUAL --",
        "V" => "-- VISUAL LINE --",
        "\u{16}" => "-- VISUAL BLOCK --",
        _ => "",
    }
    .to_string();
    if let Some(name) = vim.recording() {
        text.push_str(&format!("recording @{name}"));
    }
    text
}

/// The message Vim shows after reading the file (`fileinfo()`); `None` where it was not
/// checked against Vim (a file read as latin1).
fn startup_message(source: &[u8], vim: &Vim) -> Option<String> {
    std::str::from_utf8(source).ok()?;
    let lines = if source.is_empty() { 0 } else { vim.lines().len() };
    let noeol = !source.is_empty() && !source.ends_with(b"\n");
    let flags = match (is_dos(source), noeol) {
        (false, false) => "",
        (true, false) => "[dos] ",
        (false, true) => "[noeol] ",
        // Not checked against Vim.
        (true, true) => return None,
    };
    Some(format!("\"file.txt\" {flags}{lines}L, {}B", source.len()))
}

/// Vim's `fileformats=unix,dos` choice: every line ends in CR LF.
fn is_dos(source: &[u8]) -> bool {
    let mut saw_line = false;
    for line in source.split_inclusive(|&b| b == b'\n') {
        if line.ends_with(b"\n") {
            if !line.ends_with(b"\r\n") {
                return false;
            }
            saw_line = true;
        }
    }
    saw_line
}

/// The emulator's screen after each key of `keys` (the first is the screen at start-up),
/// or the first reason it has none. Stops after a key that quits Vim.
pub fn screens(source: &[u8], keys: &[Key], width: usize, height: usize) -> Result<Vec<Screen>, ScreenError> {
    let mut term = EmuTerminal::new(source, width, height)?;
    let mut out = vec![term.screen()?];
    for &key in keys {
        term.type_key(key)?;
        if term.vim().has_quit() {
            break;
        }
        out.push(term.screen()?);
    }
    Ok(out)
}

/// The emulator's screen after the whole program; `None` when the program quit Vim.
pub fn final_screen(source: &[u8], keys: &[Key], width: usize, height: usize) -> Result<Option<Screen>, ScreenError> {
    let mut term = EmuTerminal::new(source, width, height)?;
    for &key in keys {
        term.type_key(key)?;
        if term.vim().has_quit() {
            return Ok(None);
        }
    }
    term.screen().map(Some)
}

#[cfg(test)]
mod tests {
    //! Screens real Vim showed for these programs (`vimdata diff --screen`, 80x24).
    use super::*;
    use crate::keys::parse_notation;

    fn screen(source: &str, keys: &str) -> Screen {
        final_screen(source.as_bytes(), &parse_notation(keys), 80, 24).expect("drawn").expect("a screen")
    }

    const TEXT: &str = "one two three\nfour two five\nsix\nseven two\n";

    #[test]
    fn searches_show_the_pattern_the_wrap_or_the_error() {
        assert_eq!(screen(TEXT, "/two<CR>").last_row(), "/two");
        assert_eq!(screen(TEXT, "/two<CR>n").last_row(), "/two");
        assert_eq!(screen(TEXT, "/two<CR>N").last_row(), "search hit TOP, continuing at BOTTOM");
        assert_eq!(screen(TEXT, "w*").last_row(), "/\\<two\\>");
        assert_eq!(screen(TEXT, "G$/one<CR>").last_row(), "search hit BOTTOM, continuing at TOP");
        assert_eq!(screen(TEXT, "gg?two<CR>").last_row(), "search hit TOP, continuing at BOTTOM");
        assert_eq!(screen(TEXT, "/zzz<CR>").last_row(), "E486: Pattern not found: zzz");
    }

    #[test]
    fn scrolling_down_centres_when_far_and_clears_the_echo_when_near() {
        let long: String = (0..60).map(|i| format!("line {i}\n")).collect();
        let near = screen(&long, "/line 30<CR>");
        assert_eq!((near.rows[0].as_str(), near.last_row()), ("line 8", ""));
        let far = screen(&long, "/line 35<CR>");
        assert_eq!((far.rows[0].as_str(), far.last_row()), ("line 24", "/line 35"));
    }

    #[test]
    fn messages_of_writes_yanks_and_waiting_keys() {
        assert_eq!(screen("hello world\n", ":w<CR>yyp").last_row(), "\"file.txt\" 1L, 12B written");
        assert_eq!(screen("a\nb\nc\nd\n", "\"ay2j").last_row(), "3 lines yanked into \"a");
        assert_eq!(screen("hello world\n", "x:w<CR>").last_row(), "\"file.txt\" 1L, 11B written");
        assert_eq!(screen(TEXT, "@@").last_row(), "E748: No previously used register");
        assert_eq!(screen(TEXT, "ix<C-r>").rows[0], "x\"ne two three");
        let six = "one\n\ttwo\nthree\nfour\n\nsix\n";
        assert_eq!(screen(six, "3>>").last_row(), "3 lines >ed 1 time");
        assert_eq!(screen(six, "5<lt><lt>").last_row(), "5 lines <ed 1 time");
        assert_eq!(screen(six, "9guu").last_row(), "6 lines changed");
        let seven = "one\n\ttwo\nthree\nfour\n\nsix\nseven\n";
        assert_eq!(screen(seven, "jjgUgg").last_row(), "3 lines changed");
        assert_eq!(screen(seven, "gU9j").last_row(), "7 lines changed");
        assert_eq!(screen(seven, "j>2j").last_row(), "3 lines >ed 1 time");
    }
}
