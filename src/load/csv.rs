//! CSV and text tables → `RawTable`: the encoding (`text`), `,` `;` or tab found from the
//! first lines, the header found below any title rows (`shape`), the data rows up to a
//! signature line; every record kept with its line number. A ragged row is an error, not a
//! guess; a file that is not a table at all is one error saying what it is.

use super::number::NumberStyle;
use super::shape::{self, HeaderHint, PREAMBLE};
use super::sniff::{MAX_HEADER_BYTES, has_line_break, no_line_break, not_a_table, not_text};
use super::table::{CsvSource, DataRow, RawTable, Stamp};
use super::text::{self, LineCounter};
use crate::error::{Diagnostic, Place};
use encoding_rs::{Encoding, UTF_8};
use scan::{Scanned, scan};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// How a text table is read: the header hint and a forced encoding.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions<'a> {
    pub hint: Option<&'a HeaderHint>,
    pub encoding: Option<&'static Encoding>,
}

/// The delimiter that splits the first lines most consistently (outside quotes): the one
/// whose largest count per line is met by the most lines. A `;` file with decimal commas has
/// as many commas as semicolons on some lines, but never on its header.
pub(super) fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b',', b';', b'\t'];
    let lines: Vec<[usize; 3]> = text
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .take(PREAMBLE)
        .map(|line| {
            let mut counts = [0usize; 3];
            let mut quoted = false;
            for b in line.bytes() {
                match b {
                    b'"' => quoted = !quoted,
                    _ if quoted => {}
                    _ => {
                        if let Some(i) = CANDIDATES.iter().position(|&c| c == b) {
                            counts[i] += 1;
                        }
                    }
                }
            }
            counts
        })
        .collect();
    let score = |i: usize| {
        let max = lines.iter().map(|c| c[i]).max().unwrap_or(0);
        (usize::from(max > 0) * lines.iter().filter(|c| c[i] == max).count(), max)
    };
    let best = (0..3).max_by_key(|&i| (score(i), 3 - i)).unwrap_or(0);
    CANDIDATES[best]
}

/// Reads a CSV file. UTF-8 (the usual case) is streamed and read again at validation; any
/// other encoding is decoded whole and held.
///
/// # Errors
/// Diagnostics naming the file, or every malformed row.
pub fn read_file(
    path: &Path,
    shown: &str,
    year_hint: Option<i32>,
    opts: CsvOptions<'_>,
) -> Result<RawTable, Vec<Diagnostic>> {
    let whole = || {
        let bytes = super::read_bytes(path).map_err(|d| vec![d])?;
        parse(&bytes, shown, year_hint, opts)
    };
    let Ok(file) = std::fs::File::open(path) else { return whole() };
    let stamp = Stamp::of(path);
    let mut head = Vec::new();
    if file.take(1 << 16).read_to_end(&mut head).is_err() {
        return whole();
    }
    let plain_utf8 = opts.encoding.is_none_or(|e| e == UTF_8) && text::bom(&head).is_none_or(|(e, _)| e == UTF_8);
    if !plain_utf8 || not_text(&head).is_some() {
        return whole();
    }
    if !has_line_break(std::fs::File::open(path).map(|f| f.take(MAX_HEADER_BYTES)).ok()) {
        return Err(vec![no_line_break(shown)]);
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let valid = std::str::from_utf8(head).map_or_else(|e| &head[..e.valid_up_to()], |_| head);
    let delimiter = detect_delimiter(&text::unify_line_endings(&String::from_utf8_lossy(valid)));
    let scanned = match halves::scan_halves(path, shown, delimiter, opts.hint) {
        Some(done) => done,
        None => {
            let Ok(r) = reopen(path) else { return whole() };
            scan(LineCounter::new(r), shown, delimiter, opts.hint)
        }
    };
    match scanned {
        Ok(Some(s)) => s.finish(shown, year_hint, CsvSource::File(path.to_path_buf(), stamp), delimiter, None),
        Ok(None) => whole(),
        Err(d) => Err(vec![d]),
    }
}

/// Reads a CSV table held in memory (stdin, and files in another encoding).
///
/// # Errors
/// Diagnostics naming `path` (encoding, empty file, not a table, bad rows).
pub fn parse(
    bytes: &[u8],
    path: &str,
    year_hint: Option<i32>,
    opts: CsvOptions<'_>,
) -> Result<RawTable, Vec<Diagnostic>> {
    let file = Place::File { path: path.to_string() };
    if let Some((what, help)) = not_text(bytes) {
        return Err(vec![Diagnostic::error(format!("`{path}` is {what}, not a CSV table")).at(file).help(help)]);
    }
    let decoded = text::decode(bytes, opts.encoding).map_err(|u| {
        vec![
            Diagnostic::error(format!("`{path}` could not be read as text: {}", u.message))
                .at(file.clone())
                .help(u.help),
        ]
    })?;
    if !has_line_break(Some(decoded.text.as_bytes().take(MAX_HEADER_BYTES))) {
        return Err(vec![no_line_break(path)]);
    }
    let delimiter = detect_delimiter(&decoded.text);
    let note = decoded.encoding.map(|e| Diagnostic::note(format!("`{path}` read as {e}")).at(file.clone()));
    match scan(LineCounter::new(decoded.text.as_bytes()), path, delimiter, opts.hint) {
        Ok(Some(s)) => s.finish(path, year_hint, CsvSource::Memory(decoded.text), delimiter, note),
        Ok(None) => Err(vec![Diagnostic::error(format!("`{path}` is not UTF-8 text")).at(file)]),
        Err(d) => Err(vec![d]),
    }
}

/// A file opened for reading its records, past its byte-order mark.
pub(super) fn reopen(path: &Path) -> std::io::Result<BufReader<std::fs::File>> {
    let mut r = BufReader::with_capacity(1 << 16, std::fs::File::open(path)?);
    if r.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        r.consume(3);
    }
    Ok(r)
}

