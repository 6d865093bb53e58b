//! Cutting a change of one file at several depths: line-level hunks, and the smallest syntax
//! node enclosing each change at the syntactic depths that `grammar/queries/<lang>/depths.scm`
//! defines.
//!
//! A line diff aligns the old and the new text; each run of changed lines, narrowed to the
//! bytes that really differ, is a *change*. For one change and one depth, the slice is the
//! smallest captured node around it in the old tree and in the new tree, grown until the two
//! nodes' ends fall in unchanged text that the alignment maps onto each other. So every change
//! that touches a slice lies inside it, and `old slice -> new slice` is a self-contained edit.
//! Slices that fill their lines are widened to whole lines (indentation and newline included),
//! which is what an editor works on.

use std::collections::HashMap;
use std::ops::Range;
use std::time::Duration;

use similar::{Algorithm, DiffTag, TextDiff};
use tree_sitter::{Language, Node, Parser, Query, QueryCursor, Tree};

use super::pair::{Depth, Lang};

/// Unchanged lines kept on each side of the changed lines in a hunk.
pub const HUNK_CONTEXT_LINES: usize = 2;

/// A line diff that takes longer than this gives up on minimality (similar's deadline).
const DIFF_TIMEOUT: Duration = Duration::from_millis(500);

/// Runs of changed lines longer than this are not split further by a word diff.
const MAX_WORD_DIFF_BYTES: usize = 16 * 1024;

/// Rounds of growing a slice before giving up on a change at one depth; each round widens at
/// least one side, and real nesting is far shallower.
const MAX_GROWTH_ROUNDS: usize = 64;

/// The grammar a file is parsed with (TypeScript has two: `.ts` and `.tsx`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grammar {
    Rust,
    Python,
    Javascript,
    Typescript,
    Tsx,
    Go,
    C,
}

impl Grammar {
    pub const ALL: [Grammar; 7] =
        [Grammar::Rust, Grammar::Python, Grammar::Javascript, Grammar::Typescript, Grammar::Tsx, Grammar::Go, Grammar::C];

    /// The grammar for a path, by extension; `None` for files of other languages.
    pub fn for_path(path: &str) -> Option<Grammar> {
        let ext = path.rsplit_once('.')?.1;
        Some(match ext {
            "rs" => Grammar::Rust,
            "py" | "pyi" => Grammar::Python,
            "js" | "mjs" | "cjs" | "jsx" => Grammar::Javascript,
            "ts" | "mts" | "cts" => Grammar::Typescript,
            "tsx" => Grammar::Tsx,
            "go" => Grammar::Go,
            "c" | "h" => Grammar::C,
            _ => return None,
        })
    }

    pub fn lang(self) -> Lang {
        match self {
            Grammar::Rust => Lang::Rust,
            Grammar::Python => Lang::Python,
            Grammar::Javascript => Lang::Javascript,
            Grammar::Typescript | Grammar::Tsx => Lang::Typescript,
            Grammar::Go => Lang::Go,
            Grammar::C => Lang::C,
        }
    }

    fn language(self) -> Language {
        match self {
            Grammar::Rust => tree_sitter_rust::language(),
            Grammar::Python => tree_sitter_python::language(),
            Grammar::Javascript => tree_sitter_javascript::language(),
            Grammar::Typescript => tree_sitter_typescript::language_typescript(),
            Grammar::Tsx => tree_sitter_typescript::language_tsx(),
            Grammar::Go => tree_sitter_go::language(),
            Grammar::C => tree_sitter_c::language(),
        }
    }

    /// The depth query's text (`grammar/queries/<lang>/depths.scm`).
    pub fn depth_query(self) -> &'static str {
        match self.lang() {
            Lang::Rust => include_str!("../../grammar/queries/rust/depths.scm"),
            Lang::Python => include_str!("../../grammar/queries/python/depths.scm"),
            Lang::Javascript => include_str!("../../grammar/queries/javascript/depths.scm"),
            Lang::Typescript => include_str!("../../grammar/queries/typescript/depths.scm"),
            Lang::Go => include_str!("../../grammar/queries/go/depths.scm"),
            Lang::C => include_str!("../../grammar/queries/c/depths.scm"),
        }
    }
}

