//! The statistics of most normalisations without gathering any column: each column's count,
//! extremes and sums taken in one or two passes over a year's rows, every column side by side.
//! Owns no formula of its own: `stats` and `Rule` are the reference, and what is computed here
//! takes the same operations in the same order, so the statistics have the same bits.
//!
//! Gathering a column's values (`YearData::present`) reads a cache line per value and writes
//! a copy; at commune scale that was most of what preparing a year cost.

use super::{NOT_SCORED, Rule, Stats, deviation, greatest, least, moments, range};
use crate::error::Diagnostic;
use crate::model::panel::{Panel, YearData};
use crate::model::tree::{Bounds, Indicator, IndicatorTree, Normalize};

/// What one column's pass found, over its sign-adjusted values (a lower-is-better value
/// enters as −x).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Values present.
    pub n: usize,
    /// Least and greatest (∞ and −∞ when none is present).
    pub min: f64,
    pub max: f64,
    /// Their sum, and (when asked for) the sum of their squared deviations from the mean.
    pub sum: f64,
    pub sq: f64,
}

/// Whether `prepare_from_sweep` can take an indicator: min-max and z-scores over the year's own
/// values, and the methods that take nothing from the data but an overflow check (`rank`
/// needs the sorted values; `bands` maps values out of order, so its check needs each value).
#[must_use]
pub fn by_sweep(ind: &Indicator) -> bool {
    matches!(
        ind.normalize,
        Normalize::MinMax(Bounds::Year)
            | Normalize::ZScore(Bounds::Year)
            | Normalize::None
            | Normalize::Max(_)
            | Normalize::Goalpost(..)
            | Normalize::Bool
    )
}

/// Every column of `year` in one pass over its rows (`signs[k]`: ±1), and with `squares` a
/// second pass for the squared deviations. Each column's values are folded in unit order, as
/// `stats` folds the gathered ones: `least` and `greatest` pass over a NaN (a missing value),
/// and a missing value adds −0.0 to a sum, which changes no sum's bits (+0.0 would turn a −0.0
/// sum into +0.0).
#[must_use]
pub fn sweep(year: &YearData, signs: &[f64], squares: bool) -> Vec<Column> {
    let width = signs.len();
    // `Sum for f64` starts from its own zero (−0.0 today); these sums must too.
    let zero: f64 = std::iter::empty::<f64>().sum();
    let (mut n, mut min, mut max, mut sum) =
        (vec![0usize; width], vec![f64::INFINITY; width], vec![f64::NEG_INFINITY; width], vec![zero; width]);
    let (n_, min_, max_, sum_) = (&mut n[..], &mut min[..], &mut max[..], &mut sum[..]);
    for row in year.rows() {
        // The columns side by side: one read of the rows for all of them (every slice cut to
        // one length first, so that indexing needs no bounds check).
        let w = width.min(row.len());
        let (row, signs, n, min, max, sum) =
            (&row[..w], &signs[..w], &mut n_[..w], &mut min_[..w], &mut max_[..w], &mut sum_[..w]);
        for k in 0..w {
            let y = signs[k] * row[k];
            let present = !y.is_nan();
            n[k] += usize::from(present);
            min[k] = least(min[k], y);
            max[k] = greatest(max[k], y);
            sum[k] += if present { y } else { -0.0 };
        }
    }
    let mut sq = vec![zero; width];
    if squares {
        let mean: Vec<f64> = sum.iter().zip(&n).map(|(&s, &n)| s / n as f64).collect();
        for row in year.rows() {
            let w = width.min(row.len());
            let (row, signs, mean, sq) = (&row[..w], &signs[..w], &mean[..w], &mut sq[..w]);
            for k in 0..w {
                let y = signs[k] * row[k];
                sq[k] += if y.is_nan() { -0.0 } else { deviation(y, mean[k]) };
            }
        }
    }
    (0..width).map(|k| Column { n: n[k], min: min[k], max: max[k], sum: sum[k], sq: sq[k] }).collect()
}

/// As `prepare_from` for an indicator that `by_sweep` takes, given its column's `sweep`:
/// `None` when it needs the year's values after all, because a normalised value might not be
/// finite (`prepare_from` then says which).
///
/// Every method taken here normalises through steps that each keep or reverse the order of
/// values (`Rule::at`: a subtraction, a division, a clamp, a scaling), so the normalised
/// values of the column lie between those of its least and greatest raw value: when those two
/// are finite, every one is.
pub fn prepare_from_sweep(
    tree: &IndicatorTree,
    panel: &Panel,
    y: usize,
    k: usize,
    col: &Column,
    diags: &mut Vec<Diagnostic>,
) -> Option<Option<Stats>> {
    let node = panel.indicators[k];
    let ind = tree.nodes[node].indicator()?;
    let stats = match ind.normalize {
        Normalize::MinMax(Bounds::Year) => range(ind, col.min, col.max),
        Normalize::ZScore(Bounds::Year) => moments(col.n, col.sum / col.n as f64, col.sq),
        _ if by_sweep(ind) => Ok(Stats::Absolute),
        _ => return None,
    };
    match stats {
        Ok(st) => {
            let rule = Rule::new(ind, &st);
            // The raw values of the extremes (−(−x) is x exactly).
            let s = super::sign(ind);
            let finite = col.n == 0 || (rule.at(s * col.min).is_finite() && rule.at(s * col.max).is_finite());
            finite.then_some(Some(st))
        }
        Err(p) => {
            if col.n > 0 {
                let (id, year) = (&tree.nodes[node].id, panel.years[y].year);
                let d = Diagnostic::warning(format!("`{id}` in {year}: {p}; its normalised values are missing"));
                diags.push(d.help(NOT_SCORED));
            }
            Some(None)
        }
    }
}

#[cfg(test)]
mod tests;
