//! Character classes (`\s \d \w \k ...`), collections (`[a-z[:alpha:]]`) and case folding,
//! with the option values of the contract ('iskeyword', 'isident', 'isfname', 'isprint' at
//! their defaults). Vim's answers above ASCII depend on Unicode tables this module does not
//! carry; there a test answers `None` ("cannot tell") and the match is refused.

/// A backslash class (Vim's `classchars`) or a `[:name:]` inside a collection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    Ident,
    IdentNoDigit,
    Keyword,
    KeywordNoDigit,
    Fname,
    FnameNoDigit,
    Print,
    PrintNoDigit,
    White,
    NotWhite,
    Digit,
    NotDigit,
    Hex,
    NotHex,
    Octal,
    NotOctal,
    Word,
    NotWord,
    Head,
    NotHead,
    Alpha,
    NotAlpha,
    Lower,
    NotLower,
    Upper,
    NotUpper,
    // The [:name:] classes that have no backslash form.
    Alnum,
    Blank,
    Cntrl,
    Graph,
    NamedLower,
    NamedPrint,
    Punct,
    Space,
    NamedUpper,
    Tab,
    Return,
    Backspace,
    Escape,
}

impl Class {
    /// The class of `\x` for its letter.
    pub(crate) fn from_letter(c: char) -> Option<Class> {
        use Class::*;
        Some(match c {
            'i' => Ident,
            'I' => IdentNoDigit,
            'k' => Keyword,
            'K' => KeywordNoDigit,
            'f' => Fname,
            'F' => FnameNoDigit,
            'p' => Print,
            'P' => PrintNoDigit,
            's' => White,
            'S' => NotWhite,
            'd' => Digit,
            'D' => NotDigit,
            'x' => Hex,
            'X' => NotHex,
            'o' => Octal,
            'O' => NotOctal,
            'w' => Word,
            'W' => NotWord,
            'h' => Head,
            'H' => NotHead,
            'a' => Alpha,
            'A' => NotAlpha,
            'l' => Lower,
            'L' => NotLower,
            'u' => Upper,
            'U' => NotUpper,
            _ => return None,
        })
    }

    /// The `[:name:]` classes of a collection.
    pub(crate) const NAMED: &'static [(&'static str, Class)] = &[
        ("alnum", Class::Alnum),
        ("alpha", Class::Alpha),
        ("blank", Class::Blank),
        ("cntrl", Class::Cntrl),
        ("digit", Class::Digit),
        ("graph", Class::Graph),
        ("lower", Class::NamedLower),
        ("print", Class::NamedPrint),
        ("punct", Class::Punct),
        ("space", Class::Space),
        ("upper", Class::NamedUpper),
        ("xdigit", Class::Hex),
        ("tab", Class::Tab),
        ("return", Class::Return),
        ("backspace", Class::Backspace),
        ("escape", Class::Escape),
        ("ident", Class::Ident),
        ("keyword", Class::Keyword),
        ("fname", Class::Fname),
    ];

    /// Does `c` (a character, never the end of a line) belong to the class? `None` when Vim's
    /// answer depends on tables for characters above ASCII.
    pub(crate) fn contains(self, c: char) -> Option<bool> {
        use Class::*;
        let ascii = c.is_ascii();
        let b = c as u32 as u8;
        let fname = |b: u8| b.is_ascii_alphanumeric() || b"/.-_+,#$%~=".contains(&b);
        let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
        let print = |b: u8| (0x20..0x7f).contains(&b);
        let ascii_only = |f: &dyn Fn(u8) -> bool| Some(ascii && f(b));
        let unknown_above_ascii = |f: &dyn Fn(u8) -> bool| if ascii { Some(f(b)) } else { None };
        match self {
            Ident => unknown_above_ascii(&ident),
            IdentNoDigit => unknown_above_ascii(&|b| ident(b) && !b.is_ascii_digit()),
            // vim_iswordp(): above ASCII a character is a keyword when its class is 2 or more
            // ('iskeyword' 192-255 for Latin-1, Unicode's word classes beyond).
            Keyword | KeywordNoDigit if !ascii => crate::engine::chars::class(c).map(|k| k >= 2),
            Keyword => Some(ident(b)),
            KeywordNoDigit => Some(ident(b) && !b.is_ascii_digit()),
            Fname => unknown_above_ascii(&fname),
            FnameNoDigit => unknown_above_ascii(&|b| fname(b) && !b.is_ascii_digit()),
            Print | NamedPrint => unknown_above_ascii(&print),
            PrintNoDigit => unknown_above_ascii(&|b| print(b) && !b.is_ascii_digit()),
            White => ascii_only(&|b| b == b' ' || b == b'\t'),
            NotWhite => Some(!(ascii && (b == b' ' || b == b'\t'))),
            Digit => ascii_only(&|b| b.is_ascii_digit()),
            NotDigit => Some(!(ascii && b.is_ascii_digit())),
            Hex => ascii_only(&|b| b.is_ascii_hexdigit()),
            NotHex => Some(!(ascii && b.is_ascii_hexdigit())),
            Octal => ascii_only(&|b| (b'0'..=b'7').contains(&b)),
            NotOctal => Some(!(ascii && (b'0'..=b'7').contains(&b))),
            Word => ascii_only(&ident),
            NotWord => Some(!(ascii && ident(b))),
            Head => ascii_only(&|b| b.is_ascii_alphabetic() || b == b'_'),
            NotHead => Some(!(ascii && (b.is_ascii_alphabetic() || b == b'_'))),
            Alpha => ascii_only(&|b| b.is_ascii_alphabetic()),
            NotAlpha => Some(!(ascii && b.is_ascii_alphabetic())),
            Lower => ascii_only(&|b| b.is_ascii_lowercase()),
            NotLower => Some(!(ascii && b.is_ascii_lowercase())),
            Upper => ascii_only(&|b| b.is_ascii_uppercase()),
            NotUpper => Some(!(ascii && b.is_ascii_uppercase())),
            Alnum => ascii_only(&|b| b.is_ascii_alphanumeric()),
            Blank => ascii_only(&|b| b == b' ' || b == b'\t'),
            Cntrl => ascii_only(&|b| b.is_ascii_control() && b != 0),
            Graph => ascii_only(&|b| b.is_ascii_graphic()),
            NamedLower => unknown_above_ascii(&|b| b.is_ascii_lowercase()),
            NamedUpper => unknown_above_ascii(&|b| b.is_ascii_uppercase()),
            Punct => ascii_only(&|b| b.is_ascii_punctuation()),
            Space => ascii_only(&|b| (9..=13).contains(&b) || b == b' '),
            Tab => Some(c == '\t'),
            Return => Some(c == '\r'),
            Backspace => Some(c == '\x08'),
            Escape => Some(c == '\x1b'),
        }
    }
}

