//! A composite's `children`: a table of relative weights or a list of equal ones → `(node,
//! weight)` pairs in the order written, each unknown id, bad weight or repeat reported at its
//! place.

use super::cx::Cx;
use crate::model::registry::closest;
use crate::model::spec::{RawChildren, S};
use crate::model::tree::NodeId;
use std::collections::HashMap;

pub(super) fn children(
    cx: &mut Cx<'_>,
    parent: &S<String>,
    written: Option<&S<RawChildren>>,
    ids: &HashMap<&str, NodeId>,
) -> Vec<(NodeId, f64)> {
    let Some(map) = written else {
        cx.err(
            parent,
            format!("composite `{}` has no children", parent.get_ref()),
            Some("add `children = { some_id = 1, other_id = 2 }` (relative weights)".into()),
        );
        return Vec::new();
    };
    // (child id, its weight as written; none in a list of equal weights)
    let mut entries: Vec<(&S<String>, Option<&S<toml::Value>>)> = match map.get_ref() {
        RawChildren::Weighted(m) => m.iter().map(|(k, w)| (k, Some(w))).collect(),
        RawChildren::Equal(list) => list.iter().map(|k| (k, None)).collect(),
    };
    if entries.is_empty() {
        cx.err(map, format!("composite `{}` has no children", parent.get_ref()), None);
    }
    // Keep the order written, not the map's sorted order.
    entries.sort_by_key(|(k, _)| k.span().start);
    let mut out: Vec<(NodeId, f64)> = Vec::new();
    for (key, w) in entries {
        let Some(w) = w else {
            if let Some(&id) = ids.get(key.get_ref().as_str())
                && out.iter().any(|(k, _)| *k == id)
            {
                cx.err(
                    key,
                    format!("`{}` is listed twice among the children of `{}`", key.get_ref(), parent.get_ref()),
                    None,
                );
                continue;
            }
            push_child(cx, parent, ids, key, 1.0, &mut out);
            continue;
        };
        // An invalid weight is reported and replaced by 1, so the child is not also reported
        // unreachable; the error already stops the tree from being built.
        let weight = match w.get_ref() {
            toml::Value::Integer(i) => *i as f64,
            toml::Value::Float(f) => *f,
            other => {
                let msg = format!("the weight of `{}` must be a number, found {}", key.get_ref(), other.type_str());
                cx.err(w, msg, None);
                1.0
            }
        };
        let weight = if weight.is_finite() && weight > 0.0 {
            weight
        } else {
            cx.err(w, format!("the weight of `{}` in `{}` must be a positive number, found {weight}", key.get_ref(), parent.get_ref()), Some("weights are relative points (e.g. 100, 200); to leave a child out, remove it or mark the child `scored = false`".into()));
            1.0
        };
        push_child(cx, parent, ids, key, weight, &mut out);
    }
    out
}

/// One child of `d`, once its weight is known: itself and unknown ids are errors.
fn push_child(
    cx: &mut Cx<'_>,
    parent: &S<String>,
    ids: &HashMap<&str, NodeId>,
    key: &S<String>,
    weight: f64,
    out: &mut Vec<(NodeId, f64)>,
) {
    if key.get_ref() == parent.get_ref() {
        cx.err(key, format!("`{}` lists itself as a child", key.get_ref()), None);
        return;
    }
    match ids.get(key.get_ref().as_str()) {
        Some(&id) => out.push((id, weight)),
        None => {
            let help = closest(key.get_ref(), ids.keys().copied()).map(|s| format!("did you mean `{s}`?"));
            cx.err(key, format!("unknown child `{}` of `{}`", key.get_ref(), parent.get_ref()), help);
        }
    }
}
