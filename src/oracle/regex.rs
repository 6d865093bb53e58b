//! The regex-level oracle: ONE real Vim process judges many `(pattern, text, start)` cases
//! through `matchstrpos()` and `matchlist()`, pure functions, so no state leaks from one case
//! to the next. Cases go to Vim as JSON lines in a file; a Vim script answers each with JSON.
//! This is how the regex engine is checked against Vim by the thousand (the example
//! `regex_diff`, the recorded `tests/data/regex_cases.jsonl`, the fuzz target `regex`).

use std::io::Write;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::engine::regex::{MatchEnv, Options, Regex, RegexError};

/// One case: `matchstrpos(text, pattern, start)` with 'ignorecase' set. (Vim's `match()`
/// family always compiles with 'magic' on; `\M` in the pattern tests 'nomagic'.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegexCase {
    pub pattern: String,
    pub text: String,
    #[serde(default)]
    pub start: usize,
    #[serde(default)]
    pub ic: bool,
}

/// Vim's answer (or the engine's): the match's byte range and group texts, no match, or an
/// error number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegexOutcome {
    Match { start: usize, end: usize, groups: Vec<String> },
    NoMatch,
    Error { code: String },
    /// Vim did not answer within its time limit (it spins on the pattern).
    Timeout,
}

/// The script that answers cases: reads `cases`, appends one JSON answer a line to `out`,
/// every `$VIMDATA_REGEX_FLUSH` answers (so that a case Vim itself spins on is found by the
/// answers before it).
const SCRIPT: &str = r#"
set nomore
let s:flush = str2nr($VIMDATA_REGEX_FLUSH)
let s:out = []
for s:line in readfile($VIMDATA_REGEX_CASES)
  let s:c = json_decode(s:line)
  let &ignorecase = s:c.ic
  try
    let s:m = matchstrpos(s:c.text, s:c.pattern, s:c.start)
    if s:m[1] < 0
      let s:answer = json_encode({'nomatch': v:null})
    else
      let s:l = matchlist(s:c.text, s:c.pattern, s:c.start)
      let s:answer = json_encode({'match': {'start': s:m[1], 'end': s:m[2], 'groups': s:l[1:9]}})
    endif
  catch
    let s:answer = json_encode({'error': {'code': matchstr(v:exception, 'E\d\+')}})
  endtry
  call add(s:out, s:answer)
  if len(s:out) >= s:flush
    call writefile(s:out, $VIMDATA_REGEX_OUT, 'a')
    let s:out = []
  endif
endfor
call writefile(s:out, $VIMDATA_REGEX_OUT, 'a')
qall!
"#;

/// How long Vim may spend on one case before it counts as [`RegexOutcome::Timeout`]: Vim's
/// backtracking engine (its fallback from the NFA) is exponential on some patterns and has
/// no time limit in `matchstrpos()`.
const CASE_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(3);

/// Ask real Vim (`vim`, or the `VIMDATA_VIM` binary) for the outcome of every case. A case
/// Vim spins on is killed after [`CASE_TIMEOUT`] without an answer, and Vim goes on with the
/// next one in a new process.
pub fn judge(cases: &[RegexCase]) -> Result<Vec<RegexOutcome>, String> {
    let mut answers = Vec::with_capacity(cases.len());
    while answers.len() < cases.len() {
        let done = answers.len();
        let (batch, finished) = judge_until_stuck(&cases[done..], FLUSH_EVERY)?;
        answers.extend(batch);
        if !finished {
            // The stuck case is among the next FLUSH_EVERY: find it answer by answer.
            let done = answers.len();
            let end = (done + FLUSH_EVERY).min(cases.len());
            let (batch, finished) = judge_until_stuck(&cases[done..end], 1)?;
            answers.extend(batch);
            if !finished {
                answers.push(RegexOutcome::Timeout);
            }
        }
    }
    Ok(answers)
}

/// Answers Vim writes at once (writing each alone costs more than answering it).
const FLUSH_EVERY: usize = 500;

