//! Datasets of Vim edits: the record type and its formats, judging records, the built-in
//! examples, generated programs for differential testing, and edit pairs mined from git
//! history.

pub mod examples;
pub mod generate;
mod json;
#[cfg(feature = "mine")]
pub mod mine;
#[cfg(feature = "mine")]
pub mod pair;
pub mod record;
#[cfg(feature = "mine")]
pub mod slice;
mod table;
pub mod validate;
