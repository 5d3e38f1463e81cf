//! One cell → one value for one indicator: numbers as typed (with the column's decimal
//! convention), yes/no cells for `bool` indicators, and the plausible-range check.

use crate::error::{Diagnostic, Place};
use crate::load::Cell;
use crate::load::decimal;
use crate::load::number::{NumberStyle, Parsed, parse_bool, parse_number};
use crate::model::tree::{Indicator, Normalize};

/// Reads `cell` for indicator `id`, pushing any problem (with `place()`) to `diags`: the
/// value, and whether the cell marked it as a percentage (`36,3%`, a cell formatted `0.0%`).
#[allow(clippy::too_many_arguments)]
pub(super) fn read(
    ind: &Indicator,
    id: &str,
    cell: Cell<'_>,
    style: Option<NumberStyle>,
    strict: bool,
    place: &dyn Fn() -> Place,
    diags: &mut Vec<Diagnostic>,
    probe: Option<&mut bool>,
) -> Option<(f64, bool)> {
    let is_bool = ind.normalize == Normalize::Bool;
    // The cells machines write, read in one pass with the column's convention; in a yes/no
    // column `1.0` and `0.0` too (pandas writes a 0/1 column with a gap so), a cell that reads
    // two ways (`1.000`) taking the full reading, which says it is not a yes/no value.
    if let Cell::Text(s) = cell
        && let Some(fast) = decimal::read(s.as_bytes(), if is_bool { None } else { style })
        && (!is_bool || fast.value == 0.0 || fast.value == 1.0)
    {
        return checked(ind, id, fast.value, fast.percent, strict, place, diags);
    }
    let percent = match cell {
        Cell::Percent(_) => true,
        Cell::Text(s) => s.trim_end().ends_with('%'),
        _ => false,
    };
    let v = match (cell, is_bool) {
        (Cell::Empty, _) => return None,
        (Cell::Uncached(f), _) => {
            diags.push(
                Diagnostic::error(format!("cell holds the formula `{f}` but no saved result"))
                    .at(place())
                    .help("the program that wrote the file does not compute formulas (openpyxl, for one): open and save it in Excel or LibreOffice, or write the value itself"),
            );
            return None;
        }
        (Cell::Percent(n), false) => n,
        (Cell::Bool(b), true) => f64::from(u8::from(b)),
        (Cell::Number(n), true) if n == 0.0 || n == 1.0 => n,
        (Cell::Text(s), true) => match parse_bool(s) {
            Some(b) => f64::from(u8::from(b)),
            None => match parse_number(s) {
                Parsed::Missing => return None,
                // pandas writes a 0/1 column with a gap as floats: `1.0`, `0.0`.
                Parsed::Value { value, .. } if value == 0.0 || value == 1.0 => value,
                _ => {
                    diags.push(
                        Diagnostic::error(format!("`{}` is not a yes/no value", s.trim()))
                            .at(place())
                            .help("write có/không, yes/no, true/false or 1/0; leave it empty if unknown"),
                    );
                    return None;
                }
            },
        },
        (Cell::Number(n), false) => n,
        (Cell::Text(s), false) => {
            match parse_number(s) {
                Parsed::Missing => return None,
                Parsed::Value { value, .. } => value,
                Parsed::Ambiguous { dot, comma } => match style {
                    Some(NumberStyle::DotDecimal) => dot,
                    Some(NumberStyle::CommaDecimal) => comma,
                    None if probe.is_some() => {
                        // Probing without the column's convention: say so, the caller reads again.
                        if let Some(flag) = probe {
                            *flag = true;
                        }
                        return None;
                    }
                    None => {
                        diags.push(
                            Diagnostic::error(format!("`{}` is ambiguous: {dot} or {comma}?", s.trim()))
                                .at(place())
                                .help(AMBIGUOUS_HELP),
                        );
                        return None;
                    }
                },
                Parsed::Invalid => {
                    diags.push(Diagnostic::error(format!("`{}` is not a number", s.trim())).at(place()).help("write a number such as 36,3 or 36.3; leave the cell empty, `-` or `N/A` if the value is missing"));
                    return None;
                }
            }
        }
        (other, _) => {
            let what = match other {
                Cell::Date(d) => format!("a date ({d})"),
                Cell::Error(e) => format!("the spreadsheet error {e}"),
                Cell::Number(n) => format!("{n}, not a yes/no value"),
                Cell::Percent(n) => format!("{n}%, not a yes/no value"),
                Cell::Bool(b) => {
                    format!("the yes/no value {}, in a numeric column", if b { "TRUE" } else { "FALSE" })
                }
                _ => "an unreadable value".to_string(),
            };
            diags.push(
                Diagnostic::error(format!("cell holds {what}"))
                    .at(place())
                    .help("enter the number itself; leave the cell empty if the value is missing"),
            );
            return None;
        }
    };
    checked(ind, id, v, percent, strict, place, diags)
}

