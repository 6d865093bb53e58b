//! The hostile corpus (`tests/hostile/programs.txt`): programs that never end in real Vim or
//! make enormous texts. Over small texts and over a text near the size limit, each must end
//! as a result or a limit — never a hang, a panic or unbounded memory. (How long each takes is
//! measured by `cargo bench --bench hostile`, not here.)

use vimdata::engine::{Error, Limits};
use vimdata::keys::parse_notation;

fn programs() -> Vec<String> {
    let text = std::fs::read_to_string("tests/hostile/programs.txt").expect("the hostile corpus");
    let programs: Vec<String> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect();
    assert!(programs.len() >= 30, "the hostile corpus is missing programs");
    programs
}

fn ends(source: &[u8], program: &str) {
    match vimdata::apply(source, &parse_notation(program)) {
        // Commands that grow every line by a little (`>>`, `<C-a>`) are not checked against
        // the text limit as they go; they can at most double a text of short lines.
        Ok(out) => assert!(out.len() <= 2 * Limits::default().max_text, "{program}: {} bytes", out.len()),
        Err(Error::LimitExceeded { .. } | Error::Unsupported { .. } | Error::NoResult(_)) => {}
    }
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
    for program in programs() {
        ends(source.as_bytes(), &program);
    }
}

#[test]
fn growth_in_the_middle_of_the_buffer_ends_as_a_line_move_limit() {
    // Each `9p` puts nine lines above all the earlier ones: every put moves the lines below.
    let err = vimdata::apply(b"ab\ncd\n", &parse_notation("qqyy9p@qq@q")).expect_err("never ends in Vim");
    assert!(matches!(err, Error::LimitExceeded { limit: "line moves" | "steps" | "text size", .. }), "{err}");
}
