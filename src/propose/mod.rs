//! Proposing keystroke programs for (source, target) pairs, proving them, and keeping the
//! proven ones: the dataset loop of the project's seed idea.
//!
//! - [`synth`]: the built-in synthesiser, which turns any pair into short Vim programs that
//!   the emulator has checked before they are returned;
//! - [`llm`]: keystrokes from a language model over an OpenAI-compatible API, with feedback
//!   turns and few-shot examples from the proven records;
//! - [`output`]: the dataset record with its provenance, written as JSONL; [`parquet`] writes
//!   the same records as Parquet;
//! - [`pipeline`]: mine → propose → validate → keep in one streaming, resumable run.

pub mod llm;
pub mod output;
pub mod parquet;
pub mod pipeline;
pub mod synth;

/// Count keystrokes the way people do: one per key, so `<Esc>` is one and `12G` is three.
pub fn keystroke_count(keys: &[crate::keys::Key]) -> usize {
    keys.len()
}
