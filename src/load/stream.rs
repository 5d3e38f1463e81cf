//! `.xlsx` sheets read as a stream of cells instead of a whole range: the load pass notes the
//! layout (title rows, header, data rows, signature lines) and formulas without a saved
//! result; validation reads the cells again, row by row, through a reader thread, with their
//! number formats (percentages). At commune scale a materialised range costs some twenty
//! times the file; this costs a row. A sheet whose cells are not in row order (no spreadsheet
//! program writes one) is read the whole-range way instead.

use super::Typed;
use super::cells::{cell, header_text, percent_format};
use super::shape::HeaderHint;
use super::sheet::Layout;
use super::table::DataRow;
use crate::error::{Diagnostic, Place};
use calamine::{Data, DataRef, Xlsx, XlsxError, open_workbook};
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, sync_channel};

/// What the load pass learnt of a sheet.
pub(super) struct Scan {
    /// The header's row number (1-based) and first column (0-based).
    pub origin: (usize, usize),
    pub headers: Vec<String>,
    pub rows: Vec<DataRow>,
    pub notes: Vec<Diagnostic>,
    pub reread: Reread,
}

/// What reading the cells again needs besides the sheet: formulas without a saved result,
/// by 0-based (row, column), to put in their cells.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reread {
    uncached: Arc<Vec<((u32, u32), String)>>,
}

/// Scans sheet `name`; `Ok(None)` when its cells are out of row order, `Ok(Some(None))` when
/// it has no header.
pub(super) fn scan<RS: Read + Seek>(
    wb: &mut Xlsx<RS>,
    name: &str,
    hint: &HeaderHint,
    place: &Place,
) -> Result<Option<Option<Scan>>, XlsxError> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Some(None)),
        Err(e) => return Err(e),
    };
    let mut layout = Layout::default();
    let mut uncached = Vec::new();
    let mut last = None::<(u32, u32)>;
    while let Some(c) = reader.next_cell_with_formula()? {
        let (r, col) = c.pos;
        let empty = c.value == DataRef::Empty;
        if empty && c.formula.is_none() {
            continue;
        }
        if last.is_some_and(|l| (r, col) <= l) {
            return Ok(None);
        }
        last = Some((r, col));
        if empty && let Some(f) = c.formula {
            layout.cell(r, col, || format!("={f}"));
            uncached.push(((r, col), format!("={f}")));
            continue;
        }
        layout.cell(r, col, || header_text(&Data::from(c.value.clone())));
    }
    let Some(found) = layout.find(hint, place) else { return Ok(Some(None)) };
    Ok(Some(Some(Scan {
        origin: found.origin,
        headers: found.headers,
        rows: found.rows,
        notes: found.notes,
        reread: Reread { uncached: Arc::new(uncached) },
    })))
}

/// One row of cells read again: its 0-based sheet row, and a cell per header.
pub(crate) type Sent = Result<(u32, Vec<Typed>), String>;

/// Reads sheet `name` of `path` again on a thread, sending each row that holds a cell in the
/// table's columns (`left`, `width`), in order; an error ends the stream.
pub(crate) fn reread(path: &Path, name: &str, left: usize, width: usize, extra: Reread) -> Receiver<Sent> {
    let (tx, rx) = sync_channel::<Sent>(256);
    let (path, name): (PathBuf, String) = (path.to_path_buf(), name.to_string());
    std::thread::spawn(move || {
        let run = || -> Result<(), String> {
            let mut wb: Xlsx<BufReader<std::fs::File>> = open_workbook(&path).map_err(|e: XlsxError| e.to_string())?;
            let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| e.to_string())?;
            let percent: Vec<bool> = reader
                .styles()
                .iter()
                .map(|s| s.number_format.as_ref().is_some_and(|f| percent_format(&f.format_code)))
                .collect();
            let left = left as u32;
            let in_table = |c: u32| c >= left && c - left < width as u32;
            let mut uncached = extra.uncached.iter().filter(|((_, c), _)| in_table(*c)).peekable();
            let mut current: Option<(u32, Vec<Typed>)> = None;
            // Puts a cell in its row, sending the row before it once a new row begins.
            let mut put = |r: u32, col: u32, value: Typed| -> bool {
                if let Some(done) = current.take_if(|(row, _)| *row != r)
                    && tx.send(Ok(done)).is_err()
                {
                    return false;
                }
                let (_, cells) = current.get_or_insert_with(|| (r, vec![Typed::Empty; width]));
                cells[(col - left) as usize] = value;
                true
            };
            while let Some((c, style)) = reader.next_cell_with_style_id().map_err(|e| e.to_string())? {
                let (r, col) = c.get_position();
                if *c.get_value() == DataRef::Empty || !in_table(col) {
                    continue;
                }
                while let Some(((fr, fc), f)) = uncached.next_if(|(at, _)| *at < (r, col)) {
                    if !put(*fr, *fc, Typed::Uncached(f.clone())) {
                        return Ok(());
                    }
                }
                let value = cell(&Data::from(c.get_value().clone()), percent.get(style).copied().unwrap_or(false));
                if !put(r, col, value) {
                    return Ok(());
                }
            }
            for ((fr, fc), f) in uncached {
                if !put(*fr, *fc, Typed::Uncached(f.clone())) {
                    return Ok(());
                }
            }
            if let Some(done) = current {
                let _ = tx.send(Ok(done));
            }
            Ok(())
        };
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(run))
            .unwrap_or_else(|_| Err("its content is malformed".to_string()));
        if let Err(e) = outcome {
            let _ = tx.send(Err(e));
        }
    });
    rx
}
