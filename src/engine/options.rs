//! The options the engine models, with the values Vim has under the contract
//! (`vim -u NONE -N`: Vim's compiled-in defaults with 'nocompatible').
//!
//! Commands read their option here rather than assuming a default, so `:set` (the ex command
//! line) changes behaviour in one place. An option not listed is not modelled: `:set` of it is
//! refused by name.

/// Option values for one editor (buffer- and window-local ones included: there is one of each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Options {
    /// 'ignorecase': patterns ignore case.
    pub ignorecase: bool,
    /// 'smartcase': an upper-case letter in a typed pattern overrides 'ignorecase'.
    pub smartcase: bool,
    /// 'wrapscan': searches wrap around the end of the file.
    pub wrapscan: bool,
    /// 'magic': the magic level of patterns (`\m` when set, `\M` when not).
    pub magic: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { ignorecase: false, smartcase: false, wrapscan: true, magic: true }
    }
}
