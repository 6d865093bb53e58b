//! Criterion benchmarks of the ex command line on a 1,000,000-line text: `:g/pat/d`,
//! `:g/pat/s//x/` and `:%s/\w\+/x/g`. Compare with Vim on the same text:
//! `vim -u NONE -N -i NONE -n -es -c 'g/pat/d' -c wq FILE` (see the README's ex section).
//! Run: `cargo bench --bench ex`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use vimdata::keys::parse_notation;

/// 1,000,000 lines of five words; one word in eight is `pat`.
fn big_text() -> Vec<u8> {
    let words = ["alpha", "beta", "gamma", "delta", "pat", "x1", "foo", "bar"];
    let mut state: u64 = 1;
    let mut out = Vec::with_capacity(30_000_000);
    for _ in 0..1_000_000 {
        for w in 0..5 {
            // A fixed linear congruential sequence: the same text every run.
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            if w > 0 {
                out.push(b' ');
            }
            out.extend_from_slice(words[(state >> 61) as usize].as_bytes());
        }
        out.push(b'\n');
    }
    out
}

fn ex_commands(c: &mut Criterion) {
    let text = big_text();
    let mut group = c.benchmark_group("ex_1m_lines");
    group.sample_size(10);
    for (name, keys) in [("g_pat_d", ":g/pat/d<CR>"), ("g_pat_s", ":g/pat/s//x/<CR>"), ("s_words", ":%s/\\w\\+/x/g<CR>")] {
        let keys = parse_notation(keys);
        group.bench_function(name, |b| b.iter(|| black_box(vimdata::apply(&text, &keys))));
    }
    group.finish();
}

criterion_group!(benches, ex_commands);
criterion_main!(benches);
