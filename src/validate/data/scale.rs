//! One scale per column. A percentage cell reads as the number shown (`77,86%` is 77.86, as
//! in the CSV export of a cell formatted `0.00%`); a column where some cells say 77.86 % and
//! the others 0.7786 holds two scales, and ranking it would put those units a hundred times
//! apart. Found per table and column, and across years for `unit = "%"` indicators; an error
//! naming the cells either way, never a silent ×100.

use crate::error::{Diagnostic, Place};
use crate::load::RawTable;
use crate::model::tree::{Bounds, Indicator, Normalize};

/// What one column's cells showed.
#[derive(Debug, Clone, Default)]
struct Seen {
    marked: usize,
    marked_max: f64,
    /// Where the first marked and unmarked cells are: (data row, column).
    first_marked: Option<(usize, usize)>,
    unmarked: usize,
    unmarked_max: f64,
    first_unmarked: Option<(usize, usize)>,
    /// Cells that read two ways (only the first is reported), and the column.
    ambiguous: usize,
    ambiguous_column: usize,
}

impl Seen {
    /// Notes the value `v` read at data row `r`, column `c`, with or without a percent sign.
    #[inline]
    fn note(&mut self, r: usize, c: usize, v: f64, percent: bool) {
        if percent {
            self.marked += 1;
            self.marked_max = self.marked_max.max(v.abs());
            self.first_marked.get_or_insert((r, c));
        } else {
            self.unmarked += 1;
            self.unmarked_max = self.unmarked_max.max(v.abs());
            self.first_unmarked.get_or_insert((r, c));
        }
    }
}

/// The scales seen in each indicator column of one table.
#[derive(Debug, Default)]
pub(super) struct Scales(Vec<Seen>);

impl Scales {
    pub(super) fn new(columns: usize) -> Self {
        Scales(vec![Seen::default(); columns])
    }

    /// Notes the value `v` of indicator slot `k` read at data row `r`, column `c`.
    pub(super) fn note(&mut self, k: usize, r: usize, c: usize, v: f64, percent: bool) {
        if let Some(s) = self.0.get_mut(k) {
            s.note(r, c, v, percent);
        }
    }

    /// Notes the cells of data row `r` read ahead (`ahead`, one a slot, NaN for a cell left;
    /// `percent` their percent bits), columns `cols`: each one within its slot's range of
    /// `ranges` is pushed to `values` and noted as `note` does; the others are pushed as NaN
    /// and their slots to `left`. One sweep over the slots: this is every cell of a large file.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn note_ahead(
        &mut self,
        r: usize,
        cols: &[usize],
        ahead: &[f64],
        percent: &[u64],
        ranges: &[(f64, f64)],
        values: &mut Vec<f64>,
        left: &mut Vec<usize>,
    ) {
        for (k, (((&v, &c), &(lo, hi)), s)) in ahead.iter().zip(cols).zip(ranges).zip(&mut self.0).enumerate() {
            // NaN fails the comparisons.
            if !(v >= lo && v <= hi) {
                values.push(f64::NAN);
                left.push(k);
                continue;
            }
            values.push(v);
            s.note(r, c, v, percent.get(k / 64).is_some_and(|w| w >> (k % 64) & 1 == 1));
        }
        // Slots beyond those this table has scales for (none in practice) are left too.
        left.extend(values.len()..ahead.len().min(cols.len()));
        values.resize(ahead.len().min(cols.len()), f64::NAN);
    }

    /// How many cells of slot `k` read two ways so far.
    pub(super) fn ambiguous(&self, k: usize) -> usize {
        self.0.get(k).map_or(0, |s| s.ambiguous)
    }

    /// Counts a cell of slot `k`, column `c`, that reads two ways.
    pub(super) fn more_ambiguous(&mut self, k: usize, c: usize) {
        if let Some(s) = self.0.get_mut(k) {
            s.ambiguous += 1;
            s.ambiguous_column = c;
        }
    }

    /// An error for each column mixing percentages with fractions of one, and a note of how
    /// many more cells of a column read two ways than the one reported.
    pub(super) fn check(&self, t: &RawTable, diags: &mut Vec<Diagnostic>) {
        for s in self.0.iter().filter(|s| s.ambiguous > 1) {
            let column = t.headers.get(s.ambiguous_column).map_or("", String::as_str);
            let d = Diagnostic::note(format!(
                "{} more cell(s) of column `{column}` read two ways; only the first is shown",
                s.ambiguous - 1
            ));
            diags.push(d.at(Place::File { path: t.path.clone() }));
        }
        for s in &self.0 {
            let (Some((mr, mc)), Some((ur, uc))) = (s.first_marked, s.first_unmarked) else { continue };
            if s.unmarked_max > 1.0 || s.marked_max <= 1.0 {
                continue;
            }
            let d = Diagnostic::error(format!(
                "column `{}` mixes two scales: {} cell(s) written as percentages, {} as fractions of 1 (the first at {})",
                t.headers.get(mc).map_or("", String::as_str),
                s.marked,
                s.unmarked,
                t.place(ur, Some(uc)),
            ));
            diags.push(d.at(t.place(mr, Some(mc))).help(
                "a percentage cell reads as the number shown (77,86% is 77.86): write every cell of the column the same way, all as percentages or all as fractions",
            ));
        }
    }
}