/// Why a grammar cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SliceError {
    #[error("the tree-sitter grammar for {lang} does not load: {message}")]
    Grammar { lang: Lang, message: String },
    #[error("grammar/queries/{lang}/depths.scm does not compile: {message}")]
    Query { lang: Lang, message: String },
    #[error("grammar/queries/{lang}/depths.scm has capture @{capture}; expected statement, block, function or class")]
    Capture { lang: Lang, capture: String },
}

/// A parser and its compiled depth query for one grammar.
struct GrammarParser {
    parser: Parser,
    query: Query,
    /// The depth of each of the query's captures.
    capture_depths: Vec<Depth>,
}

/// Parses files and finds their depth nodes; one per thread (tree-sitter parsers are not
/// shared).
pub struct Slicer {
    grammars: HashMap<Grammar, GrammarParser>,
}

/// A parsed text and which of its nodes are slices at which syntactic depths.
pub struct Parsed {
    tree: Tree,
    /// Node id -> bit set of depths (bit = `Depth as u8`).
    depth_nodes: HashMap<usize, u8>,
}

impl Parsed {
    /// Did the text parse without error or missing nodes?
    pub fn is_clean(&self) -> bool {
        !self.tree.root_node().has_error()
    }

    pub fn root_kind(&self) -> &'static str {
        self.tree.root_node().kind()
    }

    /// The smallest node at `depth` enclosing `range` (strictly around it when it is empty, so
    /// an insertion between two statements is not "inside" either). None when that node holds
    /// a syntax error: around an error, nodes need not match what a reader sees, so a broken
    /// file is only cut where its nodes are whole.
    fn enclosing(&self, depth: Depth, range: &Range<usize>) -> Option<Node<'_>> {
        let bit = 1u8 << depth as u8;
        let mut node = self.tree.root_node().descendant_for_byte_range(range.start, range.end)?;
        loop {
            let span = node.byte_range();
            let around = if range.is_empty() {
                span.start < range.start && range.start < span.end
            } else {
                span.start <= range.start && range.end <= span.end
            };
            if around && self.depth_nodes.get(&node.id()).is_some_and(|bits| bits & bit != 0) {
                return (!node.has_error()).then_some(node);
            }
            node = node.parent()?;
        }
    }
}

impl Slicer {
    /// A slicer for every grammar; fails only if a shipped query is wrong.
    pub fn new() -> Result<Slicer, SliceError> {
        let mut grammars = HashMap::new();
        for grammar in Grammar::ALL {
            let lang = grammar.lang();
            let language = grammar.language();
            let mut parser = Parser::new();
            parser
                .set_language(&language)
                .map_err(|e| SliceError::Grammar { lang, message: e.to_string() })?;
            let query = Query::new(&language, grammar.depth_query())
                .map_err(|e| SliceError::Query { lang, message: e.to_string() })?;
            let capture_depths = query
                .capture_names()
                .iter()
                .map(|name| match name.parse::<Depth>() {
                    Ok(depth) if depth.is_syntactic() => Ok(depth),
                    _ => Err(SliceError::Capture { lang, capture: name.to_string() }),
                })
                .collect::<Result<Vec<_>, _>>()?;
            grammars.insert(grammar, GrammarParser { parser, query, capture_depths });
        }
        Ok(Slicer { grammars })
    }

    /// Parse `text`; `None` only if tree-sitter gives up (it is given no timeout, so in
    /// practice never).
    pub fn parse(&mut self, grammar: Grammar, text: &str) -> Option<Parsed> {
        let g = self.grammars.get_mut(&grammar)?;
        let tree = g.parser.parse(text, None)?;
        let mut depth_nodes: HashMap<usize, u8> = HashMap::new();
        let mut cursor = QueryCursor::new();
        for m in cursor.matches(&g.query, tree.root_node(), text.as_bytes()) {
            for capture in m.captures {
                // Comments sit among statements but are never an edit's enclosing node.
                if capture.node.kind().contains("comment") {
                    continue;
                }
                let depth = g.capture_depths[capture.index as usize];
                *depth_nodes.entry(capture.node.id()).or_default() |= 1 << depth as u8;
            }
        }
        Some(Parsed { tree, depth_nodes })
    }
}

/// One cut of a change: the old and new byte ranges and what they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Slice {
    pub depth: Depth,
    pub old: Range<usize>,
    pub new: Range<usize>,
    pub node_kind: String,
}

