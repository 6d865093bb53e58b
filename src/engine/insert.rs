//! Insert and Replace mode (`edit.c`): the commands that start them, the keys inside them,
//! and leaving them (count repeat, cursor step back, the `.` register, what `.` repeats).

use super::command::{command, Action, Cmd, Table, CHECKS_ABBR, KEEPS_CHANGED_MARKS, NONE};
use super::markmove::ChangedMarks;
use super::{next_boundary, prev_boundary, Mode, Pos, Res, Vim};
use crate::keys::{Key, Shiftable, Special};

/// Insert and Replace mode's keys (the cases of `edit()`'s switch): one row per key, the
/// handler taking the key as `cmd.key`. A key with no row is a character to insert (any
/// printable one) or refused.
pub static INSERT: Table = Table::new(&[
    command("<Esc>", ins_escape, CHECKS_ABBR | KEEPS_CHANGED_MARKS, "leave Insert mode (repeating the insert count times)"),
    command("<C-\\>", ins_ctrl_backslash, NONE, "<C-\\><C-n> <C-\\><C-g>: leave Insert mode without repeating"),
    command("<CR>", ins_newline, CHECKS_ABBR | KEEPS_CHANGED_MARKS, "split the line"),
    command("<NL>", ins_newline, CHECKS_ABBR | KEEPS_CHANGED_MARKS, "split the line"),
    command("<C-m>", ins_newline, CHECKS_ABBR | KEEPS_CHANGED_MARKS, "split the line"),
    command("<C-j>", ins_newline, CHECKS_ABBR | KEEPS_CHANGED_MARKS, "split the line"),
    command("<BS>", ins_backspace, KEEPS_CHANGED_MARKS, "delete the character before (not before the insert start: backspace=)"),
    command("<C-h>", ins_backspace, KEEPS_CHANGED_MARKS, "delete the character before (not before the insert start: backspace=)"),
    command("<C-w>", ins_backspace_word, KEEPS_CHANGED_MARKS, "delete the word before (back to the insert start)"),
    command("<C-u>", ins_backspace_line, KEEPS_CHANGED_MARKS, "delete the text entered before the cursor"),
    command("<Del>", ins_del, KEEPS_CHANGED_MARKS, "delete the character under the cursor"),
    command("<Tab>", ins_tab, CHECKS_ABBR | KEEPS_CHANGED_MARKS, "insert a tab"),
    command("<C-r>", ins_register, NONE, "<C-r>{reg}: insert a register as typed (`.`: the last insert, as <C-a>)"),
    command("<C-a>", ins_type_last, NONE, "type the last inserted text again"),
    command("<C-@>", ins_type_last_and_leave, NONE, "type the last inserted text again and leave Insert mode"),
    command("<C-o>", ins_ctrl_o, CHECKS_ABBR, "<C-o>{cmd}: run one Normal-mode command: a motion, d or y with one, x X D <Del>, p P gp gP"),
    command("<C-v>", ins_literal, KEEPS_CHANGED_MARKS, "<C-v>{char}: insert a non-digit character literally"),
    command("<C-q>", ins_literal, KEEPS_CHANGED_MARKS, "<C-v>{char}: insert a non-digit character literally"),
    command("<C-k>", ins_digraph, NONE, "<C-k>{char1}{char2}: insert a digraph (Vim's table, then :digraphs; <Esc> cancels)"),
    command("<C-y>", ins_copied_char, NONE, "insert the character above (below) the cursor, literally"),
    command("<C-e>", ins_copied_char, NONE, "insert the character above (below) the cursor, literally"),
    command("<C-t>", ins_shift, NONE, "indent (unindent) the line by a shiftwidth, rounded, the cursor on the same character"),
    command("<C-d>", ins_shift, NONE, "indent (unindent) the line by a shiftwidth, rounded, the cursor on the same character"),
    command("<C-g>", ins_ctrl_g, NONE, "<C-g>u: start a new undo step (<C-g>j, <C-g>k, <C-g>U refused)"),
    command("<C-]>", ins_abbreviation_only, CHECKS_ABBR, "expand an abbreviation (nothing is inserted)"),
    command("<Left>", ins_arrow, NONE, "move (starts a new undo block and insert)"),
    command("<Right>", ins_arrow, NONE, "move (starts a new undo block and insert)"),
    command("<Up>", ins_arrow, NONE, "move (starts a new undo block and insert)"),
    command("<Down>", ins_arrow, NONE, "move (starts a new undo block and insert)"),
    command("<Home>", ins_arrow, NONE, "move (starts a new undo block and insert)"),
    command("<End>", ins_arrow, NONE, "move (starts a new undo block and insert)"),
    command("<S-Right>", ins_word_move, NONE, "a word forward (as w) or back (as b), as an arrow key does; refused with 'keymodel' startsel"),
    command("<C-Right>", ins_word_move, NONE, "a word forward (as w) or back (as b), as an arrow key does; refused with 'keymodel' startsel"),
    command("<S-Left>", ins_word_move, NONE, "a word forward (as w) or back (as b), as an arrow key does; refused with 'keymodel' startsel"),
    command("<C-Left>", ins_word_move, NONE, "a word forward (as w) or back (as b), as an arrow key does; refused with 'keymodel' startsel"),
    command("<Insert>", ins_toggle_replace, NONE, "toggle Insert/Replace mode"),
]);

