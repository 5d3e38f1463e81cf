//! A machine-written number cell read in one pass over its bytes, once its column's decimal
//! separator is known: digits gathered into an integer as they are split, and only the reading
//! the column needs computed (`54.858` in a dot-decimal column is 54.858, never also 54858).
//! What it returns is exactly what `number::parse_number` gives for the cell under that
//! convention; anything it does not read in one pass (person-typed forms, words) is `None`,
//! and the caller takes `parse_number`.
//!
//! Knows bytes and the decimal convention; nothing of columns, indicators or diagnostics.

use super::number::NumberStyle;
use digits::{eight_digits, exact};

mod digits;

/// Powers of ten an `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// A number read on the fast path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fast {
    pub value: f64,
    /// The cell ended in a percent sign (`36.3%`, `36,3 %`).
    pub percent: bool,
    /// The decimal separator the cell itself shows (`36,3`: a comma; `1,234.5`: a dot), as
    /// `parse_number` says; `None` when it shows none or reads two ways (`1,234`).
    pub shown: Option<NumberStyle>,
}

/// Reads `raw` (`-36.3`, `+1,5e-05`, `54.858`, `36,3 %`, `1520`) with `decimal` the column's
/// decimal separator, if known. A cell that reads two ways (`1,234`: a 1–3 digit integer part
/// not starting with 0, then exactly three digits) takes the column's reading, and is `None`
/// when the column has none; any other separator is the decimal one, as the cell shows.
///
/// The value is one correctly rounded multiplication or division of two exact `f64`s
/// (Clinger's fast path: at most 15 digits, an exponent within ±22), so it is the very value
/// `str::parse` gives; longer numbers are read by `exact`, which gives that value too.
#[must_use]
#[inline]
pub fn read(raw: &[u8], decimal: Option<NumberStyle>) -> Option<Fast> {
    plain(raw, decimal).unwrap_or_else(|| read_any(raw, decimal))
}

/// The largest integer up to which every integer is an `f64` exactly (2^53).
const EXACT: u64 = 1 << 53;

/// `read` for the cells most machines write, `1520`, `63.27`, `54,858` or
/// `54.85812345678901`: digits, one separator at most, and nothing else (no sign, space,
/// exponent or percent sign). `None` for any other cell; else what `read_any` gives for it, in
/// a few instructions a byte, where every cell of a large file passes.
#[inline]
fn plain(b: &[u8], decimal: Option<NumberStyle>) -> Option<Option<Fast>> {
    // Up to 19 digits are gathered (they fit a `u64`); past that they are counted, and such a
    // number is `exact`'s.
    let mut m = 0u64;
    let mut i = 0;
    let digits = |i: &mut usize, m: &mut u64, count: usize| {
        while let Some(d) = b.get(*i).map(|c| c.wrapping_sub(b'0')).filter(|&d| d < 10) {
            if *i - count < 19 {
                *m = *m * 10 + u64::from(d);
            }
            *i += 1;
        }
    };
    digits(&mut i, &mut m, 0);
    let int = i;
    let c = match b.get(i) {
        _ if int == 0 => return None,
        // An integer of up to 19 digits is a `u64`, which `as` rounds to the nearest `f64`.
        None if int <= 19 => return Some(Some(Fast { value: m as f64, percent: false, shown: None })),
        None => return Some(long(b, int, None, false).map(|value| Fast { value, percent: false, shown: None })),
        Some(&c) if c == b'.' || c == b',' => c,
        Some(_) => return None,
    };
    i += 1;
    // The decimals of `54.85812345678901` eight at a time, while they fit the 19 digits
    // gathered (`i - 1` so far); short ones (`54.86`) skip this in one comparison.
    while (i - 1) + 8 <= 19 {
        let Some(v) = b.get(i..i + 8).and_then(eight_digits) else { break };
        m = m * 100_000_000 + v;
        i += 8;
    }
    digits(&mut i, &mut m, 1);
    let frac = i - int - 1;
    if i != b.len() || frac == 0 {
        return None;
    }
    // As `read_any`: three decimals after 1–3 digits not starting with 0 read two ways.
    let (is_decimal, shown) = if frac == 3 && int <= 3 && b[0] != b'0' {
        match decimal {
            None => return Some(None),
            Some(NumberStyle::DotDecimal) => (c == b'.', None),
            Some(NumberStyle::CommaDecimal) => (c == b',', None),
        }
    } else {
        (true, Some(style_of(c)))
    };
    // Clinger's fast path for every mantissa an `f64` holds exactly, whatever its digit count:
    // most of the 16-digit numbers pandas and R write (`54.85812345678901`) are below 2^53.
    if int + frac > 19 || m > EXACT {
        return Some(long(b, int, Some(c), is_decimal).map(|value| Fast { value, percent: false, shown }));
    }
    let value = if is_decimal { m as f64 / POW10[frac] } else { m as f64 };
    Some(Some(Fast { value, percent: false, shown }))
}