/// One Vim process over `cases`: its answers, and whether it finished (rather than being
/// killed while it spun on the case after the last answer).
fn judge_until_stuck(cases: &[RegexCase], flush_every: usize) -> Result<(Vec<RegexOutcome>, bool), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let cases_path = dir.path().join("cases.jsonl");
    let out_path = dir.path().join("out.jsonl");
    let script_path = dir.path().join("judge.vim");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&cases_path).map_err(|e| e.to_string())?);
    for c in cases {
        let line = serde_json::to_string(c).map_err(|e| e.to_string())?;
        writeln!(f, "{line}").map_err(|e| e.to_string())?;
    }
    drop(f);
    std::fs::write(&script_path, SCRIPT).map_err(|e| e.to_string())?;
    let vim = std::env::var("VIMDATA_VIM").unwrap_or_else(|_| "vim".into());
    let mut child = Command::new(vim)
        .args(["-u", "NONE", "-N", "-i", "NONE", "-n", "-es", "--cmd", "set nomodeline", "-S"])
        .arg(&script_path)
        .env("VIMDATA_REGEX_CASES", &cases_path)
        .env("VIMDATA_REGEX_OUT", &out_path)
        .env("VIMDATA_REGEX_FLUSH", flush_every.to_string())
        .env("LC_ALL", "C.UTF-8")
        .env("HOME", dir.path())
        .env("TERM", "dumb")
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot run vim: {e}"))?;
    // Watch the answers grow; a Vim that stops answering for CASE_TIMEOUT is stuck.
    let mut last_len = 0;
    let mut last_progress = std::time::Instant::now();
    let finished = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            if !status.success() {
                return Err(format!("vim failed: {status}"));
            }
            break true;
        }
        let len = std::fs::metadata(&out_path).map_or(0, |m| m.len());
        if len != last_len {
            last_len = len;
            last_progress = std::time::Instant::now();
        } else if last_progress.elapsed() > CASE_TIMEOUT {
            child.kill().map_err(|e| e.to_string())?;
            child.wait().map_err(|e| e.to_string())?;
            break false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let text = std::fs::read_to_string(&out_path).unwrap_or_default();
    // A killed Vim may have left half a line: only whole lines are answers.
    let whole = if finished { text.as_str() } else { text.rsplit_once('\n').map_or("", |(head, _)| head) };
    let answers: Result<Vec<_>, _> = whole.lines().map(serde_json::from_str::<RegexOutcome>).collect();
    let answers = answers.map_err(|e| e.to_string())?;
    if finished && answers.len() != cases.len() {
        return Err(format!("vim answered {} of {} cases", answers.len(), cases.len()));
    }
    Ok((answers, finished))
}

/// The engine's outcome for a case, as Vim's `matchstrpos()` would give it; `Err` when the
/// engine refuses (unsupported or over its bound).
pub fn emulate(case: &RegexCase) -> Result<RegexOutcome, RegexError> {
    let options = Options { ignorecase: case.ic, smartcase: false, magic: true };
    let regex = match Regex::new(&case.pattern, &options, None) {
        Ok(r) => r,
        Err(RegexError::Invalid(code)) => return Ok(RegexOutcome::Error { code: code.to_string() }),
        Err(e) => return Err(e),
    };
    // Vim's match() with a start: as if the string started there.
    let start = case.start.min(case.text.len());
    if !case.text.is_char_boundary(start) {
        return Err(RegexError::Unsupported("a start inside a character".into()));
    }
    let lines = vec![case.text[start..].to_string()];
    let found = regex.find_at(&lines, 0, 0, &MatchEnv::default())?;
    Ok(match found {
        None => RegexOutcome::NoMatch,
        Some(m) => {
            let text = &lines[0];
            let piece = |s: usize, e: usize| if e >= s { text[s..e].to_string() } else { String::new() };
            let groups = (1..10).map(|n| m.groups[n].map_or(String::new(), |(s, e)| piece(s.col, e.col))).collect();
            RegexOutcome::Match { start: m.start.col + start, end: m.end.col.max(m.start.col) + start, groups }
        }
    })
}

/// How an engine outcome compares with Vim's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Same,
    Refused,
    Wrong,
    /// Vim gave no answer to judge by (it timed out).
    Unjudged,
}

/// Compare the engine with Vim's answer. Both rejecting the pattern agree whatever the
/// numbers (Vim's NFA and backtracking parsers number some errors differently).
pub fn verdict(engine: &Result<RegexOutcome, RegexError>, vim: &RegexOutcome) -> Verdict {
    match (engine, vim) {
        (_, RegexOutcome::Timeout) => Verdict::Unjudged,
        (Err(_), _) => Verdict::Refused,
        (Ok(RegexOutcome::Error { .. }), RegexOutcome::Error { .. }) => Verdict::Same,
        (Ok(a), b) if a == b => Verdict::Same,
        _ => Verdict::Wrong,
    }
}
