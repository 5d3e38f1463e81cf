//! The shipped examples against answers that do not come from this program: hand-worked
//! numbers (`examples/minimal/EXPECTED.md`), published official values, published ranks.

use crate::common::{close, json, result};

/// year, unit, node, score, rank
type Expected = (i64, String, String, Option<f64>, Option<u64>);

/// Rows `| year | unit | node | score | rank |` from the machine-readable table of EXPECTED.md;
/// `-` is a missing score or rank.
fn expected(path: &str) -> Vec<Expected> {
    let text = std::fs::read_to_string(crate::common::root().join(path)).expect("EXPECTED.md");
    let table = text.split("## Machine-readable answers").nth(1).expect("the answers table");
    table
        .lines()
        .filter(|l| l.starts_with("| 20"))
        .map(|l| {
            let f: Vec<&str> = l.split('|').map(str::trim).collect();
            (f[1].parse().unwrap(), f[2].to_string(), f[3].to_string(), f[4].parse().ok(), f[5].parse().ok())
        })
        .collect()
}

/// Checks every row of a fixture's EXPECTED.md against `dti rank --format json`.
fn check_expected(spec: &str, expected_md: &str, n_rows: usize) {
    let rows = expected(expected_md);
    assert_eq!(rows.len(), n_rows);
    let mut years: Vec<i64> = rows.iter().map(|r| r.0).collect();
    years.dedup();
    for year in years {
        let y = year.to_string();
        let doc = json(&["rank", "--spec", spec, "--format", "json", "--year", &y]);
        for (_, unit, node, score, rank) in rows.iter().filter(|r| r.0 == year) {
            let r = result(&doc, unit);
            match score {
                Some(s) => {
                    let got = r["score"][node].as_f64().unwrap_or(f64::NAN);
                    assert!(close(got, *s, 1e-12), "{year} {unit} {node}: {got} != {s}");
                }
                None => assert!(r["score"][node].is_null(), "{year} {unit} {node} should be missing"),
            }
            assert_eq!(r["rank"][node].as_u64(), *rank, "{year} {unit} {node} rank");
        }
    }
}

#[test]
fn every_method_matches_its_hand_worked_answers() {
    check_expected("tests/fixtures/methods/indicators.toml", "tests/fixtures/methods/EXPECTED.md", 30);
}

#[test]
fn minimal_matches_its_hand_worked_answers() {
    check_expected("examples/minimal/indicators.toml", "examples/minimal/EXPECTED.md", 18);
    // Changes 2024 vs 2023, as worked in EXPECTED.md.
    let doc = json(&["rank", "--spec", "examples/minimal/indicators.toml", "--format", "json"]);
    for (unit, ds, dr) in [("North", 0.1875, 1), ("South", 0.4375, 1), ("East", -0.75, -2)] {
        let r = result(&doc, unit);
        assert!(close(r["change"]["score"]["idx"].as_f64().unwrap(), ds, 1e-12), "{unit}");
        assert_eq!(r["change"]["rank"]["idx"].as_i64(), Some(dr), "{unit}");
    }
}

/// The published 2021 DTI and pillar values, recomputed from main indices by the 922 weights.
#[test]
fn official_922_reproduces_published_values() {
    let doc = json(&["rank", "--spec", "examples/official-922/indicators.toml", "--year", "2021", "--format", "json"]);
    let csv =
        std::fs::read_to_string(crate::common::root().join("examples/official-922/main-indices-2021-derived.csv"))
            .unwrap();
    let mut n = 0;
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let r = result(&doc, f[1]);
        for (node, col) in [("dti", 11), ("gov", 12), ("econ", 13), ("soc", 14)] {
            let published: f64 = f[col].parse().unwrap();
            let got = r["score"][node].as_f64().unwrap();
            assert!(close(got, published, 1e-4), "{} {node}: {got} vs published {published}", f[1]);
        }
        n += 1;
    }
    assert_eq!(n, 17);
    // Đà Nẵng by hand: F = (700·0.6868 + 650·0.6312 + 650·0.6483 − 1000·0.6419)/2 = 335.2675,
    // so gov_activity = (480.76 − 335.2675)/200 = 0.7274625 and DTI = 0.6419 exactly.
    let dn = result(&doc, "Đà Nẵng");
    assert_eq!(dn["code"], "48");
    assert!(close(dn["score"]["dti"].as_f64().unwrap(), 0.6419, 2e-6));
    assert_eq!(dn["rank"]["dti"], 1);
}

