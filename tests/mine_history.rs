//! Mining history end to end: small repositories built with git2 in temp dirs, one per
//! language, mined at every depth and snapshotted; plus the filters, sharding (merge of the
//! shards = the unsharded run), bare repositories and the fallback for files that fail to parse.

use std::path::Path;
use std::process::Command;

use git2::{Oid, Repository, Signature, Time};
use vimdata::dataset::mine::{merge_shards, mine, DropReason, MineOptions, MineStats, Shard, ShardInput, SkipReason, SizeBounds};
use vimdata::dataset::pair::{Depth, Lang, MinedPair};

/// A repository under construction: each commit is the full set of files at that point.
struct History {
    _dir: tempfile::TempDir,
    repo: Repository,
    head: Option<Oid>,
    commits: i64,
}

impl History {
    fn new(bare: bool) -> History {
        let dir = tempfile::tempdir().unwrap();
        let repo = if bare { Repository::init_bare(dir.path()) } else { Repository::init(dir.path()) }.unwrap();
        History { _dir: dir, repo, head: None, commits: 0 }
    }

    fn path(&self) -> &Path {
        if self.repo.is_bare() {
            self.repo.path()
        } else {
            self.repo.workdir().unwrap()
        }
    }

    /// Commit exactly these files (paths may have one directory level).
    fn commit(&mut self, message: &str, files: &[(&str, &str)]) -> Oid {
        let tree = self.tree(files.iter().map(|(p, c)| (p.to_string(), c.as_bytes().to_vec())).collect());
        self.commit_tree(message, tree)
    }

    fn commit_bytes(&mut self, message: &str, files: &[(&str, &[u8])]) -> Oid {
        let tree = self.tree(files.iter().map(|(p, c)| (p.to_string(), c.to_vec())).collect());
        self.commit_tree(message, tree)
    }

    fn commit_tree(&mut self, message: &str, tree: Oid) -> Oid {
        self.commits += 1;
        let sig = Signature::new("Miner Test", "miner@example.com", &Time::new(1_700_000_000 + self.commits * 3600, 0)).unwrap();
        let tree = self.repo.find_tree(tree).unwrap();
        let parents: Vec<git2::Commit> = self.head.iter().map(|&h| self.repo.find_commit(h).unwrap()).collect();
        let parent_refs: Vec<&git2::Commit> = parents.iter().collect();
        let oid = self.repo.commit(Some("HEAD"), &sig, &sig, message, &tree, &parent_refs).unwrap();
        self.head = Some(oid);
        oid
    }

    fn tree(&self, files: Vec<(String, Vec<u8>)>) -> Oid {
        let mut builder = self.repo.treebuilder(None).unwrap();
        let mut subdirs: std::collections::BTreeMap<String, Vec<(String, Vec<u8>)>> = Default::default();
        for (path, content) in files {
            match path.split_once('/') {
                Some((dir, rest)) => subdirs.entry(dir.to_string()).or_default().push((rest.to_string(), content)),
                None => {
                    let blob = self.repo.blob(&content).unwrap();
                    builder.insert(&path, blob, 0o100644).unwrap();
                }
            }
        }
        for (dir, files) in subdirs {
            let sub = self.tree(files);
            builder.insert(&dir, sub, 0o040000).unwrap();
        }
        builder.write().unwrap()
    }
}

fn options() -> MineOptions {
    MineOptions { repo_name: Some("test".into()), ..MineOptions::default() }
}

fn run(path: &Path, options: MineOptions) -> (Vec<MinedPair>, MineStats) {
    let mut miner = mine(path, options).unwrap();
    let pairs = miner.by_ref().collect::<Result<Vec<_>, _>>().unwrap();
    (pairs, miner.stats().clone())
}

fn jsonl(pairs: &[MinedPair]) -> String {
    pairs.iter().map(|p| serde_json::to_string(p).unwrap() + "\n").collect()
}

