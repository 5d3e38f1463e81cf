//! Whether a sheet of an old binary workbook claims more room than an `.xls` sheet has, told
//! from the records before the workbook reader reads them. calamine holds a sheet as a dense
//! grid from its first cell to its last (32 bytes a place, and a second grid for formulas),
//! and reserves room for the rows and columns the sheet's DIMENSIONS record claims. A damaged
//! file of a few kilobytes whose cells claim A1 and CRXO516 took 2.1 GB (fuzzing found it);
//! one whose DIMENSIONS claims billions of rows asks for petabytes. Mirrors calamine's walk over a sheet's
//! records (cells of embedded charts skipped) and decides nothing else.

use super::{records, u16_at, u32_at, unicode};

/// The places of a whole `.xls` sheet (65,536 rows × 256 columns): a sheet claiming more is
/// damaged, whatever wrote it. Up to this, calamine's grids take about a gigabyte.
pub(in crate::load) const WHOLE_SHEET: u64 = 1 << 24;

/// A sheet claiming more places than an `.xls` sheet has.
#[derive(Debug, PartialEq, Eq)]
pub(in crate::load) struct Crowded {
    /// The sheet's place among the workbook's sheets, from 0, and its name when it reads.
    pub sheet: usize,
    pub name: Option<String>,
    /// The first and last (row, column) its cells claim, from 0.
    pub from: (u32, u32),
    pub to: (u32, u32),
    /// Places in the grid from `from` to `to`, or claimed by its DIMENSIONS record.
    pub places: u64,
    /// The places are the DIMENSIONS record's claim, not the cells' span.
    pub claimed: bool,
    /// Cells the sheet holds.
    pub cells: u64,
}

/// The first sheet of a BIFF workbook stream whose cells, or whose DIMENSIONS record, claim
/// more places than an `.xls` sheet has. Names are read as BIFF8 writes them when `biff8`.
pub(super) fn crowded(book: &[u8], biff8: bool) -> Option<Crowded> {
    let sheets = records(book, 0)
        .take_while(|(kind, _)| *kind != 0x000A)
        .filter(|(kind, _)| *kind == 0x0085)
        .filter_map(|(_, data)| Some((u32_at(data, 0)?, biff8.then(|| unicode(data, 6, false)).flatten())));
    sheets.enumerate().find_map(|(sheet, (offset, name))| {
        sheet_span(book.get(offset as usize..)?).map(|(from, to, places, claimed, cells)| Crowded {
            sheet,
            name,
            from,
            to,
            places,
            claimed,
            cells,
        })
    })
}

/// A running bounding box of cell positions.
#[derive(Default)]
struct Span {
    cells: u64,
    from: (u32, u32),
    to: (u32, u32),
}

impl Span {
    fn add(&mut self, row: u32, col: u32) {
        self.add_run(row, col, col, 1);
    }

    /// `count` cells on `row` from column `first` to `last`.
    fn add_run(&mut self, row: u32, first: u32, last: u32, count: u64) {
        if self.cells == 0 {
            (self.from, self.to) = ((row, first), (row, last));
        }
        self.from = (self.from.0.min(row), self.from.1.min(first));
        self.to = (self.to.0.max(row), self.to.1.max(last));
        self.cells += count;
    }

    fn places(&self) -> u64 {
        if self.cells == 0 {
            return 0;
        }
        u64::from(self.to.0 - self.from.0 + 1) * u64::from(self.to.1 - self.from.1 + 1)
    }
}

/// A crowded sheet's first and last cell, places, whether claimed, and cells.
type Span5 = ((u32, u32), (u32, u32), u64, bool, u64);

