//! The command-line front end: one file per subcommand, each with its clap `Args` and a `run`
//! that returns the process exit code (0 success, 1 a negative verdict, 2 usage or I/O error).

use clap::{Parser, Subcommand};

mod keys;
mod sandbox;


#[derive(Parser)]
#[command(name = "vimdata", version, about = "Make and check datasets of Vim edits")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print a key program in canonical notation.
    Keys(keys::Args),
    /// Build or check the Docker oracle's image.
    Sandbox(sandbox::Args),
}

/// Parse the command line and run the subcommand; returns the exit code.
pub fn main() -> i32 {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Keys(args) => keys::run(args),
        Command::Sandbox(args) => sandbox::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("vimdata: {err:#}");
            2
        }
    }
}

/// Errors the front end reports as a friendly message with exit code 2.
pub type CliResult = Result<i32, Box<dyn std::error::Error + Send + Sync>>;
