//! A table's cells and rows as the file holds them, before any interpretation: text borrowed
//! from its table (CSV), or typed cells (workbooks: numbers, percentages as shown, dates,
//! errors, formulas without a result).

use super::decimal;
use super::number::NumberStyle;

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
    /// Number cells read where the record was split (`read_ahead`), one a column asked for:
    /// the value, or NaN for a cell left to the reader of the record (not asked for, empty,
    /// or not a number the fast reading takes; no number it reads is NaN). Eight bytes a
    /// cell: the record is written on one core and read on the other, and every byte crosses.
    ahead: Vec<f64>,
    /// Bit `k % 64` of word `k / 64`: the `k`-th cell read ahead ended in a percent sign.
    percent: Vec<u64>,
}

impl TextRecord {
    /// The record of `bytes` with fields at `bounds`; `None` when it is not UTF-8.
    pub(super) fn new(bytes: &[u8], bounds: &[(usize, usize)]) -> Option<Self> {
        let text = std::str::from_utf8(bytes).ok()?.to_string();
        let bounds = bounds.iter().map(|&(a, b)| (a as u32, b as u32)).collect();
        Some(TextRecord { text, bounds, ahead: Vec::new(), percent: Vec::new() })
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
        let TextRecord { text, bounds, ahead, percent } = self;
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
