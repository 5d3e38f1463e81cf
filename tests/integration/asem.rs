//! COINr's own example index, `build_example_coin()` (examples/coinr-asem/), against a second,
//! independent implementation: `scripts/peer/coinr_asem.py` (pandas, written from COINr's R
//! source) computed `examples/coinr-asem/expected.csv` (every aggregate and the index rank) and
//! `expected-treated.csv` (which indicators `Treat` changed, how, how many points) and
//! `expected-imputed.csv` (every value `Impute` put in). Every
//! aggregate of every country must agree to 1e-7, and every rank exactly.

use crate::common::{json_in, root};
use serde_json::Value;

fn example() -> std::path::PathBuf {
    root().join("examples/coinr-asem")
}

fn read_csv(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(example().join(name)).expect("committed expected values");
    text.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
}

#[test]
fn asem_reproduces_coinr_example_aggregates_and_ranks() {
    let doc = json_in(&example(), &["rank", "--format", "json"]);
    let rows = read_csv("expected.csv");
    let head = &rows[0];
    let results = doc["results"].as_array().expect("results");
    assert_eq!(results.len(), 51);
    assert_eq!(rows.len() - 1, 51);
    let mut checked = 0;
    for row in &rows[1..] {
        let r = results.iter().find(|r| r["unit"] == row[0].as_str()).unwrap_or_else(|| panic!("no {}", row[0]));
        assert_eq!(r["code"], row[1].as_str());
        for (c, name) in head.iter().enumerate().skip(2) {
            let want: f64 = row[c].parse().expect("a number");
            if name == "Index_rank" {
                assert_eq!(r["rank"]["Index"].as_f64(), Some(want), "{} rank", row[0]);
            } else {
                let got = r["score"][name].as_f64().unwrap_or_else(|| panic!("{} has no {name}", row[0]));
                assert!((got - want).abs() <= 1e-7, "{} {name}: dti {got} vs peer {want}", row[0]);
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 51 * 12);
}

#[test]
fn asem_treats_and_imputes_what_coinr_does() {
    let doc = json_in(&example(), &["rank", "--format", "json"]);
    let want: Vec<(String, String, i64)> = read_csv("expected-treated.csv")[1..]
        .iter()
        .map(|r| (r[0].clone(), r[1].clone(), r[2].parse().expect("points")))
        .collect();
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
    assert_eq!(got, want);
    // 63 empty cells in ASEM_iData, plus Elec and Gas of the one country without `Energy`;
    // each value (denominated, as COINr's Imputed data set) as the peer computed it.
    let got = doc["imputed"].as_array().expect("imputed");
    let want = &read_csv("expected-imputed.csv")[1..];
    assert_eq!((got.len(), want.len()), (65, 65));
    for w in want {
        let g = got.iter().find(|g| g["unit"] == w[0].as_str() && g["indicator"] == w[1].as_str());
        let g = g.unwrap_or_else(|| panic!("{} {} not imputed", w[0], w[1]));
        let (gv, wv) = (g["value"].as_f64().unwrap(), w[2].parse::<f64>().unwrap());
        assert!((gv - wv).abs() <= 1e-9 * wv.abs().max(1.0), "{} {}: {gv} vs {wv}", w[0], w[1]);
        assert_eq!(g["method"], "group-mean");
    }
}