/// Pairs as readable text, grouped by depth in the miner's order within each commit.
fn render(pairs: &[MinedPair]) -> String {
    let mut out = String::new();
    for p in pairs {
        out += &format!(
            "## {} {} {} @{} old {:?} new {:?}: {}\n",
            p.depth, p.node_kind, p.path, p.commit_index, p.old_range.lines, p.new_range.lines, p.commit_message
        );
        for line in p.source.lines() {
            out += &format!("-|{line}\n");
        }
        for line in p.target.lines() {
            out += &format!("+|{line}\n");
        }
    }
    out
}

/// Mine a three-commit history of one file and snapshot all its pairs; every depth must occur.
fn snapshot_language(name: &str, lang: Lang, path: &str, versions: [&str; 3]) {
    let mut h = History::new(false);
    h.commit("Start", &[(path, versions[0])]);
    h.commit("First change", &[(path, versions[1])]);
    h.commit("Second change", &[(path, versions[2])]);
    let (pairs, stats) = run(h.path(), options());
    assert_eq!(stats.parse_failures, 0, "{name}: the versions must parse cleanly");
    for depth in Depth::ALL {
        assert!(pairs.iter().any(|p| p.depth == depth && p.lang == lang), "{name}: no pair at depth {depth}\n{}", render(&pairs));
    }
    insta::assert_snapshot!(format!("{name}_pairs"), render(&pairs));
}

#[test]
fn rust_pairs_per_depth() {
    snapshot_language(
        "rust",
        Lang::Rust,
        "src/lib.rs",
        [
            "use std::fmt;\n\npub struct Counter {\n    count: u32,\n}\n\nimpl Counter {\n    pub fn bump(&mut self) {\n        self.count += 1;\n    }\n\n    pub fn get(&self) -> u32 {\n        self.count\n    }\n}\n",
            "use std::fmt;\n\npub struct Counter {\n    count: u64,\n}\n\nimpl Counter {\n    pub fn bump(&mut self) {\n        self.count += 2;\n    }\n\n    pub fn get(&self) -> u32 {\n        self.count\n    }\n}\n",
            "use std::fmt;\n\npub struct Counter {\n    count: u64,\n}\n\nimpl Counter {\n    pub fn bump(&mut self) {\n        self.count += 2;\n        if self.count > 10 {\n            self.count = 0;\n        }\n    }\n\n    pub fn get(&self) -> u64 {\n        self.count\n    }\n}\n",
        ],
    );
}

#[test]
fn python_pairs_per_depth() {
    snapshot_language(
        "python",
        Lang::Python,
        "pkg/stack.py",
        [
            "class Stack:\n    def __init__(self):\n        self.items = []\n\n    def push(self, item):\n        self.items.append(item)\n",
            "class Stack:\n    def __init__(self):\n        self.items = list()\n\n    def push(self, item):\n        self.items.append(item)\n",
            "class Stack:\n    def __init__(self):\n        self.items = list()\n\n    def push(self, item):\n        if item is None:\n            raise ValueError(\"no None\")\n        self.items.append(item)\n",
        ],
    );
}

#[test]
fn javascript_pairs_per_depth() {
    snapshot_language(
        "javascript",
        Lang::Javascript,
        "src/cart.js",
        [
            "class Cart {\n  constructor() {\n    this.items = [];\n  }\n\n  total() {\n    let sum = 0;\n    for (const item of this.items) {\n      sum += item.price;\n    }\n    return sum;\n  }\n}\n",
            "class Cart {\n  constructor() {\n    this.items = [];\n  }\n\n  total() {\n    let sum = 0;\n    for (const item of this.items) {\n      sum += item.price * item.quantity;\n    }\n    return sum;\n  }\n}\n",
            "class Cart {\n  constructor() {\n    this.items = [];\n  }\n\n  total() {\n    return this.items.reduce((sum, item) => sum + item.price * item.quantity, 0);\n  }\n}\n",
        ],
    );
}

