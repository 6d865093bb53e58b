//! `:sort` (Vim's `ex_sort()`): a stable sort of the lines in the range, by bytes, ignoring
//! ASCII case (`i`), or by the first decimal number (`n`), reversed with `!`, duplicates
//! dropped with `u`. Patterns, `x`, `o`, `b` and `f` are refused.

use std::cmp::Ordering;

use super::super::Res;
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
        let (mut ic, mut numeric, mut unique) = (false, false, false);
        let mut rest = cmd.arg;
        while let Some(c) = rest.chars().next() {
            match c {
                ' ' | '\t' => {}
                'i' => ic = true,
                'n' => numeric = true,
                'u' => unique = true,
                '|' => {
                    cmd.nextcmd = Some(&rest[1..]);
                    break;
                }
                '"' => break,
                _ => return Err(vim.ex_unsupported("sort", &format!("the sort option {c:?}"))),
            }
            rest = &rest[c.len_utf8()..];
        }
        let (l1, l2) = (cmd.line1 - 1, cmd.line2 - 1);
        if l1 >= l2 {
            return Ok(());
        }
        let lines: Vec<String> = vim.buf.lines()[l1..=l2].to_vec();
        if ic && lines.iter().any(|l| !l.is_ascii()) {
            return Err(vim.ex_unsupported("sort", "ignoring case in non-ASCII text"));
        }
        let key = |l: &str| -> Option<i64> {
            let b = l.as_bytes();
            let i = b.iter().position(|c| c.is_ascii_digit())?;
            let end = i + b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            let n: i64 = l[i..end].parse().ok()?;
            Some(if i > 0 && b[i - 1] == b'-' { -n } else { n })
        };
        if numeric && lines.iter().any(|l| {
            let d = l.bytes().filter(|c| c.is_ascii_digit()).count();
            d > 17
        }) {
            return Err(vim.ex_unsupported("sort", "numbers too large for the engine's comparison"));
        }
        let compare = |a: &str, b: &str| -> Ordering {
            if numeric {
                // Lines without a number sort before the others.
                key(a).cmp(&key(b))
            } else if ic {
                a.to_ascii_lowercase().cmp(&b.to_ascii_lowercase())
            } else {
                a.cmp(b)
            }
        };
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by(|&x, &y| compare(&lines[x], &lines[y]).then(x.cmp(&y)));
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
        vim.u_save(l1, l2 + 2);
        vim.ex.undo_unsure = true;
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
            vim.msg(20);
        }
        vim.ex_beginline(l1);
        Ok(())
    }
}
