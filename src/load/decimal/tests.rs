use super::*;
use crate::load::number::{Parsed, parse_number};
use NumberStyle::{CommaDecimal, DotDecimal};

/// The reading of `raw` under the column convention `style`, worked out with string
/// operations and `str::parse` alone, apart from the readers under test: (value, the
/// separator the cell shows as decimal). The rules README gives: in a cell holding both
/// separators the last one is the decimal one; one that repeats groups thousands; a single
/// one before exactly three digits (after 1–3 not starting with 0, no exponent) reads two
/// ways and takes the column's; any other single one is the decimal one.
fn oracle(raw: &str, style: Option<NumberStyle>) -> Option<(f64, Option<NumberStyle>)> {
    let t = raw.trim();
    let t = t.strip_suffix('%').map_or(t, str::trim_end);
    let (sign, body) = match t.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", t.strip_prefix('+').unwrap_or(t)),
    };
    let (mant, exp) = body.find(['e', 'E']).map_or((body, ""), |i| body.split_at(i));
    let style_of = |c: char| if c == '.' { DotDecimal } else { CommaDecimal };
    let other = |c: char| if c == '.' { ',' } else { '.' };
    let (dots, commas) = (mant.matches('.').count(), mant.matches(',').count());
    let (decimal, shown) = match (dots, commas) {
        (0, 0) => (None, None),
        (_, 0) | (0, _) => {
            let c = if dots > 0 { '.' } else { ',' };
            let (int, frac) = mant.split_once(c)?;
            if dots + commas > 1 {
                (None, Some(style_of(other(c))))
            } else if exp.is_empty() && (1..=3).contains(&int.len()) && !int.starts_with('0') && frac.len() == 3 {
                let d = if style? == DotDecimal { '.' } else { ',' };
                ((d == c).then_some(c), None)
            } else {
                (Some(c), Some(style_of(c)))
            }
        }
        _ => {
            let c = if mant.rfind('.') > mant.rfind(',') { '.' } else { ',' };
            (Some(c), Some(style_of(c)))
        }
    };
    let digits: String = mant
        .chars()
        .filter_map(|ch| if Some(ch) == decimal { Some('.') } else { (ch != '.' && ch != ',').then_some(ch) })
        .collect();
    let v: f64 = format!("{sign}{digits}{exp}").parse().ok()?;
    v.is_finite().then_some((v, shown))
}

#[test]
fn shapes_machines_write() {
    let f = |s: &str, d| read(s.as_bytes(), d).map(|f| (f.value, f.percent));
    assert_eq!(f("54.858", Some(DotDecimal)), Some((54.858, false)));
    assert_eq!(f("54.858", Some(CommaDecimal)), Some((54858.0, false)));
    assert_eq!(f("54,858", Some(CommaDecimal)), Some((54.858, false)));
    assert_eq!(f("54.858", None), None);
    assert_eq!(f("36,3 %", Some(DotDecimal)), Some((36.3, true)));
    assert_eq!(f(" +1.5e-05 ", None), Some((1.5e-05, false)));
    assert_eq!(f("-0,25", None), Some((-0.25, false)));
    assert_eq!(f("1520", None), Some((1520.0, false)));
    assert_eq!(f("0.488", None), Some((0.488, false)));
    assert_eq!(f("1234.567", Some(CommaDecimal)), Some((1234.567, false)));
    assert_eq!(f("1.234e3", None), Some((1234.0, false)));
    assert_eq!(f("54.85812345678901", None), Some((54.85812345678901, false)));
    assert_eq!(f("-54,85812345678901", None), Some((-54.85812345678901, false)));
    assert_eq!(f("123456789012345678", None), Some((123456789012345678.0, false)));
    assert_eq!(f("1,234e-30", None), Some((1.234e-30, false)));
    assert_eq!(f("1,006.0", Some(CommaDecimal)), Some((1006.0, false)));
    assert_eq!(f("-1.234.567,25 %", None), Some((-1_234_567.25, true)));
    assert_eq!(f("1,234,567", None), Some((1_234_567.0, false)));
    for s in ["1,234", "0,123.5", "12,34.5", "1,234.", "1,234.5,6", "1,234.5e3", "1,2345.6"] {
        assert_eq!(read(s.as_bytes(), None).filter(|_| s.contains('.') && s.contains(',')), None, "{s:?}");
    }
    for s in ["", "-", "1.", ".", "e5", "1e", "1 234", "không", "1.2.3", "1e99999"] {
        assert_eq!(f(s, Some(DotDecimal)), None, "{s:?}");
    }
}

