//! The ex command table, after Vim's `ex_cmds.h`: each command's full name, the shortest
//! abbreviation Vim accepts, its argument flags and its handler. `find` resolves a typed name
//! the way `find_ex_command()` does for the commands the engine models; any other name is
//! refused by the caller (never guessed).

use super::{Ex, ExCmd};
use crate::engine::{Res, Vim};

/// A range is allowed.
pub const RANGE: u16 = 1 << 0;
/// `!` is allowed.
pub const BANG: u16 = 1 << 1;
/// A count after the command (`:d 3`).
pub const COUNT: u16 = 1 << 2;
/// A register name after the command (`:d a`).
pub const REGSTR: u16 = 1 << 3;
/// Takes an argument.
pub const EXTRA: u16 = 1 << 4;
/// `|` ends the command (the argument does not take it).
pub const TRLBAR: u16 = 1 << 5;
/// No range means the whole file.
pub const DFLALL: u16 = 1 << 6;
/// Line 0 is a valid address.
pub const ZEROR: u16 = 1 << 7;
/// Print flags (`l`, `#`, `p`) may follow.
pub const FLAGS: u16 = 1 << 8;
/// One word argument.
pub const WORD1: u16 = 1 << 9;
/// An argument is required.
pub const NEEDARG: u16 = 1 << 10;

pub type Handler = fn(&mut Vim, &mut ExCmd) -> Res;

/// One row of the table.
pub struct Entry {
    pub name: &'static str,
    /// How many leading characters of `name` must be typed.
    pub min: usize,
    pub flags: u16,
    pub run: Handler,
}

const fn e(name: &'static str, min: usize, flags: u16, run: Handler) -> Entry {
    Entry { name, min, flags, run }
}

