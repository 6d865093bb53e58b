//! The tag block objects `it` / `at`: Vim's `current_tagblock()` (`textobject.c`) with the
//! two `searchpair()` calls it makes (`do_searchpair()` in `evalfunc.c`, `searchit()` with
//! 'nowrapscan').
//!
//! Vim searches with regular expressions; the four patterns it uses are matched here by
//! hand, exactly as written in `current_tagblock()`:
//! - any start tag `<[^ \t>/!]\+\%(\_s\_[^>]\{-}[^/]>\|$\|\_s\=>\)` and any end tag
//!   `</[^>]*>` (searching backward for the unclosed start tag);
//! - the start tag `<NAME\>\%(\_s\_[^>]\{-}\_[^/]>\|\_s\?>\)\c` and its end `</NAME>\c`
//!   (searching forward for the matching end tag).
//!
//! Names that would be regex syntax in Vim's pattern (`.`, `*`, `[` ...) or that are not
//! ASCII (case folding) are refused.

use super::textobject::VisualArea;
use super::{next_boundary, Feature, Flow, Mode, Pos, Res, Vim};

/// Which start/end pair a search looks for.
#[derive(Clone, Copy)]
enum Tags<'a> {
    Any,
    Named(&'a [u8]),
}

impl Vim {
    /// A byte of the buffer as Vim's regex engine sees it: 0 at the end of the line.
    fn tag_byte(&self, lnum: usize, col: usize) -> u8 {
        match self.line(lnum).as_bytes().get(col) {
            None => 0,
            Some(0) => b'\n',
            Some(&b) => b,
        }
    }

    /// Column after the character at `col`.
    fn tag_next(&self, lnum: usize, col: usize) -> usize {
        let line = self.line(lnum);
        if line.is_char_boundary(col) {
            next_boundary(line, col)
        } else {
            col + 1
        }
    }

    /// `\_s\_[^>]\{-}[^/]>` (or `\_[^/]` when `newline_before_gt`) at `(lnum, col)`.
    fn tag_attributes(&self, lnum: usize, col: usize, newline_before_gt: bool) -> bool {
        let last = self.last_line();
        let (mut l, mut c) = match self.tag_byte(lnum, col) {
            b' ' | b'\t' => (lnum, col + 1),
            0 if lnum < last => (lnum + 1, 0),
            _ => return false,
        };
        loop {
            let b = self.tag_byte(l, c);
            if b == 0 {
                if newline_before_gt && l < last && self.tag_byte(l + 1, 0) == b'>' {
                    return true;
                }
                if l >= last {
                    return false;
                }
                l += 1;
                c = 0;
                continue;
            }
            let next = self.tag_next(l, c);
            if b != b'/' && self.tag_byte(l, next) == b'>' {
                return true;
            }
            if b == b'>' {
                return false;
            }
            c = next;
        }
    }

    /// `\_s\=>` at `(lnum, col)`.
    fn tag_close(&self, lnum: usize, col: usize) -> bool {
        match self.tag_byte(lnum, col) {
            b'>' => true,
            b' ' | b'\t' => self.tag_byte(lnum, col + 1) == b'>',
            0 => lnum < self.last_line() && self.tag_byte(lnum + 1, 0) == b'>',
            _ => false,
        }
    }

    /// Does a start tag match at `p` (a `<`)?
    fn tag_start_at(&self, p: Pos, tags: Tags) -> Res<bool> {
        let l = p.line;
        let mut q = p.col + 1;
        match tags {
            Tags::Any => {
                while !matches!(self.tag_byte(l, q), 0 | b' ' | b'\t' | b'>' | b'/' | b'!') {
                    q += 1;
                }
                if q == p.col + 1 {
                    return Ok(false);
                }
                Ok(self.tag_attributes(l, q, false) || self.tag_byte(l, q) == 0 || self.tag_close(l, q))
            }
            Tags::Named(name) => {
                let line = self.line(l).as_bytes();
                let Some(text) = line.get(q..q + name.len()) else { return Ok(false) };
                if !text.eq_ignore_ascii_case(name) {
                    return Ok(false);
                }
                q += name.len();
                // `\>`: the name ends a word.
                let prev = self.class_at(Pos::new(l, super::prev_boundary(self.line(l), q)))?;
                let this = if self.tag_byte(l, q) == 0 { 0 } else { self.class_at(Pos::new(l, q))? };
                if prev < 2 || this == prev {
                    return Ok(false);
                }
                Ok(self.tag_attributes(l, q, true) || self.tag_close(l, q))
            }
        }
    }

