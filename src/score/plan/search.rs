//! The two searches of a plan: which indicators (the fewest whose full gains cover the gap,
//! the steepest among them) and how far the last one goes (the least value on its column's
//! grid that the ranking accepts). Pure; the ranking is asked through `meets`.

use super::Candidate;
use crate::error::Diagnostics;

/// Positions in `cands` (steepest first) of the fewest whose full gains cover `need`, taking
/// the steepest that still leave a way to cover it with that many.
pub(super) fn choose(cands: &[Candidate], need: f64) -> Vec<usize> {
    let top = |from: usize, n: usize| {
        let mut g: Vec<f64> = cands[from.min(cands.len())..].iter().map(|c| c.full).collect();
        g.sort_by(|a, b| b.total_cmp(a));
        g.iter().take(n).sum::<f64>()
    };
    let m = (1..=cands.len()).find(|&m| top(0, m) >= need).unwrap_or(cands.len());
    let (mut chosen, mut sum) = (Vec::new(), 0.0);
    for (i, c) in cands.iter().enumerate() {
        if chosen.len() == m {
            break;
        }
        let left = m - chosen.len() - 1;
        if sum + c.full + top(i + 1, left) >= need || cands.len() - i == m - chosen.len() {
            chosen.push(i);
            sum += c.full;
        }
    }
    chosen
}

/// The least move of a candidate from its value towards its best, on the grid of its
/// decimals (its best if nothing short of it will do), that `meets` accepts; `meets(best)`
/// holds. `guess`: where on the way (0–1) the answer probably is; it saves evaluations, and
/// never changes the answer.
pub(super) fn least_value(
    c: &Candidate,
    guess: f64,
    meets: &mut dyn FnMut(f64) -> Result<bool, Diagnostics>,
) -> Result<f64, Diagnostics> {
    let p = 10f64.powi(c.decimals as i32);
    let up = c.best > c.from;
    let base = if up { (c.from * p).floor() } else { (c.from * p).ceil() };
    let far = if up { (c.best * p).ceil() - base } else { base - (c.best * p).floor() };
    let n = far.max(1.0);
    let value = |i: f64| {
        if i >= n {
            return c.best;
        }
        // (base ± i) / 10ᵈ is the double a decimal of d places parses to.
        if up { ((base + i) / p).min(c.best) } else { ((base - i) / p).max(c.best) }
    };
    // Invariant: `lo` fails (0: the value as it is), `hi` is accepted.
    let (mut lo, mut hi) = (0.0, n);
    let g = (guess * n).ceil().clamp(1.0, n);
    for i in [g, g - 1.0, g + 1.0] {
        if i > lo && i < hi {
            if meets(value(i))? { hi = i } else { lo = i }
        }
    }
    while hi - lo > 1.0 {
        let mid = ((lo + hi) / 2.0).floor();
        if meets(value(mid))? { hi = mid } else { lo = mid }
    }
    Ok(value(hi))
}
