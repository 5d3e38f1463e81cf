//! The load pass over a CSV file's records: each record's line, first byte, width and year,
//! the first rows' text (where the header is looked for), and per column the decimal
//! separators its cells show. Keeps no cell; decides nothing (`Scanned::finish` does).

use super::split::Splitter;
use crate::error::{Diagnostic, Place};
use crate::load::number::{NumberStyle, ambiguous_separator, shown_style};
use crate::load::shape::{self, HeaderHint, PREAMBLE};
use crate::load::text::LineCounter;

/// What one pass learnt of each record.
#[derive(Debug, Clone, Copy, PartialEq)]
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

/// A field that is a year and nothing else: `2023` (`text` gives it as text when it needs
/// trimming).
fn year_field<'a>(b: &[u8], text: impl Fn() -> &'a str) -> Option<u16> {
    // Most fields begin and end with ASCII that is not white space once ASCII spaces are
    // trimmed: then Unicode's trimming would stop there too.
    let bare = |c: Option<&u8>| c.is_some_and(|&c| c.is_ascii() && !c.is_ascii_whitespace() && c != 0x0b);
    let t = if bare(b.first()) && bare(b.last()) {
        b
    } else {
        let a = b.trim_ascii();
        if bare(a.first()) && bare(a.last()) { a } else { text().trim().as_bytes() }
    };
    (t.len() == 4 && t.iter().all(u8::is_ascii_digit))
        .then(|| t.iter().fold(0u16, |y, d| y * 10 + u16::from(d - b'0')))
        .filter(|y| (1900..=2100).contains(y))
}