/// The commands, in Vim's lookup order where abbreviations collide (`:s` before `:set`,
/// `:d` is `:delete`, `:j` is `:join` ...).
pub static TABLE: &[Entry] = &[
    e("append", 255, 0, Ex::refuse),
    e("ascii", 2, TRLBAR, Ex::nothing),
    e("buffers", 7, BANG | EXTRA | TRLBAR, Ex::listing),
    e("changes", 7, TRLBAR, Ex::listing),
    e("center", 2, TRLBAR | RANGE | EXTRA, Ex::align),
    e("copy", 2, RANGE | EXTRA | TRLBAR, Ex::copy_move),
    e("delete", 1, RANGE | REGSTR | COUNT | TRLBAR, Ex::operators),
    e("digraphs", 3, BANG | EXTRA | TRLBAR, Ex::digraphs),
    e("display", 2, EXTRA | TRLBAR, Ex::listing),
    e("files", 5, BANG | EXTRA | TRLBAR, Ex::listing),
    e("execute", 3, EXTRA, Ex::execute),
    e("exit", 3, RANGE | BANG | EXTRA | TRLBAR, Ex::write_quit),
    e("global", 1, RANGE | BANG | EXTRA | DFLALL, Ex::global),
    e("join", 1, BANG | RANGE | COUNT | FLAGS | TRLBAR, Ex::join),
    e("jumps", 2, TRLBAR, Ex::listing),
    e("k", 1, RANGE | WORD1 | TRLBAR, Ex::mark),
    e("left", 2, TRLBAR | RANGE | EXTRA, Ex::align),
    e("let", 3, EXTRA, Ex::let_register),
    e("move", 1, RANGE | EXTRA | TRLBAR, Ex::copy_move),
    e("mark", 2, RANGE | WORD1 | TRLBAR, Ex::mark),
    e("marks", 5, EXTRA | TRLBAR, Ex::listing),
    e("ls", 2, BANG | EXTRA | TRLBAR, Ex::listing),
    e("nohlsearch", 3, TRLBAR, Ex::nothing),
    e("normal", 4, RANGE | BANG | EXTRA | NEEDARG, Ex::normal),
    e("put", 2, RANGE | BANG | REGSTR | TRLBAR | ZEROR, Ex::put),
    e("quit", 1, BANG | TRLBAR, Ex::quit),
    e("qall", 2, BANG | TRLBAR, Ex::quit),
    e("quitall", 5, BANG | TRLBAR, Ex::quit),
    e("redo", 3, TRLBAR, Ex::redo),
    e("registers", 3, EXTRA | TRLBAR, Ex::listing),
    e("retab", 3, TRLBAR | RANGE | DFLALL | BANG | EXTRA, Ex::retab),
    e("right", 2, TRLBAR | RANGE | EXTRA, Ex::align),
    e("substitute", 1, RANGE | EXTRA, Ex::substitute),
    e("set", 2, BANG | TRLBAR | EXTRA, Ex::set),
    e("setlocal", 4, BANG | TRLBAR | EXTRA, Ex::set),
    e("setglobal", 4, BANG | TRLBAR | EXTRA, Ex::set),
    e("sort", 3, RANGE | DFLALL | BANG | EXTRA, Ex::sort),
    e("stopinsert", 5, BANG | TRLBAR, Ex::stop_insert),
    e("t", 1, RANGE | EXTRA | TRLBAR, Ex::copy_move),
    e("undo", 1, RANGE | COUNT | ZEROR | TRLBAR, Ex::undo),
    e("vglobal", 1, RANGE | EXTRA | DFLALL, Ex::global),
    e("write", 1, RANGE | BANG | EXTRA | TRLBAR | DFLALL, Ex::write),
    e("wq", 2, RANGE | BANG | EXTRA | TRLBAR | DFLALL, Ex::write_quit),
    e("xit", 1, RANGE | BANG | EXTRA | TRLBAR | DFLALL, Ex::write_quit),
    e("yank", 1, RANGE | REGSTR | COUNT | TRLBAR, Ex::operators),
    e("abbreviate", 2, EXTRA, crate::engine::mapping::ex_map),
    e("abclear", 3, EXTRA, crate::engine::mapping::ex_map),
    e("cabbrev", 2, EXTRA, crate::engine::mapping::ex_map),
    e("cabclear", 4, EXTRA, crate::engine::mapping::ex_map),
    e("cnoreabbrev", 6, EXTRA, crate::engine::mapping::ex_map),
    e("cunabbrev", 4, EXTRA, crate::engine::mapping::ex_map),
    e("iabbrev", 2, EXTRA, crate::engine::mapping::ex_map),
    e("iabclear", 4, EXTRA, crate::engine::mapping::ex_map),
    e("inoreabbrev", 6, EXTRA, crate::engine::mapping::ex_map),
    e("iunabbrev", 4, EXTRA, crate::engine::mapping::ex_map),
    e("noreabbrev", 5, EXTRA, crate::engine::mapping::ex_map),
    e("unabbreviate", 3, EXTRA, crate::engine::mapping::ex_map),
    e("cmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("cmapclear", 5, EXTRA, crate::engine::mapping::ex_map),
    e("cnoremap", 3, EXTRA, crate::engine::mapping::ex_map),
    e("cunmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("imap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("imapclear", 5, EXTRA, crate::engine::mapping::ex_map),
    e("inoremap", 3, EXTRA, crate::engine::mapping::ex_map),
    e("iunmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("map", 3, BANG | EXTRA, crate::engine::mapping::ex_map),
    e("mapclear", 4, BANG | EXTRA, crate::engine::mapping::ex_map),
    e("nmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("nmapclear", 5, EXTRA, crate::engine::mapping::ex_map),
    e("nnoremap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("noremap", 2, BANG | EXTRA, crate::engine::mapping::ex_map),
    e("nunmap", 3, EXTRA, crate::engine::mapping::ex_map),
    e("omap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("omapclear", 5, EXTRA, crate::engine::mapping::ex_map),
    e("onoremap", 3, EXTRA, crate::engine::mapping::ex_map),
    e("ounmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("smap", 4, EXTRA, crate::engine::mapping::ex_map),
    e("smapclear", 5, EXTRA, crate::engine::mapping::ex_map),
    e("snoremap", 4, EXTRA, crate::engine::mapping::ex_map),
    e("sunmap", 4, EXTRA, crate::engine::mapping::ex_map),
    e("tmap", 3, EXTRA, crate::engine::mapping::ex_map),
    e("tmapclear", 5, EXTRA, crate::engine::mapping::ex_map),
    e("tnoremap", 3, EXTRA, crate::engine::mapping::ex_map),
    e("tunmap", 5, EXTRA, crate::engine::mapping::ex_map),
    e("unmap", 3, BANG | EXTRA, crate::engine::mapping::ex_map),
    e("vmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("vmapclear", 5, EXTRA, crate::engine::mapping::ex_map),
    e("vnoremap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("vunmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("xmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("xmapclear", 5, EXTRA, crate::engine::mapping::ex_map),
    e("xnoremap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("xunmap", 2, EXTRA, crate::engine::mapping::ex_map),
    e("&", 1, RANGE | EXTRA, Ex::substitute),
    e("~", 1, RANGE | EXTRA, Ex::substitute),
    e("<", 1, RANGE | COUNT | FLAGS | TRLBAR, Ex::operators),
    e(">", 1, RANGE | COUNT | FLAGS | TRLBAR, Ex::operators),
];

/// The entry for a typed command name (a run of letters, or one of `& ~ < >`).
pub fn find(name: &str) -> Option<&'static Entry> {
    TABLE.iter().find(|e| name.len() >= e.min && e.name.starts_with(name))
}
