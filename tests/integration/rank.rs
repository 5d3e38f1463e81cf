//! `dti rank` on the bundled data and on small hand-made inputs: every flag.

use crate::common::{close, dti, dti_in, folder, json, json_in, result, root, stderr, stdout};
use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn bundled_table_ranks_63_provinces_for_2023_against_2022() {
    let o = dti(&["rank"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().filter(|l| l.contains("/63 ")).count(), 63);
    assert!(out.contains("Hạng") && out.contains("Chính quyền số"));
    assert!(out.contains("Năm 2023, so với 2022 · 63 đơn vị được xếp hạng"));
    assert!(out.contains("Thanh Hóa") && !out.contains("Thanh Hoá"), "official names only");
}

/// Ranks checked by an independent rule: 1 + the number of units whose 4-decimal DTI is higher.
#[test]
fn bundled_json_is_consistent_and_calibrated() {
    let doc = json(&["rank", "--format", "json"]);
    assert_eq!(doc["year"], 2023);
    assert_eq!(doc["compare_year"], 2022);
    assert_eq!(doc["units_ranked"], 63);
    let results = doc["results"].as_array().unwrap();
    assert_eq!(results.len(), 63);
    let r4 = |v: &serde_json::Value| (v.as_f64().unwrap() * 1e4).round() as i64;
    let scores: Vec<i64> = results.iter().map(|r| r4(&r["score"]["dti"])).collect();
    for r in results {
        let mine = r4(&r["score"]["dti"]);
        let expected = 1 + scores.iter().filter(|&&s| s > mine).count() as u64;
        assert_eq!(r["rank"]["dti"].as_u64(), Some(expected), "{}", r["unit"]);
        let prev = r["previous"]["rank"]["dti"].as_i64().unwrap();
        assert_eq!(r["change"]["rank"]["dti"].as_i64(), Some(prev - r["rank"]["dti"].as_i64().unwrap()));
        // The change of the published (4-decimal) scores.
        let p4 = |v: &serde_json::Value| format!("{:.4}", v.as_f64().unwrap()).parse::<f64>().unwrap();
        let ds = p4(&r["score"]["dti"]) - p4(&r["previous"]["score"]["dti"]);
        assert!(close(r["change"]["score"]["dti"].as_f64().unwrap(), ds, 1e-12));
    }
    let mean: f64 = results.iter().map(|r| r["score"]["dti"].as_f64().unwrap()).sum::<f64>() / 63.0;
    assert!(close(mean, 0.6783, 0.0005), "2023 mean {mean}");
    assert_eq!(result(&doc, "TP. Hồ Chí Minh")["code"], "79");
    // Every composite is reported, the pillars flagged.
    let nodes: Vec<&str> = doc["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(&nodes[..4], &["dti", "gov", "econ", "soc"]);
    assert!(nodes.contains(&"smart_city") && nodes.contains(&"gov_activity"));
    let y22 = json(&["rank", "--format", "json", "--year", "2022"]);
    let m22: f64 =
        y22["results"].as_array().unwrap().iter().map(|r| r["score"]["dti"].as_f64().unwrap()).sum::<f64>() / 63.0;
    assert!(close(m22, 0.5786, 0.0005), "2022 mean {m22}");
}

#[test]
fn year_and_compare_flags() {
    let y21 = json(&["rank", "--format", "json", "--year", "2021"]);
    assert_eq!(y21["compare_year"], serde_json::Value::Null);
    assert!(y21["results"][0].get("previous").is_none());
    let nc = json(&["rank", "--format", "json", "--no-compare"]);
    assert_eq!(nc["year"], 2023);
    assert!(nc["results"][0].get("change").is_none());
    let explicit = dti(&["rank", "--format", "json", "--compare", "2022"]);
    assert_eq!(explicit.stdout, dti(&["rank", "--format", "json"]).stdout);
    let o = dti(&["rank", "--compare", "2023"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--compare 2023 is not earlier than the ranked year 2023"));
    let o = dti(&["rank", "--year", "2019"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("years present: 2021, 2022, 2023"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(dti(&["rank", "--format", "pdf"]).status.code(), Some(2));
    assert_eq!(dti(&["rank", "--compare", "2022", "--no-compare"]).status.code(), Some(2));
    assert_eq!(dti(&["--version"]).status.code(), Some(0));
}

#[test]
fn lang_switches_headers() {
    let en = stdout(&dti(&["rank", "--lang", "en"]));
    assert!(en.contains("Rank") && en.contains("Province") && en.contains("Digital government"));
    assert!(en.contains("2023, compared with 2022"));
}

#[test]
fn detail_adds_raw_and_normalised_indicators() {
    let doc = json(&["rank", "--format", "json", "--detail"]);
    for r in doc["results"].as_array().unwrap() {
        let ind = &r["indicator"]["gov_full_online_services"];
        // goalposts [0, 80]: normalised = min(raw / 80, 1), computed here independently.
        if let Some(raw) = ind["raw"].as_f64() {
            assert!(close(ind["normalized"].as_f64().unwrap(), (raw / 80.0).min(1.0), 1e-12));
        } else {
            assert!(ind["normalized"].is_null());
        }
        let plan = &r["indicator"]["aw_dx_plan"];
        assert!(plan["raw"] == plan["normalized"] || plan["raw"].is_null());
    }
}

#[test]
fn excel_workbook_with_a_sheet_per_year_reads_like_the_csv() {
    let csv = dti(&["rank", "--format", "csv"]);
    let xlsx = dti(&["rank", "--format", "csv", "--data", "data/sample/dti-sample-2021-2023.xlsx"]);
    assert!(xlsx.status.success(), "{}", stderr(&xlsx));
    assert_eq!(csv.stdout, xlsx.stdout);
    let one = json(&["rank", "--format", "json", "--data", "data/sample/dti-sample-2021-2023.xlsx", "--sheet", "2022"]);
    assert_eq!(one["year"], 2022);
    assert_eq!(one["compare_year"], serde_json::Value::Null);
}

#[test]
fn same_input_same_bytes() {
    for f in ["table", "csv", "json", "md"] {
        assert_eq!(dti(&["rank", "--format", f]).stdout, dti(&["rank", "--format", f]).stdout, "{f}");
    }
}

const SPEC: &str = r#"
[index]
id = "idx"
aggregate = "mean"
children = { x = 1, y = 1 }

[[indicator]]
id = "x"
direction = "higher"
normalize = "goalpost"
goalposts = [0, 100]
unit = "%"

[[indicator]]
id = "y"
direction = "lower"
normalize = "minmax"
"#;

/// idx = (x/100 + (max y − y)/(max y − min y)) / 2
/// A: (0.5 + 1)/2 = 0.75; B: (0.2 + 0.5)/2 = 0.35; C: (1 + 0)/2 = 0.5.
fn check_abc(doc: &serde_json::Value) {
    for (unit, v, k) in [("A", 0.75, 1), ("B", 0.35, 3), ("C", 0.5, 2)] {
        let r = result(doc, unit);
        assert!(close(r["score"]["idx"].as_f64().unwrap(), v, 1e-12), "{unit}: {}", r["score"]["idx"]);
        assert_eq!(r["rank"]["idx"], k);
    }
}

#[test]
fn number_formats_delimiters_bom_and_year_from_name() {
    // Semicolons, decimal commas, a percent sign, a BOM, and the year in the file name.
    let dir =
        folder(&[("indicators.toml", SPEC), ("dti_2023.csv", "\u{feff}unit;x;y\nA;50%;1,5\nB;20,0;2,5\nC;100;3,5\n")]);
    check_abc(&json_in(dir.path(), &["rank", "--format", "json", "--data", "dti_2023.csv"]));
    // Tabs, and the year from --year.
    let dir = folder(&[("indicators.toml", SPEC), ("scores.csv", "unit\tx\ty\nA\t50\t1.5\nB\t20\t2.5\nC\t100\t3.5\n")]);
    let doc = json_in(dir.path(), &["rank", "--format", "json", "--data", "scores.csv", "--year", "2021"]);
    assert_eq!(doc["year"], 2021);
    check_abc(&doc);
}

#[test]
fn long_layout_reads_like_wide() {
    let long =
        "unit,year,indicator,value\nA,2023,x,50\nA,2023,y,1.5\nB,2023,x,20\nB,2023,y,2.5\nC,2023,x,100\nC,2023,y,3.5\n";
    let dir = folder(&[("indicators.toml", SPEC), ("long.csv", long)]);
    check_abc(&json_in(dir.path(), &["rank", "--format", "json", "--data", "long.csv"]));
}

#[test]
fn several_data_files_are_concatenated_and_stdin_is_read() {
    let dir = folder(&[
        ("indicators.toml", SPEC),
        ("a.csv", "unit,year,x,y\nA,2023,50,1.5\n"),
        ("bc.csv", "unit,year,x,y\nB,2023,20,2.5\nC,2023,100,3.5\n"),
    ]);
    check_abc(&json_in(dir.path(), &["rank", "--format", "json", "--data", "a.csv", "--data", "bc.csv"]));
    let mut child = Command::new(env!("CARGO_BIN_EXE_dti"))
        .args(["rank", "--format", "json", "--data", "-", "--year", "2023"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"unit,x,y\nA,50,1.5\nB,20,2.5\nC,100,3.5\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    check_abc(&serde_json::from_slice(&o.stdout).unwrap());
}

#[test]
fn output_is_atomic_and_failures_leave_files_untouched() {
    let dir = folder(&[
        ("indicators.toml", SPEC),
        ("d.csv", "unit,year,x,y\nA,2023,50,1.5\nB,2023,20,2.5\nC,2023,100,3.5\n"),
        ("bad.csv", "unit,year,x,y\nA,2023,abc,1\n"),
        ("out.json", "precious"),
    ]);
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv", "--output", "res.json"]);
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("res.json")).unwrap()).unwrap();
    check_abc(&doc);
    let o = dti_in(dir.path(), &["rank", "--data", "bad.csv", "--output", "out.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(dir.path().join("out.json")).unwrap(), "precious");
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv", "--output", "d.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is one of the inputs"));
    let names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv", "--output", "no-such-dir/out.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("could not write `no-such-dir/out.csv`"));
}

#[test]
fn implausible_values_warn_or_fail_with_strict() {
    let dir = folder(&[("indicators.toml", SPEC), ("d.csv", "unit,year,x,y\nA,2023,120,1.5\nB,2023,20,2.5\n")]);
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("warning: 120 % is outside the plausible range [0, 100] of `x`"));
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv", "--strict"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("error: 120 % is outside the plausible range"));
}

#[test]
fn closed_stdout_is_success() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dti"))
        .args(["rank", "--format", "csv", "--detail"])
        .current_dir(root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stderr.is_empty(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// An OpenDocument spreadsheet (as LibreOffice saves it) with a sheet named by year.
#[test]
fn ods_workbook_is_read() {
    use std::io::Write as _;
    let dir = folder(&[("indicators.toml", SPEC)]);
    let cell = |v: &str| match v.parse::<f64>() {
        Ok(_) => format!(
            r#"<table:table-cell office:value-type="float" office:value="{v}"><text:p>{v}</text:p></table:table-cell>"#
        ),
        Err(_) => format!(r#"<table:table-cell office:value-type="string"><text:p>{v}</text:p></table:table-cell>"#),
    };
    let rows: String = [["unit", "x", "y"], ["A", "50", "1.5"], ["B", "20", "2.5"], ["C", "100", "3.5"]]
        .iter()
        .map(|r| format!("<table:table-row>{}</table:table-row>", r.iter().map(|v| cell(v)).collect::<String>()))
        .collect();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="2023">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let file = std::fs::File::create(dir.path().join("d.ods")).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", &content),
        ("META-INF/manifest.xml", manifest),
    ] {
        zip.start_file(name, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
    let doc = json_in(dir.path(), &["rank", "--format", "json", "--data", "d.ods"]);
    assert_eq!(doc["year"], 2023);
    check_abc(&doc);
}

/// `rank` reads the values of the years it shows only (the ranked year and the compared one);
/// the other years' rows are checked for shape, their numbers not read. `validate` reads all.
#[test]
fn rank_reads_the_values_of_the_years_it_shows_only() {
    let spec = "[index]\nid = \"idx\"\nchildren = { x = 1, y = 1 }\n\n[[indicator]]\nid = \"x\"\ndirection = \"higher\"\n\n[[indicator]]\nid = \"y\"\ndirection = \"higher\"\n";
    let shown = "unit,year,x,y\nA,2022,1,4\nB,2022,2,3\nC,2022,3,1\nA,2023,2,2\nB,2023,5,1\nC,2023,1,3\n";
    let with_bad_2021 = format!("{shown}A,2021,abc,1\nB,2021,2,2\nC,2021,3,3\n");
    let dir = folder(&[("indicators.toml", spec), ("two.csv", shown), ("three.csv", &with_bad_2021)]);
    let rank = |file: &str, extra: &[&str]| {
        let mut args = vec!["rank", "--format", "json", "--data", file];
        args.extend_from_slice(extra);
        crate::common::dti_in(dir.path(), &args)
    };
    let two = rank("two.csv", &[]);
    assert!(two.status.success(), "{}", stderr(&two));
    let three = rank("three.csv", &[]);
    assert!(three.status.success(), "{}", stderr(&three));
    assert_eq!(three.stdout, two.stdout, "2023 against 2022, 2021 not read");
    let o = rank("three.csv", &["--year", "2022"]);
    assert_eq!(o.status.code(), Some(1), "2022 against 2021 reads 2021");
    assert!(stderr(&o).contains("`abc` is not a number"), "{}", stderr(&o));
    let o = crate::common::dti_in(dir.path(), &["validate", "--data", "three.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("three.csv: row 8, column `x`"), "{}", stderr(&o));
    // Pooled statistics read every year.
    let o = rank("three.csv", &["--bounds", "pooled"]);
    assert_eq!(o.status.code(), Some(1));
}

/// Enough units that the CSV is rendered on two cores (chunks of rows, alternate ones on a
/// second thread), with units gone since the comparison year: every record is where the JSON
/// renderer (a separate path) puts it, with its scores and ranks, and the gone units last.
#[test]
fn a_large_csv_ranking_is_written_in_order() {
    let spec = "[index]\nid = \"idx\"\nchildren = { x = 1, y = 1 }\n\n[[indicator]]\nid = \"x\"\ndirection = \"higher\"\nnormalize = \"minmax\"\n\n[[indicator]]\nid = \"y\"\ndirection = \"higher\"\nnormalize = \"minmax\"\n";
    let mut data = String::from("unit,year,x,y\n");
    for u in 0..5000u64 {
        // Scores spread with ties (the order of ties is by name).
        data.push_str(&format!("U{u:04},2023,{},{}\n", (u * 7919) % 1000, (u * 104_729) % 997));
        if u % 100 != 0 {
            data.push_str(&format!("U{u:04},2024,{},{}\n", (u * 31) % 1000, (u * 17) % 991));
        }
    }
    let dir = folder(&[("indicators.toml", spec), ("data.csv", &data)]);
    let o = dti_in(dir.path(), &["rank", "--data", "data.csv", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    let doc = json_in(dir.path(), &["rank", "--data", "data.csv", "--format", "json"]);
    let results = doc["results"].as_array().unwrap();
    let gone = doc["comparison"]["gone"].as_array().unwrap();
    let lines: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!((results.len(), gone.len()), (4950, 50));
    assert_eq!(lines.len(), results.len() + gone.len());
    for (line, r) in lines.iter().zip(results) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[0], r["unit"].as_str().unwrap(), "{line}");
        assert_eq!(cells[2].parse::<f64>().unwrap(), r["score"]["idx"].as_f64().unwrap(), "{line}");
        assert_eq!(cells[3], r["rank"]["idx"].to_string(), "{line}");
    }
    for (line, g) in lines[results.len()..].iter().zip(gone) {
        assert!(line.starts_with(&format!("{},", g["unit"].as_str().unwrap())), "{line}");
    }
}
