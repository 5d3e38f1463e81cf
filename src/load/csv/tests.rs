use super::*;
use crate::load::Cell;

fn hint() -> HeaderHint {
    HeaderHint {
        row: None,
        unit: vec!["unit".into(), "tỉnh/thành phố".into()],
        known: vec!["x".into(), "y".into(), "năm".into()],
        year: vec!["năm".into()],
    }
}

/// Every data row as (row number shown, cells' text).
fn rows(t: &RawTable) -> Vec<(usize, Vec<String>)> {
    t.data_rows()
        .map(|(r, row)| {
            let cells =
                row.cells().map(|c| if let Cell::Text(s) = c { s.to_string() } else { String::new() }).collect();
            (t.line(r), cells)
        })
        .collect()
}

fn written(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

#[test]
fn delimiters_and_bom() {
    for (src, delim) in [
        ("a,b\n1,2\n", b','),
        ("a;b\n1,5;2\n", b';'),
        ("a\tb\n1\t2\n", b'\t'),
        // As many commas as semicolons on the data lines: the header decides.
        ("unit;x;y\nHà Nội;1,5;2,5\n", b';'),
        ("BẢNG TỔNG HỢP\n\nunit,x\nA,1\n", b','),
    ] {
        assert_eq!(detect_delimiter(src), delim, "{src:?}");
    }
    let t = parse(b"\xEF\xBB\xBFunit;x\nA;36,3\n", "t.csv", None, CsvOptions::default()).unwrap();
    assert_eq!(t.headers, vec!["unit", "x"]);
    assert_eq!(rows(&t), [(2, vec!["A".to_string(), "36,3".into()])]);
}

#[test]
fn every_line_ending_gives_the_same_rows_in_memory_and_from_a_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let want = vec![(2, vec!["A".to_string(), "1".into()]), (4, vec!["B".to_string(), "2".into()])];
    for (i, eol) in ["\n", "\r\n", "\r"].iter().enumerate() {
        for last in ["", eol] {
            let text = format!("unit,x{eol}A,1{eol}{eol}B,2{last}");
            let from_memory = parse(text.as_bytes(), "t.csv", None, CsvOptions::default()).unwrap();
            assert_eq!(rows(&from_memory), want, "{text:?}");
            let path = written(&dir, &format!("d{i}.csv"), text.as_bytes());
            let from_file = read_file(&path, "d.csv", None, CsvOptions::default()).unwrap();
            assert_eq!(rows(&from_file), want, "{text:?}");
            assert!(from_file.reread_problems().is_empty(), "{text:?}");
        }
    }
}

#[test]
fn the_header_is_found_below_title_rows_and_signatures_end_the_table() {
    let text = "BẢNG TỔNG HỢP,,\r\n(Kèm theo Báo cáo số 1),,\r\n,,\r\nSTT,Tỉnh/Thành phố,X\r\n1,Hà Nội,\"1,5\"\r\n2,Huế,2\r\n,,\r\nNgười lập biểu,,Giám đốc\r\n";
    let opts = CsvOptions { hint: Some(&hint()), encoding: None };
    let t = parse(text.as_bytes(), "r.csv", None, opts).unwrap();
    assert_eq!(t.headers, ["STT", "Tỉnh/Thành phố", "X"]);
    assert_eq!(t.origin.0, 4);
    assert_eq!(
        rows(&t).iter().map(|(l, c)| (*l, c[1].clone())).collect::<Vec<_>>(),
        [(5, "Hà Nội".into()), (6, "Huế".to_string())]
    );
    let notes: Vec<&str> = t.notes.iter().map(|n| n.message.as_str()).collect();
    assert!(notes[0].contains("header is row 4"), "{notes:?}");
    assert!(notes[1].contains("ends at row 8"), "{notes:?}");
    // Without a hint the first row is the header, as before.
    let plain = parse(text.as_bytes(), "r.csv", None, CsvOptions::default()).unwrap();
    assert_eq!(plain.headers, ["BẢNG TỔNG HỢP", "", ""]);
    // A given header row.
    let given = HeaderHint { row: Some(4), ..HeaderHint::default() };
    let t = parse(text.as_bytes(), "r.csv", None, CsvOptions { hint: Some(&given), encoding: None }).unwrap();
    assert_eq!(t.headers[1], "Tỉnh/Thành phố");
}

