//! `dti validate`: reports without ranking.

use crate::common::{close, dti, dti_in, folder, json_in, result, stderr, stdout};

#[test]
fn bundled_spec_and_data_are_valid() {
    let o = dti(&["validate"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "ok: indicators.toml (13 composites, 31 indicators); 63 units; years 2021, 2022, 2023; 1 file(s)\n"
    );
}

#[test]
fn every_example_is_valid() {
    for ex in ["minimal", "official-922", "official-1726", "published-2021"] {
        let spec = format!("examples/{ex}/indicators.toml");
        let o = dti(&["validate", "--spec", &spec]);
        assert!(o.status.success(), "{ex}: {}", crate::common::stderr(&o));
    }
}

/// A cell that reads two ways (`1.234`: 1.234 or 1234?) is settled by the other cells of its
/// column; the table is then read a second time with that convention, and a table with no
/// such cell is read once. Both give the values a person reads.
#[test]
fn ambiguous_cells_follow_their_column_and_nothing_else_changes() {
    let spec = "[index]\nid = \"idx\"\nchildren = { a = 1, b = 1 }\n\n[[indicator]]\nid = \"a\"\ndirection = \"higher\"\nnormalize = \"none\"\n\n[[indicator]]\nid = \"b\"\ndirection = \"higher\"\nnormalize = \"none\"\n";
    // Column a writes decimals with a comma (36,5), so `1.234` in it is 1234; column b writes
    // them with a point (2.5), so its `1,500` is 1500. Unit Z appears after the ambiguous row.
    let data = "unit,year,a,b\nX,2024,\"36,5\",2.5\nY,2024,1.234,\"1,500\"\nZ,2024,7,3\n";
    let dir = crate::common::folder(&[("i.toml", spec), ("d.csv", data)]);
    let doc = crate::common::json_in(
        dir.path(),
        &["rank", "--spec", "i.toml", "--data", "d.csv", "--format", "json", "--detail"],
    );
    let raw = |u: &str, k: &str| crate::common::result(&doc, u)["indicator"][k]["raw"].as_f64().expect("a raw value");
    assert_eq!(raw("X", "a"), 36.5);
    assert_eq!(raw("Y", "a"), 1234.0);
    assert_eq!(raw("X", "b"), 2.5);
    assert_eq!(raw("Y", "b"), 1500.0);
    assert_eq!(raw("Z", "a"), 7.0);
    assert_eq!(doc["results"].as_array().expect("results").len(), 3, "no row is read twice");
}

/// `children = ["x", "y", "z"]` gives the children equal weights. Goalposts [0, 10]: A has
/// 2, 4, 9 → (0.2 + 0.4 + 0.9)/3 = 0.5; B has 10, 3, 8 → (1 + 0.3 + 0.8)/3 = 0.7. A list that
/// names a child twice, or an unknown one, points at it.
// See: issue 16, finding 13.
#[test]
fn r16_a_list_of_children_weighs_them_equally() {
    let ind = |id: &str| {
        format!(
            "\n[[indicator]]\nid = \"{id}\"\ndirection = \"higher\"\nnormalize = \"goalpost\"\ngoalposts = [0, 10]\n"
        )
    };
    let spec = format!("[index]\nid = \"idx\"\nchildren = [\"x\", \"y\", \"z\"]\n{}{}{}", ind("x"), ind("y"), ind("z"));
    let data = "unit,year,x,y,z\nA,2023,2,4,9\nB,2023,10,3,8\n";
    let dir = folder(&[("indicators.toml", &spec), ("d.csv", data)]);
    let doc = json_in(dir.path(), &["rank", "--data", "d.csv", "--format", "json"]);
    assert!(close(result(&doc, "A")["score"]["idx"].as_f64().unwrap(), 0.5, 1e-12));
    assert!(close(result(&doc, "B")["score"]["idx"].as_f64().unwrap(), 0.7, 1e-12));
    let bad = spec.replace("[\"x\", \"y\", \"z\"]", "[\"x\", \"y\", \"x\", \"zz\"]");
    let dir = folder(&[("indicators.toml", &bad), ("d.csv", data)]);
    let o = dti_in(dir.path(), &["validate", "--data", "d.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("error: `x` is listed twice among the children of `idx`\n --> indicators.toml:3:23"), "{err}");
    assert!(err.contains("error: unknown child `zz` of `idx`") && err.contains("did you mean `z`?"), "{err}");
}

/// For CI: `ok` only when nothing is worth a warning; `--format json` gives every problem as
/// data (and exit code 1 when one is an error); every JSON says which tool and layout wrote it;
/// `--save-runs` cannot overwrite `--output`.
// See: issue 16, finding 11.
#[test]
fn r16_validate_and_json_for_ci() {
    let spec = "[index]\nid = \"idx\"\nchildren = { x = 1 }\n\n[[indicator]]\nid = \"x\"\ndirection = \"higher\"\nunit = \"%\"\n";
    let dir = folder(&[
        ("indicators.toml", spec),
        ("ok.csv", "unit,year,x\nA,2023,50\nB,2023,70\n"),
        ("odd.csv", "unit,year,x\nA,2023,50\nB,2023,150\n"),
    ]);
    let ok = dti_in(dir.path(), &["validate", "--data", "ok.csv"]);
    assert!(stdout(&ok).starts_with("ok: indicators.toml (1 composites, 1 indicators); 2 units"), "{}", stdout(&ok));
    let odd = dti_in(dir.path(), &["validate", "--data", "odd.csv"]);
    assert_eq!(odd.status.code(), Some(0));
    assert!(stdout(&odd).starts_with("ok, 1 warning: indicators.toml"), "{}", stdout(&odd));
    assert!(stderr(&odd).contains("warning:"), "{}", stderr(&odd));
    let doc = json_in(dir.path(), &["validate", "--data", "odd.csv", "--format", "json"]);
    assert_eq!((doc["ok"].as_bool(), doc["errors"].as_u64(), doc["warnings"].as_u64()), (Some(true), Some(0), Some(1)));
    assert_eq!(doc["problems"][0]["severity"], "warning");
    assert_eq!(doc["problems"][0]["place"]["kind"], "row");
    assert_eq!(doc["summary"]["years"], serde_json::json!([2023]));
    // Invalid: exit 1, the problems on stdout as data, nothing more on stderr.
    let bad = spec.replace("children = { x = 1 }", "children = { x = 1, y = 1 }");
    let dir = folder(&[("indicators.toml", &bad), ("ok.csv", "unit,year,x\nA,2023,50\n")]);
    let o = dti_in(dir.path(), &["validate", "--data", "ok.csv", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((doc["ok"].as_bool(), doc["errors"].as_u64()), (Some(false), Some(1)));
    let p = &doc["problems"][0];
    assert_eq!(p["message"], "unknown child `y` of `idx`");
    assert_eq!(
        (p["place"]["kind"].as_str(), p["place"]["line"].as_u64(), p["place"]["column"].as_u64()),
        (Some("text"), Some(3), Some(21))
    );
    assert!(doc["summary"].is_null());
    // Every JSON names the tool, its version and the layout.
    let min = "examples/minimal/indicators.toml";
    for args in [
        &["rank", "--spec", min, "--format", "json"][..],
        &["rank", "--spec", min, "--all-years", "--format", "json"][..],
        &["explain", "North", "--spec", min, "--format", "json"][..],
        &["audit", "--spec", min, "--format", "json"][..],
        &["sensitivity", "--spec", min, "--runs", "5", "--weight-noise", "0.1", "--format", "json"][..],
        &["validate", "--spec", min, "--format", "json"][..],
    ] {
        let doc: serde_json::Value =
            serde_json::from_slice(&dti(args).stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"));
        assert_eq!(doc["tool"], serde_json::json!({"name": "dti", "version": env!("CARGO_PKG_VERSION")}), "{args:?}");
        assert_eq!(doc["schema"], 1, "{args:?}");
    }
    let dir = folder(&[]);
    let o = dti_in(
        dir.path(),
        &[
            "sensitivity",
            "--spec",
            &crate::common::root().join(min).display().to_string(),
            "--weight-noise",
            "0.1",
            "--runs",
            "5",
            "--output",
            "s.csv",
            "--save-runs",
            "./s.csv",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--save-runs ./s.csv and --output name the same file"), "{}", stderr(&o));
    assert!(!dir.path().join("s.csv").exists());
}

/// A unit whose every value is blank (or too few for the index) is listed unranked, and said
/// so, not shown as `–` in silence.
// See: issue 16, finding 12.
#[test]
fn r16_a_unit_with_no_score_is_reported() {
    let root = crate::common::root().join("examples/minimal");
    let read = |f: &str| std::fs::read_to_string(root.join(f)).unwrap();
    let y2024 = read("2024.csv").replace("South,20,10,90,có", "South,,,,");
    let dir =
        folder(&[("indicators.toml", &read("indicators.toml")), ("2023.csv", &read("2023.csv")), ("2024.csv", &y2024)]);
    let o = dti_in(dir.path(), &["rank"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).lines().any(|l| l.starts_with("│    – ┆ South ┆      – ┆")), "{}", stdout(&o));
    assert_eq!(
        stderr(&o),
        "warning: every value is blank: no `idx` score, listed unranked\n  --> South, 2024\n  = help: fill in the unit's values, or remove its row\n\n"
    );
    assert!(stdout(&dti_in(dir.path(), &["validate"])).starts_with("ok, 1 warning:"));
    // Half the weight present, two thirds required: too few.
    let spec = "[index]\nid = \"idx\"\nmin_coverage = 0.6\nchildren = [\"x\", \"y\"]\n\n[[indicator]]\nid = \"x\"\ndirection = \"higher\"\n\n[[indicator]]\nid = \"y\"\ndirection = \"higher\"\n";
    let dir = folder(&[("indicators.toml", spec), ("d.csv", "unit,year,x,y\nA,2023,1,2\nB,2023,3,\nC,2023,2,1\n")]);
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv"]);
    assert!(
        stderr(&o).contains("warning: too few values for a `idx` score (min_coverage): listed unranked\n  --> B, 2023"),
        "{}",
        stderr(&o)
    );
}
