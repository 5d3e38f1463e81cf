//! Bytes → raw tables. Knows file formats (CSV, Excel, ODS) and keeps, for every value, the
//! file, sheet, row and column it came from; knows nothing about indicators or units and never
//! drops a row silently.

mod csv;
mod digest;
mod excel;
mod stream;

pub use digest::{sha256_file, sha256_hex};

use crate::error::{Diagnostic, Place};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A cell as the file holds it, before any interpretation; text is borrowed from its table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Bool(bool),
    /// A date or time cell (Excel), as text.
    Date(&'a str),
    /// An Excel error such as `#DIV/0!`.
    Error(&'a str),
}

/// A workbook cell as stored (workbooks have typed cells; CSV files have only text).
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date(String),
    Error(String),
}

/// Where a CSV table's rows are read from when they are asked for.
#[derive(Debug, Clone)]
pub(crate) enum CsvSource {
    /// Text given as bytes (stdin, tests): kept, without its byte-order mark.
    Memory(String),
    /// A file, read again record by record: at commune scale holding its text, let alone a
    /// string per cell, would cost several times the file.
    File(PathBuf),
}

/// The cells of a table: a CSV file's records, parsed as they are read; a sheet's typed cells
/// in one row-major vector.
#[derive(Debug, Clone)]
enum Store {
    Csv {
        source: CsvSource,
        delimiter: u8,
    },
    Typed(Vec<Typed>),
    /// An .xlsx sheet, read again cell by cell.
    Sheet {
        path: PathBuf,
        name: String,
    },
}

/// One sheet or CSV file: a header row and data rows.
#[derive(Debug)]
pub struct RawTable {
    /// The path as the user gave it (`-` for stdin).
    pub path: String,
    pub sheet: Option<String>,
    /// A year read from the sheet or file name (`2023`, `dti_2023.csv`).
    pub year_hint: Option<i32>,
    pub headers: Vec<String>,
    /// The sheet row and column (0-based) of the header's first cell.
    pub origin: (usize, usize),
    /// Per data row, the index of its first cell in a typed store (0 for CSV); `None` for a
    /// blank row (or one already reported as malformed), which is skipped but keeps its row
    /// number.
    rows: Vec<Option<u32>>,
    store: Store,
    /// Problems met reading a CSV file again (it vanished or changed since it was loaded).
    reread: Mutex<Vec<Diagnostic>>,
}

/// One data row of a table.
#[derive(Debug, Clone)]
pub enum Row<'t> {
    Text(::csv::StringRecord),
    Typed(&'t [Typed]),
    Owned(Vec<Typed>),
}

impl Row<'_> {
    /// The cell in column `c` (`Empty` beyond the row's end); text is trimmed.
    #[must_use]
    pub fn get(&self, c: usize) -> Cell<'_> {
        match self {
            Row::Text(rec) => match rec.get(c).map(str::trim) {
                Some(t) if !t.is_empty() => Cell::Text(t),
                _ => Cell::Empty,
            },
            Row::Typed(_) | Row::Owned(_) => match self.typed().get(c) {
                None | Some(Typed::Empty) => Cell::Empty,
                Some(Typed::Text(s)) => Cell::Text(s),
                Some(Typed::Number(n)) => Cell::Number(*n),
                Some(Typed::Bool(b)) => Cell::Bool(*b),
                Some(Typed::Date(s)) => Cell::Date(s),
                Some(Typed::Error(s)) => Cell::Error(s),
            },
        }
    }

    fn typed(&self) -> &[Typed] {
        match self {
            Row::Typed(cells) => cells,
            Row::Owned(cells) => cells,
            Row::Text(_) => &[],
        }
    }

    /// The row's cells.
    pub fn cells(&self) -> impl Iterator<Item = Cell<'_>> + '_ {
        let n = match self {
            Row::Text(rec) => rec.len(),
            Row::Typed(_) | Row::Owned(_) => self.typed().len(),
        };
        (0..n).map(|c| self.get(c))
    }
}

