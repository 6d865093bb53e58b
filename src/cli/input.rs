//! Shared plumbing for subcommands: opening inputs, progress bars that only show on a
//! terminal, and printing texts so invisible characters stay visible.

use std::io::{BufRead, BufReader, IsTerminal, Read};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

/// A reader over FILE, or stdin when there is none or it is `-`.
pub fn open(path: Option<&Path>) -> std::io::Result<Box<dyn BufRead + Send>> {
    match path {
        Some(p) if p != Path::new("-") => {
            if p.is_dir() {
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("cannot read {}: it is a directory", p.display())));
            }
            let file = std::fs::File::open(p)
                .map_err(|e| std::io::Error::new(e.kind(), format!("cannot open {}: {e}", p.display())))?;
            Ok(Box::new(BufReader::with_capacity(1 << 20, file)))
        }
        _ => Ok(Box::new(BufReader::with_capacity(1 << 20, std::io::stdin()))),
    }
}

/// All bytes of FILE or stdin.
pub fn read_all(path: Option<&Path>) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A progress bar on stderr when it is a terminal; hidden in pipes and files.
pub fn progress(len: Option<u64>, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match len {
        Some(n) => ProgressBar::new(n),
        None => ProgressBar::new_spinner(),
    };
    let template = if len.is_some() {
        format!("{{bar:40}} {{pos}}/{{len}} {what} ({{per_sec}}, eta {{eta}})")
    } else {
        format!("{{spinner}} {{pos}} {what} ({{per_sec}})")
    };
    if let Ok(style) = ProgressStyle::with_template(&template) {
        bar.set_style(style);
    }
    bar
}

/// A text as a Rust-style quoted string, so newlines, tabs and trailing spaces show.
pub fn quoted(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}
