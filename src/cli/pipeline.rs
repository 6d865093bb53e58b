//! `vimdata pipeline REPO -o FILE`: mine → propose → validate → keep in one streaming,
//! resumable run. The clean set goes to FILE; rejected proposals, per-pair progress and the
//! summary beside it (`FILE.rejected.jsonl`, `FILE.progress.jsonl`, `FILE.summary.json`).

use std::path::PathBuf;

use vimdata::dataset::mine::{mine, parse_since, Filters, MineOptions, Shard};
use vimdata::dataset::pair::Depth;
use vimdata::propose::pipeline::{Options, PairIn, Paths, Proposer, Run, Summary};

use super::input::progress;
use super::oracle_args::{OracleArgs, OracleChoice};

#[derive(clap::Args)]
pub struct Args {
    /// The git repository: a work tree or a bare git directory.
    repo: PathBuf,
    /// The clean set (JSONL); the other files go beside it. Rerunning resumes.
    #[arg(short, long)]
    output: PathBuf,
    /// Who proposes.
    #[arg(long = "with", value_enum, default_value = "synth")]
    with: Proposer,
    /// Programs per pair, in different styles (motions, basic, lines).
    #[arg(long, default_value_t = 1)]
    n: usize,
    /// The revision or range to walk (default: HEAD).
    #[arg(long)]
    rev_range: Option<String>,
    /// Walk every commit, not only first parents.
    #[arg(long)]
    all_parents: bool,
    /// Stop after this many commits of the walk.
    #[arg(long)]
    max_commits: Option<usize>,
    /// Only commits from this date on: YYYY-MM-DD (UTC) or Unix seconds.
    #[arg(long, value_parser = parse_since)]
    since: Option<i64>,
    /// The depths to cut, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "hunk,statement,block,function,class,file")]
    depths: Vec<Depth>,
    /// Take shard i of n: the commits whose walk position is i mod n.
    #[arg(long, default_value = "0/1")]
    shard: Shard,
    /// The name written in each record's `repo` (default: the repository directory's name).
    #[arg(long)]
    repo_name: Option<String>,
    /// Also write the whole clean set as Parquet to this file when the run ends.
    #[arg(long, value_name = "FILE")]
    parquet: Option<PathBuf>,
    #[command(flatten)]
    oracle: OracleArgs,
}

/// Pairs handed to the proposer at once.
const BATCH: usize = 256;

pub fn run(args: Args) -> super::CliResult {
    if matches!(args.oracle.oracle, OracleChoice::Both | OracleChoice::Vim | OracleChoice::Docker) {
        return Err("the pipeline proves with the emulator; use --oracle emu or auto".into());
    }
    let oracle = args.oracle.start()?;
    let options = MineOptions {
        repo_name: args.repo_name.clone(),
        rev_range: args.rev_range.clone(),
        first_parent: !args.all_parents,
        max_commits: args.max_commits,
        since: args.since,
        depths: args.depths.clone(),
        shard: args.shard,
        filters: Filters::default(),
    };
    let mut miner = mine(&args.repo, options)?;
    let mut run = Run::open(Paths::beside(&args.output), Options { proposer: args.with, n: args.n, oracle: oracle.as_ref() })?;
    if run.finished_pairs() > 0 {
        eprintln!("resuming: {} pairs already done", run.finished_pairs());
    }
    let bar = progress(Some(miner.commits_to_read()), "commits");
    let mut batch = Vec::with_capacity(BATCH);
    let report = |run: &Run, commits: u64| {
        let p = run.progress;
        bar.set_position(commits);
        bar.set_message(format!(
            "mined {} pairs ({} done before) | proposed {} | kept {}",
            p.pairs_read, p.pairs_skipped, p.proposals, p.kept
        ));
    };
    while let Some(pair) = miner.next() {
        batch.push(PairIn::from(pair?));
        if batch.len() == BATCH {
            run.process(std::mem::take(&mut batch))?;
            report(&run, miner.stats().commits_done);
        }
    }
    run.process(batch)?;
    report(&run, miner.stats().commits_done);
    bar.finish_and_clear();
    let summary = run.finish()?;
    eprintln!("{}: {} commits mined", miner.repo_name(), miner.stats().commits_done);
    print_summary(&summary);
    write_parquet(&args.output, args.parquet.as_deref())?;
    Ok(0)
}

/// `--parquet FILE`: the clean set (all of it, after a resumed run too) as Parquet.
pub fn write_parquet(clean: &std::path::Path, parquet: Option<&std::path::Path>) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if let Some(parquet) = parquet {
        let rows = vimdata::propose::parquet::write_clean_set(clean, parquet)?;
        eprintln!("{}: {rows} records as Parquet", parquet.display());
    }
    Ok(())
}

/// The summary on stderr: totals, then by depth and by proposer.
pub fn print_summary(s: &Summary) {
    eprintln!(
        "{} pairs, {} with a kept program; {} proposals, {} kept ({:.1}% proven); {} pairs in {:.1}s this run ({:.1} pairs/s)",
        s.pairs, s.pairs_kept, s.proposals, s.kept, s.proven_percent, s.pairs_this_run, s.seconds_this_run, s.pairs_per_second_this_run
    );
    eprintln!(
        "keystrokes per pair: {:.1} (shortest kept) vs {:.1} retyping the changed lines (ratio {:.3})",
        s.mean_best_keystrokes, s.mean_naive_keystrokes, s.keystroke_ratio_to_naive
    );
    eprintln!("{:<12}{:>8}{:>8}{:>12}{:>12}", "depth", "pairs", "kept", "keys", "retype");
    for (depth, d) in &s.by_depth {
        eprintln!("{depth:<12}{:>8}{:>8}{:>12.1}{:>12.1}", d.pairs, d.pairs_kept, d.mean_best_keystrokes, d.mean_naive_keystrokes);
    }
    for (proposer, p) in &s.by_proposer {
        eprintln!("{proposer:<20}{:>8} kept, {:.1} keys on average", p.kept, p.mean_keystrokes);
    }
    if !s.rejected_by_verdict.is_empty() {
        let parts: Vec<String> = s.rejected_by_verdict.iter().map(|(v, n)| format!("{v} {n}")).collect();
        eprintln!("rejected: {}", parts.join(", "));
    }
}
