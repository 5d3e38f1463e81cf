//! Numbers as programs write them when nobody rounds: `tests/fixtures/numbers/` holds one table
//! of 17-digit, tiny (`2.7053109257728006e-06`), huge (`5.7081879909282106e+17`, R's
//! `570818799092821056`), float-count (`124.0`) and signed values, saved by pandas (CRLF; `;` with
//! a decimal comma) and R (`write.csv`, `write.csv2`), made by `scripts/make-numbers.sh`.
//! `expected.json` is what each cell denotes, by Python's `float()` and pandas' round-trip
//! reader (the script checks that they agree), so every raw value `rank --detail` reports must
//! be that double, bit for bit.

use crate::common::{json, root};
use serde_json::Value;

const DIR: &str = "tests/fixtures/numbers";
const FILES: [&str; 4] = [
    "pandas-to-csv-crlf.csv",
    "pandas-to-csv-semicolon-decimal-comma.csv",
    "r-write-csv.csv",
    "r-write-csv2-semicolon-decimal-comma.csv",
];

fn expected() -> Value {
    let text = std::fs::read_to_string(root().join(DIR).join("expected.json")).expect("expected.json");
    serde_json::from_str(&text).expect("expected.json is JSON")
}

#[test]
fn every_cell_reads_as_the_double_python_and_pandas_read() {
    let expected = expected();
    for file in FILES {
        let want = expected[file].as_object().unwrap_or_else(|| panic!("{file} in expected.json"));
        let data = format!("{DIR}/{file}");
        let doc = json(&[
            "rank",
            "--detail",
            "--format",
            "json",
            "--spec",
            &format!("{DIR}/indicators.toml"),
            "--data",
            &data,
        ]);
        let results = doc["results"].as_array().expect("results");
        assert_eq!(results.len(), want.len(), "{file}: units ranked");
        let (mut cells, mut gaps, mut wrong) = (0, 0, Vec::new());
        for r in results {
            let unit = r["unit"].as_str().expect("unit");
            for (id, v) in want[unit].as_object().unwrap_or_else(|| panic!("{file}: {unit} expected")) {
                let got = &r["indicator"][id]["raw"];
                cells += 1;
                match v.as_f64() {
                    Some(w) if got.as_f64().map(f64::to_bits) == Some(w.to_bits()) => {}
                    None if got.is_null() => gaps += 1,
                    _ => wrong.push(format!("{unit} {id}: read {got}, the cell denotes {v}")),
                }
            }
        }
        assert!(wrong.is_empty(), "{file}: {} of {cells} cells read wrong:\n{}", wrong.len(), wrong.join("\n"));
        // The script leaves 6 cells of each column empty; they must stay missing, not become 0.
        assert_eq!((cells, gaps), (720, 36), "{file}: cells and missing cells");
    }
}
