use super::*;

fn cand(k: usize, full: f64, steep: f64) -> Candidate {
    Candidate { k, from: 0.0, best: 1.0, full, steep, decimals: 0 }
}

#[test]
fn fewest_then_steepest() {
    // Steepest first: a (0.02), b (0.05), c (0.04), d (0.01). Need 0.06: two are needed
    // (0.05 + 0.04 ≥ 0.06, no single one is enough); the steepest pair that covers it is
    // a + b (0.07), so c is passed over.
    let cands = [cand(0, 0.02, 9.0), cand(1, 0.05, 8.0), cand(2, 0.04, 7.0), cand(3, 0.01, 6.0)];
    assert_eq!(choose(&cands, 0.06), vec![0, 1]);
    // Need 0.085: a + b fall short (0.07), so a gives way: b + c (0.09).
    assert_eq!(choose(&cands, 0.085), vec![1, 2]);
    // Need more than everything: all of them.
    assert_eq!(choose(&cands, 1.0), vec![0, 1, 2, 3]);
}

#[test]
fn least_value_on_the_grid() {
    // From 36.3 towards 80 in tenths, accepted from 61.95 up: 62.0 is the least.
    let c = Candidate { k: 0, from: 36.3, best: 80.0, full: 1.0, steep: 1.0, decimals: 1 };
    // Whatever the guess, the same answer.
    for guess in [0.0, 0.3, 0.58, 0.59, 0.6, 1.0] {
        assert_eq!(least_value(&c, guess, &mut |v| Ok(v >= 61.95)).unwrap(), 62.0, "guess {guess}");
    }
    // Downwards (fewer incidents), whole numbers: from 18 to 0, accepted at 7 or fewer.
    let c = Candidate { k: 0, from: 18.0, best: 0.0, full: 1.0, steep: 1.0, decimals: 0 };
    assert_eq!(least_value(&c, 0.5, &mut |v| Ok(v <= 7.0)).unwrap(), 7.0);
    // Only the best will do.
    let c = Candidate { k: 0, from: 0.0, best: 1.0, full: 1.0, steep: 1.0, decimals: 0 };
    assert_eq!(least_value(&c, 0.2, &mut |v| Ok(v >= 1.0)).unwrap(), 1.0);
}
