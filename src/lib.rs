//! # vimdata
//!
//! A faithful Vim engine in pure Rust, and the tools to make and check datasets of Vim edits
//! with real Vim as the judge.
//!
//! The engine applies a keystroke program to a text exactly as Vim 9.0 does under the
//! project's contract (keys typed into `vim -u NONE -N`, then `<Esc><C-\><C-N>:wq<CR>`), or
//! refuses with [`Error::Unsupported`] naming the key it does not model. It never guesses.
//!
//! ```
//! use vimdata::Vim;
//!
//! let vim = Vim::new("hello world\n").keys("wcwthere<Esc>")?;
//! assert_eq!(vim.text(), "hello there\n");
//! assert_eq!(vim.cursor().col, 10); // line and byte column, 0-based
//! assert_eq!(vim.register('"').map(|r| r.lines), Some(vec!["world".to_string()]));
//!
//! // The contract's result: finish the program as the harness does and return the bytes.
//! let bytes = vimdata::apply(b"one two\n", &vimdata::keys::parse_notation("dw"))?;
//! assert_eq!(bytes, b"two\n");
//! # Ok::<(), vimdata::Error>(())
//! ```
//!
//! Modules: [`keys`] (key notation), [`engine`] (the emulator), `oracle` (real Vim; feature
//! `oracle`), [`dataset`] (records, validation, examples, generated programs; mined edit pairs
//! with feature `mine`). With `default-features = false` only the notation, the engine and the
//! light dataset code are built.

pub mod dataset;
pub mod engine;
pub mod keys;
#[cfg(feature = "oracle")]
pub mod oracle;
#[cfg(feature = "python")]
mod python;
#[cfg(feature = "oracle")]
pub mod record;
#[cfg(feature = "cli")]
pub mod propose;

pub use engine::{apply, state_after, Error, Feature, Mode, Observer, Pos, Vim};
