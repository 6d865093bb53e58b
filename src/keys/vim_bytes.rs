//! The bytes real Vim receives for a key: what `"\<Key>"` is in Vim script. Special keys are
//! `K_SPECIAL` (0x80) sequences from Vim's `keymap.h`; these values were read off Vim 9.0 itself
//! (`:echo "\<S-Up>"` and friends) and `tests/keys_vim_bytes.rs` re-checks them against live Vim.

use super::{Base, Key, Mods, Shiftable, Special};

const K_SPECIAL: u8 = 0x80;
const KS_MODIFIER: u8 = 0xfc;
const KS_EXTRA: u8 = 0xfd;
const KS_ZERO: u8 = 0xff;

/// Encode keys for `feedkeys(..., 't')` after `readfile(..., 'b')`: text as UTF-8, special
/// keys as `K_SPECIAL` sequences. A NUL becomes `K_ZERO`, because `readfile()` would turn a raw
/// NUL byte into a newline.
pub fn to_vim_bytes(keys: &[Key]) -> Vec<u8> {
    let mut out = Vec::with_capacity(keys.len() + 8);
    for key in keys {
        push_key(&mut out, *key);
    }
    out
}

fn push_key(out: &mut Vec<u8>, key: Key) {
    match key {
        Key::Char(c) => push_char(out, c),
        Key::Special(s) => out.extend_from_slice(&special_code(s)),
        Key::Modified(mods, base) => {
            out.extend_from_slice(&[K_SPECIAL, KS_MODIFIER, mods.0]);
            match base {
                Base::Char(c) => push_char(out, c),
                Base::Special(s) => out.extend_from_slice(&special_code(s)),
            }
        }
    }
}

