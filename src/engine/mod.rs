//! The emulator: a faithful model of Vim 9.0 under the contract in `design.md`.
//!
//! Keys go through a typeahead queue exactly as in Vim: typed keys (the program and the
//! contract's closing `<Esc><C-\><C-N>:wq<CR>`) and stuffed keys (macros, `.`). Commands pull
//! keys as they need them. An undo block closes whenever a typed key is read outside Insert
//! and Command-line mode; a failing command beeps and drops the stuffed keys still queued
//! (the rest of a macro) while typed keys go on. Anything not modelled is
//! [`Error::Unsupported`], never a guess.

mod block;
mod buffer;
mod casemap;
mod changelist;
mod chars;
mod digraph;
mod digraph_table;
mod cmdline;
mod command;
mod ex;
mod format;
mod increment;
mod insert;
mod abbrev;
mod mapping;
mod markmove;
mod matchpair;
mod motion;
mod normal;
mod operator;
mod options;
pub mod regex;
mod register;
mod screen;
mod search;
mod select;
mod table;
mod tagblock;
#[cfg(test)]
mod testing;
mod textobject;
mod undo;
mod visual;
mod vim_unicode;

pub use buffer::Buffer;
/// Display cells of a character at a virtual column (`tabstop=8`); `None` for a character
/// whose width in Vim is not vouched for (screen drawing refuses it).
pub use chars::cells as display_cells;
pub use command::CommandInfo;
pub use register::{RegKind, Register};
pub use table::{command_table, command_table_markdown};
pub(crate) use visual::MAXCOL;

use std::collections::VecDeque;

use crate::keys::{format_key, Key};
use register::Registers;
use undo::UndoList;

/// Why a program has no result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// The engine does not model this key in this state; real Vim must judge the record.
    #[error("unsupported: {key} at key {position}: {reason}")]
    Unsupported { key: String, position: usize, reason: String, feature: Feature },
    /// A bound on counts, steps or text size was exceeded.
    #[error("limit exceeded: {limit} at key {position}")]
    LimitExceeded { limit: &'static str, position: usize },
    /// Real Vim gives no result for this program (it needs a terminal, or never finishes).
    #[error("no result: {0}")]
    NoResult(String),
}

impl Error {
    /// Short machine-readable kind for JSON reports.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Unsupported { .. } => "unsupported",
            Error::LimitExceeded { .. } => "limit",
            Error::NoResult(_) => "no-result",
        }
    }
}

impl Error {
    /// For a refusal, the family of Vim features it belongs to.
    pub fn feature(&self) -> Option<&Feature> {
        match self {
            Error::Unsupported { feature, .. } => Some(feature),
            _ => None,
        }
    }
}

/// The family of Vim features a refusal is about, so that a dataset builder can count what
/// keeps records from the emulator (`validate` prints refusals by feature).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Feature {
    /// A Normal-mode command, or the argument it reads.
    NormalCommand,
    /// A key typed in Insert or Replace mode.
    InsertKey,
    /// Visual mode (`v`, `V`, `<C-v>`) and what runs on a selection.
    Visual,
    /// Editing on the command line (`:`, `/`, `?`).
    CommandLine,
    /// An ex command, by its full name.
    ExCommand(String),
    /// An item of Vim's pattern language.
    Regex,
    /// Characters in the text whose width or class Vim takes from tables the engine does not
    /// model (emoji, composing characters).
    Text,
    /// Using a key mapping (`:map`).
    Mapping,
}

impl std::fmt::Display for Feature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Feature::NormalCommand => f.write_str("normal"),
            Feature::InsertKey => f.write_str("insert"),
            Feature::Visual => f.write_str("visual"),
            Feature::CommandLine => f.write_str("command-line"),
            Feature::ExCommand(name) => write!(f, "ex :{name}"),
            Feature::Regex => f.write_str("regex"),
            Feature::Text => f.write_str("text"),
            Feature::Mapping => f.write_str("mapping"),
        }
    }
}

/// Bounds on one program's work.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Keys processed, including keys replayed by macros and `.`.
    pub max_steps: usize,
    /// Bytes in the buffer.
    pub max_text: usize,
    /// Nesting of macros and `.` within one another.
    pub max_depth: usize,
    /// Lines moved by line insertions and deletions (`Buffer::line_moves`): the work that
    /// steps do not bound, since one step can move every line of the buffer.
    pub max_line_moves: u64,
    /// Bytes copied, moved or compared by changes, undo and writes (`Buffer::work`): what
    /// steps and line moves do not bound, since one step can rewrite an 8 MB line.
    pub max_work: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { max_steps: 1_000_000, max_text: 16 << 20, max_depth: 100, max_line_moves: 1 << 29, max_work: 1 << 31 }
    }
}

/// A position: line (0-based) and byte column (0-based).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

impl Pos {
    pub const fn new(line: usize, col: usize) -> Pos {
        Pos { line, col }
    }
}

/// The editor mode after the keys fed so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Insert,
    Replace,
    Visual,
    VisualLine,
    VisualBlock,
    CommandLine,
    OperatorPending,
}

/// A key waiting to be read, and whether a person typed it (as opposed to a macro or `.`).
#[derive(Clone, Copy, Debug)]
struct Queued {
    key: Key,
    origin: Origin,
    /// The key's index in the program, for error positions (stuffed keys carry the index of
    /// the key that stuffed them).
    index: usize,
    /// Not to be mapped: from a `:noremap` mapping, the first key of a replacement that
    /// starts with its own keys, or from `:normal!`.
    noremap: bool,
    /// Order of queueing: the run loop tells the keys that were waiting when a command began
    /// from the keys the command queued itself.
    seq: u64,
}

/// Where a queued key comes from: Vim reads the stuff buffer (`.`, `x` as `dl`, `<C-r>` in
/// Insert mode) before the typeahead buffer (typed keys and macros).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Origin {
    Typed,
    Stuffed,
    Redo,
    Macro,
    /// The keys of a nested run (ex `:normal`): not typed, and the run ends where they end.
    Nested,
    /// The replacement of a mapping: not typed.
    Mapped,
}

/// How a command ends when it does not simply succeed.
#[derive(Debug)]
pub(crate) enum Flow {
    /// Vim beeps: the pending operator is cleared and stuffed typeahead is dropped.
    Fail,
    /// The record has no emulated result.
    Fatal(Error),
    /// Vim quit (`:wq`, `ZZ`, `:q!`).
    Quit,
    /// The command needs more keys than have been typed so far.
    NeedInput,
}

pub(crate) type Res<T = ()> = Result<T, Flow>;

/// The closing keys of the contract: `<Esc><C-\><C-N>:wq<CR>`.
const EPILOGUE: [Key; 7] = [
    Key::ESC,
    Key::Char('\x1c'),
    Key::Char('\x0e'),
    Key::Char(':'),
    Key::Char('w'),
    Key::Char('q'),
    Key::CR,
];

