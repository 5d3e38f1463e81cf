//! Properties that must hold for any spec and data (proptest), checked in-process.

use dti::load::parse_csv;
use dti::model::tree::IndicatorTree;
use dti::report::{Format, Lang, Report, renderer};
use dti::score::compare::{Basis, ranking};
use dti::validate::{DataOptions, panel, spec};
use proptest::prelude::*;
use std::path::Path;

/// A spec: root = mean of two composites; indicators split between them; each indicator
/// higher or lower, normalised by goalpost, max, minmax or rank (no order-dependent sums).
#[derive(Debug, Clone)]
struct Case {
    dirs: Vec<bool>,
    methods: Vec<u8>,
    weights: Vec<u32>,
    rows: Vec<Vec<u32>>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..6, 3usize..10).prop_flat_map(|(k, n)| {
        (
            prop::collection::vec(any::<bool>(), k),
            prop::collection::vec(0u8..4, k),
            prop::collection::vec(1u32..20, k + 2),
            prop::collection::vec(prop::collection::vec(0u32..100, k), n),
        )
            .prop_map(|(dirs, methods, weights, rows)| Case { dirs, methods, weights, rows })
    })
}

fn spec_text(c: &Case, scale: u32) -> String {
    let k = c.dirs.len();
    let split = k / 2 + 1;
    let kids = |r: std::ops::Range<usize>| {
        r.map(|i| format!("x{i} = {}", c.weights[i] * scale)).collect::<Vec<_>>().join(", ")
    };
    let mut s = format!("[index]\nid = \"idx\"\nchildren = {{ a = {}, b = {} }}\n", c.weights[k], c.weights[k + 1]);
    s += &format!("\n[[node]]\nid = \"a\"\nchildren = {{ {} }}\n", kids(0..split.min(k)));
    if split < k {
        s += &format!("\n[[node]]\nid = \"b\"\nchildren = {{ {} }}\n", kids(split..k));
    } else {
        s += &format!("\n[[node]]\nid = \"b\"\nchildren = {{ x0 = {} }}\n", c.weights[0]);
    }
    for i in 0..k {
        let dir = if c.dirs[i] { "higher" } else { "lower" };
        let method = match (c.methods[i], c.dirs[i]) {
            (0, true) => "normalize = \"goalpost\"\ngoalposts = [0, 100]",
            (0, false) => "normalize = \"goalpost\"\ngoalposts = [100, 0]",
            (1, _) => "normalize = \"max\"\nmax = 100",
            (2, _) => "normalize = \"minmax\"\nbounds = [0, 100]",
            _ => "normalize = \"rank\"",
        };
        s += &format!("\n[[indicator]]\nid = \"x{i}\"\ndirection = \"{dir}\"\n{method}\n");
    }
    s
}

fn csv_text(c: &Case, order: &[usize], cols: &[usize]) -> String {
    let mut s = String::from("unit,year");
    for &j in cols {
        s += &format!(",x{j}");
    }
    s.push('\n');
    for &u in order {
        s += &format!("U{u},2023");
        for &j in cols {
            s += &format!(",{}", c.rows[u][j]);
        }
        s.push('\n');
    }
    s
}

/// The rendered output of `dti rank --format f` for a spec and data text.
fn render(spec_src: &str, data: &str, f: Format) -> (IndicatorTree, String) {
    let (tree, _) = spec(spec_src, "p.toml", Path::new("")).expect("valid spec");
    let table = parse_csv(data.as_bytes(), "d.csv", None).expect("valid csv");
    let (p, _) = panel(&tree, &[table], &DataOptions::default()).expect("valid data");
    let (scores, _) = dti::score::score(&tree, &p).expect("scores");
    let r = ranking(&tree, &p.units, &scores.years[0], None, Basis::AsGiven);
    let report = Report {
        tree: &tree,
        units: &p.units,
        indicators: &p.indicators,
        ranking: &r,
        lang: Lang::En,
        detail: true,
        run: None,
        prep: None,
    };
    let mut out = Vec::new();
    renderer(f).render(&report, &mut out).unwrap();
    (tree, String::from_utf8(out).unwrap())
}