/// One item of a collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CollItem {
    Char(char),
    Range(char, char),
    Class(Class),
}

/// `[...]`: its items, and `^`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Collection {
    pub(crate) negated: bool,
    pub(crate) items: Vec<CollItem>,
}

impl Collection {
    /// Does `c` match the collection (negation applied)? `None`: cannot tell.
    pub(crate) fn matches(&self, c: char, ignore_case: bool) -> Option<bool> {
        let mut found = false;
        for item in &self.items {
            let hit = match *item {
                CollItem::Char(x) => chars_equal(x, c, ignore_case)?,
                CollItem::Range(lo, hi) => {
                    (lo..=hi).contains(&c)
                        || (ignore_case && {
                            let folded = fold(c)?;
                            if !lo.is_ascii() || !hi.is_ascii() {
                                // Vim folds every character of the range.
                                return None;
                            }
                            (lo..=hi).any(|x| x.to_ascii_lowercase() == folded)
                        })
                }
                CollItem::Class(class) => class.contains(c)?,
            };
            if hit {
                found = true;
                break;
            }
        }
        Some(found != self.negated)
    }
}

/// Vim's `utf_fold()` where it is known: ASCII, and characters above ASCII that fold to
/// themselves as far as ASCII patterns go. `None`: a character this module cannot fold.
pub(crate) fn fold(c: char) -> Option<char> {
    if c.is_ascii() {
        Some(c.to_ascii_lowercase())
    } else {
        None
    }
}

/// Characters above ASCII whose fold is ASCII (KELVIN SIGN, LONG S, ...).
fn folds_to_ascii(c: char) -> bool {
    matches!(c, '\u{212a}' | '\u{17f}' | '\u{130}' | '\u{131}')
}

/// Are `a` (from the pattern) and `c` (from the text) the same character, folding case when
/// asked? `None`: cannot tell.
pub(crate) fn chars_equal(a: char, c: char, ignore_case: bool) -> Option<bool> {
    if a == c {
        return Some(true);
    }
    if !ignore_case {
        return Some(false);
    }
    match (a.is_ascii(), c.is_ascii()) {
        (true, true) => Some(a.eq_ignore_ascii_case(&c)),
        (true, false) => (!folds_to_ascii(c)).then_some(false),
        (false, true) => (!folds_to_ascii(a)).then_some(false),
        (false, false) => None,
    }
}

/// Is `c` a composing character (Vim's `utf_iscomposing()`, its main ranges)?
pub(crate) fn is_composing(c: char) -> bool {
    crate::engine::chars::may_be_composing(c)
}