/// The published 2022 main indices of the top 5 (dti.gov.vn), real input: the 922 weights give
/// their published DTI within ±0.0001 (the main indices are printed rounded: Hồ Chí Minh City
/// computes to 0.71636, printed 0.7163), their published ranks 1–5, and Quảng Ninh's published
/// pillars 0.7804 / 0.7187 / 0.6864. By hand, Đà Nẵng: F = 100·(1 + 0.9 + 0.8253 + 0.8487 +
/// 0.7578) = 433.18; DTI = (433.18 + 200·0.8575 + 150·0.7836 + 150·0.5197)/1000 = 0.800175.
// See: issue 15.
#[test]
fn r15_official_922_reproduces_the_2022_top_5() {
    let doc = json(&["rank", "--spec", "examples/official-922/indicators.toml", "--year", "2022", "--format", "json"]);
    let path = crate::common::root().join("examples/official-922/main-indices-2022-top5.csv");
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let mut n = 0;
    for row in rdr.records().map(Result::unwrap) {
        let r = result(&doc, &row[1]);
        assert_eq!(r["rank"]["dti"].to_string(), &row[15], "{}", &row[1]);
        for (node, col) in [("dti", 11), ("gov", 12), ("econ", 13), ("soc", 14)] {
            if let Ok(published) = row[col].parse::<f64>() {
                let got = r["score"][node].as_f64().unwrap();
                assert!(close(got, published, 1.000_1e-4), "{} {node}: {got} vs published {published}", &row[1]);
            }
        }
        n += 1;
    }
    assert_eq!(n, 5);
    assert!(close(result(&doc, "Đà Nẵng")["score"]["dti"].as_f64().unwrap(), 0.800_175, 1e-12));
    let qn = result(&doc, "Quảng Ninh");
    for (node, published) in [("gov", "0.7804"), ("econ", "0.7187"), ("soc", "0.6864")] {
        assert_eq!(format!("{:.4}", qn["score"][node].as_f64().unwrap()), published, "{node}");
    }
}

#[test]
fn official_1726_weights_pillars_04_03_03() {
    let doc = json(&["rank", "--spec", "examples/official-1726/indicators.toml", "--format", "json"]);
    // 0.4·0.3 + 0.3·0.5 + 0.3·0.5 = 0.42; 0.4·0.5 + 0.3·0.4 + 0.3·0.3 = 0.41; 0.4 for all 0.4.
    for (unit, dti, rank) in [("Đà Nẵng", 0.42, 1), ("Quảng Ninh", 0.41, 2), ("Bắc Ninh", 0.40, 3)] {
        let r = result(&doc, unit);
        assert!(close(r["score"]["dti"].as_f64().unwrap(), dti, 1e-12), "{unit}");
        assert_eq!(r["rank"]["dti"], rank);
    }
}

/// Ranks 1–18 of 2021 as published, with Thanh Hóa and Vĩnh Phúc tied 12th and the next 14th.
#[test]
fn published_2021_ranks_are_reproduced() {
    let doc = json(&["rank", "--spec", "examples/published-2021/indicators.toml", "--format", "json"]);
    let csv =
        std::fs::read_to_string(crate::common::root().join("examples/published-2021/dti-2021-top18.csv")).unwrap();
    for line in csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let r = result(&doc, f[1]);
        assert_eq!(r["rank"]["dti"].as_u64(), f[4].parse().ok(), "{}", f[1]);
        assert_eq!(r["code"], f[2]);
    }
    assert_eq!(result(&doc, "Thanh Hóa")["rank"]["dti"], 12);
    assert_eq!(result(&doc, "Vĩnh Phúc")["rank"]["dti"], 12);
    assert_eq!(result(&doc, "Hải Dương")["rank"]["dti"], 14);
    // Ties are listed by official name: Thanh Hóa before Vĩnh Phúc.
    let order: Vec<&str> = doc["results"].as_array().unwrap().iter().map(|r| r["unit"].as_str().unwrap()).collect();
    assert_eq!(&order[11..14], &["Thanh Hóa", "Vĩnh Phúc", "Hải Dương"]);
}
