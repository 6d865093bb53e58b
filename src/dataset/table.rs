//! Splitting a CSV/TSV file into rows without ever losing one.
//!
//! General CSV readers read an unterminated quote to the end of the file: one stray `"` in a
//! seed-style table swallows every later row and the error, if any, names the last line. This
//! splitter follows RFC 4180 (quoted fields may hold delimiters, `""` and line breaks; empty
//! lines are skipped), names each row by the file line it starts on, and when a quote is
//! never closed it reports the row at the line where that quote opened and goes on reading at
//! the next line, so every later row is still read.

/// One row of the file: where it starts and its fields, or why it is not a row.
#[derive(Debug, PartialEq, Eq)]
pub struct Row {
    /// The 1-based file line the row starts on.
    pub line: usize,
    pub fields: Result<Vec<Vec<u8>>, String>,
}

/// Split `bytes` into rows of fields separated by `delimiter`.
pub fn rows(bytes: &[u8], delimiter: u8) -> Vec<Row> {
    let mut splitter = Splitter { bytes, at: 0, line: 1 };
    let mut rows = Vec::new();
    while splitter.at < bytes.len() {
        let line = splitter.line;
        let fields = splitter.row(delimiter);
        let blank = matches!(&fields, Ok(f) if f.len() == 1 && f[0].is_empty());
        if !blank {
            rows.push(Row { line, fields });
        }
    }
    rows
}

struct Splitter<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The file line of `at`.
    line: usize,
}

impl Splitter<'_> {
    /// Read one row and the line break that ends it.
    fn row(&mut self, delimiter: u8) -> Result<Vec<Vec<u8>>, String> {
        let mut fields = Vec::new();
        loop {
            let mut field = Vec::new();
            if self.bytes.get(self.at) == Some(&b'"') {
                self.quoted(&mut field)?;
            }
            // The unquoted part (or what follows a closing quote, kept as text as other CSV
            // readers do).
            while let Some(&b) = self.bytes.get(self.at) {
                if b == delimiter || b == b'\n' {
                    break;
                }
                field.push(b);
                self.at += 1;
            }
            match self.bytes.get(self.at) {
                Some(&b) if b == delimiter => {
                    self.at += 1;
                    fields.push(field);
                }
                _ => {
                    if field.last() == Some(&b'\r') {
                        field.pop();
                    }
                    fields.push(field);
                    if self.at < self.bytes.len() {
                        self.at += 1;
                        self.line += 1;
                    }
                    return Ok(fields);
                }
            }
        }
    }

    /// A quoted field from its opening quote through its closing one. When the quote is never
    /// closed, skip to the line after the one it opened on and say where it opened.
    fn quoted(&mut self, field: &mut Vec<u8>) -> Result<(), String> {
        let (opened_at, opened_line) = (self.at, self.line);
        let mut i = self.at + 1;
        let mut lines_inside = 0;
        while let Some(&b) = self.bytes.get(i) {
            match b {
                b'"' if self.bytes.get(i + 1) == Some(&b'"') => {
                    field.push(b'"');
                    i += 2;
                }
                b'"' => {
                    self.at = i + 1;
                    self.line += lines_inside;
                    return Ok(());
                }
                _ => {
                    lines_inside += usize::from(b == b'\n');
                    field.push(b);
                    i += 1;
                }
            }
        }
        let line_start = self.bytes[..opened_at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let column = opened_at - line_start + 1;
        self.at = match self.bytes[opened_at..].iter().position(|&b| b == b'\n') {
            Some(p) => opened_at + p + 1,
            None => self.bytes.len(),
        };
        self.line = opened_line + 1;
        Err(format!(
            "the quote at line {opened_line}, column {column} is never closed; this row is skipped and reading goes on at line {}",
            opened_line + 1
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(row: &Row) -> Vec<String> {
        row.fields.as_ref().unwrap().iter().map(|f| String::from_utf8_lossy(f).into_owned()).collect()
    }

    #[test]
    fn quoted_fields_hold_delimiters_quotes_and_line_breaks() {
        let rows = rows(b"a,b\n\"x, \"\"y\"\"\",\"1\n2\"\nlast,row\r\n", b',');
        assert_eq!(rows.len(), 3);
        assert_eq!(fields(&rows[1]), ["x, \"y\"", "1\n2"]);
        assert_eq!((rows[1].line, rows[2].line), (2, 4));
        assert_eq!(fields(&rows[2]), ["last", "row"]);
    }

    #[test]
    fn an_unterminated_quote_loses_no_later_row() {
        let rows = rows(b"source,keys\na,x\n\"b,x\nc,x\nd,x\ne,x\n", b',');
        let lines: Vec<usize> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 6]);
        let err = rows[2].fields.as_ref().unwrap_err();
        assert!(err.contains("line 3, column 1"), "{err}");
        assert_eq!(fields(&rows[5]), ["e", "x"]);
    }

    #[test]
    fn empty_lines_are_skipped_and_tabs_split_tsv() {
        let rows = rows(b"a\tb\n\n1\t2", b'\t');
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[1].line, fields(&rows[1])), (3, vec!["1".to_string(), "2".to_string()]));
    }
}
