//! The emulator's window drawn as Vim draws it with the contract's options (`wrap`,
//! `nolist`, `nonumber`, `display=`, `tabstop=8`, `scrolloff=0`): each buffer line from the
//! window's top line wraps into rows of the screen's width, tabs and double-width characters
//! take their display cells (a double-width character that would straddle the right edge
//! leaves a `>` and moves to the next row), control characters show as `^X`, rows past the
//! last line show `~`, and a last line that does not fit shows `@` rows. The top line moves
//! by Vim's `update_topline()` rules and `zt`/`zz`/`zb`.

use crate::engine::{display_cells, Mode, Vim};

/// Why the emulator cannot draw a screen it would vouch for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot draw the screen: {0}")]
pub struct DrawError(pub String);

/// One buffer line laid out on screen rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineLayout {
    /// The rows the line takes (at least one), without trailing blanks.
    pub rows: Vec<String>,
    /// For each character: its byte index, row, first cell and cells.
    pub glyphs: Vec<Glyph>,
}

/// Where one character of a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyph {
    pub byte: usize,
    pub row: usize,
    pub col: usize,
    pub cells: usize,
    pub is_tab: bool,
}

/// Lay out `line` on rows of `width` cells.
pub fn layout_line(line: &str, width: usize) -> Result<LineLayout, DrawError> {
    let mut layout = LineLayout { rows: vec![String::new()], glyphs: Vec::with_capacity(line.len()) };
    let (mut vcol, mut col) = (0usize, 0usize);
    for (byte, c) in line.char_indices() {
        let cells = display_cells(c, vcol).ok_or_else(|| DrawError(format!("the display width of {c:?} (U+{:04X})", c as u32)))?;
        let code = c as u32;
        let text: String = match c {
            '\t' => " ".repeat(cells),
            _ if code < 0x20 => format!("^{}", char::from(code as u8 ^ 0x40)),
            '\x7f' => "^?".to_string(),
            _ if (0x80..0xa0).contains(&code) => format!("<{code:02x}>"),
            _ if unicode_width::UnicodeWidthChar::width(c) == Some(0) => {
                return Err(DrawError(format!("a zero-width character U+{code:04X}")))
            }
            _ => c.to_string(),
        };
        if cells > 1 && text.chars().count() == 1 && col + cells > width {
            // A double-width character never straddles the edge: Vim shows `>` there.
            let row = layout.rows.last_mut().expect("a row");
            pad_to(row, col, width - 1);
            row.push('>');
            layout.rows.push(String::new());
            col = 0;
        }
        let first_row = layout.rows.len() - 1;
        let first_col = col;
        if text.chars().count() == 1 {
            let row = layout.rows.last_mut().expect("a row");
            pad_to(row, col, col);
            row.push_str(&text);
            col += cells;
        } else {
            // Tabs, `^X` and `<xx>` are several single cells and may wrap in the middle.
            for ch in text.chars() {
                if col == width {
                    layout.rows.push(String::new());
                    col = 0;
                }
                let row = layout.rows.last_mut().expect("a row");
                row.push(ch);
                col += 1;
            }
        }
        layout.glyphs.push(Glyph { byte, row: first_row, col: first_col, cells, is_tab: c == '\t' });
        vcol += cells;
        if col >= width && line.len() > byte + c.len_utf8() {
            layout.rows.push(String::new());
            col = 0;
        }
    }
    for row in &mut layout.rows {
        let trimmed = row.trim_end_matches(' ').len();
        row.truncate(trimmed);
    }
    Ok(layout)
}

/// Pad `row` (holding `col` cells) with blanks up to `to` cells.
fn pad_to(row: &mut String, col: usize, to: usize) {
    for _ in col..to {
        row.push(' ');
    }
}

/// The text window: its size and the buffer line shown at its top.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub width: usize,
    /// Text rows (the screen's height less the command line).
    pub height: usize,
    /// 0-based line at the top.
    pub topline: usize,
}

impl Window {
    /// A window of the contract's 80x24 screen.
    pub fn new(width: usize, screen_height: usize) -> Window {
        Window { width, height: screen_height.saturating_sub(1).max(1), topline: 0 }
    }

    fn plines(&self, vim: &Vim, lnum: usize) -> Result<usize, DrawError> {
        Ok(layout_line(&vim.lines()[lnum], self.width)?.rows.len())
    }

    /// The first line not shown whole (Vim's `w_botline`, 0-based).
    fn botline(&self, vim: &Vim) -> Result<usize, DrawError> {
        let (mut used, mut lnum) = (0, self.topline);
        while lnum < vim.lines().len() {
            used += self.plines(vim, lnum)?;
            if used > self.height {
                break;
            }
            lnum += 1;
        }
        Ok(lnum)
    }

