//! The emulator against real Vim: every program the emulator gives a result for must give
//! Vim's exact bytes (a refusal is fine; a different text is a bug). Needs `vim` on PATH;
//! runs about a hundred programs per second (one fork of Vim each).
//!
//! The input is a small text choice and a program: the first byte picks one of a few
//! realistic texts, the rest is the program in key notation.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use vimdata::oracle::{Backend, Oracle, OracleError, OracleOptions};

const TEXTS: &[&str] = &[
    "one two three\nfour five\n\nsix\n",
    "fn main() {\n    let x = (1, [2, 3]);\n    println!(\"{x:?}\");\n}\n",
    "\tindented with tab\n    four spaces\nno indent\n",
    "The quick brown fox. It jumps! Over the dog?\n\nNew paragraph here.\n",
    "café naïve résumé\nÜber straße\n",
    "<div class=\"a\">\n  <p>hi <b>there</b></p>\n</div>\n",
    "x = 0x1f + 017 - 0b101 + -9\n",
];

fn oracle() -> &'static Oracle {
    static ORACLE: OnceLock<Oracle> = OnceLock::new();
    ORACLE.get_or_init(|| {
        Oracle::new(Backend::Vim, OracleOptions { workers: 1, ..OracleOptions::default() })
            .expect("the differential target needs `vim` on PATH")
    })
}

fuzz_target!(|input: (u8, &str)| {
    let (which, notation) = input;
    if notation.len() > 64 {
        return;
    }
    let source = TEXTS[which as usize % TEXTS.len()].as_bytes();
    let keys = vimdata::keys::parse_notation(notation);
    let Ok(emulated) = vimdata::apply(source, &keys) else { return };
    match oracle().run(source, &keys) {
        Ok(vim) => assert!(
            vim.output == emulated,
            "emulator disagrees with Vim\nsource: {:?}\nkeys: {notation:?}\nvim: {:?}\nemu: {:?}",
            String::from_utf8_lossy(source),
            String::from_utf8_lossy(&vim.output),
            String::from_utf8_lossy(&emulated)
        ),
        Err(e @ (OracleError::Exit(_) | OracleError::Signal(_))) => {
            panic!("emulator gives a text where Vim gives none ({e})\nkeys: {notation:?}")
        }
        // A timeout or an I/O error says nothing about the emulator.
        Err(_) => {}
    }
});
