//! Hand-worked normalisations. Column xs = [2, 4, 6, 10] unless said otherwise.

use super::normalise;
use crate::model::tree::{Bounds, Direction, Indicator, Normalize};

fn ind(normalize: Normalize, direction: Direction, range: (f64, f64)) -> Indicator {
    Indicator {
        column: "x".into(),
        direction,
        normalize,
        range,
        unit: None,
        plausible: None,
        target: None,
        denominator: None,
        impute: Box::default(),
        treat: crate::model::prepare::Treat::None,
    }
}

fn run(n: Normalize, d: Direction, xs: &[f64]) -> Vec<f64> {
    let col: Vec<Option<f64>> = xs.iter().copied().map(Some).collect();
    normalise(&ind(n, d, (0.0, 1.0)), &col, xs).0.into_iter().map(|v| v.expect("a value")).collect()
}

fn close(a: &[f64], b: &[f64]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert!((x - y).abs() < 1e-12, "{a:?} != {b:?}");
    }
}

const XS: [f64; 4] = [2.0, 4.0, 6.0, 10.0];
use Direction::{Higher, Lower};

#[test]
fn minmax_by_year_both_directions_and_range() {
    close(&run(Normalize::MinMax(Bounds::Year), Higher, &XS), &[0.0, 0.25, 0.5, 1.0]);
    close(&run(Normalize::MinMax(Bounds::Year), Lower, &XS), &[1.0, 0.75, 0.5, 0.0]);
    let col: Vec<Option<f64>> = XS.iter().copied().map(Some).collect();
    let (v, _) = normalise(&ind(Normalize::MinMax(Bounds::Year), Higher, (1.0, 100.0)), &col, &XS);
    close(&v.into_iter().flatten().collect::<Vec<_>>(), &[1.0, 25.75, 50.5, 100.0]);
}

#[test]
fn minmax_pooled_and_fixed() {
    // This year holds 2 and 4; all years hold 2, 4, 6, 10: (x − 2) / 8.
    let (v, _) = normalise(&ind(Normalize::MinMax(Bounds::Pooled), Higher, (0.0, 1.0)), &[Some(2.0), Some(4.0)], &XS);
    assert_eq!(v, vec![Some(0.0), Some(0.25)]);
    // Fixed [0, 20]: 10 → 0.5, 25 → clamped to 1; lower: (20 − 5) / 20 = 0.75.
    close(&run(Normalize::MinMax(Bounds::Fixed(0.0, 20.0)), Higher, &[10.0, 25.0]), &[0.5, 1.0]);
    close(&run(Normalize::MinMax(Bounds::Fixed(0.0, 20.0)), Lower, &[5.0]), &[0.75]);
}

#[test]
fn zscore_uses_the_sample_sd() {
    // mean 5.5; squared deviations 12.25 + 2.25 + 0.25 + 20.25 = 35; sd = √(35/3).
    let sd = (35.0f64 / 3.0).sqrt();
    let z = run(Normalize::ZScore(Bounds::Year), Higher, &XS);
    close(&z, &[-3.5 / sd, -1.5 / sd, 0.5 / sd, 4.5 / sd]);
    assert!((z[0] + 1.024_695_076_595_96).abs() < 1e-12);
    // Lower is better: the sign flips before the statistics.
    close(&run(Normalize::ZScore(Bounds::Year), Lower, &XS), &[3.5 / sd, 1.5 / sd, -0.5 / sd, -4.5 / sd]);
    // Mean 0 and sd 1 whatever the output range says.
    let mean: f64 = z.iter().sum::<f64>() / 4.0;
    assert!(mean.abs() < 1e-12);
}

#[test]
fn goalposts_and_max() {
    close(&run(Normalize::Goalpost(0.0, 80.0), Higher, &[40.0, 90.0, -5.0]), &[0.5, 1.0, 0.0]);
    close(&run(Normalize::Goalpost(100.0, 20.0), Lower, &[60.0, 10.0]), &[0.5, 1.0]);
    close(&run(Normalize::Max(50.0), Higher, &[25.0, 70.0]), &[0.5, 1.0]);
    close(&run(Normalize::Max(50.0), Lower, &[10.0]), &[0.8]);
}

