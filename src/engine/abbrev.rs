//! Abbreviations: Vim's `check_abbr()` (`map.c`) as `edit()` calls it (`echeck_abbr()`)
//! for a non-keyword character, `<Esc>`, `<C-o>`, `<Tab>`, `<CR>`/`<NL>` and `<C-]>` in
//! Insert and Replace mode, and `getcmdline()` (`ccheck_abbr()`) for a non-keyword
//! character, `<CR>`/`<NL>`, a macro's `<Esc>` and `<C-]>` on the command line. The abbreviations themselves are defined with the mappings
//! (`:iabbrev` ... in [`mapping`](super::mapping)).
//!
//! When the word before the cursor is an abbreviation, Vim puts in front of the typeahead a
//! backspace for each of its characters, the replacement and the key that ended it (not for
//! `<C-]>`), and reads on: the expansion is typed as keys, so `.` repeats it as typed. For as
//! many bytes as it put there (and one more) no abbreviation is checked
//! (`typebuf.tb_no_abbr_cnt`); keys from the stuff buffer (`.`, a count's repeat) never
//! check.

use super::mapping::modes;
use super::{Key, Res, Vim};

impl Vim {
    /// `echeck_abbr(c)` for the key `key` just read in Insert or Replace mode: true when the
    /// word before the cursor was an abbreviation and its expansion is queued (the key is
    /// then read again after it and not handled now). Not after an arrow key.
    pub(crate) fn check_abbr(&mut self, key: Key) -> Res<bool> {
        if !self.mappings.has_abbreviations(modes::INSERT) || self.insert.arrow_used {
            return Ok(false);
        }
        let mincol = if self.cur.line == self.insert.start.line { self.insert.start.col } else { 0 };
        let line = self.cur_line().to_string();
        self.check_abbr_in(key, modes::INSERT, &line, self.cur.col, mincol)
    }

    /// `ccheck_abbr(c)` on the command line `line` with the cursor at byte `pos`: the same,
    /// with a leading `'<,'>` not part of any word.
    pub(crate) fn ccheck_abbr(&mut self, key: Key, line: &str, pos: usize) -> Res<bool> {
        if !self.mappings.has_abbreviations(modes::CMDLINE) {
            return Ok(false);
        }
        let blanks = line.len() - line.trim_start_matches([' ', '\t']).len();
        let rest = line[blanks..].as_bytes();
        let spos = if rest.len() > 5 && rest[0] == b'\'' && rest[2] == b',' && rest[3] == b'\'' { blanks + 5 } else { 0 };
        self.check_abbr_in(key, modes::CMDLINE, line, pos, spos)
    }

    /// `check_abbr()`: the word before byte `col` of `line` (not before `mincol`) looked up
    /// among the abbreviations of `mode`.
    fn check_abbr_in(&mut self, key: Key, mode: u8, line: &str, col: usize, mincol: usize) -> Res<bool> {
        let Key::Char(c) = key else { return Ok(false) };
        if col == 0 {
            return Ok(false);
        }
        let before = &line[..col];
        // vim_iswordp(): 'iskeyword' below 0x100, the Unicode class from 2 up beyond.
        let classes: Option<Vec<(usize, char, bool)>> =
            before.char_indices().map(|(at, ch)| super::chars::class(ch).map(|class| (at, ch, class >= 2))).collect();
        let Some(chars) = classes else {
            return Err(self.unsupported(key, "an abbreviation check after a character whose class is not modelled"));
        };
        let space = |ch: char| matches!(ch, ' ' | '\t'..='\r');
        // The word before the cursor: if it ends in a keyword character, the run of
        // characters of the class the one before that has; otherwise anything but white
        // space; never before `mincol` (the start of the insert on its line).
        let Some(&(last_at, _, last_is_word)) = chars.last() else { return Ok(false) };
        let vim_abbr = !last_is_word;
        let is_id = if vim_abbr || chars.len() < 2 { true } else { chars[chars.len() - 2].2 };
        let mut scol = last_at;
        let mut clen = 1;
        for &(at, ch, is_word) in chars[..chars.len() - 1].iter().rev() {
            if at < mincol || space(ch) || (!vim_abbr && is_id != is_word) {
                break;
            }
            scol = at;
            clen += 1;
        }
        if scol < mincol {
            return Ok(false);
        }
        let typed: Vec<Key> = line[scol..col].chars().map(Key::Char).collect();
        let Some((rhs, noremap)) = self.mappings.abbreviation(mode, &typed) else { return Ok(false) };
        let rhs = rhs.to_vec();
        // Only now do the conditions that keep an abbreviation from expanding matter.
        if self.input.abbr_blocked > 0 || self.last_key_from_stuff() {
            return Ok(false);
        }
        if !self.last_key_remappable() && c != '\x1d' {
            return Ok(false);
        }
        if self.input.nested > 0 {
            // :normal's keys, and the <Esc> it reads at their end.
            return Err(self.unsupported(key, "an abbreviation inside :normal"));
        }
        // The key goes back after the replacement: a control character (other than the
        // ones edit() and getcmdline() pass with ABBR_OFF) or one from 0x7f to 0xff would get
        // a CTRL-V first; a character from 0x100 up comes with ABBR_OFF and goes back as it is.
        let again = match c {
            '\x1d' => None,
            '\x1b' | '\r' | '\n' => Some(key),
            '\x0f' | '\t' if mode == modes::INSERT => Some(key),
            ' '..='~' => Some(key),
            _ if (c as u32) >= 0x100 => Some(key),
            _ => return Err(self.unsupported(key, "an abbreviation ended by this character")),
        };
        let again_bytes = usize::from(again.is_some());
        if let Some(k) = again {
            self.push_mapped(&[k], true, false)?;
        }
        self.push_mapped(&rhs, noremap, false)?;
        self.push_mapped(&vec![Key::Char('\x08'); clen], true, false)?;
        self.input.abbr_blocked = clen + crate::keys::to_vim_bytes(&rhs).len() + again_bytes + 1;
        Ok(true)
    }

    /// Does Vim look for an abbreviation before the typed `key` (`!vim_iswordc(c)` in
    /// `edit()` and `getcmdline()`): a printable character that is not a keyword character
    /// ('iskeyword' below 0x100, the Unicode class from 0x100 up)?
    pub(crate) fn ends_abbreviation(&self, key: Key) -> Res<bool> {
        let Key::Char(c) = key else { return Ok(false) };
        if (c as u32) < 0x20 || c == '\x7f' {
            return Ok(false);
        }
        match super::chars::class(c) {
            Some(class) => Ok(class < 2),
            None => Err(self.unsupported(key, "an abbreviation check on a character whose class is not modelled")),
        }
    }

    /// `typebuf.tb_no_abbr_cnt` as a key is read: keys from the typeahead use up what an
    /// expansion blocked; a key from the stuff buffer blocks the check for itself.
    #[inline]
    pub(crate) fn note_abbr_block(&mut self, key: Key, stuffed: bool) {
        if stuffed {
            self.input.abbr_blocked = self.input.abbr_blocked.max(1);
        } else {
            self.input.abbr_blocked = self.input.abbr_blocked.saturating_sub(crate::keys::to_vim_bytes(&[key]).len());
        }
    }
}
