//! The README's table of what the engine implements, generated from the engine's own command
//! tables so it cannot drift from the code (`tests/readme.rs` checks it; `vimdata commands`
//! prints it).

use super::normal::command_table;

/// The implemented commands as a Markdown table in table order; neighbouring keys of one mode
/// with the same description share a row.
pub fn command_table_markdown() -> String {
    let mut rows: Vec<(&str, Vec<String>, &str)> = Vec::new();
    for row in command_table() {
        let keys: Vec<String> = row.keys.split(' ').filter(|k| !k.is_empty()).map(code).collect();
        let keys = if keys.is_empty() { vec![code(row.keys)] } else { keys };
        match rows.last_mut() {
            Some((mode, seen, help)) if *mode == row.mode && *help == row.help => seen.extend(keys),
            _ => rows.push((row.mode, keys, row.help)),
        }
    }
    let mut out = String::from("| mode | keys | what it does |\n|---|---|---|\n");
    for (mode, keys, help) in rows {
        out.push_str(&format!("| {mode} | {} | {} |\n", keys.join(" "), help.replace('|', "\\|")));
    }
    out
}

/// A key sequence as inline code that survives a Markdown table (`|` escaped, backticks
/// fenced with double backticks).
fn code(keys: &str) -> String {
    let escaped = keys.replace('|', "\\|");
    if keys.contains('`') {
        format!("`` {escaped} ``")
    } else if keys == " " {
        "`<Space>`".to_string()
    } else {
        format!("`{escaped}`")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_row_has_three_cells() {
        let table = super::command_table_markdown();
        for line in table.lines() {
            let unescaped_bars = line.replace("\\|", "").matches('|').count();
            assert_eq!(unescaped_bars, 4, "{line}");
        }
    }
}
