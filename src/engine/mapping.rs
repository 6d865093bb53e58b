//! Key mappings (`:map`, `:nmap`, `:inoremap`, `:unmap`, `:mapclear` ... after Vim's `map.c`)
//! and their use as keys are read (`handle_mapping()` in `getchar.c`).
//!
//! Under the contract every key of a program is in Vim's typeahead before the first one is
//! read, so Vim never waits for a key to decide between `aa` and `aaa`: the longest mapping
//! whose keys are all waiting wins. Only at the very end of the input can a mapping wait for
//! keys that never come; Vim's `'timeout'` then uses what has fully matched.
//!
//! Keys are mapped only where Vim maps them: the first key of a Normal, Visual or
//! Operator-pending command and its count (a `0` after a count digit is not mapped), each key
//! in Insert and Replace mode and on the command line. The character after `f`, `r`, `"`,
//! `g`, `<C-v>`, `<C-r>` ... is read unmapped, as are keys Vim takes from its stuff buffer
//! (`.`, `x` as `dl`, Insert `<C-r>`). A replacement is read as not typed (one undo step,
//! not recorded); the typed keys it replaced are recorded.

use super::ex::ExCmd;
use super::{Feature, Flow, Key, Mode, Res, Vim};

/// The mode bits of a mapping (Vim's `MODE_NORMAL` ...).
pub(crate) mod modes {
    pub const NORMAL: u8 = 1 << 0;
    pub const VISUAL: u8 = 1 << 1;
    pub const SELECT: u8 = 1 << 2;
    pub const OP_PENDING: u8 = 1 << 3;
    pub const INSERT: u8 = 1 << 4;
    pub const CMDLINE: u8 = 1 << 5;
    pub const TERMINAL: u8 = 1 << 6;
    pub const ALL: [u8; 7] = [NORMAL, VISUAL, SELECT, OP_PENDING, INSERT, CMDLINE, TERMINAL];
}

/// Vim's `maxmapdepth`: more replacements than this for one key read is E223.
const MAX_MAP_DEPTH: usize = 1000;
/// Vim's `MAXMAPLEN`: the longest left-hand side, in bytes.
const MAX_LHS_BYTES: usize = 50;

/// One mapping in one mode (a `:map` makes one per mode it covers, so that a later `:nmap`
/// of the same keys replaces only the Normal-mode one, as Vim splits its entries).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mapping {
    mode: u8,
    lhs: Vec<Key>,
    rhs: Vec<Key>,
    /// `:noremap` and friends: the replacement is not mapped again.
    noremap: bool,
    /// `<buffer>`: tried before the global mappings.
    local: bool,
}

/// The mappings and abbreviations defined so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mappings {
    entries: Vec<Mapping>,
    /// Abbreviations (`:iabbrev` ...): the same entries in a list of their own, as in Vim;
    /// used by [`Vim::check_abbr`](super::Vim::check_abbr).
    abbrevs: Vec<Mapping>,
    /// An abbreviation was ever defined (Vim's `no_abbr` is FALSE from then on, even after
    /// `:abclear`): typed characters are no longer read on in one batch across the end of a
    /// word.
    pub(crate) abbreviated_once: bool,
}

impl Mappings {
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Is any mapping defined for `mode` whose keys start with `key`?
    fn any_starting(&self, mode: u8, key: Key) -> bool {
        self.entries.iter().any(|m| m.mode & mode != 0 && m.lhs.first() == Some(&key))
    }

    /// The replacement of the abbreviation `lhs` in `mode` (buffer-local ones first), and
    /// whether it is `noremap`.
    pub(crate) fn abbreviation(&self, mode: u8, lhs: &[Key]) -> Option<(&[Key], bool)> {
        let wanted = |m: &&Mapping| m.mode & mode != 0 && m.lhs == lhs;
        let local = self.abbrevs.iter().filter(|m| m.local).find(wanted);
        local.or_else(|| self.abbrevs.iter().filter(|m| !m.local).find(wanted)).map(|m| (m.rhs.as_slice(), m.noremap))
    }

