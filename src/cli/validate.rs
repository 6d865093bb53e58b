//! `vimdata validate`: check `{source, keys, target}` records and report what matched.
//!
//! Datasets stream through in chunks judged in parallel; the summary, the shown mismatches
//! and the `--report` lines keep the input order. Exit 0 when every record matched, 1 when
//! any did not, 2 on usage or I/O errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use vimdata::dataset::examples;
use vimdata::dataset::record::{
    default_keys_format, for_each_chunk, parse_json_line, read_table, DatasetFormat, Record, RecordError,
};
use vimdata::dataset::validate::{diff, emulate, judge, Failure, Outcome, Summary, Verdict};
use vimdata::keys::KeysFormat;

use super::input::{open, progress, quoted};
use super::keys::FormatArg;

#[derive(clap::Args)]
pub struct Args {
    /// JSONL records `{source, keys, target}`, or a CSV/TSV table with the seed's columns
    /// `source,target,transform`; `-` for stdin. Without it, the built-in example set.
    dataset: Option<PathBuf>,
    /// The dataset's format (default: by extension, `.csv`/`.tsv`, else JSONL).
    #[arg(long, value_enum)]
    format: Option<FormatChoice>,
    /// How keys are written (default: notation for JSONL, the seed's escapes for CSV/TSV).
    #[arg(long, value_enum)]
    keys_format: Option<FormatArg>,
    /// Compare bytes exactly (default: line-wise, a missing final newline is ignored).
    #[arg(long)]
    exact: bool,
    /// Write one JSONL line per record: `{index, verdict, output, error}`.
    #[arg(long)]
    report: Option<PathBuf>,
    /// How many mismatches to print with a diff.
    #[arg(long, default_value_t = 10)]
    show: usize,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatChoice {
    Jsonl,
    Csv,
    Tsv,
}

/// Records per parallel chunk.
const CHUNK: usize = 1 << 13;

/// One judged record, with what the report and the mismatch listing need.
struct Judged {
    verdict: Verdict,
    outcome: Outcome,
}

/// Running state over the chunks: counts, shown mismatches, the report file.
struct Run<'a> {
    args: &'a Args,
    summary: Summary,
    shown: usize,
    report: Option<std::io::BufWriter<std::fs::File>>,
    notes: Option<Vec<&'static str>>,
}

pub fn run(args: Args) -> super::CliResult {
    let started = Instant::now();
    let report = match &args.report {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?,
        )),
        None => None,
    };
    let mut run = Run { args: &args, summary: Summary::default(), shown: 0, report, notes: None };
    let format = match (args.format, args.dataset.as_deref()) {
        (Some(FormatChoice::Jsonl), _) => DatasetFormat::Jsonl,
        (Some(FormatChoice::Csv), _) => DatasetFormat::Csv,
        (Some(FormatChoice::Tsv), _) => DatasetFormat::Tsv,
        (None, Some(path)) => DatasetFormat::from_path(path),
        (None, None) => DatasetFormat::Jsonl,
    };
    let keys_format: KeysFormat = args.keys_format.map_or(default_keys_format(format), Into::into);
    match args.dataset.as_deref() {
        None => {
            println!("Validating the built-in examples: the seed's table as written, then vimdata's own.\n");
            let builtin = examples::records();
            run.notes = Some(builtin.iter().map(|(e, _)| e.note).collect());
            let records: Vec<Result<Record, RecordError>> = builtin.into_iter().map(|(_, r)| Ok(r)).collect();
            let judged = judge_all(&records, keys_format, args.exact);
            run.take(&records, judged, 0)?;
        }
        Some(path) => match format {
            DatasetFormat::Csv | DatasetFormat::Tsv => {
                let delimiter = if format == DatasetFormat::Tsv { b'\t' } else { b',' };
                let records = read_table(open(Some(path))?, delimiter).map_err(|e| in_file(path, e))?;
                let judged = judge_all(&records, keys_format, args.exact);
                run.take(&records, judged, 0)?;
            }
            DatasetFormat::Jsonl => {
                let bar = progress(None, "records");
                for_each_chunk(open(Some(path))?, CHUNK, |lines, first| {
                    let records: Vec<Result<Record, RecordError>> =
                        lines.par_iter().enumerate().map(|(i, l)| parse_json_line(l, first + i + 1)).collect();
                    let judged = judge_all(&records, keys_format, args.exact);
                    run.take(&records, judged, first)?;
                    bar.inc(lines.len() as u64);
                    Ok(())
                })?;
                bar.finish_and_clear();
            }
        },
    }
    if let Some(report) = run.report.as_mut() {
        report.flush()?;
    }
    let s = run.summary;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{} records: {} matched, {} mismatched, {} unsupported, {} errors ({:.0} records/s)",
        s.total(),
        s.matched,
        s.mismatched,
        s.unsupported,
        s.errors,
        s.total() as f64 / seconds.max(1e-9)
    );
    if s.unsupported > 0 {
        println!("Unsupported records use keys the emulator does not model; real Vim can judge them.");
    }
    Ok(if s.all_match() { 0 } else { 1 })
}

fn in_file(path: &Path, e: RecordError) -> String {
    format!("{}: {e}", path.display())
}

fn judge_all(records: &[Result<Record, RecordError>], format: KeysFormat, exact: bool) -> Vec<Judged> {
    records
        .par_iter()
        .map(|record| match record {
            Ok(record) => {
                let outcome = emulate(record, format);
                Judged { verdict: judge(record, &outcome, exact), outcome }
            }
            Err(e) => Judged { verdict: Verdict::Error, outcome: Err(Failure::new("parse", e.to_string())) },
        })
        .collect()
}

impl Run<'_> {
    /// Count, report and show a chunk of judged records, in order.
    fn take(&mut self, records: &[Result<Record, RecordError>], judged: Vec<Judged>, first: usize) -> std::io::Result<()> {
        for (i, (record, j)) in records.iter().zip(judged).enumerate() {
            let index = first + i;
            self.summary.add(j.verdict);
            if let Some(report) = self.report.as_mut() {
                writeln!(report, "{}", report_line(index, &j))?;
            }
            if j.verdict != Verdict::Match && self.shown < self.args.show {
                self.shown += 1;
                let note = self.notes.as_ref().and_then(|n| n.get(index)).copied().unwrap_or_default();
                self.show(index, record, &j, note);
            }
        }
        Ok(())
    }

    fn show(&self, index: usize, record: &Result<Record, RecordError>, j: &Judged, note: &str) {
        let verdict = serde_json::to_value(j.verdict).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
        println!("record {index}: {verdict}");
        if let Ok(r) = record {
            println!("  source: {}", quoted(r.source.as_bytes()));
            println!("  keys:   {}", r.keys);
            if let Some(t) = &r.target {
                println!("  target: {}", quoted(t.as_bytes()));
            }
            if let (Ok(out), Some(t)) = (&j.outcome, &r.target) {
                println!("  output: {}", quoted(out));
                for line in diff(t.as_bytes(), out).lines() {
                    println!("    {line}");
                }
            }
        }
        if let Err(f) = &j.outcome {
            println!("  error:  {}", f.message);
        }
        if !note.is_empty() {
            println!("  note:   {note}");
        }
        println!();
    }
}

fn report_line(index: usize, j: &Judged) -> String {
    let (output, error) = match &j.outcome {
        Ok(bytes) => (Some(String::from_utf8_lossy(bytes).into_owned()), None),
        Err(f) => (None, Some(f)),
    };
    serde_json::json!({ "index": index, "verdict": j.verdict, "output": output, "error": error }).to_string()
}
