//! `vimdata record`: asciicast v2 recordings of edits. One program (`--keys K [FILE] -o
//! edit.cast`), or every record of a JSONL file into a folder (`--jsonl RECORDS -o DIR`, one
//! `NNNNNN.cast` per record, in parallel, a JSON line per record on stdout).
//!
//! `--from emu` (default) draws the emulator's own screen and needs no Vim; `--from vim`
//! records real Vim on a pseudo-terminal and then checks the file it wrote against the
//! contract's result for the same program (a fresh Vim under the contract's harness).

use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;
use vimdata::dataset::record::for_each_chunk;
use vimdata::keys::{format_keys, parse, Key, KeysFormat};
use vimdata::oracle::{LocalRunner, OracleError, OracleOptions};
use vimdata::record::recording::{check_with_oracle, emu_cast, vim_cast, CastOptions, OracleCheck};
use vimdata::record::Cast;

use super::input::{open, progress, quoted, read_all};
use super::keys::FormatArg;

#[derive(clap::Args)]
pub struct Args {
    /// The program, in Vim key notation (see --keys-format).
    #[arg(long, conflicts_with = "jsonl", required_unless_present = "jsonl")]
    keys: Option<String>,
    /// Record every `{"source", "keys"}` record of this JSONL file (`-` for stdin) into the
    /// folder given by -o.
    #[arg(long, value_name = "RECORDS")]
    jsonl: Option<PathBuf>,
    /// The recording to write (with --jsonl: the folder for them).
    #[arg(short, long)]
    output: PathBuf,
    /// Who draws the screen: the emulator (no Vim needed) or real Vim on a pseudo-terminal.
    #[arg(long, value_enum, default_value = "emu")]
    from: From,
    /// Milliseconds between keys; 0 types the whole program in one burst.
    #[arg(long, default_value_t = 150)]
    pace: u64,
    /// The longest pause a player shows, in seconds.
    #[arg(long, default_value_t = 2.0)]
    idle_cap: f64,
    #[arg(long, default_value_t = 80)]
    width: u16,
    #[arg(long, default_value_t = 24)]
    height: u16,
    /// The recording's title (default: the keys).
    #[arg(long)]
    title: Option<String>,
    /// How keys are written.
    #[arg(long, value_enum, default_value = "notation")]
    keys_format: FormatArg,
    /// Recordings made at once with --jsonl (default: two per core for Vim, one per core for
    /// the emulator).
    #[arg(long)]
    workers: Option<usize>,
    /// Time limit for one real-Vim recording, in seconds (on top of the typing time).
    #[arg(long, default_value_t = 10.0)]
    timeout: f64,
    /// The `vim` binary for --from vim.
    #[arg(long, default_value = "vim")]
    vim: PathBuf,
    /// The source text; stdin when absent or `-`.
    file: Option<PathBuf>,
}

/// Who draws the recorded screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum From {
    Emu,
    Vim,
}

pub fn run(args: Args) -> super::CliResult {
    if args.width < 10 || args.height < 2 {
        return Err("the screen must be at least 10 columns by 2 rows".into());
    }
    let runner = match args.from {
        From::Vim => Some(LocalRunner::new(&OracleOptions { fresh: true, vim: args.vim.clone(), ..OracleOptions::default() })?),
        From::Emu => None,
    };
    if let Some(path) = &args.jsonl {
        return run_jsonl(&args, path, runner.as_ref());
    }
    let source = read_all(args.file.as_deref())?;
    let keys = parse(args.keys.as_deref().unwrap_or_default(), args.keys_format.into());
    match record_one(&args, runner.as_ref(), &source, &keys) {
        Ok(made) => {
            std::fs::write(&args.output, made.cast.to_string_lossless())
                .map_err(|e| format!("cannot write {}: {e}", args.output.display()))?;
            let seconds = made.cast.events.last().map_or(0.0, |e| e.time);
            eprintln!("vimdata: wrote {} ({} events, {seconds:.1} s)", args.output.display(), made.cast.events.len());
            match made.check {
                None => Ok(0),
                Some(Check { agrees: true, message }) => {
                    eprintln!("vimdata: {message}");
                    Ok(0)
                }
                Some(Check { agrees: false, message }) => {
                    eprintln!("vimdata: {message}");
                    Ok(1)
                }
            }
        }
        Err(failure) => {
            // The message names its kind already ("unsupported: ...", "vim exited ...").
            eprintln!("vimdata: no recording: {}", failure.message);
            Ok(1)
        }
    }
}

/// A recording and, for real Vim, how its result compares with the contract's.
struct Made {
    cast: Cast,
    check: Option<Check>,
}

struct Check {
    agrees: bool,
    message: String,
}

/// Why a program has no recording.
#[derive(serde::Serialize)]
struct Failure {
    kind: String,
    message: String,
}

