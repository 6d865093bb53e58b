//! Where two texts differ: line hunks (a line diff), and inside a changed line the regions of
//! bytes that change, at three granularities (characters, words, one span) so the planner can
//! choose whichever gives the fewest keys.

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// A run of changed lines: `old` lines of the source become `new` lines of the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk {
    /// First old line (0-based) and how many.
    pub old_start: usize,
    pub old_len: usize,
    /// First new line (0-based) and how many.
    pub new_start: usize,
    pub new_len: usize,
}

/// The hunks that turn `old` lines into `new` lines, top to bottom.
pub fn line_hunks(old: &[String], new: &[String]) -> Vec<Hunk> {
    let mut hunks: Vec<Hunk> = Vec::new();
    // Positions come from running counters over the operations' lengths, not from the
    // operations' own indices: `similar`'s Myers reports a wrong `new_index` for a delete that
    // comes before an equal run matched further up in the new text (see the test below).
    let (mut old_at, mut new_at) = (0, 0);
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (old_len, new_len) = match op {
            DiffOp::Equal { len, .. } => {
                old_at += len;
                new_at += len;
                continue;
            }
            DiffOp::Delete { old_len, .. } => (old_len, 0),
            DiffOp::Insert { new_len, .. } => (0, new_len),
            DiffOp::Replace { old_len, new_len, .. } => (old_len, new_len),
        };
        let (old_start, new_start) = (old_at, new_at);
        old_at += old_len;
        new_at += new_len;
        // Adjacent operations (a delete right before an insert) are one change of lines.
        match hunks.last_mut() {
            Some(last) if last.old_start + last.old_len == old_start && last.new_start + last.new_len == new_start => {
                last.old_len += old_len;
                last.new_len += new_len;
            }
            _ => hunks.push(Hunk { old_start, old_len, new_start, new_len }),
        }
    }
    hunks
}

/// One change inside a line: the old bytes `start..end` become `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// How finely a changed line is cut into regions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granularity {
    /// One region from the first to the last differing byte.
    Span,
    /// Words, runs of blanks and single punctuation characters.
    Words,
    /// Single characters.
    Chars,
}

impl Granularity {
    pub const ALL: [Granularity; 3] = [Granularity::Span, Granularity::Words, Granularity::Chars];
}

/// The regions that turn line `old` into line `new`, left to right, in `old`'s byte offsets.
pub fn line_regions(old: &str, new: &str, granularity: Granularity) -> Vec<Region> {
    if old == new {
        return Vec::new();
    }
    if granularity == Granularity::Span {
        let prefix = common_prefix(old, new);
        let suffix = common_suffix(&old[prefix..], &new[prefix..]);
        return vec![Region { start: prefix, end: old.len() - suffix, text: new[prefix..new.len() - suffix].to_string() }];
    }
    let old_tokens = tokens(old, granularity);
    let new_tokens = tokens(new, granularity);
    let old_texts: Vec<&str> = old_tokens.iter().map(|r| &old[r.clone()]).collect();
    let new_texts: Vec<&str> = new_tokens.iter().map(|r| &new[r.clone()]).collect();
    let byte_at = |tokens: &[std::ops::Range<usize>], index: usize, len: usize| tokens.get(index).map_or(len, |r| r.start);
    let mut regions: Vec<Region> = Vec::new();
    for op in capture_diff_slices(Algorithm::Myers, &old_texts, &new_texts) {
        let (oi, ol, ni, nl) = match op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete { old_index, old_len, new_index } => (old_index, old_len, new_index, 0),
            DiffOp::Insert { old_index, new_index, new_len } => (old_index, 0, new_index, new_len),
            DiffOp::Replace { old_index, old_len, new_index, new_len } => (old_index, old_len, new_index, new_len),
        };
        let start = byte_at(&old_tokens, oi, old.len());
        let end = byte_at(&old_tokens, oi + ol, old.len());
        let text = new[byte_at(&new_tokens, ni, new.len())..byte_at(&new_tokens, ni + nl, new.len())].to_string();
        match regions.last_mut() {
            Some(last) if last.end == start => {
                last.end = end;
                last.text.push_str(&text);
            }
            _ => regions.push(Region { start, end, text }),
        }
    }
    regions
}

fn common_prefix(a: &str, b: &str) -> usize {
    // Every character before the first difference is shared, so the shorter length is a
    // character boundary of both texts when there is no difference.
    a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i)
}

fn common_suffix(a: &str, b: &str) -> usize {
    let mut n = 0;
    for (x, y) in a.chars().rev().zip(b.chars().rev()) {
        if x != y {
            break;
        }
        n += x.len_utf8();
    }
    n
}

/// The byte ranges of `line`'s tokens at a granularity.
fn tokens(line: &str, granularity: Granularity) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        if granularity == Granularity::Words {
            let class = char_class(c);
            if class != CharClass::Punctuation {
                while let Some(&(i, next)) = chars.peek() {
                    if char_class(next) != class {
                        break;
                    }
                    end = i + next.len_utf8();
                    chars.next();
                }
            }
        }
        out.push(start..end);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Blank,
    Word,
    Punctuation,
}

fn char_class(c: char) -> CharClass {
    if c == ' ' || c == '\t' {
        CharClass::Blank
    } else if c.is_alphanumeric() || c == '_' {
        CharClass::Word
    } else {
        CharClass::Punctuation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn hunks_are_placed_by_running_positions() {
        // Myers matches the old empty line with the new first line; `similar` then reports the
        // delete above it at new index 4.
        let old = lines("# config\nname = vimdata\nversion = 0.1.0\n\n[deps]\nropey = 1");
        let new = lines("\nbar\n# CONFIG\nNAME = VIMDATA\nVERSION = 0.1.0\n\n[DEPS]\nROPEY = 1");
        let hunks = line_hunks(&old, &new);
        assert_eq!(hunks[0], Hunk { old_start: 0, old_len: 3, new_start: 0, new_len: 0 });
        assert_eq!(hunks[1], Hunk { old_start: 4, old_len: 2, new_start: 1, new_len: 7 });
    }

    #[test]
    fn a_replaced_line_and_an_inserted_one_make_one_hunk_each() {
        let hunks = line_hunks(&lines("a\nb\nc\nd"), &lines("a\nB\nc\nx\nd"));
        assert_eq!(hunks, vec![
            Hunk { old_start: 1, old_len: 1, new_start: 1, new_len: 1 },
            Hunk { old_start: 3, old_len: 0, new_start: 3, new_len: 1 },
        ]);
    }

    #[test]
    fn regions_at_each_granularity() {
        let span = line_regions("let x = 1;", "let y = 2;", Granularity::Span);
        assert_eq!(span, vec![Region { start: 4, end: 9, text: "y = 2".into() }]);
        let words = line_regions("let x = 1;", "let y = 2;", Granularity::Words);
        assert_eq!(words, vec![Region { start: 4, end: 5, text: "y".into() }, Region { start: 8, end: 9, text: "2".into() }]);
        let chars = line_regions("héllo", "hallo", Granularity::Chars);
        assert_eq!(chars, vec![Region { start: 1, end: 3, text: "a".into() }]);
    }

    #[test]
    fn span_respects_multibyte_boundaries() {
        let span = line_regions("aé", "aè", Granularity::Span);
        assert_eq!(span, vec![Region { start: 1, end: 3, text: "è".into() }]);
    }
}
