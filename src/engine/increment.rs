//! `<C-a>` and `<C-x>` (`do_addsub()` in `ops.c`) with the contract's
//! `nrformats=bin,octal,hex`, on the cursor's number and (for Visual mode) on the first
//! number in a part of a line.

use super::command::Cmd;
use super::{Flow, Pos, Res, Vim};
use crate::keys::Key;

pub(crate) fn increment(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.set_redo(None, cmd.count0, vim.command.cmd_keys.to_vec());
    // op_addsub() saves the line for undo before it looks for a number: a failed <C-a> still
    // makes an (empty) undo step, and saves the line for `U` (u_save_cursor()).
    vim.begin_followed_change();
    vim.save_undo();
    vim.end_followed_change();
    vim.u_saveline(vim.cur.line);
    vim.uline_checked = true;
    let subtract = cmd.key == Key::Char('\x18');
    let line = vim.cur_line().to_string();
    let bytes = line.as_bytes();
    let cur = vim.cur.col;
    if bytes.is_empty() || cur >= bytes.len() {
        // do_addsub() gives up on an empty line without beep_flush(): not a failure, so
        // the rest of a macro or `:normal` goes on.
        return Ok(());
    }
    let is_bin = |b: u8| b == b'0' || b == b'1';
    // First: are we on a hex or binary number, after its "0x"/"0b"?
    let mut col = cur;
    while col > 0 && is_bin(bytes[col]) {
        col -= 1;
    }
    while col > 0 && bytes[col].is_ascii_hexdigit() {
        col -= 1;
    }
    let hex_at = |c: usize| c > 0 && matches!(bytes[c], b'x' | b'X') && bytes[c - 1] == b'0' && bytes.get(c + 1).is_some_and(|b| b.is_ascii_hexdigit());
    let bin_at = |c: usize| c > 0 && matches!(bytes[c], b'b' | b'B') && bytes[c - 1] == b'0' && bytes.get(c + 1).is_some_and(|b| is_bin(*b));
    if !hex_at(col) {
        col = cur;
        while col > 0 && bytes[col].is_ascii_digit() {
            col -= 1;
        }
    }
    if hex_at(col) || bin_at(col) {
        col -= 1;
    } else {
        col = cur;
        while col < bytes.len() && !bytes[col].is_ascii_digit() {
            col += 1;
        }
        while col > 0 && bytes[col - 1].is_ascii_digit() {
            col -= 1;
        }
    }
    if col >= bytes.len() || !bytes[col].is_ascii_digit() {
        return Err(Flow::Fail);
    }
    let firstdigit = bytes[col];
    let mut negative = col > 0 && bytes[col - 1] == b'-';
    let mut start = if negative { col - 1 } else { col };
    // Read the number as vim_str2nr() does.
    let (prefix, digits_start, radix) = if bytes[col] == b'0' && matches!(bytes.get(col + 1), Some(b'x' | b'X')) && bytes.get(col + 2).is_some_and(|b| b.is_ascii_hexdigit()) {
        (Some(bytes[col + 1]), col + 2, 16)
    } else if bytes[col] == b'0' && matches!(bytes.get(col + 1), Some(b'b' | b'B')) && bytes.get(col + 2).is_some_and(|b| is_bin(*b)) {
        (Some(bytes[col + 1]), col + 2, 2)
    } else {
        (None, col, 10)
    };
    let mut end = digits_start;
    while end < bytes.len() && (bytes[end] as char).is_digit(radix) {
        end += 1;
    }
    let mut radix = radix;
    let mut pre = prefix;
    if radix == 10 && bytes[col] == b'0' && end - col > 1 && bytes[col..end].iter().all(|b| (b'0'..=b'7').contains(b)) {
        radix = 8;
        pre = Some(b'0');
    }
    let digits = &line[digits_start..end];
    if digits.len() > 18 {
        return Err(vim.unsupported(cmd.key, "numbers this long (overflow rules)"));
    }
    let n = u64::from_str_radix(digits, radix).map_err(|_| Flow::Fail)?;
    if pre.is_some() && negative {
        negative = false;
        start += 1;
    }
    let delta = cmd.count1 as u64;
    let sub = subtract ^ negative;
    let value;
    if pre.is_none() {
        let (v, neg) = if sub {
            if delta > n { (delta - n, !negative) } else { (n - delta, negative) }
        } else {
            (n + delta, negative)
        };
        value = v;
        negative = neg && v != 0;
    } else {
        value = if sub { n.wrapping_sub(delta) } else { n.wrapping_add(delta) };
    }
    // Vim's (static) hexupper is the case of the last letter of the old number, its `x`/`X`
    // included: `0X19` becomes `0X1A`.
    let hexupper = line[col..end].bytes().filter(|b| b.is_ascii_alphabetic()).last().is_some_and(|b| b.is_ascii_uppercase());
    let body = match (radix, pre) {
        (16, _) if hexupper => format!("{value:X}"),
        (16, _) => format!("{value:x}"),
        (8, _) => format!("{value:o}"),
        (2, _) => format!("{value:b}"),
        _ => value.to_string(),
    };
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let mut length = end - col;
    if let Some(p) = pre {
        out.push('0');
        length -= 1;
        if p != b'0' {
            out.push(p as char);
            length -= 1;
        }
    }
    if firstdigit == b'0' && !(pre.is_none()) {
        for _ in body.len()..length {
            out.push('0');
        }
    }
    out.push_str(&body);
    let mut new_line = line[..start].to_string();
    new_line.push_str(&out);
    new_line.push_str(&line[end..]);
    vim.buf.set_line(vim.cur.line, new_line);
    // do_addsub() inserts the new number after the old one's first character (ins_str()),
    // deletes that character, then the rest of the old number one by one (del_char()), each
    // reported where it happened; op_addsub() then reports the line from column 0.
    let lnum = vim.cur.line;
    vim.changed_at(Pos::new(lnum, start + 1));
    vim.changed_at(Pos::new(lnum, start));
    for _ in 1..end - start {
        vim.changed_at(Pos::new(lnum, start + out.len()));
    }
    vim.changed_at(Pos::new(lnum, 0));
    vim.end_followed_change();
    vim.cur.col = start + out.len() - 1;
    vim.set_curswant = true;
    Ok(())
}

