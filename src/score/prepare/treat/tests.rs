//! Hand-worked cases: tests/fixtures/treat-*/EXPECTED.md has the arithmetic.

use super::*;

const JRC: Treat = Treat::Winsorise { max_points: 5, skew: 2.0, kurtosis: 3.5, then_log: true };

fn col(v: &[f64]) -> Vec<Option<f64>> {
    v.iter().copied().map(Some).collect()
}

#[test]
fn skew_and_kurtosis_are_excels() {
    // 1..9 and 30: n = 10, mean 7.5, Σd² = 622.5, Σd³ = 10 800, Σd⁴ = 259 598.625 (worked
    // in tests/fixtures/treat-one/EXPECTED.md); Excel's SKEW and KURT give the same.
    let x: Vec<f64> = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 30.0].to_vec();
    assert!((skew(&x) - 2.607_630_124_520_177).abs() < 1e-12);
    assert!((kurt(&x) - 7.503_962_839_309_045).abs() < 1e-12);
}

#[test]
fn one_point_winsorised() {
    let mut c = col(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 30.0]);
    c.insert(3, None);
    let out = treat(&mut c, JRC).expect("treated");
    assert_eq!((out.method, out.points, out.changed.clone()), ("winsorise", 1, vec![10]));
    assert_eq!(c[10], Some(9.0));
    assert_eq!(c[3], None);
}

#[test]
fn five_points_winsorised_ties_counted() {
    let mut v = vec![0.0; 37];
    v.extend([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let mut c = col(&v);
    let out = treat(&mut c, JRC).expect("treated");
    assert_eq!((out.method, out.points), ("winsorise", 5));
    // 6 → 5 → 4 → 3 → 2 → 1: the top five points all end at 1.
    assert_eq!(c[38..], [Some(1.0); 5]);
    assert_eq!(c[37], Some(1.0));
}

#[test]
fn then_log_on_the_untreated_values() {
    let mut v = vec![0.0; 50];
    v.extend([1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    let mut c = col(&v);
    let out = treat(&mut c, JRC).expect("treated");
    assert_eq!((out.method, out.points), ("log", 56));
    // log(x − 0 + 0.01·6): log 0.06 for the zeros, log 6.06 for the top.
    assert_eq!(c[0], Some(0.06_f64.ln()));
    assert_eq!(c[55], Some(6.06_f64.ln()));
    let no_log = Treat::Winsorise { max_points: 5, skew: 2.0, kurtosis: 3.5, then_log: false };
    let mut c = col(&v);
    let out = treat(&mut c, no_log).expect("treated");
    assert_eq!((out.method, out.points), ("winsorise", 5));
}

#[test]
fn passing_or_short_columns_are_left_alone() {
    // skew 1.998 < 2: passes, although kurtosis is 3.99.
    let mut c = col(&[1.0, 2.0, 3.0, 100.0]);
    assert_eq!(treat(&mut c, JRC), None);
    let mut c = col(&[1.0, 2.0, 100.0]);
    assert_eq!(treat(&mut c, JRC), None);
    let mut c = col(&[3.0; 8]);
    assert_eq!(treat(&mut c, JRC), None);
}

#[test]
fn no_points_allowed_goes_straight_to_the_log_or_does_nothing() {
    let v = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 30.0];
    let zero = Treat::Winsorise { max_points: 0, skew: 2.0, kurtosis: 3.5, then_log: true };
    let mut c = col(&v);
    assert_eq!(treat(&mut c, zero).map(|o| (o.method, o.points)), Some(("log", 10)));
    let nothing = Treat::Winsorise { max_points: 0, skew: 2.0, kurtosis: 3.5, then_log: false };
    let mut c = col(&v);
    assert_eq!(treat(&mut c, nothing), None);
    assert_eq!(c, col(&v));
}
