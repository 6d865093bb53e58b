//! A fast reader for the usual shape of a JSONL record: one flat object whose values are all
//! strings. Bulk validation reads a million records a second, and serde_json's general
//! deserializer was a fifth of that time; this reader handles the common case in one pass
//! and says `None` for anything else (numbers, nested values, `\u` escapes, duplicate or
//! missing fields (a record without `keys` is an error, never an empty program), malformed JSON), which then goes to serde_json for its result or its
//! error message. A property test holds it to serde_json's answers.

use std::borrow::Cow;

use super::record::Record;

/// The record in `line` when it is a flat object of strings with simple escapes.
pub fn flat_record(line: &str) -> Option<Record<'_>> {
    let mut reader = Reader { text: line, at: 0 };
    let (mut source, mut keys, mut target) = (None, None, None);
    reader.skip_blank();
    reader.expect(b'{')?;
    reader.skip_blank();
    if reader.peek() != Some(b'}') {
        loop {
            let name = reader.string()?;
            reader.skip_blank();
            reader.expect(b':')?;
            reader.skip_blank();
            let value = reader.string()?;
            let slot = match &*name {
                "source" => &mut source,
                "keys" => &mut keys,
                "target" => &mut target,
                _ => &mut None,
            };
            if slot.replace(value).is_some() {
                return None; // a duplicate field: serde_json's error
            }
            reader.skip_blank();
            match reader.next()? {
                b',' => reader.skip_blank(),
                b'}' => break,
                _ => return None,
            }
        }
    } else {
        reader.at += 1;
    }
    reader.skip_blank();
    if reader.at != line.len() {
        return None;
    }
    Some(Record { source: source?, keys: keys?, target })
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn expect(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    fn skip_blank(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A string literal, borrowed when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut run = self.at;
        // One byte at a time: record strings are short, and their escapes frequent.
        loop {
            let stop = self.at;
            match *bytes.get(stop)? {
                b'"' => {
                    self.at += 1;
                    let tail = &self.text[run..stop];
                    return Some(match owned {
                        None => Cow::Borrowed(tail),
                        Some(mut s) => {
                            s.push_str(tail);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    self.at += 1;
                    let unescaped = match self.next()? {
                        b'n' => '\n',
                        b't' => '\t',
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'r' => '\r',
                        b'b' => '\x08',
                        b'f' => '\x0c',
                        _ => return None, // `\u` and invalid escapes
                    };
                    let s = owned.get_or_insert_with(|| String::with_capacity(bytes.len() - run));
                    s.push_str(&self.text[run..stop]);
                    s.push(unescaped);
                    run = self.at;
                }
                // JSON forbids raw control characters in strings.
                0..=0x1f => return None,
                _ => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde(line: &str) -> Option<Record<'_>> {
        serde_json::from_str(line).ok()
    }

    #[test]
    fn usual_record() {
        let r = flat_record(r#"{"keys":"ciwx<Esc>","source":"a\n\tb \"q\" \\","target":"x\n","lang":"rust"}"#).unwrap();
        assert_eq!((&*r.source, &*r.keys, r.target.as_deref()), ("a\n\tb \"q\" \\", "ciwx<Esc>", Some("x\n")));
        assert!(matches!(r.keys, Cow::Borrowed(_)));
    }

    #[test]
    fn other_shapes_go_to_serde() {
        for line in [
            r#"{"source":"a","n":3}"#,
            r#"{"source":"\u00e9"}"#,
            r#"{"source":"a","source":"b"}"#,
            r#"{"keys":"x"}"#,
            r#"{"source":"a"} x"#,
            r#"{"source":"a",}"#,
            "{\"source\":\"a\tb\"}",
            r#"{"source":"a\q"}"#,
            r#"["source"]"#,
        ] {
            assert_eq!(flat_record(line), None, "{line}");
        }
    }

    #[test]
    fn blanks_and_empty_objects() {
        assert_eq!(flat_record(" { \"source\" : \"a\" , \"keys\":\"\" } ").map(|r| r.source), Some(Cow::Borrowed("a")));
        assert_eq!(flat_record("{}"), None);
    }

    proptest! {
        #[test]
        fn agrees_with_serde_json(source in "[a-c\n\t\"\\\\/é\u{1}]{0,12}", keys in "[a-c<>\\\\\"]{0,6}", extra in proptest::option::of("[a-z]{1,3}"), spaced: bool) {
            let mut object = serde_json::json!({ "source": source, "keys": keys });
            if let Some(e) = extra {
                object[e] = serde_json::json!("v");
            }
            let line = if spaced { serde_json::to_string_pretty(&object).unwrap().replace('\n', " ") } else { object.to_string() };
            if let Some(fast) = flat_record(&line) {
                prop_assert_eq!(Some(fast), serde(&line));
            }
        }

        #[test]
        fn never_accepts_what_serde_refuses(line in "[{}\":,a-c\\\\ n]{0,24}") {
            if let Some(fast) = flat_record(&line) {
                prop_assert_eq!(Some(fast), serde(&line));
            }
        }
    }
}
