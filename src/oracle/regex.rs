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
}

/// The script that answers cases: reads `cases`, writes one JSON answer a line to `out`.
const SCRIPT: &str = r#"
set nomore
let s:out = []
for s:line in readfile($VIMDATA_REGEX_CASES)
  let s:c = json_decode(s:line)
  let &ignorecase = s:c.ic
  try
    let s:m = matchstrpos(s:c.text, s:c.pattern, s:c.start)
    if s:m[1] < 0
      call add(s:out, json_encode({'nomatch': v:null}))
    else
      let s:l = matchlist(s:c.text, s:c.pattern, s:c.start)
      call add(s:out, json_encode({'match': {'start': s:m[1], 'end': s:m[2], 'groups': s:l[1:9]}}))
    endif
  catch
    call add(s:out, json_encode({'error': {'code': matchstr(v:exception, 'E\d\+')}}))
  endtry
endfor
call writefile(s:out, $VIMDATA_REGEX_OUT)
qall!
"#;

/// Ask real Vim (`vim`, or the `VIMDATA_VIM` binary) for the outcome of every case.
pub fn judge(cases: &[RegexCase]) -> Result<Vec<RegexOutcome>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let cases_path = dir.path().join("cases.jsonl");
    let out_path = dir.path().join("out.jsonl");
    let script_path = dir.path().join("judge.vim");
    let mut f = std::fs::File::create(&cases_path).map_err(|e| e.to_string())?;
    for c in cases {
        let line = serde_json::to_string(c).map_err(|e| e.to_string())?;
        writeln!(f, "{line}").map_err(|e| e.to_string())?;
    }
    drop(f);
    std::fs::write(&script_path, SCRIPT).map_err(|e| e.to_string())?;
    let vim = std::env::var("VIMDATA_VIM").unwrap_or_else(|_| "vim".into());
    let status = Command::new(vim)
        .args(["-u", "NONE", "-N", "-i", "NONE", "-n", "-es", "--cmd", "set nomodeline", "-S"])
        .arg(&script_path)
        .env("VIMDATA_REGEX_CASES", &cases_path)
        .env("VIMDATA_REGEX_OUT", &out_path)
        .env("LC_ALL", "C.UTF-8")
        .env("HOME", dir.path())
        .env("TERM", "dumb")
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run vim: {e}"))?;
    let text = std::fs::read_to_string(&out_path).map_err(|e| format!("vim wrote no answers ({status}): {e}"))?;
    let answers: Result<Vec<_>, _> = text.lines().map(serde_json::from_str::<RegexOutcome>).collect();
    let answers = answers.map_err(|e| e.to_string())?;
    if answers.len() != cases.len() {
        return Err(format!("vim answered {} of {} cases", answers.len(), cases.len()));
    }
    Ok(answers)
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
}

/// Compare the engine with Vim's answer. Both rejecting the pattern agree whatever the
/// numbers (Vim's NFA and backtracking parsers number some errors differently).
pub fn verdict(engine: &Result<RegexOutcome, RegexError>, vim: &RegexOutcome) -> Verdict {
    match (engine, vim) {
        (Err(_), _) => Verdict::Refused,
        (Ok(RegexOutcome::Error { .. }), RegexOutcome::Error { .. }) => Verdict::Same,
        (Ok(a), b) if a == b => Verdict::Same,
        _ => Verdict::Wrong,
    }
}
