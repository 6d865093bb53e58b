//! Canonical key notation: what every output of vimdata uses.

use super::{Base, Key, Shiftable, Special};

/// Format keys in canonical notation; `parse_notation(&format_keys(k)) == k`.
pub fn format_keys(keys: &[Key]) -> String {
    let mut out = String::with_capacity(keys.len());
    for key in keys {
        push_key(&mut out, *key);
    }
    out
}

/// Format one key.
pub fn format_key(key: Key) -> String {
    let mut out = String::new();
    push_key(&mut out, key);
    out
}

fn push_key(out: &mut String, key: Key) {
    match key {
        Key::Char(c) => match char_name(c) {
            Some(name) => out.push_str(&name),
            None => out.push(c),
        },
        Key::Special(s) => {
            out.push('<');
            out.push_str(&special_name(s));
            out.push('>');
        }
        Key::Modified(mods, base) => {
            out.push('<');
            if mods.ctrl() {
                out.push_str("C-");
            }
            if mods.shift() {
                out.push_str("S-");
            }
            if mods.alt() {
                out.push_str("M-");
            }
            match base {
                Base::Char(c) => out.push_str(&base_char_name(c)),
                Base::Special(s) => out.push_str(&special_name(s)),
            }
            out.push('>');
        }
    }
}

/// The notation of a character that must not be written as itself.
fn char_name(c: char) -> Option<String> {
    let name = match c {
        '<' => "<lt>".to_string(),
        '\x1b' => "<Esc>".to_string(),
        '\r' => "<CR>".to_string(),
        '\n' => "<NL>".to_string(),
        '\t' => "<Tab>".to_string(),
        '\0' => "<Nul>".to_string(),
        '\x1c' => "<C-\\>".to_string(),
        '\x1d' => "<C-]>".to_string(),
        '\x1e' => "<C-^>".to_string(),
        '\x1f' => "<C-_>".to_string(),
        c if (c as u32) < 0x20 => format!("<C-{}>", char::from(c as u8 + b'a' - 1)),
        c if c == '\x7f' || ('\u{80}'..='\u{9f}').contains(&c) => format!("<Char-{}>", c as u32),
        _ => return None,
    };
    Some(name)
}

/// The name of a character inside `<...>` after modifiers.
fn base_char_name(c: char) -> String {
    match char_name(c) {
        // A control character has no name of its own: under a modifier `C-f` would read as
        // a second modifier, so it is written by code.
        Some(name) if name.starts_with("<C-") => format!("Char-{}", c as u32),
        Some(name) => name[1..name.len() - 1].to_string(),
        None if c == ' ' => "Space".to_string(),
        None if c == '>' => "Char-62".to_string(),
        None => c.to_string(),
    }
}

fn special_name(s: Special) -> String {
    let fixed = match s {
        Special::BS => "BS",
        Special::Del => "Del",
        Special::Up => "Up",
        Special::Down => "Down",
        Special::Left => "Left",
        Special::Right => "Right",
        Special::Home => "Home",
        Special::End => "End",
        Special::PageUp => "PageUp",
        Special::PageDown => "PageDown",
        Special::Insert => "Insert",
        Special::Help => "Help",
        Special::Undo => "Undo",
        Special::CtrlLeft => "C-Left",
        Special::CtrlRight => "C-Right",
        Special::CtrlHome => "C-Home",
        Special::CtrlEnd => "C-End",
        Special::F(n) => return format!("F{n}"),
        Special::Shifted(k) => {
            let base = match k {
                Shiftable::Tab => "Tab".to_string(),
                Shiftable::Up => "Up".to_string(),
                Shiftable::Down => "Down".to_string(),
                Shiftable::Left => "Left".to_string(),
                Shiftable::Right => "Right".to_string(),
                Shiftable::Home => "Home".to_string(),
                Shiftable::End => "End".to_string(),
                Shiftable::Del => "Del".to_string(),
                Shiftable::Insert => "Insert".to_string(),
                Shiftable::Help => "Help".to_string(),
                Shiftable::Undo => "Undo".to_string(),
                Shiftable::F(n) => format!("F{n}"),
            };
            return format!("S-{base}");
        }
    };
    fixed.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::parse_notation;
    use proptest::prelude::*;

    #[test]
    fn canonical() {
        assert_eq!(format_keys(&parse_notation("ciwfoo<esc>")), "ciwfoo<Esc>");
        assert_eq!(format_keys(&parse_notation("<lt><<C-R>")), "<lt><lt><C-r>");
        assert_eq!(format_keys(&parse_notation("<C-s-left><s-TAB>")), "<C-S-Left><S-Tab>");
    }

    #[test]
    fn control_character_under_a_modifier_round_trips() {
        // Found by `cargo fuzz run notation`: it was written `<C-C-f>`.
        let keys = parse_notation("<C-\u{6}>");
        assert_eq!(format_keys(&keys), "<C-Char-6>");
        assert_eq!(parse_notation(&format_keys(&keys)), keys);
    }

    fn any_key() -> impl Strategy<Value = Key> {
        prop_oneof![
            any::<char>().prop_map(Key::Char),
            (0u8..0x20).prop_map(|b| Key::Char(b as char)),
            "[<>a-z ]".prop_map(|s| Key::Char(s.chars().next().unwrap_or('a'))),
            (0u8..=16, 0u8..8, prop_oneof![any::<char>(), (0u8..0x20).prop_map(char::from)]).prop_map(|(s, m, c)| {
                let specials = [
                    Special::BS, Special::Del, Special::Up, Special::Down, Special::Left,
                    Special::Right, Special::Home, Special::End, Special::PageUp,
                    Special::PageDown, Special::Insert, Special::Help, Special::Undo,
                    Special::F(1), Special::F(12), Special::F(5), Special::F(10),
                ];
                let base = match specials.get(s as usize) {
                    Some(sp) => Base::Special(*sp),
                    None => Base::Char(c),
                };
                super::super::vim_bytes::simplify((m << 1) & 0x0e, base)
            }),
        ]
    }

    proptest! {
        #[test]
        fn notation_round_trips(keys in proptest::collection::vec(any_key(), 0..20)) {
            let text = format_keys(&keys);
            prop_assert_eq!(parse_notation(&text), keys, "via {:?}", text);
        }

        #[test]
        fn parse_never_panics(s in "\\PC*") {
            let keys = parse_notation(&s);
            let again = format_keys(&keys);
            prop_assert_eq!(parse_notation(&again), keys);
        }
    }
}
