//! The table of pattern items for the README: what the engine matches as Vim does, and what
//! it refuses. `tests/readme.rs` checks that the README shows this table.

/// (items, meaning, status) for every pattern item of `:help pattern`.
pub static PATTERN_ITEMS: &[(&str, &str, &str)] = &[
    ("`\\v` `\\m` `\\M` `\\V`", "magic levels (and the 'magic' option)", "supported"),
    ("`\\c` `\\C`", "ignore / match case ('ignorecase', 'smartcase')", "supported; case folding above ASCII refused"),
    ("`x` `\\e` `\\t` `\\r` `\\b` `\\n` `~`", "ordinary atoms, escapes, last substitute string", "supported"),
    ("`\\%d123` `\\%o40` `\\%x2a` `\\%u20AC` `\\%U...`", "character codes", "supported"),
    (".  `\\_.`", "any character (and a line break)", "supported"),
    ("`\\s \\S \\d \\D \\w \\W \\a \\A \\l \\L \\u \\U \\x \\X \\o \\O \\h \\H`", "character classes, `\\_x` with a line break", "supported"),
    ("`\\k \\K`", "keyword characters ('iskeyword' at its default)", "supported (Latin-1 and Unicode word classes)"),
    ("`\\i \\I \\f \\F \\p \\P`", "option classes at their default values", "supported; characters above ASCII refused"),
    ("`[abc]` `[^a-z]` `[[:alpha:]]` `[[.a.]]` `\\_[]`", "collections", "supported; `[[=a=]]` refused"),
    ("`\\%[abc]`", "optionally matched sequence", "supported"),
    ("`*` `\\+` `\\=` `\\?` `\\{n,m}` `\\{-n,m}`", "multis, greedy and lazy", "supported"),
    ("`\\@=` `\\@!` `\\@<=` `\\@<!` `\\@>`", "lookaround and atomic groups", "supported"),
    ("`\\(\\)` `\\%(\\)` `\\1`..`\\9` `\\|` `\\&`", "groups, back-references, branches, concats", "supported"),
    ("`^` `$` `\\_^` `\\_$` `\\<` `\\>`", "line and word anchors", "supported (word edges by Vim's character classes)"),
    ("`\\zs` `\\ze`", "set the match start / end", "supported"),
    ("`\\%^` `\\%$` `\\%23l` `\\%<23l` `\\%23c` `\\%23v` `\\%#`", "position items", "supported (`\\%v` on ASCII lines)"),
    ("`\\%V` `\\%'m` `\\%.l` `\\%C` `\\%#=1` `\\z(`", "Visual area, marks, cursor line, composing, engine choice", "refused"),
];

/// [`PATTERN_ITEMS`] as a Markdown table.
pub fn pattern_items_markdown() -> String {
    let mut out = String::from("| Items | Meaning | Status |\n|---|---|---|\n");
    for (items, meaning, status) in PATTERN_ITEMS {
        out.push_str(&format!("| {items} | {meaning} | {status} |\n"));
    }
    out
}
