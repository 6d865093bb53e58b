//! Criterion benchmarks of Vim's pattern engine: typical patterns over a ~300-line source
//! file (every match in the file found with `find_at`, as a `:s///g` or `:g` would), searches
//! with `/` and `n` through the engine, and a pathological pattern that ends at the engine's
//! work bound. Run: `cargo bench --bench regex`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use vimdata::engine::regex::{MatchEnv, Options, Regex};
use vimdata::engine::Pos;

/// A ~300-line Rust source file built from a repeated module.
fn source_lines() -> Vec<String> {
    let module = "/// Adds two numbers.\nfn add(a: i32, b: i32) -> i32 {\n    let sum = a + b;\n    if sum > 100 {\n        return 100;\n    }\n    sum\n}\n\n";
    module.repeat(34).lines().map(str::to_string).collect()
}

/// Every match in the file, line by line (the next try starts after each match).
fn all_matches(re: &Regex, lines: &[String]) -> usize {
    let env = MatchEnv::buffer(Pos::new(0, 0));
    let mut n = 0;
    for line in 0..lines.len() {
        let mut col = 0;
        while col <= lines[line].len() {
            match re.find_at(lines, line, col, &env) {
                Ok(Some(m)) if m.start.line == line => {
                    n += 1;
                    col = if m.end.line == line && m.end.col > m.start.col { m.end.col } else { m.start.col + 1 };
                }
                _ => break,
            }
        }
    }
    n
}

fn typical(c: &mut Criterion) {
    let lines = source_lines();
    let mut group = c.benchmark_group("regex_300_lines");
    for pattern in ["sum", "\\<sum\\>", "\\d\\+", "^\\s*fn \\(\\w\\+\\)", "a\\|b\\|c", "\\v(let|return) \\w+", "\\s\\+$", "i32\\n\\_s*", "[()]", "\\cSUM"] {
        let re = Regex::new(pattern, &Options::default(), None).expect("a valid pattern");
        group.bench_function(pattern, |b| b.iter(|| black_box(all_matches(&re, &lines))));
    }
    group.finish();
}

fn searches(c: &mut Criterion) {
    let source = source_lines().join("\n") + "\n";
    let mut group = c.benchmark_group("search_300_lines");
    for keys in ["/sum<CR>", "/return/e+1<CR>5n", "G?\\<fn\\>?;/i32<CR>", "*20n", "/\\d\\+<CR>dgn..."] {
        group.bench_function(keys, |b| b.iter(|| black_box(vimdata::Vim::new(&source).keys(keys).map(|v| v.cursor()))));
    }
    group.finish();
}

fn pathological(c: &mut Criterion) {
    // (a+)+b on a long run of a's without a b: exponential for a naive backtracker; here it
    // ends at the step bound as LimitExceeded.
    let lines = vec!["a".repeat(40)];
    let re = Regex::new("\\(a\\+\\)\\+b", &Options::default(), None).expect("a valid pattern");
    let env = MatchEnv::default();
    let mut group = c.benchmark_group("regex_pathological");
    group.sample_size(10);
    group.bench_function("(a+)+b on 40 a", |b| b.iter(|| black_box(re.find_at(&lines, 0, 0, &env))));
    let re2 = Regex::new("\\(a\\|aa\\)*c", &Options::default(), None).expect("a valid pattern");
    group.bench_function("(a|aa)*c on 40 a", |b| b.iter(|| black_box(re2.find_at(&lines, 0, 0, &env))));
    group.finish();
}

criterion_group!(benches, typical, searches, pathological);
criterion_main!(benches);
