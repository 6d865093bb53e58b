//! The planner: builds a program hunk by hunk, choosing at each step the cheapest command
//! sequence (fewest keys) among candidates a fluent Vim user would type — and proving each
//! choice by running it in the emulator before taking it. The emulator is the planner's model
//! of Vim, so no motion or operator rule is re-implemented here: a candidate whose effect is
//! not the one wanted (a `w` that stops elsewhere, a `cw` that eats a blank) is simply not
//! taken.

use crate::engine::{Mode, Pos, Vim};
use crate::keys::Key;

use super::regions::{line_hunks, line_regions, Granularity, Hunk, Region};

/// What commands a plan may use: the styles of [`super::Style`] as capabilities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Word motions, `;`/`,`, `|`, `+`/`-` and `t`/`T` besides `h l 0 $ f F j k G`.
    pub rich_motions: bool,
    /// Operators with motions and text objects, `R`, `~`, `gU`/`gu`, `<C-a>`/`<C-x>`, `X`,
    /// `D`, `C` besides `x i a A I r s S o O dd`.
    pub operators: bool,
    /// `.` to repeat the last change.
    pub dot: bool,
}

/// How many candidate edits are tried in the emulator, cheapest first, before giving up on a
/// region (a bound on work for texts where nothing cheap fits).
const MAX_EDIT_TRIALS: usize = 40;

/// The longest count tried for word motions.
const MAX_WORD_STEPS: usize = 9;

/// A program under construction and the emulator's state after it.
#[derive(Clone)]
pub struct Planner {
    vim: Vim,
    keys: Vec<Key>,
    palette: Palette,
}

/// Where a candidate edit needs the cursor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum At {
    Col(usize),
    /// Anywhere on the line.
    Line,
}

impl Planner {
    pub fn new(source: &Vim, palette: Palette) -> Planner {
        let mut vim = source.clone();
        // The planner never types `u`: undo information would only make every trial clone
        // bigger. The emulator drops it the same way for programs without undo.
        vim.undo.turn_off();
        Planner { vim, keys: Vec::new(), palette }
    }

    pub fn keys(&self) -> &[Key] {
        &self.keys
    }

    /// Turn the buffer's lines into `target`, hunk by hunk from the top. None when some hunk
    /// has no candidate that the emulator proves.
    pub fn transform(mut self, target: &[String]) -> Option<Planner> {
        let source: Vec<String> = self.vim.lines().to_vec();
        for hunk in line_hunks(&source, target) {
            self = self.hunk(&source, target, &hunk)?;
        }
        (self.vim.lines() == target).then_some(self)
    }

    /// Apply one hunk; lines above it already equal the target's.
    fn hunk(self, source: &[String], target: &[String], hunk: &Hunk) -> Option<Planner> {
        let line = hunk.new_start;
        let old = &source[hunk.old_start..hunk.old_start + hunk.old_len];
        let new = &target[hunk.new_start..hunk.new_start + hunk.new_len];
        let mut options = Vec::new();
        if hunk.old_len == hunk.new_len {
            options.push(self.clone().edit_lines(line, old, new));
        } else if hunk.old_len == 0 {
            options.push(self.clone().open_lines(line, new));
        } else if hunk.new_len == 0 {
            options.push(self.clone().delete_lines(line, hunk.old_len));
        } else {
            // Some lines changed and some came or went: edit the lines that pair up, then
            // delete or open the rest; or retype the whole run.
            let paired = hunk.old_len.min(hunk.new_len);
            let mut edited = self.clone().edit_lines(line, &old[..paired], &new[..paired]);
            edited = edited.and_then(|p| {
                if hunk.old_len > paired {
                    p.delete_lines(line + paired, hunk.old_len - paired)
                } else {
                    p.open_lines(line + paired, &new[paired..])
                }
            });
            options.push(edited);
        }
        options.push(self.retype_lines(line, hunk.old_len, new));
        options.into_iter().flatten().min_by_key(|p| p.keys.len())
    }

    /// Edit `old` lines in place into `new` lines (same count), starting at buffer `line`.
    fn edit_lines(mut self, line: usize, old: &[String], new: &[String]) -> Option<Planner> {
        for (i, (old, new)) in old.iter().zip(new).enumerate() {
            if old != new {
                self = self.edit_line(line + i, new)?;
            }
        }
        Some(self)
    }

