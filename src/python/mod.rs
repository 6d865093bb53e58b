//! The Python module `vimdata._native` (feature `python`, built by maturin from the root
//! `pyproject.toml`; the package `python/vimdata` wraps it).
//!
//! Everything here is a thin layer over the library functions the CLI uses: keys are parsed
//! by [`crate::keys::parse`], programs run by [`crate::apply`] through
//! [`crate::dataset::validate::emulate`], verdicts come from
//! [`crate::dataset::validate::judge`] and outputs become text by
//! [`crate::dataset::validate::output_text`], so a record's result from Python is the one
//! `vimdata apply --jsonl` and `vimdata validate` give.

mod batch;
mod editor;
mod errors;
mod pool;
mod reward;

use pyo3::prelude::*;

use crate::keys::{parse, KeysFormat};

// As in the CLI: the engine allocates many small strings per record, and mimalloc keeps that
// cheap on many threads. (Python's own objects keep Python's allocator.) The `python` feature
// is for the extension module only: a program embedding the crate chooses its own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A keys format named as the CLI's `--keys-format` names it.
fn keys_format(name: &str) -> PyResult<KeysFormat> {
    match name {
        "notation" => Ok(KeysFormat::Notation),
        "raw" => Ok(KeysFormat::Raw),
        "seed" => Ok(KeysFormat::Seed),
        other => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "keys_format must be \"notation\", \"raw\" or \"seed\", not {other:?}"
        ))),
    }
}

/// The contract's result of typing `keys` into Vim editing `source`: the file's text after
/// `<Esc><C-\><C-N>:wq<CR>`. Raises `Unsupported`, `LimitExceeded` or `NoResult`.
#[pyfunction]
#[pyo3(signature = (source, keys, keys_format = "notation"))]
fn apply(py: Python<'_>, source: &str, keys: &str, keys_format: &str) -> PyResult<String> {
    let keys = parse(keys, self::keys_format(keys_format)?);
    let source = source.as_bytes();
    let outcome = py.detach(|| crate::apply(source, &keys));
    let bytes = outcome.map_err(|e| errors::to_py(py, &e))?;
    String::from_utf8(bytes).map_err(|_| errors::encoding())
}

/// Parse one JSONL dataset line as `vimdata validate` does; raises `ParseError`.
#[pyfunction]
fn read_record(py: Python<'_>, line: &str) -> PyResult<Py<pyo3::types::PyDict>> {
    let record = crate::dataset::record::parse_json_line(line, 1)
        .map_err(|e| errors::ParseError::new_err(e.to_string()))?;
    let dict = pyo3::types::PyDict::new(py);
    dict.set_item("source", record.source.as_ref())?;
    dict.set_item("keys", record.keys.as_ref())?;
    dict.set_item("target", record.target.as_deref())?;
    Ok(dict.unbind())
}

/// Vim key notation in canonical form (`vimdata keys`).
#[pyfunction]
#[pyo3(signature = (keys, keys_format = "notation"))]
fn canonical_keys(keys: &str, keys_format: &str) -> PyResult<String> {
    Ok(crate::keys::format_keys(&parse(keys, self::keys_format(keys_format)?)))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(apply, m)?)?;
    m.add_function(wrap_pyfunction!(read_record, m)?)?;
    m.add_function(wrap_pyfunction!(canonical_keys, m)?)?;
    m.add_function(wrap_pyfunction!(batch::apply_batch, m)?)?;
    m.add_function(wrap_pyfunction!(batch::validate_batch, m)?)?;
    m.add_function(wrap_pyfunction!(reward::reward_scores, m)?)?;
    m.add_function(wrap_pyfunction!(pool::set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(pool::get_num_threads, m)?)?;
    m.add_class::<editor::Vim>()?;
    errors::register(m)?;
    Ok(())
}