    /// Are any abbreviations defined (Vim's `!no_abbr`, nearly)? Everything about them is
    /// skipped while there are none.
    #[inline]
    pub(crate) fn any_abbreviations(&self) -> bool {
        !self.abbrevs.is_empty()
    }

    /// Are abbreviations defined for `mode`?
    pub(crate) fn has_abbreviations(&self, mode: u8) -> bool {
        self.abbrevs.iter().any(|m| m.mode & mode != 0)
    }

    /// Buffer-local mappings first, as Vim walks its two hash lists.
    fn in_lookup_order(&self, mode: u8, first: Key) -> impl Iterator<Item = &Mapping> {
        let wanted = move |m: &&Mapping| m.mode & mode != 0 && m.lhs.first() == Some(&first);
        let local = self.entries.iter().filter(|m| m.local).filter(wanted);
        let global = self.entries.iter().filter(|m| !m.local).filter(wanted);
        local.chain(global)
    }
}

/// How a mapping command was spelled: which modes, and what it does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum MapKind {
    Map { noremap: bool },
    Unmap,
    Clear,
}

/// The modes and kind of each mapping command, by its full name (`get_map_mode()`); `!`
/// makes `:map`, `:noremap`, `:unmap` and `:mapclear` Insert and Command-line mode ones.
fn command_modes(name: &str, forceit: bool) -> Option<(u8, MapKind, bool)> {
    use modes::*;
    let nvo = NORMAL | VISUAL | SELECT | OP_PENDING;
    let ic = INSERT | CMDLINE;
    // The abbreviation commands (`:abbreviate`, `:inoreabbrev`, `:cunabbrev`, `:iabclear` ...)
    // are Insert and Command-line mode ones without a prefix.
    let abbreviation = match name {
        "abbreviate" => Some(("", MapKind::Map { noremap: false })),
        "noreabbrev" => Some(("", MapKind::Map { noremap: true })),
        "unabbreviate" => Some(("", MapKind::Unmap)),
        "abclear" => Some(("", MapKind::Clear)),
        _ => name
            .strip_suffix("abbrev")
            .map(|p| match p.strip_suffix("nore") {
                Some(p) => (p, MapKind::Map { noremap: true }),
                None => match p.strip_suffix("un") {
                    Some(p) => (p, MapKind::Unmap),
                    None => (p, MapKind::Map { noremap: false }),
                },
            })
            .or_else(|| name.strip_suffix("abclear").map(|p| (p, MapKind::Clear))),
    };
    if let Some((prefix, kind)) = abbreviation {
        let mode = match prefix {
            "" => ic,
            "i" => INSERT,
            "c" => CMDLINE,
            _ => return None,
        };
        return Some((mode, kind, true));
    }
    let (prefix, kind) = if let Some(p) = name.strip_suffix("noremap") {
        (p, MapKind::Map { noremap: true })
    } else if let Some(p) = name.strip_suffix("unmap") {
        (p, MapKind::Unmap)
    } else if let Some(p) = name.strip_suffix("mapclear") {
        (p, MapKind::Clear)
    } else {
        (name.strip_suffix("map")?, MapKind::Map { noremap: false })
    };
    let mode = match prefix {
        "" if forceit => ic,
        "" => nvo,
        "n" => NORMAL,
        "v" => VISUAL | SELECT,
        "x" => VISUAL,
        "s" => SELECT,
        "o" => OP_PENDING,
        "i" => INSERT,
        "c" => CMDLINE,
        "t" => TERMINAL,
        _ => return None,
    };
    Some((mode, kind, false))
}

/// The argument of a mapping command up to its `|` (which ends it: the commands have
/// `EX_TRLBAR`), as `separate_nextcmd()` leaves it for them: trailing blanks and `"` are part
/// of it (`EX_NOTRLCOM`), `\|` is a `|` of the argument (no `b` in 'cpoptions'), and a CTRL-V
/// keeps the character after it (`EX_CTRLV`).
fn split_map_argument(arg: &str) -> (String, Option<&str>) {
    let mut own = String::with_capacity(arg.len());
    let mut chars = arg.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\u{16}' => {
                own.push(c);
                if let Some((_, next)) = chars.next() {
                    own.push(next);
                }
            }
            '\\' if matches!(chars.peek(), Some((_, '|'))) => {
                own.push('|');
                chars.next();
            }
            '|' => return (own, Some(&arg[i + 1..])),
            _ => own.push(c),
        }
    }
    (own, None)
}

