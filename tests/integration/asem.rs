//! COINr's own example index, `build_example_coin()` (examples/coinr-asem/), against two
//! references computed outside dti:
//! - COINr itself: `scripts/peer/coinr_reference.sh` ran COINr's own R functions (Denominate,
//!   Impute, Screen, Treat, Normalise, Aggregate, read from the public repository
//!   bluefoxr/COINr) under Debian's R and wrote `coinr-reference.csv` (every aggregate and the
//!   index rank), `coinr-reference-treated.csv` and `coinr-reference-imputed.csv`;
//! - a second, independent implementation: `scripts/peer/coinr_asem.py` (pandas, written from
//!   COINr's R source) wrote `expected.csv`, `expected-treated.csv` and `expected-imputed.csv`.
//!
//! Every aggregate of every country must agree with each to 1e-7, and every rank exactly.

use crate::common::{json_in, root};
use serde_json::Value;

fn example() -> std::path::PathBuf {
    root().join("examples/coinr-asem")
}

fn read_csv(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(example().join(name)).expect("committed expected values");
    text.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
}

/// Every aggregate and the index rank of `file` (uName, uCode, aggregates…, Index_rank) against
/// `dti rank --format json`; returns the largest absolute difference per aggregate.
fn aggregates_agree(file: &str, who: &str) -> Vec<(String, f64)> {
    let doc = json_in(&example(), &["rank", "--format", "json"]);
    let rows = read_csv(file);
    let head = &rows[0];
    let results = doc["results"].as_array().expect("results");
    assert_eq!(results.len(), 51);
    assert_eq!(rows.len() - 1, 51, "{file}");
    let mut worst: Vec<(String, f64)> = head[2..].iter().map(|h| (h.clone(), 0.0)).collect();
    for row in &rows[1..] {
        let r = results.iter().find(|r| r["unit"] == row[0].as_str()).unwrap_or_else(|| panic!("no {}", row[0]));
        assert_eq!(r["code"], row[1].as_str());
        for (c, name) in head.iter().enumerate().skip(2) {
            let want: f64 = row[c].parse().expect("a number");
            let got = if name == "Index_rank" {
                r["rank"]["Index"].as_f64().unwrap_or_else(|| panic!("{} has no rank", row[0]))
            } else {
                r["score"][name].as_f64().unwrap_or_else(|| panic!("{} has no {name}", row[0]))
            };
            let d = (got - want).abs();
            if name == "Index_rank" {
                assert_eq!(got, want, "{} rank: dti {got} vs {who} {want}", row[0]);
            } else {
                assert!(d <= 1e-7, "{} {name}: dti {got} vs {who} {want}", row[0]);
            }
            worst[c - 2].1 = worst[c - 2].1.max(d);
        }
    }
    assert_eq!(worst.len(), 12, "11 aggregates and the rank in {file}");
    worst
}

/// `treated` (iCode, method, points) and `imputed` (uName, iCode, value) against dti's JSON.
fn treatment_and_imputation_agree(treated: &str, imputed: &str, who: &str) {
    let doc = json_in(&example(), &["rank", "--format", "json"]);
    let want: Vec<(String, String, i64)> =
        read_csv(treated)[1..].iter().map(|r| (r[0].clone(), r[1].clone(), r[2].parse().expect("points"))).collect();
    let got: Vec<(String, String, i64)> = doc["treated"]
        .as_array()
        .expect("treated")
        .iter()
        .map(|t: &Value| {
            (
                t["indicator"].as_str().unwrap().into(),
                t["method"].as_str().unwrap().into(),
                t["points"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, want, "treated indicators vs {who}");
    // 63 empty cells in ASEM_iData, plus Elec and Gas of the one country without `Energy`;
    // each value is after denomination, as COINr's Imputed data set holds it.
    let got = doc["imputed"].as_array().expect("imputed");
    let want = &read_csv(imputed)[1..];
    assert_eq!((got.len(), want.len()), (65, 65), "{imputed}");
    for w in want {
        let g = got.iter().find(|g| g["unit"] == w[0].as_str() && g["indicator"] == w[1].as_str());
        let g = g.unwrap_or_else(|| panic!("{} {} not imputed", w[0], w[1]));
        let (gv, wv) = (g["value"].as_f64().unwrap(), w[2].parse::<f64>().unwrap());
        assert!((gv - wv).abs() <= 1e-9 * wv.abs().max(1.0), "{} {}: dti {gv} vs {who} {wv}", w[0], w[1]);
        assert_eq!(g["method"], "group-mean");
    }
}

#[test]
fn asem_reproduces_coinr_own_aggregates_and_ranks() {
    let worst = aggregates_agree("coinr-reference.csv", "COINr");
    // Same arithmetic in another order: the differences are rounding, far below 1e-7.
    for (name, d) in worst {
        assert!(d < 1e-11, "{name}: largest difference from COINr {d}");
    }
}

#[test]
fn asem_treats_and_imputes_what_coinr_itself_does() {
    treatment_and_imputation_agree("coinr-reference-treated.csv", "coinr-reference-imputed.csv", "COINr");
}

#[test]
fn asem_reproduces_the_pandas_peer_aggregates_and_ranks() {
    aggregates_agree("expected.csv", "pandas peer");
}

#[test]
fn asem_treats_and_imputes_what_the_pandas_peer_does() {
    treatment_and_imputation_agree("expected-treated.csv", "expected-imputed.csv", "pandas peer");
}
