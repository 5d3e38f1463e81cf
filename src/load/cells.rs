//! Workbook cells → `Typed`, read as the user sees them: a number formatted as a percentage
//! is the percentage shown (0.363 under `0.0%` is 36.3, as the sheet's own CSV export
//! writes it), a date is a date, an error an error. Shared by the streamed and the
//! whole-sheet readers; no file access.

use super::Typed;
use calamine::Data;

/// A header cell's text.
pub(super) fn header_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.trim().to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// A cell's value; `percent` when its number format shows a percentage.
pub(super) fn cell(c: &Data, percent: bool) -> Typed {
    match c {
        Data::Empty => Typed::Empty,
        Data::String(s) if s.trim().is_empty() => Typed::Empty,
        Data::String(s) => Typed::Text(s.clone()),
        Data::Int(i) if percent => Typed::Percent(shown_percent(*i as f64)),
        Data::Float(f) if percent => Typed::Percent(shown_percent(*f)),
        Data::Int(i) => Typed::Number(*i as f64),
        Data::Float(f) => Typed::Number(*f),
        Data::Bool(b) => Typed::Bool(*b),
        Data::DateTime(d) => Typed::Date(format!("Excel serial {d}")),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Typed::Date(s.clone()),
        Data::Error(e) => Typed::Error(e.to_string()),
    }
}

/// `v × 100` as a person reads it: the decimal point of the shortest decimal form of `v`
/// moved two places, so that 0.363 gives 36.3 exactly (not 36.300000000000004), the number
/// the sheet shows and its CSV export holds.
#[must_use]
pub(super) fn shown_percent(v: f64) -> f64 {
    let s = format!("{v}");
    let (sign, digits) = s.strip_prefix('-').map_or(("", s.as_str()), |d| ("-", d));
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = format!("{frac:0<2}");
    let shifted = format!("{sign}{int}{}.{}", &frac[..2], &frac[2..]);
    shifted.parse().unwrap_or(v * 100.0)
}

/// Whether an Excel number format code has a character that `wanted` picks outside quotes,
/// brackets (`[Red]`, `[$-409]`) and escapes (`\%`): the characters that format the number.
#[must_use]
pub(super) fn format_has(code: &str, wanted: impl Fn(char) -> bool) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            _ if quoted || bracket => {}
            c if wanted(c) => return true,
            _ => {}
        }
    }
    false
}

/// Whether an Excel number format code shows a percentage (`0.0%`, `0.00%;[Red]-0.00%`, but
/// not `0.0"%"` or `0\%`).
#[must_use]
pub(super) fn percent_format(code: &str) -> bool {
    format_has(code, |c| c == '%')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_read_as_shown() {
        assert_eq!(shown_percent(0.363), 36.3);
        assert_eq!(shown_percent(0.625), 62.5);
        assert_eq!(shown_percent(1.0), 100.0);
        assert_eq!(shown_percent(0.0005), 0.05);
        assert_eq!(shown_percent(-0.12), -12.0);
        assert_eq!(shown_percent(0.1234567), 12.34567);
        assert_eq!(shown_percent(5.0), 500.0);
        assert_eq!(cell(&Data::Float(0.363), true), Typed::Percent(36.3));
        assert_eq!(cell(&Data::Float(0.363), false), Typed::Number(0.363));
    }

    #[test]
    fn percent_formats() {
        for code in ["0%", "0.0%", "0.00%;[Red]-0.00%", "#,##0.0 %"] {
            assert!(percent_format(code), "{code}");
        }
        for code in ["General", "0.00", "0.0\"%\"", "0\\%", "[$%-409]0.0", "dd/mm/yyyy"] {
            assert!(!percent_format(code), "{code}");
        }
    }
}