/// `replace_termcodes()` on one side of a mapping: Vim's key notation (no `<` in
/// 'cpoptions'), a CTRL-V taking the next character literally; a backslash is a backslash
/// (`B` in 'cpoptions'). A `<...>` that names something the engine does not model as a key
/// (`<Plug>`, `<SID>`, `<Leader>`, `<Cmd>`, ...) is refused.
fn map_keys(vim: &Vim, name: &str, text: &str) -> Res<Vec<Key>> {
    // `<Leader>` and `<LocalLeader>` are the backslash while g:mapleader and
    // g:maplocalleader are not set.
    let text = replace_ignore_case(&replace_ignore_case(text, "<leader>", "\\"), "<localleader>", "\\");
    let mut keys = Vec::with_capacity(text.len());
    let mut rest = text.as_str();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('\u{16}') {
            // A CTRL-V at the end is kept (the "from" side) or dropped; both are rare.
            let Some(c) = after.chars().next() else {
                return Err(vim.ex_unsupported(name, "a CTRL-V at the end of a mapping"));
            };
            keys.push(Key::Char(c));
            rest = &after[c.len_utf8()..];
            continue;
        }
        let run = rest.find('\u{16}').unwrap_or(rest.len());
        let (plain, after) = rest.split_at(run);
        check_bracketed_names(vim, name, plain)?;
        keys.extend(crate::keys::parse_notation(plain));
        rest = after;
    }
    if keys.iter().any(|k| matches!(k, Key::Modified(..))) {
        return Err(vim.ex_unsupported(name, "a key with a modifier in a mapping"));
    }
    Ok(keys)
}

/// `text` with every ASCII-case-insensitive `from` replaced by `to`.
fn replace_ignore_case(text: &str, from: &str, to: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (i, _) in lower.match_indices(from) {
        if i >= last {
            out.push_str(&text[last..i]);
            out.push_str(to);
            last = i + from.len();
        }
    }
    out.push_str(&text[last..]);
    out
}

/// Refuse `<name>` items that Vim reads as something else than the literal characters and
/// the engine's key notation does not know.
fn check_bracketed_names(vim: &Vim, name: &str, text: &str) -> Res {
    let bytes = text.as_bytes();
    for (start, _) in text.match_indices('<') {
        let Some(len) = bytes[start + 1..].iter().position(|&b| b == b'>') else { continue };
        let inner = &text[start + 1..start + 1 + len];
        if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            continue;
        }
        let item = &text[start..start + len + 2];
        if crate::keys::parse_notation(item).len() != 1 {
            return Err(vim.ex_unsupported(name, "a <...> name in a mapping that the engine does not model"));
        }
    }
    Ok(())
}

