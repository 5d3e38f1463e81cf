//! Snapshots of every output format on `examples/minimal`, whose numbers are hand-worked in
//! its EXPECTED.md (2024 against 2023: North 0.9375 ↑1, South 0.75 ↑1, East 0.0625 ↓2).

use crate::common::{dti, stdout};

fn minimal(extra: &[&str]) -> String {
    let mut args = vec!["rank", "--spec", "examples/minimal/indicators.toml"];
    args.extend_from_slice(extra);
    let o = dti(&args);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    stdout(&o)
}

#[test]
fn table() {
    insta::assert_snapshot!(minimal(&[]));
}

#[test]
fn table_vi() {
    insta::assert_snapshot!(minimal(&["--lang", "vi"]));
}

#[test]
fn csv() {
    insta::assert_snapshot!(minimal(&["--format", "csv"]));
}

#[test]
fn csv_detail_without_comparison() {
    insta::assert_snapshot!(minimal(&["--format", "csv", "--detail", "--no-compare"]));
}

#[test]
fn json() {
    insta::assert_snapshot!(minimal(&["--format", "json"]));
}

#[test]
fn json_detail_first_year() {
    insta::assert_snapshot!(minimal(&["--format", "json", "--detail", "--year", "2023"]));
}

#[test]
fn markdown() {
    insta::assert_snapshot!(minimal(&["--format", "md"]));
}

#[test]
fn help() {
    insta::assert_snapshot!(stdout(&dti(&["rank", "--help"])));
}
