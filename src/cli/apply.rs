//! `vimdata apply`: the result of one program (`--keys`), or of a stream of JSONL records
//! (`--jsonl`), one output line per input line, in order, computed in parallel.

use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;
use vimdata::dataset::record::{for_each_chunk, parse_json_line};
use vimdata::dataset::validate::{Failure, Outcome};
use vimdata::keys::{parse, Key, KeysFormat};

use super::input::{open, progress, read_all};
use super::keys::FormatArg;
use super::oracle_args::{outcomes, vim_outcome, OracleArgs, OracleChoice};

#[derive(clap::Args)]
pub struct Args {
    /// The program, in Vim key notation (see --keys-format).
    #[arg(long, conflicts_with = "jsonl", required_unless_present = "jsonl")]
    keys: Option<String>,
    /// Read JSONL records `{"source", "keys"}` and write one `{"output"}` or `{"error"}` per line.
    #[arg(long)]
    jsonl: bool,
    /// How keys are written.
    #[arg(long, value_enum, default_value = "notation")]
    keys_format: FormatArg,
    #[command(flatten)]
    oracle: OracleArgs,
    /// The source text (or the JSONL records); stdin when absent or `-`.
    file: Option<PathBuf>,
}

/// Records per parallel chunk: big enough to keep both cores busy, small enough to stream.
const CHUNK: usize = 1 << 13;

pub fn run(args: Args) -> super::CliResult {
    if args.oracle.oracle == OracleChoice::Both {
        return Err("`--oracle both` is for `vimdata validate`; use emu, vim, docker or auto".into());
    }
    let oracle = args.oracle.start()?;
    if args.jsonl {
        return run_jsonl(&args, oracle.as_ref());
    }
    let source = read_all(args.file.as_deref())?;
    let keys = parse(args.keys.as_deref().unwrap_or_default(), args.keys_format.into());
    let mut outcome = match (&oracle, args.oracle.oracle) {
        (Some(o), OracleChoice::Vim | OracleChoice::Docker) => vim_outcome(o.run(&source, &keys)),
        _ => vimdata::apply(&source, &keys).map_err(Failure::from),
    };
    if let (Some(o), Err(f)) = (&oracle, &outcome) {
        if f.kind == "unsupported" || f.kind == "limit" {
            outcome = vim_outcome(o.run(&source, &keys));
        }
    }
    match outcome {
        Ok(output) => {
            std::io::stdout().write_all(&output)?;
            Ok(0)
        }
        Err(e) => {
            eprintln!("vimdata: no result: {}", e.message);
            Ok(1)
        }
    }
}

fn run_jsonl(args: &Args, oracle: Option<&vimdata::oracle::Oracle>) -> super::CliResult {
    let format: KeysFormat = args.keys_format.into();
    let reader = open(args.file.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let bar = progress(None, "records");
    let oracle_progress = || {
        if oracle.is_some() {
            bar.inc(1);
        }
    };
    for_each_chunk(reader, CHUNK, |lines, first| {
        let parsed: Vec<Result<(vimdata::dataset::record::Record, Vec<Key>), Failure>> = lines
            .par_iter()
            .enumerate()
            .map(|(i, line)| {
                parse_json_line(line, first + i + 1)
                    .map(|r| {
                        let keys = r.parsed_keys(format);
                        (r, keys)
                    })
                    .map_err(|e| Failure::new("parse", e.to_string()))
            })
            .collect();
        let jobs: Vec<(&[u8], &[Key])> =
            parsed.iter().filter_map(|p| p.as_ref().ok()).map(|(r, k)| (r.source.as_bytes(), k.as_slice())).collect();
        let mut results = outcomes(
            args.oracle.oracle,
            oracle,
            &jobs,
            |j| vimdata::apply(jobs[j].0, jobs[j].1).map_err(Failure::from),
            &oracle_progress,
        )
        .into_iter();
        for p in &parsed {
            let outcome: Outcome = match p {
                Ok(_) => results.next().unwrap_or_else(|| Err(Failure::new("internal", "missing result"))),
                Err(f) => Err(f.clone()),
            };
            out.write_all(outcome_json(&outcome).as_bytes())?;
            out.write_all(b"\n")?;
        }
        if oracle.is_none() {
            bar.inc(lines.len() as u64);
        }
        Ok(())
    })?;
    bar.finish_and_clear();
    out.flush()?;
    Ok(0)
}

/// `{"output": ...}` or `{"error": {"kind", "message"}}`. Output that is not UTF-8 (a latin1
/// file written back byte for byte) is an error record rather than a lossy text.
pub fn outcome_json(outcome: &Outcome) -> String {
    let value = match outcome {
        Ok(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => serde_json::json!({ "output": text }),
            Err(_) => serde_json::json!({ "error": { "kind": "encoding", "message": "the output is not UTF-8 and cannot be a JSON string" } }),
        },
        Err(f) => serde_json::json!({ "error": f }),
    };
    value.to_string()
}
