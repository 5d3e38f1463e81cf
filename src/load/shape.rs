//! Where the table is on a sheet as people lay it out: title rows and notes above the header,
//! the header row itself (found, or given), a second header row under merged group cells
//! (`"Upper / Lower"`), and signature lines that end the table. Works on the first rows'
//! text and on each later row's first cell; knows column names only as strings it is given.

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// How many non-blank rows from the top may hold the header.
pub(crate) const PREAMBLE: usize = 40;

/// What the header row is expected to hold, from the spec: the unit column's names and the
/// other columns' names, all as `header_key`s; or the header's row number, given.
#[derive(Debug, Clone, Default)]
pub struct HeaderHint {
    /// The header's row (1-based, as a spreadsheet or editor shows it).
    pub row: Option<usize>,
    pub unit: Vec<String>,
    pub known: Vec<String>,
    /// The year column's names.
    pub year: Vec<String>,
}

/// A header cell as compared: NFC, lower case, every run of white space (line breaks from
/// Alt+Enter, non-breaking spaces) one space.
#[must_use]
pub fn header_key(s: &str) -> String {
    // Most text is NFC already (and ASCII always is): only the rest is normalised. One pass,
    // one allocation: lower case, white space runs as one space.
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    let mut put = |c: char| {
        if c.is_whitespace() || c == '\u{feff}' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    };
    if s.is_ascii() {
        s.chars().for_each(|c| put(c.to_ascii_lowercase()));
    } else if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.chars().flat_map(char::to_lowercase).for_each(&mut put);
    } else {
        s.nfc().flat_map(char::to_lowercase).for_each(&mut put);
    }
    out
}

/// A header as shown in messages: line breaks and runs of spaces as one space.
#[must_use]
pub fn header_display(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{feff}').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Keys a header cell answers to: itself, without a trailing `(unit)`, and for a two-row
/// header (`Upper / Lower`) its lower part alone.
#[must_use]
pub fn header_keys(s: &str) -> Vec<String> {
    let full = header_key(s);
    let mut keys = vec![full.clone()];
    if let Some((_, lower)) = full.rsplit_once(" / ") {
        keys.push(lower.to_string());
    }
    for i in 0..keys.len() {
        let k = &keys[i];
        if let Some(open) = k.rfind(" (").filter(|_| k.ends_with(')')) {
            keys.push(k[..open].to_string());
        }
    }
    keys.retain(|k| !k.is_empty());
    keys.dedup();
    keys
}

/// Which row is the header, and whether the row below it completes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Choice {
    /// Index into the rows given to `choose`.
    pub row: usize,
    /// The next row is the header's lower half.
    pub two_rows: bool,
    pub headers: Vec<String>,
}

/// A hint's names as sets: every cell of the first rows is looked up in them (4,000 cells
/// against a hundred names in a file of 100 indicators).
struct Names<'a> {
    unit: HashSet<&'a str>,
    known: HashSet<&'a str>,
}

impl Names<'_> {
    fn score(&self, headers: &[String]) -> (bool, usize) {
        let mut unit = false;
        let mut known = 0;
        for h in headers.iter().filter(|h| !h.is_empty()) {
            let keys = header_keys(h);
            unit |= keys.iter().any(|k| self.unit.contains(k.as_str()));
            known += usize::from(keys.iter().any(|k| self.known.contains(k.as_str())));
        }
        (unit, known)
    }
}

impl HeaderHint {
    /// Whether a header row holds the unit column.
    pub(crate) fn holds_unit(&self, headers: &[String]) -> bool {
        self.names().score(headers).0
    }

    fn names(&self) -> Names<'_> {
        Names {
            unit: self.unit.iter().map(String::as_str).collect(),
            known: self.known.iter().map(String::as_str).collect(),
        }
    }

    /// Picks the header among the first rows (`rows[i]` = the row's line and its cells' text):
    /// the given row; else the first row holding the unit column and the most other known
    /// columns (taking the row below as its second half when that matches more); else the
    /// first row.
    pub(crate) fn choose(&self, rows: &[(usize, Vec<String>)]) -> Option<Choice> {
        if let Some(want) = self.row {
            let i = rows.iter().position(|(line, _)| *line == want)?;
            return Some(Choice { row: i, two_rows: false, headers: rows[i].1.clone() });
        }
        let first = Choice { row: 0, two_rows: false, headers: rows.first()?.1.clone() };
        let names = self.names();
        let mut best: Option<((bool, usize), Choice)> = None;
        for (i, (_, cells)) in rows.iter().enumerate() {
            let mut cand = (names.score(cells), Choice { row: i, two_rows: false, headers: cells.clone() });
            // A second header row: the upper one holds the unit column, the lower one names
            // more columns under it but no unit column of its own.
            if let Some((_, below)) = rows.get(i + 1).filter(|(_, b)| cand.0.0 && !names.score(b).0) {
                let joined = join_two_rows(cells, below);
                let s = names.score(&joined);
                if s.1 > cand.0.1 {
                    cand = (s, Choice { row: i, two_rows: true, headers: joined });
                }
            }
            if cand.0.0 && best.as_ref().is_none_or(|(s, _)| cand.0 > *s) {
                best = Some(cand);
            }
        }
        Some(best.map_or(first, |(_, c)| c))
    }
}

