//! CSV bytes → `RawTable`: UTF-8 with or without BOM, `,` `;` or tab detected from the header
//! line, every record kept with its row number; a ragged row is an error, not a guess.

use super::{CsvSource, RawTable};
use crate::error::{Diagnostic, Place};
use std::io::{BufRead, BufReader, Read};
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
    let rdr = reader(delimiter, text.as_bytes());
    let (headers, header_line, data) =
        scan(rdr, path, problems)?.ok_or_else(|| Diagnostic::error("unreachable: checked UTF-8"))?;
    let source = source.unwrap_or_else(|| CsvSource::Memory(text.to_string()));
    Ok(RawTable::csv(path, year_hint, headers, header_line, data, source, delimiter))
}

fn reader<R: Read>(delimiter: u8, r: R) -> ::csv::Reader<R> {
    ::csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(r)
}

/// The header, and per record below it whether it is a data row.
type Scanned = (Vec<String>, u64, Vec<bool>);

/// The header and, per record below it, whether it is a data row; every ragged row reported.
/// `Ok(None)` when a record is not UTF-8 (the caller reads the whole file to say where).
fn scan<R: Read>(
    mut rdr: ::csv::Reader<R>,
    path: &str,
    problems: &mut Vec<Diagnostic>,
) -> Result<Option<Scanned>, Diagnostic> {
    let file = Place::File { path: path.to_string() };
    let mut rec = ::csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {}
        Err(e) => return Err(Diagnostic::error(format!("`{path}`: {e}")).at(file)),
        Ok(false) => {
            return Err(Diagnostic::error(format!("`{path}` is empty"))
                .at(file)
                .help("a data file needs a header row and one row per unit"));
        }
    }
    let Ok(head) = std::str::from_utf8(rec.as_slice()) else { return Ok(None) };
    let mut headers = Vec::with_capacity(rec.len());
    let mut at = 0;
    for end in (0..rec.len()).filter_map(|i| rec.range(i)).map(|r| r.end) {
        headers.push(head[at..end].trim().to_string());
        at = end;
    }
    // Rows are numbered by the line a record starts on, as an editor shows them: the CSV
    // reader skips empty lines, which still count.
    let header_line = rec.position().map_or(1, ::csv::Position::line);
    let mut data = Vec::new();
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let row = e.position().map_or(header_line as usize + data.len() + 1, |p| p.line() as usize);
                problems.push(Diagnostic::error(format!("malformed CSV: {e}")).at(Place::Row {
                    path: path.to_string(),
                    row,
                    column: None,
                }));
                break;
            }
        }
        let line = rec.position().map_or(header_line + data.len() as u64 + 1, ::csv::Position::line);
        data.resize(row_of(line, header_line).max(data.len()), false);
        let i = data.len();
        if std::str::from_utf8(rec.as_slice()).is_err() {
            return Ok(None);
        }
        if rec.iter().all(blank) {
            data.push(false);
            continue;
        }
        if rec.len() != headers.len() {
            problems.push(
                Diagnostic::error(format!("row has {} fields but the header has {}", rec.len(), headers.len()))
                    .at(Place::Row { path: path.to_string(), row: header_line as usize + i + 1, column: None })
                    .help("check for an unquoted delimiter inside a value (quote it: \"1,5\") or a missing field"),
            );
            data.push(false);
            continue;
        }
        data.push(true);
    }
    Ok(Some((headers, header_line, data)))
}

/// The data row (0-based, below the header) of a record that starts on `line`.
pub(super) fn row_of(line: u64, header_line: u64) -> usize {
    line.saturating_sub(header_line + 1) as usize
}

/// Reads a CSV file without holding it: its first line for the delimiter, then every record
/// in one streaming pass (validation reads them again). Anything unusual — not UTF-8, no line
/// break in the first megabytes — falls back to reading the whole file, which says exactly
/// what and where.
///
/// # Errors
/// As `parse`.
pub fn read_file(path: &Path, shown: &str, year_hint: Option<i32>) -> Result<RawTable, Vec<Diagnostic>> {
    let fallback = || {
        let bytes = super::read_bytes(path).map_err(|d| vec![d])?;
        parse(&bytes, shown, year_hint, Some(CsvSource::File(path.to_path_buf())))
    };
    let Ok(mut r) = reopen(path) else { return fallback() };
    let mut first = Vec::new();
    let limit = MAX_HEADER_BYTES as u64 + 1;
    if (&mut r).take(limit).read_until(b'\n', &mut first).is_err() || first.len() as u64 >= limit {
        return fallback();
    }
    let Ok(first) = std::str::from_utf8(&first) else { return fallback() };
    let delimiter = detect_delimiter(first);
    let Ok(r) = reopen(path) else { return fallback() };
    let mut problems = Vec::new();
    match scan(reader(delimiter, r), shown, &mut problems) {
        Ok(Some((headers, line, data))) if problems.is_empty() => {
            let source = CsvSource::File(path.to_path_buf());
            Ok(RawTable::csv(shown, year_hint, headers, line, data, source, delimiter))
        }
        Ok(Some(_)) => Err(problems),
        Ok(None) => fallback(),
        Err(d) => Err(vec![d]),
    }
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
    fn a_file_is_read_again_and_a_changed_file_is_reported() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("d.csv");
        std::fs::write(&path, "\u{feff}unit;x\nA;1\n ; \nB;2\n").expect("write");
        let t = read_file(&path, "d.csv", None).expect("reads");
        let rows: Vec<(usize, String)> = t.data_rows().map(|(r, row)| (r, format!("{:?}", row.get(1)))).collect();
        assert_eq!(rows, [(0, "Text(\"1\")".to_string()), (2, "Text(\"2\")".to_string())]);
        assert!(t.reread_problems().is_empty());
        std::fs::write(&path, "unit;x\nA;1\n").expect("shorten");
        assert_eq!(t.data_rows().count(), 1);
        let p = t.reread_problems();
        assert!(p[0].message.contains("changed while it was being read"), "{p:?}");
    }

    #[test]
    fn non_utf8_is_explained() {
        let e = parse(b"unit,x\nH\xe0 N\xf4i,1\n", "t.csv", None, None).unwrap_err();
        assert!(e[0].message.contains("not UTF-8"));
    }
}
