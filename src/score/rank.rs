//! Ranks: `Rank { pos, of }`, shown as `25/63`. The tie policy lives here and only here:
//! competition (1, 2, 2, 4; the official DTI and COINr's default) or dense (1, 2, 2, 3), on
//! unrounded scores unless the spec sets `rank_decimals`, in which case scores equal when
//! rounded to that many decimals share a rank (the published DTI ranks 4-decimal values).
//! `published` is the one rounding rule: ranks, changes and printed scores all follow it.
//! A missing score has no rank and does not count in `of`.

use crate::model::tree::Ties;
use std::fmt;

/// A position among `of` ranked units; 1 is best.
///
/// ```
/// use dti::score::Rank;
/// assert_eq!(Rank { pos: 25, of: 63 }.to_string(), "25/63");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    pub pos: u32,
    pub of: u32,
}

impl fmt::Display for Rank {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.pos, self.of)
    }
}

/// The comparison key of a score: the score itself, or its published rounding to `decimals`.
fn key(x: f64, decimals: Option<u32>) -> f64 {
    decimals.map_or(x, |d| published(x, d))
}

/// A score as published to `decimals` places: the value its printed form reads, so that sums
/// and differences of published values are what a reader computes from the page.
#[must_use]
pub fn published(x: f64, decimals: u32) -> f64 {
    let p = 10f64.powi(decimals as i32);
    let y = x * p;
    // Away from a tie, x·p rounds to the same integer as x does at the decimal point, and
    // n/p is the double nearest n·10⁻ᵈ, which is what printing and parsing give; near a tie
    // (or when x·p is too large for that) printing decides, correctly rounded from the exact
    // binary value, as every renderer shows it.
    if ((y - y.trunc()).abs() - 0.5).abs() > 1e-6 && y.abs() < 1e12 {
        return y.round() / p;
    }
    let d = decimals as usize;
    // Parsing a printed finite number cannot fail; the fallback keeps a non-finite value.
    format!("{x:.d$}").parse().unwrap_or(x)
}

/// The change from `then` to `now` as the ministry publishes it: the difference of the two
/// published scores (itself exact to `decimals` places).
///
/// ```
/// use dti::score::rank::published_change;
/// // Bình Phước, bundled sample: 0.8255568… and 0.6835385… are published as 0.8256 and
/// // 0.6835; their unrounded difference 0.14202 would print as 0.1420.
/// assert_eq!(published_change(0.825_556_8, 0.683_538_5, 4), 0.1421);
/// ```
#[must_use]
pub fn published_change(now: f64, then: f64, decimals: u32) -> f64 {
    published(published(now, decimals) - published(then, decimals), decimals)
}

/// `x` as an integer that orders as `f64::total_cmp` does.
fn ordered(x: f64) -> u64 {
    let bits = x.to_bits();
    // Negative values count down below the sign bit; positive ones sit above it.
    if bits >> 63 == 1 { !bits } else { bits | 1 << 63 }
}

/// The inverse of `ordered`.
fn unordered(o: u64) -> f64 {
    f64::from_bits(if o >> 63 == 1 { o & !(1 << 63) } else { !o })
}

/// Sorts `(key, index)` pairs by key, equal keys in the order given: as `sort_unstable` does
/// when the indices ascend. A digit at a time from the lowest, skipping the digits every key
/// shares (scores in one range share their sign and most of their exponent): a quarter fewer
/// instructions for ranking 10,000 units than `sort_unstable`.
fn radix_sort(v: &mut Vec<(u64, usize)>) {
    // 11-bit digits: six passes at most, and the counts stay in cache.
    const BITS: usize = 11;
    const DIGITS: usize = 64usize.div_ceil(BITS);
    const MASK: u64 = (1 << BITS) - 1;
    if v.len() < 1 << BITS {
        v.sort_unstable();
        return;
    }
    let mut counts = vec![[0u32; 1 << BITS]; DIGITS];
    for &(k, _) in v.iter() {
        for (d, c) in counts.iter_mut().enumerate() {
            c[(k >> (BITS * d) & MASK) as usize] += 1;
        }
    }
    let mut other = vec![(0, 0); v.len()];
    for (d, c) in counts.iter_mut().enumerate() {
        if c.contains(&(v.len() as u32)) {
            continue;
        }
        let mut at = 0;
        for n in c.iter_mut() {
            (*n, at) = (at, at + *n);
        }
        for &(k, i) in v.iter() {
            let digit = (k >> (BITS * d) & MASK) as usize;
            other[c[digit] as usize] = (k, i);
            c[digit] += 1;
        }
        std::mem::swap(v, &mut other);
    }
}

