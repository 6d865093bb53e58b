//! `vimdata record` and `apply --jsonl --screens` as a user meets them: the files are
//! asciicast v2 (checked field by field, not only by our own reader), replaying their output
//! through a terminal emulator (`vt100`) shows the edited text, from both sources; `--jsonl`
//! writes one recording per record; and `asciinema` itself plays them when it is installed.
//! The real-Vim tests need `vim` (scripts/test-all installs it) and fail saying so without it.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use vimdata::record::{Cast, EventKind, Screen};

/// A multi-step edit: a change, a delete of several lines, an undo, a join, a search, an insert.
const SOURCE: &str = "one two three\nfour five\nsix\nseven\neight\nnine\n";
const KEYS: &str = "wcwTWO<Esc>j3ddu2Jx/ni<CR>iX<Esc>";
const RESULT_TOP: [&str; 4] = ["one TWO three", "four fivesix", "seven", "eight"];

fn vimdata(args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_vimdata"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vimdata runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("stdin written");
    child.wait_with_output().expect("vimdata finishes")
}

fn require_vim() {
    let found = Command::new("vim").arg("--version").output().is_ok_and(|o| o.status.success());
    assert!(found, "\n######## real Vim is not installed: run scripts/test-all (it installs vim with apt) ########\n");
}

/// Check a file against asciicast v2 directly with JSON (independent of [`Cast::parse`]),
/// then read it with [`Cast::parse`].
fn check_asciicast(path: &Path) -> Cast {
    let text = std::fs::read_to_string(path).expect("the recording is UTF-8");
    let mut lines = text.lines();
    let header: serde_json::Value = serde_json::from_str(lines.next().expect("a header")).expect("the header is JSON");
    assert_eq!(header["version"], 2);
    assert_eq!(header["width"], 80);
    assert_eq!(header["height"], 24);
    assert!(header["timestamp"].as_u64().is_some_and(|t| t > 1_600_000_000), "{header}");
    assert!(header["title"].as_str().is_some_and(|t| t.contains("cwTWO")), "{header}");
    assert_eq!(header["env"]["TERM"], "xterm-256color");
    assert!(header["env"]["SHELL"].is_string());
    let (mut inputs, mut outputs, mut last) = (0, 0, 0.0);
    for line in lines {
        let event: serde_json::Value = serde_json::from_str(line).expect("an event is JSON");
        let array = event.as_array().expect("an event is an array");
        assert_eq!(array.len(), 3, "{line}");
        let time = array[0].as_f64().expect("a time");
        assert!(time >= last, "times go forward: {line}");
        last = time;
        match array[1].as_str() {
            Some("o") => outputs += 1,
            Some("i") => inputs += 1,
            other => panic!("event code {other:?}"),
        }
        assert!(array[2].is_string(), "{line}");
    }
    // One input event per key (`<Esc>` and `<CR>` are one key each).
    assert_eq!(inputs, vimdata::keys::parse_notation(KEYS).len());
    assert!(outputs > 0);
    Cast::parse(&text).expect("our reader accepts it")
}

fn final_screen(cast: &Cast) -> Screen {
    Screen::from_terminal_output(cast.output().as_bytes(), cast.height, cast.width)
}

fn assert_shows_result(screen: &Screen) {
    assert_eq!(&screen.rows[..4], &RESULT_TOP, "{screen:#?}");
}

#[test]
fn emulator_recording_is_asciicast_and_shows_the_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cast_path = dir.path().join("edit.cast");
    let out = vimdata(&["record", "--keys", KEYS, "-o", cast_path.to_str().expect("path"), "--pace", "40"], SOURCE);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let cast = check_asciicast(&cast_path);
    let screen = final_screen(&cast);
    assert_shows_result(&screen);
    assert_eq!(screen.rows[22], "~");
    // The pace: the last key is typed at 40 ms times the number of keys.
    let last_input = cast.events.iter().rev().find(|e| e.kind == EventKind::Input).expect("inputs");
    let keys = vimdata::keys::parse_notation(KEYS).len() as f64;
    assert!((last_input.time - 0.04 * keys).abs() < 1e-6, "{}", last_input.time);
}

#[test]
fn vim_recording_is_asciicast_shows_the_edit_and_is_checked_against_the_contract() {
    require_vim();
    let dir = tempfile::tempdir().expect("tempdir");
    let cast_path = dir.path().join("edit.cast");
    let out = vimdata(&["record", "--from", "vim", "--keys", KEYS, "-o", cast_path.to_str().expect("path"), "--pace", "20"], SOURCE);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("is the contract's result"), "{stderr}");
    let cast = check_asciicast(&cast_path);
    assert_shows_result(&final_screen(&cast));
}

