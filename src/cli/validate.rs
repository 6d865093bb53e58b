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
    default_keys_format, for_each_chunk, read_table, DatasetFormat, Record, RecordError,
};
use vimdata::dataset::validate::{diff, judge, Failure, Outcome, Summary, Verdict};
use vimdata::keys::{Key, KeysFormat};
use vimdata::oracle::Oracle;

use super::input::{open, progress, quoted};
use super::keys::FormatArg;
use super::oracle_args::{outcomes, OracleArgs, OracleChoice};

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
    #[command(flatten)]
    oracle: OracleArgs,
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
    /// With `--oracle both`: the emulator's result when it disagrees with real Vim's.
    disagreement: Option<Outcome>,
}

/// How records get their results in this run.
struct Judge<'a> {
    format: KeysFormat,
    exact: bool,
    choice: OracleChoice,
    oracle: Option<&'a Oracle>,
    progress: &'a (dyn Fn() + Sync),
    /// The report lists every output; otherwise a matched record's output is not kept.
    keep_outputs: bool,
}

/// Running state over the chunks: counts, shown mismatches, the report file.
struct Run<'a> {
    args: &'a Args,
    summary: Summary,
    shown: usize,
    report: Option<std::io::BufWriter<std::fs::File>>,
    notes: Option<Vec<&'static str>>,
    disagreements: usize,
    /// Refusals counted by the feature they are about.
    refused_by_feature: std::collections::BTreeMap<String, usize>,
}

pub fn run(args: Args) -> super::CliResult {
    let started = Instant::now();
    let report = match &args.report {
        Some(path) => Some(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?,
        )),
        None => None,
    };
    let mut run = Run { args: &args, summary: Summary::default(), shown: 0, report, notes: None, disagreements: 0, refused_by_feature: Default::default() };
    let oracle = args.oracle.start()?;
    let format = match (args.format, args.dataset.as_deref()) {
        (Some(FormatChoice::Jsonl), _) => DatasetFormat::Jsonl,
        (Some(FormatChoice::Csv), _) => DatasetFormat::Csv,
        (Some(FormatChoice::Tsv), _) => DatasetFormat::Tsv,
        (None, Some(path)) => DatasetFormat::from_path(path),
        (None, None) => DatasetFormat::Jsonl,
    };
    let keys_format: KeysFormat = args.keys_format.map_or(default_keys_format(format), Into::into);
    let bar = progress(None, "records");
    let tick = || bar.inc(1);
    let judge = Judge { format: keys_format, exact: args.exact, choice: args.oracle.oracle, oracle: oracle.as_ref(), progress: &tick, keep_outputs: args.report.is_some() };
    match args.dataset.as_deref() {
        None => {
            println!("Validating the built-in examples: the seed's table as written, then vimdata's own.\n");
            let builtin = examples::records();
            run.notes = Some(builtin.iter().map(|(e, _)| e.note).collect());
            let records: Vec<Result<Record, RecordError>> = builtin.into_iter().map(|(_, r)| Ok(r)).collect();
            let judged = judge.all(&records);
            run.take(records.into_iter().map(Some), judged, 0)?;
        }
        Some(path) => match format {
            DatasetFormat::Csv | DatasetFormat::Tsv => {
                let delimiter = if format == DatasetFormat::Tsv { b'\t' } else { b',' };
                let records = read_table(open(Some(path))?, delimiter).map_err(|e| in_file(path, e))?;
                let judged = judge.all(&records);
                run.take(records.into_iter().map(Some), judged, 0)?;
            }
            DatasetFormat::Jsonl => {
                for_each_chunk(open(Some(path))?, CHUNK, |lines, first| {
                    let parse = |i: usize| lines.record(i);
                    let (records, judged): (Vec<_>, Vec<_>) = if judge.choice == OracleChoice::Emu {
                        // One pass per record: parse, run, judge. A matched record is not
                        // shown: it is dropped here, in parallel.
                        (0..lines.len()).into_par_iter().map(|i| {
                            let record = parse(i);
                            let judged = judge.emulated(&record);
                            ((judged.verdict != Verdict::Match).then_some(record), judged)
                        }).unzip()
                    } else {
                        let records: Vec<_> = (0..lines.len()).into_par_iter().map(parse).collect();
                        let judged = judge.all(&records);
                        (records.into_iter().map(Some).collect(), judged)
                    };
                    run.take(records, judged, first)?;
                    if oracle.is_none() {
                        bar.inc(lines.len() as u64);
                    }
                    Ok(())
                })?;
            }
        },
    }
    bar.finish_and_clear();
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
        let mut by_feature: Vec<(&String, &usize)> = run.refused_by_feature.iter().collect();
        by_feature.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let listed: Vec<String> = by_feature.iter().map(|(feature, n)| format!("{feature} {n}")).collect();
        println!("Unsupported by feature: {}", listed.join(", "));
        println!("Unsupported records use keys the emulator does not model; real Vim can judge them (--oracle auto).");
    }
    if args.oracle.oracle == OracleChoice::Both {
        println!("{} records where the emulator disagrees with real Vim (verdicts are real Vim's)", run.disagreements);
    }
    Ok(if s.all_match() && run.disagreements == 0 { 0 } else { 1 })
}

fn in_file(path: &Path, e: RecordError) -> String {
    format!("{}: {e}", path.display())
}

