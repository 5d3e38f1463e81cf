//! A large CSV file's load pass on both cores: the file is cut at the first line start past
//! its middle, each half is scanned on a thread of its own, and the second half's records
//! are numbered on from the first's. The cut is only taken when it is a record's start — the
//! first half's last record ended at a line end, not inside a quote that the second half
//! would read differently — and when the header is found in the first half; otherwise the
//! caller scans the file in one pass, which gives the same records. Knows files and byte
//! offsets; what the records mean is `scan`'s and `finish`'s business.

use super::scan::{Part, Scanned, scan_part};
use super::split::Splitter;
use crate::error::Diagnostic;
use crate::load::shape::{HeaderHint, PREAMBLE};
use crate::load::text::LineCounter;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;

/// Files smaller than this are scanned in one pass: a thread would cost more than it saves.
const MIN_BYTES: u64 = 4 << 20;

/// The records of a UTF-8 file at `path`, scanned in two halves at once; `None` when the file
/// is small, cannot be cut at a record's start, or its second half needs the one-pass reading
/// (an error there is reported as the one pass reports it).
pub(super) fn scan_halves(
    path: &Path,
    shown: &str,
    delimiter: u8,
    hint: Option<&HeaderHint>,
) -> Option<Result<Option<Scanned>, Diagnostic>> {
    scan_halves_from(path, shown, delimiter, hint, MIN_BYTES)
}

/// As `scan_halves`, for files of `min` bytes or more (tests cut small files).
fn scan_halves_from(
    path: &Path,
    shown: &str,
    delimiter: u8,
    hint: Option<&HeaderHint>,
    min: u64,
) -> Option<Result<Option<Scanned>, Diagnostic>> {
    let size = std::fs::metadata(path).ok()?.len();
    if size < min {
        return None;
    }
    let mut f = std::fs::File::open(path).ok()?;
    let mut head = [0u8; 3];
    f.read_exact(&mut head).ok()?;
    let bom = if head == *b"\xEF\xBB\xBF" { 3 } else { 0 };
    f.seek(SeekFrom::Start(size / 2)).ok()?;
    let mut probe = vec![0u8; 1 << 16];
    let n = f.read(&mut probe).ok()?;
    let mid = size / 2 + memchr::memchr(b'\n', &probe[..n])? as u64 + 1;
    if mid >= size || probe.get((mid - size / 2) as usize..).is_some_and(|rest| rest.starts_with(b"\xEF\xBB\xBF")) {
        return None;
    }
    // Offsets are counted past the byte-order mark, as the one-pass reading counts them.
    let first_len = mid - bom;
    std::thread::scope(|scope| {
        let second = scope.spawn(move || {
            let mut f = std::fs::File::open(path).ok()?;
            f.seek(SeekFrom::Start(mid)).ok()?;
            let r = LineCounter::new(BufReader::with_capacity(1 << 16, f));
            scan_part(Splitter::resume(r, delimiter), shown, delimiter, hint).ok().flatten()
        });
        let first = super::reopen(path)
            .ok()
            .map(|r| scan_part(Splitter::new(LineCounter::new(r.take(first_len)), delimiter), shown, delimiter, hint));
        let second = second.join().ok().flatten();
        match first? {
            Err(d) => Some(Err(d)),
            Ok(None) => Some(Ok(None)),
            Ok(Some(first)) => {
                if first.cut || first.scanned.preamble.len() < PREAMBLE {
                    return None;
                }
                Some(Ok(Some(join(first, second?, first_len))))
            }
        }
    })
}

/// The first half's records followed by the second's, numbered on.
fn join(first: Part, second: Part, first_len: u64) -> Scanned {
    let mut s = first.scanned;
    let lines = u32::try_from(first.lines).unwrap_or(u32::MAX);
    s.records.extend(second.scanned.records.into_iter().map(|mut r| {
        r.line = r.line.saturating_add(lines);
        r.at += first_len;
        r
    }));
    if s.votes.len() < second.scanned.votes.len() {
        s.votes.resize(second.scanned.votes.len(), [false; 4]);
    }
    for (v, w) in s.votes.iter_mut().zip(second.scanned.votes) {
        for (a, b) in v.iter_mut().zip(w) {
            *a |= b;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::csv::scan::scan;

    /// The sequential pass over `text`, and the two-halves one (`None`: it declined).
    fn both(text: &str) -> (Scanned, Option<Scanned>) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("data.csv");
        std::fs::write(&path, text).expect("written");
        let one = scan(LineCounter::new(text.trim_start_matches('\u{feff}').as_bytes()), "data.csv", b',', None)
            .expect("read")
            .expect("UTF-8");
        let two = scan_halves_from(&path, "data.csv", b',', None, 0).map(|r| r.expect("read").expect("UTF-8"));
        (one, two)
    }

    fn same(a: &Scanned, b: &Scanned) {
        assert_eq!(a.records, b.records);
        assert_eq!(a.votes, b.votes);
        assert_eq!(a.preamble, b.preamble);
        assert_eq!(a.preamble_at, b.preamble_at);
    }

    fn rows(n: usize, row: impl Fn(usize) -> String) -> String {
        (0..n).map(row).collect()
    }

    #[test]
    fn two_halves_read_as_one_pass() {
        let body = rows(400, |i| format!("Xã {i},{},{}.5,\"{i},25\"\r\n", 2020 + i % 3, i % 7));
        for text in [format!("unit,year,x,y\r\n{body}"), format!("\u{feff}title\n\nunit,year,x,y\n{body}\n\n")] {
            let (one, two) = both(&text);
            let two = two.expect("cut at the middle");
            same(&one, &two);
            // The second half's records really were numbered on: lines past the middle.
            assert!(two.records.last().is_some_and(|r| r.line > 400));
        }
    }

    #[test]
    fn a_quote_open_across_the_middle_is_read_in_one_pass() {
        // One quoted field of many lines holds the middle of the file.
        let text = format!(
            "unit,year,x\n{}long,2020,\"{}\"\n{}",
            rows(200, |i| format!("a{i},2020,{i}\n")),
            rows(800, |i| format!("line {i}\n")),
            rows(200, |i| format!("c{i},2020,{i}\n")),
        );
        let (_, two) = both(&text);
        assert!(two.is_none(), "the cut fell inside a quoted field: the one pass must read it");
        // Quoted fields of a few lines each: wherever the cut falls, the records are the same.
        let text = format!("unit,year,x\n{}", rows(600, |i| format!("b{i},2020,\"{i}\nmore\"\n")));
        if let (one, Some(two)) = both(&text) {
            same(&one, &two);
        }
    }
}