fn sheet_span(b: &[u8]) -> Option<Span5> {
    let (mut cells, mut formulas) = (Span::default(), Span::default());
    let mut claimed = 0u64;
    let mut depth = 0usize;
    let mut seen_bof = false;
    for (kind, data) in records(b, 0) {
        if depth > 0 {
            match kind {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        let at = || Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
        match kind {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => claimed = claimed.max(dimensions(data)),
            // NUMBER, LABEL, RSTRING, BOOLERR, RK, LABELSST: one cell each.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD => {
                if let Some((row, col)) = at() {
                    cells.add(row, col);
                }
            }
            // MULRK: a row of cells from its first column to the last, named in its last bytes,
            // 6 bytes a cell. Taken as a run, not a cell at a time (a 10-byte record may claim
            // 65,536 columns), and only when its length agrees with its columns: calamine
            // refuses the workbook otherwise.
            0x00BD => {
                let (Some((row, first)), Some(last)) = (at(), data.len().checked_sub(2).and_then(|e| u16_at(data, e)))
                else {
                    continue;
                };
                let count = data.len().saturating_sub(6) / 6;
                if count > 0 && data.len() == 6 + 6 * count && first + count as u32 - 1 == u32::from(last) {
                    cells.add_run(row, first, u32::from(last), count as u64);
                }
            }
            // FORMULA: a cell in the formula grid, and in the value grid.
            0x0006 => {
                if let Some((row, col)) = at() {
                    cells.add(row, col);
                    formulas.add(row, col);
                }
            }
            _ => {}
        }
    }
    let grid = cells.places().max(formulas.places());
    let crowded = grid > WHOLE_SHEET;
    if crowded || claimed > WHOLE_SHEET {
        let places = if crowded { grid } else { claimed };
        return Some((cells.from, cells.to, places, !crowded, cells.cells));
    }
    None
}

/// The cells calamine reserves room for from a DIMENSIONS record, computed as it does
/// (first row, last row + 1, first column, last column + 1; a first column past 255 or past
/// the last is taken as 0; its subtraction wraps in an optimised build).
fn dimensions(r: &[u8]) -> u64 {
    let read = |at: usize, wide: bool| {
        if wide { u32_at(r, at) } else { u16_at(r, at).map(u32::from) }
    };
    let fields = match r.len() {
        10 => (read(0, false), read(2, false), read(4, false), read(6, false)),
        14 | 16 => (read(0, true), read(4, true), read(8, false), read(10, false)),
        _ => return 0,
    };
    let (Some(rf), Some(rl), Some(mut cf), Some(cl)) = fields else { return 0 };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    let (rows, cols) = if rl >= 1 && cl >= 1 {
        ((rl - 1).wrapping_sub(rf).wrapping_add(1), (cl - 1).wrapping_sub(cf).wrapping_add(1))
    } else {
        (1, 1)
    };
    u64::from(rows).saturating_mul(u64::from(cols))
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::push_record as rec;

    fn crowded_in(b: &[u8]) -> Option<Crowded> {
        crowded(b, true)
    }

    /// A workbook stream with one sheet holding `cells` (row, column) as NUMBER records,
    /// then `extra` records.
    fn book(cells: &[(u16, u16)], extra: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut b = Vec::new();
        rec(&mut b, 0x0809, &[0; 16]);
        let sheet_at = b.len() + 4 + 12 + 4;
        rec(&mut b, 0x0085, &[&(sheet_at as u32).to_le_bytes()[..], &[0, 0, 4, 0], b"2023"].concat());
        rec(&mut b, 0x000A, &[]);
        assert_eq!(b.len(), sheet_at);
        rec(&mut b, 0x0809, &[0; 16]);
        for (kind, data) in extra {
            rec(&mut b, *kind, data);
        }
        for &(r, c) in cells {
            rec(&mut b, 0x0203, &[&r.to_le_bytes()[..], &c.to_le_bytes(), &[0; 10]].concat());
        }
        rec(&mut b, 0x000A, &[]);
        b
    }

    #[test]
    fn a_sheet_is_crowded_past_the_places_of_a_whole_sheet() {
        // 63 provinces × 100 columns, and a stray cell at IV65536: a whole sheet, not more.
        let mut table: Vec<(u16, u16)> = (0..64).flat_map(|r| (0..100).map(move |c| (r, c))).collect();
        table.push((65535, 255));
        assert_eq!(crowded_in(&book(&table, &[])), None);
        // A1 and IW65536 (column 257): 16,842,752 places for 2 cells.
        let far = crowded_in(&book(&[(0, 0), (65535, 256)], &[])).expect("crowded");
        assert_eq!((far.sheet, far.from, far.to, far.places, far.cells), (0, (0, 0), (65535, 256), 65536 * 257, 2));
        assert_eq!((far.name.as_deref(), far.claimed), (Some("2023"), false));
        assert_eq!(crowded(&book(&[(0, 0), (65535, 256)], &[]), false).expect("crowded").name, None);
    }

    #[test]
    fn a_mulrk_spans_its_columns_and_a_chart_is_skipped() {
        // MULRK on row 0 from column 0 to 255, and a chart substream claiming a cell at row
        // 65535, column 300.
        let mut mulrk = vec![0, 0, 0, 0];
        mulrk.extend(std::iter::repeat_n(0u8, 6 * 256));
        mulrk.extend_from_slice(&255u16.to_le_bytes());
        let far_cell = [&65535u16.to_le_bytes()[..], &300u16.to_le_bytes(), &[0; 10]].concat();
        let extra = [(0x00BD, mulrk), (0x0809, vec![0; 16]), (0x0203, far_cell.clone()), (0x000A, vec![])];
        assert_eq!(crowded_in(&book(&[(65535, 0)], &extra)), None, "the chart's cell does not count");
        // The same cell on the sheet: 65,536 rows × 301 columns.
        let far = crowded_in(&book(&[(0, 0)], &[(0x00BD, extra[0].1.clone()), (0x0203, far_cell)])).expect("crowded");
        assert_eq!((far.places, far.cells), (65536 * 301, 258));
        // A MULRK alone spanning 257 columns on two rows far apart.
        let mut wide = vec![0, 0, 0, 0];
        wide.extend(std::iter::repeat_n(0u8, 6 * 257));
        wide.extend_from_slice(&256u16.to_le_bytes());
        let far = crowded_in(&book(&[(65535, 0)], &[(0x00BD, wide)])).expect("crowded");
        assert_eq!((far.from, far.to), ((0, 0), (65535, 256)));
    }

    /// A MULRK whose length disagrees with its columns is no cells (calamine refuses such a
    /// workbook); 100,000 of them claiming 65,536 columns each are walked at once, not a
    /// column at a time (that was 6.5 billion steps).
    #[test]
    fn a_mulrk_claiming_more_columns_than_it_holds_is_passed_over() {
        let short = [0, 0, 0, 0, 0xFF, 0xFF].to_vec();
        let many: Vec<(u16, Vec<u8>)> = (0..100_000).map(|_| (0x00BD, short.clone())).collect();
        assert_eq!(crowded_in(&book(&[(0, 0)], &many)), None);
        // Two RK cells named as columns 3–4, and the same cells claiming columns 3–9.
        let mut two = vec![0, 0, 3, 0];
        two.extend([0u8; 12]);
        two.extend(4u16.to_le_bytes());
        let mut wrong = two.clone();
        let at = wrong.len() - 2;
        wrong[at..].copy_from_slice(&9u16.to_le_bytes());
        let far = |rec: Vec<u8>| crowded_in(&book(&[(65535, 300)], &[(0x00BD, rec)])).map(|c| (c.from, c.cells));
        assert_eq!(far(two), Some(((0, 3), 3)));
        // Passed over, the wrong one leaves the far cell alone: no crowd.
        assert_eq!(far(wrong), None);
    }

    #[test]
    fn a_dimensions_record_claiming_more_than_a_sheet_is_refused() {
        let dims = |rf: u32, rl: u32, cf: u16, cl: u16| {
            [&rf.to_le_bytes()[..], &rl.to_le_bytes(), &cf.to_le_bytes(), &cl.to_le_bytes(), &[0, 0]].concat()
        };
        assert_eq!(dimensions(&dims(0, 65536, 0, 256)), 1 << 24);
        assert_eq!(crowded_in(&book(&[(0, 0)], &[(0x0200, dims(0, 65536, 0, 256))])), None);
        let huge = crowded_in(&book(&[(0, 0)], &[(0x0200, dims(0, u32::MAX, 0, 256))])).expect("crowded");
        assert_eq!((huge.places, huge.claimed), (u64::from(u32::MAX) * 256, true));
        // Last row before the first: calamine's subtraction wraps to nearly 2^32 rows.
        assert_eq!(dimensions(&dims(10, 5, 0, 1)), u64::from(4u32.wrapping_sub(10).wrapping_add(1)));
        // BIFF5's 10-byte record and a record of another length.
        assert_eq!(dimensions(&[0, 0, 10, 0, 0, 0, 4, 0, 0, 0]), 40);
        assert_eq!(dimensions(&[0; 7]), 0);
    }
}
