//! The screen differential: a program's final screen from real Vim (its pty output replayed
//! through `vt100`) against the emulator's drawing, part by part (text rows, mode, the whole
//! last row, cursor). Only programs the emulator runs and draws, and after which Vim still
//! shows a screen (it did not quit), are compared.

use super::emu::final_screen;
use super::pty::{run_on_terminal, Typing};
use super::screen::{Screen, ScreenAgreement};
use crate::keys::Key;
use crate::oracle::LocalRunner;

/// What comparing one program's final screens gave.
#[derive(Clone, Debug)]
pub enum ScreenVerdict {
    /// Both drew a screen.
    Compared { vim: Screen, emu: Screen, agreement: ScreenAgreement },
    /// The emulator refused to run or draw the program.
    Refused(String),
    /// No screen to compare: the program quit Vim, or Vim gave no result.
    NoScreen(String),
}

/// Run one program both ways and compare the final screens.
pub fn compare_final_screens(runner: &LocalRunner, source: &[u8], keys: &[Key], typing: &Typing) -> ScreenVerdict {
    let emu = match final_screen(source, keys, typing.width as usize, typing.height as usize) {
        Ok(Some(screen)) => screen,
        Ok(None) => return ScreenVerdict::NoScreen("the program quits Vim".into()),
        Err(e) => return ScreenVerdict::Refused(e.to_string()),
    };
    match run_on_terminal(runner, source, keys, typing) {
        Ok(run) => match (run.screen, run.result) {
            (Some(vim), Ok(_)) => {
                let agreement = vim.agreement(&emu);
                ScreenVerdict::Compared { vim, emu, agreement }
            }
            (None, _) => ScreenVerdict::NoScreen("Vim quit before the keys were all read".into()),
            (_, Err(e)) => ScreenVerdict::NoScreen(format!("Vim gave no result: {e}")),
        },
        Err(e) => ScreenVerdict::NoScreen(format!("Vim did not run: {e}")),
    }
}

/// Counts over many programs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScreenTally {
    pub programs: usize,
    pub compared: usize,
    pub text_rows: usize,
    pub mode: usize,
    pub command_line: usize,
    pub cursor: usize,
    pub refused: usize,
    pub no_screen: usize,
}

impl ScreenTally {
    /// Count one verdict.
    pub fn add(&mut self, verdict: &ScreenVerdict) {
        self.programs += 1;
        match verdict {
            ScreenVerdict::Compared { agreement, .. } => {
                self.compared += 1;
                self.text_rows += usize::from(agreement.text_rows);
                self.mode += usize::from(agreement.mode);
                self.command_line += usize::from(agreement.command_line);
                self.cursor += usize::from(agreement.cursor);
            }
            ScreenVerdict::Refused(_) => self.refused += 1,
            ScreenVerdict::NoScreen(_) => self.no_screen += 1,
        }
    }

    /// One line for people.
    pub fn summary(&self) -> String {
        let pct = |n: usize| 100.0 * n as f64 / self.compared.max(1) as f64;
        format!(
            "{} programs, {} screens compared: text rows identical {} ({:.2}%), mode {} ({:.2}%), last row {} ({:.2}%), cursor {} ({:.2}%); {} refused by the emulator, {} without a screen",
            self.programs,
            self.compared,
            self.text_rows,
            pct(self.text_rows),
            self.mode,
            pct(self.mode),
            self.command_line,
            pct(self.command_line),
            self.cursor,
            pct(self.cursor),
            self.refused,
            self.no_screen
        )
    }
}
