//! A seeded Monte Carlo over the analyst's choices: weights perturbed by ±x %, the
//! normalisation method, the aggregation method, and leaving one indicator out. Each
//! replication's generator comes from the seed and the replication's index, and results are
//! gathered in index order, so the output is the same whatever the number of threads.
//!
//! When a replication aggregates geometrically or harmonically, bounded normalisations use the
//! range [1, 100] (COINr's convention before a geometric mean) so that no value is 0.

use super::{Rank, root_ranks};
use crate::model::Year;
use crate::model::panel::Panel;
use crate::model::tree::{Aggregate, Bounds, IndicatorTree, NodeId, NodeKind, Normalize};
use rayon::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A normalisation a replication may draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    MinMax,
    ZScore,
    Goalpost,
    Rank,
}

impl Method {
    /// The method named `s`, if it is one a replication can draw.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        [Method::MinMax, Method::ZScore, Method::Goalpost, Method::Rank].into_iter().find(|m| m.name() == s)
    }

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Method::MinMax => "minmax",
            Method::ZScore => "zscore",
            Method::Goalpost => "goalpost",
            Method::Rank => "rank",
        }
    }
}

/// What to vary, and how often.
#[derive(Debug, Clone)]
pub struct Config {
    pub runs: usize,
    pub seed: u64,
    /// Each weight is multiplied by a uniform draw from [1 − x, 1 + x].
    pub weight_noise: f64,
    /// Normalisations to draw from (empty: the spec's own).
    pub normalize: Vec<Method>,
    /// Aggregations to draw from (empty: the spec's own).
    pub aggregate: Vec<Aggregate>,
    /// Leave out one indicator (or none), drawn uniformly.
    pub drop_one: bool,
}

/// SplitMix64: small, seedable, identical on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The generator of replication `index` under `seed`.
    #[must_use]
    pub fn for_run(seed: u64, index: u64) -> Self {
        let mut r = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.uniform() * n as f64) as usize).min(n.saturating_sub(1))
    }
}

/// What one replication drew, and the ranks it gave.
#[derive(Debug, Clone)]
pub struct Run {
    pub normalize: Option<Method>,
    pub aggregate: Option<Aggregate>,
    pub dropped: Option<NodeId>,
    /// Weight multipliers, one per edge in `edges()` order.
    pub multipliers: Vec<f64>,
    /// The root's rank position of each unit of the year (in `YearScores::units` order).
    pub ranks: Vec<Option<u32>>,
    /// Why the replication could not be scored, if it could not.
    pub error: Option<String>,
}

/// Every (parent, child) edge of the graph, in node and child order.
#[must_use]
pub fn edges(tree: &IndicatorTree) -> Vec<(NodeId, NodeId)> {
    tree.nodes
        .iter()
        .enumerate()
        .filter_map(|(p, n)| n.composite().map(|c| c.children.iter().map(move |(k, _)| (p, *k))))
        .flatten()
        .collect()
}

/// The tree of one replication.
fn perturbed(tree: &IndicatorTree, cfg: &Config, rng: &mut Rng, candidates: &[NodeId]) -> (IndicatorTree, Run) {
    let mut t = tree.clone();
    let mut multipliers = Vec::new();
    for node in &mut t.nodes {
        if let NodeKind::Composite(c) = &mut node.kind {
            for (_, w) in &mut c.children {
                let m = 1.0 + cfg.weight_noise * (2.0 * rng.uniform() - 1.0);
                multipliers.push(m);
                *w *= m;
            }
        }
    }
    let normalize = (!cfg.normalize.is_empty()).then(|| cfg.normalize[rng.below(cfg.normalize.len())]);
    let aggregate = (!cfg.aggregate.is_empty()).then(|| cfg.aggregate[rng.below(cfg.aggregate.len())]);
    let dropped = if cfg.drop_one {
        let i = rng.below(candidates.len() + 1);
        candidates.get(i).copied()
    } else {
        None
    };
    let positive = matches!(aggregate, Some(Aggregate::Geometric | Aggregate::Harmonic));
    for node in &mut t.nodes {
        match &mut node.kind {
            NodeKind::Composite(c) => {
                if let Some(a) = aggregate {
                    c.aggregate = a;
                }
                if let Some(d) = dropped {
                    c.children.retain(|(k, _)| *k != d);
                }
            }
            NodeKind::Indicator(ind) => {
                if let Some(m) = normalize {
                    ind.normalize = switch(&ind.normalize, m);
                }
                if positive && !matches!(ind.normalize, Normalize::None | Normalize::ZScore(_)) {
                    ind.range = (1.0, 100.0);
                }
            }
        }
    }
    (t, Run { normalize, aggregate, dropped, multipliers, ranks: Vec::new(), error: None })
}

