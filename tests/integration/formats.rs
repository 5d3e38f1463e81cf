//! Snapshots of every output format on `examples/minimal`, whose numbers are hand-worked in
//! its EXPECTED.md (2024 against 2023: North 0.9375 ↑1, South 0.75 ↑1, East 0.0625 ↓2).

use crate::common::{dti, stdout};

fn minimal(extra: &[&str]) -> String {
    let mut args = vec!["rank", "--spec", "examples/minimal/indicators.toml"];
    args.extend_from_slice(extra);
    let o = dti(&args);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    // The snapshots outlive a version bump.
    stdout(&o).replace(&format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")), "\"version\": \"[VERSION]\"")
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

/// `--output` decides the format, case-insensitively, unless `--format` says otherwise; a name
/// that promises a format the command does not write there is refused and nothing is written.
// See: issue 16, finding 7.
#[test]
fn r16_the_output_name_and_the_format_agree() {
    let dir = tempfile::tempdir().unwrap();
    let spec = crate::common::root().join("examples/minimal/indicators.toml");
    let spec = spec.to_str().unwrap();
    let run = |args: &[&str]| crate::common::dti_in(dir.path(), &[&args[..1], &["--spec", spec], &args[1..]].concat());
    let o = run(&["rank", "--output", "R.CSV"]);
    assert!(o.status.success(), "{}", crate::common::stderr(&o));
    assert!(std::fs::read_to_string(dir.path().join("R.CSV")).unwrap().starts_with("unit,code,idx,idx_rank,"));
    assert!(run(&["rank", "--output", "r.Json"]).status.success());
    assert!(std::fs::read_to_string(dir.path().join("r.Json")).unwrap().contains("\n  \"index\": \"idx\","));
    for (args, says) in [
        (&["explain", "North", "--output", "e.xlsx"][..], "`dti explain` does not write .xlsx files"),
        (&["report", "North", "--output", "p.XLSX"][..], "`dti report` does not write .xlsx files"),
        (&["audit", "--output", "a.xlsx"][..], "`dti audit` does not write .xlsx files"),
        (
            &["rank", "--output", "r.xlsx", "--format", "json"][..],
            "asks for xlsx by its extension, but --format asks for json",
        ),
        (
            &["rank", "--output", "r.csv", "--format", "md"][..],
            "asks for csv by its extension, but --format asks for md",
        ),
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert!(crate::common::stderr(&o).contains(says), "{args:?}: {}", crate::common::stderr(&o));
        assert!(!dir.path().join(args[args.iter().position(|a| *a == "--output").unwrap() + 1]).exists());
    }
    // Any other name is text in the format asked, or a table.
    assert!(run(&["explain", "North", "--output", "e.txt"]).status.success());
    for cmd in ["sensitivity", "audit"] {
        let help = stdout(&dti(&[cmd, "--help"]));
        let format = &help[help.find("--format <FORMAT>").unwrap()..help.find("--output <FILE>").unwrap()];
        assert!(format.contains("- md:") && !format.contains("xlsx"), "{cmd} offers what it refuses:\n{format}");
    }
}
