//! The part of Vim's expression language that `:execute` and `:let @r =` need: string
//! literals (`"..."` with the escapes of `eval_string()`, `'...'` of `eval_lit_string()`),
//! decimal numbers, and concatenation with `.` or `..`. Anything else (variables, functions,
//! arithmetic, a `\<key>` that is not one character, a byte that is not UTF-8) is refused,
//! never guessed: an expression the engine cannot read is [`Unreadable`].

/// Why an expression was not evaluated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// A form the engine does not model.
    Unsupported(&'static str),
    /// A string with no closing quote (E114, E115): Vim's message shows this many
    /// characters, from the opening quote to the end of the line.
    MissingQuote { message_len: usize },
}

use Unreadable::Unsupported;

/// Evaluate one expression (Vim's `eval1()` for the forms above) at the start of `p`:
/// its value as a string, and what follows it.
pub fn eval_string(p: &str) -> Result<(String, &str), Unreadable> {
    let (mut value, mut rest) = term(p)?;
    loop {
        let after_blanks = rest.trim_start_matches([' ', '\t']);
        let Some(op) = after_blanks.strip_prefix('.') else { return Ok((value, rest)) };
        let op = op.strip_prefix('.').unwrap_or(op);
        if op.starts_with('=') {
            return Err(Unsupported("an assignment operator"));
        }
        let (next, after) = term(op.trim_start_matches([' ', '\t']))?;
        value.push_str(&next);
        rest = after;
    }
}

/// One string or number.
fn term(p: &str) -> Result<(String, &str), Unreadable> {
    match p.chars().next() {
        // "E114: Missing double quote: " and "E115: Missing single quote: ", then the rest.
        Some('"') => double_quoted(&p[1..])?.ok_or(Unreadable::MissingQuote { message_len: 28 + p.chars().count() }),
        Some('\'') => single_quoted(&p[1..]).ok_or(Unreadable::MissingQuote { message_len: 28 + p.chars().count() }),
        Some(c) if c.is_ascii_digit() => {
            let digits = p.len() - p.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let (number, rest) = p.split_at(digits);
            // `0x10`, `017`, `0b1`, floats and a `.` right after digits read otherwise.
            if (number.len() > 1 && number.starts_with('0')) || rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '.') {
                return Err(Unsupported("a number other than decimal digits"));
            }
            let value: u64 = number.parse().map_err(|_| Unsupported("a number too large"))?;
            Ok((value.to_string(), rest))
        }
        _ => Err(Unsupported("an expression other than strings and numbers")),
    }
}

/// `'...'`: `''` is one quote, nothing else is special.
fn single_quoted(p: &str) -> Option<(String, &str)> {
    let mut out = String::new();
    let mut rest = p;
    loop {
        let end = rest.find('\'')?;
        out.push_str(&rest[..end]);
        rest = &rest[end + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                out.push('\'');
                rest = after;
            }
            None => return Some((out, rest)),
        }
    }
}