#[test]
fn typescript_pairs_per_depth() {
    snapshot_language(
        "typescript",
        Lang::Typescript,
        "src/queue.ts",
        [
            "export class Queue<T> {\n  private items: T[] = [];\n\n  push(item: T): void {\n    this.items.push(item);\n  }\n}\n",
            "export class Queue<T> {\n  private items: T[] = [];\n\n  push(item: T): number {\n    this.items.push(item);\n    return this.items.length;\n  }\n}\n",
            "export class Queue<T> {\n  private readonly items: T[] = [];\n\n  push(item: T): number {\n    this.items.push(item);\n    return this.items.length;\n  }\n}\n",
        ],
    );
}

#[test]
fn go_pairs_per_depth() {
    snapshot_language(
        "go",
        Lang::Go,
        "server/config.go",
        [
            "package server\n\ntype Config struct {\n\tPort int\n}\n\nfunc (c *Config) Addr() string {\n\tif c.Port == 0 {\n\t\treturn \":80\"\n\t}\n\treturn fmt.Sprintf(\":%d\", c.Port)\n}\n",
            "package server\n\ntype Config struct {\n\tPort int\n\tHost string\n}\n\nfunc (c *Config) Addr() string {\n\tif c.Port == 0 {\n\t\treturn \":80\"\n\t}\n\treturn fmt.Sprintf(\":%d\", c.Port)\n}\n",
            "package server\n\ntype Config struct {\n\tPort int\n\tHost string\n}\n\nfunc (c *Config) Addr() string {\n\tif c.Port == 0 {\n\t\treturn c.Host + \":8080\"\n\t}\n\treturn fmt.Sprintf(\"%s:%d\", c.Host, c.Port)\n}\n",
        ],
    );
}

#[test]
fn c_pairs_per_depth() {
    snapshot_language(
        "c",
        Lang::C,
        "src/point.c",
        [
            "struct point {\n    int x;\n    int y;\n};\n\nint norm1(struct point p) {\n    int n = p.x + p.y;\n    return n;\n}\n",
            "struct point {\n    long x;\n    long y;\n};\n\nint norm1(struct point p) {\n    int n = p.x + p.y;\n    return n;\n}\n",
            "struct point {\n    long x;\n    long y;\n};\n\nlong norm1(struct point p) {\n    long n = labs(p.x) + labs(p.y);\n    if (n < 0) {\n        n = 0;\n    }\n    return n;\n}\n",
        ],
    );
}

const FN_V1: &str = "fn f() {\n    let a = 1;\n}\n";
const FN_V2: &str = "fn f() {\n    let a = 2;\n}\n";

#[test]
fn vendored_generated_and_binary_files_are_skipped() {
    let mut h = History::new(false);
    let generated_v1 = format!("// @generated by a tool\n{FN_V1}");
    let generated_v2 = format!("// @generated by a tool\n{FN_V2}");
    let binary_v1 = b"int x = 1;\0\n".as_slice();
    let binary_v2 = b"int x = 2;\0\n".as_slice();
    h.commit_bytes(
        "Start",
        &[("vendor/dep.rs", FN_V1.as_bytes()), ("gen.rs", generated_v1.as_bytes()), ("blob.c", binary_v1), ("app.min.js", b"f(1);\n")],
    );
    h.commit_bytes(
        "Change all",
        &[("vendor/dep.rs", FN_V2.as_bytes()), ("gen.rs", generated_v2.as_bytes()), ("blob.c", binary_v2), ("app.min.js", b"f(2);\n")],
    );
    let (pairs, stats) = run(h.path(), options());
    assert!(pairs.is_empty(), "{}", render(&pairs));
    assert_eq!(stats.files_seen, 4);
    assert_eq!(stats.files_skipped.get(&SkipReason::Vendored), Some(&1));
    assert_eq!(stats.files_skipped.get(&SkipReason::Generated), Some(&2));
    assert_eq!(stats.files_skipped.get(&SkipReason::Binary), Some(&1));

    let keep = MineOptions {
        filters: vimdata::dataset::mine::Filters { keep_vendored: true, keep_generated: true, ..Default::default() },
        ..options()
    };
    let (kept, _) = run(h.path(), keep);
    let paths: std::collections::BTreeSet<_> = kept.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths.into_iter().collect::<Vec<_>>(), ["app.min.js", "gen.rs", "vendor/dep.rs"]);
}

