//! `<C-a>` and `<C-x>` (`do_addsub()` in `ops.c`) with the contract's
//! `nrformats=bin,octal,hex`.

use super::normal::Cmd;
use super::{Flow, Res, Vim};
use crate::keys::Key;

pub(crate) fn increment(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.set_redo(None, cmd.count0, vim.cmd_keys.to_vec());
    // op_addsub() saves the line for undo before it looks for a number: a failed <C-a> still
    // makes an (empty) undo step.
    vim.save_undo();
    let subtract = cmd.key == Key::Char('\x18');
    let line = vim.cur_line().to_string();
    let bytes = line.as_bytes();
    let cur = vim.cur.col;
    if bytes.is_empty() || cur >= bytes.len() {
        return Err(Flow::Fail);
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
    let hexupper = digits.bytes().filter(|b| b.is_ascii_alphabetic()).last().is_some_and(|b| b.is_ascii_uppercase());
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
    vim.cur.col = start + out.len() - 1;
    vim.set_curswant = true;
    Ok(())
}
