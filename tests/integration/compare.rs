//! Across years: new and gone units, the 2025 merger (`tests/fixtures/merge/EXPECTED.md`),
//! re-basing, `--bounds`, and comparing with any earlier year.

use crate::common::{close, dti, folder, json, json_in, result, stderr, stdout};

const MERGE: &str = "tests/fixtures/merge/indicators.toml";

fn score(doc: &serde_json::Value, unit: &str, node: &str) -> f64 {
    result(doc, unit)["score"][node].as_f64().unwrap()
}

#[test]
fn merged_units_are_compared_with_a_rebased_earlier_year() {
    let doc = json(&["rank", "--spec", MERGE, "--format", "json"]);
    assert_eq!((doc["year"].as_i64(), doc["compare_year"].as_i64()), (Some(2025), Some(2024)));
    assert_eq!(doc["comparison"]["basis"], serde_json::json!({"units": "merged", "count": 2, "rebased_years": [2024]}));
    let y = result(&doc, "Y");
    assert!(close(y["score"]["idx"].as_f64().unwrap(), 0.6, 1e-12));
    assert!(close(y["previous"]["score"]["idx"].as_f64().unwrap(), 0.45, 1e-12));
    assert!(close(y["change"]["score"]["idx"].as_f64().unwrap(), 0.15, 1e-12));
    assert_eq!((y["rank"]["idx"].as_i64(), y["change"]["rank"]["idx"].as_i64()), (Some(1), Some(1)));
    let x = result(&doc, "X");
    assert!(close(x["change"]["score"]["idx"].as_f64().unwrap(), 0.0, 1e-12));
    assert_eq!(x["change"]["rank"]["idx"], -1);
    assert!(stdout(&dti(&["rank", "--spec", MERGE])).contains("merged units (2); 2024 re-based from the old units"));
}

#[test]
fn a_pre_merger_year_on_both_bases() {
    // Two into one (X = A + B) and three into one (Y = C + D + E): plain means of m1 and m2.
    let m = json(&["rank", "--spec", MERGE, "--format", "json", "--year", "2024", "--merged"]);
    for (unit, m1, m2, idx, rank) in [("X", 0.4, 0.6, 0.5, 1), ("Y", 0.6, 0.3, 0.45, 2)] {
        assert!(close(score(&m, unit, "m1"), m1, 1e-12), "{unit} m1");
        assert!(close(score(&m, unit, "m2"), m2, 1e-12), "{unit} m2");
        assert!(close(score(&m, unit, "idx"), idx, 1e-12), "{unit} idx");
        assert_eq!(result(&m, unit)["rank"]["idx"], rank);
    }
    // The same year on the old units: A, C and D tie at 0.3 (4 decimals) and share rank 3.
    let old = json(&["rank", "--spec", MERGE, "--format", "json", "--year", "2024"]);
    assert_eq!(old["units_ranked"], 5);
    for (unit, rank) in [("E", 1), ("B", 2), ("A", 3), ("C", 3), ("D", 3)] {
        assert_eq!(result(&old, unit)["rank"]["idx"], rank, "{unit}");
    }
}

#[test]
fn without_a_merge_units_are_new_and_gone_never_given_a_made_up_change() {
    let doc = json(&["rank", "--spec", "tests/fixtures/merge/nomerge.toml", "--format", "json"]);
    let c = &doc["comparison"];
    assert_eq!(c["common_units"], 0);
    assert_eq!(c["new"], serde_json::json!(["Y", "X"]));
    let gone: Vec<&str> = c["gone"].as_array().unwrap().iter().map(|g| g["unit"].as_str().unwrap()).collect();
    assert_eq!(gone, ["E", "B", "A", "C", "D"]);
    assert_eq!(c["gone"][0]["previous"]["rank"]["idx"], 1);
    for r in doc["results"].as_array().unwrap() {
        assert!(r["previous"].is_null() && r["change"].is_null());
    }
    let table = stdout(&dti(&["rank", "--spec", "tests/fixtures/merge/nomerge.toml"]));
    assert!(
        table.contains("new")
            && table.contains("No data for 2025 (ranked in 2024): E (1/5), B (2/5), A (3/5), C (3/5), D (3/5)")
    );
    assert!(table.contains("0 in both years, 2 new, 5 gone"));
    let csv = stdout(&dti(&["rank", "--spec", "tests/fixtures/merge/nomerge.toml", "--format", "csv"]));
    assert!(csv.lines().any(|l| l.starts_with("E,,,,0.75,1,,,,,0.9,1,")), "{csv}");
}

