//! Dataset records and their file formats.
//!
//! A record is `(source, keys, target)`. Datasets are JSONL (one object per line; fields other
//! than `source`, `keys` and `target` are ignored) or the seed prototype's CSV/TSV with the
//! columns `source,target,transform`. Reading never stops at a bad record: each line becomes
//! either a record or an error for that line, so a bulk run finishes and reports it.

use std::borrow::Cow;
use std::io::BufRead;

use crate::keys::{parse, Key, KeysFormat};

/// One record as read from a dataset line.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct Record<'a> {
    #[serde(borrow)]
    pub source: Cow<'a, str>,
    /// Required: a record without `keys` (a typo such as `"key"`) is an error for that line,
    /// never an empty program that silently leaves the text unchanged.
    #[serde(borrow)]
    pub keys: Cow<'a, str>,
    #[serde(borrow, default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Cow<'a, str>>,
}

impl Record<'_> {
    /// The record's keys as [`Key`]s.
    pub fn parsed_keys(&self, format: KeysFormat) -> Vec<Key> {
        parse(&self.keys, format)
    }

    /// An owned copy.
    pub fn into_owned(self) -> Record<'static> {
        Record {
            source: Cow::Owned(self.source.into_owned()),
            keys: Cow::Owned(self.keys.into_owned()),
            target: self.target.map(|t| Cow::Owned(t.into_owned())),
        }
    }
}

/// A program with real Vim's result as recorded under the contract: the lines of
/// `tests/data/*.jsonl`, written by `examples/record_corpus.rs` and read by the corpus test,
/// `vimdata diff` (which re-checks the recording against live Vim) and the corpus table.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct RecordedCase {
    pub source: String,
    pub keys: String,
    /// Absent in a dataset that was not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vim: Option<VimResult>,
}

/// What real Vim gave: the bytes written, or the kind of error (`exit`, `timeout` ...).
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
pub struct VimResult {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Why a dataset line is not a record. Line numbers are 1-based lines of the file (a CSV
/// row that spans lines is named by the line it starts on), so every message points at a
/// place an editor can jump to.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    #[error("line {line}: not a JSON record with string fields `source` and `keys`: {message}")]
    Json { line: usize, message: String },
    #[error("line {line}: {message}")]
    Csv { line: usize, message: String },
    /// The line is not UTF-8. A JSON string cannot carry such bytes, and replacing them would
    /// change the text the program runs on, so the record is refused rather than repaired.
    #[error("line {line}: not UTF-8 (the first bad byte is at byte {offset} of the line); a record's text is never replaced or guessed")]
    Encoding { line: usize, offset: usize },
}

impl RecordError {
    /// The machine-readable kind for error records: `encoding` or `parse`.
    pub fn kind(&self) -> &'static str {
        match self {
            RecordError::Encoding { .. } => "encoding",
            RecordError::Json { .. } | RecordError::Csv { .. } => "parse",
        }
    }
}

/// Parse one JSONL line (`line` is 1-based, for messages).
pub fn parse_json_line(text: &str, line: usize) -> Result<Record<'_>, RecordError> {
    if let Some(record) = super::json::flat_record(text) {
        return Ok(record);
    }
    serde_json::from_str(text).map_err(|e| RecordError::Json { line, message: e.to_string() })
}

/// The formats a dataset file can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatasetFormat {
    Jsonl,
    Csv,
    Tsv,
}

impl DatasetFormat {
    /// Guess from a file name: `.csv` and `.tsv` by extension, everything else JSONL.
    pub fn from_path(path: &std::path::Path) -> DatasetFormat {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => DatasetFormat::Csv,
            Some("tsv") => DatasetFormat::Tsv,
            _ => DatasetFormat::Jsonl,
        }
    }
}