/// `read` for every cell it takes.
fn read_any(raw: &[u8], decimal: Option<NumberStyle>) -> Option<Fast> {
    let b = raw.trim_ascii();
    let (b, percent) = match b.strip_suffix(b"%") {
        Some(rest) => (rest.trim_ascii_end(), true),
        None => (b, false),
    };
    let (negative, b) = match b.first()? {
        b'-' => (true, &b[1..]),
        b'+' => (false, &b[1..]),
        _ => (false, b),
    };
    // Digits are gathered wrapping: a number of more than 15 (which may overflow) leaves the
    // fast path below, and the inner loops stay free of checks.
    let digits = |mut i: usize, mut m: u64| {
        while i < b.len() {
            let d = b[i].wrapping_sub(b'0');
            if d >= 10 {
                break;
            }
            m = m.wrapping_mul(10).wrapping_add(u64::from(d));
            i += 1;
        }
        (i, m)
    };
    let (mut i, mut m) = digits(0, 0);
    let int = i;
    let mut sep = None;
    if i < b.len() && (b[i] == b'.' || b[i] == b',') {
        let (end, more) = digits(i + 1, m);
        if end == i + 1 {
            return None;
        }
        sep = Some((b[i], end - i - 1));
        (i, m) = (end, more);
    }
    let frac = sep.map_or(0, |(_, n)| n);
    let mut exp = 0i64;
    let mut has_exp = false;
    if b.get(i).is_some_and(|&c| c == b'e' || c == b'E') {
        i += 1;
        let neg = match b.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let start = i;
        let (end, x) = digits(i, 0);
        if end - start > 4 {
            return None;
        }
        (i, exp) = (end, x as i64);
        if i == start {
            return None;
        }
        has_exp = true;
        if neg {
            exp = -exp;
        }
    }
    if i != b.len() || (int == 0 && sep.is_none()) {
        // `1,234,567.5`: thousands grouped (as spreadsheets export them), read here too.
        return grouped(b).filter(|_| !has_exp).map(|(v, shown)| Fast {
            value: if negative { -v } else { v },
            percent,
            shown: Some(shown),
        });
    }
    let (is_decimal, shown) = match sep {
        None => (false, None),
        Some((c, 3)) if !has_exp && (1..=3).contains(&int) && b[0] != b'0' => match decimal? {
            NumberStyle::DotDecimal => (c == b'.', None),
            NumberStyle::CommaDecimal => (c == b',', None),
        },
        Some((c, _)) => (true, Some(style_of(c))),
    };
    let e = exp - if is_decimal { frac as i64 } else { 0 };
    let v = match POW10.get(usize::try_from(e.unsigned_abs()).ok()?) {
        Some(p) if int + frac <= 15 => {
            if e >= 0 {
                m as f64 * p
            } else {
                m as f64 / p
            }
        }
        // More digits (`54.85812345678901`, as pandas and R write) or a larger exponent:
        // the exact reader, on the digits laid out as it reads.
        _ => long(b, int, sep.map(|(c, _)| c), is_decimal)?,
    };
    Some(Fast { value: if negative { -v } else { v }, percent, shown })
}

/// The convention in which `c` is the decimal separator.
fn style_of(c: u8) -> NumberStyle {
    if c == b'.' { NumberStyle::DotDecimal } else { NumberStyle::CommaDecimal }
}

/// `1,234,567.5`, `1.006,0`, `1,234,567` (the sign already taken): groups of three digits
/// after a first of 1–3 not starting with 0, split by one separator, then the decimals after
/// the other one. As `parse_number` reads them: a separator that repeats, or comes before the
/// other, groups thousands. `1,234` alone reads two ways and is not read here.
fn grouped(b: &[u8]) -> Option<(f64, NumberStyle)> {
    let first = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=3).contains(&first) || b[0] == b'0' {
        return None;
    }
    let g = *b.get(first).filter(|&&c| c == b'.' || c == b',')?;
    let d = if g == b'.' { b',' } else { b'.' };
    let mut digits = [0u8; 64];
    let mut n = 0;
    let put = |digits: &mut [u8; 64], n: &mut usize, bytes: &[u8]| -> Option<()> {
        digits.get_mut(*n..*n + bytes.len())?.copy_from_slice(bytes);
        *n += bytes.len();
        Some(())
    };
    put(&mut digits, &mut n, &b[..first])?;
    let mut i = first;
    let mut groups = 1;
    while b.get(i) == Some(&g) {
        let group = b.get(i + 1..i + 4).filter(|g| g.iter().all(u8::is_ascii_digit))?;
        put(&mut digits, &mut n, group)?;
        groups += 1;
        i += 4;
    }
    let int = n;
    if i < b.len() {
        let frac = b.get(i + 1..).filter(|f| b[i] == d && !f.is_empty() && f.iter().all(u8::is_ascii_digit))?;
        put(&mut digits, &mut n, frac)?;
    } else if groups == 2 {
        return None;
    }
    let frac = n - int;
    // With or without decimals, the separator that groups shows the other is the decimal one.
    let shown = style_of(d);
    if n <= 15 {
        let m = digits[..n].iter().fold(0u64, |m, c| m * 10 + u64::from(c - b'0'));
        return Some((m as f64 / POW10[frac], shown));
    }
    // A longer number: laid out for the exact reader.
    let mut text = [0u8; 66];
    text[..int].copy_from_slice(&digits[..int]);
    text[int] = b'.';
    text[int + 1..=n].copy_from_slice(&digits[int..n]);
    Some((exact(&text[..=n])?, shown))
}

/// `b` (digits, a separator, digits, an exponent; the sign already taken) read by
/// `exact`, the separator written as `.` when it is the decimal one and left out when it
/// groups thousands.
fn long(b: &[u8], int: usize, sep: Option<u8>, is_decimal: bool) -> Option<f64> {
    let mut buf = [0u8; 64];
    let text = match sep {
        Some(b'.') if is_decimal => b,
        Some(_) => {
            let out = buf.get_mut(..b.len())?;
            out[..int].copy_from_slice(&b[..int]);
            out[int] = b'.';
            out[int + 1..].copy_from_slice(&b[int + 1..]);
            if is_decimal {
                &out[..]
            } else {
                out.copy_within(int + 1.., int);
                &out[..b.len() - 1]
            }
        }
        None => b,
    };
    exact(text)
}

#[cfg(test)]
mod tests;