impl Judge<'_> {
    /// The emulator's result and verdict for one record.
    fn emulated(&self, record: &Result<Record, RecordError>) -> Judged {
        match record {
            Ok(record) => {
                let mut outcome = vimdata::apply(record.source.as_bytes(), &record.parsed_keys(self.format)).map_err(Failure::from);
                let verdict = judge(record, &outcome, self.exact);
                if verdict == Verdict::Match && !self.keep_outputs {
                    outcome = Ok(Vec::new());
                }
                Judged { verdict, outcome, disagreement: None }
            }
            Err(e) => parse_error(e),
        }
    }

    /// Results and verdicts for a chunk of records, in order.
    fn all(&self, records: &[Result<Record, RecordError>]) -> Vec<Judged> {
        if self.choice == OracleChoice::Emu {
            return records.par_iter().map(|r| self.emulated(r)).collect();
        }
        let keys: Vec<Option<Vec<Key>>> =
            records.par_iter().map(|r| r.as_ref().ok().map(|r| r.parsed_keys(self.format))).collect();
        let jobs: Vec<(&[u8], &[Key])> = records
            .iter()
            .zip(&keys)
            .filter_map(|(r, k)| Some((r.as_ref().ok()?.source.as_bytes(), k.as_deref()?)))
            .collect();
        let emulate = |j: usize| vimdata::apply(jobs[j].0, jobs[j].1).map_err(Failure::from);
        let mut main = outcomes(self.choice, self.oracle, &jobs, emulate, self.progress).into_iter();
        // `both`: real Vim gives the verdicts; the emulator's results are compared with them.
        let (mut emulated, mut vim) = if self.choice == OracleChoice::Both {
            let vim = outcomes(OracleChoice::Vim, self.oracle, &jobs, emulate, self.progress);
            (Some(std::mem::take(&mut main).collect::<Vec<_>>().into_iter()), Some(vim.into_iter()))
        } else {
            (None, None)
        };
        records
            .iter()
            .map(|record| match record {
                Ok(record) => {
                    let missing = || Err(Failure::new("internal", "missing result"));
                    let (outcome, disagreement) = match (&mut emulated, &mut vim) {
                        (Some(e), Some(v)) => {
                            let (e, v) = (e.next().unwrap_or_else(missing), v.next().unwrap_or_else(missing));
                            let disagree = match (&e, &v) {
                                (Ok(a), Ok(b)) => a != b,
                                (Ok(_), Err(_)) => true,
                                (Err(f), Ok(_)) => f.kind == "no-result",
                                (Err(_), Err(_)) => false,
                            };
                            (v, disagree.then_some(e))
                        }
                        _ => (main.next().unwrap_or_else(missing), None),
                    };
                    Judged { verdict: judge(record, &outcome, self.exact), outcome, disagreement }
                }
                Err(e) => parse_error(e),
            })
            .collect()
    }
}

fn parse_error(e: &RecordError) -> Judged {
    Judged { verdict: Verdict::Error, outcome: Err(Failure::new(e.kind(), e.to_string())), disagreement: None }
}

impl Run<'_> {
    /// Count, report and show a chunk of judged records, in order.
    /// `records` may leave out (`None`) records that matched.
    fn take<'r>(
        &mut self,
        records: impl IntoIterator<Item = Option<Result<Record<'r>, RecordError>>>,
        judged: Vec<Judged>,
        first: usize,
    ) -> std::io::Result<()> {
        for (i, (record, j)) in records.into_iter().zip(judged).enumerate() {
            let index = first + i;
            self.summary.add(j.verdict);
            if let (Verdict::Unsupported, Err(failure)) = (j.verdict, &j.outcome) {
                let feature = failure.feature.clone().unwrap_or_else(|| "unlabelled".into());
                *self.refused_by_feature.entry(feature).or_default() += 1;
            }
            if let Some(emulated) = &j.disagreement {
                self.disagreements += 1;
                if let (Some(record), true) = (&record, self.shown < self.args.show) {
                    self.shown += 1;
                    self.show_disagreement(index, record, &j.outcome, emulated);
                }
            }
            if let Some(report) = self.report.as_mut() {
                writeln!(report, "{}", report_line(index, &j))?;
            }
            if let (Some(record), true) = (&record, j.verdict != Verdict::Match && self.shown < self.args.show) {
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
            match &r.target {
                Some(t) => println!("  target: {}", quoted(t.as_bytes())),
                None => println!("  error:  the record has no `target` to compare the output with"),
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

impl Run<'_> {
    fn show_disagreement(&self, index: usize, record: &Result<Record, RecordError>, vim: &Outcome, emulated: &Outcome) {
        println!("record {index}: the emulator disagrees with real Vim");
        if let Ok(r) = record {
            println!("  source: {}", quoted(r.source.as_bytes()));
            println!("  keys:   {}", r.keys);
        }
        let describe = |o: &Outcome| match o {
            Ok(bytes) => quoted(bytes),
            Err(f) => format!("no result ({})", f.message),
        };
        println!("  vim:    {}", describe(vim));
        println!("  emu:    {}", describe(emulated));
        if let (Ok(v), Ok(e)) = (vim, emulated) {
            for line in diff(v, e).lines() {
                println!("    {line}");
            }
        }
        println!();
    }
}

fn report_line(index: usize, j: &Judged) -> String {
    let no_target = Failure::new("no-target", "the record has no `target` to compare the output with");
    let (output, error) = match &j.outcome {
        // An error verdict with an output: nothing to judge it against.
        Ok(bytes) if j.verdict == Verdict::Error => (Some(String::from_utf8_lossy(bytes).into_owned()), Some(&no_target)),
        Ok(bytes) => (Some(String::from_utf8_lossy(bytes).into_owned()), None),
        Err(f) => (None, Some(f)),
    };
    serde_json::json!({ "index": index, "verdict": j.verdict, "output": output, "error": error }).to_string()
}