/// Read a CSV/TSV dataset with the seed's columns `source,target,transform` (a `keys` column
/// is accepted in place of `transform`). Returns one entry per data row, in file order; a bad
/// row (an unterminated quote, a missing field, bytes that are not UTF-8) is an error for that
/// row and every other row is still read. The outer error is for a file without a usable
/// header.
pub fn read_table(
    mut reader: impl std::io::Read,
    delimiter: u8,
) -> Result<Vec<Result<Record<'static>, RecordError>>, RecordError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).map_err(|e| RecordError::Csv { line: 1, message: e.to_string() })?;
    let mut rows = super::table::rows(&bytes, delimiter).into_iter();
    let header = rows.next().ok_or_else(|| RecordError::Csv { line: 1, message: "the file is empty: no header".into() })?;
    let headers: Vec<String> = header
        .fields
        .map_err(|message| RecordError::Csv { line: header.line, message })?
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_string())
        .collect();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let (Some(source), Some(keys)) = (column(&["source"]), column(&["transform", "keys"])) else {
        return Err(RecordError::Csv {
            line: header.line,
            message: format!("the header must name the columns `source` and `transform` (or `keys`); it is {headers:?}"),
        });
    };
    let target = column(&["target"]);
    Ok(rows.map(|row| table_record(row, source, keys, target)).collect())
}

/// The record in one data row of a table.
fn table_record(row: super::table::Row, source: usize, keys: usize, target: Option<usize>) -> Result<Record<'static>, RecordError> {
    let line = row.line;
    let fields = row.fields.map_err(|message| RecordError::Csv { line, message })?;
    let text = |i: usize| -> Result<Option<Cow<'static, str>>, RecordError> {
        match fields.get(i) {
            None => Ok(None),
            Some(f) => match std::str::from_utf8(f) {
                Ok(s) => Ok(Some(Cow::Owned(s.to_string()))),
                Err(e) => Err(RecordError::Encoding { line, offset: e.valid_up_to() }),
            },
        }
    };
    match (text(source)?, text(keys)?) {
        (Some(source), Some(keys)) => Ok(Record { source, keys, target: target.map(text).transpose()?.flatten() }),
        _ => Err(RecordError::Csv { line, message: "missing the `source` or `transform` field".into() }),
    }
}

/// Read JSONL lines in chunks of `chunk` lines, so a dataset of any size streams through in
/// bounded memory. `on_chunk` gets each chunk's lines and the 0-based index of its first line.
/// A reader thread fills the next chunk while `on_chunk` works on this one (at most two chunks
/// are in memory ahead of it).
pub fn for_each_chunk(
    reader: impl BufRead + Send,
    chunk: usize,
    mut on_chunk: impl FnMut(&Lines, usize) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let chunk = chunk.max(1);
    let (send, receive) = std::sync::mpsc::sync_channel::<std::io::Result<Chunk>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || read_chunks(reader, chunk, &send));
        let mut first = 0;
        // The reader stops when this loop drops the receiver early (an error from on_chunk).
        for block in receive {
            let block = block?;
            let starts = std::iter::once(0).chain(block.ends.iter().copied());
            let lines = Lines {
                lines: starts.zip(&block.ends).map(|(start, &end)| &block.text[start..end]).collect(),
                not_utf8: &block.not_utf8,
                first_line: first + 1,
            };
            on_chunk(&lines, first)?;
            first += lines.len();
        }
        Ok(())
    })
}

/// The lines of one chunk, newlines removed. A line that is not UTF-8 is an
/// [`RecordError::Encoding`] error for that line, never a repaired text.
pub struct Lines<'a> {
    lines: Vec<&'a str>,
    /// Indexes (in this chunk) of lines that are not UTF-8, with the offset of the first bad
    /// byte; sorted.
    not_utf8: &'a [(usize, usize)],
    /// The 1-based file line of the chunk's first line.
    first_line: usize,
}

impl<'a> Lines<'a> {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The 1-based file line of line `i` of the chunk.
    pub fn line_number(&self, i: usize) -> usize {
        self.first_line + i
    }