    /// Turn buffer line `line` into `new` with the cheapest of the region cuttings.
    fn edit_line(self, line: usize, new: &str) -> Option<Planner> {
        let old = self.vim.lines()[line].clone();
        let granularities: &[Granularity] =
            if self.palette.operators { &Granularity::ALL } else { &[Granularity::Span, Granularity::Chars] };
        let mut best: Option<Planner> = None;
        for &granularity in granularities {
            let regions = line_regions(&old, new, granularity);
            let mut planner = Some(self.clone());
            let mut shift: isize = 0;
            for region in regions {
                let Some(p) = planner else { break };
                let start = region.start.checked_add_signed(shift)?;
                let end = region.end.checked_add_signed(shift)?;
                shift += region.text.len() as isize - (region.end - region.start) as isize;
                planner = p.edit_region(line, &Region { start, end, text: region.text });
            }
            if let Some(p) = planner {
                if p.vim.lines()[line] == new && best.as_ref().map_or(true, |b| p.keys.len() < b.keys.len()) {
                    best = Some(p);
                }
            }
        }
        best
    }

    /// Make one region's change on buffer line `line`.
    fn edit_region(self, line: usize, region: &Region) -> Option<Planner> {
        let text = self.vim.lines()[line].clone();
        // The offsets come from the line before the earlier regions of the same cutting
        // were made; when one of those came out otherwise, they may fall inside a character.
        if region.start > region.end || !text.is_char_boundary(region.start) || !text.is_char_boundary(region.end) {
            return None;
        }
        let mut want = text[..region.start].to_string();
        want.push_str(&region.text);
        want.push_str(&text[region.end..]);
        let line_count = self.vim.lines().len();
        let mut candidates = self.edit_candidates(&text, region);
        let mut nav_cache: Vec<(At, Option<(Vec<Key>, Vim)>)> = Vec::new();
        let mut costed: Vec<(usize, usize)> = Vec::new();
        for (i, (at, keys)) in candidates.iter().enumerate() {
            let cost = match nav_cache.iter().find(|(a, _)| a == at) {
                Some((_, nav)) => nav.as_ref().map(|(k, _)| k.len()),
                None => {
                    let nav = self.navigate(line, *at);
                    let cost = nav.as_ref().map(|(k, _)| k.len());
                    nav_cache.push((*at, nav));
                    cost
                }
            };
            if let Some(cost) = cost {
                costed.push((cost + keys.len(), i));
            }
        }
        costed.sort();
        for &(_, i) in costed.iter().take(MAX_EDIT_TRIALS) {
            let (at, keys) = &candidates[i];
            let Some((_, Some((nav_keys, state)))) = nav_cache.iter().find(|(a, _)| a == at) else { continue };
            let Some(after) = feed(state, keys) else { continue };
            if after.lines().len() == line_count && after.lines()[line] == want {
                let mut next = self.clone();
                next.keys.extend_from_slice(nav_keys);
                next.keys.append(&mut candidates[i].1);
                next.vim = after;
                return Some(next);
            }
        }
        None
    }

    /// Open `new` lines so that the first becomes buffer line `line`.
    fn open_lines(self, line: usize, new: &[String]) -> Option<Planner> {
        let mut typed = Vec::new();
        for (i, l) in new.iter().enumerate() {
            if i > 0 {
                typed.push(Key::CR);
            }
            typed.extend(insert_text(l));
        }
        typed.push(Key::ESC);
        let count = self.vim.lines().len();
        let mut options = Vec::new();
        if line > 0 {
            options.push((line - 1, Key::Char('o')));
        }
        if line < count {
            options.push((line, Key::Char('O')));
        }
        let mut want: Vec<String> = self.vim.lines().to_vec();
        want.splice(line..line, new.iter().cloned());
        options
            .into_iter()
            .filter_map(|(at, command)| {
                let (nav, state) = self.navigate(at, At::Line)?;
                let mut keys = vec![command];
                keys.extend_from_slice(&typed);
                let after = feed(&state, &keys)?;
                (after.lines() == want.as_slice()).then(|| self.extended(nav, keys, after))
            })
            .min_by_key(|p| p.keys.len())
    }