#[test]
fn the_same_value_as_a_reading_with_strings() {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut fast_ones = 0;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let cells = [
            format!("{}.{:03}", (x >> 8) % 1000, x % 1000),
            format!("{},{:03}", (x >> 9) % 1000, (x >> 2) % 1000),
            format!("-{}.{}", (x >> 30) % 10_000, (x >> 3) % 100_000_000),
            format!("{}e-{}", (x >> 40) % 100_000, x % 30),
            format!("+{},{}E+{}", (x >> 20) % 100, (x >> 5) % 1000, x % 25),
            format!("{}%", (x >> 12) % 1_000_000),
            format!("0{}.{:03}", (x >> 14) % 100, x % 1000),
            format!("{}", x % 10_000_000_000_000_000),
            format!(".{}", (x >> 7) % 1_000_000),
            format!("{}", f64::from_bits(x >> 2).abs()),
            format!("{:e}", f64::from_bits(x >> 3)),
            format!("{}.{:017}", (x >> 50) % 100, x % 100_000_000_000_000_000),
            format!("{},{:016}", (x >> 52) % 1000, x % 10_000_000_000_000_000),
            format!("{},{:03}.{}", 1 + (x >> 20) % 999, (x >> 9) % 1000, x % 1000),
            format!("-{}.{:03}.{:03},{}", (x >> 22) % 1000, (x >> 12) % 1000, (x >> 2) % 1000, x % 100),
            format!("{},{:03},{:03}", (x >> 24) % 1000, (x >> 14) % 1000, x % 1000),
            format!("{},{:03}.{:018}", (x >> 54) % 100, (x >> 4) % 1000, x % 1_000_000_000_000_000_000),
            format!("{}.{:02}.{:03},5", (x >> 44) % 100, (x >> 34) % 100, x % 1000),
        ];
        for c in &cells {
            for style in [None, Some(DotDecimal), Some(CommaDecimal)] {
                if let Some(fast) = read(c.as_bytes(), style) {
                    fast_ones += 1;
                    let (want, shown) = oracle(c, style).expect("the string reading reads it too");
                    assert_eq!(fast.value.to_bits(), want.to_bits(), "{c} {style:?}");
                    assert_eq!(fast.percent, c.trim_end().ends_with('%'), "{c}");
                    assert_eq!(fast.shown, shown, "{c}");
                }
            }
        }
    }
    // Most of these are what the fast path is for: the comparison is not vacuous.
    assert!(fast_ones > 20_000 * 9 * 2, "{fast_ones}");
}

/// Machine-written numbers through `parse_number` (which reads them here) against `str::parse`,
/// an independent reader.
#[test]
fn the_fast_path_gives_what_str_parse_gives() {
    let mut x = 0x2545_F491_4F6C_DD1Du64;
    for _ in 0..100_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let digits = (x % 1_000_000_000_000_000) as f64;
        for t in [
            format!("{}", (x >> 20) % 100_000),
            format!("{}.{:03}", (x >> 8) % 100, x % 1000),
            format!("-{}.{}", (x >> 30) % 1000, (x >> 3) % 100_000_000),
            format!("{}e-{}", (x >> 40) % 100_000, x % 30),
            format!("{digits}"),
            format!("0.{:015}", x % 1_000_000_000_000_000),
        ] {
            let want: f64 = t.parse().expect("a number");
            match parse_number(&t) {
                Parsed::Value { value, .. } => assert_eq!(value.to_bits(), want.to_bits(), "{t}"),
                Parsed::Ambiguous { dot, .. } => assert_eq!(dot.to_bits(), want.to_bits(), "{t}"),
                other => panic!("{t}: {other:?}"),
            }
        }
    }
}

