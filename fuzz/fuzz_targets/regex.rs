//! The regex engine against real Vim: for a pattern, a text and 'ignorecase', the engine must
//! give Vim's `matchstrpos()`/`matchlist()` answer (match range and groups, no match, or an
//! error) or refuse. Needs `vim` on PATH; one Vim process judges each input.
//!
//!     cargo +nightly fuzz run regex -- -max_total_time=20
//!
//! Inputs that start with a generated case (the seed in the first bytes) reach Vim's whole
//! syntax quickly; libFuzzer's mutations of the pattern and text do the rest.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vimdata::oracle::regex::{emulate, judge, verdict, RegexCase, Verdict};
use vimdata::oracle::regex_gen::{case, Rng};

fuzz_target!(|input: (u64, bool, &str, &str)| {
    let (seed, mutate, pattern, text) = input;
    if pattern.len() > 48 || text.len() > 64 || pattern.contains('\0') || text.contains('\0') {
        return;
    }
    let mut c = case(&mut Rng::new(seed));
    if mutate {
        // libFuzzer's own pattern and text, the generated case's 'ignorecase'.
        c = RegexCase { pattern: pattern.to_string(), text: text.to_string(), start: 0, ic: c.ic };
    }
    let engine = emulate(&c);
    if matches!(engine, Err(_)) {
        return;
    }
    let vim = match judge(std::slice::from_ref(&c)) {
        Ok(answers) => answers.into_iter().next().expect("one answer"),
        // Vim crashing or not answering is not the engine's fault.
        Err(_) => return,
    };
    assert!(
        verdict(&engine, &vim) != Verdict::Wrong,
        "engine disagrees with Vim\ncase: {}\nengine: {engine:?}\nvim: {vim:?}",
        serde_json::to_string(&c).unwrap_or_default()
    );
});
