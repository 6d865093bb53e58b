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

use super::llm::client::ModelUsage;
use super::llm::{self, Judged, Llm};
use super::output::{pair_id, KeptRecord, LlmPairStats, PairDone, RejectedRecord, CONTRACT, VIM_VERSION};
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
    /// A language model (`--base-url`, `--model`).
    Llm,
    /// Both: the synthesiser once, the model in every round.
    Both,
}

impl Proposer {
    pub fn uses_llm(self) -> bool {
        matches!(self, Proposer::Llm | Proposer::Both)
    }
}

/// How a run proposes and validates.
pub struct Options<'a> {
    pub proposer: Proposer,
    /// Programs per pair (distinct styles).
    pub n: usize,
    /// Real Vim for proposals the emulator refuses (`--oracle auto`); None: refusals are
    /// rejected as `unsupported`.
    pub oracle: Option<&'a Oracle>,
    /// The model, for `--with llm|both`.
    pub llm: Option<&'a Llm>,
    /// The round (0 for a synthesiser-only run; 1..N with the model).
    pub round: u32,
    /// Proven examples the model's prompts draw from.
    pub pool: llm::prompt::Pool,
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
    /// A request to the model got no reply: the pair is not finished, so a rerun asks again
    /// (an endpoint down for an hour must not mark an hour of pairs as done).
    unfinished: bool,
}

/// Counts of one stage, for progress lines.
#[derive(Clone, Copy, Debug, Default)]
pub struct Progress {
    pub pairs_read: u64,
    pub pairs_skipped: u64,
    pub pairs_done: u64,
    /// Pairs left unfinished because a request to the model failed (a rerun retries them).
    pub pairs_unfinished: u64,
    pub proposals: u64,
    pub kept: u64,
}

