//! `gq` and `gw`: formatting lines to 'textwidth' (Vim's `op_format()`, `format_lines()` and
//! `internal_format()` in textformat.c), aware of the comment leaders of the default
//! 'comments' (`get_leader_len()` in misc1.c, and the leader `open_line()` in change.c puts
//! on a broken line).
//!
//! 'textwidth' may be set; the other options are Vim's defaults under the contract:
//! 'formatoptions' "tcq" (comments are
//! formatted, no numbered lists, no second-line indent), 'noautoindent' (a broken line starts
//! in column 0 unless its comment leader gives it an indent), 'joinspaces', no 'formatexpr'
//! or 'formatprg'. A paragraph is joined into one line (the leader of each joined line
//! deleted first), then broken at the last blank that keeps it within the width, again and
//! again, as Vim does it.

use super::command::{Op, OpArg};
use super::operator::Region;
use super::{next_boundary, prev_boundary, Flow, Pos, Res, Vim};
use crate::keys::Key;

/// One part of 'comments': its flags and the leader it matches.
struct CommentPart {
    flags: &'static str,
    text: &'static str,
}

/// Vim's default 'comments': `s1:/*,mb:*,ex:*/,://,b:#,:%,:XCOMM,n:>,fb:-`.
const COMMENTS: [CommentPart; 9] = [
    CommentPart { flags: "s1", text: "/*" },
    CommentPart { flags: "mb", text: "*" },
    CommentPart { flags: "ex", text: "*/" },
    CommentPart { flags: "", text: "//" },
    CommentPart { flags: "b", text: "#" },
    CommentPart { flags: "", text: "%" },
    CommentPart { flags: "", text: "XCOMM" },
    CommentPart { flags: "n", text: ">" },
    CommentPart { flags: "fb", text: "-" },
];

/// The part of [`COMMENTS`] for `//` (a line comment may follow code, `format_lines()`).
const LINE_COMMENT: usize = 3;

/// A line's comment leader as `get_leader_len(line, &flags, FALSE, TRUE)` finds it: its
/// length in bytes (the indent, the leaders, the blanks after them) and the part of
/// 'comments' whose flags apply (the first leader's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Leader {
    len: usize,
    part: Option<usize>,
}

impl Leader {
    fn flags(self) -> &'static str {
        self.part.map_or("", |p| COMMENTS[p].flags)
    }
}

