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

/// Whether `cell` (trimmed) is one of the ASCII missing-value markers (`NA`, as R writes a
/// gap, `N/A`, `-`, `..`, `kcsl`…), told without the full reading: `parse_number` says
/// `Missing` for each of these.
#[must_use]
pub fn missing_marker(cell: &str) -> bool {
    MISSING.iter().any(|m| m.is_ascii() && cell.eq_ignore_ascii_case(m))
}

/// Reads a number cell. Percent signs are dropped (`36,3%` is 36.3, the number as typed).
///
/// ```
/// use dti::validate::{parse_number, NumberStyle, Parsed};
/// assert_eq!(parse_number("1.234,5"), Parsed::Value { value: 1234.5, style: Some(NumberStyle::CommaDecimal) });
/// assert_eq!(parse_number("không có số liệu"), Parsed::Missing);
/// ```
#[must_use]
pub fn parse_number(raw: &str) -> Parsed {
    if let Some(fast) = machine(raw.as_bytes()) {
        return fast;
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

/// Where the parts of a number written by a machine are: `-36.3`, `+1,5e-05`, `54.858`,
/// `36,3 %` — ASCII digits, one separator at most, an exponent, a trailing percent sign.
struct Shape<'a> {
    int: &'a [u8],
    /// The separator and the digits after it.
    frac: Option<(u8, &'a [u8])>,
    /// The exponent with its sign, as written after `e`.
    exp: Option<&'a [u8]>,
}

fn shape(b: &[u8]) -> Option<Shape<'_>> {
    let b = b.trim_ascii();
    let b = b.strip_suffix(b"%").map_or(b, <[u8]>::trim_ascii_end);
    let b = match b.first()? {
        b'-' | b'+' => &b[1..],
        _ => b,
    };
    // One pass: digits, a separator and digits, an exponent; anything else is not a machine's.
    let digits = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = digits(0);
    let int = &b[..i];
    let mut frac = None;
    if let Some(&sep) = b.get(i).filter(|&&c| c == b'.' || c == b',') {
        let end = digits(i + 1);
        if end == i + 1 {
            return None;
        }
        frac = Some((sep, &b[i + 1..end]));
        i = end;
    }
    let mut exp = None;
    if b.get(i).is_some_and(|&c| c == b'e' || c == b'E') {
        let signed = i + 1 + usize::from(b.get(i + 1).is_some_and(|&c| c == b'+' || c == b'-'));
        let end = digits(signed);
        if end == signed {
            return None;
        }
        exp = Some(&b[i + 1..end]);
        i = end;
    }
    (i == b.len() && (!int.is_empty() || frac.is_some())).then_some(Shape { int, frac, exp })
}

/// The number a machine-written cell holds, read from its bytes with nothing allocated
/// (`decimal::read`, the one fast reader); `None` for anything else (person-typed forms,
/// words), which the full reading takes. A cell that reads two ways (`1,234`) gives both.
fn machine(b: &[u8]) -> Option<Parsed> {
    if let Some(f) = super::decimal::read(b, None) {
        return Some(Parsed::Value { value: f.value, style: f.shown });
    }
    let dot = super::decimal::read(b, Some(NumberStyle::DotDecimal))?;
    let comma = super::decimal::read(b, Some(NumberStyle::CommaDecimal))?;
    Some(Parsed::Ambiguous { dot: dot.value, comma: comma.value })
}

/// The decimal separator a cell shows, if it shows one (`36,3` a comma, `1,234.5` a dot,
/// `1,234` neither): what `parse_number` says, without reading the value.
#[must_use]
pub fn shown_style(raw: &str) -> Option<NumberStyle> {
    match shape(raw.as_bytes()) {
        Some(Shape { frac: None, .. }) => None,
        Some(Shape { int, frac: Some((sep, f)), exp, .. }) => {
            let grouped = exp.is_none() && (1..=3).contains(&int.len()) && int[0] != b'0' && f.len() == 3;
            match (grouped, sep) {
                (true, _) => None,
                (false, b'.') => Some(NumberStyle::DotDecimal),
                (false, _) => Some(NumberStyle::CommaDecimal),
            }
        }
        // Person-typed forms (`1 234,5`, `1.234.567`): only a cell with a digit and a separator
        // can show one, and names and words never take the full reading here.
        None if raw.bytes().any(|b| b.is_ascii_digit()) && raw.bytes().any(|b| b == b'.' || b == b',') => {
            // `1,234.5` (thousands grouped, as spreadsheets export them) without the full reading.
            if let Some(fast) = super::decimal::read(raw.as_bytes(), None) {
                return fast.shown;
            }
            match parse_number(raw) {
                Parsed::Value { style, .. } => style,
                _ => None,
            }
        }
        None => None,
    }
}

/// The separator of a cell that reads two ways (`1,234`: `,`; `54.858`: `.`), if it is one.
#[must_use]
pub fn ambiguous_separator(raw: &str) -> Option<u8> {
    let s = shape(raw.as_bytes())?;
    let (sep, f) = s.frac?;
    (s.exp.is_none() && (1..=3).contains(&s.int.len()) && s.int[0] != b'0' && f.len() == 3).then_some(sep)
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
    // What machines write, without allocating.
    match raw.trim_ascii().as_bytes() {
        b"1" => return Some(true),
        b"0" => return Some(false),
        _ => {}
    }
    let t: String = raw.nfc().collect::<String>().trim().to_lowercase();
    match t.as_str() {
        "có" | "co" | "yes" | "y" | "true" | "đúng" | "dung" | "1" | "x" => Some(true),
        "không" | "khong" | "no" | "n" | "false" | "sai" | "0" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
