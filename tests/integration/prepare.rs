//! Denominators, imputation and outlier treatment (product.md §7), against the hand-worked
//! fixtures `tests/fixtures/{impute,denominator-zero,treat}/EXPECTED.md`.

use crate::common::{close, dti_in, folder, json_in, result, root, stderr, stdout};
use serde_json::Value;

fn fixture(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures").join(name)
}

/// The `"imputed"` entries as (unit, year, indicator, value, method).
fn imputed(doc: &Value) -> Vec<(String, i64, String, f64, String)> {
    doc["imputed"]
        .as_array()
        .expect("imputed")
        .iter()
        .map(|i| {
            (
                i["unit"].as_str().unwrap().to_string(),
                i["year"].as_i64().unwrap(),
                i["indicator"].as_str().unwrap().to_string(),
                i["value"].as_f64().unwrap(),
                i["method"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn raw(doc: &Value, unit: &str, ind: &str) -> Option<f64> {
    result(doc, unit)["indicator"][ind]["raw"].as_f64()
}

#[test]
fn every_imputation_method_fills_what_expected_md_says() {
    let dir = fixture("impute");
    let doc = json_in(&dir, &["rank", "--year", "2022", "--format", "json"]);
    let want = [
        ("B", 2021, "li", 4.0, "linear"),
        ("A", 2022, "lo", 5.0, "locf"),
        ("A", 2022, "li", 5.0, "linear"),
        ("C", 2022, "li", 1.0, "linear"),
    ];
    let got = imputed(&doc);
    let want: Vec<_> =
        want.iter().map(|(u, y, i, v, m)| (u.to_string(), *y, i.to_string(), *v, m.to_string())).collect();
    assert_eq!(got, want);

    let doc = json_in(&dir, &["rank", "--year", "2023", "--no-compare", "--format", "json", "--detail"]);
    let got = imputed(&doc);
    let want: Vec<_> = [("B", "lo", 8.0, "locf"), ("C", "m", 30.0, "mean"), ("D", "md", 2.0, "median")]
        .iter()
        .map(|(u, i, v, m)| (u.to_string(), 2023, i.to_string(), *v, m.to_string()))
        .collect();
    assert_eq!(got, want);
    // max_years ran out: A's locf (2 years back) and C's linear stay missing; `none` is none.
    assert_eq!(raw(&doc, "A", "lo"), None);
    assert_eq!(raw(&doc, "C", "li"), None);
    assert_eq!(raw(&doc, "C", "m"), Some(30.0));
    for (unit, idx) in
        [("A", 0.25), ("B", 0.451_666_666_666_666_7), ("C", 0.516_666_666_666_666_6), ("D", 0.453_571_428_571_428_6)]
    {
        let got = result(&doc, unit)["score"]["idx"].as_f64().unwrap();
        assert!(close(got, idx, 1e-12), "{unit}: {got} vs {idx}");
    }
}

#[test]
fn imputed_values_are_marked_in_table_csv_and_counted_in_the_footer() {
    let dir = fixture("impute");
    let o = dti_in(&dir, &["rank", "--year", "2023", "--no-compare"]);
    let text = stdout(&o);
    assert!(text.contains("B*") && text.contains("C*") && text.contains("D*"), "{text}");
    assert!(!text.contains("A*"), "A has no imputed value in 2023:\n{text}");
    assert!(text.contains("* has imputed values (3 in 2023"), "{text}");
    assert!(text.contains("imputed values: 3; indicators treated: 0"), "{text}");
    let o = dti_in(&dir, &["rank", "--year", "2023", "--no-compare", "--format", "csv"]);
    let csv = stdout(&o);
    let head = csv.lines().next().unwrap();
    assert!(head.ends_with(",imputed,treated"), "{head}");
    assert!(csv.lines().any(|l| l.starts_with("B,") && l.ends_with(",lo,")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("A,") && l.ends_with(",,")), "{csv}");
}

#[test]
fn a_zero_denominator_is_an_error_at_its_cell() {
    let o = dti_in(&fixture("denominator-zero"), &["validate"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("the denominator `population` is 0"), "{err}");
    assert!(err.contains("--> data.csv: row 3, column `population`"), "{err}");
    assert!(err.contains("`flights`"), "{err}");
}

#[test]
fn a_denominator_divides_before_anything_else() {
    let spec = std::fs::read_to_string(fixture("denominator-zero/indicators.toml")).unwrap();
    let data =
        std::fs::read_to_string(fixture("denominator-zero/data.csv")).unwrap().replace("B,2023,0,", "B,2023,200,");
    let dir = folder(&[("indicators.toml", &spec), ("data.csv", &data)]);
    let doc = json_in(dir.path(), &["rank", "--format", "json", "--detail"]);
    for (unit, r, n) in [("A", 0.5, 1.0), ("B", 0.1, 0.0), ("C", 0.25, 0.375)] {
        assert!(close(raw(&doc, unit, "flights").unwrap(), r, 1e-15));
        let got = result(&doc, unit)["indicator"]["flights"]["normalized"].as_f64().unwrap();
        assert!(close(got, n, 1e-12), "{unit}: {got}");
    }
    // A missing denominator column is named.
    let dir = folder(&[("indicators.toml", &spec), ("data.csv", &data.replace("population", "pop"))]);
    let err = stderr(&dti_in(dir.path(), &["validate"]));
    assert!(err.contains("denominator column `population` is not in the data"), "{err}");
}

#[test]
fn treatment_winsorises_one_and_five_points_then_logs() {
    let doc = json_in(&fixture("treat"), &["rank", "--format", "json", "--detail"]);
    let treated: Vec<(String, String, i64)> = doc["treated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["indicator"].as_str().unwrap().into(),
                t["method"].as_str().unwrap().into(),
                t["points"].as_i64().unwrap(),
            )
        })
        .collect();
    let want = [("one", "winsorise", 1), ("five", "winsorise", 5), ("logged", "log", 56)];
    assert_eq!(treated, want.map(|(a, b, c)| (a.to_string(), b.to_string(), c)));
    let norm = |u: &str, i: &str| result(&doc, u)["indicator"][i]["normalized"].as_f64().unwrap();
    assert!(close(raw(&doc, "U10", "one").unwrap(), 9.0, 0.0));
    assert!(close(norm("U10", "one"), 1.0, 1e-15) && close(norm("U05", "one"), 0.5, 1e-15));
    assert!(close(norm("U43", "five"), 1.0, 1e-15) && close(norm("U38", "five"), 1.0, 1e-15));
    assert!(close(norm("U01", "five"), 0.0, 1e-15));
    assert!(close(norm("U51", "logged"), 0.622_232_857_062_958_1, 1e-12));
    let text = stdout(&dti_in(&fixture("treat"), &["rank"]));
    assert!(
        text.contains(
            "outliers treated: one (winsorise, 1 point), five (winsorise, 5 points), logged (log, 56 points)"
        ),
        "{text}"
    );
}

#[test]
fn bad_impute_and_treat_keys_are_placed() {
    let spec = "[index]\nid = \"idx\"\nchildren = [\"a\"]\n\n[[indicator]]\nid = \"a\"\ndirection = \"higher\"\nimpute = { method = \"mode\" }\ntreat = { method = \"winsorise\", then = \"sqrt\" }\n";
    let dir = folder(&[("indicators.toml", spec), ("d.csv", "unit,year,a\nX,2023,1\n")]);
    let err = stderr(&dti_in(dir.path(), &["validate", "--data", "d.csv"]));
    assert!(err.contains("unknown imputation method `mode`") && err.contains("indicators.toml:8:21"), "{err}");
    assert!(err.contains("unknown second treatment `sqrt`") && err.contains("indicators.toml:9:40"), "{err}");
    let spec = spec.replace("{ method = \"mode\" }", "{ method = \"group-mean\" }").replace(", then = \"sqrt\"", "");
    let dir = folder(&[("indicators.toml", &spec), ("d.csv", "unit,year,a\nX,2023,1\n")]);
    let err = stderr(&dti_in(dir.path(), &["validate", "--data", "d.csv"]));
    assert!(err.contains("`group-mean` needs `group`"), "{err}");
}

#[test]
fn group_imputation_uses_the_units_group_that_year() {
    let doc = json_in(&fixture("impute-group"), &["rank", "--format", "json", "--detail"]);
    let want: Vec<_> =
        [("B", "gm", 15.0, "group-mean"), ("E", "gm", 60.0, "group-mean"), ("E", "gmd", 5.0, "group-median")]
            .iter()
            .map(|(u, i, v, m)| (u.to_string(), 2023, i.to_string(), *v, m.to_string()))
            .collect();
    assert_eq!(imputed(&doc), want);
    assert_eq!(raw(&doc, "A", "gm"), Some(10.0));
    // A group column the spec does not declare is a placed spec error.
    let spec =
        std::fs::read_to_string(fixture("impute-group/indicators.toml")).unwrap().replace("groups = [\"zone\"]\n", "");
    let data = std::fs::read_to_string(fixture("impute-group/data.csv")).unwrap();
    let dir = folder(&[("indicators.toml", &spec), ("data.csv", &data)]);
    let err = stderr(&dti_in(dir.path(), &["validate"]));
    assert!(err.contains("`zone` is not a group column") && err.contains("indicators.toml:10:"), "{err}");
}

#[test]
fn explain_and_the_report_page_mark_imputed_and_treated_values() {
    let dir = fixture("impute");
    let text = stdout(&dti_in(&dir, &["explain", "B", "--year", "2023", "--lang", "en"]));
    assert!(text.contains(" 8* ") && text.contains("* imputed: lo (locf)"), "{text}");
    let doc = json_in(&dir, &["explain", "B", "--year", "2023", "--format", "json"]);
    let lines = doc["indicators"].as_array().unwrap();
    let line = |id: &str| lines.iter().find(|l| l["id"] == id).unwrap().clone();
    assert_eq!(line("lo")["imputed"], "locf");
    assert_eq!(line("m")["imputed"], Value::Null);
    let doc = json_in(&fixture("treat"), &["explain", "U10", "--format", "json"]);
    let one = doc["indicators"].as_array().unwrap().iter().find(|l| l["id"] == "one").unwrap().clone();
    assert_eq!((one["treated"].as_str(), one["raw"].as_f64()), (Some("winsorise"), Some(9.0)));
    let page =
        stdout(&dti_in(&dir, &["report", "B", "--year", "2023", "--lang", "en", "--output", "-", "--format", "md"]));
    assert!(page.contains("* imputed: lo (locf)"), "{page}");
}

#[test]
fn audit_gives_imputed_shares_and_the_treated_indicators() {
    let doc = json_in(&fixture("impute"), &["audit", "--year", "2023", "--format", "json"]);
    let ind = doc["imputed"]["indicators"].as_array().unwrap();
    let m = ind.iter().find(|i| i["id"] == "m").unwrap();
    assert_eq!((m["imputed"].as_i64(), m["of"].as_i64(), m["share"].as_f64()), (Some(1), Some(4), Some(0.25)));
    assert!(ind.iter().all(|i| i["id"] != "no"), "`none` imputes nothing and is not listed");
    let units = doc["imputed"]["units"].as_array().unwrap();
    let b = units.iter().find(|u| u["unit"] == "B").unwrap();
    assert_eq!((b["imputed"].as_i64(), b["of"].as_i64()), (Some(1), Some(5)));
    let doc = json_in(&fixture("treat"), &["audit", "--format", "json"]);
    let treated: Vec<&str> =
        doc["treated"].as_array().unwrap().iter().map(|t| t["indicator"].as_str().unwrap()).collect();
    assert_eq!(treated, ["one", "five", "logged"]);
}

#[test]
fn the_workbook_has_an_imputed_sheet_and_lists_treatments_on_run() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("i.xlsx");
    let o = dti_in(&fixture("impute"), &["rank", "--year", "2023", "--no-compare", "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).expect("opens");
    let r = wb.worksheet_range("Imputed").expect("an Imputed sheet");
    let rows: Vec<Vec<Data>> = r.rows().map(<[Data]>::to_vec).collect();
    assert_eq!(rows.len(), 4, "a header and three imputed values");
    assert_eq!(
        rows[2],
        [
            Data::String("C".into()),
            Data::Float(2023.0),
            Data::String("m".into()),
            Data::Float(30.0),
            Data::String("mean".into())
        ]
    );
    let out = tmp.path().join("t.xlsx");
    let o = dti_in(&fixture("treat"), &["rank", "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).expect("opens");
    let run = wb.worksheet_range("Run").expect("Run");
    let lines: Vec<String> =
        run.rows().filter(|r| r[0] == Data::String("Outliers treated".into())).map(|r| r[1].to_string()).collect();
    assert_eq!(
        lines,
        ["one 2023 (winsorise, 1 point)", "five 2023 (winsorise, 5 points)", "logged 2023 (log, 56 points)"]
    );
}

/// The index rank of every unit, from `dti rank --format json` in `dir`.
fn ranks(dir: &std::path::Path) -> std::collections::BTreeMap<String, Option<i64>> {
    let doc = json_in(dir, &["rank", "--format", "json"]);
    doc["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["unit"].as_str().unwrap().to_string(), r["rank"]["idx"].as_i64()))
        .collect()
}

#[test]
fn sensitivity_draws_treatment_on_or_off() {
    let spec = std::fs::read_to_string(fixture("treat/indicators.toml")).unwrap();
    let data = std::fs::read_to_string(fixture("treat/data.csv")).unwrap();
    let untreated = spec
        .replace("treat = { method = \"winsorise\", max_points = 5, skew = 2.0, kurtosis = 3.5, then = \"log\" }", "");
    let off = folder(&[("indicators.toml", &untreated), ("data.csv", &data)]);
    let (on_ranks, off_ranks) = (ranks(&fixture("treat")), ranks(off.path()));
    assert_ne!(on_ranks, off_ranks, "treatment must matter for the test to mean anything");
    let dir = folder(&[("indicators.toml", &spec), ("data.csv", &data)]);
    let o = dti_in(
        dir.path(),
        &["sensitivity", "--runs", "12", "--toggle-prepare", "--save-runs", "runs.csv", "--format", "json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(dir.path().join("runs.csv")).unwrap();
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&head[..6], ["run", "normalize", "aggregate", "dropped", "impute", "treat"]);
    let mut seen = (0, 0);
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[4], "", "the spec imputes nothing: not drawn");
        let want = match cells[5] {
            "on" => {
                seen.0 += 1;
                &on_ranks
            }
            "off" => {
                seen.1 += 1;
                &off_ranks
            }
            other => panic!("treat = {other}"),
        };
        let units = head.iter().zip(&cells).skip(6).filter(|(name, _)| !name.starts_with("w:"));
        assert_eq!(units.clone().count(), 56);
        for (name, cell) in units {
            assert_eq!(cell.parse::<i64>().ok(), want[*name], "run {} unit {name}", cells[0]);
        }
    }
    assert!(seen.0 > 0 && seen.1 > 0, "12 runs draw both: {seen:?}");
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(doc["drivers"]["treatment"].is_number(), "{}", doc["drivers"]);
}

#[test]
fn the_template_has_a_column_per_denominator() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("t.xlsx");
    let o = dti_in(&fixture("denominator-zero"), &["template", "--year", "2024", "--output", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).expect("opens");
    let r = wb.worksheet_range("2024").expect("the year's sheet");
    let head: Vec<Data> = r.rows().next().unwrap().to_vec();
    assert_eq!(
        head[3..],
        [Data::String("flights".into()), Data::String("net".into()), Data::String("population".into())]
    );
}

#[test]
fn denominators_in_a_long_table_are_rows_of_their_own() {
    let spec = std::fs::read_to_string(fixture("denominator-zero/indicators.toml")).unwrap();
    let long = "unit,year,indicator,value\nA,2023,flights,50\nA,2023,population,100\nA,2023,net,1\n\
                B,2023,flights,20\nB,2023,population,200\nB,2023,net,2\nC,2023,flights,100\nC,2023,net,3\n";
    let dir = folder(&[("indicators.toml", &spec), ("data.csv", long)]);
    let o = dti_in(dir.path(), &["validate"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("the denominator `population` is missing for C in 2023"), "{err}");
    let dir = folder(&[("indicators.toml", &spec), ("data.csv", &format!("{long}C,2023,population,400\n"))]);
    let doc = json_in(dir.path(), &["rank", "--format", "json", "--detail"]);
    assert_eq!(
        [raw(&doc, "A", "flights"), raw(&doc, "B", "flights"), raw(&doc, "C", "flights")],
        [Some(0.5), Some(0.1), Some(0.25)]
    );
}
