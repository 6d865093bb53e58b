//! Keys out of a model's reply. Models answer in many shapes: a fenced block (as asked), a
//! block with a language tag, prose around it, a single inline code span, a JSON object
//! `{"keys": ...}`, a `Keys:` line, or the bare keys. Inside, the keys may be in Vim notation
//! (`<Esc>`), in the seed prototype's escapes (`\033`, `\x1b`, `{esc}`), or raw control bytes.
//!
//! A reply from which no program can be read without guessing (no code, several code spans
//! that disagree, an empty block) is a [`NoKeys`] with the reason: the proposer records it as a
//! rejected proposal, never a crash and never a made-up program.

use crate::keys::{parse_notation, parse_seed, Key};

/// Why a reply holds no program.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NoKeys(pub String);

/// The keys a reply proposes, and the text they were read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub keys: Vec<Key>,
    /// The program's text as the model wrote it (before notation was read).
    pub text: String,
}

/// Fence tags that mark the keys block (any other tagged block is a fallback).
const KEY_TAGS: &[&str] = &["keys", "vim", "vimkeys", "keystrokes", "text", "plaintext", "txt", ""];

/// Read the program from a reply.
pub fn parse_reply(reply: &str) -> Result<Parsed, NoKeys> {
    let reply = reply.replace("\r\n", "\n");
    let text = program_text(&reply)?;
    let keys = read_keys(&text);
    if keys.is_empty() {
        return Err(NoKeys("the reply's code is empty".into()));
    }
    Ok(Parsed { keys, text })
}

/// The program's text: where in the reply it is.
fn program_text(reply: &str) -> Result<String, NoKeys> {
    if let Some(keys) = json_keys(reply.trim()) {
        return Ok(keys);
    }
    let blocks = fenced_blocks(reply);
    if !blocks.is_empty() {
        // The block the prompt asked for (`keys`), else an untagged or vim-like one, else
        // the only block there is.
        let chosen = blocks
            .iter()
            .find(|(tag, _)| tag == "keys")
            .or_else(|| blocks.iter().find(|(tag, _)| KEY_TAGS.contains(&tag.as_str())))
            .or_else(|| (blocks.len() == 1).then(|| &blocks[0]));
        let Some((_, body)) = chosen else {
            return Err(NoKeys(format!("{} code blocks, none marked as keys", blocks.len())));
        };
        if let Some(keys) = json_keys(body.trim()) {
            return Ok(keys);
        }
        return Ok(strip_label(body).to_string());
    }
    if let Some(line) = reply.lines().find_map(|l| label_value(l.trim())) {
        return Ok(strip_ticks(line).to_string());
    }
    let spans = inline_spans(reply);
    match spans.as_slice() {
        [one] => return Ok(one.clone()),
        [first, rest @ ..] if rest.iter().all(|s| s == first) => return Ok(first.clone()),
        [] => {}
        many => return Err(NoKeys(format!("{} inline code spans and no keys block: which is the program is a guess", many.len()))),
    }
    // A one-line reply with no prose markers is taken as the bare keys.
    let trimmed = reply.trim_matches(|c: char| c == ' ' || c == '\n');
    if !trimmed.is_empty() && !trimmed.contains('\n') && !looks_like_prose(trimmed) {
        return Ok(trimmed.to_string());
    }
    Err(NoKeys("no keys block, code span or keys line in the reply".into()))
}

/// Keys from program text: the seed's escapes when it uses them and no notation, else Vim
/// notation (raw control bytes are keys as they are in both).
pub fn read_keys(text: &str) -> Vec<Key> {
    let lower = text.to_ascii_lowercase();
    let seed = lower.contains("\\033") || lower.contains("\\x1b") || lower.contains("{esc}");
    let notation = parse_notation(text);
    let names = notation.len() < text.chars().count();
    if seed && !names {
        parse_seed(text)
    } else {
        notation
    }
}

/// `(tag, body)` of every fenced block (``` or ~~~, three or more, the closing fence as long
/// as the opening). An unclosed block runs to the end of the reply.
fn fenced_blocks(reply: &str) -> Vec<(String, String)> {
    let mut blocks = Vec::new();
    let mut lines = reply.split('\n');
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        let Some(fence) = fence_of(trimmed) else { continue };
        let tag = trimmed[fence.len()..].trim().to_ascii_lowercase();
        let mut body: Vec<&str> = Vec::new();
        for inner in lines.by_ref() {
            let t = inner.trim();
            if t.starts_with(fence) && t.chars().all(|c| c == fence.chars().next().unwrap_or('`')) {
                break;
            }
            body.push(inner);
        }
        blocks.push((tag, body.join("\n")));
    }
    blocks
}

fn fence_of(line: &str) -> Option<&str> {
    for mark in ['`', '~'] {
        let n = line.chars().take_while(|&c| c == mark).count();
        if n >= 3 {
            return Some(&line[..n]);
        }
    }
    None
}

/// Inline code spans `` `...` `` (a span of N backticks closes with N).
fn inline_spans(reply: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut rest = reply;
    while let Some(start) = rest.find('`') {
        let after = &rest[start..];
        let n = after.chars().take_while(|&c| c == '`').count();
        let ticks = &after[..n];
        let body = &after[n..];
        match body.find(ticks) {
            Some(end) => {
                let span = &body[..end];
                // CommonMark trims one space each side of a span padded on both.
                let span = if span.len() > 2 && span.starts_with(' ') && span.ends_with(' ') { &span[1..span.len() - 1] } else { span };
                if !span.is_empty() {
                    spans.push(span.to_string());
                }
                rest = &body[end + n..];
            }
            None => break,
        }
    }
    spans
}

