//! The ex command line: one command line split at `|`, each command parsed as Vim's
//! `do_one_cmd()` does (range, name, `!`, register, count, argument) and run from the table
//! in [`table`] (after `ex_cmds.h`). Addresses are in [`range`]; the commands by family in
//! [`lines`] (line commands, after `ex_operators()`/`ex_copymove()`), [`substitute`],
//! [`global`] and [`sort`].
//!
//! An ex error (Vim's `emsg()`) is [`Flow::Fail`]: the rest of the command line is not run,
//! the rest of a macro or `:normal` is dropped, typed keys go on. Anything the engine cannot
//! answer exactly is refused by name.

mod expr;
mod global;
mod lines;
mod names;
mod range;
mod sort;
mod substitute;
pub mod table;

use super::{Feature, Flow, Res, Vim};
use crate::keys::Key;

/// What the ex command line remembers between commands.
#[derive(Clone, Debug, Default)]
pub(crate) struct ExState {
    /// The last substitute pattern (`:s` with no pattern, `:&`, `~` in a pattern is not
    /// this: it is the replacement).
    pub last_sub_pattern: Option<String>,
    /// The last replacement string after `~` expansion (Vim's `reg_prev_sub`: what `~`
    /// stands for in the next replacement or pattern).
    pub last_replacement: Option<String>,
    /// The last replacement as typed (Vim's `old_sub`: what `:&` and `:s` repeat).
    pub old_sub: Option<String>,
    /// The flags of the last `:s` (`:&&`).
    pub last_sub_flags: substitute::SubFlags,
    /// Vim's `did_emsg` count: how many ex errors so far (`:g` stops at one).
    pub errors: u64,
    /// Messages shown by the command line being run (two or more raise a hit-enter prompt).
    pub messages: u32,
    /// The buffer's change count when the typed command line began.
    pub line_start_changes: u64,
    /// A key of the command line being read was typed (`getcmdline()`'s `some_key_typed`).
    pub cmdline_typed: bool,
    /// The last command run had a `|` and a command after it separated off (Vim's
    /// `eap->nextcmd`): an error then stops the chain with more to run, and `":` is not set.
    pub next_separated: bool,
    /// A hit-enter prompt was dismissed by `:`: the screen was not redrawn, so one message
    /// from that command line raises the prompt again (`wait_return()` keeps the messages).
    pub prompt_scrolled: bool,
    /// A hit-enter prompt waits for a key.
    pub hit_enter_pending: bool,
    /// `:g` is running (Vim's `global_busy`).
    pub global_busy: bool,
    /// A message was given whose count Vim may differ on (deleting every line).
    pub unsure_messages: bool,
    /// A command changed lines in a way whose undo entries Vim records differently from the
    /// engine's one difference per undo step (`:m`, `:t`, `:g`, `:sort`, `\r` in `:s`).
    pub undo_unsure: bool,
    /// A command in `:g` asked for the cursor to go to the first non-blank afterwards.
    pub global_need_beginline: bool,
    /// Substitutions and lines for the `:g` summary message.
    pub sub_nsubs: usize,
    pub sub_nlines: usize,
    /// The pairs `:digraphs` defined (Vim's `user_digraphs`).
    pub digraphs: Vec<crate::engine::digraph::UserDigraph>,
    /// Vim's `keep_msg` within the command line: what the last message left.
    pub keep_msg: KeepMsg,
}

/// Vim's `keep_msg` and `keep_msg_more`: some messages stay to be shown again after the
/// redraw, and a "N more lines"/"N fewer lines" message (`msgmore()`) is not given while one
/// of the others stays (after `:>` the `:d` in `:1,$>|2,4d` says nothing). Every message
/// clears it first (`msg_start()`), and so does drawing the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeepMsg {
    #[default]
    None,
    /// A message kept by `msg_attr_keep()` or `set_keep_msg()` (`:>`, `:s`, undo).
    Kept,
    /// A `msgmore()` message, which the next one may replace.
    More,
}

/// One parsed command (Vim's `exarg_T`).
pub struct ExCmd<'a> {
    /// 1-based, as in Vim (0 is "before the first line" where allowed).
    pub line1: usize,
    pub line2: usize,
    pub addr_count: usize,
    pub forceit: bool,
    pub regname: Option<char>,
    /// The argument (after the register and count).
    pub arg: &'a str,
    /// The table's full name (`&`, `~`, `<`, `>` for those).
    pub name: &'static str,
    /// `:>>>`: how many `>`.
    pub amount: usize,
    /// What follows a `|` (commands that read their own argument set it).
    pub nextcmd: Option<&'a str>,
    /// The print flags `p`, `#`, `l` after a command that takes them (Vim's `eap->flags`).
    pub print: Option<PrintFlags>,
}

