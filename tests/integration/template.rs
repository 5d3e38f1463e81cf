//! `dti template`: the workbook's layout, and the round trip — the template filled in (values
//! typed into its empty cells, nothing else touched) is read by `dti rank` exactly as the same
//! values in a CSV file.

use crate::common::{dti, stderr, stdout};
use calamine::{Data, Reader, Xlsx, open_workbook};
use std::io::{Read, Write};
use std::path::Path;

fn template(dir: &Path, extra: &[&str]) -> std::path::PathBuf {
    let out = dir.join("template.xlsx");
    let mut args = vec!["template", "--output", out.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    let o = dti(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

/// The value typed for unit row `r`, indicator column `k`: yes/no as words for yes/no columns,
/// else a number with two decimals between 0.25 and 96.25.
fn typed(r: usize, k: usize, yes_no: bool) -> String {
    if yes_no {
        if (r + k).is_multiple_of(3) { "không".into() } else { "có".into() }
    } else {
        format!("{}.{}", (r * 7 + k * 13) % 97, [25, 5, 75][(r + k) % 3])
    }
}

/// Fills every empty input cell of every year sheet by editing the sheet XML in place, as
/// typing into Excel would; returns the same values as CSV text.
fn fill(template: &Path, filled: &Path, yes_no_cols: &[bool]) -> String {
    let mut zin = zip::ZipArchive::new(std::fs::File::open(template).expect("open")).expect("zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(filled).expect("create"));
    let mut csv = String::new();
    let sheets: Vec<(String, String)> = {
        let wb: Xlsx<_> = open_workbook(template).expect("opens");
        let names = wb.sheet_names();
        names.iter().filter(|n| n.parse::<i32>().is_ok()).map(|n| (n.clone(), String::new())).collect()
    };
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).expect("entry");
        let name = f.name().expect("entry name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        let sheet_no = name.strip_prefix("xl/worksheets/sheet").and_then(|s| s.strip_suffix(".xml"));
        if let Some(_sheet) = sheet_no.and_then(|s| s.parse::<usize>().ok()).filter(|&n| n <= sheets.len()) {
            let xml = String::from_utf8(bytes).expect("xml");
            let mut out = String::new();
            let mut rest = xml.as_str();
            // Empty input cells are `<c r="D2" s="N"/>`: give each a value.
            while let Some(at) = rest.find("<c r=\"") {
                out.push_str(&rest[..at]);
                let end = rest[at..].find('>').expect("cell end") + at;
                let tag = &rest[at..=end];
                rest = &rest[end + 1..];
                let Some(r_attr) = tag.strip_prefix("<c r=\"").and_then(|t| t.split('"').next()) else { continue };
                let (col, row): (String, String) = r_attr.chars().partition(char::is_ascii_uppercase);
                let (row, k) = (row.parse::<usize>().expect("row"), col_index(&col));
                if tag.ends_with("/>") && row >= 2 && k >= 3 {
                    let v = typed(row, k - 3, yes_no_cols[k - 3]);
                    let open = tag.trim_end_matches("/>");
                    if yes_no_cols[k - 3] {
                        out.push_str(&format!("{open} t=\"inlineStr\"><is><t>{v}</t></is></c>"));
                    } else {
                        out.push_str(&format!("{open}><v>{v}</v></c>"));
                    }
                } else {
                    out.push_str(tag);
                }
            }
            out.push_str(rest);
            bytes = out.into_bytes();
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
        zout.write_all(&bytes).expect("write");
    }
    zout.finish().expect("finish");
    // The same values as CSV, read back from the filled workbook's unit column and layout.
    let mut wb: Xlsx<_> = open_workbook(filled).expect("the filled workbook opens");
    for (year, _) in &sheets {
        let range = wb.worksheet_range(year).expect("sheet");
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(c, d)| match d {
                    Data::String(s) if c == 0 => format!("\"{s}\""),
                    Data::Float(x) if c == 2 => format!("{x}"),
                    _ if i > 0 && c >= 3 => typed(i + 1, c - 3, yes_no_cols[c - 3]),
                    other => other.to_string(),
                })
                .collect();
            if i > 0 || csv.is_empty() {
                csv.push_str(&cells.join(","));
                csv.push('\n');
            }
        }
    }
    csv
}

fn col_index(letters: &str) -> usize {
    letters.bytes().fold(0, |acc, b| acc * 26 + usize::from(b - b'A' + 1)) - 1
}

/// Which indicator columns are yes/no, from the template's own read-me sheet.
fn yes_no_columns(template: &Path) -> Vec<bool> {
    let mut wb: Xlsx<_> = open_workbook(template).expect("opens");
    let readme = wb.worksheet_range("Hướng dẫn").expect("read-me sheet");
    let rows: Vec<&[Data]> = readme.rows().collect();
    let head = rows.iter().position(|r| r[0] == "Cột").expect("indicator table");
    rows[head + 1..].iter().map(|r| r[4].to_string().starts_with("có/không")).collect()
}

#[test]
fn layout_notes_and_validation() {
    let dir = tempfile::tempdir().expect("tmp");
    let t = template(dir.path(), &["--year", "2024,2025"]);
    let mut wb: Xlsx<_> = open_workbook(&t).expect("opens");
    assert_eq!(wb.sheet_names(), ["2024", "2025", "Hướng dẫn"]);
    let r = wb.worksheet_range("2025").expect("sheet");
    let rows: Vec<&[Data]> = r.rows().collect();
    assert_eq!(rows.len(), 64, "a header and the 63 provinces");
    let head: Vec<String> = rows[0].iter().map(ToString::to_string).collect();
    assert_eq!(&head[..4], ["province", "code", "year", "aw_dx_plan"]);
    assert_eq!(head.len(), 3 + 31);
    assert_eq!(rows[1][0].to_string(), "Hà Nội");
    assert_eq!(rows[1][1].to_string(), "01");
    assert_eq!(rows[1][2], Data::Float(2025.0));
    let mut xml = String::new();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&t).expect("open")).expect("zip");
    zip.by_name("xl/worksheets/sheet1.xml").expect("sheet").read_to_string(&mut xml).expect("xml");
    assert!(xml.contains(r#"<dataValidation type="list""#), "yes/no columns offer a list");
    assert!(xml.contains(r#"<dataValidation type="decimal""#), "bounded columns check the range");
    let mut notes = String::new();
    zip.by_name("xl/comments1.xml").expect("notes").read_to_string(&mut notes).expect("xml");
    assert!(notes.contains("Tỷ lệ dịch vụ công trực tuyến toàn trình"), "header notes carry the names");
    assert!(notes.contains("Đơn vị: %"), "and the unit");
    let merged = template(dir.path(), &["--year", "2025", "--merged"]);
    let mut wb: Xlsx<_> = open_workbook(&merged).expect("opens");
    assert_eq!(wb.worksheet_range("2025").expect("sheet").rows().count(), 35, "a header and 34 units");
}

fn round_trip(extra: &[&str], units: usize) {
    let dir = tempfile::tempdir().expect("tmp");
    let mut args = vec!["--year", "2024"];
    args.extend_from_slice(extra);
    let t = template(dir.path(), &args);
    let filled = dir.path().join("filled.xlsx");
    let csv = fill(&t, &filled, &yes_no_columns(&t));
    let csv_path = dir.path().join("same.csv");
    std::fs::write(&csv_path, &csv).expect("csv");
    let from_xlsx = dti(&["rank", "--data", filled.to_str().expect("utf-8"), "--format", "csv"]);
    assert!(from_xlsx.status.success(), "the filled template is read as it is:\n{}", stderr(&from_xlsx));
    let from_csv = dti(&["rank", "--data", csv_path.to_str().expect("utf-8"), "--format", "csv"]);
    assert!(from_csv.status.success(), "{}", stderr(&from_csv));
    assert_eq!(stdout(&from_xlsx), stdout(&from_csv));
    let text = stdout(&from_xlsx);
    assert_eq!(text.lines().count(), 1 + units);
    // Every unit got a score from the typed values (the comparison is not of empty tables).
    assert!(text.lines().skip(1).all(|l| l.split(',').nth(2).is_some_and(|s| s.parse::<f64>().is_ok())), "{text}");
}

#[test]
fn filled_template_round_trips_through_rank() {
    round_trip(&[], 63);
}

#[test]
fn filled_merged_template_round_trips_through_rank() {
    round_trip(&["--merged"], 34);
}

/// `[index] groups` columns are in the template (text, after the indicators), so a filled
/// template has what `rank` reads; the built-in `region` of provinces needs no column.
// See: issue 13, new-user trial finding 3.
#[test]
fn group_columns_are_in_the_template() {
    let spec = "[index]\nid = \"idx\"\nunits = \"vn-provinces\"\ngroups = [\"nhom\", \"region\"]\nchildren = [\"a\"]\n\n[[indicator]]\nid = \"a\"\ndirection = \"higher\"\nnormalize = \"max\"\nmax = 10\n";
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("indicators.toml"), spec).expect("spec");
    let out = dir.path().join("t.xlsx");
    let o =
        crate::common::dti_in(dir.path(), &["template", "--year", "2024", "--output", out.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(&out).expect("opens");
    let range = wb.worksheet_range("2024").expect("sheet");
    let head: Vec<String> = range.rows().next().expect("header").iter().map(ToString::to_string).collect();
    assert_eq!(head, ["unit", "code", "year", "a", "nhom"]);
}
