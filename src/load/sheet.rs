//! A sheet's rows → where its table is: the first rows' text and each row's extent and first
//! cell go in as they are read, the header (found below titles, or given), its columns and the
//! data rows up to a signature line come out. Shared by the streamed and whole-sheet readers.

use super::shape::{self, HeaderHint, PREAMBLE};
use super::table::DataRow;
use crate::error::{Diagnostic, Place};

/// What one pass over a sheet's cells learnt.
#[derive(Debug, Default)]
pub(crate) struct Layout {
    /// The first non-blank rows: 0-based sheet row and text by 0-based column.
    preamble: Vec<(u32, Vec<String>)>,
    /// Every non-blank row: 0-based sheet row, first and last column, and whether its first
    /// cell begins a signature or note line.
    rows: Vec<(u32, u32, u32, bool)>,
}

/// The table found on a sheet.
pub(crate) struct Found {
    pub headers: Vec<String>,
    /// The header's row number (1-based) and first column (0-based).
    pub origin: (usize, usize),
    pub rows: Vec<DataRow>,
    pub notes: Vec<Diagnostic>,
}

impl Layout {
    /// Notes a cell of sheet row `row`, column `col`, whose text (for the first rows and a
    /// row's first cell) `text` gives; cells must come in row order.
    pub(crate) fn cell(&mut self, row: u32, col: u32, text: impl FnOnce() -> String) {
        let in_preamble = self.preamble.len() < PREAMBLE || self.preamble.last().is_some_and(|p| p.0 == row);
        match self.rows.last_mut() {
            Some(last) if last.0 == row => {
                last.1 = last.1.min(col);
                last.2 = last.2.max(col);
                if !in_preamble {
                    return;
                }
            }
            _ => {}
        }
        let text = text();
        if self.rows.last().is_none_or(|r| r.0 != row) {
            self.rows.push((row, col, col, shape::ends_table(&text)));
        }
        if in_preamble {
            if self.preamble.last().is_none_or(|p| p.0 != row) {
                self.preamble.push((row, Vec::new()));
            }
            if let Some((_, cells)) = self.preamble.last_mut() {
                if cells.len() <= col as usize {
                    cells.resize(col as usize + 1, String::new());
                }
                cells[col as usize] = text;
            }
        }
    }

    /// The table: `None` when the sheet has no header (no cells, or none at the given row).
    pub(crate) fn find(self, hint: &HeaderHint, place: &Place) -> Option<Found> {
        let numbered: Vec<(usize, Vec<String>)> =
            self.preamble.iter().map(|(r, cells)| (*r as usize + 1, cells.clone())).collect();
        let choice = hint.choose(&numbered)?;
        let header_row = self.preamble[choice.row].0;
        let left = choice.headers.iter().position(|h| !h.is_empty())?;
        let right = choice.headers.iter().rposition(|h| !h.is_empty())?;
        let headers = choice.headers[left..=right].iter().map(|h| shape::header_display(h)).collect();
        let mut notes = Vec::new();
        if choice.row > 0 {
            notes.push(
                Diagnostic::note(format!(
                    "the header is row {}{}; the {} row(s) above it are not data",
                    header_row + 1,
                    if choice.two_rows { " with the row below it" } else { "" },
                    choice.row
                ))
                .at(place.clone()),
            );
        }
        let mut first_data = header_row + 1 + u32::from(choice.two_rows);
        // A row that numbers the columns under the header: (1) (2) (3) …
        if let Some((row, cells)) = self.preamble.get(choice.row + 1 + usize::from(choice.two_rows))
            && shape::numbers_columns(cells)
        {
            first_data = row + 1;
            notes.push(
                Diagnostic::note(format!("row {} numbers the columns; it is not data", row + 1)).at(place.clone()),
            );
        }
        let mut rows = Vec::new();
        for &(row, lo, hi, ends) in self.rows.iter().filter(|r| r.0 >= first_data) {
            if ends {
                notes.push(
                    Diagnostic::note(format!("the table ends at row {}, a note or signature line", row + 1))
                        .at(place.clone()),
                );
                break;
            }
            if hi as usize >= left && lo as usize <= right {
                rows.push(DataRow { record: row, line: row + 1, first: 0, year: 0 });
            }
        }
        Some(Found { headers, origin: (header_row as usize + 1, left), rows, notes })
    }
}
