//! Pure maths on validated types: normalise every indicator, aggregate up the graph, rank
//! every node in every year, and line a year up against a comparison year. No file access,
//! no printing, no rounding (ranking may compare rounded keys when the spec asks; the scores
//! themselves stay unrounded).

pub mod aggregate;
pub mod audit;
pub mod compare;
pub mod decompose;
pub mod explain;
pub mod group;
mod leaves;
pub mod merge;
pub mod normalise;
pub mod plan;
pub mod prepare;
pub mod profile;
pub mod rank;
pub mod reversal;
pub mod sensitivity;

use crate::error::{Diagnostic, Diagnostics, Place, Severity, check};
use crate::model::Year;
use crate::model::panel::{Panel, UnitId};
use crate::model::tree::{Bounds, IndicatorTree, NodeId, Normalize as normalise_method};
use leaves::PanelLeaves;
pub use rank::Rank;

/// Every node's value for every unit of one year.
#[derive(Debug, Clone)]
pub struct YearScores {
    pub year: Year,
    pub units: Vec<UnitId>,
    /// `values[node][u]`: a composite's score, or an indicator's normalised value.
    pub values: Vec<Vec<Option<f64>>>,
    /// `raw[k][u]`: the raw value of the `k`-th indicator of `Panel::indicators`.
    pub raw: Vec<Vec<Option<f64>>>,
    /// `ranks[node][u]`.
    pub ranks: Vec<Vec<Option<Rank>>>,
    /// `stats[k]`: what normalising the `k`-th indicator took from this year's data.
    pub stats: Vec<Option<normalise::Stats>>,
}

impl YearScores {
    /// Node `node`'s score for the `u`-th unit (`None` also for an indicator not kept).
    #[must_use]
    pub fn score(&self, node: NodeId, u: usize) -> Option<f64> {
        self.values[node].get(u).copied().flatten()
    }

    /// Node `node`'s rank for the `u`-th unit.
    #[must_use]
    pub fn rank(&self, node: NodeId, u: usize) -> Option<Rank> {
        self.ranks[node].get(u).copied().flatten()
    }

    /// The `k`-th indicator's raw value for the `u`-th unit (`None` also when not kept).
    #[must_use]
    pub fn raw(&self, k: usize, u: usize) -> Option<f64> {
        self.raw[k].get(u).copied().flatten()
    }

    /// The position of a unit in this year, if it has data this year.
    #[must_use]
    pub fn position(&self, unit: UnitId) -> Option<usize> {
        self.units.iter().position(|&u| u == unit)
    }
}

/// Scores of every year of the panel.
#[derive(Debug, Clone)]
pub struct Scores {
    pub years: Vec<YearScores>,
}

impl Scores {
    #[must_use]
    pub fn year(&self, year: Year) -> Option<&YearScores> {
        self.years.iter().find(|y| y.year == year)
    }
}

/// Normalises, aggregates and ranks every year, keeping everything.
///
/// # Errors
/// Every unit-year where a policy forbids a value (missing = "error", a geometric mean of a
/// value ≤ 0), naming the unit, year and child.
pub fn score(tree: &IndicatorTree, panel: &Panel) -> Result<(Scores, Vec<Diagnostic>), Diagnostics> {
    score_keeping(tree, panel, &|_| true)
}

/// As `score`, but the indicators' raw and normalised values, ranks and statistics are kept
/// only for the years `keep` names; other years keep their composites (scores and ranks) only.
/// Ranking 10,000 communes needs no indicator column, and not holding them is what keeps the
/// memory within a few times the input file.
///
/// # Errors
/// As `score`.
pub fn score_keeping(
    tree: &IndicatorTree,
    panel: &Panel,
    keep: &dyn Fn(Year) -> bool,
) -> Result<(Scores, Vec<Diagnostic>), Diagnostics> {
    let mut diags = Vec::new();
    let k_of = indicator_index(tree, panel);
    let mut years = Vec::new();
    for y in 0..panel.years.len() {
        let (mut ys, values) = unranked(tree, panel, y, keep(panel.years[y].year), &k_of, &mut diags, false);
        fill(&mut ys, values);
        rank_nodes(tree, &mut ys);
        years.push(ys);
    }
    let warnings = check(diags)?;
    Ok((Scores { years }, warnings))
}

