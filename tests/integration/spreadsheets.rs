//! Real spreadsheets as people save them (product.md §6): each of the nine failures a new
//! user met, made here byte by byte, must read as the clean table does. The reference is the
//! clean UTF-8 CSV of `tests/fixtures/dialects/`; the files other programs wrote are checked
//! by `dialects.rs`.

use crate::common::{dti_in, root, stderr, stdout};
use std::path::{Path, PathBuf};

const CLEAN: &str = "tests/fixtures/dialects/clean.csv";

fn spec() -> PathBuf {
    root().join("tests/fixtures/dialects/indicators.toml")
}

/// `dti rank --format json` of `file` in `dir`: (exit code, stdout, stderr).
fn rank(dir: &Path, file: &str, extra: &[&str]) -> (Option<i32>, String, String) {
    let spec = spec();
    let mut args = vec!["rank", "--format", "json", "--spec", spec.to_str().unwrap_or_default(), "--data", file];
    args.extend_from_slice(extra);
    let o = dti_in(dir, &args);
    (o.status.code(), stdout(&o), stderr(&o))
}

fn clean_json() -> String {
    let (code, out, err) = rank(&root(), CLEAN, &[]);
    assert_eq!(code, Some(0), "{err}");
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write fixture");
}

/// The clean table's text.
fn clean_text() -> String {
    std::fs::read_to_string(root().join(CLEAN)).expect("clean.csv")
}

#[test]
fn windows_and_old_mac_line_endings_read_like_unix_ones() {
    let want = clean_json();
    let dir = tempfile::tempdir().expect("tmp");
    let text = clean_text();
    for (name, eol) in [("crlf.csv", "\r\n"), ("cr.csv", "\r")] {
        for last in [true, false] {
            let mut t = text.replace('\n', eol);
            if !last {
                t.truncate(t.len() - eol.len());
            }
            write(dir.path(), name, t.as_bytes());
            let (code, out, err) = rank(dir.path(), name, &[]);
            assert_eq!(code, Some(0), "{name}: {err}");
            assert_eq!(out, want, "{name}");
        }
    }
    // Standard input, with CRLF.
    let spec = spec();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dti"))
        .args(["rank", "--format", "json", "--spec", spec.to_str().unwrap_or_default(), "--data", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    use std::io::Write;
    child.stdin.take().expect("stdin").write_all(text.replace('\n', "\r\n").as_bytes()).expect("write");
    let o = child.wait_with_output().expect("waits");
    assert_eq!(String::from_utf8_lossy(&o.stdout), want);
}

/// The clean table as a provincial report sheet: title rows, STT, Vietnamese headers (one
/// with a line break, one in capitals), percentages formatted `0.0%`, a number stored as text
/// with a decimal comma, a national row and a signature line.
fn report_workbook(path: &Path) {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Tổng hợp").expect("name");
    let pct = Format::new().set_num_format("0.0%");
    sheet.write(0, 0, "BẢNG TỔNG HỢP CHỈ SỐ THỬ NĂM 2023").expect("w");
    sheet.write(1, 0, "(Kèm theo Báo cáo số 123/BC-STTTT)").expect("w");
    let headers = [
        "STT",
        "Tỉnh/Thành phố",
        "Năm",
        "Tỷ lệ hồ sơ trực tuyến (%)",
        "CÓ NỀN TẢNG SỐ",
        "Kinh tế số\ntrong GRDP",
        "Doanh nghiệp số",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write(3, c as u16, *h).expect("w");
    }
    let text = clean_text();
    let mut r = 4u32;
    for (i, line) in text.lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        sheet.write(r, 0, i as f64 + 1.0).expect("w");
        sheet.write(r, 1, f[0]).expect("w");
        sheet.write(r, 2, 2023.0).expect("w");
        if let Ok(v) = f[2].parse::<f64>() {
            // 36.3 % typed into a percent cell is stored as 0.363.
            let stored: f64 = format!("{}", v / 100.0).parse().expect("number");
            sheet.write_with_format(r, 3, stored, &pct).expect("w");
        }
        sheet.write(r, 4, f[3]).expect("w");
        if i == 2 {
            sheet.write(r, 5, f[4].replace('.', ",")).expect("text with a decimal comma");
        } else {
            sheet.write(r, 5, f[4].parse::<f64>().expect("number")).expect("w");
        }
        if let Ok(v) = f[5].parse::<f64>() {
            sheet.write(r, 6, v).expect("w");
        }
        r += 1;
    }
    sheet.write(r, 1, "Cả nước").expect("w");
    sheet.write_with_format(r, 3, 0.49, &pct).expect("w");
    sheet.write(r + 2, 1, "Người lập biểu").expect("w");
    sheet.write(r + 2, 5, "Giám đốc").expect("w");
    book.save(path).expect("save");
}

#[test]
fn a_report_workbook_with_titles_percent_cells_and_a_national_row_reads_as_the_clean_csv() {
    let dir = tempfile::tempdir().expect("tmp");
    report_workbook(&dir.path().join("report.xlsx"));
    let (code, out, err) = rank(dir.path(), "report.xlsx", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, clean_json());
    assert!(err.contains("note: the header is row 4"), "{err}");
    assert!(err.contains("`Cả nước` skipped: a summary row"), "{err}");
    assert!(err.contains("the table ends at row 14"), "{err}");
}

#[test]
fn the_same_report_as_csv_with_a_national_row_and_vietnamese_headers() {
    let mut t = String::from("BẢNG TỔNG HỢP,,,,,,\n(Kèm theo Báo cáo số 123),,,,,,\n,,,,,,\n");
    t.push_str(
        "STT,Tỉnh/Thành phố,Năm,Tỷ lệ hồ sơ trực tuyến,Có nền tảng số,\"Kinh tế số\ntrong GRDP\",Doanh nghiệp số\n",
    );
    for (i, line) in clean_text().lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        let pct = if f[2].is_empty() { String::new() } else { format!("{}%", f[2]) };
        t.push_str(&format!("{},{},2023,{pct},{},{},{}\n", i + 1, f[0], f[3], f[4], f[5]));
    }
    t.push_str(",Cả nước,2023,49%,,,\n,,,,,,\nNgười lập biểu,,,,,Giám đốc,\n");
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "report.csv", t.replace('\n', "\r\n").as_bytes());
    let (code, out, err) = rank(dir.path(), "report.csv", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, clean_json());
    // The header row given by hand gives the same.
    let (_, given, _) = rank(dir.path(), "report.csv", &["--header-row", "4"]);
    assert_eq!(given, out);
}

