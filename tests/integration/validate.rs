//! `dti validate`: reports without ranking.

use crate::common::{close, dti, dti_in, folder, json_in, result, stderr, stdout};

#[test]
fn bundled_spec_and_data_are_valid() {
    let o = dti(&["validate"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "ok: indicators.toml (13 composites, 31 indicators); 63 units; years 2022, 2023; 1 file(s)\n"
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
