//! What `audit` says of preparation: the share of each indicator's values and of each unit's
//! values that are imputed in a year, and the indicators treated that year. Counting only.

use crate::model::Year;
use crate::model::panel::{Panel, UnitId};
use crate::model::prepare::{Impute, PrepLog, Treated};
use crate::model::tree::{IndicatorTree, NodeId};

/// Imputed shares and treatments of one year.
#[derive(Debug, Clone, Default)]
pub struct PrepAudit {
    /// Every indicator that imputes: (node, values imputed, units with a row that year).
    pub by_indicator: Vec<(NodeId, usize, usize)>,
    /// Every unit with an imputed value: (unit, values imputed, indicators).
    pub by_unit: Vec<(UnitId, usize, usize)>,
    pub treated: Vec<Treated>,
}

/// The audit of `year`'s preparation.
#[must_use]
pub fn audit(tree: &IndicatorTree, panel: &Panel, log: &PrepLog, year: Year) -> PrepAudit {
    let rows = panel.year(year).map_or(0, |y| y.units.len());
    let width = panel.indicators.len();
    let by_indicator = panel
        .indicators
        .iter()
        .enumerate()
        .filter(|(_, n)| tree.nodes[**n].indicator().is_some_and(|i| *i.impute != Impute::None))
        .map(|(k, &n)| (n, log.imputed_in(year).filter(|i| i.k == k).count(), rows))
        .collect();
    let mut units: Vec<UnitId> = log.imputed_in(year).map(|i| i.unit).collect();
    units.sort_unstable();
    units.dedup();
    let by_unit = units.into_iter().map(|u| (u, log.imputed_in(year).filter(|i| i.unit == u).count(), width)).collect();
    PrepAudit { by_indicator, by_unit, treated: log.treated_in(year).cloned().collect() }
}
