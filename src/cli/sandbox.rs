//! `vimdata sandbox build|check`: the Docker oracle's image. `build` makes it from local files
//! (no registry) and imports it through the engine API; `check` says whether the engine and the
//! image are ready. `serve` (hidden) is what runs inside the container.

use std::path::PathBuf;

use vimdata::oracle::{build_image, check_sandbox, protocol, LocalRunner, OracleOptions, DEFAULT_IMAGE};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Build the sandbox image from this machine's `vim`, `vimdata` and their libraries.
    Build {
        /// The image name.
        #[arg(long, default_value = DEFAULT_IMAGE)]
        image: String,
        /// The `vim` binary to put in.
        #[arg(long, default_value = "/usr/bin/vim")]
        vim: PathBuf,
    },
    /// Report whether the Docker engine and the image are ready (exit 1 when not).
    Check {
        #[arg(long, default_value = DEFAULT_IMAGE)]
        image: String,
    },
    /// Serve oracle requests on stdin/stdout (runs inside the container).
    #[command(hide = true)]
    Serve {
        #[arg(long, default_value_t = 8)]
        workers: usize,
        #[arg(long, default_value = "/usr/bin/vim")]
        vim: PathBuf,
    },
}

pub fn run(args: Args) -> super::CliResult {
    match args.command {
        Command::Build { image, vim } => {
            let vimdata = std::env::current_exe()?;
            println!("{}", build_image(&image, &vim, &vimdata)?);
            Ok(0)
        }
        Command::Check { image } => {
            let status = check_sandbox(&image);
            match &status.engine {
                Ok(version) => println!("engine: ok, {version}"),
                Err(e) => println!("engine: NOT READY: {e}"),
            }
            match &status.image {
                Ok(id) => println!("image {image}: ok, {id}"),
                Err(e) => println!("image {image}: NOT READY: {e}"),
            }
            Ok(if status.ready() { 0 } else { 1 })
        }
        Command::Serve { workers, vim } => {
            let runner = LocalRunner::new(&OracleOptions { vim, ..OracleOptions::default() })?;
            let stdout = std::io::BufWriter::new(std::io::stdout());
            protocol::serve(&runner, std::io::stdin().lock(), stdout, workers)?;
            Ok(0)
        }
    }
}
