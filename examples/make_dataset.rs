//! Makes a JSONL dataset of short edits for throughput measurements:
//! `cargo run --release --example make_dataset -- N SEED > data.jsonl`.
//! Programs come from the generator; each target is the emulator's result, so every record
//! the emulator models is a match (the rest are unsupported or errors).
use std::io::Write;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for case in vimdata::dataset::generate::generate(n, seed) {
        let keys = vimdata::keys::parse_notation(&case.keys);
        let target = vimdata::apply(case.source.as_bytes(), &keys).ok().map(|t| String::from_utf8_lossy(&t).into_owned());
        let line = serde_json::json!({ "source": case.source, "keys": case.keys, "target": target.unwrap_or_default() });
        writeln!(out, "{line}")?;
    }
    Ok(())
}
