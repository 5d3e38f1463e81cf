//! `dti rank --output F.xlsx`: the workbook read back with calamine, checked against the
//! hand-worked answers of `examples/minimal/EXPECTED.md`, and its styling, SHA-256 and
//! determinism checked in the file itself.

use crate::common::{dti, root, stderr};
use calamine::{Data, DataType, Reader, Xlsx, open_workbook};
use std::io::Read;
use std::path::Path;

fn write(spec: &str, extra: &[&str], dir: &Path, name: &str) -> std::path::PathBuf {
    let out = dir.join(name);
    let mut args = vec!["rank", "--spec", spec, "--output", out.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let o = dti(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("the workbook opens");
    wb.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"))
}

fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("a zip");
    let mut s = String::new();
    zip.by_name(name).expect("part present").read_to_string(&mut s).expect("utf-8 xml");
    s
}

fn num(c: &Data) -> f64 {
    match c {
        Data::Float(x) => *x,
        Data::Int(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    }
}

#[test]
fn ranking_sheet_holds_the_hand_worked_values_as_numbers() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = write("examples/minimal/indicators.toml", &[], dir.path(), "minimal.xlsx");
    let r = sheet(&out, "Ranking");
    let head: Vec<String> = r.rows().next().expect("header").iter().map(ToString::to_string).collect();
    assert_eq!(&head[..5], ["Rank", "Rank of", "Unit", "Code", "IDX"]);
    // EXPECTED.md, 2024 against 2023: North 0.9375 (was 2nd, +0.1875), South 0.75 (was 3rd,
    // +0.4375), East 0.0625 (was 1st, −0.75).
    let want = [
        ("North", 1.0, "1/3", 0.9375, 0.1875, 2.0, 1.0, 1.0, 1.0, 0.875, 2.0),
        ("South", 2.0, "2/3", 0.75, 0.4375, 3.0, 1.0, 0.5, 2.0, 1.0, 1.0),
        ("East", 3.0, "3/3", 0.0625, -0.75, 1.0, -2.0, 0.0, 3.0, 0.125, 3.0),
    ];
    let rows: Vec<&[Data]> = r.rows().skip(1).collect();
    assert_eq!(rows.len(), 3);
    for (row, w) in rows.iter().zip(want) {
        assert_eq!(row[2].to_string(), w.0);
        assert_eq!(num(&row[0]), w.1);
        assert_eq!(row[1].to_string(), w.2);
        assert!(row[3].is_empty(), "no code in the minimal data");
        let got: Vec<f64> = row[4..].iter().map(num).collect();
        let expected = [w.3, w.4, w.5, w.6, w.7, w.8, w.9, w.10];
        for (g, e) in got.iter().zip(expected) {
            assert!((g - e).abs() < 1e-12, "{}: {got:?} vs {expected:?}", w.0);
        }
    }
}

#[test]
fn every_sheet_is_there_and_full_precision() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = write("examples/minimal/indicators.toml", &["--year", "2023", "--no-compare"], dir.path(), "m.xlsx");
    let wb: Xlsx<_> = open_workbook(&out).expect("opens");
    assert_eq!(wb.sheet_names(), ["Ranking", "Scores", "Indicators", "Run"], "no Changes sheet without a comparison");
    // 2023, EXPECTED.md: South's idx is 0.3125 and its x1 normalised 0.5 (raw 20).
    let ind = sheet(&out, "Indicators");
    let head: Vec<String> = ind.rows().next().expect("header").iter().map(ToString::to_string).collect();
    let south = ind.rows().find(|r| r[0] == "South").expect("South");
    let col = |h: &str| head.iter().position(|x| x == h).unwrap_or_else(|| panic!("column {h}"));
    assert_eq!(num(&south[col("x1 (raw)")]), 20.0);
    assert_eq!(num(&south[col("x1 (normalised)")]), 0.5);
    assert_eq!(num(&south[col("x2 (normalised)")]), 0.0);
    let scores = sheet(&out, "Scores");
    let south = scores.rows().find(|r| r[0] == "South").expect("South");
    assert_eq!(num(&south[2]), 0.3125);
    assert_eq!(num(&south[3]), 3.0);
    // A value that 4 decimals would round: the bundled data, read back to the last bit.
    let out = write("indicators.toml", &["--format", "xlsx"], dir.path(), "dti.xlsx");
    let csv = dti(&["rank", "--format", "csv"]);
    let text = String::from_utf8(csv.stdout).expect("utf-8");
    let first = text.lines().nth(1).expect("a row");
    let dti_value: f64 = first.split(',').nth(2).expect("dti column").parse().expect("a number");
    let r = sheet(&out, "Xếp hạng");
    let top = r.rows().nth(1).expect("first row");
    assert_eq!(num(&top[4]), dti_value, "the workbook keeps every digit the CSV has");
    assert!(format!("{dti_value}").len() > 8, "the check needs a value longer than 4 decimals");
}

