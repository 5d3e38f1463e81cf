//! A table's cells and rows as the file holds them, before any interpretation: text borrowed
//! from its table (CSV), or typed cells (workbooks: numbers, percentages as shown, dates,
//! errors, formulas without a result).

use super::decimal;
use super::number::NumberStyle;
use std::sync::mpsc::Sender;

/// A cell as the file holds it, before any interpretation; text is borrowed from its table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    /// A number the sheet shows as a percentage: the number shown (36.3 for a cell holding
    /// 0.363 formatted `0.0%`), as its CSV export would read.
    Percent(f64),
    Bool(bool),
    /// A date or time cell (Excel), as text.
    Date(&'a str),
    /// An Excel error such as `#DIV/0!`.
    Error(&'a str),
    /// A formula whose result the file does not hold (openpyxl and other writers that do not
    /// compute): the formula.
    Uncached(&'a str),
}

/// A workbook cell as stored (workbooks have typed cells; CSV files have only text).
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    Empty,
    Text(String),
    Number(f64),
    Percent(f64),
    Bool(bool),
    Date(String),
    Error(String),
    Uncached(String),
}

/// `str::trim`, without its Unicode tables when the text begins and ends with ASCII that is
/// not white space (as a machine's cells do).
fn trim(s: &str) -> &str {
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&z))
            if a.is_ascii() && z.is_ascii() && !char::from(a).is_whitespace() && !char::from(z).is_whitespace() =>
        {
            s
        }
        _ => s.trim(),
    }
}

/// A CSV record's text and each field's bounds in it.
#[derive(Debug, Clone, Default)]
pub struct TextRecord {
    text: String,
    bounds: Vec<(u32, u32)>,
    /// Where a record split on another thread goes once read (`Drop`): back to that thread,
    /// which fills it with the next record instead of allocating four buffers for each one
    /// and having this thread free them.
    home: Option<Sender<TextRecord>>,
    /// Number cells read where the record was split (`read_ahead`), one a column asked for:
    /// the value, or NaN for a cell left to the reader of the record (not asked for, empty,
    /// or not a number the fast reading takes; no number it reads is NaN). Eight bytes a
    /// cell: the record is written on one core and read on the other, and every byte crosses.
    ahead: Vec<f64>,
    /// Bit `k % 64` of word `k / 64`: the `k`-th cell read ahead ended in a percent sign.
    percent: Vec<u64>,
}

impl TextRecord {
    /// Makes this the record of `bytes` with fields at `bounds`, in the buffers it has;
    /// `false` (and nothing kept) when the bytes are not UTF-8.
    pub(super) fn fill(&mut self, bytes: &[u8], bounds: &[(usize, usize)]) -> bool {
        self.text.clear();
        self.bounds.clear();
        let Ok(text) = std::str::from_utf8(bytes) else { return false };
        self.text.push_str(text);
        self.bounds.extend(bounds.iter().map(|&(a, b)| (a as u32, b as u32)));
        true
    }

    /// Sends the record to `home` once it has been read (see `home`).
    pub(super) fn return_to(&mut self, home: Sender<TextRecord>) {
        self.home = Some(home);
    }

    /// Reads the cells of `numbers` (a column and its decimal convention; `None` passes one
    /// over) as `decimal::read` reads the cell `Row::get` gives: on the thread that split
    /// the record, so that the one validating it has less to do.
    ///
    /// Some columns are left to the reader, so that both cores have about as much to do:
    /// every fourth with short numbers (`61.10`), every other with long ones
    /// (`54.85812345678901`), which cost several times as much. Reading every short cell here
    /// left the reader waiting: a quarter left to it made 1 M-cell rankings 5–9 % faster in
    /// issue 12's eighth round (a third and a fifth did as well; a sixth no better than none).
    pub(super) fn read_ahead(&mut self, numbers: &[Option<(usize, Option<NumberStyle>)>]) {
        let TextRecord { text, bounds, ahead, percent, .. } = self;
        let short = text.len() <= 10 * bounds.len();
        let here = |k: usize| if short { k % 4 != 3 } else { k.is_multiple_of(2) };
        let bytes = text.as_bytes();
        percent.clear();
        percent.resize(numbers.len().div_ceil(64), 0);
        ahead.clear();
        // Bytes, trimmed of ASCII space only: a cell with other white space around it reads
        // as no number here and goes to the reader of the record, as any other cell that
        // `decimal::read` does not take does.
        ahead.extend(numbers.iter().enumerate().map(|(k, n)| {
            let read = (*n).filter(|_| here(k)).and_then(|(c, style)| {
                let &(a, b) = bounds.get(c)?;
                decimal::read(bytes.get(a as usize..b as usize)?.trim_ascii(), style)
            });
            read.map_or(f64::NAN, |f| {
                percent[k / 64] |= u64::from(f.percent) << (k % 64);
                f.value
            })
        }));
    }

