//! Summaries of a Monte Carlo: each unit's spread of ranks, each replication's average rank
//! shift, and which uncertain input moves ranks most.

use super::{Config, Run};
use crate::score::Rank;

/// One unit's spread of ranks over the replications.
#[derive(Debug, Clone, PartialEq)]
pub struct Spread {
    pub nominal: Option<Rank>,
    pub median: Option<u32>,
    pub q05: Option<u32>,
    pub q95: Option<u32>,
    /// Mean of |rank − nominal rank| over the replications that rank the unit.
    pub mean_shift: Option<f64>,
}

/// The nearest-rank quantile of sorted values: the ⌈p·n⌉-th smallest.
fn quantile(sorted: &[u32], p: f64) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let i = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    Some(sorted[i])
}

/// Per unit (in `nominal` order): nominal rank, median, 5 % and 95 % quantiles, mean shift.
#[must_use]
pub fn spreads(nominal: &[Option<Rank>], runs: &[Run]) -> Vec<Spread> {
    nominal
        .iter()
        .enumerate()
        .map(|(u, nom)| {
            let mut rs: Vec<u32> = runs.iter().filter_map(|r| r.ranks.get(u).copied().flatten()).collect();
            rs.sort_unstable();
            let mean_shift = nom
                .filter(|_| !rs.is_empty())
                .map(|n| rs.iter().map(|&r| f64::from(r.abs_diff(n.pos))).sum::<f64>() / rs.len() as f64);
            Spread {
                nominal: *nom,
                median: quantile(&rs, 0.5),
                q05: quantile(&rs, 0.05),
                q95: quantile(&rs, 0.95),
                mean_shift,
            }
        })
        .collect()
}

/// The average rank shift of each replication: mean over units of |rank − nominal|.
#[must_use]
pub fn run_shifts(nominal: &[Option<Rank>], runs: &[Run]) -> Vec<f64> {
    runs.iter()
        .map(|r| {
            let d: Vec<f64> = nominal
                .iter()
                .zip(&r.ranks)
                .filter_map(|(n, k)| Some(f64::from(k.as_ref()?.abs_diff(n.as_ref()?.pos))))
                .collect();
            if d.is_empty() { 0.0 } else { d.iter().sum::<f64>() / d.len() as f64 }
        })
        .collect()
}

/// First-order share of the variance of `y` explained by a grouping of the replications: the
/// between-group variance over the total variance (the correlation ratio η², the first-order
/// sensitivity index of a discrete input).
#[must_use]
pub fn first_order(y: &[f64], groups: &[usize]) -> Option<f64> {
    let n = y.len() as f64;
    let mean = y.iter().sum::<f64>() / n;
    let total: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    if y.is_empty() || total <= 0.0 {
        return None;
    }
    let k = groups.iter().max().map_or(0, |m| m + 1);
    let (mut sum, mut count) = (vec![0.0; k], vec![0usize; k]);
    for (v, &g) in y.iter().zip(groups) {
        sum[g] += v;
        count[g] += 1;
    }
    let between: f64 =
        (0..k).filter(|&g| count[g] > 0).map(|g| count[g] as f64 * (sum[g] / count[g] as f64 - mean).powi(2)).sum();
    Some(between / total)
}

/// Display order: by nominal rank (unranked last), ties by name.
#[must_use]
pub fn display_order(spreads: &[Spread], names: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spreads.len()).collect();
    order.sort_by_cached_key(|&i| {
        (spreads[i].nominal.map_or(u32::MAX, |k| k.pos), crate::model::registry::collation_key(names[i]))
    });
    order
}

/// Deciles of `x`: the group (0–9) of each value by its rank among all values.
#[must_use]
pub fn deciles(x: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..x.len()).collect();
    order.sort_by(|&a, &b| x[a].total_cmp(&x[b]).then(a.cmp(&b)));
    let mut out = vec![0; x.len()];
    for (pos, &i) in order.iter().enumerate() {
        out[i] = pos * 10 / x.len().max(1);
    }
    out
}

/// Which uncertain input moves ranks most: for each input that varied, the first-order share of
/// the variance of the replications' average rank shift (`first_order`). Discrete inputs are
/// grouped by their drawn value; the weights, a many-dimensional input, are grouped by deciles
/// of the mean |multiplier − 1| of the replication — a coarse summary, so their share is a
/// lower bound.
#[must_use]
pub fn drivers(cfg: &Config, runs: &[Run], shifts: &[f64]) -> Vec<(&'static str, Option<f64>)> {
    let mut out = Vec::new();
    if cfg.weight_noise > 0.0 {
        let size: Vec<f64> = runs
            .iter()
            .map(|r| r.multipliers.iter().map(|m| (m - 1.0).abs()).sum::<f64>() / r.multipliers.len().max(1) as f64)
            .collect();
        out.push(("weights", first_order(shifts, &deciles(&size))));
    }
    if cfg.normalize.len() > 1 {
        let g: Vec<usize> = runs
            .iter()
            .map(|r| r.normalize.and_then(|m| cfg.normalize.iter().position(|x| *x == m)).unwrap_or(0))
            .collect();
        out.push(("normalisation", first_order(shifts, &g)));
    }
    if cfg.aggregate.len() > 1 {
        let g: Vec<usize> = runs
            .iter()
            .map(|r| r.aggregate.and_then(|a| cfg.aggregate.iter().position(|x| *x == a)).unwrap_or(0))
            .collect();
        out.push(("aggregation", first_order(shifts, &g)));
    }
    if runs.iter().any(|r| r.impute.is_some()) {
        let g: Vec<usize> = runs.iter().map(|r| usize::from(r.impute == Some(true))).collect();
        out.push(("imputation", first_order(shifts, &g)));
    }
    if runs.iter().any(|r| r.treat.is_some()) {
        let g: Vec<usize> = runs.iter().map(|r| usize::from(r.treat == Some(true))).collect();
        out.push(("treatment", first_order(shifts, &g)));
    }
    if cfg.drop_one {
        let g: Vec<usize> = runs.iter().map(|r| r.dropped.map_or(0, |d| d + 1)).collect();
        out.push(("dropped indicator", first_order(shifts, &g)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_quantiles() {
        let v: Vec<u32> = (1..=20).collect();
        assert_eq!(quantile(&v, 0.05), Some(1));
        assert_eq!(quantile(&v, 0.5), Some(10));
        assert_eq!(quantile(&v, 0.95), Some(19));
        assert_eq!(quantile(&[], 0.5), None);
    }

    #[test]
    fn correlation_ratio_by_hand() {
        // Groups {1, 3} and {5, 7}: mean 4, total SS 9 + 1 + 1 + 9 = 20,
        // between 2·(2 − 4)² + 2·(6 − 4)² = 16 → 0.8.
        assert!((first_order(&[1.0, 3.0, 5.0, 7.0], &[0, 0, 1, 1]).unwrap() - 0.8).abs() < 1e-12);
        assert_eq!(first_order(&[2.0, 2.0], &[0, 1]), None);
    }
}
