//! The LLM proposer end to end against a small OpenAI-compatible server that each test starts
//! on 127.0.0.1 (real HTTP, no internet): canned good replies, malformed JSON, prose without
//! keys, wrong keys, a reply slower than the timeout, 429 with Retry-After, 5xx, a dropped
//! connection, the reply cache, feedback turns, and `pipeline --rounds 2`.
//!
//! Every test also checks that the clean set holds nothing unproven: each kept record is run
//! again through the emulator and must give its target.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// What the server does with one request.
enum Reply {
    /// A chat completion whose choices have these texts.
    Choices(Vec<String>),
    /// A raw reply: status, extra header lines, body.
    Raw(u16, String, String),
    /// Wait, then answer.
    Slow(Duration, Box<Reply>),
    /// Close the connection without a reply.
    Drop,
}

fn say(text: &str) -> Reply {
    Reply::Choices(vec![text.to_string()])
}

type Handler = dyn Fn(&Value, usize) -> Reply + Send + Sync;

/// The test server: every request body it got, in order.
struct Server {
    url: String,
    requests: Arc<Mutex<Vec<Value>>>,
}

impl Server {
    fn start(handler: impl Fn(&Value, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let url = format!("http://{}/v1", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let handler: Arc<Handler> = Arc::new(handler);
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            // Bounded: the test process ends with the test; at most a few hundred requests.
            for stream in listener.incoming().take(500) {
                let Ok(stream) = stream else { continue };
                let handler = Arc::clone(&handler);
                let seen = Arc::clone(&seen);
                std::thread::spawn(move || serve(stream, &*handler, &seen));
            }
        });
        Server { url, requests }
    }

    fn count(&self) -> usize {
        self.requests.lock().expect("lock").len()
    }

    fn bodies(&self) -> Vec<Value> {
        self.requests.lock().expect("lock").clone()
    }
}

fn serve(stream: TcpStream, handler: &Handler, seen: &Mutex<Vec<Value>>) {
    let mut reader = BufReader::new(stream);
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        if let Some((name, value)) = l.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0; length];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let index = {
        let mut seen = seen.lock().expect("lock");
        seen.push(body.clone());
        seen.len() - 1
    };
    let mut stream = reader.into_inner();
    let mut reply = handler(&body, index);
    loop {
        match reply {
            Reply::Slow(wait, then) => {
                std::thread::sleep(wait);
                reply = *then;
            }
            Reply::Drop => return,
            Reply::Choices(texts) => {
                let choices: Vec<Value> = texts.iter().enumerate().map(|(i, t)| json!({"index": i, "message": {"role": "assistant", "content": t}, "finish_reason": "stop"})).collect();
                let body = json!({"id": "x", "object": "chat.completion", "choices": choices, "usage": {"prompt_tokens": 100, "completion_tokens": 10, "total_tokens": 110}});
                write_reply(&mut stream, 200, "", &body.to_string());
                return;
            }
            Reply::Raw(status, headers, body) => {
                write_reply(&mut stream, status, &headers, &body);
                return;
            }
        }
    }
}