    /// Delete `count` lines from buffer line `line`.
    fn delete_lines(self, line: usize, count: usize) -> Option<Planner> {
        let mut want: Vec<String> = self.vim.lines().to_vec();
        want.drain(line..line + count);
        if want.is_empty() {
            want.push(String::new());
        }
        let mut commands = vec![counted(count, &[Key::Char('d'), Key::Char('d')])];
        if self.palette.operators && count > 1 {
            let mut dj = vec![Key::Char('d')];
            dj.extend(counted(count - 1, &[Key::Char('j')]));
            commands.push(dj);
            if line + count == self.vim.lines().len() {
                commands.push(vec![Key::Char('d'), Key::Char('G')]);
            }
        }
        let (nav, state) = self.navigate(line, At::Line)?;
        commands
            .into_iter()
            .filter_map(|keys| {
                let after = feed(&state, &keys)?;
                (after.lines() == want.as_slice()).then(|| self.extended(nav.clone(), keys, after))
            })
            .min_by_key(|p| p.keys.len())
    }

    /// Retype `old_len` lines from buffer line `line` as `new` (`{n}S`, or `{n}dd` when
    /// nothing replaces them, or `o` when nothing is there).
    pub fn retype_lines(self, line: usize, old_len: usize, new: &[String]) -> Option<Planner> {
        if old_len == 0 {
            return self.open_lines(line, new);
        }
        if new.is_empty() {
            return self.delete_lines(line, old_len);
        }
        let mut keys = counted(old_len, &[Key::Char('S')]);
        for (i, l) in new.iter().enumerate() {
            if i > 0 {
                keys.push(Key::CR);
            }
            keys.extend(insert_text(l));
        }
        keys.push(Key::ESC);
        let mut want: Vec<String> = self.vim.lines().to_vec();
        want.splice(line..line + old_len, new.iter().cloned());
        let (nav, state) = self.navigate(line, At::Line)?;
        let after = feed(&state, &keys)?;
        (after.lines() == want.as_slice()).then(|| self.extended(nav, keys, after))
    }

    /// Retype every changed run of lines, each reached with `{n}G`: the naive program a
    /// dataset would get without a synthesiser, the baseline the synthesiser is measured
    /// against.
    pub fn retype_naive(mut self, target: &[String]) -> Option<Planner> {
        let source: Vec<String> = self.vim.lines().to_vec();
        for hunk in line_hunks(&source, target) {
            let new = &target[hunk.new_start..hunk.new_start + hunk.new_len];
            let (line, command) = match (hunk.old_len, hunk.new_start) {
                (0, 0) => (0, Key::Char('O')),
                (0, start) => (start - 1, Key::Char('o')),
                (n, start) if hunk.new_len == 0 => {
                    let mut keys = goto_line(start);
                    keys.extend(counted(n, &[Key::Char('d'), Key::Char('d')]));
                    self = self.typed(keys)?;
                    continue;
                }
                (n, start) => {
                    let mut keys = goto_line(start);
                    keys.extend(counted(n, &[Key::Char('S')]));
                    keys.extend(typed_lines(new));
                    self = self.typed(keys)?;
                    continue;
                }
            };
            let mut keys = goto_line(line);
            keys.push(command);
            keys.extend(typed_lines(new));
            self = self.typed(keys)?;
        }
        (self.vim.lines() == target).then_some(self)
    }

    /// The plan with `keys` typed, when the emulator runs them.
    fn typed(mut self, keys: Vec<Key>) -> Option<Planner> {
        self.vim = feed(&self.vim, &keys)?;
        self.keys.extend(keys);
        Some(self)
    }

    fn extended(&self, nav: Vec<Key>, keys: Vec<Key>, after: Vim) -> Planner {
        let mut next = Planner { vim: after, keys: self.keys.clone(), palette: self.palette };
        next.keys.extend(nav);
        next.keys.extend(keys);
        next
    }

    /// The cheapest proven keys that put the cursor on `line` (at `at`), with the state after.
    fn navigate(&self, line: usize, at: At) -> Option<(Vec<Key>, Vim)> {
        let here = self.vim.cursor();
        let mut line_moves: Vec<(Vec<Key>, Vim)> = Vec::new();
        if here.line == line {
            line_moves.push((Vec::new(), self.vim.clone()));
        } else {
            for keys in self.line_move_candidates(here.line, line) {
                if let Some(state) = feed(&self.vim, &keys) {
                    if state.cursor().line == line {
                        line_moves.push((keys, state));
                    }
                }
            }
        }
        let col = match at {
            At::Line => return line_moves.into_iter().min_by_key(|(k, _)| k.len()),
            At::Col(col) => col,
        };
        let mut best: Option<(Vec<Key>, Vim)> = None;
        for (keys, state) in line_moves {
            if best.as_ref().is_some_and(|(b, _)| b.len() <= keys.len()) {
                continue;
            }
            if let Some((col_keys, after)) = self.column_move(&state, Pos::new(line, col)) {
                let mut all = keys;
                all.extend(col_keys);
                if best.as_ref().map_or(true, |(b, _)| all.len() < b.len()) {
                    best = Some((all, after));
                }
            }
        }
        best
    }

