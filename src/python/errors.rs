//! The module's exceptions, one per [`crate::Error`] variant, under a common `VimdataError`;
//! each carries the Rust error's fields as attributes (`key`, `position`, `reason`, `limit`)
//! and its `kind` as the batch functions' error dicts name it.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

use crate::Error;

create_exception!(vimdata, VimdataError, PyException, "Any error of vimdata's.");
create_exception!(
    vimdata,
    Unsupported,
    VimdataError,
    "The engine does not model a key in this state (attributes `key`, `position`, `reason`); real Vim must judge the program."
);
create_exception!(
    vimdata,
    LimitExceeded,
    VimdataError,
    "A bound on counts, steps or text size was exceeded (attributes `limit`, `position`)."
);
create_exception!(
    vimdata,
    NoResult,
    VimdataError,
    "Real Vim gives no result for this program: it needs a terminal, or never finishes."
);
create_exception!(vimdata, ParseError, VimdataError, "A dataset line is not a record.");

/// The Python exception for an engine error, with its fields set as attributes.
pub fn to_py(py: Python<'_>, error: &Error) -> PyErr {
    let message = error.to_string();
    let err = match error {
        Error::Unsupported { .. } => Unsupported::new_err(message),
        Error::LimitExceeded { .. } => LimitExceeded::new_err(message),
        Error::NoResult(_) => NoResult::new_err(message),
    };
    match set_fields(err.value(py), error) {
        Ok(()) => err,
        Err(e) => e,
    }
}

fn set_fields(value: &Bound<'_, pyo3::exceptions::PyBaseException>, error: &Error) -> PyResult<()> {
    value.setattr("kind", error.kind())?;
    match error {
        Error::Unsupported { key, position, reason, feature } => {
            value.setattr("key", key)?;
            value.setattr("position", *position)?;
            value.setattr("reason", reason)?;
            value.setattr("feature", feature.to_string())?;
        }
        Error::LimitExceeded { limit, position } => {
            value.setattr("limit", *limit)?;
            value.setattr("position", *position)?;
        }
        Error::NoResult(_) => {}
    }
    Ok(())
}

/// The program's output is not UTF-8 (the CLI's `encoding` error record).
pub fn encoding() -> PyErr {
    VimdataError::new_err("encoding: the output is not UTF-8 and cannot be a Python str")
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("VimdataError", py.get_type::<VimdataError>())?;
    m.add("Unsupported", py.get_type::<Unsupported>())?;
    m.add("LimitExceeded", py.get_type::<LimitExceeded>())?;
    m.add("NoResult", py.get_type::<NoResult>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    Ok(())
}