#[test]
fn utf16_and_windows_1258_are_read_and_named() {
    let want = clean_json();
    let dir = tempfile::tempdir().expect("tmp");
    let tab = clean_text().replace(',', "\t").replace('\n', "\r\n");
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(tab.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    write(dir.path(), "unicode.txt", &utf16);
    let (code, out, err) = rank(dir.path(), "unicode.txt", &[]);
    assert_eq!((code, out.as_str()), (Some(0), want.as_str()), "{err}");
    assert!(err.contains("read as UTF-16 (little-endian"), "{err}");
    // Windows-1258 as Excel on Vietnamese Windows writes it: base letters and combining tone
    // marks (Hà Nội = H, à, space, N, ô, combining dot below, i).
    let clean = clean_text();
    let only_hanoi: String = clean.lines().take(2).map(|l| format!("{l}\n")).collect();
    assert!(only_hanoi.ends_with("Hà Nội,2023,62.5,có,18.25,1520\n"), "{only_hanoi}");
    let mut cp_short = clean.lines().next().unwrap_or_default().as_bytes().to_vec();
    cp_short.extend_from_slice(b"\r\nH\xe0 N\xf4\xf2i,2023,62.5,c\xf3,18.25,1520\r\n");
    write(dir.path(), "ansi.csv", &cp_short);
    write(dir.path(), "utf8.csv", only_hanoi.as_bytes());
    let (code, out, err) = rank(dir.path(), "ansi.csv", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(err.contains("read as Windows-1258"), "{err}");
    assert_eq!(out, rank(dir.path(), "utf8.csv", &[]).1);
    // Forced: the same bytes read as Latin-1 give a name the registry does not know.
    let (code, _, err) = rank(dir.path(), "ansi.csv", &["--encoding", "latin1"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("unknown province"), "{err}");
    let (code, _, err) = rank(dir.path(), "ansi.csv", &["--encoding", "klingon"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("unknown encoding `klingon`"), "{err}");
}

#[test]
fn percentages_beside_fractions_in_one_column_are_an_error_naming_the_cells() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut t = String::from("province;year;online_share;platform;digital_gdp;enterprises\n");
    let names = ["Hà Nội", "Huế", "Cần Thơ", "Đà Nẵng", "Trà Vinh", "Cà Mau"];
    for (i, n) in names.iter().enumerate() {
        let share = if i < 2 { format!("{},{}%", 70 + i, 86) } else { format!("0,{}", 70 + i) };
        t.push_str(&format!("{n};2023;{share};có;1;{}\n", i + 1));
    }
    write(dir.path(), "mixed.csv", t.as_bytes());
    let (code, out, err) = rank(dir.path(), "mixed.csv", &[]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        err.contains("column `online_share` mixes two scales: 2 cell(s) written as percentages, 4 as fractions"),
        "{err}"
    );
    assert!(err.contains("mixed.csv: row 2, column `online_share`"), "{err}");
    assert!(err.contains("row 4, column `online_share`"), "the first fraction is named: {err}");
    // A year entered as fractions beside years entered as percentages.
    let mut t = String::from("province,year,online_share,platform,digital_gdp,enterprises\n");
    for (y, scale) in [(2022, 0.01), (2023, 1.0)] {
        for (i, n) in names.iter().enumerate() {
            t.push_str(&format!("{n},{y},{},có,1,{}\n", (40.0 + i as f64) * scale, i + 1));
        }
    }
    write(dir.path(), "years.csv", t.as_bytes());
    let (code, _, err) = rank(dir.path(), "years.csv", &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("`online_share` (unit %) lies within 0–1 in 2022 but not in 2023"), "{err}");
}

#[test]
fn headers_match_by_name_in_any_case_and_the_unit_column_by_its_usual_names() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut t = String::from(
        "TỈNH/THÀNH PHỐ,Năm,Share of dossiers filed online,\"Có  nền\ntảng số\",KINH TẾ SỐ TRONG GRDP,digital enterprises\n",
    );
    t.extend(clean_text().lines().skip(1).map(|l| format!("{l}\n")));
    write(dir.path(), "named.csv", t.as_bytes());
    let (code, out, err) = rank(dir.path(), "named.csv", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, clean_json());
    // A header that matches nothing: the suggestion shows it on one line.
    let t = "province,year,online_share,\"platf\normx\",digital_gdp,enterprises\nHà Nội,2023,1,có,1,1\n";
    write(dir.path(), "bad.csv", t.as_bytes());
    let (code, _, err) = rank(dir.path(), "bad.csv", &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("platf ormx"), "{err}");
    assert!(!err.contains("platf\normx"), "{err}");
}

#[test]
fn with_a_code_column_units_of_the_same_name_are_different_units() {
    let spec = "[index]\nid = \"d\"\nunit_column = \"district\"\ncode_column = \"code\"\nchildren = { x = 1 }\n\n[[indicator]]\nid = \"x\"\ndirection = \"higher\"\nnormalize = \"none\"\n";
    let mut data = String::from("district,code,year,x\n");
    for (i, code) in ["829", "862", "874", "891", "905"].iter().enumerate() {
        data.push_str(&format!("Châu Thành,{code},2023,{}\n", 0.1 * (i + 1) as f64));
    }
    let dir = crate::common::folder(&[("indicators.toml", spec), ("d.csv", &data)]);
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv", "--format", "csv"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    let codes: Vec<&str> = out.lines().skip(1).filter_map(|l| l.split(',').nth(1)).collect();
    assert_eq!(codes, ["905", "891", "874", "862", "829"], "{out}");
    // `explain` takes the code; the shared name alone is refused with the codes to choose from.
    let o = dti_in(dir.path(), &["explain", "862", "--data", "d.csv", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("\"862\""), "{}", stdout(&o));
    let o = dti_in(dir.path(), &["explain", "Châu Thành", "--data", "d.csv"]);
    assert!(stderr(&o).contains("`Châu Thành` names 5 units"), "{}", stderr(&o));
    assert!(stderr(&o).contains("829, 862, 874, 891, 905"), "{}", stderr(&o));
}

#[test]
fn files_that_are_not_tables_give_one_error_and_floods_are_capped() {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::copy(spec(), dir.path().join("spec-as-data.csv")).expect("copy");
    let (code, _, err) = rank(dir.path(), "spec-as-data.csv", &[]);
    assert_eq!(code, Some(1));
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("is a TOML file"), "{err}");
    report_workbook(&dir.path().join("book.xlsx"));
    std::fs::copy(dir.path().join("book.xlsx"), dir.path().join("book.csv")).expect("copy");
    let (code, _, err) = rank(dir.path(), "book.csv", &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("is a zip archive, most likely an Excel (.xlsx)"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    // 60 cells that are not numbers: 20 shown, the rest counted, every error still counted.
    let mut t = String::from("province,year,online_share,platform,digital_gdp,enterprises\n");
    for name in
        ["Hà Nội", "Huế", "Cần Thơ", "Đà Nẵng", "Trà Vinh", "Cà Mau", "Sơn La", "Lào Cai", "Yên Bái", "Hà Giang"]
    {
        for y in 2018..2024 {
            t.push_str(&format!("{name},{y},abc,có,1,1\n"));
        }
    }
    write(dir.path(), "flood.csv", t.as_bytes());
    // `validate` reads every year (`rank` only the two it shows: 20 errors there).
    let spec = spec();
    let o = dti_in(dir.path(), &["validate", "--spec", spec.to_str().unwrap_or_default(), "--data", "flood.csv"]);
    let (code, err) = (o.status.code(), stderr(&o));
    assert_eq!(code, Some(1));
    assert_eq!(err.matches("is not a number").count(), 21, "20 shown and one count line: {err}");
    assert!(err.contains("… and 40 more like \"`abc` is not a number\""), "{err}");
    assert!(err.trim_end().ends_with("60 errors found; nothing was written"), "{err}");
}

#[test]
fn a_formula_without_a_saved_result_is_named() {
    // openpyxl writes formulas without their results; rust_xlsxwriter writes a result of 0
    // unless told, so the bytes are edited to drop it, as openpyxl leaves them.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("f.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["province", "year", "online_share", "platform", "digital_gdp", "enterprises"].iter().enumerate() {
        sheet.write(0, c as u16, *h).expect("w");
    }
    for (r, n) in ["Hà Nội", "Huế"].iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write(r, 0, *n).expect("w");
        sheet.write(r, 1, 2023.0).expect("w");
        sheet.write(r, 2, 50.0).expect("w");
        sheet.write(r, 3, "có").expect("w");
        sheet.write(r, 4, 2.0).expect("w");
        sheet.write_formula(r, 5, "=1500+20").expect("w");
    }
    book.save(&path).expect("save");
    crate::common::edit_sheet_xml(&path, &dir.path().join("g.xlsx"), |xml| xml.replace("</f><v>0</v>", "</f>"));
    let (code, _, err) = rank(dir.path(), "g.xlsx", &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("cell holds the formula `=1500+20` but no saved result"), "{err}");
    assert!(err.contains("g.xlsx: Sheet1!F2"), "{err}");
}

#[test]
fn a_semicolon_file_whose_every_value_has_three_decimals_reads_decimal_commas() {
    // R's write.csv2 of round(x, 3): no cell shows which separator is the decimal one, the
    // `;` does. Each value is the clean table's, written with three decimals.
    let mut t = String::from("province;year;online_share;platform;digital_gdp;enterprises\n");
    for line in clean_text().lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let three = |v: &str| v.parse::<f64>().map(|x| format!("{x:.3}").replace('.', ",")).unwrap_or_default();
        t.push_str(&format!("{};{};{};{};{};{}\n", f[0], f[1], three(f[2]), f[3], three(f[4]), three(f[5])));
    }
    assert!(t.contains("Thừa Thiên Huế;2023;36,300;có;9,125;214,000"), "{t}");
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "r-csv2.csv", t.as_bytes());
    let (code, out, err) = rank(dir.path(), "r-csv2.csv", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, clean_json());
}