/// `:map {lhs} {rhs}` and the other mapping commands (`do_map()`).
pub(crate) fn ex_map(vim: &mut Vim, cmd: &mut ExCmd) -> Res {
    let Some((mode, kind, abbreviation)) = command_modes(cmd.name, cmd.forceit) else {
        return Err(vim.ex_unsupported(cmd.name, "this mapping command"));
    };
    let (arg, nextcmd) = split_map_argument(cmd.arg);
    cmd.nextcmd = nextcmd;
    if kind == MapKind::Clear {
        let arg = arg.trim_end_matches([' ', '\t']);
        if arg == "<buffer>" {
            list(vim, abbreviation).retain(|m| !(m.local && m.mode & mode != 0));
        } else if arg.is_empty() {
            list(vim, abbreviation).retain(|m| m.local || m.mode & mode == 0);
        } else {
            return Err(vim.emsg(22)); // E474: Invalid argument
        }
        return Ok(());
    }
    // The special arguments, in any order, each followed by blanks.
    let mut rest = arg.as_str();
    let (mut local, mut unique) = (false, false);
    loop {
        if rest.starts_with("<buffer>") {
            local = true;
            rest = &rest[8..];
        } else if rest.starts_with("<nowait>") || rest.starts_with("<silent>") {
            rest = &rest[8..];
        } else if rest.starts_with("<special>") {
            rest = &rest[9..];
        } else if rest.starts_with("<unique>") {
            unique = true;
            rest = &rest[8..];
        } else if rest.starts_with("<expr>") || rest.starts_with("<script>") {
            return Err(vim.ex_unsupported(cmd.name, "<expr> and <script> mappings"));
        } else {
            break;
        }
        rest = rest.trim_start_matches([' ', '\t']);
    }
    if unique && local {
        // do_map() also looks for a global mapping of the keys (E225).
        return Err(vim.ex_unsupported(cmd.name, "<unique> with <buffer>"));
    }
    // The keys end at a blank (a CTRL-V takes the next character); for :unmap the blanks
    // belong to them.
    let mut end = rest.len();
    let mut chars = rest.char_indices();
    while let Some((i, c)) = chars.next() {
        if c == '\u{16}' {
            chars.next();
        } else if kind != MapKind::Unmap && matches!(c, ' ' | '\t') {
            end = i;
            break;
        }
    }
    let (lhs_text, rhs_text) = (&rest[..end], rest[end..].trim_start_matches([' ', '\t']));
    if lhs_text.is_empty() {
        if kind == MapKind::Unmap {
            return Err(vim.emsg(22)); // E474: Invalid argument
        }
        return Err(vim.ex_unsupported(cmd.name, "listing mappings"));
    }
    // An abbreviation is removed whatever blanks follow its keys (it cannot have any).
    let lhs_text = if abbreviation && kind == MapKind::Unmap { lhs_text.trim_end_matches([' ', '\t']) } else { lhs_text };
    let lhs = map_keys(vim, cmd.name, lhs_text)?;
    if crate::keys::to_vim_bytes(&lhs).len() > MAX_LHS_BYTES {
        return Err(vim.emsg(22)); // E474: Invalid argument
    }
    if abbreviation && lhs.iter().any(|k| !matches!(k, Key::Char(c) if (*c as u32) < 0x100)) {
        return Err(vim.ex_unsupported(cmd.name, "an abbreviation of special keys or characters past 0xff"));
    }
    if abbreviation && kind != MapKind::Unmap && !valid_abbreviation(&lhs) {
        return Err(vim.emsg(22)); // E474: Invalid argument
    }
    match kind {
        MapKind::Unmap => match unmap(list(vim, abbreviation), mode, local, &lhs) {
            true => Ok(()),
            false => Err(vim.emsg(22)), // E31: No such mapping (E24 for an abbreviation)
        },
        MapKind::Map { noremap } => {
            if rhs_text.is_empty() {
                return Err(vim.ex_unsupported(cmd.name, "listing mappings"));
            }
            let rhs = if rhs_text.eq_ignore_ascii_case("<nop>") { Vec::new() } else { map_keys(vim, cmd.name, rhs_text)? };
            // do_map(): "reset flag that indicates there are no abbreviations".
            vim.mappings.abbreviated_once |= abbreviation;
            let exists = |m: &Mapping| m.local == local && m.mode & mode != 0 && m.lhs == lhs;
            if unique && list(vim, abbreviation).iter().any(exists) {
                return Err(vim.emsg(40)); // E227: Mapping already exists for ... (E226)
            }
            let entries = list(vim, abbreviation);
            entries.retain(|m| !exists(m));
            for bit in modes::ALL.into_iter().filter(|b| mode & b != 0) {
                entries.push(Mapping { mode: bit, lhs: lhs.clone(), rhs: rhs.clone(), noremap, local });
            }
            Ok(())
        }
        MapKind::Clear => Ok(()),
    }
}

/// The mappings or the abbreviations, as a command names them.
fn list(vim: &mut Vim, abbreviation: bool) -> &mut Vec<Mapping> {
    if abbreviation {
        &mut vim.mappings.abbrevs
    } else {
        &mut vim.mappings.entries
    }
}

