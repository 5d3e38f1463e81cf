//! Group columns of the data (`[index] groups`): text labels, one per unit, read from each row
//! and checked to be the same in every year. With `units = "vn-provinces"`, `region` is the
//! registry's (GSO's six regions) unless the data carry their own `region` column. Never parsed
//! as numbers; ranking within groups belongs to `score/group.rs`.

use super::super::value::cell_text;
use super::Builder;
use crate::error::{Diagnostic, Place};
use crate::load::{RawTable, Row};
use crate::model::panel::{GroupColumn, Unit, UnitId};
use crate::model::regions::{RegionBasis, region_of};
use crate::model::registry::clean_name;
use crate::model::tree::{IndicatorTree, UnitsKind};

/// The column the registry fills for provinces.
pub const REGION: &str = "region";

/// Labels read so far: per group column, per unit, the label and where it was first read.
#[derive(Debug, Default)]
pub(super) struct Labels {
    /// The column of each group in the table being read.
    cols: Vec<Option<usize>>,
    of_unit: Vec<Vec<Option<(String, Place)>>>,
}

/// Other names a `region` column goes by in Vietnamese tables.
fn names(group: &str) -> Vec<&str> {
    if group == REGION { vec![group, "vùng", "vùng kinh tế - xã hội"] } else { vec![group] }
}

impl Builder<'_> {
    /// Finds the group columns of table `t`; a missing one is an error (but for `region`,
    /// which the registry supplies).
    pub(super) fn group_columns(&mut self, t: &RawTable) {
        let tree = self.tree;
        let registry = tree.info.units == UnitsKind::VnProvinces;
        self.labels.of_unit.resize_with(tree.info.groups.len(), Vec::new);
        self.labels.cols = tree.info.groups.iter().map(|g| super::columns::find(&t.headers, &names(g))).collect();
        for (g, col) in tree.info.groups.iter().zip(self.labels.cols.clone()) {
            if col.is_none() && !(registry && g == REGION) {
                self.missing_column(
                    t,
                    "group",
                    g,
                    "[index] groups names it; add the column (one label per unit) or remove it from groups",
                );
            }
        }
    }

    /// Records row `r`'s group labels for `unit`.
    pub(super) fn group_labels(&mut self, t: &RawTable, r: usize, row: &Row<'_>, unit: UnitId) {
        for g in 0..self.labels.cols.len() {
            let Some(c) = self.labels.cols[g] else { continue };
            let label = clean_name(&cell_text(row.get(c)));
            let name = &self.tree.info.groups[g];
            if label.is_empty() {
                let d = Diagnostic::error(format!("{} has no `{name}`", self.units[unit].name))
                    .at(t.place(r, Some(c)))
                    .help(format!("every unit belongs to one group: fill in its `{name}`"));
                self.diags.push(d);
                continue;
            }
            let slot = &mut self.labels.of_unit[g];
            if slot.len() <= unit {
                slot.resize(unit + 1, None);
            }
            match &slot[unit] {
                None => slot[unit] = Some((label, t.place(r, Some(c)))),
                Some((first, at)) if *first != label => {
                    let d = Diagnostic::error(format!(
                        "{} is in `{name}` `{first}` in one row and `{label}` in this one",
                        self.units[unit].name
                    ))
                    .at(t.place(r, Some(c)))
                    .help(format!("a unit has one `{name}` in every year; the other is at {at}"));
                    self.diags.push(d);
                }
                Some(_) => {}
            }
        }
    }

    /// The group columns of the panel, `region` filled from the registry where the data have
    /// none.
    pub(super) fn finish_groups(&mut self) -> Vec<GroupColumn> {
        let labels = std::mem::take(&mut self.labels);
        let mut out: Vec<GroupColumn> = self
            .tree
            .info
            .groups
            .iter()
            .zip(labels.of_unit.into_iter().chain(std::iter::repeat_with(Vec::new)))
            .map(|(name, of)| {
                let mut of_unit: Vec<Option<String>> = of.into_iter().map(|l| l.map(|(s, _)| s)).collect();
                of_unit.resize(self.units.len(), None);
                GroupColumn { name: name.clone(), of_unit }
            })
            .collect();
        registry_regions(self.tree, &self.units, &mut out);
        out
    }
}

/// With the province registry, every province has a `region` (GSO's grouping): the data's own
/// label where the data have a `region` column, the registry's otherwise.
fn registry_regions(tree: &IndicatorTree, units: &[Unit], out: &mut Vec<GroupColumn>) {
    if tree.info.units != UnitsKind::VnProvinces {
        return;
    }
    if !out.iter().any(|g| g.name == REGION) {
        out.push(GroupColumn { name: REGION.into(), of_unit: vec![None; units.len()] });
    }
    let Some(g) = out.iter_mut().find(|g| g.name == REGION) else { return };
    for (label, unit) in g.of_unit.iter_mut().zip(units) {
        if label.is_none() {
            *label = region_of(RegionBasis::Provinces63, &unit.name);
        }
    }
}
