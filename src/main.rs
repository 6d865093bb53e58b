//! The `vimdata` command: a thin front end over the library (see `src/cli/`).

mod cli;

fn main() {
    std::process::exit(cli::main());
}
