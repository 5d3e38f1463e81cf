//! How far an indicator can move: its best value (never past what the indicator allows: a
//! goalpost's target, a `max`, a `bool`'s yes, a band's top, fixed bounds; for a method scored
//! against the other units, the plausible range, 100 for a share, else the best unit's value),
//! the scale headroom is measured on, and the decimals its values are written with.

use crate::model::tree::{Bounds, Direction, Indicator, Normalize};

/// `(best, worst)` raw values of an indicator: the best it may be raised (or lowered) to, and
/// the value that scores nothing, for measuring headroom. `column`: the year's raw values.
#[must_use]
pub fn best_and_worst(ind: &Indicator, column: &[f64]) -> (f64, f64) {
    let (best, worst) = by_method(ind, column);
    // Never past what the value can be: its plausible range, a share's 0–100.
    let share = ind.unit.as_deref().is_some_and(|u| u.trim() == "%");
    match ind.plausible.or(share.then_some((0.0, 100.0))) {
        Some((lo, hi)) if lo <= hi => (best.clamp(lo, hi), worst),
        _ => (best, worst),
    }
}

fn by_method(ind: &Indicator, column: &[f64]) -> (f64, f64) {
    let higher = ind.direction == Direction::Higher;
    let (lo, hi) = (
        column.iter().copied().fold(f64::INFINITY, f64::min),
        column.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let pick = |good: f64, bad: f64| if higher { (good, bad) } else { (bad, good) };
    match &ind.normalize {
        Normalize::Goalpost(w, t) => (*t, *w),
        Normalize::Max(m) => pick(*m, 0.0),
        Normalize::Bool => pick(1.0, 0.0),
        Normalize::Bands(bands) => {
            // The first threshold that earns the top score; the worst is below every threshold.
            let top = bands.iter().map(|b| b.1).fold(f64::NEG_INFINITY, f64::max);
            let best = bands.iter().find(|b| b.1 == top).map_or(0.0, |b| b.0);
            (best, if higher { lo.min(0.0) } else { hi.max(best) })
        }
        Normalize::MinMax(Bounds::Fixed(a, z)) => pick(a.max(*z), a.min(*z)),
        // Scored against the other units: as far as the value can plausibly go.
        _ => {
            let share = ind.unit.as_deref().is_some_and(|u| u.trim() == "%");
            let (p_lo, p_hi) = ind.plausible.unwrap_or(if share { (0.0, 100.0) } else { (lo, hi) });
            if higher { (p_hi.max(hi), lo) } else { (p_lo.min(lo), hi) }
        }
    }
}

/// The decimals the values of a column are written with (at most 6): a planned value is
/// written with as many, so that `36.3 %` becomes `62.0 %`, not `61.9734…`.
#[must_use]
pub fn decimals(values: &[f64]) -> u32 {
    values
        .iter()
        .map(|x| {
            let s = format!("{x}");
            s.split_once('.').map_or(0, |(_, f)| u32::try_from(f.len()).unwrap_or(6))
        })
        .max()
        .unwrap_or(0)
        .min(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ind(normalize: Normalize, direction: Direction, unit: Option<&str>) -> Indicator {
        Indicator {
            column: "x".into(),
            direction,
            normalize,
            range: (0.0, 1.0),
            unit: unit.map(String::from),
            plausible: None,
            target: None,
            denominator: None,
            impute: Box::default(),
            treat: crate::model::prepare::Treat::None,
        }
    }

    #[test]
    fn best_values_stop_where_the_indicator_stops() {
        let col = [10.0, 30.0, 55.5];
        let g = ind(Normalize::Goalpost(0.0, 80.0), Direction::Higher, Some("%"));
        assert_eq!(best_and_worst(&g, &col), (80.0, 0.0));
        let g = ind(Normalize::Goalpost(40.0, 0.0), Direction::Lower, None);
        assert_eq!(best_and_worst(&g, &col), (0.0, 40.0));
        assert_eq!(best_and_worst(&ind(Normalize::Bool, Direction::Higher, None), &col), (1.0, 0.0));
        let b = ind(Normalize::Bands(vec![(1.0, 0.5), (3.0, 1.0)]), Direction::Higher, None);
        assert_eq!(best_and_worst(&b, &col).0, 3.0);
        let m = ind(Normalize::MinMax(Bounds::Year), Direction::Higher, Some("%"));
        assert_eq!(best_and_worst(&m, &col), (100.0, 10.0));
        let m = ind(Normalize::ZScore(Bounds::Year), Direction::Higher, None);
        assert_eq!(best_and_worst(&m, &col), (55.5, 10.0));
        let m = ind(Normalize::Rank, Direction::Lower, None);
        assert_eq!(best_and_worst(&m, &col), (10.0, 55.5));
        // A goalpost past 100 % stops at 100 for a share, and at the plausible bound.
        let g = ind(Normalize::Goalpost(0.0, 120.0), Direction::Higher, Some("%"));
        assert_eq!(best_and_worst(&g, &col), (100.0, 0.0));
        let mut g = ind(Normalize::Goalpost(0.0, 120.0), Direction::Higher, None);
        g.plausible = Some((0.0, 110.0));
        assert_eq!(best_and_worst(&g, &col), (110.0, 0.0));
    }

    #[test]
    fn decimals_as_written() {
        assert_eq!(decimals(&[36.3, 47.574, 2.0]), 3);
        assert_eq!(decimals(&[18.0, 3.0]), 0);
        assert_eq!(decimals(&[1.0 / 3.0]), 6);
    }
}