#[test]
fn yes_no_columns_written_as_floats_read_as_yes_and_no() {
    // pandas writes a 0/1 column with a gap as floats.
    let t = clean_text().replace(",có,", ",1.0,").replace(",không,", ",0.0,");
    assert!(t.contains(",1.0,") && t.contains(",0.0,"));
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "floats.csv", t.as_bytes());
    let (code, out, err) = rank(dir.path(), "floats.csv", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, clean_json());
    write(dir.path(), "half.csv", clean_text().replace(",có,", ",0.5,").as_bytes());
    let (code, _, err) = rank(dir.path(), "half.csv", &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("`0.5` is not a yes/no value"), "{err}");
    // Read ahead as the number 2 on the splitting thread; taken there only as 0 or 1.
    write(dir.path(), "two.csv", clean_text().replace(",không,", ",2,").as_bytes());
    let (code, _, err) = rank(dir.path(), "two.csv", &[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("`2` is not a yes/no value"), "{err}");
}

#[test]
fn a_percent_column_of_fractions_is_warned_of_unless_its_scale_tops_at_one() {
    // What pandas' read_excel → to_csv writes for cells formatted 0.0%: 0.363 for 36.3 %.
    let mut t = String::from("province,year,online_share,platform,digital_gdp,enterprises\n");
    for line in clean_text().lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let share = f[2].parse::<f64>().map(|v| format!("{}", v / 100.0)).unwrap_or_default();
        t.push_str(&format!("{},{},{share},{},{},{}\n", f[0], f[1], f[3], f[4], f[5]));
    }
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "fractions.csv", t.as_bytes());
    let (code, _, err) = rank(dir.path(), "fractions.csv", &[]);
    assert_eq!(code, Some(0), "a warning, not an error: {err}");
    assert!(
        err.contains("every value of `online_share` (unit %) lies within 0–1, while its scale goes to 100"),
        "{err}"
    );
    // A share of the budget in percent, goalposts [0, 1]: 0.5 one year and 1.2 the next are
    // both real; nothing is said.
    let spec = "[index]\nid = \"b\"\nunit_column = \"unit\"\nchildren = { budget = 1, x = 1 }\n\n[[indicator]]\nid = \"budget\"\nunit = \"%\"\ndirection = \"higher\"\nnormalize = \"goalpost\"\ngoalposts = [0, 1]\n\n[[indicator]]\nid = \"x\"\ndirection = \"higher\"\n";
    let data =
        "unit,year,budget,x\nA,2022,0.5,1\nB,2022,0.3,2\nC,2022,0.9,3\nA,2023,1.2,1\nB,2023,0.4,2\nC,2023,0.8,3\n";
    let dir = crate::common::folder(&[("indicators.toml", spec), ("d.csv", data)]);
    let o = dti_in(dir.path(), &["validate", "--data", "d.csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok:"), "{}", stdout(&o));
}