#[test]
fn vim_recording_in_one_burst_shows_the_edit() {
    require_vim();
    let dir = tempfile::tempdir().expect("tempdir");
    let cast_path = dir.path().join("edit.cast");
    let out = vimdata(&["record", "--from", "vim", "--keys", KEYS, "-o", cast_path.to_str().expect("path"), "--pace", "0"], SOURCE);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_shows_result(&final_screen(&check_asciicast(&cast_path)));
}

#[test]
fn jsonl_records_one_file_per_record_and_says_why_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = [
        serde_json::json!({"source": SOURCE, "keys": KEYS}).to_string(),
        "not json".to_string(),
        serde_json::json!({"source": "a\n", "keys": "Q"}).to_string(),
        serde_json::json!({"source": "x\u{e9}\t\u{65e5}\n", "keys": "A!<Esc>"}).to_string(),
    ]
    .join("\n");
    let out = vimdata(&["record", "--jsonl", "-", "-o", dir.path().to_str().expect("path"), "--pace", "10"], &input);
    assert_eq!(out.status.code(), Some(1), "two records have no recording");
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 4);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["index"], i);
    }
    assert!(lines[1]["error"]["kind"].is_string() && lines[2]["error"]["kind"].is_string(), "{lines:?}");
    let mut files: Vec<String> = std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files, vec!["000000.cast", "000003.cast"]);
    assert_shows_result(&final_screen(&check_asciicast(&dir.path().join("000000.cast"))));
    let text = std::fs::read_to_string(dir.path().join("000003.cast")).expect("read");
    let cast = Cast::parse(&text).expect("asciicast");
    assert_eq!(final_screen(&cast).rows[0], "x\u{e9}      \u{65e5}!");
}

#[test]
fn apply_jsonl_screens_adds_the_final_screen() {
    let input = [
        serde_json::json!({"source": SOURCE, "keys": KEYS}).to_string(),
        serde_json::json!({"source": "a\nb\nc\nd\n", "keys": "3dd"}).to_string(),
        serde_json::json!({"source": "abc\n", "keys": "ix"}).to_string(),
        serde_json::json!({"source": "a\n", "keys": "Q"}).to_string(),
    ]
    .join("\n");
    let out = vimdata(&["apply", "--jsonl", "--screens"], &input);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let lines: Vec<serde_json::Value> =
        String::from_utf8_lossy(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("JSON line")).collect();
    assert_eq!(lines.len(), 4);
    let rows = |i: usize| -> Vec<String> { serde_json::from_value(lines[i]["screen"].clone()).expect("rows") };
    assert_eq!(rows(0).len(), 24);
    assert_eq!(&rows(0)[..4], &RESULT_TOP);
    assert!(lines[0]["output"].is_string());
    assert_eq!(rows(1)[0], "d");
    assert_eq!(rows(1)[23], "3 fewer lines");
    assert_eq!(rows(2)[0], "xabc");
    assert_eq!(rows(2)[23], "-- INSERT --");
    assert_eq!(lines[2]["cursor"], serde_json::json!([0, 1]));
    assert!(lines[3]["error"].is_object() && lines[3].get("screen").is_none(), "{}", lines[3]);
    // Without --screens the records are as before.
    let plain = vimdata(&["apply", "--jsonl"], &input);
    assert!(!String::from_utf8_lossy(&plain.stdout).contains("screen"));
}

#[test]
fn asciinema_plays_recordings_from_both_sources() {
    let found = Command::new("asciinema").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        eprintln!("\n######## asciinema is not installed (pip install asciinema): recordings were NOT played ########\n");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let mut sources = vec!["emu"];
    if Command::new("vim").arg("--version").output().is_ok_and(|o| o.status.success()) {
        sources.push("vim");
    } else {
        eprintln!("\n######## real Vim is not installed: only the emulator's recording was played ########\n");
    }
    for from in sources {
        let path = dir.path().join(format!("{from}.cast"));
        let path_text = path.to_str().expect("path");
        let out = vimdata(&["record", "--from", from, "--keys", KEYS, "-o", path_text, "--pace", "20"], SOURCE);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        let cast = check_asciicast(&path);
        let played = Command::new("asciinema").args(["play", "-s", "100", path_text]).stdin(Stdio::null()).output().expect("asciinema runs");
        assert!(played.status.success(), "asciinema play {from}: {played:?}");
        let catted = Command::new("asciinema").args(["cat", path_text]).stdin(Stdio::null()).output().expect("asciinema runs");
        assert!(catted.status.success(), "asciinema cat {from}: {catted:?}");
        assert_eq!(String::from_utf8_lossy(&catted.stdout), cast.output(), "asciinema prints what was recorded");
        let screen = Screen::from_terminal_output(&played.stdout, 24, 80);
        assert_shows_result(&screen);
    }
}