impl Scanned {
    /// The table: the header found, and the data rows below it up to a signature line.
    fn finish(
        self,
        path: &str,
        year_hint: Option<i32>,
        source: CsvSource,
        delimiter: u8,
        note: Option<Diagnostic>,
    ) -> Result<RawTable, Vec<Diagnostic>> {
        let file = Place::File { path: path.to_string() };
        let Some(choice) = self.hint.choose(&self.preamble) else {
            let msg = if self.hint.row.is_some() && !self.preamble.is_empty() {
                format!("`{path}` has no header at row {}", self.hint.row.unwrap_or(0))
            } else {
                format!("`{path}` is empty")
            };
            return Err(vec![
                Diagnostic::error(msg).at(file).help("a data file needs a header row and one row per unit"),
            ]);
        };
        let header_line = self.preamble[choice.row].0;
        let width = choice.headers.len();
        if (width < 2 || (!self.hint.unit.is_empty() && !self.hint.holds_unit(&choice.headers)))
            && let Some(d) = not_a_table(path, &source, width)
        {
            return Err(vec![d]);
        }
        let mut notes: Vec<Diagnostic> = note.into_iter().collect();
        let mut first_data = self.preamble_at[choice.row] + 1 + usize::from(choice.two_rows);
        // A row that numbers the columns under the header: (1) (2) (3) …
        let next = choice.row + 1 + usize::from(choice.two_rows);
        if let (Some((line, cells)), Some(&at)) = (self.preamble.get(next), self.preamble_at.get(next))
            && shape::numbers_columns(cells)
        {
            first_data = at + 1;
            notes.push(Diagnostic::note(format!("row {line} numbers the columns; it is not data")).at(file.clone()));
        }
        if choice.row > 0 {
            notes.push(
                Diagnostic::note(format!(
                    "the header is row {header_line}{}; the {} row(s) above it are not data",
                    if choice.two_rows { " with the row below it" } else { "" },
                    choice.row
                ))
                .at(file.clone()),
            );
        }
        let year_col =
            choice.headers.iter().position(|h| shape::header_keys(h).iter().any(|k| self.hint.year.contains(k)));
        let year_col = year_col.and_then(|c| u16::try_from(c).ok());
        let mut rows = Vec::new();
        let mut spans = Vec::new();
        let mut problems = Vec::new();
        for (i, r) in self.records.iter().enumerate().skip(first_data) {
            if r.used == 0 {
                continue;
            }
            if r.ends {
                notes.push(
                    Diagnostic::note(format!("the table ends at row {}, a note or signature line", r.line))
                        .at(file.clone()),
                );
                break;
            }
            if r.fields as usize != width && !(r.fields as usize > width && r.used as usize <= width) {
                problems.push(
                    Diagnostic::error(format!("row has {} fields but the header has {width}", r.fields))
                        .at(Place::Row { path: path.to_string(), row: r.line as usize, column: None })
                        .help("check for an unquoted delimiter inside a value (quote it: \"1,5\") or a missing field"),
                );
                continue;
            }
            let year = r.years.iter().find(|(c, _)| Some(*c) == year_col).map_or(0, |y| y.1);
            rows.push(DataRow { record: i as u32, line: r.line, first: 0, year });
            spans.push((r.at, self.records.get(i + 1).map_or(u64::MAX, |n| n.at)));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let headers = choice.headers.iter().map(|h| shape::header_display(h)).collect();
        let styles = self
            .votes
            .iter()
            .map(|v| match v {
                [true, false, ..] => Some(NumberStyle::DotDecimal),
                [false, true, ..] => Some(NumberStyle::CommaDecimal),
                // A `;` file whose cells that read two ways all use commas (`54,858`, as R's
                // write.csv2 writes round(x, 3)): decimal commas. With dots (`54.858`) it
                // stays undecided: pandas writes those with `sep=";"`, Excel's vi-VN export
                // writes thousands so.
                [false, false, false, true] if delimiter == b';' => Some(NumberStyle::CommaDecimal),
                _ => None,
            })
            .collect();
        let mut t = RawTable::csv(path, year_hint, headers, header_line, rows, source, delimiter, notes);
        t.column_styles = Some(styles);
        t.set_spans(spans);
        Ok(t)
    }
}

mod halves;
mod scan;
mod split;
pub(super) use split::Splitter;
#[cfg(test)]
mod tests;
