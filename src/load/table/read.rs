//! A table's data rows read again when they are asked for: a CSV file's records (from memory,
//! or from the file on a thread of their own), an .xlsx sheet's rows streamed, a workbook's
//! typed cells held. Where a file changed or vanished since the load pass, the rows end and
//! the table notes it (`RawTable::reread_problems`). Interprets no cell.

use super::{CsvSource, RawTable, Stamp, Store};
use crate::error::{Diagnostic, Place};
use crate::load::number::NumberStyle;
use crate::load::row::Row;
use crate::load::{csv, reread, stream};
use std::path::Path;

impl RawTable {
    /// Whether the file still is what was loaded; notes it when not.
    fn unchanged(&self, path: &Path, stamp: Stamp) -> bool {
        let same = Stamp::of(path) == stamp;
        if !same {
            self.note(format!("`{}` changed while it was being read", self.path));
        }
        same
    }

    /// Every data row with its index, in order. A CSV file or .xlsx sheet is read again.
    pub fn data_rows(&self) -> Box<dyn Iterator<Item = (usize, Row<'_>)> + '_> {
        self.data_rows_of(None)
    }

    /// The data rows of `years` (every row when `None`; a row whose year the load pass did
    /// not read is always there), in order. A CSV file's other rows are not parsed again.
    pub fn data_rows_of<'a>(
        &'a self,
        years: Option<&'a std::collections::BTreeSet<i32>>,
    ) -> Box<dyn Iterator<Item = (usize, Row<'a>)> + 'a> {
        self.data_rows_read(years, Vec::new())
    }

    /// As `data_rows_of`, with the number cells of `numbers` (a column and its decimal
    /// convention, or `None` to pass one over) read ahead where the rows are split on a
    /// thread of their own (a CSV file): `Row::read_ahead` gives them, on the second core.
    pub fn data_rows_read<'a>(
        &'a self,
        years: Option<&'a std::collections::BTreeSet<i32>>,
        numbers: Vec<Option<(usize, Option<NumberStyle>)>>,
    ) -> Box<dyn Iterator<Item = (usize, Row<'a>)> + 'a> {
        let keep = move |r: usize| years.is_none_or(|only| self.row_year(r).is_none_or(|y| only.contains(&y)));
        match &self.store {
            Store::Typed(cells) => {
                let width = self.headers.len();
                Box::new(self.rows.iter().enumerate().filter(move |&(r, _)| keep(r)).map(move |(r, d)| {
                    let f = d.first as usize;
                    (r, Row::Typed(&cells[f..f + width]))
                }))
            }
            Store::Sheet { path, stamp, name, read } => {
                if !self.unchanged(path, *stamp) {
                    return Box::new(std::iter::empty());
                }
                let rx = stream::reread(path, name, self.origin.1, self.headers.len(), read.clone());
                let mut next = 0;
                Box::new(std::iter::from_fn(move || {
                    loop {
                        let want = self.rows.get(next)?;
                        match rx.recv() {
                            Ok(Ok((row, cells))) if row == want.record => {
                                next += 1;
                                return Some((next - 1, Row::Owned(cells)));
                            }
                            Ok(Ok((row, _))) if row < want.record => {}
                            Ok(Ok(_)) | Err(_) => {
                                self.note(format!("`{}` changed while it was being read", self.path));
                                return None;
                            }
                            Ok(Err(e)) => {
                                self.note(format!("could not read sheet `{name}` of `{}` again: {e}", self.path));
                                return None;
                            }
                        }
                    }
                }))
            }
            Store::Csv { source, delimiter, spans } => {
                let wanted: Vec<usize> = (0..self.rows.len()).filter(|&r| keep(r)).collect();
                let changed = || self.note(format!("`{}` changed while it was being read", self.path));
                match source {
                    CsvSource::Memory(text) => Box::new(reread::rows(
                        std::io::Cursor::new(text.as_bytes()),
                        *delimiter,
                        spans,
                        wanted,
                        changed,
                    )),
                    CsvSource::File(path, stamp) => {
                        if !self.unchanged(path, *stamp) {
                            return Box::new(std::iter::empty());
                        }
                        match csv::reopen(path) {
                            Ok(r) => Box::new(reread::rows_on_thread(r, *delimiter, spans, wanted, numbers, changed)),
                            Err(e) => {
                                self.note(format!("could not read `{}` again: {e}", self.path));
                                Box::new(std::iter::empty())
                            }
                        }
                    }
                }
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
}
