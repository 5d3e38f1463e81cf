//! One unit in one year, explained: effective weights, each indicator's contribution to the
//! index, its strongest and weakest indicators, its rank history, and — against a comparison
//! year — the change in the index split into indicator contributions that add up exactly.
//!
//! Splitting a change down the graph: at each composite the change is split among its children
//! exactly (arithmetic mean and sum: aᵢ¹xᵢ¹ − aᵢ⁰xᵢ⁰; geometric: the logarithmic-mean (LMDI)
//! split L(f¹, f⁰)·(aᵢ¹ ln xᵢ¹ − aᵢ⁰ ln xᵢ⁰); harmonic: −f⁰f¹·(aᵢ¹/xᵢ¹ − aᵢ⁰/xᵢ⁰)), with aᵢ the
//! child's share of the weight actually used that year; a node's share of the index change is
//! then passed to its children in proportion to their part of the node's own change. For a
//! tree of weighted means with unchanged weights this is effective weight × change in the
//! normalised value.

use super::normalise::{Stats, apply};
use super::{Rank, Scores, YearScores};
use crate::model::Year;
use crate::model::panel::UnitId;
use crate::model::tree::{Aggregate, Composite, IndicatorTree, Missing, NodeId, NodeKind};

/// One indicator of the explained unit.
#[derive(Debug, Clone)]
pub struct IndicatorLine {
    pub node: NodeId,
    pub raw: Option<f64>,
    pub previous_raw: Option<f64>,
    pub normalized: Option<f64>,
    pub rank: Option<Rank>,
    /// Effective weight in the index: over every path from the root, the product of the
    /// normalised weights.
    pub weight: f64,
    /// Effective weight in each pillar, in `IndicatorTree::pillars()` order.
    pub pillar_weights: Vec<f64>,
    /// The part of the index score this indicator accounts for.
    pub contribution: Option<f64>,
    /// Change in the normalised value, and its split into the unit's own change (this year's
    /// raw value under last year's benchmark) and the benchmark's move.
    pub change: Option<f64>,
    pub own_change: Option<f64>,
    pub benchmark_change: Option<f64>,
    /// The part of the index change this indicator accounts for.
    pub change_contribution: Option<f64>,
}

/// Everything `explain` reports.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub unit: UnitId,
    pub year: Year,
    pub compare_year: Option<Year>,
    /// Per node: score and rank now, and in the comparison year.
    pub score: Vec<Option<f64>>,
    pub rank: Vec<Option<Rank>>,
    pub previous_score: Option<Vec<Option<f64>>>,
    pub previous_rank: Option<Vec<Option<Rank>>>,
    /// In `Panel::indicators` order.
    pub indicators: Vec<IndicatorLine>,
    /// Positions in `indicators`, best first / worst first, by rank among units.
    pub strongest: Vec<usize>,
    pub weakest: Vec<usize>,
    /// Every year with data for the unit: the index score and rank.
    pub history: Vec<(Year, Option<f64>, Option<Rank>)>,
    /// The change in the index score, when both years have one.
    pub total_change: Option<f64>,
}

/// Effective weights from `top` down: the sum over paths of the products of normalised weights.
#[must_use]
pub fn effective_weights(tree: &IndicatorTree, top: NodeId) -> Vec<f64> {
    let mut ew = vec![0.0; tree.nodes.len()];
    ew[top] = 1.0;
    for &n in tree.order.iter().rev() {
        if let Some(c) = tree.nodes[n].composite() {
            let total: f64 = c.children.iter().map(|(_, w)| w).sum();
            for &(k, w) in &c.children {
                let share = if c.aggregate == Aggregate::Sum { w } else { w / total };
                ew[k] += ew[n] * share;
            }
        }
    }
    ew
}

/// Each child's factor aᵢ in the year's value (0 for a child left out).
fn factors(c: &Composite, xs: &[Option<f64>]) -> Vec<f64> {
    let total: f64 = c.children.iter().map(|(_, w)| w).sum();
    let counted = |x: &Option<f64>| x.is_some() || c.missing == Missing::Zero;
    let used: f64 = c.children.iter().zip(xs).filter(|(_, x)| counted(x)).map(|((_, w), _)| w).sum();
    c.children
        .iter()
        .zip(xs)
        .map(|((_, w), x)| match (counted(x), c.aggregate) {
            (false, _) => 0.0,
            (true, Aggregate::Sum) => w * total / used,
            (true, _) => w / used,
        })
        .collect()
}

/// How the change of one composite splits among its children (exact; see the module doc).
fn split_change(c: &Composite, f0: f64, f1: f64, x0: &[Option<f64>], x1: &[Option<f64>]) -> Vec<f64> {
    let (a0, a1) = (factors(c, x0), factors(c, x1));
    let v = |x: &Option<f64>| x.unwrap_or(0.0);
    let n = c.children.len();
    match c.aggregate {
        Aggregate::Mean | Aggregate::Sum => (0..n).map(|i| a1[i] * v(&x1[i]) - a0[i] * v(&x0[i])).collect(),
        Aggregate::Geometric => {
            let l = if (f1 - f0).abs() > 0.0 { (f1 - f0) / (f1.ln() - f0.ln()) } else { f1 };
            let term = |a: f64, x: &Option<f64>| if a > 0.0 { a * v(x).ln() } else { 0.0 };
            (0..n).map(|i| l * (term(a1[i], &x1[i]) - term(a0[i], &x0[i]))).collect()
        }
        Aggregate::Harmonic => {
            let term = |a: f64, x: &Option<f64>| if a > 0.0 { a / v(x) } else { 0.0 };
            (0..n).map(|i| -f0 * f1 * (term(a1[i], &x1[i]) - term(a0[i], &x0[i]))).collect()
        }
    }
}