/// Ranks scores, higher first.
///
/// ```
/// use dti::model::tree::Ties;
/// use dti::score::rank::rank;
/// let r = rank(&[Some(0.9), Some(0.7), Some(0.7), None, Some(0.1)], Ties::Competition, None);
/// let pos: Vec<_> = r.iter().map(|k| k.map(|k| k.pos)).collect();
/// assert_eq!(pos, [Some(1), Some(2), Some(2), None, Some(4)]);
/// assert_eq!(r[4].unwrap().of, 4);
/// ```
#[must_use]
pub fn rank(scores: &[Option<f64>], ties: Ties, decimals: Option<u32>) -> Vec<Option<Rank>> {
    // Higher first, in `total_cmp`'s order, as integers: the order among equal keys cannot
    // show (they share a rank), and sorting integers is cheaper; sorting was most of ranking.
    let mut order: Vec<(u64, usize)> =
        scores.iter().enumerate().filter_map(|(i, s)| s.map(|x| (!ordered(key(x, decimals)), i))).collect();
    radix_sort(&mut order);
    let of = order.len() as u32;
    let mut out = vec![None; scores.len()];
    let mut pos = 0;
    let mut distinct = 0;
    let mut last = f64::NAN;
    for (n, &(o, i)) in order.iter().enumerate() {
        // Compared as numbers, not bits: -0 and 0 are one score.
        let k = unordered(!o);
        let new = n == 0 || k != last;
        last = k;
        if new {
            distinct += 1;
            pos = n as u32 + 1;
        }
        let p = match ties {
            Ties::Competition => pos,
            Ties::Dense => distinct,
        };
        out[i] = Some(Rank { pos: p, of });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(v: &[Option<Rank>]) -> Vec<Option<u32>> {
        v.iter().map(|r| r.map(|r| r.pos)).collect()
    }

    #[test]
    fn competition_and_dense() {
        let s = [Some(0.9), Some(0.5), Some(0.7), Some(0.7), None, Some(0.1)];
        assert_eq!(pos(&rank(&s, Ties::Competition, None)), vec![Some(1), Some(4), Some(2), Some(2), None, Some(5)]);
        assert_eq!(pos(&rank(&s, Ties::Dense, None)), vec![Some(1), Some(3), Some(2), Some(2), None, Some(4)]);
        assert_eq!(rank(&s, Ties::Competition, None)[0], Some(Rank { pos: 1, of: 5 }));
    }

    #[test]
    fn rounding_makes_ties_the_published_way() {
        // Thanh Hóa and Vĩnh Phúc, 2021: both 0.4880 as published, 12th; the next is 14th.
        let s = [Some(0.48804), Some(0.48797), Some(0.4843), Some(0.4885)];
        assert_eq!(pos(&rank(&s, Ties::Competition, Some(4))), vec![Some(2), Some(2), Some(4), Some(1)]);
        assert_eq!(pos(&rank(&s, Ties::Competition, None)), vec![Some(2), Some(3), Some(4), Some(1)]);
    }

    #[test]
    fn published_reads_as_printed() {
        // Exact binary ties go to even, as printing does: 0.03125 → 0.0312, 0.96875 → 0.9688.
        assert_eq!(published(0.031_25, 4), 0.0312);
        assert_eq!(published(0.968_75, 4), 0.9688);
        // 0.70905 is stored just below the tie (0.7090499…), so it prints and publishes as
        // 0.7090, though 0.70905 × 10⁴ computes to 7090.5 and would round up.
        assert_eq!(published(0.709_05, 4), 0.709);
        // Every 5-decimal value, and its neighbours, agree with their printed text.
        for i in 0..200_000 {
            let x = f64::from(i) / 1e5 - 1.0;
            for y in [x, x.next_up(), x.next_down()] {
                let printed: f64 = format!("{y:.4}").parse().unwrap();
                assert_eq!(published(y, 4).to_bits(), printed.to_bits(), "{y:e}");
            }
        }
    }

    #[test]
    fn integer_keys_order_as_total_cmp() {
        let xs = [f64::NEG_INFINITY, -1e300, -2.5, -1e-300, -0.0, 0.0, 1e-300, 0.5, 2.5, 1e300, f64::INFINITY];
        for w in xs.windows(2) {
            assert!(ordered(w[0]) < ordered(w[1]), "{} {}", w[0], w[1]);
        }
        for x in xs {
            assert_eq!(unordered(ordered(x)).to_bits(), x.to_bits());
        }
    }

    #[test]
    fn radix_sort_is_sort_unstable_on_ascending_indices() {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for n in [0, 1, 2047, 2048, 3000, 9000] {
            let v: Vec<(u64, usize)> = (0..n)
                .map(|i| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Few distinct keys in some, shared high bytes in all.
                    (if n == 3000 { x % 7 } else { 0xBFF0_0000_0000_0000 | x >> 20 }, i)
                })
                .collect();
            let (mut a, mut b) = (v.clone(), v);
            radix_sort(&mut a);
            b.sort_unstable();
            assert_eq!(a, b);
        }
    }

    #[test]
    fn zeros_of_both_signs_share_a_rank() {
        let s = [Some(0.0), Some(-0.0), Some(-1.0), Some(1.0)];
        assert_eq!(pos(&rank(&s, Ties::Competition, None)), vec![Some(2), Some(2), Some(4), Some(1)]);
        assert_eq!(pos(&rank(&s, Ties::Dense, None)), vec![Some(2), Some(2), Some(3), Some(1)]);
    }

    #[test]
    fn display_is_k_of_n() {
        assert_eq!(Rank { pos: 25, of: 63 }.to_string(), "25/63");
    }
}