#[test]
fn ragged_row_is_an_error_naming_the_row() {
    let e = parse(b"unit,x\nA,1\nB,2,3\nC\n", "t.csv", None, CsvOptions::default()).unwrap_err();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].place, Some(Place::Row { path: "t.csv".into(), row: 3, column: None }));
    assert_eq!(e[1].place, Some(Place::Row { path: "t.csv".into(), row: 4, column: None }));
    // Trailing empty fields (what some exports add) are not a ragged row.
    assert!(parse(b"unit,x\nA,1,,\n", "t.csv", None, CsvOptions::default()).is_ok());
}

#[test]
fn a_file_is_read_again_and_a_changed_file_is_reported() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = written(&dir, "d.csv", "\u{feff}unit;x\r\nA;1\r\n ; \r\nB;2\r\n".as_bytes());
    let t = read_file(&path, "d.csv", None, CsvOptions::default()).expect("reads");
    assert_eq!(rows(&t), [(2, vec!["A".to_string(), "1".into()]), (4, vec!["B".to_string(), "2".into()])]);
    assert!(t.reread_problems().is_empty());
    std::fs::write(&path, "unit;x\nA;1\n").expect("shorten");
    assert_eq!(t.data_rows().count(), 0);
    let p = t.reread_problems();
    assert!(p[0].message.contains("changed while it was being read"), "{p:?}");
}

