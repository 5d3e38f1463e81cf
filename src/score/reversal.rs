//! The audit's direction lint: a child whose `direction` is probably the wrong way round.
//! Its correlation with its own parent alone misses most reversals, since the parent contains
//! the child (a reversed indicator among three still correlates positively with their mean).
//! Two more signs are read: the child's correlation with the mean of its siblings (negative
//! when it runs against them) and Cronbach's alpha of the parent without it (higher than with it when
//! it works against the others' consistency).

use super::YearScores;
use super::audit::{cronbach, pearson};
use crate::model::tree::{IndicatorTree, NodeId};

/// A child that runs against its parent or its siblings.
#[derive(Debug, Clone)]
pub struct Suspect {
    pub child: NodeId,
    pub parent: NodeId,
    /// Pearson's r with the parent.
    pub with_parent: Option<f64>,
    /// Pearson's r with the plain mean of its siblings.
    pub with_siblings: Option<f64>,
    /// Cronbach's alpha of the parent's children, with and without this one.
    pub alpha: Option<f64>,
    pub alpha_without: Option<f64>,
}

fn r(ys: &YearScores, a: NodeId, b: NodeId) -> Option<f64> {
    let (x, y): (Vec<f64>, Vec<f64>) =
        ys.values[a].iter().zip(&ys.values[b]).filter_map(|(x, y)| Some((x.as_ref()?, y.as_ref()?))).unzip();
    pearson(&x, &y)
}

/// Pearson's r of child `k` with the plain mean of its siblings (the item–rest correlation),
/// over the units with every one of them.
fn rest_correlation(ys: &YearScores, k: NodeId, kids: &[NodeId]) -> Option<f64> {
    let others: Vec<NodeId> = kids.iter().copied().filter(|&s| s != k).collect();
    if others.is_empty() {
        return None;
    }
    let (x, y): (Vec<f64>, Vec<f64>) = (0..ys.values[k].len())
        .filter_map(|u| {
            let rest: Option<Vec<f64>> = others.iter().map(|&s| ys.values[s][u]).collect();
            Some((ys.values[k][u]?, rest?.iter().sum::<f64>() / others.len() as f64))
        })
        .unzip();
    pearson(&x, &y)
}

/// Every child of the year that correlates negatively with its parent, and of each parent of
/// three or more the one child that most clearly runs against its siblings.
#[must_use]
pub fn suspects(tree: &IndicatorTree, ys: &YearScores) -> Vec<Suspect> {
    let mut out = Vec::new();
    for (p, node) in tree.nodes.iter().enumerate() {
        let Some(c) = node.composite() else { continue };
        let kids: Vec<NodeId> = c.children.iter().map(|(k, _)| *k).collect();
        let cols = |skip: Option<NodeId>| -> Vec<&[Option<f64>]> {
            kids.iter().filter(|&&k| Some(k) != skip).map(|&k| ys.values[k].as_slice()).collect()
        };
        let alpha = cronbach(&cols(None));
        let mut found: Vec<Suspect> = kids
            .iter()
            .map(|&k| Suspect {
                child: k,
                parent: p,
                with_parent: r(ys, k, p),
                with_siblings: rest_correlation(ys, k, &kids),
                alpha,
                alpha_without: if kids.len() > 2 { cronbach(&cols(Some(k))) } else { None },
            })
            .collect();
        // Against the siblings: clearly negative with their mean (a margin, so that noise
        // around 0 is not called a reversal) and the parent's alpha higher without it. One
        // reversed child drags its siblings' item–rest correlations down with it, so of those
        // only the one whose removal raises alpha most is named; fixed, a rerun finds the next.
        let gain = |s: &Suspect| match (s.alpha, s.alpha_without, s.with_siblings) {
            (Some(a), Some(w), Some(r)) if w > a && r < -0.1 => Some(w - a),
            _ => None,
        };
        let worst = found
            .iter()
            .enumerate()
            .filter_map(|(i, s)| gain(s).map(|g| (g, i)))
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)))
            .map(|(_, i)| i);
        let mut i = 0;
        found.retain(|s| {
            let keep = s.with_parent.is_some_and(|r| r < 0.0) || Some(i) == worst;
            i += 1;
            keep
        });
        out.extend(found);
    }
    out
}
