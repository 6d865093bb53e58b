//! Criterion benchmarks of the engine: the seed's table, edits to a ~300-line source file, and
//! the per-record path of `vimdata validate` (JSON parse, keys parse, apply, compare).
//! Run: `cargo bench --bench apply`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use vimdata::dataset::examples::SEED_TABLE;
use vimdata::dataset::record::{output_matches, parse_json_line};
use vimdata::keys::{parse_notation, parse_seed, KeysFormat};

/// A ~300-line Rust source file built from a repeated module.
fn source_file() -> String {
    let module = "/// Adds two numbers.\nfn add(a: i32, b: i32) -> i32 {\n    let sum = a + b;\n    if sum > 100 {\n        return 100;\n    }\n    sum\n}\n\n";
    module.repeat(34)
}

fn seed_table(c: &mut Criterion) {
    let programs: Vec<_> = SEED_TABLE.iter().map(|e| (e.source.as_bytes(), parse_seed(e.keys))).collect();
    let mut group = c.benchmark_group("seed_table");
    group.throughput(Throughput::Elements(programs.len() as u64));
    group.bench_function("apply", |b| {
        b.iter(|| {
            for (source, keys) in &programs {
                let _ = black_box(vimdata::apply(source, keys));
            }
        })
    });
    group.finish();
}

fn source_edits(c: &mut Criterion) {
    let source = source_file();
    let edits = [
        ("rename", "/fn add<CR>wcwsum2<Esc>"),
        ("delete_line", "150Gdd"),
        ("change_word", "120Gwcwvalue<Esc>"),
        ("indent_block", "200G>5j"),
        ("append_end", "GoLAST<Esc>"),
        ("upper_line", "42GgUU"),
        ("macro", "qaA;<Esc>jq20@a"),
        ("undo", "10ddu"),
    ];
    let mut group = c.benchmark_group("source_300_lines");
    for (name, keys) in edits {
        let keys = parse_notation(keys);
        group.bench_function(name, |b| b.iter(|| black_box(vimdata::apply(source.as_bytes(), &keys))));
    }
    group.finish();
}

fn validate_records(c: &mut Criterion) {
    let lines: Vec<String> = vimdata::dataset::generate::generate(1000, 3)
        .into_iter()
        .map(|case| serde_json::json!({ "source": case.source, "keys": case.keys, "target": case.source }).to_string())
        .collect();
    let mut group = c.benchmark_group("validate");
    group.throughput(Throughput::Elements(lines.len() as u64));
    group.bench_function("generated_records_single_thread", |b| {
        b.iter(|| {
            let mut matched = 0;
            for (i, line) in lines.iter().enumerate() {
                if let Ok(record) = parse_json_line(line, i + 1) {
                    let keys = record.parsed_keys(KeysFormat::Notation);
                    if let Ok(out) = vimdata::apply(record.source.as_bytes(), &keys) {
                        matched += usize::from(output_matches(&out, record.target.as_deref().unwrap_or_default().as_bytes(), false));
                    }
                }
            }
            black_box(matched)
        })
    });
    group.finish();
}

criterion_group!(benches, seed_table, source_edits, validate_records);
criterion_main!(benches);