/// The state of the current insert.
#[derive(Clone, Debug, Default)]
pub struct InsertState {
    /// Where this insert started (Vim's `Insstart`); an arrow key moves it.
    pub start: Pos,
    /// Vim's `Insstart_orig`: `<BS>` does not go before it. It follows `start` except after
    /// an arrow key moved the insert to the right once something was typed.
    pub start_orig: Pos,
    /// Vim's `update_Insstart_orig`.
    pub update_orig: bool,
    /// Vim's `ins_need_undo`: nothing has changed yet in this insert.
    pub need_undo: bool,
    /// The next change saves its line for undo (`stop_arrow()` calls `u_save_cursor()` after
    /// `edit()` started or an arrow key moved), and so for `U`.
    pub save_line_pending: bool,
    /// Repeat count left.
    pub count: usize,
    /// The command that started it (`i`, `a`, `o`, `R` ...), for the repeat on `<Esc>`.
    pub cmdchar: char,
    /// Keys inserted so far, replayed by the count and by `.`.
    pub keys: Vec<Key>,
    /// The keys that start the insert again for `.` (`3i`, `cw`, `o`).
    pub redo_prefix: Vec<super::Key>,
    pub redo_register: Option<char>,
    pub redo_count: usize,
    /// Replace mode: what each typed character replaced (None: appended past the end).
    pub replaced: Vec<Option<char>>,
    pub arrow_used: bool,
    /// Vim's `ai_col`: `<BS>` does not delete at or before it. Without 'autoindent' only
    /// `<C-t>`/`<C-d>` move it off 0 (change_indent() shifts it by what the indent lost).
    pub ai_col: usize,
    /// Inside `<C-o>`: return to Insert mode after one command.
    pub restart: Option<Mode>,
    /// `<C-o>` was typed at the end of the line.
    pub at_eol: bool,
    /// The line `<C-o>` was typed on.
    pub o_line: usize,
    /// Keys of a count repeat still to come, which are not logged again.
    pub replay_skip: usize,
    /// Where the last insert stopped (`'^`, for `gi`).
    pub last_stop: Option<Pos>,
    /// `insertchar()` reads the plain characters that follow a typed one straight from the
    /// typeahead, with no abbreviation check, and inserts them at once (one change, at the
    /// first one's column): the last one read so and how many so far.
    pub batch: Option<(char, usize)>,
    /// The character being inserted is read on in such a batch (see [`InsertState::batch`]).
    pub in_batch: bool,
    /// Only characters were typed (no key of the Insert table, no abbreviation): at `<Esc>`,
    /// `stop_insert()` sets `'[` to `Insstart` and `']` to the cursor, which the engine then
    /// knows. Other keys move `Insstart` or stop the insert their own ways.
    pub plain: bool,
}

/// A character `insertchar()` may read on with (not `ISSPECIAL()`: printable ASCII but `0`
/// and `^`).
fn batch_char(c: char) -> bool {
    matches!(c, ' '..='~') && c != '0' && c != '^'
}

/// `i a I A o O R gI gi <Insert>`.
pub(crate) fn start_insert(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    let key = match (cmd.key, cmd.nchar) {
        (Key::Char('g'), Some('I')) => 'G',
        (Key::Char('g'), Some('i')) => 'g',
        (Key::Char(c), _) => c,
        _ => 'i',
    };
    let line = vim.cur.line;
    let mut mode = Mode::Insert;
    match key {
        'i' => {}
        'a' => {
            if !vim.cur_line().is_empty() {
                vim.cur.col = next_boundary(vim.cur_line(), vim.cur.col);
            }
        }
        'I' => vim.cur.col = vim.first_nonblank(line),
        'G' => vim.cur.col = 0,
        'g' => {
            if let Some(p) = vim.insert.last_stop {
                if p.line <= vim.last_line() {
                    vim.cur = Pos::new(p.line, p.col.min(vim.line(p.line).len()));
                }
            }
        }
        'A' => vim.cur.col = vim.cur_line().len(),
        'o' | 'O' => {
            // n_opencmd(): u_save() of no line, then open_line()'s u_clearline().
            vim.u_clearline();
            vim.uline_checked = true;
            vim.begin_followed_change();
            vim.save_undo();
            let at = if key == 'o' { line + 1 } else { line };
            vim.buf.insert_lines_moving_marks(at, vec![String::new()]);
            // open_line(): changed_lines() from the new line.
            vim.changed_at(Pos::new(at, 0));
            vim.end_followed_change();
            vim.cur = Pos::new(at.min(vim.last_line()), 0);
        }
        'R' => mode = Mode::Replace,
        _ => {}
    }
    // nv_gi_cmd() runs `gi` as an `i` after the jump: `.` repeats the `i`, where the cursor is.
    let prefix = if key == 'g' { vec![Key::Char('i')] } else { vim.command.cmd_keys.to_vec() };
    vim.begin_insert(mode, key, cmd.count1, cmd.register, cmd.count0, prefix);
    Ok(())
}

impl Vim {
    /// Enter Insert or Replace mode at the cursor.
    pub(crate) fn begin_insert(&mut self, mode: Mode, cmdchar: char, count: usize, register: Option<char>, count0: usize, prefix: Vec<Key>) {
        self.mode = mode;
        self.insert.start = self.cur;
        self.insert.start_orig = self.cur;
        self.insert.update_orig = true;
        self.insert.need_undo = true;
        self.insert.save_line_pending = true;
        self.insert.count = count;
        self.insert.cmdchar = cmdchar;
        self.insert.keys.clear();
        self.insert.replaced.clear();
        self.insert.arrow_used = false;
        self.insert.ai_col = 0;
        self.insert.redo_prefix = prefix;
        self.insert.redo_register = register;
        self.insert.redo_count = count0;
        self.insert.plain = true;
    }