#[test]
fn whitespace_only_identical_and_duplicate_pairs_are_dropped() {
    let mut h = History::new(false);
    h.commit("Start", &[("a.rs", FN_V1)]);
    h.commit("Reindent", &[("a.rs", "fn f() {\n  let a = 1;\n}\n")]);
    h.commit("Back", &[("a.rs", FN_V1)]);
    h.commit("Bump", &[("a.rs", FN_V2)]);
    h.commit("Unbump", &[("a.rs", FN_V1)]);
    h.commit("Bump again", &[("a.rs", FN_V2)]);
    let (pairs, stats) = run(h.path(), options());
    // Only "Bump again" (walked first) and "Unbump" give pairs; "Bump" repeats "Bump again".
    let messages: std::collections::BTreeSet<_> = pairs.iter().map(|p| p.commit_message.as_str()).collect();
    assert_eq!(messages.into_iter().collect::<Vec<_>>(), ["Bump again", "Unbump"]);
    assert!(stats.dropped[&DropReason::WhitespaceOnly] > 0);
    assert!(stats.dropped[&DropReason::Duplicate] > 0);
    assert!(!pairs.iter().any(|p| p.source == p.target));
}

#[test]
fn size_bounds_apply_per_depth() {
    let mut h = History::new(false);
    h.commit("Start", &[("a.rs", FN_V1)]);
    h.commit("Bump", &[("a.rs", FN_V2)]);
    let mut opts = options();
    opts.filters.set_size(Depth::File, SizeBounds { min: 1, max: 10 });
    opts.filters.set_size(Depth::Statement, SizeBounds { min: 100, max: 1000 });
    let (pairs, stats) = run(h.path(), opts);
    let depths: Vec<Depth> = pairs.iter().map(|p| p.depth).collect();
    assert_eq!(depths, [Depth::Hunk, Depth::Block, Depth::Function]);
    assert_eq!(stats.dropped[&DropReason::Size], 2);
}

/// A history with repeated edits across commits, so shards must dedupe against each other.
fn busy_history(bare: bool) -> History {
    let mut h = History::new(bare);
    h.commit("Start", &[("a.rs", FN_V1), ("b.py", "def g():\n    return 1\n")]);
    for i in 0..9 {
        let (rust, python) = if i % 2 == 0 { (FN_V2, "def g():\n    return 2\n") } else { (FN_V1, "def g():\n    return 1\n") };
        let extra = format!("fn h() {{\n    let n = {};\n}}\n", i % 3);
        h.commit(&format!("Edit {i}"), &[("a.rs", rust), ("b.py", python), ("c.rs", &extra)]);
    }
    h
}

#[test]
fn merging_shards_equals_the_unsharded_run() {
    let h = busy_history(false);
    let (whole, _) = run(h.path(), options());
    assert!(!whole.is_empty());
    let mut inputs = Vec::new();
    for index in 0..3 {
        let (pairs, _) = run(h.path(), MineOptions { shard: Shard { index, count: 3 }, ..options() });
        inputs.push(ShardInput { name: format!("shard {index}"), reader: Box::new(std::io::Cursor::new(jsonl(&pairs))) });
    }
    let mut merged = Vec::new();
    let stats = merge_shards(inputs, &mut merged).unwrap();
    assert!(stats.duplicates > 0, "the shards should have overlapped");
    assert_eq!(String::from_utf8(merged).unwrap(), jsonl(&whole));
}