fn write_reply(stream: &mut TcpStream, status: u16, headers: &str, body: &str) {
    let text = format!(
        "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(text.as_bytes());
}

/// The task's source text in a request: the last user message's `Source:` block.
fn source_of(body: &Value) -> String {
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    let first_task = messages.iter().rev().find(|m| m["role"] == "user" && m["content"].as_str().is_some_and(|c| c.starts_with("Source:")));
    first_task.and_then(|m| m["content"].as_str()).unwrap_or("").to_string()
}

fn turns(body: &Value) -> usize {
    body["messages"].as_array().map_or(0, |m| m.iter().filter(|m| m["role"] == "user" && !m["content"].as_str().unwrap_or("").starts_with("Source:")).count())
}

fn last_user(body: &Value) -> String {
    let messages = body["messages"].as_array().cloned().unwrap_or_default();
    messages.iter().rev().find(|m| m["role"] == "user").and_then(|m| m["content"].as_str()).unwrap_or("").to_string()
}

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new(pairs: &[(&str, &str)]) -> Dir {
        let dir = tempfile::tempdir().expect("tempdir");
        let lines: Vec<String> = pairs.iter().map(|(s, t)| json!({"source": s, "target": t}).to_string()).collect();
        std::fs::write(dir.path().join("pairs.jsonl"), lines.join("\n") + "\n").expect("write pairs");
        Dir { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn lines(&self, name: &str) -> Vec<Value> {
        std::fs::read_to_string(self.path(name)).unwrap_or_default().lines().map(|l| serde_json::from_str(l).expect("json line")).collect()
    }
}

fn vimdata(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vimdata")).args(args).env_remove("OPENAI_BASE_URL").env_remove("OPENAI_API_KEY").output().expect("run vimdata")
}

/// `propose --with llm` on the directory's pairs into `out`, with the server's URL and quick
/// retries.
fn propose(dir: &Dir, server: &Server, out: &str, extra: &[&str]) -> Output {
    let pairs = dir.path("pairs.jsonl");
    let out = dir.path(out);
    let mut args = vec![
        "propose",
        "--with",
        "llm",
        pairs.to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
        "--base-url",
        &server.url,
        "--model",
        "test-model",
        "--backoff",
        "0.05",
    ];
    if !extra.contains(&"--request-timeout") {
        args.extend_from_slice(&["--request-timeout", "5"]);
    }
    args.extend_from_slice(extra);
    let output = vimdata(&args);
    assert!(output.status.success(), "vimdata failed: {}", String::from_utf8_lossy(&output.stderr));
    output
}

/// Every kept record gives its target in the emulator: nothing unproven in the clean set.
fn assert_clean_set_proven(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    for line in text.lines() {
        let r: Value = serde_json::from_str(line).expect("kept record");
        let source = r["source"].as_str().expect("source");
        let keys = r["keys"].as_str().expect("keys");
        let target = r["target"].as_str().expect("target");
        let got = vimdata::apply(source.as_bytes(), &vimdata::keys::parse_notation(keys)).expect("kept keys run");
        assert!(vimdata::dataset::record::output_matches(&got, target.as_bytes(), false), "unproven record in the clean set: {line}");
    }
}

const HELLO: (&str, &str) = ("hello world\n", "hello there\n");
const LINES: (&str, &str) = ("a\nb\nc\n", "a\nc\n");

#[test]
fn canned_good_replies_are_kept_with_provenance() {
    let server = Server::start(|body, _| {
        let source = source_of(body);
        if source.contains("hello world") {
            say("Here you go:\n```keys\nwcwthere<Esc>\n```")
        } else {
            say("`jdd`")
        }
    });
    let dir = Dir::new(&[HELLO, LINES]);
    let output = propose(&dir, &server, "out.jsonl", &[]);
    let kept = dir.lines("out.jsonl");
    assert_eq!(kept.len(), 2, "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(kept[0]["keys"], "wcwthere<Esc>");
    assert_eq!(kept[0]["proposer"], "llm");
    assert_eq!(kept[0]["proposer_version"], "test-model");
    assert_eq!(kept[0]["style"], "c0t0");
    assert_eq!(kept[0]["round"], 1);
    assert_eq!(kept[1]["keys"], "jdd");
    assert_clean_set_proven(&dir.path("out.jsonl"));
    // The request: the model, the system prompt with the contract, few-shot turns, the task.
    let first = &server.bodies()[0];
    assert_eq!(first["model"], "test-model");
    let system = first["messages"][0]["content"].as_str().expect("system prompt");
    assert!(system.contains("-u NONE") && system.contains("<Esc>"), "{system}");
    assert!(first["messages"].as_array().expect("messages").len() > 2, "few-shot examples shown");
    let summary: Value = serde_json::from_str(&std::fs::read_to_string(dir.path("out.jsonl.summary.json")).expect("summary")).expect("json");
    assert_eq!(summary["by_round"]["1"]["pass_at_1"], 100.0);
    assert_eq!(summary["llm_usage_this_run"]["test-model"]["prompt_tokens"], 200);
}

#[test]
fn malformed_json_prose_and_wrong_keys_are_rejected_with_their_verdicts() {
    let server = Server::start(|body, _| {
        let source = source_of(body);
        if source.contains("hello world") {
            Reply::Raw(200, String::new(), "{\"choices\": [".into())
        } else if source.contains("one two") {
            say("I am sorry, but I cannot determine the keystrokes for this edit.")
        } else {
            say("```keys\ndd\n```")
        }
    });
    let dir = Dir::new(&[HELLO, ("one two\n", "one\n"), LINES]);
    propose(&dir, &server, "out.jsonl", &["--turns", "0"]);
    assert!(dir.lines("out.jsonl").is_empty());
    let rejected = dir.lines("out.jsonl.rejected.jsonl");
    let verdicts: Vec<(&str, &str)> = rejected.iter().map(|r| (r["verdict"].as_str().unwrap_or(""), r["reason"].as_str().unwrap_or(""))).collect();
    assert_eq!(verdicts.len(), 3, "{rejected:?}");
    assert_eq!(verdicts[0].0, "request-failed");
    assert!(verdicts[0].1.starts_with("malformed-reply"), "{verdicts:?}");
    assert_eq!(verdicts[1].0, "no-keys");
    assert!(rejected[1]["reply"].as_str().unwrap_or("").contains("sorry"), "the reply is kept for analysis");
    assert_eq!(verdicts[2].0, "mismatch");
    assert_eq!(rejected[2]["keys"], "dd");
    // A malformed reply is not retried.
    assert_eq!(server.count(), 3);
}

#[test]
fn a_reply_slower_than_the_timeout_is_a_failed_request() {
    let server = Server::start(|_, _| Reply::Slow(Duration::from_secs(3), Box::new(say("```keys\nwcwthere<Esc>\n```"))));
    let dir = Dir::new(&[HELLO]);
    let started = Instant::now();
    propose(&dir, &server, "out.jsonl", &["--request-timeout", "0.5", "--retries", "1"]);
    assert!(started.elapsed() < Duration::from_secs(3), "the timeout cut the wait");
    assert!(dir.lines("out.jsonl").is_empty());
    let rejected = dir.lines("out.jsonl.rejected.jsonl");
    assert_eq!(rejected[0]["verdict"], "request-failed");
    assert!(rejected[0]["reason"].as_str().unwrap_or("").starts_with("timeout"), "{rejected:?}");
    assert_eq!(server.count(), 2, "one retry after the timeout");
}

#[test]
fn too_many_requests_waits_for_retry_after() {
    let server = Server::start(|_, i| if i == 0 { Reply::Raw(429, "Retry-After: 1\r\n".into(), "{\"error\": \"slow down\"}".into()) } else { say("```keys\nwcwthere<Esc>\n```") });
    let dir = Dir::new(&[HELLO]);
    let started = Instant::now();
    let output = propose(&dir, &server, "out.jsonl", &[]);
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After honoured");
    assert_eq!(dir.lines("out.jsonl").len(), 1);
    assert_eq!(server.count(), 2);
    assert!(String::from_utf8_lossy(&output.stderr).contains("1 retries"));
}

#[test]
fn server_errors_and_dropped_connections_are_retried() {
    let server = Server::start(|_, i| match i {
        0 => Reply::Raw(503, String::new(), "overloaded".into()),
        1 => Reply::Drop,
        2 => Reply::Raw(500, String::new(), "oops".into()),
        _ => say("```keys\nwcwthere<Esc>\n```"),
    });
    let dir = Dir::new(&[HELLO]);
    propose(&dir, &server, "out.jsonl", &[]);
    assert_eq!(dir.lines("out.jsonl").len(), 1);
    assert_eq!(server.count(), 4);
    // A pair over --max-pair-bytes is not sent.
    let dir = Dir::new(&[HELLO]);
    propose(&dir, &server, "big.jsonl", &["--max-pair-bytes", "10"]);
    assert_eq!(server.count(), 4);
    assert_eq!(dir.lines("big.jsonl.rejected.jsonl")[0]["verdict"], "too-large");
    // A client error is final: no retries.
    let bad = Server::start(|_, _| Reply::Raw(401, String::new(), "{\"error\": \"no key\"}".into()));
    let dir = Dir::new(&[HELLO]);
    propose(&dir, &bad, "out.jsonl", &[]);
    assert_eq!(bad.count(), 1);
    let rejected = dir.lines("out.jsonl.rejected.jsonl");
    assert!(rejected[0]["reason"].as_str().unwrap_or("").contains("HTTP 401"), "{rejected:?}");
    // A pair whose request failed is not finished: a rerun asks again and keeps the answer,
    // and the failed request's record is gone.
    assert!(dir.lines("out.jsonl.progress.jsonl").is_empty());
    let good = Server::start(|_, _| say("```keys\nwcwthere<Esc>\n```"));
    propose(&dir, &good, "out.jsonl", &[]);
    assert_eq!(good.count(), 1);
    assert_eq!(dir.lines("out.jsonl").len(), 1);
    assert!(dir.lines("out.jsonl.rejected.jsonl").is_empty());
    assert_eq!(dir.lines("out.jsonl.progress.jsonl").len(), 1);
}

#[test]
fn the_cache_answers_a_second_run() {
    let server = Server::start(|body, _| if source_of(body).contains("hello") { say("```keys\nwcwthere<Esc>\n```") } else { say("```keys\njdd\n```") });
    let dir = Dir::new(&[HELLO, LINES]);
    let cache = dir.path("cache");
    let cache = cache.to_str().expect("path");
    propose(&dir, &server, "one.jsonl", &["--cache-dir", cache]);
    let sent = server.count();
    assert_eq!(sent, 2);
    let output = propose(&dir, &server, "two.jsonl", &["--cache-dir", cache]);
    assert_eq!(server.count(), sent, "the second run sent nothing");
    assert_eq!(dir.lines("one.jsonl"), dir.lines("two.jsonl"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("0 requests (2 from the cache"), "{}", String::from_utf8_lossy(&output.stderr));
    // Rerunning into the same files resumes: every pair is done, nothing is asked or added.
    let before = dir.lines("one.jsonl");
    propose(&dir, &server, "one.jsonl", &["--no-cache"]);
    assert_eq!(server.count(), sent);
    assert_eq!(dir.lines("one.jsonl"), before);
    // With --no-cache a new run asks the server again.
    propose(&dir, &server, "three.jsonl", &["--no-cache"]);
    assert_eq!(server.count(), sent + 2);
}

#[test]
fn feedback_turns_show_the_diff_of_the_first_attempt() {
    let server = Server::start(|body, _| match turns(body) {
        // First answer wrong: `cw` on `hello` changes the wrong word.
        0 => say("```keys\ncwthere<Esc>\n```"),
        _ => say("```keys\nwcwthere<Esc>\n```"),
    });
    let dir = Dir::new(&[HELLO]);
    propose(&dir, &server, "out.jsonl", &["--turns", "2"]);
    let bodies = server.bodies();
    assert_eq!(bodies.len(), 2);
    let feedback = last_user(&bodies[1]);
    assert!(feedback.contains("-hello there") && feedback.contains("+there world"), "{feedback}");
    let kept = dir.lines("out.jsonl");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["style"], "c0t1");
    let rejected = dir.lines("out.jsonl.rejected.jsonl");
    assert_eq!(rejected.len(), 1);
    assert_eq!((rejected[0]["verdict"].as_str(), rejected[0]["style"].as_str()), (Some("mismatch"), Some("c0t0")));
    let summary: Value = serde_json::from_str(&std::fs::read_to_string(dir.path("out.jsonl.summary.json")).expect("summary")).expect("json");
    assert_eq!(summary["by_round"]["1"]["pass_at_1"], 0.0);
    assert_eq!(summary["by_round"]["1"]["solved_percent"], 100.0);
    assert_clean_set_proven(&dir.path("out.jsonl"));
}

#[test]
fn candidates_from_a_server_that_ignores_n_are_topped_up() {
    // One choice per request whatever `n` says; the second sample is a wrong program.
    let server = Server::start(|_, i| if i == 0 { say("```keys\nwcwthere<Esc>\n```") } else { say("```keys\nx\n```") });
    let dir = Dir::new(&[HELLO]);
    propose(&dir, &server, "out.jsonl", &["--candidates", "2", "--turns", "0"]);
    let bodies = server.bodies();
    assert_eq!(bodies[0]["n"], 2);
    assert_eq!(bodies.len(), 2);
    assert_eq!(dir.lines("out.jsonl").len(), 1);
    let rejected = dir.lines("out.jsonl.rejected.jsonl");
    assert_eq!(rejected[0]["style"], "c1t0");
    assert_clean_set_proven(&dir.path("out.jsonl"));
}

#[test]
fn unproven_programs_never_reach_the_clean_set() {
    // Many plausible but wrong programs, a few right ones.
    let replies = ["```keys\ncwthere<Esc>\n```", "```keys\nwcwthere\n```", "```keys\nwdwithere<Esc>\n```", "```keys\nwcethere<Esc>\n```", "```keys\n$ciwthere<Esc>\n```"];
    let server = Server::start(move |_, i| say(replies[i % replies.len()]));
    let dir = Dir::new(&[HELLO, ("foo bar\n", "foo baz\n"), ("x\n", "y\n")]);
    propose(&dir, &server, "out.jsonl", &["--candidates", "5", "--turns", "0", "--concurrency", "2"]);
    assert_clean_set_proven(&dir.path("out.jsonl"));
    for r in dir.lines("out.jsonl.rejected.jsonl") {
        assert_ne!(r["verdict"], "match");
    }
}

#[test]
fn pipeline_rounds_use_kept_records_as_examples_and_report_each_round() {
    let repo = tempfile::tempdir().expect("tempdir");
    let git = |args: &[&str]| {
        let ok = Command::new("git").args(args).current_dir(repo.path()).env("GIT_AUTHOR_NAME", "t").env("GIT_AUTHOR_EMAIL", "t@t").env("GIT_COMMITTER_NAME", "t").env("GIT_COMMITTER_EMAIL", "t@t").status().expect("git").success();
        assert!(ok, "git {args:?}");
    };
    git(&["init", "-q"]);
    std::fs::write(repo.path().join("lib.rs"), "fn a() {\n    let x = 1;\n}\n\nfn b() {\n    let y = 2;\n}\n").expect("write");
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "one"]);
    std::fs::write(repo.path().join("lib.rs"), "fn a() {\n    let x = 3;\n}\n\nfn b() {\n    let z = 2;\n}\n").expect("write");
    git(&["commit", "-q", "-am", "two"]);
    // Round 1: the model answers nothing useful. Round 2: it answers once it is shown an
    // example from the records kept in round 1 (the synthesiser's, with --with both).
    let server = Server::start(|body, _| {
        let messages = body["messages"].as_array().cloned().unwrap_or_default();
        // Few-shot examples from the mined records: only there from round 2 on.
        let mined_example = messages[..messages.len().saturating_sub(1)].iter().any(|m| m["role"] == "user" && m["content"].as_str().is_some_and(|c| c.contains("let x = 1") || c.contains("let y = 2")));
        let source = source_of(body);
        match (mined_example, source.contains("let x = 1"), source.contains("let y = 2")) {
            (true, true, _) => say("```keys\nf1r3\n```"),
            (true, _, true) => say("```keys\nfyrz\n```"),
            _ => say("I do not know how to make this edit."),
        }
    });
    let out = repo.path().join("data.jsonl");
    let output = vimdata(&[
        "pipeline",
        repo.path().to_str().expect("path"),
        "-o",
        out.to_str().expect("path"),
        "--with",
        "both",
        "--rounds",
        "2",
        "--turns",
        "0",
        "--depths",
        "statement",
        "--shots",
        "30",
        "--base-url",
        &server.url,
        "--model",
        "test-model",
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The README's example summary is this output (`cargo test --test llm -- --nocapture`).
    eprintln!("{stderr}");
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("pass@1") && stderr.contains("keys llm/synth"), "{stderr}");
    let summary: Value = serde_json::from_str(&std::fs::read_to_string(repo.path().join("data.jsonl.summary.json")).expect("summary")).expect("json");
    let rounds = summary["by_round"].as_object().expect("by_round");
    assert_eq!(rounds.len(), 2, "{summary}");
    assert_eq!(rounds["1"]["pairs"], 2, "{summary}");
    assert_eq!(rounds["1"]["pass_at_1"], 0.0, "{summary}");
    assert_eq!(rounds["2"]["pairs"], 2, "round 2 retries the unsolved pairs: {summary}");
    assert_eq!(rounds["2"]["pass_at_1"], 100.0, "round 2 sees round 1's records: {summary}");
    let kept = std::fs::read_to_string(&out).expect("clean set");
    assert!(kept.lines().any(|l| l.contains("\"proposer\":\"synth\"")), "the synthesiser kept records in round 1");
    assert_clean_set_proven(&out);
}

#[test]
fn the_concurrency_limit_holds_over_all_pairs() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let now = Arc::new(AtomicUsize::new(0));
    let most = Arc::new(AtomicUsize::new(0));
    let (n, m) = (Arc::clone(&now), Arc::clone(&most));
    let server = Server::start(move |_, _| {
        let inside = n.fetch_add(1, Ordering::SeqCst) + 1;
        m.fetch_max(inside, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(200));
        n.fetch_sub(1, Ordering::SeqCst);
        say("```keys\nx\n```")
    });
    let pairs: Vec<(String, String)> = (0..8).map(|i| (format!("a{i}\n"), format!("{i}\n"))).collect();
    let refs: Vec<(&str, &str)> = pairs.iter().map(|(s, t)| (s.as_str(), t.as_str())).collect();
    let dir = Dir::new(&refs);
    propose(&dir, &server, "out.jsonl", &["--concurrency", "3", "--turns", "0"]);
    assert_eq!(server.count(), 8);
    assert_eq!(dir.lines("out.jsonl").len(), 8);
    let most = most.load(Ordering::SeqCst);
    assert!((2..=3).contains(&most), "at most 3 in flight, and more than one: {most}");
    assert_clean_set_proven(&dir.path("out.jsonl"));
}

#[test]
fn a_refused_program_is_rejected_and_the_refusal_fed_back() {
    let server = Server::start(|body, _| match turns(body) {
        0 => say("```keys\n:!true<CR>\n```"),
        1 => say("Type `{esc}` then... no, I mean `wcwthere{esc}`"),
        _ => say("```keys\nwcwthere\\033\n```"),
    });
    let dir = Dir::new(&[HELLO]);
    propose(&dir, &server, "out.jsonl", &["--turns", "2"]);
    let bodies = server.bodies();
    assert_eq!(bodies.len(), 3);
    let refusal = last_user(&bodies[1]);
    assert!(refusal.contains("could not be run") && refusal.contains(":!"), "{refusal}");
    let unreadable = last_user(&bodies[2]);
    assert!(unreadable.contains("could not read keys"), "{unreadable}");
    let rejected = dir.lines("out.jsonl.rejected.jsonl");
    let verdicts: Vec<&str> = rejected.iter().map(|r| r["verdict"].as_str().unwrap_or("")).collect();
    assert_eq!(verdicts, ["unsupported", "no-keys"]);
    // The seed's `\033` read as Escape: kept in canonical notation.
    let kept = dir.lines("out.jsonl");
    assert_eq!(kept[0]["keys"], "wcwthere<Esc>");
    assert_eq!(kept[0]["style"], "c0t2");
    assert_clean_set_proven(&dir.path("out.jsonl"));
}

#[test]
fn oracle_auto_proves_what_the_emulator_refuses_with_real_vim() {
    if Command::new("vim").arg("--version").output().map_or(true, |o| !o.status.success()) {
        eprintln!("SKIPPED: no vim on PATH (scripts/test-all installs it)");
        return;
    }
    // `:sort l` (the collation of the current locale) is refused by the emulator; real Vim
    // judges it. `:sort! l` gives another text.
    let server = Server::start(|body, _| if source_of(body).contains("b\na") { say("```keys\n:sort l<CR>\n```") } else { say("```keys\n:sort! l<CR>\n```") });
    let dir = Dir::new(&[("b\na\n", "a\nb\n"), ("c\nd\n", "c\nd\n")]);
    propose(&dir, &server, "out.jsonl", &["--oracle", "auto", "--turns", "0"]);
    let kept = dir.lines("out.jsonl");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!((kept[0]["keys"].as_str(), kept[0]["proven_by"].as_str()), (Some(":sort l<CR>"), Some("vim")));
    let rejected = dir.lines("out.jsonl.rejected.jsonl");
    assert_eq!(rejected[0]["verdict"], "mismatch");
}