    /// Read and handle one key in Insert or Replace mode.
    pub(crate) fn insert_step(&mut self) -> Res {
        if self.insert.update_orig {
            self.insert.start_orig = self.insert.start;
        }
        // edit() before each key: the next <Up>/<Down> takes its column from the cursor,
        // unless an arrow key (or a resumed `<C-o>`) left the wanted column as it was.
        if !self.insert.arrow_used {
            self.set_curswant = true;
        }
        self.map_front(false)?;
        self.check_block_insert_key()?;
        let key = self.getkey()?;
        let row = INSERT.lookup(key);
        let abbreviations = self.mappings.any_abbreviations();
        // Only abbreviations and the change list depend on batches.
        let batches_matter = self.mappings.abbreviated_once || self.follows_change_list();
        let batched = if batches_matter {
            self.insert_batch_takes(key, self.mappings.abbreviated_once)?
        } else {
            self.insert.batch = None;
            false
        };
        if abbreviations
            && !batched
            && (row.is_some_and(|r| r.has(CHECKS_ABBR)) || self.ends_abbreviation(key)?)
        {
            // echeck_abbr() before the key is handled: an expansion reads it again after.
            if self.check_abbr(key)? {
                self.insert_not_plain();
                return Ok(());
            }
        }
        if let Some(row) = row {
            if !row.has(KEEPS_CHANGED_MARKS) {
                self.insert_not_plain();
            }
            let Action::Command(handler) = row.action else { return Err(self.unsupported(key, "this key in Insert mode")) };
            let mut cmd = Cmd { key, nchar: None, count0: 0, count1: 1, register: None, op: None, stuffed_by_redo: false };
            return handler(self, &mut cmd);
        }
        match key {
            // Vim glues a composing character to the character before it (and at the start
            // of a line does stranger things); not modelled.
            Key::Char(c) if super::chars::may_be_composing(c) => Err(self.unsupported(key, "a composing character in Insert mode")),
            Key::Char(c) if (c as u32) >= 0x20 && c != '\x7f' => {
                self.insert_typed(key);
                self.insert.in_batch = batched;
                self.insert_char(c)?;
                if batches_matter && !batched && self.mode == Mode::Insert && batch_char(c) {
                    self.insert.batch = Some((c, 1));
                }
                Ok(())
            }
            _ => Err(self.unsupported(key, "this key in Insert mode")),
        }
    }

    /// A key other than a typed character: from here on `'[` and `']` are not known (arrow
    /// keys and `<C-o>` stop the insert and set them at once, others move `Insstart`).
    fn insert_not_plain(&mut self) {
        self.insert.plain = false;
        self.marks.changed = ChangedMarks::Unknown;
    }

    /// Is `key` one of the characters `insertchar()` reads on after the last one it inserted
    /// (Insert mode, not Replace)? Up to 100 printable ASCII characters other than `0` and
    /// `^`, stopping (when there are abbreviations) at a non-keyword character after a keyword
    /// one, which must be checked for an abbreviation. Abbreviations and the change list
    /// depend on it.
    fn insert_batch_takes(&mut self, key: Key, word_ends_batch: bool) -> Res<bool> {
        let Some((prev, n)) = self.insert.batch.take() else { return Ok(false) };
        let Key::Char(c) = key else { return Ok(false) };
        let word = super::chars::is_word_char;
        if !batch_char(c) || n >= 100 || (word_ends_batch && !word(c) && word(prev)) {
            return Ok(false);
        }
        if self.options.textwidth > 0 {
            if self.mappings.has_abbreviations(super::mapping::modes::INSERT) {
                // insertchar() also stops at 'textwidth'.
                return Err(self.unsupported(key, "abbreviations with 'textwidth' set"));
            }
            // Where the batch stops at 'textwidth' decides where the change list's change is.
            self.forget_change_list();
        }
        self.insert.batch = Some((c, n + 1));
        Ok(true)
    }

    /// The two keys after `<C-k>` (`get_digraph()`), read without mapping: the digraph's
    /// character, or `None` when `<Esc>` cancelled it.
    pub(crate) fn read_digraph(&mut self, ctrl_k: Key) -> Res<Option<char>> {
        let mut pair = ['\0'; 2];
        for slot in &mut pair {
            match self.getkey()? {
                Key::Char('\x1b') => return Ok(None),
                Key::Char(c) => *slot = c,
                other => return Err(self.unsupported(other, "a special key after CTRL-K (Vim inserts its name)")),
            }
        }
        match super::digraph::get(&self.ex.digraphs, pair[0], pair[1]) {
            Some(c) if super::digraph::typable(c) => Ok(Some(c)),
            _ => Err(self.unsupported(ctrl_k, "a digraph that gives a control or composing character")),
        }
    }

    /// Record a character typed after CTRL-V (or a digraph's) as part of the insert: Vim
    /// puts the CTRL-V in the redo buffer first, and after an arrow key or `<C-o>` the
    /// character's stop_arrow() then starts the insert again without it.
    fn insert_typed_literally(&mut self, c: char) {
        if !self.insert.arrow_used {
            self.insert_typed(Key::Char('\x16'));
        }
        self.insert_typed(Key::Char(c));
    }

