//! `vimdata propose --with synth PAIRS`: proven keystroke programs for `{source, target}`
//! pairs (as `vimdata mine` writes them). With `-o FILE` the run is the pipeline's without the
//! mining: the clean set in FILE, rejected proposals and a summary beside it, resumable.
//! Without it the kept records go to stdout.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use vimdata::propose::pipeline::{Options, PairIn, Paths, Proposer, Run};

use super::input::{open, progress};
use super::oracle_args::{OracleArgs, OracleChoice};
use super::pipeline::{print_summary, write_parquet};

#[derive(clap::Args)]
pub struct Args {
    /// JSONL pairs `{source, target, ...}` (`-` for stdin).
    pairs: PathBuf,
    /// Who proposes.
    #[arg(long = "with", value_enum, default_value = "synth")]
    with: Proposer,
    /// Programs per pair, in different styles (motions, basic, lines).
    #[arg(long, default_value_t = 1)]
    n: usize,
    /// Write the clean set here (rejected, progress and summary files beside it); rerunning
    /// resumes. Default: kept records to stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Also write the whole clean set as Parquet to this file when the run ends.
    #[arg(long, value_name = "FILE")]
    parquet: Option<PathBuf>,
    #[command(flatten)]
    oracle: OracleArgs,
}

/// Pairs read per batch.
const BATCH: usize = 1024;

pub fn run(args: Args) -> super::CliResult {
    if matches!(args.oracle.oracle, OracleChoice::Both | OracleChoice::Vim | OracleChoice::Docker) {
        return Err("propose proves with the emulator; use --oracle emu or auto".into());
    }
    let oracle = args.oracle.start()?;
    let scratch = tempfile::tempdir()?;
    let clean = args.output.clone().unwrap_or_else(|| scratch.path().join("kept.jsonl"));
    let paths = Paths::beside(&clean);
    let mut run = Run::open(paths.clone(), Options { proposer: args.with, n: args.n, oracle: oracle.as_ref() })?;
    let bar = progress(None, "pairs");
    let mut batch = Vec::with_capacity(BATCH);
    for (index, line) in open(Some(&args.pairs))?.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let pair: PairIn = serde_json::from_str(&line).map_err(|e| format!("{}: line {}: {e}", args.pairs.display(), index + 1))?;
        batch.push(pair);
        if batch.len() == BATCH {
            run.process(std::mem::take(&mut batch))?;
            bar.set_position(run.progress.pairs_read);
        }
    }
    run.process(batch)?;
    bar.finish_and_clear();
    let summary = run.finish()?;
    if args.output.is_none() {
        let mut out = std::io::stdout().lock();
        std::io::copy(&mut std::fs::File::open(&paths.clean)?, &mut out)?;
        out.flush()?;
    }
    print_summary(&summary);
    write_parquet(&paths.clean, args.parquet.as_deref())?;
    Ok(0)
}
