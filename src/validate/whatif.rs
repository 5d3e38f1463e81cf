//! What-if weights: `--set parent.child=W`, `--set child.weight=W` (the child's weight under
//! every parent) and `--weights FILE` (a TOML table of the same keys) → weight changes on a
//! validated tree. Every bad key is reported, with a "did you mean".

use crate::error::{Diagnostic, Diagnostics, Place};
use crate::model::registry::closest;
use crate::model::tree::{IndicatorTree, NodeId};

/// One weight to change: `(parent, child, weight)`.
pub type WeightChange = (NodeId, NodeId, f64);

/// Parses `key=value` settings (from `--set`) and `(key, value, where)` entries (from a file).
///
/// # Errors
/// Every unknown node, non-edge and non-positive weight.
pub fn weight_changes(
    tree: &IndicatorTree,
    entries: &[(String, String, Option<Place>)],
) -> Result<Vec<WeightChange>, Diagnostics> {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let ids: Vec<&str> = tree.nodes.iter().map(|n| n.id.as_str()).collect();
    for (key, value, place) in entries {
        let mut err = |msg: String, help: Option<String>| {
            let mut d = Diagnostic::error(msg);
            d.place = place.clone();
            d.help = help;
            diags.push(d);
        };
        let weight = match value.trim().parse::<f64>() {
            Ok(w) if w.is_finite() && w > 0.0 => w,
            _ => {
                err(format!("the weight in `{key}={value}` must be a positive number"), None);
                continue;
            }
        };
        let Some((a, b)) = key.trim().split_once('.') else {
            err(
                format!("`{key}` is not a weight key"),
                Some("write parent.child=W (e.g. gov.gov_activity=250) or child.weight=W".into()),
            );
            continue;
        };
        let Some(first) = tree.find(a) else {
            let help = closest(a, ids.iter().copied()).map(|s| format!("did you mean `{s}`?"));
            err(format!("unknown node `{a}` in `{key}`"), help);
            continue;
        };
        if b == "weight" {
            let parents: Vec<NodeId> = (0..tree.nodes.len())
                .filter(|&p| tree.nodes[p].composite().is_some_and(|c| c.children.iter().any(|(k, _)| *k == first)))
                .collect();
            if parents.is_empty() {
                err(format!("`{a}` is not a child of any node"), None);
            }
            out.extend(parents.into_iter().map(|p| (p, first, weight)));
            continue;
        }
        let kids: Vec<&str> = tree.nodes[first]
            .composite()
            .map(|c| c.children.iter().map(|(k, _)| tree.nodes[*k].id.as_str()).collect())
            .unwrap_or_default();
        match tree.find(b).filter(|_| kids.contains(&b)) {
            Some(child) => out.push((first, child, weight)),
            None => {
                let help = closest(b, kids.iter().copied()).map_or_else(
                    || format!("the children of `{a}` are: {}", kids.join(", ")),
                    |s| format!("did you mean `{a}.{s}`?"),
                );
                err(format!("`{b}` is not a child of `{a}`"), Some(help));
            }
        }
    }
    if diags.is_empty() { Ok(out) } else { Err(Diagnostics(diags)) }
}

/// Reads a `--weights` file's text: a TOML table of `"parent.child" = W` entries.
///
/// # Errors
/// A diagnostic when the text is not such a table.
pub fn weights_file(text: &str, path: &str) -> Result<Vec<(String, String, Option<Place>)>, Diagnostics> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error(format!("{path} is not a weights file: {}", e.message().trim()));
        if let Some(span) = e.span() {
            d = d.at(crate::error::text_place(path, text, span));
        }
        Diagnostics(vec![d.help("write one line per weight: \"gov.gov_activity\" = 250")])
    })?;
    Ok(table
        .iter()
        .map(|(k, v)| {
            let value = match v {
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                other => other.to_string(),
            };
            (k.clone(), value, Some(Place::File { path: path.to_string() }))
        })
        .collect())
}
