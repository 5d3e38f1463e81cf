//! Pure maths on validated types: normalise every indicator, aggregate up the graph, rank
//! every node in every year, and line a year up against a comparison year. No file access,
//! no printing, no rounding (ranking may compare rounded keys when the spec asks; the scores
//! themselves stay unrounded).

pub mod aggregate;
pub mod audit;
pub mod compare;
pub mod explain;
pub mod merge;
pub mod normalise;
pub mod profile;
pub mod rank;
pub mod sensitivity;

use crate::error::{Diagnostic, Diagnostics, check};
use crate::model::Year;
use crate::model::panel::{Panel, UnitId};
use crate::model::tree::IndicatorTree;
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

/// Normalises, aggregates and ranks every year.
///
/// # Errors
/// Every unit-year where a policy forbids a value (missing = "error", a geometric mean of a
/// value ≤ 0), naming the unit, year and child.
pub fn score(tree: &IndicatorTree, panel: &Panel) -> Result<(Scores, Vec<Diagnostic>), Diagnostics> {
    let mut diags = Vec::new();
    let normalised = normalise::all_years(tree, panel, &mut diags);
    let mut years = Vec::new();
    for (yd, norm) in panel.years.iter().zip(normalised) {
        let n = yd.units.len();
        let width = panel.indicators.len();
        let mut values: Vec<Vec<Option<f64>>> = vec![Vec::new(); tree.nodes.len()];
        for (k, &node) in panel.indicators.iter().enumerate() {
            values[node] = norm.values[k].clone();
        }
        let names: Vec<&str> = yd.units.iter().map(|&u| panel.units[u].name.as_str()).collect();
        aggregate::composites(tree, &mut values, &names, yd.year, &mut diags);
        let raw = (0..width).map(|k| (0..n).map(|u| yd.values[u * width + k]).collect()).collect();
        let ranks = values.iter().map(|v| rank::rank(v, tree.info.ties, tree.info.rank_decimals)).collect();
        years.push(YearScores { year: yd.year, units: yd.units.clone(), values, raw, ranks, stats: norm.stats });
    }
    let warnings = check(diags)?;
    Ok((Scores { years }, warnings))
}

/// Only the root's ranks in one year: what a Monte Carlo replication needs, without the raw
/// values, statistics and every node's ranks that `score` keeps. `panel` may hold that year
/// alone when no indicator pools its statistics over years.
///
/// # Errors
/// As `score`.
pub fn root_ranks(tree: &IndicatorTree, panel: &Panel, year: Year) -> Result<Vec<Option<Rank>>, Diagnostics> {
    let mut diags = Vec::new();
    let normalised = normalise::all_years(tree, panel, &mut diags);
    let Some((yd, norm)) = panel.years.iter().zip(normalised).find(|(yd, _)| yd.year == year) else {
        return Ok(Vec::new());
    };
    let mut values: Vec<Vec<Option<f64>>> = vec![Vec::new(); tree.nodes.len()];
    for (k, norm) in norm.values.into_iter().enumerate() {
        values[panel.indicators[k]] = norm;
    }
    let names: Vec<&str> = yd.units.iter().map(|&u| panel.units[u].name.as_str()).collect();
    aggregate::composites(tree, &mut values, &names, yd.year, &mut diags);
    check(diags)?;
    Ok(rank::rank(&values[tree.root], tree.info.ties, tree.info.rank_decimals))
}
