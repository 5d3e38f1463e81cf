//! What the workbook reader needs to know of an old binary workbook (`.xls`) before it
//! opens it: whether the file is damaged in a way that would make the reader loop or take
//! gigabytes (`cfb`'s chains that loop, `extent`'s crowded sheets), and which cells of a BIFF8
//! workbook are shown as percentages, and which
//! as plain numbers. calamine gives a percentage's stored fraction (0.363) without the format
//! (the sheet shows 36.3 % and its CSV export says `36.3%`), and takes a number format that a
//! file defines under an id Excel keeps for dates (Gnumeric writes `0.0` as format 50) for a
//! date; the reader needs to know both. Reads the compound file's `Workbook`
//! stream once: the number formats, the cell formats (XF) using them, and each sheet's number
//! cells with their XF. Anything it cannot follow gives no percent cells: the workbook reader
//! then reads (or refuses) the file as before.

mod cfb;
mod extent;

pub(super) use extent::Crowded;

use super::cells::{format_has, percent_format};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

/// Percentage cells by sheet name, as 0-based (row, column).
pub(super) type PercentCells = HashMap<String, HashSet<(u32, u32)>>;

/// Per sheet, the cells shown as percentages and the cells whose format, as the file defines
/// it, shows a number and not a date.
#[derive(Debug, Default)]
pub(super) struct Formats {
    pub percent: PercentCells,
    pub number: PercentCells,
}

/// Whether an Excel format code shows a date or time: `y`, `m`, `d`, `h` or `s` outside
/// quotes, brackets and escapes (`General` and `0.0%` have none).
fn date_code(code: &str) -> bool {
    format_has(code, |c| matches!(c.to_ascii_lowercase(), 'y' | 'm' | 'd' | 'h' | 's'))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// What is known of a compound file (the container of an `.xls`) before the workbook reader
/// opens it. The reader is never given the file itself: its own walk of the container's
/// chains has no bound (a directory chain that loops grew to 24 GB; fuzzing found it, in a
/// file named `.xlsx` too, whose reader looks for a password in any compound file). It is
/// given the workbook stream in a container written afresh (`rebuilt`).
#[derive(Debug, Default)]
pub(super) struct Inspection {
    /// A sector chain of the compound file loops back on itself.
    pub looped: bool,
    /// A sheet claiming more places than an `.xls` sheet has.
    pub crowded: Option<Crowded>,
    /// The percentage and number cells of every sheet (BIFF8 only).
    pub formats: Formats,
    /// The workbook stream (`Workbook`, or BIFF5's `Book`) alone in a sound compound file;
    /// `None` when the file has none.
    pub rebuilt: Option<Vec<u8>>,
    /// The file holds an `EncryptedPackage`: a password-protected `.xlsx`.
    pub encrypted: bool,
}

/// Inspects `path` if it is a compound file (`None` if it is not).
pub(super) fn inspect(path: &Path) -> Option<Inspection> {
    let mut head = [0u8; 8];
    let is_cfb = std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut head)).is_ok()
        && head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let file = is_cfb.then(|| std::fs::read(path).ok()).flatten()?;
    let looped = std::cell::Cell::new(false);
    let (name, book) = match cfb::stream_seeing(&file, "Workbook", &looped) {
        Some(book) => ("Workbook", Some(book)),
        None => ("Book", cfb::stream_seeing(&file, "Book", &looped)),
    };
    let encrypted = book.is_none() && cfb::stream_seeing(&file, "EncryptedPackage", &looped).is_some();
    drop(file);
    let Some(book) = book else { return Some(Inspection { looped: looped.get(), encrypted, ..Default::default() }) };
    // BIFF5's cells are placed as BIFF8's; its formats are not read.
    let biff8 = name == "Workbook";
    Some(Inspection {
        looped: looped.get(),
        crowded: extent::crowded(&book, biff8),
        formats: if biff8 { workbook(&book).unwrap_or_default() } else { Formats::default() },
        rebuilt: Some(cfb::single_stream(name, &book)),
        encrypted,
    })
}

