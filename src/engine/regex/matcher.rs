//! Matching: the parsed pattern compiled to a small program and run by a backtracking machine
//! with an explicit stack, in Vim's order (the first alternative that lets the rest match,
//! greedy multis longest first, `\{-}` shortest first, an iteration of a `*` loop that
//! matched nothing ends the loop, as in Vim's NFA engine). Every instruction counts against a
//! step budget, so a catastrophic pattern ends as [`RegexError::LimitExceeded`].
//!
//! Positions are (line, byte column). In buffer mode a line break follows every line,
//! the last one included: Vim lets `\n` match there, into an empty line past the end.

use super::class::{chars_equal, Class, Collection};
use super::parse::{Assertion, Cmp, Look, Node};
use super::{MatchEnv, RegexError};
use crate::engine::Pos;

/// Work allowed for one match attempt sequence (one `find_at` call).
pub(crate) const STEP_BUDGET: u64 = 2_000_000;
/// The most instructions a compiled pattern may have (`\{}` unrolls).
const MAX_PROGRAM: usize = 20_000;

/// Slots: 0 `\zs`, 1 `\ze`, then start and end of groups 1..9.
pub(crate) const SLOTS: usize = 20;

#[derive(Clone, Debug)]
pub(crate) enum Atom {
    Char(char),
    Any { nl: bool },
    Class { class: Class, nl: bool },
    Set { set: usize, nl: bool },
    Newline,
}

#[derive(Clone, Debug)]
enum Inst {
    Atom(Atom),
    Assert(Assertion),
    Save(usize),
    /// Try the first target, on failure the second.
    Split(usize, usize),
    Jmp(usize),
    /// The start of an iteration of a `*` loop: remember where.
    LoopStart(usize),
    /// The end of an iteration: on to the loop's head, or out when it matched nothing.
    LoopEnd { reg: usize, head: usize, exit: usize },
    /// A simple atom repeated `min..=max` times, greedy or not.
    Repeat { atom: Atom, min: u32, max: Option<u32>, greedy: bool },
    Backref(usize),
    Look { kind: Look, prog: usize },
    /// The end of a look-behind's pattern: it must end where the look-behind stands.
    AtTarget,
    Match,
}

/// The compiled pattern: program 0 is the pattern, the others are lookaround bodies.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    progs: Vec<Vec<Inst>>,
    sets: Vec<Collection>,
    loops: usize,
    pub(crate) ignore_case: bool,
}

struct Compiler {
    progs: Vec<Vec<Inst>>,
    sets: Vec<Collection>,
    loops: usize,
    size: usize,
}

pub(crate) fn compile(root: &Node, ignore_case: bool) -> Result<Program, RegexError> {
    let mut c = Compiler { progs: vec![Vec::new()], sets: Vec::new(), loops: 0, size: 0 };
    c.emit_node(0, root)?;
    c.progs[0].push(Inst::Match);
    Ok(Program { progs: c.progs, sets: c.sets, loops: c.loops, ignore_case })
}

impl Compiler {
    fn push(&mut self, p: usize, inst: Inst) -> Result<usize, RegexError> {
        self.size += 1;
        if self.size > MAX_PROGRAM {
            return Err(RegexError::LimitExceeded);
        }
        self.progs[p].push(inst);
        Ok(self.progs[p].len() - 1)
    }

    fn here(&self, p: usize) -> usize {
        self.progs[p].len()
    }

    fn simple(&mut self, node: &Node) -> Option<Atom> {
        Some(match node {
            Node::Char(c) => Atom::Char(*c),
            Node::Any { nl } => Atom::Any { nl: *nl },
            Node::Class { class, nl } => Atom::Class { class: *class, nl: *nl },
            Node::Set { set, nl } => {
                self.sets.push((**set).clone());
                Atom::Set { set: self.sets.len() - 1, nl: *nl }
            }
            Node::Newline => Atom::Newline,
            _ => return None,
        })
    }