/// An embedded Vim: a buffer and the editor state around it.
///
/// ```
/// use vimdata::Vim;
/// let vim = Vim::new("hello world").keys("ciwbye<Esc>").unwrap();
/// assert_eq!(vim.text(), "bye world\n");
/// ```
#[derive(Clone, Debug)]
pub struct Vim {
    pub(crate) buf: Buffer,
    pub(crate) cur: Pos,
    /// Vim's `w_curswant`: the screen column vertical motions aim for.
    pub(crate) curswant: usize,
    /// Recompute `curswant` from the cursor before the next vertical motion.
    pub(crate) set_curswant: bool,
    pub(crate) mode: Mode,
    pub(crate) regs: Registers,
    pub(crate) undo: UndoList,
    /// The line `U` puts back.
    pub(crate) uline: undo::SavedLine,
    /// The command running now saved for undo as Vim does and kept [`Vim::uline`] as Vim
    /// keeps it; a change by any other command makes that unknown.
    pub(crate) uline_checked: bool,
    /// The keys `.` replays, with their count and register split off.
    pub(crate) redo: Option<command::Redo>,
    /// The last `f`/`F`/`t`/`T`: (command, character).
    pub(crate) last_find: Option<(char, char)>,
    /// Register being recorded into with `q`, and the keys so far.
    pub(crate) recording: Option<(char, Vec<Key>)>,
    pub(crate) last_macro: Option<char>,
    pub(crate) insert: insert::InsertState,
    pub(crate) marks: markmove::Marks,
    /// What `n` and `N` repeat.
    pub(crate) last_search: Option<search::LastSearch>,
    /// Vim's `spats[RE_SEARCH]`, kept apart from the last pattern used: `:s` sets only the
    /// substitute pattern, and `\/`/`\?` addresses search for this one (pattern, 'magic'
    /// when given, smartcase off).
    pub(crate) search_slot: Option<(String, bool, bool)>,
    /// The ex command line's state (last substitute, `:g`, messages).
    pub(crate) ex: ex::ExState,
    /// Commands that failed so far (`:g` needs to know when a Normal command inside it did).
    pub(crate) fails: u64,
    pub(crate) limits: Limits,
    /// Option values (`:set`).
    pub(crate) options: options::Options,
    /// Visual mode: the other end of the selection, and the last selection.
    pub(crate) visual: visual::VisualState,
    /// Which lines the window shows, while the engine knows (`H`, `M`, `L`, `<C-d>`).
    pub(crate) screen: screen::Screen,
    /// `:map` and friends.
    pub(crate) mappings: mapping::Mappings,
    /// The keys waiting to be read and how they are read.
    pub(crate) input: Typeahead,
    /// The Normal-mode command being read or run.
    pub(crate) command: CommandState,
    /// The file on disk; quitting.
    pub(crate) file: FileState,
}

/// The keys waiting to be read and how they are read (Vim's typeahead and stuff buffers,
/// `vgetorpeek()`'s state), and the count of steps the limits bound.
#[derive(Clone, Debug)]
pub(crate) struct Typeahead {
    queue: VecDeque<Queued>,
    /// Index of the key being processed.
    pub(crate) key_index: usize,
    next_index: usize,
    pub(crate) steps: usize,
    /// Macro executions so far (bounded by the step limit).
    pub(crate) depth: usize,
    /// Vim's `typebuf.tb_no_abbr_cnt`: bytes of typeahead read from now on that check no
    /// abbreviation (see [`abbrev`]).
    pub(crate) abbr_blocked: usize,
    last_origin: Origin,
    /// Vim's `KeyTyped`: the key just read was typed, or stuffed by a command whose key was
    /// (vgetorpeek() leaves it as it was for keys from the stuff buffer: `&` typed runs its
    /// `:s` as typed).
    key_typed: bool,
    /// No keys will follow the queued ones (the contract's closing keys are queued).
    final_input: bool,
    /// The index of the first closing key when [`apply`] queued them after the program.
    epilogue_at: Option<usize>,
    /// The `seq` the next queued key gets.
    next_seq: u64,
    /// While a command may be rolled back: the keys it took from the queue that were there
    /// when it began (keys with a `seq` below the bound), to queue again.
    consumed: Option<(u64, Vec<Queued>)>,
    /// Nested runs in progress (ex `:normal`): with the queue empty they read `<Esc>`.
    nested: usize,
    /// The keys read by the current command, while an observer watches.
    observed_keys: Option<Vec<Key>>,
    /// The key just read may not be mapped (kept when it is put back).
    last_noremap: bool,
    /// A mapping still waiting for keys when the queue runs out takes what has fully matched,
    /// as Vim does when 'timeout' passes, or when the state dump's `<Cmd>` key (which no
    /// mapping has) comes next.
    pub(crate) mapping_timeout: bool,
}

/// The Normal-mode command being read or run: its pending operator (Vim's `oparg_T`), its
/// keys for `.`, and the flags `do_pending_operator()` reads.
#[derive(Clone, Debug)]
pub(crate) struct CommandState {
    pub(crate) pending: Option<command::OpArg>,
    /// Keys a motion read after its command (a search pattern and its <CR>): `.` types them
    /// again after the operator.
    pub(crate) motion_keys: Vec<Key>,
    /// Keys of the Normal-mode command being run (for `.`).
    pub(crate) cmd_keys: command::CmdKeys,
    /// Vim's `use_reg_one`: deletes with `%`, `(`, `)`, `` ` ``, `/`, `?`, `n`, `N`, `{`, `}`.
    pub(crate) use_reg_one: bool,
    /// The operator being run had its motion forced (`o_v`, `o_V`): Vi's rule that makes a
    /// multi-line charwise delete linewise does not apply.
    pub(crate) op_forced: bool,
    /// `use_reg_one` left set by an operator's `` ` `` to an unset mark (nv_cursormark()
    /// sets it after clearing the operator): the next delete fills "1 unless a command that
    /// clears the operator state runs first. `None`: not set; `Some(false)`: a command ran
    /// whose effect on it is not modelled.
    pub(crate) reg_one_leak: Option<bool>,
    /// The current command set `reg_one_leak` (a `` ` `` to an unset mark under an operator).
    pub(crate) reg_one_leak_fresh: bool,
    /// `normal_cmd()`'s `old_col`: the wanted column when the command began, kept only
    /// without 'startofline' (see [`Vim::note_old_col`]).
    pub(crate) old_col: usize,
    /// The delete being run was made linewise by Vi's rule (see `op_delete`).
    pub(crate) delete_made_linewise: bool,
}

/// The file on disk and whether the editor has quit: what `:w`, `:q`, `ZZ` and 'modified' read.
#[derive(Clone, Debug)]
pub(crate) struct FileState {
    /// What is on disk: the source until a `:w`.
    pub(crate) disk: Vec<u8>,
    pub(crate) quit: bool,
    /// Lines as last written, for 'modified'; `None` until a write (then `disk` is the file
    /// as read).
    pub(crate) saved_lines: Option<(Vec<String>, bool)>,
    /// `Buffer::changes` at the last write: a write with no change since has nothing new to
    /// copy (a macro that writes forever would otherwise copy the whole text each time).
    pub(crate) saved_changes: u64,
    /// A command marked Vim's buffer modified and left the text as it was (a shift of
    /// lines with no indent to take): `:q`, `ZZ` and `:x` then cannot go by the text.
    pub(crate) changed_unchanged: bool,
}

