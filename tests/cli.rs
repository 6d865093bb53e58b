//! The `vimdata` command as a user meets it: exit codes, streaming order, error records,
//! the built-in examples' report.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn vimdata(args: &[&str], stdin: &str) -> Output {
    spawn(args, stdin).wait_with_output().expect("vimdata finishes")
}

/// `vimdata` running with `stdin` written and closed, its output still to read.
fn spawn(args: &[&str], stdin: &str) -> std::process::Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vimdata"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vimdata runs");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("stdin written");
    child
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn apply_keys_prints_the_result() {
    let out = vimdata(&["apply", "--keys", "wcwthere<Esc>"], "hello world\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "hello there\n");
}

#[test]
fn apply_keys_without_result_exits_1_with_a_message() {
    let out = vimdata(&["apply", "--keys", "Q"], "x\n");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The engine's message names its kind once ("unsupported: ...", "no result: ...").
    assert!(stderr.starts_with("vimdata: unsupported: Q at key 0"), "{out:?}");
}

#[test]
fn apply_jsonl_keeps_order_and_turns_bad_lines_into_error_records() {
    let input = [
        r#"{"source": "one two\n", "keys": "dw"}"#,
        "this is not json",
        r#"{"source": 42, "keys": "x"}"#,
        "",
        r#"{"source": "a\n", "keys": "Q"}"#,
        r#"{"source": "abc\n", "keys": "x", "target": "ignored", "lang": "rust"}"#,
        r#"{"source": "x\n", "keys": "999999999999999999999ia<Esc>"}"#,
    ]
    .join("\n");
    let out = vimdata(&["apply", "--jsonl"], &input);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> =
        stdout(&out).lines().map(|l| serde_json::from_str(l).expect("JSON output line")).collect();
    assert_eq!(lines.len(), 7, "one output line per input line");
    assert_eq!(lines[0]["output"], "two\n");
    assert_eq!(lines[1]["error"]["kind"], "parse");
    assert_eq!(lines[2]["error"]["kind"], "parse");
    assert_eq!(lines[3]["error"]["kind"], "parse");
    assert!(lines[4]["error"]["kind"].is_string());
    assert_eq!(lines[5]["output"], "bc\n");
    assert_eq!(lines[6]["error"]["kind"], "limit");
}

#[test]
fn validate_builtin_examples_shows_the_seeds_wrong_rows() {
    let out = vimdata(&["validate"], "");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for (record, wrong) in [("record 3", "evening morning"), ("record 4", "remove me"), ("record 5", "startnd  end")] {
        let at = text.find(&format!("{record}: mismatch")).unwrap_or_else(|| panic!("{record} not reported:\n{text}"));
        assert!(text[at..].contains(wrong), "{record} shows Vim's result {wrong:?}:\n{text}");
    }
    assert!(text.contains("record 0: mismatch"), "the literal {{i}} row:\n{text}");
    assert!(text.contains("4 mismatched"), "{text}");
    assert!(text.contains(" 0 errors"), "{text}");
}

#[test]
fn validate_reports_each_record_and_exits_0_when_all_match() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("d.jsonl");
    let report = dir.path().join("r.jsonl");
    std::fs::write(&data, "{\"source\":\"a b\\n\",\"keys\":\"dw\",\"target\":\"b\"}\n{\"source\":\"x\",\"keys\":\"x\",\"target\":\"\"}\n")
        .expect("dataset written");
    let out = vimdata(&["validate", data.to_str().expect("path"), "--report", report.to_str().expect("path")], "");
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&report)
        .expect("report written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON report line"))
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[1]["index"].as_u64(), lines[1]["verdict"].as_str()), (Some(1), Some("match")));
}

#[test]
fn validate_counts_a_hostile_line_and_goes_on() {
    let input = "{\"source\":\"a\\n\",\"keys\":\"x\",\"target\":\"\"}\n\u{0}garbage\n{\"source\":\"b\\n\",\"keys\":\"x\",\"target\":\"\"}\n";
    let out = vimdata(&["validate", "-"], input);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.contains("3 records: 2 matched, 0 mismatched, 0 unsupported, 1 errors"), "{text}");
}

#[test]
fn validate_reads_the_seeds_csv_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("seed.csv");
    std::fs::write(&data, "source,target,transform\nhello,\"hello, world!\",\"A, world!{esc}\"\ngood morning,good evening,ct evening{esc}\n")
        .expect("table written");
    let out = vimdata(&["validate", data.to_str().expect("path")], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("2 records: 1 matched, 1 mismatched"), "{}", stdout(&out));
}

