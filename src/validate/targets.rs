//! `plan --targets FILE` → `(k, value)` for the `k`-th indicator of the panel: rows of
//! `indicator,value` (an indicator's id or data column, and the value it is to reach, typed as
//! in the data: `80`, `80,5`, `80%`, `có`), or a file shaped like the data (the unit's row,
//! with any of the indicator columns). Every bad cell is reported at its place, an unknown
//! indicator with a "did you mean".

use crate::error::{Diagnostic, Diagnostics};
use crate::load::RawTable;
use crate::load::number::{Parsed, parse_bool, parse_number};
use crate::load::{Cell, Row, header_key, header_keys};
use crate::model::Year;
use crate::model::panel::Unit;
use crate::model::registry::closest;
use crate::model::tree::{IndicatorTree, NodeId, Normalize};

const INDICATOR: &[&str] = &["indicator", "chỉ tiêu", "chi tieu", "id"];
const VALUE: &[&str] = &["value", "giá trị", "gia tri", "target", "mục tiêu", "muc tieu"];

fn column(t: &RawTable, names: &[&str]) -> Option<usize> {
    t.headers.iter().position(|h| names.contains(&h.trim().to_lowercase().as_str()))
}

/// Whether a table is a list of `indicator,value` rows rather than data-shaped.
#[must_use]
pub fn is_pairs(t: &RawTable) -> bool {
    column(t, INDICATOR).is_some() && column(t, VALUE).is_some()
}

/// The targets of an `indicator,value` table; `indicators` is `Panel::indicators`.
///
/// # Errors
/// Every unknown indicator, unreadable value and repeated indicator, at its row and column.
pub fn target_pairs(
    tree: &IndicatorTree,
    indicators: &[NodeId],
    t: &RawTable,
) -> Result<Vec<(usize, f64)>, Diagnostics> {
    let (Some(ic), Some(vc)) = (column(t, INDICATOR), column(t, VALUE)) else {
        return Ok(Vec::new());
    };
    let names: Vec<(&str, &str)> = indicators
        .iter()
        .filter_map(|&n| Some((tree.nodes[n].id.as_str(), tree.nodes[n].indicator()?.column.as_str())))
        .collect();
    let mut out: Vec<(usize, f64)> = Vec::new();
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let mut diags = Vec::new();
    for (r, row) in t.data_rows() {
        let name = match row.get(ic) {
            Cell::Text(s) => s.to_string(),
            Cell::Empty => continue,
            other => format!("{other:?}"),
        };
        let Some(k) = names.iter().position(|(id, col)| *id == name || *col == name) else {
            let typed = names.iter().flat_map(|(id, col)| [*id, *col]);
            let help = closest(&name, typed).map_or_else(
                || "use an indicator id of the spec (or its data column)".to_string(),
                |s| format!("did you mean `{s}`?"),
            );
            diags.push(Diagnostic::error(format!("unknown indicator `{name}`")).at(t.place(r, Some(ic))).help(help));
            continue;
        };
        let Some(value) = value(tree, indicators[k], t, &row, r, vc, &name, &mut diags) else { continue };
        if let Some(&(_, first)) = seen.iter().find(|(kk, _)| *kk == k) {
            diags.push(
                Diagnostic::error(format!("`{name}` has two targets (rows {first} and {})", t.line(r)))
                    .at(t.place(r, Some(ic)))
                    .help("keep one row per indicator"),
            );
            continue;
        }
        seen.push((k, t.line(r)));
        out.push((k, value));
    }
    if out.is_empty() && diags.is_empty() {
        diags.push(
            Diagnostic::error("the targets file has no targets")
                .at(crate::error::Place::File { path: t.path.clone() })
                .help("add rows of indicator,value below the header"),
        );
    }
    if diags.is_empty() { Ok(out) } else { Err(Diagnostics(diags)) }
}