#[test]
fn vietnamese_names_formats_frozen_header_and_filter() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = write("indicators.toml", &[], dir.path(), "dti.xlsx");
    let wb: Xlsx<_> = open_workbook(&out).expect("opens");
    assert_eq!(wb.sheet_names(), ["Xếp hạng", "Điểm và hạng", "Chỉ tiêu", "Thay đổi", "Run"]);
    let r = sheet(&out, "Xếp hạng");
    let names: Vec<String> = r.rows().skip(1).map(|row| row[2].to_string()).collect();
    assert_eq!(names.len(), 63);
    for n in ["Hà Nội", "TP. Hồ Chí Minh", "Thừa Thiên Huế", "Đắk Lắk", "Bà Rịa - Vũng Tàu"] {
        assert!(names.iter().any(|x| x == n), "{n} missing from {names:?}");
    }
    let styles = part(&out, "xl/styles.xml");
    assert!(styles.contains(r#"formatCode="0.0000""#), "scores carry a 4-decimal number format");
    assert!(styles.contains(r#"formatCode="+0.0000;-0.0000;0.0000""#), "changes carry a signed format");
    for i in 1..=4 {
        let xml = part(&out, &format!("xl/worksheets/sheet{i}.xml"));
        assert!(xml.contains(r#"state="frozen""#), "sheet {i} has a frozen header");
        assert!(xml.contains("<autoFilter"), "sheet {i} has a filter");
        assert!(xml.contains("<cols>"), "sheet {i} has fitted column widths");
    }
}

#[test]
fn run_sheet_names_the_inputs_with_their_sha256() {
    let dir = tempfile::tempdir().expect("tmp");
    let out = write("examples/minimal/indicators.toml", &[], dir.path(), "m.xlsx");
    let run = sheet(&out, "Run");
    let lines: Vec<Vec<String>> = run.rows().map(|r| r.iter().map(ToString::to_string).collect()).collect();
    let find = |k: &str| lines.iter().filter(|l| l[0] == k).cloned().collect::<Vec<_>>();
    assert_eq!(find("Tool")[0][1], format!("dti {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(find("Years in the data")[0][1], "2023, 2024");
    assert_eq!(find("Ranked year")[0][1], "2024");
    assert_eq!(find("Compared with")[0][1], "2023");
    assert_eq!(find("Missing data")[0][1], "reweight");
    let files = find("Data file");
    assert_eq!(files.len(), 2);
    for f in files {
        // An independent digest: coreutils' sha256sum.
        let o = std::process::Command::new("sha256sum").arg(root().join(&f[1])).output().expect("sha256sum runs");
        let want = String::from_utf8(o.stdout).expect("utf-8");
        assert_eq!(f[2], want.split_whitespace().next().expect("a digest"), "{}", f[1]);
    }
}

#[test]
fn same_input_same_bytes_and_stdout_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    let a = write("indicators.toml", &[], dir.path(), "a.xlsx");
    let b = write("indicators.toml", &[], dir.path(), "b.xlsx");
    assert_eq!(std::fs::read(a).expect("a"), std::fs::read(b).expect("b"));
    let o = dti(&["rank", "--format", "xlsx"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("add --output FILE.xlsx"), "{}", stderr(&o));
    let o = dti(&["audit", "--output", dir.path().join("a.xlsx").to_str().expect("utf-8")]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("`dti audit` does not write .xlsx files"), "{}", stderr(&o));
}

/// Workbooks are streamed cell by cell when their rows are in order (as every spreadsheet
/// program writes them); a sheet whose rows are stored out of order is read whole instead, and
/// both readings give the same ranking as the CSV export of the same data.
#[test]
fn a_sheet_stored_out_of_row_order_reads_the_same() {
    let dir = tempfile::tempdir().expect("tmp");
    let original = root().join("data/sample/dti-sample-2021-2023.xlsx");
    let shuffled = dir.path().join("shuffled.xlsx");
    // Move the second data row (row 3) to the end of the sheet data.
    let moved = crate::common::edit_sheet_xml(&original, &shuffled, |xml| {
        let start = xml.find("<row r=\"3\"").expect("row 3");
        let end = start + xml[start..].find("</row>").expect("row end") + "</row>".len();
        let row = &xml[start..end];
        let without = format!("{}{}", &xml[..start], &xml[end..]);
        without.replacen("</sheetData>", &format!("{row}</sheetData>"), 1)
    });
    assert_eq!(moved, 3, "every year sheet was reordered");
    let csv = dti(&["rank", "--format", "csv", "--data", "data/sample/dti-sample-2021-2023.csv"]);
    for data in [original.to_str().expect("utf-8"), shuffled.to_str().expect("utf-8")] {
        let o = dti(&["rank", "--format", "csv", "--data", data]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(o.stdout, csv.stdout, "{data}");
    }
}

/// The workbook's indicator columns are headed by the indicators' names in the chosen
/// language, not by their ids.
// See: issue 16, finding 10.
#[test]
fn r16_indicator_columns_carry_names_in_the_language() {
    let dir = tempfile::tempdir().expect("tmp");
    let vi = write("indicators.toml", &[], dir.path(), "vi.xlsx");
    let head: Vec<String> =
        sheet(&vi, "Chỉ tiêu").rows().next().expect("header").iter().map(ToString::to_string).collect();
    assert!(head.contains(&"Tỷ lệ hộ gia đình có cáp quang (giá trị)".to_string()), "{head:?}");
    assert!(head.contains(&"Tỷ lệ hộ gia đình có cáp quang (chuẩn hoá)".to_string()), "{head:?}");
    assert!(!head.iter().any(|h| h.starts_with("infra_fibre_households")), "{head:?}");
    let en = write("indicators.toml", &["--lang", "en"], dir.path(), "en.xlsx");
    let head: Vec<String> =
        sheet(&en, "Indicators").rows().next().expect("header").iter().map(ToString::to_string).collect();
    assert!(head.contains(&"Households with fibre (raw)".to_string()), "{head:?}");
}
