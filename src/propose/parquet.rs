//! The clean set as Parquet, for column stores and `datasets.load_dataset("parquet", ...)`.
//!
//! The file is written from the clean set's JSONL after a run, so a resumed run's Parquet holds
//! every kept record, not only this run's. One column per [`KeptRecord`] field, in the same
//! order and with the same names as the JSONL, so both formats load into the same table;
//! strings are UTF-8, counts INT64 (`naive_keystrokes` may be null), Snappy-compressed.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;

use super::output::KeptRecord;

/// Rows per row group: large enough for good compression, small enough to stream.
const ROW_GROUP: usize = 65_536;

/// What a column holds and how to read it off a record.
enum Column {
    Text(fn(&KeptRecord) -> &str),
    Count(fn(&KeptRecord) -> i64),
    OptionalCount(fn(&KeptRecord) -> Option<i64>),
}

/// The columns, in [`KeptRecord`]'s field order.
const COLUMNS: [(&str, Column); 19] = [
    ("source", Column::Text(|r| &r.source)),
    ("keys", Column::Text(|r| &r.keys)),
    ("target", Column::Text(|r| &r.target)),
    ("keystrokes", Column::Count(|r| r.keystrokes as i64)),
    ("naive_keystrokes", Column::OptionalCount(|r| r.naive_keystrokes.map(|n| n as i64))),
    ("pair_id", Column::Text(|r| &r.pair_id)),
    ("repo", Column::Text(|r| &r.repo)),
    ("commit", Column::Text(|r| &r.commit)),
    ("path", Column::Text(|r| &r.path)),
    ("lang", Column::Text(|r| &r.lang)),
    ("depth", Column::Text(|r| &r.depth)),
    ("node_kind", Column::Text(|r| &r.node_kind)),
    ("proposer", Column::Text(|r| &r.proposer)),
    ("proposer_version", Column::Text(|r| &r.proposer_version)),
    ("style", Column::Text(|r| &r.style)),
    ("round", Column::Count(|r| i64::from(r.round))),
    ("proven_by", Column::Text(|r| &r.proven_by)),
    ("vim_version", Column::Text(|r| &r.vim_version)),
    ("contract", Column::Text(|r| &r.contract)),
];

/// Why the Parquet file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ParquetOutputError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{path}: line {line}: not a clean-set record: {source}")]
    Record { path: String, line: usize, source: serde_json::Error },
    #[error("writing Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
}

/// The Parquet schema of the clean set.
fn schema() -> String {
    let fields: Vec<String> = columns()
        .map(|(name, column)| match column {
            Column::Text(_) => format!("  required binary {name} (UTF8);"),
            Column::Count(_) => format!("  required int64 {name};"),
            Column::OptionalCount(_) => format!("  optional int64 {name};"),
        })
        .collect();
    format!("message kept_record {{\n{}\n}}", fields.join("\n"))
}

/// The columns written: every field of [`KeptRecord`] once (a test pins the names).
fn columns() -> impl Iterator<Item = &'static (&'static str, Column)> {
    COLUMNS.iter()
}

/// Write the clean set in `jsonl` (one [`KeptRecord`] per line) to `parquet`; returns the rows.
pub fn write_clean_set(jsonl: &Path, parquet: &Path) -> Result<usize, ParquetOutputError> {
    let schema = Arc::new(parse_message_type(&schema())?);
    let props = Arc::new(WriterProperties::builder().set_compression(Compression::SNAPPY).build());
    let mut writer = SerializedFileWriter::new(File::create(parquet)?, schema, props)?;
    let mut rows = 0;
    let mut group = Vec::with_capacity(ROW_GROUP);
    for (index, line) in BufReader::new(File::open(jsonl)?).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let record: KeptRecord = serde_json::from_str(&line)
            .map_err(|source| ParquetOutputError::Record { path: jsonl.display().to_string(), line: index + 1, source })?;
        group.push(record);
        if group.len() == ROW_GROUP {
            rows += write_group(&mut writer, &group)?;
            group.clear();
        }
    }
    if !group.is_empty() || rows == 0 {
        rows += write_group(&mut writer, &group)?;
    }
    writer.close()?;
    Ok(rows)
}

