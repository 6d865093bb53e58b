//! Vim's `findmatchlimit()` (`search.c`): the matching bracket for `%`, and the unclosed
//! bracket searches of the block text objects (`i(`, `a{` ...).
//!
//! Positions move byte-wise like Vim's `linep[pos.col]` walks; a NUL byte in the text is a
//! newline in Vim's memory (so it never ends a line here either). `/* */` comments are matched
//! forward; matching a comment backward needs Vim's `//`-comment-in-string scan and is refused.

use super::{next_boundary, prev_boundary, Pos, Res, Vim};
use crate::keys::Key;

/// `matchpairs` at its default, used by `%`.
pub(crate) const MATCHPAIRS: &[(u8, u8)] = &[(b'(', b')'), (b'{', b'}'), (b'[', b']')];
/// The pairs `nv_object()` puts in `matchpairs` while selecting a block object.
pub(crate) const OBJECT_PAIRS: &[(u8, u8)] = &[(b'(', b')'), (b'{', b'}'), (b'[', b']'), (b'<', b'>')];

/// How a search for a match is set up.
#[derive(Clone, Copy)]
pub(crate) struct MatchSearch {
    /// The bracket to match (`None`: the one under or after the cursor, as `%`).
    pub initc: Option<u8>,
    /// `FM_FORWARD` / `FM_BACKWARD`: force the direction.
    pub forward: Option<bool>,
    /// 'cpoptions' has `%` (current_block sets it: quotes are not special).
    pub cpo_match: bool,
    pub pairs: &'static [(u8, u8)],
}

/// A match: where it is, and whether `%` became linewise (`#if`/`#endif`).
pub(crate) struct Found {
    pub pos: Pos,
    pub linewise: bool,
}

/// The byte at `col`, 0 past the end; a NUL byte of the text reads as a newline as in Vim.
fn byte_at(line: &[u8], col: usize) -> u8 {
    match line.get(col) {
        None => 0,
        Some(0) => b'\n',
        Some(&b) => b,
    }
}

fn skipwhite(line: &[u8], mut i: usize) -> usize {
    while matches!(byte_at(line, i), b' ' | b'\t') {
        i += 1;
    }
    i
}

/// `find_mps_values()`: the partner of `initc`; `switchit` swaps the roles.
fn mps_values(pairs: &[(u8, u8)], initc: u8, switchit: bool) -> Option<(u8, u8, bool)> {
    for &(open, close) in pairs {
        if open == initc {
            return Some(if switchit { (close, initc, true) } else { (initc, close, false) });
        }
        if close == initc {
            return Some(if switchit { (open, initc, false) } else { (initc, open, true) });
        }
    }
    None
}

/// Count the backslashes right before `col` (Vim's `check_prevcol()` loop).
fn backslashes_before(line: &str, col: usize) -> usize {
    let bytes = line.as_bytes();
    let mut n = 0;
    let mut c = col;
    while c > 0 {
        let prev = prev_boundary(line, c);
        if byte_at(bytes, prev) != b'\\' {
            break;
        }
        n += 1;
        c = prev;
    }
    n
}

