//! The values of one year as rows are read: one contiguous row-major block of `f64` (NaN where
//! missing), the unit of each row, and where each unit's row came from, to report a second
//! row for the same unit. At commune scale this is the largest thing validation holds, so it
//! holds nothing per cell but the number.

use crate::model::Year;
use crate::model::panel::{UnitId, YearData};
use std::collections::HashMap;

#[derive(Debug, Default)]
pub(super) struct YearRows {
    units: Vec<UnitId>,
    values: Vec<f64>,
    /// Unit → (table, row) of its row.
    first: HashMap<UnitId, (usize, usize)>,
}

impl YearRows {
    /// Room for `rows` rows of `width` values, reserved at once: grown step by step, the block
    /// would leave its smaller copies behind in the heap (resident, if freed). Room not
    /// written to is never touched and costs no memory; `finish` gives it back.
    pub(super) fn with_room(rows: usize, width: usize) -> Self {
        YearRows { values: Vec::with_capacity(rows * width), ..YearRows::default() }
    }

    /// Adds the row of `unit` read at `at` (table, row); if the unit already has one, returns
    /// where that first row is and adds nothing.
    pub(super) fn push(&mut self, unit: UnitId, at: (usize, usize), values: &[f64]) -> Result<(), (usize, usize)> {
        if let Some(&first) = self.first.get(&unit) {
            return Err(first);
        }
        self.first.insert(unit, at);
        self.units.push(unit);
        self.values.extend_from_slice(values);
        Ok(())
    }

    /// How many rows the year has.
    pub(super) fn len(&self) -> usize {
        self.units.len()
    }

    /// For each of the `width` columns, how many values it has and the largest magnitude
    /// among them.
    pub(super) fn extents(&self, width: usize) -> Vec<(usize, f64)> {
        let mut out = vec![(0, 0.0); width];
        for row in self.values.chunks_exact(width.max(1)) {
            for (e, v) in out.iter_mut().zip(row).filter(|(_, v)| !v.is_nan()) {
                *e = (e.0 + 1, f64::max(e.1, v.abs()));
            }
        }
        out
    }

    /// Forgets every row after the first `rows`.
    pub(super) fn truncate(&mut self, rows: usize) {
        let width = if self.units.is_empty() { 0 } else { self.values.len() / self.units.len() };
        for u in self.units.drain(rows.min(self.units.len())..) {
            self.first.remove(&u);
        }
        self.values.truncate(rows * width);
    }

    /// The year's data, rows ordered by unit id (the order units were first met), sorted in
    /// place so that no second copy of the block is ever made.
    pub(super) fn finish(mut self, year: Year, width: usize) -> YearData {
        let n = self.units.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| self.units[i]);
        // Destination i takes source row order[i]: follow each cycle with one spare row.
        let mut done = vec![false; n];
        let mut spare = vec![0.0; width];
        for start in 0..n {
            if done[start] || order[start] == start {
                done[start] = true;
                continue;
            }
            spare.copy_from_slice(&self.values[start * width..(start + 1) * width]);
            let mut dst = start;
            loop {
                done[dst] = true;
                let src = order[dst];
                if src == start {
                    self.values[dst * width..(dst + 1) * width].copy_from_slice(&spare);
                    break;
                }
                self.values.copy_within(src * width..(src + 1) * width, dst * width);
                dst = src;
            }
        }
        let units = order.iter().map(|&i| self.units[i]).collect();
        self.values.shrink_to_fit();
        YearData::new(year, units, self.values, width)
    }
}

#[cfg(test)]
mod tests {
    use super::YearRows;

    #[test]
    fn rows_come_out_by_unit_and_duplicates_are_refused() {
        let mut y = YearRows::default();
        for (unit, v) in [(3, [30.0, 31.0]), (0, [0.0, 1.0]), (2, [20.0, f64::NAN]), (1, [10.0, 11.0])] {
            y.push(unit, (0, unit), &v).expect("first row of the unit");
        }
        assert_eq!(y.push(2, (1, 9), &[9.0, 9.0]), Err((0, 2)));
        let d = y.finish(2024, 2);
        assert_eq!(d.units, [0, 1, 2, 3]);
        let got: Vec<Option<f64>> = (0..4).flat_map(|u| [d.get(u, 0), d.get(u, 1)]).collect();
        let want = [0.0, 1.0, 10.0, 11.0, 20.0, f64::NAN, 30.0, 31.0].map(|v| (!v.is_nan()).then_some(v));
        assert_eq!(got, want);
    }

    #[test]
    fn truncating_forgets_later_rows_and_their_units() {
        let mut y = YearRows::default();
        y.push(5, (0, 0), &[1.0, 2.0]).expect("new");
        y.push(7, (0, 1), &[3.0, 4.0]).expect("new");
        y.truncate(1);
        assert_eq!(y.len(), 1);
        y.push(7, (1, 0), &[5.0, 6.0]).expect("7 was forgotten");
        let d = y.finish(2024, 2);
        assert_eq!((d.units.clone(), d.get(1, 1)), (vec![5, 7], Some(6.0)));
    }

    #[test]
    fn extents_count_values_and_the_largest_magnitude_per_column() {
        let mut y = YearRows::default();
        for (unit, v) in [(0, [1.5, f64::NAN, -7.0]), (1, [-2.5, f64::NAN, 3.0]), (2, [0.5, 4.0, f64::NAN])] {
            y.push(unit, (0, unit), &v).expect("first row of the unit");
        }
        assert_eq!(y.extents(3), [(3, 2.5), (1, 4.0), (2, 7.0)]);
        assert_eq!(YearRows::default().extents(2), [(0, 0.0), (0, 0.0)]);
    }
}