/// Each of the 34 units' DTI and pillars equal the plain mean of its old provinces' values:
/// DTI and pillars are linear in the main indices (dti-method.md), checked here from the
/// 63-province output, independently of the re-basing code.
#[test]
fn bundled_data_on_the_34_unit_basis() {
    let old = json(&["rank", "--format", "json", "--no-compare"]);
    let new = json(&["rank", "--format", "json", "--no-compare", "--merged"]);
    assert_eq!(new["units_ranked"], 34);
    let registry = std::fs::read_to_string(crate::common::root().join("data/units/provinces.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(registry.as_bytes());
    let pairs: Vec<(String, String)> =
        rdr.records().map(|r| r.unwrap()).map(|r| (r[1].to_string(), r[4].to_string())).collect();
    for r in new["results"].as_array().unwrap() {
        let unit = r["unit"].as_str().unwrap();
        let members: Vec<&str> = pairs.iter().filter(|(_, t)| t == unit).map(|(f, _)| f.as_str()).collect();
        assert!(!members.is_empty(), "{unit}");
        for node in ["dti", "gov", "econ", "soc"] {
            let mean = members.iter().map(|m| score(&old, m, node)).sum::<f64>() / members.len() as f64;
            assert!(close(r["score"][node].as_f64().unwrap(), mean, 1e-12), "{unit} {node}");
        }
        assert!(r["code"].is_null());
    }
    assert!(stdout(&dti(&["rank", "--merged"])).contains("/34 ┆"));
}

#[test]
fn merged_needs_a_merge_section() {
    let o = dti(&["rank", "--spec", "examples/minimal/indicators.toml", "--merged"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--merged needs a [merge] section in the spec"));
}

const BOUNDS: &str = r#"
[index]
id = "idx"
children = { x = 1 }

[[indicator]]
id = "x"
direction = "higher"
normalize = "minmax"
"#;

/// Both units improve by 10 each year. Per-year bounds hide it (each year B is 1 and A is 0);
/// pooled bounds over 0–20 show it: 2022 A 0, B 0.5; 2023 A 0.5, B 1.
#[test]
fn bounds_change_what_a_change_means() {
    let data = "unit,year,x\nA,2021,0\nB,2021,5\nA,2022,0\nB,2022,10\nA,2023,10\nB,2023,20\n";
    let dir = folder(&[("indicators.toml", BOUNDS), ("d.csv", data)]);
    let per_year = json_in(dir.path(), &["rank", "--data", "d.csv", "--format", "json"]);
    assert!(close(result(&per_year, "A")["change"]["score"]["idx"].as_f64().unwrap(), 0.0, 1e-12));
    let pooled = json_in(dir.path(), &["rank", "--data", "d.csv", "--format", "json", "--bounds", "pooled"]);
    for (unit, now, change) in [("A", 0.5, 0.5), ("B", 1.0, 0.5)] {
        let r = result(&pooled, unit);
        assert!(close(r["score"]["idx"].as_f64().unwrap(), now, 1e-12), "{unit}");
        assert!(close(r["change"]["score"]["idx"].as_f64().unwrap(), change, 1e-12), "{unit}");
    }
    // Any earlier year: 2021 pooled, B was 5/20 = 0.25.
    let vs21 = json_in(
        dir.path(),
        &["rank", "--data", "d.csv", "--format", "json", "--bounds", "pooled", "--compare", "2021"],
    );
    assert_eq!(vs21["compare_year"], 2021);
    assert!(close(result(&vs21, "B")["change"]["score"]["idx"].as_f64().unwrap(), 0.75, 1e-12));
    let o = crate::common::dti_in(dir.path(), &["rank", "--data", "d.csv", "--bounds", "pooled", "--lang", "en"]);
    assert!(stdout(&o).contains("normalisation bounds: pooled over all years"));
}

/// The printed change is the difference of the printed scores, in every format. Thái Nguyên
/// (bundled sample) is printed as 0.7258 in 2023 and 0.6797 in 2022, so its change is
/// 0.7258 − 0.6797 = +0.0461 (the unrounded scores, 0.725767 and 0.679740, differ by 0.04603
/// and would print +0.0460).
// See: issue 16, finding 2.
#[test]
fn r16_printed_change_is_the_difference_of_printed_scores() {
    let row = |out: &str| out.lines().find(|l| l.contains("Thái Nguyên")).unwrap().to_string();
    assert!(row(&stdout(&dti(&["rank"]))).contains("┆ 0,7258 ┆ +0,0461 ┆"));
    assert!(row(&stdout(&dti(&["rank", "--year", "2022", "--no-compare"]))).contains("┆ 0,6797 ┆"));
    // Every unit and node, against the 4-decimal text of each score.
    let p4 = |v: &serde_json::Value| format!("{:.4}", v.as_f64().unwrap()).parse::<f64>().unwrap();
    let doc = json(&["rank", "--format", "json"]);
    assert_eq!(doc["comparison"]["score_change"], "difference of the scores rounded to 4 decimals");
    let csv_text = stdout(&dti(&["rank", "--format", "csv"]));
    let mut csv_rows = csv::Reader::from_reader(csv_text.as_bytes());
    let head = csv_rows.headers().unwrap().clone();
    let col = head.iter().position(|h| h == "dti_change").unwrap();
    let csv: Vec<csv::StringRecord> = csv_rows.records().map(Result::unwrap).collect();
    for (r, rec) in doc["results"].as_array().unwrap().iter().zip(&csv) {
        assert_eq!(rec[0], *r["unit"].as_str().unwrap());
        for (node, c) in r["change"]["score"].as_object().unwrap() {
            let expected = p4(&r["score"][node]) - p4(&r["previous"]["score"][node]);
            assert!(close(c.as_f64().unwrap(), expected, 1e-12), "{} {node}", r["unit"]);
        }
        let expected = p4(&r["score"]["dti"]) - p4(&r["previous"]["score"]["dti"]);
        assert!(close(rec[col].parse::<f64>().unwrap(), expected, 1e-12), "{}", r["unit"]);
    }
    // explain: the same published change; the contributions add up to the unrounded one.
    let ex = json(&["explain", "Thái Nguyên", "--format", "json"]);
    let c = &ex["change"];
    assert!(close(c["total"].as_f64().unwrap(), 0.0461, 1e-12));
    let exact = c["exact"].as_f64().unwrap();
    let tn = doc["results"].as_array().unwrap().iter().find(|r| r["unit"] == "Thái Nguyên").unwrap();
    let unrounded = tn["score"]["dti"].as_f64().unwrap() - tn["previous"]["score"]["dti"].as_f64().unwrap();
    assert!(close(exact, unrounded, 1e-12) && (0.04600..0.04605).contains(&exact), "{exact}");
    assert!(close(exact + c["rounding"].as_f64().unwrap(), 0.0461, 1e-15));
    let sum: f64 = c["contributions"].as_object().unwrap().values().filter_map(serde_json::Value::as_f64).sum();
    assert!(close(sum, exact, 1e-9));
    assert!(ex["summary"].as_str().unwrap().contains("(điểm +0,0461)"));
    let text = stdout(&dti(&["explain", "Thái Nguyên"]));
    assert!(
        text.lines().any(|l| l.starts_with("│ Chỉ số DTI") && l.contains("┆ 0,6797 ┆  8/63 ┆ +0,0461 ┆")),
        "{text}"
    );
}

/// `--years` / `--all-years`: one long CSV or JSON with a `year` column, each year against the
/// year before it. `examples/minimal` by hand (its EXPECTED.md): 2023 East 0.8125, North 0.75,
/// South 0.3125 (no earlier year); 2024 North 0.9375 (+0.1875, ↑1), South 0.75 (+0.4375, ↑1),
/// East 0.0625 (−0.75, ↓2).
// See: issue 16, finding 14.
#[test]
fn r16_several_years_in_one_long_table() {
    let spec = "examples/minimal/indicators.toml";
    let csv_text = stdout(&dti(&["rank", "--spec", spec, "--all-years", "--format", "csv"]));
    let mut rdr = csv::Reader::from_reader(csv_text.as_bytes());
    let head: Vec<String> = rdr.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(head[..9].join(","), "year,unit,code,idx,idx_rank,idx_prev,idx_rank_prev,idx_change,idx_rank_change");
    let rows: Vec<Vec<String>> = rdr.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let expected = [
        ("2023", "East", 0.8125, "1", "", ""),
        ("2023", "North", 0.75, "2", "", ""),
        ("2023", "South", 0.3125, "3", "", ""),
        ("2024", "North", 0.9375, "1", "0.1875", "1"),
        ("2024", "South", 0.75, "2", "0.4375", "1"),
        ("2024", "East", 0.0625, "3", "-0.75", "-2"),
    ];
    assert_eq!(rows.len(), expected.len());
    for (row, (year, unit, score, rank, change, moved)) in rows.iter().zip(expected) {
        assert_eq!((row[0].as_str(), row[1].as_str(), row[4].as_str()), (year, unit, rank));
        assert!(close(row[3].parse::<f64>().unwrap(), score, 1e-12), "{row:?}");
        assert_eq!((row[7].as_str(), row[8].as_str()), (change, moved), "{row:?}");
        assert_eq!(row.len(), head.len());
    }
    let doc = json(&["rank", "--spec", spec, "--years", "2024", "--format", "json"]);
    assert_eq!(doc["years"], serde_json::json!([2024]));
    let r = &doc["results"][2];
    assert_eq!(
        (r["year"].as_i64(), r["compare_year"].as_i64(), r["unit"].as_str()),
        (Some(2024), Some(2023), Some("East"))
    );
    assert!(close(r["change"]["score"]["idx"].as_f64().unwrap(), -0.75, 1e-12));
    assert_eq!(doc["comparisons"][0]["of_year"], 2024);
    // Same as the one-year JSON of 2024, result by result.
    let one = json(&["rank", "--spec", spec, "--format", "json"]);
    for (a, b) in doc["results"].as_array().unwrap().iter().zip(one["results"].as_array().unwrap()) {
        assert_eq!(
            (&a["unit"], &a["score"], &a["rank"], &a["change"]),
            (&b["unit"], &b["score"], &b["rank"], &b["change"])
        );
    }
    for (args, says) in [
        (&["--years", "2020-2024"][..], "--years 2020-2024: the data has no year 2020"),
        (&["--years", "twenty"][..], "--years twenty: not a year or a range of years"),
        (&["--all-years", "--format", "md"][..], "--years and --all-years write one long table: CSV or JSON"),
    ] {
        let o = dti(&[&["rank", "--spec", spec][..], args].concat());
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
    }
}