/// `v` if finite, with a warning (an error with `--strict`) when it is outside the
/// indicator's plausible range.
fn checked(
    ind: &Indicator,
    id: &str,
    v: f64,
    percent: bool,
    strict: bool,
    place: &dyn Fn() -> Place,
    diags: &mut Vec<Diagnostic>,
) -> Option<(f64, bool)> {
    if !v.is_finite() {
        diags.push(Diagnostic::error(format!("`{v}` is not a finite number")).at(place()));
        return None;
    }
    if let Some((lo, hi)) = ind.plausible.filter(|(lo, hi)| v < *lo || v > *hi) {
        let unit = ind.unit.as_deref().map(|u| format!(" {u}")).unwrap_or_default();
        let msg = format!("{v}{unit} is outside the plausible range [{lo}, {hi}] of `{}`", id);
        let d = if strict { Diagnostic::error(msg) } else { Diagnostic::warning(msg) };
        let help = if strict {
            "check the value, or widen `plausible` in the spec if such values are real"
        } else {
            "check the value; --strict makes this an error"
        };
        diags.push(d.at(place()).help(help));
    }
    Some((v, percent))
}

/// What the unambiguous cells of some columns show about their decimal separator.
pub(super) struct StyleVotes {
    seen: Vec<(bool, bool)>,
}

impl StyleVotes {
    pub(super) fn new(columns: usize) -> Self {
        StyleVotes { seen: vec![(false, false); columns] }
    }

    /// Counts column `k`'s cell.
    pub(super) fn vote(&mut self, k: usize, cell: Cell<'_>) {
        if let Cell::Text(s) = cell {
            match parse_number(s) {
                Parsed::Value { style: Some(NumberStyle::DotDecimal), .. } => self.seen[k].0 = true,
                Parsed::Value { style: Some(NumberStyle::CommaDecimal), .. } => self.seen[k].1 = true,
                _ => {}
            }
        }
    }

    /// The separator each column's cells agree on, if they do.
    pub(super) fn styles(&self) -> Vec<Option<NumberStyle>> {
        self.seen
            .iter()
            .map(|seen| match seen {
                (true, false) => Some(NumberStyle::DotDecimal),
                (false, true) => Some(NumberStyle::CommaDecimal),
                _ => None,
            })
            .collect()
    }
}

/// The advice for a cell that reads two ways; also how the reader knows such an error.
pub(super) const AMBIGUOUS_HELP: &str = "no cell of this column, nor of the other columns, shows which separator is the decimal one: write one cell of the column unambiguously (54.8580 or 54858), or save the file with another number format";

pub(super) fn cell_text(c: Cell<'_>) -> String {
    match c {
        Cell::Empty => String::new(),
        Cell::Text(s) | Cell::Date(s) | Cell::Error(s) => s.trim().to_string(),
        Cell::Number(n) => n.to_string(),
        Cell::Percent(n) => format!("{n}%"),
        Cell::Uncached(f) => f.trim().to_string(),
        Cell::Bool(b) => b.to_string(),
    }
}
