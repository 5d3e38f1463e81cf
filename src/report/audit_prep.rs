//! The part of `audit` about preparation (product.md §7): the share of imputed values per
//! indicator and per unit, and every treated indicator with its skewness and kurtosis before
//! and after. Formats `score::prepare::audit`; computes nothing but the shares' division.

use super::audit::{AuditView, table};
use serde_json::{Value, json};
use std::io::{self, Write};

fn share(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
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
