//! Numbers for machine-read outputs (CSV) written fast and byte for byte as Rust's `{}` writes
//! them: the shortest decimal that reads back as the same `f64`, never in exponent notation
//! (`0.0000001`, `1000000000000000000000`), integers without `.0`, `-0` for negative zero.
//! The digits come from `zmij` (already built for `serde_json`), the layout is Rust's; at
//! commune scale the CSV holds millions of numbers and `to_string` allocated one `String` each.
//! Formats only; never rounds or computes.

/// Appends `v` to `out` exactly as `format!("{v}")` would write it.
pub(crate) fn push_f64(out: &mut Vec<u8>, v: f64) {
    if !v.is_finite() || could_tie(v) {
        use std::io::Write;
        let _ = write!(out, "{v}");
        return;
    }
    if v.is_sign_negative() {
        out.push(b'-');
    }
    if v == 0.0 {
        out.push(b'0');
        return;
    }
    let mut buf = zmij::Buffer::new();
    let s = buf.format_finite(v.abs()).as_bytes();
    // Without an exponent zmij lays the digits out as `{}` does, but for the `.0` it puts after
    // an integer: most scores go no further. It writes one only outside 1e-5 ≤ |v| < 1e16
    // (its shortest digits may round up to 1e15, never to 1e16), so scores need no search.
    if (1e-5..1e15).contains(&v.abs()) || !s.contains(&b'e') {
        out.extend_from_slice(s.strip_suffix(b".0").unwrap_or(s));
        return;
    }
    // zmij writes `d.ddde-7`, `1e+21`: take its digits and where the point is.
    let (mantissa, exp) = match s.iter().position(|&b| b == b'e') {
        Some(i) => (&s[..i], parse_exp(&s[i + 1..])),
        None => (s, 0),
    };
    let mut digits = [0u8; 40];
    let mut n = 0;
    let mut point = None;
    for &b in mantissa {
        if b == b'.' {
            point = Some(n);
        } else {
            digits[n] = b;
            n += 1;
        }
    }
    // Value = 0.DIGITS × 10^(point + exp), DIGITS stripped of zeros at both ends.
    let mut point = i64::try_from(point.unwrap_or(n)).unwrap_or(0) + exp;
    let mut d = &digits[..n];
    while let [b'0', rest @ ..] = d {
        d = rest;
        point -= 1;
    }
    while let [rest @ .., b'0'] = d {
        d = rest;
    }
    let len = d.len() as i64;
    if point <= 0 {
        out.extend_from_slice(b"0.");
        out.resize(out.len() + point.unsigned_abs() as usize, b'0');
        out.extend_from_slice(d);
    } else if point >= len {
        out.extend_from_slice(d);
        out.resize(out.len() + (point - len) as usize, b'0');
    } else {
        let p = point as usize;
        out.extend_from_slice(&d[..p]);
        out.push(b'.');
        out.extend_from_slice(&d[p..]);
    }
}

/// Whether the two shortest decimals of `v` might be equally near it, where zmij (like ryu)
/// may round half to even and Rust's `{}` does not (`1658206780088562.25`: ryu `…562.2`,
/// Rust `…562.3`). A tie needs the exact value to have at most 18 significant digits: an
/// integer of 2^53 or more, or fewer than 26 binary digits after the point (`a / 2^f` has the
/// digits of `a × 5^f`, 19 or more once `f ≥ 26`). Computed scores have some 45; `{}` writes
/// the rest.
fn could_tie(v: f64) -> bool {
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let mant = (bits & ((1 << 52) - 1)) | if exp > 0 { 1 << 52 } else { 0 };
    let lowest = if exp == 0 { -1074 } else { exp - 1075 } + i64::from(mant.trailing_zeros());
    v.abs() >= 9_007_199_254_740_992.0 || -lowest < 26
}

fn parse_exp(b: &[u8]) -> i64 {
    let (neg, b) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, b),
    };
    let e = b.iter().fold(0i64, |e, d| e * 10 + i64::from(d - b'0'));
    if neg { -e } else { e }
}

/// Appends an integer as `{}` writes it.
pub(crate) fn push_int(out: &mut Vec<u8>, v: i64) {
    let mut buf = itoa::Buffer::new();
    out.extend_from_slice(buf.format(v).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(v: f64) {
        let mut out = Vec::new();
        push_f64(&mut out, v);
        assert_eq!(String::from_utf8(out).unwrap(), v.to_string(), "bits {:#x}", v.to_bits());
    }

    #[test]
    fn writes_what_display_writes() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            0.5,
            1e-7,
            1.5e-7,
            1e21,
            1e22,
            1.2345e300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            123.456,
            100.0,
            0.001,
            54.858,
            1e15,
            1e16,
            1e17,
            12345678901234567890.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.30000000000000004,
            // Where zmij starts writing an exponent.
            1e-5,
            1e-5f64.next_down(),
            1e-5f64.next_up(),
            1e15f64.next_down(),
            999_999_999_999_999.9,
            1e16f64.next_down(),
            2.0 / 3.0,
            77.62345678901234,
            // Ties between two shortest decimals: 64 + 2^-15 and the one the test met.
            64.0 + 1.0 / 32768.0,
            f64::from_bits(0x4317_9085_685d_83c9),
        ] {
            same(v);
        }
        let mut out = Vec::new();
        push_int(&mut out, -42);
        assert_eq!(out, b"-42");
    }

    #[test]
    fn random_bit_patterns_and_scores_agree_with_display() {
        // A xorshift stream: every exponent, and values in 0–100 as scores are.
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for i in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            same(f64::from_bits(x));
            same((x >> 11) as f64 / (1u64 << 53) as f64 * 100.0);
            same(f64::from(i) / 1000.0);
            // Dyadic values with few fractional bits, where ties live.
            same(((x >> 20) % (1 << 40)) as f64 / f64::from(1u32 << (i % 31)));
        }
    }
}