/// Sees the editor after every command: a recorder or screen renderer.
pub trait Observer {
    /// A command ran (in Insert mode: one key); `keys` are the keys it read, and `vim` is
    /// the state after it. A command cut short by the end of the keys is not reported: it
    /// runs again, from its first key, at the next [`Vim::feed_observed`].
    fn command(&mut self, vim: &Vim, keys: &[Key]);
}

/// How one step of the run loop ended.
enum Step {
    /// A command ran (or beeped), or Vim quit.
    Done,
    /// The command needs keys that have not been typed yet.
    NeedInput,
}

/// The state before a command, for putting back a command cut short by the end of the keys
/// ([`Vim::feed`] with more keys to come). It holds copies of the small fields only; the
/// large ones (the text, undo, the queue, the recording) are checked unchanged, or changed
/// only by appending, and put back by truncating.
struct Checkpoint {
    /// The editor with the large fields left empty.
    small: Box<Vim>,
    text_changes: u64,
    undo: undo::Shape,
    undo_pending_close: bool,
    recording_len: usize,
    insert_keys_len: usize,
    insert_replaced_len: usize,
    disk_len: usize,
}

/// The large fields of [`Vim`], moved out while the small ones are copied.
struct Large {
    text: buffer::Storage,
    undo: UndoList,
    queue: VecDeque<Queued>,
    disk: Vec<u8>,
    saved_lines: Option<(Vec<String>, bool)>,
    recording: Vec<Key>,
    insert_keys: Vec<Key>,
    insert_replaced: Vec<Option<char>>,
    observed_keys: Option<Vec<Key>>,
}

impl Vim {
    /// A Vim editing `text` as a file's contents (Vim's read rules apply).
    pub fn new(text: &str) -> Vim {
        Vim::from_bytes(text.as_bytes())
    }

    /// A Vim editing a file with these bytes.
    pub fn from_bytes(bytes: &[u8]) -> Vim {
        Vim::with_buffer(Buffer::from_bytes(bytes), bytes)
    }

    /// A Vim editing `buf`, read from the file `bytes`.
    fn with_buffer(buf: Buffer, bytes: &[u8]) -> Vim {
        let mut vim = Vim {
            buf,
            cur: Pos::default(),
            curswant: 0,
            set_curswant: true,
            mode: Mode::Normal,
            regs: Registers::default(),
            undo: UndoList::default(),
            uline: undo::SavedLine::None,
            uline_checked: false,
            redo: None,
            last_find: None,
            recording: None,
            last_macro: None,
            insert: insert::InsertState::default(),
            marks: markmove::Marks::default(),
            last_search: None,
            search_slot: None,
            ex: ex::ExState::default(),
            fails: 0,
            limits: Limits::default(),
            options: options::Options::default(),
            visual: visual::VisualState::default(),
            screen: screen::Screen::default(),
            mappings: mapping::Mappings::default(),

            input: Typeahead {
                    queue: VecDeque::new(),
                    key_index: 0,
                    next_index: 0,
                    steps: 0,
                    depth: 0,
                    abbr_blocked: 0,
                    last_origin: Origin::Typed,
                    key_typed: true,
                    final_input: false,
                    epilogue_at: None,
                    next_seq: 0,
                    consumed: None,
                    nested: 0,
                    observed_keys: None,
                    last_noremap: false,
                    mapping_timeout: false,
            },
            command: CommandState {
                    pending: None,
                    motion_keys: Vec::new(),
                    cmd_keys: command::CmdKeys::new(&[]),
                    use_reg_one: false,
                    op_forced: false,
                    reg_one_leak: None,
                    reg_one_leak_fresh: false,
                    old_col: 0,
                    delete_made_linewise: false,
            },
            file: FileState {
                    disk: bytes.to_vec(),
                    quit: false,
                    saved_lines: None,
                    saved_changes: 0,
                    changed_unchanged: false,
            },
        };
        // The contract's start: line 1, first non-blank.
        // Vim starts on the first non-blank of line 1 — on its last blank when it has none.
        let len = vim.line(0).len();
        vim.cur.col = vim.first_nonblank(0).min(len.saturating_sub(1));
        // Reading the file set `''` to line 1, column 0, and placing the cursor set it again
        // (measured): `''` is the start, and the first command that leaves the cursor there
        // puts line 1, column 0 back (checkpcmark()).
        vim.marks.previous = Some(markmove::Mark { pos: vim.cur, line_edits: vim.buf.line_edits });
        // Only the second was setpcmark() (main.c); the first set w_pcmark directly.
        vim.marks.jumps = vec![markmove::Mark { pos: vim.cur, line_edits: vim.buf.line_edits }];
        vim.marks.jump_idx = 1;
        vim.marks.prev_pcmark = Some(markmove::Mark { pos: Pos::new(0, 0), line_edits: vim.buf.line_edits });
        vim.marks.changed = markmove::ChangedMarks::after_reading(if vim.buf.empty { 0 } else { vim.buf.line_count() });
        vim.start_change_list();
        vim
    }

    /// Replace the default limits.
    pub fn with_limits(mut self, limits: Limits) -> Vim {
        self.limits = limits;
        self
    }

    /// Type keys written in Vim notation; chainable.
    pub fn keys(mut self, notation: &str) -> Result<Vim, Error> {
        self.feed(&crate::keys::parse_notation(notation))?;
        Ok(self)
    }

    /// Type keys. Processing stops when the queue is empty or Vim quits; a command the keys
    /// leave unfinished waits for the next `feed`.
    pub fn feed(&mut self, keys: &[Key]) -> Result<(), Error> {
        self.queue_typed(keys);
        self.run(None)
    }

    /// [`Vim::feed`], showing `observer` the state after every command.
    pub fn feed_observed(&mut self, keys: &[Key], observer: &mut dyn Observer) -> Result<(), Error> {
        self.queue_typed(keys);
        self.run(Some(observer))
    }

    /// Queue keys as typed, to run at the next [`feed`](Vim::feed).
    fn queue_typed(&mut self, keys: &[Key]) {
        for key in keys {
            let seq = self.take_seq();
            self.input.queue.push_back(Queued { key: *key, origin: Origin::Typed, index: self.input.next_index, seq, noremap: false });
            self.input.next_index += 1;
        }
    }

    fn take_seq(&mut self) -> u64 {
        self.input.next_seq += 1;
        self.input.next_seq
    }

    /// The buffer as Vim would write it, as text (`fileformat` line endings included).
    pub fn text(&self) -> String {
        match self.buf.to_bytes() {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(_) => self.buf.lines().join("\n") + "\n",
        }
    }

    /// The lines of the buffer.
    pub fn lines(&self) -> &[String] {
        self.buf.lines()
    }

    /// The cursor: line (0-based) and byte column.
    pub fn cursor(&self) -> Pos {
        self.cur
    }

    pub fn mode(&self) -> Mode {
        if self.command.pending.is_some() && self.mode == Mode::Normal {
            Mode::OperatorPending
        } else {
            self.mode
        }
    }

