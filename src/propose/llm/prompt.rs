//! What the model is told: a system prompt that states the contract and the key notation,
//! few-shot examples taken from proven records closest to the pair by the *shape* of the edit,
//! the task, and feedback turns that show what the last keys did.
//!
//! Texts are shown between fences longer than any run of backticks in them, with every tab
//! and line end as it is, so the model sees the bytes it must produce.

use similar::{ChangeTag, TextDiff};

use super::client::Message;

/// The system prompt: the contract (how the keys are run) and the notation of the answer.
pub const SYSTEM: &str = "\
You write Vim keystrokes that turn a source text into a target text.

How your keys are run: Vim 9.0 started as `vim -u NONE -N` (no vimrc, no plugins, \
nocompatible, default options: no autoindent, tabstop=8, shiftwidth=8, noexpandtab), the \
source text loaded, the cursor on line 1 column 1, an 80x24 screen, in Normal mode. Your keys \
are typed as by a person, then Vim gets <Esc> and writes the file. The result must equal the \
target text exactly, line for line.

Write the keys in Vim's key notation (:help key-notation): <Esc> for Escape, <CR> for Enter, \
<Tab>, <BS>, <C-v> for Ctrl-V, <C-r>, <lt> for a literal <. Everything else is typed as \
written: a space is a space. Do not add :wq. Short programs that a fluent Vim user types are \
best.

Answer with the keys alone in one block:
```keys
KEYS
```";

/// The shape of an edit: what a fluent user looks at to choose commands, independent of the
/// words involved.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub source_lines: usize,
    pub target_lines: usize,
    /// Lines only in the source (deleted), only in the target (inserted).
    pub deleted: usize,
    pub inserted: usize,
    /// Changed-line pairs (a deleted line facing an inserted one).
    pub changed: usize,
    /// Characters removed and added inside changed lines.
    pub chars_removed: usize,
    pub chars_added: usize,
    /// Changed lines whose change is the same (a repeated edit: `.`, `:s`, a macro).
    pub repeated: usize,
    /// The change touches indentation only.
    pub indent_only: bool,
    /// Case-only change.
    pub case_only: bool,
}

impl Shape {
    pub fn of(source: &str, target: &str) -> Shape {
        let diff = TextDiff::from_lines(source, target);
        let (mut deleted, mut inserted) = (Vec::new(), Vec::new());
        for change in diff.iter_all_changes() {
            match change.tag() {
                ChangeTag::Delete => deleted.push(change.value().trim_end_matches('\n').to_string()),
                ChangeTag::Insert => inserted.push(change.value().trim_end_matches('\n').to_string()),
                ChangeTag::Equal => {}
            }
        }
        let changed = deleted.len().min(inserted.len());
        let (mut chars_removed, mut chars_added) = (0, 0);
        let mut signatures: Vec<(String, String)> = Vec::new();
        let (mut indent_only, mut case_only) = (changed > 0, changed > 0);
        for (old, new) in deleted.iter().zip(&inserted) {
            let (removed, added) = char_delta(old, new);
            chars_removed += removed.chars().count();
            chars_added += added.chars().count();
            signatures.push((removed, added));
            indent_only &= old.trim_start() == new.trim_start();
            case_only &= old != new && old.to_lowercase() == new.to_lowercase();
        }
        let repeated = signatures.iter().enumerate().filter(|(i, s)| signatures[..*i].contains(s)).count();
        Shape {
            source_lines: source.lines().count(),
            target_lines: target.lines().count(),
            deleted: deleted.len() - changed,
            inserted: inserted.len() - changed,
            changed,
            chars_removed,
            chars_added,
            repeated,
            indent_only,
            case_only,
        }
    }

