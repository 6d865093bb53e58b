//! Judging records: run a record's keys (in the emulator, or take a result from real Vim) and
//! compare with its target. One verdict per record; a bad record is an error verdict for that
//! record and nothing else.

use crate::engine;
use crate::keys::KeysFormat;

use super::record::{output_matches, Record};

/// The verdict on one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// The program gives the target.
    Match,
    /// The program gives another text.
    Mismatch,
    /// The emulator does not model the program; real Vim must judge it.
    Unsupported,
    /// No verdict: bad record, limit exceeded, or no result (Vim would exit non-zero).
    Error,
}

/// Why a record has no output: a kind for machines and a message for people.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Failure {
    pub kind: String,
    pub message: String,
    /// For a refusal, the feature family it belongs to (`visual`, `regex`, `ex :sort` ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feature: Option<String>,
}

impl Failure {
    pub fn new(kind: impl Into<String>, message: impl Into<String>) -> Failure {
        Failure { kind: kind.into(), message: message.into(), feature: None }
    }
}

impl From<engine::Error> for Failure {
    fn from(e: engine::Error) -> Failure {
        Failure { kind: e.kind().into(), message: e.to_string(), feature: e.feature().map(ToString::to_string) }
    }
}

/// The outcome of running one program: the bytes written, or why there are none.
pub type Outcome = Result<Vec<u8>, Failure>;

/// Run a record's program in the emulator.
pub fn emulate(record: &Record, format: KeysFormat) -> Outcome {
    let keys = record.parsed_keys(format);
    engine::apply(record.source.as_bytes(), &keys).map_err(Failure::from)
}

/// An outcome as text, as `apply --jsonl` and the Python module give it: output that is not
/// UTF-8 (a latin1 file written back byte for byte) is an `encoding` failure rather than a
/// lossy text.
pub fn output_text(outcome: &Outcome) -> Result<&str, Failure> {
    match outcome {
        Ok(bytes) => std::str::from_utf8(bytes)
            .map_err(|_| Failure::new("encoding", "the output is not UTF-8 and cannot be a JSON string")),
        Err(f) => Err(f.clone()),
    }
}

/// The verdict on a record whose program had `outcome`.
pub fn judge(record: &Record, outcome: &Outcome, exact: bool) -> Verdict {
    match (outcome, &record.target) {
        (Err(f), _) if f.kind == "unsupported" => Verdict::Unsupported,
        (Err(_), _) => Verdict::Error,
        (Ok(_), None) => Verdict::Error,
        (Ok(out), Some(target)) if output_matches(out, target.as_bytes(), exact) => Verdict::Match,
        (Ok(_), Some(_)) => Verdict::Mismatch,
    }
}

/// Counts of verdicts over a run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub matched: usize,
    pub mismatched: usize,
    pub unsupported: usize,
    pub errors: usize,
}

impl Summary {
    pub fn add(&mut self, verdict: Verdict) {
        match verdict {
            Verdict::Match => self.matched += 1,
            Verdict::Mismatch => self.mismatched += 1,
            Verdict::Unsupported => self.unsupported += 1,
            Verdict::Error => self.errors += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.matched + self.mismatched + self.unsupported + self.errors
    }

    /// Every record matched.
    pub fn all_match(&self) -> bool {
        self.matched == self.total()
    }
}

/// A readable line diff from `want` to `got` (`-` lines only in the target, `+` only in the
/// output), with invisible characters shown.
pub fn diff(want: &[u8], got: &[u8]) -> String {
    let want = String::from_utf8_lossy(want);
    let got = String::from_utf8_lossy(got);
    let diff = similar::TextDiff::from_lines(want.as_ref(), got.as_ref());
    let mut out = String::new();
    for change in diff.iter_all_changes() {
        let sign = match change.tag() {
            similar::ChangeTag::Delete => '-',
            similar::ChangeTag::Insert => '+',
            similar::ChangeTag::Equal => ' ',
        };
        out.push(sign);
        out.push(' ');
        out.push_str(&visible(change.value()));
        out.push('\n');
    }
    out
}

/// A line with its newline shown as `⏎`, a missing newline as `∅`, tabs as `→`.
fn visible(line: &str) -> String {
    let body = line.strip_suffix('\n');
    let mut s: String = body.unwrap_or(line).chars().map(|c| if c == '\t' { '→' } else { c }).collect();
    s.push(if body.is_some() { '⏎' } else { '∅' });
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn record(source: &str, keys: &str, target: &str) -> Record<'static> {
        Record { source: Cow::Owned(source.into()), keys: Cow::Owned(keys.into()), target: Some(Cow::Owned(target.into())) }
    }

    #[test]
    fn verdicts() {
        let r = record("unix\n", "gUiw", "UNIX");
        assert_eq!(judge(&r, &Ok(b"UNIX\n".to_vec()), false), Verdict::Match);
        assert_eq!(judge(&r, &Ok(b"unix\n".to_vec()), false), Verdict::Mismatch);
        assert_eq!(judge(&r, &Err(Failure::new("unsupported", "x")), false), Verdict::Unsupported);
        assert_eq!(judge(&r, &Err(Failure::new("limit", "x")), false), Verdict::Error);
    }

    #[test]
    fn emulated_record_matches_its_target() {
        let r = record("hello\n", "A, world!<Esc>", "hello, world!");
        assert_eq!(judge(&r, &emulate(&r, KeysFormat::Notation), false), Verdict::Match);
    }

    #[test]
    fn a_record_without_target_cannot_match() {
        let mut r = record("a", "x", "");
        r.target = None;
        assert_eq!(judge(&r, &Ok(b"\n".to_vec()), false), Verdict::Error);
    }

    #[test]
    fn diff_shows_line_ends() {
        assert_eq!(diff(b"a\n", b"a"), "- a⏎\n+ a∅\n");
    }
}
