//! The README's table of pattern items is generated from the regex engine's own table
//! (`vimdata::engine::regex::PATTERN_ITEMS`) and must not drift.
//! `UPDATE_README=1 cargo test --test readme_patterns` rewrites it.

const BEGIN: &str = "<!-- patterns:begin -->\n";
const END: &str = "<!-- patterns:end -->";

#[test]
fn readme_pattern_table_matches_the_engine() {
    let readme = std::fs::read_to_string("README.md").expect("README.md present");
    let (Some(start), Some(end)) = (readme.find(BEGIN), readme.find(END)) else {
        panic!("README.md lacks the {BEGIN:?} ... {END:?} markers");
    };
    let table = vimdata::engine::regex::pattern_items_markdown();
    let current = &readme[start + BEGIN.len()..end];
    if current == table {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start + BEGIN.len()], table, &readme[end..]);
        std::fs::write("README.md", updated).expect("README.md writable");
        return;
    }
    panic!("the README's pattern table is out of date: run `UPDATE_README=1 cargo test --test readme_patterns`");
}
