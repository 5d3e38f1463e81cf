use super::*;
use NumberStyle::{CommaDecimal, DotDecimal};

fn v(value: f64, style: Option<NumberStyle>) -> Parsed {
    Parsed::Value { value, style }
}

#[test]
fn numbers_as_people_type_them() {
    assert_eq!(parse_number("36,3"), v(36.3, Some(CommaDecimal)));
    assert_eq!(parse_number("36.3"), v(36.3, Some(DotDecimal)));
    assert_eq!(parse_number("36,3%"), v(36.3, Some(CommaDecimal)));
    assert_eq!(parse_number(" 1.234,5 "), v(1234.5, Some(CommaDecimal)));
    assert_eq!(parse_number("1,234.5"), v(1234.5, Some(DotDecimal)));
    assert_eq!(parse_number("1 234"), v(1234.0, None));
    assert_eq!(parse_number("1\u{a0}234,75"), v(1234.75, Some(CommaDecimal)));
    assert_eq!(parse_number("1.234.567"), v(1_234_567.0, Some(CommaDecimal)));
    assert_eq!(parse_number("0,4880"), v(0.488, Some(CommaDecimal)));
    assert_eq!(parse_number("0,488"), v(0.488, Some(CommaDecimal)));
    assert_eq!(parse_number("-2,5"), v(-2.5, Some(CommaDecimal)));
    assert_eq!(parse_number("−2"), v(-2.0, None));
    assert_eq!(parse_number("12"), v(12.0, None));
    assert_eq!(parse_number("1e3"), v(1000.0, None));
}

#[test]
fn every_shape_machines_write() {
    assert_eq!(parse_number("54.858"), Parsed::Ambiguous { dot: 54.858, comma: 54858.0 });
    assert_eq!(parse_number("54,858"), Parsed::Ambiguous { dot: 54858.0, comma: 54.858 });
    assert_eq!(parse_number("54.85812345678901"), v(54.85812345678901, Some(DotDecimal)));
    assert_eq!(parse_number("1.5e-05"), v(1.5e-05, Some(DotDecimal)));
    assert_eq!(parse_number("1,5e-05"), v(1.5e-05, Some(CommaDecimal)));
    assert_eq!(parse_number("+12.5"), v(12.5, Some(DotDecimal)));
    assert_eq!(parse_number("-0,25"), v(-0.25, Some(CommaDecimal)));
    assert_eq!(parse_number("1234.5"), v(1234.5, Some(DotDecimal)));
    assert_eq!(parse_number("36.3% "), v(36.3, Some(DotDecimal)));
    assert_eq!(parse_number("36,3 %"), v(36.3, Some(CommaDecimal)));
    assert_eq!(parse_number(".5"), v(0.5, Some(DotDecimal)));
    assert_eq!(parse_number("1520"), v(1520.0, None));
    assert_eq!(parse_number("1E3"), v(1000.0, None));
    // What the byte reading leaves to the full one, and what that says.
    for s in ["1e", "e5", "1.", "+", "-", "1e5.5", "1.2.3"] {
        assert_ne!(machine(s.as_bytes()).map(|_| ()), Some(()), "{s:?} is not machine-shaped");
    }
    assert_eq!(shown_style("36,3"), Some(CommaDecimal));
    assert_eq!(shown_style("1,234"), None);
    assert_eq!(shown_style("1,234.5"), Some(DotDecimal));
    assert_eq!(shown_style("1\u{a0}234,75"), Some(CommaDecimal));
    assert_eq!(shown_style("abc"), None);
}

#[test]
fn missing_markers() {
    for s in ["", "  ", "-", "N/A", "n/a", "NA", "không có số liệu", "Không có số liệu"] {
        assert_eq!(parse_number(s), Parsed::Missing, "{s:?}");
    }
    for s in ["NA", "na", "N/A", "-", "..", "KCSL", "Khong co so lieu"] {
        assert!(missing_marker(s) && parse_number(s) == Parsed::Missing, "{s:?}");
    }
    assert!(!missing_marker("NAN") && !missing_marker("0") && !missing_marker("không có số liệu"));
}

#[test]
fn ambiguous_and_invalid() {
    assert_eq!(parse_number("1,234"), Parsed::Ambiguous { dot: 1234.0, comma: 1.234 });
    assert_eq!(parse_number("1.234"), Parsed::Ambiguous { dot: 1.234, comma: 1234.0 });
    for s in ["abc", "12.03.20", "1,2,3", "inf", "NaN", "1e999", "#DIV/0!", "1.2.3,4", "3,", "--1", "1,23.4"] {
        assert_eq!(parse_number(s), Parsed::Invalid, "{s:?}");
    }
}

#[test]
fn yes_no() {
    assert_eq!(parse_bool("Có"), Some(true));
    assert_eq!(parse_bool("không"), Some(false));
    assert_eq!(parse_bool("Khong"), Some(false));
    assert_eq!(parse_bool("TRUE"), Some(true));
    assert_eq!(parse_bool("0"), Some(false));
    assert_eq!(parse_bool("maybe"), None);
}
