//! The built-in synthesiser: any (source, target) pair in, short Vim programs out, each proven
//! by the emulator before it is returned.
//!
//! A program is built the way a person edits: a line diff gives the runs of changed lines,
//! top to bottom; runs of equal length are edited in place, character regions inside each
//! line mapped to motions (`f t w e b 0 $ |`, counts) and changes (`c d x r s R ~ gU i a A I
//! C D`, text objects, `<C-a>`), while lines that come or go are opened (`o`, `O`), deleted
//! (`dd`, `dj`, `dG`) or retyped (`S`). At every step the [`plan::Planner`] tries the
//! candidates cheapest first (cost = keys, navigation included) in the emulator and keeps the
//! first that does what is wanted, so `.` and `;` are used exactly when they repeat the right
//! thing. Each whole program is then run once more from the source under the contract
//! ([`crate::apply`]) and returned only if it gives the target.
//!
//! [`Style`]s give different programs for one pair: `motions` (the shortest found), `basic`
//! (only `h l 0 $ f F j k G` and `x i a A I r s S o O dd`: what a beginner types) and `lines`
//! (retype each changed run of lines after `{n}G`: the naive baseline the others are measured
//! against).

pub mod plan;
pub mod regions;

use crate::dataset::record::output_matches;
use crate::engine::Vim;
use crate::keys::{format_keys, Key};

use plan::{Palette, Planner};

/// The synthesiser's version, written into each record's provenance. Bump it when the
/// programs it makes change.
pub const VERSION: &str = "synth-1";

/// A family of programs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Style {
    /// The shortest program the search finds: word motions, operators, text objects, `.`.
    Motions,
    /// Only the commands a beginner knows.
    Basic,
    /// Retype each changed run of lines (the naive baseline).
    Lines,
}

impl Style {
    pub const ALL: [Style; 3] = [Style::Motions, Style::Basic, Style::Lines];

    pub fn name(self) -> &'static str {
        match self {
            Style::Motions => "motions",
            Style::Basic => "basic",
            Style::Lines => "lines",
        }
    }
}

/// One proven program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Program {
    pub style: Style,
    pub keys: Vec<Key>,
}

impl Program {
    /// The keys in canonical Vim notation.
    pub fn notation(&self) -> String {
        format_keys(&self.keys)
    }
}

/// Why the synthesiser has no program for a pair.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SynthError {
    /// The emulator refuses the source text itself (characters it does not model).
    #[error("the emulator does not model this text: {0}")]
    Text(String),
    /// No style produced a program the emulator proves (e.g. a CRLF source with an LF target).
    #[error("no proven program: {0}")]
    NoProgram(String),
}

/// Up to `n` distinct proven programs for the pair, in the order of [`Style::ALL`]
/// (shortest first, so the first is the one to keep when only one is wanted).
pub fn synthesize(source: &str, target: &str, n: usize) -> Result<Vec<Program>, SynthError> {
    // Run the empty program first: it refuses texts the emulator does not model, and gives
    // the buffer as Vim reads the file (line endings and all).
    crate::apply(source.as_bytes(), &[]).map_err(|e| SynthError::Text(e.to_string()))?;
    let start = Vim::new(source);
    let target_lines: Vec<String> = Vim::new(target).lines().to_vec();
    let mut programs: Vec<Program> = Vec::new();
    let mut last_failure = String::from("no style applies");
    for style in Style::ALL {
        if programs.len() >= n {
            break;
        }
        let planned = match style {
            Style::Motions => Planner::new(&start, Palette { rich_motions: true, operators: true, dot: true }).transform(&target_lines),
            Style::Basic => Planner::new(&start, Palette { rich_motions: false, operators: false, dot: false }).transform(&target_lines),
            Style::Lines => Planner::new(&start, Palette { rich_motions: false, operators: false, dot: false }).retype_naive(&target_lines),
        };
        let Some(planned) = planned else {
            last_failure = format!("the {} style found no program", style.name());
            continue;
        };
        let keys = planned.keys().to_vec();
        match prove(source, target, &keys) {
            Ok(()) => {
                if !programs.iter().any(|p| p.keys == keys) {
                    programs.push(Program { style, keys });
                }
            }
            Err(why) => last_failure = format!("the {} style's program {}: {why}", style.name(), format_keys(&keys)),
        }
    }
    if programs.is_empty() {
        return Err(SynthError::NoProgram(last_failure));
    }
    Ok(programs)
}

/// The naive program for a pair (retype every changed run of lines), proven; the baseline
/// keystroke count.
pub fn naive(source: &str, target: &str) -> Option<Program> {
    let start = Vim::new(source);
    let target_lines: Vec<String> = Vim::new(target).lines().to_vec();
    let planned = Planner::new(&start, Palette { rich_motions: false, operators: false, dot: false }).retype_naive(&target_lines)?;
    let keys = planned.keys().to_vec();
    prove(source, target, &keys).ok()?;
    Some(Program { style: Style::Lines, keys })
}

/// Run `keys` on `source` under the contract and check the result is `target` (line-wise).
pub fn prove(source: &str, target: &str, keys: &[Key]) -> Result<(), String> {
    match crate::apply(source.as_bytes(), keys) {
        Ok(out) if output_matches(&out, target.as_bytes(), false) => Ok(()),
        Ok(out) => Err(format!("gives {:?}", String::from_utf8_lossy(&out))),
        Err(e) => Err(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(source: &str, target: &str) -> String {
        synthesize(source, target, 1).unwrap()[0].notation()
    }

    #[test]
    fn the_seed_table_gets_short_proven_programs() {
        assert_eq!(best("hello world\n", "hello geezer\n"), "wCgeezer<Esc>");
        assert_eq!(best("hello\n", "hello, world!\n"), "A, world!<Esc>");
        assert_eq!(best("unix\n", "UNIX\n"), "4~");
        assert_eq!(best("good morning\n", "good evening\n"), "wReve<Esc>");
        assert_eq!(best("remove me\n", "remove\n"), "6lD");
        assert_eq!(best("start end\n", "start and end\n"), "wiand <Esc>");
        assert_eq!(best("", "hello world\n"), "Ahello world<Esc>");
    }

    #[test]
    fn every_style_is_proven_and_distinct() {
        let programs = synthesize("fn a() {\n    let x = 1;\n}\n", "fn a() {\n    let y = 2;\n    y\n}\n", 3).unwrap();
        assert_eq!(programs.len(), 3);
        for p in &programs {
            prove("fn a() {\n    let x = 1;\n}\n", "fn a() {\n    let y = 2;\n    y\n}\n", &p.keys).unwrap();
        }
    }

    #[test]
    fn repeated_edits_use_dot() {
        let keys = best("a = 1;\nb = 1;\nc = 1;\n", "a = 1\nb = 1\nc = 1\n");
        assert!(keys.contains('.'), "{keys}");
    }
}
