//! Scores the emulator against recorded corpora, one table row per file: how many programs it
//! gives Vim's exact bytes for, refuses (Unsupported / LimitExceeded), agrees has no result, and
//! gets wrong. Used for the foreign suites (tests/data/FOREIGN.md); needs no Vim.
//!
//! `cargo run --release --example corpus_table -- [--wrong] FILE.jsonl...` (`--wrong` also prints
//! each wrong case).
use vimdata::apply;
use vimdata::dataset::record::RecordedCase;
use vimdata::oracle::Agreement;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut show_wrong = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--wrong" {
            show_wrong = true;
        } else {
            files.push(arg);
        }
    }
    println!("{:<40} {:>6} {:>6} {:>7} {:>9} {:>5} {:>7}", "file", "cases", "exact", "refused", "no-result", "wrong", "exact%");
    let mut totals = [0usize; 5];
    for file in &files {
        let text = std::fs::read_to_string(file)?;
        let mut row = [0usize; 5];
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let case: RecordedCase = serde_json::from_str(line)?;
            let vim_output = case.vim.as_ref().and_then(|v| v.output.as_deref());
            let keys = vimdata::keys::parse_notation(&case.keys);
            let got = apply(case.source.as_bytes(), &keys);
            row[0] += 1;
            let slot = match Agreement::of(vim_output.map(str::as_bytes), &got) {
                Agreement::Exact => 1,
                Agreement::Refused => 2,
                Agreement::NoResultInBoth => 3,
                Agreement::Wrong => 4,
            };
            row[slot] += 1;
            if slot == 4 && show_wrong {
                println!(
                    "WRONG {file}: source {:?} keys {:?}\n  vim: {:?}\n  emu: {:?}",
                    case.source,
                    case.keys,
                    vim_output,
                    got.map(|b| String::from_utf8_lossy(&b).into_owned())
                );
            }
        }
        print_row(file, &row);
        for (t, r) in totals.iter_mut().zip(row) {
            *t += r;
        }
    }
    print_row("total", &totals);
    Ok(())
}

fn print_row(name: &str, row: &[usize; 5]) {
    let exact_pct = if row[0] == 0 { 0.0 } else { 100.0 * row[1] as f64 / row[0] as f64 };
    println!("{:<40} {:>6} {:>6} {:>7} {:>9} {:>5} {:>6.1}%", name, row[0], row[1], row[2], row[3], row[4], exact_pct);
}
