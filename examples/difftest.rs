//! Developer loop: `cargo run --release --example difftest -- N SEED` runs N generated programs
//! through real Vim and the emulator and prints every case where the emulator is wrong.
use rayon::prelude::*;
use vimdata::dataset::generate::generate;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let seed: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let cases = generate(n, seed);
    let runner = vimdata::oracle::VimRunner::default();
    let results: Vec<_> = cases
        .par_iter()
        .map(|c| {
            let keys = vimdata::keys::parse_notation(&c.keys);
            (runner.run(c.source.as_bytes(), &keys), vimdata::apply(c.source.as_bytes(), &keys))
        })
        .collect();
    let (mut agree, mut unsupported, mut wrong, mut novim) = (0, 0, 0, 0);
    for (c, (vim, emu)) in cases.iter().zip(results) {
        match (vim, emu) {
            (Ok(v), Ok(e)) if v.output == e => agree += 1,
            (_, Err(vimdata::Error::Unsupported { reason, key, .. })) => {
                unsupported += 1;
                if std::env::var("SHOW_UNSUPPORTED").is_ok() {
                    println!("UNSUPPORTED {key} {reason}: {:?} {:?}", c.source, c.keys);
                }
            }
            (Err(_), Err(_)) => {
                novim += 1;
            }
            (v, e) => {
                wrong += 1;
                println!("WRONG src={:?} keys={:?}\n  vim={:?}\n  emu={:?}", c.source, c.keys,
                    v.map(|r| String::from_utf8_lossy(&r.output).into_owned()),
                    e.map(|r| String::from_utf8_lossy(&r).into_owned()));
            }
        }
    }
    println!("agree {agree} unsupported {unsupported} wrong {wrong} no-result {novim} of {n}");
}
