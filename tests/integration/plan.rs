//! `dti plan`: the hand-worked fixture (tests/fixtures/plan-linear/EXPECTED.md), and the
//! promise: every `to` put into the data, `dti rank` gives exactly `reached` (on the bundled
//! data through the binary, and as a property over random specs in-process).

use crate::common::{dti, json, root, stderr, stdout};
use dti::load::parse_csv;
use dti::score::plan::{self, Goal, World};
use dti::validate::{DataOptions, find_unit, panel, spec};
use proptest::prelude::*;
use serde_json::Value;
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/plan-linear/indicators.toml";

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

fn steps(doc: &Value) -> Vec<(String, f64, f64, f64)> {
    doc["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["indicator"].as_str().unwrap().to_string(), f(&s["from"]), f(&s["to"]), f(&s["gain"])))
        .collect()
}

/// Gains add up to the change in score.
fn check_sum(doc: &Value) {
    let sum: f64 = steps(doc).iter().map(|s| s.3).sum();
    let change = f(&doc["reached"]["score"]) - f(&doc["current"]["score"]);
    assert!((sum - change).abs() < 1e-12, "gains {sum} vs change {change}");
}

#[test]
fn fixture_rank_by_hand() {
    let doc = json(&["plan", "Delta", "--rank", "2", "--spec", FIXTURE, "--format", "json"]);
    assert!(close(f(&doc["current"]["score"]), 0.55));
    assert_eq!(doc["current"]["rank"], 4);
    assert_eq!(doc["target"]["rank"], 2);
    assert!(close(f(&doc["target"]["score"]), 0.765));
    let s = steps(&doc);
    assert_eq!(s.len(), 2);
    assert_eq!((s[0].0.as_str(), s[0].1, s[0].2), ("a", 40.0, 80.0));
    assert!(close(s[0].3, 0.2));
    assert_eq!((s[1].0.as_str(), s[1].1, s[1].2), ("c", 20.0, 18.0));
    assert!(close(s[1].3, 0.015));
    assert!(close(f(&doc["reached"]["score"]), 0.765));
    assert_eq!(doc["reached"]["rank"], 2);
    assert_eq!(doc["reachable"], true);
    assert!(close(f(&doc["pillars"]["gov"]["score"]), 2.5 / 3.0));
    assert_eq!(doc["pillars"]["gov"]["rank"], 2);
    assert!(close(f(&doc["pillars"]["soc"]["score"]), 0.6625));
    assert_eq!(doc["pillars"]["soc"]["rank"], 3);
    check_sum(&doc);
}

#[test]
fn fixture_unreachable_and_already_there() {
    let doc = json(&["plan", "Epsilon", "--score", "1.5", "--spec", FIXTURE, "--format", "json"]);
    assert_eq!(doc["reachable"], false);
    let s = steps(&doc);
    let ids: Vec<&str> = s.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(ids, ["a", "c", "b", "d"]);
    for (got, want) in s.iter().map(|s| s.3).zip([0.3, 0.225, 0.14, 0.1]) {
        assert!(close(got, want), "{got} vs {want}");
    }
    assert!(close(f(&doc["reached"]["score"]), 1.0));
    assert_eq!(doc["reached"]["rank"], 1);
    check_sum(&doc);
    let text = stdout(&dti(&["plan", "Epsilon", "--score", "1.5", "--spec", FIXTURE, "--lang", "en"]));
    assert!(text.contains("Not reachable even with every indicator at its best: the best is 1/5 (1.0000)."), "{text}");

    let doc = json(&["plan", "Gamma", "--rank", "3", "--spec", FIXTURE, "--format", "json"]);
    assert_eq!(doc["plan"].as_array().unwrap().len(), 0);
    assert!(close(f(&doc["target"]["score"]), 0.55));
    assert_eq!(doc["reached"], doc["current"]);
}

#[test]
fn fixture_targets_by_hand() {
    let t = "tests/fixtures/plan-linear/targets.csv";
    let doc = json(&["plan", "Delta", "--targets", t, "--spec", FIXTURE, "--format", "json"]);
    assert_eq!(doc["target"], Value::Null);
    let s = steps(&doc);
    assert_eq!((s[0].0.as_str(), s[0].1, s[0].2), ("a", 40.0, 60.0));
    assert_eq!((s[1].0.as_str(), s[1].1, s[1].2), ("b", 50.0, 75.0));
    assert!(close(s[0].3, 0.1) && close(s[1].3, 0.05));
    assert!(close(f(&doc["reached"]["score"]), 0.7));
    assert_eq!(doc["reached"]["rank"], 3);
    assert!(close(f(&doc["pillars"]["gov"]["score"]), 0.75));
    assert_eq!(doc["pillars"]["gov"]["rank"], 2);
    assert_eq!(doc["pillars"]["soc"]["rank"], 3);
    // The same targets as the unit's row of a file shaped like the data (c and d as they are).
    let row = "tests/fixtures/plan-linear/targets-row.csv";
    let same = json(&["plan", "Delta", "--targets", row, "--spec", FIXTURE, "--format", "json"]);
    assert_eq!(same["plan"], doc["plan"]);
    assert_eq!(same["reached"], doc["reached"]);
}

#[test]
fn bad_targets_are_placed() {
    let t = "tests/fixtures/plan-linear/targets-bad.csv";
    let o = dti(&["plan", "Delta", "--targets", t, "--spec", FIXTURE]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error: unknown indicator `aa`\n  --> tests/fixtures/plan-linear/targets-bad.csv: row 2, column `indicator`\n  = help: did you mean `a`?"), "{err}");
    assert!(err.contains("targets-bad.csv: row 3, column `value`"), "{err}");
    assert!(err.contains("`a` has two targets (rows 4 and 5)"), "{err}");
    assert!(err.contains("3 errors found"), "{err}");
}

/// The bundled data with `changes` (column → value) made to `unit`'s row of `year`, written
/// into `dir`; returns the file's path.
fn changed_data(dir: &Path, unit: &str, year: &str, changes: &[(String, f64)]) -> String {
    let src = root().join("data/sample/dti-sample-2021-2023.csv");
    let mut rdr = csv::Reader::from_path(src).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let path = dir.join("changed.csv");
    let mut w = csv::Writer::from_path(&path).unwrap();
    w.write_record(&headers).unwrap();
    let mut found = false;
    for rec in rdr.records() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(String::from).collect();
        if rec[0] == unit && rec[1] == year {
            found = true;
            for (col, v) in changes {
                let c = headers.iter().position(|h| h == col).unwrap_or_else(|| panic!("no column {col}"));
                rec[c] = format!("{v}");
            }
        }
        w.write_record(&rec).unwrap();
    }
    assert!(found, "no row for {unit} {year}");
    w.flush().unwrap();
    path.display().to_string()
}

/// `dti rank` on the changed data agrees with `reached` exactly.
fn confirm(doc: &Value, unit: &str) -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let changes: Vec<(String, f64)> = steps(doc).into_iter().map(|s| (s.0, s.2)).collect();
    let year = doc["year"].to_string();
    let data = changed_data(dir.path(), unit, &year, &changes);
    let ranked = json(&["rank", "--data", &data, "--year", &year, "--format", "json"]);
    let row = crate::common::result(&ranked, unit);
    assert_eq!(row["score"]["dti"], doc["reached"]["score"], "score by dti rank");
    assert_eq!(row["rank"]["dti"], doc["reached"]["rank"], "rank by dti rank");
    for p in ["gov", "econ", "soc"] {
        assert_eq!(row["score"][p], doc["pillars"][p]["score"], "{p}");
        assert_eq!(row["rank"][p], doc["pillars"][p]["rank"], "{p}");
    }
    row["rank"]["dti"].as_u64().unwrap()
}

