//! Key notation: parsing never panics, and formatting a parsed program then parsing it again
//! gives the same keys (the round trip `vimdata keys` relies on).
#![no_main]

use libfuzzer_sys::fuzz_target;
use vimdata::keys::{format_keys, parse_notation};

fuzz_target!(|input: &str| {
    let keys = parse_notation(input);
    let canonical = format_keys(&keys);
    assert_eq!(parse_notation(&canonical), keys, "round trip of {input:?} via {canonical:?}");
});
