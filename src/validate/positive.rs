//! The check, when the spec is read, that a geometric or harmonic mean never meets a child
//! whose values can be 0 or below: a z-score (negative below the mean), a bounded method whose
//! range starts at 0, or a composite over such a child. Reported once per mean and child, with
//! advice that fits the child: an indicator takes a `range` or another method, a composite
//! takes neither, so the advice names the indicators under it.

use super::cx::Cx;
use crate::model::spec::S;
use crate::model::tree::{Aggregate, Missing, Node, NodeKind, Normalize};

/// The lowest value a node can take (−∞ for a z-score), when it is known.
fn lower_bound(nodes: &[Node], i: usize, memo: &[Option<f64>]) -> Option<f64> {
    match &nodes[i].kind {
        NodeKind::Indicator(ind) => match ind.normalize {
            // Raw values: their sign is the data's business.
            Normalize::None => None,
            Normalize::ZScore(_) => Some(f64::NEG_INFINITY),
            _ => Some(ind.range.0),
        },
        NodeKind::Composite(c) => {
            // With missing = "reweight" a composite can equal any one child (the others
            // missing), so its lowest value is its lowest child's; an unknown child can only
            // lower it, so the known ones still show a value ≤ 0 when there is one.
            let lb = c
                .children
                .iter()
                .filter_map(|(k, _)| memo[*k])
                .fold(None, |m: Option<f64>, l| Some(m.map_or(l, |m| m.min(l))))?;
            let total: f64 = c.children.iter().map(|(_, w)| w).sum();
            // A sum is the total weight times a weighted mean.
            let lb = if c.aggregate == Aggregate::Sum { lb * total } else { lb };
            Some(if c.missing == Missing::Zero { lb.min(0.0) } else { lb })
        }
    }
}

/// The indicators under `top` (itself included) whose values can be 0 or below.
fn culprits(nodes: &[Node], top: usize, memo: &[Option<f64>]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![top];
    while let Some(n) = stack.pop() {
        match &nodes[n].kind {
            NodeKind::Indicator(_) if memo[n].is_some_and(|l| l <= 0.0) && !out.contains(&nodes[n].id) => {
                out.push(nodes[n].id.clone());
            }
            NodeKind::Composite(c) => stack.extend(c.children.iter().rev().map(|(k, _)| *k)),
            NodeKind::Indicator(_) => {}
        }
    }
    out
}

/// What the child can take (the end of a sentence naming it) and what to do about it.
fn problem(nodes: &[Node], parent: usize, child: usize, lb: f64, memo: &[Option<f64>]) -> (String, String) {
    let (pid, kid) = (&nodes[parent].id, &nodes[child].id);
    let mean = format!("or use aggregate = \"mean\" for `{pid}`");
    match &nodes[child].kind {
        NodeKind::Indicator(i) if matches!(i.normalize, Normalize::ZScore(_)) => (
            "a z-score, below 0 for every unit under the mean".to_string(),
            format!(
                "normalise `{kid}` with minmax or goalpost and range = [1, 100] (a z-score takes no range), {mean}"
            ),
        ),
        NodeKind::Indicator(_) => (
            format!("whose values can be {lb}"),
            format!("give `{kid}` a range above 0, e.g. range = [1, 100] (as COINr does), {mean}"),
        ),
        NodeKind::Composite(c) => {
            let list = culprits(nodes, child, memo).iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let why = if c.missing == Missing::Zero && list.is_empty() {
                "which counts a missing child as 0 (missing = \"zero\")".to_string()
            } else {
                format!("whose indicators {list} can be 0 or below")
            };
            let fix = if list.is_empty() {
                format!("set missing = \"reweight\" on `{kid}`, {mean}")
            } else {
                format!(
                    "a node takes no range: give {list} a range above 0, e.g. range = [1, 100] (a z-score: normalise with minmax or goalpost instead), {mean}"
                )
            };
            (why, fix)
        }
    }
}

/// Reports every geometric or harmonic mean over a child that can be 0 or below.
pub(super) fn check_positive_inputs(cx: &mut Cx<'_>, id_spans: &[&S<String>], nodes: &[Node], order: &[usize]) {
    let mut memo: Vec<Option<f64>> = vec![None; nodes.len()];
    for &i in order {
        memo[i] = lower_bound(nodes, i, &memo);
    }
    for (i, node) in nodes.iter().enumerate() {
        let Some(c) = node.composite() else { continue };
        if !matches!(c.aggregate, Aggregate::Geometric | Aggregate::Harmonic) {
            continue;
        }
        let what = if c.aggregate == Aggregate::Geometric { "geometric" } else { "harmonic" };
        if c.missing == Missing::Zero {
            cx.err(
                id_spans[i],
                format!("`{}` takes a {what} mean with missing = \"zero\"", node.id),
                Some("a missing child counted as 0 makes the mean undefined; use missing = \"reweight\"".into()),
            );
        }
        for (k, _) in &c.children {
            if let Some(lb) = memo[*k].filter(|lb| *lb <= 0.0) {
                let (why, fix) = problem(nodes, i, *k, lb, &memo);
                cx.err(
                    id_spans[i],
                    format!("`{}` takes a {what} mean over `{}`, {why}", node.id, nodes[*k].id),
                    Some(fix),
                );
            }
        }
    }
}