/// As `score_keeping`, freeing each year's raw values (`Panel::release_year`) as soon as its
/// composites are computed, before anything is ranked; for a command that needs no raw value
/// afterwards. Nothing is freed when an indicator pools its statistics over the years.
///
/// # Errors
/// As `score`.
pub fn score_releasing(
    tree: &IndicatorTree,
    panel: &mut Panel,
    keep: &dyn Fn(Year) -> bool,
) -> Result<(Scores, Vec<Diagnostic>), Diagnostics> {
    let pools = tree.nodes.iter().filter_map(|n| n.indicator()).any(|i| {
        matches!(i.normalize, normalise_method::MinMax(Bounds::Pooled) | normalise_method::ZScore(Bounds::Pooled))
    });
    let mut diags = Vec::new();
    let k_of = indicator_index(tree, panel);
    let mut years = Vec::new();
    // Two years at a time, one on each core (a year and the one it is compared with); the
    // years not kept are released after each pair, as before. Same values either way.
    let all: Vec<usize> = (0..panel.years.len()).collect();
    for pair in all.chunks(2) {
        let kept: Vec<(usize, bool)> = pair.iter().map(|&y| (y, keep(panel.years[y].year))).collect();
        let view: &Panel = panel;
        // A year alone has the second core to itself.
        let score = |&(y, keep): &(usize, bool), alone: bool| {
            let mut d = Vec::new();
            let ys = unranked(tree, view, y, keep, &k_of, &mut d, alone);
            (ys, d)
        };
        // One thread more, not a pool: each thread costs resident memory.
        let done: Vec<(Unranked, Vec<Diagnostic>)> = match kept.as_slice() {
            [a, b] => std::thread::scope(|s| {
                let other = s.spawn(|| score(b, false));
                let first = score(a, false);
                vec![first, other.join().unwrap_or_else(|e| std::panic::resume_unwind(e))]
            }),
            one => one.iter().map(|k| score(k, true)).collect(),
        };
        for (&(y, keep), ((mut ys, values), d)) in kept.iter().zip(done) {
            diags.extend(d);
            if !pools && !keep {
                panel.release_year(y);
            }
            // Made `Option`s once the raw values are freed: they take twice the room.
            fill(&mut ys, values);
            years.push(ys);
        }
    }
    // Ranked once the raw values are freed: the ranks of every node take about as much.
    for ys in &mut years {
        rank_nodes(tree, ys);
    }
    let warnings = check(diags)?;
    Ok((Scores { years }, warnings))
}

/// Each indicator node's position in `Panel::indicators`.
fn indicator_index(tree: &IndicatorTree, panel: &Panel) -> Vec<usize> {
    let mut k_of = vec![usize::MAX; tree.nodes.len()];
    for (k, &node) in panel.indicators.iter().enumerate() {
        k_of[node] = k;
    }
    k_of
}

/// The `y`-th year's composites (and, with `keep`, its indicators), not yet ranked; with
/// `two_threads` a large year takes both cores. The values come apart from the scores, as
/// `aggregate` writes them (NaN for none), to be put in with `fill` once the year's raw values
/// are no longer held.
fn unranked(
    tree: &IndicatorTree,
    panel: &Panel,
    y: usize,
    keep: bool,
    k_of: &[usize],
    diags: &mut Vec<Diagnostic>,
    two_threads: bool,
) -> Unranked {
    let yd = &panel.years[y];
    let width = panel.indicators.len();
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); tree.nodes.len()];
    let names: Vec<&str> = yd.units.iter().map(|&u| panel.units[u].name.as_str()).collect();
    let mut leaves = PanelLeaves { tree, panel, y, k_of, prepared: vec![false; width], stats: vec![None; width] };
    aggregate::composites(tree, &mut values, &names, yd.year, diags, &mut leaves, keep, two_threads);
    unscored(tree, panel, y, &values[tree.root], diags);
    let stats = if keep { leaves.stats } else { vec![None; width] };
    let raw = if keep { (0..width).map(|k| yd.column(k).collect()).collect() } else { vec![Vec::new(); width] };
    let ys = YearScores { year: yd.year, units: yd.units.clone(), values: Vec::new(), raw, ranks: Vec::new(), stats };
    (ys, values)
}

