//! `vimdata diff`: the everyday fidelity loop. Runs records (or generated programs) through
//! the emulator and real Vim and prints every disagreement with both results and a diff.
//!
//! A disagreement is the emulator giving a text Vim does not give (a different text, or a
//! text where Vim gives no result), or an error of "no result" where Vim gives a text.
//! Refusals (`unsupported`, `limit`) are counted, not disagreements. Records recorded from
//! Vim earlier (`{"vim": {"output"|"error"}}`, as in `tests/data/`) are also checked for
//! drift: live Vim must still give the recorded result. With `--state`, the emulator's final
//! cursor, mode, registers and marks are compared with Vim's too. Exit 1 when anything
//! disagrees.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use vimdata::dataset::generate::generate;
use vimdata::dataset::record::{for_each_chunk, RecordedCase};
use vimdata::dataset::validate::diff;
use vimdata::keys::{parse, Key};
use vimdata::oracle::{state_differences, Agreement, Backend, Oracle, OracleOptions, VimRun};

use super::input::{open, progress, quoted};
use super::keys::FormatArg;

#[derive(clap::Args)]
pub struct Args {
    /// JSONL records with `source` and `keys` (other fields ignored, except a recorded `vim`).
    #[arg(conflicts_with = "generate", required_unless_present = "generate")]
    dataset: Vec<PathBuf>,
    /// Instead of a dataset, generate N programs over realistic texts.
    #[arg(long)]
    generate: Option<usize>,
    /// The generator's seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// How keys are written.
    #[arg(long, value_enum, default_value = "notation")]
    keys_format: FormatArg,
    /// Where real Vim runs: local processes, or the Docker sandbox (`vimdata sandbox build`).
    #[arg(long, value_enum, default_value = "vim")]
    oracle: DiffOracle,
    /// Also compare the final cursor, mode, registers and marks with Vim's.
    #[arg(long)]
    state: bool,
    /// The `vim` binary for the local backend.
    #[arg(long, default_value = "vim")]
    vim: PathBuf,
    /// Vim processes at once (Vim mostly waits, so more than the cores pays).
    #[arg(long, alias = "jobs")]
    workers: Option<usize>,
    /// Per-record time limit for real Vim, in seconds.
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// One fresh Vim per record running the contract's harness to the letter, sleeps included.
    #[arg(long)]
    fresh: bool,
    /// List the refused records too.
    #[arg(long)]
    show_unsupported: bool,
    /// Compare final screens instead of texts: Vim on a pseudo-terminal (its output replayed
    /// through a terminal emulator) against the emulator's own drawing; prints the screens
    /// whose text rows differ and the figures (text rows, mode, last row, cursor).
    #[arg(long, conflicts_with_all = ["state", "oracle"])]
    screen: bool,
}

/// The real-Vim backend `diff` compares with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum DiffOracle {
    Vim,
    Docker,
}