impl RawTable {
    /// A sheet's table: `rows[r]` is `None` for a blank row, else one cell per header.
    pub(crate) fn typed(
        path: &str,
        sheet: String,
        year_hint: Option<i32>,
        headers: Vec<String>,
        origin: (usize, usize),
        data: Vec<Option<Vec<Typed>>>,
    ) -> RawTable {
        let width = headers.len();
        let mut cells = Vec::with_capacity(data.len() * width);
        let mut rows = Vec::with_capacity(data.len());
        for row in data {
            match row {
                Some(mut r) => {
                    rows.push(u32::try_from(cells.len()).ok());
                    r.resize(width, Typed::Empty);
                    cells.extend(r);
                }
                None => rows.push(None),
            }
        }
        RawTable {
            path: path.to_string(),
            sheet: Some(sheet),
            year_hint,
            headers,
            origin,
            rows,
            store: Store::Typed(cells),
            reread: Mutex::default(),
        }
    }

    /// A CSV table whose header is on line `header_line` (1-based): `data[r]` says whether the
    /// record starting `r + 1` lines below the header is a data row.
    pub(crate) fn csv(
        path: &str,
        year_hint: Option<i32>,
        headers: Vec<String>,
        header_line: u64,
        data: Vec<bool>,
        source: CsvSource,
        delimiter: u8,
    ) -> RawTable {
        RawTable {
            path: path.to_string(),
            sheet: None,
            year_hint,
            headers,
            origin: (header_line.saturating_sub(1) as usize, 0),
            rows: data.into_iter().map(|d| d.then_some(0)).collect(),
            store: Store::Csv { source, delimiter },
            reread: Mutex::default(),
        }
    }

    /// An .xlsx sheet scanned by `stream::scan`, its cells read again when asked for.
    fn streamed(path: &Path, shown: &str, name: String, year_hint: Option<i32>, sc: stream::Scan) -> RawTable {
        RawTable {
            path: shown.to_string(),
            sheet: Some(name.clone()),
            year_hint,
            headers: sc.headers,
            origin: sc.origin,
            rows: sc.data.into_iter().map(|d| d.then_some(0)).collect(),
            store: Store::Sheet { path: path.to_path_buf(), name },
            reread: Mutex::default(),
        }
    }

    /// Problems met reading the rows again (empty unless the file changed under us).
    #[must_use]
    pub fn reread_problems(&self) -> Vec<Diagnostic> {
        self.reread.lock().map(|mut d| std::mem::take(&mut *d)).unwrap_or_default()
    }

