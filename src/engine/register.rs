//! Registers as in Vim's `register.c`: the unnamed register is a pointer to the register last
//! written (`y_previous`), `"0` takes unnamed yanks, `"1`–`"9` shift on multi-line deletes,
//! `"-` takes small deletes, `"A`–`"Z` append, `"_` swallows.

use std::sync::Arc;

use super::Vim;
use crate::keys::Key;

/// How a register's text is put: characters, whole lines, or a block of the given width.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegKind {
    Char,
    Line,
    Block(usize),
}

/// A register's contents: its lines and how they are put.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Register {
    pub lines: Vec<String>,
    pub kind: RegKind,
}

impl Register {
    pub fn chars(text: &str) -> Register {
        Register { lines: text.split('\n').map(str::to_string).collect(), kind: RegKind::Char }
    }

    /// The register as one string, as `getreg()` gives it (`\n` between lines, and after the
    /// last line for a linewise register). A NUL in a line is `\n` too: Vim keeps NUL in
    /// memory as NL (`:s/x/\n/` puts one) and `getreg()` shows that byte.
    pub fn text(&self) -> String {
        let mut s = self.lines.join("\n").replace('\0', "\n");
        if self.kind == RegKind::Line {
            s.push('\n');
        }
        s
    }
}

/// Index of a yank register: 0-9, a-z as 10-35, `-` as 36.
const SMALL_DELETE: usize = 36;

#[derive(Clone, Debug, Default)]
pub struct Registers {
    /// Shared, so that copying the registers (the run loop's checkpoint before a command)
    /// costs no more than their number.
    slots: Vec<Option<Arc<Register>>>,
    /// The register the unnamed register points to (`y_previous`).
    previous: Option<usize>,
    /// `".`: the last inserted text.
    pub last_insert: Option<String>,
    /// Vim keeps `".` as typed bytes with special keys and the byte 0x80 escaped; when the
    /// text had either, `last_insert` is not those bytes.
    pub last_insert_inexact: bool,
    /// The keys of the last insert, as Vim keeps them to type them again (`<C-a>`, `<C-r>.`).
    pub last_insert_keys: Option<Arc<Vec<Key>>>,
    /// `":`: the last command line.
    pub last_cmdline: Option<String>,
    /// Vim's `new_last_cmdline`: a typed command line waiting to become `":` once its
    /// chain of `|` commands has run to the end. A line stopped by an error before a `|`
    /// stays here, and the next command line read that ends its chain (typed or not) makes
    /// it `":`.
    pub pending_cmdline: Option<String>,
    /// `"/`: the last search pattern.
    pub last_search: Option<String>,
}

/// Does Vim keep this typed character as something else: escaped (a UTF-8 byte 0x80 is
/// K_SPECIAL) or as a special key (^H and DEL reach it as <BS> and <Del> under TERM=dumb)?
pub fn escaped_in_typeahead(c: char) -> bool {
    let mut bytes = [0; 4];
    c == '\x08' || c == '\x7f' || c.encode_utf8(&mut bytes).bytes().any(|b| b == 0x80)
}

impl Registers {
    /// Vim's `last_insert`: what the insert that just stopped typed, as text for `".` and as
    /// keys for typing it again.
    pub(crate) fn set_last_insert(&mut self, text: String, inexact: bool, keys: Vec<Key>) {
        self.last_insert = Some(text);
        self.last_insert_inexact = inexact;
        self.last_insert_keys = Some(Arc::new(keys));
    }
}

/// Where a register name writes to: a slot and whether it appends.
fn slot_of(name: char) -> Option<(usize, bool)> {
    match name {
        '0'..='9' => Some((name as usize - '0' as usize, false)),
        'a'..='z' => Some((name as usize - 'a' as usize + 10, false)),
        'A'..='Z' => Some((name as usize - 'A' as usize + 10, true)),
        '-' => Some((SMALL_DELETE, false)),
        _ => None,
    }
}

impl Registers {
    fn slot(&self, i: usize) -> Option<&Register> {
        self.slots.get(i).and_then(Option::as_deref)
    }

    fn set_slot(&mut self, i: usize, reg: Register) {
        if self.slots.len() <= i {
            self.slots.resize(SMALL_DELETE + 1, None);
        }
        self.slots[i] = Some(Arc::new(reg));
    }

    /// Is `name` a register a yank or delete may name?
    pub fn writable(name: char) -> bool {
        slot_of(name).is_some() || name == '"' || name == '_'
    }