/// The BIFF8 records from `at`: (type, data).
fn records(b: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(b, at)?;
        let len = u16_at(b, at + 2)? as usize;
        let data = b.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// An `XLUnicodeString` (16-bit count) or `ShortXLUnicodeString` (8-bit count).
fn unicode(b: &[u8], at: usize, wide_count: bool) -> Option<String> {
    let (count, flags_at) = if wide_count { (u16_at(b, at)? as usize, at + 2) } else { (*b.get(at)? as usize, at + 1) };
    let flags = *b.get(flags_at)?;
    let start = flags_at + 1;
    if flags & 1 == 0 {
        Some(b.get(start..start + count)?.iter().map(|&c| char::from(c)).collect())
    } else {
        let units: Vec<u16> =
            b.get(start..start + 2 * count)?.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        Some(String::from_utf16_lossy(&units))
    }
}

fn workbook(b: &[u8]) -> Option<Formats> {
    let mut formats: HashMap<u16, String> = HashMap::new();
    let mut xf_formats: Vec<u16> = Vec::new();
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (kind, data) in records(b, 0) {
        match kind {
            0x041E => {
                if let (Some(id), Some(code)) = (u16_at(data, 0), unicode(data, 2, true)) {
                    formats.insert(id, code);
                }
            }
            0x00E0 => xf_formats.push(u16_at(data, 2)?),
            0x0085 => sheets.push((u32_at(data, 0)? as usize, unicode(data, 6, false)?)),
            0x000A => break,
            _ => {}
        }
    }
    // Built-in formats 9 (`0%`) and 10 (`0.00%`) are not written as FORMAT records.
    let percent_xf: Vec<bool> = xf_formats
        .iter()
        .map(|f| matches!(f, 9 | 10) || formats.get(f).is_some_and(|code| percent_format(code)))
        .collect();
    let number_xf: Vec<bool> =
        xf_formats.iter().map(|f| matches!(f, 9 | 10) || formats.get(f).is_some_and(|code| !date_code(code))).collect();
    let mut out = Formats::default();
    for (offset, name) in sheets {
        let mut note = |row: u16, col: u32, xf: Option<u16>| {
            let Some(xf) = xf.map(usize::from) else { return };
            let at = (u32::from(row), col);
            if percent_xf.get(xf).copied().unwrap_or(false) {
                out.percent.entry(name.clone()).or_default().insert(at);
            }
            if number_xf.get(xf).copied().unwrap_or(false) {
                out.number.entry(name.clone()).or_default().insert(at);
            }
        };
        for (kind, data) in records(b, offset).skip(1) {
            let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else { continue };
            match kind {
                // NUMBER, RK, FORMULA: row, column, XF.
                0x0203 | 0x027E | 0x0006 => note(row, u32::from(col), u16_at(data, 4)),
                // MULRK: row, first column, then (XF, RK) pairs of 6 bytes.
                0x00BD => {
                    let pairs = data.get(4..data.len().saturating_sub(2)).unwrap_or(&[]);
                    for (i, pair) in pairs.chunks_exact(6).enumerate() {
                        note(row, u32::from(col) + i as u32, u16_at(pair, 0));
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
    }
    Some(out)
}

/// Appends a BIFF record (type, length, data) to `b`: the tests' workbook streams.
#[cfg(test)]
fn push_record(b: &mut Vec<u8>, kind: u16, data: &[u8]) {
    b.extend_from_slice(&kind.to_le_bytes());
    b.extend_from_slice(&(data.len() as u16).to_le_bytes());
    b.extend_from_slice(data);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_strings() {
        // FORMAT 164 "0.0%", XF with format 164, XF with format 10 (built-in 0.00%), XF general.
        let push = push_record;
        let mut b = Vec::new();
        macro_rules! rec {
            ($k:expr, $d:expr) => {
                push(&mut b, $k, $d)
            };
        }
        rec!(0x0809, &[0; 16]);
        rec!(0x041E, &[164, 0, 4, 0, 0, b'0', b'.', b'0', b'%']);
        for f in [164u16, 10, 0] {
            let mut xf = vec![0, 0];
            xf.extend_from_slice(&f.to_le_bytes());
            xf.extend_from_slice(&[0; 16]);
            rec!(0x00E0, &xf);
        }
        let sheet_at = b.len() + 4 + 12 + 4;
        let mut bs = (sheet_at as u32).to_le_bytes().to_vec();
        bs.extend_from_slice(&[0, 0, 4, 0, b'2', b'0', b'2', b'3']);
        rec!(0x0085, &bs);
        rec!(0x000A, &[]);
        assert_eq!(b.len(), sheet_at);
        rec!(0x0809, &[0; 16]);
        // NUMBER at B3 with XF 0 (percent), RK at C3 with XF 2 (general), MULRK row 4 from A.
        rec!(0x0203, &[2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        rec!(0x027E, &[2, 0, 2, 0, 2, 0, 0, 0, 0, 0]);
        rec!(0x00BD, &[3, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0]);
        rec!(0x000A, &[]);
        let got = workbook(&b).expect("reads");
        let want: HashSet<(u32, u32)> = [(2, 1), (3, 1)].into();
        assert_eq!(got.percent.get("2023"), Some(&want));
        // XF 0 (format 164, `0.0%`) and XF 1 (built-in 10) show numbers; XF 2 (General) has
        // no FORMAT record and is left to the workbook reader.
        assert_eq!(got.number.get("2023"), Some(&want));
        assert!(date_code("dd/mm/yyyy") && date_code("[h]:mm") && !date_code("0.0") && !date_code("0.0\"d\""));
    }

    #[test]
    fn anything_else_gives_no_cells_and_no_panic() {
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        cfb.resize(2048, 0xFF);
        for bytes in [&b""[..], b"PK\x03\x04", &cfb, &cfb[..600]] {
            let stream = cfb::stream_seeing(bytes, "Workbook", &std::cell::Cell::new(false));
            assert!(stream.is_none_or(|s| workbook(&s).is_some()));
        }
        assert!(workbook(&[0x85, 0, 2, 0]).is_some_and(|c| c.percent.is_empty() && c.number.is_empty()));
    }

    /// The workbook reader reads the workbook stream out of a container written afresh as it
    /// reads the file LibreOffice or Gnumeric wrote: every sheet's cells the same.
    #[test]
    fn the_reader_reads_a_rebuilt_container_as_the_file() {
        use calamine::{Reader, open_workbook};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dialects");
        for name in ["report-libreoffice.xls", "report-gnumeric.xls"] {
            let path = dir.join(name);
            let mut original: calamine::Xls<_> = open_workbook(&path).expect("opens");
            let rebuilt = inspect(&path).and_then(|i| i.rebuilt).expect("a workbook stream");
            let mut again = calamine::Xls::new(std::io::Cursor::new(rebuilt)).expect("opens");
            assert_eq!(original.sheet_names(), again.sheet_names(), "{name}");
            for sheet in original.sheet_names() {
                let (a, b) = (original.worksheet_range(&sheet).unwrap(), again.worksheet_range(&sheet).unwrap());
                assert!(a.used_cells().count() > 10, "{name} {sheet}");
                assert_eq!((a.start(), a.end()), (b.start(), b.end()), "{name} {sheet}");
                assert!(a.used_cells().eq(b.used_cells()), "{name} {sheet}");
            }
        }
    }

    /// A workbook stream of 10 MB (past the 109 FAT sectors the header lists, so the
    /// container needs DIFAT sectors) is read whole by the workbook reader.
    #[test]
    fn a_large_rebuilt_container_is_read_whole() {
        use calamine::Reader;
        let rec = push_record;
        let bof = [0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        let mut b = Vec::new();
        rec(&mut b, 0x0809, &bof);
        let sheet_at = b.len() + 4 + 12 + 4;
        rec(&mut b, 0x0085, &[&(sheet_at as u32).to_le_bytes()[..], &[0, 0, 4, 0], b"2023"].concat());
        rec(&mut b, 0x000A, &[]);
        let mut sheet_bof = bof;
        sheet_bof[2] = 0x10;
        rec(&mut b, 0x0809, &sheet_bof);
        // 30,000 rows × 20 columns of NUMBER records (18 bytes each): 10.8 MB.
        let (rows, cols) = (30_000u16, 20u16);
        for r in 0..rows {
            for c in 0..cols {
                let v = f64::from(r) + f64::from(c) / 100.0;
                rec(&mut b, 0x0203, &[&r.to_le_bytes()[..], &c.to_le_bytes(), &[0, 0], &v.to_le_bytes()].concat());
            }
        }
        rec(&mut b, 0x000A, &[]);
        assert!(b.len() > 109 * 128 * 512);
        let mut wb = calamine::Xls::new(std::io::Cursor::new(cfb::single_stream("Workbook", &b))).expect("opens");
        let range = wb.worksheet_range("2023").expect("the sheet");
        assert_eq!(range.used_cells().count(), usize::from(rows) * usize::from(cols));
        assert_eq!(range.get_value((29_999, 19)), Some(&calamine::Data::Float(29_999.19)));
    }
}