#[test]
fn r14_tra_vinh_top_10_holds_in_dti_rank() {
    let doc = json(&["plan", "Trà Vinh", "--rank", "10", "--format", "json"]);
    assert_eq!(doc["reachable"], true);
    assert!(!steps(&doc).is_empty());
    check_sum(&doc);
    assert!(confirm(&doc, "Trà Vinh") <= 10);
}

#[test]
fn r14_targets_projection_holds_in_dti_rank() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path().join("tra-vinh-targets.csv");
    // A provincial plan's figures: 80 % of services fully online, dossiers and payments.
    std::fs::write(&t, "indicator,value\ngov_full_online_services,80\ngov_online_dossiers,\"90,5\"\ngov_online_payments,60\naw_steering_committee,có\n").unwrap();
    let doc = json(&["plan", "Trà Vinh", "--targets", t.to_str().unwrap(), "--format", "json"]);
    assert_eq!(steps(&doc).len(), 4);
    check_sum(&doc);
    let rank = confirm(&doc, "Trà Vinh");
    assert!(rank < doc["current"]["rank"].as_u64().unwrap());
    // The README's example.
    let doc = json(&["plan", "Trà Vinh", "--targets", "examples/plan/tra-vinh-targets.csv", "--format", "json"]);
    assert_eq!(steps(&doc).len(), 5);
    assert_eq!(confirm(&doc, "Trà Vinh"), 7);
}