/// Unit → its JSON result.
fn by_unit(json: &str) -> std::collections::BTreeMap<String, serde_json::Value> {
    let doc: serde_json::Value = serde_json::from_str(json).unwrap();
    doc["results"].as_array().unwrap().iter().map(|r| (r["unit"].as_str().unwrap().to_string(), r.clone())).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn row_and_column_order_do_not_matter(c in case(), seed in any::<u64>()) {
        let n = c.rows.len();
        let k = c.dirs.len();
        let ident: Vec<usize> = (0..n).collect();
        let cols: Vec<usize> = (0..k).collect();
        let mut rows_rev = ident.clone();
        rows_rev.rotate_left((seed as usize) % n);
        rows_rev.reverse();
        let mut cols_rot = cols.clone();
        cols_rot.rotate_left((seed as usize) % k);
        let s = spec_text(&c, 1);
        let (_, a) = render(&s, &csv_text(&c, &ident, &cols), Format::Json);
        let (_, b) = render(&s, &csv_text(&c, &rows_rev, &cols_rot), Format::Json);
        prop_assert_eq!(a, b);
    }

    #[test]
    fn scaling_a_composites_weights_changes_nothing(c in case(), scale in 2u32..50) {
        let ident: Vec<usize> = (0..c.rows.len()).collect();
        let cols: Vec<usize> = (0..c.dirs.len()).collect();
        let data = csv_text(&c, &ident, &cols);
        let a = by_unit(&render(&spec_text(&c, 1), &data, Format::Json).1);
        let b = by_unit(&render(&spec_text(&c, scale), &data, Format::Json).1);
        for (u, ra) in &a {
            let (sa, sb) = (ra["score"]["idx"].as_f64().unwrap(), b[u]["score"]["idx"].as_f64().unwrap());
            prop_assert!((sa - sb).abs() <= 1e-12 * sa.abs().max(1.0), "{} {} vs {}", u, sa, sb);
        }
    }

    #[test]
    fn improving_a_higher_is_better_value_never_lowers_the_score(c in case(), who in any::<prop::sample::Index>(), what in any::<prop::sample::Index>(), by in 1u32..50) {
        // Fixed bounds only (goalpost, max, fixed minmax): no statistic moves with the data.
        let mut c = c;
        for m in &mut c.methods { if *m == 3 { *m = 0; } }
        let j = what.index(c.dirs.len());
        c.dirs[j] = true;
        let u = who.index(c.rows.len());
        let ident: Vec<usize> = (0..c.rows.len()).collect();
        let cols: Vec<usize> = (0..c.dirs.len()).collect();
        let s = spec_text(&c, 1);
        let before = by_unit(&render(&s, &csv_text(&c, &ident, &cols), Format::Json).1);
        c.rows[u][j] += by;
        let after = by_unit(&render(&s, &csv_text(&c, &ident, &cols), Format::Json).1);
        let key = format!("U{u}");
        prop_assert!(after[&key]["score"]["idx"].as_f64().unwrap() >= before[&key]["score"]["idx"].as_f64().unwrap() - 1e-15);
    }

    #[test]
    fn ranks_are_competition_ranks_and_outputs_round_trip(c in case()) {
        let ident: Vec<usize> = (0..c.rows.len()).collect();
        let cols: Vec<usize> = (0..c.dirs.len()).collect();
        let s = spec_text(&c, 1);
        let data = csv_text(&c, &ident, &cols);
        let (tree, json) = render(&s, &data, Format::Json);
        let res = by_unit(&json);
        for node in ["idx", "a", "b"] {
            let scores: Vec<f64> = res.values().map(|r| r["score"][node].as_f64().unwrap()).collect();
            for r in res.values() {
                let mine = r["score"][node].as_f64().unwrap();
                let expected = 1 + scores.iter().filter(|&&o| o > mine).count() as u64;
                prop_assert_eq!(r["rank"][node].as_u64(), Some(expected));
            }
        }
        // CSV and JSON carry the same numbers to the last bit as the scores computed.
        let (_, csv) = render(&s, &data, Format::Csv);
        let mut rdr = csv::Reader::from_reader(csv.as_bytes());
        let head = rdr.headers().unwrap().clone();
        let idx = head.iter().position(|h| h == "idx").unwrap();
        for rec in rdr.records() {
            let rec = rec.unwrap();
            let from_csv: f64 = rec[idx].parse().unwrap();
            let from_json = res[&rec[0]]["score"]["idx"].as_f64().unwrap();
            prop_assert_eq!(from_csv.to_bits(), from_json.to_bits());
        }
        let table = parse_csv(data.as_bytes(), "d.csv", None).unwrap();
        let (p, _) = panel(&tree, &[table], &DataOptions::default()).unwrap();
        let (scores, _) = dti::score::score(&tree, &p).unwrap();
        for (i, &u) in scores.years[0].units.iter().enumerate() {
            let v = scores.years[0].values[tree.root][i].unwrap();
            prop_assert_eq!(res[&p.units[u].name]["score"]["idx"].as_f64().unwrap().to_bits(), v.to_bits());
        }
        // Same input, same bytes.
        prop_assert_eq!(json, render(&s, &data, Format::Json).1);
    }
}
