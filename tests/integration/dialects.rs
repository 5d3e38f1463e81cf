//! The files real programs write: every file in `tests/fixtures/dialects/` (made by
//! `scripts/make-dialects.sh` with LibreOffice, Gnumeric, openpyxl, pandas, R and Python's csv
//! module; its README.md says which wrote what) holds the table of `clean.csv` and must rank to
//! the same bytes. Only stdout is compared: stderr may carry notes such as the encoding read.
//! The `bad-` files must fail and say why.

use crate::common::{dti, root};
use std::process::Output;

const DIR: &str = "tests/fixtures/dialects";
const SPEC: &str = "tests/fixtures/dialects/indicators.toml";
/// The script makes 20 good files; fewer found means some went missing, and an empty folder
/// must not pass.
const MIN_GOOD: usize = 20;
/// Each negative file, with what its error must mention (compared ignoring case).
const BAD: &[(&str, &[&str])] = &[("bad-openpyxl-formula-uncached.xlsx", &["G5", "formula"])];

fn rank(file: &str) -> Output {
    dti(&["rank", "--format", "json", "--spec", SPEC, "--data", &format!("{DIR}/{file}")])
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The fixture file names, sorted: the `bad-` ones or the others, never the spec, the
/// reference table or the README.
fn fixtures(bad: bool) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root().join(DIR))
        .expect("the dialects folder")
        .map(|e| e.expect("a folder entry"))
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().into_string().expect("a UTF-8 file name"))
        .filter(|n| !matches!(n.as_str(), "indicators.toml" | "README.md" | "clean.csv"))
        .filter(|n| n.starts_with("bad-") == bad)
        .collect();
    names.sort();
    names
}

/// Where a ranking that succeeded parts from clean.csv's, for the failure message.
fn first_difference(got: &[u8], want: &[u8]) -> String {
    let (got, want) = (String::from_utf8_lossy(got), String::from_utf8_lossy(want));
    let mut lines = got.lines().zip(want.lines()).enumerate();
    match lines.find(|(_, (g, w))| g != w) {
        Some((n, (g, w))) => format!("stdout differs at line {}: got `{g}`, clean.csv gives `{w}`", n + 1),
        None => format!("stdout has {} lines, clean.csv's {}", got.lines().count(), want.lines().count()),
    }
}

#[test]
fn every_dialect_ranks_like_the_clean_csv() {
    let want = rank("clean.csv");
    assert!(want.status.success(), "clean.csv does not rank:\n{}", err(&want));
    let names = fixtures(false);
    assert!(names.len() >= MIN_GOOD, "only {} fixtures in {DIR} (want {MIN_GOOD}+): {names:?}", names.len());
    let mut failed = Vec::new();
    for name in &names {
        let got = rank(name);
        if got.stdout == want.stdout {
            continue;
        }
        let why = if got.status.success() {
            first_difference(&got.stdout, &want.stdout)
        } else {
            format!("failed ({})", got.status)
        };
        failed.push(format!("{name}: {why}\n{}", err(&got).trim_end()));
    }
    assert!(
        failed.is_empty(),
        "{} of {} fixtures do not rank like clean.csv:\n\n{}",
        failed.len(),
        names.len(),
        failed.join("\n\n")
    );
}

#[test]
fn bad_files_fail_naming_the_cell_and_the_cause() {
    let names = fixtures(true);
    let listed: Vec<&str> = BAD.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names, listed,
        "every bad- file in {DIR} needs its expected error in BAD, and each listed one must exist"
    );
    for (name, words) in BAD {
        let o = rank(name);
        let e = err(&o);
        assert!(!o.status.success(), "{name} ranked instead of failing:\n{}", String::from_utf8_lossy(&o.stdout));
        for w in *words {
            assert!(e.to_lowercase().contains(&w.to_lowercase()), "{name}: the error does not mention `{w}`:\n{e}");
        }
    }
}
