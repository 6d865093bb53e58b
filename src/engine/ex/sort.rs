//! `:sort` (Vim's `ex_sort()`): a stable sort of the lines in the range, by bytes, ignoring
//! ASCII case (`i`), or by the first decimal, hexadecimal, octal or binary number (`n`,
//! `x`, `o`, `b`), on what follows a `/pattern/` match or (`r`) on the match, reversed with
//! `!`, duplicates dropped with `u`. Floats (`f`) and the locale's order (`l`) are refused.

use std::cmp::Ordering;

use super::super::regex::{MatchEnv, Regex};
use super::super::Res;
use super::range::{compile_as, regex_error, split_pattern};
use super::{Ex, ExCmd};
use crate::engine::Vim;

impl Ex {
    pub fn sort(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if cmd.line2 <= cmd.line1 {
            // "Sorting one line is really quick!": ex_sort() returns before it reads its
            // argument, so a `|` and the command after it are dropped.
            cmd.nextcmd = None;
            return Ok(());
        }
        // ex_sort() saves the range for undo before it reads its argument: an argument it
        // rejects still leaves an (empty) undo step that `u` takes back.
        vim.u_save(cmd.line1 - 1, cmd.line2 + 1);
        vim.ex.undo_unsure = true;
        let (mut ic, mut unique, mut on_match) = (false, false, false);
        let mut base: Option<Base> = None;
        let mut formats = 0;
        let mut pattern: Option<Regex> = None;
        let mut rest = cmd.arg;
        while let Some(c) = rest.chars().next() {
            let mut len = c.len_utf8();
            match c {
                ' ' | '\t' => {}
                'i' => ic = true,
                'r' => on_match = true,
                'u' => unique = true,
                'n' | 'x' | 'o' | 'b' => {
                    base = Some(match c {
                        'n' => Base::Decimal,
                        'x' => Base::Hex,
                        'o' => Base::Octal,
                        _ => Base::Binary,
                    });
                    formats += 1;
                }
                'l' | 'f' => return Err(vim.ex_unsupported("sort", &format!("the sort option {c:?}"))),
                '"' => break,
                '|' => {
                    cmd.nextcmd = Some(&rest[1..]);
                    break;
                }
                c if !c.is_ascii_alphabetic() && pattern.is_none() => {
                    // A pattern between `c` and the next `c` (skip_regexp()): always 'magic',
                    // 'ignorecase' but not 'smartcase'.
                    if !c.is_ascii() || c == '\\' {
                        return Err(vim.ex_unsupported("sort", "this pattern delimiter"));
                    }
                    let (text, after) = split_pattern(&rest[1..], c);
                    if text.len() + 1 == rest.len() - after.len() {
                        // skip_regexp_err(): no closing delimiter.
                        // E654: Missing delimiter after search pattern: {the rest}
                        return Err(vim.emsg(46 + rest[1..].chars().count()));
                    }
                    if text.is_empty() {
                        return Err(vim.ex_unsupported("sort", "an empty pattern (the last one used)"));
                    }
                    pattern = Some(compile_as(vim, text, true, false)?);
                    // split_pattern() drops the closing delimiter when there is one.
                    len = rest.len() - after.len();
                }
                _ => return Err(vim.emsg(24 + rest.chars().count())), // E475: Invalid argument: {rest}
            }
            rest = &rest[len..];
        }
        if formats > 1 {
            return Err(vim.emsg(20)); // E474: Invalid argument
        }
        let (l1, l2) = (cmd.line1 - 1, cmd.line2 - 1);
        if l1 >= l2 {
            return Ok(());
        }
        let lines: Vec<String> = vim.buf.lines()[l1..=l2].to_vec();
        // The part of each line compared: after the match (with `r`, the match itself); all
        // of a line the pattern does not match when there is no pattern, none when there is.
        let mut parts: Vec<(usize, usize)> = Vec::with_capacity(lines.len());
        for line in &lines {
            let part = match &pattern {
                None => (0, line.len()),
                Some(regex) => {
                    let found = regex.find_at(std::slice::from_ref(line), 0, 0, &MatchEnv::default()).map_err(|e| regex_error(vim, e))?;
                    match found {
                        Some(m) if on_match => (m.start.col, m.end.col.max(m.start.col)),
                        Some(m) => (m.end.col, line.len()),
                        None => (0, 0),
                    }
                }
            };
            parts.push(part);
        }
        let part = |i: usize| &lines[i][parts[i].0..parts[i].1];
        if ic && (0..lines.len()).any(|i| !part(i).is_ascii()) {
            return Err(vim.ex_unsupported("sort", "ignoring case in non-ASCII text"));
        }
        let mut numbers: Vec<Option<i64>> = Vec::new();
        if let Some(base) = base {
            for i in 0..lines.len() {
                match number_in(part(i), base) {
                    Ok(n) => numbers.push(n),
                    Err(()) => return Err(vim.ex_unsupported("sort", "a number too large for Vim's 64 bits")),
                }
            }
        }
        let compare = |a: usize, b: usize| -> Ordering {
            if base.is_some() {
                // Lines without a number sort before the others.
                numbers[a].cmp(&numbers[b])
            } else if ic {
                part(a).to_ascii_lowercase().cmp(&part(b).to_ascii_lowercase())
            } else {
                part(a).cmp(part(b))
            }
        };
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by(|&x, &y| compare(x, y).then(x.cmp(&y)));
        if cmd.forceit {
            // `!` inserts the sorted lines last to first (equal lines too).
            order.reverse();
        }
        let same = |a: &str, b: &str| if ic { a.eq_ignore_ascii_case(b) } else { a == b };
        let mut sorted: Vec<String> = Vec::with_capacity(lines.len());
        for &i in &order {
            // `u` compares whole lines (string_compare()), whatever the sort key.
            if unique && sorted.last().is_some_and(|last: &String| same(last, &lines[i])) {
                continue;
            }
            sorted.push(lines[i].clone());
        }
        let removed = lines.len() - sorted.len();
        vim.buf.delete_lines_keeping_marks(l1, l2);
        let was_empty = vim.buf.empty;
        vim.buf.insert_lines_keeping_marks(l1, sorted);
        if was_empty {
            // Deleting every line left Vim's one empty line, which the sorted lines replace.
            let last = vim.last_line();
            vim.buf.delete_lines_keeping_marks(last, last);
        }
        if removed > 0 {
            // ex_sort() leaves marks at their line numbers and then deletes the marks of the
            // last `removed` + 1 lines of the range (one line more than it removed).
            let removed = removed as isize;
            vim.buf.move_marks((l2 as isize - removed).max(0) as usize, l2, None, -removed);
        }
        if removed > 2 {
            vim.msgmore(20); // "N fewer lines"
        }
        vim.ex_beginline(l1);
        Ok(())
    }
}

