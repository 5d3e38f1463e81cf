//! Normalisation: raw indicator values → scores, per the indicator's method, direction, output
//! range and bounds. Statistics for `minmax` and `zscore` are taken over the non-missing values
//! of the year, or of every year with `bounds = "pooled"` (COINr's conventions).

use crate::error::Diagnostic;
use crate::model::panel::Panel;
use crate::model::tree::{Bounds, Direction, Indicator, IndicatorTree, Normalize};

/// Normalised values: `out[year][k][u]` for the `k`-th indicator of `panel.indicators`.
pub fn all_years(tree: &IndicatorTree, panel: &Panel, diags: &mut Vec<Diagnostic>) -> Vec<Vec<Vec<Option<f64>>>> {
    let width = panel.indicators.len();
    let column = |y: usize, k: usize| -> Vec<Option<f64>> {
        let yd = &panel.years[y];
        (0..yd.units.len()).map(|u| yd.values[u * width + k]).collect()
    };
    let mut out = vec![Vec::with_capacity(width); panel.years.len()];
    for (k, &node) in panel.indicators.iter().enumerate() {
        let Some(ind) = tree.nodes[node].indicator() else { continue };
        let pooled: Vec<f64> = (0..panel.years.len()).flat_map(|y| column(y, k)).flatten().collect();
        for (y, slot) in out.iter_mut().enumerate() {
            let (v, problem) = normalise(ind, &column(y, k), &pooled);
            if let Some(p) = problem {
                let id = &tree.nodes[node].id;
                let year = panel.years[y].year;
                diags.push(Diagnostic::warning(format!("`{id}` in {year}: {p}; its normalised values are missing")).help("a constant or near-empty indicator cannot be scored relative to others; check the data or use goalpost/max"));
            }
            slot.push(v);
        }
    }
    out
}

/// Normalises one year's column. `pooled` holds every year's non-missing raw values. Returns
/// the values and, when the column cannot be normalised, why.
#[must_use]
pub fn normalise(ind: &Indicator, xs: &[Option<f64>], pooled: &[f64]) -> (Vec<Option<f64>>, Option<String>) {
    let sign = match ind.direction {
        Direction::Higher => 1.0,
        Direction::Lower => -1.0,
    };
    let (lo, hi) = ind.range;
    let scale = |t: f64| lo + t * (hi - lo);
    let map = |f: &dyn Fn(f64) -> f64| xs.iter().map(|x| x.map(f)).collect::<Vec<_>>();
    let year_vals: Vec<f64> = xs.iter().flatten().copied().collect();
    let stats_of = |b: Bounds| -> Vec<f64> {
        match b {
            Bounds::Pooled => pooled.iter().map(|x| sign * x).collect(),
            Bounds::Fixed(a, z) => vec![sign * a, sign * z],
            Bounds::Year => year_vals.iter().map(|x| sign * x).collect(),
        }
    };
    match &ind.normalize {
        Normalize::None => (xs.to_vec(), None),
        Normalize::Max(m) => (map(&|x| scale(clamp01(if sign > 0.0 { x / m } else { (m - x) / m }))), None),
        Normalize::Goalpost(w, t) => (map(&|x| scale(clamp01((x - w) / (t - w)))), None),
        Normalize::Bool => (map(&|x| scale(if sign > 0.0 { x } else { 1.0 - x })), None),
        Normalize::Bands(bands) => (map(&|x| scale(band(bands, ind.direction, x))), None),
        Normalize::MinMax(b) => {
            let ys = stats_of(*b);
            let min = ys.iter().copied().fold(f64::INFINITY, f64::min);
            let max = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            if ys.is_empty() || max <= min {
                return (vec![None; xs.len()], (!year_vals.is_empty()).then(|| "all values are equal".to_string()));
            }
            let fixed = matches!(b, Bounds::Fixed(..));
            (
                map(&|x| {
                    let t = (sign * x - min) / (max - min);
                    scale(if fixed { clamp01(t) } else { t })
                }),
                None,
            )
        }
        Normalize::ZScore(b) => {
            let ys = stats_of(*b);
            let n = ys.len() as f64;
            let mean = ys.iter().sum::<f64>() / n;
            let var = ys.iter().map(|y| (y - mean).powi(2)).sum::<f64>() / (n - 1.0);
            let sd = var.sqrt();
            if ys.len() < 2 || sd.is_nan() || sd <= 0.0 {
                return (
                    vec![None; xs.len()],
                    (!year_vals.is_empty()).then(|| "fewer than two distinct values".to_string()),
                );
            }
            (map(&|x| (sign * x - mean) / sd), None)
        }
        Normalize::Rank => {
            let ys: Vec<f64> = year_vals.iter().map(|x| sign * x).collect();
            if ys.len() < 2 {
                return (vec![None; xs.len()], (!ys.is_empty()).then(|| "fewer than two values to rank".to_string()));
            }
            let below = |y: f64| ys.iter().filter(|&&o| o < y).count() as f64;
            (map(&|x| scale(below(sign * x) / (ys.len() as f64 - 1.0))), None)
        }
    }
}

fn clamp01(t: f64) -> f64 {
    t.clamp(0.0, 1.0)
}

/// The score of the last threshold reached (`x ≥ t`, or `x ≤ t` when lower is better).
fn band(bands: &[(f64, f64)], dir: Direction, x: f64) -> f64 {
    bands
        .iter()
        .rev()
        .find(|(t, _)| match dir {
            Direction::Higher => x >= *t,
            Direction::Lower => x <= *t,
        })
        .map_or(0.0, |(_, s)| *s)
}

#[cfg(test)]
mod tests;