/// A streaming run writing to `paths`, resuming from what they hold.
pub struct Run<'a> {
    options: Options<'a>,
    paths: Paths,
    /// Finished (round, pair) keys.
    done: HashSet<(u32, String)>,
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
            if self.done.contains(&(self.options.round, id.clone())) || todo.iter().any(|(t, _)| *t == id) {
                self.progress.pairs_skipped += 1;
            } else {
                todo.push((id, pair));
            }
        }
        for chunk in todo.chunks(CHUNK) {
            let results: Vec<PairResult> = match self.options.llm {
                // The model's work is waiting on the network: as many threads as requests
                // may be in flight.
                Some(model) if self.options.proposer.uses_llm() => {
                    llm::map_threads(chunk, model.client.config().concurrency, |(id, pair)| self.one_pair(id, pair))
                }
                _ => chunk.par_iter().map(|(id, pair)| self.one_pair(id, pair)).collect(),
            };
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
                if result.unfinished {
                    self.progress.pairs_unfinished += 1;
                    continue;
                }
                write_line(&mut self.progress_file, &result.done)?;
                self.progress_file.flush()?;
                self.progress.pairs_done += 1;
                self.progress.proposals += result.done.proposals as u64;
                self.progress.kept += result.done.kept as u64;
                self.done.insert((result.done.round, result.done.pair_id));
            }
        }
        Ok(())
    }

    /// Propose for one pair and judge every proposal.
    fn one_pair(&self, id: &str, pair: &PairIn) -> PairResult {
        let round = self.options.round;
        let naive = synth::naive(&pair.source, &pair.target).map(|p| p.keys.len());
        let mut kept = Vec::new();
        let mut rejected = Vec::new();
        let mut proposals = 0;
        // The synthesiser runs in a synthesiser-only run and in a run's first round (its
        // programs do not change with the rounds).
        let synth_runs = matches!(self.options.proposer, Proposer::Synth) || (self.options.proposer == Proposer::Both && round <= 1);
        if synth_runs {
            proposals += self.synth_pair(id, pair, naive, &mut kept, &mut rejected);
        }
        let mut unfinished = false;
        let llm_stats = match self.options.llm {
            Some(model) if self.options.proposer.uses_llm() => {
                let synth_best = kept.iter().filter(|k: &&KeptRecord| k.proposer == "synth").map(|k| k.keystrokes).min().or_else(|| {
                    synth::synthesize(&pair.source, &pair.target, 1).ok().and_then(|p| p.iter().map(|p| p.keys.len()).min())
                });
                let stats = self.llm_pair(model, id, pair, naive, synth_best, &mut kept, &mut rejected);
                unfinished = rejected.iter().any(|r| r.verdict == "request-failed");
                proposals += stats.proposals;
                Some(stats)
            }
            _ => None,
        };
        let best = kept.iter().map(|k| k.keystrokes).min();
        let done = PairDone {
            pair_id: id.to_string(),
            depth: pair.depth.clone(),
            proposals,
            kept: kept.len(),
            best_keystrokes: best,
            naive_keystrokes: naive,
            round,
            llm: llm_stats,
        };
        PairResult { kept, rejected, done, unfinished }
    }

    /// The synthesiser's programs for one pair, judged; returns the number proposed.
    fn synth_pair(&self, id: &str, pair: &PairIn, naive: Option<usize>, kept: &mut Vec<KeptRecord>, rejected: &mut Vec<RejectedRecord>) -> usize {
        let version = synth::VERSION.to_string();
        let round = self.options.round;
        let programs = match synth::synthesize(&pair.source, &pair.target, self.options.n.max(1)) {
            Ok(programs) => programs,
            Err(e) => {
                rejected.push(RejectedRecord {
                    pair_id: id.to_string(),
                    proposer: "synth".into(),
                    proposer_version: version.clone(),
                    round,
                    keys: String::new(),
                    verdict: "no-program".into(),
                    reason: e.to_string(),
                    style: String::new(),
                    reply: String::new(),
                });
                Vec::new()
            }
        };
        for Program { style, keys } in &programs {
            let notation = crate::keys::format_keys(keys);
            let judged = self.validate(pair, &notation);
            if judged.verdict == Verdict::Match {
                kept.push(self.kept(id, pair, notation, keys.len(), naive, "synth", &version, style.name(), judged.proven_by));
            } else {
                rejected.push(RejectedRecord {
                    pair_id: id.to_string(),
                    proposer: "synth".into(),
                    proposer_version: version.clone(),
                    round,
                    keys: notation,
                    verdict: verdict_name(judged.verdict).into(),
                    reason: judged.reason,
                    style: String::new(),
                    reply: String::new(),
                });
            }
        }
        programs.len()
    }

    /// The model's proposals for one pair: every try judged, kept or rejected with its
    /// verdict and the reply it came from.
    #[allow(clippy::too_many_arguments)]
    fn llm_pair(
        &self,
        model: &Llm,
        id: &str,
        pair: &PairIn,
        naive: Option<usize>,
        synth_best: Option<usize>,
        kept: &mut Vec<KeptRecord>,
        rejected: &mut Vec<RejectedRecord>,
    ) -> LlmPairStats {
        let version = model.config.model.clone();
        let size = pair.source.len() + pair.target.len();
        if size > model.config.max_pair_bytes {
            rejected.push(RejectedRecord {
                pair_id: id.to_string(),
                proposer: "llm".into(),
                proposer_version: version,
                round: self.options.round,
                keys: String::new(),
                verdict: "too-large".into(),
                reason: format!("{size} bytes of source and target, over --max-pair-bytes {}: not sent", model.config.max_pair_bytes),
                style: String::new(),
                reply: String::new(),
            });
            return LlmPairStats { synth_keystrokes: synth_best, ..Default::default() };
        }
        let judge = |keys: &str| self.validate(pair, keys);
        let tries = model.propose(id, &pair.source, &pair.target, &self.options.pool, &judge);
        let mut stats = LlmPairStats { candidates: model.config.n.max(1), synth_keystrokes: synth_best, ..Default::default() };
        for t in tries {
            let style = format!("c{}t{}", t.candidate, t.turn);
            let (keys, verdict, reason) = match t.outcome {
                llm::Outcome::Judged { keys, keystrokes, judged } => {
                    stats.proposals += 1;
                    if judged.verdict == Verdict::Match {
                        stats.kept += 1;
                        stats.solved = true;
                        stats.pass_any |= t.turn == 0;
                        stats.pass_first |= t.turn == 0 && t.candidate == 0;
                        stats.best_keystrokes = Some(stats.best_keystrokes.map_or(keystrokes, |b| b.min(keystrokes)));
                        kept.push(self.kept(id, pair, keys, keystrokes, naive, "llm", &version, &style, judged.proven_by));
                        continue;
                    }
                    (keys, verdict_name(judged.verdict).to_string(), judged.reason)
                }
                llm::Outcome::NoKeys(why) => {
                    stats.proposals += 1;
                    (String::new(), "no-keys".to_string(), why)
                }
                llm::Outcome::RequestFailed(e) => (String::new(), "request-failed".to_string(), format!("{}: {e}", e.kind())),
            };
            rejected.push(RejectedRecord {
                pair_id: id.to_string(),
                proposer: "llm".into(),
                proposer_version: version.clone(),
                round: self.options.round,
                keys,
                verdict,
                reason,
                style,
                reply: t.reply,
            });
        }
        stats
    }

    #[allow(clippy::too_many_arguments)]
    fn kept(&self, id: &str, pair: &PairIn, keys: String, keystrokes: usize, naive: Option<usize>, proposer: &str, version: &str, style: &str, proven_by: &str) -> KeptRecord {
        KeptRecord {
            source: pair.source.clone(),
            keys,
            target: pair.target.clone(),
            keystrokes,
            naive_keystrokes: naive,
            pair_id: id.to_string(),
            repo: pair.repo.clone(),
            commit: pair.commit.clone(),
            path: pair.path.clone(),
            lang: pair.lang.clone(),
            depth: pair.depth.clone(),
            node_kind: pair.node_kind.clone(),
            proposer: proposer.into(),
            proposer_version: version.into(),
            style: style.into(),
            round: self.options.round,
            proven_by: proven_by.into(),
            vim_version: VIM_VERSION.into(),
            contract: CONTRACT.into(),
        }
    }

    /// The verdict on one proposal, who gave it, and why it is not a match.
    fn validate(&self, pair: &PairIn, keys: &str) -> Judged {
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
        let output = outcome.ok().map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        Judged { verdict, proven_by, reason, output }
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
        if let Some(model) = self.options.llm {
            summary.llm_usage_this_run = model.client.usage();
        }
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

/// (round, pair id) of each line of a progress file (a torn last line is ignored: that pair
/// is not finished).
fn read_done(path: &Path) -> std::io::Result<HashSet<(u32, String)>> {
    let mut done = HashSet::new();
    if !path.exists() {
        return Ok(done);
    }
    let mut lines: Vec<String> = Vec::new();
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        if let Ok(d) = serde_json::from_str::<PairDone>(&line) {
            done.insert((d.round, d.pair_id));
            lines.push(line);
        }
    }
    // Rewrite without a torn line so appends start on a fresh line.
    rewrite(path, &lines)?;
    Ok(done)
}