pub fn run(args: Args) -> super::CliResult {
    let started = Instant::now();
    let (cases, unreadable) = load(&args)?;
    for line in &unreadable {
        println!("{line}");
    }
    if args.screen {
        return run_screens(&args, &cases, started);
    }
    let defaults = OracleOptions::default();
    let options = OracleOptions {
        timeout: Duration::from_secs_f64(args.timeout.max(0.1)),
        workers: args.workers.unwrap_or(defaults.workers).max(1),
        fresh: args.fresh,
        state: args.state,
        vim: args.vim.clone(),
        ..defaults
    };
    let backend = match args.oracle {
        DiffOracle::Vim => Backend::Vim,
        DiffOracle::Docker => Backend::Docker,
    };
    let oracle = Oracle::new(backend, options)?;
    let format = args.keys_format.into();
    let keys: Vec<Vec<Key>> = cases.iter().map(|c| parse(&c.keys, format)).collect();
    let jobs: Vec<(&[u8], &[Key])> = cases.iter().zip(&keys).map(|(c, k)| (c.source.as_bytes(), k.as_slice())).collect();
    let bar = progress(Some(cases.len() as u64), "programs");
    let vim_results = oracle.run_many(&jobs, &|| bar.inc(1));
    let emu_results: Vec<_> = jobs.par_iter().map(|(source, keys)| vimdata::apply(source, keys)).collect();
    let results: Vec<_> = vim_results
        .into_iter()
        .zip(emu_results)
        .map(|(vim, emu)| {
            let state = vim.as_ref().ok().and_then(|run: &VimRun| run.state.clone());
            (vim.map(|run| run.output), emu, state)
        })
        .collect();
    bar.finish_and_clear();
    let (mut agree, mut refused, mut both_none, mut wrong, mut drift) = (0, 0, 0, 0, 0);
    let (mut state_checked, mut state_wrong) = (0, 0);
    for (i, ((case, keys), (vim, emu, state))) in cases.iter().zip(&keys).zip(results).enumerate() {
        if let (Some(rec), vim) = (&case.vim, &vim) {
            let same = match (vim, &rec.output) {
                (Ok(out), Some(want)) => out == want.as_bytes(),
                (Err(e), None) => rec.error.as_deref() == Some(e.kind()),
                _ => false,
            };
            if !same {
                drift += 1;
                println!("case {i}: DRIFT — live Vim no longer gives the recorded result");
                println!("  source:   {}", quoted(case.source.as_bytes()));
                println!("  keys:     {}", case.keys);
                println!("  recorded: {:?} {:?}", rec.output, rec.error);
                println!("  live vim: {}\n", describe_vim(vim));
            }
        }
        match Agreement::of(vim.as_ref().ok().map(Vec::as_slice), &emu) {
            Agreement::Exact => {
                agree += 1;
                if let Some(state) = &state {
                    // Refusing the state is allowed; a state that differs is not.
                    if let Ok(emu_state) = vimdata::state_after(case.source.as_bytes(), keys) {
                        state_checked += 1;
                        let differences = state_differences(&emu_state, state);
                        if !differences.is_empty() {
                            state_wrong += 1;
                            println!("case {i}: STATE DIFFERS (the texts agree)");
                            println!("  source: {}", quoted(case.source.as_bytes()));
                            println!("  keys:   {}", case.keys);
                            for d in differences {
                                println!("  {d}");
                            }
                            println!();
                        }
                    }
                }
            }
            Agreement::Refused => {
                refused += 1;
                if args.show_unsupported {
                    if let Err(e) = &emu {
                        println!("case {i}: refused: {e}\n  source: {}\n  keys:   {}\n", quoted(case.source.as_bytes()), case.keys);
                    }
                }
            }
            Agreement::NoResultInBoth => both_none += 1,
            Agreement::Wrong => {
                wrong += 1;
                println!("case {i}: DISAGREE");
                println!("  source: {}", quoted(case.source.as_bytes()));
                println!("  keys:   {}", case.keys);
                println!("  vim:    {}", describe_vim(&vim));
                match &emu {
                    Ok(out) => println!("  emu:    {}", quoted(out)),
                    Err(e) => println!("  emu:    error: {e}"),
                }
                if let (Ok(v), Ok(e)) = (&vim, &emu) {
                    for line in diff(v, e).lines() {
                        println!("    {line}");
                    }
                }
                println!();
            }
        }
    }
    let total = cases.len();
    let pct = |n: usize| 100.0 * n as f64 / total.max(1) as f64;
    println!(
        "{total} programs: {agree} exact ({:.1}%), {refused} refused ({:.1}%), {both_none} no result in both, {wrong} disagree ({:.2}%), {drift} recordings drifted ({:.1} s)",
        pct(agree),
        pct(refused),
        pct(wrong),
        started.elapsed().as_secs_f64()
    );
    if !unreadable.is_empty() {
        println!("{} dataset lines are not records (listed above); the rest ran", unreadable.len());
    }
    if args.state {
        println!("state: {state_checked} compared (exact texts whose final state Vim could report), {state_wrong} differ");
    }
    Ok(if wrong == 0 && drift == 0 && state_wrong == 0 && unreadable.is_empty() { 0 } else { 1 })
}