/// What `print_line()` shows: the line, with its number (`#`), in list mode (`l`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PrintFlags {
    pub number: bool,
    pub list: bool,
}

impl PrintFlags {
    /// Add one flag: `p` (print), `#` (with the number) or `l` (list mode).
    pub fn add(flags: &mut Option<PrintFlags>, c: char) {
        let f = flags.get_or_insert_with(PrintFlags::default);
        match c {
            '#' => f.number = true,
            'l' => f.list = true,
            _ => {}
        }
    }
}

/// Lines a listing may take (with its title) and surely leave room for the hit-enter prompt on
/// the contract's 24-line screen rather than a more-prompt.
const SCREEN_LINES_FOR_LISTING: usize = 20;

/// The handlers, grouped under one type so the table can name them.
pub struct Ex;

impl Vim {
    /// Run one ex command line (Vim's `do_cmdline()` for one line): commands separated by
    /// `|` run until one fails.
    pub(crate) fn execute_ex(&mut self, line: &str) -> Res {
        // Ex commands set `'[` and `']` their own ways (`:d`, `:m`, `:s`, `:normal` ...),
        // which the engine does not follow: unknown after any of them.
        self.marks.changed = super::markmove::ChangedMarks::Unknown;
        let result = self.execute_ex_commands(line);
        self.marks.changed = super::markmove::ChangedMarks::Unknown;
        result
    }

    fn execute_ex_commands(&mut self, line: &str) -> Res {
        let mut rest = Some(line);
        let mut guard = 0;
        let mut changing = 0;
        while let Some(cmd) = rest {
            guard += 1;
            if guard > 10_000 {
                return Err(Flow::Fatal(super::Error::LimitExceeded { limit: "ex commands in one line", position: self.input.key_index }));
            }
            let changes = self.buf.changes;
            let result = self.do_one_cmd(cmd);
            if self.buf.changes != changes {
                changing += 1;
                if changing > 1 {
                    // Vim keeps one undo entry per command; the engine one difference.
                    self.ex.undo_unsure = true;
                }
            }
            rest = result?;
        }
        Ok(())
    }

    /// Run a whole command line as `do_cmdline()` does: its messages counted afresh, and its
    /// undo step marked unsure when it made changes the engine does not save Vim's way.
    pub(crate) fn run_ex_line(&mut self, line: &str) -> Res {
        self.ex.messages = 0;
        self.ex.keep_msg = KeepMsg::None;
        self.ex.unsure_messages = false;
        self.ex.undo_unsure = false;
        self.ex.line_start_changes = self.buf.changes;
        let result = self.execute_ex(line);
        if self.ex.undo_unsure && self.undo.is_open() {
            self.undo.mark_unsure();
        }
        result
    }

    /// An ex error: counted (for `:g`) and shown (for prompts), then the command fails.
    pub(crate) fn emsg(&mut self, message_len: usize) -> Flow {
        self.ex.errors += 1;
        self.msg(message_len);
        Flow::Fail
    }

    /// `print_line()` of the cursor line (`ex_may_print()`, `:s///p`): one message as wide as
    /// the line shows (an upper bound: a tab counted as a whole tabstop). Lines printed inside
    /// `:g` gather into one long message: refused.
    pub(crate) fn ex_print_line(&mut self, flags: PrintFlags) -> Res {
        if self.ex.global_busy {
            return Err(self.ex_unsupported("print", "printing lines from :g"));
        }
        let line = self.line(self.cur.line).to_string();
        let tab = if flags.list { 2 } else { 8 }; // 'tabstop' is fixed at 8
        let mut width = 0;
        for c in line.chars() {
            width += if c == '\t' { tab } else { self.cells(c, 0)? };
        }
        if flags.list {
            width += 1; // the `$` of 'listchars'
        }
        if flags.number {
            // number_width() with 'numberwidth' 4, and a blank.
            width += (self.last_line() + 1).to_string().len().max(3) + 1;
        }
        self.msg(width);
        Ok(())
    }