/// A year's scores without their values, and the values as `aggregate` wrote them.
type Unranked = (YearScores, Vec<Vec<f64>>);

/// Puts `values` (NaN for none) into `ys`, one column at a time.
fn fill(ys: &mut YearScores, values: Vec<Vec<f64>>) {
    ys.values = values.into_iter().map(|v| v.into_iter().map(aggregate::value_of).collect()).collect();
}

/// A unit of the year with no index score would show as `–` and rank nowhere: say why, once
/// per unit-year, rather than let it pass silently.
fn unscored(tree: &IndicatorTree, panel: &Panel, y: usize, root: &[f64], diags: &mut Vec<Diagnostic>) {
    let yd = &panel.years[y];
    let id = &tree.nodes[tree.root].id;
    for (u, &unit) in yd.units.iter().enumerate() {
        if root.get(u).is_some_and(|v| !v.is_nan()) {
            continue;
        }
        let place = Place::UnitYear { unit: panel.units[unit].name.clone(), year: yd.year };
        // A unit-year an error already names needs no second word.
        if diags.iter().any(|d| d.severity == Severity::Error && d.place.as_ref() == Some(&place)) {
            continue;
        }
        let blank = (0..panel.indicators.len()).all(|k| yd.get(u, k).is_none());
        diags.push(if blank {
            Diagnostic::warning(format!("every value is blank: no `{id}` score, listed unranked"))
                .at(place)
                .help("fill in the unit's values, or remove its row")
        } else {
            Diagnostic::warning(format!("too few values for a `{id}` score (min_coverage): listed unranked"))
                .at(place)
                .help("fill in more of the unit's values, or lower min_coverage")
        });
    }
}

/// Ranks every node that has values.
fn rank_nodes(tree: &IndicatorTree, ys: &mut YearScores) {
    // One thread: a second one here cost more resident memory (its own malloc arena, about
    // 0.4 MB at 1 M cells) in issue 12's third round, and wall time in its fourth (5–10 % of
    // a 1 M-cell ranking, measured both ways round against one thread).
    ys.ranks = ys
        .values
        .iter()
        .map(|v| if v.is_empty() { Vec::new() } else { rank::rank(v, tree.info.ties, tree.info.rank_decimals) })
        .collect();
}

/// Only the root's ranks in one year: what a Monte Carlo replication needs, without the raw
/// values, statistics and every node's ranks that `score` keeps. `panel` may hold that year
/// alone when no indicator pools its statistics over years.
///
/// # Errors
/// As `score`.
pub fn root_ranks(tree: &IndicatorTree, panel: &Panel, year: Year) -> Result<Vec<Option<Rank>>, Diagnostics> {
    let mut diags = Vec::new();
    let Some(y) = panel.years.iter().position(|yd| yd.year == year) else {
        return Ok(Vec::new());
    };
    let yd = &panel.years[y];
    let k_of = indicator_index(tree, panel);
    let mut values: Vec<Vec<f64>> = vec![Vec::new(); tree.nodes.len()];
    let names: Vec<&str> = yd.units.iter().map(|&u| panel.units[u].name.as_str()).collect();
    let width = panel.indicators.len();
    let mut leaves =
        PanelLeaves { tree, panel, y, k_of: &k_of, prepared: vec![false; width], stats: vec![None; width] };
    aggregate::composites(tree, &mut values, &names, yd.year, &mut diags, &mut leaves, false, false);
    check(diags)?;
    let root: Vec<Option<f64>> = values[tree.root].iter().copied().map(aggregate::value_of).collect();
    Ok(rank::rank(&root, tree.info.ties, tree.info.rank_decimals))
}
