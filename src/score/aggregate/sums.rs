//! `combine` a column at a time: per-unit running sums of one composite's children over a run
//! of units, added one child (its values for those units) at a time, in child order. Each sum takes the same
//! additions in the same order as `combine`'s per-unit sums, so every value comes out with the
//! same bits, without gathering each unit's children first (that gathering, a call per child
//! and unit, was most of scoring). Owns no policy of its own: `combine` is the reference, and
//! the tests hold the two together.

use super::{Failure, Problem};
use crate::model::tree::{Aggregate, Composite, Missing};

/// No child yet.
const NONE: u32 = u32::MAX;

/// The running sums of one composite over a run of units.
#[derive(Debug, Default)]
pub struct Sums {
    /// `Σ w` over all children: the same for every unit.
    total: f64,
    /// Per unit: `Σ w` over present children, over used ones, and `Σ` of the aggregate's terms.
    present: Vec<f64>,
    weight: Vec<f64>,
    terms: Vec<f64>,
    /// Per unit: the first child with no value, and the first with a value ≤ 0.
    missing: Vec<u32>,
    not_positive: Vec<u32>,
}

impl Sums {
    /// Starts the sums of `c` over `n` units.
    pub fn start(&mut self, c: &Composite, n: usize) {
        // `Sum for f64` starts from its own zero (-0.0 today); the sums here must too.
        let zero: f64 = std::iter::empty::<f64>().sum();
        self.total = c.children.iter().map(|(_, w)| w).sum();
        for v in [&mut self.present, &mut self.weight, &mut self.terms] {
            v.clear();
            v.resize(n, zero);
        }
        for v in [&mut self.missing, &mut self.not_positive] {
            v.clear();
            v.resize(n, NONE);
        }
    }

    /// Adds the `j`-th child of `c`, weight `w`, from its values `col` (one per unit).
    pub fn add(&mut self, c: &Composite, j: usize, w: f64, col: &[Option<f64>]) {
        // One loop per aggregation, so the term is not chosen per value.
        match c.aggregate {
            Aggregate::Mean | Aggregate::Sum => self.add_terms(c.missing, j, w, col, |x| w * x),
            Aggregate::Geometric => self.add_terms(c.missing, j, w, col, |x| w * x.ln()),
            Aggregate::Harmonic => self.add_terms(c.missing, j, w, col, |x| w / x),
        }
    }

    #[inline(always)]
    fn add_terms(&mut self, missing: Missing, j: usize, w: f64, col: &[Option<f64>], term: impl Fn(f64) -> f64) {
        let j = j as u32;
        // Each sum cut to the column's length first, so indexing needs no bounds check.
        let n = col.len();
        let (present, weight, terms) = (&mut self.present[..n], &mut self.weight[..n], &mut self.terms[..n]);
        let (missing_at, not_positive) = (&mut self.missing[..n], &mut self.not_positive[..n]);
        for (u, &v) in col.iter().enumerate() {
            let used = match (v, missing) {
                (Some(x), _) => {
                    present[u] += w;
                    if x <= 0.0 && not_positive[u] == NONE {
                        not_positive[u] = j;
                    }
                    Some(x)
                }
                (None, m) => {
                    if missing_at[u] == NONE {
                        missing_at[u] = j;
                    }
                    (m == Missing::Zero).then_some(0.0)
                }
            };
            if let Some(x) = used {
                weight[u] += w;
                terms[u] += term(x);
            }
        }
    }

    /// The `u`-th unit's value, once every child is added: what `combine` gives.
    ///
    /// # Errors
    /// As `combine`.
    pub fn value(&self, c: &Composite, u: usize) -> Result<Option<f64>, Problem> {
        if self.missing[u] != NONE && c.missing == Missing::Error {
            return Err(Problem { child: self.missing[u] as usize, what: Failure::Missing });
        }
        let (present, weight, terms, total) = (self.present[u], self.weight[u], self.terms[u], self.total);
        if present == 0.0 || present / total < c.min_coverage {
            return Ok(None);
        }
        if matches!(c.aggregate, Aggregate::Geometric | Aggregate::Harmonic) && self.not_positive[u] != NONE {
            return Err(Problem { child: self.not_positive[u] as usize, what: Failure::NotPositive });
        }
        Ok(Some(match c.aggregate {
            Aggregate::Mean => terms / weight,
            Aggregate::Geometric => (terms / weight).exp(),
            Aggregate::Harmonic => weight / terms,
            Aggregate::Sum => terms * (total / weight),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::super::combine;
    use super::*;

    #[test]
    fn same_bits_as_combine() {
        // A xorshift stream of children: missing, zero, negative, tiny and ordinary values,
        // every aggregation, policy and a few coverages.
        let mut s = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let aggs = [Aggregate::Mean, Aggregate::Geometric, Aggregate::Harmonic, Aggregate::Sum];
        let policies = [Missing::Reweight, Missing::Zero, Missing::Error];
        for round in 0..400 {
            let width = 1 + round % 7;
            let weights: Vec<f64> = (0..width).map(|_| (next() % 1000) as f64 / 7.0 + 0.1).collect();
            let units = 50;
            let cols: Vec<Vec<Option<f64>>> = (0..width)
                .map(|_| {
                    (0..units)
                        .map(|_| match next() % 10 {
                            0 => None,
                            1 => Some(0.0),
                            2 => Some(-((next() % 100) as f64)),
                            3 => Some(f64::from_bits(next() % (1 << 52))),
                            _ => Some((next() >> 11) as f64 / (1u64 << 53) as f64 * 100.0),
                        })
                        .collect()
                })
                .collect();
            for aggregate in aggs {
                for missing in policies {
                    let min_coverage = [0.0, 0.5, 0.9][round % 3];
                    let children = weights.iter().enumerate().map(|(k, &w)| (k, w)).collect();
                    let c = Composite { aggregate, children, missing, min_coverage };
                    let mut sums = Sums::default();
                    sums.start(&c, units);
                    for (j, col) in cols.iter().enumerate() {
                        sums.add(&c, j, weights[j], col);
                    }
                    for u in 0..units {
                        let kids: Vec<(Option<f64>, f64)> =
                            cols.iter().zip(&weights).map(|(col, &w)| (col[u], w)).collect();
                        let want = combine(&c, &kids).map(|v| v.map(f64::to_bits));
                        assert_eq!(sums.value(&c, u).map(|v| v.map(f64::to_bits)), want, "{kids:?} {c:?}");
                    }
                }
            }
        }
    }
}