    /// A message of this many screen cells that stays to be shown after the redraw (Vim's
    /// `msg_attr_keep()` with `keep`, or `set_keep_msg()` after it).
    pub(crate) fn msg_keep(&mut self, width: usize) {
        self.msg(width);
        self.ex.keep_msg = KeepMsg::Kept;
    }

    /// `msgmore()`'s "N more lines" or "N fewer lines" (the caller checks 'report'): not
    /// given while another kept message stays.
    pub(crate) fn msgmore(&mut self, width: usize) {
        if self.ex.keep_msg == KeepMsg::Kept && !self.ex.global_busy {
            return;
        }
        self.msg(width);
        self.ex.keep_msg = KeepMsg::More;
    }

    /// A message of this many screen cells.
    pub(crate) fn msg(&mut self, width: usize) {
        if self.ex.global_busy {
            // Some messages are held back while :g runs (msgmore()), some are not.
            self.ex.unsure_messages = true;
            return;
        }
        // msg_start(): whatever message was kept goes.
        self.ex.keep_msg = KeepMsg::None;
        self.ex.messages += 1;
        if width >= 50 {
            // Near the screen width the estimate may be off: whether it wraps (and so
            // raises a prompt) is not known.
            self.ex.unsure_messages = true;
        }
    }

    /// The text-size bound for an ex command that adds `extra` bytes. Inside `:g` the
    /// size is checked once, when `:g` ends.
    pub(crate) fn ex_check_size(&mut self, extra: usize) -> Res {
        if self.ex.global_busy {
            return Ok(());
        }
        self.check_size(extra)
    }

    /// A refusal for an ex command by name.
    pub(crate) fn ex_unsupported(&self, name: &str, reason: &str) -> Flow {
        Flow::Fatal(self.unsupported_as(Feature::ExCommand(name.to_string()), format!(":{name}"), reason))
    }