    /// Is `name` a register `p` may name?
    pub fn readable(name: char) -> bool {
        Self::writable(name) || matches!(name, '.' | ':' | '/')
    }

    /// Store a yank or delete into `name` (`None`: no register given) — `op_yank`.
    pub fn store(&mut self, name: Option<char>, reg: Register) {
        let (i, append) = match name {
            None | Some('"') => (0, false),
            Some(c) => match slot_of(c) {
                Some(s) => s,
                None => return,
            },
        };
        self.previous = Some(i);
        if append {
            if let Some(old) = self.slot(i).cloned() {
                self.set_slot(i, append_to(old, reg));
                return;
            }
        }
        self.set_slot(i, reg);
    }

    /// `shift_delete_registers()` then store into `"1`.
    pub fn store_numbered(&mut self, reg: Register, appending: bool) {
        if self.slots.len() <= SMALL_DELETE {
            self.slots.resize(SMALL_DELETE + 1, None);
        }
        for n in (2..=9).rev() {
            self.slots[n] = self.slots[n - 1].take();
        }
        if !appending {
            self.previous = Some(1);
        }
        self.slots[1] = Some(Arc::new(reg));
    }

    /// `q{reg}` ... `q`: the recorded keys become the register (charwise); `qA` appends.
    pub fn store_recording(&mut self, name: char, text: &str) {
        let Some((i, append)) = slot_of(name) else { return };
        let reg = Register::chars(text);
        match (append, self.slot(i).cloned()) {
            (true, Some(old)) => self.set_slot(i, append_to(old, reg)),
            _ => self.set_slot(i, reg),
        }
    }

    /// `:let @r = "text"` (`write_reg_contents_ex()` with MAUTO, `str_to_reg()`): linewise when
    /// the text ends in a line break, else charwise; an uppercase name appends, the first
    /// line joining the last one of a charwise register, and the register takes the new
    /// type. The unnamed register keeps pointing where it did.
    pub fn store_string(&mut self, name: char, text: &str) {
        let Some((i, append)) = slot_of(name) else { return };
        let linewise = text.ends_with('\n');
        let mut pieces: Vec<String> = text.split('\n').map(str::to_string).collect();
        if linewise {
            pieces.pop();
        }
        let kind = if linewise { RegKind::Line } else { RegKind::Char };
        let old = if append { self.slot(i).cloned() } else { None };
        let reg = match old {
            Some(mut old) if !old.lines.is_empty() => {
                let mut pieces = pieces.into_iter();
                if old.kind == RegKind::Char {
                    if let (Some(last), Some(first)) = (old.lines.last_mut(), pieces.next()) {
                        last.push_str(&first);
                    }
                }
                old.lines.extend(pieces);
                old.kind = kind;
                old
            }
            _ => Register { lines: pieces, kind },
        };
        self.set_slot(i, reg);
    }

    pub fn store_small_delete(&mut self, reg: Register) {
        self.previous = Some(SMALL_DELETE);
        self.set_slot(SMALL_DELETE, reg);
    }

    /// What `p` with register `name` puts (`None`: the unnamed register).
    pub fn read(&self, name: Option<char>) -> Option<Register> {
        match name {
            None | Some('"') => self.previous.and_then(|i| self.slot(i)).cloned(),
            Some('.') => self.last_insert.as_deref().map(Register::chars),
            Some(':') => self.last_cmdline.as_deref().map(Register::chars),
            Some('/') => self.last_search.as_deref().map(Register::chars),
            Some(c) => {
                let (i, _) = slot_of(c.to_ascii_lowercase())?;
                self.slot(i).cloned()
            }
        }
    }

    /// The contents of register `name` for inspection.
    pub fn get(&self, name: char, _vim: &Vim) -> Option<Register> {
        self.read(Some(name))
    }
}

/// Appending to a register (`"Ayw`): linewise wins; charwise text joins the last line.
fn append_to(mut old: Register, new: Register) -> Register {
    match (old.kind, new.kind) {
        (RegKind::Line, _) | (_, RegKind::Line) => {
            old.lines.extend(new.lines);
            old.kind = RegKind::Line;
        }
        _ => {
            let mut new_lines = new.lines.into_iter();
            if let (Some(last), Some(first)) = (old.lines.last_mut(), new_lines.next()) {
                last.push_str(&first);
            }
            old.lines.extend(new_lines);
        }
    }
    old
}
