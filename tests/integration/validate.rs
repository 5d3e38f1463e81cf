//! `dti validate`: reports without ranking.

use crate::common::{dti, stdout};

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
