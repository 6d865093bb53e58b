//! The hostile corpus (`tests/hostile/programs.txt`): programs that never end in real Vim or
//! make enormous texts. Over small texts and over texts up to the size limit (many short
//! lines, and one 8 MB line), each must end as a result or a limit — never a hang, a panic or
//! unbounded memory. What bounds the time is a limit on counted work (steps, line moves,
//! bytes copied or compared: `Limits`), so the assertions are on results and limits, never on
//! the clock; each program's time on the large texts is printed (`--nocapture`) for a look.

use std::time::Instant;

use vimdata::engine::{Error, Limits};
use vimdata::keys::parse_notation;

fn programs() -> Vec<String> {
    let text = std::fs::read_to_string("tests/hostile/programs.txt").expect("the hostile corpus");
    let programs: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect();
    assert!(programs.len() >= 30, "the hostile corpus is missing programs");
    programs
}

/// Run `program` on `source`: it ends as a result or an error; returns the error's limit.
fn ends(source: &[u8], program: &str) -> Option<&'static str> {
    match vimdata::apply(source, &parse_notation(program)) {
        // Commands that grow every line by a little (`>>`, `<C-a>`) are not checked against
        // the text limit as they go; they can at most double a text of short lines.
        Ok(out) => {
            assert!(out.len() <= 2 * Limits::default().max_text, "{program}: {} bytes", out.len());
            None
        }
        Err(Error::LimitExceeded { limit, .. }) => Some(limit),
        Err(Error::Unsupported { .. } | Error::NoResult(_)) => None,
    }
}

/// Every program over a large text, with the time each took and how it ended.
fn run_all(name: &str, source: &[u8]) {
    let start = Instant::now();
    for program in programs() {
        let t = Instant::now();
        let limit = ends(source, &program);
        println!("{name}: {program:<28} {:>8.1} ms  {}", t.elapsed().as_secs_f64() * 1e3, limit.unwrap_or("-"));
    }
    println!("{name}: all {:.2} s", start.elapsed().as_secs_f64());
}

#[test]
fn hostile_programs_end_on_small_texts() {
    for program in programs() {
        for source in ["ab\ncd\n", "", "x\n", "fn main() {\n    println!(\"hi\");\n}\n"] {
            ends(source.as_bytes(), &program);
        }
    }
}

#[test]
fn hostile_programs_end_near_the_size_limit() {
    // Just under the default text limit, in short lines (the most lines to move).
    let line = "let x = 1;\n";
    let source = line.repeat((Limits::default().max_text - 1024) / line.len());
    run_all("short lines", source.as_bytes());
}

#[test]
fn hostile_programs_end_on_a_100_000_line_text() {
    // 16 MB in 100,000 lines of 160 bytes.
    let line = format!("{}\n", "fn f(a: i32) -> i32 { a + 1 } ".repeat(6).trim_end());
    let source = line.repeat(100_000.max((Limits::default().max_text - 1024) / line.len()));
    run_all("100,000 lines", source.as_bytes());
}

#[test]
fn hostile_programs_end_on_one_8_mb_line() {
    let source = format!("{}\n", "word ".repeat((8 << 20) / 5));
    run_all("one 8 MB line", source.as_bytes());
}

#[test]
fn growth_in_the_middle_of_the_buffer_ends_as_a_line_move_limit() {
    // Each `9p` puts nine lines above all the earlier ones: every put moves the lines below.
    let err = vimdata::apply(b"ab\ncd\n", &parse_notation("qqyy9p@qq@q")).expect_err("never ends in Vim");
    assert!(matches!(err, Error::LimitExceeded { limit: "line moves" | "steps" | "text size", .. }), "{err}");
}

#[test]
fn changes_undone_forever_end_as_a_work_limit() {
    // A change and its undo, forever: each round saves, compares and puts back the changed
    // line, so over one 8 MB line the rounds end by the work they do, not by steps.
    let source = format!("{}\n", "word ".repeat((8 << 20) / 5));
    for program in ["qqxu@qq@q", "qq~u@qq@q", "qqrxu@qq@q"] {
        assert_eq!(ends(source.as_bytes(), program), Some("work"), "{program}");
    }
    // Over many short lines a round costs what the change costs: the steps run out first.
    let source = "let x = 1;\n".repeat(100_000);
    for program in ["qqxu@qq@q", "qqrxu@qq@q"] {
        assert_eq!(ends(source.as_bytes(), program), Some("steps"), "{program}");
    }
}