#[test]
fn a_semicolon_file_with_decimal_dots_that_read_two_ways_is_one_error_a_column() {
    // pandas `to_csv(sep=";", float_format="%.3f")`: the `;` does not make `54.858` 54858.
    let spec = "[index]\nid = \"s\"\nchildren = { a = 1, b = 1 }\n\n[[indicator]]\nid = \"a\"\ndirection = \"higher\"\n\n[[indicator]]\nid = \"b\"\ndirection = \"higher\"\n";
    let data = "unit;year;a;b\nA;2023;54.858;12.500\nB;2023;44.123;10.250\nC;2023;41.001;11.125\n";
    let dir = crate::common::folder(&[("indicators.toml", spec), ("d.csv", data)]);
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(err.matches("is ambiguous").count(), 2, "one a column: {err}");
    assert!(err.contains("`54.858` is ambiguous: 54.858 or 54858?"), "{err}");
    assert!(err.contains("2 more cell(s) of column `a` read two ways"), "{err}");
    // One cell that shows the decimal point settles the column (and the file's others).
    let data = "unit;year;a;b\nA;2023;54.858;12.500\nB;2023;44.12;10.250\nC;2023;41.001;11.125\n";
    std::fs::write(dir.path().join("d.csv"), data).expect("write");
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv", "--format", "csv", "--detail"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(",54.858,"), "{}", stdout(&o));
}