/// A random index: `k` indicators under one root aggregated by `agg`, each normalised by one
/// of six methods, `n` units with values in tenths (a few blank).
#[derive(Debug, Clone)]
struct Case {
    agg: u8,
    methods: Vec<u8>,
    higher: Vec<bool>,
    weights: Vec<u32>,
    rows: Vec<Vec<u32>>,
    decimals: u8,
    dense: bool,
    unit: usize,
    goal: (u8, u32),
    targets: Vec<Option<u32>>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..5, 4usize..8).prop_flat_map(|(k, n)| {
        (
            (0u8..3, prop::collection::vec(0u8..6, k), prop::collection::vec(any::<bool>(), k)),
            (prop::collection::vec(1u32..10, k), prop::collection::vec(prop::collection::vec(0u32..1000, k), n)),
            (0u8..3, any::<bool>(), 0..n, (0u8..3, 1u32..=n as u32)),
            prop::collection::vec(prop::option::of(0u32..1000), k),
        )
            .prop_map(|((agg, methods, higher), (weights, rows), (decimals, dense, unit, goal), targets)| {
                Case { agg, methods, higher, weights, rows, decimals, dense, unit, goal, targets }
            })
    })
}

fn spec_text(c: &Case) -> String {
    let agg = ["mean", "geometric", "harmonic"][c.agg as usize];
    let kids: Vec<String> = c.weights.iter().enumerate().map(|(i, w)| format!("x{i} = {w}")).collect();
    let decimals = match c.decimals {
        0 => String::new(),
        d => format!("rank_decimals = {}\n", d * 2),
    };
    let ties = if c.dense { "dense" } else { "competition" };
    let mut s = format!("[index]\nid = \"idx\"\n{decimals}ties = \"{ties}\"\n\n[defaults]\nrange = [1, 100]\n");
    s += &format!("\n[[node]]\nid = \"idx\"\naggregate = \"{agg}\"\nchildren = {{ {} }}\n", kids.join(", "));
    for (i, &m) in c.methods.iter().enumerate() {
        let up = c.higher[i];
        let dir = if up { "higher" } else { "lower" };
        // zscore gives values ≤ 0, which only an arithmetic mean takes.
        let m = if m == 2 && c.agg != 0 { 1 } else { m };
        let method = match (m, up) {
            (0, true) => "normalize = \"goalpost\"\ngoalposts = [0, 80]",
            (0, false) => "normalize = \"goalpost\"\ngoalposts = [90, 5]",
            (1, _) => "normalize = \"minmax\"",
            (2, _) => "normalize = \"zscore\"",
            (3, _) => "normalize = \"rank\"",
            (4, _) => "normalize = \"max\"\nmax = 100",
            (_, true) => "normalize = \"bands\"\nbands = [[30, 0.5], [70, 1.0]]",
            (_, false) => "normalize = \"bands\"\nbands = [[70, 0.5], [30, 1.0]]",
        };
        s += &format!("\n[[indicator]]\nid = \"x{i}\"\ndirection = \"{dir}\"\nunit = \"%\"\n{method}\n");
    }
    s
}

