//! Text objects (`iw aw iW aW is as ip ap`, brackets, quotes, tags), as `textobject.c`
//! selects them after an operator.

use super::normal::Cmd;
use super::{Res, Vim};

/// The text objects the engine selects, for the README table.
pub static OBJECTS: &[(&str, &str)] = &[];

/// `i{object}` / `a{object}` after an operator.
pub(crate) fn text_object_command(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let k = vim.getkey()?;
    let _ = cmd;
    Err(vim.unsupported(k, "this text object"))
}