    /// Vim's `do_one_cmd()`: run the first command of `line`, return what follows its `|`.
    fn do_one_cmd<'a>(&mut self, line: &'a str) -> Res<Option<&'a str>> {
        self.ex.next_separated = false;
        let mut p = skip_colons(line);
        if p.starts_with('"') {
            return Ok(None);
        }
        // Modifiers and user commands start with a capital or are names we do not model;
        // they are refused when looked up below.
        let mut range = range::Range::default_for(self);
        // Vim finds the command before it parses the range, and a command that takes no
        // line range rejects searches and marks as they are parsed, after `;` may have moved
        // the cursor: refused.
        let range_text = &p[..p.len() - range::skip_range(p).len()];
        // A name the table does not have is refused before the range is parsed: Vim looks
        // the command up first, and a `;` in the range must not move the cursor of a
        // command the engine would refuse anyway.
        let after_range = skip_colons(range::skip_range(p));
        if !range_text.trim().is_empty() && !after_range.is_empty() && !after_range.starts_with(['|', '"']) {
            let typed = command_name(after_range).0;
            let lookup = if typed.starts_with('k') || typed.starts_with('s') { &typed[..typed.len().min(1)] } else { typed };
            if table::find(typed).is_none() && table::find(lookup).is_none() && !not_a_command(typed, after_range) {
                return Err(self.ex_unsupported(if typed.is_empty() { after_range } else { typed }, "this ex command"));
            }
        }
        if range_text.contains([';', '/', '?', '\'', '\\']) {
            let name = command_name(skip_colons(range::skip_range(p))).0;
            // `:undo` takes a change number (ADDR_OTHER), where a search or a mark is an error
            // before `;` could move the cursor.
            if table::find(name).is_some_and(|e| e.flags & table::RANGE == 0 || e.name == "undo") {
                return Err(self.ex_unsupported(name, "a search, mark or ; before a command that takes no line range"));
            }
        }
        if !range_text.trim().is_empty() {
            let name = command_name(skip_colons(range::skip_range(p))).0;
            // `:quit` takes window numbers (ADDR_WINDOWS: `1:q!` is `:.q!`, the current
            // window), not lines.
            if table::find(name).is_some_and(|e| e.name == "quit") {
                return Err(self.ex_unsupported("quit", "a window address before :quit"));
            }
        }
        p = range::parse_range(self, p, &mut range)?;
        p = skip_colons(p);
        // A range and no command: go to the line (`:3`); `:3|...` prints it.
        if p.is_empty() {
            if range_text.trim_start().starts_with("'<,'>") {
                // Vim takes `'<,'>` apart from other ranges (parse_command_modifiers()'s
                // has_visual_range) and, measured, does not go to the line: not modelled.
                return Err(self.ex_unsupported("'<,'>", "the Visual range with no command"));
            }
            return self.range_without_command(&range).map(|()| None);
        }
        if p.starts_with('|') || p.starts_with('"') {
            return Err(self.ex_unsupported("print", "a range followed by | or a comment (prints lines)"));
        }
        let (mut typed, mut after) = command_name(p);
        // find_ex_command()'s exceptions: `:k` takes any character directly (`:ka`), and
        // `:s` may be followed directly by its flags `c g r i I` (`:sg`).
        let k_arg = typed.starts_with('k') && !typed.starts_with("kee");
        let s_flags = typed.starts_with('s')
            && typed[1..].chars().all(|c| "cgriI".contains(c))
            && !["sre", "scr", "scs", "sim", "sig", "sil"].iter().any(|x| typed.starts_with(x));
        if typed.len() > 1 && (k_arg || s_flags) {
            (typed, after) = p.split_at(1);
        }
        let Some(entry) = table::find(typed) else {
            if not_a_command(typed, p) {
                // "E492: Not an editor command: " and the rest of the line.
                return Err(self.emsg(30 + line.chars().count()));
            }
            let name = if typed.is_empty() { p.chars().next().map(String::from).unwrap_or_default() } else { typed.to_string() };
            return Err(self.ex_unsupported(&name, "this ex command"));
        };
        let mut p = after;
        let mut forceit = false;
        if p.starts_with('!') && entry.name != "substitute" {
            forceit = true;
            p = &p[1..];
        }
        let flags = entry.flags;
        if range.addr_count > 0 && flags & table::RANGE == 0 {
            return Err(self.emsg(20)); // E481: No range allowed
        }
        if forceit && flags & table::BANG == 0 {
            return Err(self.emsg(20)); // E477: No ! allowed
        }
        if entry.name == "undo" && range.addr_count > 0 {
            return Err(self.ex_unsupported("undo", ":undo with a number (the undo tree)"));
        }
        if flags & table::RANGE != 0 {
            if range.line1 > range.line2 {
                if self.ex.global_busy {
                    return Err(self.ex_unsupported(entry.name, "a backwards range inside :g"));
                }
                // ask_yesno() reads typed keys until `y` or `n` (<Esc> and <C-c> are `n`).
                if !self.last_key_typed() {
                    return Err(self.ex_unsupported(entry.name, "a backwards range in a command line that was not typed"));
                }
                if self.buf.changes != self.ex.line_start_changes {
                    // The question may wait for keys not typed yet, and a command line that
                    // already changed the text cannot be put back to wait for them.
                    return Err(self.ex_unsupported(entry.name, "a backwards range after a change in the same command line"));
                }
                self.msg(40); // "Backwards range given, OK to swap (y/n)?"
                loop {
                    match self.getkey()? {
                        crate::keys::Key::Char('y') => break,
                        crate::keys::Key::Char('n' | '\x1b' | '\x03') => return Ok(None),
                        _ => {}
                    }
                }
                std::mem::swap(&mut range.line1, &mut range.line2);
            }
            range.check(self)?;
        }
        let zeror = flags & table::ZEROR != 0;
        if !zeror {
            range.correct();
        }
        let mut arg = p.trim_start_matches([' ', '\t']);
        let mut amount = 0;
        if matches!(entry.name, "<" | ">") {
            amount = 1;
            while arg.starts_with(typed) {
                arg = &arg[1..];
                amount += 1;
            }
            arg = arg.trim_start_matches([' ', '\t']);
        }
        let mut nextcmd = None;
        if flags & table::TRLBAR != 0 {
            let (own, next) = separate_nextcmd(arg);
            if own.contains('\u{16}') || own.contains('"') {
                return Err(self.ex_unsupported(entry.name, "CTRL-V or a comment in the argument"));
            }
            arg = own.trim_end_matches([' ', '\t']);
            nextcmd = next;
            self.ex.next_separated = nextcmd.is_some_and(|n| !n.is_empty());
        }
        if flags & table::DFLALL != 0 && range.addr_count == 0 {
            range.line1 = 1;
            range.line2 = self.last_line() as i64 + 1;
        }
        let mut regname = None;
        if flags & table::REGSTR != 0 {
            if let Some(c) = arg.chars().next() {
                if !(flags & table::COUNT != 0 && c.is_ascii_digit()) {
                    let put = entry.name == "put";
                    if c == '*' || c == '+' {
                        return Err(self.emsg(30)); // E354 without a clipboard
                    }
                    if c == '=' && put {
                        return Err(self.ex_unsupported(entry.name, "the expression register"));
                    }
                    if valid_register(c, !put) {
                        regname = Some(c);
                        arg = arg[c.len_utf8()..].trim_start_matches([' ', '\t']);
                    }
                }
            }
        }
        if flags & table::COUNT != 0 && arg.starts_with(|c: char| c.is_ascii_digit()) {
            let digits = arg.len() - arg.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let n: usize = arg[..digits].parse().unwrap_or(usize::MAX);
            arg = arg[digits..].trim_start_matches([' ', '\t']);
            if entry.name == "undo" {
                // `:undo 0` is the root of the undo tree, not an error.
                return Err(self.ex_unsupported("undo", ":undo with a number (the undo tree)"));
            }
            if n == 0 {
                return Err(self.emsg(30)); // E939: Positive count required
            }
            range.line1 = range.line2;
            range.line2 = range.line2.saturating_add(i64::try_from(n - 1).unwrap_or(i64::MAX)).min(self.last_line() as i64 + 1);
            range.addr_count += 1;
        }
        let mut print = None;
        if flags & table::FLAGS != 0 {
            // get_flags(): `l`, `p` and `#` with blanks between; anything else is left for
            // the trailing-characters check.
            while let Some(c) = arg.chars().next().filter(|c| matches!(c, 'l' | 'p' | '#')) {
                PrintFlags::add(&mut print, c);
                arg = arg[1..].trim_start_matches([' ', '\t']);
            }
        }
        if flags & table::EXTRA == 0 && flags & table::WORD1 == 0 && !arg.is_empty() {
            return Err(self.emsg(30)); // E488: Trailing characters
        }
        if flags & table::NEEDARG != 0 && arg.is_empty() {
            return Err(self.emsg(30)); // E471: Argument required
        }
        // Checked above for commands that take a range; the others have the cursor line.
        let (Ok(line1), Ok(line2)) = (usize::try_from(range.line1), usize::try_from(range.line2)) else {
            return Err(self.emsg(20)); // E16: Invalid range
        };
        let mut cmd = ExCmd {
            line1,
            line2,
            addr_count: range.addr_count,
            forceit,
            regname,
            arg,
            name: entry.name,
            amount,
            nextcmd,
            print,
        };
        let result = (entry.run)(self, &mut cmd);
        // Commands that read their own argument (`:s`, `:sort`) find the `|` themselves.
        // An empty one is "not really a next command".
        self.ex.next_separated = cmd.nextcmd.is_some_and(|n| !n.is_empty());
        result?;
        Ok(cmd.nextcmd)
    }

    /// `:N`: go to line N (`ex_range_without_command()`).
    fn range_without_command(&mut self, range: &range::Range) -> Res {
        if range.addr_count == 0 {
            return Ok(());
        }
        let Ok(line2) = usize::try_from(range.line2) else {
            return Err(self.emsg(20)); // E16: Invalid range
        };
        // No setpcmark(): `:N` is not a jump (measured: `jj:4<CR>''` goes back to line 1).
        let line = line2.min(self.last_line() + 1).max(1) - 1;
        self.ex_beginline_sol(line)
    }
}

