//! `--group` and `--only` for `rank` (and the group of `explain` and `report`): checks the
//! column and value against the panel, gives each unit id its label (merged units of 2025
//! their region of Nghị quyết 306/NQ-CP), and hands the maths to `score::group`.

use super::Inputs;
use crate::cli::GroupArgs;
use crate::error::Diagnostics;
use crate::model::panel::{Unit, UnitId};
use crate::model::regions::{RegionBasis, region_of};
use crate::model::tree::UnitsKind;
use crate::score::YearScores;
use crate::score::compare::Ranking;
use crate::score::group::{self, GroupRanks};
use crate::validate;
use anyhow::Result;
use std::borrow::Cow;

/// The label of every unit id in group column `column`: the data's (or the registry's) for
/// the data's units; for merged units, the 2025 region when the column is the registry's
/// `region`, else none.
pub(super) fn labeller<'a>(
    inp: &'a Inputs,
    units: &'a [Unit],
    column: &'a str,
) -> impl Fn(UnitId) -> Option<String> + 'a {
    let registry = inp.tree.info.units == UnitsKind::VnProvinces && column == "region";
    move |u: UnitId| {
        if u < inp.panel.units.len() {
            inp.panel.group_of(column, u).map(str::to_string)
        } else if registry {
            units.get(u).and_then(|unit| region_of(RegionBasis::Units34, &unit.name))
        } else {
            None
        }
    }
}

/// The years `--only` kept, and the (column, value) it kept them by.
type Kept<'a> = (Cow<'a, YearScores>, Option<Cow<'a, YearScores>>, Option<(String, String)>);

/// `--only`: keeps one group's units of `now` and `then`, ranked among themselves.
///
/// # Errors
/// A malformed `--only`, an unknown column or value.
pub(super) fn only<'a>(
    inp: &Inputs,
    units: &[Unit],
    args: &GroupArgs,
    now: Cow<'a, YearScores>,
    then: Option<Cow<'a, YearScores>>,
) -> Result<Kept<'a>> {
    let Some(arg) = &args.only else { return Ok((now, then, None)) };
    let (column, typed) = validate::only(&inp.panel, arg).map_err(|d| Diagnostics(vec![d]))?;
    let label = labeller(inp, units, &column);
    // The values of the units ranked: on the merged basis, the 2025 regions.
    let values: Vec<String> = now.units.iter().filter_map(|&u| label(u)).collect();
    let value = validate::group_value(&column, &typed, &values).map_err(|d| Diagnostics(vec![d]))?;
    let keep = |u: UnitId| label(u).as_deref() == Some(value.as_str());
    let now = Cow::Owned(group::only(&inp.tree, &now, &keep));
    let then = then.map(|t| Cow::Owned(group::only(&inp.tree, &t, &keep)));
    Ok((now, then, Some((column.to_string(), value))))
}

/// `--group`: the in-group ranks of the ranking's year.
///
/// # Errors
/// An unknown group column.
pub(super) fn ranks(inp: &Inputs, units: &[Unit], column: &str, now: &YearScores) -> Result<GroupRanks> {
    let column = validate::group_column(&inp.panel, column).map_err(|d| Diagnostics(vec![d]))?;
    let label = labeller(inp, units, column);
    Ok(group::within(&inp.tree, column, now, &label))
}

/// Sets `ranking.groups` when `--group` is given.
///
/// # Errors
/// As `ranks`.
pub(super) fn attach(
    inp: &Inputs,
    units: &[Unit],
    args: &GroupArgs,
    ranking: &mut Ranking<'_>,
    now: &YearScores,
) -> Result<()> {
    if let Some(column) = &args.group {
        ranking.groups = Some(ranks(inp, units, column, now)?);
    }
    Ok(())
}

/// The group `explain` and `report` compare a unit with: `--group`, else `region` when the
/// panel has one (the registry's, or the data's), else the spec's first group, else none.
fn column_for<'a>(inp: &'a Inputs, asked: Option<&'a str>) -> Option<&'a str> {
    asked.or_else(|| {
        let names: Vec<&str> = inp.panel.groups.iter().map(|g| g.name.as_str()).collect();
        names.iter().find(|n| **n == "region").or_else(|| names.first()).copied()
    })
}

/// The in-group ranks `explain` and `report` compare with (see `column_for`).
///
/// # Errors
/// An unknown `--group` column.
pub(super) fn for_unit_pages(inp: &Inputs, asked: Option<&str>, now: &YearScores) -> Result<Option<GroupRanks>> {
    column_for(inp, asked).map(|column| ranks(inp, &inp.panel.units, column, now)).transpose()
}

/// `unit` in year `now` against its group in `g` (index and pillars).
pub(super) fn comparison(
    inp: &Inputs,
    g: Option<&GroupRanks>,
    now: &YearScores,
    unit: UnitId,
) -> Option<group::GroupComparison> {
    let root = inp.tree.root;
    let nodes: Vec<_> = std::iter::once(root).chain(inp.tree.pillars()).collect();
    group::comparison(g?, now, unit, root, &nodes)
}
