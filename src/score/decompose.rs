//! Splitting one unit's index down the graph: the weight each node actually carries, the part
//! of the score each indicator accounts for, and the change since another year split into
//! parts that add up exactly to the change in the index, whatever the aggregations and gaps.
//!
//! The change at a composite f = g⁻¹(Σ aᵢ g(xᵢ)) (g the identity for mean and sum, ln for
//! geometric, 1/x for harmonic) is split with B the children counted in both years, N those
//! counted now only, G those counted then only, W the weights of each set and ḡ_B the weighted
//! mean of g over B in each year:
//!
//! ```text
//! Δf = K·[ Σ_B (wᵢ/W_B)·Δg(xᵢ)  +  Σ_N (wᵢ/W¹)·(g(xᵢ¹) − ḡ_B¹)  −  Σ_G (wᵢ/W⁰)·(g(xᵢ⁰) − ḡ_B⁰) ]
//! ```
//!
//! with K = 1 (mean), the total weight (sum), L(f¹, f⁰) (geometric, the logarithmic mean) or
//! −f⁰f¹ (harmonic). A child counted in both years passes its share further down as a
//! multiplier of its own change, so nothing is divided by a change that may be near zero; a
//! child that appears or disappears keeps its share as a line of its own (its presence moved
//! its siblings' weights, and the rest of the index moved with them).

use super::YearScores;
use crate::model::tree::{Aggregate, Composite, IndicatorTree, Missing, NodeId, NodeKind};

/// Nominal effective weights from `top` down: the sum over paths of the products of
/// normalised weights, as the spec writes them.
#[must_use]
pub fn effective_weights(tree: &IndicatorTree, top: NodeId) -> Vec<f64> {
    weights_down(tree, top, |c, _| {
        let total: f64 = c.children.iter().map(|(_, w)| w).sum();
        c.children.iter().map(|&(_, w)| if c.aggregate == Aggregate::Sum { w } else { w / total }).collect()
    })
}

/// Effective weights in one unit-year as actually used: a missing child weighs nothing and
/// its siblings carry its weight (`missing = "reweight"`).
#[must_use]
pub fn used_weights(tree: &IndicatorTree, ys: &YearScores, u: usize) -> Vec<f64> {
    weights_down(tree, tree.root, |c, _| factors(c, &children_values(c, ys, u)))
}

fn weights_down(tree: &IndicatorTree, top: NodeId, mut share: impl FnMut(&Composite, NodeId) -> Vec<f64>) -> Vec<f64> {
    let mut ew = vec![0.0; tree.nodes.len()];
    ew[top] = 1.0;
    for &n in tree.order.iter().rev() {
        let Some(c) = tree.nodes[n].composite() else { continue };
        if ew[n] == 0.0 {
            continue;
        }
        for (&(k, _), a) in c.children.iter().zip(share(c, n)) {
            ew[k] += ew[n] * a;
        }
    }
    ew
}

/// Each child's factor aᵢ in the year's value (0 for a child left out).
fn factors(c: &Composite, xs: &[Option<f64>]) -> Vec<f64> {
    let total: f64 = c.children.iter().map(|(_, w)| w).sum();
    let used: f64 = c.children.iter().zip(xs).filter(|(_, x)| counted(c, **x)).map(|((_, w), _)| w).sum();
    c.children
        .iter()
        .zip(xs)
        .map(|((_, w), x)| match (counted(c, *x), c.aggregate) {
            (false, _) => 0.0,
            (true, Aggregate::Sum) => w * total / used,
            (true, _) => w / used,
        })
        .collect()
}

fn counted(c: &Composite, x: Option<f64>) -> bool {
    x.is_some() || c.missing == Missing::Zero
}

fn children_values(c: &Composite, ys: &YearScores, u: usize) -> Vec<Option<f64>> {
    c.children.iter().map(|&(k, _)| ys.score(k, u)).collect()
}

/// The part of the score of unit `u` each node accounts for: the root's score passed down,
/// at each composite in proportion to aᵢxᵢ with the weights actually used.
#[must_use]
pub fn level(tree: &IndicatorTree, ys: &YearScores, u: usize) -> Option<Vec<f64>> {
    let mut share = vec![0.0; tree.nodes.len()];
    share[tree.root] = ys.score(tree.root, u)?;
    for &n in tree.order.iter().rev() {
        let NodeKind::Composite(c) = &tree.nodes[n].kind else { continue };
        if share[n] == 0.0 {
            continue;
        }
        let xs = children_values(c, ys, u);
        let a = factors(c, &xs);
        let parts: Vec<f64> = xs.iter().zip(&a).map(|(x, a)| a * x.unwrap_or(0.0)).collect();
        let sum: f64 = parts.iter().sum();
        // All children at 0: by weight, so the zero score is still passed to someone.
        let (parts, sum) = if sum.abs() > 1e-300 { (parts, sum) } else { (a.clone(), a.iter().sum()) };
        if sum.abs() <= 1e-300 {
            continue;
        }
        for (&(k, _), p) in c.children.iter().zip(parts) {
            share[k] += share[n] * p / sum;
        }
    }
    Some(share)
}

