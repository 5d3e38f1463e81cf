//! Years on the merged basis (the 2025 merger: 63 provinces → 34 units). A year whose data
//! already name the new units is relabelled; a year on the old units is re-based as the
//! ministry did for 2024: each listed node of a new unit is the plain mean of its old units'
//! values, and every node above them is recomputed from those means. Nodes below the listed
//! ones, and raw values, have no meaning for a re-based unit and are missing.

use super::aggregate::combine;
use super::compare::Basis;
use super::{YearScores, rank};
use crate::error::{Diagnostic, Diagnostics, Place};
use crate::model::Year;
use crate::model::crosswalk::Crosswalk;
use crate::model::panel::{Unit, UnitId};
use crate::model::tree::{IndicatorTree, MergeSpec, NodeKind};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// A year and its comparison year on one basis: borrowed as given, owned when re-based.
pub type Aligned<'a> = (Cow<'a, YearScores>, Option<Cow<'a, YearScores>>, Basis);

/// The units of the merged basis, appended after the data's own units.
#[derive(Debug, Clone)]
pub struct MergedUnits {
    /// The data's units followed by one unit per new unit of the crosswalk.
    pub units: Vec<Unit>,
    ids: BTreeMap<String, UnitId>,
}

impl MergedUnits {
    #[must_use]
    pub fn new(units: &[Unit], cw: &Crosswalk) -> Self {
        let mut all = units.to_vec();
        let mut ids = BTreeMap::new();
        for t in cw.targets() {
            ids.insert(t.to_string(), all.len());
            all.push(Unit { name: t.to_string(), code: None });
        }
        Self { units: all, ids }
    }

    fn count(&self) -> u32 {
        self.ids.len() as u32
    }
}

/// One year on the merged basis, and whether the data were already on it.
///
/// # Errors
/// Units that the crosswalk does not know.
pub fn rebase(
    tree: &IndicatorTree,
    spec: &MergeSpec,
    cw: &Crosswalk,
    mu: &MergedUnits,
    ys: &YearScores,
) -> Result<(YearScores, bool), Diagnostics> {
    let mut groups: BTreeMap<UnitId, Vec<usize>> = BTreeMap::new();
    let mut diags = Vec::new();
    for (p, &u) in ys.units.iter().enumerate() {
        let name = &mu.units[u].name;
        match cw.target(name).and_then(|t| mu.ids.get(t)) {
            Some(&id) => groups.entry(id).or_default().push(p),
            None => diags.push(
                Diagnostic::error(format!("`{name}` is not in the merge map"))
                    .at(Place::UnitYear { unit: name.clone(), year: ys.year })
                    .help("add it to the [merge] map, or leave out --merged"),
            ),
        }
    }
    if !diags.is_empty() {
        return Err(Diagnostics(diags));
    }
    // Data already on the new units: one old unit per new unit, and either a post-merger year
    // or the complete set of new units.
    let native = groups.values().all(|m| m.len() == 1) && (ys.year >= 2025 || groups.len() == mu.ids.len());
    let units: Vec<UnitId> = groups.keys().copied().collect();
    let n = tree.nodes.len();
    let mut values = vec![vec![None; units.len()]; n];
    let mut raw = vec![vec![None; units.len()]; ys.raw.len()];
    if native {
        for (g, members) in groups.values().enumerate() {
            for (node, col) in values.iter_mut().enumerate() {
                col[g] = ys.score(node, members[0]);
            }
            for (k, col) in raw.iter_mut().enumerate() {
                col[g] = ys.raw(k, members[0]);
            }
        }
    } else {
        let mut defined = vec![false; n];
        for &node in &tree.order {
            let listed = spec.nodes.contains(&node);
            match &tree.nodes[node].kind {
                _ if listed => {
                    defined[node] = true;
                    for (g, members) in groups.values().enumerate() {
                        let present: Vec<f64> = members.iter().filter_map(|&p| ys.score(node, p)).collect();
                        values[node][g] =
                            (!present.is_empty()).then(|| present.iter().sum::<f64>() / present.len() as f64);
                    }
                }
                NodeKind::Composite(c) if c.children.iter().all(|(k, _)| defined[*k]) => {
                    defined[node] = true;
                    let merged: Vec<Option<f64>> = (0..units.len())
                        .map(|g| {
                            let kids: Vec<(Option<f64>, f64)> =
                                c.children.iter().map(|&(k, w)| (values[k][g], w)).collect();
                            combine(c, &kids).ok().flatten()
                        })
                        .collect();
                    values[node] = merged;
                }
                _ => {}
            }
        }
    }
    let ranks = values.iter().map(|v| rank::rank(v, tree.info.ties, tree.info.rank_decimals)).collect();
    let stats = if native { ys.stats.clone() } else { vec![None; ys.stats.len()] };
    Ok((YearScores { year: ys.year, units, values, raw, ranks, stats }, native))
}

/// The year to rank and its comparison year on one unit set. On the merged basis when asked
/// (`force`), or when the ranked year's data already name the new units; the comparison year
/// is then re-based too. Returns the years and the basis to report.
///
/// # Errors
/// Units that the crosswalk does not know.
pub fn align<'a>(
    tree: &IndicatorTree,
    merge: Option<(&MergeSpec, &Crosswalk, &MergedUnits)>,
    now: &'a YearScores,
    then: Option<&'a YearScores>,
    force: bool,
) -> Result<Aligned<'a>, Diagnostics> {
    // As given, the years are lent as they are: at commune scale a copy costs megabytes.
    let as_given = || (Cow::Borrowed(now), then.map(Cow::Borrowed), Basis::AsGiven);
    let Some((spec, cw, mu)) = merge else { return Ok(as_given()) };
    let (now_m, native) = rebase(tree, spec, cw, mu, now)?;
    if !force && !native {
        return Ok(as_given());
    }
    let mut rebased: Vec<Year> = Vec::new();
    if !native {
        rebased.push(now.year);
    }
    let then_m = match then {
        Some(t) => {
            let (tm, t_native) = rebase(tree, spec, cw, mu, t)?;
            if !t_native {
                rebased.push(t.year);
            }
            Some(Cow::Owned(tm))
        }
        None => None,
    };
    rebased.sort_unstable();
    Ok((Cow::Owned(now_m), then_m, Basis::Merged { units: mu.count(), rebased }))
}
