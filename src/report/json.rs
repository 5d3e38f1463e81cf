//! JSON, the contract CI scripts rely on (README, "JSON output"). Keys keep the documented
//! order; numbers are full precision; a missing score or rank is `null`.

use super::{Render, Report};
use crate::model::tree::NodeId;
use crate::score::compare::{Against, Basis, Standing};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

pub struct Json;

/// The version of the JSON layouts (README "Output"); raised when a key changes meaning or
/// goes away, not when one is added.
pub const SCHEMA: u32 = 1;

/// A JSON document as written: `"tool": {"name", "version"}` and `"schema"` first, so that a
/// CI script can tell which program and which layout wrote it, then the document's own keys.
pub(crate) fn stamped(doc: serde_json::Value) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    m.insert("tool".into(), serde_json::json!({"name": env!("CARGO_PKG_NAME"), "version": env!("CARGO_PKG_VERSION")}));
    m.insert("schema".into(), SCHEMA.into());
    if let serde_json::Value::Object(mut fields) = doc {
        m.append(&mut fields);
    }
    serde_json::Value::Object(m)
}

fn by_node<T: Into<Value> + Copy>(report: &Report<'_>, nodes: &[NodeId], get: impl Fn(NodeId) -> Option<T>) -> Value {
    let mut m = Map::new();
    for &n in nodes {
        m.insert(report.tree.nodes[n].id.clone(), get(n).map_or(Value::Null, Into::into));
    }
    Value::Object(m)
}

fn standing(report: &Report<'_>, nodes: &[NodeId], s: &Standing) -> Value {
    json!({
        "score": by_node(report, nodes, |n| s.score(n)),
        "rank": by_node(report, nodes, |n| s.rank(n).map(|k| k.pos)),
    })
}

impl Render for Json {
    fn render(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let nodes = report.nodes();
        let tree = report.tree;
        let results = results(report);
        let mut doc = json!({
            "index": tree.nodes[tree.root].id,
            "year": report.ranking.year,
            "compare_year": report.ranking.compare_year,
            "units_ranked": report.ranking.units_ranked,
            "nodes": nodes_json(report),
            "results": results,
        });
        if let Some(c) = report.ranking.compare_year {
            doc["comparison"] = comparison(report, &nodes, c);
        }
        if let Some((column, value)) = &report.ranking.only {
            doc["only"] = json!({"column": column, "value": value});
        }
        if report.prepares() {
            doc["imputed"] = report.imputed_json();
            doc["treated"] = report.treated_json();
        }
        if let Some(g) = &report.ranking.groups {
            doc["groups"] = super::groups::summary(report, g, &nodes);
        }
        serde_json::to_writer_pretty(&mut *out, &crate::report::stamped(doc))?;
        writeln!(out)
    }
}

/// Every composite: id, name in the chosen language, whether it is a pillar.
pub(super) fn nodes_json(report: &Report<'_>) -> Vec<Value> {
    let (tree, en) = (report.tree, report.en());
    report
        .nodes()
        .iter()
        .map(|&n| json!({"id": tree.nodes[n].id, "name": tree.nodes[n].label(en), "pillar": tree.nodes[n].pillar}))
        .collect()
}

/// One object per unit, in display order.
pub(super) fn results(report: &Report<'_>) -> Vec<Value> {
    let nodes = report.nodes();
    let tree = report.tree;
    let compare = report.ranking.compare_year.is_some();
    report
        .ranking
        .rows
        .iter()
        .map(|r| {
            let unit = &report.units[r.unit];
            let mut o = Map::new();
            o.insert("unit".into(), unit.name.clone().into());
            o.insert("code".into(), unit.code.clone().map_or(Value::Null, Value::String));
            o.insert("score".into(), by_node(report, &nodes, |n| r.now.score(n)));
            o.insert("rank".into(), by_node(report, &nodes, |n| r.now.rank(n).map(|k| k.pos)));
            if compare {
                o.insert("previous".into(), r.previous.as_ref().map_or(Value::Null, |p| standing(report, &nodes, p)));
                let change = r.previous.as_ref().map_or(Value::Null, |_| {
                    json!({
                        "score": by_node(report, &nodes, |n| r.score_change(n)),
                        "rank": by_node(report, &nodes, |n| r.rank_change(n)),
                    })
                });
                o.insert("change".into(), change);
            }
            if let Some(g) = &report.ranking.groups {
                o.insert("group".into(), super::groups::json(report, g, r.unit, &nodes));
            }
            if report.detail {
                let mut m = Map::new();
                for (k, &node) in report.indicators.iter().enumerate() {
                    m.insert(
                        tree.nodes[node].id.clone(),
                        json!({"raw": r.now.raw(k), "normalized": r.now.score(node)}),
                    );
                }
                o.insert("indicator".into(), Value::Object(m));
            }
            Value::Object(o)
        })
        .collect()
}

/// Which units were compared: how many are in both years, which are new, which are gone.
pub(super) fn comparison(report: &Report<'_>, nodes: &[NodeId], year: i32) -> Value {
    let r = report.ranking;
    let name = |u: usize| report.units[u].name.clone();
    let basis = match &r.basis {
        Basis::AsGiven => json!({"units": "as given"}),
        Basis::Merged { units, rebased } => json!({"units": "merged", "count": units, "rebased_years": rebased}),
    };
    let against = match r.against {
        Against::Year => "year",
        Against::SpecWeights => "spec weights",
    };
    let d = report.tree.info.published_decimals();
    json!({
        "year": year,
        "against": against,
        "score_change": format!("difference of the scores rounded to {d} decimals"),
        "basis": basis,
        "common_units": r.common,
        "new": r.rows.iter().filter(|row| row.previous.is_none()).map(|row| name(row.unit)).collect::<Vec<_>>(),
        "gone": r.gone.iter().map(|(u, s)| {
            json!({"unit": name(*u), "code": report.units[*u].code, "previous": standing(report, nodes, s)})
        }).collect::<Vec<_>>(),
    })
}