    fn line_move_candidates(&self, from: usize, to: usize) -> Vec<Vec<Key>> {
        let last = self.vim.lines().len().saturating_sub(1);
        let mut out = vec![goto_line(to)];
        if to == 0 {
            out.push(vec![Key::Char('g'), Key::Char('g')]);
        }
        if to == last {
            out.push(vec![Key::Char('G')]);
        }
        if to > from {
            out.push(counted(to - from, &[Key::Char('j')]));
            if self.palette.rich_motions {
                out.push(counted(to - from, &[Key::Char('+')]));
            }
        } else {
            out.push(counted(from - to, &[Key::Char('k')]));
            if self.palette.rich_motions {
                out.push(counted(from - to, &[Key::Char('-')]));
            }
        }
        out
    }

    /// The cheapest proven keys from `state`'s cursor to `to` on the same line.
    fn column_move(&self, state: &Vim, to: Pos) -> Option<(Vec<Key>, Vim)> {
        let from = state.cursor();
        if from == to {
            return Some((Vec::new(), state.clone()));
        }
        let text = state.lines()[to.line].as_str();
        let mut candidates = self.column_candidates(state, text, from.col, to.col);
        candidates.sort_by_key(Vec::len);
        candidates.dedup();
        candidates.into_iter().find_map(|keys| {
            let after = feed(state, &keys)?;
            (after.cursor() == to).then_some((keys, after))
        })
    }

    fn column_candidates(&self, state: &Vim, text: &str, from: usize, to: usize) -> Vec<Vec<Key>> {
        let mut out = Vec::new();
        let c = |ch: char| Key::Char(ch);
        if to == 0 {
            out.push(vec![c('0')]);
        }
        if to == first_nonblank(text) {
            out.push(vec![c('^')]);
        }
        if !text.is_empty() && to == last_char_start(text) {
            out.push(vec![c('$')]);
        }
        let chars_between = |a: usize, b: usize| text[a..b].chars().count();
        if to > from {
            out.push(counted(chars_between(from, to), &[c('l')]));
        } else {
            out.push(counted(chars_between(to, from), &[c('h')]));
        }
        // f/F to the character itself; t/T to the one beside it.
        if let Some(target_char) = text[to..].chars().next() {
            if to > from {
                let n = occurrences(text, target_char, from + 1, to + 1);
                out.push(find(n, 'f', target_char));
            } else {
                let n = occurrences(text, target_char, to, from);
                out.push(find(n, 'F', target_char));
            }
        }
        if self.palette.rich_motions {
            let next_start = to + text[to..].chars().next().map_or(0, char::len_utf8);
            if to > from {
                if let Some(next) = text[next_start..].chars().next() {
                    let n = occurrences(text, next, from + 1, next_start + 1);
                    out.push(find(n, 't', next));
                }
            } else if let Some(prev) = text[..to].chars().next_back() {
                let n = occurrences(text, prev, to - prev.len_utf8(), from);
                out.push(find(n, 'T', prev));
            }
            out.push(vec![c(';')]);
            out.push(vec![c(',')]);
            if text.is_ascii() && !text.contains('\t') {
                out.push(counted_always(to + 1, &[c('|')]));
            }
            for motion in ['w', 'b', 'e', 'W', 'B', 'E'] {
                if let Some(n) = steps_to(state, motion, Pos::new(state.cursor().line, to)) {
                    out.push(counted(n, &[c(motion)]));
                }
            }
        }
        out
    }