/// A two-row header as one: each lower cell under the upper cell at or left of it (a merged
/// cell holds its text in its first column), as `Upper / Lower`; a column with one half only
/// keeps that half.
pub(crate) fn join_two_rows(upper: &[String], lower: &[String]) -> Vec<String> {
    let width = upper.len().max(lower.len());
    let mut carried = String::new();
    (0..width)
        .map(|c| {
            let up = upper.get(c).map_or("", String::as_str);
            let low = lower.get(c).map_or("", String::as_str);
            if !up.is_empty() {
                carried = up.to_string();
            }
            match (up.is_empty(), low.is_empty()) {
                (_, true) => up.to_string(),
                (true, false) if carried.is_empty() => low.to_string(),
                (true, false) => format!("{carried} / {low}"),
                (false, false) => format!("{up} / {low}"),
            }
        })
        .collect()
}

/// Whether a row under the header numbers its columns, as Vietnamese report forms do:
/// `(1) (2) (3) …`, or `1 2 3 …` from 1 with no other text. No unit's row looks like that: it
/// names a unit.
#[must_use]
pub(crate) fn numbers_columns(cells: &[String]) -> bool {
    let filled: Vec<&str> = cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    let bracketed = |c: &str| {
        c.strip_prefix('(')
            .and_then(|c| c.strip_suffix(')'))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    filled.len() >= 3
        && (filled.iter().all(|c| bracketed(c))
            || filled.iter().enumerate().all(|(i, c)| c.parse::<usize>().ok() == Some(i + 1)))
}

/// Whether a row's first non-blank cell begins a note or signature line under a table, which
/// ends it: `Người lập biểu`, `Ghi chú: …`, `Nguồn: …`, `Thủ trưởng đơn vị`, `Source: …`,
/// `(Ký, ghi rõ họ tên)`, `Lưu: VT`, and the place-and-date line of a signature block
/// (`Hà Nội, ngày 20 tháng 3 năm 2024`).
#[must_use]
pub(crate) fn ends_table(first_cell: &str) -> bool {
    may_end(first_cell) && ends(&header_key(first_cell))
}

/// The beginnings of note and signature lines, as keys.
const MARKERS: &[&str] = &[
    "người lập",
    "nguoi lap",
    "người ký",
    "ghi chú",
    "ghi chu",
    "nguồn:",
    "nguồn số liệu",
    "nguon:",
    "thủ trưởng",
    "giám đốc",
    "kt. giám đốc",
    "kt giám đốc",
    "lãnh đạo",
    "xác nhận",
    "nơi nhận",
    "prepared by",
    "note:",
    "notes:",
    "source:",
    "(ký",
    "ký tên",
    "ký, ghi rõ",
    "lưu:",
    "lưu vt",
    "- như trên",
    "* ghi chú",
    "(*)",
];

/// The full reading of `ends_table`, on a cell's key.
fn ends(k: &str) -> bool {
    let dated = k.contains("ngày ") && k.contains(" tháng ") && k.contains(" năm ");
    dated || MARKERS.iter().any(|m| k.starts_with(m))
}

/// Whether `cell` could end a table at all, without the full reading (which `ends_table`
/// does for every data row): a marker's key begins with one of these letters, given with the
/// second one where unit names often share the first (`Xã`, `Phường`); a date line holds `ng`.
/// No character other than these ASCII ones folds to them, but a cell beginning with any other
/// non-ASCII one takes the full reading.
fn may_end(cell: &str) -> bool {
    let dated = cell.as_bytes().windows(2).any(|w| w[0] | 0x20 == b'n' && w[1] | 0x20 == b'g');
    let mut chars = cell.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').chars();
    let marked = match chars.next() {
        None => false,
        Some(c) if !c.is_ascii() => true,
        Some(c) => match c.to_ascii_lowercase() {
            'x' => matches!(chars.next(), Some('á' | 'Á' | 'a' | 'A')),
            'p' => matches!(chars.next(), Some('r' | 'R')),
            'n' | 'g' | 't' | 'k' | 'l' | 's' | '(' | '-' | '*' => true,
            _ => false,
        },
    };
    dated || marked
}

#[cfg(test)]
mod tests;
