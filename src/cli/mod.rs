//! The command-line front end: one file per subcommand, each with its clap `Args` and a `run`
//! that returns the process exit code (0 success, 1 a negative verdict, 2 usage or I/O error).

use clap::{Parser, Subcommand};

mod apply;
mod commands;
mod diff;
mod input;
mod keys;
mod mine;
mod oracle_args;
mod pipeline;
mod propose;
mod record;
mod validate;
mod sandbox;


#[derive(Parser)]
#[command(name = "vimdata", version, about = "Make and check datasets of Vim edits")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Apply one program to a text, or a stream of JSONL records.
    Apply(apply::Args),
    /// Check records {source, keys, target}; without a dataset, the built-in examples.
    Validate(validate::Args),
    /// Run records or generated programs through the emulator and real Vim; show disagreements.
    Diff(diff::Args),
    /// Print a key program in canonical notation.
    Keys(keys::Args),
    /// Print the Markdown table of the commands the engine implements.
    Commands(commands::Args),
    /// Build or check the Docker oracle's image.
    Sandbox(sandbox::Args),
    /// Mine edit pairs from a git repository's history, cut at several syntactic depths.
    Mine(mine::Args),
    /// Propose proven keystroke programs for (source, target) pairs.
    Propose(propose::Args),
    /// Mine, propose, validate and keep in one resumable run.
    Pipeline(pipeline::Args),
    /// Record an edit as an asciicast v2 file (the emulator's screen or real Vim's).
    Record(record::Args),
}

/// Parse the command line and run the subcommand; returns the exit code.
pub fn main() -> i32 {
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Apply(args) => apply::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Keys(args) => keys::run(args),
        Command::Commands(args) => commands::run(args),
        Command::Sandbox(args) => sandbox::run(args),
        Command::Mine(args) => mine::run(args),
        Command::Propose(args) => propose::run(args),
        Command::Pipeline(args) => pipeline::run(args),
        Command::Record(args) => record::run(args),
    };
    match result {
        Ok(code) => code,
        // `vimdata apply --jsonl big.jsonl | head`: the reader is gone, as with a panic above.
        Err(err) if is_broken_pipe(err.as_ref()) => 141,
        Err(err) => {
            eprintln!("vimdata: {err:#}");
            2
        }
    }
}

/// Errors the front end reports as a friendly message with exit code 2.
pub type CliResult = Result<i32, Box<dyn std::error::Error + Send + Sync>>;

/// Is this error, or one it wraps, a write to a closed pipe?
fn is_broken_pipe(err: &(dyn std::error::Error + 'static)) -> bool {
    let mut next = Some(err);
    while let Some(e) = next {
        let kind = e
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind));
        if kind == Some(std::io::ErrorKind::BrokenPipe) {
            return true;
        }
        next = e.source();
    }
    false
}

/// A reader that stops early (`vimdata validate big.jsonl | head`) closes our standard output,
/// and `println!` then panics on the broken pipe. That is no error of ours: end quietly with
/// the shell's code for it, as other Unix tools do. (SIGPIPE itself stays ignored: the oracle
/// writes to Vim processes that may have exited, and must get an error, not die.)
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload.downcast_ref::<String>().map(String::as_str).or_else(|| payload.downcast_ref::<&str>().copied());
        if message.is_some_and(|m| m.contains("failed printing to stdout") && m.contains("Broken pipe")) {
            std::process::exit(141);
        }
        default(info);
    }));
}
