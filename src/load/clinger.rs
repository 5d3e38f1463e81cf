//! Clinger's fast path for the numbers machines write: ASCII digits already split by
//! `number::shape`, turned into the `f64` that `str::parse` would give, with nothing parsed
//! twice and nothing allocated. Reads digits only; what a cell means is `number`'s business.

/// Powers of ten an `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// The value of a machine-written number (`-`, digits, digits after a separator, an exponent
/// with its sign as written after `e`) with at most 15 digits and a small exponent (`sep`:
/// the separator is the decimal one, else a thousands one), as one multiplication or division
/// of two exact `f64`s: correctly rounded (Clinger's fast path), so the very value
/// `str::parse` gives; `None` for anything longer, which the full parser reads.
pub(super) fn value(negative: bool, int: &[u8], frac: &[u8], exp: Option<&[u8]>, sep: bool) -> Option<f64> {
    if int.len() + frac.len() > 15 {
        return None;
    }
    let m = int.iter().chain(frac).fold(0u64, |m, d| m * 10 + u64::from(d - b'0'));
    let mut e = if sep { -(frac.len() as i64) } else { 0 };
    if let Some(x) = exp {
        let (neg, digits) = match x.split_first() {
            Some((b'-', d)) => (true, d),
            Some((b'+', d)) => (false, d),
            _ => (false, x),
        };
        if digits.len() > 4 {
            return None;
        }
        let x = digits.iter().fold(0i64, |x, d| x * 10 + i64::from(d - b'0'));
        e += if neg { -x } else { x };
    }
    let p = *POW10.get(usize::try_from(e.unsigned_abs()).ok()?)?;
    let v = if e >= 0 { m as f64 * p } else { m as f64 / p };
    Some(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use crate::load::number::{Parsed, parse_number};

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
}
