//! The window on the contract's 80×24 screen, as far as commands depend on it: `H`, `M`, `L`,
//! `<C-d>`, `<C-u>`, `<C-f>` and `<C-b>` (Vim's `nv_scroll()`, `halfpage()` and `onepage()`)
//! read which lines are shown.
//!
//! Vim starts with line 1 at the top of the window (23 rows of text, 80 columns, `wrap` on,
//! `scrolloff=0`) and scrolls only when the cursor's line leaves the window or a command
//! scrolls on purpose. So the engine knows the top line as long as, after every command and
//! typed key, the cursor's line is wholly inside the window; when it may not be (or after
//! `zt`, `zz`, `zb`, which the engine does not model), the top line is unknown and the
//! commands that need it are refused. `apply` turns the tracking off for a program that has
//! none of those keys, so it costs nothing there.

use super::chars;
use super::command::Cmd;
use super::motion::Motion;
use super::{Flow, Pos, Res, Vim};
use crate::keys::{Key, Shiftable, Special};

/// Rows of text in the window (the 24th row is the command line).
pub(crate) const WINDOW_ROWS: usize = 23;
/// Screen columns, the width at which lines wrap.
pub(crate) const WINDOW_COLUMNS: usize = 80;

/// What the engine knows of the window.
#[derive(Clone, Debug)]
pub(crate) struct Screen {
    /// The first line shown (0-based), while it is known.
    top: Option<usize>,
    /// The text generation and cursor line when `top` was last confirmed: unchanged, it needs
    /// no new check.
    checked: Option<(u64, usize)>,
    /// The `'scroll'` option (the window's `w_p_scr`): half the window, or the last count
    /// given to `<C-d>` or `<C-u>`.
    scroll: usize,
}

impl Default for Screen {
    fn default() -> Screen {
        // win_comp_scroll(): half the window height.
        Screen { top: Some(0), checked: None, scroll: WINDOW_ROWS / 2 }
    }
}

impl Screen {
    /// Forget the top line: the commands that need it are refused from now on.
    pub(crate) fn forget(&mut self) {
        self.top = None;
    }
}

/// Keys whose result depends on the window: a program without them needs no tracking.
pub(crate) fn reads_window(key: Key) -> bool {
    matches!(key, Key::Char('H' | 'M' | 'L' | '\x04' | '\x15' | '\x06' | '\x02'))
        || matches!(
            key,
            Key::Special(Special::PageUp | Special::PageDown | Special::Shifted(Shiftable::Up | Shiftable::Down))
        )
}

impl Vim {
    /// After a command or typed key: keep the top line only while the cursor's line is wholly
    /// in the window (Vim's update_topline() then leaves it alone).
    pub(crate) fn confirm_window(&mut self) {
        let Some(top) = self.screen.top else { return };
        let now = (self.buf.changes, self.cur.line);
        if self.screen.checked == Some(now) {
            return;
        }
        let mut rows = 0;
        let cursor_visible = self.cur.line >= top
            && (top..=self.cur.line).all(|lnum| {
                // The cursor may sit just past the end of its line (Insert mode), which
                // takes a column of its own: count one more, to stay on the safe side.
                let extra = usize::from(lnum == self.cur.line);
                match self.line_width(lnum) {
                    Some(width) => {
                        rows += rows_for(width + extra);
                        rows <= WINDOW_ROWS
                    }
                    None => false,
                }
            });
        if cursor_visible {
            self.screen.checked = Some(now);
        } else {
            self.screen.top = None;
        }
    }

    /// The window's top line, or a refusal naming `key`.
    fn window_top(&self, key: Key) -> Res<usize> {
        self.screen.top.ok_or_else(|| self.unsupported(key, "a command that depends on which lines the window shows, after it may have scrolled"))
    }

    /// Display width of a line in screen cells; `None` when the engine cannot vouch for its
    /// rows (a double-width character that may not fit at the end of a row).
    fn line_width(&self, lnum: usize) -> Option<usize> {
        let mut vcol = 0;
        let mut wide = false;
        for c in self.line(lnum).chars() {
            let cells = chars::cells(c, vcol)?;
            wide |= cells > 1 && c != '\t';
            vcol += cells;
        }
        // win_lbr_chartabsize() pads a row whose last cell a double-width character would
        // straddle; not modelled.
        (!wide || vcol < WINDOW_COLUMNS).then_some(vcol)
    }

    /// Vim's `plines()`: screen rows of a line, at most the window's height.
    fn plines(&self, lnum: usize, key: Key) -> Res<usize> {
        let width = self.line_width(lnum).ok_or_else(|| self.unsupported(key, "the screen rows of a line with double-width characters that wraps"))?;
        Ok(rows_for(width).min(WINDOW_ROWS))
    }

