//! The `vimdata` command: a thin front end over the library (see `src/cli/`).

mod cli;

// The engine allocates many small strings per record; mimalloc roughly halves that cost.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