    /// The mode as Vim's `mode(1)` names it: `n`, `no` (operator pending), `niI`/`niR` (a
    /// command after `<C-o>`), `i`, `R`, `v`, `V`, `^V` (the byte 0x16), `s`, `S`, `^S` (Select
    /// mode; `vs` for the Visual-mode command after `<C-o>` in it), `c`.
    pub fn mode_code(&self) -> &'static str {
        match (self.mode(), self.insert.restart) {
            (Mode::Normal, Some(Mode::Insert)) => "niI",
            (Mode::Normal, Some(Mode::Replace)) => "niR",
            (Mode::OperatorPending, Some(Mode::Insert)) => "noI",
            (Mode::Normal, _) => "n",
            (Mode::OperatorPending, _) => "no",
            (Mode::Insert, _) => "i",
            (Mode::Replace, _) => "R",
            (Mode::Visual, _) if self.visual.select => "s",
            (Mode::VisualLine, _) if self.visual.select => "S",
            (Mode::VisualBlock, _) if self.visual.select => "\u{13}",
            (Mode::Visual, _) if self.visual.restart_select => "vs",
            (Mode::VisualLine, _) if self.visual.restart_select => "Vs",
            (Mode::VisualBlock, _) if self.visual.restart_select => "\u{16}s",
            (Mode::Visual, _) => "v",
            (Mode::VisualLine, _) => "V",
            (Mode::VisualBlock, _) => "\u{16}",
            (Mode::CommandLine, _) => "c",
        }
    }

    /// A register's contents (`"`, `0`-`9`, `a`-`z`, `-`, `.`, `:`).
    pub fn register(&self, name: char) -> Option<Register> {
        self.regs.get(name, self)
    }

    /// Is [`Vim::register`] the bytes Vim has? Not for `".` after typing special keys or
    /// characters with a byte 0x80, which Vim keeps escaped.
    pub fn register_is_known(&self, name: char) -> bool {
        name != '.' || !self.regs.last_insert_inexact
    }

    /// A mark's position: `a`-`z`, or `'` (the position before the latest jump), as it was
    /// set; see [`Vim::mark_is_known`].
    pub fn mark(&self, name: char) -> Option<Pos> {
        if matches!(name, '[' | ']') {
            return self.marks.changed.get(name).flatten();
        }
        if name == '.' {
            return self.last_change().flatten();
        }
        match self.mark_now(self.mark_entry(name)?, markmove::OnDelete::of_named(name)) {
            markmove::MarkAt::At(pos) => Some(pos),
            markmove::MarkAt::Deleted => None,
            markmove::MarkAt::Unknown => self.mark_entry(name).map(|m| m.pos),
        }
    }

    /// Is [`Vim::mark`] where Vim has the mark? Not when lines changed in a way the engine
    /// does not follow since it was set (it refuses to jump to such a mark).
    pub fn mark_is_known(&self, name: char) -> bool {
        if matches!(name, '[' | ']') {
            return self.marks.changed.get(name).is_some();
        }
        if name == '.' {
            return self.last_change().is_some();
        }
        self.mark_entry(name).map_or(true, |m| self.mark_now(m, markmove::OnDelete::Forget) != markmove::MarkAt::Unknown)
    }

    fn mark_entry(&self, name: char) -> Option<markmove::Mark> {
        match name {
            'a'..='z' | 'A'..='Z' => self.marks.named(name),
            '\'' | '`' => self.marks.previous,
            '<' | '>' => self.visual_mark(name),
            _ => None,
        }
    }

    /// The register a macro is being recorded into (`q{reg}` ... `q`), if any.
    pub fn recording(&self) -> Option<char> {
        self.recording.as_ref().map(|(name, _)| *name)
    }

    /// Keys typed but not yet run: the start of a command that waits for more keys (`d2`,
    /// `:s/a`, `fx` before the `x` ...), as Vim holds them while it waits.
    pub fn pending_keys(&self) -> Vec<Key> {
        self.input.queue.iter().map(|q| q.key).collect()
    }

    /// Did the program quit Vim (`:wq`, `ZZ`, `:q!`)?
    pub fn has_quit(&self) -> bool {
        self.file.quit
    }

    /// The contract's result: type the closing `<Esc><C-\><C-N>:wq<CR>` (unless the program
    /// quit already) and return the bytes on disk.
    pub fn finish(mut self) -> Result<Vec<u8>, Error> {
        if !self.file.quit {
            self.input.final_input = true;
            // The same closing keys as `apply` queues, judged the same way (in plain Normal
            // mode they only write the buffer).
            self.input.epilogue_at = Some(self.input.next_index);
            self.feed(&EPILOGUE)?;
        }
        if !self.file.quit {
            return Err(Error::NoResult(
                "Vim is still running after the closing :wq (it would wait for input and exit 1)".into(),
            ));
        }
        Ok(self.file.disk)
    }

    /// Is exactly the contract's closing keys left, in Normal mode with nothing pending?
    fn at_plain_epilogue(&self) -> bool {
        self.input.epilogue_at.is_some_and(|at| {
            self.input.queue.len() == EPILOGUE.len()
                && self.input.queue.front().is_some_and(|q| q.index == at && q.origin == Origin::Typed)
                && self.mode == Mode::Normal
                && self.command.pending.is_none()
                && self.insert.restart.is_none()
                // A mapping may give the closing keys another meaning.
                && self.mappings.is_empty()
        })
    }

    /// Process the queue until it is empty or Vim quits. A command cut short by the end of
    /// the keys is rolled back, its keys queued again, and waits for the next [`Vim::feed`].
    fn run(&mut self, mut observer: Option<&mut dyn Observer>) -> Result<(), Error> {
        while !self.file.quit && !self.input.queue.is_empty() {
            if self.at_plain_epilogue() {
                // `<Esc>` beeps, `<C-\><C-N>` does nothing and `:wq` writes: in plain Normal
                // mode the closing keys only write the buffer.
                self.file.disk = self.buf.to_bytes()?;
                self.file.quit = true;
                return Ok(());
            }
            let checkpoint = if self.input.final_input { None } else { Some(self.checkpoint()) };
            if observer.is_some() {
                self.input.observed_keys = Some(Vec::new());
            }
            let step = self.step();
            let consumed = self.input.consumed.take().map(|(_, keys)| keys).unwrap_or_default();
            match step? {
                Step::Done => {
                    if let (Some(observer), Some(keys)) = (observer.as_deref_mut(), self.input.observed_keys.take()) {
                        observer.command(self, &keys);
                    }
                }
                Step::NeedInput => {
                    return match checkpoint {
                        Some(checkpoint) => self.roll_back(checkpoint, consumed),
                        None => Err(Error::NoResult(
                            "Vim waits for more input after the program and the closing :wq (it would exit 1)".into(),
                        )),
                    };
                }
            }
        }
        Ok(())
    }

    /// Run one Normal-mode command, or one key in Insert mode (Vim's `normal_cmd()` or one
    /// round of `edit()`'s loop), with what Vim does after it.
    fn step(&mut self) -> Result<Step, Error> {
        // `<C-o>` resumes Insert mode after the one command it runs, not after itself.
        let ran_command = !matches!(self.mode, Mode::Insert | Mode::Replace);
        // Whether the command kept the line for `U` as Vim does (only a program that can
        // reach the undo list can type `U`).
        let watch = (!self.undo.is_off()).then(|| {
            self.uline_checked = false;
            (self.buf.changes, self.undo.saves)
        });
        let result = match self.mode {
            Mode::Insert | Mode::Replace => self.insert_step(),
            Mode::Visual | Mode::VisualLine | Mode::VisualBlock => self.visual_command(),
            _ if self.ex.hit_enter_pending => cmdline::hit_enter(self),
            _ => {
                let had_pending = self.command.pending.is_some();
                let result = self.normal_command();
                if self.command.reg_one_leak.is_some() {
                    if had_pending && matches!(result, Err(Flow::Fail)) && !self.command.reg_one_leak_fresh {
                        // clearopbeep() of a failed motion clears oap->use_reg_one too.
                        self.command.reg_one_leak = None;
                    }
                    self.command.reg_one_leak_fresh = false;
                }
                result
            }
        };
        if let Some((changes, saves)) = watch {
            if (self.buf.changes != changes || self.undo.saves != saves) && !self.uline_checked {
                self.uline = undo::SavedLine::Unknown;
            }
            self.uline_checked = false;
        }
        if let Err(Flow::Fail) = result {
            // clearopbeep() inside the command: the operator is gone and the keys not typed
            // are flushed before normal_cmd() ends (and may restart edit() after `<C-o>`).
            self.fails += 1;
            self.beep();
        }
        if self.mode == Mode::Normal && self.command.pending.is_none() && !matches!(result, Err(Flow::Fatal(_) | Flow::Quit | Flow::NeedInput)) {
            // normal_cmd() restarts edit() only once the stuff buffer is empty (`x` is `dl`).
            let stuff_empty = !matches!(self.input.queue.front(), Some(q) if matches!(q.origin, Origin::Stuffed | Origin::Redo));
            if ran_command && stuff_empty {
                if let Some(mode) = self.insert.restart.take() {
                    match self.resume_insert(mode) {
                        Err(Flow::Fatal(e)) => return Err(e),
                        Err(_) => return Err(self.unsupported_here("resuming Insert mode after <C-o>")),
                        Ok(()) => {}
                    }
                }
            }
            if self.mode == Mode::Normal {
                self.clamp_cursor();
            }
        }
        if matches!(self.mode, Mode::Normal | Mode::Visual | Mode::VisualLine | Mode::VisualBlock) && matches!(result, Ok(()) | Err(Flow::Fail)) {
            // The end of a Normal-mode command (an insert it started included).
            self.checkpcmark();
        }
        match result {
            Ok(()) | Err(Flow::Fail) => {}
            Err(Flow::Quit) => self.file.quit = true,
            Err(Flow::Fatal(e)) => return Err(e),
            Err(Flow::NeedInput) => return Ok(Step::NeedInput),
        }
        self.confirm_window();
        Ok(Step::Done)
    }

    /// Run keys to the end inside the running command, as ex `:normal` does
    /// (`exec_normal_cmd()`): they are not typed; a failing command drops the rest of them;
    /// a command they leave unfinished reads `<Esc>` (`<C-c>` on the command line) and is
    /// aborted. The keys queued before them wait until they are done.
    /// With `remap` false (`:normal!`) mappings do not apply to them.
    pub(crate) fn run_nested(&mut self, keys: &[Key], remap: bool) -> Res {
        if self.input.nested >= self.limits.max_depth {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "nesting depth", position: self.input.key_index }));
        }
        let index = self.input.key_index;
        let mut nested = VecDeque::with_capacity(keys.len());
        for &key in keys {
            let seq = self.take_seq();
            nested.push_back(Queued { key, origin: Origin::Nested, index, seq, noremap: !remap });
        }
        let outer = std::mem::replace(&mut self.input.queue, nested);
        // The unfinished command of the outer run is not this run's to roll back.
        let outer_consumed = self.input.consumed.take();
        // exec_normal() runs the keys with an operator argument of its own.
        let outer_op_vcols = std::mem::take(&mut self.visual.op_vcols);
        self.input.nested += 1;
        let result = loop {
            // Visual mode is not a command in progress: exec_normal() stops when the keys are
            // used up and the selection stays (`:normal Vjj` then `x` deletes three lines).
            let in_mode = matches!(self.mode, Mode::Normal | Mode::Visual | Mode::VisualLine | Mode::VisualBlock);
            let unfinished = self.command.pending.is_some() || !in_mode || self.insert.restart.is_some();
            if self.file.quit || (self.input.queue.is_empty() && !unfinished) {
                break Ok(());
            }
            match self.step() {
                Ok(Step::Done) => {}
                // The queue never runs dry here: it reads <Esc> instead.
                Ok(Step::NeedInput) => break Err(self.unsupported_here("a nested run waiting for input")),
                Err(e) => break Err(e),
            }
        };
        self.input.nested -= 1;
        self.visual.op_vcols = outer_op_vcols;
        self.input.consumed = outer_consumed;
        self.input.queue = outer;
        result.map_err(Flow::Fatal)
    }

    /// Copy the small fields and note the shape of the large ones (see [`Checkpoint`]).
    fn checkpoint(&mut self) -> Checkpoint {
        let large = self.take_large();
        let small = Box::new(self.clone());
        let checkpoint = Checkpoint {
            small,
            text_changes: self.buf.changes,
            undo: large.undo.shape(),
            undo_pending_close: large.undo.pending_close(),
            recording_len: large.recording.len(),
            insert_keys_len: large.insert_keys.len(),
            insert_replaced_len: large.insert_replaced.len(),
            disk_len: large.disk.len(),
        };
        self.put_large(large);
        self.input.consumed = Some((self.input.next_seq + 1, Vec::new()));
        checkpoint
    }

    /// Put the editor back as it was at `checkpoint`, with the keys the unfinished command
    /// read queued again.
    fn roll_back(&mut self, checkpoint: Checkpoint, consumed: Vec<Queued>) -> Result<(), Error> {
        let mut large = self.take_large();
        let changed_large = self.buf.changes != checkpoint.text_changes
            || large.undo.shape() != checkpoint.undo
            || large.recording.len() < checkpoint.recording_len
            || large.insert_keys.len() < checkpoint.insert_keys_len
            || large.insert_replaced.len() < checkpoint.insert_replaced_len
            || large.disk.len() != checkpoint.disk_len;
        if changed_large {
            self.put_large(large);
            return Err(self.unsupported_here("a command cut short by the end of the keys after it changed the text"));
        }
        let next_seq = self.input.next_seq;
        // The keys the command took that were waiting, then those it did not get to (a
        // mapping that waits for more keys stops before reading them); keys it queued
        // itself are queued again when it runs again.
        let waiting_bound = checkpoint.small.input.next_seq + 1;
        let untouched: Vec<Queued> = large.queue.iter().filter(|q| q.seq < waiting_bound).copied().collect();
        *self = *checkpoint.small;
        // Keys queued after the checkpoint keep their numbers; new ones must not repeat them.
        self.input.next_seq = next_seq;
        large.undo.set_pending_close(checkpoint.undo_pending_close);
        large.recording.truncate(checkpoint.recording_len);
        large.insert_keys.truncate(checkpoint.insert_keys_len);
        large.insert_replaced.truncate(checkpoint.insert_replaced_len);
        large.queue.clear();
        large.queue.extend(consumed);
        large.queue.extend(untouched);
        self.put_large(large);
        Ok(())
    }

    fn take_large(&mut self) -> Large {
        use std::mem::take;
        Large {
            text: self.buf.take_storage(),
            undo: take(&mut self.undo),
            queue: take(&mut self.input.queue),
            disk: take(&mut self.file.disk),
            saved_lines: take(&mut self.file.saved_lines),
            recording: self.recording.as_mut().map(|(_, keys)| take(keys)).unwrap_or_default(),
            insert_keys: take(&mut self.insert.keys),
            insert_replaced: take(&mut self.insert.replaced),
            observed_keys: take(&mut self.input.observed_keys),
        }
    }

    fn put_large(&mut self, large: Large) {
        self.buf.put_storage(large.text);
        self.undo = large.undo;
        self.input.queue = large.queue;
        self.file.disk = large.disk;
        self.file.saved_lines = large.saved_lines;
        if let Some((_, keys)) = &mut self.recording {
            *keys = large.recording;
        }
        self.insert.keys = large.insert_keys;
        self.insert.replaced = large.insert_replaced;
        self.input.observed_keys = large.observed_keys;
    }

    /// Vim's `beep_flush()`: clear the pending operator and drop stuffed typeahead.
    pub(crate) fn beep(&mut self) {
        self.command.pending = None;
        self.flush_stuffed();
    }

    /// Drop queued keys that were not typed (the rest of a macro, a `.` replay).
    pub(crate) fn flush_stuffed(&mut self) {
        while matches!(self.input.queue.front(), Some(q) if q.origin != Origin::Typed) {
            if let Some(q) = self.input.queue.pop_front() {
                self.note_consumed(q);
            }
        }
    }

    /// Remember a key taken from the queue that was there when the command began.
    fn note_consumed(&mut self, q: Queued) {
        if let Some((bound, keys)) = &mut self.input.consumed {
            if q.seq < *bound {
                keys.push(q);
            }
        }
    }

    /// Read the next key, as Vim's `vgetc()`; closes an undo block on a typed key outside
    /// Insert and Command-line mode.
    pub(crate) fn getkey(&mut self) -> Res<Key> {
        let Some(q) = self.input.queue.pop_front() else {
            if self.input.nested > 0 {
                return self.nested_end_key();
            }
            return Err(Flow::NeedInput);
        };
        self.note_consumed(q);
        if let Some(keys) = &mut self.input.observed_keys {
            keys.push(q.key);
        }
        self.input.steps += 1;
        if self.input.steps > self.limits.max_steps {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "steps", position: q.index }));
        }
        if self.buf.line_moves > self.limits.max_line_moves {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "line moves", position: q.index }));
        }
        if self.buf.work > self.limits.max_work {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "work", position: q.index }));
        }
        self.input.key_index = q.index;
        self.input.last_origin = q.origin;
        self.input.last_noremap = q.noremap;
        if self.mappings.any_abbreviations() {
            self.note_abbr_block(q.key, matches!(q.origin, Origin::Stuffed | Origin::Redo));
        }
        if q.origin != Origin::Stuffed {
            self.input.key_typed = q.origin == Origin::Typed;
        }
        if q.origin == Origin::Typed {
            let in_insert = matches!(self.mode, Mode::Insert | Mode::Replace | Mode::CommandLine);
            if !in_insert || self.insert.arrow_used {
                self.undo.sync();
            }
            if let Some((_, keys)) = &mut self.recording {
                keys.push(q.key);
            }
        }
        Ok(q.key)
    }

    /// What a nested run reads once its keys are used up (`vgetorpeek()` with
    /// `ex_normal_busy`): `<C-c>` on the command line, `<Esc>` elsewhere.
    fn nested_end_key(&mut self) -> Res<Key> {
        self.input.steps += 1;
        if self.input.steps > self.limits.max_steps {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "steps", position: self.input.key_index }));
        }
        self.input.last_origin = Origin::Nested;
        self.input.key_typed = false;
        Ok(if self.mode == Mode::CommandLine { Key::Char('\x03') } else { Key::ESC })
    }

    /// The next key waiting to be read, if any (Vim's `vpeekc()`).
    pub(crate) fn peek_key(&self) -> Option<Key> {
        self.input.queue.front().map(|q| q.key)
    }

    /// Was the key just read typed (not from a macro or `.`; from the stuff buffer, as the key
    /// that stuffed it)?
    pub(crate) fn last_key_typed(&self) -> bool {
        self.input.key_typed
    }

    /// Did reading the key just read close the undo step (a typed key outside Insert and
    /// Command-line mode: Vim's `may_sync_undo()`)?
    pub(crate) fn last_key_typed_for_undo(&self) -> bool {
        self.input.last_origin == Origin::Typed && !matches!(self.mode, Mode::Insert | Mode::Replace | Mode::CommandLine)
    }

    /// Does the key just read come from Vim's stuff buffer (`.`, a count's repeat, `x` as
    /// `dl`)?
    pub(crate) fn last_key_from_stuff(&self) -> bool {
        matches!(self.input.last_origin, Origin::Stuffed | Origin::Redo)
    }

    /// May the key just read be remapped (Vim's `!noremap_keys()`)?
    pub(crate) fn last_key_remappable(&self) -> bool {
        !self.input.last_noremap && !self.last_key_from_stuff()
    }

    /// Does the key just read come from `.`?
    pub(crate) fn last_key_from_redo(&self) -> bool {
        self.input.last_origin == Origin::Redo
    }

    fn push_front(&mut self, keys: &[Key], origin: Origin) -> Res {
        if self.input.queue.len() + keys.len() > self.limits.max_steps {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "steps", position: self.input.key_index }));
        }
        let index = self.input.key_index;
        for key in keys.iter().rev() {
            let seq = self.take_seq();
            self.input.queue.push_front(Queued { key: *key, origin, index, seq, noremap: false });
        }
        Ok(())
    }

    /// Put the key just read back in front of the queue, as it came (the key that ends a
    /// hit-enter prompt is run as a command).
    pub(crate) fn unread(&mut self, key: Key) {
        let seq = self.take_seq();
        self.input.queue.push_front(Queued { key, origin: self.input.last_origin, index: self.input.key_index, seq, noremap: self.input.last_noremap });
        if let Some(keys) = &mut self.input.observed_keys {
            keys.pop();
        }
    }

    /// Put keys in the stuff buffer (read before anything else, dropped on an error): `x` as
    /// `dl`, the repeats of an insert with a count, a register's text for Insert `<C-r>`.
    pub(crate) fn stuff(&mut self, keys: &[Key]) -> Res {
        self.push_front(keys, Origin::Stuffed)
    }

    /// Put a mapping's replacement in front of the typeahead (`ins_typebuf()` from
    /// `handle_mapping()`): not typed; with `noremap` not mapped again, with `skip_first` only
    /// its first key is not.
    pub(crate) fn push_mapped(&mut self, keys: &[Key], noremap: bool, skip_first: bool) -> Res {
        self.push_front(keys, Origin::Mapped)?;
        for (i, q) in self.input.queue.iter_mut().take(keys.len()).enumerate() {
            q.noremap = noremap || (skip_first && i == 0);
        }
        // Keys that may be mapped again are checked for terminal codes as typed keys are
        // (handle_mapping()): an <Esc> there before `[` or `}` starts a mouse code.
        let mouse = |a: &Queued, b: &Queued| a.key == Key::ESC && !a.noremap && matches!(b.key, Key::Char('[' | '}'));
        let checked = keys.len() + 1;
        let window: Vec<Queued> = self.input.queue.iter().take(checked).copied().collect();
        if window.windows(2).any(|w| mouse(&w[0], &w[1])) {
            return Err(self.unsupported(Key::ESC, "a mapping whose <Esc> comes before `[` or `}` (a mouse code)"));
        }
        Ok(())
    }

    /// Take a key the way [`Vim::getkey`] does, for the keys of a mapping being replaced:
    /// typed ones are recorded and close the undo step (`gotchars()`).
    pub(crate) fn take_mapped_key(&mut self) -> Res {
        self.getkey().map(|_| ())
    }

    /// Replay keys for `.`.
    pub(crate) fn stuff_redo_replay(&mut self, keys: &[Key]) -> Res {
        self.push_front(keys, Origin::Redo)
    }

    /// Execute a register as a macro: its keys go before the rest of the typeahead.
    pub(crate) fn stuff_macro(&mut self, keys: &[Key]) -> Res {
        self.input.depth += 1;
        if self.input.depth > self.limits.max_steps {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "macro depth", position: self.input.key_index }));
        }
        self.push_front(keys, Origin::Macro)?;
        // A register's keys go into Vim's typeahead buffer, where the terminal-code check sees
        // them as it sees typed keys: an <Esc> followed there by `[` or `}` (inside the
        // register, between two copies of it for `2@q`, or before the typed keys after it) is
        // read as the start of a mouse code, and Vim swallows the input and exits 1.
        let mouse = |a: Key, b: Key| a == Key::ESC && matches!(b, Key::Char('[' | '}'));
        if keys.windows(2).any(|w| mouse(w[0], w[1])) {
            return Err(Flow::Fatal(Error::NoResult("a macro has <Esc> followed by `[` or `}`, which Vim reads as a mouse code".into())));
        }
        if let (Some(&last), Some(next)) = (keys.last(), self.input.queue.get(keys.len())) {
            if mouse(last, next.key) {
                if !matches!(next.origin, Origin::Typed | Origin::Macro | Origin::Mapped) {
                    return Err(self.unsupported(next.key, "a macro ending in <Esc> before stuffed `[` or `}`"));
                }
                return Err(Flow::Fatal(Error::NoResult("a macro ends in <Esc> before `[` or `}`, which Vim reads as a mouse code".into())));
            }
        }
        Ok(())
    }

    /// An `Unsupported` error for the key being processed, labelled with the feature of the
    /// mode it was read in.
    pub(crate) fn unsupported(&self, key: Key, reason: &str) -> Flow {
        Flow::Fatal(self.unsupported_as(self.mode_feature(), format_key(key), reason))
    }

    /// An `Unsupported` error at the key being processed, for a reason that is not one key.
    pub(crate) fn unsupported_here(&self, reason: &str) -> Error {
        self.unsupported_as(self.mode_feature(), String::new(), reason)
    }

    /// An `Unsupported` error with an explicit feature label.
    pub(crate) fn unsupported_as(&self, feature: Feature, key: String, reason: &str) -> Error {
        Error::Unsupported { key, position: self.input.key_index, reason: reason.to_string(), feature }
    }

    /// The feature a refusal in the current mode belongs to.
    fn mode_feature(&self) -> Feature {
        match self.mode {
            Mode::Insert | Mode::Replace => Feature::InsertKey,
            Mode::Visual | Mode::VisualLine | Mode::VisualBlock => Feature::Visual,
            Mode::CommandLine => Feature::CommandLine,
            Mode::Normal | Mode::OperatorPending => Feature::NormalCommand,
        }
    }

    /// Fail when adding `extra` bytes would take the buffer past the text limit.
    pub(crate) fn check_size(&mut self, extra: usize) -> Res {
        if self.buf.total_len().saturating_add(extra) > self.limits.max_text {
            return Err(Flow::Fatal(Error::LimitExceeded { limit: "text size", position: self.input.key_index }));
        }
        Ok(())
    }

    // ----- cursor helpers shared by every mode -----

    pub(crate) fn line(&self, lnum: usize) -> &str {
        self.buf.line(lnum)
    }

    pub(crate) fn cur_line(&self) -> &str {
        self.buf.line(self.cur.line)
    }

    pub(crate) fn last_line(&self) -> usize {
        self.buf.line_count() - 1
    }

    pub(crate) fn first_nonblank(&self, lnum: usize) -> usize {
        let line = self.line(lnum);
        line.len() - line.trim_start_matches([' ', '\t']).len()
    }

    /// Byte column of the last character of a line (0 for an empty line).
    pub(crate) fn last_col(&self, lnum: usize) -> usize {
        let line = self.line(lnum);
        prev_boundary(line, line.len())
    }

    /// Keep the cursor on a character (Normal mode: not past the last one).
    pub(crate) fn clamp_cursor(&mut self) {
        if self.cur.line > self.last_line() {
            self.cur.line = self.last_line();
        }
        let max = self.last_col(self.cur.line);
        if self.cur.col > max {
            self.cur.col = max;
        }
        let mut col = self.cur.col;
        let line = self.cur_line();
        while col > 0 && !line.is_char_boundary(col) {
            col -= 1;
        }
        self.cur.col = col;
    }

    /// Screen column where the character at `col` starts.
    pub(crate) fn vcol(&self, lnum: usize, col: usize) -> Res<usize> {
        let line = self.line(lnum);
        let mut v = 0;
        for (i, c) in line.char_indices() {
            if i >= col {
                break;
            }
            v += self.cells(c, v)?;
        }
        Ok(v)
    }

    pub(crate) fn cells(&self, c: char, vcol: usize) -> Res<usize> {
        chars::cells(c, vcol).ok_or_else(|| self.unsupported(Key::Char(c), "display width of this character"))
    }

    /// Byte column of the character covering screen column `want` (Vim's `coladvance`);
    /// in Normal mode never past the last character.
    pub(crate) fn col_for_vcol(&self, lnum: usize, want: usize, past_end: bool) -> Res<usize> {
        let line = self.line(lnum);
        let mut v = 0;
        let mut last = 0;
        for (i, c) in line.char_indices() {
            let w = self.cells(c, v)?;
            if v + w > want {
                return Ok(i);
            }
            v += w;
            last = i;
        }
        if past_end {
            Ok(line.len())
        } else {
            Ok(last)
        }
    }

    /// Set `curswant` from the cursor if a horizontal motion asked for it.
    pub(crate) fn update_curswant(&mut self) -> Res {
        if self.set_curswant {
            let start = self.vcol(self.cur.line, self.cur.col)?;
            // In Normal mode the cursor shows at the end of a tab (getvcol()'s "cursor"); in
            // Visual mode only after the other end of the selection.
            let visual_start = matches!(self.mode, Mode::Visual | Mode::VisualLine | Mode::VisualBlock) && self.cur <= self.visual.anchor;
            if self.char_at(self.cur) == Some('\t') {
                self.check_tab_curswant(visual_start)?;
            }
            self.curswant = match self.char_at(self.cur) {
                Some('\t') if !matches!(self.mode, Mode::Insert | Mode::Replace) && !visual_start => start + self.cells('\t', start)? - 1,
                _ => start,
            };
            self.set_curswant = false;
        }
        Ok(())
    }

    pub(crate) fn char_at(&self, pos: Pos) -> Option<char> {
        self.line(pos.line).get(pos.col..).and_then(|s| s.chars().next())
    }

    pub(crate) fn class_at(&self, pos: Pos) -> Res<u32> {
        match self.char_at(pos) {
            None => Ok(0),
            Some(c) => chars::class(c).ok_or_else(|| self.unsupported(Key::Char(c), "word class of this character")),
        }
    }
}