fn record_one(args: &Args, runner: Option<&LocalRunner>, source: &[u8], keys: &[Key]) -> Result<Made, Failure> {
    let options = CastOptions {
        pace: Duration::from_millis(args.pace),
        idle_cap: args.idle_cap.max(0.0),
        width: args.width,
        height: args.height,
        title: args.title.clone().unwrap_or_else(|| format!("vimdata: {}", format_keys(keys))),
    };
    let Some(runner) = runner else {
        return emu_cast(source, keys, &options)
            .map(|cast| Made { cast, check: None })
            .map_err(|e| Failure { kind: e.kind().into(), message: e.to_string() });
    };
    let typing_time = args.pace as f64 / 1000.0 * keys.len() as f64;
    let timeout = Duration::from_secs_f64(args.timeout.max(0.1) + typing_time);
    let made = vim_cast(runner, source, keys, &options, timeout).map_err(|e| Failure { kind: e.kind().into(), message: e.to_string() })?;
    let check = match check_with_oracle(runner, source, keys, &made.run) {
        OracleCheck::Agrees => Check {
            agrees: true,
            message: match &made.run.result {
                Ok(bytes) => format!("the file Vim wrote on the terminal is the contract's result for this program ({} bytes)", bytes.len()),
                Err(e) => format!("no result on the terminal ({e}), and none under the contract either"),
            },
        },
        OracleCheck::Differs { terminal, contract } => Check {
            agrees: false,
            message: format!(
                "the file Vim wrote on the terminal DIFFERS from the contract's result: terminal {}, contract {}",
                describe(&terminal),
                describe(&contract)
            ),
        },
    };
    Ok(Made { cast: made.cast, check: Some(check) })
}

fn describe(result: &Result<Vec<u8>, OracleError>) -> String {
    match result {
        Ok(bytes) => quoted(bytes),
        Err(e) => format!("no result ({e})"),
    }
}

/// `--jsonl`: one recording per record, `DIR/NNNNNN.cast` by 0-based record number, and one
/// line per record on stdout: `{"index", "cast"}` (with `"oracle": "agrees"|"differs"` for
/// real Vim) or `{"index", "error": {"kind", "message"}}`. Exit 1 when any record has no
/// recording or differs from the contract.
fn run_jsonl(args: &Args, path: &Path, runner: Option<&LocalRunner>) -> super::CliResult {
    std::fs::create_dir_all(&args.output).map_err(|e| format!("cannot create {}: {e}", args.output.display()))?;
    let format: KeysFormat = args.keys_format.into();
    let mut records: Vec<Result<(Vec<u8>, Vec<Key>), Failure>> = Vec::new();
    let input = if path == Path::new("-") { None } else { Some(path) };
    for_each_chunk(open(input)?, 1 << 12, |lines, _| {
        for i in 0..lines.len() {
            records.push(
                lines
                    .record(i)
                    .map(|r| (r.source.as_bytes().to_vec(), r.parsed_keys(format)))
                    .map_err(|e| Failure { kind: e.kind().into(), message: e.to_string() }),
            );
        }
        Ok(())
    })?;
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let workers = args.workers.unwrap_or(if runner.is_some() { cores * 2 } else { cores }).max(1);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(workers).build()?;
    let bar = progress(Some(records.len() as u64), "recordings");
    let lines: Vec<(bool, serde_json::Value)> = pool.install(|| {
        records
            .par_iter()
            .enumerate()
            .map(|(index, record)| {
                let line = record_to_file(args, runner, index, record);
                bar.inc(1);
                line
            })
            .collect()
    });
    bar.finish_and_clear();
    let mut all_good = true;
    for (good, line) in lines {
        all_good &= good;
        println!("{line}");
    }
    Ok(if all_good { 0 } else { 1 })
}

/// Record one record of a JSONL file into the output folder; its stdout line.
fn record_to_file(args: &Args, runner: Option<&LocalRunner>, index: usize, record: &Result<(Vec<u8>, Vec<Key>), Failure>) -> (bool, serde_json::Value) {
    let made = match record {
        Ok((source, keys)) => record_one(args, runner, source, keys),
        Err(f) => Err(Failure { kind: f.kind.clone(), message: f.message.clone() }),
    };
    let made = made.and_then(|made| {
        let file = args.output.join(format!("{index:06}.cast"));
        std::fs::write(&file, made.cast.to_string_lossless())
            .map(|_| (made, file))
            .map_err(|e| Failure { kind: "io".into(), message: format!("cannot write {}: {e}", args.output.display()) })
    });
    match made {
        Ok((made, file)) => {
            let mut line = serde_json::json!({ "index": index, "cast": file.display().to_string() });
            let mut good = true;
            if let Some(check) = made.check {
                good = check.agrees;
                line["oracle"] = serde_json::json!(if check.agrees { "agrees" } else { "differs" });
                if !check.agrees {
                    line["oracle_message"] = serde_json::json!(check.message);
                }
            }
            (good, line)
        }
        Err(failure) => (false, serde_json::json!({ "index": index, "error": failure })),
    }
}