    /// The text of line `i` of the chunk.
    pub fn text(&self, i: usize) -> Result<&'a str, RecordError> {
        match self.not_utf8.binary_search_by_key(&i, |&(at, _)| at) {
            Ok(k) => Err(RecordError::Encoding { line: self.first_line + i, offset: self.not_utf8[k].1 }),
            Err(_) => Ok(self.lines[i]),
        }
    }

    /// Line `i` of the chunk read as a JSONL record.
    pub fn record(&self, i: usize) -> Result<Record<'a>, RecordError> {
        parse_json_line(self.text(i)?, self.first_line + i)
    }
}

/// Lines read together: one string holding them all (newlines removed) and where each ends,
/// so a chunk costs one allocation rather than one per line.
struct Chunk {
    text: String,
    ends: Vec<usize>,
    not_utf8: Vec<(usize, usize)>,
}

/// Send chunks of lines until the input ends, an I/O error (sent on), or the receiver is gone.
fn read_chunks(mut reader: impl BufRead, chunk: usize, send: &std::sync::mpsc::SyncSender<std::io::Result<Chunk>>) {
    let mut raw = Vec::new();
    let mut capacity = 0;
    loop {
        let mut block = Chunk { text: String::with_capacity(capacity), ends: Vec::with_capacity(chunk), not_utf8: Vec::new() };
        while block.ends.len() < chunk {
            raw.clear();
            match reader.read_until(b'\n', &mut raw) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    // Reading stops here whether or not the receiver is still there to hear it.
                    send.send(Err(e)).ok();
                    return;
                }
            }
            let mut line = raw.as_slice();
            if let Some(rest) = line.strip_suffix(b"\n") {
                line = rest.strip_suffix(b"\r").unwrap_or(rest);
            }
            match std::str::from_utf8(line) {
                Ok(text) => block.text.push_str(text),
                Err(e) => block.not_utf8.push((block.ends.len(), e.valid_up_to())),
            }
            block.ends.push(block.text.len());
        }
        capacity = capacity.max(block.text.len());
        let last = block.ends.len() < chunk;
        if (!block.ends.is_empty() && send.send(Ok(block)).is_err()) || last {
            return;
        }
    }
}

/// Does `output` give `target`? Line-wise by default: a missing final newline on either side
/// is ignored. `exact` compares bytes.
pub fn output_matches(output: &[u8], target: &[u8], exact: bool) -> bool {
    if exact {
        return output == target;
    }
    fn trim(b: &[u8]) -> &[u8] {
        b.strip_suffix(b"\n").unwrap_or(b)
    }
    trim(output) == trim(target)
}

