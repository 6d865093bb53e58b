//! Columns in, columns out: `apply_batch` and `validate_batch` run a batch of records on the
//! module's worker threads with the interpreter lock released, and return a dict of lists in
//! the shape `datasets.Dataset.map(batched=True)` and `pandas.DataFrame` take.

use std::borrow::Cow;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use rayon::prelude::*;

use crate::dataset::record::Record;
use crate::dataset::validate::{emulate, judge, output_text, Failure, Outcome, Verdict};
use crate::keys::KeysFormat;

/// A column as Python gives it: `None` for a missing value.
pub type Column = Vec<Option<String>>;

/// Check that the columns have one length and return it.
pub fn same_length(columns: &[(&str, usize)]) -> PyResult<usize> {
    let (first, n) = columns[0];
    for &(name, len) in &columns[1..] {
        if len != n {
            return Err(PyValueError::new_err(format!("`{first}` has {n} values but `{name}` has {len}")));
        }
    }
    Ok(n)
}

/// Record `i` of the columns, or why it is none: as the CLI reads a line without a string
/// `source` or `keys`, a parse error (a missing program is never an empty one).
pub fn record<'a>(
    sources: &'a [Option<String>],
    keys: &'a [Option<String>],
    targets: Option<&'a [Option<String>]>,
    i: usize,
) -> Result<Record<'a>, Failure> {
    let missing = |field: &str| Failure::new("parse", format!("record {i}: `{field}` is missing"));
    let source = sources[i].as_deref().ok_or_else(|| missing("source"))?;
    let program = keys[i].as_deref().ok_or_else(|| missing("keys"))?;
    Ok(Record {
        source: Cow::Borrowed(source),
        keys: Cow::Borrowed(program),
        target: targets.and_then(|t| t[i].as_deref()).map(Cow::Borrowed),
    })
}

/// Run `f` on records `0..n` on the worker threads, the interpreter lock released.
pub fn run_parallel<T: Send>(py: Python<'_>, n: usize, f: impl Fn(usize) -> T + Send + Sync) -> PyResult<Vec<T>> {
    let pool = super::pool::pool()?;
    Ok(py.detach(|| pool.install(|| (0..n).into_par_iter().map(&f).collect())))
}

/// The `output` and `error` columns of outcomes (`apply --jsonl`'s records, as columns).
/// With verdicts, an output with an error verdict has the `no-target` error of
/// `validate --report`: there was nothing to judge it against.
fn outcome_columns<'py>(
    py: Python<'py>,
    outcomes: &[Outcome],
    verdicts: Option<&[Verdict]>,
) -> PyResult<Bound<'py, PyDict>> {
    let mut outputs = Vec::with_capacity(outcomes.len());
    let mut errors = Vec::with_capacity(outcomes.len());
    let error_dict = |failure: &Failure| -> PyResult<Bound<'py, PyDict>> {
        let error = PyDict::new(py);
        // The same keys, in the same cases, as the CLI's `{"error": ...}` records.
        if let Some(feature) = &failure.feature {
            error.set_item("feature", feature)?;
        }
        error.set_item("kind", &failure.kind)?;
        error.set_item("message", &failure.message)?;
        Ok(error)
    };
    for (i, outcome) in outcomes.iter().enumerate() {
        match output_text(outcome) {
            Ok(text) => {
                outputs.push(Some(text));
                errors.push(match verdicts.map(|v| v[i]) {
                    Some(Verdict::Error) => Some(error_dict(&Failure::new(
                        "no-target",
                        "the record has no `target` to compare the output with",
                    ))?),
                    _ => None,
                });
            }
            Err(failure) => {
                outputs.push(None);
                errors.push(Some(error_dict(&failure)?));
            }
        }
    }
    let columns = PyDict::new(py);
    columns.set_item("output", PyList::new(py, outputs)?)?;
    columns.set_item("error", PyList::new(py, errors)?)?;
    Ok(columns)
}

fn emulated(record: Result<Record<'_>, Failure>, format: KeysFormat) -> Outcome {
    record.and_then(|r| emulate(&r, format))
}

/// Apply each record's keys to its source: `{"output": [str | None], "error": [dict | None]}`,
/// the records `vimdata apply --jsonl` writes (`error` is `{"kind", "message"}`, with
/// `"feature"` for a refusal).
#[pyfunction]
#[pyo3(signature = (sources, keys, keys_format = "notation"))]
pub fn apply_batch<'py>(
    py: Python<'py>,
    sources: Column,
    keys: Column,
    keys_format: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let format = super::keys_format(keys_format)?;
    let n = same_length(&[("sources", sources.len()), ("keys", keys.len())])?;
    let outcomes = run_parallel(py, n, |i| emulated(record(&sources, &keys, None, i), format))?;
    outcome_columns(py, &outcomes, None)
}

/// Judge each record as `vimdata validate` does: the `apply_batch` columns plus `verdict`
/// (`"match"`, `"mismatch"`, `"unsupported"` or `"error"`).
#[pyfunction]
#[pyo3(signature = (sources, keys, targets, exact = false, keys_format = "notation"))]
pub fn validate_batch<'py>(
    py: Python<'py>,
    sources: Column,
    keys: Column,
    targets: Column,
    exact: bool,
    keys_format: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let format = super::keys_format(keys_format)?;
    let n = same_length(&[("sources", sources.len()), ("keys", keys.len()), ("targets", targets.len())])?;
    let judged: Vec<(Outcome, Verdict)> = run_parallel(py, n, |i| match record(&sources, &keys, Some(&targets), i) {
        Ok(record) => {
            let outcome = emulate(&record, format);
            let verdict = judge(&record, &outcome, exact);
            (outcome, verdict)
        }
        Err(failure) => (Err(failure), Verdict::Error),
    })?;
    let (outcomes, verdicts): (Vec<Outcome>, Vec<Verdict>) = judged.into_iter().unzip();
    let columns = outcome_columns(py, &outcomes, Some(&verdicts))?;
    columns.set_item("verdict", PyList::new(py, verdicts.into_iter().map(verdict_name))?)?;
    Ok(columns)
}

/// A verdict as the CLI's `--report` spells it.
fn verdict_name(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Match => "match",
        Verdict::Mismatch => "mismatch",
        Verdict::Unsupported => "unsupported",
        Verdict::Error => "error",
    }
}
