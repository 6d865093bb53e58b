//! Real Vim as the judge: run programs in real Vim exactly as the contract in `design.md` says
//! and return the bytes Vim wrote, optionally with Vim's final state (cursor, mode, registers,
//! marks).
//!
//! One interface, two backends ([`Backend`]): local `vim` processes, or `vim` inside a locked-down
//! Docker container driven through `bollard`. Both start a fresh Vim per record; the container
//! runs `vimdata sandbox serve`, the same per-record runner as the local backend, behind the
//! engine's stdin/stdout. See `docs/oracle.md` for modes, throughput and safety.

mod compare;
mod confine;
mod docker;
mod forkserver;
mod harness;
mod local;
mod pool;
pub mod protocol;
pub mod regex;
pub mod regex_gen;

pub use compare::{state_differences, Agreement};
pub use docker::{build_image, check_sandbox, SandboxStatus, DEFAULT_IMAGE};
pub use harness::{RunMode, VimState, StatePos, StateRegister};
pub use local::{run_vim, LocalRunner, VimRun, VimRunner};
pub(crate) use harness::{write_typing_run_files, CLOSE_FILE, FILE_NAME, IDLE_FILE};
pub(crate) use local::scratch_root;

use std::path::PathBuf;
use std::time::Duration;

use crate::keys::Key;

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
    /// The backend cannot run at all (no `vim`, no Docker engine, no image).
    #[error("oracle unavailable: {0}")]
    Unavailable(String),
}

impl OracleError {
    /// Short machine-readable kind for JSON reports.
    pub fn kind(&self) -> &'static str {
        match self {
            OracleError::Exit(_) | OracleError::Signal(_) => "vim-exit",
            OracleError::Timeout(_) => "vim-timeout",
            OracleError::Io(_) => "oracle-io",
            OracleError::Unavailable(_) => "oracle-unavailable",
        }
    }
}

/// Where real Vim runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// Local `vim` processes, restricted (`-Z`, Landlock where the kernel has it).
    Vim,
    /// `vim` inside a Docker container (image from `vimdata sandbox build`).
    Docker,
}

/// How the oracle runs records.
#[derive(Clone, Debug)]
pub struct OracleOptions {
    /// Per-record time limit; a record past it is an [`OracleError::Timeout`].
    pub timeout: Duration,
    /// Records in flight at once. Vim mostly waits, so more than the cores pays.
    pub workers: usize,
    /// Run the contract's harness to the letter, Vim's sleeps included (slow: ~1% of random
    /// programs sleep a second). The default skips the sleeps, proven byte-identical.
    pub fresh: bool,
    /// Also capture Vim's final state ([`VimState`]).
    pub state: bool,
    /// Fork each record's Vim from a started one instead of exec'ing it (proven byte-identical;
    /// needs a C compiler once, or the sandbox image's prebuilt library). Ignored when `fresh`.
    pub fork_server: bool,
    /// The `vim` binary for the local backend.
    pub vim: PathBuf,
    /// The Docker image for the Docker backend.
    pub image: String,
}

impl Default for OracleOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        OracleOptions {
            timeout: Duration::from_secs(10),
            workers: cores * 4,
            fresh: false,
            state: false,
            fork_server: true,
            vim: PathBuf::from("vim"),
            image: DEFAULT_IMAGE.to_string(),
        }
    }
}

impl OracleOptions {
    /// The harness mode these options ask for.
    pub fn run_mode(&self) -> RunMode {
        RunMode { skip_sleeps: !self.fresh, state: self.state, fork_server: self.fork_server && !self.fresh }
    }
}

/// Real Vim, ready to run batches of records.
pub struct Oracle {
    options: OracleOptions,
    inner: Inner,
}

enum Inner {
    Local(LocalRunner),
    Docker(docker::DockerOracle),
}

impl Oracle {
    /// Check the backend can run (the `vim` binary works; the Docker engine is up and the image
    /// is built) and set it up.
    pub fn new(backend: Backend, options: OracleOptions) -> Result<Oracle, OracleError> {
        let inner = match backend {
            Backend::Vim => Inner::Local(LocalRunner::new(&options)?),
            Backend::Docker => Inner::Docker(docker::DockerOracle::new(&options)?),
        };
        Ok(Oracle { options, inner })
    }

    /// The options this oracle runs with.
    pub fn options(&self) -> &OracleOptions {
        &self.options
    }

    /// Run one record.
    pub fn run(&self, source: &[u8], keys: &[Key]) -> Result<VimRun, OracleError> {
        self.run_many(&[(source, keys)], &|| {}).pop().unwrap_or_else(|| Err(OracleError::Io("no result".into())))
    }

    /// Run records in parallel; results come back in the order of `jobs`. `on_done` is called
    /// once per finished record (for progress bars).
    pub fn run_many(
        &self,
        jobs: &[(&[u8], &[Key])],
        on_done: &(dyn Fn() + Sync),
    ) -> Vec<Result<VimRun, OracleError>> {
        match &self.inner {
            Inner::Local(runner) => pool::parallel_map(jobs, self.options.workers, |(source, keys)| {
                let result = runner.run(source, keys);
                on_done();
                result
            }),
            Inner::Docker(docker) => docker.run_many(jobs, on_done),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oracle_is_shareable_across_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Oracle>();
    }

    #[test]
    fn fresh_turns_off_the_faster_modes() {
        let options = OracleOptions { fresh: true, state: true, ..OracleOptions::default() };
        assert_eq!(options.run_mode(), RunMode { skip_sleeps: false, state: true, fork_server: false });
        assert!(OracleOptions::default().run_mode().fork_server);
    }
}