    /// How unlike two edits are: counts compared on a log scale (three changed lines are
    /// like four, not like forty), the kinds of change compared exactly.
    pub fn distance(&self, other: &Shape) -> f64 {
        let log = |a: usize, b: usize| ((a as f64 + 1.0).ln() - (b as f64 + 1.0).ln()).abs();
        let kind = |a: usize, b: usize| if (a == 0) != (b == 0) { 2.0 } else { 0.0 };
        let flag = |a: bool, b: bool| if a != b { 1.5 } else { 0.0 };
        log(self.deleted, other.deleted)
            + log(self.inserted, other.inserted)
            + log(self.changed, other.changed)
            + log(self.chars_removed, other.chars_removed)
            + log(self.chars_added, other.chars_added)
            + 0.5 * log(self.source_lines, other.source_lines)
            + 1.5 * log(self.repeated, other.repeated)
            + kind(self.deleted, other.deleted)
            + kind(self.inserted, other.inserted)
            + kind(self.chars_removed, other.chars_removed)
            + kind(self.chars_added, other.chars_added)
            + flag(self.indent_only, other.indent_only)
            + flag(self.case_only, other.case_only)
    }
}

/// What a changed line lost and gained: the middle left after the common prefix and suffix.
fn char_delta(old: &str, new: &str) -> (String, String) {
    let o: Vec<char> = old.chars().collect();
    let n: Vec<char> = new.chars().collect();
    let prefix = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let suffix = o[prefix..].iter().rev().zip(n[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    (o[prefix..o.len() - suffix].iter().collect(), n[prefix..n.len() - suffix].iter().collect())
}

/// A proven example the prompt may show.
#[derive(Clone, Debug)]
pub struct Example {
    pub pair_id: String,
    pub source: String,
    pub keys: String,
    pub target: String,
    shape: Shape,
}

/// The few-shot pool: proven records, with their shapes computed once.
#[derive(Clone, Debug, Default)]
pub struct Pool {
    examples: Vec<Example>,
    /// Where each pair's example is in `examples`.
    by_pair: std::collections::HashMap<String, usize>,
}

/// Examples longer than this (source + target bytes) are not shown: they cost tokens and
/// teach little that a short one does not.
const MAX_EXAMPLE_BYTES: usize = 1500;

/// The pool holds at most this many examples (one per pair): enough variety for every edit
/// shape, and choosing from it stays cheap next to a request.
const MAX_POOL: usize = 20_000;

impl Pool {
    pub fn new() -> Pool {
        Pool::default()
    }

    /// Add a proven record; one example per pair (the shortest program) is kept.
    pub fn add(&mut self, pair_id: &str, source: &str, keys: &str, target: &str) {
        if source.len() + target.len() > MAX_EXAMPLE_BYTES {
            return;
        }
        if let Some(existing) = self.by_pair.get(pair_id).map(|&i| &mut self.examples[i]) {
            if keys.len() < existing.keys.len() {
                existing.keys = keys.to_string();
            }
            return;
        }
        if self.examples.len() >= MAX_POOL {
            return;
        }
        self.by_pair.insert(pair_id.to_string(), self.examples.len());
        self.examples.push(Example { pair_id: pair_id.into(), source: source.into(), keys: keys.into(), target: target.into(), shape: Shape::of(source, target) });
    }

    pub fn len(&self) -> usize {
        self.examples.len()
    }

    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    /// The `k` examples nearest the pair's shape (ties broken by the shorter example, then by
    /// pool order, so the choice is deterministic and the prompt is cacheable). The pair's own
    /// records are never shown: that would hand the model the answer.
    pub fn nearest(&self, pair_id: &str, source: &str, target: &str, k: usize) -> Vec<&Example> {
        let shape = Shape::of(source, target);
        let mut scored: Vec<(f64, usize, usize, &Example)> = self
            .examples
            .iter()
            .enumerate()
            .filter(|(_, e)| e.pair_id != pair_id)
            .map(|(i, e)| (shape.distance(&e.shape), e.source.len() + e.target.len(), i, e))
            .collect();
        scored.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        scored.into_iter().take(k).map(|(.., e)| e).collect()
    }
}

/// A text between fences longer than any backtick run inside it.
fn fenced(label: &str, text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    let body = text.strip_suffix('\n').unwrap_or(text);
    format!("{label}:\n{fence}\n{body}\n{fence}\n")
}

/// The task for one pair.
pub fn task(source: &str, target: &str) -> String {
    format!("{}{}", fenced("Source", source), fenced("Target", target))
}

/// The conversation's opening: the system prompt, the examples as earlier turns, the task.
pub fn messages(examples: &[&Example], source: &str, target: &str) -> Vec<Message> {
    let mut messages = vec![Message::system(SYSTEM)];
    for e in examples {
        messages.push(Message::user(task(&e.source, &e.target)));
        messages.push(Message::assistant(format!("```keys\n{}\n```", e.keys)));
    }
    messages.push(Message::user(task(source, target)));
    messages
}

/// What the last keys did, shown to the model so it can try again.
pub enum Feedback<'a> {
    /// No program could be read from the reply.
    NoKeys(&'a str),
    /// The keys ran and gave another text.
    Mismatch { got: &'a str, target: &'a str },
    /// The keys could not be run: an error (Vim would give no result) or a refusal.
    Failed(&'a str),
}

/// The feedback turn.
pub fn feedback(f: &Feedback) -> String {
    match f {
        Feedback::NoKeys(why) => format!("I could not read keys from your answer ({why}). Answer with the keys alone in one ```keys block."),
        Feedback::Mismatch { got, target } => format!(
            "Your keys gave a different text. Diff from the target to what your keys gave \
             (lines with - are wanted but missing, + are what you produced instead):\n```diff\n{}```\n{}Try again: answer with the keys alone in one ```keys block.",
            line_diff(target, got),
            fenced("Your keys gave", got)
        ),
        Feedback::Failed(why) => format!("Your keys could not be run: {why}. Try again: answer with the keys alone in one ```keys block."),
    }
}

/// A unified diff, tabs and line ends as they are.
pub fn line_diff(want: &str, got: &str) -> String {
    TextDiff::from_lines(want, got).unified_diff().context_radius(2).header("target", "yours").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_tell_edits_apart() {
        let word = Shape::of("let x = 1;\n", "let y = 1;\n");
        assert_eq!((word.changed, word.chars_removed, word.chars_added), (1, 1, 1));
        let deletion = Shape::of("a\nb\nc\n", "a\nc\n");
        assert_eq!((deletion.deleted, deletion.changed), (1, 0));
        let repeated = Shape::of("a\nb\nc\n", "a;\nb;\nc;\n");
        assert_eq!((repeated.changed, repeated.repeated), (3, 2));
        assert!(Shape::of("  x\n", "    x\n").indent_only);
        assert!(Shape::of("foo\n", "FOO\n").case_only);
    }

    #[test]
    fn nearest_by_shape_not_text() {
        let mut pool = Pool::new();
        pool.add("p1", "one\ntwo\nthree\n", "jdd", "one\nthree\n");
        pool.add("p2", "fn a() {}\n", "wrb", "fn b() {}\n");
        pool.add("p3", "x\ny\n", "A;<Esc>j.", "x;\ny;\n");
        // A one-character change in a line, with text like p1's: p2 is nearest by shape.
        let near = pool.nearest("q", "one two three\n", "one twx three\n", 1);
        assert_eq!(near[0].pair_id, "p2");
        let near = pool.nearest("q", "a\nb\nc\nd\n", "a;\nb;\nc;\nd;\n", 1);
        assert_eq!(near[0].pair_id, "p3");
        // Never the pair itself.
        assert!(pool.nearest("p2", "fn a() {}\n", "fn b() {}\n", 3).iter().all(|e| e.pair_id != "p2"));
    }

    #[test]
    fn fences_outgrow_backticks_in_the_text() {
        let shown = task("a ``` b\n", "c\n");
        assert!(shown.contains("````\na ``` b\n````"), "{shown}");
    }

    #[test]
    fn feedback_shows_the_diff() {
        let text = feedback(&Feedback::Mismatch { got: "hello there\n", target: "hello world\n" });
        assert!(text.contains("-hello world") && text.contains("+hello there"), "{text}");
    }
}
