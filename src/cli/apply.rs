//! `vimdata apply`: the result of one program (`--keys`), or of a stream of JSONL records
//! (`--jsonl`), one output line per input line, in order, computed in parallel.

use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;
use vimdata::dataset::record::{for_each_chunk, parse_json_line};
use vimdata::dataset::validate::{emulate, Failure, Outcome};
use vimdata::keys::parse;

use super::input::{open, progress, read_all};
use super::keys::FormatArg;

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
    /// The source text (or the JSONL records); stdin when absent or `-`.
    file: Option<PathBuf>,
}

/// Records per parallel chunk: big enough to keep both cores busy, small enough to stream.
const CHUNK: usize = 1 << 13;

pub fn run(args: Args) -> super::CliResult {
    if args.jsonl {
        return run_jsonl(&args);
    }
    let source = read_all(args.file.as_deref())?;
    let keys = parse(args.keys.as_deref().unwrap_or_default(), args.keys_format.into());
    match vimdata::apply(&source, &keys) {
        Ok(output) => {
            std::io::stdout().write_all(&output)?;
            Ok(0)
        }
        Err(e) => {
            eprintln!("vimdata: no result: {e}");
            Ok(1)
        }
    }
}

fn run_jsonl(args: &Args) -> super::CliResult {
    let format = args.keys_format.into();
    let reader = open(args.file.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let bar = progress(None, "records");
    for_each_chunk(reader, CHUNK, |lines, first| {
        let results: Vec<String> = lines
            .par_iter()
            .enumerate()
            .map(|(i, line)| {
                let outcome: Outcome = parse_json_line(line, first + i + 1)
                    .map_err(|e| Failure::new("parse", e.to_string()))
                    .and_then(|record| emulate(&record, format));
                outcome_json(&outcome)
            })
            .collect();
        for line in results {
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        bar.inc(lines.len() as u64);
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
