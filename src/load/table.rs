//! Raw tables: the header and data rows of one CSV file or sheet, and where each cell is
//! (file, row, `sheet!cell`). A CSV file or an .xlsx sheet is read again, streamed, when its
//! rows are asked for; other workbooks hold their typed cells. Nothing here interprets a cell.

use super::{column_letters, csv, stream};
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
    pub(super) fn streamed(
        path: &Path,
        shown: &str,
        name: String,
        year_hint: Option<i32>,
        sc: stream::Scan,
    ) -> RawTable {
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