    /// Vim's `comp_botline()` from the top line: the first line not wholly shown (0-based,
    /// possibly one past the last line) and the window's empty rows.
    fn botline(&self, top: usize, key: Key) -> Res<(usize, usize)> {
        let mut done = 0;
        let mut lnum = top;
        while lnum <= self.last_line() {
            let n = self.plines(lnum, key)?;
            if done + n > WINDOW_ROWS {
                break;
            }
            done += n;
            lnum += 1;
        }
        Ok((lnum, WINDOW_ROWS - done))
    }

    /// Vim's `cursor_correct()` with `scrolloff=0`: a cursor left outside the window goes to
    /// its first or last wholly shown line.
    fn cursor_correct(&self, line: usize, top: usize, key: Key) -> Res<usize> {
        let (botline, _) = self.botline(top, key)?;
        if line >= top && line < botline {
            return Ok(line);
        }
        // Vim's local botline is the last line wholly shown (1-based, 0 for none).
        if botline == 0 {
            return Ok(top);
        }
        let bottom = botline - 1;
        if top >= bottom {
            return Ok(if top == bottom { top } else { bottom });
        }
        if line < top && top > 0 {
            return Ok(top);
        }
        if line > bottom && botline <= self.last_line() {
            return Ok(bottom);
        }
        Ok(line)
    }
}

/// Rows a line of `width` cells takes with `wrap` (an empty line takes one).
fn rows_for(width: usize) -> usize {
    width.div_ceil(WINDOW_COLUMNS).max(1)
}

/// `H`, `M` and `L` (Vim's `nv_scroll()`): to a line counted from the top or bottom of the
/// window, or its middle; linewise, a jump, the cursor on the first non-blank.
pub(crate) fn window_line(vim: &mut Vim, cmd: &mut Cmd) -> Res<Motion> {
    let top = vim.window_top(cmd.key)?;
    let last = vim.last_line();
    let mut line = match cmd.key {
        Key::Char('L') => {
            let (botline, _) = vim.botline(top, cmd.key)?;
            // Vim's 1-based `w_botline - 1` is this 0-based botline; a count past the top goes
            // to line 1, not to the top of the window.
            if cmd.count1 - 1 >= botline { 0 } else { botline - cmd.count1 }
        }
        Key::Char('M') => {
            let (_, empty_rows) = vim.botline(top, cmd.key)?;
            let half = (WINDOW_ROWS - empty_rows + 1) / 2;
            let mut used = 0;
            let mut n = 0;
            while top + n < last {
                used += vim.plines(top + n, cmd.key)?;
                if used >= half {
                    break;
                }
                n += 1;
            }
            if n > 0 && used > WINDOW_ROWS {
                n -= 1;
            }
            (top + n).min(last)
        }
        _ => (top + cmd.count1 - 1).min(last),
    };
    // The cursor is corrected for 'scrolloff' unless an operator is pending (which may then
    // scroll the window: confirm_window() finds out).
    if vim.command.pending.is_none() {
        line = vim.cursor_correct(line, top, cmd.key)?;
    }
    Ok(vim.sol_motion(line)?.jump())
}

/// `<C-d>` and `<C-u>` (Vim's `nv_halfpage()` and `halfpage()`): scroll the window half a
/// screen (or `count` lines, which becomes the new `'scroll'`) and move the cursor as many
/// lines; at the end of the buffer only the cursor moves. Not a motion: under an operator it
/// beeps.
pub(crate) fn half_page(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let down = cmd.key == Key::Char('\x04');
    let last = vim.last_line();
    if (down && vim.cur.line == last) || (!down && vim.cur.line == 0) {
        return Err(Flow::Fail);
    }
    let mut top = vim.window_top(cmd.key)?;
    if cmd.count0 != 0 {
        vim.screen.scroll = cmd.count0.min(WINDOW_ROWS);
    }
    // Signed, as Vim's: a first line taller than the amount still scrolls once.
    let mut n = vim.screen.scroll.min(WINDOW_ROWS) as isize;
    let mut line = vim.cur.line;
    let mut scrolled = 0;
    if down {
        let (mut botline, mut room) = vim.botline(top, cmd.key)?;
        while n > 0 && botline <= last {
            let i = vim.plines(top, cmd.key)?;
            n -= i as isize;
            if n < 0 && scrolled > 0 {
                break;
            }
            top += 1;
            if line < last {
                line += 1;
            }
            scrolled += i;
            room += i;
            while botline <= last {
                let i = vim.plines(botline, cmd.key)?;
                if i > room {
                    break;
                }
                botline += 1;
                room -= i;
            }
        }
        if n > 0 {
            line = (line + n as usize).min(last);
        }
    } else {
        while n > 0 && top > 0 {
            let i = vim.plines(top - 1, cmd.key)?;
            n -= i as isize;
            if n < 0 && scrolled > 0 {
                break;
            }
            top -= 1;
            scrolled += i;
            line = line.saturating_sub(1);
        }
        if n > 0 {
            line = line.saturating_sub(n as usize);
        }
    }
    let line = vim.cursor_correct(line, top, cmd.key)?;
    vim.screen.top = Some(top);
    vim.beginline_sol(line, true)
}

