//! Outlier treatment of one indicator in one year: the JRC two-stage rule exactly as COINr's
//! `Treat.numeric` runs it with its default functions (`R/treat.R`): `check_SkewKurt`, then
//! `winsorise`, then — when winsorising up to `max_points` still fails — `log_CT` applied to the
//! *untreated* values (`combine_treat = FALSE`). Pure maths over one column's present values.

use crate::model::prepare::Treat;

/// Skewness as COINr's `skew()` (e1071's type 2, Excel's SKEW): with d = x − mean,
/// √n·Σd³ / (Σd²)^{3/2} · √(n(n−1)) / (n−2).
#[must_use]
pub fn skew(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let (s2, s3) = x.iter().fold((0.0, 0.0), |(s2, s3), v| {
        let d = v - mean;
        (s2 + d * d, s3 + d * d * d)
    });
    let y = n.sqrt() * s3 / s2.powf(1.5);
    y * (n * (n - 1.0)).sqrt() / (n - 2.0)
}

/// Kurtosis as COINr's `kurt()` (e1071's type 2, Excel's KURT): with r = n·Σd⁴ / (Σd²)²,
/// ((n+1)(r−3) + 6)(n−1) / ((n−2)(n−3)).
#[must_use]
pub fn kurt(x: &[f64]) -> f64 {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let (s2, s4) = x.iter().fold((0.0, 0.0), |(s2, s4), v| {
        let d = v - mean;
        (s2 + d * d, s4 + d * d * d * d)
    });
    let r = n * s4 / (s2 * s2);
    ((n + 1.0) * (r - 3.0) + 6.0) * (n - 1.0) / ((n - 2.0) * (n - 3.0))
}

/// COINr's `check_SkewKurt`: passes when |skew| < `skew` OR kurtosis < `kurtosis`. A constant
/// column (no skewness to speak of, NaN) passes: there is nothing to treat.
fn passes(x: &[f64], skew_max: f64, kurt_max: f64) -> bool {
    let (s, k) = (skew(x), kurt(x));
    s.is_nan() || k.is_nan() || s.abs() < skew_max || k < kurt_max
}

/// What treating one column did.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// `winsorise` or `log`.
    pub method: &'static str,
    /// Points winsorised (COINr's `nwin`), or every value for `log`.
    pub points: usize,
    /// Positions (in the column) whose value changed.
    pub changed: Vec<usize>,
    /// (skewness, kurtosis) before and after.
    pub before: (f64, f64),
    pub after: (f64, f64),
}

/// Treats `column` in place (missing values stay missing); `None` when it passes untreated, has
/// fewer than 4 values (COINr's `kurt` needs 4; it stops with an error, here nothing is done)
/// or the treatment is `none`.
pub fn treat(column: &mut [Option<f64>], how: Treat) -> Option<Outcome> {
    let Treat::Winsorise { max_points, skew: s_max, kurtosis: k_max, then_log } = how else { return None };
    let at: Vec<usize> = (0..column.len()).filter(|&i| column[i].is_some()).collect();
    let orig: Vec<f64> = at.iter().filter_map(|&i| column[i]).collect();
    if orig.len() < 4 || passes(&orig, s_max, k_max) {
        return None;
    }
    let before = (skew(&orig), kurt(&orig));
    let (x, changed) = winsorise(&orig, max_points, s_max, k_max);
    let (method, x, changed) = if passes(&x, s_max, k_max) || !then_log {
        ("winsorise", x, changed)
    } else {
        ("log", log_ct(&orig), (0..orig.len()).collect())
    };
    if changed.is_empty() {
        return None; // max_points = 0 and then = "none": nothing was done
    }
    for (j, &i) in at.iter().enumerate() {
        column[i] = Some(x[j]);
    }
    let points = changed.len();
    Some(Outcome {
        method,
        points,
        changed: changed.into_iter().map(|j| at[j]).collect(),
        before,
        after: (skew(&x), kurt(&x)),
    })
}

/// COINr's `winsorise`: while the check fails and fewer than `max_points` are winsorised, the
/// highest value(s) (skew ≥ 0) or the lowest (skew < 0) — every point tied at the extreme — take
/// the next value in; skew is re-read after each step. Points already winsorised on a side are
/// tied at its new extreme, so each step moves them again with one more point: the points moved
/// are the last high group plus the last low group (COINr's `nwin <- length(imax) + length(imin)`).
fn winsorise(orig: &[f64], max_points: usize, s_max: f64, k_max: f64) -> (Vec<f64>, Vec<usize>) {
    let mut x = orig.to_vec();
    let (mut imax, mut imin): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    while imax.len() + imin.len() < max_points && !passes(&x, s_max, k_max) {
        let high = skew(&x) >= 0.0;
        let extreme = x
            .iter()
            .copied()
            .fold(if high { f64::NEG_INFINITY } else { f64::INFINITY }, |a, v| if high { a.max(v) } else { a.min(v) });
        let at: Vec<usize> = (0..x.len()).filter(|&i| x[i] == extreme).collect();
        let rest = (0..x.len()).filter(|i| !at.contains(i)).map(|i| x[i]);
        let next = if high { rest.fold(f64::NEG_INFINITY, f64::max) } else { rest.fold(f64::INFINITY, f64::min) };
        if !next.is_finite() {
            break; // every value equal: nothing left to move
        }
        for &i in &at {
            x[i] = next;
        }
        if high { imax = at } else { imin = at }
    }
    let mut changed: Vec<usize> = imax.into_iter().chain(imin).collect();
    changed.sort_unstable();
    (x, changed)
}

/// COINr's `log_CT`: log(x − min + 0.01·(max − min)).
fn log_ct(x: &[f64]) -> Vec<f64> {
    let min = x.iter().copied().fold(f64::INFINITY, f64::min);
    let max = x.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    x.iter().map(|v| (v - min + 0.01 * (max - min)).ln()).collect()
}

#[cfg(test)]
mod tests;
