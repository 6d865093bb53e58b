//! Records differential expectations from real Vim under the contract.
//!
//! - `cargo run --release --example record_corpus -- N SEED OUT` generates N programs;
//! - `cargo run --release --example record_corpus -- --cases IN OUT` records hand-written cases
//!   (JSONL lines `{"source": ..., "keys": ...}`).
//!
//! Each output line is `{source, keys, vim: {output} | {error}}`. `tests/corpus.rs` replays every
//! `tests/data/*.jsonl` against the emulator without Vim; `.ci/run` re-checks them against live Vim.
use rayon::prelude::*;
use std::io::Write;
use vimdata::dataset::generate::GeneratedCase;
use vimdata::dataset::record::{RecordedCase, VimResult};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (cases, out) = if args.get(1).map(String::as_str) == Some("--cases") {
        let input = std::fs::read_to_string(args.get(2).ok_or("--cases IN OUT")?)?;
        let cases: Vec<GeneratedCase> =
            input.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>()?;
        (cases, args.get(3).cloned().ok_or("--cases IN OUT")?)
    } else {
        let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1000);
        let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
        let out = args.get(3).cloned().unwrap_or_else(|| "tests/data/corpus.jsonl".into());
        (vimdata::dataset::generate::generate(n, seed), out)
    };
    let runner = vimdata::oracle::VimRunner::default();
    let lines: Vec<Option<String>> = cases
        .par_iter()
        .map(|c| {
            let keys = vimdata::keys::parse_notation(&c.keys);
            let vim = match runner.run(c.source.as_bytes(), &keys) {
                Ok(run) => VimResult { output: Some(String::from_utf8(run.output).ok()?), error: None },
                Err(e) => VimResult { output: None, error: Some(e.kind().to_string()) },
            };
            let case = RecordedCase { source: c.source.clone(), keys: c.keys.clone(), vim: Some(vim) };
            serde_json::to_string(&case).ok()
        })
        .collect();
    let mut file = std::io::BufWriter::new(std::fs::File::create(&out)?);
    for line in lines.into_iter().flatten() {
        writeln!(file, "{line}")?;
    }
    Ok(())
}