/// The start of the character before byte `col`.
pub(crate) fn prev_boundary(s: &str, col: usize) -> usize {
    if col == 0 {
        return 0;
    }
    let mut c = col.min(s.len()) - 1;
    while c > 0 && !s.is_char_boundary(c) {
        c -= 1;
    }
    c
}

/// The start of the character after the one at byte `col`.
pub(crate) fn next_boundary(s: &str, col: usize) -> usize {
    match s.get(col..).and_then(|t| t.chars().next()) {
        Some(c) => col + c.len_utf8(),
        None => s.len(),
    }
}

fn w_char(k: Key) -> String {
    format_key(k)
}

/// The emulator after a program's own keys, before the contract's closing keys: the state
/// (cursor, mode, registers, marks) `vimdata diff --state` compares with Vim's.
pub fn state_after(source: &[u8], keys: &[Key]) -> Result<Vim, Error> {
    let mut vim = Vim::from_modelled_bytes(source)?;
    vim.feed(keys)?;
    if !vim.input.queue.is_empty() && !vim.mappings.is_empty() {
        // The dump's `<Cmd>` key ends a mapping that waits for more keys.
        vim.input.mapping_timeout = true;
        vim.feed(&[])?;
    }
    Ok(vim)
}

impl Vim {
    /// [`Vim::from_bytes`], refusing texts whose characters the engine cannot measure.
    fn from_modelled_bytes(source: &[u8]) -> Result<Vim, Error> {
        let buf = Buffer::from_bytes(source);
        if let Some((line, c)) = buf.lines().iter().enumerate().find_map(|(i, l)| chars::first_unmodelled(l).map(|c| (i, c))) {
            // Refused before any key is read: the record's text, not a key, is what is not modelled.
            return Err(Error::Unsupported {
                key: format!("{c} (U+{:04X})", c as u32),
                position: 0,
                reason: format!(
                    "line {} of the text has a character whose width or class Vim decides in ways we do not model (composing, tag or unprintable characters)",
                    line + 1
                ),
                feature: Feature::Text,
            });
        }
        Ok(Vim::with_buffer(buf, source))
    }
}

