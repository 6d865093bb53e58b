//! The recorded differential corpora, every `tests/data/*.jsonl`: programs generated over
//! realistic texts and hand-written cases per feature, each run in real Vim under the contract
//! when recorded (`examples/record_corpus.rs`). The emulator must give
//! Vim's exact bytes or refuse; it must never give a different text, nor text where Vim gave
//! none. `.ci/run` also re-checks the recordings against live Vim.

use vimdata::apply;
use vimdata::dataset::record::RecordedCase;
use vimdata::oracle::Agreement;

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
        let case: RecordedCase = serde_json::from_str(line).expect("valid corpus line");
        let vim = case.vim.as_ref().expect("a recorded corpus line");
        let keys = vimdata::keys::parse_notation(&case.keys);
        let emu = apply(case.source.as_bytes(), &keys);
        match Agreement::of(vim.output.as_ref().map(|o| o.as_bytes()), &emu) {
            Agreement::Exact => agree += 1,
            Agreement::Refused => refused += 1,
            Agreement::NoResultInBoth => no_result += 1,
            Agreement::Wrong => wrong.push(format!(
                "case {i}: source {:?} keys {:?}\n  vim: {:?} {:?}\n  emu: {:?}",
                case.source,
                case.keys,
                vim.output,
                vim.error,
                emu.map(|b| String::from_utf8_lossy(&b).into_owned())
            )),
        }
    }
    let total = agree + refused + no_result + wrong.len();
    eprintln!("corpus: {total} cases, {agree} exact, {refused} refused, {no_result} no result (both), {} wrong", wrong.len());
    assert!(total >= 1000, "the corpus has at least 1000 cases");
    assert!(wrong.is_empty(), "the emulator disagrees with real Vim:\n{}", wrong.join("\n"));
}