    /// Record a key as part of the insert (for `.` and the count).
    fn insert_typed(&mut self, key: Key) {
        if self.insert.replay_skip > 0 {
            self.insert.replay_skip -= 1;
            return;
        }
        if self.insert.arrow_used {
            // Vim's stop_arrow(): a new insert starts here, and `.` repeats it as `1i`.
            self.insert.arrow_used = false;
            self.insert.ai_col = 0;
            self.insert.start = self.cur;
            if self.insert.start.col > self.insert.start_orig.col && !self.insert.need_undo {
                self.insert.update_orig = false;
            }
            self.insert.keys.clear();
            self.insert.replaced.clear();
            // The `1` is a count: `3.` replaces it (start_redo() skips the old count).
            self.insert.redo_prefix = vec![Key::Char('i')];
            self.insert.redo_register = None;
            self.insert.redo_count = 1;
            self.insert.cmdchar = 'i';
        }
        self.insert.need_undo = false;
        self.insert.keys.push(key);
    }

    /// `<C-g>` and the key after it (`ins_ctrl_g()`): `u` starts a new undo step and a new
    /// insert start (for `<BS>`), leaving `.` and `".` as they were; `<Esc>` cancels; a key with
    /// no meaning only beeps (nothing is dropped). `j`, `k` (cursor to the insert's column) and
    /// `U` (no undo break at the next arrow) are refused.
    fn insert_ctrl_g(&mut self) -> Res {
        let key = self.getkey()?;
        match key {
            Key::Char('u') => {
                self.undo.sync();
                self.insert.need_undo = true;
                self.insert.save_line_pending = true;
                self.insert.update_orig = false;
                self.insert.start = self.cur;
                Ok(())
            }
            Key::Char('j' | 'k' | 'U' | '\x0a' | '\x0b') | Key::Special(Special::Up | Special::Down) => {
                Err(self.unsupported(key, "<C-g> j, k and U in Insert mode"))
            }
            _ => Ok(()),
        }
    }

    pub(crate) fn save_undo(&mut self) {
        self.undo.save(&mut self.buf, self.cur);
    }

    /// `stop_arrow()` before a change in Insert mode: the first change since the insert
    /// started (or an arrow key moved) saves the cursor line for `U`.
    fn stop_arrow_saves_line(&mut self) {
        if std::mem::take(&mut self.insert.save_line_pending) {
            self.u_saveline(self.cur.line);
        }
        self.uline_checked = true;
    }

    /// `<C-y>`, `<C-e>` (`ins_ctrl_ey()`, `ins_copychar()`): the character of the line above
    /// (below) at the cursor's screen column (the one spanning it, for a tab or a wide
    /// character), inserted as after `<C-v>`; nothing (a beep) past the line's end or the
    /// buffer's.
    fn insert_copied_char(&mut self, key: Key) -> Res {
        let lnum = if key == Key::Char('\x19') { self.cur.line.checked_sub(1) } else { Some(self.cur.line + 1) };
        let Some(lnum) = lnum.filter(|&l| l <= self.last_line()) else { return Ok(()) };
        let want = self.vcol(self.cur.line, self.cur.col)?;
        // The character covering the cursor's screen column; none past the line's end.
        let col = self.col_for_vcol(lnum, want, true)?;
        let Some(c) = self.char_at(Pos::new(lnum, col)) else { return Ok(()) };
        if c == '\0' {
            return Err(self.unsupported(key, "copying a NUL character (Vim's in-memory line break)"));
        }
        // Redone as typed after a CTRL-V, except letters and digits (special after one).
        if !(c as u32 >= 256 || c.is_ascii_alphanumeric()) {
            self.insert_typed(Key::Char('\x16'));
        }
        self.insert_typed(Key::Char(c));
        self.insert_char_not_typed(c)
    }

    /// A character inserted by `<C-v>`, `<C-k>`, `<C-y>` or `<C-e>`: it goes through
    /// `insertchar()` as a typed one does, which may read the characters after it on in
    /// one batch.
    fn insert_char_not_typed(&mut self, c: char) -> Res {
        self.insert_char(c)?;
        if self.mode == Mode::Insert && batch_char(c) {
            self.insert.batch = Some((c, 1));
        }
        Ok(())
    }

    /// `<C-t>`, `<C-d>` (`ins_shift()`, `change_indent()` with `shift_line()` rounding): the
    /// indent goes to the next (previous) multiple of 'shiftwidth' and is written as tabs and
    /// spaces; the cursor stays on its character, and the insert's start moves with the text
    /// (Vim's `Insstart`, not `Insstart_orig`, which `<BS>` keeps to). A cursor inside the
    /// indent, Replace mode and `0<C-d>`/`^<C-d>` are refused.
    fn insert_shift(&mut self, key: Key) -> Res {
        let indent_key = key == Key::Char('\x14');
        if self.mode != Mode::Insert {
            return Err(self.unsupported(key, "<C-t> and <C-d> in Replace mode"));
        }
        let lnum = self.cur.line;
        let old_first = self.first_nonblank(lnum);
        let Some(after_indent) = self.cur.col.checked_sub(old_first) else {
            return Err(self.unsupported(key, "<C-t> and <C-d> with the cursor inside the indent"));
        };
        if !indent_key && matches!(self.line(lnum)[..self.cur.col].chars().next_back(), Some('0' | '^')) {
            return Err(self.unsupported(key, "<C-d> after 0 or ^ (which remove the whole indent)"));
        }
        self.insert_typed(key);
        let (width, body) = super::operator::split_indent(self.line(lnum));
        let shiftwidth = 8;
        let steps = width / shiftwidth;
        let new_width = if indent_key {
            (steps + 1) * shiftwidth
        } else if width % shiftwidth != 0 {
            steps * shiftwidth
        } else {
            steps.saturating_sub(1) * shiftwidth
        };
        let new_line = super::operator::with_indent(new_width, body);
        self.check_size(new_line.len())?;
        self.save_undo();
        self.buf.set_line(lnum, new_line);
        let new_first = self.first_nonblank(lnum);
        self.cur.col = new_first + after_indent;
        self.set_curswant = true;
        // change_indent(): Insstart follows the text; touching the indent resets it to 0.
        if self.insert.start.line == lnum && self.insert.start.col != 0 {
            let less = old_first as isize - new_first as isize;
            let col = self.insert.start.col as isize;
            self.insert.start.col = if after_indent == 0 || col <= less { 0 } else { usize::try_from(col - less).unwrap_or(0) };
        }
        // ai_col moves the same way, also from 0 (it grows when the indent does).
        let less = old_first as isize - new_first as isize;
        let ai = self.insert.ai_col as isize;
        self.insert.ai_col = if after_indent == 0 || ai <= less { 0 } else { usize::try_from(ai - less).unwrap_or(0) };
        Ok(())
    }

