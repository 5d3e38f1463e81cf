//! A seeded Monte Carlo over the analyst's choices: weights perturbed by ±x %, the
//! normalisation method, the aggregation method, and leaving one indicator out. Each
//! replication's generator comes from the seed and the replication's index, and results are
//! gathered in index order, so the output is the same whatever the number of threads.
//!
//! When a replication aggregates geometrically or harmonically, bounded normalisations use the
//! range [1, 100] (COINr's convention before a geometric mean) so that no value is 0.

use super::root_ranks;
use crate::model::Year;
use crate::model::panel::Panel;
use crate::model::tree::{Aggregate, Bounds, IndicatorTree, Node, NodeId, NodeKind, Normalize, SensitivitySpec};
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
    /// Draw imputation and outlier treatment on or off (each step the spec uses, independently).
    pub toggle_prepare: bool,
}

/// SplitMix64: small, seedable, identical on every platform.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// The generator of replication `index` under `seed`.
    #[must_use]
    pub fn for_run(seed: u64, index: u64) -> Self {
        let mut r = Rng(seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
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
    /// Whether imputation / treatment ran (`None`: not drawn).
    pub impute: Option<bool>,
    pub treat: Option<bool>,
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
    // Only what scoring reads: names and the spec's other sections stay behind.
    let mut t = IndicatorTree {
        info: tree.info.clone(),
        merge: None,
        sensitivity: SensitivitySpec::default(),
        nodes: tree
            .nodes
            .iter()
            .map(|n| Node {
                id: n.id.clone(),
                name: String::new(),
                name_en: None,
                pillar: n.pillar,
                scored: n.scored,
                kind: n.kind.clone(),
            })
            .collect(),
        root: tree.root,
        order: tree.order.clone(),
    };
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
    // Drawn after the other choices, so that a seed gives the same draws as before when the
    // preparation steps are not toggled.
    let (imputes, treats) = crate::score::prepare::any(tree);
    let impute = (cfg.toggle_prepare && imputes).then(|| rng.below(2) == 0);
    let treat = (cfg.toggle_prepare && treats).then(|| rng.below(2) == 0);
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
    (t, Run { normalize, aggregate, dropped, impute, treat, multipliers, ranks: Vec::new(), error: None })
}

/// The method an indicator takes when a replication draws `m`: relative methods apply to any
/// indicator measured on a scale; `goalpost` only to those the spec gives goalposts; yes/no,
/// bands and ready-made scores keep their own.
fn switch(own: &Normalize, m: Method) -> Normalize {
    let relative = matches!(
        own,
        Normalize::Max(_) | Normalize::MinMax(_) | Normalize::ZScore(_) | Normalize::Goalpost(..) | Normalize::Rank
    );
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

/// Whether drawing normalisation `m` changes the method of any indicator (`goalpost` changes
/// none on a spec without goalposts; a method every indicator already has changes none).
#[must_use]
pub fn method_changes_anything(tree: &IndicatorTree, m: Method) -> bool {
    tree.nodes.iter().filter_map(Node::indicator).any(|i| switch(&i.normalize, m) != i.normalize)
}

/// Whether drawing aggregation `a` changes any composite's aggregation.
#[must_use]
pub fn aggregate_changes_anything(tree: &IndicatorTree, a: Aggregate) -> bool {
    tree.nodes.iter().filter_map(Node::composite).any(|c| c.aggregate != a)
}

/// Whether a replication can differ from the spec's own choices at all.
#[must_use]
pub fn varies_anything(tree: &IndicatorTree, cfg: &Config) -> bool {
    let weights = cfg.weight_noise > 0.0 && tree.nodes.iter().filter_map(Node::composite).any(|c| c.children.len() > 1);
    let drop = cfg.drop_one && tree.indicators().into_iter().filter(|&k| tree.nodes[k].scored).count() > 1;
    let (imputes, treats) = crate::score::prepare::any(tree);
    weights
        || (cfg.toggle_prepare && (imputes || treats))
        || drop
        || cfg.normalize.iter().any(|&m| method_changes_anything(tree, m))
        || cfg.aggregate.iter().any(|&a| aggregate_changes_anything(tree, a))
}

/// Runs the Monte Carlo for `year`. `progress` is bumped after every replication. `panel` is
/// prepared as the spec says; `unprepared`, the same before imputation and treatment, is what
/// a replication that turns a step off starts from.
#[must_use]
pub fn run(
    tree: &IndicatorTree,
    (panel, unprepared): (&Panel, Option<&Panel>),
    year: Year,
    cfg: &Config,
    progress: &AtomicUsize,
) -> Vec<Run> {
    let candidates: Vec<NodeId> = tree.indicators().into_iter().filter(|&k| tree.nodes[k].scored).collect();
    // Without pooled statistics the other years cannot change this year's ranks.
    let pools = tree.nodes.iter().any(|n| {
        matches!(
            n.indicator().map(|i| &i.normalize),
            Some(Normalize::MinMax(Bounds::Pooled) | Normalize::ZScore(Bounds::Pooled))
        )
    });
    let keep = |p: &Panel| Panel {
        units: p.units.clone(),
        indicators: p.indicators.clone(),
        years: p.years.iter().filter(|y| pools || y.year == year).cloned().collect(),
        groups: p.groups.clone(),
    };
    // The panels a replication may draw, by (impute, treat): prepared from the whole panel
    // (locf and linear read other years) before the year is cut out.
    let variants: Vec<((bool, bool), Panel)> = match unprepared.filter(|_| cfg.toggle_prepare) {
        None => vec![((true, true), keep(panel))],
        Some(raw) => [(true, true), (true, false), (false, true), (false, false)]
            .into_iter()
            .map(|(i, t)| {
                let mut p = raw.clone();
                let _ = crate::score::prepare::prepare_with(
                    tree,
                    &mut p,
                    crate::score::prepare::Steps { impute: i, treat: t },
                );
                ((i, t), keep(&p))
            })
            .collect(),
    };
    (0..cfg.runs)
        .into_par_iter()
        .map(|i| {
            let mut rng = Rng::for_run(cfg.seed, i as u64);
            let (t, mut r) = perturbed(tree, cfg, &mut rng, &candidates);
            let want = (r.impute.unwrap_or(true), r.treat.unwrap_or(true));
            let panel = variants.iter().find(|(k, _)| *k == want).map_or(&variants[0].1, |(_, p)| p);
            match root_ranks(&t, panel, year) {
                Ok(ranks) => r.ranks = ranks.iter().map(|k| k.map(|k| k.pos)).collect(),
                Err(e) => r.error = Some(e.0.first().map(ToString::to_string).unwrap_or_default()),
            }
            progress.fetch_add(1, Ordering::Relaxed);
            r
        })
        .collect()
}

mod stats;
pub use stats::{Spread, display_order, drivers, first_order, run_shifts, spreads};

#[cfg(test)]
mod tests;
