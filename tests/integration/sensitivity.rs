//! What-if weights, `dti sensitivity` and `dti audit`: hand-checkable cases.

use crate::common::{close, dti, folder, json, json_in, result, stderr};

const MIN: &str = "examples/minimal/indicators.toml";

/// idx = (3a + b)/4 instead of (a + b)/2: North (3 + 0.875)/4, South (1.5 + 1)/4, East 0.125/4.
#[test]
fn what_if_weights_by_hand() {
    let doc = json(&["rank", "--spec", MIN, "--format", "json", "--set", "idx.a=3"]);
    assert_eq!(doc["comparison"]["against"], "spec weights");
    for (unit, score, change) in [("North", 0.96875, 0.03125), ("South", 0.625, -0.125), ("East", 0.03125, -0.03125)] {
        let r = result(&doc, unit);
        assert!(close(r["score"]["idx"].as_f64().unwrap(), score, 1e-12), "{unit}");
        assert!(close(r["change"]["score"]["idx"].as_f64().unwrap(), change, 1e-12), "{unit}");
        assert_eq!(r["change"]["rank"]["idx"], 0);
    }
    // The same through a weights file, and `child.weight` for every parent.
    let dir = folder(&[("w.toml", "\"idx.a\" = 3\n")]);
    let w = dir.path().join("w.toml");
    let from_file = json(&["rank", "--spec", MIN, "--format", "json", "--weights", w.to_str().unwrap()]);
    assert_eq!(from_file["results"], doc["results"]);
    let all = json(&["rank", "--spec", MIN, "--format", "json", "--set", "a.weight=3"]);
    assert_eq!(all["results"], doc["results"]);
}

#[test]
fn what_if_with_the_specs_own_weights_changes_nothing() {
    let doc = json(&["rank", "--format", "json", "--set", "dti.gov_activity=200", "--set", "gov.awareness=100"]);
    for r in doc["results"].as_array().unwrap() {
        for v in r["change"]["score"].as_object().unwrap().values() {
            assert_eq!(v.as_f64(), Some(0.0), "{}", r["unit"]);
        }
        for v in r["change"]["rank"].as_object().unwrap().values() {
            assert_eq!(v.as_i64(), Some(0));
        }
    }
}

#[test]
fn what_if_keys_are_checked() {
    let o = dti(&["rank", "--set", "gov.gov_activty=250", "--set", "econ_activity.weight=0", "--set", "gvo.awareness=1", "--set", "nodot=1"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("did you mean `gov.gov_activity`?"), "{e}");
    assert!(e.contains("must be a positive number"));
    assert!(e.contains("unknown node `gvo`") && e.contains("did you mean `gov`?"));
    assert!(e.contains("`nodot` is not a weight key"));
    assert_eq!(dti(&["rank", "--set", "idx.a=3", "--compare", "2022"]).status.code(), Some(2));
    let _ = json_in;
}