/// `"..."`, after `eval_string()`: `\b \e \f \n \r \t`, `\x` and `\X` with up to two hex
/// digits, `\u` with up to four, `\U` with up to eight, up to three octal digits, `\<key>`,
/// and a backslash before any other character gives that character.
fn double_quoted(p: &str) -> Result<Option<(String, &str)>, Unreadable> {
    let mut out = String::new();
    let mut chars = p.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok(Some((out, &p[i + 1..]))),
            '\\' => {
                let Some((j, e)) = chars.next() else { break };
                match e {
                    'b' => out.push('\x08'),
                    'e' => out.push('\x1b'),
                    'f' => out.push('\x0c'),
                    'n' => out.push('\n'),
                    'r' => out.push('\r'),
                    't' => out.push('\t'),
                    'x' | 'X' | 'u' | 'U' => {
                        let most = match e {
                            'u' => 4,
                            'U' => 8,
                            _ => 2,
                        };
                        let digits: String = p[j + 1..].chars().take(most).take_while(char::is_ascii_hexdigit).collect();
                        if digits.is_empty() {
                            // Not a number: the letter itself.
                            out.push(e);
                            continue;
                        }
                        for _ in 0..digits.len() {
                            chars.next();
                        }
                        let value = u32::from_str_radix(&digits, 16).map_err(|_| Unsupported("a character code"))?;
                        // `\x` gives a byte: only ASCII is a character on its own.
                        let bytewise = matches!(e, 'x' | 'X');
                        out.push(character(value, bytewise)?);
                    }
                    '0'..='7' => {
                        let mut value = e as u32 - '0' as u32;
                        for _ in 0..2 {
                            match chars.peek() {
                                Some(&(_, d @ '0'..='7')) => {
                                    value = (value << 3) + (d as u32 - '0' as u32);
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        // The value is stored in one byte.
                        out.push(character(value & 0xff, true)?);
                    }
                    '<' => match special_key(&p[j + 1..])? {
                        Some((key, len)) => {
                            out.push(key);
                            // Skip the name and its `>`.
                            while chars.peek().is_some_and(|&(k, _)| k < j + 1 + len) {
                                chars.next();
                            }
                        }
                        None => out.push('<'),
                    },
                    other => out.push(other),
                }
            }
            c => out.push(c),
        }
    }
    Ok(None)
}

/// A character code as `eval_string()` stores it: NUL ends a command line and a byte of
/// 0x80 or more is not UTF-8 on its own, so both are refused.
fn character(value: u32, bytewise: bool) -> Result<char, Unreadable> {
    if value == 0 || (bytewise && value >= 0x80) {
        return Err(Unsupported("a NUL or a byte that is not a character"));
    }
    char::from_u32(value).ok_or(Unsupported("a code that is not a character"))
}

/// `\<name>` (`trans_special()` with `FSK_SIMPLIFY`) for the keys that are one character:
/// `<CR>`, `<NL>`, `<Esc>`, `<Tab>`, `<Space>`, `<lt>`, `<Bslash>`, `<Bar>` and `<C-x>` of a
/// letter or one of `[ \ ] ^ _`. `s` starts after the `<`. `None`: no `>` follows, so Vim
/// copies the `<`. Another name may be a key Vim knows (an arrow, `<BS>`, a modifier): refused.
fn special_key(s: &str) -> Result<Option<(char, usize)>, Unreadable> {
    // find_special_key(): the name runs over letters, digits, `_` and `-`; after a `-` any
    // one character is taken when `>` follows it (`<C-[>`), a quote only as `\"`.
    let bytes = s.as_bytes();
    let mut end = 0;
    while let Some(&b) = bytes.get(end) {
        if b == b'-' {
            let after = s[end + 1..].chars().next().map_or(0, char::len_utf8);
            if after > 0 && bytes[end + 1] != b'"' && bytes.get(end + 1 + after) == Some(&b'>') {
                end += after;
            } else if s[end + 1..].starts_with("\\\">") {
                return Err(Unsupported("a quote in a \\<key> name"));
            }
        } else if !(b.is_ascii_alphanumeric() || b == b'_') {
            break;
        }
        end += 1;
    }
    if bytes.get(end) != Some(&b'>') {
        return Ok(None);
    }
    let name = &s[..end];
    let lower = name.to_ascii_lowercase();
    let key = match lower.as_str() {
        "cr" | "return" | "enter" => '\r',
        "nl" | "lf" | "linefeed" => '\n',
        "esc" => '\x1b',
        "tab" => '\t',
        "space" => ' ',
        "lt" => '<',
        "bslash" => '\\',
        "bar" => '|',
        _ => match lower.strip_prefix("c-").map(|k| k.chars().collect::<Vec<_>>()).as_deref() {
            Some(&[k]) if k.is_ascii_alphabetic() || matches!(k, '[' | '\\' | ']' | '^' | '_') => {
                (k.to_ascii_uppercase() as u8 ^ 0x40) as char
            }
            _ => return Err(Unsupported("a \\<key> that is not one character")),
        },
    };
    Ok(Some((key, end + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(p: &str) -> String {
        eval_string(p).expect("readable").0
    }

    #[test]
    fn escapes_follow_eval_string() {
        assert_eq!(value(r#""a\eb\rc\nd\te\\f\"g""#), "a\x1bb\rc\nd\te\\f\"g");
        assert_eq!(value(r#""\x41\X4a\u00e9\101\15z\q""#), "AJé\x41\rzq");
        assert_eq!(value(r#""\xz\<C-M>\<c-j>\<Esc>\<lt>\< x""#), "xz\r\n\x1b<< x");
        assert_eq!(value(r#""\<x\<C-\>\<C-[>\<x-y""#), "<x\x1c\x1b<x-y");
        assert_eq!(value("'it''s \\n'"), "it's \\n");
    }

    #[test]
    fn concatenation_and_numbers() {
        let (v, rest) = eval_string(r#""a" . 'b'.."c" 12|x"#).expect("readable");
        assert_eq!((v.as_str(), rest), ("abc", " 12|x"));
        assert_eq!(value("12 . 'x'"), "12x");
    }

    #[test]
    fn what_is_not_modelled_is_refused() {
        for p in [r#""\<Left>""#, r#""\x80""#, r#""\0""#, "x", "1.5", "0x10", "'a' .= 'b'", r#""\<C-\">""#] {
            assert!(matches!(eval_string(p), Err(Unsupported(_))), "{p}");
        }
        assert_eq!(eval_string(r#""open\""#), Err(Unreadable::MissingQuote { message_len: 35 }));
        assert_eq!(eval_string("'a' . 'b"), Err(Unreadable::MissingQuote { message_len: 30 }));
    }
}
