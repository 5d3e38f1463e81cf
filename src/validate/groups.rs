//! Groups: `[index] groups` in the spec (names of data columns, each once, none that is the
//! unit or year column), and the `--group COLUMN` / `--only COLUMN=VALUE` a user types, checked
//! against the panel's group columns with a "did you mean". Reading the labels from the data
//! is `data/groups.rs`'s; ranking within groups is `score/group.rs`'s.

use super::cx::Cx;
use crate::error::Diagnostic;
use crate::model::panel::Panel;
use crate::model::registry::{closest, fold};
use crate::model::spec::RawIndex;

/// `[index] groups`, validated: non-empty names, each once.
pub(super) fn spec(cx: &mut Cx<'_>, ix: &RawIndex) -> Vec<String> {
    let Some(list) = &ix.groups else { return Vec::new() };
    let mut out: Vec<String> = Vec::new();
    for g in list.get_ref() {
        let name = g.get_ref().trim();
        let taken = [ix.unit_column.as_deref().unwrap_or("unit"), ix.year_column.as_deref().unwrap_or("year")];
        if name.is_empty() {
            cx.err(g, "a group column needs a name", Some("write the data column's header, e.g. \"region\"".into()));
        } else if out.iter().any(|o| o == name) {
            cx.err(g, format!("group column `{name}` is listed twice"), None);
        } else if taken.contains(&name) {
            cx.err(g, format!("`{name}` is the unit or year column, not a group"), None);
        } else {
            out.push(name.to_string());
        }
    }
    out
}

/// The panel's group column that `--group NAME` asks for.
///
/// # Errors
/// An unknown column, with the closest name and the list of group columns.
pub fn group_column<'p>(panel: &'p Panel, name: &str) -> Result<&'p str, Diagnostic> {
    // `vùng` (and `vung`) is what a Vietnamese user calls the region.
    let name = if ["vung", "vungkinhtexahoi"].contains(&fold(name).as_str()) { "region" } else { name };
    if let Some(g) = panel.groups.iter().find(|g| g.name == name || fold(&g.name) == fold(name)) {
        return Ok(g.name.as_str());
    }
    let names: Vec<&str> = panel.groups.iter().map(|g| g.name.as_str()).collect();
    let d = Diagnostic::error(format!("`{name}` is not a group column"));
    Err(if names.is_empty() {
        d.help("the spec names none: add `groups = [\"COLUMN\"]` to [index] (with units = \"vn-provinces\", `region` is built in)")
    } else {
        let hint = closest(name, names.iter().copied()).map(|s| format!("did you mean `{s}`? "));
        d.help(format!("{}group columns: {}", hint.unwrap_or_default(), names.join(", ")))
    })
}

/// `--only COLUMN=VALUE`: the group column, and the value as typed.
///
/// # Errors
/// A malformed argument or an unknown column.
pub fn only(panel: &Panel, arg: &str) -> Result<(String, String), Diagnostic> {
    let Some((col, value)) = arg.split_once('=') else {
        return Err(Diagnostic::error(format!("--only {arg}: expected COLUMN=VALUE"))
            .help("e.g. --only \"region=Đồng bằng sông Cửu Long\""));
    };
    Ok((group_column(panel, col.trim())?.to_string(), value.trim().to_string()))
}

/// The value of `values` (the labels the ranked units have) that `typed` names; case,
/// diacritics and spacing are forgiven, as for unit names (`dong bang song cuu long`).
///
/// # Errors
/// A value no unit has, with the closest and the list of values.
pub fn group_value(column: &str, typed: &str, values: &[String]) -> Result<String, Diagnostic> {
    let mut values: Vec<&str> = values.iter().map(String::as_str).collect();
    values.sort_by_cached_key(|v| crate::model::registry::collation_key(v));
    values.dedup();
    if let Some(v) = values.iter().find(|v| **v == typed).or_else(|| values.iter().find(|v| fold(v) == fold(typed))) {
        return Ok((*v).to_string());
    }
    let hint = closest(typed, values.iter().copied()).map(|s| format!("did you mean `{s}`? "));
    Err(Diagnostic::error(format!("no unit has {column} = `{typed}`")).help(format!(
        "{}values of `{column}`: {}",
        hint.unwrap_or_default(),
        values.join(", ")
    )))
}