/// How far a number in a Visual selection may reach (`maxlen` of `vim_str2nr()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumberLimit {
    /// Linewise: the whole number.
    None,
    /// Charwise or block: what is left of the line's part.
    Part,
    /// Selected with `$`: up to the end of the line.
    LineEnd,
}

/// `do_addsub()` with Visual active, on the part of `line` from byte `col`, `length` bytes
/// long: the first digit in it starts the number (a `-` just before, inside the part, makes
/// it negative; hex and binary prefixes count when they fit in the limit). Returns whether
/// the line changed. Vim's cursor is left alone.
#[allow(clippy::too_many_arguments)]
pub(crate) fn addsub_in_part(vim: &mut Vim, lnum: usize, col: usize, mut length: isize, limit: NumberLimit, subtract: bool, amount: u64, key: Key) -> Res<bool> {
    let line = vim.line(lnum).to_string();
    let bytes = line.as_bytes();
    if bytes.is_empty() || col >= bytes.len() {
        return Ok(false);
    }
    let part_start = col;
    let mut col = col;
    while col < bytes.len() && length > 0 && !bytes[col].is_ascii_digit() {
        let n = line[col..].chars().next().map_or(1, char::len_utf8);
        col += n;
        length -= n as isize;
    }
    if length == 0 {
        return Ok(false);
    }
    if col >= bytes.len() || !bytes[col].is_ascii_digit() {
        // Vim beeps (flushing the keys not typed) and goes on with the next line.
        return Err(vim.unsupported(key, "a Visual part where Vim beeps for want of a number"));
    }
    let was_negative = col > part_start && bytes[col - 1] == b'-';
    let firstdigit = bytes[col];
    let maxlen = match limit {
        NumberLimit::None => 0,
        NumberLimit::LineEnd => bytes.len() - col,
        NumberLimit::Part => usize::try_from(length).unwrap_or(0),
    };
    let number = str2nr(&bytes[col..], maxlen).ok_or_else(|| vim.unsupported(key, "numbers this long (overflow rules)"))?;
    if number.prefix.is_some() && was_negative {
        // Vim then steps over the first character of the prefix (a quirk not modelled).
        return Err(vim.unsupported(key, "a hex or binary number after a - in a Visual selection"));
    }
    let mut negative = was_negative;
    let sub = subtract ^ negative;
    let old = number.value;
    let mut n = if sub { old.wrapping_sub(amount) } else { old.wrapping_add(amount) };
    if number.prefix.is_none() {
        // Wrap around through zero for decimal numbers.
        if sub && n > old {
            n = 1u64.wrapping_add(!n);
            negative = !negative;
        } else if !sub && n < old {
            n = !n;
            negative = !negative;
        }
        if n == 0 {
            negative = false;
        }
    }
    let (mut start, mut length) = (col, number.len);
    if was_negative && !negative {
        // Take the `-` out.
        start -= 1;
        length += 1;
    }
    let todel = length;
    if bytes[start] == b'-' {
        length -= 1;
    }
    let old_text = &line[start..start + todel];
    let hexupper = old_text.bytes().filter(|b| b.is_ascii_alphabetic()).last().is_some_and(|b| b.is_ascii_uppercase());
    let mut out = String::new();
    if negative && !was_negative {
        out.push('-');
    }
    if let Some(p) = number.prefix {
        out.push('0');
        length -= 1;
        if p != b'0' {
            out.push(p as char);
            length -= 1;
        }
    }
    let body = match number.prefix {
        Some(b'b' | b'B') => format!("{n:b}"),
        Some(b'0') => format!("{n:o}"),
        Some(_) if hexupper => format!("{n:X}"),
        Some(_) => format!("{n:x}"),
        None => n.to_string(),
    };
    if firstdigit == b'0' && number.prefix.is_some() {
        for _ in body.len()..length {
            out.push('0');
        }
    }
    out.push_str(&body);
    let mut new_line = line[..start].to_string();
    new_line.push_str(&out);
    new_line.push_str(&line[start + todel..]);
    vim.buf.set_line(lnum, new_line);
    Ok(true)
}