/// One run of changed lines, narrowed to the bytes that differ: `old` in the old text becomes
/// `new` in the new text, and the text between changes is equal on both sides.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Change {
    old: Range<usize>,
    new: Range<usize>,
}

/// Which text a position is in.
#[derive(Clone, Copy)]
enum Side {
    Old,
    New,
}

/// Where a position of one text lands in the other.
struct Mapped {
    /// The candidates: equal unless the position is at an insertion point (either side of the
    /// inserted text corresponds) or inside a change (then the change's two ends).
    lo: usize,
    hi: usize,
    /// False inside a change: no position corresponds there.
    exact: bool,
}

impl Mapped {
    fn allows(&self, p: usize) -> bool {
        self.exact && (p == self.lo || p == self.hi)
    }
}

/// The alignment of an old and a new text by a line diff.
pub struct Alignment {
    changes: Vec<Change>,
    /// Hunks: old and new byte ranges of changed lines with context.
    hunks: Vec<(Range<usize>, Range<usize>)>,
}

impl Alignment {
    pub fn new(old: &str, new: &str) -> Alignment {
        let diff = TextDiff::configure()
            .algorithm(Algorithm::Patience)
            .timeout(DIFF_TIMEOUT)
            .diff_lines(old, new);
        let old_starts = line_starts(diff.old_slices());
        let new_starts = line_starts(diff.new_slices());
        let bytes = |starts: &[usize], lines: Range<usize>| starts[lines.start]..starts[lines.end];

        let mut line_runs: Vec<(Range<usize>, Range<usize>)> = Vec::new();
        for op in diff.ops() {
            let (tag, o, n) = op.as_tag_tuple();
            if tag == DiffTag::Equal {
                continue;
            }
            match line_runs.last_mut() {
                Some((lo, ln)) if lo.end == o.start && ln.end == n.start => {
                    lo.end = o.end;
                    ln.end = n.end;
                }
                _ => line_runs.push((o, n)),
            }
        }
        let changes = line_runs
            .into_iter()
            .flat_map(|(o, n)| word_changes(old, new, bytes(&old_starts, o), bytes(&new_starts, n)))
            .collect();

        let hunks = diff
            .grouped_ops(HUNK_CONTEXT_LINES)
            .iter()
            .filter_map(|group| {
                let (first, last) = (group.first()?, group.last()?);
                let o = first.old_range().start..last.old_range().end;
                let n = first.new_range().start..last.new_range().end;
                Some((bytes(&old_starts, o), bytes(&new_starts, n)))
            })
            .collect();
        Alignment { changes, hunks }
    }

    /// Did anything change?
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The line-level hunks.
    pub fn hunk_slices(&self) -> Vec<Slice> {
        self.hunks
            .iter()
            .map(|(o, n)| Slice { depth: Depth::Hunk, old: o.clone(), new: n.clone(), node_kind: "lines".into() })
            .collect()
    }

    /// One slice per change at a syntactic `depth` (changes that share a slice give it once),
    /// in file order. Changes with no enclosing node at that depth on both sides give none.
    pub fn syntactic_slices(&self, depth: Depth, old: (&str, &Parsed), new: (&str, &Parsed)) -> Vec<Slice> {
        let mut slices: Vec<Slice> = Vec::new();
        for change in &self.changes {
            let (o, n) = (trim(old.0, change.old.clone()), trim(new.0, change.new.clone()));
            if o.is_empty() && n.is_empty() {
                // Only whitespace changed here; a slice around real changes may still hold it.
                continue;
            }
            if let Some(slice) = self.slice_around(depth, o, n, old, new) {
                if !slices.contains(&slice) {
                    slices.push(slice);
                }
            }
        }
        slices
    }