    fn insert_char(&mut self, c: char) -> Res {
        self.check_size(4)?;
        self.stop_arrow_saves_line();
        let tw = self.options.textwidth;
        if tw > 0 && c != ' ' && c != '\t' && !(self.mode == Mode::Replace && self.cur.col < self.cur_line().len()) {
            // insertchar() → internal_format(): a character that would end past 'textwidth'
            // breaks the line (auto-wrap, 'formatoptions' t and c); not modelled.
            let cells = if (c as u32) < 0x20 || c == '\x7f' { 2 } else { self.cells(c, 0)? };
            if self.vcol(self.cur.line, self.cur.col)? + cells > tw {
                return Err(self.unsupported(Key::Char(c), "a character typed past 'textwidth' (auto-wrap)"));
            }
        }
        self.begin_followed_change();
        self.save_undo();
        let col = self.cur.col;
        let lnum = self.cur.line;
        let replace = self.mode == Mode::Replace;
        let line = self.buf.line_mut(lnum);
        if replace && col < line.len() {
            let old = line[col..].chars().next();
            let end = col + old.map_or(0, char::len_utf8);
            let mut buf = [0u8; 4];
            line.replace_range(col..end, c.encode_utf8(&mut buf));
            self.insert.replaced.push(old);
        } else {
            line.insert(col, c);
            if replace {
                self.insert.replaced.push(None);
            }
        }
        // ins_char_bytes(): inserted_bytes() where the character went; characters read on
        // in a batch went in with the first (ins_str()).
        if !std::mem::take(&mut self.insert.in_batch) {
            self.changed_at(Pos::new(lnum, col));
        }
        self.end_followed_change();
        self.cur.col = col + c.len_utf8();
        Ok(())
    }

    fn insert_newline(&mut self) {
        self.stop_arrow_saves_line();
        // open_line(): "cannot do U command when adding lines".
        self.u_clearline();
        self.begin_followed_change();
        self.save_undo();
        let lnum = self.cur.line;
        let col = self.cur.col.min(self.line(lnum).len());
        let rest = self.buf.line_mut(lnum).split_off(col);
        // open_line(): marks on the split line stay there, whatever their column.
        self.buf.insert_lines_moving_marks(lnum + 1, vec![rest]);
        // open_line(): changed_lines() from where the line was split.
        self.changed_at(Pos::new(lnum, col));
        self.end_followed_change();
        self.cur = Pos::new(lnum + 1, 0);
        self.insert.ai_col = 0;
    }

    /// `<BS>`, `<C-w>`, `<C-u>`; a refused one beeps and is not part of what `.` repeats.
    fn insert_backspace(&mut self, key: Key, erase: Erase) -> Res {
        let start = self.insert.start_orig;
        let lnum = self.cur.line;
        // With backspace= empty: nothing before the insert start, no joining lines.
        let min_col = if lnum == start.line { start.col } else { 0 };
        // After an arrow key nothing can be deleted until a character is typed.
        let in_ai = self.insert.ai_col > 0 && self.cur.col <= self.insert.ai_col;
        if self.insert.arrow_used || self.cur.col <= min_col || self.cur.col == 0 || in_ai {
            return Ok(()); // Vim beeps; typeahead goes on
        }
        self.insert_typed(key);
        self.stop_arrow_saves_line();
        let line = self.line(lnum).to_string();
        let mut col = self.cur.col;
        match erase {
            Erase::Char => col = prev_boundary(&line, col),
            Erase::Line => col = min_col,
            Erase::Word => {
                // Skip blanks, then one run of the same class (Vim's ins_bs BACKSPACE_WORD).
                let mut p = Pos::new(lnum, col);
                while p.col > min_col {
                    let prev = prev_boundary(&line, p.col);
                    if !super::chars::is_blank(line[prev..].chars().next().unwrap_or(' ')) {
                        break;
                    }
                    p.col = prev;
                }
                if p.col > min_col {
                    let prev = prev_boundary(&line, p.col);
                    let class = self.class_at(Pos::new(lnum, prev))?;
                    p.col = prev;
                    while p.col > min_col {
                        let prev = prev_boundary(&line, p.col);
                        if self.class_at(Pos::new(lnum, prev))? != class {
                            break;
                        }
                        p.col = prev;
                    }
                }
                col = p.col;
            }
        }
        let col = col.max(min_col);
        self.begin_followed_change();
        self.save_undo();
        if self.mode == Mode::Replace {
            // Each character erased gets back what it replaced (edit.c replace_do_bs()); the
            // word or line extent is decided on the text as it is now, as Vim's loop does.
            while self.cur.col > col {
                let line = self.line(lnum).to_string();
                let prev = prev_boundary(&line, self.cur.col);
                let l = self.buf.line_mut(lnum);
                match self.insert.replaced.pop() {
                    Some(Some(orig)) => {
                        let mut b = [0u8; 4];
                        l.replace_range(prev..self.cur.col, orig.encode_utf8(&mut b));
                    }
                    Some(None) => l.replace_range(prev..self.cur.col, ""),
                    None => {}
                }
                self.cur.col = prev;
            }
            return Ok(());
        }
        let erased_from = self.cur.col;
        self.buf.line_mut(lnum).replace_range(col..erased_from, "");
        // ins_bs() deletes one character at a time, right to left (del_char()), each
        // reported where it was.
        let mut at = erased_from;
        while at > col {
            at = prev_boundary(&line, at);
            self.changed_at(Pos::new(lnum, at));
        }
        self.end_followed_change();
        self.cur.col = col;
        Ok(())
    }

