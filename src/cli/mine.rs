//! `vimdata mine REPO`: edit pairs from a git repository's history, as JSONL; and
//! `vimdata mine --merge SHARD...`: the shards of a sharded run merged into the unsharded
//! output. A summary goes to stderr; a progress bar too when stderr is a terminal.

use std::collections::BTreeMap;
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::time::Instant;

use vimdata::dataset::mine::{merge_shards, mine, parse_since, Filters, MineOptions, MineStats, Shard, ShardInput, SizeBounds};
use vimdata::dataset::pair::{Depth, Lang};

use indicatif::ProgressStyle;

use super::input::progress;

#[derive(clap::Args)]
pub struct Args {
    /// The git repository: a work tree or a bare git directory.
    #[arg(required_unless_present = "merge")]
    repo: Option<PathBuf>,
    /// Write the JSONL here (default: stdout).
    #[arg(short, long)]
    output: Option<PathBuf>,
    #[command(flatten)]
    history: HistoryArgs,
    /// The longer text of a pair has at least this many bytes (every depth).
    #[arg(long, default_value_t = 1)]
    min_bytes: usize,
    /// Largest text of a pair per depth, e.g. `statement=2000,file=100000` (defaults: hunk and
    /// statement 4096, block 8192, function 16384, class 32768, file 65536).
    #[arg(long, value_delimiter = ',', value_parser = parse_depth_bound)]
    max_bytes: Vec<(Depth, usize)>,
    /// Skip files larger than this.
    #[arg(long, default_value_t = 1 << 20)]
    max_file_bytes: usize,
    /// Keep files under vendor/, third_party/, node_modules/ and the like.
    #[arg(long)]
    keep_vendored: bool,
    /// Keep files that look generated (markers such as "DO NOT EDIT", .pb.go, .min.js, very
    /// long lines).
    #[arg(long)]
    keep_generated: bool,
    /// Merge the JSONL outputs of `--shard` runs (instead of mining): the result equals the
    /// unsharded run's output.
    #[arg(long, num_args = 1.., conflicts_with = "repo")]
    merge: Vec<PathBuf>,
}

/// Which commits to walk and how to cut them: shared by `mine` and `pipeline`.
#[derive(clap::Args)]
pub struct HistoryArgs {
    /// The revision or range to walk, e.g. `v13.0.0..master` or `HEAD~500..` (default: HEAD).
    #[arg(long)]
    rev_range: Option<String>,
    /// Walk every commit, not only first parents (merges are then skipped).
    #[arg(long)]
    all_parents: bool,
    /// Stop after this many commits of the walk.
    #[arg(long)]
    max_commits: Option<usize>,
    /// Only commits from this date on: YYYY-MM-DD (UTC) or Unix seconds.
    #[arg(long, value_parser = parse_since)]
    since: Option<i64>,
    /// The depths to cut, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "hunk,statement,block,function,class,file")]
    depths: Vec<Depth>,
    /// Take shard i of n: the commits whose walk position is i mod n.
    #[arg(long, default_value = "0/1")]
    shard: Shard,
    /// The name written in each pair's `repo` (default: the repository directory's name).
    #[arg(long)]
    repo_name: Option<String>,
}

impl HistoryArgs {
    /// The miner's options, with these filters.
    pub fn options(&self, filters: Filters) -> MineOptions {
        MineOptions {
            repo_name: self.repo_name.clone(),
            rev_range: self.rev_range.clone(),
            first_parent: !self.all_parents,
            max_commits: self.max_commits,
            since: self.since,
            depths: self.depths.clone(),
            shard: self.shard,
            filters,
        }
    }
}

fn parse_depth_bound(text: &str) -> Result<(Depth, usize), String> {
    let (depth, bytes) = text.split_once('=').ok_or_else(|| format!("expected DEPTH=BYTES, got `{text}`"))?;
    let bytes = bytes.trim().parse().map_err(|_| format!("bad byte count in `{text}`"))?;
    Ok((depth.trim().parse()?, bytes))
}

