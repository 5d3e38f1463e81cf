//! Aggregation: each composite's score from its children's, in children-before-parents order,
//! with the composite's missing-data policy and minimum coverage.

use crate::error::{Diagnostic, Place};
use crate::model::Year;
use crate::model::tree::{Aggregate, Composite, IndicatorTree, Missing, NodeId};
use std::ops::Range;

mod sums;

/// The normalised indicators of one year, computed where they are read.
pub trait Leaves {
    /// Makes indicator `node` ready (its statistics), reporting its problems once.
    fn prepare(&mut self, node: NodeId, diags: &mut Vec<Diagnostic>);
    /// `prepare` for each of `nodes` in turn, each one's problems apart; with `two_threads`
    /// on both cores.
    fn prepare_all(&mut self, nodes: &[NodeId], two_threads: bool) -> Vec<Vec<Diagnostic>>;
    /// The normalised values of indicator `node` for the units at positions `units`, in
    /// `out`, once prepared.
    fn column(&self, node: NodeId, units: Range<usize>, out: &mut Vec<Option<f64>>);
}

/// A value as `composites` writes it (NaN for none) as the `Option` everything else reads.
pub(super) fn value_of(x: f64) -> Option<f64> {
    (!x.is_nan()).then_some(x)
}

/// Units per block: the running sums and a leaf's normalised values are held for one block
/// only, so scoring takes no more memory per unit than the composites themselves. 128 units
/// keep a block's sums (5 × 1 KB) and the rows its leaves are read from (128 cache lines, which
/// neighbouring indicators share) in the first-level cache: with 1,024 a whole ranking of 1 M
/// cells took 8.5 M first-level misses in cachegrind, with 128 6.6 M.
const BLOCK: usize = 128;

/// Fills `values[node]` for every composite of the tree, for every unit of one year: NaN
/// where a unit has no value (a value is never NaN: one that is not finite is an error and no
/// value). Plain `f64`s, not `Option`s, because this is written while the year's raw values
/// are still held: at commune scale it is the peak of a ranking's memory.
///
/// Indicators are normalised where a parent reads them (`leaves`), never held as columns
/// unless `keep_leaves` (then `values[indicator]` is filled too): at commune scale the
/// normalised indicators of a year would be the largest thing scoring holds, and ranking needs
/// none of them. With `two_threads` a large year is scored in two halves of its units, one on
/// each core: a unit's composites depend on its own values alone, so the values are the same.
#[allow(clippy::too_many_arguments)]
pub fn composites(
    tree: &IndicatorTree,
    values: &mut [Vec<f64>],
    units: &[&str],
    year: Year,
    diags: &mut Vec<Diagnostic>,
    leaves: &mut (dyn Leaves + Sync),
    keep_leaves: bool,
    two_threads: bool,
) {
    let is_leaf = |k: NodeId| tree.nodes[k].indicator().is_some();
    let order: Vec<(NodeId, &Composite)> =
        tree.order.iter().filter_map(|&n| tree.nodes[n].composite().map(|c| (n, c))).collect();
    let n = units.len();
    // A second thread pays off from about 100,000 cells.
    let cells = n * tree.nodes.iter().filter(|n| n.indicator().is_some()).count();
    let two_threads = two_threads && cells >= 100_000;
    // Every statistic first; each composite's warnings go where they always went, before its
    // units' problems.
    let read: Vec<(usize, NodeId)> = order
        .iter()
        .enumerate()
        .flat_map(|(i, (_, c))| c.children.iter().filter(|(k, _)| is_leaf(*k)).map(move |&(k, _)| (i, k)))
        .collect();
    let mut prepared: Vec<Vec<Diagnostic>> = order.iter().map(|_| Vec::new()).collect();
    let leaf_ids: Vec<NodeId> = read.iter().map(|&(_, k)| k).collect();
    for (&(i, _), found) in read.iter().zip(leaves.prepare_all(&leaf_ids, two_threads)) {
        prepared[i].extend(found);
    }
    for &(node, _) in &order {
        values[node] = vec![f64::NAN; n];
    }
    let mid = if two_threads { (n / 2).next_multiple_of(BLOCK).min(n) } else { n };
    let (low, high): (Vec<_>, Vec<_>) = values
        .iter_mut()
        .map(|v| {
            let at = mid.min(v.len());
            v.split_at_mut(at)
        })
        .unzip();
    let part = Part { tree, order: &order, units, year, leaves: &*leaves };
    let (first, second) = if mid < n {
        std::thread::scope(|s| {
            let other = s.spawn(|| part.run(mid..n, high));
            let first = part.run(0..mid, low);
            (first, other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        })
    } else {
        (part.run(0..n, low), Vec::new())
    };
    let mut second = second.into_iter();
    for (prepared, first) in prepared.into_iter().zip(first) {
        diags.extend(prepared);
        diags.extend(first);
        diags.extend(second.next().unwrap_or_default());
    }
    if keep_leaves {
        let mut leaf = Vec::with_capacity(n);
        for (k, column) in values.iter_mut().enumerate().filter(|(k, _)| is_leaf(*k)) {
            leaves.prepare(k, diags);
            leaves.column(k, 0..n, &mut leaf);
            *column = leaf.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        }
    }
}

/// What scoring a run of units reads.
struct Part<'a> {
    tree: &'a IndicatorTree,
    order: &'a [(NodeId, &'a Composite)],
    units: &'a [&'a str],
    year: Year,
    leaves: &'a (dyn Leaves + Sync),
}