/// One row group: each column in turn.
fn write_group(writer: &mut SerializedFileWriter<File>, records: &[KeptRecord]) -> Result<usize, ParquetOutputError> {
    let mut group = writer.next_row_group()?;
    for (_, column) in columns() {
        let Some(mut out) = group.next_column()? else { break };
        match column {
            Column::Text(get) => {
                let values: Vec<ByteArray> = records.iter().map(|r| ByteArray::from(get(r).as_bytes().to_vec())).collect();
                out.typed::<ByteArrayType>().write_batch(&values, None, None)?;
            }
            Column::Count(get) => {
                let values: Vec<i64> = records.iter().map(get).collect();
                out.typed::<Int64Type>().write_batch(&values, None, None)?;
            }
            Column::OptionalCount(get) => {
                let present: Vec<Option<i64>> = records.iter().map(get).collect();
                let values: Vec<i64> = present.iter().flatten().copied().collect();
                let definition: Vec<i16> = present.iter().map(|v| i16::from(v.is_some())).collect();
                out.typed::<Int64Type>().write_batch(&values, Some(&definition), None)?;
            }
        }
        out.close()?;
    }
    group.close()?;
    Ok(records.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::propose::output::{CONTRACT, VIM_VERSION};

    fn record(keys: &str, naive: Option<usize>) -> KeptRecord {
        KeptRecord {
            source: "a b\n".into(),
            keys: keys.into(),
            target: "b\n".into(),
            keystrokes: 2,
            naive_keystrokes: naive,
            pair_id: "p1".into(),
            repo: "r".into(),
            commit: "c".into(),
            path: "f.rs".into(),
            lang: "rust".into(),
            depth: "hunk".into(),
            node_kind: "".into(),
            proposer: "synth".into(),
            proposer_version: "1".into(),
            style: "motions".into(),
            round: 0,
            proven_by: "emulator".into(),
            vim_version: VIM_VERSION.into(),
            contract: CONTRACT.into(),
        }
    }

    #[test]
    fn columns_are_the_jsonl_fields_in_order() {
        let json = serde_json::to_value(record("dw", None)).expect("serializable");
        let fields: Vec<&str> = json.as_object().expect("an object").keys().map(String::as_str).collect();
        let mut sorted_fields = fields.clone();
        sorted_fields.sort_unstable();
        let mut names: Vec<&str> = columns().map(|(name, _)| *name).collect();
        assert_eq!(names.len(), fields.len());
        names.sort_unstable();
        assert_eq!(names, sorted_fields);
    }

    #[test]
    fn writes_rows_and_reads_back() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let dir = tempfile::tempdir().expect("tempdir");
        let jsonl = dir.path().join("kept.jsonl");
        let lines: Vec<String> =
            [record("dw", Some(5)), record("x<Esc>", None)].iter().map(|r| serde_json::to_string(r).expect("json")).collect();
        std::fs::write(&jsonl, lines.join("\n") + "\n").expect("write");
        let out = dir.path().join("kept.parquet");
        assert_eq!(write_clean_set(&jsonl, &out).expect("parquet"), 2);
        let reader = SerializedFileReader::new(File::open(&out).expect("open")).expect("reader");
        assert_eq!(reader.metadata().file_metadata().num_rows(), 2);
        let rows: Vec<String> = reader.get_row_iter(None).expect("rows").map(|r| r.expect("row").to_string()).collect();
        assert!(rows[0].contains("keys: \"dw\"") && rows[0].contains("naive_keystrokes: 5"), "{}", rows[0]);
        assert!(rows[1].contains("keys: \"x<Esc>\"") && rows[1].contains("naive_keystrokes: null"), "{}", rows[1]);
    }

    #[test]
    fn a_bad_line_names_the_file_and_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let jsonl = dir.path().join("kept.jsonl");
        std::fs::write(&jsonl, "{\"source\": 1}\n").expect("write");
        let err = write_clean_set(&jsonl, &dir.path().join("o.parquet")).expect_err("bad record");
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
