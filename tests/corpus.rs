//! The recorded differential corpora, every `tests/data/*.jsonl`: programs generated over
//! realistic texts and hand-written cases per feature, each run in real Vim under the contract
//! when recorded (`examples/record_corpus.rs`). The emulator must give
//! Vim's exact bytes or refuse; it must never give a different text, nor text where Vim gave
//! none. `.ci/run` also re-checks the recordings against live Vim.

use vimdata::{apply, Error};

#[derive(serde::Deserialize)]
struct Case {
    source: String,
    keys: String,
    vim: VimResult,
}

#[derive(serde::Deserialize)]
struct VimResult {
    output: Option<String>,
    error: Option<String>,
}

#[test]
fn emulator_agrees_with_recorded_vim_or_refuses() {
    let mut files: Vec<_> = std::fs::read_dir("tests/data")
        .expect("tests/data present")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let text: String = files.iter().map(|p| std::fs::read_to_string(p).expect("readable corpus")).collect();
    let (mut agree, mut refused, mut no_result) = (0, 0, 0);
    let mut wrong = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let case: Case = serde_json::from_str(line).expect("valid corpus line");
        let keys = vimdata::keys::parse_notation(&case.keys);
        let emu = apply(case.source.as_bytes(), &keys);
        match (&case.vim.output, &case.vim.error, emu) {
            (Some(want), _, Ok(got)) if want.as_bytes() == got.as_slice() => agree += 1,
            (_, _, Err(Error::Unsupported { .. } | Error::LimitExceeded { .. })) => refused += 1,
            (None, Some(_), Err(Error::NoResult(_))) => no_result += 1,
            (want, err, got) => wrong.push(format!(
                "case {i}: source {:?} keys {:?}\n  vim: {want:?} {err:?}\n  emu: {:?}",
                case.source,
                case.keys,
                got.map(|b| String::from_utf8_lossy(&b).into_owned())
            )),
        }
    }
    let total = agree + refused + no_result + wrong.len();
    eprintln!("corpus: {total} cases, {agree} exact, {refused} refused, {no_result} no result (both), {} wrong", wrong.len());
    assert!(total >= 1000, "the corpus has at least 1000 cases");
    assert!(wrong.is_empty(), "the emulator disagrees with real Vim:\n{}", wrong.join("\n"));
}