pub fn run(args: Args) -> super::CliResult {
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).map_err(|e| format!("cannot create {}: {e}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    if !args.merge.is_empty() {
        return merge(&args, &mut out);
    }
    let Some(repo) = &args.repo else { return Err("give a repository to mine, or --merge SHARD...".into()) };
    let mut filters = Filters { max_file_bytes: args.max_file_bytes, keep_vendored: args.keep_vendored, keep_generated: args.keep_generated, ..Filters::default() };
    for depth in Depth::ALL {
        filters.set_size(depth, SizeBounds { min: args.min_bytes, max: filters.size(depth).max });
    }
    for &(depth, max) in &args.max_bytes {
        filters.set_size(depth, SizeBounds { min: args.min_bytes, max });
    }
    let options = args.history.options(filters);
    let started = Instant::now();
    let mut miner = mine(repo, options)?;
    let bar = progress(Some(miner.commits_to_read()), "commits");
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} commits ({per_sec}, eta {eta}) {msg}") {
        bar.set_style(style);
    }
    let mut done = 0;
    while let Some(pair) = miner.next() {
        let pair = pair?;
        serde_json::to_writer(&mut out, &pair)?;
        out.write_all(b"\n")?;
        if miner.stats().commits_done != done {
            done = miner.stats().commits_done;
            bar.set_position(done);
            bar.set_message(format!("{} pairs", miner.stats().pair_count()));
        }
    }
    out.flush()?;
    bar.finish_and_clear();
    print_summary(miner.repo_name(), miner.stats(), started.elapsed().as_secs_f64());
    Ok(0)
}

fn merge(args: &Args, out: &mut dyn Write) -> super::CliResult {
    let mut inputs = Vec::new();
    for path in &args.merge {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
        inputs.push(ShardInput { name: path.display().to_string(), reader: Box::new(BufReader::with_capacity(1 << 20, file)) });
    }
    let stats = merge_shards(inputs, out)?;
    out.flush()?;
    eprintln!(
        "merged {} shard(s): {} lines read, {} duplicates dropped, {} pairs written",
        args.merge.len(),
        stats.lines_read,
        stats.duplicates,
        stats.pairs.values().sum::<u64>()
    );
    eprint!("{}", pair_table(&stats.pairs));
    Ok(0)
}

fn print_summary(repo: &str, stats: &MineStats, seconds: f64) {
    let rate = stats.commits_done as f64 / seconds.max(1e-9);
    eprintln!(
        "{repo}: {} of {} commits in {seconds:.1}s ({rate:.1} commits/s), {} pairs from {} modified source files",
        stats.commits_done,
        stats.commits_walked,
        stats.pair_count(),
        stats.files_seen,
    );
    eprint!("{}", pair_table(&stats.pairs));
    eprintln!(
        "parse failures: {} file changes with syntax errors (hunk and file pairs; syntactic pairs only from error-free nodes)",
        stats.parse_failures
    );
    let join = |counts: Vec<String>| if counts.is_empty() { "none".to_string() } else { counts.join(", ") };
    eprintln!("files skipped: {}", join(stats.files_skipped.iter().map(|(r, n)| format!("{r} {n}")).collect()));
    eprintln!("pairs dropped: {}", join(stats.dropped.iter().map(|(r, n)| format!("{r} {n}")).collect()));
}

/// Pairs by language (rows) and depth (columns).
fn pair_table(pairs: &BTreeMap<(Lang, Depth), u64>) -> String {
    let mut table = format!("{:<12}", "pairs");
    for depth in Depth::ALL {
        table += &format!("{:>10}", depth.name());
    }
    table += &format!("{:>10}\n", "total");
    for lang in Lang::ALL {
        let counts: Vec<u64> = Depth::ALL.iter().map(|&d| pairs.get(&(lang, d)).copied().unwrap_or(0)).collect();
        if counts.iter().all(|&n| n == 0) {
            continue;
        }
        table += &format!("{:<12}", lang.name());
        for n in &counts {
            table += &format!("{n:>10}");
        }
        table += &format!("{:>10}\n", counts.iter().sum::<u64>());
    }
    table
}
