//! Select mode (`gh`, `gH`, `g<C-h>`, `<C-g>` from Visual mode, 'selectmode') and what
//! 'keymodel' makes of the shifted and unshifted special keys.
//!
//! Select mode is Visual mode with Vim's `VIsual_select` set; it changes only how a key is
//! read (`normal_cmd()`): a printable key, `<CR>` or `<NL>` replaces the selection (the key
//! goes back into the typeahead and `c` runs on the selection, so Insert mode reads it), and
//! no count or register is read. `<BS>`/`<C-h>` delete the selection (`nv_ctrlh()`), `<C-g>`
//! goes back to Visual mode, `<C-o>` runs one Visual-mode command; any other key does what it
//! does in Visual mode. Operators other than delete treat a linewise selection as charwise,
//! from the first line's start to the last line's end (`do_pending_operator()`), so typed
//! text replaces the lines' text and the line break after them.
//!
//! 'keymodel' follows the flags of nv_cmds.h: with `startsel` the shifted arrow, Home and End
//! keys (`NV_SS`) start a selection in Normal mode (Select mode when 'selectmode' has `key`)
//! and act as their unshifted keys in it; with `stopsel` the unshifted special keys
//! (`NV_STS`) end a selection and then run as Normal-mode commands.

use super::command::Cmd;
use super::{Flow, Mode, Res, Vim};
use crate::keys::{Base, Key, Shiftable, Special};

/// A key 'keymodel' gives a meaning to (a row of nv_cmds.h with `NV_SS` or `NV_STS`).
struct KeyModelKey {
    key: Key,
    /// `NV_SS`: with `startsel` it starts a selection, as this unshifted key.
    starts_as: Option<Key>,
    /// `NV_STS`: with `stopsel` it ends the selection when typed without Shift.
    stops: bool,
}

const fn starts(key: Key, unshifted: Key) -> KeyModelKey {
    KeyModelKey { key, starts_as: Some(unshifted), stops: false }
}
const fn stops(key: Key) -> KeyModelKey {
    KeyModelKey { key, starts_as: None, stops: true }
}

const fn special(s: Special) -> Key {
    Key::Special(s)
}
const fn shifted(s: Shiftable) -> Key {
    Key::Special(Special::Shifted(s))
}

static KEYMODEL_KEYS: &[KeyModelKey] = &[
    stops(Key::Char('\x02')), // <C-b>
    stops(Key::Char('\x06')), // <C-f>
    stops(Key::Char('\x0e')), // <C-n>
    stops(Key::Char('\x10')), // <C-p>
    stops(special(Special::Up)),
    starts(shifted(Shiftable::Up), special(Special::Up)),
    stops(special(Special::Down)),
    starts(shifted(Shiftable::Down), special(Special::Down)),
    stops(special(Special::Left)),
    starts(shifted(Shiftable::Left), special(Special::Left)),
    stops(special(Special::CtrlLeft)),
    stops(special(Special::Right)),
    starts(shifted(Shiftable::Right), special(Special::Right)),
    stops(special(Special::CtrlRight)),
    stops(special(Special::PageUp)),
    stops(special(Special::PageDown)),
    stops(special(Special::End)),
    starts(shifted(Shiftable::End), special(Special::End)),
    stops(special(Special::CtrlEnd)),
    stops(special(Special::Home)),
    starts(shifted(Shiftable::Home), special(Special::Home)),
    stops(special(Special::CtrlHome)),
];

fn keymodel_key(key: Key) -> Option<&'static KeyModelKey> {
    KEYMODEL_KEYS.iter().find(|k| k.key == key)
}

/// A special key with modifiers Vim keeps (`<S-PageUp>`, `<M-Left>`): 'keymodel' looks at
/// its Shift (`NV_SSS`), which the engine does not model.
fn modified_special(key: Key) -> bool {
    matches!(key, Key::Modified(_, Base::Special(_)))
}

/// `vim_isprintc()` for a typed key, and `<CR>`/`<NL>`: the keys that replace the selection
/// in Select mode. Characters 0x80-0x9f are not printable, and above 0xff the few that
/// `utf_printable()` rejects (invisible formatting characters, surrogates, non-characters).
fn replaces_selection(key: Key) -> bool {
    let Key::Char(c) = key else { return false };
    let c = c as u32;
    match c {
        0x0a | 0x0d => true,
        0..=0x1f | 0x7f..=0x9f => false,
        0x070f | 0x180b..=0x180e | 0x200b..=0x200f | 0x202a..=0x202e | 0x2060..=0x206f | 0xd800..=0xdfff | 0xfeff | 0xfff9..=0xfffb | 0xfffe..=0xffff => false,
        _ => true,
    }
}