    /// Does an end tag match at `p` (a `<`)?
    fn tag_end_at(&self, p: Pos, tags: Tags) -> bool {
        let line = self.line(p.line).as_bytes();
        if self.tag_byte(p.line, p.col + 1) != b'/' {
            return false;
        }
        match tags {
            Tags::Any => line.get(p.col + 2..).is_some_and(|rest| rest.contains(&b'>')),
            Tags::Named(name) => {
                let from = p.col + 2;
                line.get(from..from + name.len()).is_some_and(|t| t.eq_ignore_ascii_case(name))
                    && self.tag_byte(p.line, from + name.len()) == b'>'
            }
        }
    }

    /// The combined pattern `\(start\)\|\(end\)` at `p`: Some(true) start, Some(false) end.
    fn tag_at(&self, p: Pos, tags: Tags) -> Res<Option<bool>> {
        if self.tag_byte(p.line, p.col) != b'<' {
            return Ok(None);
        }
        if self.tag_start_at(p, tags)? {
            return Ok(Some(true));
        }
        Ok(self.tag_end_at(p, tags).then_some(false))
    }

    /// `searchit()` forward from `from` (a match must start after it), no wrapping.
    fn tag_search_forward(&self, from: Pos, tags: Tags) -> Res<Option<(Pos, bool)>> {
        let first_min = self.tag_next(from.line, from.col).max(from.col + 1);
        for l in from.line..=self.last_line() {
            let line = self.line(l).as_bytes();
            let min = if l == from.line { first_min } else { 0 };
            for c in min..line.len() {
                if line[c] == b'<' {
                    if let Some(start) = self.tag_at(Pos::new(l, c), tags)? {
                        return Ok(Some((Pos::new(l, c), start)));
                    }
                }
            }
        }
        Ok(None)
    }

    /// `searchit()` backward from `from` (a match must start before it), no wrapping.
    fn tag_search_backward(&self, from: Pos, tags: Tags) -> Res<Option<(Pos, bool)>> {
        let (first, limit) = if from.col == 0 {
            if from.line == 0 {
                return Ok(None);
            }
            (from.line - 1, usize::MAX)
        } else {
            (from.line, from.col)
        };
        for l in (0..=first).rev() {
            let line = self.line(l).as_bytes();
            let end = if l == from.line { limit.min(line.len()) } else { line.len() };
            for c in (0..end).rev() {
                if line[c] == b'<' {
                    if let Some(start) = self.tag_at(Pos::new(l, c), tags)? {
                        return Ok(Some((Pos::new(l, c), start)));
                    }
                }
            }
        }
        Ok(None)
    }

    /// `do_searchpair()` without a middle pattern or skip expression: the position of the
    /// unmatched start (backward) or end (forward), counting nested pairs.
    fn tag_searchpair(&self, from: Pos, tags: Tags, forward: bool) -> Res<Option<Pos>> {
        let mut pos = from;
        let mut nest = 1usize;
        loop {
            let found = if forward { self.tag_search_forward(pos, tags)? } else { self.tag_search_backward(pos, tags)? };
            let Some((p, is_start)) = found else { return Ok(None) };
            pos = p;
            if is_start == forward {
                nest += 1;
            } else {
                nest -= 1;
                if nest == 0 {
                    return Ok(Some(pos));
                }
            }
        }
    }

    /// `in_html_tag()`: is the cursor on a start tag `<aaa>` (not `<aaa/>`), or with
    /// `end_tag` on an end tag `</aaa>`?
    fn in_html_tag(&self, cur: Pos, end_tag: bool) -> bool {
        let line = self.line(cur.line);
        let mut p = cur.col;
        while p > 0 {
            if self.tag_byte(cur.line, p) == b'<' {
                break;
            }
            p = super::prev_boundary(line, p.min(line.len()));
            if self.tag_byte(cur.line, p) == b'>' {
                break;
            }
        }
        if self.tag_byte(cur.line, p) != b'<' {
            return false;
        }
        let after = self.tag_byte(cur.line, p + 1);
        if end_tag {
            return after == b'/';
        }
        if after == b'/' {
            return false;
        }
        // The matching '>' must not follow a '/'.
        let mut pos = Pos::new(cur.line, p);
        let mut lc = 0u8;
        loop {
            if self.inc(&mut pos) < 0 {
                return false;
            }
            let c = self.tag_byte(pos.line, pos.col);
            if c == b'>' {
                break;
            }
            lc = c;
        }
        lc != b'/'
    }
}