    /// The number of data rows, blank ones included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Every non-blank data row with its index, in order. A CSV file is read again.
    pub fn data_rows(&self) -> Box<dyn Iterator<Item = (usize, Row<'_>)> + '_> {
        match &self.store {
            Store::Typed(cells) => {
                let width = self.headers.len();
                Box::new(self.rows.iter().enumerate().filter_map(move |(r, first)| {
                    first.map(|f| (r, Row::Typed(&cells[f as usize..f as usize + width])))
                }))
            }
            Store::Sheet { path, name } => {
                let rx = stream::reread(path, name, self.origin, self.headers.len());
                Box::new(std::iter::from_fn(move || {
                    loop {
                        match rx.recv() {
                            Ok(Ok((r, cells))) => match self.rows.get(r) {
                                Some(Some(_)) => return Some((r, Row::Owned(cells))),
                                Some(None) => {}
                                None => {
                                    self.note(format!("`{}` changed while it was being read", self.path));
                                    return None;
                                }
                            },
                            Ok(Err(e)) => {
                                self.note(format!("could not read sheet `{name}` of `{}` again: {e}", self.path));
                                return None;
                            }
                            Err(_) => return None,
                        }
                    }
                }))
            }
            Store::Csv { source, delimiter } => {
                let reader: Box<dyn std::io::Read + '_> = match source {
                    CsvSource::Memory(text) => Box::new(text.as_bytes()),
                    CsvSource::File(path) => match csv::reopen(path) {
                        Ok(r) => Box::new(r),
                        Err(e) => {
                            self.note(format!("could not read `{}` again: {e}", self.path));
                            return Box::new(std::iter::empty());
                        }
                    },
                };
                let mut rdr = ::csv::ReaderBuilder::new()
                    .delimiter(*delimiter)
                    .has_headers(false)
                    .flexible(true)
                    .from_reader(reader);
                let mut rec = ::csv::StringRecord::new();
                if !matches!(rdr.read_record(&mut rec), Ok(true)) {
                    self.note(format!("`{}` changed while it was being read", self.path));
                    return Box::new(std::iter::empty());
                }
                let header_line = rec.position().map_or(1, ::csv::Position::line);
                let mut seen = 0;
                Box::new(std::iter::from_fn(move || {
                    loop {
                        let mut rec = ::csv::StringRecord::new();
                        match rdr.read_record(&mut rec) {
                            Ok(true) => {}
                            Ok(false) if seen == self.rows.len() => return None,
                            Ok(false) | Err(_) => {
                                self.note(format!("`{}` changed while it was being read", self.path));
                                return None;
                            }
                        }
                        let r = csv::row_of(rec.position().map_or(0, ::csv::Position::line), header_line);
                        seen = r + 1;
                        match self.rows.get(r) {
                            Some(Some(_)) => return Some((r, Row::Text(rec))),
                            Some(None) => {}
                            None => {
                                self.note(format!("`{}` changed while it was being read", self.path));
                                return None;
                            }
                        }
                    }
                }))
            }
        }
    }

    fn note(&self, message: String) {
        let d = Diagnostic::error(message)
            .at(Place::File { path: self.path.clone() })
            .help("run again once the file is no longer being written");
        if let Ok(mut all) = self.reread.lock() {
            all.push(d);
        }
    }

    /// Where data row `r` (0-based, below the header), column `c` is.
    #[must_use]
    pub fn place(&self, r: usize, c: Option<usize>) -> Place {
        let row = self.origin.0 + r + 2;
        match (&self.sheet, c) {
            (Some(sheet), Some(c)) => Place::Cell {
                path: self.path.clone(),
                sheet: sheet.clone(),
                cell: format!("{}{row}", column_letters(self.origin.1 + c)),
            },
            _ => Place::Row {
                path: self.sheet.as_ref().map_or_else(|| self.path.clone(), |s| format!("{}: sheet {s}", self.path)),
                row,
                column: c.and_then(|c| self.headers.get(c).cloned()),
            },
        }
    }

    /// Where the header cell of column `c` is.
    #[must_use]
    pub fn header_place(&self, c: usize) -> Place {
        match &self.sheet {
            Some(sheet) => Place::Cell {
                path: self.path.clone(),
                sheet: sheet.clone(),
                cell: format!("{}{}", column_letters(self.origin.1 + c), self.origin.0 + 1),
            },
            None => Place::Row { path: self.path.clone(), row: 1, column: self.headers.get(c).cloned() },
        }
    }
}

/// `0 → A`, `25 → Z`, `26 → AA`.
#[must_use]
pub fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A year (1900–2100) standing alone in a name: `2023`, `dti_2023.csv`, `Năm 2023`.
#[must_use]
pub fn year_in_name(name: &str) -> Option<i32> {
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .filter_map(|s| s.parse::<i32>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// Reads one data file: a CSV, or the sheets of a workbook (`sheet` picks one by name).
///
/// # Errors
/// Diagnostics naming the file when it cannot be read or is not a table, or each bad row.
pub fn load_table(path: &Path, sheet: Option<&str>) -> Result<Vec<RawTable>, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        return excel::read(path, &shown, sheet).map_err(|d| vec![d]);
    }
    let hint = path.file_stem().and_then(|s| s.to_str()).and_then(year_in_name);
    if shown != "-" && path.is_file() {
        // A file is streamed now and read again when validated; nothing of it is held.
        return csv::read_file(path, &shown, hint).map(|t| vec![t]);
    }
    // Stdin cannot be read twice: its text is kept. (Read errors, directories: `read_bytes`.)
    let bytes = read_bytes(path).map_err(|d| vec![d])?;
    csv::parse(&bytes, &shown, hint, None).map(|t| vec![t])
}