/// The plain reading, where it takes a cell at all, is the full one: every cell of a large
/// file goes through it first.
#[test]
fn the_plain_reading_is_the_full_one() {
    let mut x = 0x853C_49E6_748F_EA9Bu64;
    let mut taken = 0;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let cells = [
            format!("{}.{:02}", (x >> 8) % 100, x % 100),
            format!("0.{:04}", x % 10_000),
            format!("{}", x % 10_000),
            format!("{}.{:03}", (x >> 8) % 1000, x % 1000),
            format!("{},{:03}", (x >> 9) % 10_000, (x >> 2) % 1000),
            format!("0{},{:03}", (x >> 9) % 100, (x >> 2) % 1000),
            format!("{}.{}", x % 1_000_000_000_000_000, (x >> 60) % 10),
            format!("{}", x % 100_000_000_000_000_000),
            format!("{}.{:0w$}", (x >> 40) % 1000, x % 1_000_000_000_000, w = 1 + (x % 14) as usize),
            format!("{},{:012}", (x >> 40) % 100_000, x % 1_000_000_000_000),
            format!("{}.{:014}", (x >> 44) % 1000, x % 100_000_000_000_000),
            // What pandas and R write: the shortest digits of a double (16–17 of them).
            format!("{}", (x >> 11) as f64 / (1u64 << 53) as f64 * 100.0),
            format!("{}", (x >> 11) as f64 / (1u64 << 53) as f64),
            // Around 2^53 = 9007199254740992, with and without a separator, and 19–20 digits.
            format!("{}", (1u64 << 53) - 2 + x % 5),
            format!("{}.{}", ((1u64 << 53) - 2 + x % 5) / 1000, ((1u64 << 53) - 2 + x % 5) % 1000),
            format!("0.{}", (1u64 << 53) - 2 + x % 5),
            format!("{}", x % 10_000_000_000_000_000_000),
            format!("{}{:019}", 1 + x % 9, x % 10_000_000_000_000_000_000),
            format!("{}.{}", x % 10_000_000_000, (x >> 20) % 1_000_000_000_000),
        ];
        for c in cells.iter().map(String::as_str).chain(["1.", ".5", "1.5.5", "1,5,5", "7 ", " 7", "7%", "+7", "-7"]) {
            for style in [None, Some(DotDecimal), Some(CommaDecimal)] {
                if let Some(plain) = plain(c.as_bytes(), style) {
                    taken += 1;
                    let full = read_any(c.as_bytes(), style);
                    assert_eq!(
                        plain.map(|f| (f.value.to_bits(), f.percent, f.shown)),
                        full.map(|f| (f.value.to_bits(), f.percent, f.shown)),
                        "{c} {style:?}"
                    );
                }
            }
        }
    }
    assert!(taken > 20_000 * 12 * 3, "{taken}");
}

#[test]
fn eight_digits_at_once() {
    assert_eq!(eight_digits(b"12345678"), Some(12_345_678));
    assert_eq!(eight_digits(b"00000000"), Some(0));
    assert_eq!(eight_digits(b"99999999"), Some(99_999_999));
    assert_eq!(eight_digits(b"00000001"), Some(1));
    assert_eq!(eight_digits(b"10000000"), Some(10_000_000));
    // Every non-digit byte, at every place, among digits.
    for place in 0..8 {
        for c in (0..=255u8).filter(|c| !c.is_ascii_digit()) {
            let mut s = *b"31415926";
            s[place] = c;
            assert_eq!(eight_digits(&s), None, "{s:?}");
        }
    }
    // Every digit at every place, against the digits' own value.
    let mut x = 0x1234_5678_9ABC_DEF1u64;
    for _ in 0..10_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let n = x % 100_000_000;
        let s: [u8; 8] = format!("{n:08}").into_bytes().try_into().expect("8 digits");
        assert_eq!(eight_digits(&s), Some(n), "{n:08}");
    }
}

/// Numbers of 16 digits and more through `exact` (fast-float2) against `str::parse` (std's own
/// reader): shortest digits of doubles of every magnitude, 17–25 random digits with exponents,
/// and decimal strings on or next to the halfway point between two doubles.
#[test]
fn the_exact_reading_is_str_parse() {
    let mut x = 0xD1B5_4A32_D192_ED03u64;
    let mut cells = Vec::new();
    for _ in 0..50_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let d = f64::from_bits(x >> 1);
        if d.is_finite() {
            cells.push(format!("{d:e}"));
        }
        let digits = format!("{}{:019}", x % 1_000_000, x.rotate_left(17) % 10_000_000_000_000_000_000);
        let cut = 1 + (x % 20) as usize;
        cells.push(format!("{}.{}e{}", &digits[..cut], &digits[cut..], (x >> 40) as i64 % 330 - 165));
        // Halfway: an odd integer in [2^53, 2^54) lies exactly between two doubles (ties go
        // to the even one); a 1 in the 20th decimal tips it up, nines below tip it down.
        let mid = (1u64 << 53) + 2 * (x % (1 << 52)) + 1;
        cells.push(format!("{mid}"));
        cells.push(format!("{mid}.0000000000000000001"));
        cells.push(format!("{}.9999999999999999999", mid - 1));
        cells.push(format!("{}.{}e-{}", mid / 1_000_000, mid % 1_000_000, 3 + x % 20));
    }
    for (a, b) in [(1u64 << 53, 1u64), (1 << 54, 2), (1 << 60, 64)] {
        for k in 0..4 {
            cells.push(format!("{}", a + b * k));
            cells.push(format!("{}.5", a + b * k));
        }
    }
    cells.extend(
        ["9007199254740993", "2.2250738585072011e-308", "4.9406564584124654e-324", "1.7976931348623157e308"]
            .map(String::from),
    );
    for c in &cells {
        let want: f64 = c.parse().expect("a number");
        let got = exact(c.as_bytes());
        assert_eq!(got.map(f64::to_bits), want.is_finite().then_some(want.to_bits()), "{c}");
    }
}
