//! Preparation of the validated panel before scoring, in COINr's order (product.md §7):
//! denominate (done as the data are read, see `validate/data/denominate.rs`) → impute → treat.
//! Owns the changed values and the records of every change (`PrepLog`) that every output
//! shows. Pure: no file access, no printing; it never normalises or aggregates.

pub mod audit;
pub mod impute;
pub mod treat;

use crate::model::panel::{Panel, UnitId};
use crate::model::prepare::{Impute, Imputed, PrepLog, Treat, Treated, Unfilled};
use crate::model::tree::{IndicatorTree, NodeId, Normalize};
use std::collections::HashMap;

/// Which steps run; `sensitivity` turns them off one at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Steps {
    pub impute: bool,
    pub treat: bool,
}

impl Steps {
    /// Every step the spec asks for.
    pub const ALL: Steps = Steps { impute: true, treat: true };
}

/// Whether the spec asks for any imputation or treatment at all.
#[must_use]
pub fn any(tree: &IndicatorTree) -> (bool, bool) {
    let inds = || tree.nodes.iter().filter_map(|n| n.indicator());
    (inds().any(|i| *i.impute != Impute::None), inds().any(|i| i.treat != Treat::None))
}

/// Imputes, then treats, every indicator as the spec says, changing `panel` in place.
#[must_use]
pub fn prepare(tree: &IndicatorTree, panel: &mut Panel) -> PrepLog {
    prepare_with(tree, panel, Steps::ALL)
}

/// As `prepare`, running only `steps`.
#[must_use]
pub fn prepare_with(tree: &IndicatorTree, panel: &mut Panel, steps: Steps) -> PrepLog {
    let mut log = PrepLog::default();
    let indicators = panel.indicators.clone();
    for (k, &node) in indicators.iter().enumerate() {
        let Some(ind) = tree.nodes[node].indicator() else { continue };
        if steps.impute && *ind.impute != Impute::None {
            impute_indicator(panel, k, node, &ind.impute, &mut log);
        }
        // A yes/no indicator is never treated: winsorising a rare 1 would erase it.
        if steps.treat && ind.treat != Treat::None && ind.normalize != Normalize::Bool {
            for yd in &mut panel.years {
                let mut col: Vec<Option<f64>> = yd.column(k).collect();
                let read = col.clone();
                let Some(out) = treat::treat(&mut col, ind.treat) else { continue };
                let values = out.changed.iter().filter_map(|&u| Some((yd.units[u], read[u]?, col[u]?))).collect();
                for (u, v) in col.into_iter().enumerate() {
                    yd.set(u, k, v);
                }
                log.treated.push(Treated {
                    k,
                    node,
                    year: yd.year,
                    method: out.method,
                    points: out.points,
                    units: out.changed.iter().map(|&u| yd.units[u]).collect(),
                    values,
                    before: out.before,
                    after: out.after,
                });
            }
        }
    }
    log.imputed.sort_by_key(|i| (i.year, i.unit, i.k));
    log.treated.sort_by_key(|t| (t.year, t.k));
    log
}

/// The unit's label in a group column (`[index] groups`, or the registry's `region`).
fn group_of(panel: &Panel, column: &str, unit: UnitId) -> Option<String> {
    panel.group_of(column, unit).map(str::to_string)
}

/// Why `how` left a value missing, as the warning says it.
fn why_unfilled(how: &Impute) -> String {
    let within = |m: Option<u32>| m.map_or_else(String::new, |m| format!(" within max_years = {m}"));
    match how {
        Impute::GroupMean(_) | Impute::GroupMedian(_) => format!("{}: no value in the group", how.name()),
        Impute::Locf(m) => format!("locf: no earlier value{}", within(*m)),
        Impute::Linear(m) => format!("linear: no value before or after{}", within(*m)),
        _ => format!("{}: no value that year", how.name()),
    }
}

fn impute_indicator(panel: &mut Panel, k: usize, node: NodeId, how: &Impute, log: &mut PrepLog) {
    // Observed series of every unit, read before anything is filled in.
    let mut series: HashMap<UnitId, Vec<(i32, f64)>> = HashMap::new();
    if how.across_years() {
        for yd in &panel.years {
            for (u, v) in yd.column(k).enumerate() {
                if let Some(v) = v {
                    series.entry(yd.units[u]).or_default().push((yd.year, v));
                }
            }
        }
    }
    let column = match how {
        Impute::GroupMean(c) | Impute::GroupMedian(c) => Some(c.clone()),
        _ => None,
    };
    let mut fills = Vec::new();
    for (y, yd) in panel.years.iter().enumerate() {
        let values: Vec<Option<f64>> = yd.column(k).collect();
        let put: Vec<Option<f64>> = if how.across_years() {
            values
                .iter()
                .enumerate()
                .map(|(u, v)| match v {
                    Some(_) => None,
                    None => series.get(&yd.units[u]).and_then(|s| impute::across_years(how, s, yd.year)),
                })
                .collect()
        } else {
            let groups: Vec<Option<String>> = match &column {
                Some(c) => yd.units.iter().map(|&u| group_of(panel, c, u)).collect(),
                None => Vec::new(),
            };
            impute::within_year(how, &impute::YearColumn { year: yd.year, values: &values, groups: &groups })
        };
        let mut left = 0;
        for (u, v) in put.into_iter().enumerate() {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                fills.push((y, u, v));
            } else if values[u].is_none() {
                left += 1;
            }
        }
        if left > 0 {
            log.unfilled.push(Unfilled { k, node, year: yd.year, count: left, why: why_unfilled(how) });
        }
    }
    for (y, u, v) in fills {
        let yd = &mut panel.years[y];
        yd.set(u, k, Some(v));
        log.imputed.push(Imputed { unit: yd.units[u], year: yd.year, k, value: v, method: how.name() });
    }
}