/// A lowercase name no Vim command starts with, read as `find_ex_command()` reads it
/// (`p` is where the name starts): Vim gives E492 after parsing the range.
fn not_a_command(typed: &str, p: &str) -> bool {
    typed.starts_with(|c: char| c.is_ascii_lowercase())
        && !names::one_letter_cmd(p)
        && !names::delete_with_flag(typed)
        && !names::vim_knows(typed)
}

/// Whether `line` is one `:normal` command, whose argument takes the rest of the line, `|`
/// and line breaks included (no `|` or line break before its name).
fn is_normal_command(line: &str) -> bool {
    let p = skip_colons(range::skip_range(skip_colons(line)));
    let head = line.len() - p.len();
    let (name, _) = command_name(p);
    !line[..head].contains(['|', '\n']) && table::find(name).is_some_and(|e| e.name == "normal")
}

/// Skip blanks and colons before a command (`::  d`).
fn skip_colons(s: &str) -> &str {
    s.trim_start_matches([' ', '\t', ':'])
}

/// The command name at the start of `p`: a run of letters, or one of the one-character
/// commands; and what follows it.
fn command_name(p: &str) -> (&str, &str) {
    let letters = p.len() - p.trim_start_matches(|c: char| c.is_ascii_alphabetic()).len();
    if letters > 0 {
        return p.split_at(letters);
    }
    match p.chars().next() {
        Some(c @ ('&' | '~' | '<' | '>')) => p.split_at(c.len_utf8()),
        _ => ("", p),
    }
}

