//! `vimdata propose --with synth|llm|both PAIRS`: proven keystroke programs for
//! `{source, target}` pairs (as `vimdata mine` writes them). With `-o FILE` the run is the
//! pipeline's without the mining: the clean set in FILE, rejected proposals and a summary
//! beside it, resumable. Without it the kept records go to stdout.
//!
//! The model's options ([`LlmArgs`]) and the rounds ([`Rounds`]) are shared with `pipeline`.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use vimdata::oracle::Oracle;
use vimdata::propose::llm::client::{Client, ClientConfig};
use vimdata::propose::llm::prompt::Pool;
use vimdata::propose::llm::{Llm, LlmConfig};
use vimdata::propose::output::KeptRecord;
use vimdata::propose::pipeline::{Options, PairIn, Paths, Proposer, Run, Summary};

use super::input::{open, progress};
use super::oracle_args::{OracleArgs, OracleChoice};
use super::pipeline::{print_summary, write_parquet};

#[derive(clap::Args)]
pub struct Args {
    /// JSONL pairs `{source, target, ...}` (`-` for stdin; with `--rounds` above 1, a file).
    pairs: PathBuf,
    /// Who proposes.
    #[arg(long = "with", value_enum, default_value = "synth")]
    with: Proposer,
    /// Programs per pair: the synthesiser's styles (motions, basic, lines), and the model's
    /// candidates unless `--candidates` says otherwise.
    #[arg(long, default_value_t = 1)]
    n: usize,
    /// Write the clean set here (rejected, progress and summary files beside it); rerunning
    /// resumes. Default: kept records to stdout.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Also write the whole clean set as Parquet to this file when the run ends.
    #[arg(long, value_name = "FILE")]
    parquet: Option<PathBuf>,
    #[command(flatten)]
    llm: LlmArgs,
    #[command(flatten)]
    oracle: OracleArgs,
}

/// The language model and how to talk to it (`--with llm|both`).
#[derive(clap::Args, Clone, Debug)]
pub struct LlmArgs {
    /// The API root of an OpenAI-compatible server (default: $OPENAI_BASE_URL, else
    /// https://api.openai.com/v1).
    #[arg(long)]
    pub base_url: Option<String>,
    /// The model's name as the server knows it.
    #[arg(long)]
    pub model: Option<String>,
    /// The environment variable holding the API key (none needed by most local servers).
    #[arg(long, default_value = "OPENAI_API_KEY")]
    pub api_key_env: String,
    /// Candidates per pair (default: --n).
    #[arg(long)]
    pub candidates: Option<usize>,
    /// Feedback turns after a wrong candidate: the model sees what its keys did and tries again.
    #[arg(long, default_value_t = 1)]
    pub turns: usize,
    /// Rounds: each round's prompts draw few-shot examples from every record kept so far;
    /// rounds after the first retry the pairs the model has not solved yet.
    #[arg(long, default_value_t = 1)]
    pub rounds: u32,
    /// Few-shot examples per prompt.
    #[arg(long, default_value_t = 4)]
    pub shots: usize,
    /// More proven examples for the pool: JSONL `{source, keys, target}` (keys in notation).
    #[arg(long)]
    pub examples: Option<PathBuf>,
    #[arg(long, default_value_t = 0.7)]
    pub temperature: f64,
    /// Pairs with more bytes of source and target are not sent to the model.
    #[arg(long, default_value_t = 16_384)]
    pub max_pair_bytes: usize,
    /// The most tokens a reply may take.
    #[arg(long, default_value_t = 512)]
    pub max_tokens: u32,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 4)]
    pub concurrency: usize,
    /// Requests per minute (0: no limit).
    #[arg(long, default_value_t = 0)]
    pub rpm: u32,
    /// Tokens per minute, prompt and reply (0: no limit).
    #[arg(long, default_value_t = 0)]
    pub tpm: u64,
    /// Seconds one request may take (`--timeout` is real Vim's).
    #[arg(long, default_value_t = 120.0)]
    pub request_timeout: f64,
    /// Retries of a request that timed out, dropped, or got 408/409/429/5xx.
    #[arg(long, default_value_t = 5)]
    pub retries: u32,
    /// Seconds before the first retry (doubled each time, with jitter; a Retry-After wins).
    #[arg(long, default_value_t = 1.0)]
    pub backoff: f64,
    /// Where replies are cached (default: FILE.llm-cache beside `-o FILE`; none without -o).
    #[arg(long)]
    pub cache_dir: Option<PathBuf>,
    /// Do not cache replies.
    #[arg(long)]
    pub no_cache: bool,
}