    /// Vim's `update_topline()` with `scrolloff=0`, `scrolljump=1`, no folds: scroll just
    /// enough when the cursor left the window by a little, centre it when by a lot.
    pub fn follow_cursor(&mut self, vim: &Vim) -> Result<(), DrawError> {
        let count = vim.lines().len();
        let cursor = vim.cursor().line;
        if count == 1 && vim.lines()[0].is_empty() {
            self.topline = 0;
            return Ok(());
        }
        let halfheight = (self.height / 2).saturating_sub(1).max(2);
        if cursor < self.topline {
            if self.topline - cursor >= halfheight {
                self.scroll_halfway(vim, false)?;
            } else {
                self.topline = cursor;
            }
            return Ok(());
        }
        let botline = self.botline(vim)?;
        if botline < count && cursor >= botline {
            if cursor - botline + 1 <= self.height + 1 {
                self.scroll_cursor_bot(vim, botline)?;
            } else {
                self.scroll_halfway(vim, false)?;
            }
        }
        Ok(())
    }

    /// Vim's `scroll_cursor_bot(1, FALSE)` for a cursor at or below `botline`: counts the
    /// rows the window must scroll, taking lines above the cursor and (whether needed or
    /// not) below it; when that runs past a screenful it centres the cursor line instead
    /// (`scroll_cursor_halfway(FALSE, TRUE)`), otherwise it scrolls by just enough lines.
    fn scroll_cursor_bot(&mut self, vim: &Vim, botline: usize) -> Result<(), DrawError> {
        let count = vim.lines().len();
        let cln = vim.cursor().line;
        let shown: usize = (self.topline..botline).map(|l| self.plines(vim, l)).sum::<Result<usize, DrawError>>()?;
        let empty_rows = self.height.saturating_sub(shown);
        let mut used = self.plines(vim, cln)?;
        let mut scrolled = 0usize;
        if cln >= botline {
            scrolled = used;
            if cln == botline {
                scrolled = scrolled.saturating_sub(empty_rows);
            }
        }
        let min_scroll = 1;
        let (mut loff, mut boff) = (cln, cln);
        while loff > 0 {
            if (scrolled >= min_scroll || scrolled == 0 || boff + 1 >= count) && loff <= botline {
                // 'scrolloff' is 0: `extra >= so` always holds.
                break;
            }
            loff -= 1;
            let h = self.plines(vim, loff)?;
            used += h;
            if used > self.height {
                break;
            }
            if loff >= botline {
                scrolled += h;
                if loff == botline {
                    scrolled = scrolled.saturating_sub(empty_rows);
                }
            }
            if boff + 1 < count {
                boff += 1;
                let h = self.plines(vim, boff)?;
                used += h;
                if used > self.height {
                    break;
                }
                if scrolled < min_scroll && boff >= botline {
                    scrolled += h;
                    if boff == botline {
                        scrolled = scrolled.saturating_sub(empty_rows);
                    }
                }
            }
        }
        let line_count = if scrolled == 0 {
            0
        } else if used > self.height {
            used
        } else {
            // The fewest lines from the top whose rows cover `scrolled`.
            let (mut rows, mut lines, mut lnum) = (0usize, 0usize, self.topline);
            while rows < scrolled && lnum < botline {
                rows += self.plines(vim, lnum)?;
                lnum += 1;
                lines += 1;
            }
            if rows < scrolled {
                9999
            } else {
                lines
            }
        };
        if line_count >= self.height && line_count > min_scroll {
            self.scroll_halfway_prefer(vim, false, true)
        } else {
            self.topline = (self.topline + line_count).min(count - 1);
            Ok(())
        }
    }

    /// `zt`: the cursor line at the top.
    pub fn cursor_to_top(&mut self, vim: &Vim) {
        self.topline = vim.cursor().line;
    }

    /// `zb` and scrolling down to the cursor: the cursor line at the bottom (as low as the
    /// top of the file allows).
    pub fn scroll_bottom(&mut self, vim: &Vim) -> Result<(), DrawError> {
        let cursor = vim.cursor().line;
        let mut used = self.plines(vim, cursor)?;
        let mut top = cursor;
        while top > 0 {
            let above = self.plines(vim, top - 1)?;
            if used + above > self.height {
                break;
            }
            used += above;
            top -= 1;
        }
        self.topline = top;
        Ok(())
    }

    /// Vim's `scroll_cursor_halfway()`: as many rows above the cursor line as below it
    /// (`zz` counts the `~` rows past the end as used, `at_end`).
    pub fn scroll_halfway(&mut self, vim: &Vim, at_end: bool) -> Result<(), DrawError> {
        self.scroll_halfway_prefer(vim, at_end, false)
    }

