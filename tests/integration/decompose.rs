//! The change decomposition of `explain` (issue 16, finding 1): on random graphs with random
//! gaps under every aggregation and missing-data policy, the lines add up to the change in the
//! index, and the score shares add up to the score. Checked in-process with proptest.

use dti::load::parse_csv;
use dti::score::explain::explain;
use dti::validate::{DataOptions, panel, spec};
use proptest::prelude::*;
use std::path::Path;

const AGGREGATES: [&str; 4] = ["mean", "sum", "geometric", "harmonic"];

/// A root over three composites, each over some of `k` indicators (an indicator may have
/// several parents), and two years of data with blanks.
#[derive(Debug, Clone)]
struct Graph {
    /// Per composite (root last): aggregation (an index into `AGGREGATES`), `missing = "zero"`
    /// (where a mean or sum takes it),
    /// `min_coverage = 0.5`, and the child weights.
    nodes: Vec<(u8, bool, bool, Vec<u32>)>,
    /// Per composite a–c: extra indicators beyond the one every indicator gets.
    extra: Vec<Vec<bool>>,
    higher: Vec<bool>,
    /// `values[year][unit][indicator]`, `None` a blank cell.
    values: Vec<Vec<Vec<Option<u32>>>>,
}

fn graph() -> impl Strategy<Value = Graph> {
    (3usize..7, 2usize..6).prop_flat_map(|(k, n)| {
        let node = (0u8..4, any::<bool>(), any::<bool>(), prop::collection::vec(1u32..9, k.max(3)));
        let cell = prop::option::weighted(0.75, 0u32..=100);
        (
            prop::collection::vec(node, 4),
            prop::collection::vec(prop::collection::vec(prop::bool::weighted(0.3), k), 3),
            prop::collection::vec(any::<bool>(), k),
            prop::collection::vec(prop::collection::vec(prop::collection::vec(cell, k), n), 2),
        )
            .prop_map(|(nodes, extra, higher, values)| Graph { nodes, extra, higher, values })
    })
}

fn spec_text(g: &Graph) -> String {
    let k = g.higher.len();
    let head = |i: usize| {
        let (agg, zero, cover, _) = &g.nodes[i];
        // A child counted as 0 cannot enter a geometric or harmonic mean, and the spec takes a
        // sum's lower bound as 0: under such a root the children are means.
        let root_linear = g.nodes[3].0 < 2;
        let agg = match AGGREGATES[*agg as usize] {
            "sum" if i != 3 && !root_linear => "mean",
            a => a,
        };
        let zero = *zero && matches!(agg, "mean" | "sum") && (i == 3 || root_linear);
        let mut s = format!("aggregate = \"{agg}\"\n");
        if zero {
            s += "missing = \"zero\"\n";
        }
        if *cover {
            s += "min_coverage = 0.5\n";
        }
        s
    };
    let w = &g.nodes[3].3;
    let mut s = format!(
        "[index]\nid = \"idx\"\n\n[[node]]\nid = \"idx\"\n{}children = {{ a = {}, b = {}, c = {} }}\n",
        head(3),
        w[0],
        w[1],
        w[2]
    );
    for (c, name) in ["a", "b", "c"].iter().enumerate() {
        let kids: Vec<String> =
            (0..k).filter(|&i| i % 3 == c || g.extra[c][i]).map(|i| format!("x{i} = {}", g.nodes[c].3[i])).collect();
        s += &format!("\n[[node]]\nid = \"{name}\"\n{}children = {{ {} }}\n", head(c), kids.join(", "));
    }
    for i in 0..k {
        let (dir, posts) = if g.higher[i] { ("higher", "[0, 100]") } else { ("lower", "[100, 0]") };
        // A range above 0, so that geometric and harmonic means are defined.
        s += &format!(
            "\n[[indicator]]\nid = \"x{i}\"\ndirection = \"{dir}\"\nnormalize = \"goalpost\"\ngoalposts = {posts}\nrange = [1, 10]\n"
        );
    }
    s
}

fn csv_text(g: &Graph) -> String {
    let k = g.higher.len();
    let mut s = String::from("unit,year");
    for i in 0..k {
        s += &format!(",x{i}");
    }
    s.push('\n');
    for (y, year) in g.values.iter().enumerate() {
        for (u, row) in year.iter().enumerate() {
            // A unit with every cell blank is not a row of that year.
            if row.iter().all(Option::is_none) {
                continue;
            }
            s += &format!("U{u},{}", 2022 + y);
            for v in row {
                s += &v.map_or_else(|| ",".to_string(), |v| format!(",{v}"));
            }
            s.push('\n');
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    // See: issue 16, finding 1.
    #[test]
    fn r16_change_lines_add_up_under_every_aggregation_with_gaps(g in graph()) {
        let (tree, _) = spec(&spec_text(&g), "p.toml", Path::new("")).expect("valid spec");
        let table = parse_csv(csv_text(&g).as_bytes(), "d.csv", None).expect("valid csv");
        let Ok((p, _)) = panel(&tree, &[table], &DataOptions::default()) else { return Ok(()) };
        let (scores, _) = dti::score::score(&tree, &p).expect("scores");
        let (Some(now), Some(then)) = (scores.year(2023), scores.year(2022)) else { return Ok(()) };
        for &unit in &now.units {
            let ex = explain(&tree, &p.indicators, &scores, unit, now, Some(then)).expect("unit of the year");
            let u = now.position(unit).unwrap();
            if let Some(score) = now.score(tree.root, u) {
                let level: f64 = ex.indicators.iter().filter_map(|l| l.contribution).sum();
                prop_assert!((level - score).abs() <= 1e-9 * score.abs().max(1.0), "level {} vs {}", level, score);
            }
            let Some(total) = ex.exact_change else { continue };
            let sum: f64 = ex.change_lines().iter().map(|(_, c)| c).sum();
            prop_assert!((sum - total).abs() <= 1e-9 * total.abs().max(1.0), "{}: lines {} vs change {}", p.units[unit].name, sum, total);
        }
    }
}
