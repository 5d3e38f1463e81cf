//! The parse floor of issue 12: the least work any program must do to rank a data file — read
//! it and turn every number cell into an `f64` — done as fast as this project knows how, so
//! that `scripts/bench.sh` can report `dti rank` as a multiple of it.
//!
//! ```text
//! cargo run --release --example floor -- target/bench-data/communes/data.csv [--years 2024,2023]
//! ```
//!
//! It reads the generator's files in every `--shape` (`examples/generate.rs`): a `unit` column,
//! a `year` column, then numbers; `;`-separated files have decimal commas (R's `write.csv2`).
//! With `--years`, rows of other years are only scanned for their line end, as `rank --year`
//! needs no more of them. It prints how many cells it read and their sum, so that nothing is
//! optimised away and two runs (or another reader) can be checked against each other.
//!
//! Why it is fast: one pass over the bytes, splitting and parsing together; the mantissa and
//! exponent are gathered as integers and, when both fit exactly in an `f64` (≤ 2^53, |e| ≤ 22),
//! the value is one correctly rounded multiplication or division (Clinger's fast path, which is
//! exact, not an approximation). Anything else — 17 significant digits, `NA`, a stray
//! character — goes to `fast-float2` (Eisel–Lemire with a big-decimal fallback), which is
//! correct for every input and quicker than std's `str::parse`. The first eight decimals are
//! taken in one step where eight are there (SWAR). Single-threaded: it is the floor of the
//! work, not of the wall time on two cores.

use std::process::ExitCode;

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// What was read.
#[derive(Default)]
struct Sum {
    cells: u64,
    missing: u64,
    bad: u64,
    total: f64,
}

impl Sum {
    fn add(&mut self, v: Option<f64>) {
        match v {
            Some(x) => {
                self.cells += 1;
                self.total += x;
            }
            None => self.missing += 1,
        }
    }
}

/// The number conventions of a file: the delimiter, and which of `.` and `,` is the decimal
/// separator (the other one is a thousands separator and is skipped).
#[derive(Clone, Copy)]
struct Style {
    sep: u8,
    dec: u8,
    thou: u8,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, years): (&String, Option<Vec<u32>>) = match args.as_slice() {
        [p] => (p, None),
        [p, flag, ys] if flag == "--years" => match ys.split(',').map(str::parse::<u32>).collect() {
            Ok(v) => (p, Some(v)),
            Err(e) => return fail(&format!("--years {ys}: {e}")),
        },
        _ => return fail("usage: floor FILE.csv [--years 2024,2023]"),
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return fail(&format!("{path}: {e}")),
    };
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    let style = if bytes[..header_end].contains(&b';') {
        Style { sep: b';', dec: b',', thou: b'.' }
    } else {
        Style { sep: b',', dec: b'.', thou: b',' }
    };
    let mut sum = Sum::default();
    let mut at = header_end + 1;
    while at < bytes.len() {
        at = skip_field(&bytes, at, style.sep); // the unit's name
        let (year, end, _) = field(&bytes, at, style);
        at = end;
        let wanted = match (&years, year) {
            (None, _) => true,
            (Some(ys), Some(y)) => ys.contains(&(y as u32)),
            (Some(_), None) => false,
        };
        if !wanted {
            at = line_end(&bytes, at);
            continue;
        }
        loop {
            let (v, end, last) = field(&bytes, at, style);
            at = end;
            match v {
                Some(v) if v.is_nan() => sum.bad += 1,
                v => sum.add(v),
            }
            if last {
                break;
            }
        }
    }
    println!("cells {} missing {} bad {} sum {}", sum.cells, sum.missing, sum.bad, sum.total);
    if sum.bad > 0 { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The position after the next newline from `at` (or the end): eight bytes at a time, since a
/// byte loop over the rows of years not asked for would cost as much as parsing them.
fn line_end(b: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    while let Some(chunk) = b.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ (ONES * u64::from(b'\n'));
        let found = x.wrapping_sub(ONES) & !x & (ONES << 7);
        if found != 0 {
            return at + found.trailing_zeros() as usize / 8 + 1;
        }
        at += 8;
    }
    b[at..].iter().position(|&c| c == b'\n').map_or(b.len(), |n| at + n + 1)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("floor: {msg}");
    ExitCode::from(2)
}

/// The position after the field that starts at `at` (quoted or not) and its delimiter.
fn skip_field(b: &[u8], mut at: usize, sep: u8) -> usize {
    let mut quoted = false;
    while at < b.len() {
        match b[at] {
            b'"' => quoted = !quoted,
            c if (c == sep || c == b'\n') && !quoted => return at + 1,
            _ => {}
        }
        at += 1;
    }
    at
}