impl Part<'_> {
    /// Fills the composites of the units at positions `range`, whose values (one slice per
    /// node) `cols` holds; each composite's problems, in `order`.
    fn run(&self, range: Range<usize>, mut cols: Vec<&mut [f64]>) -> Vec<Vec<Diagnostic>> {
        let mut found: Vec<Vec<Diagnostic>> = self.order.iter().map(|_| Vec::new()).collect();
        let mut sums = sums::Sums::default();
        let mut leaf = Vec::with_capacity(BLOCK);
        for start in range.clone().step_by(BLOCK) {
            let block = start..range.end.min(start + BLOCK);
            let at = block.start - range.start..block.end - range.start;
            for (&(node, c), found) in self.order.iter().zip(&mut found) {
                sums.start(c, block.len());
                for (j, &(k, w)) in c.children.iter().enumerate() {
                    if self.tree.nodes[k].indicator().is_some() {
                        self.leaves.column(k, block.clone(), &mut leaf);
                    } else {
                        leaf.clear();
                        leaf.extend(cols[k][at.clone()].iter().copied().map(value_of));
                    }
                    sums.add(c, j, w, &leaf);
                }
                for (i, slot) in cols[node][at.clone()].iter_mut().enumerate() {
                    let v = self.value(node, c, sums.value(c, i), self.units[block.start + i], found);
                    *slot = v.unwrap_or(f64::NAN);
                }
            }
        }
        found
    }

    /// A composite's value for a unit, or the problem said and none.
    fn value(
        &self,
        node: NodeId,
        c: &Composite,
        v: Result<Option<f64>, Problem>,
        unit: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<f64> {
        let (tree, year) = (self.tree, self.year);
        match v {
            Ok(Some(v)) if !v.is_finite() => {
                let id = &tree.nodes[node].id;
                diags.push(
                    Diagnostic::error(format!("the value of `{id}` overflowed"))
                        .at(Place::UnitYear { unit: unit.to_string(), year })
                        .help("the values are too extreme to compute with (around 1e308); check the data"),
                );
                None
            }
            Ok(v) => v,
            Err(Problem { child, what }) => {
                let child = &tree.nodes[c.children[child].0].id;
                let id = &tree.nodes[node].id;
                diags.push(Diagnostic::error(format!("cannot compute `{id}`: {what} `{child}`")).at(Place::UnitYear { unit: unit.to_string(), year }).help(match what {
                    Failure::Missing => "fill in the value, or set missing = \"reweight\" (or \"zero\") on the node or in [index]",
                    // The spec check rules out every normalised child that can be ≤ 0; what
                    // is left is a raw value (normalize = "none") or a composite over one.
                    Failure::NotPositive => "a geometric or harmonic mean needs values above 0, and this value is raw (normalize = \"none\") or comes from one: normalise it, e.g. normalize = \"minmax\" with range = [1, 100], or use aggregate = \"mean\"",
                }));
                None
            }
        }
    }
}

/// Why a composite has no value for a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    Missing,
    NotPositive,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Failure::Missing => "missing = \"error\" and no value for",
            Failure::NotPositive => "a value ≤ 0 in a geometric or harmonic mean, from",
        })
    }
}

/// A failure and the position of the child that caused it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Problem {
    pub child: usize,
    pub what: Failure,
}

/// One composite value from `(child value, weight)` pairs.
///
/// # Errors
/// The first child that the policy or the aggregation cannot accept.
pub fn combine(c: &Composite, children: &[(Option<f64>, f64)]) -> Result<Option<f64>, Problem> {
    let total: f64 = children.iter().map(|(_, w)| w).sum();
    let present: f64 = children.iter().filter(|(v, _)| v.is_some()).map(|(_, w)| w).sum();
    if let Some(i) = children.iter().position(|(v, _)| v.is_none())
        && c.missing == Missing::Error
    {
        return Err(Problem { child: i, what: Failure::Missing });
    }
    if present == 0.0 || present / total < c.min_coverage {
        return Ok(None);
    }
    let missing = c.missing;
    // Children that enter the value, as (value, weight); iterated, never collected.
    let used = || {
        children.iter().filter_map(move |&(v, w)| match (v, missing) {
            (Some(x), _) => Some((x, w)),
            (None, Missing::Zero) => Some((0.0, w)),
            (None, _) => None,
        })
    };
    let weight: f64 = used().map(|(_, w)| w).sum();
    if matches!(c.aggregate, Aggregate::Geometric | Aggregate::Harmonic)
        && let Some(i) = children.iter().position(|(v, _)| v.is_some_and(|x| x <= 0.0))
    {
        return Err(Problem { child: i, what: Failure::NotPositive });
    }
    let v = match c.aggregate {
        Aggregate::Mean => used().map(|(x, w)| w * x).sum::<f64>() / weight,
        Aggregate::Geometric => (used().map(|(x, w)| w * x.ln()).sum::<f64>() / weight).exp(),
        Aggregate::Harmonic => weight / used().map(|(x, w)| w / x).sum::<f64>(),
        // Points: a dropped child's points are made up pro rata, so totals stay comparable.
        Aggregate::Sum => used().map(|(x, w)| w * x).sum::<f64>() * (total / weight),
    };
    Ok(Some(v))
}

#[cfg(test)]
mod tests;
