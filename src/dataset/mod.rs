//! Datasets of Vim edits: records, generated programs for differential testing.

pub mod generate;
