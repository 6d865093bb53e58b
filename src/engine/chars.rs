//! Characters as Vim sees them: word classes (`iskeyword=@,48-57,_,192-255` and Vim's
//! Unicode class table) and display cells (tabs, control characters, wide characters).
//! The widths and classes above 0xff come from Vim's own tables (`vim_unicode.rs`, generated
//! from Vim 9.0.1378's `mbyte.c`). Composing characters, which Vim glues to the character
//! before, and characters Vim shows as `<xxxx>` give `None`, and the caller refuses the
//! command instead of guessing.

use super::vim_unicode;

/// The class of a character for word motions: 0 blank, 1 punctuation, 2+ a kind of word
/// (Vim's `utf_class_buf()`: emoji are 3, then Vim's own table, searched as Vim searches it).
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
    if in_table(vim_unicode::EMOJI_ALL, code) {
        return Some(3);
    }
    // Vim's binary search: the table has overlapping intervals, so which one answers depends
    // on the search path, as in Vim.
    let table = vim_unicode::CLASSES;
    let (mut bot, mut top) = (0isize, table.len() as isize - 1);
    while top >= bot {
        let mid = (bot + top) / 2;
        let (first, last, class) = table[mid as usize];
        if last < code {
            bot = mid + 1;
        } else if first > code {
            top = mid - 1;
        } else {
            return Some(class);
        }
    }
    Some(2)
}

/// Vim's `intable()`: is `code` in one of the sorted intervals?
fn in_table(table: &[(u32, u32)], code: u32) -> bool {
    table.binary_search_by(|&(first, last)| if last < code { std::cmp::Ordering::Less } else if first > code { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Equal }).is_ok()
}

/// Characters whose class or width we leave to Vim: composing characters (Vim glues them to
/// the character before), the tag characters, and those `utf_printable()` rejects (Vim shows
/// them as `<xxxx>`).
fn uncertain(code: u32) -> bool {
    matches!(code, 0xfe00..=0xfe0f | 0xe0000..=0xe007f) || !printable(code) || is_composing(code)
}

/// Vim's `utf_printable()` (its `nonprint` table).
fn printable(code: u32) -> bool {
    !matches!(code, 0x070f | 0x180b..=0x180e | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x206f | 0xd800..=0xdfff | 0xfeff | 0xfff9..=0xfffb | 0xfffe..=0xffff)
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
        _ if code < 0x100 => 1,
        _ if uncertain(code) => return None,
        // utf_char2cells(): East Asian wide and emoji ('emoji' is on) take two cells.
        _ if in_table(vim_unicode::DOUBLE_WIDTH, code) || in_table(vim_unicode::EMOJI_WIDE, code) => 2,
        _ => 1,
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
        assert_eq!(class('😀'), Some(3));
        assert_eq!(cells('😀', 0), Some(2));
        assert_eq!(cells('\u{2600}', 0), Some(1));
        assert_eq!(class('\u{301}'), None);
        assert_eq!(cells('\t', 3), Some(5));
        assert_eq!(cells('日', 0), Some(2));
        assert_eq!(cells('\x01', 0), Some(2));
    }
}