impl Vim {
    /// `findmatchlimit(oap, initc, flags, 0)` from `start`.
    pub(crate) fn find_match(&self, start: Pos, search: MatchSearch) -> Res<Option<Found>> {
        let mut pos = start;
        let mut line: &str = self.line(pos.line);
        let mut linep = line.as_bytes();
        let cpo_match = search.cpo_match;
        let mut comment_forward = false;
        let mut hash_dir = 0i32;
        let mut match_escaped = 0;
        let (initc, findc, backwards) = if let Some(c) = search.initc {
            let Some((i, f, b)) = mps_values(search.pairs, c, true) else { return Ok(None) };
            (i, f, search.forward.map_or(b, |fwd| !fwd))
        } else {
            let mut found = (0, 0, false);
            if !cpo_match {
                let p = skipwhite(linep, 0);
                let cur = byte_at(linep, pos.col);
                let next = byte_at(linep, pos.col + 1);
                let prev = if pos.col > 0 { byte_at(linep, pos.col - 1) } else { 0 };
                if byte_at(linep, p) == b'#' && pos.col <= p {
                    let q = &linep[skipwhite(linep, p + 1).min(linep.len())..];
                    if q.starts_with(b"if") || q.starts_with(b"endif") || q.starts_with(b"el") {
                        hash_dir = 1;
                    }
                } else if cur == b'/' {
                    if next == b'*' {
                        comment_forward = true;
                        pos.col += 1;
                    } else if prev == b'*' {
                        return Err(self.unsupported(Key::Char('%'), "% on the end of a /* */ comment"));
                    }
                } else if cur == b'*' {
                    if next == b'/' {
                        return Err(self.unsupported(Key::Char('%'), "% on the end of a /* */ comment"));
                    } else if prev == b'/' {
                        comment_forward = true;
                    }
                }
            }
            if hash_dir == 0 && !comment_forward {
                if byte_at(linep, pos.col) == 0 && pos.col > 0 {
                    pos.col -= 1;
                }
                loop {
                    let c = byte_at(linep, pos.col);
                    if c == 0 {
                        break;
                    }
                    if let Some(values) = mps_values(search.pairs, c, false) {
                        found = values;
                        break;
                    }
                    pos.col = next_boundary(line, pos.col);
                }
                if found.1 == 0 {
                    if !cpo_match && byte_at(linep, skipwhite(linep, 0)) == b'#' {
                        hash_dir = 1;
                    } else {
                        return Ok(None);
                    }
                } else {
                    match_escaped = backslashes_before(line, pos.col) & 1;
                }
            }
            if hash_dir != 0 {
                return Ok(self.find_hash_match(pos).map(|pos| Found { pos, linewise: true }));
            }
            found
        };

        let mut do_quotes: i32 = -1;
        // start_in_quotes: None is Vim's MAYBE.
        let mut start_in_quotes: Option<bool> = None;
        let mut inquote = false;
        let mut count = 0usize;
        loop {
            if backwards {
                if pos.col == 0 {
                    if pos.line == 0 {
                        break;
                    }
                    pos.line -= 1;
                    line = self.line(pos.line);
                    linep = line.as_bytes();
                    pos.col = linep.len();
                    do_quotes = -1;
                } else {
                    pos.col = prev_boundary(line, pos.col.min(linep.len()));
                }
            } else if byte_at(linep, pos.col) == 0 {
                if pos.line == self.last_line() {
                    break;
                }
                pos.line += 1;
                line = self.line(pos.line);
                linep = line.as_bytes();
                pos.col = 0;
                do_quotes = -1;
            } else {
                pos.col = next_boundary(line, pos.col);
            }

            if comment_forward {
                if byte_at(linep, pos.col) == b'*' && byte_at(linep, pos.col + 1) == b'/' {
                    pos.col += 1;
                    return Ok(Some(Found { pos, linewise: false }));
                }
                continue;
            }

            if cpo_match {
                do_quotes = 0;
            } else if do_quotes == -1 {
                // Count the quotes in the line, skipping \" and '"'.
                let mut at_start = do_quotes;
                let mut i = 0;
                let here = pos.col + usize::from(backwards);
                while i < linep.len() {
                    if i == here {
                        at_start = do_quotes & 1;
                    }
                    let b = byte_at(linep, i);
                    if b == b'"' && (i == 0 || byte_at(linep, i - 1) != b'\'' || byte_at(linep, i + 1) != b'\'') {
                        do_quotes += 1;
                    }
                    if b == b'\\' && byte_at(linep, i + 1) != 0 {
                        i += 1;
                    }
                    i += 1;
                }
                do_quotes &= 1;
                if do_quotes == 0 {
                    inquote = false;
                    if linep.last() == Some(&b'\\') {
                        do_quotes = 1;
                        if start_in_quotes.is_none() {
                            inquote = true;
                            start_in_quotes = Some(true);
                        } else if backwards {
                            inquote = true;
                        }
                    }
                    if pos.line > 0 {
                        let prev = self.line(pos.line - 1).as_bytes();
                        if prev.last() == Some(&b'\\') {
                            do_quotes = 1;
                            if start_in_quotes.is_none() {
                                inquote = at_start != 0;
                                if inquote {
                                    start_in_quotes = Some(true);
                                }
                            } else if !backwards {
                                inquote = true;
                            }
                        }
                    }
                }
            }
            if start_in_quotes.is_none() {
                start_in_quotes = Some(false);
            }

            let c = byte_at(linep, pos.col);
            let mut check = true;
            match c {
                0 => {
                    if pos.col == 0 || byte_at(linep, pos.col - 1) != b'\\' {
                        inquote = false;
                        start_in_quotes = Some(false);
                    }
                    check = false;
                }
                b'"' => {
                    if do_quotes != 0 && backslashes_before(line, pos.col) % 2 == 0 {
                        inquote = !inquote;
                        start_in_quotes = Some(false);
                    }
                    check = false;
                }
                b'\'' if !cpo_match && initc != b'\'' && findc != b'\'' => {
                    // Skip 'x' and '\x'.
                    if backwards {
                        if pos.col > 1 {
                            if byte_at(linep, pos.col - 2) == b'\'' {
                                pos.col -= 2;
                                check = false;
                            } else if byte_at(linep, pos.col - 2) == b'\\' && pos.col > 2 && byte_at(linep, pos.col - 3) == b'\'' {
                                pos.col -= 3;
                                check = false;
                            }
                        }
                    } else if byte_at(linep, pos.col + 1) != 0 {
                        if byte_at(linep, pos.col + 1) == b'\\' && byte_at(linep, pos.col + 2) != 0 && byte_at(linep, pos.col + 3) == b'\'' {
                            pos.col += 3;
                            check = false;
                        } else if byte_at(linep, pos.col + 2) == b'\'' {
                            pos.col += 2;
                            check = false;
                        }
                    }
                }
                _ => {}
            }
            if check && (!inquote || start_in_quotes == Some(true)) && (c == initc || c == findc) {
                let bslcnt = backslashes_before(line, pos.col);
                if bslcnt & 1 == match_escaped {
                    if c == initc {
                        count += 1;
                    } else {
                        if count == 0 {
                            return Ok(Some(Found { pos, linewise: false }));
                        }
                        count -= 1;
                    }
                }
            }
        }
        Ok(None)
    }