#[test]
fn a_column_numbering_row_a_dated_signature_and_a_bracketed_national_row_are_not_units() {
    // The report form of provincial offices: (1) (2) (3) … under the header, `Cả nước (trung
    // bình)`, and a signature block opening with the place and date.
    let mut t = String::from("BẢNG TỔNG HỢP,,,,,,\n");
    t.push_str("STT,Tỉnh/Thành phố,Năm,Tỷ lệ hồ sơ trực tuyến,Có nền tảng số,Kinh tế số trong GRDP,Doanh nghiệp số\n");
    t.push_str("(1),(2),(3),(4),(5),(6),(7)\n");
    for (i, line) in clean_text().lines().skip(1).enumerate() {
        let f: Vec<&str> = line.split(',').collect();
        t.push_str(&format!("{},{},2023,{},{},{},{}\n", i + 1, f[0], f[2], f[3], f[4], f[5]));
    }
    t.push_str(",Cả nước (trung bình),2023,49,,,\n,,,,,,\n\"Hà Nội, ngày 20 tháng 3 năm 2024\",,,,,,\n(Ký, ghi rõ họ tên),,,,,,\n");
    let dir = tempfile::tempdir().expect("tmp");
    write(dir.path(), "form.csv", t.as_bytes());
    let (code, out, err) = rank(dir.path(), "form.csv", &[]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out, clean_json());
    assert!(err.contains("row 3 numbers the columns"), "{err}");
    assert!(err.contains("`Cả nước (trung bình)` skipped: a summary row"), "{err}");
    assert!(err.contains("the table ends at row 13"), "{err}");
}