#[test]
fn the_cli_shards_and_merges_to_the_unsharded_output() {
    let h = busy_history(false);
    let out = tempfile::tempdir().unwrap();
    let vimdata = env!("CARGO_BIN_EXE_vimdata");
    let mine_to = |file: &str, extra: &[&str]| {
        let status = Command::new(vimdata)
            .args(["mine", h.path().to_str().unwrap(), "--repo-name", "test", "-o"])
            .arg(out.path().join(file))
            .args(extra)
            .status()
            .unwrap();
        assert!(status.success());
    };
    mine_to("whole.jsonl", &[]);
    mine_to("s0.jsonl", &["--shard", "0/2"]);
    mine_to("s1.jsonl", &["--shard", "1/2"]);
    let merged = Command::new(vimdata)
        .args(["mine", "--merge"])
        .arg(out.path().join("s1.jsonl"))
        .arg(out.path().join("s0.jsonl"))
        .output()
        .unwrap();
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    let whole = std::fs::read(out.path().join("whole.jsonl")).unwrap();
    assert!(!whole.is_empty());
    assert_eq!(String::from_utf8(merged.stdout).unwrap(), String::from_utf8(whole).unwrap());
}

#[test]
fn a_bare_repository_mines_like_a_work_tree() {
    let (bare, work) = (busy_history(true), busy_history(false));
    assert!(bare.repo.is_bare());
    assert_eq!(jsonl(&run(bare.path(), options()).0), jsonl(&run(work.path(), options()).0));
}

#[test]
fn a_file_that_fails_to_parse_keeps_hunks_the_whole_file_and_whole_nodes() {
    let mut h = History::new(false);
    let g = |n: u32| format!("\nfn g() {{\n    let b = {n};\n}}\n");
    h.commit("Start", &[("a.rs", FN_V1), ("b.rs", FN_V1), ("c.rs", &format!("{FN_V1}{}", g(1)))]);
    let broken_f = "fn f() {\n    let a = ;\n}\n";
    h.commit("Break f", &[("a.rs", broken_f), ("b.rs", FN_V2), ("c.rs", &format!("{broken_f}{}", g(2)))]);
    let (pairs, stats) = run(h.path(), options());
    assert_eq!(stats.parse_failures, 2);
    let depths_of = |path: &str| -> Vec<(Depth, String)> {
        pairs.iter().filter(|p| p.path == path).map(|p| (p.depth, p.node_kind.clone())).collect()
    };
    // The change is inside the broken function: nothing syntactic encloses it whole.
    assert_eq!(depths_of("a.rs"), [(Depth::Hunk, "lines".into()), (Depth::File, "file".into())]);
    // The broken function's neighbour is still cut at every syntactic depth it has.
    let g_depths: Vec<Depth> = depths_of("c.rs").into_iter().map(|(d, _)| d).collect();
    assert_eq!(g_depths, [Depth::Hunk, Depth::Statement, Depth::Block, Depth::Function, Depth::File]);
    assert!(pairs.iter().any(|p| p.path == "c.rs" && p.depth == Depth::Function && p.target == g(2)[1..]));
    assert!(pairs.iter().any(|p| p.path == "b.rs" && p.depth == Depth::Statement));
}

#[test]
fn walk_limits_select_commits() {
    let h = busy_history(false);
    let count = |opts: MineOptions| {
        let (pairs, stats) = run(h.path(), opts);
        (stats.commits_walked, pairs.iter().map(|p| p.commit_index).max())
    };
    assert_eq!(count(options()).0, 10);
    assert_eq!(count(MineOptions { max_commits: Some(3), ..options() }), (3, Some(2)));
    assert_eq!(count(MineOptions { rev_range: Some("HEAD~4..HEAD".into()), ..options() }).0, 4);
    // Commit n is at 1_700_000_000 + n hours; the last four are at or after commit 7.
    assert_eq!(count(MineOptions { since: Some(1_700_000_000 + 7 * 3600), ..options() }).0, 4);
}

#[test]
fn a_missing_repository_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = mine(dir.path(), options()).err().unwrap();
    assert!(matches!(err, vimdata::dataset::mine::MineError::Open { .. }), "{err}");
}

#[test]
fn an_empty_repository_says_it_has_no_commits() {
    let history = History::new(false);
    let err = mine(history.path(), options()).err().expect("an error");
    assert_eq!(err.to_string(), "the repository has no commits yet (HEAD names a branch with no commit)");
}
