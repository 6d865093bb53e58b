//! The dataset loop in one streaming run: pairs (mined from git, or read from a file) →
//! proposals → validation → the clean set.
//!
//! Output for `-o FILE`: the clean set in FILE (JSONL, [`KeptRecord`]), rejected proposals in
//! `FILE.rejected.jsonl` ([`RejectedRecord`]), one [`PairDone`] line per finished pair in
//! `FILE.progress.jsonl`, and the summary in `FILE.summary.json`.
//!
//! Resuming: records are appended as pairs finish, a pair's records before its progress line.
//! A rerun reads the progress file, drops any records of pairs that had not finished (a run
//! killed between the two writes), and skips the finished pairs, so a killed-and-rerun run
//! writes the same files as an uninterrupted one.

use std::collections::{BTreeMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::dataset::pair::{content_hash, Depth, MinedPair};
use crate::dataset::record::Record;
use crate::dataset::validate::{emulate, judge, Failure, Outcome, Verdict};
use crate::keys::{parse_notation, KeysFormat};
use crate::oracle::Oracle;

use super::output::{pair_id, KeptRecord, PairDone, RejectedRecord, CONTRACT, VIM_VERSION};
use super::synth::{self, Program};

/// Pairs proposed for in parallel at once; output keeps the input order.
const CHUNK: usize = 64;

/// A pair to propose programs for: a mined pair's fields (all but `source` and `target`
/// optional, so any `{source, target}` JSONL works).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PairIn {
    pub source: String,
    pub target: String,
    pub repo: String,
    pub commit: String,
    pub path: String,
    pub lang: String,
    pub depth: String,
    pub node_kind: String,
}

impl From<MinedPair> for PairIn {
    fn from(p: MinedPair) -> PairIn {
        PairIn {
            source: p.source,
            target: p.target,
            repo: p.repo,
            commit: p.commit,
            path: p.path,
            lang: p.lang.name().to_string(),
            depth: p.depth.name().to_string(),
            node_kind: p.node_kind,
        }
    }
}

impl PairIn {
    /// The pair's stable id (the miner's content hash of depth and texts).
    pub fn id(&self) -> String {
        let depth = self.depth.parse::<Depth>().unwrap_or(Depth::File);
        let mut hash = content_hash(depth, &self.source, &self.target).to_vec();
        // Pairs without a known depth are told apart by the depth text too.
        if self.depth.parse::<Depth>().is_err() {
            hash.extend(content_hash(Depth::Hunk, &self.depth, "")[..4].iter());
        }
        pair_id(&hash)
    }
}

/// Which proposers run.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Proposer {
    /// The built-in synthesiser.
    Synth,
}

/// How a run proposes and validates.
pub struct Options<'a> {
    pub proposer: Proposer,
    /// Programs per pair (distinct styles).
    pub n: usize,
    /// Real Vim for proposals the emulator refuses (`--oracle auto`); None: refusals are
    /// rejected as `unsupported`.
    pub oracle: Option<&'a Oracle>,
}

/// The files of a run with `-o FILE`.
#[derive(Clone, Debug)]
pub struct Paths {
    pub clean: PathBuf,
    pub rejected: PathBuf,
    pub progress: PathBuf,
    pub summary: PathBuf,
}

impl Paths {
    pub fn beside(clean: &Path) -> Paths {
        let with = |suffix: &str| {
            let mut name = clean.as_os_str().to_os_string();
            name.push(suffix);
            PathBuf::from(name)
        };
        Paths { clean: clean.to_path_buf(), rejected: with(".rejected.jsonl"), progress: with(".progress.jsonl"), summary: with(".summary.json") }
    }
}

/// What one pair gave.
struct PairResult {
    kept: Vec<KeptRecord>,
    rejected: Vec<RejectedRecord>,
    done: PairDone,
}

/// Counts of one stage, for progress lines.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    pub pairs_read: u64,
    pub pairs_skipped: u64,
    pub pairs_done: u64,
    pub proposals: u64,
    pub kept: u64,
}