/// The default keys format for a dataset: the seed's CSV/TSV tables use its escapes.
pub fn default_keys_format(format: DatasetFormat) -> KeysFormat {
    match format {
        DatasetFormat::Jsonl => KeysFormat::Notation,
        DatasetFormat::Csv | DatasetFormat::Tsv => KeysFormat::Seed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_keep_order_and_line_numbers() {
        let input = "a\nb\r\nc\nd\ne\nf\ng";
        let mut seen = Vec::new();
        for_each_chunk(input.as_bytes(), 3, |lines, first| {
            seen.push((first, (0..lines.len()).map(|i| lines.text(i).unwrap().to_string()).collect()));
            Ok(())
        })
        .unwrap();
        let want: Vec<(usize, Vec<String>)> = vec![
            (0, vec!["a".into(), "b".into(), "c".into()]),
            (3, vec!["d".into(), "e".into(), "f".into()]),
            (6, vec!["g".into()]),
        ];
        assert_eq!(seen, want);
    }

    #[test]
    fn a_failing_chunk_stops_the_reading() {
        let input = "x\n".repeat(100);
        let mut calls = 0;
        let result = for_each_chunk(input.as_bytes(), 10, |_, _| {
            calls += 1;
            Err(std::io::Error::other("stop"))
        });
        assert!(result.is_err());
        assert_eq!(calls, 1);
    }

    #[test]
    fn invalid_utf8_lines_are_encoding_errors_naming_the_line() {
        let mut seen = Vec::new();
        for_each_chunk(&b"ok\nab\xff\xfecd\n{}\n"[..], 2, |lines, _| {
            seen.extend((0..lines.len()).map(|i| lines.text(i).map(str::to_string).map_err(|e| (e.kind(), e.to_string()))));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen[0], Ok("ok".to_string()));
        let (kind, message) = seen[1].clone().unwrap_err();
        assert_eq!(kind, "encoding");
        assert!(message.starts_with("line 2: not UTF-8 (the first bad byte is at byte 2"), "{message}");
        assert_eq!(seen[2], Ok("{}".to_string()));
    }

    #[test]
    fn a_record_without_keys_is_an_error_not_an_empty_program() {
        for line in [r#"{"source":"a\n","target":"a\n"}"#, r#"{"source":"a\n","key":"x"}"#] {
            let err = parse_json_line(line, 3).unwrap_err();
            assert!(err.to_string().contains("missing field `keys`"), "{err}");
        }
    }

    #[test]
    fn table_rows_after_an_unterminated_quote_are_kept_with_file_line_numbers() {
        let rows = read_table("source,target,transform\na,b,x\n\"c,d,x\ne,f,x\ng,h,x\ni,j,x\n".as_bytes(), b',').unwrap();
        assert_eq!(rows.len(), 5);
        match &rows[1] {
            Err(RecordError::Csv { line: 3, message }) => assert!(message.contains("never closed"), "{message}"),
            other => panic!("{other:?}"),
        }
        let sources: Vec<&str> = rows.iter().filter_map(|r| r.as_ref().ok()).map(|r| &*r.source).collect();
        assert_eq!(sources, ["a", "e", "g", "i"]);
    }

    #[test]
    fn a_table_row_that_is_not_utf8_is_an_encoding_error() {
        let rows = read_table(&b"source,target,transform\ncaf\xe9,x,x\nok,ok,x\n"[..], b',').unwrap();
        assert_eq!(rows[0].as_ref().unwrap_err().kind(), "encoding");
        assert!(rows[1].is_ok());
    }

    #[test]
    fn json_line_ignores_other_fields() {
        let r = parse_json_line(r#"{"source":"a\n","keys":"x","target":"\n","lang":"rust"}"#, 1).unwrap();
        assert_eq!((&*r.source, &*r.keys, r.target.as_deref()), ("a\n", "x", Some("\n")));
    }

    #[test]
    fn bad_json_line_is_an_error_naming_the_line() {
        let err = parse_json_line("{\"source\": 3}", 7).unwrap_err();
        assert!(err.to_string().starts_with("line 7:"), "{err}");
    }

    #[test]
    fn seed_table_columns() {
        let rows = read_table("source,target,transform\nhello,\"hello, world!\",\"A, world!{esc}\"\n".as_bytes(), b',').unwrap();
        let r = rows[0].as_ref().unwrap();
        assert_eq!((&*r.source, &*r.keys, r.target.as_deref()), ("hello", "A, world!{esc}", Some("hello, world!")));
    }

    #[test]
    fn table_without_columns_is_refused() {
        assert!(read_table("a,b\n1,2\n".as_bytes(), b',').is_err());
    }

    #[test]
    fn line_wise_comparison_ignores_one_final_newline() {
        assert!(output_matches(b"hello\n", b"hello", false));
        assert!(!output_matches(b"hello\n", b"hello", true));
        assert!(!output_matches(b"hello\n\n", b"hello", false));
    }

    #[test]
    fn chunks_cover_every_line_in_order() {
        let mut seen = Vec::new();
        for_each_chunk("a\nb\r\nc".as_bytes(), 2, |lines, first| {
            seen.push((first, (0..lines.len()).map(|i| lines.text(i).unwrap().to_string()).collect::<Vec<String>>()));
            Ok(())
        })
        .unwrap();
        assert_eq!(seen, vec![(0, vec!["a".into(), "b".into()]), (2, vec!["c".into()])]);
    }
}