    /// [`Window::scroll_halfway`]; `prefer_above` adds a line above the cursor before one
    /// below (as `scroll_cursor_bot()` asks), instead of below first.
    fn scroll_halfway_prefer(&mut self, vim: &Vim, at_end: bool, prefer_above: bool) -> Result<(), DrawError> {
        let count = vim.lines().len();
        let cursor = vim.cursor().line;
        let (mut above, mut below) = (0usize, 0usize);
        let mut used = self.plines(vim, cursor)?;
        let (mut up, mut down) = (cursor, cursor);
        let mut top = cursor;
        'outer: while top > 0 {
            for round in 1..=2 {
                let add_below = if prefer_above { round == 2 && below < above } else { round == 1 && below <= above };
                if add_below {
                    if down + 1 < count {
                        down += 1;
                        let h = self.plines(vim, down)?;
                        used += h;
                        if used > self.height {
                            break 'outer;
                        }
                        below += h;
                    } else {
                        below += 1;
                        if at_end {
                            used += 1;
                        }
                    }
                }
                let add_above = if prefer_above { round == 1 && below >= above } else { round == 1 && below > above };
                if add_above {
                    if up == 0 {
                        break 'outer;
                    }
                    up -= 1;
                    let h = self.plines(vim, up)?;
                    used += h;
                    if used > self.height {
                        break 'outer;
                    }
                    above += h;
                    top = up;
                }
            }
        }
        self.topline = top;
        Ok(())
    }

    /// The window's rows and the cursor's cell in them (`None` when the cursor line is not
    /// shown).
    pub fn draw(&self, vim: &Vim) -> Result<(Vec<String>, Option<(usize, usize)>), DrawError> {
        let lines = vim.lines();
        let cur = vim.cursor();
        let mut rows: Vec<String> = Vec::with_capacity(self.height);
        let mut cursor = None;
        let mut lnum = self.topline.min(lines.len().saturating_sub(1));
        while rows.len() < self.height && lnum < lines.len() {
            let layout = layout_line(&lines[lnum], self.width)?;
            if rows.len() + layout.rows.len() > self.height {
                if rows.is_empty() {
                    return Err(DrawError("a line taller than the window".into()));
                }
                // display= (empty): a last line that does not fit shows as `@` rows.
                while rows.len() < self.height {
                    rows.push("@".into());
                }
                break;
            }
            if lnum == cur.line {
                let (row, col) = cursor_cell(vim, &layout, &lines[lnum], self.width)?;
                cursor = Some((rows.len() + row, col));
            }
            rows.extend(layout.rows);
            lnum += 1;
        }
        while rows.len() < self.height {
            rows.push("~".into());
        }
        Ok((rows, cursor))
    }
}

/// The cell the cursor shows in within its line's rows: on its character (the last cell of
/// a tab in Normal mode, as Vim's `getvcol()` puts it), after the last one in Insert mode.
fn cursor_cell(vim: &Vim, layout: &LineLayout, line: &str, width: usize) -> Result<(usize, usize), DrawError> {
    let col = vim.cursor().col;
    let insert_like = matches!(vim.mode(), Mode::Insert | Mode::Replace);
    if let Some(g) = layout.glyphs.iter().find(|g| g.byte == col) {
        let mut cell = g.col;
        if g.is_tab && !insert_like {
            cell = g.col + g.cells - 1;
        }
        let (row, cell) = (g.row + cell / width, cell % width);
        return Ok((row, cell));
    }
    if col < line.len() {
        return Err(DrawError("the cursor inside a character".into()));
    }
    let end = layout.glyphs.last().map_or((0, 0), |g| {
        let end = g.col + g.cells;
        (g.row + end / width, end % width)
    });
    if end.0 >= layout.rows.len() {
        return Err(DrawError("the cursor after a line that fills its last row".into()));
    }
    Ok(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_and_wide_characters_take_their_cells() {
        let layout = layout_line("\tx\u{65e5}\u{1}", 80).expect("layout");
        assert_eq!(layout.rows, vec!["        x\u{65e5}^A"]);
        let cols: Vec<usize> = layout.glyphs.iter().map(|g| g.col).collect();
        assert_eq!(cols, vec![0, 8, 9, 11]);
    }

    #[test]
    fn long_lines_wrap_and_wide_characters_leave_a_marker() {
        let layout = layout_line(&format!("{}\u{65e5}", "a".repeat(9)), 10).expect("layout");
        assert_eq!(layout.rows, vec!["aaaaaaaaa>".to_string(), "\u{65e5}".to_string()]);
        let exact = layout_line(&"b".repeat(10), 10).expect("layout");
        assert_eq!(exact.rows.len(), 1);
        let wrapped = layout_line(&"b".repeat(11), 10).expect("layout");
        assert_eq!(wrapped.rows, vec!["b".repeat(10), "b".to_string()]);
    }

    #[test]
    fn windows_show_filler_and_at_rows() {
        let vim = Vim::new("one\ntwo\n");
        let (rows, cursor) = Window::new(80, 5).draw(&vim).expect("draw");
        assert_eq!(rows, vec!["one", "two", "~", "~"]);
        assert_eq!(cursor, Some((0, 0)));
        let long = Vim::new(&format!("a\nb\nc\n{}\n", "x".repeat(100)));
        let (rows, _) = Window::new(80, 5).draw(&long).expect("draw");
        assert_eq!(rows, vec!["a", "b", "c", "@"]);
    }
}
