//! The real-Vim oracle against recorded expectations, hostile programs and its own modes, on
//! both backends. These tests need real Vim (`/usr/bin/vim`) and fail loudly without it. The
//! Docker tests run wherever a Docker engine answers (building the image first) and must pass;
//! where none does they print a banner saying they did not run.

use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use vimdata::keys::{parse_notation, Key};
use vimdata::oracle::{build_image, check_sandbox, Backend, LocalRunner, Oracle, OracleError, OracleOptions, VimRun};

const TEST_IMAGE: &str = "vimdata-oracle:test";

fn require_vim() {
    assert!(
        Path::new("/usr/bin/vim").exists(),
        "\n\n*** REAL VIM IS MISSING: /usr/bin/vim not found. The oracle tests need Vim 9.0 \
         (Debian 12: `apt-get install vim`). ***\n"
    );
}

/// The Docker options, with the test image built from this build's binaries; `None` (after a
/// loud banner) when no engine answers.
fn docker_options() -> Option<OracleOptions> {
    static READY: OnceLock<Result<(), String>> = OnceLock::new();
    let ready = READY.get_or_init(|| {
        let status = check_sandbox(TEST_IMAGE);
        if let Err(e) = status.engine {
            return Err(e);
        }
        let built = build_image(TEST_IMAGE, Path::new("/usr/bin/vim"), Path::new(env!("CARGO_BIN_EXE_vimdata")));
        Ok(built.map(|_| ()).expect("a Docker engine is up, so the sandbox image must build"))
    });
    match ready {
        Ok(()) => Some(OracleOptions { image: TEST_IMAGE.into(), ..OracleOptions::default() }),
        Err(why) => {
            eprintln!(
                "\n==================================================================\n\
                 DOCKER ORACLE TESTS DID NOT RUN: no Docker engine ({why})\n\
                 ==================================================================\n"
            );
            None
        }
    }
}

#[derive(serde::Deserialize)]
struct Case {
    source: String,
    keys: String,
    vim: Recorded,
}

#[derive(serde::Deserialize)]
struct Recorded {
    output: Option<String>,
    error: Option<String>,
}

/// Every `step`-th recorded case of tests/data/corpus.jsonl.
fn corpus(step: usize) -> Vec<(Vec<u8>, Vec<Key>, Recorded)> {
    let text = std::fs::read_to_string("tests/data/corpus.jsonl").expect("corpus present");
    text.lines()
        .step_by(step)
        .map(|line| {
            let case: Case = serde_json::from_str(line).expect("valid corpus line");
            (case.source.into_bytes(), parse_notation(&case.keys), case.vim)
        })
        .collect()
}

fn jobs(cases: &[(Vec<u8>, Vec<Key>)]) -> Vec<(&[u8], &[Key])> {
    cases.iter().map(|(s, k)| (s.as_slice(), k.as_slice())).collect()
}

