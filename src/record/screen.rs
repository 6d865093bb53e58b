//! A terminal screen as a grid of text rows and a cursor, the common ground of both sources:
//! real Vim's pty output replayed through a terminal emulator (`vt100`), and the emulator's
//! own drawing. Rows hold what a person reads: a double-width character is one `char`
//! (its second cell is not repeated), trailing blanks are dropped.

/// The last row's parts that are compared separately.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Screen {
    /// Every row, top to bottom (`height` of them), without trailing blanks.
    pub rows: Vec<String>,
    /// The cursor: row and column in cells, 0-based.
    pub cursor: (u16, u16),
}

/// How two final screens compare, part by part.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScreenAgreement {
    /// Every row but the last (the window: text, `~` and `@` rows).
    pub text_rows: bool,
    /// The mode shown on the last row (`-- INSERT --`, `recording @q`, or none).
    pub mode: bool,
    /// The whole last row (mode, messages, the command line as typed).
    pub command_line: bool,
    /// The cursor cell.
    pub cursor: bool,
}

impl Screen {
    /// The screen a terminal of `height` x `width` shows after `bytes` of output.
    pub fn from_terminal_output(bytes: &[u8], height: u16, width: u16) -> Screen {
        let nonzero = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
        let (height, width) = (nonzero(height), nonzero(width));
        let mut parser = vt100::Parser::new(height, width, 0);
        parser.process(bytes);
        let screen = parser.screen();
        let rows = screen.rows(0, width.get()).map(|row| row.trim_end_matches(' ').to_string()).collect();
        Screen { rows, cursor: screen.cursor_position() }
    }

    /// The window's rows: all but the last.
    pub fn text_rows(&self) -> &[String] {
        &self.rows[..self.rows.len().saturating_sub(1)]
    }

    /// The last row: mode, messages, command line.
    pub fn last_row(&self) -> &str {
        self.rows.last().map_or("", String::as_str)
    }

    /// The mode indicator at the start of the last row: `-- INSERT --` and the like, then
    /// `recording @q` when a macro is being recorded; empty when the row shows neither.
    pub fn mode_indicator(&self) -> &str {
        mode_indicator(self.last_row())
    }

    /// Compare with `other` part by part.
    pub fn agreement(&self, other: &Screen) -> ScreenAgreement {
        ScreenAgreement {
            text_rows: self.text_rows() == other.text_rows(),
            mode: self.mode_indicator() == other.mode_indicator(),
            command_line: self.last_row() == other.last_row(),
            cursor: self.cursor == other.cursor,
        }
    }
}

/// See [`Screen::mode_indicator`].
pub fn mode_indicator(row: &str) -> &str {
    let mut end = 0;
    if let Some(rest) = row.strip_prefix("-- ") {
        if let Some(close) = rest.find(" --") {
            let name = &rest[..close];
            // `-- INSERT --`, `-- VISUAL LINE --`, and after <C-o> `-- (insert) --`.
            let shouted = name.chars().all(|c| c.is_ascii_uppercase() || c == ' ');
            let pending = name.strip_prefix('(').and_then(|n| n.strip_suffix(')')).is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_lowercase()));
            if !name.is_empty() && (shouted || pending) {
                end = 3 + close + 3;
            }
        }
    }
    let rest = &row[end..];
    if rest.starts_with("recording @") && rest.len() >= "recording @q".len() {
        end += rest.char_indices().nth("recording @q".len()).map_or(rest.len(), |(i, _)| i);
    }
    &row[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_indicator_takes_the_mode_and_the_recording() {
        assert_eq!(mode_indicator("-- INSERT --"), "-- INSERT --");
        assert_eq!(mode_indicator("-- INSERT --recording @q"), "-- INSERT --recording @q");
        assert_eq!(mode_indicator("recording @a"), "recording @a");
        assert_eq!(mode_indicator("-- (insert) --"), "-- (insert) --");
        assert_eq!(mode_indicator("3 fewer lines"), "");
        assert_eq!(mode_indicator("-- more -- but lower"), "");
    }

    #[test]
    fn terminal_output_becomes_rows_and_cursor() {
        let screen = Screen::from_terminal_output(b"\x1b[H\x1b[2Jab\x1b[3;1H\xe6\x97\xa5x\x1b[1;2H", 4, 10);
        assert_eq!(screen.rows, vec!["ab", "", "\u{65e5}x", ""]);
        assert_eq!(screen.cursor, (0, 1));
    }
}
