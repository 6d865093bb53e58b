//! The dataset's records as written: a kept (proven) program with its provenance, a rejected
//! proposal with its verdict, and the per-pair progress line that makes a run resumable.
//!
//! Records are flat JSON objects (one per line) so that `datasets.load_dataset("json", ...)`
//! and column stores read them without a schema of their own; the README's table documents
//! every field.

use serde::{Deserialize, Serialize};

/// The Vim version every proof refers to (the contract's).
pub const VIM_VERSION: &str = "9.0.1378";

/// The contract profile proofs are made under: `vim -u NONE -N`, keys typed with
/// `feedkeys(..., 't')`, then `<Esc><C-\><C-N>:wq<CR>`; results compared line-wise.
pub const CONTRACT: &str = "vimdata-1:u-NONE,feedkeys-t,80x24,linewise";

/// A proven program: what the clean set holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptRecord {
    pub source: String,
    pub keys: String,
    pub target: String,
    /// Keys typed (`<Esc>` is one).
    pub keystrokes: usize,
    /// Keys of the naive program (retype every changed run of lines) for the same pair.
    pub naive_keystrokes: Option<usize>,
    /// The pair's id: a hash of its depth and texts (stable across runs).
    pub pair_id: String,
    pub repo: String,
    pub commit: String,
    pub path: String,
    pub lang: String,
    pub depth: String,
    pub node_kind: String,
    /// `synth` or `llm`.
    pub proposer: String,
    /// The synthesiser's version or the model's name.
    pub proposer_version: String,
    /// The synthesiser's style (`motions`, `basic`, `lines`) or the LLM candidate's index.
    pub style: String,
    /// The pipeline round that proposed it: 0 in a synthesiser-only run, 1..N in a run with
    /// the LLM (`--with llm|both --rounds N`).
    pub round: u32,
    /// Who proved it: `emulator` or `vim`.
    pub proven_by: String,
    pub vim_version: String,
    pub contract: String,
}

/// A proposal that was not kept, with the verdict and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRecord {
    pub pair_id: String,
    pub proposer: String,
    pub proposer_version: String,
    pub round: u32,
    /// The keys proposed (empty when there were none to run).
    pub keys: String,
    /// `mismatch`, `error`, `unsupported`, `no-program` (the proposer gave nothing),
    /// `no-keys` (a model's reply held no program), `request-failed` (no reply) or
    /// `too-large` (the pair was not sent to the model).
    pub verdict: String,
    pub reason: String,
    /// The LLM's candidate (`c0t1`: candidate 0, feedback turn 1) and its reply as written.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub style: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reply: String,
}

/// One line per finished pair: the resume marker, and what the summary is computed from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairDone {
    pub pair_id: String,
    pub depth: String,
    pub proposals: usize,
    pub kept: usize,
    /// Keystrokes of the shortest kept program, and of the naive one.
    pub best_keystrokes: Option<usize>,
    pub naive_keystrokes: Option<usize>,
    /// The round (0 in a synthesiser-only run): a pair is done once per round.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub round: u32,
    /// What the LLM did for the pair, when it was asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub llm: Option<LlmPairStats>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// The LLM's tries on one pair, for pass@k and the comparison with the synthesiser.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LlmPairStats {
    /// Candidates asked for.
    pub candidates: usize,
    /// Tries (candidates and feedback turns) that gave a reply, and the proven ones.
    pub proposals: usize,
    pub kept: usize,
    /// The first candidate's first answer was proven.
    pub pass_first: bool,
    /// Some candidate's first answer was proven.
    pub pass_any: bool,
    /// Some try, feedback turns included, was proven.
    pub solved: bool,
    /// Keys of the LLM's shortest proven program, and of the synthesiser's on the same pair.
    pub best_keystrokes: Option<usize>,
    pub synth_keystrokes: Option<usize>,
}

/// A pair id from its content hash.
pub fn pair_id(hash: &[u8]) -> String {
    hash.iter().map(|b| format!("{b:02x}")).collect()
}
