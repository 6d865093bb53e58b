//! `vimdata keys`: print a key program in canonical notation, one key per line with `--list`.

use vimdata::keys::{format_key, format_keys, parse, KeysFormat};

#[derive(clap::Args)]
pub struct Args {
    /// The keys.
    keys: String,
    /// How the keys are written.
    #[arg(long, value_enum, default_value = "notation")]
    keys_format: FormatArg,
    /// One key per line, with the bytes real Vim receives for it.
    #[arg(long)]
    list: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Notation,
    Raw,
    Seed,
}

impl From<FormatArg> for KeysFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Notation => KeysFormat::Notation,
            FormatArg::Raw => KeysFormat::Raw,
            FormatArg::Seed => KeysFormat::Seed,
        }
    }
}

pub fn run(args: Args) -> super::CliResult {
    let keys = parse(&args.keys, args.keys_format.into());
    if args.list {
        for key in &keys {
            let bytes = vimdata::keys::to_vim_bytes(&[*key]);
            let hex: Vec<String> = bytes.iter().map(|b| format!("{b:02x}")).collect();
            println!("{}\t{}", format_key(*key), hex.join(" "));
        }
    } else {
        println!("{}", format_keys(&keys));
    }
    Ok(0)
}
