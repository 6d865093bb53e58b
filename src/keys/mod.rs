//! Vim key notation: the [`Key`] type, parsing (`<Esc>`, `<C-r>`, raw bytes, the seed's forms),
//! canonical formatting, and the byte form real Vim receives through `feedkeys()`.
//!
//! Keys are normalised the way Vim normalises them: `<C-a>` is the control character 0x01,
//! `<S-a>` is `A`, `<M-a>` is `á` (Vim sets the high bit of an ASCII character with Alt), `<C-[>`
//! is `<Esc>`. Only combinations Vim keeps as modified keys (`<C-Up>`, `<S-Space>`, `<C-Tab>`)
//! stay [`Key::Modified`]. So `parse(format(keys)) == keys` for every key sequence.

mod format;
mod parse;
mod vim_bytes;

pub use format::{format_key, format_keys};
pub use parse::{parse, parse_notation, parse_raw, parse_seed, KeysFormat};
pub use vim_bytes::to_vim_bytes;

/// One typed key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A character, including control characters: `<Esc>` is `'\x1b'`, `<CR>` is `'\r'`,
    /// `<NL>` is `'\n'`, `<Tab>` is `'\t'`, `<C-h>` is `'\x08'`, `<Nul>` is `'\0'`.
    Char(char),
    /// A key with no character: `<BS>`, `<Del>`, arrows, `<Home>`, function keys ...
    Special(Special),
    /// A key with modifiers Vim keeps (they could not be folded into a character or a
    /// shifted special key code): `<C-Up>`, `<S-Space>`, `<M-Left>`.
    Modified(Mods, Base),
}

/// What a [`Key::Modified`] modifies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Base {
    Char(char),
    Special(Special),
}

/// Modifier bits, with Vim's own values (`MOD_MASK_SHIFT` and friends).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Mods(pub u8);

impl Mods {
    pub const SHIFT: u8 = 0x02;
    pub const CTRL: u8 = 0x04;
    pub const ALT: u8 = 0x08;

    pub fn shift(self) -> bool {
        self.0 & Self::SHIFT != 0
    }
    pub fn ctrl(self) -> bool {
        self.0 & Self::CTRL != 0
    }
    pub fn alt(self) -> bool {
        self.0 & Self::ALT != 0
    }
}

/// Keys that are not characters. Their names are Vim's (`:help key-notation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Special {
    BS,
    Del,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Help,
    Undo,
    /// Shifted keys Vim has a code of its own for (`<S-Tab>`, `<S-Up>`, `<C-Left>` ...).
    Shifted(Shiftable),
    CtrlLeft,
    CtrlRight,
    CtrlHome,
    CtrlEnd,
    F(u8),
}

/// Keys whose shifted form Vim codes as a key of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Shiftable {
    Tab,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    Del,
    Insert,
    Help,
    Undo,
    F(u8),
}

impl Key {
    pub const ESC: Key = Key::Char('\x1b');
    pub const CR: Key = Key::Char('\r');
    pub const NL: Key = Key::Char('\n');

    /// The control character `<C-x>` for a letter `x`.
    pub const fn ctrl(letter: char) -> Key {
        Key::Char(((letter as u8) & 0x1f) as char)
    }
}
