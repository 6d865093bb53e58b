//! Parsing key programs: Vim's key notation (the default), raw characters, and the forms the
//! seed prototype wrote (`\033`, `\n`, `{esc}`).
//!
//! Notation never fails: as in Vim, a `<` that does not start a known name is a literal `<`
//! (`<<` is two keys, `<Esc` without `>` is four).

use nom::{
    branch::alt,
    bytes::complete::{tag, tag_no_case, take_while1, take_while_m_n},
    character::complete::{anychar, char as nom_char, digit1},
    combinator::{map, map_opt, recognize},
    sequence::{delimited, pair, preceded, terminated},
    IResult,
};

use super::vim_bytes::simplify;
use super::{Base, Key, Mods, Special};

/// How a record spells its keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KeysFormat {
    /// Vim key notation: `ciwfoo<Esc>`.
    #[default]
    Notation,
    /// Every character is one key, control characters included (`\x1b` is Escape).
    Raw,
    /// The seed prototype's strings: `\033`/`\x1b`/`\e` and `{esc}` are Escape, `\n` is `<NL>`,
    /// `\r` is `<CR>`, `\t` is `<Tab>`, `\\` is a backslash; anything else is literal.
    Seed,
}

/// Parse keys written in `format`.
pub fn parse(input: &str, format: KeysFormat) -> Vec<Key> {
    match format {
        KeysFormat::Notation => parse_notation(input),
        KeysFormat::Raw => parse_raw(input),
        KeysFormat::Seed => parse_seed(input),
    }
}

/// Every character is one key.
pub fn parse_raw(input: &str) -> Vec<Key> {
    input.chars().map(Key::Char).collect()
}

/// Vim key notation.
pub fn parse_notation(input: &str) -> Vec<Key> {
    parse_escaped(input, b"<", bracketed)
}

/// Keys from text where `escape` reads a key at a position starting with one of `leads`;
/// any other character (or an escape that does not parse) is typed as itself.
fn parse_escaped(input: &str, leads: &[u8], escape: impl Fn(&str) -> IResult<&str, Key>) -> Vec<Key> {
    let mut keys = Vec::with_capacity(input.len());
    let mut rest = input;
    while !rest.is_empty() {
        if leads.contains(&rest.as_bytes()[0]) {
            if let Ok((after, key)) = escape(rest) {
                keys.push(key);
                rest = after;
                continue;
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            keys.push(Key::Char(c));
        }
        rest = chars.as_str();
    }
    keys
}

/// `<...>`: optional modifiers, then a key name, a `Char-N` code, or (after a modifier) one
/// character.
fn bracketed(input: &str) -> IResult<&str, Key> {
    // Most `<...>` in datasets are plain names (`<Esc>`, `<CR>`): look those up directly.
    // (The longest name, `backspace`, has 9 letters.)
    if let Some(end) = input.bytes().take(11).position(|b| b == b'>') {
        let name = &input[1..end];
        if name.bytes().all(|b| b.is_ascii_alphanumeric()) {
            if let Some(base) = lookup_name(name) {
                return Ok((&input[end + 1..], simplify(0, base)));
            }
        }
    }
    delimited(nom_char('<'), modified_key, nom_char('>'))(input)
}

fn modified_key(input: &str) -> IResult<&str, Key> {
    // As many0(modifier), without collecting the modifiers (this runs for every `<`).
    let (mut rest, mut mask) = (input, 0u8);
    while let Ok((after, m)) = modifier(rest) {
        rest = after;
        mask |= m;
    }
    if mask == 0 {
        let (rest, base) = alt((char_code, named))(rest)?;
        return Ok((rest, simplify(0, base)));
    }
    let (rest, base) = alt((char_code, named, map(single_char_before_gt, Base::Char)))(rest)?;
    Ok((rest, simplify(mask, base)))
}

fn modifier(input: &str) -> IResult<&str, u8> {
    terminated(
        alt((
            map(tag_no_case("S"), |_| Mods::SHIFT),
            map(tag_no_case("C"), |_| Mods::CTRL),
            map(tag_no_case("M"), |_| Mods::ALT),
            map(tag_no_case("A"), |_| Mods::ALT),
        )),
        nom_char('-'),
    )(input)
}

fn single_char_before_gt(input: &str) -> IResult<&str, char> {
    let (rest, c) = anychar(input)?;
    if rest.starts_with('>') {
        Ok((rest, c))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Char)))
    }
}

/// `Char-123`, `Char-0x7f`, `Char-0177`.
fn char_code(input: &str) -> IResult<&str, Base> {
    map_opt(
        preceded(
            tag_no_case("Char-"),
            alt((
                map_opt(
                    preceded(tag_no_case("0x"), take_while1(|c: char| c.is_ascii_hexdigit())),
                    |h: &str| u32::from_str_radix(h, 16).ok(),
                ),
                map_opt(recognize(pair(tag("0"), take_while_m_n(1, 11, |c: char| ('0'..='7').contains(&c)))), |o: &str| {
                    u32::from_str_radix(o, 8).ok()
                }),
                map_opt(digit1, |d: &str| d.parse::<u32>().ok()),
            )),
        ),
        |n| char::from_u32(n).map(Base::Char),
    )(input)
}