    fn emit_node(&mut self, p: usize, node: &Node) -> Result<(), RegexError> {
        match node {
            Node::Empty => {}
            Node::Char(_) | Node::Any { .. } | Node::Class { .. } | Node::Set { .. } | Node::Newline => {
                if let Some(atom) = self.simple(node) {
                    self.push(p, Inst::Atom(atom))?;
                }
            }
            Node::Assert(a) => {
                self.push(p, Inst::Assert(*a))?;
            }
            Node::MatchStart => {
                self.push(p, Inst::Save(0))?;
            }
            Node::MatchEnd => {
                self.push(p, Inst::Save(1))?;
            }
            Node::Group { index, body } => match index {
                Some(i) => {
                    self.push(p, Inst::Save(2 * i))?;
                    self.emit_node(p, body)?;
                    self.push(p, Inst::Save(2 * i + 1))?;
                }
                None => self.emit_node(p, body)?,
            },
            Node::Backref(n) => {
                self.push(p, Inst::Backref(*n))?;
            }
            Node::Concat(items) => {
                for item in items {
                    self.emit_node(p, item)?;
                }
            }
            Node::Alt(branches) => {
                let mut jumps = Vec::new();
                for (i, b) in branches.iter().enumerate() {
                    if i + 1 < branches.len() {
                        let split = self.push(p, Inst::Split(0, 0))?;
                        self.emit_node(p, b)?;
                        jumps.push(self.push(p, Inst::Jmp(0))?);
                        let next = self.here(p);
                        self.progs[p][split] = Inst::Split(split + 1, next);
                    } else {
                        self.emit_node(p, b)?;
                    }
                }
                let end = self.here(p);
                for j in jumps {
                    self.progs[p][j] = Inst::Jmp(end);
                }
            }
            Node::OptionalSeq(items) => {
                // a\%[bc] is a, then (b, then (c or nothing)) or nothing.
                let mut splits = Vec::new();
                for item in items {
                    splits.push(self.push(p, Inst::Split(0, 0))?);
                    self.emit_node(p, item)?;
                }
                let end = self.here(p);
                for s in splits {
                    self.progs[p][s] = Inst::Split(s + 1, end);
                }
            }
            Node::Repeat { body, min, max, greedy } => {
                if let Some(atom) = self.simple(body) {
                    self.push(p, Inst::Repeat { atom, min: *min, max: *max, greedy: *greedy })?;
                    return Ok(());
                }
                for _ in 0..*min {
                    self.emit_node(p, body)?;
                }
                match max {
                    None => {
                        // Vim's NFA: an iteration that matched nothing ends the loop (its
                        // states are already in the list at this position).
                        let reg = self.loops;
                        self.loops += 1;
                        let split = self.push(p, Inst::Split(0, 0))?;
                        self.push(p, Inst::LoopStart(reg))?;
                        self.emit_node(p, body)?;
                        let end_at = self.push(p, Inst::LoopEnd { reg, head: split, exit: 0 })?;
                        let exit = self.here(p);
                        self.progs[p][end_at] = Inst::LoopEnd { reg, head: split, exit };
                        self.progs[p][split] = if *greedy { Inst::Split(split + 1, exit) } else { Inst::Split(exit, split + 1) };
                    }
                    Some(max) => {
                        // Vim's NFA copies the body for each count: no loop to stop.
                        let mut splits = Vec::new();
                        for _ in *min..*max {
                            splits.push(self.push(p, Inst::Split(0, 0))?);
                            self.emit_node(p, body)?;
                        }
                        let end = self.here(p);
                        for s in splits {
                            self.progs[p][s] = if *greedy { Inst::Split(s + 1, end) } else { Inst::Split(end, s + 1) };
                        }
                    }
                }
            }
            Node::Look { kind, body } => {
                let sub = self.progs.len();
                self.progs.push(Vec::new());
                self.emit_node(sub, body)?;
                if matches!(kind, Look::Behind(_) | Look::NotBehind(_)) {
                    self.push(sub, Inst::AtTarget)?;
                }
                self.push(sub, Inst::Match)?;
                self.push(p, Inst::Look { kind: *kind, prog: sub })?;
            }
        }
        Ok(())
    }
}