    /// Grow matching nodes around old bytes `o` and new bytes `n` until they correspond.
    fn slice_around(
        &self,
        depth: Depth,
        mut o: Range<usize>,
        mut n: Range<usize>,
        old: (&str, &Parsed),
        new: (&str, &Parsed),
    ) -> Option<Slice> {
        for _ in 0..MAX_GROWTH_ROUNDS {
            let old_node = old.1.enclosing(depth, &o)?;
            let new_node = new.1.enclosing(depth, &n)?;
            let (no, nn) = (old_node.byte_range(), new_node.byte_range());
            if self.corresponds(&no, &nn) {
                let (old_slice, new_slice) = self.widen_to_lines(old.0, new.0, no, nn);
                let node_kind = if old_node.kind() == new_node.kind() {
                    old_node.kind().to_string()
                } else {
                    format!("{}->{}", old_node.kind(), new_node.kind())
                };
                return Some(Slice { depth, old: old_slice, new: new_slice, node_kind });
            }
            // Each side must at least cover where the other side's node lands.
            let (start_in_new, end_in_new) = (self.map(no.start, Side::Old), self.map(no.end, Side::Old));
            let (start_in_old, end_in_old) = (self.map(nn.start, Side::New), self.map(nn.end, Side::New));
            let grown_o = no.start.min(start_in_old.lo)..no.end.max(end_in_old.hi);
            let grown_n = nn.start.min(start_in_new.lo)..nn.end.max(end_in_new.hi);
            if grown_o == o && grown_n == n {
                return None;
            }
            (o, n) = (grown_o, grown_n);
        }
        None
    }

    /// Do old bytes `o` and new bytes `n` start and end at corresponding unchanged positions?
    fn corresponds(&self, o: &Range<usize>, n: &Range<usize>) -> bool {
        self.map(o.start, Side::Old).allows(n.start)
            && self.map(o.end, Side::Old).allows(n.end)
            && self.map(n.start, Side::New).allows(o.start)
            && self.map(n.end, Side::New).allows(o.end)
    }

    /// Where position `p` of one side lands in the other.
    fn map(&self, p: usize, side: Side) -> Mapped {
        let ends = |c: &Change| match side {
            Side::Old => (c.old.clone(), c.new.clone()),
            Side::New => (c.new.clone(), c.old.clone()),
        };
        // The first change that does not end before p.
        let k = self.changes.partition_point(|c| ends(c).0.end < p);
        let Some(change) = self.changes.get(k) else {
            // Past the last change: equal text, shifted by how much the changes grew.
            let q = self.changes.last().map_or(p, |c| {
                let (f, t) = ends(c);
                p - f.end + t.end
            });
            return Mapped { lo: q, hi: q, exact: true };
        };
        let (f, t) = ends(change);
        if p < f.start {
            let q = t.start - (f.start - p);
            Mapped { lo: q, hi: q, exact: true }
        } else if f.is_empty() {
            Mapped { lo: t.start, hi: t.end, exact: true }
        } else if p == f.start {
            Mapped { lo: t.start, hi: t.start, exact: true }
        } else if p == f.end {
            Mapped { lo: t.end, hi: t.end, exact: true }
        } else {
            Mapped { lo: t.start, hi: t.end, exact: false }
        }
    }

    /// Widen corresponding slices to whole lines where that only adds indentation and the
    /// line's end, and the widened ends still correspond.
    fn widen_to_lines(&self, old: &str, new: &str, o: Range<usize>, n: Range<usize>) -> (Range<usize>, Range<usize>) {
        let (os, ns) = (line_start_if_blank_before(old, o.start), line_start_if_blank_before(new, n.start));
        let (oe, ne) = (line_end_if_blank_after(old, o.end), line_end_if_blank_after(new, n.end));
        let start_ok = matches!((os, ns), (Some(a), Some(b)) if self.corresponds(&(a..o.end), &(b..n.end)));
        let end_ok = matches!((oe, ne), (Some(a), Some(b)) if self.corresponds(&(o.start..a), &(n.start..b)));
        let pick = |ok: bool, widened: Option<usize>, original: usize| if ok { widened.unwrap_or(original) } else { original };
        (
            pick(start_ok, os, o.start)..pick(end_ok, oe, o.end),
            pick(start_ok, ns, n.start)..pick(end_ok, ne, n.end),
        )
    }
}

/// Byte offset of each line (or word) start, and the text's length at the end.
fn line_starts(tokens: &[&str]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(tokens.len() + 1);
    let mut at = 0;
    starts.push(0);
    for token in tokens {
        at += token.len();
        starts.push(at);
    }
    starts
}

