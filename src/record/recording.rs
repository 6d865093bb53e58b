//! One program as an asciicast recording, from either source: the emulator drawing its own
//! screen after every key ([`emu_cast`], no Vim needed), or real Vim on a pseudo-terminal
//! ([`vim_cast`]), whose result is then checked against the contract's ([`check_with_oracle`]).
//!
//! Input events carry what a terminal sends for a key when it is a character (`x`, `\r`,
//! `\x1b`), and Vim's key notation for keys that are not (`<Up>`, `<C-Left>`): players ignore
//! input events, and the notation names those keys without tying the file to one terminal.

use std::time::Duration;

use super::cast::{Cast, EventKind, Utf8Chunker};
use super::emu::{EmuTerminal, ScreenError};
use super::pty::{run_on_terminal, Typing, VimTerminalRun, TERM};
use super::screen::Screen;
use crate::keys::{format_key, Key};
use crate::oracle::{LocalRunner, OracleError};

/// How a recording is laid out in time and on screen.
#[derive(Clone, Debug)]
pub struct CastOptions {
    /// Time between keys; zero types the program in one burst (the contract's way).
    pub pace: Duration,
    /// The longest pause a player shows, in seconds.
    pub idle_cap: f64,
    pub width: u16,
    pub height: u16,
    pub title: String,
}

impl Default for CastOptions {
    fn default() -> Self {
        CastOptions { pace: Duration::from_millis(150), idle_cap: 2.0, width: 80, height: 24, title: "vimdata".into() }
    }
}

/// The data of a key's input event (see the module doc).
pub fn input_text(key: Key) -> String {
    match key {
        Key::Char(c) => c.to_string(),
        other => format_key(other),
    }
}

/// Terminal output that turns the screen `before` (or a blank terminal) into `after`: each
/// changed row is cleared and written whole, then the cursor is placed. A row is cleared
/// before it is written, not after: erasing to the end of a row that fills the width would
/// erase its last cell (the cursor waits on it to wrap).
pub fn render(before: Option<&Screen>, after: &Screen) -> String {
    let mut out = String::new();
    if before.is_none() {
        out.push_str("\x1b[H\x1b[2J");
    }
    for (row, text) in after.rows.iter().enumerate() {
        let same = before.and_then(|b| b.rows.get(row)).is_some_and(|old| old == text);
        if !same {
            out.push_str(&format!("\x1b[{};1H\x1b[2K{text}", row + 1));
        }
    }
    out.push_str(&format!("\x1b[{};{}H", after.cursor.0 + 1, after.cursor.1 + 1));
    out
}

/// The emulator's recording of `keys` on `source`: the screen at start-up, then after each
/// key the rows that changed. Refused (with the engine's or the drawing's reason) when the
/// emulator cannot vouch for every screen. Ends at a key that quits Vim.
pub fn emu_cast(source: &[u8], keys: &[Key], options: &CastOptions) -> Result<Cast, ScreenError> {
    let mut cast = Cast::new(options.width, options.height, &options.title, TERM, options.idle_cap);
    let mut term = EmuTerminal::new(source, options.width as usize, options.height as usize)?;
    let mut shown = term.screen()?;
    cast.push(0.0, EventKind::Output, render(None, &shown));
    let pace = options.pace.as_secs_f64();
    for (i, &key) in keys.iter().enumerate() {
        let time = pace * (i + 1) as f64;
        cast.push(time, EventKind::Input, input_text(key));
        term.type_key(key)?;
        if term.vim().has_quit() {
            break;
        }
        let screen = term.screen()?;
        let update = render(Some(&shown), &screen);
        cast.push(time, EventKind::Output, update);
        shown = screen;
    }
    Ok(cast)
}

/// A recording of real Vim and the run it came from.
#[derive(Clone, Debug)]
pub struct VimCast {
    pub cast: Cast,
    pub run: VimTerminalRun,
}

