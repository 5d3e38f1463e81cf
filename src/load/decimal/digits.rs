//! Digits read many at a time, and numbers too long for one exact division read correctly
//! rounded: the two steps of `decimal` that know nothing of separators or conventions.

/// The value of `bytes` when they are eight ASCII digits, else `None`: the bytes read as one
/// little-endian word (the first digit in the lowest byte), tested and converted with three
/// multiplications instead of eight rounds of the digit loop (the SWAR reading of Lemire's
/// fast_float).
#[inline]
pub(super) fn eight_digits(bytes: &[u8]) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let w = u64::from_le_bytes(bytes.try_into().ok()?);
    // A byte below `0` borrows into its top bit once `0` is taken away; one above `9` carries
    // into it once 0x46 (0x80 - 0x3A) is added. Neither happens to a digit.
    if (w.wrapping_sub(ONES * b'0' as u64) | w.wrapping_add(ONES * 0x46)) & (ONES * 0x80) != 0 {
        return None;
    }
    let v = w - ONES * b'0' as u64;
    // Pairs, then quadruples, then all eight: each step multiplies the higher digit group by
    // its power of ten and adds the lower one, in the same word.
    let v = v * 10 + (v >> 8);
    let lo = (v & 0x0000_00FF_0000_00FF).wrapping_mul(100 + (1_000_000 << 32));
    let hi = ((v >> 16) & 0x0000_00FF_0000_00FF).wrapping_mul(1 + (10_000 << 32));
    Some((lo.wrapping_add(hi) >> 32) & 0xFFFF_FFFF)
}

/// `text` (ASCII digits, a `.`, digits, an exponent) correctly rounded, by `fast-float2`
/// (Eisel–Lemire, then big-decimal arithmetic in the rare case that cannot decide): the same
/// value as `str::parse`, which uses the same algorithm, without first checking the bytes are
/// UTF-8 or gathering the digits through `&str`. Already built for calamine. `None` when the
/// value is out of range (it would be infinite).
pub(super) fn exact(text: &[u8]) -> Option<f64> {
    fast_float2::parse::<f64, _>(text).ok().filter(|v| v.is_finite())
}
