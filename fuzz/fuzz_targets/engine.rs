//! The emulator on arbitrary texts and programs: it never panics, never runs away (limits
//! bound every program), and answers with a text or a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&[u8], &str)| {
    let (source, notation) = input;
    if source.len() > 4096 || notation.len() > 256 {
        return;
    }
    let keys = vimdata::keys::parse_notation(notation);
    let _ = vimdata::apply(source, &keys);
});