/// Real Vim's recording of `keys` on `source` on a pseudo-terminal: everything Vim printed up
/// to the screen after the program's keys (the contract's closing keys, typed after that,
/// are not shown), and the keys at the times they were typed.
pub fn vim_cast(runner: &LocalRunner, source: &[u8], keys: &[Key], options: &CastOptions, timeout: Duration) -> Result<VimCast, OracleError> {
    let pace = (!options.pace.is_zero()).then_some(options.pace);
    let typing = Typing { pace, width: options.width, height: options.height, timeout };
    let run = run_on_terminal(runner, source, keys, &typing)?;
    let start = run.output.first().map_or(0.0, |(t, _)| *t);
    let shown = run.screen_at.unwrap_or(run.output.len());
    let mut events: Vec<(f64, EventKind, String)> = Vec::new();
    let mut chunker = Utf8Chunker::default();
    for (time, bytes) in &run.output[..shown] {
        let text = chunker.push(bytes);
        if !text.is_empty() {
            events.push((time - start, EventKind::Output, text));
        }
    }
    let rest = chunker.finish();
    if !rest.is_empty() {
        let time = events.last().map_or(0.0, |e| e.0);
        events.push((time, EventKind::Output, rest));
    }
    for (key, time) in keys.iter().zip(&run.key_times) {
        events.push(((time - start).max(0.0), EventKind::Input, input_text(*key)));
    }
    // Stable: a key typed at the moment of some output comes after what was printed before it.
    events.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cast = Cast::new(options.width, options.height, &options.title, TERM, options.idle_cap);
    for (time, kind, data) in events {
        cast.push(time, kind, data);
    }
    Ok(VimCast { cast, run })
}

/// How the file Vim wrote on the terminal compares with the contract's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OracleCheck {
    /// The same bytes (or no result in both).
    Agrees,
    /// Different: the terminal run's result, and the contract's.
    Differs { terminal: Result<Vec<u8>, OracleError>, contract: Result<Vec<u8>, OracleError> },
}

/// Run the program again under the contract's harness (a fresh Vim, the one-line harness,
/// sleeps included) and compare its result with the terminal run's.
pub fn check_with_oracle(runner: &LocalRunner, source: &[u8], keys: &[Key], run: &VimTerminalRun) -> OracleCheck {
    let contract = runner.run(source, keys).map(|r| r.output);
    let agree = match (&run.result, &contract) {
        (Ok(a), Ok(b)) => a == b,
        (Err(_), Err(_)) => true,
        _ => false,
    };
    if agree {
        OracleCheck::Agrees
    } else {
        OracleCheck::Differs { terminal: run.result.clone(), contract }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::parse_notation;

    #[test]
    fn rendering_a_screen_reproduces_it() {
        let before = Screen { rows: vec!["one".into(), "~".into(), "".into()], cursor: (0, 0) };
        let after = Screen { rows: vec!["x".repeat(10), "~".into(), "3 fewer".into()], cursor: (0, 9) };
        let bytes = format!("{}{}", render(None, &before), render(Some(&before), &after));
        let replayed = Screen::from_terminal_output(bytes.as_bytes(), 3, 10);
        assert_eq!(replayed.rows, vec!["x".repeat(10), "~".to_string(), "3 fewer".to_string()]);
        assert_eq!(replayed.cursor, (0, 9));
    }

    #[test]
    fn emulator_casts_show_the_edit() {
        let options = CastOptions { pace: Duration::from_millis(100), ..CastOptions::default() };
        let keys = parse_notation("wcwthere<Esc>");
        let cast = emu_cast(b"hello world\n", &keys, &options).expect("drawn");
        let inputs: String = cast.events.iter().filter(|e| e.kind == EventKind::Input).map(|e| e.data.as_str()).collect();
        assert_eq!(inputs, "wcwthere\x1b");
        let screen = Screen::from_terminal_output(cast.output().as_bytes(), 24, 80);
        assert_eq!(screen.rows[0], "hello there");
        assert_eq!(screen.rows[1], "~");
    }
}