/// Passes `total` (the root's share) down the graph: a node's share goes to its children by
/// `split(node)`, normalised; when a node's parts sum to nothing, by its weight factors.
fn distribute(
    tree: &IndicatorTree,
    total: f64,
    mut split: impl FnMut(NodeId, &Composite) -> Option<(Vec<f64>, Vec<f64>)>,
) -> Vec<f64> {
    let mut share = vec![0.0; tree.nodes.len()];
    share[tree.root] = total;
    for &n in tree.order.iter().rev() {
        let NodeKind::Composite(c) = &tree.nodes[n].kind else { continue };
        if share[n] == 0.0 {
            continue;
        }
        let Some((parts, fallback)) = split(n, c) else { continue };
        let sum: f64 = parts.iter().sum();
        let (parts, sum) = if sum.abs() > 1e-300 { (parts, sum) } else { (fallback.clone(), fallback.iter().sum()) };
        if sum.abs() <= 1e-300 {
            continue;
        }
        for (&(k, _), p) in c.children.iter().zip(parts) {
            share[k] += share[n] * p / sum;
        }
    }
    share
}

fn children_values(c: &Composite, ys: &YearScores, u: usize) -> Vec<Option<f64>> {
    c.children.iter().map(|&(k, _)| ys.values[k][u]).collect()
}

/// Explains unit `unit` in year `now`, against `then` when given.
#[must_use]
pub fn explain(
    tree: &IndicatorTree,
    indicators: &[NodeId],
    scores: &Scores,
    unit: UnitId,
    now: &YearScores,
    then: Option<&YearScores>,
) -> Option<Explanation> {
    let u = now.position(unit)?;
    let prev = then.and_then(|t| t.position(unit).map(|p| (t, p)));
    let root = tree.root;
    let ew = effective_weights(tree, root);
    let pillar_ew: Vec<Vec<f64>> = tree.pillars().iter().map(|&p| effective_weights(tree, p)).collect();

    // Level: the root score split by each child's a·x.
    let level = now.values[root][u].map(|score| {
        distribute(tree, score, |_, c| {
            let xs = children_values(c, now, u);
            let a = factors(c, &xs);
            let parts = xs.iter().zip(&a).map(|(x, a)| a * x.unwrap_or(0.0)).collect();
            Some((parts, a))
        })
    });
    let total_change = prev.and_then(|(t, p)| Some(now.values[root][u]? - t.values[root][p]?));
    let change = prev.zip(total_change).map(|((t, p), total)| {
        distribute(tree, total, |n, c| {
            let (f1, f0) = (now.values[n][u]?, t.values[n][p]?);
            let (x1, x0) = (children_values(c, now, u), children_values(c, t, p));
            Some((split_change(c, f0, f1, &x0, &x1), factors(c, &x1)))
        })
    });

    let lines: Vec<IndicatorLine> = indicators
        .iter()
        .enumerate()
        .map(|(k, &node)| {
            let n1 = now.values[node][u];
            let (n0, x0) = prev.map_or((None, None), |(t, p)| (t.values[node][p], t.raw[k][p]));
            let x1 = now.raw[k][u];
            let (own, bench) =
                match (prev.and_then(|(t, _)| t.stats[k].as_ref()), tree.nodes[node].indicator(), x1, n0, n1) {
                    (Some(st0), Some(ind), Some(x1), Some(n0), Some(n1)) => {
                        let moved = if matches!(st0, Stats::Absolute) { n1 } else { apply(ind, st0, x1) };
                        (Some(moved - n0), Some(n1 - moved))
                    }
                    _ => (None, None),
                };
            IndicatorLine {
                node,
                raw: x1,
                previous_raw: x0,
                normalized: n1,
                rank: now.ranks[node][u],
                weight: ew[node],
                pillar_weights: pillar_ew.iter().map(|w| w[node]).collect(),
                contribution: level.as_ref().map(|l| l[node]),
                change: n1.zip(n0).map(|(a, b)| a - b),
                own_change: own,
                benchmark_change: bench,
                change_contribution: change.as_ref().map(|c| c[node]),
            }
        })
        .collect();

    let mut ranked: Vec<(f64, usize)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.weight > 0.0)
        .filter_map(|(i, l)| l.rank.map(|r| (f64::from(r.pos) / f64::from(r.of), i)))
        .collect();
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let strongest: Vec<usize> = ranked.iter().take(3).map(|(_, i)| *i).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    // With few indicators the two lists would overlap; an indicator is named once.
    let weakest = ranked.iter().map(|(_, i)| *i).filter(|i| !strongest.contains(i)).take(3).collect();
    let history = scores
        .years
        .iter()
        .filter_map(|ys| ys.position(unit).map(|p| (ys.year, ys.values[root][p], ys.ranks[root][p])))
        .collect();
    Some(Explanation {
        unit,
        year: now.year,
        compare_year: then.map(|t| t.year),
        score: now.values.iter().map(|v| v[u]).collect(),
        rank: now.ranks.iter().map(|r| r[u]).collect(),
        previous_score: prev.map(|(t, p)| t.values.iter().map(|v| v[p]).collect()),
        previous_rank: prev.map(|(t, p)| t.ranks.iter().map(|r| r[p]).collect()),
        indicators: lines,
        strongest,
        weakest,
        history,
        total_change,
    })
}
