//! The part of `audit` about preparation (product.md §7): the share of imputed values per
//! indicator and per unit, and every treated indicator with its skewness and kurtosis before
//! and after. Formats `score::prepare::audit`; computes nothing but the shares' division.

use super::audit::{AuditView, table};
use serde_json::{Value, json};
use std::io::{self, Write};

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
}

/// What the statistics are taken after, when the spec prepares: "after imputation and
/// treatment" (the distributions are those of the data every score comes from).
pub(super) fn after(v: &AuditView<'_>) -> Option<String> {
    v.prep?;
    let en = v.lang == super::Lang::En;
    let (i, t) = crate::score::prepare::any(v.tree);
    Some(
        match (i, t, en) {
            (true, true, true) => "after imputation and treatment",
            (true, false, true) => "after imputation",
            (false, _, true) => "after treatment",
            (true, true, false) => "sau ước tính và xử lý ngoại lai",
            (true, false, false) => "sau ước tính",
            (false, _, false) => "sau xử lý ngoại lai",
        }
        .to_string(),
    )
}

/// The CSV's preparation columns, when the spec prepares: each indicator's imputed count and
/// share that year (empty when it does not impute) and its treatment (method, points).
pub(super) fn csv_head(v: &AuditView<'_>) -> Vec<String> {
    if v.prep.is_none() {
        return Vec::new();
    }
    ["imputed", "imputed_share", "treated", "treated_points"].map(String::from).to_vec()
}

pub(super) fn csv_cells(v: &AuditView<'_>, node: usize) -> Vec<String> {
    let Some(p) = v.prep else { return Vec::new() };
    let (imputed, shared) = p
        .by_indicator
        .iter()
        .find(|i| i.0 == node)
        .map_or_else(|| (String::new(), String::new()), |&(_, k, of)| (k.to_string(), share(k, of).to_string()));
    let (method, points) = p
        .treated
        .iter()
        .find(|t| t.node == node)
        .map_or_else(|| (String::new(), String::new()), |t| (t.method.to_string(), t.points.to_string()));
    vec![imputed, shared, method, points]
}

pub(super) fn text(v: &AuditView<'_>, out: &mut dyn Write, md: bool) -> io::Result<()> {
    let Some(p) = v.prep else { return Ok(()) };
    let id = |n: usize| v.tree.nodes[n].id.clone();
    writeln!(out)?;
    if !p.by_indicator.is_empty() {
        let rows = p
            .by_indicator
            .iter()
            .map(|&(n, k, of)| vec![id(n), format!("{k}/{of}"), format!("{:.1}%", 100.0 * share(k, of))])
            .collect();
        table(out, md, &["indicator", "imputed", "share"], rows)?;
        let rows = p
            .by_unit
            .iter()
            .map(|&(u, k, of)| {
                vec![v.units[u].name.clone(), format!("{k}/{of}"), format!("{:.1}%", 100.0 * share(k, of))]
            })
            .collect();
        table(out, md, &["unit", "imputed", "share"], rows)?;
    }
    if p.treated.is_empty() {
        return writeln!(out, "treated: none");
    }
    let rows = p
        .treated
        .iter()
        .map(|t| {
            vec![
                id(t.node),
                t.method.to_string(),
                t.points.to_string(),
                format!("{:.3} → {:.3}", t.before.0, t.after.0),
                format!("{:.3} → {:.3}", t.before.1, t.after.1),
            ]
        })
        .collect();
    table(out, md, &["treated", "method", "points", "skew", "kurtosis"], rows)
}

pub(super) fn json(v: &AuditView<'_>, mut doc: Value) -> Value {
    let Some(p) = v.prep else { return doc };
    // The steps the statistics are taken after, in the language of the data, not of the reader.
    let (i, t) = crate::score::prepare::any(v.tree);
    let steps: Vec<&str> = [(i, "imputation"), (t, "treatment")].iter().filter(|s| s.0).map(|s| s.1).collect();
    doc["statistics_after"] = json!(steps);
    let id = |n: usize| v.tree.nodes[n].id.clone();
    doc["imputed"] = json!({
        "indicators": p.by_indicator.iter().map(|&(n, k, of)| json!({"id": id(n), "imputed": k, "of": of, "share": share(k, of)})).collect::<Vec<_>>(),
        "units": p.by_unit.iter().map(|&(u, k, of)| json!({"unit": v.units[u].name, "imputed": k, "of": of, "share": share(k, of)})).collect::<Vec<_>>(),
    });
    doc["treated"] = p
        .treated
        .iter()
        .map(|t| {
            json!({
                "indicator": id(t.node), "method": t.method, "points": t.points,
                "units": t.units.iter().map(|&u| v.units[u].name.clone()).collect::<Vec<_>>(),
                "skew": [t.before.0, t.after.0], "kurtosis": [t.before.1, t.after.1],
            })
        })
        .collect();
    doc
}
