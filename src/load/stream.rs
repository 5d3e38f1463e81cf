//! `.xlsx` sheets read as a stream of cells instead of a whole range: the load pass notes the
//! used range, the header and which rows hold data; validation reads the cells again, row by
//! row, through a reader thread. At commune scale a materialised range costs some twenty times
//! the file; this costs a row. A sheet whose cells are not in row order (no spreadsheet program
//! writes one) is read the whole-range way instead.

use super::Typed;
use calamine::{Data, DataRef, Xlsx, XlsxError, open_workbook};
use std::io::{BufReader, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};

/// What the load pass learnt of a sheet.
pub(super) struct Scan {
    /// Row and column (0-based) of the header's first cell: the top left of the used range.
    pub origin: (usize, usize),
    pub headers: Vec<String>,
    /// Per row below the header, whether it holds a cell.
    pub data: Vec<bool>,
}

/// Scans sheet `name`; `Ok(None)` when its cells are out of row order.
pub(super) fn scan<RS: Read + Seek>(wb: &mut Xlsx<RS>, name: &str) -> Result<Option<Scan>, XlsxError> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        Err(XlsxError::NotAWorksheet(_)) => {
            return Ok(Some(Scan { origin: (0, 0), headers: Vec::new(), data: Vec::new() }));
        }
        Err(e) => return Err(e),
    };
    let (mut first_row, mut min_col, mut max_col) = (None::<u32>, u32::MAX, 0u32);
    let mut last = None::<(u32, u32)>;
    let mut header: Vec<(u32, Data)> = Vec::new();
    let mut rows: Vec<u32> = Vec::new();
    while let Some(cell) = reader.next_cell()? {
        if *cell.get_value() == DataRef::Empty {
            continue;
        }
        let (r, c) = cell.get_position();
        if last.is_some_and(|l| (r, c) <= l) {
            return Ok(None);
        }
        last = Some((r, c));
        let top = *first_row.get_or_insert(r);
        (min_col, max_col) = (min_col.min(c), max_col.max(c));
        if r == top {
            header.push((c, Data::from(cell.get_value().clone())));
        } else if rows.last() != Some(&r) {
            rows.push(r);
        }
    }
    let Some(top) = first_row else {
        return Ok(Some(Scan { origin: (0, 0), headers: Vec::new(), data: Vec::new() }));
    };
    let width = (max_col - min_col + 1) as usize;
    let mut headers = vec![String::new(); width];
    for (c, v) in header {
        headers[(c - min_col) as usize] = super::excel::header_text(&v);
    }
    let end = rows.last().map_or(0, |&r| (r - top) as usize);
    let mut data = vec![false; end];
    for r in rows {
        data[(r - top - 1) as usize] = true;
    }
    Ok(Some(Scan { origin: (top as usize, min_col as usize), headers, data }))
}

/// One row of cells read again: its index below the header, and a cell per header.
pub(crate) type Sent = Result<(usize, Vec<Typed>), String>;

/// Reads sheet `name` of `path` again on a thread, sending each row below the header that
/// holds a cell, in order; an error ends the stream.
pub(crate) fn reread(path: &Path, name: &str, origin: (usize, usize), width: usize) -> Receiver<Sent> {
    let (tx, rx) = sync_channel::<Sent>(256);
    let (path, name): (PathBuf, String) = (path.to_path_buf(), name.to_string());
    std::thread::spawn(move || {
        let run = || -> Result<(), String> {
            let mut wb: Xlsx<BufReader<std::fs::File>> = open_workbook(&path).map_err(|e: XlsxError| e.to_string())?;
            let mut reader = wb.worksheet_cells_reader(&name).map_err(|e| e.to_string())?;
            let (top, left) = (origin.0 as u32, origin.1 as u32);
            let mut current: Option<(u32, Vec<Typed>)> = None;
            while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
                if *cell.get_value() == DataRef::Empty {
                    continue;
                }
                let (r, c) = cell.get_position();
                if r <= top || c < left || c - left >= width as u32 {
                    continue;
                }
                if let Some((row, cells)) = current.take_if(|(row, _)| *row != r)
                    && tx.send(Ok(((row - top - 1) as usize, cells))).is_err()
                {
                    return Ok(());
                }
                let (_, cells) = current.get_or_insert_with(|| (r, vec![Typed::Empty; width]));
                cells[(c - left) as usize] = super::excel::cell(&Data::from(cell.get_value().clone()));
            }
            if let Some((row, cells)) = current {
                let _ = tx.send(Ok(((row - top - 1) as usize, cells)));
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