/// `{"keys": "..."}`.
fn json_keys(text: &str) -> Option<String> {
    if !text.starts_with('{') {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value.get("keys")?.as_str().map(str::to_string)
}

/// The value of a `Keys: ...` line (also `Keystrokes:` and `Answer:`).
fn label_value(line: &str) -> Option<&str> {
    let line = line.trim_start_matches(['*', '-', ' ']);
    let (label, value) = line.split_once(':')?;
    let label = label.trim_matches(['*', ' ']).to_ascii_lowercase();
    let value = value.trim_start_matches('*').trim();
    (matches!(label.as_str(), "keys" | "keystrokes" | "answer" | "program") && !value.is_empty()).then_some(value)
}

/// A block whose only line starts with `Keys:` holds the value.
fn strip_label(body: &str) -> &str {
    if !body.contains('\n') {
        if let Some(value) = label_value(body) {
            return value;
        }
    }
    body
}

fn strip_ticks(value: &str) -> &str {
    let inner = value.trim().trim_matches('`');
    if inner.is_empty() {
        value.trim()
    } else {
        inner
    }
}

/// A line that reads as an English sentence rather than keys: several words and a sentence
/// end, or the words models open prose with.
fn looks_like_prose(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let lower = line.to_ascii_lowercase();
    let openers = ["i ", "i'", "sorry", "here", "the ", "to ", "you ", "this ", "use ", "first", "we "];
    words >= 4 && (line.ends_with('.') || openers.iter().any(|o| lower.starts_with(o))) || (words >= 8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::format_keys;

    fn keys(reply: &str) -> String {
        format_keys(&parse_reply(reply).expect("keys").keys)
    }

    #[test]
    fn fenced_block_as_asked() {
        assert_eq!(keys("```keys\nciwfoo<Esc>\n```"), "ciwfoo<Esc>");
        assert_eq!(keys("Sure! Here you go:\n\n```keys\ndw\n```\nThis deletes a word."), "dw");
        assert_eq!(keys("```vim\nA;<Esc>\n```"), "A;<Esc>");
        assert_eq!(keys("```\nx\n```"), "x");
        assert_eq!(keys("~~~keys\ndd\n~~~"), "dd");
    }

    #[test]
    fn the_keys_block_wins_over_others() {
        let reply = "The target is:\n```python\nx = 1\n```\nKeys:\n```keys\nfxrb\n```";
        assert_eq!(keys(reply), "fxrb");
        let untagged = "```rust\nlet x = 1;\n```\n```\nx\n```";
        assert_eq!(keys(untagged), "x");
        assert!(parse_reply("```rust\na\n```\n```python\nb\n```").is_err());
    }

    #[test]
    fn unclosed_fence_runs_to_the_end() {
        assert_eq!(keys("```keys\nddp"), "ddp");
    }

    #[test]
    fn prose_with_one_code_span_or_a_keys_line() {
        assert_eq!(keys("Type `ciwbar<Esc>` to change the word."), "ciwbar<Esc>");
        assert_eq!(keys("Keys: `gUiw`"), "gUiw");
        assert_eq!(keys("**Keys:** 3x"), "3x");
        assert_eq!(keys("Use `dd` and then `dd` again: `dd`"), "dd");
        let err = parse_reply("Press `d` then `w`.").unwrap_err();
        assert!(err.0.contains("2 inline code spans"), "{err}");
    }

    #[test]
    fn bare_keys_and_json() {
        assert_eq!(keys("A!<Esc>"), "A!<Esc>");
        assert_eq!(keys("{\"keys\": \"dd\"}"), "dd");
        assert_eq!(keys("```json\n{\"keys\": \"x<Esc>\"}\n```"), "x<Esc>");
    }

    #[test]
    fn prose_without_keys_is_no_program() {
        for reply in ["I'm sorry, I cannot help with that.", "", "   \n  ", "You should delete the second word of the line and then save the file."] {
            assert!(parse_reply(reply).is_err(), "{reply:?}");
        }
        assert!(parse_reply("```keys\n\n```").is_err());
    }

    #[test]
    fn seed_escapes_and_raw_bytes() {
        assert_eq!(keys("```\nA, world!{esc}\n```"), "A, world!<Esc>");
        assert_eq!(keys("```\nfwc$geezer\\033\n```"), "fwc$geezer<Esc>");
        assert_eq!(keys("```\nihi\\x1b\n```"), "ihi<Esc>");
        assert_eq!(keys("```\nihi\x1b\n```"), "ihi<Esc>");
        // With notation present, a backslash sequence is a regex, not an escape.
        assert_eq!(keys("```\n:s/\\n//<CR>\n```"), ":s/\\n//<CR>");
    }

    #[test]
    fn lines_inside_a_block_are_typed_newlines() {
        assert_eq!(keys("```keys\nix\ny<Esc>\n```"), "ix<NL>y<Esc>");
        assert_eq!(keys("```keys\r\ndw\r\n```"), "dw");
    }
}
