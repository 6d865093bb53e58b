//! Oracle throughput and equivalence: run N generated programs through a backend and mode,
//! print records/s; optionally check the results byte for byte against another mode.
//!
//! cargo run --release --example oracle_throughput -- [--backend vim|docker] [--fresh]
//!     [--no-fork] [--workers W] [-n N] [--seed S] [--timeout-ms T] [--state]
//!     [--compare fresh|unrestricted|vim]
//!
//! `--compare fresh`: the same programs through the local backend's exact contract harness
//! (sleeps included); `unrestricted`: through the bare contract command line (no `-Z`, no
//! Landlock, no limits); `vim`: through the local backend in the same mode (for Docker).
use std::time::{Duration, Instant};

use vimdata::oracle::{Backend, LocalRunner, Oracle, OracleOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    let flag = |name: &str| args.iter().any(|a| a == name);
    let backend = match value("--backend").as_deref() {
        Some("docker") => Backend::Docker,
        _ => Backend::Vim,
    };
    let n: usize = value("-n").and_then(|v| v.parse().ok()).unwrap_or(1000);
    let seed: u64 = value("--seed").and_then(|v| v.parse().ok()).unwrap_or(1);
    let mut options = OracleOptions { fresh: flag("--fresh"), state: flag("--state"), fork_server: !flag("--no-fork"), ..OracleOptions::default() };
    if let Some(w) = value("--workers").and_then(|v| v.parse().ok()) {
        options.workers = w;
    }
    if let Some(t) = value("--timeout-ms").and_then(|v| v.parse().ok()) {
        options.timeout = Duration::from_millis(t);
    }
    let cases = vimdata::dataset::generate::generate(n, seed);
    let keys: Vec<_> = cases.iter().map(|c| vimdata::keys::parse_notation(&c.keys)).collect();
    let jobs: Vec<(&[u8], &[vimdata::keys::Key])> = cases.iter().zip(&keys).map(|(c, k)| (c.source.as_bytes(), k.as_slice())).collect();

    let oracle = match Oracle::new(backend, options.clone()) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("oracle_throughput: {e}");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let results = oracle.run_many(&jobs, &|| {});
    let elapsed = start.elapsed();
    let errors = results.iter().filter(|r| r.is_err()).count();
    let states = results.iter().filter(|r| r.as_ref().is_ok_and(|run| run.state.is_some())).count();
    println!(
        "backend={backend:?} mode={} workers={} records={n} seconds={:.2} records_per_s={:.0} no_result={errors} with_state={states}",
        match (options.fresh, options.fork_server) {
            (true, _) => "fresh",
            (false, true) => "fork",
            (false, false) => "fast-exec",
        },
        options.workers,
        elapsed.as_secs_f64(),
        n as f64 / elapsed.as_secs_f64()
    );

    let Some(compare) = value("--compare") else { return };
    let reference: Vec<_> = match compare.as_str() {
        "fresh" | "vim" => {
            let reference_options = OracleOptions { fresh: compare == "fresh", ..options.clone() };
            let local = Oracle::new(Backend::Vim, reference_options).expect("local vim");
            local.run_many(&jobs, &|| {})
        }
        "unrestricted" => {
            let runner = LocalRunner::new(&OracleOptions { fresh: true, ..options.clone() }).expect("local vim").unrestricted();
            jobs.iter().map(|(s, k)| runner.run(s, k)).collect()
        }
        other => panic!("unknown --compare {other}"),
    };
    let mut differ = 0;
    for (i, (got, want)) in results.iter().zip(&reference).enumerate() {
        let same = match (got, want) {
            (Ok(a), Ok(b)) => a.output == b.output,
            (Err(a), Err(b)) => a.kind() == b.kind(),
            _ => false,
        };
        if !same {
            differ += 1;
            if differ <= 10 {
                let show = |r: &Result<vimdata::oracle::VimRun, vimdata::oracle::OracleError>| match r {
                    Ok(run) => format!("{:?}", String::from_utf8_lossy(&run.output)),
                    Err(e) => format!("ERR {e}"),
                };
                println!("DIFF case {i}: keys {:?}\n  this:      {}\n  reference: {}", cases[i].keys, show(got), show(want));
            }
        }
    }
    println!("compared with {compare}: {} identical, {differ} different", n - differ);
}
