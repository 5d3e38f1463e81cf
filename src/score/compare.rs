//! A year lined up against a comparison year: each unit's scores and ranks now and then, the
//! changes, and the display order (rank of the root, ties by official name, unranked last).
//! `change.rank` is previous − current: positive means the unit moved up.

use super::{Rank, Scores, YearScores};
use crate::model::Year;
use crate::model::panel::{Unit, UnitId};
use crate::model::registry::collation_key;
use crate::model::tree::IndicatorTree;

/// A unit's values in one year, for every node.
#[derive(Debug, Clone)]
pub struct Standing {
    pub score: Vec<Option<f64>>,
    pub rank: Vec<Option<Rank>>,
    /// Raw indicator values, in `Panel::indicators` order.
    pub raw: Vec<Option<f64>>,
}

/// One row of a ranking.
#[derive(Debug, Clone)]
pub struct Row {
    pub unit: UnitId,
    pub now: Standing,
    /// `None`: the unit has no data in the comparison year (or there is none).
    pub previous: Option<Standing>,
    /// Per node: current − previous score.
    pub score_change: Vec<Option<f64>>,
    /// Per node: previous − current rank position.
    pub rank_change: Vec<Option<i64>>,
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
pub struct Ranking {
    pub year: Year,
    pub compare_year: Option<Year>,
    pub rows: Vec<Row>,
    /// Units ranked on the root this year.
    pub units_ranked: u32,
    /// Units of the comparison year that have no data this year, by their previous rank.
    pub gone: Vec<(UnitId, Standing)>,
    /// Units with data in both years.
    pub common: u32,
    pub basis: Basis,
    pub against: Against,
}

fn standing(ys: &YearScores, u: usize) -> Standing {
    Standing {
        score: ys.values.iter().map(|v| v[u]).collect(),
        rank: ys.ranks.iter().map(|r| r[u]).collect(),
        raw: ys.raw.iter().map(|r| r[u]).collect(),
    }
}

/// Lines up `now` against `then` (when given) and orders the rows for display.
#[must_use]
pub fn ranking(
    tree: &IndicatorTree,
    units: &[Unit],
    now: &YearScores,
    then: Option<&YearScores>,
    basis: Basis,
) -> Ranking {
    let mut rows: Vec<Row> = now
        .units
        .iter()
        .enumerate()
        .map(|(u, &unit)| {
            let cur = standing(now, u);
            let previous = then.and_then(|t| t.position(unit).map(|p| standing(t, p)));
            let (score_change, rank_change) = match &previous {
                Some(p) => (
                    cur.score.iter().zip(&p.score).map(|(c, p)| Some(c.as_ref()? - p.as_ref()?)).collect(),
                    cur.rank
                        .iter()
                        .zip(&p.rank)
                        .map(|(c, p)| Some(i64::from(p.as_ref()?.pos) - i64::from(c.as_ref()?.pos)))
                        .collect(),
                ),
                None => (vec![None; cur.score.len()], vec![None; cur.rank.len()]),
            };
            Row { unit, now: cur, previous, score_change, rank_change }
        })
        .collect();
    let root = tree.root;
    rows.sort_by_cached_key(|r| {
        let pos = r.now.rank[root].map_or(u32::MAX, |k| k.pos);
        (pos, collation_key(&units[r.unit].name))
    });
    let units_ranked = rows.iter().filter(|r| r.now.rank[root].is_some()).count() as u32;
    let mut gone: Vec<(UnitId, Standing)> = then
        .map(|t| {
            t.units
                .iter()
                .enumerate()
                .filter(|(_, u)| now.position(**u).is_none())
                .map(|(p, &u)| (u, standing(t, p)))
                .collect()
        })
        .unwrap_or_default();
    gone.sort_by_cached_key(|(u, s)| (s.rank[root].map_or(u32::MAX, |k| k.pos), collation_key(&units[*u].name)));
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
    }
}

/// The default comparison year: the latest year present before `year`.
#[must_use]
pub fn previous_year(scores: &Scores, year: Year) -> Option<Year> {
    scores.years.iter().map(|y| y.year).filter(|&y| y < year).max()
}