/// The method an indicator takes when a replication draws `m`: relative methods apply to any
/// indicator measured on a scale; `goalpost` only to those the spec gives goalposts; yes/no,
/// bands and ready-made scores keep their own.
fn switch(own: &Normalize, m: Method) -> Normalize {
    let relative = matches!(own, Normalize::Max(_) | Normalize::MinMax(_) | Normalize::ZScore(_) | Normalize::Goalpost(..) | Normalize::Rank);
    if !relative {
        return own.clone();
    }
    let bounds = match own {
        Normalize::MinMax(b) | Normalize::ZScore(b) => *b,
        _ => Bounds::Year,
    };
    match m {
        Method::MinMax => Normalize::MinMax(bounds),
        Method::ZScore => Normalize::ZScore(bounds),
        Method::Rank => Normalize::Rank,
        Method::Goalpost => own.clone(),
    }
}

/// Runs the Monte Carlo for `year`. `progress` is bumped after every replication.
#[must_use]
pub fn run(tree: &IndicatorTree, panel: &Panel, year: Year, cfg: &Config, progress: &AtomicUsize) -> Vec<Run> {
    let candidates: Vec<NodeId> = tree.indicators().into_iter().filter(|&k| tree.nodes[k].scored).collect();
    // Without pooled statistics the other years cannot change this year's ranks.
    let pools = tree.nodes.iter().any(|n| matches!(n.indicator().map(|i| &i.normalize), Some(Normalize::MinMax(Bounds::Pooled) | Normalize::ZScore(Bounds::Pooled))));
    let one_year;
    let panel = if pools {
        panel
    } else {
        one_year = Panel { units: panel.units.clone(), indicators: panel.indicators.clone(), years: panel.years.iter().filter(|y| y.year == year).cloned().collect() };
        &one_year
    };
    (0..cfg.runs)
        .into_par_iter()
        .map(|i| {
            let mut rng = Rng::for_run(cfg.seed, i as u64);
            let (t, mut r) = perturbed(tree, cfg, &mut rng, &candidates);
            match root_ranks(&t, panel, year) {
                Ok(ranks) => r.ranks = ranks.iter().map(|k| k.map(|k| k.pos)).collect(),
                Err(e) => r.error = Some(e.0.first().map(ToString::to_string).unwrap_or_default()),
            }
            progress.fetch_add(1, Ordering::Relaxed);
            r
        })
        .collect()
}

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
            let mean_shift = nom.filter(|_| !rs.is_empty()).map(|n| rs.iter().map(|&r| f64::from(r.abs_diff(n.pos))).sum::<f64>() / rs.len() as f64);
            Spread { nominal: *nom, median: quantile(&rs, 0.5), q05: quantile(&rs, 0.05), q95: quantile(&rs, 0.95), mean_shift }
        })
        .collect()
}

/// The average rank shift of each replication: mean over units of |rank − nominal|.
#[must_use]
pub fn run_shifts(nominal: &[Option<Rank>], runs: &[Run]) -> Vec<f64> {
    runs.iter()
        .map(|r| {
            let d: Vec<f64> = nominal.iter().zip(&r.ranks).filter_map(|(n, k)| Some(f64::from(k.as_ref()?.abs_diff(n.as_ref()?.pos)))).collect();
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
    let between: f64 = (0..k).filter(|&g| count[g] > 0).map(|g| count[g] as f64 * (sum[g] / count[g] as f64 - mean).powi(2)).sum();
    Some(between / total)
}

/// Display order: by nominal rank (unranked last), ties by name.
#[must_use]
pub fn display_order(spreads: &[Spread], names: &[&str]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spreads.len()).collect();
    order.sort_by_cached_key(|&i| (spreads[i].nominal.map_or(u32::MAX, |k| k.pos), crate::model::registry::collation_key(names[i])));
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

    #[test]
    fn generators_depend_only_on_seed_and_index() {
        let a: Vec<u64> = (0..3).map(|i| Rng::for_run(7, i).next()).collect();
        let b: Vec<u64> = (0..3).map(|i| Rng::for_run(7, i).next()).collect();
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
        let mut r = Rng::for_run(1, 1);
        assert!((0..1000).map(|_| r.uniform()).all(|u| (0.0..1.0).contains(&u)));
    }
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
        let size: Vec<f64> = runs.iter().map(|r| r.multipliers.iter().map(|m| (m - 1.0).abs()).sum::<f64>() / r.multipliers.len().max(1) as f64).collect();
        out.push(("weights", first_order(shifts, &deciles(&size))));
    }
    if cfg.normalize.len() > 1 {
        let g: Vec<usize> = runs.iter().map(|r| r.normalize.and_then(|m| cfg.normalize.iter().position(|x| *x == m)).unwrap_or(0)).collect();
        out.push(("normalisation", first_order(shifts, &g)));
    }
    if cfg.aggregate.len() > 1 {
        let g: Vec<usize> = runs.iter().map(|r| r.aggregate.and_then(|a| cfg.aggregate.iter().position(|x| *x == a)).unwrap_or(0)).collect();
        out.push(("aggregation", first_order(shifts, &g)));
    }
    if cfg.drop_one {
        let g: Vec<usize> = runs.iter().map(|r| r.dropped.map_or(0, |d| d + 1)).collect();
        out.push(("dropped indicator", first_order(shifts, &g)));
    }
    out
}
