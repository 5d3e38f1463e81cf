//! Numbers and yes/no values as people type them: `36,3`, `36.3`, `36,3%`, `1.234,5`,
//! `1 234`, `-`, `N/A`, `không có số liệu`; `có`/`không`, `yes`/`no`, `1`/`0`. A cell that
//! reads two ways (`1,234`: 1234 or 1.234?) is settled by the column's other cells, or is an error.

use unicode_normalization::UnicodeNormalization;

/// Which character is the decimal separator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// `1,234.5`
    DotDecimal,
    /// `1.234,5` (Vietnamese)
    CommaDecimal,
}

/// What a text cell says.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    Missing,
    /// A number; `style` is set when the text shows which separator is the decimal one.
    Value {
        value: f64,
        style: Option<NumberStyle>,
    },
    /// Reads as `dot` under `1,234.5` conventions and as `comma` under `1.234,5`.
    Ambiguous {
        dot: f64,
        comma: f64,
    },
    Invalid,
}

const MISSING: &[&str] = &["-", "–", "—", "n/a", "na", "..", "…", "không có số liệu", "khong co so lieu", "kcsl"];

/// Reads a number cell. Percent signs are dropped (`36,3%` is 36.3, the number as typed).
///
/// ```
/// use dti::validate::{parse_number, NumberStyle, Parsed};
/// assert_eq!(parse_number("1.234,5"), Parsed::Value { value: 1234.5, style: Some(NumberStyle::CommaDecimal) });
/// assert_eq!(parse_number("không có số liệu"), Parsed::Missing);
/// ```
#[must_use]
pub fn parse_number(raw: &str) -> Parsed {
    // Fast path for what machines write (`36.3`, `-2`, `1e3`): nothing to normalise and no
    // separator to interpret. `1.234` (three decimals) could be a thousands separator and takes
    // the full reading below.
    let plain = raw.trim_ascii();
    let (mut dots, mut dot_at, mut simple) = (0, 0, !plain.is_empty());
    for (i, b) in plain.bytes().enumerate() {
        match b {
            b'0'..=b'9' | b'-' | b'+' | b'e' | b'E' => {}
            b'.' => {
                dots += 1;
                dot_at = i;
            }
            _ => {
                simple = false;
                break;
            }
        }
    }
    let decimals = (dots == 1).then(|| plain.len() - dot_at - 1);
    let simple = simple && dots <= 1 && decimals != Some(3);
    if let Some(value) = simple.then(|| plain.parse::<f64>().ok()).flatten().filter(|v| v.is_finite()) {
        return Parsed::Value { value, style: decimals.map(|_| NumberStyle::DotDecimal) };
    }
    let t: String = raw.nfc().collect::<String>().trim().to_lowercase();
    if t.is_empty() || MISSING.contains(&t.as_str()) {
        return Parsed::Missing;
    }
    let t = t.strip_suffix('%').unwrap_or(&t).trim_end();
    let t: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\''))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", t.strip_prefix('+').unwrap_or(&t)),
    };
    if body.is_empty() || !body.starts_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',') {
        return Parsed::Invalid;
    }
    let num = |s: String| -> Option<f64> { s.parse::<f64>().ok().filter(|v| v.is_finite()) };
    let value =
        |s: String, style| num(format!("{sign}{s}")).map_or(Parsed::Invalid, |value| Parsed::Value { value, style });
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let mantissa_ok = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    match (dots, commas) {
        (0, 0) => value(body.to_string(), None),
        _ if !mantissa_ok(body) => Parsed::Invalid,
        (_, 0) | (0, _) => {
            let sep = if commas == 0 { '.' } else { ',' };
            let n = dots + commas;
            let parts: Vec<&str> = body.split(sep).collect();
            if n >= 2 {
                // Only grouping can repeat: 1.234.567 or 1,234,567.
                if !grouped(&parts) {
                    return Parsed::Invalid;
                }
                let style = if sep == '.' { NumberStyle::CommaDecimal } else { NumberStyle::DotDecimal };
                return value(parts.concat(), Some(style));
            }
            let as_decimal = format!("{}.{}", parts[0], parts[1]);
            if grouped(&parts) {
                let (Some(dec), Some(grp)) =
                    (num(format!("{sign}{as_decimal}")), num(format!("{sign}{}", parts.concat())))
                else {
                    return Parsed::Invalid;
                };
                return if sep == '.' {
                    Parsed::Ambiguous { dot: dec, comma: grp }
                } else {
                    Parsed::Ambiguous { dot: grp, comma: dec }
                };
            }
            if parts[1].is_empty() {
                return Parsed::Invalid;
            }
            let style = if sep == '.' { NumberStyle::DotDecimal } else { NumberStyle::CommaDecimal };
            value(as_decimal, Some(style))
        }
        _ => {
            let (dec, grp) = if body.rfind('.') > body.rfind(',') { ('.', ',') } else { (',', '.') };
            let Some((int, frac)) = body.rsplit_once(dec) else { return Parsed::Invalid };
            let groups: Vec<&str> = int.split(grp).collect();
            if frac.contains(grp) || !grouped(&groups) || frac.is_empty() {
                return Parsed::Invalid;
            }
            let style = if dec == '.' { NumberStyle::DotDecimal } else { NumberStyle::CommaDecimal };
            value(format!("{}.{frac}", groups.concat()), Some(style))
        }
    }
}

/// `["1", "234", "567"]`: a first group of 1–3 digits not starting with 0, then groups of 3.
fn grouped(parts: &[&str]) -> bool {
    let first = parts[0];
    (1..=3).contains(&first.len())
        && !(first.starts_with('0'))
        && parts[1..].iter().all(|p| p.len() == 3)
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// Reads a yes/no cell: `có`/`không`, `yes`/`no`, `true`/`false`, `1`/`0` (any case, with or
/// without diacritics). `None` for text that is none of these.
#[must_use]
pub fn parse_bool(raw: &str) -> Option<bool> {
    let t: String = raw.nfc().collect::<String>().trim().to_lowercase();
    match t.as_str() {
        "có" | "co" | "yes" | "y" | "true" | "đúng" | "dung" | "1" | "x" => Some(true),
        "không" | "khong" | "no" | "n" | "false" | "sai" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
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
    fn missing_markers() {
        for s in ["", "  ", "-", "N/A", "n/a", "NA", "không có số liệu", "Không có số liệu"] {
            assert_eq!(parse_number(s), Parsed::Missing, "{s:?}");
        }
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
}