/// What the backtracking stack remembers.
enum Frame {
    /// Resume at `pc` with `pos`.
    Alt { pc: usize, pos: Pos },
    Slot { slot: usize, old: Option<Pos> },
    Loop { reg: usize, old: Option<Pos> },
    Slots(Box<[Option<Pos>; SLOTS]>),
    /// A greedy simple repeat: the positions after each count are in the arena from `base`;
    /// `count` is the count to try next (going down to `min`).
    Greedy { pc: usize, base: usize, count: usize, min: usize },
    /// A lazy simple repeat at `count` repetitions, ending at `pos`.
    Lazy { pc: usize, pos: Pos, count: u32, max: Option<u32>, atom: usize },
}

/// One matching run over the lines.
pub(crate) struct Machine<'a> {
    prog: &'a Program,
    lines: &'a [String],
    env: &'a MatchEnv,
    pub(crate) slots: [Option<Pos>; SLOTS],
    loops: Vec<Option<Pos>>,
    stack: Vec<Frame>,
    arena: Vec<Pos>,
    /// Atoms of lazy repeats, referred to by index from the stack.
    lazy_atoms: Vec<Atom>,
    steps: u64,
    target: Option<Pos>,
}

impl<'a> Machine<'a> {
    pub(crate) fn new(prog: &'a Program, lines: &'a [String], env: &'a MatchEnv) -> Machine<'a> {
        Machine { prog, lines, env, slots: [None; SLOTS], loops: vec![None; prog.loops], stack: Vec::new(), arena: Vec::new(), lazy_atoms: Vec::new(), steps: 0, target: None }
    }

    /// Try to match at `pos`; the end of the match.
    pub(crate) fn try_at(&mut self, pos: Pos) -> Result<Option<Pos>, RegexError> {
        self.slots = [None; SLOTS];
        self.loops.iter_mut().for_each(|l| *l = None);
        self.stack.clear();
        self.arena.clear();
        self.lazy_atoms.clear();
        self.run(0, pos)
    }

    fn line(&self, l: usize) -> &str {
        self.lines.get(l).map_or("", String::as_str)
    }

    /// The line count a match may reach: the last line's break leads to an empty line.
    fn has_break_after(&self, l: usize) -> bool {
        self.env.multiline && l < self.lines.len()
    }

    /// The character at `pos` and the position after it; `'\n'` stands for a line break.
    /// `None` at the end of the text.
    fn char_at(&self, pos: Pos) -> Result<Option<(char, Pos)>, RegexError> {
        let line = self.line(pos.line);
        match line[pos.col..].chars().next() {
            Some(c) => {
                if c == '\n' || c == '\0' || super::class::is_composing(c) {
                    return Err(RegexError::Unsupported("a NUL or composing character in the text".into()));
                }
                Ok(Some((c, Pos::new(pos.line, pos.col + c.len_utf8()))))
            }
            None if self.has_break_after(pos.line) => Ok(Some(('\n', Pos::new(pos.line + 1, 0)))),
            None => Ok(None),
        }
    }

    /// Does `atom` match at `pos`? The position after it.
    fn atom(&self, atom: &Atom, pos: Pos) -> Result<Option<Pos>, RegexError> {
        let Some((c, next)) = self.char_at(pos)? else { return Ok(None) };
        let at_break = pos.col == self.line(pos.line).len();
        let ic = self.prog.ignore_case;
        let ok = match atom {
            Atom::Newline => at_break,
            _ if at_break => match atom {
                Atom::Any { nl } | Atom::Class { nl, .. } | Atom::Set { nl, .. } => *nl,
                _ => false,
            },
            Atom::Char(x) => chars_equal(*x, c, ic).ok_or_else(unknown)?,
            Atom::Any { .. } => true,
            Atom::Class { class, .. } => class.contains(c).ok_or_else(unknown)?,
            Atom::Set { set, .. } => self.prog.sets[*set].matches(c, ic).ok_or_else(unknown)?,
        };
        Ok(ok.then_some(next))
    }

    fn step(&mut self) -> Result<(), RegexError> {
        self.steps += 1;
        if self.steps > STEP_BUDGET {
            return Err(RegexError::LimitExceeded);
        }
        Ok(())
    }

    /// Run program `p` from `pos`; on success the end position (the stack above the entry
    /// level is then discarded by the caller as needed).
    fn run(&mut self, p: usize, start: Pos) -> Result<Option<Pos>, RegexError> {
        let base = self.stack.len();
        let arena_base = self.arena.len();
        let mut pc = 0;
        let mut pos = start;
        loop {
            self.step()?;
            let ok = match &self.prog.progs[p][pc] {
                Inst::Match => return Ok(Some(pos)),
                Inst::Atom(a) => match self.atom(a, pos)? {
                    Some(n) => {
                        pos = n;
                        pc += 1;
                        true
                    }
                    None => false,
                },
                Inst::Assert(a) => {
                    let a = *a;
                    pc += 1;
                    self.assert(a, pos)?
                }
                Inst::Save(s) => {
                    let s = *s;
                    self.stack.push(Frame::Slot { slot: s, old: self.slots[s] });
                    self.slots[s] = Some(pos);
                    pc += 1;
                    true
                }
                Inst::Split(a, b) => {
                    self.stack.push(Frame::Alt { pc: *b, pos });
                    pc = *a;
                    true
                }
                Inst::Jmp(t) => {
                    pc = *t;
                    true
                }
                Inst::LoopStart(r) => {
                    let r = *r;
                    self.stack.push(Frame::Loop { reg: r, old: self.loops[r] });
                    self.loops[r] = Some(pos);
                    pc += 1;
                    true
                }
                Inst::LoopEnd { reg, head, exit } => {
                    pc = if self.loops[*reg] == Some(pos) { *exit } else { *head };
                    true
                }
                Inst::Repeat { atom, min, max, greedy } => {
                    let (atom, min, max, greedy) = (atom.clone(), *min, *max, *greedy);
                    pc += 1;
                    if greedy {
                        let arena_start = self.arena.len();
                        self.arena.push(pos);
                        let mut at = pos;
                        while max.map_or(true, |m| self.arena.len() - arena_start <= m as usize) {
                            self.step()?;
                            match self.atom(&atom, at)? {
                                Some(n) => {
                                    at = n;
                                    self.arena.push(n);
                                }
                                None => break,
                            }
                        }
                        let count = self.arena.len() - arena_start - 1;
                        if count < min as usize {
                            self.arena.truncate(arena_start);
                            false
                        } else {
                            self.stack.push(Frame::Greedy { pc, base: arena_start, count, min: min as usize });
                            // Resume through the backtrack path, which takes the longest first.
                            match self.backtrack(base, arena_base)? {
                                Some((npc, npos)) => {
                                    pc = npc;
                                    pos = npos;
                                    continue;
                                }
                                None => return Ok(None),
                            }
                        }
                    } else {
                        let mut at = pos;
                        let mut ok = true;
                        for _ in 0..min {
                            self.step()?;
                            match self.atom(&atom, at)? {
                                Some(n) => at = n,
                                None => {
                                    ok = false;
                                    break;
                                }
                            }
                        }
                        if ok {
                            self.lazy_atoms.push(atom);
                            let idx = self.lazy_atoms.len() - 1;
                            self.stack.push(Frame::Lazy { pc, pos: at, count: min, max, atom: idx });
                            pos = at;
                        }
                        ok
                    }
                }
                Inst::Backref(n) => {
                    let n = *n;
                    pc += 1;
                    match self.backref(n, pos)? {
                        Some(e) => {
                            pos = e;
                            true
                        }
                        None => false,
                    }
                }
                Inst::AtTarget => {
                    pc += 1;
                    Some(pos) == self.target
                }
                Inst::Look { kind, prog } => {
                    let (kind, sub) = (*kind, *prog);
                    pc += 1;
                    match self.look(kind, sub, pos)? {
                        Some(e) => {
                            pos = e;
                            true
                        }
                        None => false,
                    }
                }
            };
            if !ok {
                match self.backtrack(base, arena_base)? {
                    Some((npc, npos)) => {
                        pc = npc;
                        pos = npos;
                    }
                    None => return Ok(None),
                }
            }
        }
    }

    /// Undo to the last choice above `base`; where to go on.
    fn backtrack(&mut self, base: usize, arena_base: usize) -> Result<Option<(usize, Pos)>, RegexError> {
        while self.stack.len() > base {
            self.step()?;
            let Some(frame) = self.stack.pop() else { break };
            match frame {
                Frame::Alt { pc, pos } => return Ok(Some((pc, pos))),
                Frame::Slot { slot, old } => self.slots[slot] = old,
                Frame::Loop { reg, old } => self.loops[reg] = old,
                Frame::Slots(s) => self.slots = *s,
                Frame::Greedy { pc, base: ab, count, min } => {
                    let pos = self.arena[ab + count];
                    if count > min {
                        self.stack.push(Frame::Greedy { pc, base: ab, count: count - 1, min });
                    } else {
                        self.arena.truncate(ab);
                    }
                    return Ok(Some((pc, pos)));
                }
                Frame::Lazy { pc, pos, count, max, atom } => {
                    if max.map_or(true, |m| count < m) {
                        let a = self.lazy_atoms[atom].clone();
                        if let Some(n) = self.atom(&a, pos)? {
                            self.stack.push(Frame::Lazy { pc, pos: n, count: count + 1, max, atom });
                            return Ok(Some((pc, n)));
                        }
                    }
                }
            }
        }
        self.arena.truncate(arena_base);
        Ok(None)
    }

    /// Run a lookaround or atomic group at `pos`: where the match goes on, if it does.
    fn look(&mut self, kind: Look, sub: usize, pos: Pos) -> Result<Option<Pos>, RegexError> {
        let saved = Box::new(self.slots);
        let saved_target = self.target;
        let base = self.stack.len();
        let arena_len = self.arena.len();
        let found = match kind {
            Look::Ahead | Look::NotAhead | Look::Atomic => self.run(sub, pos)?,
            Look::Behind(limit) | Look::NotBehind(limit) => {
                self.target = Some(pos);
                let mut found = None;
                for start in self.behind_starts(pos, limit) {
                    self.step()?;
                    if let Some(e) = self.run(sub, start)? {
                        found = Some(e);
                        break;
                    }
                }
                found
            }
        };
        self.target = saved_target;
        // The lookaround's own choices are never revisited: drop them, keep its captures.
        self.unwind_to(base);
        self.arena.truncate(arena_len);
        let positive = matches!(kind, Look::Ahead | Look::Behind(_) | Look::Atomic);
        match (found, positive) {
            (Some(end), true) => {
                self.stack.push(Frame::Slots(saved));
                Ok(Some(if kind == Look::Atomic { end } else { pos }))
            }
            (None, false) => {
                self.slots = *saved;
                Ok(Some(pos))
            }
            _ => {
                self.slots = *saved;
                Ok(None)
            }
        }
    }

    /// Drop the stack above `base` without undoing captures (loop registers are restored:
    /// they belong to the sub-pattern).
    fn unwind_to(&mut self, base: usize) {
        while self.stack.len() > base {
            if let Some(Frame::Loop { reg, old }) = self.stack.pop() {
                self.loops[reg] = old;
            }
        }
    }

    /// Where a look-behind tries its pattern, leftmost first: Vim's NFA runs it once from a
    /// start point (the previous line's start, or `limit` bytes back as `recursive_regmatch()`
    /// computes it) and the earliest start whose match ends at `pos` wins.
    fn behind_starts(&self, pos: Pos, limit: usize) -> Vec<Pos> {
        let multi = self.env.multiline;
        let mut from = if limit == 0 {
            if multi && pos.line > 0 {
                Pos::new(pos.line - 1, 0)
            } else {
                Pos::new(pos.line, 0)
            }
        } else {
            let mut at = pos;
            if multi && pos.col < limit {
                at = if pos.line > 0 { Pos::new(pos.line - 1, self.line(pos.line - 1).len()) } else { Pos::new(pos.line, 0) };
            }
            if at.col >= limit {
                let line = self.line(at.line);
                let mut col = at.col - limit;
                while !line.is_char_boundary(col) {
                    col -= 1;
                }
                Pos::new(at.line, col)
            } else {
                Pos::new(at.line, 0)
            }
        };
        let mut starts = Vec::new();
        while from <= pos {
            starts.push(from);
            let line = self.line(from.line);
            from = match line[from.col..].chars().next() {
                Some(c) => Pos::new(from.line, from.col + c.len_utf8()),
                None => Pos::new(from.line + 1, 0),
            };
        }
        starts
    }

    /// `\1`: the text of group `n` again at `pos` (empty when the group did not match).
    fn backref(&mut self, n: usize, pos: Pos) -> Result<Option<Pos>, RegexError> {
        let (Some(s), Some(e)) = (self.slots[2 * n], self.slots[2 * n + 1]) else { return Ok(Some(pos)) };
        if e < s {
            return Ok(Some(pos));
        }
        let mut from = s;
        let mut at = pos;
        while from != e {
            self.step()?;
            let Some((c, next)) = self.char_at(from)? else { return Ok(None) };
            let Some((d, next_at)) = self.char_at(at)? else { return Ok(None) };
            let from_break = from.col == self.line(from.line).len();
            let at_break = at.col == self.line(at.line).len();
            if from_break != at_break || (!from_break && !chars_equal(c, d, self.prog.ignore_case).ok_or_else(unknown)?) {
                return Ok(None);
            }
            from = next;
            at = next_at;
        }
        Ok(Some(at))
    }

    fn assert(&self, a: Assertion, pos: Pos) -> Result<bool, RegexError> {
        let line = self.line(pos.line);
        Ok(match a {
            Assertion::Bol => pos.col == 0,
            Assertion::Eol => pos.col == line.len(),
            Assertion::Bow => {
                let Some(this) = line[pos.col..].chars().next() else { return Ok(false) };
                let this = word_class(this)?;
                let prev = line[..pos.col].chars().next_back().map(word_class).transpose()?;
                this > 1 && prev != Some(this)
            }
            Assertion::Eow => {
                if pos.col == 0 {
                    return Ok(false);
                }
                let this = line[pos.col..].chars().next().map_or(Ok(0), word_class)?;
                let prev = line[..pos.col].chars().next_back().map_or(Ok(0), word_class)?;
                !(this == prev || prev == 0 || prev == 1)
            }
            Assertion::Bof => self.env.multiline && pos == Pos::new(0, 0) || !self.env.multiline && pos.col == 0,
            Assertion::Eof => pos.line + 1 == self.lines.len() && pos.col == line.len(),
            Assertion::Cursor => self.env.multiline && self.env.cursor == Some(pos),
            Assertion::Line(cmp, n) => self.env.multiline && compare(cmp, pos.line + 1, n),
            Assertion::Col(cmp, n) => compare(cmp, pos.col + 1, n),
            Assertion::Vcol(cmp, n) => {
                let mut vcol = 0;
                for c in line[..pos.col].chars() {
                    if !c.is_ascii() {
                        return Err(RegexError::Unsupported("\\%v after a character above ASCII".into()));
                    }
                    vcol += if c == '\t' { 8 - vcol % 8 } else if c.is_ascii_control() { 2 } else { 1 };
                }
                compare(cmp, vcol + 1, n)
            }
            Assertion::Visual => return Err(RegexError::Unsupported("\\%V (the Visual area)".into())),
            Assertion::Mark(..) => return Err(RegexError::Unsupported("\\%'m (marks in a pattern)".into())),
        })
    }
}

fn unknown() -> RegexError {
    RegexError::Unsupported("a character above ASCII whose class or case Vim takes from its tables".into())
}

/// Vim's `mb_get_class()` for the word tests: 0 blank, 1 punctuation, 2 keyword, and
/// Unicode's word classes above 0xff (CJK, Hangul, ...), as the word motions use them.
fn word_class(c: char) -> Result<u32, RegexError> {
    crate::engine::chars::class(c).ok_or_else(unknown)
}

fn compare(cmp: Cmp, value: usize, n: usize) -> bool {
    match cmp {
        Cmp::Eq => value == n,
        Cmp::Lt => value < n,
        Cmp::Gt => value > n,
    }
}
