//! The load pass over a CSV file's records: each record's line, first byte, width and year,
//! the first rows' text (where the header is looked for), and per column the decimal
//! separators its cells show. Keeps no cell; decides nothing (`Scanned::finish` does).

use super::reader;
use crate::error::{Diagnostic, Place};
use crate::load::number::{NumberStyle, ambiguous_separator, shown_style};
use crate::load::shape::{self, HeaderHint, PREAMBLE};
use crate::load::text::LineCounter;

/// What one pass learnt of each record.
#[derive(Debug, Clone, Copy)]
pub(super) struct Record {
    pub(super) line: u32,
    /// The byte (past any byte-order mark) the reader says the record begins at: the rows of
    /// the years asked for are read again from their bytes alone.
    pub(super) at: u64,
    pub(super) fields: u32,
    /// One past the last field that is not blank.
    pub(super) used: u32,
    /// Its first non-blank field begins a signature or note line.
    pub(super) ends: bool,
    /// The first two fields that read as a year (1900–2100): (field, year). Once the header
    /// says which column holds the year, each row's year is known before any of its numbers
    /// is read, so that `rank` reads only the years it shows.
    pub(super) years: [(u16, u16); 2],
}

/// A field that is a year and nothing else: `2023`.
fn year_field(f: &str) -> Option<u16> {
    // Most fields begin and end with ASCII that is not white space: no trimming to do.
    let b = f.as_bytes();
    let bare = |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii() && !char::from(c).is_whitespace());
    let t = if bare(b.first()) && bare(b.last()) { b } else { f.trim().as_bytes() };
    (t.len() == 4 && t.iter().all(u8::is_ascii_digit))
        .then(|| t.iter().fold(0u16, |y, d| y * 10 + u16::from(d - b'0')))
        .filter(|y| (1900..=2100).contains(y))
}

/// The first rows' text and every record's shape.
#[derive(Default)]
pub(super) struct Scanned {
    pub(super) preamble: Vec<(usize, Vec<String>)>,
    /// Record index of each preamble row.
    pub(super) preamble_at: Vec<usize>,
    pub(super) records: Vec<Record>,
    pub(super) hint: HeaderHint,
    /// Per column, whether any cell showed a decimal dot, a decimal comma, and whether cells
    /// that read two ways used `.` or `,`.
    pub(super) votes: Vec<[bool; 4]>,
}

/// Whether a field holds nothing but white space.
fn blank(f: &str) -> bool {
    f.trim().is_empty()
}

/// Records handed from the reading thread at a time.
const BATCH: usize = 64;

/// What the reading thread hands over: records with their line and first byte, in order.
enum Read {
    Records(Vec<(::csv::ByteRecord, u64, u64)>),
    Malformed(Diagnostic),
}

/// One pass over the records. `Ok(None)` when a record is not UTF-8 (the caller decodes the
/// whole file, which finds the encoding or says where). The records are split into fields on
/// a second thread while this one looks at the fields of the ones before.
pub(super) fn scan<R: std::io::Read + Send>(
    r: LineCounter<R>,
    path: &str,
    delimiter: u8,
    hint: Option<&HeaderHint>,
) -> Result<Option<Scanned>, Diagnostic> {
    let mut s = Scanned {
        preamble: Vec::new(),
        preamble_at: Vec::new(),
        records: Vec::new(),
        hint: hint.cloned().unwrap_or_default(),
        votes: Vec::new(),
    };
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Read>(2);
        scope.spawn(move || {
            let mut rdr = reader(delimiter, r);
            let mut batch = Vec::with_capacity(BATCH);
            let mut size = (0, 0);
            loop {
                let mut rec = ::csv::ByteRecord::with_capacity(size.0, size.1);
                match rdr.read_byte_record(&mut rec) {
                    Ok(false) => break,
                    Ok(true) => {}
                    Err(e) => {
                        let line = rdr.get_ref().line_of(e.position().map_or(0, ::csv::Position::byte));
                        let d = Diagnostic::error(format!("malformed CSV: {e}"))
                            .at(Place::Row { path: path.to_string(), row: line as usize, column: None })
                            .help("check for an unclosed quote");
                        if !batch.is_empty() {
                            let _ = tx.send(Read::Records(std::mem::take(&mut batch)));
                        }
                        let _ = tx.send(Read::Malformed(d));
                        return;
                    }
                }
                size = (rec.as_slice().len(), rec.len());
                let at = rec.position().map_or(0, ::csv::Position::byte);
                let line = rdr.get_ref().line_of(at);
                batch.push((rec, line, at));
                if batch.len() == BATCH
                    && tx.send(Read::Records(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)))).is_err()
                {
                    return;
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(Read::Records(batch));
            }
        });
        for got in rx {
            match got {
                Read::Records(recs) => {
                    for (rec, line, at) in &recs {
                        if !s.take(rec, *line, *at) {
                            return Ok(None);
                        }
                    }
                }
                Read::Malformed(d) => return Err(d),
            }
        }
        Ok(Some(std::mem::take(&mut s)))
    })
}

impl Scanned {
    /// Notes one record; `false` when it is not UTF-8.
    fn take(&mut self, rec: &::csv::ByteRecord, line: u64, at: u64) -> bool {
        let s = self;
        let Ok(text) = std::str::from_utf8(rec.as_slice()) else { return false };
        let mut fields = Vec::with_capacity(rec.len());
        let mut start = 0;
        for end in (0..rec.len()).filter_map(|i| rec.range(i)).map(|r| r.end) {
            fields.push(&text[start..end]);
            start = end;
        }
        let used = fields.iter().rposition(|f| !blank(f)).map_or(0, |i| i + 1);
        s.vote(&fields);
        let first = fields.iter().find(|f| !blank(f));
        if used > 0 && s.preamble.len() < PREAMBLE {
            s.preamble.push((line as usize, fields.iter().map(|f| f.trim().to_string()).collect()));
            s.preamble_at.push(s.records.len());
        }
        s.records.push(Record {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            at,
            fields: rec.len() as u32,
            used: used as u32,
            ends: first.is_some_and(|f| shape::ends_table(f)),
            years: {
                let mut found = fields.iter().enumerate().filter_map(|(i, f)| Some((i as u16, year_field(f)?)));
                [found.next().unwrap_or((u16::MAX, 0)), found.next().unwrap_or((u16::MAX, 0))]
            },
        });
        true
    }

    /// Counts the decimal separators a record's cells show: one reading of the file decides
    /// each column's convention, and validation reads every cell once with it.
    fn vote(&mut self, fields: &[&str]) {
        if self.votes.len() < fields.len() {
            self.votes.resize(fields.len(), [false; 4]);
        }
        for (v, f) in self.votes.iter_mut().zip(fields) {
            // Once a column has shown one decimal separator, only a cell holding the other
            // character can change what it is decided to be: the rest are passed over.
            // A cell with neither `.` nor `,` shows nothing.
            let shows = |c: u8| f.as_bytes().contains(&c);
            let worth = match (v[0], v[1]) {
                (true, true) => false,
                (true, false) => shows(b','),
                (false, true) => shows(b'.'),
                (false, false) => f.bytes().any(|b| b == b'.' || b == b','),
            };
            if !worth {
                continue;
            }
            match shown_style(f) {
                Some(NumberStyle::DotDecimal) => v[0] = true,
                Some(NumberStyle::CommaDecimal) => v[1] = true,
                None => match ambiguous_separator(f) {
                    Some(b'.') => v[2] = true,
                    Some(_) => v[3] = true,
                    None => {}
                },
            }
        }
    }
}
