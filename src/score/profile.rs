//! One unit's annual-report page, as numbers: its explanation (`explain`), each pillar (and
//! the index) against the national mean and the best unit, and the distance to the national
//! targets its indicators declare (`target`, never a scaling bound such as `goalposts`). Pure: the renderers in
//! `report/page/` only format what is here.

use super::explain::Explanation;
use super::{Rank, YearScores};
use crate::model::panel::UnitId;
use crate::model::tree::{Direction, IndicatorTree, NodeId};

/// A node of the unit against the field.
#[derive(Debug, Clone)]
pub struct Standing {
    pub node: NodeId,
    pub score: Option<f64>,
    pub rank: Option<Rank>,
    pub previous_rank: Option<Rank>,
    /// Mean over the units that have a score this year (the national mean for provinces).
    pub mean: Option<f64>,
    /// The unit with the highest score (the first in unit order on a tie) and its score.
    pub best: Option<(UnitId, f64)>,
}

/// An indicator with a declared target.
#[derive(Debug, Clone)]
pub struct TargetLine {
    pub node: NodeId,
    pub raw: Option<f64>,
    pub target: f64,
    /// The decision that sets it.
    pub source: String,
    /// How far the value still is from the target, in the indicator's unit (0 when reached;
    /// `None` without a value).
    pub gap: Option<f64>,
}

/// Everything the report page shows.
#[derive(Debug, Clone)]
pub struct Profile {
    pub explanation: Explanation,
    pub index: Standing,
    pub pillars: Vec<Standing>,
    pub targets: Vec<TargetLine>,
}

fn standing(node: NodeId, ex: &Explanation, now: &YearScores) -> Standing {
    let col = &now.values[node];
    let present: Vec<(usize, f64)> = col.iter().enumerate().filter_map(|(u, v)| v.map(|v| (u, v))).collect();
    let mean = (!present.is_empty()).then(|| present.iter().map(|(_, v)| v).sum::<f64>() / present.len() as f64);
    let best = present.iter().copied().reduce(|a, b| if b.1 > a.1 { b } else { a }).map(|(u, v)| (now.units[u], v));
    Standing {
        node,
        score: ex.score[node],
        rank: ex.rank[node],
        previous_rank: ex.previous_rank.as_ref().and_then(|r| r[node]),
        mean,
        best,
    }
}

/// The page of the unit `ex` explains, in year `now`.
#[must_use]
pub fn profile(tree: &IndicatorTree, ex: Explanation, now: &YearScores) -> Profile {
    let index = standing(tree.root, &ex, now);
    let pillars = tree.pillars().into_iter().map(|p| standing(p, &ex, now)).collect();
    let targets = ex
        .indicators
        .iter()
        .filter_map(|l| {
            let ind = tree.nodes[l.node].indicator()?;
            let t = ind.target.as_ref()?;
            let gap = l.raw.map(|x| match ind.direction {
                Direction::Higher => (t.value - x).max(0.0),
                Direction::Lower => (x - t.value).max(0.0),
            });
            Some(TargetLine { node: l.node, raw: l.raw, target: t.value, source: t.source.clone(), gap })
        })
        .collect();
    Profile { explanation: ex, index, pillars, targets }
}