    /// The `#if` / `#else` / `#endif` part of `findmatchlimit()`.
    fn find_hash_match(&self, start: Pos) -> Option<Pos> {
        let linep = self.line(start.line).as_bytes();
        let q = &linep[skipwhite(linep, skipwhite(linep, 0) + 1).min(linep.len())..];
        let dir: i32 = if q.starts_with(b"if") || q.starts_with(b"el") {
            1
        } else if q.starts_with(b"endif") {
            -1
        } else {
            return None;
        };
        let mut lnum = start.line;
        let mut count = 0usize;
        loop {
            if dir > 0 {
                if lnum == self.last_line() {
                    return None;
                }
                lnum += 1;
            } else {
                if lnum == 0 {
                    return None;
                }
                lnum -= 1;
            }
            let l = self.line(lnum).as_bytes();
            let p = skipwhite(l, 0);
            if byte_at(l, p) != b'#' {
                continue;
            }
            let found = Pos::new(lnum, p);
            let q = &l[skipwhite(l, p + 1).min(l.len())..];
            if dir > 0 {
                if q.starts_with(b"if") {
                    count += 1;
                } else if q.starts_with(b"el") {
                    if count == 0 {
                        return Some(found);
                    }
                } else if q.starts_with(b"endif") {
                    if count == 0 {
                        return Some(found);
                    }
                    count -= 1;
                }
            } else if q.starts_with(b"if") {
                if count == 0 {
                    return Some(found);
                }
                count -= 1;
            } else if q.starts_with(b"endif") {
                count += 1;
            }
        }
    }
}