/// What 'keymodel' does with a key typed in Visual or Select mode.
pub(crate) enum InVisual {
    /// Nothing: the key is what it is.
    Plain,
    /// `startsel`: the shifted key acts as this unshifted one.
    Unshifted(Key),
    /// `stopsel`: the selection ended and the key waits to run in Normal mode.
    Stopped,
}

impl Vim {
    /// `may_start_select(c)`: Select mode rather than Visual mode when 'selectmode' has `c`
    /// (`k` for the keys of 'keymodel', `c` for `v`, `V`, `<C-v>`, `gv` and `gn`) and the key
    /// was typed with nothing stuffed after it (`stuff_empty() && typebuf_typed()`).
    pub(crate) fn may_start_select(&self, c: char) -> Res<bool> {
        if !self.options.select_mode_has(c) {
            return Ok(false);
        }
        use super::Origin;
        let next = self.input.queue.front().map(|q| q.origin);
        match self.input.last_origin {
            Origin::Typed => Ok(!matches!(next, Some(Origin::Stuffed | Origin::Redo))),
            // typebuf_typed() is false while keys of a mapping or macro wait in the typeahead.
            Origin::Macro | Origin::Nested | Origin::Mapped if matches!(next, Some(Origin::Macro | Origin::Nested | Origin::Mapped)) => Ok(false),
            _ => Err(Flow::Fatal(self.unsupported_here("'selectmode' deciding Select mode for a key from a macro, :normal or the stuff buffer"))),
        }
    }

    /// The first key of a command in Select mode: a printable key replaces the selection,
    /// `<BS>`/`<C-h>` delete it, `<C-o>` runs a Visual-mode command. `Ok(None)` when the
    /// command is done; otherwise the key is read as in Visual mode (without a count).
    pub(crate) fn select_key(&mut self, key: Key) -> Res<Option<Key>> {
        if replaces_selection(key) {
            // Vim puts the key back into the typeahead (ins_char_typebuf(), and ungetchars()
            // so that a recording keeps it once) and fakes a `c`.
            self.reread_typed(key);
            self.visual_dispatch(Key::Char('c'), 0, None)?;
            return Ok(None);
        }
        match key {
            // nv_ctrlh(): the key behaves as `x`.
            Key::Char('\x08') | Key::Special(Special::BS) => {
                self.visual_dispatch(Key::Char('x'), 0, None)?;
                Ok(None)
            }
            // nv_ctrlo(): Visual mode for one command (restart_VIsual_select).
            Key::Char('\x0f') => {
                self.visual.select = false;
                self.visual.restart_select = true;
                Ok(None)
            }
            Key::Char('\x12') => Err(self.unsupported(key, "<C-r> in Select mode (the register for the text typing deletes)")),
            Key::Modified(..) => Err(self.unsupported(key, "a key with modifiers in Select mode")),
            _ => Ok(Some(key)),
        }
    }

    /// 'keymodel' on a key typed in Visual or Select mode (`normal_cmd()` with `VIsual_active`):
    /// `stopsel` ends the selection before an unshifted special key, which then runs in Normal
    /// mode; `startsel` makes a shifted key its unshifted one.
    pub(crate) fn keymodel_in_visual(&mut self, key: Key, count0: usize, register: Option<char>) -> Res<InVisual> {
        let (start, stop) = (self.options.start_select_keys(), self.options.stop_select_keys());
        if !start && !stop {
            return Ok(InVisual::Plain);
        }
        if modified_special(key) {
            return Err(self.unsupported(key, "a special key with modifiers while 'keymodel' is set"));
        }
        let Some(entry) = keymodel_key(key) else { return Ok(InVisual::Plain) };
        if stop && entry.stops {
            if count0 > 0 || register.is_some() {
                return Err(self.unsupported(key, "a count or register before a key that 'keymodel' stopsel ends the selection with"));
            }
            self.end_visual()?;
            // adjust_cursor_eol(): the Normal-mode cursor is on a character.
            self.clamp_cursor();
            self.reread_typed(key);
            return Ok(InVisual::Stopped);
        }
        if start {
            if let Some(unshifted) = entry.starts_as {
                return Ok(InVisual::Unshifted(unshifted));
            }
        }
        Ok(InVisual::Plain)
    }