/// `<C-f>`, `<C-b>` and their other keys `<PageDown>`, `<PageUp>`, `<S-Down>`, `<S-Up>` (Vim's
/// `nv_page()` and `onepage()` with `scrolloff=0` and `'window'` one less than the screen's
/// rows, so not Vi's scrolling): count pages forward, the top line going to the line below the
/// window less two lines of overlap (`get_scroll_overlap()`), or to the last line once it is
/// shown; back, the line above the window going to its bottom. The cursor goes to the new top
/// line (forward) or the old line above the window (back), corrected into the window, then to
/// its first non-blank. A page that cannot move beeps (after the pages that could); the cursor
/// then keeps its column. Not a motion: under an operator it beeps.
pub(crate) fn page(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let key = cmd.key;
    let forward = matches!(key, Key::Char('\x06') | Key::Special(Special::PageDown | Special::Shifted(Shiftable::Down)));
    let last = vim.last_line();
    if last == 0 {
        return Err(Flow::Fail);
    }
    let mut top = vim.window_top(key)?;
    let mut line = vim.cur.line;
    let mut moved = true;
    for _ in 0..cmd.count1 {
        let (botline, _) = vim.botline(top, key)?;
        if forward {
            if top >= last && botline > last {
                moved = false;
                break;
            }
            if botline > last {
                top = last;
            } else {
                top = vim.scroll_overlap(botline, false, key)?;
                line = top;
            }
        } else {
            if top == 0 {
                moved = false;
                break;
            }
            let bottom = vim.scroll_overlap(top - 1, true, key)?.min(last);
            line = bottom;
            // The line whose rows, with those down to the new bottom line, overfill the
            // window: the new top line is two below it.
            let mut above = bottom as isize;
            let mut rows = 0;
            while rows <= WINDOW_ROWS && above >= 0 {
                above -= 1;
                if above < 0 {
                    break;
                }
                rows += vim.plines(above as usize, key)?;
            }
            if above < 0 {
                top = 0;
            } else if above as usize + 2 >= top {
                // Always scroll at least one line.
                top -= 1;
                let (botline, _) = vim.botline(top, key)?;
                line = botline.saturating_sub(1);
            } else {
                top = above as usize + 2;
            }
        }
    }
    let line = vim.cursor_correct(line, top, key)?;
    vim.screen.top = Some(top);
    if moved {
        return vim.beginline_sol(line, true);
    }
    if line != vim.cur.line {
        if vim.set_curswant {
            // The wanted column stays as Vim last computed it, which may have been at a screen
            // update the engine does not see.
            return Err(vim.unsupported(key, "a page that moved and then failed while the wanted column was not yet computed"));
        }
        // check_cursor_col(): the byte column is kept within the new line (in Visual mode
        // it may rest on the line break); the wanted column is left as it was.
        let text = vim.line(line);
        let len = text.len();
        let visual = matches!(vim.mode, super::Mode::Visual | super::Mode::VisualLine | super::Mode::VisualBlock);
        let mut col = vim.cur.col;
        if len == 0 {
            col = 0;
        } else if col >= len {
            col = if visual { len } else { super::prev_boundary(text, len) };
        } else if !text.is_char_boundary(col) {
            return Err(vim.unsupported(key, "a page that failed with the column inside a character of another line"));
        }
        vim.cur = Pos::new(line, col);
    }
    Err(Flow::Fail)
}

impl Vim {
    /// Vim's `get_scroll_overlap()`: from `lnum` going up (or down with `down`), one or two
    /// lines of overlap between the pages when they are short enough, else none.
    fn scroll_overlap(&self, lnum: usize, down: bool, key: Key) -> Res<usize> {
        let min_height = WINDOW_ROWS - 2;
        let height = |l: isize| -> Res<Option<usize>> {
            if l < 0 || l as usize > self.last_line() {
                return Ok(None);
            }
            self.plines(l as usize, key).map(Some)
        };
        let step = if down { 1 } else { -1 };
        let start = lnum as isize;
        let Some(h1) = height(start)? else { return Ok(lnum) };
        if h1 > min_height {
            return Ok(lnum);
        }
        let one = start + step;
        let h2 = match height(one)? {
            Some(h) if h + h1 <= min_height => h,
            _ => return Ok(lnum),
        };
        let two = one + step;
        let h3 = match height(two)? {
            Some(h) if h + h2 <= min_height => h,
            _ => return Ok(lnum),
        };
        let h4 = height(two + step)?;
        let fits_two = h4.is_some_and(|h4| h4 + h3 + h2 <= min_height) && h3 + h2 + h1 <= min_height;
        Ok(if fits_two { two as usize } else { one as usize })
    }
}