/// A number as `vim_str2nr()` reads it with bin, octal and hex (no `0o`).
struct Number {
    /// `b`/`B`, `x`/`X`, or `0` for octal; `None` for decimal.
    prefix: Option<u8>,
    /// Bytes read, the prefix included.
    len: usize,
    value: u64,
}

/// `vim_str2nr()` on `s` reading at most `maxlen` bytes (0: no limit); `None` on overflow
/// (Vim then saturates, which the engine does not model).
fn str2nr(s: &[u8], maxlen: usize) -> Option<Number> {
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut prefix = None;
    let mut pos = 0;
    if at(0) == b'0' && at(1) != b'8' && at(1) != b'9' && (maxlen == 0 || maxlen > 1) {
        let pre = at(1);
        if matches!(pre, b'x' | b'X') && at(2).is_ascii_hexdigit() && (maxlen == 0 || maxlen > 2) {
            prefix = Some(pre);
            pos = 2;
        } else if matches!(pre, b'b' | b'B') && matches!(at(2), b'0' | b'1') && (maxlen == 0 || maxlen > 2) {
            prefix = Some(pre);
            pos = 2;
        } else {
            // Octal when every digit (within the limit) is below 8; "0" alone is decimal.
            let mut n = 1;
            while n != maxlen && at(n).is_ascii_digit() {
                if at(n) > b'7' {
                    prefix = None;
                    break;
                }
                prefix = Some(b'0');
                n += 1;
            }
        }
    }
    let radix: u32 = match prefix {
        Some(b'b' | b'B') => 2,
        Some(b'0') => 8,
        Some(_) => 16,
        None => 10,
    };
    // Vim's n counts bytes read, the prefix of bin and hex included.
    let mut n = if matches!(prefix, Some(b'b' | b'B' | b'x' | b'X')) { 3 } else { 1 };
    let mut value: u64 = 0;
    while let Some(d) = (at(pos) as char).to_digit(radix) {
        value = value.checked_mul(u64::from(radix))?.checked_add(u64::from(d))?;
        pos += 1;
        if n == maxlen {
            break;
        }
        n += 1;
    }
    Some(Number { prefix, len: pos, value })
}
