//! vimdata library root (filled in below).
pub mod keys;
pub mod oracle;
pub mod dataset;
pub mod engine;

pub use engine::{apply, Error, Mode, Pos, Vim};
