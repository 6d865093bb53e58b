//! The built-in example set that `vimdata validate` checks when given no dataset.
//!
//! First the seed prototype's table exactly as it was written (its keys in the seed's own
//! escapes: `\\033` and `{esc}` are Escape, `\\n` is a newline key): real Vim shows that its
//! last three GPT-4 rows do not give their targets, and that the first row's `{i}`, which the
//! seed's notation does not define, is typed as the three characters `{i}`. Then examples of
//! our own, each checked against real Vim (`tests/live_vim.rs`).

use std::borrow::Cow;

use crate::keys::{format_keys, parse_seed};

use super::record::Record;

/// One built-in example.
#[derive(Clone, Copy, Debug)]
pub struct Example {
    /// Where the example comes from: `seed` (the prototype's table) or `vimdata`.
    pub origin: &'static str,
    pub source: &'static str,
    /// Keys in Vim notation, or in the seed's escapes for `seed` rows.
    pub keys: &'static str,
    pub target: &'static str,
    /// What real Vim does with it, when that is the point of the example.
    pub note: &'static str,
}

/// The seed's table: `source | target | transform`, as written.
pub const SEED_TABLE: &[Example] = &[
    Example { origin: "seed", source: "", keys: "ihello world{i}\\033:wq\\n", target: "hello world", note: "`{i}` is not a key in the seed's notation: Vim types it as text" },
    Example { origin: "seed", source: "hello world", keys: "fwc$geezer\\033:wq\\n", target: "hello geezer", note: "" },
    Example { origin: "seed", source: "hello", keys: "A, world!{esc}", target: "hello, world!", note: "" },
    Example { origin: "seed", source: "good morning", keys: "ct evening{esc}", target: "good evening", note: "GPT-4: `ct ` changes `good` (up to the space), giving `evening morning`" },
    Example { origin: "seed", source: "remove me", keys: "$F d{esc}", target: "remove", note: "GPT-4: `F ` moves back to the space and `d<Esc>` is a cancelled operator: nothing changes" },
    Example { origin: "seed", source: "start end", keys: "eand {esc}", target: "start and end", note: "GPT-4: `e` goes to the end of `start` and the `a` of `and` is the append command: `startnd  end`" },
    Example { origin: "seed", source: "unix", keys: "gUiw", target: "UNIX", note: "" },
];

