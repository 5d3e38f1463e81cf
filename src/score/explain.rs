//! One unit in one year, explained: effective weights, each indicator's contribution to the
//! index, its strongest and weakest indicators, its rank history, and — against a comparison
//! year — the change in the index split into indicator contributions that add up exactly.
//!
//! The splitting itself (weights used, score and change shares) lives in `decompose`.

use super::decompose::{self, effective_weights};
use super::normalise::{Stats, apply};
use super::{Rank, Scores, YearScores};
use crate::model::Year;
use crate::model::panel::UnitId;
use crate::model::tree::{IndicatorTree, NodeId};

/// One indicator of the explained unit.
#[derive(Debug, Clone)]
pub struct IndicatorLine {
    pub node: NodeId,
    pub raw: Option<f64>,
    pub previous_raw: Option<f64>,
    pub normalized: Option<f64>,
    pub rank: Option<Rank>,
    /// Effective weight in the index actually used this year: over every path from the root,
    /// the product of each composite's weight shares after a missing sibling's weight was
    /// shared out (`missing = "reweight"`).
    pub weight: f64,
    /// The same from the spec's weights, as if nothing were missing.
    pub nominal_weight: f64,
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
    /// Positions in `indicators`, best first / worst first, by rank among units; an indicator
    /// whose rank more than half the units share is in neither.
    pub strongest: Vec<usize>,
    pub weakest: Vec<usize>,
    /// Every year with data for the unit: the index score and rank.
    pub history: Vec<(Year, Option<f64>, Option<Rank>)>,
    /// The change in the index score, when both years have one, as published: the difference
    /// of the scores rounded to `IndexInfo::published_decimals`.
    pub total_change: Option<f64>,
    /// The same from the unrounded scores: what `change_lines` add up to.
    pub exact_change: Option<f64>,
    /// Composites with a score in one of the two years only, and the part of the change their
    /// appearance or absence accounts for (indicators carry theirs in `indicators`).
    pub composite_changes: Vec<(NodeId, f64)>,
}

impl Explanation {
    /// Every line of the change decomposition, indicators first: they add up to `exact_change`.
    #[must_use]
    pub fn change_lines(&self) -> Vec<(NodeId, f64)> {
        let mut lines: Vec<(NodeId, f64)> =
            self.indicators.iter().filter_map(|l| l.change_contribution.map(|c| (l.node, c))).collect();
        lines.extend(&self.composite_changes);
        lines
    }

    /// What rounding the two scores to publish them added to the change: `total_change` =
    /// `exact_change` + this.
    #[must_use]
    pub fn rounding(&self) -> Option<f64> {
        Some(self.total_change? - self.exact_change?)
    }

    /// The change in node `n`'s score as published (see `total_change`).
    #[must_use]
    pub fn node_change(&self, n: NodeId, decimals: u32) -> Option<f64> {
        let then = self.previous_score.as_ref()?[n]?;
        Some(super::rank::published_change(self.score[n]?, then, decimals))
    }
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

    let used = decompose::used_weights(tree, now, u);
    let level = decompose::level(tree, now, u);
    let both = prev.and_then(|(t, p)| Some((now.values[root][u]?, t.values[root][p]?)));
    let d = tree.info.published_decimals();
    let total_change = both.map(|(a, b)| super::rank::published_change(a, b, d));
    let exact_change = both.map(|(a, b)| a - b);
    let change = prev.and_then(|(t, p)| decompose::change(tree, now, u, t, p));

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
                weight: used[node],
                nominal_weight: ew[node],
                pillar_weights: pillar_ew.iter().map(|w| w[node]).collect(),
                contribution: level.as_ref().map(|l| l[node]),
                change: n1.zip(n0).map(|(a, b)| a - b),
                own_change: own,
                benchmark_change: bench,
                change_contribution: change.as_ref().and_then(|c| c[node]),
            }
        })
        .collect();

    // A rank most units share (45 of 63 provinces have `có`) sets no unit apart: it is
    // neither a strength nor a weakness.
    let shared_by = |node: NodeId, r: Rank| now.ranks[node].iter().flatten().filter(|k| k.pos == r.pos).count();
    let mut ranked: Vec<(f64, usize)> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.nominal_weight > 0.0)
        .filter_map(|(i, l)| l.rank.map(|r| (r, i)))
        .filter(|&(r, i)| 2 * shared_by(lines[i].node, r) <= r.of as usize)
        .map(|(r, i)| (f64::from(r.pos) / f64::from(r.of), i))
        .collect();
    // Among equal standings, the indicator that weighs more in the index comes first.
    let heavier = |a: usize, b: usize| lines[b].nominal_weight.total_cmp(&lines[a].nominal_weight).then(a.cmp(&b));
    ranked.sort_by(|a, b| a.0.total_cmp(&b.0).then(heavier(a.1, b.1)));
    // A strength stands in the better half of the units, a weakness in the worse half: with
    // few indicators, the third best may be last of all, and is then no strength.
    let half = |i: usize, better: bool| {
        lines[i].rank.is_some_and(|r| {
            let (above, below) = (r.pos - 1, r.of - r.pos);
            if better { above < below } else { above > below }
        })
    };
    let strongest: Vec<usize> = ranked.iter().map(|(_, i)| *i).filter(|&i| half(i, true)).take(3).collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then(heavier(a.1, b.1)));
    let weakest = ranked.iter().map(|(_, i)| *i).filter(|&i| half(i, false)).take(3).collect();
    let composite_changes = change.as_ref().map_or_else(Vec::new, |c| {
        (0..tree.nodes.len())
            .filter(|&n| tree.nodes[n].composite().is_some())
            .filter_map(|n| c[n].map(|x| (n, x)))
            .collect()
    });
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
        exact_change,
        composite_changes,
    })
}