/// Apply a program to file bytes under the contract and return the bytes Vim would write.
pub fn apply(source: &[u8], keys: &[Key]) -> Result<Vec<u8>, Error> {
    let mut vim = Vim::from_modelled_bytes(source)?;
    vim.input.final_input = true;
    vim.input.epilogue_at = Some(keys.len());
    vim.input.queue.reserve(keys.len() + EPILOGUE.len());
    if !undo::program_may_undo(keys) {
        vim.undo.turn_off();
    }
    if !changelist::program_may_read_changes(keys) {
        vim.turn_off_change_list();
    }
    if !keys.iter().any(|&k| screen::reads_window(k)) {
        // Nothing reads the window (a register's text run by `@` that does is refused).
        vim.screen.forget();
    }
    // A terminal reads <Esc> followed by `[` or `}` as the start of a mouse code: Vim
    // swallows the rest of the input and exits 1.
    // Vim checks for terminal codes only at the front of the typeahead, so a program that
    // quits (`ZZ`, `:wq`) before reading that <Esc> still has its result.
    if let Some(i) = keys.windows(2).position(|w| w[0] == Key::ESC && matches!(w[1], Key::Char('[' | '}'))) {
        let mouse = Error::NoResult(format!("<Esc> at key {i} is followed by {:?}, which a terminal reads as a mouse code", w_char(keys[i + 1])));
        return match vim.feed(&keys[..i]) {
            Ok(()) if vim.file.quit => Ok(vim.file.disk),
            // Still running, or waiting for keys: Vim reads the <Esc> and swallows the rest.
            Ok(()) | Err(Error::NoResult(_)) => Err(mouse),
            Err(e) => Err(e),
        };
    }
    vim.queue_typed(keys);
    vim.feed(&EPILOGUE)?;
    if !vim.file.quit {
        return Err(Error::NoResult(
            "Vim is still running after the closing :wq (it would wait for input and exit 1)".into(),
        ));
    }
    Ok(vim.file.disk)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(src: &str, keys: &str) -> Result<String, Error> {
        apply(src.as_bytes(), &crate::keys::parse_notation(keys)).map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    /// `:normal` on "ab" (checked in Vim 9.0): `l` fails at the last character and the
    /// rest of the keys is dropped; an operator left waiting is aborted by `<Esc>`; an insert
    /// ends with it; the keys queued before the run wait for it.
    #[test]
    fn nested_run() {
        let nested = |text: &str, keys: &str| {
            let mut vim = Vim::new(text);
            vim.run_nested(&crate::keys::parse_notation(keys), true).expect("runs");
            vim
        };
        assert_eq!(nested("abc", "llx").text(), "ab\n");
        assert_eq!(nested("abc", "lllx").text(), "abc\n");
        assert_eq!(nested("abc", "d").text(), "abc\n");
        assert_eq!(nested("abc", "ix").text(), "xabc\n");
        let vim = nested("abc", "ix");
        assert_eq!((vim.mode(), vim.cursor()), (Mode::Normal, Pos::new(0, 0)));
        let mut vim = Vim::new("abc");
        vim.queue_typed(&crate::keys::parse_notation("x"));
        vim.run_nested(&crate::keys::parse_notation("$"), true).expect("runs");
        assert_eq!((vim.text().as_str(), vim.input.queue.len()), ("abc\n", 1));
    }

    struct Screens(Vec<(String, String)>);

    impl Observer for Screens {
        fn command(&mut self, vim: &Vim, keys: &[Key]) {
            self.0.push((crate::keys::format_keys(keys), vim.text()));
        }
    }

    #[test]
    fn observer_sees_each_command() {
        let mut screens = Screens(Vec::new());
        let mut vim = Vim::new("one two");
        vim.feed_observed(&crate::keys::parse_notation("dwix<Esc>d"), &mut screens).expect("runs");
        let seen: Vec<(&str, &str)> = screens.0.iter().map(|(k, t)| (k.as_str(), t.as_str())).collect();
        // An operator is a command of its own, as in Vim's normal_cmd(): the last `d` waits.
        let expected = [("d", "one two\n"), ("w", "two\n"), ("i", "two\n"), ("x", "xtwo\n"), ("<Esc>", "xtwo\n"), ("d", "xtwo\n")];
        assert_eq!(seen, expected);
        assert_eq!(vim.mode(), Mode::OperatorPending);
    }

    #[test]
    fn count_with_del() {
        assert_eq!(run("a\nb\n", "2<Del>").as_deref(), Ok("a\nb\n"));
    }
}
