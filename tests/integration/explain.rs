//! `dti explain`: effective weights, contributions that add up, own change vs benchmark,
//! strengths, history, name matching — against hand-worked numbers.

use crate::common::{close, dti, folder, json, json_in, stderr, stdout};
use serde_json::Value;

fn indicator<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["indicators"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap_or_else(|| panic!("no {id}"))
}

fn f(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

/// Contributions add up: to the score, and to the change.
fn check_additive(doc: &Value) {
    let level: f64 = doc["indicators"].as_array().unwrap().iter().filter_map(|i| i["contribution"].as_f64()).sum();
    let root = &doc["nodes"][0];
    assert!(close(level, f(&root["score"]), 1e-9), "level {level} vs {}", root["score"]);
    if !doc["change"].is_null() {
        let exact = f(&doc["change"]["exact"]);
        let sum: f64 = doc["change"]["contributions"].as_object().unwrap().values().filter_map(Value::as_f64).sum();
        assert!(close(sum, exact, 1e-9), "contributions {sum} vs change {exact}");
        let expected = f(&root["score"]) - f(&root["previous"]["score"]);
        assert!(close(exact, expected, 1e-12));
        // The published change: of the scores as printed (4 decimals).
        let p4 = |v: &Value| format!("{:.4}", f(v)).parse::<f64>().unwrap();
        let published = p4(&root["score"]) - p4(&root["previous"]["score"]);
        assert!(close(f(&doc["change"]["total"]), published, 1e-12));
        assert!(close(exact + f(&doc["change"]["rounding"]), f(&doc["change"]["total"]), 1e-15));
    }
}

/// `examples/minimal`, 2024 against 2023, worked by hand (README "dti explain"):
/// ew(x1) = ½·¼, ew(x2) = ½·¾, ew(y1) = ew(y2) = ½·½.
#[test]
fn minimal_by_hand() {
    let spec = "examples/minimal/indicators.toml";
    let north = json(&["explain", "North", "--spec", spec, "--format", "json"]);
    for (id, w, contrib, change) in
        [("x1", 0.125, 0.125, 0.125), ("x2", 0.375, 0.375, 0.0), ("y1", 0.25, 0.1875, 0.0625), ("y2", 0.25, 0.25, 0.0)]
    {
        let i = indicator(&north, id);
        assert!(close(f(&i["weight"]), w, 1e-12), "{id} weight");
        assert!(close(f(&i["contribution"]), contrib, 1e-12), "{id} contribution");
        assert!(close(f(&north["change"]["contributions"][id]), change, 1e-12), "{id} change");
    }
    assert!(close(f(&north["change"]["total"]), 0.1875, 1e-12));
    // East lost y1 in 2023 (reweighted) and regained it: b moved 1 → 0.125.
    // Δidx = −0.75 = x1 −0.125, x2 −0.1875, y1 +0.0625, y2 −0.5.
    let east = json(&["explain", "East", "--spec", spec, "--format", "json"]);
    for (id, change) in [("x1", -0.125), ("x2", -0.1875), ("y1", 0.0625), ("y2", -0.5)] {
        assert!(close(f(&east["change"]["contributions"][id]), change, 1e-12), "East {id}");
    }
    check_additive(&north);
    check_additive(&east);
    assert_eq!(north["history"].as_array().unwrap().len(), 2);
    assert_eq!(north["history"][0]["rank"], serde_json::json!({"pos": 2, "of": 3}));
    // Strengths stand in the better half: x1 and x2 share 1/3 (x2 first: it weighs 0.375
    // against 0.125); y1's 2/3 is the middle of three, neither strong nor weak.
    assert_eq!(north["strongest"], serde_json::json!(["x2", "x1"]));
    assert_eq!(north["weakest"], serde_json::json!([]));
}

/// Both units improve by 10; with per-year min-max bounds the normalised values do not move:
/// own change +1 (this year's value under last year's bounds), benchmark −1.
#[test]
fn own_change_and_benchmark_move() {
    let spec = "[index]\nid = \"idx\"\nchildren = { x = 1 }\n\n[[indicator]]\nid = \"x\"\ndirection = \"higher\"\n";
    let dir =
        folder(&[("indicators.toml", spec), ("d.csv", "unit,year,x\nA,2022,0\nB,2022,10\nA,2023,10\nB,2023,20\n")]);
    for unit in ["A", "B"] {
        let doc = json_in(dir.path(), &["explain", unit, "--data", "d.csv", "--format", "json"]);
        let x = indicator(&doc, "x");
        assert!(close(f(&x["normalized_change"]), 0.0, 1e-12));
        assert!(close(f(&x["own_change"]), 1.0, 1e-12), "{unit}");
        assert!(close(f(&x["benchmark_change"]), -1.0, 1e-12), "{unit}");
    }
    let pooled = json_in(dir.path(), &["explain", "A", "--data", "d.csv", "--format", "json", "--bounds", "pooled"]);
    let x = indicator(&pooled, "x");
    assert!(close(f(&x["own_change"]), 0.5, 1e-12) && close(f(&x["benchmark_change"]), 0.0, 1e-12));
}

const ALL_AGGREGATIONS: &str = r#"
[index]
id = "idx"
aggregate = "sum"
children = { a = 2, b = 1, c = 1 }

[[node]]
id = "a"
missing = "zero"
children = { x1 = 1, x2 = 3 }

[[node]]
id = "b"
aggregate = "geometric"
children = { x3 = 1, x4 = 2 }

[[node]]
id = "c"
aggregate = "harmonic"
children = { x3 = 2, x5 = 1 }

[[indicator]]
id = "x1"
direction = "higher"

[[indicator]]
id = "x2"
direction = "lower"
normalize = "zscore"

[[indicator]]
id = "x3"
direction = "higher"
range = [1, 10]

[[indicator]]
id = "x4"
direction = "higher"
normalize = "goalpost"
goalposts = [0, 50]
range = [1, 2]

[[indicator]]
id = "x5"
direction = "lower"
normalize = "rank"
range = [0.5, 1]
"#;

#[test]
fn contributions_add_up_under_every_aggregation() {
    let data = "unit,year,x1,x2,x3,x4,x5\nA,2022,1,5,10,20,3\nB,2022,4,,30,40,1\nC,2022,9,7,20,10,2\nA,2023,3,6,25,45,2\nB,2023,2,2,15,,3\nC,2023,8,9,35,30,1\n";
    let dir = folder(&[("indicators.toml", ALL_AGGREGATIONS), ("d.csv", data)]);
    for unit in ["A", "B", "C"] {
        let doc = json_in(dir.path(), &["explain", unit, "--data", "d.csv", "--format", "json"]);
        check_additive(&doc);
        assert!(f(&doc["change"]["total"]).abs() > 1e-6, "{unit}: a real change");
    }
}

/// Effective weights under the official overlapping pillars (Decision 922 points).
#[test]
fn effective_weights_of_the_official_pillars() {
    let doc = json(&["explain", "Đà Nẵng", "--spec", "examples/official-922/indicators.toml", "--format", "json"]);
    let aw = indicator(&doc, "awareness");
    assert!(close(f(&aw["weight"]), 0.1, 1e-12));
    for (p, w) in [("gov", 100.0 / 700.0), ("econ", 100.0 / 650.0), ("soc", 100.0 / 650.0)] {
        assert!(close(f(&aw["pillar_weights"][p]), w, 1e-12), "{p}");
    }
    let ga = indicator(&doc, "gov_activity");
    assert!(close(f(&ga["weight"]), 0.2, 1e-12));
    assert!(close(f(&ga["pillar_weights"]["gov"]), 200.0 / 700.0, 1e-12));
    assert!(close(f(&ga["pillar_weights"]["econ"]), 0.0, 1e-12));
    // Bundled spec: a sub-indicator's weight is the product down the path: 100/1000 · 30/100.
    let b = json(&["explain", "Trà Vinh", "--format", "json"]);
    let plan = indicator(&b, "aw_dx_plan");
    assert!(close(f(&plan["weight"]), 0.03, 1e-12));
    assert!(close(f(&plan["pillar_weights"]["gov"]), 100.0 / 700.0 * 0.3, 1e-12));
    check_additive(&b);
}

#[test]
fn unit_names_match_like_data() {
    let doc = json(&["explain", "thanh hoa", "--format", "json"]);
    assert_eq!(doc["unit"], "Thanh Hóa");
    assert_eq!(doc["code"], "38");
    let o = dti(&["explain", "Thanh Hao"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("did you mean `Thanh Hóa`?"), "{}", stderr(&o));
    let o = dti(&["explain", "Nowhere", "--spec", "examples/minimal/indicators.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown unit `Nowhere`"));
}

#[test]
fn explain_reads_like_a_report() {
    let vi = stdout(&dti(&["explain", "Trà Vinh"]));
    assert!(vi.starts_with("Trà Vinh năm 2023: DTI "), "{vi}");
    assert!(vi.contains("so với năm 2022") && vi.contains("Mạnh nhất:") && vi.contains("Lịch sử xếp hạng: 2021"));
    let en = stdout(&dti(&["explain", "Trà Vinh", "--lang", "en", "--format", "md"]));
    assert!(en.starts_with("## Trà Vinh — 2023") && en.contains("Strongest:") && en.contains("| Indicator |"));
    // The same change as `rank` reports.
    let e = json(&["explain", "Trà Vinh", "--format", "json"]);
    let r = json(&["rank", "--format", "json"]);
    let tv = crate::common::result(&r, "Trà Vinh");
    assert!(close(f(&e["change"]["total"]), f(&tv["change"]["score"]["dti"]), 1e-15));
}

#[test]
fn minimal_table_snapshot() {
    insta::assert_snapshot!(stdout(&dti(&["explain", "East", "--spec", "examples/minimal/indicators.toml"])));
}

/// `examples/minimal` with South's x1 and x2 blank in 2024, worked by hand. 2023: a = (0.5 +
/// 3·0)/4 = 0.125, b = (1 + 0)/2 = 0.5, idx = 0.3125. 2024: a has no value, b = (1 + 1)/2 = 1,
/// idx = b = 1; change +0.6875. b, in both years: its own change 0.5, passed down as y1 ½·0 and
/// y2 ½·(1 − 0) = 0.5. a, gone: −(1/2)·(a⁰ − b⁰) = −½·(0.125 − 0.5) = +0.1875 — the index rose
/// because a pillar below the other stopped counting.
// See: issue 16, finding 1.
#[test]
fn r16_a_composite_that_disappears_has_its_own_line() {
    let root = crate::common::root().join("examples/minimal");
    let read = |f: &str| std::fs::read_to_string(root.join(f)).unwrap();
    let y2024 = read("2024.csv").replace("South,20,10,90,có", "South,,,90,có");
    let dir =
        folder(&[("indicators.toml", &read("indicators.toml")), ("2023.csv", &read("2023.csv")), ("2024.csv", &y2024)]);
    let doc = json_in(dir.path(), &["explain", "South", "--format", "json"]);
    assert!(close(f(&doc["change"]["total"]), 0.6875, 1e-12));
    for (id, change) in [("y1", 0.0), ("y2", 0.5), ("a", 0.1875)] {
        assert!(close(f(&doc["change"]["contributions"][id]), change, 1e-12), "{id}");
    }
    assert!(doc["change"]["contributions"]["x1"].is_null());
    assert!(doc["summary"].as_str().unwrap().contains("y2 +0.5000, Pillar A +0.1875"), "{}", doc["summary"]);
    check_additive(&doc);
}

/// Bình Định 2023 (bundled sample) has no `soc_digital_id`: under soc_activity (150 of 1000
/// points) its two siblings share the 150 points, so each carries 150/1000 · 50/100 = 0.075,
/// not the spec's 150/1000 · 50/150 = 0.05, and `soc_payment_accounts` (goalposts 0–80)
/// contributes 0.075 · value/80, the value read from the CSV.
// See: issue 16, finding 3.
#[test]
fn r16_weight_is_the_weight_used() {
    let data = std::fs::read_to_string(crate::common::root().join("data/sample/dti-sample-2021-2023.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(data.as_bytes());
    let head = rdr.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let row = rdr
        .records()
        .map(Result::unwrap)
        .find(|r| &r[col("year")] == "2023" && &r[col("province")] == "Bình Định")
        .unwrap();
    assert!(["", "N/A"].contains(&&row[col("soc_digital_id")]));
    let normalized = row[col("soc_payment_accounts")].parse::<f64>().unwrap() / 80.0;
    let doc = json(&["explain", "Bình Định", "--format", "json"]);
    let pay = indicator(&doc, "soc_payment_accounts");
    assert!(close(f(&pay["nominal_weight"]), 0.05, 1e-12));
    assert!(close(f(&pay["weight"]), 0.075, 1e-12));
    assert!(close(f(&pay["normalized"]), normalized, 1e-12));
    assert!(close(f(&pay["contribution"]), 0.075 * normalized, 1e-12));
    let id = indicator(&doc, "soc_digital_id");
    assert!(close(f(&id["weight"]), 0.0, 0.0) && close(f(&id["nominal_weight"]), 0.05, 1e-12));
    let text = stdout(&dti(&["explain", "Bình Định", "--lang", "en"]));
    let row = text
        .lines()
        .find(|l| l.starts_with("│ People aged 15+ with a payment account"))
        .unwrap_or_else(|| panic!("{text}"));
    let expected = format!("0.0500 ┆      0.0750 ┆       {:.4}", 0.075 * normalized);
    assert!(row.contains(&expected), "{row}");
}

/// Strengths set a unit apart: in the bundled 2023 data 62 of 63 provinces have `có` for
/// `aw_dx_plan` and 58 for `aw_steering_committee` (counted from the CSV below), so Trà Vinh's
/// shared first places there are neither strengths nor weaknesses; its first place on
/// `aw_leaders_trained` (100 %, shared by 9 of 63, counted below) is, and comes first (1/63
/// before 1/62 and 1/61). Yes/no values read `có` / `không`; a list with nothing in it is left
/// out, not printed as "weakest: .".
// See: issue 16, finding 8.
#[test]
fn r16_strengths_set_the_unit_apart() {
    let data = std::fs::read_to_string(crate::common::root().join("data/sample/dti-sample-2021-2023.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(data.as_bytes());
    let head = rdr.headers().unwrap().clone();
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> =
        rdr.records().map(Result::unwrap).filter(|r| &r[col("year")] == "2023").collect();
    let yes = |name: &str| rows.iter().filter(|r| &r[col(name)] == "có").count();
    assert_eq!((rows.len(), yes("aw_dx_plan"), yes("aw_steering_committee")), (63, 62, 58));
    let top = |name: &str| rows.iter().filter(|r| &r[col(name)] == "100").count();
    assert_eq!(top("aw_leaders_trained"), 9);
    let doc = json(&["explain", "Trà Vinh", "--format", "json"]);
    let named: Vec<&str> = ["strongest", "weakest"]
        .iter()
        .flat_map(|k| doc[*k].as_array().unwrap().iter().map(|v| v.as_str().unwrap()))
        .collect();
    assert_eq!(named.len(), 6, "{named:?}");
    assert!(!named.contains(&"aw_dx_plan") && !named.contains(&"aw_steering_committee"), "{named:?}");
    assert_eq!(doc["strongest"][0], "aw_leaders_trained");
    // examples/minimal, East 2024: y2 is `không`, the only one (3/3): a weakness, read as such.
    let spec = "examples/minimal/indicators.toml";
    let text = stdout(&dti(&["explain", "East", "--spec", spec, "--lang", "vi"]));
    assert!(text.lines().any(|l| l.starts_with("│ y2") && l.contains(" không ┆")), "{text}");
    let page = stdout(&dti(&["report", "East", "--spec", spec, "--format", "md", "--lang", "vi"]));
    assert!(page.contains("- y2 — 3/3 (không)"), "{page}");
    // South with x1 and x2 blank in 2024: y2's first place is shared by 2 of 3, y1 is a strength,
    // and nothing is left to call weak.
    let root = crate::common::root().join("examples/minimal");
    let read = |f: &str| std::fs::read_to_string(root.join(f)).unwrap();
    let y2024 = read("2024.csv").replace("South,20,10,90,có", "South,,,90,có");
    let dir =
        folder(&[("indicators.toml", &read("indicators.toml")), ("2023.csv", &read("2023.csv")), ("2024.csv", &y2024)]);
    let out = stdout(&crate::common::dti_in(dir.path(), &["explain", "South", "--lang", "en"]));
    assert!(out.contains("Strongest: y1 (1/3). The change"), "{out}");
    assert!(!out.contains("weakest"), "{out}");
    let page = stdout(&crate::common::dti_in(dir.path(), &["report", "South", "--lang", "en", "--format", "md"]));
    assert!(page.contains("Weakest (by rank):\n\n- no indicator stands out"), "{page}");
}

/// Weights print to at least 4 decimals whatever the scores are rounded to: in COINr's ASEM
/// index (scores to 2 decimals) Border crossings weighs ½ (Conn) · ⅕ (Physical) · ⅛ = 0.0125,
/// not "0.01". A computed raw value (here a ratio, then winsorised) prints to 6 significant
/// digits, not as the float's 17.
// See: issue 13, new-user trial finding 15.
#[test]
fn weights_and_computed_raw_values_read_well() {
    let text = stdout(&dti(&["explain", "Singapore", "--spec", "examples/coinr-asem/indicators.toml", "--lang", "en"]));
    let line = text.lines().find(|l| l.starts_with("│ Border crossings")).unwrap_or_else(|| panic!("{text}"));
    let cells: Vec<&str> = line.split('┆').map(str::trim).collect();
    assert_eq!((cells[4], cells[5]), ("0.0125", "0.0125"), "{line}");
    let raw = cells[1].trim_end_matches(|c: char| c != ')' && !c.is_ascii_digit());
    assert!(
        raw.split(['†', '*', ' ', '(', ')']).filter(|s| !s.is_empty()).all(|n| n.trim_start_matches("0.").len() <= 9),
        "{line}"
    );
}