/// Vim's `separate_nextcmd()` for commands that end at `|`: `\|` is a literal bar. Returns
/// the argument and the command after the bar.
fn separate_nextcmd(arg: &str) -> (&str, Option<&str>) {
    let bytes = arg.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'|') => i += 2,
            b'|' => return (&arg[..i], Some(&arg[i + 1..])),
            _ => i += 1,
        }
    }
    (arg, None)
}

/// `valid_yank_reg()`: registers a command may name (`writing`: not the read-only ones).
fn valid_register(c: char, writing: bool) -> bool {
    c.is_ascii_alphanumeric() || c == '"' || c == '-' || c == '_' || (!writing && matches!(c, '.' | ':' | '/' | '%' | '#' | '='))
}

impl Ex {
    /// A command in the table that the engine does not run.
    pub fn refuse(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        Err(vim.ex_unsupported(cmd.name, "this ex command"))
    }

    /// `:noh`: nothing to do on the text.
    pub fn nothing(_vim: &mut Vim, _cmd: &mut ExCmd) -> Res {
        Ok(())
    }

    /// The listings `:jumps`, `:marks`, `:registers`/`:display`, `:changes` and
    /// `:ls`/`:buffers`/`:files`: a title line below the command line, then the entries, so a
    /// typed line always ends at the hit-enter prompt; the text stays as it is. `:jumps`
    /// first cleans up the jump list as `<C-o>` does. Refused where the entries may not fit
    /// on the screen (a more-prompt), or where which ones are listed is not modelled (a
    /// filter argument, the change list).
    pub fn listing(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if vim.ex.global_busy {
            return Err(vim.ex_unsupported(cmd.name, "a listing inside :g"));
        }
        let filtered = !cmd.arg.trim_matches([' ', '\t']).is_empty() || cmd.forceit;
        let entries = match cmd.name {
            "jumps" => {
                vim.cleanup_jumplist(Key::Char(':'))?;
                // One line per entry, and a last `>` line when the index is past the end.
                vim.marks.jumps.len() + 1
            }
            "registers" | "display" => {
                let names = "\"0123456789abcdefghijklmnopqrstuvwxyz-.:/";
                if names.chars().any(|c| !vim.register_is_known(c)) {
                    return Err(vim.ex_unsupported(cmd.name, "listing a register the engine does not keep byte for byte"));
                }
                // Those set, the file name (`%`) and at most the alternate and expression ones.
                names.chars().filter(|&c| vim.register(c).is_some()).count() + 3
            }
            "marks" if !filtered => {
                // `'`, the named ones set, and `"` `[` `]` `^` `.` `<` `>`.
                1 + vim.marks.named.len() + 7
            }
            "marks" => {
                let listed = vim.marks_listed(cmd.arg)?;
                if listed == 0 {
                    // E283: No marks matching "{arg}": an error, and no listing.
                    return Err(vim.emsg(25 + cmd.arg.len()));
                }
                listed
            }
            "ls" | "buffers" | "files" if !filtered => 1,
            // The entries, and `>` when the cursor's place is past the newest (ex_changes()).
            "changes" => match vim.change_list_now() {
                Some((entries, idx)) => entries.len() + usize::from(idx == entries.len()),
                None => return Err(vim.ex_unsupported(cmd.name, "the change list after a change whose place in it the engine does not follow")),
            },
            _ => return Err(vim.ex_unsupported(cmd.name, "a listing with a filter")),
        };
        if entries + 1 > SCREEN_LINES_FOR_LISTING {
            return Err(vim.ex_unsupported(cmd.name, "a listing that may not fit on the screen (a more-prompt)"));
        }
        // The title starts on a new line: the screen scrolls, and the prompt follows.
        vim.ex.messages += 2;
        Ok(())
    }