    /// Candidate edits for `region` of line `text`, each with where it needs the cursor.
    fn edit_candidates(&self, text: &str, region: &Region) -> Vec<(At, Vec<Key>)> {
        let c = |ch: char| Key::Char(ch);
        let (start, end) = (region.start, region.end);
        let deleted = &text[start..end];
        let inserted = region.text.as_str();
        let deleted_chars = deleted.chars().count();
        let ops = self.palette.operators;
        let mut out: Vec<(At, Vec<Key>)> = Vec::new();
        let with_text = |command: Vec<Key>| {
            let mut keys = command;
            keys.extend(insert_text(inserted));
            keys.push(Key::ESC);
            keys
        };
        if self.palette.dot {
            out.push((At::Col(start), vec![c('.')]));
            out.push((At::Line, vec![c('.')]));
        }
        if deleted.is_empty() {
            if start < text.len() {
                out.push((At::Col(start), with_text(vec![c('i')])));
            }
            if let Some(prev) = text[..start].chars().next_back() {
                out.push((At::Col(start - prev.len_utf8()), with_text(vec![c('a')])));
            }
            if start == text.len() {
                out.push((At::Line, with_text(vec![c('A')])));
                if text.is_empty() {
                    out.push((At::Col(0), with_text(vec![c('i')])));
                }
            }
            if start == first_nonblank(text) && start < text.len() {
                out.push((At::Line, with_text(vec![c('I')])));
            }
            if start == 0 && ops {
                out.push((At::Line, with_text(vec![c('g'), c('I')])));
            }
        } else {
            let mut operator_targets: Vec<Vec<Key>> = Vec::new();
            if ops {
                for motion in ['w', 'e', 'W', 'E'] {
                    operator_targets.push(vec![c(motion)]);
                    operator_targets.push(vec![c('2'), c(motion)]);
                }
                if end == text.len() {
                    operator_targets.push(vec![c('$')]);
                }
                if let Some(after) = text[end..].chars().next() {
                    let n = occurrences(text, after, start + 1, end + 1);
                    operator_targets.push(find(n, 't', after));
                }
                if let Some(last) = deleted.chars().next_back() {
                    let n = occurrences(text, last, start + 1, end);
                    operator_targets.push(find(n, 'f', last));
                }
                operator_targets.push(vec![c('i'), c('w')]);
                operator_targets.push(vec![c('a'), c('w')]);
                operator_targets.push(vec![c('i'), c('W')]);
                if let (Some(before), Some(after)) = (text[..start].chars().next_back(), text[end..].chars().next()) {
                    if let Some(object) = enclosing_object(before, after) {
                        operator_targets.push(vec![c('i'), c(object)]);
                    }
                }
            }
            if inserted.is_empty() {
                out.push((At::Col(start), counted(deleted_chars, &[c('x')])));
                if ops {
                    out.push((At::Col(end), counted(deleted_chars, &[c('X')])));
                    if end == text.len() {
                        out.push((At::Col(start), vec![c('D')]));
                    }
                    for target in &operator_targets {
                        let mut keys = vec![c('d')];
                        keys.extend_from_slice(target);
                        out.push((At::Col(start), keys));
                    }
                }
            } else {
                let inserted_chars = inserted.chars().count();
                if deleted_chars == 1 && inserted_chars == 1 {
                    if let Some(ch) = inserted.chars().next().filter(|ch| !ch.is_control() || *ch == '\t') {
                        out.push((At::Col(start), vec![c('r'), c(ch)]));
                    }
                }
                out.push((At::Col(start), with_text(counted(deleted_chars, &[c('s')]))));
                if ops {
                    if deleted_chars == inserted_chars && end < text.len() {
                        out.push((At::Col(start), with_text(vec![c('R')])));
                    }
                    if end == text.len() {
                        out.push((At::Col(start), with_text(vec![c('C')])));
                    }
                    for target in &operator_targets {
                        let mut keys = vec![c('c')];
                        keys.extend_from_slice(target);
                        out.push((At::Col(start), with_text(keys)));
                    }
                    out.extend(case_candidates(start, deleted, inserted));
                    out.extend(number_candidates(start, deleted, inserted));
                }
            }
        }
        let mut line_text = text[..start].to_string();
        line_text.push_str(inserted);
        line_text.push_str(&text[end..]);
        out.push((At::Line, with_text_line(&line_text)));
        out
    }
}

/// `S` and the whole new line.
fn with_text_line(line: &str) -> Vec<Key> {
    let mut keys = vec![Key::Char('S')];
    keys.extend(insert_text(line));
    keys.push(Key::ESC);
    keys
}

/// Case changes: `~` over the characters, `gU`/`gu` over a word.
fn case_candidates(start: usize, deleted: &str, inserted: &str) -> Vec<(At, Vec<Key>)> {
    let c = |ch: char| Key::Char(ch);
    let mut out = Vec::new();
    let toggled: String = deleted.chars().map(|ch| if ch.is_uppercase() { ch.to_lowercase().collect::<String>() } else { ch.to_uppercase().collect() }).collect();
    if toggled == inserted {
        out.push((At::Col(start), counted(deleted.chars().count(), &[c('~')])));
    }
    for (want, op) in [(deleted.to_uppercase(), 'U'), (deleted.to_lowercase(), 'u')] {
        if want == inserted {
            for target in [vec![c('i'), c('w')], vec![c('w')], vec![c('e')], vec![c('i'), c('W')]] {
                let mut keys = vec![c('g'), c(op)];
                keys.extend(target);
                out.push((At::Col(start), keys));
            }
        }
    }
    out
}