impl LlmArgs {
    /// The model client, for a run whose clean set is `clean` (None when the run has no
    /// output file of its own).
    pub fn build(&self, n: usize, clean: Option<&Path>) -> Result<Llm, Box<dyn std::error::Error + Send + Sync>> {
        let model = self.model.clone().ok_or("--with llm needs --model NAME")?;
        let base_url = self
            .base_url
            .clone()
            .or_else(|| std::env::var("OPENAI_BASE_URL").ok().filter(|s| !s.is_empty()))
            .unwrap_or_else(|| "https://api.openai.com/v1".to_string());
        let api_key = std::env::var(&self.api_key_env).ok().filter(|s| !s.is_empty());
        let duration = |s: f64, name: &str| Duration::try_from_secs_f64(s).map_err(|_| format!("{name}: not a duration: {s}"));
        let cache_dir = if self.no_cache {
            None
        } else {
            self.cache_dir.clone().or_else(|| clean.map(|c| with_suffix(c, ".llm-cache")))
        };
        let client = Client::new(ClientConfig {
            base_url,
            api_key,
            concurrency: self.concurrency.max(1),
            rpm: self.rpm,
            tpm: self.tpm,
            timeout: duration(self.request_timeout, "--request-timeout")?,
            retries: self.retries,
            backoff: duration(self.backoff, "--backoff")?,
            cache_dir,
        })?;
        let config = LlmConfig {
            model,
            n: self.candidates.unwrap_or(n).max(1),
            turns: self.turns,
            temperature: self.temperature,
            max_tokens: Some(self.max_tokens),
            shots: self.shots,
            max_pair_bytes: self.max_pair_bytes,
        };
        Ok(Llm { client, config })
    }

    /// The pool of round `round`: the built-in examples (each proven against real Vim by the
    /// test suite), `--examples`, and every record the clean set kept before this round (so a
    /// resumed round asks with the same prompts, and its cached replies answer).
    pub fn pool(&self, clean: &Path, round: u32) -> Result<Pool, Box<dyn std::error::Error + Send + Sync>> {
        let mut pool = Pool::new();
        for (i, e) in vimdata::dataset::examples::OWN.iter().enumerate() {
            pool.add(&format!("example-{i}"), e.source, e.keys, e.target);
        }
        if let Some(path) = &self.examples {
            #[derive(serde::Deserialize)]
            struct Proven {
                source: String,
                keys: String,
                target: String,
            }
            for (index, line) in std::io::BufReader::new(std::fs::File::open(path)?).lines().enumerate() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                let e: Proven = serde_json::from_str(&line).map_err(|err| format!("{}: line {}: {err}", path.display(), index + 1))?;
                pool.add(&format!("file-{index}"), &e.source, &e.keys, &e.target);
            }
        }
        for k in kept_records(clean)?.into_iter().filter(|k| k.round < round) {
            pool.add(&k.pair_id, &k.source, &k.keys, &k.target);
        }
        Ok(pool)
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn kept_records(clean: &Path) -> std::io::Result<Vec<KeptRecord>> {
    if !clean.exists() {
        return Ok(Vec::new());
    }
    let mut records = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(clean)?).lines() {
        if let Ok(k) = serde_json::from_str::<KeptRecord>(&line?) {
            records.push(k);
        }
    }
    Ok(records)
}

/// The rounds of one run: round 1 over every pair (streamed by the caller), later rounds over
/// the pairs the model has not solved, each with the pool of everything kept before it.
pub struct Rounds<'a> {
    pub paths: Paths,
    pub proposer: Proposer,
    pub n: usize,
    pub oracle: Option<&'a Oracle>,
    pub llm: Option<&'a Llm>,
    pub args: &'a LlmArgs,
}

