//! Checks against live real Vim (installed by `scripts/test-all` when missing): the built-in
//! examples' targets are what Vim gives, and the seed's wrong rows are wrong in Vim too.
//! Without `vim` on PATH these tests fail with a message saying so — never a silent pass.

use vimdata::dataset::examples::records;
use vimdata::dataset::record::output_matches;
use vimdata::keys::parse_notation;
use vimdata::oracle::VimRunner;

fn require_vim() -> VimRunner {
    let found = std::process::Command::new("vim").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(found, "\n######## real Vim is not installed: run scripts/test-all (it installs vim with apt) ########\n");
    VimRunner::default()
}

#[test]
fn builtin_examples_are_judged_by_real_vim_as_documented() {
    let vim = require_vim();
    let seed_rows_wrong_in_vim = [0, 3, 4, 5];
    for (i, (example, record)) in records().into_iter().enumerate() {
        let keys = parse_notation(&record.keys);
        let output = vim.run(record.source.as_bytes(), &keys).expect("Vim gives a result").output;
        let target = record.target.as_deref().unwrap_or_default();
        let matched = output_matches(&output, target.as_bytes(), false);
        let expected = !(example.origin == "seed" && seed_rows_wrong_in_vim.contains(&i));
        assert_eq!(
            matched, expected,
            "example {i} ({}): keys {:?} on {:?} gave {:?} in Vim, target {:?}",
            example.origin, record.keys, record.source, String::from_utf8_lossy(&output), target
        );
    }
}