/// A streaming run writing to `paths`, resuming from what they hold.
pub struct Run<'a> {
    options: Options<'a>,
    paths: Paths,
    done: HashSet<String>,
    clean: BufWriter<File>,
    rejected: BufWriter<File>,
    progress_file: BufWriter<File>,
    pub progress: Progress,
    started: Instant,
}

impl<'a> Run<'a> {
    /// Open (or resume) a run's files.
    pub fn open(paths: Paths, options: Options<'a>) -> std::io::Result<Run<'a>> {
        let done = read_done(&paths.progress)?;
        keep_finished(&paths.clean, &done)?;
        keep_finished(&paths.rejected, &done)?;
        let append = |path: &Path| -> std::io::Result<BufWriter<File>> {
            Ok(BufWriter::new(OpenOptions::new().create(true).append(true).open(path)?))
        };
        Ok(Run {
            options,
            clean: append(&paths.clean)?,
            rejected: append(&paths.rejected)?,
            progress_file: append(&paths.progress)?,
            paths,
            done,
            progress: Progress::default(),
            started: Instant::now(),
        })
    }

    /// Pairs already finished by an earlier run.
    pub fn finished_pairs(&self) -> usize {
        self.done.len()
    }

    /// Propose, validate and keep for a batch of pairs; finished pairs are skipped.
    pub fn process(&mut self, pairs: Vec<PairIn>) -> std::io::Result<()> {
        self.progress.pairs_read += pairs.len() as u64;
        let mut todo: Vec<(String, PairIn)> = Vec::new();
        for pair in pairs {
            let id = pair.id();
            if self.done.contains(&id) || todo.iter().any(|(t, _)| *t == id) {
                self.progress.pairs_skipped += 1;
            } else {
                todo.push((id, pair));
            }
        }
        for chunk in todo.chunks(CHUNK) {
            let results: Vec<PairResult> = chunk.par_iter().map(|(id, pair)| self.one_pair(id, pair)).collect();
            for result in results {
                // A pair's records go out before its progress line (see the module docs).
                for record in &result.kept {
                    write_line(&mut self.clean, record)?;
                }
                for record in &result.rejected {
                    write_line(&mut self.rejected, record)?;
                }
                self.clean.flush()?;
                self.rejected.flush()?;
                write_line(&mut self.progress_file, &result.done)?;
                self.progress_file.flush()?;
                self.progress.pairs_done += 1;
                self.progress.proposals += result.done.proposals as u64;
                self.progress.kept += result.done.kept as u64;
                self.done.insert(result.done.pair_id);
            }
        }
        Ok(())
    }

    /// Propose for one pair and judge every proposal.
    fn one_pair(&self, id: &str, pair: &PairIn) -> PairResult {
        let version = synth::VERSION.to_string();
        let naive = synth::naive(&pair.source, &pair.target).map(|p| p.keys.len());
        let (programs, failure) = match self.options.proposer {
            Proposer::Synth => match synth::synthesize(&pair.source, &pair.target, self.options.n.max(1)) {
                Ok(programs) => (programs, None),
                Err(e) => (Vec::new(), Some(e.to_string())),
            },
        };
        let mut kept = Vec::new();
        let mut rejected = Vec::new();
        if let Some(reason) = failure {
            rejected.push(RejectedRecord {
                pair_id: id.to_string(),
                proposer: "synth".into(),
                proposer_version: version.clone(),
                round: 0,
                keys: String::new(),
                verdict: "no-program".into(),
                reason,
            });
        }
        for Program { style, keys } in &programs {
            let notation = crate::keys::format_keys(keys);
            let (verdict, proven_by, reason) = self.validate(pair, &notation);
            if verdict == Verdict::Match {
                kept.push(KeptRecord {
                    source: pair.source.clone(),
                    keys: notation,
                    target: pair.target.clone(),
                    keystrokes: keys.len(),
                    naive_keystrokes: naive,
                    pair_id: id.to_string(),
                    repo: pair.repo.clone(),
                    commit: pair.commit.clone(),
                    path: pair.path.clone(),
                    lang: pair.lang.clone(),
                    depth: pair.depth.clone(),
                    node_kind: pair.node_kind.clone(),
                    proposer: "synth".into(),
                    proposer_version: version.clone(),
                    style: style.name().into(),
                    round: 0,
                    proven_by: proven_by.into(),
                    vim_version: VIM_VERSION.into(),
                    contract: CONTRACT.into(),
                });
            } else {
                rejected.push(RejectedRecord {
                    pair_id: id.to_string(),
                    proposer: "synth".into(),
                    proposer_version: version.clone(),
                    round: 0,
                    keys: notation,
                    verdict: verdict_name(verdict).into(),
                    reason,
                });
            }
        }
        let best = kept.iter().map(|k| k.keystrokes).min();
        let done = PairDone {
            pair_id: id.to_string(),
            depth: pair.depth.clone(),
            proposals: programs.len(),
            kept: kept.len(),
            best_keystrokes: best,
            naive_keystrokes: naive,
        };
        PairResult { kept, rejected, done }
    }

    /// The verdict on one proposal, who gave it, and why it is not a match.
    fn validate(&self, pair: &PairIn, keys: &str) -> (Verdict, &'static str, String) {
        let record = Record { source: pair.source.as_str().into(), keys: keys.into(), target: Some(pair.target.as_str().into()) };
        let mut outcome: Outcome = emulate(&record, KeysFormat::Notation);
        let mut proven_by = "emulator";
        if let (Err(f), Some(oracle)) = (&outcome, self.options.oracle) {
            if f.kind == "unsupported" || f.kind == "limit" {
                outcome = oracle
                    .run(pair.source.as_bytes(), &parse_notation(keys))
                    .map(|run| run.output)
                    .map_err(|e| Failure::new(e.kind(), format!("real Vim: {e}")));
                proven_by = "vim";
            }
        }
        let verdict = judge(&record, &outcome, false);
        let reason = match &outcome {
            Err(f) => f.message.clone(),
            Ok(_) if verdict == Verdict::Mismatch => "the program gives another text".to_string(),
            Ok(_) => String::new(),
        };
        (verdict, proven_by, reason)
    }

    /// Flush, compute the summary from the files (so a resumed run's summary covers all of
    /// it), write it beside the clean set and return it.
    pub fn finish(mut self) -> std::io::Result<Summary> {
        self.clean.flush()?;
        self.rejected.flush()?;
        self.progress_file.flush()?;
        let mut summary = summarize(&self.paths)?;
        summary.seconds_this_run = self.started.elapsed().as_secs_f64();
        summary.pairs_this_run = self.progress.pairs_done;
        summary.pairs_per_second_this_run = self.progress.pairs_done as f64 / summary.seconds_this_run.max(1e-9);
        let mut file = BufWriter::new(File::create(&self.paths.summary)?);
        serde_json::to_writer_pretty(&mut file, &summary)?;
        file.write_all(b"\n")?;
        file.flush()?;
        Ok(summary)
    }
}

fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Match => "match",
        Verdict::Mismatch => "mismatch",
        Verdict::Unsupported => "unsupported",
        Verdict::Error => "error",
    }
}

