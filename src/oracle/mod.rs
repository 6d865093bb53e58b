//! Real Vim as the judge: run a program in real Vim exactly as the contract in `design.md`
//! says and return the bytes Vim wrote.

mod local;

pub use local::{run_vim, VimRun, VimRunner};

use std::time::Duration;

/// Why real Vim gave no result for a record.
#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum OracleError {
    /// Vim exited with a non-zero status (a more-prompt, Ex mode, a mouse code ...).
    #[error("vim exited with status {0}")]
    Exit(i32),
    /// Vim was killed by a signal.
    #[error("vim was killed by signal {0}")]
    Signal(i32),
    /// Vim ran past the timeout and was killed.
    #[error("vim ran past the {0:?} timeout")]
    Timeout(Duration),
    /// Starting Vim or handling its files failed.
    #[error("cannot run vim: {0}")]
    Io(String),
}

impl OracleError {
    /// Short machine-readable kind for JSON reports.
    pub fn kind(&self) -> &'static str {
        match self {
            OracleError::Exit(_) | OracleError::Signal(_) => "vim-exit",
            OracleError::Timeout(_) => "vim-timeout",
            OracleError::Io(_) => "oracle-io",
        }
    }
}
