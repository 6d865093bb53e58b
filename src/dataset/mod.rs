//! Datasets of Vim edits: the record type and its formats, judging records, the built-in
//! examples, and generated programs for differential testing.

pub mod examples;
pub mod generate;
pub mod record;
pub mod validate;