fn csv_text(c: &Case, changed: &[(usize, f64)]) -> String {
    let k = c.methods.len();
    let mut s = String::from("unit,year");
    for j in 0..k {
        s += &format!(",x{j}");
    }
    s.push('\n');
    for (u, row) in c.rows.iter().enumerate() {
        s += &format!("U{u},2023");
        for (j, &v) in row.iter().enumerate() {
            match changed.iter().find(|(cj, _)| *cj == j).filter(|_| u == c.unit) {
                Some((_, x)) => s += &format!(",{x}"),
                // About one cell in 40 is blank: composites reweight around it.
                None if v % 41 == 7 => s += ",",
                None => s += &format!(",{}", f64::from(v) / 10.0),
            }
        }
        s.push('\n');
    }
    s
}

/// Scores data text; the unit's root score and rank.
fn scored(tree: &dti::model::tree::IndicatorTree, data: &str, unit: &str) -> Option<(Option<f64>, Option<u32>)> {
    let table = parse_csv(data.as_bytes(), "d.csv", None).ok()?;
    let (p, _) = panel(tree, &[table], &DataOptions::default()).ok()?;
    let (scores, _) = dti::score::score(tree, &p).ok()?;
    let u = find_unit(tree.info.units, &p.units, unit).ok()?;
    let ys = scores.year(2023)?;
    let pos = ys.position(u)?;
    Some((ys.score(tree.root, pos), ys.rank(tree.root, pos).map(|r| r.pos)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 150, ..ProptestConfig::default() })]

    /// Every `to` written into the data (as text), the ranking gives exactly `reached`.
    #[test]
    fn r14_reached_is_what_rank_gives(c in case()) {
        let src = spec_text(&c);
        let Ok((tree, _)) = spec(&src, "p.toml", Path::new("")) else { return Err(TestCaseError::reject("spec")) };
        let data = csv_text(&c, &[]);
        let table = parse_csv(data.as_bytes(), "d.csv", None).unwrap();
        let Ok((p, _)) = panel(&tree, &[table], &DataOptions::default()) else { return Err(TestCaseError::reject("data")) };
        let name = format!("U{}", c.unit);
        let unit = find_unit(tree.info.units, &p.units, &name).unwrap();
        let w = World::new(&tree, &p, 2023, unit).unwrap();
        let Ok(now) = w.standing(&[]) else { return Err(TestCaseError::reject("unscorable")) };
        prop_assume!(now.score(tree.root).is_some());
        let result = match c.goal.0 {
            0 => plan::plan(&w, Goal::Rank(c.goal.1)),
            1 => plan::plan(&w, Goal::Score(now.score(tree.root).unwrap() + f64::from(c.goal.1) * 8.0)),
            _ => {
                let t: Vec<(usize, f64)> =
                    c.targets.iter().enumerate().filter_map(|(k, v)| v.map(|v| (k, f64::from(v) / 10.0))).collect();
                plan::project(&w, &t)
            }
        };
        let Ok(pl) = result else { return Err(TestCaseError::reject("scoring refused")) };
        let changed: Vec<(usize, f64)> = pl.steps.iter().map(|s| (s.k, s.to)).collect();
        let (score, rank) = scored(&tree, &csv_text(&c, &changed), &name).expect("the changed data scores");
        prop_assert_eq!(score.map(f64::to_bits), pl.reached.score(tree.root).map(f64::to_bits));
        prop_assert_eq!(rank, pl.reached.rank(tree.root).map(|r| r.pos));
        if let (0, true) = (c.goal.0, pl.reachable) {
            prop_assert!(rank.unwrap() <= c.goal.1);
        }
        let gains: f64 = pl.steps.iter().map(|s| s.gain).sum();
        let change = pl.reached.score(tree.root).unwrap() - now.score(tree.root).unwrap();
        prop_assert!((gains - change).abs() < 1e-9);
    }
}

