//! A mined edit pair: an old and a new text cut from one change of a file at one syntactic
//! depth, with where it came from. Written as one JSONL line; it reads back as a dataset
//! [`Record`] (its `keys` stay empty until a program is proposed for it).

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use sha2::{Digest, Sha256};

use super::record::Record;

/// The languages whose history can be mined.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Rust,
    Python,
    Javascript,
    Typescript,
    Go,
    C,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Rust, Lang::Python, Lang::Javascript, Lang::Typescript, Lang::Go, Lang::C];

    pub fn name(self) -> &'static str {
        match self {
            Lang::Rust => "rust",
            Lang::Python => "python",
            Lang::Javascript => "javascript",
            Lang::Typescript => "typescript",
            Lang::Go => "go",
            Lang::C => "c",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How much of the text around a change a pair keeps, from the changed lines alone up to the
/// whole file. The syntactic depths are defined per language in `grammar/queries/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Depth {
    /// The changed lines with a little unchanged context, as in a unified diff.
    Hunk,
    /// The smallest statement (or statement-like member) enclosing the change.
    Statement,
    /// The smallest block of statements.
    Block,
    /// The smallest function or method.
    Function,
    /// The smallest class, type, trait, impl or similar container.
    Class,
    /// The whole file.
    File,
}

impl Depth {
    pub const ALL: [Depth; 6] = [Depth::Hunk, Depth::Statement, Depth::Block, Depth::Function, Depth::Class, Depth::File];

    pub fn name(self) -> &'static str {
        match self {
            Depth::Hunk => "hunk",
            Depth::Statement => "statement",
            Depth::Block => "block",
            Depth::Function => "function",
            Depth::Class => "class",
            Depth::File => "file",
        }
    }

    /// The depths that come from a syntax tree (the others need no parse).
    pub fn is_syntactic(self) -> bool {
        !matches!(self, Depth::Hunk | Depth::File)
    }
}

impl fmt::Display for Depth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Depth {
    type Err = String;
    fn from_str(s: &str) -> Result<Depth, String> {
        Depth::ALL
            .into_iter()
            .find(|d| d.name() == s)
            .ok_or_else(|| format!("unknown depth `{s}` (expected one of hunk, statement, block, function, class, file)"))
    }
}

/// Where a slice sits in its file: byte offsets `[start, end)` and 1-based lines, inclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TextRange {
    pub bytes: [usize; 2],
    pub lines: [usize; 2],
}

impl TextRange {
    /// The range `bytes` of `text`, with its line numbers.
    pub fn of(text: &str, bytes: std::ops::Range<usize>) -> TextRange {
        let first = 1 + text.as_bytes()[..bytes.start].iter().filter(|&&b| b == b'\n').count();
        let inner = &text.as_bytes()[bytes.clone()];
        let newlines = inner.iter().filter(|&&b| b == b'\n').count();
        // A slice that ends with its newline ends on that line, not the next.
        let last = first + newlines - usize::from(newlines > 0 && inner.last() == Some(&b'\n'));
        TextRange { bytes: [bytes.start, bytes.end], lines: [first, last.max(first)] }
    }
}

/// One mined pair as written to JSONL.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MinedPair {
    /// `source`, `keys` (empty until a program is proposed) and `target` come first, so the
    /// line is also a dataset [`Record`].
    pub source: String,
    pub target: String,
    pub keys: String,
    pub lang: Lang,
    pub depth: Depth,
    /// The syntax node the slice is (`old->new` when the kinds differ); `lines` for hunks;
    /// the root's kind, or `file` when the file did not parse cleanly, for whole files.
    pub node_kind: String,
    /// The repository's name as given to the miner.
    pub repo: String,
    /// The commit that made the change (full hex id).
    pub commit: String,
    /// The commit's position in the walk (0 = the first commit walked, the newest by default).
    /// Shards keep it so their merge can restore the unsharded order.
    pub commit_index: u64,
    pub path: String,
    pub old_range: TextRange,
    pub new_range: TextRange,
    pub commit_message: String,
}

impl MinedPair {
    /// The pair as a dataset record.
    pub fn record(&self) -> Record<'_> {
        Record { source: Cow::Borrowed(&self.source), keys: Cow::Borrowed(&self.keys), target: Some(Cow::Borrowed(&self.target)) }
    }

    /// The key two pairs are duplicates by: their depth and their texts.
    pub fn content_hash(&self) -> ContentHash {
        content_hash(self.depth, &self.source, &self.target)
    }
}

/// A truncated SHA-256 of a pair's depth and texts: 128 bits is plenty to tell pairs apart and
/// keeps the set of seen pairs small on big corpora.
pub type ContentHash = [u8; 16];

pub fn content_hash(depth: Depth, source: &str, target: &str) -> ContentHash {
    let mut hasher = Sha256::new();
    hasher.update(depth.name().as_bytes());
    hasher.update([0]);
    hasher.update((source.len() as u64).to_le_bytes());
    hasher.update(source.as_bytes());
    hasher.update(target.as_bytes());
    let digest = hasher.finalize();
    let mut hash = [0; 16];
    hash.copy_from_slice(&digest[..16]);
    hash
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::record::parse_json_line;

    fn sample() -> MinedPair {
        MinedPair {
            source: "let x = 1;\n".into(),
            target: "let x = 2;\n".into(),
            keys: String::new(),
            lang: Lang::Rust,
            depth: Depth::Statement,
            node_kind: "let_declaration".into(),
            repo: "demo".into(),
            commit: "abc".into(),
            commit_index: 3,
            path: "src/lib.rs".into(),
            old_range: TextRange { bytes: [0, 11], lines: [1, 1] },
            new_range: TextRange { bytes: [0, 11], lines: [1, 1] },
            commit_message: "Bump x".into(),
        }
    }

    #[test]
    fn a_pair_line_reads_back_as_a_record_with_empty_keys() {
        let line = serde_json::to_string(&sample()).unwrap();
        let record = parse_json_line(&line, 1).unwrap();
        assert_eq!((&*record.source, &*record.keys, record.target.as_deref()), ("let x = 1;\n", "", Some("let x = 2;\n")));
        let back: MinedPair = serde_json::from_str(&line).unwrap();
        assert_eq!(back, sample());
        assert_eq!(back.record(), record);
    }

    #[test]
    fn content_hash_tells_source_from_target() {
        assert_ne!(content_hash(Depth::Hunk, "ab", "c"), content_hash(Depth::Hunk, "a", "bc"));
        assert_ne!(content_hash(Depth::Hunk, "a", "b"), content_hash(Depth::File, "a", "b"));
    }

    #[test]
    fn ranges_count_lines_from_one_and_end_on_the_last_newline() {
        let text = "a\nbc\nd\n";
        assert_eq!(TextRange::of(text, 2..5).lines, [2, 2]);
        assert_eq!(TextRange::of(text, 0..7).lines, [1, 3]);
        assert_eq!(TextRange::of(text, 2..2).lines, [2, 2]);
    }
}