/// `current_tagblock()`: on success the operator's start and whether the range is
/// inclusive (ignored in Visual mode, where `visual` is updated).
pub(crate) fn current_tagblock(
    vim: &Vim,
    cur: &mut Pos,
    visual: &mut Option<VisualArea>,
    pcmarks: &mut Vec<Pos>,
    count_arg: usize,
    include: bool,
) -> Res<Option<(Pos, bool)>> {
    let mut count = count_arg;
    let mut do_include = include;
    let mut is_inclusive = true;
    let old_pos = *cur;
    let mut old_end = *cur;
    let mut old_start = *cur;
    if visual.is_none() {
        // old_end is inclusive.
        vim.decl(&mut old_end);
    }
    if visual.map_or(true, |a| a.anchor == *cur) {
        pcmarks.push(*cur);
        // Ignore indent.
        while vim.first_nonblank(cur.line) > cur.col {
            if vim.inc(cur) != 0 {
                break;
            }
        }
        if vim.in_html_tag(*cur, false) {
            // On a start tag: to its '>'.
            while vim.tag_byte(cur.line, cur.col) != b'>' {
                if vim.inc(cur) < 0 {
                    break;
                }
            }
        } else if vim.in_html_tag(*cur, true) {
            // On an end tag: to just before it.
            while vim.tag_byte(cur.line, cur.col) != b'<' {
                if vim.dec(cur) < 0 {
                    break;
                }
            }
            vim.dec(cur);
            old_end = *cur;
        }
    } else if let Some(area) = *visual {
        if area.anchor < *cur {
            old_start = area.anchor;
            *cur = area.anchor;
        } else {
            old_end = area.anchor;
        }
    }
    loop {
        // Back to the count'th unclosed start tag.
        for _ in 0..count {
            match vim.tag_searchpair(*cur, Tags::Any, false)? {
                Some(p) => *cur = p,
                None => {
                    *cur = old_pos;
                    return Ok(None);
                }
            }
        }
        let mut start_pos = *cur;
        // Its name, then forward to the matching end tag.
        vim.inc(cur);
        let line = vim.line(cur.line).as_bytes();
        let from = cur.col.min(line.len());
        let len = line[from..].iter().take_while(|&&b| !matches!(b, b'>' | b' ' | b'\t')).count();
        if len == 0 {
            *cur = old_pos;
            return Ok(None);
        }
        let name = &line[from..from + len];
        if name.iter().any(|b| !b.is_ascii() || b"\\.*[]~^$".contains(b) || *b == 0) {
            return Err(Flow::Fatal(vim.unsupported_as(
                Feature::Regex,
                "t".into(),
                "a tag name with regex characters or non-ASCII letters (Vim puts it into a pattern)",
            )));
        }
        let found = vim.tag_searchpair(*cur, Tags::Named(name), true)?;
        let end = match found {
            Some(p) if p >= old_end => p,
            _ => {
                // No matching end, or it ends before the previous end: an unclosed tag;
                // look for another start tag further back.
                count = 1;
                *cur = start_pos;
                continue;
            }
        };
        *cur = end;
        if do_include {
            // Up to the '>'.
            while vim.tag_byte(cur.line, cur.col) != b'>' {
                if vim.inc(cur) < 0 {
                    break;
                }
            }
        } else if vim.tag_byte(cur.line, cur.col) == b'<' {
            // Exclude the end tag; when it starts a line, keep the line break (exclusive).
            if visual.is_none() && cur.col == 0 {
                is_inclusive = false;
            } else {
                vim.dec(cur);
            }
        }
        let end_pos = *cur;
        if !do_include {
            // Exclude the start tag.
            *cur = start_pos;
            while vim.inc(cur) >= 0 {
                if vim.tag_byte(cur.line, cur.col) == b'>' {
                    vim.inc(cur);
                    start_pos = *cur;
                    break;
                }
            }
            *cur = end_pos;
            // In Visual mode, the same area as before: select the tags too.
            if visual.is_some() && start_pos == old_start && end_pos == old_end {
                do_include = true;
                *cur = old_start;
                count = count_arg;
                continue;
            }
        }
        if let Some(area) = visual {
            if end_pos < start_pos {
                *cur = start_pos;
            }
            area.anchor = start_pos;
            area.mode = Mode::Visual;
            return Ok(Some((start_pos, true)));
        }
        if end_pos < start_pos {
            // No text between the tags: an empty range.
            *cur = start_pos;
            return Ok(Some((start_pos, false)));
        }
        return Ok(Some((start_pos, is_inclusive)));
    }
}
