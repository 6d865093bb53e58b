//! Characters as Vim sees them: word classes (`iskeyword=@,48-57,_,192-255` and Vim's
//! Unicode class table) and display cells (tabs, control characters, wide characters).
//! Where Vim's tables and ours could differ (emoji, composing characters) the answer is
//! `None`, and the caller refuses the command instead of guessing.

/// The class of a character for word motions: 0 blank, 1 punctuation, 2+ a kind of word.
pub fn class(c: char) -> Option<u32> {
    let code = c as u32;
    if code < 0x100 {
        return Some(match c {
            ' ' | '\t' | '\0' | '\u{a0}' => 0,
            _ if is_word_char(c) => 2,
            _ => 1,
        });
    }
    if uncertain(code) {
        return None;
    }
    Some(match code {
        0x037e | 0x0387 | 0x0589 | 0x05be | 0x05c0 | 0x05c3 | 0x060c | 0x061b | 0x061f | 0x06d4
        | 0x0964 | 0x0965 | 0x0970 | 0x0df4 | 0x0e4f | 0x0f85 | 0x10fb => 1,
        0x055a..=0x055f | 0x05f3..=0x05f4 | 0x066a..=0x066d | 0x0700..=0x070d => 1,
        0x0e5a..=0x0e5b | 0x0f04..=0x0f12 | 0x0f3a..=0x0f3d | 0x104a..=0x104f => 1,
        0x1361..=0x1368 | 0x166d..=0x166e | 0x169b..=0x169c | 0x16eb..=0x16ed => 1,
        0x1735..=0x1736 | 0x17d4..=0x17dc | 0x1800..=0x180a => 1,
        0x1680 => 0,
        0x2000..=0x200b | 0x2028..=0x2029 | 0x202f | 0x205f => 0,
        0x200c..=0x2027 | 0x202a..=0x202e | 0x2030..=0x205e => 1,
        0x2060..=0x206f => 1,
        0x2070..=0x207f => 0x2070,
        0x2080..=0x2094 => 0x2080,
        0x2095..=0x27ff => 1,
        0x2800..=0x28ff => 0x2800,
        0x2900..=0x2998 | 0x29d8..=0x29db | 0x29fc..=0x29fd | 0x2e00..=0x2e7f => 1,
        0x3000 => 0,
        0x3001..=0x3020 | 0x3030 | 0x303d => 1,
        0x3040..=0x309f => 0x3040,
        0x30a0..=0x30ff => 0x30a0,
        0x3300..=0x9fff | 0xf900..=0xfaff => 0x4e00,
        0xac00..=0xd7a3 => 0xac00,
        0xfd3e..=0xfd3f | 0xfe30..=0xfe6b | 0xff00..=0xff0f | 0xff1a..=0xff20 => 1,
        0xff3b..=0xff40 | 0xff5b..=0xff65 => 1,
        0x1d000..=0x1d24f | 0x1d400..=0x1d7ff => 1,
        0x20000..=0x2a6df | 0x2a700..=0x2b81f | 0x2f800..=0x2fa1f => 0x4e00,
        _ => 2,
    })
}

/// Ranges where Vim's emoji tables decide class and width; we do not model them.
fn uncertain(code: u32) -> bool {
    matches!(code, 0x2060..=0x2bff | 0x3297 | 0x3299 | 0x1f000..=0x1faff | 0xfe00..=0xfe0f | 0xe0000..=0xe007f)
        || is_composing(code)
}

/// Could Vim's `utf_iscomposing()` call `c` composing? (A superset: every character whose
/// class or width we leave to Vim's tables.)
pub fn may_be_composing(c: char) -> bool {
    (c as u32) >= 0x300 && uncertain(c as u32)
}

/// Composing (zero-width) characters: Vim glues them to the character before.
fn is_composing(code: u32) -> bool {
    matches!(code, 0x0300..=0x036f | 0x0483..=0x0489 | 0x0591..=0x05bd | 0x0610..=0x061a
        | 0x064b..=0x065f | 0x0e31 | 0x0e34..=0x0e3a | 0x0e47..=0x0e4e | 0x1ab0..=0x1aff
        | 0x1dc0..=0x1dff | 0x200d | 0x20d0..=0x20ff | 0xfe20..=0xfe2f)
        || (code >= 0x300 && unicode_width::UnicodeWidthChar::width(char::from_u32(code).unwrap_or('a')) == Some(0))
}

/// `iskeyword=@,48-57,_,192-255` for characters below 0x100. `@` is every character Vim's
/// own case table calls lower or upper case ('casemap' "internal"): besides ASCII letters and
/// 192-255 that adds only the micro sign, whose upper case is Greek capital mu.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '\u{b5}' || ('\u{c0}'..='\u{ff}').contains(&c)
}

/// A "WORD" character: anything but blank.
pub fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// Display cells of `c` at virtual column `vcol` (tabs depend on it), `tabstop=8`.
pub fn cells(c: char, vcol: usize) -> Option<usize> {
    let code = c as u32;
    Some(match c {
        '\t' => 8 - vcol % 8,
        _ if code < 0x20 || code == 0x7f => 2,
        _ if (0x80..0xa0).contains(&code) => 4,
        _ if code < 0x300 => 1,
        _ if uncertain(code) => return None,
        _ => unicode_width::UnicodeWidthChar::width(c).unwrap_or(1).max(1),
    })
}

/// The first character of `s` whose width or class we cannot vouch for, if any.
pub fn first_unmodelled(s: &str) -> Option<char> {
    if s.is_ascii() {
        return None;
    }
    s.chars().find(|&c| (c as u32) >= 0x300 && uncertain(c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(class('a'), Some(2));
        assert_eq!(class('é'), Some(2));
        assert_eq!(class('-'), Some(1));
        assert_eq!(class(' '), Some(0));
        assert_eq!(class('—'), Some(1));
        assert_eq!(class('日'), Some(0x4e00));
        assert_eq!(class('😀'), None);
        assert_eq!(cells('\t', 3), Some(5));
        assert_eq!(cells('日', 0), Some(2));
        assert_eq!(cells('\x01', 0), Some(2));
    }
}
