//! The synthesiser and the dataset loop: every program the synthesiser returns is proven (on
//! tens of thousands of generated pairs and on pairs mined from a history of this crate's own
//! sources), and a run killed midway then rerun writes the same files as an uninterrupted one.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use vimdata::propose::synth::{prove, synthesize, SynthError};

/// Pairs from generated programs: the source, and what the emulator makes of it.
fn generated_pairs(n: usize, seed: u64) -> Vec<(String, String)> {
    vimdata::dataset::generate::generate(n, seed)
        .into_iter()
        .filter_map(|case| {
            let keys = vimdata::keys::parse_notation(&case.keys);
            let out = vimdata::apply(case.source.as_bytes(), &keys).ok()?;
            Some((case.source, String::from_utf8(out).ok()?))
        })
        .collect()
}

/// Synthesise up to three programs per pair; each must turn the source into the target.
/// Returns (pairs with a program, pairs without one).
fn check_all(pairs: &[(String, String)]) -> (usize, usize) {
    let (mut proven, mut without) = (0, 0);
    for (source, target) in pairs {
        match synthesize(source, target, 3) {
            Ok(programs) => {
                assert!(!programs.is_empty(), "Ok with no program for {source:?} -> {target:?}");
                for program in &programs {
                    if let Err(why) = prove(source, target, &program.keys) {
                        panic!("unproven program {:?} for {source:?} -> {target:?}: {why}", program.notation());
                    }
                }
                proven += 1;
            }
            Err(SynthError::Text(_) | SynthError::NoProgram(_)) => without += 1,
        }
    }
    (proven, without)
}

#[test]
fn every_program_is_proven_on_generated_pairs() {
    let pairs = generated_pairs(20_000, 16);
    assert!(pairs.len() > 15_000, "the generator gave {} usable pairs", pairs.len());
    let (proven, without) = check_all(&pairs);
    // Programs the generator draws are all within the emulator: nearly every pair gets one.
    assert!(without * 100 <= pairs.len(), "{without} of {} pairs without a program", pairs.len());
    assert_eq!(proven + without, pairs.len());
}

/// Three versions of a source file, each with edits of the kinds real commits make: changed
/// words inside lines, lines deleted, inserted and duplicated.
fn versions(text: &str) -> [String; 3] {
    let edit = |text: &str, round: usize| -> String {
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            match (i + round) % 11 {
                3 => out.push_str(&line.replacen("let ", "let mut ", 1).replacen("self", "this", 1)),
                5 if round == 1 => continue,
                7 => {
                    out.push_str(line);
                    out.push_str("\n    // revised");
                }
                9 if round == 2 => {
                    out.push_str(line);
                    out.push('\n');
                    out.push_str(line.trim_end_matches(';'));
                }
                _ => out.push_str(line),
            }
            out.push('\n');
        }
        out
    };
    let second = edit(text, 1);
    let third = edit(&second, 2);
    [text.to_string(), second, third]
}

#[test]
fn every_program_is_proven_on_mined_pairs() {
    use git2::{Repository, Signature, Time};
    use vimdata::dataset::mine::{mine, MineOptions};
    // A history of this crate's own sources (its checkout may be shallow or not a git
    // repository at all): each file in three versions, one commit per version.
    let dir = tempfile::tempdir().expect("tempdir");
    let repo = Repository::init(dir.path()).expect("git init");
    let files = ["src/engine/motion.rs", "src/engine/textobject.rs", "src/engine/register.rs", "src/engine/undo.rs", "src/dataset/json.rs"];
    let texts: Vec<[String; 3]> = files.iter().map(|f| versions(&std::fs::read_to_string(f).expect("a source file"))).collect();
    let mut parent: Option<git2::Oid> = None;
    for round in 0..3 {
        let mut builder = repo.treebuilder(None).expect("treebuilder");
        for (f, versions) in files.iter().zip(&texts) {
            let blob = repo.blob(versions[round].as_bytes()).expect("blob");
            builder.insert(f.rsplit('/').next().expect("a name"), blob, 0o100644).expect("insert");
        }
        let tree = repo.find_tree(builder.write().expect("tree")).expect("find tree");
        let sig = Signature::new("t", "t@example.com", &Time::new(1_700_000_000 + round as i64 * 60, 0)).expect("signature");
        let parents: Vec<git2::Commit> = parent.iter().map(|&p| repo.find_commit(p).expect("parent")).collect();
        let refs: Vec<&git2::Commit> = parents.iter().collect();
        parent = Some(repo.commit(Some("HEAD"), &sig, &sig, "edit", &tree, &refs).expect("commit"));
    }
    let miner = mine(dir.path(), MineOptions::default()).expect("the history mines");
    let pairs: Vec<(String, String)> = miner.map(|pair| pair.expect("a mined pair")).map(|p| (p.source, p.target)).take(3_000).collect();
    assert!(pairs.len() >= 200, "only {} pairs mined", pairs.len());
    let (proven, without) = check_all(&pairs);
    assert!(proven * 10 >= pairs.len() * 9, "{proven} of {} mined pairs proven ({without} without)", pairs.len());
}