/// Which numbers `:sort` reads.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Base {
    Decimal,
    Hex,
    Octal,
    Binary,
}

/// The number `:sort` sorts a line's part on (`skiptodigit()`/`skiptohex()`/`skiptobin()`,
/// a `-` just before it, then `vim_str2nr()` with the base forced); `None` without one;
/// `Err` past 64 bits (Vim's saturation is not modelled).
fn number_in(text: &str, base: Base) -> Result<Option<i64>, ()> {
    let b = text.as_bytes();
    let is_start = |c: u8| match base {
        Base::Hex => c.is_ascii_hexdigit(),
        Base::Binary => c == b'0' || c == b'1',
        Base::Decimal | Base::Octal => c.is_ascii_digit(),
    };
    let Some(mut at) = b.iter().position(|&c| is_start(c)) else { return Ok(None) };
    let negative = at > 0 && b[at - 1] == b'-';
    // A 0x / 0b prefix before a digit of its base is skipped (octal's 0o is not forced).
    if b[at] == b'0' {
        let prefixed = |p: &[u8], digit: fn(&u8) -> bool| b.len() > at + 2 && p.contains(&b[at + 1]) && digit(&b[at + 2]);
        if (base == Base::Hex && prefixed(b"xX", u8::is_ascii_hexdigit)) || (base == Base::Binary && prefixed(b"bB", |c| *c == b'0' || *c == b'1')) {
            at += 2;
        }
    }
    let radix = match base {
        Base::Decimal => 10,
        Base::Hex => 16,
        Base::Octal => 8,
        Base::Binary => 2,
    };
    let mut n: i128 = 0;
    for &c in &b[at..] {
        let Some(d) = (c as char).to_digit(radix) else { break };
        n = n * radix as i128 + d as i128;
        if n > i64::MAX as i128 {
            return Err(());
        }
    }
    Ok(Some(if negative { -(n as i64) } else { n as i64 }))
}
