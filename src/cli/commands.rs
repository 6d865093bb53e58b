//! `vimdata commands`: the Markdown table of what the engine implements (the README's table).

#[derive(clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> super::CliResult {
    print!("{}", vimdata::engine::command_table_markdown());
    Ok(0)
}