fn write_line<T: Serialize>(out: &mut impl Write, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Pair ids in a progress file (a torn last line is ignored: that pair is not finished).
fn read_done(path: &Path) -> std::io::Result<HashSet<String>> {
    let mut done = HashSet::new();
    if !path.exists() {
        return Ok(done);
    }
    let mut lines: Vec<String> = Vec::new();
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        if let Ok(d) = serde_json::from_str::<PairDone>(&line) {
            done.insert(d.pair_id);
            lines.push(line);
        }
    }
    // Rewrite without a torn line so appends start on a fresh line.
    rewrite(path, &lines)?;
    Ok(done)
}

/// Keep only the lines of `path` whose `pair_id` is finished.
fn keep_finished(path: &Path, done: &HashSet<String>) -> std::io::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    #[derive(Deserialize)]
    struct Id {
        pair_id: String,
    }
    let mut kept = Vec::new();
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        if serde_json::from_str::<Id>(&line).is_ok_and(|id| done.contains(&id.pair_id)) {
            kept.push(line);
        }
    }
    rewrite(path, &kept)
}

fn rewrite(path: &Path, lines: &[String]) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    for line in lines {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// The figures of a run.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Summary {
    pub pairs: u64,
    /// Pairs with at least one kept program.
    pub pairs_kept: u64,
    pub proposals: u64,
    pub kept: u64,
    /// Kept proposals over all proposals, in percent.
    pub proven_percent: f64,
    /// Over pairs with a kept program and a naive one: the shortest kept program's keys and
    /// the naive program's, on average, and the ratio of the sums.
    pub mean_best_keystrokes: f64,
    pub mean_naive_keystrokes: f64,
    pub keystroke_ratio_to_naive: f64,
    pub by_depth: BTreeMap<String, DepthSummary>,
    /// Kept records and their mean keys per proposer and style (`synth/motions` ...).
    pub by_proposer: BTreeMap<String, ProposerSummary>,
    pub rejected_by_verdict: BTreeMap<String, u64>,
    pub seconds_this_run: f64,
    pub pairs_this_run: u64,
    pub pairs_per_second_this_run: f64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DepthSummary {
    pub pairs: u64,
    pub pairs_kept: u64,
    pub mean_best_keystrokes: f64,
    pub mean_naive_keystrokes: f64,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ProposerSummary {
    pub kept: u64,
    pub mean_keystrokes: f64,
}

/// The summary of everything in a run's files.
pub fn summarize(paths: &Paths) -> std::io::Result<Summary> {
    let mut s = Summary::default();
    let (mut best_sum, mut naive_sum, mut both) = (0u64, 0u64, 0u64);
    let mut depth_sums: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    for line in read_lines(&paths.progress)? {
        let Ok(d) = serde_json::from_str::<PairDone>(&line) else { continue };
        s.pairs += 1;
        s.proposals += d.proposals as u64;
        s.kept += d.kept as u64;
        let depth = s.by_depth.entry(d.depth.clone()).or_default();
        depth.pairs += 1;
        if d.kept > 0 {
            s.pairs_kept += 1;
            depth.pairs_kept += 1;
        }
        if let (Some(best), Some(naive)) = (d.best_keystrokes, d.naive_keystrokes) {
            best_sum += best as u64;
            naive_sum += naive as u64;
            both += 1;
            let sums = depth_sums.entry(d.depth).or_default();
            sums.0 += best as u64;
            sums.1 += naive as u64;
            sums.2 += 1;
        }
    }
    let mean = |sum: u64, n: u64| if n == 0 { 0.0 } else { sum as f64 / n as f64 };
    s.proven_percent = 100.0 * mean(s.kept, s.proposals);
    s.mean_best_keystrokes = mean(best_sum, both);
    s.mean_naive_keystrokes = mean(naive_sum, both);
    s.keystroke_ratio_to_naive = mean(best_sum, naive_sum);
    for (depth, (best, naive, n)) in depth_sums {
        if let Some(d) = s.by_depth.get_mut(&depth) {
            d.mean_best_keystrokes = mean(best, n);
            d.mean_naive_keystrokes = mean(naive, n);
        }
    }
    let mut proposer_sums: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for line in read_lines(&paths.clean)? {
        let Ok(k) = serde_json::from_str::<KeptRecord>(&line) else { continue };
        let sums = proposer_sums.entry(format!("{}/{}", k.proposer, k.style)).or_default();
        sums.0 += 1;
        sums.1 += k.keystrokes as u64;
    }
    for (name, (kept, keys)) in proposer_sums {
        s.by_proposer.insert(name, ProposerSummary { kept, mean_keystrokes: mean(keys, kept) });
    }
    for line in read_lines(&paths.rejected)? {
        let Ok(r) = serde_json::from_str::<RejectedRecord>(&line) else { continue };
        *s.rejected_by_verdict.entry(r.verdict).or_default() += 1;
    }
    Ok(s)
}

fn read_lines(path: &Path) -> std::io::Result<Vec<String>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    BufReader::new(File::open(path)?).lines().collect()
}
