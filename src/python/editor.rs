//! `vimdata.Vim`: an embedded editor to feed keys into and inspect (text, cursor, mode,
//! registers, marks), over [`crate::Vim`].

use pyo3::prelude::*;
use pyo3::types::PyDict;

use super::errors::{self, Unsupported};
use crate::engine::RegKind;
use crate::keys::parse;
use crate::Mode;

/// An embedded Vim editing a text, as `vim -u NONE -N` does after reading it as a file.
///
/// `Vim(text, keys="")` starts the editor and types `keys`; `feed(keys)` types more. A key
/// the engine does not model raises `Unsupported` and leaves the editor as it was before
/// that `feed`.
#[pyclass(name = "Vim", module = "vimdata")]
pub struct Vim {
    inner: crate::Vim,
}

#[pymethods]
impl Vim {
    #[new]
    #[pyo3(signature = (text = "", keys = "", keys_format = "notation"))]
    fn new(py: Python<'_>, text: &str, keys: &str, keys_format: &str) -> PyResult<Vim> {
        let keys = parse(keys, super::keys_format(keys_format)?);
        crate::state_after(text.as_bytes(), &keys).map(|inner| Vim { inner }).map_err(|e| errors::to_py(py, &e))
    }

    /// Type `keys`; returns the editor, so calls chain.
    #[pyo3(signature = (keys, keys_format = "notation"))]
    fn feed<'py>(mut slf: PyRefMut<'py, Self>, keys: &str, keys_format: &str) -> PyResult<PyRefMut<'py, Self>> {
        let keys = parse(keys, super::keys_format(keys_format)?);
        let mut next = slf.inner.clone();
        next.feed(&keys).map_err(|e| errors::to_py(slf.py(), &e))?;
        slf.inner = next;
        Ok(slf)
    }

    /// The buffer's text, each line ended by a newline.
    #[getter]
    fn text(&self) -> String {
        self.inner.text()
    }

    /// The buffer's lines, without newlines.
    #[getter]
    fn lines(&self) -> Vec<String> {
        self.inner.lines().to_vec()
    }

    /// `(line, column)`: 0-based line and byte column.
    #[getter]
    fn cursor(&self) -> (usize, usize) {
        let pos = self.inner.cursor();
        (pos.line, pos.col)
    }

    /// The mode: `"normal"`, `"insert"`, `"replace"`, `"visual"`, `"visual_line"`,
    /// `"visual_block"`, `"command_line"` or `"operator_pending"`.
    #[getter]
    fn mode(&self) -> &'static str {
        match self.inner.mode() {
            Mode::Normal => "normal",
            Mode::Insert => "insert",
            Mode::Replace => "replace",
            Mode::Visual => "visual",
            Mode::VisualLine => "visual_line",
            Mode::VisualBlock => "visual_block",
            Mode::CommandLine => "command_line",
            Mode::OperatorPending => "operator_pending",
        }
    }

    /// The mode as Vim's `mode(1)` spells it (`"n"`, `"i"`, `"no"`, `"niI"` ...).
    #[getter]
    fn mode_code(&self) -> &'static str {
        self.inner.mode_code()
    }

    /// Did the keys quit Vim (`:wq`, `ZZ`, `:q!`)?
    #[getter]
    fn has_quit(&self) -> bool {
        self.inner.has_quit()
    }

    /// Register `name` (`"`, `0`-`9`, `a`-`z`, `-`, `.`, `:`) as
    /// `{"text", "lines", "type"}` with Vim's `getregtype()` (`"v"`, `"V"`, `"\x16"` and a
    /// width), or `None` when empty. Raises `Unsupported` when the engine does not know the
    /// bytes Vim keeps (`".` after special keys).
    fn register<'py>(&self, py: Python<'py>, name: char) -> PyResult<Option<Bound<'py, PyDict>>> {
        if !self.inner.register_is_known(name) {
            return Err(unknown(py, format!("\"{name}"), "the register's bytes as Vim keeps them are not modelled")?);
        }
        let Some(register) = self.inner.register(name) else { return Ok(None) };
        let dict = PyDict::new(py);
        let kind = match register.kind {
            RegKind::Char => "v".to_string(),
            RegKind::Line => "V".to_string(),
            RegKind::Block(width) => format!("\u{16}{width}"),
        };
        let mut text = register.lines.join("\n");
        if register.kind == RegKind::Line {
            text.push('\n');
        }
        dict.set_item("text", text)?;
        dict.set_item("lines", register.lines)?;
        dict.set_item("type", kind)?;
        Ok(Some(dict))
    }

    /// Mark `name` (`a`-`z`, `'`) as `(line, column)`, or `None` when unset. Raises
    /// `Unsupported` when lines were inserted or deleted since it was set (Vim would have
    /// moved it; the engine does not model that).
    fn mark(&self, py: Python<'_>, name: char) -> PyResult<Option<(usize, usize)>> {
        if !self.inner.mark_is_known(name) {
            return Err(unknown(py, format!("'{name}"), "the mark moved with line edits, which is not modelled")?);
        }
        Ok(self.inner.mark(name).map(|p| (p.line, p.col)))
    }

    /// The contract's result from here: type `<Esc><C-\><C-N>:wq<CR>` (unless the keys quit)
    /// and return the file's text. The editor itself is not changed.
    fn finish(&self, py: Python<'_>) -> PyResult<String> {
        let bytes = self.inner.clone().finish().map_err(|e| errors::to_py(py, &e))?;
        String::from_utf8(bytes).map_err(|_| errors::encoding())
    }

    fn __repr__(&self) -> String {
        let pos = self.inner.cursor();
        format!("<vimdata.Vim {} lines, cursor ({}, {}), {}>", self.inner.lines().len(), pos.line, pos.col, self.mode())
    }
}

/// `Unsupported` for state the engine does not know (no key position: nothing was typed).
fn unknown(py: Python<'_>, key: String, reason: &str) -> PyResult<PyErr> {
    let err = Unsupported::new_err(format!("unsupported: {key}: {reason}"));
    let value = err.value(py);
    value.setattr("kind", "unsupported")?;
    value.setattr("key", key)?;
    value.setattr("position", py.None())?;
    value.setattr("reason", reason)?;
    Ok(err)
}
