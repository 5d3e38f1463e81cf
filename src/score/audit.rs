//! A statistical audit of one year, as the JRC audits composite indices: per-indicator
//! distribution (coverage, min, max, mean, sd, skewness, kurtosis and the outlier flag
//! |skew| > 2 and kurtosis > 3.5), correlations of each child with each parent and of each
//! composite with the index (Pearson and Spearman), sibling pairs correlating above 0.9,
//! Cronbach's alpha per composite, and children whose direction is probably reversed
//! (`reversal`).
//!
//! Moments are population moments (skew = m₃/m₂^1.5, kurtosis = m₄/m₂² − 3, excess), as
//! COINr's `skew` and `kurt`; sd is the sample sd (n − 1).

use super::YearScores;
use crate::model::tree::{IndicatorTree, NodeId};

/// One indicator's distribution in the year (raw values).
#[derive(Debug, Clone)]
pub struct Distribution {
    pub node: NodeId,
    /// Share of the year's units with a value.
    pub coverage: f64,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub skew: Option<f64>,
    pub kurtosis: Option<f64>,
    /// |skew| > 2 and kurtosis > 3.5.
    pub outlier: bool,
}

/// A correlation between a node and one of its parents, or a composite and the index.
#[derive(Debug, Clone)]
pub struct Correlation {
    pub child: NodeId,
    pub parent: NodeId,
    pub pearson: Option<f64>,
    pub spearman: Option<f64>,
}

/// The whole audit.
#[derive(Debug, Clone)]
pub struct Audit {
    pub distributions: Vec<Distribution>,
    /// Child–parent correlations, then composite–index correlations.
    pub with_parent: Vec<Correlation>,
    pub with_index: Vec<Correlation>,
    /// Sibling indicators correlating above 0.9 (Pearson): (parent, a, b, r).
    pub collinear: Vec<(NodeId, NodeId, NodeId, f64)>,
    /// Cronbach's alpha per composite (over units with every child present).
    pub alpha: Vec<(NodeId, Option<f64>)>,
    /// Children whose direction is probably reversed (`reversal`).
    pub suspects: Vec<super::reversal::Suspect>,
}

fn pairs(a: &[Option<f64>], b: &[Option<f64>]) -> (Vec<f64>, Vec<f64>) {
    a.iter().zip(b).filter_map(|(x, y)| Some((x.as_ref()?, y.as_ref()?))).map(|(x, y)| (*x, *y)).unzip()
}

/// Pearson's r, or `None` with fewer than 3 pairs or no spread.
#[must_use]
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len() as f64;
    if x.len() < 3 {
        return None;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let sxy: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sxx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum();
    let syy: f64 = y.iter().map(|b| (b - my).powi(2)).sum();
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Ranks with ties averaged (1-based), for Spearman's rho.
fn average_ranks(x: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|&a, &b| x[a].total_cmp(&x[b]));
    let mut r = vec![0.0; x.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && x[idx[j + 1]] == x[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &idx[i..=j] {
            r[k] = avg;
        }
        i = j + 1;
    }
    r
}

/// Spearman's rho: Pearson's r of the average ranks.
#[must_use]
pub fn spearman(x: &[f64], y: &[f64]) -> Option<f64> {
    pearson(&average_ranks(x), &average_ranks(y))
}

fn distribution(node: NodeId, raw: &[Option<f64>]) -> Distribution {
    let v: Vec<f64> = raw.iter().flatten().copied().collect();
    let n = v.len() as f64;
    let coverage = if raw.is_empty() { 0.0 } else { n / raw.len() as f64 };
    if v.is_empty() {
        return Distribution {
            node,
            coverage,
            min: None,
            max: None,
            mean: None,
            sd: None,
            skew: None,
            kurtosis: None,
            outlier: false,
        };
    }
    let mean = v.iter().sum::<f64>() / n;
    let m = |p: i32| v.iter().map(|x| (x - mean).powi(p)).sum::<f64>() / n;
    let (m2, m3, m4) = (m(2), m(3), m(4));
    let sd = (v.len() > 1).then(|| (m2 * n / (n - 1.0)).sqrt());
    let skew = (m2 > 0.0).then(|| m3 / m2.powf(1.5));
    let kurtosis = (m2 > 0.0).then(|| m4 / (m2 * m2) - 3.0);
    let outlier = matches!((skew, kurtosis), (Some(s), Some(k)) if s.abs() > 2.0 && k > 3.5);
    Distribution {
        node,
        coverage,
        min: v.iter().copied().reduce(f64::min),
        max: v.iter().copied().reduce(f64::max),
        mean: Some(mean),
        sd,
        skew,
        kurtosis,
        outlier,
    }
}

/// Cronbach's alpha: k/(k − 1) · (1 − Σ var(xᵢ) / var(Σ xᵢ)) over units with every child.
#[must_use]
pub fn cronbach(columns: &[&[Option<f64>]]) -> Option<f64> {
    let k = columns.len();
    if k < 2 {
        return None;
    }
    let rows: Vec<Vec<f64>> =
        (0..columns[0].len()).filter_map(|u| columns.iter().map(|c| c[u]).collect::<Option<Vec<f64>>>()).collect();
    if rows.len() < 2 {
        return None;
    }
    let var = |xs: &[f64]| {
        let n = xs.len() as f64;
        let m = xs.iter().sum::<f64>() / n;
        xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0)
    };
    let items: f64 = (0..k).map(|i| var(&rows.iter().map(|r| r[i]).collect::<Vec<_>>())).sum();
    let total = var(&rows.iter().map(|r| r.iter().sum()).collect::<Vec<f64>>());
    let kf = k as f64;
    (total > 0.0).then(|| kf / (kf - 1.0) * (1.0 - items / total))
}