/// Parses CSV bytes into a table (what `load_table` does for a `.csv` file).
///
/// # Errors
/// Diagnostics naming `path` (encoding, empty file, bad rows).
pub fn parse_csv(bytes: &[u8], path: &str, year_hint: Option<i32>) -> Result<RawTable, Vec<Diagnostic>> {
    csv::parse(bytes, path, year_hint, None)
}

/// Reads a whole file, or stdin for `-`.
///
/// # Errors
/// A diagnostic naming the file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let shown = path.display().to_string();
    let place = Place::File { path: shown.clone() };
    if shown == "-" {
        let mut buf = Vec::new();
        return std::io::stdin()
            .read_to_end(&mut buf)
            .map(|_| buf)
            .map_err(|e| Diagnostic::error(format!("could not read stdin: {e}")).at(place));
    }
    if path.is_dir() {
        return Err(Diagnostic::error(format!("`{shown}` is a directory, not a data file"))
            .at(place)
            .help("name a .csv, .xlsx, .xls or .ods file"));
    }
    std::fs::read(path).map_err(|e| {
        let help = if e.kind() == std::io::ErrorKind::NotFound {
            "check the path; relative paths in the spec's `data` are relative to the spec file"
        } else {
            "check that the file is readable"
        };
        Diagnostic::error(format!("could not read `{shown}`: {e}")).at(place).help(help)
    })
}

/// What a file that is not UTF-8 most likely is, to tell the user how to re-save it.
#[must_use]
pub fn guess_encoding(bytes: &[u8]) -> &'static str {
    match bytes {
        [0xFF, 0xFE, ..] => "it is UTF-16 (little-endian), as Excel's \"Unicode Text\" saves",
        [0xFE, 0xFF, ..] => "it is UTF-16 (big-endian)",
        _ if bytes.iter().step_by(2).take(64).filter(|&&b| b == 0).count() > 8
            || bytes.iter().skip(1).step_by(2).take(64).filter(|&&b| b == 0).count() > 8 =>
        {
            "it looks like UTF-16 without a byte-order mark"
        }
        _ => "it looks like a legacy code page such as Windows-1258 (Vietnamese ANSI) or TCVN3",
    }
}

/// Reads the spec's text (UTF-8, BOM allowed).
///
/// # Errors
/// A diagnostic naming the file.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
    String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(format!(
            "`{}` is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
        .at(Place::File { path: path.display().to_string() })
        .help("save the file as UTF-8")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn encodings_are_named() {
        assert!(guess_encoding(b"\xFF\xFEu\x00").contains("UTF-16 (little-endian)"));
        assert!(guess_encoding(b"\xFE\xFF\x00u").contains("big-endian"));
        let no_bom: Vec<u8> = "unit,year,value,x".bytes().flat_map(|b| [b, 0]).collect();
        assert!(guess_encoding(&no_bom).contains("without a byte-order mark"));
        assert!(guess_encoding(b"H\xe0 N\xf4i").contains("Windows-1258"));
    }

    #[test]
    fn years_in_names() {
        assert_eq!(year_in_name("2023"), Some(2023));
        assert_eq!(year_in_name("dti_2023"), Some(2023));
        assert_eq!(year_in_name("Năm 2022"), Some(2022));
        assert_eq!(year_in_name("provinces"), None);
        assert_eq!(year_in_name("v12345"), None);
    }
}