fn is_white(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Byte `i` of `s`, or NUL past its end (as C reads a line).
fn byte(s: &[u8], i: usize) -> u8 {
    s.get(i).copied().unwrap_or(0)
}

/// `get_leader_len(line, &flags, FALSE, TRUE)` with the default 'comments'.
fn leader(line: &str) -> Leader {
    let s = line.as_bytes();
    let mut i = 0;
    while is_white(byte(s, i)) {
        i += 1;
    }
    let mut result = Leader::default();
    let mut got_com = false;
    while i < s.len() {
        let mut found_one = false;
        let mut middle_match: Option<(usize, usize)> = None;
        // The flags of the last part looked at (Vim's `part_buf` after the loop).
        let mut last_flags = "";
        for (k, part) in COMMENTS.iter().enumerate() {
            if !got_com {
                result.part = Some(k);
            }
            last_flags = part.flags;
            if middle_match.is_some() && !part.flags.contains('m') && !part.flags.contains('e') {
                break;
            }
            if got_com && !part.flags.contains('n') {
                continue;
            }
            let j = part.text.len();
            if !s[i..].starts_with(part.text.as_bytes()) {
                continue;
            }
            if part.flags.contains('b') && !is_white(byte(s, i + j)) && byte(s, i + j) != 0 {
                continue;
            }
            if part.flags.contains('m') {
                if middle_match.is_none() {
                    middle_match = Some((j, k));
                }
                continue;
            }
            if middle_match.is_some_and(|(len, _)| j > len) {
                // The end leader is the longer, better match.
                middle_match = None;
            }
            if middle_match.is_none() {
                i += j;
            }
            found_one = true;
            break;
        }
        if let Some((len, k)) = middle_match {
            if !got_com {
                result.part = Some(k);
            }
            i += len;
            found_one = true;
        }
        if !found_one {
            break;
        }
        while is_white(byte(s, i)) {
            i += 1;
        }
        result.len = i;
        got_com = true;
        if !last_flags.contains('n') {
            break;
        }
    }
    if result.len == 0 {
        result.part = None;
    }
    result
}

/// Does 'comments' treat the line as the end of a comment (its leader has the `e` flag)?
fn ends_comment(l: Leader) -> bool {
    l.len > 0 && l.flags().contains('e')
}

/// `set_indent(size, SIN_CHANGED)` with 'noexpandtab' and a tab of 8: the indent as tabs and
/// then spaces, or `None` when the line has it already.
fn with_indent(line: &str, size: usize) -> Option<String> {
    let indent: String = "\t".repeat(size / 8) + &" ".repeat(size % 8);
    let body = line.trim_start_matches([' ', '\t']);
    let old = &line[..line.len() - body.len()];
    (old != indent).then(|| indent + body)
}

/// `get_indent_str()`: the width of the line's indent with a tab of 8.
fn indent_width(line: &str) -> usize {
    let mut width = 0;
    for b in line.bytes() {
        match b {
            b' ' => width += 1,
            b'\t' => width += 8 - width % 8,
            _ => break,
        }
    }
    width
}

/// The cursor of `gw` (Vim's `saved_cursor`), moved as Vim's `mark_adjust()`,
/// `mark_col_adjust()` and `set_indent()` move it while lines are formatted.
#[derive(Clone, Copy, Debug)]
struct Kept(Option<Pos>);

impl Kept {
    /// `mark_col_adjust(lnum, mincol, lnum_amount, col_amount, spaces_removed)`.
    fn col_adjust(&mut self, lnum: usize, mincol: usize, lnum_amount: isize, col_amount: isize, spaces_removed: isize) {
        let Some(p) = self.0.as_mut() else { return };
        if p.line != lnum || p.col < mincol {
            return;
        }
        p.line = p.line.saturating_add_signed(lnum_amount);
        p.col = super::markmove::col_adjusted(p.col as isize, col_amount, spaces_removed).max(0) as usize;
    }

    /// `mark_adjust(line1, MAXLNUM, 1, 0)`: a line was put in above line `line1`.
    fn lines_down_from(&mut self, line1: usize) {
        if let Some(p) = self.0.as_mut() {
            if p.line >= line1 {
                p.line += 1;
            }
        }
    }

    /// `mark_adjust(lnum, lnum, MAXLNUM, -1)` with `one_adjust_nodel()`: line `lnum` was
    /// deleted; a position on it goes to the line that takes its place.
    fn line_deleted(&mut self, lnum: usize) {
        if let Some(p) = self.0.as_mut() {
            if p.line > lnum {
                p.line -= 1;
            }
        }
    }
}

impl Vim {
    /// `op_format()`: `gq` and `gw` (which keeps the cursor on its text) on the lines of a
    /// region; `op.start` is where the operator was typed. After an exclusive motion whose
    /// end was moved back from column 0 of the line below (`r.end_adjusted`), the cursor ends
    /// on that line, "so `.` will do the next lines".
    pub(crate) fn op_format(&mut self, op: &OpArg, r: Region) -> Res {
        let end_adjusted = r.end_adjusted;
        let keep_cursor = op.op == Op::FormatKeep;
        let (first, last) = (r.start.line, r.end.line);
        for l in first.saturating_sub(1)..=(last + 1).min(self.last_line()) {
            if let Some(c) = self.line(l).chars().find(|&c| super::chars::may_be_composing(c)) {
                return Err(self.unsupported(Key::Char(c), "formatting lines with composing characters"));
            }
        }
        // "Place the cursor where the gq or gw command was given, so that u can put it
        // back there."
        self.cur = op.start;
        self.u_save(first, last + 2);
        // Where `u` puts the cursor depends on the lines Vim's entry saved, not only on the
        // lines that changed: undo follows the entry.
        self.undo.mark_unsure();
        self.undo.cover();
        self.cur = r.start;
        let mut kept = Kept(keep_cursor.then_some(op.start));
        let result = self.format_lines(first, last - first + 1, &mut kept);
        self.undo.uncover();
        // u_save() above kept the line for `U` as Vim does; each break cleared it.
        self.uline_checked = true;
        result?;
        if end_adjusted && self.cur.line < self.last_line() {
            self.cur.line += 1;
        }
        self.cur.col = self.first_nonblank(self.cur.line);
        self.set_curswant = true;
        if let Some(p) = kept.0 {
            // check_cursor(): the line may have become shorter.
            let line = p.line.min(self.last_line());
            self.cur = Pos::new(line, p.col);
        }
        self.clamp_cursor();
        Ok(())
    }

    /// `fmt_check_par()`: is line `lnum` outside any paragraph (blank, only a comment leader,
    /// a comment's end, or a paragraph macro), and its leader.
    fn fmt_check_par(&self, lnum: usize) -> (bool, Leader) {
        let line = self.line(lnum);
        let l = leader(line);
        let rest = line[l.len..].trim_start_matches([' ', '\t']);
        (rest.is_empty() || ends_comment(l) || self.starts_paragraph(lnum), l)
    }

    /// `same_leader()`: may line `lnum + 1` (leader `l2`) be joined to line `lnum` (leader
    /// `l1`)?
    fn same_leader(&self, lnum: usize, l1: Leader, l2: Leader) -> bool {
        if l1.len == 0 {
            return l2.len == 0;
        }
        let line1 = self.line(lnum).as_bytes();
        for flag in l1.flags().chars() {
            match flag {
                'f' => return l2.len == 0,
                'e' => return false,
                's' => {
                    if line1.len() <= l1.len || l2.len == 0 {
                        return false;
                    }
                    return l2.flags().contains('m');
                }
                _ => {}
            }
        }
        let line2 = self.line(lnum + 1).as_bytes();
        let mut idx1 = 0;
        while is_white(byte(line1, idx1)) {
            idx1 += 1;
        }
        let mut idx2 = 0;
        while idx2 < l2.len {
            if !is_white(byte(line2, idx2)) {
                let c1 = byte(line1, idx1);
                idx1 += 1;
                if c1 != byte(line2, idx2) {
                    break;
                }
            } else {
                while is_white(byte(line1, idx1)) {
                    idx1 += 1;
                }
            }
            idx2 += 1;
        }
        idx2 == l2.len && idx1 == l1.len
    }

    /// `format_lines(line_count, ...)` from line `first`: each paragraph is joined and then
    /// broken to the width; the cursor ends on the last line formatted.
    fn format_lines(&mut self, first: usize, line_count: usize, kept: &mut Kept) -> Res {
        let textwidth = self.format_width();
        let max_len = textwidth * 3;
        let (mut is_not_par, mut leader_now) = if first > 0 { self.fmt_check_par(first - 1) } else { (true, Leader::default()) };
        let (mut next_is_not_par, mut next_leader) = self.fmt_check_par(first);
        let mut advance = true;
        let mut need_set_indent = true;
        let mut force_format = false;
        let mut lnum = first;
        for count in (1..=line_count).rev() {
            if advance {
                if count != line_count {
                    lnum += 1;
                }
                is_not_par = next_is_not_par;
                leader_now = next_leader;
            }
            if count == 1 || lnum == self.last_line() {
                next_is_not_par = true;
                next_leader = Leader::default();
            } else {
                (next_is_not_par, next_leader) = self.fmt_check_par(lnum + 1);
            }
            advance = true;
            let mut is_end_par = is_not_par || next_is_not_par;
            if is_not_par {
                continue;
            }
            if lnum >= self.last_line() || !self.same_leader(lnum, leader_now, next_leader) {
                if next_leader.part == Some(LINE_COMMENT) && self.line(lnum).contains("//") {
                    // format_lines() goes on with the paragraph when this line has a line
                    // comment after code (check_linecomment(), which skips strings).
                    return Err(self.unsupported(Key::Char('q'), "formatting a line comment after code"));
                }
                is_end_par = true;
            }
            if is_end_par || force_format {
                if need_set_indent {
                    let line = self.line(lnum);
                    let width = indent_width(line);
                    if let Some(new) = with_indent(line, width) {
                        let old_len = line.len() - line.trim_start_matches([' ', '\t']).len();
                        let new_len = width / 8 + width % 8;
                        self.check_size(new.len())?;
                        if let Some(p) = kept.0.as_mut() {
                            // set_indent() moves the saved cursor on its line.
                            if p.line == lnum {
                                if p.col >= old_len {
                                    p.col = p.col + new_len - old_len;
                                } else if p.col >= new_len {
                                    p.col = new_len;
                                }
                            }
                        }
                        self.buf.set_line(lnum, new);
                    }
                }
                // The cursor on the last character that is not white space.
                let line = self.line(lnum);
                let mut col = prev_boundary(line, line.len());
                while col > 0 && line.as_bytes().get(col).is_some_and(|&b| b == b' ' || (9..=13).contains(&b)) {
                    col = prev_boundary(line, col);
                }
                lnum = self.internal_format(Pos::new(lnum, col), textwidth, kept)?.line;
                need_set_indent = is_end_par;
                force_format = false;
            }
            if !is_end_par {
                advance = false;
                let next = lnum + 1;
                if next_leader.len > 0 {
                    self.buf.line_mut(next).replace_range(..next_leader.len, "");
                    self.buf.col_adjust_marks(next, 0, 0, -(next_leader.len as isize));
                    kept.col_adjust(next, 0, 0, -(next_leader.len as isize), 0);
                }
                self.join_for_format(lnum, kept)?;
                force_format = self.line(lnum).len() > max_len;
            }
        }
        self.cur.line = lnum;
        Ok(())
    }

    /// `do_join(2, TRUE, FALSE, FALSE, FALSE)` of line `lnum` and the next, moving the kept
    /// cursor as `mark_col_adjust()` does.
    fn join_for_format(&mut self, lnum: usize, kept: &mut Kept) -> Res {
        let first_len = self.line(lnum).len() as isize;
        let next = self.line(lnum + 1);
        let white = (next.len() - next.trim_start_matches([' ', '\t']).len()) as isize;
        let text_len = next.len() as isize - white;
        self.cur = Pos::new(lnum, 0);
        self.do_join(2, true, false)?;
        let spaces = self.line(lnum).len() as isize - first_len - text_len;
        let spaces_removed = white - spaces;
        kept.col_adjust(lnum + 1, 0, -1, first_len - spaces_removed, spaces_removed);
        kept.line_deleted(lnum + 1);
        Ok(())
    }

    /// `comp_textwidth(TRUE)`: 'textwidth', or when it is 0 the window's width less one, at
    /// most 79.
    fn format_width(&self) -> usize {
        match self.options.textwidth {
            0 => 79,
            tw => tw,
        }
    }

    /// `internal_format(textwidth, -1, INSCHAR_FORMAT | INSCHAR_DO_COM, TRUE, NUL)` with
    /// the cursor at `pos`: break the line until the cursor's character ends within the
    /// width; returns where the cursor ends.
    fn internal_format(&mut self, mut pos: Pos, textwidth: usize, kept: &mut Kept) -> Res<Pos> {
        let mut no_leader = false;
        loop {
            let line = self.line(pos.line);
            let cursor_char = line[pos.col.min(line.len())..].chars().next();
            // char2cells(): a control character (a tab too) takes two cells.
            let cells = match cursor_char {
                None => 2,
                Some(c) if (c as u32) < 0x20 || c == '\x7f' => 2,
                Some(c) => self.cells(c, 0)?,
            };
            let virtcol = self.vcol(pos.line, pos.col)? + cells;
            if virtcol <= textwidth {
                break;
            }
            // "If the line doesn't start with a comment leader, then don't start one in a
            // following broken line" (a `%word` moved to the start of a line).
            let do_comments = !no_leader;
            let leader_len = if do_comments { leader(line).len } else { 0 };
            if leader_len == 0 {
                no_leader = true;
            }
            let startcol = pos.col;
            if is_white(byte(line.as_bytes(), startcol)) {
                // Vim puts an 'x' there while it looks for a break (noautoindent).
                return Err(self.unsupported(Key::Char('q'), "formatting a line that ends in a vertical tab or form feed"));
            }
            if startcol == 0 {
                break;
            }
            let wantcol = self.col_for_vcol(pos.line, textwidth, true)?;
            let s = line.as_bytes();
            let mut col = startcol;
            let mut foundcol = 0;
            loop {
                if is_white(byte(s, col)) {
                    while col > 0 && is_white(byte(s, col)) {
                        col = prev_boundary(line, col);
                    }
                    if col == 0 && is_white(byte(s, col)) {
                        break; // only blanks before the text
                    }
                    if col < leader_len {
                        break; // not before the comment leader's end
                    }
                    col = next_boundary(line, col);
                    foundcol = col;
                    if col <= wantcol {
                        break;
                    }
                }
                if col == 0 {
                    break;
                }
                col = prev_boundary(line, col);
            }
            if foundcol == 0 {
                // No blank to break at.
                break;
            }
            let mut word = foundcol;
            while is_white(byte(s, word)) {
                word = next_boundary(line, word);
            }
            let offset = startcol.saturating_sub(word);
            let newcol = self.open_line_for_format(Pos::new(pos.line, foundcol), do_comments, kept)?;
            pos = Pos::new(pos.line + 1, newcol + offset);
            pos.col = pos.col.min(self.line(pos.line).len());
        }
        Ok(pos)
    }

    /// `open_line(FORWARD, OPENLINE_DELSPACES | OPENLINE_MARKFIX | OPENLINE_FORMAT, 0)`, with
    /// `OPENLINE_DO_COM` when `do_comments`, in Insert mode at `at`: the text from there, without its leading
    /// blanks, goes to a new line below, after the line's comment leader as 'comments' says
    /// it continues. Returns the new line's cursor column (where the moved text starts).
    fn open_line_for_format(&mut self, at: Pos, do_comments: bool, kept: &mut Kept) -> Res<usize> {
        let saved = self.line(at.line).to_string();
        let l = if do_comments { leader(&saved) } else { Leader::default() };
        let mut lead_len = l.len;
        let mut lead_repl: Option<&str> = None;
        let mut extra_space = false;
        let mut off: isize = 0;
        if lead_len > 0 {
            let flags = l.flags();
            for flag in flags.chars() {
                match flag {
                    's' | 'm' => {
                        // The middle and end leaders of the three-part comment (`mb:*` and
                        // `ex:*/` in the default 'comments').
                        let middle = &COMMENTS[1];
                        let require_blank = middle.flags.contains('b');
                        let end = COMMENTS[2].text;
                        if saved[lead_len..at.col.max(lead_len)].contains(end) {
                            // The comment ends before the break (open_line() looks at the
                            // line up to the cursor): no leader.
                            lead_len = 0;
                        } else {
                            if flag == 's' {
                                lead_repl = Some(middle.text);
                            }
                            if !is_white(saved.as_bytes()[lead_len - 1]) && (at.col == lead_len || require_blank) {
                                extra_space = true;
                            }
                        }
                        break;
                    }
                    'e' => {
                        lead_len = 0;
                        break;
                    }
                    'f' => {
                        lead_repl = Some("");
                        break;
                    }
                    _ => {}
                }
            }
            if lead_repl.is_some() {
                off = flags.chars().filter(|c| c.is_ascii_digit()).fold(0, |n, c| n * 10 + c.to_digit(10).map_or(0, |d| d as isize));
            }
        }
        let mut leader_text = saved.as_bytes()[..lead_len].to_vec();
        let mut newindent: isize = 0;
        if lead_len > 0 {
            if let Some(repl) = lead_repl {
                // Left adjusted: the replacement goes where the leader's text starts, the
                // rest of the old leader becomes spaces (a space before a tab goes).
                // (The leaders of the default 'comments' are ASCII: bytes are cells.)
                let p = leader_text.iter().position(|&b| !is_white(b)).unwrap_or(leader_text.len());
                leader_text[p..p + repl.len()].copy_from_slice(repl.as_bytes());
                let mut q = p + repl.len();
                while q < lead_len {
                    if !is_white(leader_text[q]) {
                        if q + 1 < lead_len && leader_text[q + 1] == b'\t' {
                            leader_text.remove(q);
                            lead_len -= 1;
                        } else {
                            leader_text[q] = b' ';
                        }
                    }
                    q += 1;
                }
                leader_text.truncate(lead_len);
                newindent += off;
                if newindent < 0 {
                    newindent = 0;
                }
                let has_tab = leader_text[p.min(leader_text.len())..].contains(&b'\t');
                while off > 0 && lead_len > 0 && leader_text[lead_len - 1] == b' ' && !has_tab {
                    lead_len -= 1;
                    off -= 1;
                }
                if lead_len > 0 && is_white(leader_text[lead_len - 1]) {
                    extra_space = false;
                }
                leader_text.truncate(lead_len);
            }
            if extra_space {
                leader_text.push(b' ');
            }
            if newindent > 0 {
                let blanks = leader_text.iter().take_while(|&&b| is_white(b)).count();
                leader_text.drain(..blanks);
            }
        }
        // OPENLINE_DELSPACES: the blanks at the break go.
        let mut extra = at.col;
        let s = saved.as_bytes();
        while is_white(byte(s, extra)) {
            extra += 1;
        }
        let leader_str = String::from_utf8(leader_text).map_err(|_| Flow::Fail)?;
        let indent: String = "\t".repeat(newindent as usize / 8) + &" ".repeat(newindent as usize % 8);
        let new_line = format!("{indent}{leader_str}{}", &saved[extra..]);
        let newcol = indent.len() + leader_str.len();
        self.check_size(new_line.len())?;
        // mark_adjust() for the new line, then OPENLINE_MARKFIX: what was at or after the
        // break moves to the new line, shifted past the leader.
        kept.lines_down_from(at.line + 1);
        let less_cols = extra as isize - newcol as isize;
        kept.col_adjust(at.line, extra, 1, -less_cols, 0);
        self.buf.line_mut(at.line).truncate(at.col);
        self.u_clearline();
        self.buf.insert_lines_moving_marks(at.line + 1, vec![new_line]);
        self.buf.col_adjust_marks(at.line, extra, 1, -less_cols);
        Ok(newcol)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leader_of(line: &str) -> (usize, &'static str) {
        let l = leader(line);
        (l.len, l.part.map_or("-", |p| COMMENTS[p].text))
    }

    #[test]
    fn leaders_of_the_default_comments() {
        assert_eq!(leader_of("plain text"), (0, "-"));
        assert_eq!(leader_of("  // text"), (5, "//"));
        assert_eq!(leader_of("#text"), (0, "-"), "`b:#` wants a blank after the #");
        assert_eq!(leader_of("# text"), (2, "#"));
        assert_eq!(leader_of("#"), (1, "#"));
        assert_eq!(leader_of("> > quoted"), (4, ">"), "`n:>` nests");
        assert_eq!(leader_of("/* start"), (3, "/*"));
        assert_eq!(leader_of(" * middle"), (3, "*"));
        assert_eq!(leader_of(" */"), (3, "*/"), "the end leader is the longer match");
        assert_eq!(leader_of("- item"), (2, "-"));
        assert_eq!(leader_of("-item"), (0, "-"));
        assert_eq!(leader_of("XCOMM x"), (6, "XCOMM"));
    }

    #[test]
    fn first_line_indent_is_rewritten_with_tabs() {
        assert_eq!(with_indent("        x", 8).as_deref(), Some("\tx"));
        assert_eq!(with_indent("\t x", 9), None);
        assert_eq!(with_indent(" \tx", 8).as_deref(), Some("\tx"));
        assert_eq!(indent_width(" \t  x"), 10);
    }
}