/// Examples of our own, keys in Vim notation.
pub const OWN: &[Example] = &[
    Example { origin: "vimdata", source: "hello world\n", keys: "wcwthere<Esc>", target: "hello there\n", note: "" },
    Example { origin: "vimdata", source: "one two three\n", keys: "dw", target: "two three\n", note: "" },
    Example { origin: "vimdata", source: "fn main() {\n    let x = 42;\n}\n", keys: "jf4s7<Esc>", target: "fn main() {\n    let x = 72;\n}\n", note: "" },
    Example { origin: "vimdata", source: "a\nb\nc\n", keys: "ddp", target: "b\na\nc\n", note: "" },
    Example { origin: "vimdata", source: "x = 7\n", keys: "5<C-a>", target: "x = 12\n", note: "" },
    Example { origin: "vimdata", source: "line\n", keys: "yy3p", target: "line\nline\nline\nline\n", note: "" },
    Example { origin: "vimdata", source: "foo bar\n", keys: "gUU", target: "FOO BAR\n", note: "" },
    Example { origin: "vimdata", source: "one\ntwo\nthree\n", keys: "Jx", target: "onetwo\nthree\n", note: "" },
    Example { origin: "vimdata", source: "word word word\n", keys: "cwnew<Esc>w.w.", target: "new new new\n", note: "" },
    Example { origin: "vimdata", source: "  indented\n", keys: ">>", target: "\t  indented\n", note: "" },
    Example { origin: "vimdata", source: "1\n2\n3\n", keys: "qaA!<Esc>jq2@a", target: "1!\n2!\n3!\n", note: "" },
    Example { origin: "vimdata", source: "hello\n", keys: "xu", target: "hello\n", note: "" },
    Example { origin: "vimdata", source: "The cat sat.\n", keys: "fcrb", target: "The bat sat.\n", note: "" },
    Example { origin: "vimdata", source: "abc\n", keys: "~~~", target: "ABC\n", note: "" },
    Example { origin: "vimdata", source: "keep\ndelete\nkeep\n", keys: "jdd", target: "keep\nkeep\n", note: "" },
    Example { origin: "vimdata", source: "\n", keys: "ofirst<CR>second<Esc>", target: "\nfirst\nsecond\n", note: "" },
    Example { origin: "vimdata", source: "tab\n", keys: "I<Tab><Esc>", target: "\ttab\n", note: "" },
    Example { origin: "vimdata", source: "αβγ\n", keys: "lx", target: "αγ\n", note: "" },
    Example { origin: "vimdata", source: "one two three\n", keys: "wD", target: "one \n", note: "" },
    Example { origin: "vimdata", source: "a\nb\n", keys: ":2<CR>dd", target: "a\n", note: "" },
    Example { origin: "vimdata", source: "hello\n", keys: "A world<Esc>:wq<CR>", target: "hello world\n", note: "" },
    Example { origin: "vimdata", source: "one two three\n", keys: "d2w", target: "three\n", note: "" },
    Example { origin: "vimdata", source: "x\n", keys: "5ix<Esc>", target: "xxxxxx\n", note: "" },
    Example { origin: "vimdata", source: "first\nsecond\n", keys: "ddu<C-r>", target: "second\n", note: "" },
    Example { origin: "vimdata", source: "w1 w2 w3\n", keys: "2dwu", target: "w1 w2 w3\n", note: "" },
    Example { origin: "vimdata", source: "count: 0x0f\n", keys: "<C-a>", target: "count: 0x10\n", note: "" },
    Example { origin: "vimdata", source: "def f():\n    return 1\n", keys: "jA + 1<Esc>", target: "def f():\n    return 1 + 1\n", note: "" },
    Example { origin: "vimdata", source: "alpha\nbeta\n", keys: "\"ayyj\"ap", target: "alpha\nbeta\nalpha\n", note: "" },
    Example { origin: "vimdata", source: "one two\n", keys: "$bi<BS><CR><Esc>", target: "one \ntwo\n", note: "" },
    Example { origin: "vimdata", source: "a, b, c\n", keys: "f,;r;", target: "a, b; c\n", note: "" },
    Example { origin: "vimdata", source: "name = old\n", keys: "$ciwnew<Esc>", target: "name = new\n", note: "" },
    Example { origin: "vimdata", source: "foo(bar, baz)\n", keys: "f(ci(x<Esc>", target: "foo(x)\n", note: "" },
    Example { origin: "vimdata", source: "say \"hi\" now\n", keys: "di\"", target: "say \"\" now\n", note: "" },
    Example { origin: "vimdata", source: "one\ntwo\n\nthree\n", keys: "dap", target: "three\n", note: "" },
    Example { origin: "vimdata", source: "<a><b>text</b></a>\n", keys: "fecitnew<Esc>", target: "<a><b>new</b></a>\n", note: "" },
    Example { origin: "vimdata", source: "if (x) { a(); b(); }\n", keys: "fadi{", target: "if (x) {}\n", note: "" },
];

/// Every built-in example as a record with keys in canonical notation.
pub fn records() -> Vec<(Example, Record<'static>)> {
    SEED_TABLE
        .iter()
        .chain(OWN)
        .map(|e| {
            let keys = if e.origin == "seed" { format_keys(&parse_seed(e.keys)) } else { e.keys.to_string() };
            let record = Record { source: Cow::Borrowed(e.source), keys: Cow::Owned(keys), target: Some(Cow::Borrowed(e.target)) };
            (*e, record)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_keys_become_notation() {
        let all = records();
        assert_eq!(all[0].1.keys, "ihello world{i}<Esc>:wq<NL>");
        assert_eq!(all[3].1.keys, "ct evening<Esc>");
    }
}