    fn get(&self, i: usize) -> Option<&str> {
        self.bounds.get(i).and_then(|&(a, b)| self.text.get(a as usize..b as usize))
    }

    fn len(&self) -> usize {
        self.bounds.len()
    }
}

impl Drop for TextRecord {
    fn drop(&mut self) {
        if let Some(home) = self.home.take() {
            // The buffers go back; the thread that splits may have stopped, and then they are
            // freed here after all.
            let (text, bounds) = (std::mem::take(&mut self.text), std::mem::take(&mut self.bounds));
            let (ahead, percent) = (std::mem::take(&mut self.ahead), std::mem::take(&mut self.percent));
            let _ = home.send(TextRecord { text, bounds, home: None, ahead, percent });
        }
    }
}

/// One data row of a table.
#[derive(Debug, Clone)]
pub enum Row<'t> {
    Text(TextRecord),
    Typed(&'t [Typed]),
    Owned(Vec<Typed>),
}

impl Row<'_> {
    /// The cell in column `c` (`Empty` beyond the row's end); text is trimmed.
    #[must_use]
    pub fn get(&self, c: usize) -> Cell<'_> {
        match self {
            Row::Text(rec) => match rec.get(c).map(trim) {
                Some(t) if !t.is_empty() => Cell::Text(t),
                _ => Cell::Empty,
            },
            Row::Typed(_) | Row::Owned(_) => match self.typed().get(c) {
                None | Some(Typed::Empty) => Cell::Empty,
                Some(Typed::Text(s)) => Cell::Text(s),
                Some(Typed::Number(n)) => Cell::Number(*n),
                Some(Typed::Bool(b)) => Cell::Bool(*b),
                Some(Typed::Date(s)) => Cell::Date(s),
                Some(Typed::Error(s)) => Cell::Error(s),
                Some(Typed::Percent(n)) => Cell::Percent(*n),
                Some(Typed::Uncached(f)) => Cell::Uncached(f),
            },
        }
    }

    /// The number cells read ahead (`TextRecord::read_ahead`), NaN for each cell left to the
    /// reader, and their percent bits (bit `k % 64` of word `k / 64`); none for a workbook's
    /// row.
    #[must_use]
    pub fn ahead(&self) -> (&[f64], &[u64]) {
        match self {
            Row::Text(rec) => (&rec.ahead, &rec.percent),
            Row::Typed(_) | Row::Owned(_) => (&[], &[]),
        }
    }

    fn typed(&self) -> &[Typed] {
        match self {
            Row::Typed(cells) => cells,
            Row::Owned(cells) => cells,
            Row::Text(_) => &[],
        }
    }

    /// The row's cells.
    pub fn cells(&self) -> impl Iterator<Item = Cell<'_>> + '_ {
        let n = match self {
            Row::Text(rec) => rec.len(),
            Row::Typed(_) | Row::Owned(_) => self.typed().len(),
        };
        (0..n).map(|c| self.get(c))
    }
}

#[cfg(test)]
mod tests {
    use super::{Cell, Row, TextRecord};

    #[test]
    fn a_record_filled_again_holds_the_new_record_alone() {
        let mut rec = TextRecord::default();
        assert!(rec.fill(b"Xa So 00001,2020,61.10,1421", &[(0, 11), (12, 16), (17, 22), (23, 27)]));
        rec.read_ahead(&[Some((2, None)), Some((3, None))]);
        assert!(rec.fill(b"Hue,7", &[(0, 3), (4, 5)]));
        rec.read_ahead(&[Some((1, None))]);
        let row = Row::Text(rec);
        assert_eq!(row.cells().collect::<Vec<_>>(), [Cell::Text("Hue"), Cell::Text("7")]);
        assert_eq!(row.ahead().0, [7.0]);
        // Bytes that are not UTF-8 leave nothing behind.
        let Row::Text(mut rec) = row else { unreachable!() };
        assert!(!rec.fill(b"\xff,1", &[(0, 1), (2, 3)]));
        assert_eq!(Row::Text(rec).cells().count(), 0);
    }

    #[test]
    fn a_record_read_goes_home_with_its_buffers() {
        let (home, returned) = std::sync::mpsc::channel();
        let mut rec = TextRecord::default();
        assert!(rec.fill(b"Hue,7", &[(0, 3), (4, 5)]));
        rec.return_to(home);
        drop(rec);
        let back = returned.try_recv().expect("sent home when dropped");
        assert!(back.text.capacity() >= 5 && back.bounds.capacity() >= 2);
        // Once home it is not sent again.
        drop(back);
        assert!(returned.try_recv().is_err());
    }
}
