//! Ranks: `Rank { pos, of }`, shown as `25/63`. The tie policy lives here and only here:
//! competition (1, 2, 2, 4; the official DTI and COINr's default) or dense (1, 2, 2, 3), on
//! unrounded scores unless the spec sets `rank_decimals`, in which case scores equal when
//! rounded to that many decimals share a rank (the published DTI ranks 4-decimal values).
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

/// The comparison key of a score: the score itself, or its rounding to `decimals`.
fn key(x: f64, decimals: Option<u32>) -> f64 {
    match decimals {
        // Rounding half away from zero at the decimal point, as a printed value shows it.
        Some(d) => {
            let p = 10f64.powi(d as i32);
            (x * p).round() / p
        }
        None => x,
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
    let mut order: Vec<(f64, usize)> =
        scores.iter().enumerate().filter_map(|(i, s)| s.map(|x| (key(x, decimals), i))).collect();
    order.sort_by(|a, b| b.0.total_cmp(&a.0));
    let of = order.len() as u32;
    let mut out = vec![None; scores.len()];
    let mut pos = 0;
    let mut distinct = 0;
    for (n, &(k, i)) in order.iter().enumerate() {
        if n == 0 || k != order[n - 1].0 {
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
    fn display_is_k_of_n() {
        assert_eq!(Rank { pos: 25, of: 63 }.to_string(), "25/63");
    }
}
