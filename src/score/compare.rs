//! A year lined up against a comparison year: each unit's scores and ranks now and then, the
//! changes, and the display order (rank of the root, ties by official name, unranked last).
//! `change.rank` is previous − current: positive means the unit moved up; a score change is the
//! difference of the published (rounded) scores, as the ministry's tables and the press read it.

use super::{Rank, Scores, YearScores};
use crate::model::Year;
use crate::model::panel::{Unit, UnitId};
use crate::model::registry::collation_key;
use crate::model::tree::{IndicatorTree, NodeId};

/// A unit in one year: a view into that year's scores (nothing is copied; at commune scale a
/// copy per unit of every node would cost more than the scores themselves).
#[derive(Debug, Clone, Copy)]
pub struct Standing<'a> {
    ys: &'a YearScores,
    u: usize,
}

impl Standing<'_> {
    #[must_use]
    pub fn score(&self, node: NodeId) -> Option<f64> {
        self.ys.score(node, self.u)
    }

    #[must_use]
    pub fn rank(&self, node: NodeId) -> Option<Rank> {
        self.ys.rank(node, self.u)
    }

    /// The raw value of the `k`-th indicator of `Panel::indicators`.
    #[must_use]
    pub fn raw(&self, k: usize) -> Option<f64> {
        self.ys.raw(k, self.u)
    }
}

/// One row of a ranking.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub unit: UnitId,
    pub now: Standing<'a>,
    /// `None`: the unit has no data in the comparison year (or there is none).
    pub previous: Option<Standing<'a>>,
    /// The decimals scores are published with (`IndexInfo::published_decimals`).
    pub decimals: u32,
}

impl Row<'_> {
    /// Current − previous score of `node`, each rounded as published: the printed change is
    /// the difference of the printed scores.
    #[must_use]
    pub fn score_change(&self, node: NodeId) -> Option<f64> {
        Some(super::rank::published_change(self.now.score(node)?, self.previous?.score(node)?, self.decimals))
    }

    /// Previous − current rank position of `node`: positive is a move up.
    #[must_use]
    pub fn rank_change(&self, node: NodeId) -> Option<i64> {
        Some(i64::from(self.previous?.rank(node)?.pos) - i64::from(self.now.rank(node)?.pos))
    }
}

/// The unit set the ranking is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The units as they are in the data.
    AsGiven,
    /// Merged units (the 2025 merger); `rebased` lists the years recomputed from old units.
    Merged { units: u32, rebased: Vec<Year> },
}

/// What the changes are measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Against {
    /// The comparison year.
    Year,
    /// The same year with the spec's own weights (what-if weights are in force).
    SpecWeights,
}

/// The ranking of one year, in display order.
#[derive(Debug, Clone)]
pub struct Ranking<'a> {
    pub year: Year,
    pub compare_year: Option<Year>,
    pub rows: Vec<Row<'a>>,
    /// Units ranked on the root this year.
    pub units_ranked: u32,
    /// Units of the comparison year that have no data this year, by their previous rank.
    pub gone: Vec<(UnitId, Standing<'a>)>,
    /// Units with data in both years.
    pub common: u32,
    pub basis: Basis,
    pub against: Against,
    /// In-group ranks (`--group`), for the renderers' group columns.
    pub groups: Option<super::group::GroupRanks>,
    /// The group `--only` kept, (column, value): the view is filtered, and says so.
    pub only: Option<(String, String)>,
}

fn standing(ys: &YearScores, u: usize) -> Standing<'_> {
    Standing { ys, u }
}