/// The changes within one run of changed lines, found by a word diff, so that (say) two
/// neighbouring statements edited on consecutive lines are two changes with unchanged text
/// between them, each with its own statement slice. Long runs stay one change: a word diff of
/// a rewrite finds mostly chance matches.
fn word_changes(old: &str, new: &str, o: Range<usize>, n: Range<usize>) -> Vec<Change> {
    if o.len().max(n.len()) > MAX_WORD_DIFF_BYTES {
        return vec![narrow(old, new, o, n)];
    }
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(DIFF_TIMEOUT)
        .diff_words(&old[o.clone()], &new[n.clone()]);
    let (old_starts, new_starts) = (line_starts(diff.old_slices()), line_starts(diff.new_slices()));
    let mut changes: Vec<Change> = Vec::new();
    for op in diff.ops() {
        let (tag, wo, wn) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            continue;
        }
        let (bo, bn) = (o.start + old_starts[wo.start]..o.start + old_starts[wo.end], n.start + new_starts[wn.start]..n.start + new_starts[wn.end]);
        match changes.last_mut() {
            Some(last) if last.old.end == bo.start && last.new.end == bn.start => {
                last.old.end = bo.end;
                last.new.end = bn.end;
            }
            _ => changes.push(Change { old: bo, new: bn }),
        }
    }
    changes.into_iter().map(|c| narrow(old, new, c.old, c.new)).collect()
}

/// Narrow a change to the bytes that differ: drop the common prefix and suffix.
fn narrow(old: &str, new: &str, mut o: Range<usize>, mut n: Range<usize>) -> Change {
    let (a, b) = (&old.as_bytes()[o.clone()], &new.as_bytes()[n.clone()]);
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let max_suffix = a.len().min(b.len()) - prefix;
    let suffix = a.iter().rev().zip(b.iter().rev()).take(max_suffix).take_while(|(x, y)| x == y).count();
    o = o.start + prefix..o.end - suffix;
    n = n.start + prefix..n.end - suffix;
    Change { old: o, new: n }
}

/// `range` without leading and trailing ASCII whitespace (empty at its start if all blank).
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let bytes = &text.as_bytes()[range.clone()];
    let Some(first) = bytes.iter().position(|b| !b.is_ascii_whitespace()) else {
        return range.start..range.start;
    };
    let last = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).unwrap_or(first);
    range.start + first..range.start + last + 1
}

/// The start of `at`'s line if only spaces and tabs come before `at` on it.
fn line_start_if_blank_before(text: &str, at: usize) -> Option<usize> {
    let start = text.as_bytes()[..at].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    text.as_bytes()[start..at].iter().all(|b| matches!(b, b' ' | b'\t')).then_some(start)
}