    /// `:stopinsert` (`ex_stopinsert()`): in Normal mode nothing (`edit()` clears
    /// `stop_insert_mode` when an insert starts); after `<C-o>` it would end the insert, which
    /// the engine refuses with the other commands after `<C-o>`.
    pub fn stop_insert(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if vim.insert.restart.is_some() {
            return Err(vim.ex_unsupported(cmd.name, ":stopinsert after <C-o>"));
        }
        Ok(())
    }

    /// `:digraphs`: with no argument the list of digraphs, longer than the screen, raises the
    /// more-prompt (no result under the contract); with pairs `{char1}{char2} {number}` it
    /// defines digraphs for `<C-k>` (see [`crate::engine::digraph`]).
    pub fn digraphs(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
        if cmd.arg.is_empty() {
            return Err(Flow::Fatal(super::Error::NoResult(":digraphs lists more lines than the screen holds (a more-prompt)".into())));
        }
        let mut rest = cmd.arg.trim_start_matches([' ', '\t']);
        while !rest.is_empty() {
            let mut chars = rest.chars();
            let (Some(c1), Some(c2)) = (chars.next(), chars.next()) else {
                return Err(vim.ex_unsupported(cmd.name, "a digraph whose characters are not two printable ASCII characters"));
            };
            if !(c1.is_ascii_graphic() && c2.is_ascii_graphic()) {
                return Err(vim.ex_unsupported(cmd.name, "a digraph whose characters are not two printable ASCII characters"));
            }
            let after = chars.as_str().trim_start_matches([' ', '\t']);
            let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 {
                return Err(vim.ex_unsupported(cmd.name, "a digraph without its number (E39)"));
            }
            // getdigits() into an int: a longer number is not modelled.
            let Ok(result) = after[..digits].parse::<i32>() else {
                return Err(vim.ex_unsupported(cmd.name, "a digraph number larger than an int"));
            };
            crate::engine::digraph::register(&mut vim.ex.digraphs, c1 as u8, c2 as u8, result as i64);
            rest = after[digits..].trim_start_matches([' ', '\t']);
        }
        Ok(())
    }
}
impl Vim {
    /// How many marks `:marks {arg}` lists (`ex_marks()`: each mark whose name is in `arg`
    /// and that is set). Only `a`-`z`, `A`-`Z`, `'`, `` ` `` and `.` are modelled here.
    fn marks_listed(&self, arg: &str) -> Res<usize> {
        let names = arg.trim_matches([' ', '\t']);
        let mut listed = 0;
        // `'` and `` ` `` both name the previous context mark, shown once.
        if names.contains(['\'', '`']) {
            match self.marks.previous.map(|m| self.mark_set(m, super::markmove::OnDelete::Forget)) {
                Some(Some(true)) => listed += 1,
                None | Some(Some(false)) => {}
                Some(None) => return Err(self.ex_unsupported("marks", "a mark set before lines changed in a way the engine does not follow")),
            }
        }
        for c in names.chars() {
            match c {
                '\'' | '`' => {}
                // show_one_mark(): listed while set (also past the last line).
                '.' => match self.last_change() {
                    Some(Some(_)) => listed += 1,
                    Some(None) => {}
                    None => return Err(self.ex_unsupported("marks", "'. after a change whose position the engine does not follow")),
                },
                'a'..='z' | 'A'..='Z' => {
                    if let Some(mark) = self.marks.named(c) {
                        match self.mark_set(mark, super::markmove::OnDelete::of_named(c)) {
                            Some(true) => listed += 1,
                            Some(false) => {}
                            None => return Err(self.ex_unsupported("marks", "a mark set before lines changed in a way the engine does not follow")),
                        }
                    }
                }
                _ => return Err(self.ex_unsupported("marks", "listing marks other than a-z, A-Z, ' and .")),
            }
        }
        Ok(listed)
    }

    /// Is `mark` still set (`Some(false)`: deleted with its line; `None`: not known)?
    fn mark_set(&self, mark: super::markmove::Mark, on_delete: super::markmove::OnDelete) -> Option<bool> {
        match self.mark_now(mark, on_delete) {
            super::markmove::MarkAt::At(_) => Some(true),
            super::markmove::MarkAt::Deleted => Some(false),
            super::markmove::MarkAt::Unknown => None,
        }
    }
}

