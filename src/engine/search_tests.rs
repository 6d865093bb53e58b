//! Search with options set: 'ignorecase', 'smartcase', 'wrapscan', 'magic'. Until `:set`
//! writes `vim.options`, these set them directly; every expectation is what Vim 9.0 wrote
//! for the same keys after `:set ...<CR>` (recorded with `examples/record_corpus`).

use crate::engine::Vim;

fn run(text: &str, set: impl Fn(&mut crate::engine::options::Options), keys: &str) -> String {
    let mut vim = Vim::new(text);
    set(&mut vim.options);
    match vim.keys(keys) {
        Ok(vim) => vim.text(),
        Err(e) => format!("error: {e}"),
    }
}

const TEXT: &str = "Foo foo FOO\nfoo Foo\n";

#[test]
fn ignorecase_and_smartcase() {
    let ic = |o: &mut crate::engine::options::Options| o.ignorecase = true;
    let scs = |o: &mut crate::engine::options::Options| {
        o.ignorecase = true;
        o.smartcase = true;
    };
    assert_eq!(run(TEXT, ic, "/foo<CR>x"), "Foo oo FOO\nfoo Foo\n");
    assert_eq!(run(TEXT, scs, "/Foo<CR>x"), "Foo foo FOO\nfoo oo\n");
    assert_eq!(run(TEXT, scs, "/foo<CR>nx"), "Foo foo OO\nfoo Foo\n");
    assert_eq!(run(TEXT, ic, "w*nnx"), "Foo foo FOO\nfoo oo\n");
    assert_eq!(run(TEXT, scs, "/Foo<CR>dgn"), "Foo foo FOO\nfoo \n");
}

#[test]
fn star_and_n_after_it_ignore_smartcase() {
    let scs = |o: &mut crate::engine::options::Options| {
        o.ignorecase = true;
        o.smartcase = true;
    };
    assert_eq!(run(TEXT, scs, "w*x"), "Foo foo OO\nfoo Foo\n");
    assert_eq!(run(TEXT, scs, "*nx"), "Foo foo OO\nfoo Foo\n");
    assert_eq!(run(TEXT, scs, "ww#x"), "Foo oo FOO\nfoo Foo\n");
}

#[test]
fn nowrapscan_and_nomagic() {
    let nows = |o: &mut crate::engine::options::Options| o.wrapscan = false;
    assert_eq!(run(TEXT, nows, "G$/foo<CR>x"), "Foo foo FOO\nfoo Fo\n");
    assert_eq!(run(TEXT, nows, "G$nx"), "Foo foo FOO\nfoo Fo\n");
    let nomagic = |o: &mut crate::engine::options::Options| o.magic = false;
    assert_eq!(run(TEXT, nomagic, "/o*<CR>x"), "oo foo FOO\nfoo Foo\n");
}
