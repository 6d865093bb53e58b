//! Datasets of Vim edits: the record type and its formats, judging records, the built-in
//! examples, generated programs for differential testing, and edit pairs mined from git
//! history.

pub mod examples;
pub mod generate;
mod json;
pub mod mine;
pub mod pair;
pub mod record;
pub mod slice;
pub mod validate;
