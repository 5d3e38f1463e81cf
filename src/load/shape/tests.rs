//! The header's place and the table's end, on rows as people lay them out.

use super::*;

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

#[test]
fn keys_ignore_case_spacing_breaks_and_units() {
    assert_eq!(header_key("  Kinh tế số\ntrong  GRDP "), "kinh tế số trong grdp");
    assert_eq!(header_key("NHẬN THỨC SỐ"), header_key("Nhận thức số"));
    assert_eq!(header_keys("Tỷ lệ (%)"), ["tỷ lệ (%)", "tỷ lệ"]);
    assert_eq!(header_keys("Chính quyền số / Nhận thức số"), ["chính quyền số / nhận thức số", "nhận thức số"]);
    assert_eq!(header_display("a\nb  c"), "a b c");
}

#[test]
fn the_header_is_found_below_titles_and_joined_over_two_rows() {
    let hint =
        HeaderHint {
            row: None, unit: s(&["tỉnh/thành phố"]), known: s(&["năm", "a", "b", "c"]), year: s(&["năm"])
        };
    let rows = vec![
        (1, s(&["BẢNG TỔNG HỢP"])),
        (2, s(&["(Kèm theo Báo cáo số 1)"])),
        (4, s(&["STT", "Tỉnh/Thành phố", "Năm", "Nhóm 1", "", "C"])),
        (5, s(&["", "", "", "a", "b", ""])),
        (6, s(&["1", "Hà Nội", "2023", "1", "2", "3"])),
    ];
    let c = hint.choose(&rows).expect("found");
    assert_eq!((c.row, c.two_rows), (2, true));
    assert_eq!(c.headers, s(&["STT", "Tỉnh/Thành phố", "Năm", "Nhóm 1 / a", "Nhóm 1 / b", "C"]));
    // A one-row header is not joined with the data row below it.
    let one = vec![(1, s(&["Tỉnh/Thành phố", "a", "b"])), (2, s(&["Hà Nội", "1", "2"]))];
    assert_eq!(hint.choose(&one).map(|c| (c.row, c.two_rows)), Some((0, false)));
    // No row with the unit column: the first row, as written.
    assert_eq!(hint.choose(&[(3, s(&["x"]))]).map(|c| c.row), Some(0));
    let given = HeaderHint { row: Some(4), ..HeaderHint::default() };
    assert_eq!(given.choose(&rows).map(|c| c.row), Some(2));
}

#[test]
fn signature_lines_end_the_table() {
    assert!(ends_table("Người lập biểu"));
    assert!(ends_table("Ghi chú: số liệu tạm tính"));
    assert!(ends_table("NGƯỜI LẬP BIỂU"));
    assert!(!ends_table("Hà Nội"));
    assert!(ends_table("Hà Nội, ngày 20 tháng 3 năm 2024"));
    assert!(ends_table("(Ký, ghi rõ họ tên)"));
    assert!(ends_table("Lưu: VT, KHTC."));
    assert!(ends_table("- Như trên;"));
    assert!(numbers_columns(&s(&["(1)", "(2)", "", "(3)", "(4)"])));
    assert!(numbers_columns(&s(&["1", "2", "3", "4"])));
    assert!(!numbers_columns(&s(&["1", "Hà Nội", "2023", "4"])));
    assert!(!numbers_columns(&s(&["1", "2"])));
    assert!(!ends_table("1"));
    // What the quick look passes over, the full reading would not end the table at either.
    use unicode_normalization::UnicodeNormalization;
    let cells = ["Xã Số 00001", "Phường 1", "Thị trấn A", "Đà Nẵng", "XÁC NHẬN", "PREPARED BY", "Huyện X"];
    for m in MARKERS.iter().chain(&cells) {
        let nfd: String = m.nfd().collect();
        for v in [
            m.to_string(),
            m.to_uppercase(),
            nfd,
            format!(" \u{feff} {m}"),
            format!("Hà Nội, ngày 1 tháng 2 năm 2024 {m}"),
        ] {
            assert!(may_end(&v) || !ends(&header_key(&v)), "{v:?}");
        }
    }
    assert!(!may_end("Xã Số 00001") && !may_end("Bình Định") && !may_end("Huyện X") && may_end("Xác nhận"));
}
