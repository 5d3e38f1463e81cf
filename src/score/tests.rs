//! Scoring's own plumbing: ranking a year's nodes on two cores gives each node the ranks it
//! gets alone.

use super::rank_all;
use crate::model::tree::Ties;
use crate::score::rank::rank;

/// Scores of `n` units, a few missing and many tied (a coarse grid), from a seeded sequence.
fn scores(n: usize, seed: u64) -> Vec<Option<f64>> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (!x.is_multiple_of(17)).then(|| (x % 1000) as f64 / 1000.0)
        })
        .collect()
}

#[test]
fn two_cores_rank_each_node_as_one_does() {
    // As a tree lays them out: composites first, then indicators kept without values.
    for (units, layout) in [(2_500, "vvvvv...."), (3_001, ".v.v.vv"), (2_000, "v"), (1_999, "vv."), (4_000, "....v")] {
        let values: Vec<Vec<Option<f64>>> = layout
            .chars()
            .enumerate()
            .map(|(i, c)| if c == 'v' { scores(units, 0x9e37_79b9 + i as u64) } else { Vec::new() })
            .collect();
        for (ties, decimals) in [(Ties::Competition, None), (Ties::Dense, Some(2))] {
            let alone: Vec<_> =
                values.iter().map(|v| if v.is_empty() { Vec::new() } else { rank(v, ties, decimals) }).collect();
            assert_eq!(rank_all(&values, ties, decimals), alone, "{units} units, {layout}");
        }
    }
}
