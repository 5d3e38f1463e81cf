use super::*;

fn comp(aggregate: Aggregate, missing: Missing, min_coverage: f64) -> Composite {
    Composite { aggregate, children: Vec::new(), missing, min_coverage }
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a value");
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn weighted_means_by_hand() {
    let kids = [(Some(0.2), 1.0), (Some(0.8), 3.0)];
    // (0.2·1 + 0.8·3) / 4 = 0.65
    close(combine(&comp(Aggregate::Mean, Missing::Reweight, 0.0), &kids).unwrap(), 0.65);
    // exp((ln 0.2 + 3 ln 0.8) / 4) = 0.2^0.25 · 0.8^0.75 = 0.5656854249…
    close(
        combine(&comp(Aggregate::Geometric, Missing::Reweight, 0.0), &kids).unwrap(),
        0.2f64.powf(0.25) * 0.8f64.powf(0.75),
    );
    // 4 / (1/0.2 + 3/0.8) = 4 / 8.75 = 0.457142857…
    close(combine(&comp(Aggregate::Harmonic, Missing::Reweight, 0.0), &kids).unwrap(), 4.0 / 8.75);
    // 0.2·1 + 0.8·3 = 2.6
    close(combine(&comp(Aggregate::Sum, Missing::Reweight, 0.0), &kids).unwrap(), 2.6);
}

#[test]
fn missing_policies() {
    let kids = [(Some(0.6), 1.0), (None, 1.0), (Some(0.9), 2.0)];
    // reweight: (0.6 + 1.8) / 3 = 0.8
    close(combine(&comp(Aggregate::Mean, Missing::Reweight, 0.0), &kids).unwrap(), 0.8);
    // zero: (0.6 + 0 + 1.8) / 4 = 0.6
    close(combine(&comp(Aggregate::Mean, Missing::Zero, 0.0), &kids).unwrap(), 0.6);
    // error: names the second child
    assert_eq!(
        combine(&comp(Aggregate::Mean, Missing::Error, 0.0), &kids),
        Err(Problem { child: 1, what: Failure::Missing })
    );
    // coverage 3/4 = 0.75: enough for 0.75, not for 0.8
    assert!(combine(&comp(Aggregate::Mean, Missing::Reweight, 0.75), &kids).unwrap().is_some());
    assert_eq!(combine(&comp(Aggregate::Mean, Missing::Reweight, 0.8), &kids).unwrap(), None);
    // sum with reweight scales present points up: (0.6 + 1.8) · 4/3 = 3.2
    close(combine(&comp(Aggregate::Sum, Missing::Reweight, 0.0), &kids).unwrap(), 3.2);
    // nothing present: missing, whatever the policy
    let none = [(None, 1.0), (None, 2.0)];
    assert_eq!(combine(&comp(Aggregate::Mean, Missing::Zero, 0.0), &none).unwrap(), None);
    assert_eq!(combine(&comp(Aggregate::Mean, Missing::Reweight, 0.0), &none).unwrap(), None);
}

#[test]
fn geometric_rejects_zero() {
    let kids = [(Some(0.5), 1.0), (Some(0.0), 1.0)];
    assert_eq!(
        combine(&comp(Aggregate::Geometric, Missing::Reweight, 0.0), &kids),
        Err(Problem { child: 1, what: Failure::NotPositive })
    );
    assert_eq!(
        combine(&comp(Aggregate::Harmonic, Missing::Reweight, 0.0), &kids),
        Err(Problem { child: 1, what: Failure::NotPositive })
    );
}