/// For a `unit = "%"` indicator: the years whose values all lie within ±1 while another
/// year's do not — a year entered as fractions beside years entered as percentages.
/// `years` holds each year's number of values and largest magnitude.
pub(super) fn fraction_years(years: &[(i32, usize, f64)]) -> Option<(Vec<i32>, i32)> {
    let (big_year, _, _) = years.iter().find(|(_, _, max)| *max > 1.0)?;
    let small: Vec<i32> =
        years.iter().filter(|(_, n, max)| *n >= 3 && *max <= 1.0 && *max > 0.0).map(|y| y.0).collect();
    (!small.is_empty()).then_some((small, *big_year))
}

/// The top of the scale a spec declares for an indicator's raw values: its goalposts, fixed
/// bounds, or plausible range (`unit = "%"` implies [0, 100]).
fn declared_top(ind: &Indicator) -> Option<f64> {
    match ind.normalize {
        Normalize::Goalpost(a, b) | Normalize::MinMax(Bounds::Fixed(a, b)) => Some(a.max(b)),
        _ => ind.plausible.map(|(_, hi)| hi),
    }
}

/// Problems of scale of a `unit = "%"` indicator across the years (`years`: each year's
/// number of values and largest magnitude). Where its declared scale tops at 1 or so
/// (goalposts [0, 1] for a share of the budget in percent), values below 1 are what it
/// expects and nothing is said.
pub(super) fn percent_scale(id: &str, ind: &Indicator, years: &[(i32, usize, f64)]) -> Option<Diagnostic> {
    let top = declared_top(ind).unwrap_or(100.0);
    if top <= 1.5 {
        return None;
    }
    if let Some((small, big)) = fraction_years(years) {
        let list: Vec<String> = small.iter().map(ToString::to_string).collect();
        return Some(
            Diagnostic::error(format!(
                "`{id}` (unit %) lies within 0–1 in {} but not in {big}: fractions beside percentages",
                list.join(", ")
            ))
            .help("enter every year the same way: 77.86 (percent) or 0.7786 (fraction) throughout; multiply the fractions by 100"),
        );
    }
    // Every year within 0–1 while the scale goes to 100: a table of fractions (what pandas
    // and Gnumeric write for cells formatted as percentages).
    let filled: Vec<&(i32, usize, f64)> = years.iter().filter(|(_, n, _)| *n > 0).collect();
    let fractions = !filled.is_empty()
        && filled.iter().map(|y| y.1).sum::<usize>() >= 3
        && filled.iter().all(|(_, _, max)| *max <= 1.0)
        && filled.iter().any(|(_, _, max)| *max > 0.0);
    (fractions && top >= 10.0).then(|| {
        Diagnostic::warning(format!(
            "every value of `{id}` (unit %) lies within 0–1, while its scale goes to {top}: fractions of 1 rather than percentages?"
        ))
        .help("write percentages as the number shown (36.3, not 0.363); if they really are below 1 %, declare it with `goalposts` or `plausible`")
    })
}

#[cfg(test)]
mod tests {
    use super::fraction_years;

    #[test]
    fn a_year_of_fractions_beside_percentages_is_found() {
        assert_eq!(fraction_years(&[(2022, 63, 0.91), (2023, 63, 88.0)]), Some((vec![2022], 2023)));
        assert_eq!(fraction_years(&[(2022, 63, 45.0), (2023, 63, 88.0)]), None);
        assert_eq!(fraction_years(&[(2022, 63, 0.5), (2023, 63, 0.9)]), None);
        // Two values are too few to say a year is on another scale.
        assert_eq!(fraction_years(&[(2022, 2, 0.5), (2023, 63, 90.0)]), None);
    }
}
