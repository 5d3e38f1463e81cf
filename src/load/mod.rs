//! Bytes → raw tables. Knows file formats (CSV, Excel, ODS) and keeps, for every value, the
//! file, sheet, row and column it came from; knows nothing about indicators or units and never
//! drops a row silently.

mod csv;
mod digest;
mod excel;

pub use digest::{sha256_file, sha256_hex};

use crate::error::{Diagnostic, Place};
use std::path::Path;

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

/// The cells of a table, row-major. A CSV file's fields live in one string (no allocation per
/// cell: at commune scale a table has millions of them); a sheet's typed cells in one vector.
#[derive(Debug, Clone)]
enum Store {
    /// Field `i` is `arena[bounds[i]..bounds[i + 1]]`, trimmed; an empty field is empty.
    Text {
        arena: String,
        bounds: Vec<u32>,
    },
    Typed(Vec<Typed>),
}

/// One sheet or CSV file: a header row and data rows.
#[derive(Debug, Clone)]
pub struct RawTable {
    /// The path as the user gave it (`-` for stdin).
    pub path: String,
    pub sheet: Option<String>,
    /// A year read from the sheet or file name (`2023`, `dti_2023.csv`).
    pub year_hint: Option<i32>,
    pub headers: Vec<String>,
    /// The sheet row and column (0-based) of the header's first cell.
    pub origin: (usize, usize),
    /// Per data row, the index of its first cell in `store`; `None` for a blank row (or one
    /// already reported as malformed), which is skipped but keeps its row number.
    rows: Vec<Option<u32>>,
    store: Store,
}

/// One data row of a table.
#[derive(Debug, Clone, Copy)]
pub struct Row<'t> {
    table: &'t RawTable,
    first: usize,
}

impl<'t> Row<'t> {
    /// The cell in column `c` (`Empty` beyond the row's end).
    #[must_use]
    pub fn get(&self, c: usize) -> Cell<'t> {
        if c >= self.table.headers.len() {
            return Cell::Empty;
        }
        let i = self.first + c;
        match &self.table.store {
            Store::Text { arena, bounds } => {
                let text = &arena[bounds[i] as usize..bounds[i + 1] as usize];
                if text.is_empty() { Cell::Empty } else { Cell::Text(text) }
            }
            Store::Typed(cells) => match &cells[i] {
                Typed::Empty => Cell::Empty,
                Typed::Text(s) => Cell::Text(s),
                Typed::Number(n) => Cell::Number(*n),
                Typed::Bool(b) => Cell::Bool(*b),
                Typed::Date(s) => Cell::Date(s),
                Typed::Error(s) => Cell::Error(s),
            },
        }
    }

    /// The row's cells, one per header.
    pub fn cells(&self) -> impl Iterator<Item = Cell<'t>> + '_ {
        (0..self.table.headers.len()).map(|c| self.get(c))
    }
}

/// Builds a CSV table field by field.
#[derive(Debug, Default)]
pub(crate) struct TextBuilder {
    arena: String,
    bounds: Vec<u32>,
    rows: Vec<Option<u32>>,
}

impl TextBuilder {
    pub(crate) fn with_capacity(bytes: usize) -> Self {
        TextBuilder { arena: String::with_capacity(bytes), bounds: vec![0], rows: Vec::new() }
    }

    /// Adds a full row; `None` if the table outgrew 4 GiB of text.
    pub(crate) fn row<'f>(&mut self, fields: impl Iterator<Item = &'f str>) -> Option<()> {
        let first = u32::try_from(self.bounds.len() - 1).ok()?;
        for f in fields {
            self.arena.push_str(f.trim());
            self.bounds.push(u32::try_from(self.arena.len()).ok()?);
        }
        self.rows.push(Some(first));
        Some(())
    }

    /// A row that is skipped (blank, or malformed and reported).
    pub(crate) fn skip(&mut self) {
        self.rows.push(None);
    }

    pub(crate) fn finish(self, path: &str, year_hint: Option<i32>, headers: Vec<String>) -> RawTable {
        let store = Store::Text { arena: self.arena, bounds: self.bounds };
        RawTable { path: path.to_string(), sheet: None, year_hint, headers, origin: (0, 0), rows: self.rows, store }
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
        }
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

    /// Data row `r` (0-based, below the header), or `None` when it is blank.
    #[must_use]
    pub fn row(&self, r: usize) -> Option<Row<'_>> {
        self.rows.get(r).copied().flatten().map(|first| Row { table: self, first: first as usize })
    }

    /// Every non-blank data row with its index.
    pub fn data_rows(&self) -> impl Iterator<Item = (usize, Row<'_>)> + '_ {
        (0..self.len()).filter_map(|r| self.row(r).map(|row| (r, row)))
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
    let bytes = read_bytes(path).map_err(|d| vec![d])?;
    let hint = path.file_stem().and_then(|s| s.to_str()).and_then(year_in_name);
    csv::parse(&bytes, &shown, hint).map(|t| vec![t])
}

/// Parses CSV bytes into a table (what `load_table` does for a `.csv` file).
///
/// # Errors
/// Diagnostics naming `path` (encoding, empty file, bad rows).
pub fn parse_csv(bytes: &[u8], path: &str, year_hint: Option<i32>) -> Result<RawTable, Vec<Diagnostic>> {
    csv::parse(bytes, path, year_hint)
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