fn check_corpus(backend: Backend, options: OracleOptions) {
    let cases = corpus(5);
    let oracle = Oracle::new(backend, options).expect("oracle starts");
    let inputs: Vec<(&[u8], &[Key])> = cases.iter().map(|(s, k, _)| (s.as_slice(), k.as_slice())).collect();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results = oracle.run_many(&inputs, &|| {
        done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    assert_eq!(done.into_inner(), cases.len(), "on_done once per record");
    let mut wrong = Vec::new();
    for (i, ((_, _, want), got)) in cases.iter().zip(&results).enumerate() {
        let ok = match (got, &want.output, &want.error) {
            (Ok(run), Some(output), _) => run.output == output.as_bytes(),
            (Err(e), None, Some(kind)) => e.kind() == kind,
            _ => false,
        };
        if !ok {
            wrong.push(format!("case {}: got {got:?}, recorded {:?} {:?}", i * 5, want.output, want.error));
        }
    }
    eprintln!("{backend:?}: {} recorded cases, {} disagree", cases.len(), wrong.len());
    assert!(cases.len() >= 300);
    assert!(wrong.is_empty(), "{backend:?} disagrees with the recordings:\n{}", wrong.join("\n"));
}

#[test]
fn local_backend_matches_recorded_corpus() {
    require_vim();
    check_corpus(Backend::Vim, OracleOptions::default());
}

#[test]
fn docker_backend_matches_recorded_corpus() {
    require_vim();
    if let Some(options) = docker_options() {
        check_corpus(Backend::Docker, options);
    }
}

/// Untrusted programs: each ends within the timeout as a result or an error, writes nothing
/// outside its directory, and the rest of the batch goes on.
fn check_hostile(backend: Backend, options: OracleOptions) {
    let marker = format!("/tmp/vimdata-hostile-{}-{:?}", std::process::id(), backend);
    let programs = [
        format!(":!touch {marker}-bang<CR>"),
        format!(":w {marker}-w<CR>"),
        ":r /etc/shadow<CR>".to_string(),
        format!(":call system('touch {marker}-system')<CR>"),
        format!(":sav {marker}-sav<CR>"),
        format!(":redir > {marker}-redir<CR>:echo 'x'<CR>:redir END<CR>"),
        format!(":call writefile(['x'], '{marker}-writefile')<CR>"),
        format!(":mksession {marker}-session<CR>"),
        "qqq@qq@q".to_string(),
        ":while 1|endw<CR>".to_string(),
        "99999999ix<Esc>".to_string(),
        ":sleep 100<CR>".to_string(),
        "dw".to_string(),
    ];
    let keys: Vec<Vec<Key>> = programs.iter().map(|p| parse_notation(p)).collect();
    let source = b"hello world\n".to_vec();
    let inputs: Vec<(&[u8], &[Key])> = keys.iter().map(|k| (source.as_slice(), k.as_slice())).collect();
    let timeout = Duration::from_secs(2);
    let oracle = Oracle::new(backend, OracleOptions { timeout, ..options }).expect("oracle starts");
    let start = Instant::now();
    let results = oracle.run_many(&inputs, &|| {});
    // Every record runs at most `timeout`, several at once.
    assert!(start.elapsed() < timeout * programs.len() as u32 + Duration::from_secs(20), "took {:?}", start.elapsed());
    for (program, result) in programs.iter().zip(&results) {
        eprintln!("{backend:?} {program:?}: {:?}", result.as_ref().map(|r| String::from_utf8_lossy(&r.output).into_owned()));
        if let Err(e) = result {
            assert!(!matches!(e, OracleError::Io(_) | OracleError::Unavailable(_)), "{program}: {e}");
        }
    }
    for name in ["bang", "w", "system", "sav", "redir", "writefile", "session"] {
        let path = format!("{marker}-{name}");
        let exists = Path::new(&path).exists();
        let _ = std::fs::remove_file(&path);
        assert!(!exists, "{backend:?}: a hostile program wrote {path}");
    }
    let ok = |i: usize| results[i].as_ref().map(|r| r.output.clone()).ok();
    assert_eq!(ok(12), Some(b"world\n".to_vec()), "the batch goes on after hostile records");
    for i in [9, 11] {
        assert!(matches!(results[i], Err(OracleError::Timeout(_))), "{}: {:?}", programs[i], results[i]);
    }
}

#[test]
fn local_backend_contains_hostile_programs() {
    require_vim();
    check_hostile(Backend::Vim, OracleOptions::default());
}

#[test]
fn docker_backend_contains_hostile_programs() {
    require_vim();
    if let Some(options) = docker_options() {
        check_hostile(Backend::Docker, options);
    }
}

fn generated(n: usize, seed: u64) -> Vec<(Vec<u8>, Vec<Key>)> {
    vimdata::dataset::generate::generate(n, seed)
        .into_iter()
        .map(|c| (c.source.into_bytes(), parse_notation(&c.keys)))
        .collect()
}

fn same(a: &Result<VimRun, OracleError>, b: &Result<VimRun, OracleError>) -> bool {
    match (a, b) {
        (Ok(x), Ok(y)) => x.output == y.output,
        (Err(x), Err(y)) => x.kind() == y.kind(),
        _ => false,
    }
}

fn assert_all_same(what: &str, cases: &[(Vec<u8>, Vec<Key>)], a: &[Result<VimRun, OracleError>], b: &[Result<VimRun, OracleError>]) {
    let differ: Vec<String> = a
        .iter()
        .zip(b)
        .zip(cases)
        .filter(|((x, y), _)| !same(x, y))
        .map(|((x, y), (s, k))| format!("{:?} {:?}: {x:?} vs {y:?}", String::from_utf8_lossy(s), vimdata::keys::format_keys(k)))
        .take(10)
        .collect();
    assert!(differ.is_empty(), "{what} differ:\n{}", differ.join("\n"));
}

/// The default mode (fork server, Vim's sleeps skipped) gives the bytes of fresh processes
/// running the contract's exact harness. The programs include ones that make Vim sleep (E353
/// in Visual mode).
#[test]
fn skipping_sleeps_matches_fresh_contract_runs() {
    require_vim();
    let mut cases = generated(2000, 11);
    for keys in ["vp", "vjp", "Vp<Esc>x", "v\"ap", "vpu"] {
        cases.push((b"one two\nthree\n".to_vec(), parse_notation(keys)));
    }
    let runner = LocalRunner::new(&OracleOptions::default()).expect("vim");
    assert_eq!(runner.describe(), "fork server", "the default mode is the one under test");
    let fast = Oracle::new(Backend::Vim, OracleOptions::default()).expect("vim");
    let fresh = Oracle::new(Backend::Vim, OracleOptions { fresh: true, ..OracleOptions::default() }).expect("vim");
    let start = Instant::now();
    let a = fast.run_many(&jobs(&cases), &|| {});
    let fast_time = start.elapsed();
    let b = fresh.run_many(&jobs(&cases[2000..]), &|| {});
    assert!(fast_time < Duration::from_secs(120));
    assert_all_same("sleeping programs", &cases[2000..], &a[2000..], &b);
    let b = fresh.run_many(&jobs(&cases[..2000]), &|| {});
    assert_all_same("fast and fresh", &cases[..2000], &a[..2000], &b);
}

/// `-Z`, Landlock and the limits change no result for ordinary programs.
#[test]
fn restrictions_change_no_result() {
    require_vim();
    let options = OracleOptions { fresh: true, ..OracleOptions::default() };
    let mut cases = generated(600, 12);
    cases.extend(corpus(10).into_iter().map(|(s, k, _)| (s, k)));
    let restricted = Oracle::new(Backend::Vim, options.clone()).expect("vim").run_many(&jobs(&cases), &|| {});
    let bare = LocalRunner::new(&options).expect("vim").unrestricted();
    let unrestricted: Vec<_> = cases.iter().map(|(s, k)| bare.run(s, k)).collect();
    assert_all_same("restricted and unrestricted", &cases, &restricted, &unrestricted);
}

fn state_of(oracle: &Oracle, source: &str, keys: &str) -> (Vec<u8>, vimdata::oracle::VimState) {
    let run = oracle.run(source.as_bytes(), &parse_notation(keys)).expect("vim result");
    (run.output, run.state.unwrap_or_else(|| panic!("state for {keys:?}")))
}

fn check_state(backend: Backend, options: OracleOptions) {
    let oracle = Oracle::new(backend, OracleOptions { state: true, ..options }).expect("oracle starts");
    let (out, state) = state_of(&oracle, "one two\nthree\n", "wyiwjmaihey<Esc>");
    assert_eq!(out, b"one two\nthreheye\n");
    assert_eq!((state.cursor.line, state.cursor.col, state.mode.as_str()), (1, 6, "n"));
    assert_eq!(state.registers["0"].text, "two");
    assert_eq!(state.registers["0"].kind, "v");
    assert_eq!(state.registers["."].text, "hey");
    assert_eq!((state.marks["a"].line, state.marks["a"].col), (1, 4));
    let (_, state) = state_of(&oracle, "one two\nthree\n", "yyjihi");
    assert_eq!((state.mode.as_str(), state.cursor.col), ("i", 2));
    assert_eq!((state.registers["\""].text.as_str(), state.registers["\""].kind.as_str()), ("one two\n", "V"));
    let (_, state) = state_of(&oracle, "one two\nthree\n", "vj");
    assert_eq!(state.mode, "v");
    // A pending operator: the dump reads the state, and the operator is cancelled as the
    // closing <Esc> would.
    let (out, state) = state_of(&oracle, "one two\nthree\n", "wd");
    assert_eq!((out.as_slice(), state.mode.as_str()), (&b"one two\nthree\n"[..], "no"));
    // Waiting for a character: the dump would be typed into the program, so no state.
    let run = oracle.run(b"one\n", &parse_notation("A<C-v>")).expect("vim result");
    assert_eq!(run.output, b"one\x1b\n");
    assert!(run.state.is_none(), "{:?}", run.state);
}

#[test]
fn local_backend_reads_back_state() {
    require_vim();
    check_state(Backend::Vim, OracleOptions::default());
}

#[test]
fn docker_backend_reads_back_state() {
    require_vim();
    if let Some(options) = docker_options() {
        check_state(Backend::Docker, options);
    }
}

/// The emulator's final state (cursor, mode, registers, marks) against Vim's where both give
/// the same text: what `vimdata diff --state` checks, over generated programs and the cases
/// that once differed (`".` after `r` and after a line break or <C-h>, marks after lines
/// moved, the undo cursor beside identical lines).
#[test]
fn emulator_state_matches_vim() {
    require_vim();
    let oracle = Oracle::new(Backend::Vim, OracleOptions { state: true, ..OracleOptions::default() }).expect("oracle starts");
    let mut cases = generated(400, 4711);
    for (source, keys) in [
        ("hello world\n", "r-"),
        ("hello world\n", "3r-w"),
        ("hello world\n", "wr<CR>"),
        ("hello world\n", "ifoo<CR>bar<Esc>"),
        ("hello world\n", "Aab<C-h>c<Esc>"),
        ("a\nb\nc\n", "jmakOx<Esc>"),
        ("abc\n\n\ndef\n", "o<Esc>u"),
        ("fn f() {\n    g();\n}\n", "Gddu<C-r>"),
    ] {
        cases.push((source.as_bytes().to_vec(), parse_notation(keys)));
    }
    let runs = oracle.run_many(&jobs(&cases), &|| {});
    let mut compared = 0;
    for ((source, keys), run) in cases.iter().zip(runs) {
        let Ok(VimRun { output, state: Some(state), .. }) = run else { continue };
        let Ok(emulated) = vimdata::state_after(source, keys) else { continue };
        if vimdata::apply(source, keys).ok() != Some(output) {
            continue;
        }
        compared += 1;
        let differences = vimdata::oracle::state_differences(&emulated, &state);
        assert!(differences.is_empty(), "{:?} {:?}: {differences:?}", String::from_utf8_lossy(source), keys);
    }
    assert!(compared > 300, "only {compared} states compared");
}

/// Fresh processes with the sleeps skipped (the mode without a fork server) against the exact
/// contract.
#[test]
fn exec_mode_matches_fresh_contract_runs() {
    require_vim();
    let cases = generated(500, 13);
    let exec = OracleOptions { fork_server: false, ..OracleOptions::default() };
    let a = Oracle::new(Backend::Vim, exec).expect("vim").run_many(&jobs(&cases), &|| {});
    let fresh = OracleOptions { fresh: true, ..OracleOptions::default() };
    let b = Oracle::new(Backend::Vim, fresh).expect("vim").run_many(&jobs(&cases), &|| {});
    assert_all_same("exec and fresh", &cases, &a, &b);
}

#[test]
fn missing_docker_image_is_a_clear_error() {
    if docker_options().is_none() {
        return;
    }
    let options = OracleOptions { image: "vimdata-oracle:no-such-tag".into(), ..OracleOptions::default() };
    match Oracle::new(Backend::Docker, options) {
        Err(OracleError::Unavailable(why)) => assert!(why.contains("vimdata sandbox build"), "{why}"),
        other => panic!("expected a clear error, got {:?}", other.err()),
    }
}