/// Just past the newline ending `at`'s line (or the text's end) if only blanks follow `at`,
/// after at most one separator: a list item or field (`x: i32,`) ends before its comma.
fn line_end_if_blank_after(text: &str, at: usize) -> Option<usize> {
    let rest = &text.as_bytes()[at..];
    let eol = rest.iter().position(|&b| b == b'\n').map_or(text.len(), |i| at + i + 1);
    let tail = &text.as_bytes()[at..eol];
    let tail = tail.strip_prefix(b",").or_else(|| tail.strip_prefix(b";")).unwrap_or(tail);
    tail.iter().all(|b| b.is_ascii_whitespace()).then_some(eol)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(grammar: Grammar, old: &str, new: &str, depth: Depth) -> Vec<(String, String, String)> {
        let mut slicer = Slicer::new().unwrap();
        let (po, pn) = (slicer.parse(grammar, old).unwrap(), slicer.parse(grammar, new).unwrap());
        let alignment = Alignment::new(old, new);
        let slices =
            if depth == Depth::Hunk { alignment.hunk_slices() } else { alignment.syntactic_slices(depth, (old, &po), (new, &pn)) };
        slices.into_iter().map(|s| (s.node_kind, old[s.old].to_string(), new[s.new].to_string())).collect()
    }

    const OLD: &str = "fn main() {\n    let x = 1;\n    if x > 0 {\n        println!(\"{x}\");\n    }\n}\n";
    const NEW: &str = "fn main() {\n    let x = 2;\n    if x > 0 {\n        println!(\"{x}\");\n    }\n}\n";

    #[test]
    fn every_shipped_query_compiles() {
        Slicer::new().unwrap();
    }

    #[test]
    fn a_changed_statement_is_cut_as_whole_lines() {
        let got = cut(Grammar::Rust, OLD, NEW, Depth::Statement);
        assert_eq!(got, vec![("let_declaration".into(), "    let x = 1;\n".into(), "    let x = 2;\n".into())]);
    }

    #[test]
    fn block_and_function_enclose_the_change() {
        let block = cut(Grammar::Rust, OLD, NEW, Depth::Block);
        assert_eq!(block[0].1, &OLD[10..]);
        let function = cut(Grammar::Rust, OLD, NEW, Depth::Function);
        assert_eq!((function[0].1.as_str(), function[0].2.as_str()), (OLD, NEW));
        assert!(cut(Grammar::Rust, OLD, NEW, Depth::Class).is_empty());
    }

    #[test]
    fn an_inserted_statement_is_inside_its_block_not_a_statement() {
        let new = "fn main() {\n    let x = 1;\n    let y = x;\n    if x > 0 {\n        println!(\"{x}\");\n    }\n}\n";
        assert!(cut(Grammar::Rust, OLD, new, Depth::Statement).is_empty());
        let block = cut(Grammar::Rust, OLD, new, Depth::Block);
        assert_eq!(block.len(), 1);
        assert!(block[0].2.contains("let y = x;"));
    }

    #[test]
    fn two_changes_in_one_statement_give_one_slice() {
        let old = "def f():\n    g(1,\n      2)\n    return 0\n";
        let new = "def f():\n    g(3,\n      4)\n    return 0\n";
        let got = cut(Grammar::Python, old, new, Depth::Statement);
        assert_eq!(got, vec![("expression_statement".into(), "    g(1,\n      2)\n".into(), "    g(3,\n      4)\n".into())]);
    }

    #[test]
    fn neighbouring_statements_changed_together_are_cut_apart() {
        let old = "struct P {\n    x: i32,\n    y: i32,\n}\n";
        let new = "struct P {\n    x: i64,\n    y: i64,\n}\n";
        let got: Vec<String> = cut(Grammar::Rust, old, new, Depth::Statement).into_iter().map(|s| s.2).collect();
        assert_eq!(got, ["    x: i64,\n", "    y: i64,\n"]);
    }

    #[test]
    fn a_changed_node_kind_is_named_old_to_new() {
        let old = "def f():\n    x = 1\n    return x\n";
        let new = "def f():\n    return 1\n";
        let got = cut(Grammar::Python, old, new, Depth::Block);
        assert_eq!(got, vec![("block".into(), "    x = 1\n    return x\n".into(), "    return 1\n".into())]);
    }

    #[test]
    fn a_broken_file_is_cut_only_at_whole_nodes() {
        let old = "fn a() {\n    let x = 1;\n}\n\nfn b() {\n    let y = ;\n}\n";
        let new = "fn a() {\n    let x = 2;\n}\n\nfn b() {\n    let y = 3;\n}\n";
        let got: Vec<String> = cut(Grammar::Rust, old, new, Depth::Function).into_iter().map(|s| s.2).collect();
        assert_eq!(got, ["fn a() {\n    let x = 2;\n}\n"]);
    }

    #[test]
    fn hunks_keep_two_lines_of_context() {
        let got = cut(Grammar::Rust, OLD, NEW, Depth::Hunk);
        let four_lines = OLD.match_indices('\n').nth(3).unwrap().0 + 1;
        assert_eq!(got, vec![("lines".into(), OLD[..four_lines].to_string(), NEW[..four_lines].to_string())]);
    }

    #[test]
    fn mapping_crosses_changes_of_different_lengths() {
        let a = Alignment::new("a\nbb\nc\n", "a\nXYZ\nc\n");
        assert!(a.map(5, Side::Old).allows(6));
        assert!(a.map(6, Side::New).allows(5));
        assert!(!a.map(3, Side::Old).exact);
        assert!(a.map(2, Side::Old).allows(2));
    }

    #[test]
    fn paths_pick_grammars() {
        assert_eq!(Grammar::for_path("src/a.tsx"), Some(Grammar::Tsx));
        assert_eq!(Grammar::for_path("x/y.h").map(Grammar::lang), Some(Lang::C));
        assert_eq!(Grammar::for_path("Makefile"), None);
    }
}
