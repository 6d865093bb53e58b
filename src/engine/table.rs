//! The README's table of what the engine implements, generated from the engine's own command
//! tables so it cannot drift from the code (`tests/readme.rs` checks it; `vimdata commands`
//! prints it).

use super::command::CommandInfo;
use super::normal::{G_COMMANDS, NORMAL};

/// Rows for the README's table of implemented commands.
pub fn command_table() -> Vec<CommandInfo> {
    let mut rows: Vec<CommandInfo> = NORMAL
        .rows
        .iter()
        .filter(|c| c.keys != "g")
        .map(|c| CommandInfo { mode: "normal", keys: c.keys, help: c.help })
        .collect();
    rows.extend(G_COMMANDS.rows.iter().map(|c| CommandInfo { mode: "normal g", keys: c.keys, help: c.help }));
    rows.extend(super::insert::INSERT.rows.iter().map(|c| CommandInfo { mode: "insert", keys: c.keys, help: c.help }));
    rows.extend(super::cmdline::EX_TABLE.iter().map(|(k, h)| CommandInfo { mode: "ex", keys: k, help: h }));
    rows.extend(super::visual::table_rows().map(|(k, h)| CommandInfo { mode: "visual", keys: k, help: h }));
    rows.extend(super::textobject::OBJECTS.iter().map(|(k, h)| CommandInfo { mode: "text object", keys: k, help: h }));
    rows
}

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
