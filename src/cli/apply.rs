//! `vimdata apply`: the result of one program (`--keys`), or of a stream of JSONL records
//! (`--jsonl`), one output line per input line, in order, computed in parallel.

use std::io::Write;
use std::path::PathBuf;

use rayon::prelude::*;
use vimdata::dataset::record::for_each_chunk;
use vimdata::dataset::validate::{output_text, Failure, Outcome};
use vimdata::keys::{parse, Key, KeysFormat};

use super::input::{open, progress, read_all};
use super::keys::FormatArg;
use super::oracle_args::{outcomes, vim_outcome, OracleArgs, OracleChoice};

#[derive(clap::Args)]
// `--oracle both` compares two results; `apply` prints one, so it does not offer it.
#[command(mut_arg("oracle", |a| a.value_parser(
    clap::builder::TypedValueParser::map(clap::builder::PossibleValuesParser::new(["emu", "vim", "docker", "auto"]),
        |s: String| <OracleChoice as clap::ValueEnum>::from_str(&s, true).unwrap_or(OracleChoice::Emu)),
)))]
pub struct Args {
    /// The program, in Vim key notation (see --keys-format).
    #[arg(long, conflicts_with = "jsonl", required_unless_present = "jsonl")]
    keys: Option<String>,
    /// Read JSONL records `{"source", "keys"}` and write one `{"output"}` or `{"error"}` per line.
    #[arg(long)]
    jsonl: bool,
    /// With --jsonl: add the emulator's final screen to each output record, `"screen"`: its
    /// rows as strings (the last is the command line) and `"cursor"`: [row, column] (`null`
    /// with a `"screen_error"` when it cannot draw it, `null` alone when the program quit).
    #[arg(long, requires = "jsonl")]
    screens: bool,
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
    if args.screens && args.oracle.oracle != OracleChoice::Emu {
        return Err("--screens draws the emulator's screen: use it with --oracle emu (real Vim's screen: `vimdata record --from vim`)".into());
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
            // An engine error's message names its kind already ("no result: ...", "unsupported: ...").
            eprintln!("vimdata: {}", e.message);
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
    for_each_chunk(reader, CHUNK, |lines, _| {
        let parsed: Vec<Result<(vimdata::dataset::record::Record, Vec<Key>), Failure>> = (0..lines.len())
            .into_par_iter()
            .map(|i| {
                lines
                    .record(i)
                    .map(|r| {
                        let keys = r.parsed_keys(format);
                        (r, keys)
                    })
                    .map_err(|e| Failure::new(e.kind(), e.to_string()))
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
        let outcomes: Vec<Outcome> = parsed
            .iter()
            .map(|p| match p {
                Ok(_) => results.next().unwrap_or_else(|| Err(Failure::new("internal", "missing result"))),
                Err(f) => Err(f.clone()),
            })
            .collect();
        let screens: Vec<Option<serde_json::Value>> = if args.screens {
            parsed
                .par_iter()
                .zip(&outcomes)
                .map(|(p, outcome)| match (p, outcome) {
                    (Ok((r, keys)), Ok(_)) => Some(screen_json(r.source.as_bytes(), keys)),
                    _ => None,
                })
                .collect()
        } else {
            Vec::new()
        };
        for (i, outcome) in outcomes.iter().enumerate() {
            match screens.get(i) {
                Some(Some(screen)) => {
                    let mut value: serde_json::Value = serde_json::from_str(&outcome_json(outcome))?;
                    if let (Some(object), Some(extra)) = (value.as_object_mut(), screen.as_object()) {
                        object.extend(extra.clone());
                    }
                    out.write_all(value.to_string().as_bytes())?;
                }
                _ => out.write_all(outcome_json(outcome).as_bytes())?,
            }
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

/// The emulator's final screen on the contract's 80x24 terminal as JSON fields: `screen`
/// (rows) and `cursor`, or `screen: null` with `screen_error`.
fn screen_json(source: &[u8], keys: &[Key]) -> serde_json::Value {
    match vimdata::record::emu::final_screen(source, keys, 80, 24) {
        Ok(Some(screen)) => serde_json::json!({ "screen": screen.rows, "cursor": [screen.cursor.0, screen.cursor.1] }),
        Ok(None) => serde_json::json!({ "screen": null }),
        Err(e) => serde_json::json!({ "screen": null, "screen_error": { "kind": e.kind(), "message": e.to_string() } }),
    }
}

/// `{"output": ...}` or `{"error": {"kind", "message"}}` (see [`output_text`]).
pub fn outcome_json(outcome: &Outcome) -> String {
    let value = match output_text(outcome) {
        Ok(text) => serde_json::json!({ "output": text }),
        Err(f) => serde_json::json!({ "error": f }),
    };
    value.to_string()
}
