//! The picture notation of the engine's unit tests: a text with `ˇ` where the cursor is and,
//! in Visual mode, `«` and `»` around the selection, so a test reads as the editor looked
//! before and after its keys. The JSONL corpora recorded from real Vim stay the judge; these
//! pictures pin single behaviours where a reader wants to see them.

use super::{next_boundary, Mode, Pos, Vim};

/// An editor on `picture`'s text with the cursor where its `ˇ` is (at the start of the text
/// when there is none), wanting the cursor's column, as if placed there with the mouse.
pub(crate) fn editor(picture: &str) -> Vim {
    let text = picture.replacen('ˇ', "", 1);
    let mut vim = Vim::new(&text);
    if let Some(at) = picture.find('ˇ') {
        let before = &picture[..at];
        let line = before.matches('\n').count();
        let col = at - before.rfind('\n').map_or(0, |nl| nl + 1);
        vim.cur = Pos::new(line, col);
        vim.set_curswant = true;
    }
    vim
}

/// The editor's text (without the final line break) with `ˇ` before the character under
/// the cursor, and a charwise or linewise selection between `«` and `»` (both ends
/// included, as Vim's inclusive 'selection' takes them).
pub(crate) fn picture(vim: &Vim) -> String {
    let mut lines: Vec<String> = vim.lines().to_vec();
    let mut marks: Vec<(Pos, &str)> = vec![(vim.cur, "ˇ")];
    let (from, to) = if vim.visual.anchor < vim.cur {
        (vim.visual.anchor, vim.cur)
    } else {
        (vim.cur, vim.visual.anchor)
    };
    match vim.mode {
        Mode::Visual => {
            let after_end = next_boundary(&lines[to.line], to.col).max(to.col);
            marks.push((from, "«"));
            marks.push((Pos::new(to.line, after_end), "»"));
        }
        Mode::VisualLine => {
            marks.push((Pos::new(from.line, 0), "«"));
            marks.push((Pos::new(to.line, lines[to.line].len()), "»"));
        }
        Mode::VisualBlock => panic!("a block selection has no picture"),
        _ => {}
    }
    // From the end, so each insertion leaves the earlier positions where they are; marks at
    // one position read `«ˇ»` (a later insertion goes in front of an earlier one).
    let rank = |m: &str| match m {
        "»" => 0,
        "ˇ" => 1,
        _ => 2,
    };
    marks.sort_by(|a, b| b.0.cmp(&a.0).then(rank(a.1).cmp(&rank(b.1))));
    for (pos, mark) in marks {
        let line = &mut lines[pos.line];
        line.insert_str(pos.col.min(line.len()), mark);
    }
    lines.join("\n")
}

/// Type `keys` (notation) on the editor `before` shows; it must then look like `after`.
#[track_caller]
pub(crate) fn check(before: &str, keys: &str, after: &str) {
    let vim = editor(before)
        .keys(keys)
        .unwrap_or_else(|e| panic!("{before:?} with {keys:?}: {e}"));
    assert_eq!(picture(&vim), after, "{before:?} with {keys:?}");
}

#[cfg(test)]
mod tests {
    use super::{check, editor, picture};

    #[test]
    fn a_picture_shows_what_it_was_made_from() {
        for text in ["ˇabc", "abˇc", "one\ntˇwo", "ˇ"] {
            assert_eq!(picture(&editor(text)), text);
        }
        check("aˇbc", "", "aˇbc");
    }
}
