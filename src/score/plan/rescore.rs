//! The one door from `plan` to scoring: a copy of the panel with one unit's values changed,
//! scored by `score::score_keeping` exactly as `dti rank` scores the data, and read back as the
//! unit's standing. Every number a plan shows comes through `World::scored`, so whatever
//! scoring does (data-dependent normalisation, geometric means, rounding ties, and any stage
//! later put before it) a plan follows it: putting the plan's values into the data gives the
//! plan's score and rank. When the spec imputes or treats, the world holds the data as read
//! (before preparation) and every year of it, and `scored` prepares the changed copy
//! (imputation, treatment: `score::prepare`) before scoring it, as `dti rank` does.

use crate::error::Diagnostics;
use crate::model::Year;
use crate::model::panel::{Panel, UnitId};
use crate::model::tree::{Bounds, IndicatorTree, NodeId, Normalize};
use crate::score::{self, Rank, YearScores};

/// One unit's score and rank at every composite node (indicators are `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub nodes: Vec<(Option<f64>, Option<Rank>)>,
}

impl Standing {
    #[must_use]
    pub fn score(&self, node: NodeId) -> Option<f64> {
        self.nodes.get(node).and_then(|n| n.0)
    }

    #[must_use]
    pub fn rank(&self, node: NodeId) -> Option<Rank> {
        self.nodes.get(node).and_then(|n| n.1)
    }
}

/// The data a plan scores: the unit and year, and the years scoring that year reads.
pub struct World<'a> {
    pub tree: &'a IndicatorTree,
    /// Only the planned year, unless an indicator pools its statistics over the years or the
    /// spec prepares the data (then every year, as read, before preparation).
    base: Panel,
    /// Whether each scoring prepares its copy first (the spec imputes or treats).
    prepares: bool,
    pub year: Year,
    pub unit: UnitId,
    /// Position of the year in `base.years`, and of the unit in that year.
    y: usize,
    pub u: usize,
}

impl<'a> World<'a> {
    /// `None` when the panel has no such year or the unit no row in it. `panel` is the data
    /// as read: before imputation and treatment when the spec prepares them.
    #[must_use]
    pub fn new(tree: &'a IndicatorTree, panel: &Panel, year: Year, unit: UnitId) -> Option<World<'a>> {
        let pools = tree
            .nodes
            .iter()
            .filter_map(|n| n.indicator())
            .any(|i| matches!(i.normalize, Normalize::MinMax(Bounds::Pooled) | Normalize::ZScore(Bounds::Pooled)));
        let (imputes, treats) = score::prepare::any(tree);
        let prepares = imputes || treats;
        let mut base = panel.clone();
        if !pools && !prepares {
            base.years.retain(|yd| yd.year == year);
        }
        let y = base.years.iter().position(|yd| yd.year == year)?;
        let u = base.years[y].units.iter().position(|&x| x == unit)?;
        Some(World { tree, base, prepares, year, unit, y, u })
    }

    /// The unit's raw value of the `k`-th indicator of `Panel::indicators`, as the data say.
    #[must_use]
    pub fn raw(&self, k: usize) -> Option<f64> {
        self.base.years[self.y].get(self.u, k)
    }

    /// Every unit's raw values of indicator `k` in the year (missing left out).
    #[must_use]
    pub fn column(&self, k: usize) -> Vec<f64> {
        self.base.years[self.y].column(k).flatten().collect()
    }

    /// The indicator node of column `k`.
    #[must_use]
    pub fn node(&self, k: usize) -> NodeId {
        self.base.indicators[k]
    }

    /// How many indicator columns the panel has.
    #[must_use]
    pub fn width(&self) -> usize {
        self.base.indicators.len()
    }

    /// The unit's standing with `changes` (`(k, raw value)`) made to its values of the year,
    /// every other value as it is: the whole year (every year, when statistics are pooled)
    /// scored and ranked again.
    ///
    /// # Errors
    /// What scoring refuses (a geometric mean of a value ≤ 0, say).
    pub fn standing(&self, changes: &[(usize, f64)]) -> Result<Standing, Diagnostics> {
        let ys = self.scored(changes)?;
        Ok(Standing { nodes: (0..self.tree.nodes.len()).map(|n| (ys.score(n, self.u), ys.rank(n, self.u))).collect() })
    }

    /// The one place a plan scores: a copy of the data with the changes made, scored whole.
    fn scored(&self, changes: &[(usize, f64)]) -> Result<YearScores, Diagnostics> {
        let mut panel = self.base.clone();
        for &(k, v) in changes {
            panel.years[self.y].set(self.u, k, Some(v));
        }
        if self.prepares {
            let _ = score::prepare::prepare(self.tree, &mut panel);
        }
        // Warnings (a constant column, an unscored unit) were printed when the data were
        // first scored; a changed copy repeats them.
        let (mut scores, _) = score::score_keeping(self.tree, &panel, &|_| false)?;
        Ok(scores.years.swap_remove(self.y))
    }

    /// The root scores of every other unit of the year as they are now (for the score a rank
    /// takes), and how many units are ranked.
    ///
    /// # Errors
    /// As `standing`.
    pub fn others(&self) -> Result<Vec<f64>, Diagnostics> {
        let ys = self.scored(&[])?;
        Ok((0..ys.units.len()).filter(|&u| u != self.u).filter_map(|u| ys.score(self.tree.root, u)).collect())
    }
}