/// The number in the field at `at`: `None` when empty or `NA`, `NaN` when not a number; the
/// position after its delimiter; whether the field ended the line.
#[inline]
fn field(b: &[u8], start: usize, st: Style) -> (Option<f64>, usize, bool) {
    let byte = |i: usize| b.get(i).copied().unwrap_or(b'\n');
    let mut i = start;
    while byte(i) == b' ' {
        i += 1;
    }
    let quoted = byte(i) == b'"';
    i += usize::from(quoted);
    let neg = byte(i) == b'-';
    i += usize::from(neg || byte(i) == b'+');
    let (mut m, mut digits, mut exp) = (0u64, 0u32, 0i32);
    let mut frac = false;
    loop {
        let c = byte(i);
        if c.is_ascii_digit() {
            m = m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            digits += 1;
            exp -= i32::from(frac);
        } else if c == st.dec && !frac {
            frac = true;
            // The first eight decimals in one step when they fit the 19 digits a u64 holds
            // (`54.85812345678901`); short decimals pay one failed test.
            if let Some(v) = (digits + 8 <= 19).then(|| b.get(i + 1..i + 9)).flatten().and_then(eight) {
                m = m.wrapping_mul(100_000_000).wrapping_add(v);
                digits += 8;
                exp -= 8;
                i += 8;
            }
        } else if c != st.thou || (c == st.sep && !quoted) {
            // A thousands separator is skipped (`"1,006.0"`, `1.006,5`), unless it is the
            // delimiter outside quotes.
            break;
        }
        i += 1;
    }
    if matches!(byte(i), b'e' | b'E') && digits > 0 {
        i += 1;
        let eneg = byte(i) == b'-';
        i += usize::from(eneg || byte(i) == b'+');
        let mut e = 0i32;
        while byte(i).is_ascii_digit() && e < 10_000 {
            e = e * 10 + i32::from(byte(i) - b'0');
            i += 1;
        }
        exp += if eneg { -e } else { e };
    }
    i += usize::from(byte(i) == b'%');
    while byte(i) == b' ' {
        i += 1;
    }
    if quoted && byte(i) == b'"' {
        i += 1;
    }
    i += usize::from(byte(i) == b'\r');
    let end = byte(i);
    if (end == st.sep || end == b'\n') && digits <= 19 && m <= 1 << 53 && (-22..=22).contains(&exp) {
        if digits == 0 {
            // Nothing but spaces and quotes: an empty cell (a lone sign or `%` is not a number).
            let v = (i == start || b[start..i].iter().all(|&c| c == b' ' || c == b'"')).then_some(None);
            return (v.unwrap_or(Some(f64::NAN)), i + 1, end == b'\n');
        }
        let v = m as f64;
        let v = if exp < 0 { v / POW10[(-exp) as usize] } else { v * POW10[exp as usize] };
        return (Some(if neg { -v } else { v }), i + 1, end == b'\n');
    }
    slow(b, start, st)
}

/// Eight ASCII digits' value, or `None` when a byte is not a digit (fast_float's SWAR test and
/// three multiplications; the first digit is the lowest byte of the little-endian word).
#[inline]
fn eight(w: &[u8]) -> Option<u64> {
    const L: u64 = 0x0101_0101_0101_0101;
    let w = u64::from_le_bytes(w.try_into().ok()?);
    let d = w.wrapping_sub(L * 0x30);
    if (d | w.wrapping_add(L * 0x46)) & (L * 0x80) != 0 {
        return None;
    }
    let d = d * 10 + (d >> 8);
    let a = (d & 0x0000_00FF_0000_00FF).wrapping_mul(100 + (1_000_000 << 32));
    let b = ((d >> 16) & 0x0000_00FF_0000_00FF).wrapping_mul(1 + (10_000 << 32));
    Some((a.wrapping_add(b) >> 32) & 0xFFFF_FFFF)
}

/// Everything the fast path leaves: long mantissas, `NA`, anything unexpected.
#[cold]
fn slow(b: &[u8], start: usize, st: Style) -> (Option<f64>, usize, bool) {
    let after = skip_field(b, start, st.sep);
    // skip_field stops after the delimiter or newline, or at the end of the file.
    let ended = after > start && matches!(b.get(after - 1), Some(&c) if c == b'\n' || c == st.sep);
    let end = if ended { after - 1 } else { after.min(b.len()) };
    let last = end >= b.len() || b[end] == b'\n';
    let raw = b[start..end].trim_ascii();
    let raw = raw.strip_prefix(b"\"").and_then(|r| r.strip_suffix(b"\"")).unwrap_or(raw).trim_ascii();
    let raw = raw.strip_suffix(b"%").unwrap_or(raw).trim_ascii_end();
    if raw.is_empty() || raw.eq_ignore_ascii_case(b"na") {
        return (None, after, last);
    }
    // The number with `.` for its decimal separator and no grouping, on the stack: most cells
    // here are 17-digit values that only missed the fast path by their length.
    let mut buf = [0u8; 64];
    let mut n = 0;
    for &c in raw.iter().filter(|&&c| c != st.thou) {
        if n == buf.len() {
            return (Some(f64::NAN), after, last);
        }
        buf[n] = if c == st.dec { b'.' } else { c };
        n += 1;
    }
    let v = fast_float2::parse::<f64, _>(&buf[..n]).ok();
    (Some(v.unwrap_or(f64::NAN)), after, last)
}