    /// `<C-r>{reg}`: the register's text is typed into the insert (control characters act).
    fn insert_register(&mut self) -> Res {
        let k = self.getkey()?;
        let Key::Char(name) = k else { return Err(self.unsupported(k, "<C-r> with a special key")) };
        if name == '\x1b' {
            return Ok(());
        }
        if name.is_control() || name == '=' {
            return Err(self.unsupported(k, "<C-r> with this register"));
        }
        if name == '.' {
            return self.type_last_insert(k, false);
        }
        if matches!(name, '%' | '#') {
            // Valid registers in Vim (valid_yank_reg()): the file name and the alternate
            // file name, which the engine does not keep.
            return Err(self.unsupported(k, "<C-r> with the file name register"));
        }
        let Some(reg) = self.regs.read(Some(name)) else { return Ok(()) };
        let mut text = reg.lines.join("\n");
        if reg.kind == super::RegKind::Line {
            text.push('\n');
        }
        let keys: Vec<Key> = text.chars().map(|c| if c == '\n' { Key::NL } else { Key::Char(c) }).collect();
        self.stuff(&keys)
    }

    /// `<C-a>` and `<C-r>.` type the last inserted text again; `<C-@>` does and then leaves
    /// Insert mode (Vim's `stuff_inserted()`).
    fn type_last_insert(&mut self, key: Key, then_escape: bool) -> Res {
        let Some(keys) = self.regs.last_insert_keys.clone() else {
            if then_escape || self.input.nested > 0 {
                // `<C-@>` then leaves Insert mode; inside `:normal` or `:g` the error also
                // ends what runs them (emsg() counts for `:g`): not modelled.
                return Err(self.unsupported(key, "typing the last insert when there is none yet (E29)"));
            }
            // "E29: No inserted text yet": emsg() flushes the keys that were not typed (the
            // rest of a macro or a `.`), and Insert mode goes on.
            self.flush_stuffed();
            return Ok(());
        };
        if keys.contains(&Key::ESC) {
            // stuff_inserted() cuts the text at its last <Esc>.
            return Err(self.unsupported(key, "typing again a last insert that holds an <Esc>"));
        }
        if !then_escape && matches!(keys.last(), Some(Key::Char('0' | '^'))) {
            // A trailing 0 or ^ is typed as <C-v>048 or <C-v>^ (so that it is not read as
            // 0<C-d> or ^<C-d>), which `.` then replays differently; not modelled.
            return Err(self.unsupported(key, "typing again a last insert that ends in 0 or ^"));
        }
        let mut stuffed = keys.to_vec();
        if then_escape {
            stuffed.push(Key::ESC);
        }
        self.stuff(&stuffed)
    }

    /// `<C-o>`: one Normal-mode command, then back to Insert mode.
    fn insert_ctrl_o(&mut self) -> Res {
        // ins_ctrl_o(): `ins_at_eol` is the cursor on the NUL, an empty line's included.
        let at_eol = self.cur.col >= self.cur_line().len();
        self.insert.restart = Some(self.mode);
        self.insert.at_eol = at_eol;
        self.insert.o_line = self.cur.line;
        // curswant is taken where the insert stopped: ins_esc() steps back from the end of
        // the line without asking for a new curswant while restart_edit is set. edit() asks
        // for one before each key only while no arrow key was used (after `<End>` the wanted
        // column stays "end of line").
        if !self.insert.arrow_used {
            self.set_curswant = true;
        }
        self.update_curswant()?;
        // Leaving Insert mode for the command: the cursor steps back only from the end.
        if at_eol && self.cur.col > 0 {
            self.cur.col = prev_boundary(self.cur_line(), self.cur.col);
        }
        self.insert.count = 0;
        self.finish_insert_text();
        self.mode = Mode::Normal;
        Ok(())
    }

