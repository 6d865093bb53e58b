//! `--oracle` and its options, shared by `apply`, `validate` and `diff`: who computes a
//! record's result — the emulator, real Vim (local or in the Docker sandbox), or the emulator
//! with real Vim for the records it refuses.

use std::path::PathBuf;
use std::time::Duration;

use vimdata::dataset::validate::{Failure, Outcome};
use vimdata::keys::Key;
use vimdata::oracle::{Backend, Oracle, OracleError, OracleOptions};

/// Who computes results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OracleChoice {
    /// The emulator alone (refuses what it does not model).
    Emu,
    /// Real Vim on this machine, for every record.
    Vim,
    /// Real Vim in the Docker sandbox (`vimdata sandbox build` first), for every record.
    Docker,
    /// The emulator, and local real Vim for the records it refuses.
    Auto,
    /// The emulator and local real Vim on every record; disagreements are reported
    /// (`validate` only).
    Both,
}

#[derive(clap::Args, Clone, Debug)]
pub struct OracleArgs {
    /// Who computes the results.
    #[arg(long, value_enum, default_value = "emu")]
    pub oracle: OracleChoice,
    /// Real-Vim records in flight at once (default: four per core).
    #[arg(long)]
    pub workers: Option<usize>,
    /// Per-record time limit for real Vim, in seconds.
    #[arg(long, default_value_t = 10.0)]
    pub timeout: f64,
    /// Run real Vim exactly as the contract's one-line harness, one fresh process per record,
    /// Vim's sleeps included (slower; the default modes are proven byte-identical).
    #[arg(long)]
    pub fresh: bool,
    /// The `vim` binary for the local backend.
    #[arg(long, default_value = "vim")]
    pub vim: PathBuf,
}

impl OracleArgs {
    /// The real-Vim backend these arguments need, if any.
    pub fn backend(&self) -> Option<Backend> {
        match self.oracle {
            OracleChoice::Emu => None,
            OracleChoice::Docker => Some(Backend::Docker),
            OracleChoice::Vim | OracleChoice::Auto | OracleChoice::Both => Some(Backend::Vim),
        }
    }

    pub fn options(&self, state: bool) -> OracleOptions {
        let defaults = OracleOptions::default();
        OracleOptions {
            timeout: Duration::from_secs_f64(self.timeout.max(0.1)),
            workers: self.workers.unwrap_or(defaults.workers).max(1),
            fresh: self.fresh,
            state,
            vim: self.vim.clone(),
            ..defaults
        }
    }

    /// Start the oracle these arguments ask for (None for the emulator alone).
    pub fn start(&self) -> Result<Option<Oracle>, OracleError> {
        self.backend().map(|b| Oracle::new(b, self.options(false))).transpose()
    }
}

/// Real Vim's result as an [`Outcome`].
pub fn vim_outcome(result: Result<vimdata::oracle::VimRun, OracleError>) -> Outcome {
    result.map(|run| run.output).map_err(|e| Failure::new(e.kind(), format!("real Vim: {e}")))
}

/// Results for a batch: the emulator's, real Vim's, or the emulator's with real Vim for its
/// refusals (`auto`). `emulate` is called per record; `progress` once per oracle record.
pub fn outcomes(
    choice: OracleChoice,
    oracle: Option<&Oracle>,
    jobs: &[(&[u8], &[Key])],
    emulate: impl Fn(usize) -> Outcome + Sync,
    progress: &(dyn Fn() + Sync),
) -> Vec<Outcome> {
    use rayon::prelude::*;
    let run_vim = |indexes: &[usize]| -> Vec<Outcome> {
        let Some(oracle) = oracle else { return Vec::new() };
        let batch: Vec<(&[u8], &[Key])> = indexes.iter().map(|&i| jobs[i]).collect();
        oracle.run_many(&batch, progress).into_iter().map(vim_outcome).collect()
    };
    match choice {
        OracleChoice::Emu | OracleChoice::Both => (0..jobs.len()).into_par_iter().map(&emulate).collect(),
        OracleChoice::Vim | OracleChoice::Docker => {
            let all: Vec<usize> = (0..jobs.len()).collect();
            run_vim(&all)
        }
        OracleChoice::Auto => {
            let mut results: Vec<Outcome> = (0..jobs.len()).into_par_iter().map(&emulate).collect();
            let refused: Vec<usize> = results
                .iter()
                .enumerate()
                .filter(|(_, r)| matches!(r, Err(f) if f.kind == "unsupported" || f.kind == "limit"))
                .map(|(i, _)| i)
                .collect();
            for (i, outcome) in refused.iter().zip(run_vim(&refused)) {
                results[*i] = outcome;
            }
            results
        }
    }
}