/// `--screen`: the final screens of every program, Vim's against the emulator's.
fn run_screens(args: &Args, cases: &[RecordedCase], started: Instant) -> super::CliResult {
    use std::collections::BTreeMap;
    use vimdata::record::differential::{compare_final_screens, ScreenTally, ScreenVerdict};
    use vimdata::record::pty::Typing;
    let options = OracleOptions { fresh: true, vim: args.vim.clone(), ..OracleOptions::default() };
    let runner = vimdata::oracle::LocalRunner::new(&options)?;
    let typing = Typing { timeout: Duration::from_secs_f64(args.timeout.max(0.1)), ..Typing::default() };
    let format = args.keys_format.into();
    let workers = args.workers.unwrap_or(options.workers).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(workers).build()?;
    let bar = progress(Some(cases.len() as u64), "programs");
    let verdicts: Vec<ScreenVerdict> = pool.install(|| {
        cases
            .par_iter()
            .map(|case| {
                let verdict = compare_final_screens(&runner, case.source.as_bytes(), &parse(&case.keys, format), &typing);
                bar.inc(1);
                verdict
            })
            .collect()
    });
    bar.finish_and_clear();
    let mut tally = ScreenTally::default();
    let mut last_rows: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (i, (case, verdict)) in cases.iter().zip(&verdicts).enumerate() {
        tally.add(verdict);
        match verdict {
            ScreenVerdict::Compared { vim, emu, agreement } => {
                if !agreement.text_rows {
                    println!("case {i}: TEXT ROWS DIFFER");
                    println!("  source: {}", quoted(case.source.as_bytes()));
                    println!("  keys:   {}", case.keys);
                    for (row, (v, e)) in vim.rows.iter().zip(&emu.rows).enumerate() {
                        if v != e {
                            println!("  row {row:2} vim: {v:?}");
                            println!("         emu: {e:?}");
                        }
                    }
                    println!();
                }
                if !agreement.command_line {
                    *last_rows.entry((vim.last_row().to_string(), emu.last_row().to_string())).or_default() += 1;
                }
            }
            ScreenVerdict::Refused(why) if args.show_unsupported => {
                println!("case {i}: refused: {why}\n  keys: {}\n", case.keys);
            }
            _ => {}
        }
    }
    let mut common: Vec<_> = last_rows.into_iter().collect();
    common.sort_by(|a, b| b.1.cmp(&a.1));
    if !common.is_empty() {
        println!("last rows that differ (vim | emulator), most common first:");
        for ((vim, emu), n) in common.iter().take(20) {
            println!("  {n:5}  {vim:?} | {emu:?}");
        }
    }
    println!("{} ({:.1} s)", tally.summary(), started.elapsed().as_secs_f64());
    Ok(if tally.text_rows == tally.compared { 0 } else { 1 })
}

fn describe_vim(vim: &Result<Vec<u8>, vimdata::oracle::OracleError>) -> String {
    match vim {
        Ok(out) => quoted(out),
        Err(e) => format!("no result ({e})"),
    }
}

/// The cases to run, and the dataset lines that are not records (each reported as an error
/// for that line, with the same message `apply` and `validate` give; the rest still runs).
fn load(args: &Args) -> Result<(Vec<RecordedCase>, Vec<String>), Box<dyn std::error::Error + Send + Sync>> {
    if let Some(n) = args.generate {
        let cases = generate(n, args.seed).into_iter().map(|c| RecordedCase { source: c.source, keys: c.keys, vim: None }).collect();
        return Ok((cases, Vec::new()));
    }
    let mut cases = Vec::new();
    let mut bad = Vec::new();
    for path in &args.dataset {
        for_each_chunk(open(Some(path))?, 1 << 16, |lines, _| {
            for i in 0..lines.len() {
                let case = lines.record(i).and_then(|_| {
                    // The record reads; the recorded `vim` result, if any, comes with it.
                    let text = lines.text(i)?;
                    serde_json::from_str::<RecordedCase>(text)
                        .map_err(|e| vimdata::dataset::record::RecordError::Json { line: lines.line_number(i), message: e.to_string() })
                });
                match case {
                    Ok(case) => cases.push(case),
                    Err(e) => bad.push(format!("{}: {} error: {e}", path.display(), e.kind())),
                }
            }
            Ok(())
        })?;
    }
    Ok((cases, bad))
}