/// Keep only the lines of `path` whose pair is finished in their round.
fn keep_finished(path: &Path, done: &HashSet<(u32, String)>) -> std::io::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    #[derive(Deserialize)]
    struct Id {
        pair_id: String,
        #[serde(default)]
        round: u32,
    }
    let mut kept = Vec::new();
    for line in BufReader::new(File::open(path)?).lines() {
        let line = line?;
        if serde_json::from_str::<Id>(&line).is_ok_and(|id| done.contains(&(id.round, id.pair_id))) {
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
    /// The LLM's figures per round (`--with llm|both`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub by_round: BTreeMap<u32, RoundSummary>,
    /// Requests, cache hits and tokens per model in this run.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub llm_usage_this_run: BTreeMap<String, ModelUsage>,
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

/// One round of the model: how often it was right, and how long its programs are.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RoundSummary {
    pub pairs: u64,
    /// The model's tries (candidates and feedback turns) that gave a reply, and the proven.
    pub proposals: u64,
    pub kept: u64,
    pub proven_percent: f64,
    /// Percent of pairs whose first candidate's first answer was proven.
    pub pass_at_1: f64,
    /// Percent of pairs with a proven first answer among the k candidates.
    pub pass_at_k: f64,
    pub k: usize,
    /// Percent of pairs solved by some try, feedback turns included.
    pub solved_percent: f64,
    /// Over pairs both solved: mean keys of the model's shortest program and of the
    /// synthesiser's.
    pub pairs_compared: u64,
    pub mean_llm_keystrokes: f64,
    pub mean_synth_keystrokes: f64,
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
    let mut rounds: BTreeMap<u32, RoundCounts> = BTreeMap::new();
    // A pair done in several rounds counts once: its proposals and kept programs summed, its
    // shortest program the shortest of all rounds.
    let mut pairs: Vec<PairDone> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for line in read_lines(&paths.progress)? {
        let Ok(d) = serde_json::from_str::<PairDone>(&line) else { continue };
        if let Some(l) = &d.llm {
            rounds.entry(d.round).or_default().add(l);
        }
        match index.get(&d.pair_id) {
            Some(&i) => {
                let p = &mut pairs[i];
                p.proposals += d.proposals;
                p.kept += d.kept;
                p.best_keystrokes = match (p.best_keystrokes, d.best_keystrokes) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
            }
            None => {
                index.insert(d.pair_id.clone(), pairs.len());
                pairs.push(d);
            }
        }
    }
    for d in pairs {
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
    for (round, c) in rounds {
        let pct = |n: u64, d: u64| 100.0 * mean(n, d);
        s.by_round.insert(
            round,
            RoundSummary {
                pairs: c.pairs,
                proposals: c.proposals,
                kept: c.kept,
                proven_percent: pct(c.kept, c.proposals),
                pass_at_1: pct(c.pass_first, c.pairs),
                pass_at_k: pct(c.pass_any, c.pairs),
                k: c.k,
                solved_percent: pct(c.solved, c.pairs),
                pairs_compared: c.compared,
                mean_llm_keystrokes: mean(c.llm_keys, c.compared),
                mean_synth_keystrokes: mean(c.synth_keys, c.compared),
            },
        );
    }
    Ok(s)
}

/// Sums over one round's pairs.
#[derive(Default)]
struct RoundCounts {
    pairs: u64,
    proposals: u64,
    kept: u64,
    pass_first: u64,
    pass_any: u64,
    solved: u64,
    k: usize,
    compared: u64,
    llm_keys: u64,
    synth_keys: u64,
}

impl RoundCounts {
    fn add(&mut self, l: &LlmPairStats) {
        self.pairs += 1;
        self.proposals += l.proposals as u64;
        self.kept += l.kept as u64;
        self.pass_first += u64::from(l.pass_first);
        self.pass_any += u64::from(l.pass_any);
        self.solved += u64::from(l.solved);
        self.k = self.k.max(l.candidates);
        if let (Some(llm), Some(synth)) = (l.best_keystrokes, l.synth_keystrokes) {
            self.compared += 1;
            self.llm_keys += llm as u64;
            self.synth_keys += synth as u64;
        }
    }
}

fn read_lines(path: &Path) -> std::io::Result<Vec<String>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    BufReader::new(File::open(path)?).lines().collect()
}
