//! `plan --targets FILE` in its own shape: rows of `indicator,value` (an indicator's id or data
//! column, and the value it is to reach, typed as in the data: `80`, `80,5`, `80%`, `có`) →
//! `(k, value)` for the `k`-th indicator of the panel. Every bad row is reported at its place,
//! an unknown indicator with a "did you mean". A file shaped like the data is read by `panel`
//! instead (`is_pairs` tells the two apart).

use crate::error::{Diagnostic, Diagnostics};
use crate::load::RawTable;
use crate::load::number::{Parsed, parse_bool, parse_number};
use crate::load::Cell;
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
pub fn target_pairs(tree: &IndicatorTree, indicators: &[NodeId], t: &RawTable) -> Result<Vec<(usize, f64)>, Diagnostics> {
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
        let yes_no = matches!(tree.nodes[indicators[k]].indicator().map(|i| &i.normalize), Some(Normalize::Bool));
        let value = match row.get(vc) {
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
        let Some(value) = value.filter(|v| v.is_finite() && (!yes_no || *v == 0.0 || *v == 1.0)) else {
            let want = if yes_no { "yes or no (có/không, 1/0)" } else { "a number, e.g. 80 or 80,5" };
            diags.push(
                Diagnostic::error(format!("the target of `{name}` is not {want}"))
                    .at(t.place(r, Some(vc)))
                    .help("write the value the indicator is to reach, as in the data"),
            );
            continue;
        };
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
