//! Raw tables: the header and data rows of one CSV file or sheet, and where each cell is
//! (file, row, `sheet!cell`). A CSV file or an .xlsx sheet is read again, streamed, when its
//! rows are asked for; other workbooks hold their typed cells. Nothing here interprets a cell.

use super::row::Typed;
use super::{column_letters, stream};
use crate::error::{Diagnostic, Place};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

mod read;

/// A file's size and modification time, to tell whether it changed between two readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp(Option<(u64, SystemTime)>);

impl Stamp {
    pub(crate) fn of(path: &Path) -> Stamp {
        Stamp(std::fs::metadata(path).ok().and_then(|m| Some((m.len(), m.modified().ok()?))))
    }
}

/// Where a CSV table's rows are read from when they are asked for.
#[derive(Debug, Clone)]
pub(crate) enum CsvSource {
    /// Text held whole (stdin, files in another encoding, tests), without its byte-order mark,
    /// line endings unified.
    Memory(String),
    /// A UTF-8 file, read again record by record: at commune scale holding its text, let
    /// alone a string per cell, would cost several times the file.
    File(PathBuf, Stamp),
}

/// The cells of a table: a CSV file's records, parsed as they are read; a sheet's typed cells
/// in one row-major vector.
#[derive(Debug, Clone)]
enum Store {
    Csv {
        source: CsvSource,
        delimiter: u8,
        /// Each data row's bytes (from where its record begins to where the next begins).
        spans: Vec<(u64, u64)>,
    },
    Typed(Vec<Typed>),
    /// An .xlsx sheet, read again cell by cell.
    Sheet {
        path: PathBuf,
        stamp: Stamp,
        name: String,
        read: stream::Reread,
    },
}

/// A data row: which record or sheet row it is, the row number people see, and in a typed
/// store the index of its first cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DataRow {
    /// The record's index in the file (CSV), or its 0-based sheet row (.xlsx).
    pub record: u32,
    /// The row number shown in messages: the line a CSV record starts on, or the sheet row.
    pub line: u32,
    pub first: u32,
    /// The row's year when the load pass read it (CSV with a year column), else 0.
    pub year: u16,
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
    /// The row number shown for the header, and the 0-based sheet column of its first cell.
    pub origin: (usize, usize),
    /// The CSV delimiter (`None` for a workbook): `;` says decimal commas.
    pub delimiter: Option<u8>,
    /// Per column, the decimal separator its cells showed when the file was read (CSV);
    /// `None` where validation must find it (workbooks).
    pub column_styles: Option<Vec<Option<crate::load::number::NumberStyle>>>,
    /// What reading found worth saying: the encoding used, title rows skipped, where the
    /// table ended.
    pub notes: Vec<Diagnostic>,
    /// The data rows, blank rows and rows outside the table left out.
    rows: Vec<DataRow>,
    store: Store,
    /// Problems met reading a file again (it vanished or changed since it was loaded).
    reread: Mutex<Vec<Diagnostic>>,
}

impl RawTable {
    /// A sheet's table held whole: `data[r]` is the sheet row number and the row's cells.
    pub(crate) fn typed(
        path: &str,
        sheet: String,
        year_hint: Option<i32>,
        headers: Vec<String>,
        origin: (usize, usize),
        data: Vec<(u32, Vec<Typed>)>,
        notes: Vec<Diagnostic>,
    ) -> RawTable {
        let width = headers.len();
        let mut cells = Vec::with_capacity(data.len() * width);
        let mut rows = Vec::with_capacity(data.len());
        for (line, mut r) in data {
            let first = u32::try_from(cells.len()).unwrap_or(u32::MAX);
            rows.push(DataRow { record: line.saturating_sub(1), line, first, year: 0 });
            r.resize(width, Typed::Empty);
            cells.extend(r);
        }
        RawTable {
            path: path.to_string(),
            sheet: Some(sheet),
            year_hint,
            headers,
            origin,
            delimiter: None,
            column_styles: None,
            notes,
            rows,
            store: Store::Typed(cells),
            reread: Mutex::default(),
        }
    }

    /// A CSV table whose header is on line `header_line`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn csv(
        path: &str,
        year_hint: Option<i32>,
        headers: Vec<String>,
        header_line: usize,
        rows: Vec<DataRow>,
        source: CsvSource,
        delimiter: u8,
        notes: Vec<Diagnostic>,
    ) -> RawTable {
        RawTable {
            path: path.to_string(),
            sheet: None,
            year_hint,
            headers,
            origin: (header_line, 0),
            delimiter: Some(delimiter),
            column_styles: None,
            notes,
            rows,
            store: Store::Csv { source, delimiter, spans: Vec::new() },
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
            delimiter: None,
            column_styles: None,
            notes: sc.notes,
            rows: sc.rows,
            store: Store::Sheet { path: path.to_path_buf(), stamp: Stamp::of(path), name, read: sc.reread },
            reread: Mutex::default(),
        }
    }

    /// Where each data row's bytes are in a CSV file (set by the load pass).
    pub(super) fn set_spans(&mut self, spans: Vec<(u64, u64)>) {
        if let Store::Csv { spans: s, .. } = &mut self.store {
            *s = spans;
        }
    }

    /// Problems met reading the rows again (empty unless the file changed under us).
    #[must_use]
    pub fn reread_problems(&self) -> Vec<Diagnostic> {
        self.reread.lock().map(|mut d| std::mem::take(&mut *d)).unwrap_or_default()
    }

    /// The number of data rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The years of the rows, when every row's year is known before its values are read (a
    /// CSV file with a year column in every row, or a file or sheet named by its year).
    #[must_use]
    pub fn years(&self) -> Option<std::collections::BTreeSet<i32>> {
        if self.rows.is_empty() {
            return Some(std::collections::BTreeSet::new());
        }
        match self.year_hint {
            _ if self.rows.iter().all(|d| d.year != 0) => Some(self.rows.iter().map(|d| i32::from(d.year)).collect()),
            Some(y) if self.rows.iter().all(|d| d.year == 0) => Some([y].into()),
            _ => None,
        }
    }

    /// The year of data row `r` as the load pass read it, if it did.
    #[must_use]
    pub fn row_year(&self, r: usize) -> Option<i32> {
        self.rows.get(r).map(|d| i32::from(d.year)).filter(|&y| y != 0)
    }

    /// The row number people see for data row `r`.
    #[must_use]
    pub fn line(&self, r: usize) -> usize {
        self.rows.get(r).map_or(0, |d| d.line as usize)
    }

    /// Where data row `r`, column `c` is.
    #[must_use]
    pub fn place(&self, r: usize, c: Option<usize>) -> Place {
        let row = self.line(r);
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
                cell: format!("{}{}", column_letters(self.origin.1 + c), self.origin.0),
            },
            None => Place::Row { path: self.path.clone(), row: self.origin.0, column: self.headers.get(c).cloned() },
        }
    }
}
