//! Criterion benchmarks of the engine: the seed's table, edits to a ~300-line source file, and
//! the per-record path of `vimdata validate` (JSON parse, keys parse, apply, compare), and an
//! embedded `Vim` fed 1,000 commands one at a time on a 1 MB text against `apply` of the same keys.
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

/// 1,000 commands on a 1 MB text: fed to an embedded `Vim` one command at a time (each
/// `feed` keeps what a command cut short would need to roll back), or applied at once.
fn commands_one_at_a_time(c: &mut Criterion) {
    let source = "    let total = values.iter().map(|v| v * 2).sum::<i64>() + offset; // 80 bytes\n".repeat(14_000);
    assert!(source.len() >= 1 << 20);
    let cycle = ["x", "j", "dd", "p", "u", "w", "cwsum<Esc>", "k", "A;<Esc>", "<C-r>"];
    let commands: Vec<Vec<vimdata::keys::Key>> = (0..1000).map(|i| parse_notation(cycle[i % cycle.len()])).collect();
    let all: Vec<vimdata::keys::Key> = commands.concat();
    let mut group = c.benchmark_group("1000_commands_1mb");
    group.sample_size(10);
    group.bench_function("vim_feed_each", |b| {
        b.iter(|| {
            let mut vim = vimdata::Vim::from_bytes(source.as_bytes());
            for keys in &commands {
                vim.feed(keys).expect("modelled");
            }
            black_box(vim.finish().expect("a result"))
        })
    });
    group.bench_function("apply", |b| b.iter(|| black_box(vimdata::apply(source.as_bytes(), &all).expect("a result"))));
    group.finish();
}

criterion_group!(benches, seed_table, source_edits, validate_records, commands_one_at_a_time);
criterion_main!(benches);
