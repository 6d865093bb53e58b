//! Rewards for reinforcement learning on Vim edits: the emulator as the verifier of a model's
//! key programs (the Python wrapper `vimdata.reward_batch` has TRL's `reward_funcs` signature).

use std::time::Duration;

use pyo3::prelude::*;

use super::batch::{record, run_parallel, same_length, Column};
use crate::dataset::record::output_matches;
use crate::dataset::validate::emulate;

/// How long one partial score may spend diffing before it settles for a non-minimal diff.
const DIFF_DEADLINE: Duration = Duration::from_millis(50);

/// Scores for `completions` (key programs) that should turn `sources` into `targets`:
/// 1.0 when the output matches the target (as `vimdata validate` compares, `exact` for bytes),
/// else `partial_weight` times the output's similarity to the target (1 − characters inserted
/// and deleted ÷ characters in both), minus `keystroke_penalty` per key typed. A program
/// with no result (a key the engine does not model, a limit, no result) scores
/// `failure_score`, as does a record with a missing value.
#[pyfunction]
#[pyo3(signature = (sources, targets, completions, partial_weight = 0.5, keystroke_penalty = 0.001, failure_score = 0.0, exact = false, keys_format = "notation"))]
#[allow(clippy::too_many_arguments)] // a Python signature with keyword defaults
pub fn reward_scores(
    py: Python<'_>,
    sources: Column,
    targets: Column,
    completions: Column,
    partial_weight: f64,
    keystroke_penalty: f64,
    failure_score: f64,
    exact: bool,
    keys_format: &str,
) -> PyResult<Vec<f64>> {
    let format = super::keys_format(keys_format)?;
    let n = same_length(&[("sources", sources.len()), ("targets", targets.len()), ("completions", completions.len())])?;
    run_parallel(py, n, |i| {
        let Ok(record) = record(&sources, &completions, Some(&targets), i) else { return failure_score };
        let Some(target) = record.target.as_deref() else { return failure_score };
        let Ok(output) = emulate(&record, format) else { return failure_score };
        let score = if output_matches(&output, target.as_bytes(), exact) {
            1.0
        } else {
            partial_weight * similarity(&String::from_utf8_lossy(&output), target, exact)
        };
        score - keystroke_penalty * record.parsed_keys(format).len() as f64
    })
}

/// 1 − (characters inserted + deleted) ÷ (characters in both): 1.0 for equal texts, 0.0 for
/// texts with nothing in common. Without `exact` a final newline does not count.
fn similarity(output: &str, target: &str, exact: bool) -> f64 {
    let (output, target) = if exact {
        (output, target)
    } else {
        (output.strip_suffix('\n').unwrap_or(output), target.strip_suffix('\n').unwrap_or(target))
    };
    if output.is_empty() && target.is_empty() {
        return 1.0;
    }
    f64::from(similar::TextDiff::configure().timeout(DIFF_DEADLINE).diff_chars(output, target).ratio())
}