/// A pairs file for the CLI: generated pairs as JSONL.
fn write_pairs(path: &Path, n: usize) {
    let lines: Vec<String> = generated_pairs(n, 7)
        .into_iter()
        .map(|(source, target)| serde_json::json!({"source": source, "target": target}).to_string())
        .collect();
    std::fs::write(path, lines.join("\n") + "\n").expect("pairs written");
}

fn propose(pairs: &Path, clean: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_vimdata"));
    cmd.args(["propose", "--with", "synth", "--n", "2"]).arg(pairs).arg("-o").arg(clean);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// The files a run leaves that must not depend on interruptions (the summary has timings).
fn outputs(clean: &Path) -> [Vec<u8>; 3] {
    let with = |suffix: &str| {
        let mut name = clean.as_os_str().to_os_string();
        name.push(suffix);
        std::fs::read(name).expect("output file")
    };
    [std::fs::read(clean).expect("clean set"), with(".rejected.jsonl"), with(".progress.jsonl")]
}

#[test]
fn a_killed_then_resumed_run_writes_what_an_uninterrupted_one_does() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pairs = dir.path().join("pairs.jsonl");
    write_pairs(&pairs, 20_000);
    let whole = dir.path().join("whole.jsonl");
    assert!(propose(&pairs, &whole).status().expect("runs").success());
    let expected = outputs(&whole);
    assert!(!expected[0].is_empty() && !expected[2].is_empty());

    // Killed for real, as soon as some pairs are done.
    let killed = dir.path().join("killed.jsonl");
    let mut child = propose(&pairs, &killed).spawn().expect("spawns");
    let progress = dir.path().join("killed.jsonl.progress.jsonl");
    let started = Instant::now();
    while std::fs::metadata(&progress).map_or(true, |m| m.len() == 0) && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().expect("kill");
    child.wait().expect("reaped");
    assert!(propose(&pairs, &killed).status().expect("reruns").success());
    assert!(outputs(&killed) == expected, "a killed and rerun run differs from an uninterrupted one");

    // Killed between writing a pair's records and its progress line, mid-record: the
    // uninterrupted files cut at a point that a kill can leave.
    let torn = dir.path().join("torn.jsonl");
    let progress_lines: Vec<&[u8]> = expected[2].split_inclusive(|&b| b == b'\n').collect();
    let half = progress_lines.len() / 2;
    std::fs::write(dir.path().join("torn.jsonl.progress.jsonl"), progress_lines[..half].concat()).expect("write");
    let clean_cut = expected[0].len() * 3 / 4;
    std::fs::write(&torn, &expected[0][..clean_cut]).expect("write");
    std::fs::write(dir.path().join("torn.jsonl.rejected.jsonl"), &expected[1]).expect("write");
    assert!(propose(&pairs, &torn).status().expect("reruns").success());
    assert!(outputs(&torn) == expected, "a run resumed from torn files differs from an uninterrupted one");
}

/// Found by the generator's seed 16 after it learnt new commands: a cutting whose offsets
/// fall inside a multi-byte character once an earlier region came out otherwise is dropped
/// (it used to panic); the other cuttings still give proven programs.
#[test]
fn offsets_inside_a_character_drop_the_cutting() {
    let (source, target) = ("  leading and trailing  \n\n\nafter blank lines\n", "  x—a BNG and trailing  \n\n\nafter blank lines\n");
    let programs = synthesize(source, target, 3).expect("a program");
    for program in &programs {
        prove(source, target, &program.keys).expect("a proven program");
    }
}