fn push_char(out: &mut Vec<u8>, c: char) {
    if c == '\0' {
        out.extend_from_slice(&[K_SPECIAL, KS_ZERO, b'X']);
    } else {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

fn special_code(s: Special) -> [u8; 3] {
    let (a, b) = match s {
        Special::BS => (b'k', b'b'),
        Special::Del => (b'k', b'D'),
        Special::Up => (b'k', b'u'),
        Special::Down => (b'k', b'd'),
        Special::Left => (b'k', b'l'),
        Special::Right => (b'k', b'r'),
        Special::Home => (b'k', b'h'),
        Special::End => (b'@', b'7'),
        Special::PageUp => (b'k', b'P'),
        Special::PageDown => (b'k', b'N'),
        Special::Insert => (b'k', b'I'),
        Special::Help => (b'%', b'1'),
        Special::Undo => (b'&', b'8'),
        Special::CtrlLeft => (KS_EXTRA, 0x55),
        Special::CtrlRight => (KS_EXTRA, 0x56),
        Special::CtrlHome => (KS_EXTRA, 0x57),
        Special::CtrlEnd => (KS_EXTRA, 0x58),
        Special::F(n) => function_key(n),
        Special::Shifted(k) => match k {
            Shiftable::Tab => (b'k', b'B'),
            Shiftable::Up => (KS_EXTRA, 0x04),
            Shiftable::Down => (KS_EXTRA, 0x05),
            Shiftable::Left => (b'#', b'4'),
            Shiftable::Right => (b'%', b'i'),
            Shiftable::Home => (b'#', b'2'),
            Shiftable::End => (b'*', b'7'),
            Shiftable::Del => (b'*', b'4'),
            Shiftable::Insert => (b'#', b'3'),
            Shiftable::Help => (b'#', b'1'),
            Shiftable::Undo => (b'!', b'3'),
            Shiftable::F(n) => (KS_EXTRA, 0x05 + n),
        },
    };
    [K_SPECIAL, a, b]
}

fn function_key(n: u8) -> (u8, u8) {
    match n {
        1..=9 => (b'k', b'0' + n),
        10 => (b'k', b';'),
        11 => (b'F', b'1'),
        _ => (b'F', b'2'),
    }
}

/// Fold modifiers into a key the way Vim's `extract_modifiers()` does: Shift on a letter makes
/// it upper case, Ctrl on a letter or `@[\]^_?` makes a control character, Alt on an ASCII
/// character sets its high bit; Shift and Ctrl on some special keys give a key of their own.
/// Whatever cannot be folded stays a modifier.
pub(super) fn simplify(mut mods: u8, base: Base) -> Key {
    let mut base = base;
    if mods & Mods::SHIFT != 0 {
        match base {
            Base::Char(c) if c.is_ascii_alphabetic() => {
                base = Base::Char(c.to_ascii_uppercase());
                mods &= !Mods::SHIFT;
            }
            Base::Char('\t') => {
                base = Base::Special(Special::Shifted(Shiftable::Tab));
                mods &= !Mods::SHIFT;
            }
            Base::Special(s) => {
                if let Some(shifted) = shifted_special(s) {
                    base = Base::Special(Special::Shifted(shifted));
                    mods &= !Mods::SHIFT;
                }
            }
            _ => {}
        }
    }
    if mods & Mods::CTRL != 0 {
        match base {
            Base::Char(c) if c.is_ascii_alphabetic() || "@[\\]^_".contains(c) => {
                base = Base::Char(((c as u8) & 0x1f) as char);
                mods &= !(Mods::CTRL | Mods::SHIFT);
            }
            Base::Char('?') => {
                base = Base::Char('\x7f');
                mods &= !Mods::CTRL;
            }
            Base::Special(s) => {
                let ctrl = match s {
                    Special::Left => Some(Special::CtrlLeft),
                    Special::Right => Some(Special::CtrlRight),
                    Special::Home => Some(Special::CtrlHome),
                    Special::End => Some(Special::CtrlEnd),
                    _ => None,
                };
                if let Some(k) = ctrl {
                    base = Base::Special(k);
                    mods &= !Mods::CTRL;
                }
            }
            _ => {}
        }
    }
    if mods & Mods::ALT != 0 {
        if let Base::Char(c) = base {
            if (c as u32) < 0x80 && c != '\0' {
                base = Base::Char(char::from((c as u8) | 0x80));
                mods &= !Mods::ALT;
            }
        }
    }
    match (mods, base) {
        (0, Base::Char(c)) => Key::Char(c),
        (0, Base::Special(s)) => Key::Special(s),
        (m, b) => Key::Modified(Mods(m), b),
    }
}

fn shifted_special(s: Special) -> Option<Shiftable> {
    Some(match s {
        Special::Up => Shiftable::Up,
        Special::Down => Shiftable::Down,
        Special::Left => Shiftable::Left,
        Special::Right => Shiftable::Right,
        Special::Home => Shiftable::Home,
        Special::End => Shiftable::End,
        Special::Del => Shiftable::Del,
        Special::Insert => Shiftable::Insert,
        Special::Help => Shiftable::Help,
        Special::Undo => Shiftable::Undo,
        Special::F(n) => Shiftable::F(n),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::parse_notation;

    fn hex(notation: &str) -> String {
        let bytes = to_vim_bytes(&parse_notation(notation));
        bytes.iter().map(|b| format!("{b:02x}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn codes_read_off_vim() {
        assert_eq!(hex("<Del>"), "80 6b 44");
        assert_eq!(hex("<End>"), "80 40 37");
        assert_eq!(hex("<Nul>"), "80 ff 58");
        assert_eq!(hex("<S-Up>"), "80 fd 04");
        assert_eq!(hex("<C-Up>"), "80 fc 04 80 6b 75");
        assert_eq!(hex("<C-S-Left>"), "80 fc 04 80 23 34");
        assert_eq!(hex("<C-M-Left>"), "80 fc 08 80 fd 55");
        assert_eq!(hex("<M-a>"), "c3 a1");
        assert_eq!(hex("<C-M-a>"), "c2 81");
        assert_eq!(hex("<S-F12>"), "80 fd 11");
        assert_eq!(hex("<F10>"), "80 6b 3b");
        assert_eq!(hex("<S-Space>"), "80 fc 02 20");
        assert_eq!(hex("<C-é>"), "80 fc 04 c3 a9");
        assert_eq!(hex("—"), "e2 80 94");
    }
}