/// The value of a target cell, or a diagnostic at its place (`None` for a blank cell too,
/// with no diagnostic when `blank_ok`).
#[allow(clippy::too_many_arguments)]
fn value(
    tree: &IndicatorTree,
    node: NodeId,
    t: &RawTable,
    row: &Row<'_>,
    r: usize,
    c: usize,
    name: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let yes_no = matches!(tree.nodes[node].indicator().map(|i| &i.normalize), Some(Normalize::Bool));
    let value = match row.get(c) {
        Cell::Number(x) | Cell::Percent(x) => Some(x),
        Cell::Bool(b) => Some(f64::from(u8::from(b))),
        Cell::Text(s) if yes_no => parse_bool(s).map(|b| f64::from(u8::from(b))),
        Cell::Text(s) => match parse_number(s) {
            Parsed::Value { value, .. } => Some(value),
            Parsed::Ambiguous { dot, .. } if t.delimiter != Some(b';') => Some(dot),
            Parsed::Ambiguous { comma, .. } => Some(comma),
            Parsed::Missing | Parsed::Invalid => None,
        },
        _ => None,
    };
    let v = value.filter(|v| v.is_finite() && (!yes_no || *v == 0.0 || *v == 1.0));
    if v.is_none() {
        let want = if yes_no { "yes or no (có/không, 1/0)" } else { "a number, e.g. 80 or 80,5" };
        diags.push(
            Diagnostic::error(format!("the target of `{name}` is not {want}"))
                .at(t.place(r, Some(c)))
                .help("write the value the indicator is to reach, as in the data"),
        );
    }
    v
}

/// The targets of a file shaped like the data: the row of `unit` (of `year` when the file
/// has a year column), each indicator column with a value; blank cells are no target.
///
/// # Errors
/// Every column that is no indicator (with a "did you mean"), every unreadable value of the
/// unit's row, and a file with no row for the unit.
pub fn target_row(
    tree: &IndicatorTree,
    indicators: &[NodeId],
    t: &RawTable,
    unit: &Unit,
    year: Year,
) -> Result<Vec<(usize, f64)>, Diagnostics> {
    let info = &tree.info;
    let is = |c: usize, names: &[&str]| {
        let keys = header_keys(&t.headers[c]);
        names.iter().any(|n| keys.contains(&header_key(n)))
    };
    let units = [info.unit_column.as_str(), "unit", "province", "tỉnh", "tỉnh/thành phố", "đơn vị"];
    let Some(uc) = (0..t.headers.len()).find(|&c| is(c, &units)) else {
        let d = Diagnostic::error(format!("no `{}` column: not a targets file", info.unit_column))
            .at(crate::error::Place::File { path: t.path.clone() })
            .help("write rows of indicator,value, or the unit's row with the data's columns");
        return Err(Diagnostics(vec![d]));
    };
    let yc = (0..t.headers.len()).find(|&c| is(c, &[info.year_column.as_str(), "year", "năm"]));
    let ids: Vec<(&str, &str)> = indicators
        .iter()
        .filter_map(|&n| Some((tree.nodes[n].id.as_str(), tree.nodes[n].indicator()?.column.as_str())))
        .collect();
    let mut diags = Vec::new();
    let mut cols = Vec::new();
    for c in (0..t.headers.len()).filter(|&c| c != uc && Some(c) != yc) {
        if let Some(k) = (0..ids.len()).find(|&k| is(c, &[ids[k].1, ids[k].0])) {
            cols.push((c, k));
        } else if !is(c, &[info.code_column.as_str(), "stt", "tt", "no."]) {
            let h = &t.headers[c];
            let help = closest(h, ids.iter().flat_map(|(a, b)| [*a, *b])).map_or_else(
                || "remove the column, or name an indicator of the spec".into(),
                |s| format!("did you mean `{s}`?"),
            );
            diags.push(Diagnostic::error(format!("unknown indicator column `{h}`")).at(t.header_place(c)).help(help));
        }
    }
    let mut out = None;
    for (r, row) in t.data_rows() {
        let same = match row.get(uc) {
            Cell::Text(s) => crate::validate::find_unit(info.units, std::slice::from_ref(unit), s).is_ok(),
            _ => false,
        };
        let year_ok = yc.is_none_or(|yc| match row.get(yc) {
            Cell::Number(y) => y == f64::from(year),
            Cell::Text(s) => s.trim() == year.to_string(),
            _ => false,
        });
        if same && year_ok && out.is_none() {
            let mut got = Vec::new();
            for &(c, k) in &cols {
                if row.get(c) != Cell::Empty {
                    got.extend(value(tree, indicators[k], t, &row, r, c, ids[k].0, &mut diags).map(|v| (k, v)));
                }
            }
            out = Some(got);
        }
    }
    diags.extend(t.reread_problems());
    match out {
        Some(got) if diags.is_empty() => Ok(got),
        None if diags.is_empty() => Err(Diagnostics(vec![
            Diagnostic::error(format!("no row for {} in {year}", unit.name))
                .at(crate::error::Place::File { path: t.path.clone() })
                .help("add the unit's row with its targets, or write rows of indicator,value"),
        ])),
        _ => Err(Diagnostics(diags)),
    }
}