#[test]
fn r14_report_page_has_the_plan_section() {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("tv.md");
    let o = dti(&["report", "Trà Vinh", "--plan", "10", "--output", md.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = std::fs::read_to_string(&md).unwrap();
    let plan = json(&["plan", "Trà Vinh", "--rank", "10", "--format", "json"]);
    assert!(page.contains("## Để vào top 10\n"), "{page}");
    // The same plan as `dti plan`: its reached rank and every step's indicator row.
    let reached = format!("xếp hạng {}/63.", plan["reached"]["rank"]);
    assert!(page.contains(&reached), "{page}");
    assert_eq!(page.matches("\n| 1 | ").count() + page.matches("\n| 2 | ").count(), steps(&plan).len().min(2));
    let html = dir.path().join("tv.html");
    let o = dti(&["report", "Trà Vinh", "--plan", "10", "--lang", "en", "--output", html.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&html).unwrap().contains("<section id=\"plan\">\n<h2>To reach the top 10</h2>"));
    let plain = dir.path().join("plain.md");
    assert!(dti(&["report", "Trà Vinh", "--output", plain.to_str().unwrap()]).status.success());
    assert!(!std::fs::read_to_string(&plain).unwrap().contains("top 10"));
}

#[test]
fn fixture_table_and_markdown() {
    let vi = stdout(&dti(&["plan", "Delta", "--rank", "2", "--spec", FIXTURE, "--lang", "vi"]));
    insta::assert_snapshot!("plan_table_vi", vi);
    let md = stdout(&dti(&[
        "plan",
        "Delta",
        "--targets",
        "tests/fixtures/plan-linear/targets.csv",
        "--spec",
        FIXTURE,
        "--format",
        "md",
    ]));
    insta::assert_snapshot!("plan_targets_md", md);
}

/// README "What it takes": both examples print what the README shows.
#[test]
fn r14_readme_examples_are_real_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for (shown, args) in [
        ("$ dti plan \"Trà Vinh\" --rank 10\n", vec!["plan", "Trà Vinh", "--rank", "10"]),
        (
            "$ dti plan \"Trà Vinh\" --targets examples/plan/tra-vinh-targets.csv\n",
            vec!["plan", "Trà Vinh", "--targets", "examples/plan/tra-vinh-targets.csv"],
        ),
    ] {
        let start = readme.find(shown).unwrap_or_else(|| panic!("README lacks {shown}")) + shown.len();
        let block = &readme[start..start + readme[start..].find("```").unwrap()];
        assert_eq!(stdout(&dti(&args)), block, "{shown}");
    }
}

/// The promise holds where the spec imputes and treats: the plan prepares the changed data
/// again (imputation, winsorisation) at every step, as `dti rank` does: the `to` values written
/// into the data and ranked give exactly the `reached` score and rank. The cases are ones where
/// scoring the changed data without preparing it would give another plan and another score
/// (checked when the test was written, by turning the preparation off).
#[test]
fn r14_the_promise_holds_with_imputation_and_treatment() {
    for (case, unit, k) in [("impute", "A", "1"), ("impute", "B", "2"), ("treat", "U20", "3"), ("treat", "U45", "10")] {
        let src = root().join("tests/fixtures").join(case);
        let spec = std::fs::read_to_string(src.join("indicators.toml")).unwrap();
        let data = std::fs::read_to_string(src.join("data.csv")).unwrap();
        let dir = crate::common::folder(&[("indicators.toml", &spec), ("data.csv", &data)]);
        let doc = crate::common::json_in(dir.path(), &["plan", unit, "--rank", k, "--format", "json"]);
        assert!(!steps(&doc).is_empty(), "{case}: {doc}");
        let year = doc["year"].to_string();
        // The plan's values, written into the unit's row of the year.
        let mut rdr = csv::Reader::from_reader(data.as_bytes());
        let head = rdr.headers().unwrap().clone();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&head).unwrap();
        for rec in rdr.records() {
            let mut rec: Vec<String> = rec.unwrap().iter().map(String::from).collect();
            if rec[0] == unit && rec[1] == year {
                for (id, _, to, _) in steps(&doc) {
                    rec[head.iter().position(|h| h == id).unwrap()] = format!("{to}");
                }
            }
            w.write_record(&rec).unwrap();
        }
        std::fs::write(dir.path().join("data.csv"), w.into_inner().unwrap()).unwrap();
        let ranked = crate::common::json_in(dir.path(), &["rank", "--format", "json", "--no-compare"]);
        let row = crate::common::result(&ranked, unit);
        assert_eq!(row["score"]["idx"], doc["reached"]["score"], "{case}: score");
        assert_eq!(row["rank"]["idx"], doc["reached"]["rank"], "{case}: rank");
    }
}
