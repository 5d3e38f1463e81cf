//! Wide tables (a row per unit and year, a column per indicator), read once; read again with
//! each column's decimal convention only when a cell such as `1,234` needs it.

use super::super::value::StyleVotes;
use super::{Builder, DataOptions};
use crate::error::Diagnostic;
use crate::load::decimal;
use crate::load::number::{NumberStyle, missing_marker};
use crate::load::{Cell, RawTable, Row};
use crate::model::Year;
use crate::model::tree::Normalize;

/// How far reading had got: diagnostics and rows per year, to go back to.
struct Mark {
    diags: usize,
    years: Vec<(Year, usize)>,
}

/// Whether a data row is the header again (a byte-order mark allowed in front).
fn repeats_header(row: &Row<'_>, headers: &[String]) -> bool {
    row.cells().zip(headers).all(|(c, h)| matches!(c, Cell::Text(t) if t.trim().trim_start_matches('\u{feff}') == h))
}

/// The decimal separator each of `cols` agrees on over the whole table (one reading). A file
/// is written by one program in one locale: a column whose cells cannot tell (`1,234` only)
/// takes the file's convention — what the columns that can tell agree on.
pub(super) fn column_styles(t: &RawTable, cols: &[usize]) -> Vec<Option<NumberStyle>> {
    let styles = match &t.column_styles {
        // Decided when the file was read.
        Some(known) => cols.iter().map(|&c| known.get(c).copied().flatten()).collect(),
        None => {
            let mut votes = StyleVotes::new(cols.len());
            for (_, row) in t.data_rows() {
                for (k, &c) in cols.iter().enumerate() {
                    votes.vote(k, row.get(c));
                }
            }
            votes.styles()
        }
    };
    let decided = |s: NumberStyle| styles.iter().filter(|x| **x == Some(s)).count();
    // (A `;` CSV file's own rule, decimal commas where its cells use commas, was applied when
    // it was read.)
    let file = match (decided(NumberStyle::DotDecimal), decided(NumberStyle::CommaDecimal)) {
        (0, 0) => None,
        (_, 0) => Some(NumberStyle::DotDecimal),
        (0, _) => Some(NumberStyle::CommaDecimal),
        _ => None,
    };
    styles.into_iter().map(|s| s.or(file)).collect()
}