/// Audits one year. `indicators` is `Panel::indicators` (the order of `ys.raw`).
#[must_use]
pub fn audit(tree: &IndicatorTree, indicators: &[NodeId], ys: &YearScores) -> Audit {
    let distributions = indicators.iter().enumerate().map(|(k, &node)| distribution(node, &ys.raw[k])).collect();
    let corr = |child: NodeId, parent: NodeId| {
        let (x, y) = pairs(&ys.values[child], &ys.values[parent]);
        Correlation { child, parent, pearson: pearson(&x, &y), spearman: spearman(&x, &y) }
    };
    let mut with_parent = Vec::new();
    let mut collinear = Vec::new();
    let mut alpha = Vec::new();
    for (p, node) in tree.nodes.iter().enumerate() {
        let Some(c) = node.composite() else { continue };
        for (i, &(a, _)) in c.children.iter().enumerate() {
            with_parent.push(corr(a, p));
            for &(b, _) in &c.children[i + 1..] {
                let (x, y) = pairs(&ys.values[a], &ys.values[b]);
                if let Some(r) = pearson(&x, &y).filter(|r| *r > 0.9) {
                    collinear.push((p, a, b, r));
                }
            }
        }
        let cols: Vec<&[Option<f64>]> = c.children.iter().map(|(k, _)| ys.values[*k].as_slice()).collect();
        alpha.push((p, cronbach(&cols)));
    }
    let with_index = tree.report_nodes().into_iter().filter(|&n| n != tree.root).map(|n| corr(n, tree.root)).collect();
    let suspects = super::reversal::suspects(tree, ys);
    Audit { distributions, with_parent, with_index, collinear, alpha, suspects }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn correlations_by_hand() {
        // y = 2x + 1 exactly: r = 1; reversed order: r = −1.
        assert!((pearson(&[1.0, 2.0, 3.0], &[3.0, 5.0, 7.0]).unwrap() - 1.0).abs() < 1e-12);
        assert!((pearson(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]).unwrap() + 1.0).abs() < 1e-12);
        // x = 1,2,3,4; y = 1,3,2,4: Σdxdy = 2.25 − 0.25 − 0.25 + 2.25 = 4, Σdx² = Σdy² = 5: r = 0.8.
        assert!((pearson(&[1.0, 2.0, 3.0, 4.0], &[1.0, 3.0, 2.0, 4.0]).unwrap() - 0.8).abs() < 1e-12);
        // Spearman ignores the scale: a monotone but curved relation has rho = 1.
        assert!((spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 8.0, 27.0, 64.0]).unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(average_ranks(&[10.0, 20.0, 20.0, 5.0]), vec![2.0, 3.5, 3.5, 1.0]);
    }

    #[test]
    fn moments_by_hand() {
        // 1, 2, 3, 4, 10: mean 4; deviations −3, −2, −1, 0, 6; m2 = 50/5 = 10, m3 = 180/5 = 36,
        // m4 = 1394/5 = 278.8; skew = 36/10^1.5; kurtosis = 278.8/100 − 3.
        let d = distribution(0, &[Some(1.0), Some(2.0), Some(3.0), Some(4.0), Some(10.0), None]);
        assert!((d.coverage - 5.0 / 6.0).abs() < 1e-12);
        assert!((d.skew.unwrap() - 36.0 / 10f64.powf(1.5)).abs() < 1e-12);
        assert!((d.kurtosis.unwrap() - (2.788 - 3.0)).abs() < 1e-12);
        assert!((d.sd.unwrap() - 12.5f64.sqrt()).abs() < 1e-12);
        assert!(!d.outlier);
    }

    #[test]
    fn cronbach_by_hand() {
        // Items (1,2,3) and (2,4,6): variances 1 and 4; totals 3,6,9 variance 9;
        // alpha = 2 · (1 − 5/9) = 8/9.
        let a = [Some(1.0), Some(2.0), Some(3.0)];
        let b = [Some(2.0), Some(4.0), Some(6.0)];
        assert!((cronbach(&[&a, &b]).unwrap() - 8.0 / 9.0).abs() < 1e-12);
    }
}
