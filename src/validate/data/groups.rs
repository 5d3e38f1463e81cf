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
        // A region column the spec does not name is not read: say so, rather than let the
        // built-in regions stand in for it unseen.
        if registry
            && !tree.info.groups.iter().any(|g| g == REGION)
            && let Some(c) = super::columns::find(&t.headers, &names(REGION))
        {
            let d = Diagnostic::note(format!(
                "the data's `{}` column is not read: regions are the built-in ones (GSO's six)",
                t.headers[c]
            ))
            .at(t.header_place(c))
            .help("to use the data's own regions, add `groups = [\"region\"]` to [index]");
            self.diags.push(d);
        }
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
            let label = whole_number(clean_name(&cell_text(row.get(c))));
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
                Some((first, at)) if fold(first) != fold(&label) => {
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
    /// none. Labels that differ only in case, accents, spacing or a `.0` (`Tây Nguyên`, `Tay
    /// Nguyen`, `tay nguyen`; `1`, `1.0`) are one group, named by its most used spelling, with
    /// a note saying so.
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
        for g in &mut out {
            if let Some(note) = unify(g) {
                self.diags.push(note);
            }
        }
        registry_regions(self.tree, &self.units, &mut out);
        out
    }
}

/// A label that is a whole number written as a float (`1.0`, as pandas writes an integer
/// column with gaps) as the whole number (`1`).
fn whole_number(label: String) -> String {
    match label.trim().parse::<f64>() {
        Ok(x) if x.fract() == 0.0 && x.abs() < 1e15 && label.contains('.') => format!("{}", x as i64),
        _ => label,
    }
}

/// The key two spellings of one group label share: no case, accents (`đ` as `d`) or extra
/// spaces, and a whole number without its `.0` (as pandas writes an integer column with gaps).
fn fold(label: &str) -> String {
    if let Ok(x) = label.trim().parse::<f64>()
        && x.fract() == 0.0
        && x.abs() < 1e15
    {
        return format!("{}", x as i64);
    }
    let (base, _) = crate::model::registry::collation_key(label);
    base.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gives every spelling of a label its group's most used spelling (the first read on a tie);
/// a note names the spellings read as one.
fn unify(g: &mut GroupColumn) -> Option<Diagnostic> {
    let mut spellings: Vec<(String, Vec<(String, usize)>)> = Vec::new();
    for label in g.of_unit.iter().flatten() {
        let key = fold(label);
        let at = match spellings.iter().position(|s| s.0 == key) {
            Some(i) => i,
            None => {
                spellings.push((key, Vec::new()));
                spellings.len() - 1
            }
        };
        let forms = &mut spellings[at].1;
        match forms.iter_mut().find(|f| f.0 == *label) {
            Some(f) => f.1 += 1,
            None => forms.push((label.clone(), 1)),
        }
    }
    let mut merged = Vec::new();
    for (key, forms) in &spellings {
        if forms.len() < 2 {
            continue;
        }
        let best = forms.iter().fold(&forms[0], |b, f| if f.1 > b.1 { f } else { b }).0.clone();
        for label in g.of_unit.iter_mut().flatten() {
            if fold(label) == *key {
                label.clone_from(&best);
            }
        }
        let others: Vec<String> = forms.iter().filter(|f| f.0 != best).map(|f| format!("`{}`", f.0)).collect();
        merged.push(format!("{} as `{best}`", others.join(", ")));
    }
    (!merged.is_empty()).then(|| {
        Diagnostic::note(format!("`{}` labels read as one group: {}", g.name, merged.join("; ")))
            .help("they differ only in case, accents or spacing; write them alike to silence this")
    })
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