impl<'a> Rounds<'a> {
    /// The run of round `round` (round 0: a synthesiser-only run).
    pub fn open(&self, round: u32) -> Result<Run<'a>, Box<dyn std::error::Error + Send + Sync>> {
        let pool = if self.llm.is_some() { self.args.pool(&self.paths.clean, round)? } else { Pool::new() };
        let options = Options { proposer: self.proposer, n: self.n, oracle: self.oracle, llm: self.llm, round, pool };
        Ok(Run::open(self.paths.clone(), options)?)
    }

    /// The first round's number: 0 without the model, else 1.
    pub fn first(&self) -> u32 {
        u32::from(self.llm.is_some())
    }

    /// Rounds 2..=N over `pairs`; returns the last summary (or `summary` when there are none).
    pub fn later(&self, mut summary: Summary, pairs: &mut dyn FnMut() -> Result<Vec<PairIn>, Box<dyn std::error::Error + Send + Sync>>) -> Result<Summary, Box<dyn std::error::Error + Send + Sync>> {
        if self.llm.is_none() {
            return Ok(summary);
        }
        for round in 2..=self.args.rounds {
            let solved: HashSet<String> = kept_records(&self.paths.clean)?.into_iter().filter(|k| k.proposer == "llm").map(|k| k.pair_id).collect();
            let todo: Vec<PairIn> = pairs()?.into_iter().filter(|p| !solved.contains(&p.id())).collect();
            eprintln!("round {round}: {} pairs the model has not solved", todo.len());
            let mut run = self.open(round)?;
            run.process(todo)?;
            report_unfinished(&run);
            summary = run.finish()?;
        }
        Ok(summary)
    }
}

/// Pairs read per batch.
const BATCH: usize = 1024;

pub fn run(args: Args) -> super::CliResult {
    if matches!(args.oracle.oracle, OracleChoice::Both | OracleChoice::Vim | OracleChoice::Docker) {
        return Err("propose proves with the emulator; use --oracle emu or auto".into());
    }
    if args.llm.rounds > 1 && args.pairs.as_os_str() == "-" {
        return Err("--rounds above 1 reads the pairs again: give a file, not stdin".into());
    }
    let oracle = args.oracle.start()?;
    let llm = if args.with.uses_llm() { Some(args.llm.build(args.n, args.output.as_deref())?) } else { None };
    let scratch = tempfile::tempdir()?;
    let clean = args.output.clone().unwrap_or_else(|| scratch.path().join("kept.jsonl"));
    let paths = Paths::beside(&clean);
    let rounds = Rounds { paths: paths.clone(), proposer: args.with, n: args.n, oracle: oracle.as_ref(), llm: llm.as_ref(), args: &args.llm };
    let mut run = rounds.open(rounds.first())?;
    let bar = progress(None, "pairs");
    let mut batch = Vec::with_capacity(BATCH);
    for (index, line) in open(Some(&args.pairs))?.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let pair: PairIn = serde_json::from_str(&line).map_err(|e| format!("{}: line {}: {e}", args.pairs.display(), index + 1))?;
        batch.push(pair);
        if batch.len() == BATCH {
            run.process(std::mem::take(&mut batch))?;
            bar.set_position(run.progress.pairs_read);
        }
    }
    run.process(batch)?;
    bar.finish_and_clear();
    report_unfinished(&run);
    let summary = run.finish()?;
    let summary = rounds.later(summary, &mut || read_pairs(&args.pairs))?;
    if args.output.is_none() {
        let mut out = std::io::stdout().lock();
        std::io::copy(&mut std::fs::File::open(&paths.clean)?, &mut out)?;
        out.flush()?;
    }
    print_summary(&summary);
    write_parquet(&paths.clean, args.parquet.as_deref())?;
    Ok(0)
}

/// Say how many pairs a failed request left for a rerun.
pub fn report_unfinished(run: &Run) {
    let n = run.progress.pairs_unfinished;
    if n > 0 {
        eprintln!("{n} pairs unfinished: a request to the model failed (see the rejected file); rerun to retry them");
    }
}

fn read_pairs(path: &Path) -> Result<Vec<PairIn>, Box<dyn std::error::Error + Send + Sync>> {
    let mut pairs = Vec::new();
    for (index, line) in open(Some(path))?.lines().enumerate() {
        let line = line?;
        if !line.trim().is_empty() {
            pairs.push(serde_json::from_str(&line).map_err(|e| format!("{}: line {}: {e}", path.display(), index + 1))?);
        }
    }
    Ok(pairs)
}
