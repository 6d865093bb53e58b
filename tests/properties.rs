//! Properties that hold for every input: the engine never panics, limits hold, and undoing
//! every change restores the source.

use proptest::prelude::*;
use vimdata::engine::Limits;
use vimdata::keys::{parse_notation, parse_raw};
use vimdata::{apply, Error, Vim};

/// Keys drawn from what programs are made of, so random programs reach deep states.
fn program() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "d", "c", "y", "g", "u", "U", "~", "x", "p", "P", "i", "a", "o", "O", "A", "I", "r", "R", "J", "w", "b",
        "e", "f", "t", "F", "T", ";", ",", "h", "j", "k", "l", "0", "$", "^", "G", "q", "@", ".", "2", "3", "9",
        "\"", "m", "`", "'", "<Esc>", "<CR>", "<BS>", "<C-w>", "<C-u>", "<C-r>", "<C-o>", "<C-a>", "<C-x>",
        "<Del>", "<Left>", "<Up>", ":", "s", "S", "C", "D", "Y", "<", ">", " ", "é", "\t", "{", "}", "(", "%",
        "v", "V", "/", "n", "*", "<C-v>", "Z",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(vec!["foo", "bar ", " ", "\n", "\t", "(x)", "é", "42", "", "\r\n", "日本"]), 0..20)
        .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn engine_never_panics_on_programs(src in text(), keys in program()) {
        let _ = apply(src.as_bytes(), &parse_notation(&keys));
    }

    #[test]
    fn engine_never_panics_on_arbitrary_bytes(src in prop::collection::vec(any::<u8>(), 0..64), keys in ".{0,40}") {
        let _ = apply(&src, &parse_raw(&keys));
    }

    #[test]
    fn tight_limits_give_errors_not_hangs(src in text(), keys in program()) {
        let limits = Limits { max_steps: 200, ..Limits::default() };
        let vim = Vim::from_bytes(src.as_bytes()).with_limits(limits);
        match vim.keys(&keys) {
            Ok(_) | Err(Error::Unsupported { .. } | Error::LimitExceeded { .. } | Error::NoResult(_)) => {}
        }
    }

    #[test]
    fn undoing_everything_restores_the_source(src in text(), edits in prop::collection::vec(prop::sample::select(vec![
        "dw", "x", "ifoo<Esc>", "Abar<Esc>", "dd", "p", "J", "~", "r-", "o<CR>x<Esc>", "cwnew<Esc>", "3X", ">>", "gUU", "<C-a>",
    ]), 0..8)) {
        let program = edits.concat();
        let Ok(edited) = Vim::new(&src).keys(&program) else { return Ok(()) };
        let undone = edited.keys(&"u".repeat(edits.len() + 1));
        let original = Vim::new(&src);
        if let Ok(undone) = undone {
            prop_assert_eq!(undone.lines(), original.lines());
        }
    }
}

#[test]
fn huge_counts_are_limits_not_hangs() {
    for keys in ["99999999ix<Esc>", "999999999p", "9999999999999999999999dd", "qqq@qq@q", "qqx@qq@q"] {
        let result = apply(b"abc\ndef\n", &parse_notation(keys));
        assert!(
            matches!(result, Ok(_) | Err(Error::LimitExceeded { .. } | Error::Unsupported { .. })),
            "{keys}: {result:?}"
        );
    }
}
