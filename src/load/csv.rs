//! CSV bytes → `RawTable`: UTF-8 with or without BOM, `,` `;` or tab detected from the header
//! line, every record kept with its row number; a ragged row is an error, not a guess.

use super::{CsvSource, RawTable};
use crate::error::{Diagnostic, Place};
use std::io::{BufRead, BufReader};
use std::path::Path;

/// The longest header line accepted (100,000 columns of ten characters fit).
const MAX_HEADER_BYTES: usize = 2_000_000;

/// The delimiter that splits the header line most often (outside quotes).
fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Checks a CSV file's bytes (encoding, header, row lengths) and notes which records are data
/// rows. The cells are read later, from `source` (the file again), or from these bytes, kept,
/// when there is no source.
///
/// # Errors
/// Diagnostics naming the file (encoding, empty file) or every malformed row.
pub fn parse(
    bytes: &[u8],
    path: &str,
    year_hint: Option<i32>,
    source: Option<CsvSource>,
) -> Result<RawTable, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let table = parse_rows(bytes, path, year_hint, source, &mut problems).map_err(|d| vec![d])?;
    if problems.is_empty() { Ok(table) } else { Err(problems) }
}

/// A file opened again for reading its records, past its byte-order mark.
pub(super) fn reopen(path: &Path) -> std::io::Result<BufReader<std::fs::File>> {
    let mut r = BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    if r.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        r.consume(3);
    }
    Ok(r)
}

/// Whether a field holds nothing but white space.
fn blank(f: &[u8]) -> bool {
    f.iter().all(u8::is_ascii_whitespace) || std::str::from_utf8(f).is_ok_and(|s| s.trim().is_empty())
}

fn parse_rows(
    bytes: &[u8],
    path: &str,
    year_hint: Option<i32>,
    source: Option<CsvSource>,
    problems: &mut Vec<Diagnostic>,
) -> Result<RawTable, Diagnostic> {
    let file = Place::File { path: path.to_string() };
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(format!(
            "`{path}` is not UTF-8: {} (invalid byte at offset {})",
            super::guess_encoding(bytes),
            e.valid_up_to()
        ))
        .at(file.clone())
        .help("in Excel, save as \"CSV UTF-8 (Comma delimited)\"; in LibreOffice, choose the UTF-8 character set")
    })?;
    // A header line of megabytes is not a header: most likely a file without line breaks.
    let header_len = text.find('\n').unwrap_or(text.len());
    if header_len > MAX_HEADER_BYTES {
        return Err(Diagnostic::error(format!(
            "`{path}` has no line break in its first {} MB",
            MAX_HEADER_BYTES / 1_000_000
        ))
        .at(file)
        .help("a data file needs a header line and one line per unit; check that this is the CSV you meant"));
    }
    let delimiter = detect_delimiter(text);
    let mut rdr =
        ::csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut head = ::csv::StringRecord::new();
    let headers: Vec<String> = match rdr.read_record(&mut head) {
        Ok(true) => head.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => return Err(Diagnostic::error(format!("`{path}`: {e}")).at(file)),
        Ok(false) => {
            return Err(Diagnostic::error(format!("`{path}` is empty"))
                .at(file)
                .help("a data file needs a header row and one row per unit"));
        }
    };
    let mut data = Vec::new();
    let mut rec = ::csv::ByteRecord::new();
    let mut i = 0;
    loop {
        i += 1;
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(Diagnostic::error(format!("malformed CSV: {e}")).at(Place::Row {
                    path: path.to_string(),
                    row: i + 1,
                    column: None,
                }));
                // The reader cannot go on past an I/O error; the text is in memory, so there is none.
                break;
            }
        }
        if rec.iter().all(blank) {
            data.push(false);
            continue;
        }
        if rec.len() != headers.len() {
            problems.push(
                Diagnostic::error(format!("row has {} fields but the header has {}", rec.len(), headers.len()))
                    .at(Place::Row { path: path.to_string(), row: i + 1, column: None })
                    .help("check for an unquoted delimiter inside a value (quote it: \"1,5\") or a missing field"),
            );
            data.push(false);
            continue;
        }
        data.push(true);
    }
    let source = source.unwrap_or_else(|| CsvSource::Memory(text.to_string()));
    Ok(RawTable::csv(path, year_hint, headers, data, source, delimiter))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_and_bom() {
        for (src, delim) in [("a,b\n1,2\n", b','), ("a;b\n1,5;2\n", b';'), ("a\tb\n1\t2\n", b'\t')] {
            assert_eq!(detect_delimiter(src), delim);
        }
        let t = parse(b"\xEF\xBB\xBFunit;x\nA;36,3\n", "t.csv", None, None).unwrap();
        assert_eq!(t.headers, vec!["unit", "x"]);
        let rows: Vec<_> = t.data_rows().collect();
        assert_eq!(rows[0].1.get(1), super::super::Cell::Text("36,3"));
    }

    #[test]
    fn ragged_row_is_an_error_naming_the_row() {
        let e = parse(b"unit,x\nA,1\nB,2,3\nC\n", "t.csv", None, None).unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[1].place, Some(Place::Row { path: "t.csv".into(), row: 4, column: None }));
        assert_eq!(e[0].place, Some(Place::Row { path: "t.csv".into(), row: 3, column: None }));
    }

    #[test]
    fn non_utf8_is_explained() {
        let e = parse(b"unit,x\nH\xe0 N\xf4i,1\n", "t.csv", None, None).unwrap_err();
        assert!(e[0].message.contains("not UTF-8"));
    }
}