/// do_map()'s check of an abbreviation's keys: one that ends in a keyword character is all
/// keyword characters, or all others before its last one (`#i`, `def#` and `foo` are
/// valid, `f#i` is not: its start could not be found); no blanks.
fn valid_abbreviation(lhs: &[Key]) -> bool {
    let classes: Vec<bool> = lhs.iter().map(|k| matches!(k, Key::Char(c) if super::chars::is_word_char(*c))).collect();
    let n = classes.len();
    let same = classes.iter().position(|&w| w != classes[0]).unwrap_or(n);
    let ends_in_keyword = classes.last().copied().unwrap_or(false);
    let mixed = ends_in_keyword && n > 2 && same < n - 1;
    !mixed && !lhs.iter().any(|k| matches!(k, Key::Char(' ' | '\t')))
}

/// `:unmap {lhs}`: removes the mapping of those keys in the command's modes; failing that,
/// the ones whose replacement is those keys (do_map()'s second round); false (E31) if neither.
fn unmap(entries: &mut Vec<Mapping>, mode: u8, local: bool, keys: &[Key]) -> bool {
    let before = entries.len();
    entries.retain(|m| !(m.local == local && m.mode & mode != 0 && m.lhs == keys));
    if entries.len() == before {
        entries.retain(|m| !(m.local == local && m.mode & mode != 0 && m.rhs == keys));
    }
    entries.len() != before
}

/// Where a queued key may be mapped: typed, from a macro, from `:normal` (without `!`) or from
/// a mapping that allows it.
fn remappable(origin: super::Origin, noremap: bool) -> bool {
    !noremap && !matches!(origin, super::Origin::Stuffed | super::Origin::Redo)
}

/// The mode bits a key read now is mapped in.
impl Vim {
    pub(crate) fn map_mode(&self) -> u8 {
        match self.mode {
            Mode::Insert | Mode::Replace => modes::INSERT,
            Mode::CommandLine => modes::CMDLINE,
            Mode::Visual | Mode::VisualLine | Mode::VisualBlock if self.visual.select => modes::SELECT,
            Mode::Visual | Mode::VisualLine | Mode::VisualBlock => modes::VISUAL,
            Mode::Normal | Mode::OperatorPending if self.command.pending.is_some() => modes::OP_PENDING,
            Mode::Normal | Mode::OperatorPending => modes::NORMAL,
        }
    }

    /// Read a key where Vim maps keys (`vgetc()` with mapping allowed) in the current mode.
    /// `count_started`: a count digit was read just before, so a `0` is part of it
    /// (`no_zero_mapping`).
    #[inline]
    pub(crate) fn getkey_mapped(&mut self, count_started: bool) -> Res<Key> {
        if !self.mappings.is_empty() {
            self.apply_mappings(self.map_mode(), count_started)?;
        }
        self.getkey()
    }

    /// Replace a mapping's keys at the front of the queue, so that a look at the next key
    /// sees what Vim's `vpeekc()` sees.
    #[inline]
    pub(crate) fn map_front(&mut self, count_started: bool) -> Res {
        if self.mappings.is_empty() {
            return Ok(());
        }
        self.apply_mappings(self.map_mode(), count_started)
    }

