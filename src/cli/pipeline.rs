//! `vimdata pipeline REPO -o FILE`: mine → propose → validate → keep in one streaming,
//! resumable run. The clean set goes to FILE; rejected proposals, per-pair progress and the
//! summary beside it (`FILE.rejected.jsonl`, `FILE.progress.jsonl`, `FILE.summary.json`).
//! With `--with llm|both --rounds N` the mined pairs the model has not solved are kept in
//! memory and proposed for again in rounds 2..N, each with the records kept so far as its
//! few-shot pool.

use std::path::PathBuf;

use vimdata::dataset::mine::{mine, Filters};
use vimdata::propose::pipeline::{PairIn, Paths, Proposer, Run, Summary};

use super::input::progress;
use super::mine::HistoryArgs;
use super::oracle_args::{OracleArgs, OracleChoice};
use super::propose::{LlmArgs, Rounds};

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
    #[command(flatten)]
    history: HistoryArgs,
    /// Also write the whole clean set as Parquet to this file when the run ends.
    #[arg(long, value_name = "FILE")]
    parquet: Option<PathBuf>,
    #[command(flatten)]
    llm: LlmArgs,
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
    let options = args.history.options(Filters::default());
    let mut miner = mine(&args.repo, options)?;
    let llm = if args.with.uses_llm() { Some(args.llm.build(args.n, Some(&args.output))?) } else { None };
    let rounds = Rounds { paths: Paths::beside(&args.output), proposer: args.with, n: args.n, oracle: oracle.as_ref(), llm: llm.as_ref(), args: &args.llm };
    let mut run = rounds.open(rounds.first())?;
    // Later rounds go over the mined pairs again.
    let keep_pairs = llm.is_some() && args.llm.rounds > 1;
    let mut mined: Vec<PairIn> = Vec::new();
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
        let pair = PairIn::from(pair?);
        if keep_pairs {
            mined.push(pair.clone());
        }
        batch.push(pair);
        if batch.len() == BATCH {
            run.process(std::mem::take(&mut batch))?;
            report(&run, miner.stats().commits_done);
        }
    }
    run.process(batch)?;
    report(&run, miner.stats().commits_done);
    bar.finish_and_clear();
    super::propose::report_unfinished(&run);
    let summary = run.finish()?;
    eprintln!("{}: {} commits mined", miner.repo_name(), miner.stats().commits_done);
    let summary = rounds.later(summary, &mut || Ok(mined.clone()))?;
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
    if !s.by_round.is_empty() {
        eprintln!("{:<6}{:>7}{:>11}{:>7}{:>9}{:>8}{:>8}{:>8}{:>18}", "round", "pairs", "proposals", "kept", "proven", "pass@1", "pass@k", "solved", "keys llm/synth");
        for (round, r) in &s.by_round {
            eprintln!(
                "{round:<6}{:>7}{:>11}{:>7}{:>8.1}%{:>7.1}%{:>7.1}%{:>7.1}%{:>10.1}/{:.1} ({})",
                r.pairs, r.proposals, r.kept, r.proven_percent, r.pass_at_1, r.pass_at_k, r.solved_percent, r.mean_llm_keystrokes, r.mean_synth_keystrokes, r.pairs_compared
            );
        }
    }
    for (model, u) in &s.llm_usage_this_run {
        eprintln!(
            "{model}: {} requests ({} from the cache, {} retries, {} failed), {} tokens in, {} out",
            u.requests, u.cached, u.retries, u.failures, u.prompt_tokens, u.completion_tokens
        );
    }
}