    /// 'keymodel' `startsel` on a key typed in Normal mode: a shifted arrow, Home or End key
    /// starts a charwise selection at the cursor (Select mode when 'selectmode' has `key`) and
    /// moves as its unshifted key (`start_selection()`, `unshift_special()`). `Ok(false)` when
    /// the key is not one of them.
    pub(crate) fn keymodel_in_normal(&mut self, key: Key, cmd: &Cmd) -> Res<bool> {
        if !self.options.start_select_keys() {
            return Ok(false);
        }
        if modified_special(key) {
            return Err(self.unsupported(key, "a special key with modifiers while 'keymodel' is set"));
        }
        let Some(unshifted) = keymodel_key(key).and_then(|k| k.starts_as) else { return Ok(false) };
        if self.command.pending.is_some() || cmd.register.is_some() {
            return Err(self.unsupported(key, "an operator or register before a key that 'keymodel' startsel starts a selection with"));
        }
        self.visual.select = self.may_start_select('k')?;
        self.visual.anchor = self.cur;
        self.mode = Mode::Visual;
        self.visual_dispatch(unshifted, cmd.count0, None)?;
        Ok(true)
    }

    /// Put a key just read back in front of the typeahead to be read again, keeping a
    /// recording (`q`) from holding it twice.
    fn reread_typed(&mut self, key: Key) {
        if self.input.last_origin == super::Origin::Typed {
            if let Some((_, keys)) = &mut self.recording {
                keys.pop();
            }
        }
        self.unread(key);
    }
}

/// `gh`, `gH`, `g<C-h>` (`g<BS>`) in Normal or Visual mode (`nv_g_cmd()` to `nv_visual()`
/// with `cap->arg` set): as `v`, `V`, `<C-v>`, in Select mode.
pub(crate) fn start_select(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    if vim.command.pending.is_some() {
        // nv_visual() with an operator pending forces the motion charwise, linewise or
        // blockwise, as `v`, `V`, `<C-v>` would.
        return Err(vim.unsupported(Key::Char('h'), "gh, gH or g<C-h> after an operator"));
    }
    let mode = match cmd.nchar {
        Some('h') => Mode::Visual,
        Some('H') => Mode::VisualLine,
        _ => Mode::VisualBlock,
    };
    super::visual::start_or_switch(vim, cmd, mode, true)
}

#[cfg(test)]
mod tests {
    use crate::Vim;

    fn run(text: &str, keys: &str) -> (String, String) {
        let vim = Vim::new(text).keys(keys).expect("runs");
        (vim.text().to_string(), vim.mode_code().to_string())
    }

    // Transcripts checked against Vim 9.0.1378 (`examples/vimrun`).
    #[test]
    fn typed_text_replaces_the_selection() {
        // Every printable key replaces: `e` too.
        assert_eq!(run("one two\n", "ghex<Esc>"), ("exne two\n".into(), "n".into()));
        assert_eq!(run("one two\n", "gh<Right><Right>x<Esc>").0, "x two\n");
        assert_eq!(run("one two\n", "gh<Right>").1, "s");
        // Linewise taken as charwise: the line break after the lines goes too.
        assert_eq!(run("one\ntwo\nthree\n", "jgHx<Esc>"), ("one\nxthree\n".into(), "n".into()));
    }

    #[test]
    fn backspace_deletes_and_ctrl_g_toggles() {
        assert_eq!(run("one two\n", "gh<Right><Right><BS>").0, " two\n");
        assert_eq!(run("one\ntwo\nthree\n", "jgH<BS>").0, "one\nthree\n");
        assert_eq!(run("one two\n", "vel<C-g>x<Esc>").0, "xtwo\n");
        assert_eq!(run("one two\n", "gh<Right><Right><C-g>d").0, " two\n");
    }

    #[test]
    fn keymodel_starts_and_stops_selections() {
        assert_eq!(run("one two\n", ":set km=startsel<CR>w<S-Left>d").0, "onewo\n");
        assert_eq!(run("one two\n", ":set km=startsel slm=key<CR><S-Right>x<Esc>").0, "xe two\n");
        assert_eq!(run("one two\n", ":set km=stopsel<CR>v<Right>x").0, "oe two\n");
    }
}