    /// Called after the `<C-o>` command: resume the insert.
    pub(crate) fn resume_insert(&mut self, mode: Mode) -> Res {
        self.mode = mode;
        // edit(): validate_virtcol(); update_curswant() — in Insert mode a tab's column is
        // its start. A cursor that wants a column right of where it is (after `<End>` and
        // `j`) goes past the end of the line, like one that was there before the command.
        self.update_curswant()?;
        let wants_right = self.curswant > self.vcol(self.cur.line, self.cur.col)?;
        let line = self.cur_line();
        if ((self.insert.at_eol && self.cur.line == self.insert.o_line) || wants_right) && self.cur.col < line.len() {
            let next = next_boundary(line, self.cur.col);
            if next >= line.len() {
                self.cur.col = next;
            }
        }
        self.insert.at_eol = false;
        self.insert.arrow_used = true;
        self.insert.start = self.cur;
        // edit() starts again: Insstart_orig follows Insstart until the insert moves right.
        self.insert.update_orig = true;
        self.insert.need_undo = true;
        self.insert.save_line_pending = true;
        Ok(())
    }

    /// `<S-Right>`/`<C-Right>` and `<S-Left>`/`<C-Left>` (`ins_s_right()`, `ins_s_left()`):
    /// a word forward as `w` does (across lines) or back as `b` does, ending the insert as an
    /// arrow key does; at the end of the last line, or the start of the first, only a beep.
    fn insert_word_move(&mut self, forward: bool) -> Res {
        let at_edge = if forward {
            self.cur.line == self.last_line() && self.cur.col >= self.cur_line().len()
        } else {
            self.cur.line == 0 && self.cur.col == 0
        };
        if at_edge {
            return Ok(());
        }
        let mut p = self.cur;
        if forward {
            self.fwd_word(&mut p, 1, false, false)?;
        } else {
            self.bck_word(&mut p, 1, false, false)?;
        }
        self.cur = p;
        self.set_curswant = true;
        self.start_arrow();
        Ok(())
    }

    fn insert_arrow(&mut self, s: Special) -> Res {
        let lnum = self.cur.line;
        let line = self.cur_line();
        match s {
            // ins_left() and ins_right(): with 'whichwrap' `[` and `]` on to the end of the line
            // above and the start of the line below.
            Special::Left => {
                if self.cur.col > 0 {
                    self.cur.col = prev_boundary(line, self.cur.col);
                } else if self.options.wraps('[') && lnum > 0 {
                    self.cur = Pos::new(lnum - 1, self.line(lnum - 1).len());
                } else {
                    return Ok(());
                }
                self.set_curswant = true;
            }
            Special::Right => {
                if self.cur.col < line.len() {
                    self.cur.col = next_boundary(line, self.cur.col);
                } else if self.options.wraps(']') && lnum < self.last_line() {
                    self.cur = Pos::new(lnum + 1, 0);
                } else {
                    return Ok(());
                }
                self.set_curswant = true;
            }
            Special::Home => {
                self.cur.col = 0;
                self.set_curswant = true;
            }
            Special::End => {
                self.cur.col = line.len();
                self.curswant = usize::MAX;
                self.set_curswant = false;
            }
            Special::Up | Special::Down => {
                let target = if s == Special::Up { self.line_up(lnum, 1) } else { self.line_down(lnum, 1) };
                let Some(target) = target else { return Ok(()) };
                self.update_curswant()?;
                self.cur.line = target;
                self.cur.col = if self.curswant == usize::MAX {
                    self.line(target).len()
                } else {
                    self.col_for_vcol(target, self.curswant, true)?
                };
            }
            _ => {}
        }
        self.start_arrow();
        Ok(())
    }

    /// Vim's `start_arrow()`: the insert so far is finished; the next key starts a new one.
    fn start_arrow(&mut self) {
        self.insert.save_line_pending = true;
        if !self.insert.arrow_used {
            self.finish_insert_text();
            self.insert.count = 0;
            self.insert.arrow_used = true;
        }
    }

    /// Store what was inserted as the `.` register and as what `.` repeats.
    fn finish_insert_text(&mut self) {
        let mut text = String::new();
        let mut literal = false;
        let mut inexact = false;
        for k in &self.insert.keys {
            match k {
                // ins_eol() records a line break as NL; after <C-v> a CR is itself.
                Key::Char('\r') if !literal => text.push('\n'),
                Key::Char(c) => {
                    inexact |= super::register::escaped_in_typeahead(*c);
                    text.push(*c);
                }
                other => {
                    inexact = true;
                    text.push_str(&crate::keys::format_key(*other));
                }
            }
            literal = *k == Key::Char('\x16') && !literal;
        }
        self.regs.set_last_insert(text, inexact, self.insert.keys.clone());
        let mut keys = self.insert.redo_prefix.clone();
        keys.extend_from_slice(&self.insert.keys);
        keys.push(Key::ESC);
        let (register, count) = (self.insert.redo_register, self.insert.redo_count);
        self.set_redo(register, count, keys);
    }