/// How a child's share of its parent's change is held.
enum Part {
    /// Counted and valued in both years: share = multiplier × the child's own change.
    Times(f64),
    /// Appeared, disappeared (or counted as 0 in one year): a share of its own.
    Own(f64),
}

/// The logarithmic mean L(a, b) = (a − b)/(ln a − ln b), L(a, a) = a.
fn log_mean(a: f64, b: f64) -> f64 {
    if a == b { a } else { (a - b) / (a / b).ln() }
}

/// The exact split of one composite's change among its children (see the module doc).
fn split(c: &Composite, f0: f64, f1: f64, x0: &[Option<f64>], x1: &[Option<f64>]) -> Vec<Option<Part>> {
    let g = |x: f64| match c.aggregate {
        Aggregate::Mean | Aggregate::Sum => x,
        Aggregate::Geometric => x.ln(),
        Aggregate::Harmonic => 1.0 / x,
    };
    // Δg(x)/Δx, computed without the difference of two close numbers.
    let slope = |a: f64, b: f64| match c.aggregate {
        Aggregate::Mean | Aggregate::Sum => 1.0,
        Aggregate::Geometric => 1.0 / log_mean(a, b),
        Aggregate::Harmonic => -1.0 / (a * b),
    };
    let total: f64 = c.children.iter().map(|(_, w)| w).sum();
    let k = match c.aggregate {
        Aggregate::Mean => 1.0,
        Aggregate::Sum => total,
        Aggregate::Geometric => log_mean(f1, f0),
        Aggregate::Harmonic => -f0 * f1,
    };
    let v = |x: Option<f64>| x.unwrap_or(0.0);
    let weight =
        |pred: &dyn Fn(usize) -> bool| -> f64 { (0..x0.len()).filter(|&i| pred(i)).map(|i| c.children[i].1).sum() };
    let (in0, in1) = (|i: usize| counted(c, x0[i]), |i: usize| counted(c, x1[i]));
    let (w0, w1, wb) = (weight(&in0), weight(&in1), weight(&|i| in0(i) && in1(i)));
    let mean_b = |xs: &[Option<f64>]| {
        if wb > 0.0 {
            (0..xs.len()).filter(|&i| in0(i) && in1(i)).map(|i| c.children[i].1 * g(v(xs[i]))).sum::<f64>() / wb
        } else {
            0.0
        }
    };
    let (gb0, gb1) = (mean_b(x0), mean_b(x1));
    (0..x0.len())
        .map(|i| {
            let w = c.children[i].1;
            match (in0(i), in1(i), x0[i], x1[i]) {
                (true, true, Some(a), Some(b)) => Some(Part::Times(k * w / wb * slope(b, a))),
                (true, true, None, None) => None,
                (true, true, a, b) => Some(Part::Own(k * w / wb * (g(v(b)) - g(v(a))))),
                (false, true, _, b) => Some(Part::Own(k * w / w1 * (g(v(b)) - gb1))),
                (true, false, a, _) => Some(Part::Own(-k * w / w0 * (g(v(a)) - gb0))),
                (false, false, _, _) => None,
            }
        })
        .collect()
}

/// The change in the index of a unit (`u` now, `p` then) split down the graph: per node, its
/// line in the decomposition — an indicator valued in both years (multiplier × its change),
/// or any node reached that has a value in one year only. The lines sum to the index change.
#[must_use]
pub fn change(
    tree: &IndicatorTree,
    now: &YearScores,
    u: usize,
    then: &YearScores,
    p: usize,
) -> Option<Vec<Option<f64>>> {
    let root = tree.root;
    now.score(root, u)?;
    then.score(root, p)?;
    let mut times = vec![0.0; tree.nodes.len()];
    let mut lines: Vec<Option<f64>> = vec![None; tree.nodes.len()];
    times[root] = 1.0;
    for &n in tree.order.iter().rev() {
        let NodeKind::Composite(c) = &tree.nodes[n].kind else { continue };
        let (Some(f1), Some(f0)) = (now.score(n, u), then.score(n, p)) else { continue };
        if times[n] == 0.0 {
            continue;
        }
        let (x1, x0) = (children_values(c, now, u), children_values(c, then, p));
        for (&(k, _), part) in c.children.iter().zip(split(c, f0, f1, &x0, &x1)) {
            match part {
                Some(Part::Times(m)) => times[k] += times[n] * m,
                Some(Part::Own(s)) => *lines[k].get_or_insert(0.0) += times[n] * s,
                None => {}
            }
        }
    }
    for (node, line) in lines.iter_mut().enumerate() {
        if tree.nodes[node].indicator().is_some()
            && let (Some(a), Some(b)) = (now.score(node, u), then.score(node, p))
        {
            *line = Some(times[node] * (a - b));
        }
    }
    Some(lines)
}