#[test]
fn legacy_encodings_are_decoded_and_named() {
    let dir = tempfile::tempdir().expect("tmp");
    // Windows-1258: ộ is ô and a combining dot below.
    let path = written(&dir, "cp.csv", b"unit,x\r\nH\xe0 N\xf4\xf2i,1\r\n");
    let t = read_file(&path, "cp.csv", None, CsvOptions::default()).expect("1258");
    assert_eq!(rows(&t), [(2, vec!["Hà Nội".to_string(), "1".into()])]);
    assert!(t.notes[0].message.contains("Windows-1258"), "{:?}", t.notes);
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("unit\tx\r\nHà Nội\t1\r\n".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let path = written(&dir, "u.txt", &utf16);
    let t = read_file(&path, "u.txt", None, CsvOptions::default()).expect("utf-16");
    assert_eq!(rows(&t), [(2, vec!["Hà Nội".to_string(), "1".into()])]);
    let e = parse(b"unit,x\nH\xb5 N\xe9i,1\n", "t.csv", None, CsvOptions::default()).unwrap_err();
    assert!(e[0].message.contains("TCVN3"), "{e:?}");
}

#[test]
fn files_that_are_not_tables_are_one_error_saying_what_they_are() {
    let dir = tempfile::tempdir().expect("tmp");
    let toml = written(&dir, "spec.csv", b"[index]\nid = \"x\"\nname = \"y\"\n\n[[indicator]]\nid = \"a\"\n");
    let e = read_file(&toml, "spec.csv", None, CsvOptions::default()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert!(e[0].message.contains("TOML"), "{e:?}");
    let zip = written(&dir, "book.csv", b"PK\x03\x04\x14\x00\x00\x00rest of a workbook");
    let e = read_file(&zip, "book.csv", None, CsvOptions::default()).unwrap_err();
    assert!(e.len() == 1 && e[0].message.contains("zip archive"), "{e:?}");
    let png = written(&dir, "chart.csv", b"\x89PNG\r\n\x1a\n\x00\x00");
    let e = read_file(&png, "chart.csv", None, CsvOptions::default()).unwrap_err();
    assert!(e[0].message.contains("image"), "{e:?}");
}

#[test]
fn each_rows_year_is_known_before_its_values_are_read() {
    let text = "Tỉnh/Thành phố,Năm,X\nHà Nội,2022,1\nHuế,2023,2020\nCần Thơ, 2021 ,3\n";
    let t = parse(text.as_bytes(), "y.csv", None, CsvOptions { hint: Some(&hint()), encoding: None }).unwrap();
    assert_eq!((0..3).map(|r| t.row_year(r)).collect::<Vec<_>>(), [Some(2022), Some(2023), Some(2021)]);
    assert_eq!(t.years(), Some([2021, 2022, 2023].into()));
    // A row without a readable year: the years are not known beforehand.
    let t = parse(
        "Tỉnh/Thành phố,Năm,X\nHà Nội,,1\nHuế,2023,2\n".as_bytes(),
        "y.csv",
        None,
        CsvOptions { hint: Some(&hint()), encoding: None },
    )
    .unwrap();
    assert_eq!(t.years(), None);
    // No year column: the year of the file's name.
    let t = parse(
        "Tỉnh/Thành phố,X\nHà Nội,1\n".as_bytes(),
        "y.csv",
        Some(2024),
        CsvOptions { hint: Some(&hint()), encoding: None },
    )
    .unwrap();
    assert_eq!(t.years(), Some([2024].into()));
}

#[test]
fn numbers_read_ahead_are_what_the_validator_reads() {
    use crate::load::decimal;
    use crate::load::number::NumberStyle::{CommaDecimal, DotDecimal};
    let dir = tempfile::tempdir().expect("tmp");
    // Short and long rows (long ones leave every other column to the validator), cells with
    // white space of every kind, percentages, words, blanks, 17-digit numbers.
    let mut text = String::from("unit,x,y,z\n");
    for i in 0..300 {
        text.push_str(&format!("A{i},\u{a0}{i}.5 ,\"1,{i:03}\",{i}%\n"));
        text.push_str(&format!("B{i},54.85812345678901,-1.5e-05,không có số liệu\n"));
        text.push_str(&format!("C{i},,  ,\"{i},25\"\n"));
    }
    let path = written(&dir, "ahead.csv", text.as_bytes());
    let t = read_file(&path, "ahead.csv", None, CsvOptions::default()).unwrap();
    for style in [Some(DotDecimal), Some(CommaDecimal), None] {
        let numbers = vec![Some((1, style)), Some((3, style)), None];
        let (mut ahead, mut left) = (0, 0);
        for (r, row) in t.data_rows_read(None, numbers) {
            // The `k`-th cell read ahead: its value and percent sign, or `None` when left.
            let (values, percent) = row.ahead();
            let read_ahead = |k: usize| {
                let v = *values.get(k)?;
                (!v.is_nan()).then_some((v, percent.get(k / 64).is_some_and(|w| w >> (k % 64) & 1 == 1)))
            };
            for (k, c) in [(0, 1), (1, 3)] {
                let want = match row.get(c) {
                    Cell::Text(s) => decimal::read(s.as_bytes(), style),
                    _ => None,
                };
                // A cell with white space other than ASCII around it (the `\u{a0}` of A rows) is
                // no number here: the validator reads it itself, as it reads any other.
                let wide_space = c == 1 && matches!(row.get(0), Cell::Text(u) if u.starts_with('A'));
                if wide_space {
                    assert!(want.is_some(), "row {r}: the validator's own reading has a number");
                }
                let want = want.filter(|_| !wide_space).map(|f| (f.value, f.percent));
                match read_ahead(k) {
                    Some(got) => {
                        ahead += 1;
                        assert_eq!(Some(got), want, "row {r} column {c}");
                    }
                    // Left to the validator: not read here (every other column of a long
                    // row), or no number the fast reading takes.
                    None => {
                        left += 1;
                        let long = matches!(row.get(0), Cell::Text(u) if u.starts_with('B'));
                        assert!(want.is_none() || (long && k % 2 == 1), "row {r} column {c}: {want:?} not read ahead");
                    }
                }
            }
            assert_eq!(read_ahead(2), None, "a column not asked for is not read");
        }
        // Read ahead: A rows' percentages, B rows' long numbers (first column only), C rows'
        // decimal commas; left: A rows' `\u{a0}` cells, B rows' second column, C rows' blanks.
        assert_eq!((ahead, left), (900, 900), "{style:?}");
    }
}
