//! The regex engine against real Vim, case by case: generate `--count` cases (`--seed`),
//! have ONE Vim process judge them all (`matchstrpos()`/`matchlist()`), compare.
//!
//!     cargo run --release --example regex_diff -- --count 100000 --seed 1
//!     cargo run --release --example regex_diff -- --count 3000 --record tests/data/regex_cases.jsonl
//!     cargo run --release --example regex_diff -- --check tests/data/regex_cases.jsonl
//!     cargo run --release --example regex_diff -- --count 20000 --show 'unbounded loop'
//!     cargo run --release --example regex_diff -- --cases my_cases.jsonl
//!
//! `--record` writes the cases the engine answers, with Vim's outcome, as a corpus;
//! `--check FILE` re-judges a recorded corpus with live Vim and fails on any drift.
//! Prints counts (same / refused / wrong), the refusals grouped by reason (`--show TEXT` prints
//! cases refused for a reason containing TEXT) and the first wrong cases; exits 1 on any wrong.

use std::collections::BTreeMap;
use std::io::Write;

use vimdata::oracle::regex::{emulate, judge, verdict, RegexCase, RegexOutcome, Verdict};
use vimdata::oracle::regex_gen::{case, Rng};

#[derive(serde::Serialize, serde::Deserialize)]
struct Recorded {
    #[serde(flatten)]
    case: RegexCase,
    vim: RegexOutcome,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned();
    if let Some(path) = arg("--check") {
        std::process::exit(check(&path));
    }
    let count: usize = arg("--count").and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let seed: u64 = arg("--seed").and_then(|s| s.parse().ok()).unwrap_or(1);
    let mut rng = Rng::new(seed);
    // `--cases FILE`: judge the cases in FILE (one JSON case a line) instead of generated ones.
    let cases: Vec<RegexCase> = match arg("--cases") {
        Some(path) => {
            let text = std::fs::read_to_string(&path).expect("read the cases");
            text.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).expect("a case")).collect()
        }
        None => (0..count).map(|_| case(&mut rng)).collect(),
    };
    let count = cases.len();
    let mut answers = Vec::with_capacity(count);
    for chunk in cases.chunks(20_000) {
        answers.extend(judge(chunk).unwrap_or_else(|e| panic!("vim: {e}")));
    }
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    let mut refusals: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    // `--show TEXT`: print the first cases refused with a reason containing TEXT.
    let show = arg("--show");
    let mut shown = 0;
    let mut record = arg("--record").map(|p| std::fs::File::create(p).expect("create the record file"));
    for (case, vim) in cases.iter().zip(&answers) {
        let engine = emulate(case);
        let v = verdict(&engine, vim);
        *tally.entry(match v {
            Verdict::Same => "same",
            Verdict::Refused => "refused",
            Verdict::Wrong => "wrong",
            Verdict::Unjudged => "vim timed out",
        })
        .or_default() += 1;
        if let Err(e) = &engine {
            let why = e.to_string();
            if shown < 30 && show.as_deref().is_some_and(|s| why.contains(s)) {
                shown += 1;
                println!("REFUSED {} (vim {vim:?})", serde_json::to_string(case).unwrap_or_default());
            }
            *refusals.entry(why).or_default() += 1;
        }
        if v == Verdict::Unjudged {
            println!("VIM TIMED OUT {} (engine {engine:?})", serde_json::to_string(case).unwrap_or_default());
        }
        if v == Verdict::Wrong {
            wrong.push((case.clone(), engine, vim.clone()));
        }
        if let (Some(f), Verdict::Same) = (record.as_mut(), v) {
            let line = serde_json::to_string(&Recorded { case: case.clone(), vim: vim.clone() }).expect("json");
            writeln!(f, "{line}").expect("write the record file");
        }
    }
    println!("{count} cases, seed {seed}: {tally:?}");
    let judged = count - tally.get("vim timed out").copied().unwrap_or(0);
    let refused = tally.get("refused").copied().unwrap_or(0);
    println!("refused {:.2}% of the {judged} cases Vim answered", 100.0 * refused as f64 / judged.max(1) as f64);
    for (why, n) in &refusals {
        println!("  refused {n}: {why}");
    }
    for (case, engine, vim) in wrong.iter().take(40) {
        println!("WRONG {}\n   engine {engine:?}\n   vim    {vim:?}", serde_json::to_string(case).unwrap_or_default());
    }
    if !wrong.is_empty() {
        std::process::exit(1);
    }
}

/// Re-judge a recorded corpus with live Vim: 0 when every recording still holds.
fn check(path: &str) -> i32 {
    let text = std::fs::read_to_string(path).expect("read the corpus");
    let recorded: Vec<Recorded> = text.lines().map(|l| serde_json::from_str(l).expect("a recorded case")).collect();
    let cases: Vec<RegexCase> = recorded.iter().map(|r| r.case.clone()).collect();
    let answers = judge(&cases).unwrap_or_else(|e| panic!("vim: {e}"));
    let drift: Vec<_> = recorded.iter().zip(&answers).filter(|(r, a)| r.vim != **a).collect();
    for (r, a) in drift.iter().take(20) {
        println!("DRIFT {}: recorded {:?}, vim now {a:?}", serde_json::to_string(&r.case).unwrap_or_default(), r.vim);
    }
    println!("{}: {} cases, {} drifted", path, recorded.len(), drift.len());
    i32::from(!drift.is_empty())
}