/// Lines up `now` against `then` (when given) and orders the rows for display.
#[must_use]
pub fn ranking<'a>(
    tree: &IndicatorTree,
    units: &[Unit],
    now: &'a YearScores,
    then: Option<&'a YearScores>,
    basis: Basis,
) -> Ranking<'a> {
    let decimals = tree.info.published_decimals();
    // Each unit's position in each year, looked up once (a search per unit is quadratic at
    // commune scale).
    let at = |ys: &YearScores| {
        let mut at = vec![None; ys.units.iter().max().map_or(0, |&u| u + 1)];
        for (p, &u) in ys.units.iter().enumerate() {
            at[u].get_or_insert(p);
        }
        at
    };
    let then_at = then.map(at).unwrap_or_default();
    let now_at = if then.is_some() { at(now) } else { Vec::new() };
    let root = tree.root;
    let pos = |s: Standing| s.rank(root).map_or(u32::MAX, |k| k.pos);
    let order = display_order(now.units.len(), |u| pos(standing(now, u)), |u| &units[now.units[u]].name);
    let rows: Vec<Row> = order
        .into_iter()
        .map(|u| {
            let unit = now.units[u];
            let previous = then.and_then(|t| then_at.get(unit).copied().flatten().map(|p| standing(t, p)));
            Row { unit, now: standing(now, u), previous, decimals }
        })
        .collect();
    let units_ranked = rows.iter().filter(|r| r.now.rank(root).is_some()).count() as u32;
    let gone: Vec<(UnitId, Standing)> = then
        .map(|t| {
            let left: Vec<usize> =
                (0..t.units.len()).filter(|&p| now_at.get(t.units[p]).copied().flatten().is_none()).collect();
            display_order(left.len(), |i| pos(standing(t, left[i])), |i| &units[t.units[left[i]]].name)
                .into_iter()
                .map(|i| (t.units[left[i]], standing(t, left[i])))
                .collect()
        })
        .unwrap_or_default();
    let common = rows.iter().filter(|r| r.previous.is_some()).count() as u32;
    Ranking {
        year: now.year,
        compare_year: then.map(|t| t.year),
        rows,
        units_ranked,
        gone,
        common,
        basis,
        against: Against::Year,
        groups: None,
        only: None,
    }
}

/// The display order of `n` items: by rank position `pos` (`u32::MAX` for none), ties by the
/// collation key of `name`, then as given. Collation keys are made only for tied items: a
/// key per unit allocates twice, and at commune scale the ranks rarely tie.
fn display_order<'n>(n: usize, pos: impl Fn(usize) -> u32, name: impl Fn(usize) -> &'n str) -> Vec<usize> {
    // (position, index) in one integer, sorted as a pair.
    let mut order: Vec<u64> = (0..n).map(|i| u64::from(pos(i)) << 32 | i as u64).collect();
    order.sort_unstable();
    let index = |o: u64| (o & u64::from(u32::MAX)) as usize;
    for run in order.chunk_by_mut(|a, b| a >> 32 == b >> 32).filter(|run| run.len() > 1) {
        // Stable, and the run is in given order: equal keys stay as given.
        run.sort_by_cached_key(|&o| collation_key(name(index(o))));
    }
    order.into_iter().map(index).collect()
}

/// The default comparison year: the latest year present before `year`.
#[must_use]
pub fn previous_year(scores: &Scores, year: Year) -> Option<Year> {
    scores.years.iter().map(|y| y.year).filter(|&y| y < year).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_order_ties_by_collation_then_as_given() {
        // Positions 2, 1, 2, none, 2, none: position 1 first; the three 2s by name, "Đà Nẵng"
        // collating as "da nang", before "dak lak" (' ' < 'k'), then "ha nam"; the two unranked
        // last, by name.
        let names = ["Hà Nam", "Huế", "Đà Nẵng", "Yên Bái", "Dak Lak", "An Giang"];
        let pos = [2, 1, 2, u32::MAX, 2, u32::MAX];
        let order = display_order(names.len(), |i| pos[i], |i| names[i]);
        assert_eq!(order, [1, 2, 4, 0, 5, 3]);
        // Equal names keep the order given.
        let order = display_order(3, |_| 7, |_| "Bắc Ninh");
        assert_eq!(order, [0, 1, 2]);
    }
}