impl Builder<'_> {
    pub(super) fn wide_rows(
        &mut self,
        t: &RawTable,
        unit_col: usize,
        year_col: Option<usize>,
        code_col: Option<usize>,
        cols: &[usize],
        opts: &DataOptions,
    ) {
        // A CSV file's conventions were decided when it was read: one pass.
        if t.column_styles.is_some() {
            self.wide_values(t, unit_col, year_col, code_col, cols, &column_styles(t, cols), opts);
            return;
        }
        // A workbook's text cells are read in one pass too. Only when a cell reads two ways
        // (1,234) is the table read again: once to learn each column's decimal separator from its
        // unambiguous cells, once for the values, and the first reading is forgotten.
        let mark = self.mark();
        self.probing = true;
        self.ambiguous = false;
        let unknown = vec![None; cols.len()];
        self.wide_values(t, unit_col, year_col, code_col, cols, &unknown, opts);
        self.probing = false;
        if !self.ambiguous {
            return;
        }
        self.rollback(mark);
        self.wide_values(t, unit_col, year_col, code_col, cols, &column_styles(t, cols), opts);
    }

    fn mark(&self) -> Mark {
        Mark { diags: self.diags.len(), years: self.cells.iter().map(|(y, rows)| (*y, rows.len())).collect() }
    }

    fn rollback(&mut self, mark: Mark) {
        self.diags.truncate(mark.diags);
        self.scales = super::scale::Scales::new(self.tree.indicators().len());
        self.summaries = (0, None);
        self.cells.retain(|y, _| mark.years.iter().any(|(m, _)| m == y));
        for (y, len) in mark.years {
            if let Some(rows) = self.cells.get_mut(&y) {
                rows.truncate(len);
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn wide_values(
        &mut self,
        t: &RawTable,
        unit_col: usize,
        year_col: Option<usize>,
        code_col: Option<usize>,
        cols: &[usize],
        styles: &[Option<NumberStyle>],
        opts: &DataOptions,
    ) {
        let indicators = self.tree.indicators();
        // Per column, what the fast path needs to know: a number column (not yes/no) and its
        // plausible range (a value outside it takes the full path, which says so).
        // Yes/no columns take `1`, `0`, `1.0` there, read as numbers with no convention.
        let fast: Vec<Option<(f64, f64)>> = indicators
            .iter()
            .map(|&n| Some(self.tree.nodes[n].indicator()?.plausible.unwrap_or((f64::NEG_INFINITY, f64::INFINITY))))
            .collect();
        let yes_no: Vec<bool> = indicators
            .iter()
            .map(|&n| self.tree.nodes[n].indicator().is_some_and(|i| i.normalize == Normalize::Bool))
            .collect();
        // Yes/no cells are read here, not ahead: with them the splitting thread, whose work
        // sets the pace when both cores run, was the slower one (5–10 % of a 1 M-cell ranking).
        let numbers = (cols.iter().zip(&fast).zip(styles).zip(&yes_no))
            .map(|(((&c, f), &style), &b)| f.filter(|_| !b).map(|_| (c, style)))
            .collect();
        // Each column's range, empty for a column that is no indicator's: what a number must
        // fall in to be taken without the full reading.
        let ranges: Vec<(f64, f64)> = fast.iter().map(|f| f.unwrap_or((f64::INFINITY, f64::NEG_INFINITY))).collect();
        for (r, row) in t.data_rows_read(opts.only_years.as_ref(), numbers) {
            if opts.skips(t, r) {
                continue;
            }
            if repeats_header(&row, &t.headers) {
                let d = Diagnostic::error("this row repeats the header row").at(t.place(r, None));
                self.diags.push(d.help(
                    "were two files pasted together? delete the repeated header (and any byte-order mark before it)",
                ));
                continue;
            }
            let Some((unit, year)) = self.key(t, r, &row, unit_col, year_col, code_col, opts) else { continue };
            self.group_labels(t, r, &row, unit);
            let mut values = std::mem::take(&mut self.row);
            values.clear();
            // The cells machines write, read on the other core when the rows were split there:
            // taken in one sweep; the others (left there, or not in range) one by one below.
            let (ahead, percent) = row.ahead();
            let mut left = std::mem::take(&mut self.left);
            left.clear();
            if ahead.len() == cols.len() {
                self.scales.note_ahead(r, cols, ahead, percent, &ranges, &mut values, &mut left);
            } else {
                values.resize(cols.len(), f64::NAN);
                left.extend(0..cols.len());
            }
            for &k in &left {
                let c = cols[k];
                let (lo, hi) = ranges[k];
                let cell = row.get(c);
                let read = match cell {
                    Cell::Text(s) if yes_no[k] => {
                        decimal::read(s.as_bytes(), None).filter(|f| f.value == 0.0 || f.value == 1.0)
                    }
                    Cell::Text(s) if fast[k].is_some() => decimal::read(s.as_bytes(), styles[k]),
                    // An empty cell is a missing value, and nothing to say.
                    Cell::Empty => continue,
                    _ => None,
                };
                if let Some(f) = read
                    && f.value >= lo
                    && f.value <= hi
                {
                    self.scales.note(k, r, c, f.value, f.percent);
                    values[k] = f.value;
                    continue;
                }
                // `NA` (R's gap), `N/A`, `-`: missing, as the full reading says, without it.
                if let Cell::Text(s) = cell
                    && missing_marker(s)
                {
                    continue;
                }
                let v = self.value(t, r, c, cell, (k, indicators[k]), styles[k], opts.strict);
                values[k] = v.unwrap_or(f64::NAN);
            }
            self.left = left;
            let dens = std::mem::take(&mut self.dens);
            self.denominate(t, r, &row, &dens, &mut values);
            self.dens = dens;
            self.insert(t, r, unit, year, &values);
            self.row = values;
        }
    }
}