/// Whether `year_field` could take the field at all, from its length and ends alone: every
/// field of every record is looked at, and most are numbers of other lengths. Trimming only
/// shortens a field, and only one that begins or ends with white space (ASCII or not).
fn may_be_year(f: &[u8]) -> bool {
    let bare = |c: u8| c.is_ascii() && !c.is_ascii_whitespace() && c != 0x0b;
    match (f.len(), f.first(), f.last()) {
        (0..=3, ..) => false,
        (4, ..) => true,
        (_, Some(&a), Some(&z)) => !(bare(a) && bare(z)),
        _ => false,
    }
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

/// One pass over the records. `Ok(None)` when a record is not UTF-8 (the caller decodes the
/// whole file, which finds the encoding or says where).
pub(super) fn scan<R: std::io::Read>(
    r: LineCounter<R>,
    path: &str,
    delimiter: u8,
    hint: Option<&HeaderHint>,
) -> Result<Option<Scanned>, Diagnostic> {
    Ok(scan_part(Splitter::new(r, delimiter), path, delimiter, hint)?.map(|p| p.scanned))
}

/// What a pass over part of a file learnt, and how that part ended.
pub(super) struct Part {
    pub(super) scanned: Scanned,
    /// Its last record ran to the part's end without ending (a quote left open).
    pub(super) cut: bool,
    /// The line breaks it held.
    pub(super) lines: u64,
}

/// As `scan`, over the records `split` reads (lines and bytes counted from its start).
pub(super) fn scan_part<R: std::io::Read>(
    mut split: Splitter<LineCounter<R>>,
    path: &str,
    delimiter: u8,
    hint: Option<&HeaderHint>,
) -> Result<Option<Part>, Diagnostic> {
    let mut s = Scanned {
        preamble: Vec::new(),
        preamble_at: Vec::new(),
        records: Vec::new(),
        hint: hint.cloned().unwrap_or_default(),
        votes: Vec::new(),
    };
    let mut fields = Vec::new();
    loop {
        let at = match split.advance() {
            Ok(Some(at)) => at,
            Ok(None) => {
                let (cut, lines) = (split.cut(), split.get_ref().breaks());
                return Ok(Some(Part { scanned: s, cut, lines }));
            }
            Err(e) => {
                let line = split.get_ref().line_of(split.get_ref().read_so_far());
                return Err(Diagnostic::error(format!("could not read the file: {e}")).at(Place::Row {
                    path: path.to_string(),
                    row: line as usize,
                    column: None,
                }));
            }
        };
        let line = split.get_ref().line_of(at);
        let rec = split.record();
        let Ok(text) = std::str::from_utf8(rec.bytes) else { return Ok(None) };
        fields.clear();
        fields.extend(rec.bounds.iter().map(|&(a, b)| (a as u32, b as u32)));
        // Which separators the record's cells hold at all (a delimiter is no cell's).
        let holds = |c: u8| {
            if rec.delimited && c == delimiter {
                memchr::memchr_iter(c, rec.bytes).count() >= fields.len()
            } else {
                memchr::memchr(c, rec.bytes).is_some()
            }
        };
        let shows = (holds(b'.'), holds(b','));
        s.take(text, &fields, line, at, shows);
    }
}

impl Scanned {
    /// Notes one record: its text and each field's bounds in it.
    fn take(&mut self, text: &str, bounds: &[(u32, u32)], line: u64, at: u64, shows: (bool, bool)) {
        let s = self;
        let field = |i: usize| bounds.get(i).map_or("", |&(a, b)| &text[a as usize..b as usize]);
        let used = (0..bounds.len()).rposition(|i| !blank(field(i))).map_or(0, |i| i + 1);
        s.vote(text, bounds, shows);
        if used > 0 && s.preamble.len() < PREAMBLE {
            s.preamble.push((line as usize, (0..bounds.len()).map(|i| field(i).trim().to_string()).collect()));
            s.preamble_at.push(s.records.len());
        }
        let first = (0..used).map(field).find(|f| !blank(f));
        s.records.push(Record {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            at,
            fields: bounds.len() as u32,
            used: used as u32,
            ends: first.is_some_and(shape::ends_table),
            years: {
                let mut found = [(u16::MAX, 0); 2];
                let mut n = 0;
                for (i, &(a, b)) in bounds.iter().enumerate() {
                    let f = &text.as_bytes()[a as usize..b as usize];
                    if !may_be_year(f) {
                        continue;
                    }
                    if let Some(y) = year_field(f, || field(i)) {
                        found[n] = (i as u16, y);
                        n += 1;
                        if n == 2 {
                            break;
                        }
                    }
                }
                found
            },
        });
    }

    /// Counts the decimal separators a record's cells show: one reading of the file decides
    /// each column's convention, and validation reads every cell once with it.
    // `slice::contains` goes through `memchr`, whose setup costs more than a cell's few bytes.
    #[allow(clippy::manual_contains)]
    fn vote(&mut self, text: &str, bounds: &[(u32, u32)], (dot, comma): (bool, bool)) {
        if self.votes.len() < bounds.len() {
            self.votes.resize(bounds.len(), [false; 4]);
        }
        if !dot && !comma {
            return;
        }
        for (v, &(a, b)) in self.votes.iter_mut().zip(bounds) {
            // Once a column has shown one decimal separator, only a cell holding the other
            // character can change what it is decided to be: the rest are passed over, and
            // all of them when no cell of the record holds that character.
            // A cell with neither `.` nor `,` shows nothing.
            if v[0] && v[1] {
                continue;
            }
            // A cell holding both separators shows the last one as its decimal one (`1,006.0`):
            // where that is the one the column shows already, it changes nothing.
            let f = &text.as_bytes()[a as usize..b as usize];
            let holds = |c: u8| f.iter().any(|&b| b == c);
            let last = || f.iter().rev().find(|&&b| b == b'.' || b == b',').copied();
            let worth = match (v[0], v[1]) {
                (true, false) => comma && holds(b',') && last() == Some(b','),
                (false, true) => dot && holds(b'.') && last() == Some(b'.'),
                _ => last().is_some(),
            };
            if !worth {
                continue;
            }
            let f = &text[a as usize..b as usize];
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

#[cfg(test)]
mod tests {
    use super::{may_be_year, year_field};
    use proptest::prelude::*;

    #[test]
    fn the_quick_look_passes_years_as_people_write_them() {
        for f in ["2023", " 2023", "2023 ", "\u{a0}2023", "2023\u{3000}", "\t2023\r"] {
            let f = f.as_bytes();
            assert!(may_be_year(f) && year_field(f, || std::str::from_utf8(f).unwrap_or("")).is_some());
        }
        for f in ["", "202", "61.10", "1421.5", "20231", "x2023"] {
            assert!(!may_be_year(f.as_bytes()), "{f}");
        }
    }

    proptest! {
        // Every field the full reading takes as a year, the quick look lets through.
        #[test]
        fn the_quick_look_never_drops_a_year(
            before in "[ \t\u{a0}\u{3000}\u{0b}\u{0c}\r]{0,2}",
            year in 1850u32..2150,
            after in "[ \t\u{a0}\u{3000}\u{0b}\u{0c}\r.a0]{0,2}",
        ) {
            let f = format!("{before}{year}{after}");
            if year_field(f.as_bytes(), || f.as_str()).is_some() {
                prop_assert!(may_be_year(f.as_bytes()));
            }
        }
    }
}
