//! The group columns of `rank --group` in every format: the unit's group and its rank there
//! (`2/13`). Formats only; the ranks, means and best scores are computed in `score/group.rs`.

use super::Report;
use crate::model::panel::UnitId;
use crate::model::tree::NodeId;
use crate::score::group::GroupRanks;
use serde_json::{Map, Value, json};

impl Report<'_> {
    pub(super) fn groups(&self) -> Option<&GroupRanks> {
        self.ranking.groups.as_ref()
    }

    /// The headers of the group name and in-group rank columns: `Vùng`, `Hạng vùng` for the
    /// regions, the column's own name otherwise.
    pub(super) fn group_headers(&self, g: &GroupRanks) -> [String; 2] {
        match (g.column.as_str(), self.en()) {
            ("region", false) => ["Vùng".into(), "Hạng vùng".into()],
            ("region", true) => ["Region".into(), "Rank in region".into()],
            (c, false) => [c.to_string(), format!("Hạng trong {c}")],
            (c, true) => [c.to_string(), format!("Rank in {c}")],
        }
    }

    /// The unit's group name and its in-group rank on `node` as `k/N` (`–` where none).
    pub(super) fn group_cells(&self, g: &GroupRanks, unit: UnitId, node: NodeId) -> [String; 2] {
        let name = g.group(unit).map_or_else(|| "–".to_string(), |x| x.name.clone());
        let rank = g.rank(node, unit).map_or_else(|| "–".to_string(), |k| k.to_string());
        [name, rank]
    }
}

/// `"group": {"name", "of", "rank": {node: k}}` of one unit (`null` for a unit in no group).
pub(super) fn json(report: &Report<'_>, g: &GroupRanks, unit: UnitId, nodes: &[NodeId]) -> Value {
    let Some(group) = g.group(unit) else { return Value::Null };
    let root = report.tree.root;
    let of = g.rank(root, unit).map_or(group.units.len() as u32, |k| k.of);
    let mut ranks = Map::new();
    for &n in nodes {
        ranks.insert(report.tree.nodes[n].id.clone(), g.rank(n, unit).map_or(Value::Null, |k| k.pos.into()));
    }
    json!({"column": g.column, "name": group.name, "of": of, "rank": ranks})
}

/// CSV columns: `<column>`, `<column>_of`, then `<node>_<column>_rank` per node.
pub(super) fn csv_header(report: &Report<'_>, g: &GroupRanks) -> Vec<String> {
    let c = &g.column;
    let mut h = vec![c.clone(), format!("{c}_of")];
    h.extend(report.nodes().iter().map(|&n| format!("{}_{c}_rank", report.tree.nodes[n].id)));
    h
}

/// The CSV cells of `csv_header` for one unit (empty where none).
pub(super) fn csv_cells(report: &Report<'_>, g: &GroupRanks, unit: Option<UnitId>) -> Vec<String> {
    let root = report.tree.root;
    let group = unit.and_then(|u| g.group(u));
    let mut cells = vec![
        group.map_or_else(String::new, |x| x.name.clone()),
        unit.and_then(|u| g.rank(root, u)).map_or_else(String::new, |k| k.of.to_string()),
    ];
    for n in report.nodes() {
        cells.push(unit.and_then(|u| g.rank(n, u)).map_or_else(String::new, |k| k.pos.to_string()));
    }
    cells
}

/// Top-level `"groups"`: each group's name, size, and per node its mean and best score.
pub(super) fn summary(report: &Report<'_>, g: &GroupRanks, nodes: &[NodeId]) -> Value {
    let tree = report.tree;
    let list: Vec<Value> = g
        .groups
        .iter()
        .map(|x| {
            let mut mean = Map::new();
            let mut best = Map::new();
            for &n in nodes {
                mean.insert(tree.nodes[n].id.clone(), x.mean[n].map_or(Value::Null, Into::into));
                let b = x.best[n].map_or(Value::Null, |(s, u)| json!({"unit": report.units[u].name, "score": s}));
                best.insert(tree.nodes[n].id.clone(), b);
            }
            json!({"name": x.name, "units": x.units.len(), "mean": mean, "best": best})
        })
        .collect();
    json!({"column": g.column, "list": list})
}