    /// Replace mapped keys at the front of the queue by their replacement, as often as the
    /// replacement starts with mapped keys again (`handle_mapping()` in a loop).
    #[inline(never)]
    fn apply_mappings(&mut self, mode: u8, count_started: bool) -> Res {
        for _ in 0..MAX_MAP_DEPTH {
            let Some(front) = self.input.queue.front() else { return Ok(()) };
            if !remappable(front.origin, front.noremap) || (count_started && front.key == Key::Char('0')) {
                return Ok(());
            }
            let first = front.key;
            if !self.mappings.any_starting(mode, first) {
                return Ok(());
            }
            let mut best: Option<&Mapping> = None;
            for m in self.mappings.in_lookup_order(mode, first) {
                let mut matched = 0;
                let mut ran_out = false;
                for (i, want) in m.lhs.iter().enumerate() {
                    match self.input.queue.get(i) {
                        None => {
                            ran_out = true;
                            break;
                        }
                        Some(q) if q.key == *want && remappable(q.origin, q.noremap) => matched += 1,
                        Some(_) => break,
                    }
                }
                if ran_out {
                    // A mapping waiting for keys not read yet: with more to come, wait; at the
                    // end of all input Vim's 'timeout' passes and the full matches count.
                    if !(self.input.final_input || self.input.mapping_timeout) || self.input.nested > 0 {
                        if self.input.nested > 0 {
                            return Err(self.unsupported(first, "a mapping that may go on past the keys of :normal"));
                        }
                        return Err(Flow::NeedInput);
                    }
                    continue;
                }
                if matched == m.lhs.len() && best.is_none_or(|b| m.lhs.len() > b.lhs.len()) {
                    best = Some(m);
                }
            }
            let Some(best) = best else { return Ok(()) };
            if mode == modes::SELECT {
                // A Visual-mode mapping used in Select mode switches to Visual mode for it.
                return Err(self.unsupported(first, "a mapping used in Select mode"));
            }
            let (lhs_len, rhs, noremap) = (best.lhs.len(), best.rhs.clone(), best.noremap);
            // "If the {rhs} starts with {lhs}, the first character is not mapped again."
            let skip_first = !noremap && rhs.starts_with(&best.lhs);
            for _ in 0..lhs_len {
                self.take_mapped_key()?;
            }
            self.push_mapped(&rhs, noremap, skip_first)?;
        }
        Err(Flow::Fatal(self.unsupported_as(Feature::Mapping, String::new(), "a recursive mapping (E223)")))
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::apply;
    use crate::keys::parse_notation;

    /// The text after `keys` (each checked in Vim 9.0.1378 under the contract).
    fn run(src: &str, keys: &str) -> String {
        let out = apply(src.as_bytes(), &parse_notation(keys)).expect("a result");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn longest_full_match_wins_and_a_count_keeps_its_zero() {
        assert_eq!(run("abcdef\n", ":nmap aa x<CR>:nmap aaa X<CR>laaa"), "bcdef\n");
        assert_eq!(run("abcdef\n", ":nmap aa x<CR>:nmap aaa X<CR>laab"), "acdef\n");
        assert_eq!(run("ab cd\n", ":nmap 0 w<CR>0x"), "ab d\n");
        assert_eq!(run("abcdefghijklmnop\n", ":nmap 0 $<CR>10x"), "klmnop\n");
    }

    #[test]
    fn replacement_is_not_typed_and_keeps_its_bar() {
        // One undo step for the whole replacement.
        assert_eq!(run("one two three\n", ":nmap Q dwdw<CR>Qu"), "one two three\n");
        // `\|` is a `|` of the replacement: the :s error ends the chain, typed keys still run.
        assert_eq!(run("abc abc\nx\n", ":nmap Q :s/o/0\\|s/e/E/<lt>CR><CR>Qjx"), "abc abc\n\n");
    }

    #[test]
    fn insert_and_operator_pending_mappings() {
        assert_eq!(run("abc\n", ":inoremap jk <lt>Esc><CR>ixyjkx"), "xabc\n");
        assert_eq!(run("abc def\n", ":omap w $<CR>dw"), "\n");
        // The key after `f` is mapped in the peek for a composing character, and dropped
        // with the rest of the mapped keys when `f` fails.
        assert_eq!(run("abc abc\n", ":nmap Q 2x<CR>fzQx"), "bc abc\n");
    }

    #[test]
    fn unmap_by_replacement_and_errors() {
        assert_eq!(run("abc\n", ":nmap , x<CR>:nunmap x<CR>,"), "abc\n");
        // E31 for the second :nunmap; the typed `x` after it still runs.
        assert_eq!(run("abc\n", ":nmap , x<CR>:nunmap x<CR>:nunmap x<CR>x"), "bc\n");
        assert_eq!(run("abc\n", ":nmap Q x<CR>:nunmap Z<CR>Q"), "bc\n");
    }
}