#[test]
fn percentile_rank_as_coinr() {
    // (rank with ties at the minimum − 1) / (n − 1)
    close(&run(Normalize::Rank, Higher, &[2.0, 4.0, 4.0, 10.0]), &[0.0, 1.0 / 3.0, 1.0 / 3.0, 1.0]);
    close(&run(Normalize::Rank, Lower, &[2.0, 4.0, 4.0, 10.0]), &[1.0, 1.0 / 3.0, 1.0 / 3.0, 0.0]);
}

#[test]
fn bool_and_bands() {
    close(&run(Normalize::Bool, Higher, &[1.0, 0.0]), &[1.0, 0.0]);
    close(&run(Normalize::Bool, Lower, &[1.0, 0.0]), &[0.0, 1.0]);
    let up = Normalize::Bands(vec![(50.0, 0.5), (80.0, 1.0)]);
    close(&run(up, Higher, &[40.0, 50.0, 79.0, 80.0]), &[0.0, 0.5, 0.5, 1.0]);
    let down = Normalize::Bands(vec![(80.0, 0.5), (50.0, 1.0)]);
    close(&run(down, Lower, &[90.0, 80.0, 60.0, 50.0]), &[0.0, 0.5, 0.5, 1.0]);
}

#[test]
fn none_keeps_values_and_missing_stays_missing() {
    let (v, _) = normalise(&ind(Normalize::None, Higher, (0.0, 1.0)), &[Some(0.37), None], &[0.37]);
    assert_eq!(v, vec![Some(0.37), None]);
    let (v, _) = normalise(
        &ind(Normalize::MinMax(Bounds::Year), Higher, (0.0, 1.0)),
        &[Some(1.0), None, Some(3.0)],
        &[1.0, 3.0],
    );
    assert_eq!(v, vec![Some(0.0), None, Some(1.0)]);
}

#[test]
fn constant_column_is_missing_with_a_reason() {
    let (v, why) =
        normalise(&ind(Normalize::MinMax(Bounds::Year), Higher, (0.0, 1.0)), &[Some(3.0), Some(3.0)], &[3.0, 3.0]);
    assert_eq!(v, vec![None, None]);
    assert!(why.is_some());
    let (v, why) =
        normalise(&ind(Normalize::ZScore(Bounds::Year), Higher, (0.0, 1.0)), &[Some(3.0), Some(3.0)], &[3.0, 3.0]);
    assert_eq!(v, vec![None, None]);
    assert!(why.is_some());
}

/// The overflow check is spared only where it cannot fail: min-max with a finite span and a
/// finite output range; every value of the column (or a clamped one) normalises finite there.
#[test]
fn the_overflow_check_is_spared_only_where_it_cannot_fail() {
    use super::{Rule, stats};
    let spared = |n: Normalize, range: (f64, f64), xs: &[f64]| {
        let i = ind(n, Higher, range);
        let st = stats(&i, xs, xs).expect("stats");
        let rule = Rule::new(&i, &st);
        if rule.always_finite() {
            assert!(xs.iter().all(|&x| rule.at(x).is_finite()), "{xs:?}");
        }
        rule.always_finite()
    };
    assert!(spared(Normalize::MinMax(Bounds::Year), (0.0, 100.0), &XS));
    assert!(spared(Normalize::MinMax(Bounds::Fixed(0.0, 5.0)), (0.0, 1.0), &XS));
    // ±1e308: the span overflows (the halved formula is used, and checked).
    assert!(!spared(Normalize::MinMax(Bounds::Year), (0.0, 1.0), &[1e308, -1e308, 0.0]));
    // An output range whose width overflows.
    assert!(!spared(Normalize::MinMax(Bounds::Year), (-1e308, 1e308), &XS));
    assert!(!spared(Normalize::ZScore(Bounds::Year), (0.0, 1.0), &XS));
}