    /// `<Esc>`: repeat the insert count-1 times, then back to Normal mode with the cursor on
    /// the last inserted character.
    fn insert_escape(&mut self, no_repeat: bool) -> Res {
        if !self.insert.arrow_used {
            if !no_repeat && self.insert.count > 1 {
                self.insert.count -= 1;
                let mut keys = Vec::new();
                if matches!(self.insert.cmdchar, 'o' | 'O') {
                    keys.push(Key::NL);
                }
                keys.extend_from_slice(&self.insert.keys);
                keys.push(Key::ESC);
                // The replayed keys (all but the final <Esc>) are not logged again.
                self.insert.replay_skip = keys.len() - 1;
                return self.stuff(&keys);
            }
            self.finish_insert_text();
        }
        self.mode = Mode::Normal;
        self.insert.last_stop = Some(self.cur);
        // stop_insert(): the inserted text (a block insert then sets `']` again; 'textwidth'
        // may have broken lines as they were typed).
        self.marks.changed = if self.insert.plain && self.visual.block_insert.is_none() && self.options.textwidth == 0 {
            ChangedMarks::set(self.insert.start, self.cur)
        } else {
            ChangedMarks::Unknown
        };
        if self.cur.col > 0 {
            self.cur.col = prev_boundary(self.cur_line(), self.cur.col);
        }
        self.set_curswant = true;
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Erase {
    Char,
    Word,
    Line,
}

// ----- the handlers of the Insert table -----

/// `<C-]>` only expands an abbreviation (checked before the key is handled); it is never
/// inserted.
fn ins_abbreviation_only(_vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    Ok(())
}

fn ins_escape(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    vim.insert_escape(false)?;
    if vim.mode == Mode::Normal {
        vim.finish_block_insert()?;
    }
    Ok(())
}

/// `<C-\><C-n>` and `<C-\><C-g>` leave without the count's repeat; nothing else is modelled.
fn ins_ctrl_backslash(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    let next = vim.getkey()?;
    if next == Key::Char('\x0e') || next == Key::Char('\x07') {
        vim.insert.count = 0;
        vim.insert_escape(true)
    } else {
        Err(vim.unsupported(next, "<C-\\> followed by this key in Insert mode"))
    }
}

fn ins_newline(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    // In Replace mode too a line break replaces nothing (edit.c ins_eol(): "strange Vi
    // behaviour"), and with backspace= empty <BS> cannot go back over it.
    vim.insert_typed(cmd.key);
    vim.insert_newline();
    Ok(())
}

fn ins_backspace(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.insert_backspace(cmd.key, Erase::Char)
}

fn ins_backspace_word(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.insert_backspace(cmd.key, Erase::Word)
}

fn ins_backspace_line(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.insert_backspace(cmd.key, Erase::Line)
}

fn ins_del(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    // ins_del() ends the arrow movement and goes into the redo buffer even when it only
    // beeps.
    vim.insert_typed(cmd.key);
    let line = vim.cur_line();
    if vim.cur.col >= line.len() {
        return Ok(()); // backspace= has no eol: Vim beeps, nothing joins
    }
    let end = next_boundary(line, vim.cur.col);
    vim.begin_followed_change();
    vim.save_undo();
    vim.buf.line_mut(vim.cur.line).replace_range(vim.cur.col..end, "");
    // del_char(): reported where the character was.
    vim.changed_at(vim.cur);
    vim.end_followed_change();
    Ok(())
}

fn ins_tab(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.insert_typed(cmd.key);
    vim.insert_char('\t')
}

fn ins_register(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    vim.insert_register()
}

fn ins_type_last(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.type_last_insert(cmd.key, false)
}

fn ins_type_last_and_leave(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.type_last_insert(cmd.key, true)
}

fn ins_ctrl_o(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    vim.insert_ctrl_o()
}

fn ins_literal(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    let next = vim.getkey()?;
    match next {
        // <C-v><NL> inserts a NUL (Vim's in-memory NL), not modelled.
        Key::Char(c) if !c.is_ascii_digit() && !matches!(c, 'x' | 'X' | 'u' | 'U' | 'o' | 'O' | '\n') => {
            vim.insert_typed_literally(c);
            vim.insert_char_not_typed(c)
        }
        _ => Err(vim.unsupported(next, "<C-v> with a code or special key")),
    }
}

fn ins_digraph(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    // ins_digraph(): two keys, not mapped; <Esc> at either cancels (and is used up); the
    // character then goes in as after CTRL-V (so `.` types it again literally).
    let Some(c) = vim.read_digraph(cmd.key)? else { return Ok(()) };
    vim.insert_typed_literally(c);
    vim.insert_char_not_typed(c)
}

fn ins_copied_char(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.insert_copied_char(cmd.key)
}

fn ins_shift(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.insert_shift(cmd.key)
}

fn ins_ctrl_g(vim: &mut Vim, _cmd: &mut Cmd) -> Res {
    vim.insert_ctrl_g()
}

fn ins_arrow(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    match cmd.key {
        Key::Special(s) => vim.insert_arrow(s),
        _ => Err(vim.unsupported(cmd.key, "this key in Insert mode")),
    }
}

fn ins_word_move(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    if vim.options.start_select_keys() {
        // ins_start_select(): the shifted keys start Select mode.
        return Err(vim.unsupported(cmd.key, "a shifted key in Insert mode with 'keymodel' startsel"));
    }
    let forward = matches!(cmd.key, Key::Special(Special::Shifted(Shiftable::Right) | Special::CtrlRight));
    vim.insert_word_move(forward)
}

fn ins_toggle_replace(vim: &mut Vim, cmd: &mut Cmd) -> Res {
    vim.insert_typed(cmd.key);
    vim.mode = if vim.mode == Mode::Insert { Mode::Replace } else { Mode::Insert };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testing::check;

    #[test]
    fn typing_and_leaving() {
        check("aˇbc", "iX", "aXˇbc");
        check("aˇbc", "iX<Esc>", "aˇXbc");
        check("abˇc", "aX<Esc>", "abcˇX");
        check("ˇab", "3ix<Esc>", "xxˇxab");
        check("ˇab", "ox<CR>y<Esc>", "ab\nx\nˇy");
        check("ˇx", "iab<C-w>", "ˇx");
        check("aˇb", "R12<Esc>", "a1ˇ2");
    }
}