#[test]
fn validate_missing_file_is_a_usage_error() {
    let out = vimdata(&["validate", "/nonexistent/data.jsonl"], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot open"));
}

#[test]
fn validate_without_a_target_says_so_in_the_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let report = dir.path().join("r.jsonl");
    let out = vimdata(&["validate", "-", "--report", report.to_str().expect("path")], "{\"source\":\"a\\n\",\"keys\":\"x\"}\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("no `target`"), "{}", stdout(&out));
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&report).expect("report written").trim()).expect("JSON report line");
    assert_eq!((line["verdict"].as_str(), line["error"]["kind"].as_str()), (Some("error"), Some("no-target")));
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    // Every record mismatches, so the listing is long; the reader takes one line and leaves.
    let records: String = (0..2000).map(|_| "{\"source\":\"a\\n\",\"keys\":\"x\",\"target\":\"zzz\\n\"}\n").collect();
    let mut child = spawn(&["validate", "-", "--show", "100000"], &records);
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().expect("stdout")), &mut first).expect("a line");
    let out = child.wait_with_output().expect("vimdata finishes");
    assert!(first.starts_with("record 0"), "{first}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(out.status.code(), Some(141));
}

#[test]
fn apply_jsonl_ends_quietly_when_its_reader_stops_early() {
    let records: String = (0..50_000).map(|_| "{\"source\":\"abc\\n\",\"keys\":\"x\"}\n").collect();
    let mut child = spawn(&["apply", "--jsonl", "-"], &records);
    let mut first = String::new();
    std::io::BufRead::read_line(&mut std::io::BufReader::new(child.stdout.take().expect("stdout")), &mut first).expect("a line");
    let out = child.wait_with_output().expect("vimdata finishes");
    assert_eq!(first, "{\"output\":\"bc\\n\"}\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no message for a closed pipe");
    assert_eq!(out.status.code(), Some(141));
}

/// A record with invalid UTF-8 (raw bytes in the JSON line), one without `keys`, a good one:
/// `apply` and `validate` give the same error kinds and messages, and keep the good record.
#[test]
fn malformed_records_get_the_same_error_from_apply_and_validate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bad.jsonl");
    std::fs::write(&path, b"{\"source\":\"ab\xff\xfecd\\n\",\"keys\":\"x\",\"target\":\"b\\n\"}\n{\"source\":\"a\\n\",\"key\":\"x\",\"target\":\"a\\n\"}\n{\"source\":\"abc\\n\",\"keys\":\"x\",\"target\":\"bc\\n\"}\n")
        .expect("written");
    let path = path.to_str().expect("utf-8 path");
    let applied = stdout(&vimdata(&["apply", "--jsonl", path], ""));
    let applied: Vec<serde_json::Value> = applied.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    assert_eq!(applied.len(), 3);
    assert_eq!(applied[0]["error"]["kind"], "encoding");
    assert_eq!(applied[1]["error"]["kind"], "parse");
    assert!(applied[1]["error"]["message"].as_str().is_some_and(|m| m.contains("missing field `keys`")));
    assert_eq!(applied[2]["output"], "bc\n");

    let report = dir.path().join("report.jsonl");
    let out = vimdata(&["validate", path, "--report", report.to_str().expect("utf-8 path")], "");
    assert_eq!(out.status.code(), Some(1));
    let report = std::fs::read_to_string(report).expect("report");
    let report: Vec<serde_json::Value> = report.lines().map(|l| serde_json::from_str(l).expect("json")).collect();
    for (validated, applied) in report.iter().zip(&applied).take(2) {
        assert_eq!(validated["verdict"], "error");
        assert_eq!(validated["error"], applied["error"]);
    }
    assert_eq!(report[2]["verdict"], "match");
}

#[test]
fn a_csv_row_with_an_unterminated_quote_loses_no_later_row() {
    let table = "source,target,transform\nab,b,x\n\"cd,d,x\nef,f,x\ngh,h,x\nij,j,x\n";
    let out = vimdata(&["validate", "-", "--format", "csv", "--keys-format", "notation"], table);
    let text = stdout(&out);
    assert!(text.contains("5 records: 4 matched, 0 mismatched, 0 unsupported, 1 errors"), "{text}");
    assert!(text.contains("line 3: the quote at line 3, column 1 is never closed"), "{text}");
}

#[test]
fn a_directory_as_input_is_named_in_the_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = vimdata(&["validate", dir.path().to_str().expect("utf-8 path")], "");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(&format!("cannot read {}: it is a directory", dir.path().display())), "{stderr}");
}

#[test]
fn validate_counts_refusals_by_feature() {
    let records = concat!(
        "{\"source\":\"a\\n\",\"keys\":\"K\",\"target\":\"a\\n\"}\n",
        "{\"source\":\"a\\n\",\"keys\":\"==\",\"target\":\"a\\n\"}\n",
        "{\"source\":\"cafe\u{301}\\n\",\"keys\":\"x\",\"target\":\"afe\u{301}\\n\"}\n",
    );
    let out = vimdata(&["validate", "-"], records);
    let text = stdout(&out);
    assert!(text.contains("Unsupported by feature: normal 2, text 1"), "{text}");
    assert!(text.contains("U+0301") && text.contains("line 1 of the text"), "the refusal names the character: {text}");
}