/// `<C-a>`/`<C-x>` with a count when a number changes into another.
fn number_candidates(start: usize, deleted: &str, inserted: &str) -> Vec<(At, Vec<Key>)> {
    let (Ok(old), Ok(new)) = (deleted.parse::<i64>(), inserted.parse::<i64>()) else { return Vec::new() };
    let Some(diff) = new.checked_sub(old) else { return Vec::new() };
    if diff == 0 || deleted.starts_with('+') || inserted.starts_with('+') {
        return Vec::new();
    }
    let key = if diff > 0 { Key::ctrl('a') } else { Key::ctrl('x') };
    vec![(At::Col(start), counted(diff.unsigned_abs() as usize, &[key]))]
}

/// The text object `i{object}` whose delimiters are `before` and `after`.
fn enclosing_object(before: char, after: char) -> Option<char> {
    match (before, after) {
        ('(', ')') => Some('('),
        ('[', ']') => Some('['),
        ('{', '}') => Some('{'),
        ('<', '>') => Some('<'),
        ('"', '"') => Some('"'),
        ('\'', '\'') => Some('\''),
        ('`', '`') => Some('`'),
        _ => None,
    }
}

/// The emulator after typing `keys` in `state`, if it runs them and ends in Normal mode with
/// nothing pending.
fn feed(state: &Vim, keys: &[Key]) -> Option<Vim> {
    let mut next = state.clone();
    next.feed(keys).ok()?;
    (next.mode() == Mode::Normal && !next.has_quit()).then_some(next)
}

/// How many single `motion`s take `state`'s cursor exactly to `to`, if a few do.
fn steps_to(state: &Vim, motion: char, to: Pos) -> Option<usize> {
    let mut probe = state.clone();
    let mut previous = probe.cursor();
    for n in 1..=MAX_WORD_STEPS {
        probe.feed(&[Key::Char(motion)]).ok()?;
        let now = probe.cursor();
        if now == to {
            return Some(n);
        }
        if now == previous || now.line != to.line {
            return None;
        }
        previous = now;
    }
    None
}

/// Keys typed in Insert mode to enter `text` literally: control characters other than tab
/// are quoted with `<C-v>`.
pub fn insert_text(text: &str) -> Vec<Key> {
    let mut keys = Vec::with_capacity(text.len());
    for ch in text.chars() {
        if ch.is_control() && ch != '\t' {
            keys.push(Key::ctrl('v'));
        }
        keys.push(Key::Char(ch));
    }
    keys
}

/// `lines` typed one after another with `<CR>`, then `<Esc>`.
fn typed_lines(lines: &[String]) -> Vec<Key> {
    let mut keys = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            keys.push(Key::CR);
        }
        keys.extend(insert_text(l));
    }
    keys.push(Key::ESC);
    keys
}

/// `{line+1}G`.
fn goto_line(line: usize) -> Vec<Key> {
    counted_always(line + 1, &[Key::Char('G')])
}

/// `command` with a count, the count left out when it is 1.
fn counted(count: usize, command: &[Key]) -> Vec<Key> {
    if count == 1 {
        command.to_vec()
    } else {
        counted_always(count, command)
    }
}

fn counted_always(count: usize, command: &[Key]) -> Vec<Key> {
    let mut keys: Vec<Key> = count.to_string().chars().map(Key::Char).collect();
    keys.extend_from_slice(command);
    keys
}

/// `{count}{command}{ch}` for f/F/t/T.
fn find(count: usize, command: char, ch: char) -> Vec<Key> {
    let mut keys = counted(count.max(1), &[Key::Char(command)]);
    keys.push(Key::Char(ch));
    keys
}

/// Occurrences of `ch` starting in bytes `from..to` of `text`.
fn occurrences(text: &str, ch: char, from: usize, to: usize) -> usize {
    text.char_indices().filter(|&(i, c)| c == ch && i >= from && i < to).count()
}

fn first_nonblank(text: &str) -> usize {
    text.find(|c: char| c != ' ' && c != '\t').unwrap_or(text.len())
}

fn last_char_start(text: &str) -> usize {
    text.char_indices().next_back().map_or(0, |(i, _)| i)
}