/// Headers in the older or newer spelling of the spec's names: `Tỉ lệ` for `Tỷ lệ`, `sức
/// khỏe` for `sức khoẻ` (tone mark on the other vowel). Both spellings are in use, so both
/// name the column; a different word (`tỉ lẹ`) still does not.
// See: issue 11, new-user trial (left over in the last session).
#[test]
fn r11_headers_in_either_vietnamese_spelling() {
    let spec = "[index]\nid = \"idx\"\nchildren = [\"dvc\", \"health\"]\n\n[[indicator]]\nid = \"dvc\"\nname = \"Tỷ lệ dịch vụ công trực tuyến\"\ndirection = \"higher\"\nnormalize = \"goalpost\"\ngoalposts = [0, 100]\n\n[[indicator]]\nid = \"health\"\nname = \"Tỷ lệ dân số có hồ sơ sức khoẻ điện tử\"\ndirection = \"higher\"\nnormalize = \"goalpost\"\ngoalposts = [0, 100]\n";
    let data =
        "unit,year,Tỉ lệ dịch vụ công trực tuyến,Tỉ lệ dân số có hồ sơ sức khỏe điện tử\nA,2023,40,60\nB,2023,80,20\n";
    let dir = crate::common::folder(&[("indicators.toml", spec), ("d.csv", data)]);
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A: (0.40 + 0.60) / 2 = 0.5; B: (0.80 + 0.20) / 2 = 0.5: a tie at 1st.
    assert_eq!(stdout(&o), "unit,code,idx,idx_rank\nA,,0.5,1\nB,,0.5,1\n");
    let wrong = data.replace("Tỉ lệ dịch vụ", "Tỉ lẹ dịch vụ");
    let dir = crate::common::folder(&[("indicators.toml", spec), ("d.csv", &wrong)]);
    let o = dti_in(dir.path(), &["rank", "--data", "d.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("indicator column `dvc` is not in the data"), "{}", stderr(&o));
}

/// A provincial table with a subtotal row per region (`Vùng Tây Nguyên`, or the region's name
/// alone) keeps those rows out of the ranking, with a note, as it does `Cả nước`; a typo in a
/// province's name is still an error.
// See: issue 11, new-user trial (region rows, left over in the last session).
#[test]
fn r11_region_rows_are_subtotals() {
    let sample = std::fs::read_to_string(root().join("data/sample/dti-sample-2021-2023.csv")).unwrap();
    let cells = ",50".repeat(31);
    let data = format!("{sample}Vùng Tây Nguyên,2023{cells}\nĐồng bằng sông Cửu Long,2023{cells}\n");
    let dir = crate::common::folder(&[("d.csv", &data)]);
    let spec = root().join("indicators.toml");
    let o = dti_in(dir.path(), &["rank", "--spec", spec.to_str().unwrap(), "--data", "d.csv", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("`Vùng Tây Nguyên` and 1 more skipped: a summary row"), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 64, "63 provinces and the header");
    let typo = format!("{sample}Tây Nguyen X,2023{cells}\n");
    let dir = crate::common::folder(&[("d.csv", &typo)]);
    let o = dti_in(dir.path(), &["rank", "--spec", spec.to_str().unwrap(), "--data", "d.csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("unknown province `Tây Nguyen X`"), "{}", stderr(&o));
}
