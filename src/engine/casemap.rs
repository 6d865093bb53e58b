//! Case conversion as Vim's `swapchar()` does it for `~`, `g~`, `gu`, `gU`, `g?` and their
//! Visual forms: ASCII by the ASCII rules (the default 'casemap' has `keepascii`), every other
//! character by Vim's own tables (`internal`), which differ from Unicode's in places and are
//! measured from Vim into `casemap_table.rs`.

#[path = "casemap_table.rs"]
mod table;

use super::command::Op;

/// Vim's `utf_toupper()` and `utf_tolower()` of `c`.
fn upper_lower(c: char) -> (char, char) {
    match table::CASE_TABLE.binary_search_by_key(&(c as u32), |&(code, _, _)| code) {
        Ok(i) => {
            let (_, upper, lower) = table::CASE_TABLE[i];
            (char::from_u32(upper).unwrap_or(c), char::from_u32(lower).unwrap_or(c))
        }
        Err(_) => (c, c),
    }
}

/// Push `c` converted by the case operator `op` onto `out`; false when the engine does not
/// model the result (a character whose other case is longer or shorter in UTF-8: Vim then
/// leaves the cursor at its old byte column, which may fall inside a character).
pub(crate) fn push_converted(out: &mut String, c: char, op: Op) -> bool {
    if c.is_ascii() {
        out.push(match op {
            Op::Lower => c.to_ascii_lowercase(),
            Op::Upper => c.to_ascii_uppercase(),
            Op::Tilde if c.is_ascii_uppercase() => c.to_ascii_lowercase(),
            Op::Tilde => c.to_ascii_uppercase(),
            _ => match c {
                'a'..='m' | 'A'..='M' => char::from(c as u8 + 13),
                'n'..='z' | 'N'..='Z' => char::from(c as u8 - 13),
                _ => c,
            },
        });
        return true;
    }
    // Only ASCII is rot13'd.
    if !matches!(op, Op::Lower | Op::Upper | Op::Tilde) {
        out.push(c);
        return true;
    }
    if op == Op::Upper && c == 'ß' {
        // swapchar() replaces the sharp s with "SS" (as many bytes); its own upper case is
        // itself, so nothing more changes.
        out.push_str("SS");
        return true;
    }
    let (upper, lower) = upper_lower(c);
    // utf_islower() counts the sharp s as lower case though it has no upper case.
    let is_lower = upper != c || c == 'ß';
    let is_upper = lower != c;
    // A character both lower and upper case (a title-case digraph) is only ever raised.
    let new = if is_lower {
        if op == Op::Lower { c } else { upper }
    } else if is_upper {
        if op == Op::Upper { c } else { lower }
    } else {
        c
    };
    if new.len_utf8() != c.len_utf8() {
        return false;
    }
    out.push(new);
    true
}