fn named(input: &str) -> IResult<&str, Base> {
    map_opt(take_while1(|c: char| c.is_ascii_alphanumeric()), lookup_name)(input)
}

/// Key names (`:help key-notation`), matched case-insensitively.
const NAMES: &[(&str, Base)] = &[
    ("esc", Base::Char('\x1b')),
    ("cr", Base::Char('\r')),
    ("return", Base::Char('\r')),
    ("enter", Base::Char('\r')),
    ("nl", Base::Char('\n')),
    ("newline", Base::Char('\n')),
    ("lf", Base::Char('\n')),
    ("linefeed", Base::Char('\n')),
    ("tab", Base::Char('\t')),
    ("space", Base::Char(' ')),
    ("lt", Base::Char('<')),
    ("bslash", Base::Char('\\')),
    ("bar", Base::Char('|')),
    ("nul", Base::Char('\0')),
    ("bs", Base::Special(Special::BS)),
    ("backspace", Base::Special(Special::BS)),
    ("del", Base::Special(Special::Del)),
    ("delete", Base::Special(Special::Del)),
    ("up", Base::Special(Special::Up)),
    ("down", Base::Special(Special::Down)),
    ("left", Base::Special(Special::Left)),
    ("right", Base::Special(Special::Right)),
    ("home", Base::Special(Special::Home)),
    ("end", Base::Special(Special::End)),
    ("pageup", Base::Special(Special::PageUp)),
    ("pagedown", Base::Special(Special::PageDown)),
    ("insert", Base::Special(Special::Insert)),
    ("help", Base::Special(Special::Help)),
    ("undo", Base::Special(Special::Undo)),
];

/// A key name, case-insensitive, without allocating (this runs for every `<...>` of every
/// record).
fn lookup_name(name: &str) -> Option<Base> {
    if let Some((_, base)) = NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
        return Some(*base);
    }
    let digits = name.strip_prefix(['f', 'F'])?;
    let n: u8 = digits.parse().ok()?;
    (1..=12).contains(&n).then_some(Base::Special(Special::F(n)))
}

/// The seed prototype's escapes.
pub fn parse_seed(input: &str) -> Vec<Key> {
    parse_escaped(input, b"\\{", seed_escape)
}

fn seed_escape(input: &str) -> IResult<&str, Key> {
    alt((
        map(tag_no_case("{esc}"), |_| Key::ESC),
        map(tag("\\033"), |_| Key::ESC),
        map(tag_no_case("\\x1b"), |_| Key::ESC),
        map(tag("\\e"), |_| Key::ESC),
        map(tag("\\n"), |_| Key::NL),
        map(tag("\\r"), |_| Key::CR),
        map(tag("\\t"), |_| Key::Char('\t')),
        map(tag("\\\\"), |_| Key::Char('\\')),
    ))(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Shiftable;

    #[test]
    fn names_and_literals() {
        assert_eq!(parse_notation("ciwx<Esc>").len(), 5);
        assert_eq!(parse_notation("<esc>"), vec![Key::ESC]);
        assert_eq!(parse_notation("<<"), vec![Key::Char('<'), Key::Char('<')]);
        assert_eq!(parse_notation("<Esc"), parse_raw("<Esc"));
        assert_eq!(parse_notation("<lt>"), vec![Key::Char('<')]);
        assert_eq!(parse_notation("<C-r>"), vec![Key::Char('\x12')]);
        assert_eq!(parse_notation("<C-[>"), vec![Key::ESC]);
        assert_eq!(parse_notation("<S-a>"), vec![Key::Char('A')]);
        assert_eq!(parse_notation("<S-Tab>"), vec![Key::Special(Special::Shifted(Shiftable::Tab))]);
        assert_eq!(parse_notation("<Char-65>"), vec![Key::Char('A')]);
        assert_eq!(parse_notation("<Char-0x41>"), vec![Key::Char('A')]);
        assert_eq!(parse_notation("<Char-0101>"), vec![Key::Char('A')]);
        assert_eq!(parse_notation("<D-a>"), parse_raw("<D-a>"));
        assert_eq!(parse_notation("<C->>"), vec![Key::Modified(Mods(Mods::CTRL), Base::Char('>'))]);
    }

    #[test]
    fn seed_forms() {
        assert_eq!(parse_seed("A, world!{esc}").last(), Some(&Key::ESC));
        assert_eq!(parse_seed("x\\033:wq\\n"), parse_notation("x<Esc>:wq<NL>"));
        assert_eq!(parse_seed("{i}"), parse_raw("{i}"));
    }
}
