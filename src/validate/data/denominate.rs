//! `denominator = "COLUMN"`: the indicator's raw value divided by another data column as the
//! row is read (COINr's `Denominate`, `x[[iCode]] / denoms[[Denominator]]`, scale factor 1),
//! so that everything after — imputation, treatment, normalisation — sees the ratio. It is done
//! here and not in `score/prepare/` because a zero or missing denominator must be an error
//! naming its file, row and column, and only the reader knows where a cell came from.

use super::Builder;
use super::wide::column_styles;
use crate::error::Diagnostic;
use crate::load::number::{NumberStyle, Parsed, parse_number};
use crate::load::{Cell, RawTable, Row};

/// A denominator of a table: the indicator slot it divides, its column and that column's
/// decimal convention.
#[derive(Debug, Clone)]
pub(super) struct Denominator {
    pub k: usize,
    pub name: String,
    pub col: usize,
    pub style: Option<NumberStyle>,
}

/// A denominator cell's number; `Err` with what is wrong with it.
pub(super) fn number(cell: Cell<'_>, style: Option<NumberStyle>) -> Result<f64, String> {
    let v = match cell {
        Cell::Number(n) | Cell::Percent(n) => n,
        Cell::Empty => return Err(MISSING.into()),
        Cell::Text(s) => match parse_number(s) {
            Parsed::Missing => return Err(MISSING.into()),
            Parsed::Value { value, .. } => value,
            Parsed::Ambiguous { dot, comma } => match style {
                Some(NumberStyle::DotDecimal) => dot,
                Some(NumberStyle::CommaDecimal) => comma,
                None => return Err(format!("`{}` is ambiguous: {dot} or {comma}?", s.trim())),
            },
            _ => return Err(format!("`{}` is not a number", s.trim())),
        },
        Cell::Bool(_) | Cell::Date(_) | Cell::Error(_) | Cell::Uncached(_) => {
            return Err("is not a number".into());
        }
    };
    if v == 0.0 {
        return Err("is 0".into());
    }
    // Population, GDP, area: a negative one is a typo or a sign convention, never a size.
    if v < 0.0 {
        return Err(format!("is negative ({v})"));
    }
    if !v.is_finite() {
        return Err("is not a finite number".into());
    }
    Ok(v)
}

/// The denominator rows of a long table: (unit, year, name) → (row, its number or what is
/// wrong with it).
pub(super) type LongDenominators =
    std::collections::HashMap<(usize, crate::model::Year, String), (usize, Result<f64, String>)>;

/// What `number` says of a missing cell.
const MISSING: &str = "is missing";

impl Builder<'_> {
    /// The diagnostic for a bad denominator of indicator slot `k`: an error, except that a
    /// *missing* denominator of an indicator that imputes leaves the value missing, to be
    /// imputed, with a warning (COINr: NA / x is NA, then `Impute` fills it — the ASEM
    /// example's one missing `Energy`).
    fn denominator_problem(&self, k: usize, name: &str, what: &str) -> Diagnostic {
        let node = &self.tree.nodes[self.tree.indicators()[k]];
        let imputes = node.indicator().is_some_and(|i| *i.impute != crate::model::prepare::Impute::None);
        let id = &node.id;
        if what.starts_with(MISSING) && imputes {
            return Diagnostic::warning(format!(
                "the denominator `{name}` {what}: `{id}` is missing there and imputed"
            ));
        }
        Diagnostic::error(format!("the denominator `{name}` {what}"))
            .help(format!("indicator `{id}` is divided by `{name}`; give a positive number there"))
    }

    /// The denominators of a wide table, by indicator slot; a missing column is an error.
    pub(super) fn denominators(&mut self, t: &RawTable, heads: &super::columns::Headers) -> Vec<Denominator> {
        let mut out = Vec::new();
        for (k, node) in self.tree.indicators().into_iter().enumerate() {
            let Some(name) = self.tree.nodes[node].indicator().and_then(|i| i.denominator.clone()) else { continue };
            match heads.find(&[&name]) {
                Some(col) => out.push(Denominator { k, col, style: column_styles(t, &[col])[0], name }),
                None => {
                    let help = format!("indicator `{}` is divided by it (`denominator`)", self.tree.nodes[node].id);
                    self.missing_column(t, "denominator", &name, &help);
                }
            }
        }
        out
    }

    /// Divides the row's values by their denominators; a present value over a zero or missing
    /// denominator is an error at the denominator's cell.
    pub(super) fn denominate(
        &mut self,
        t: &RawTable,
        r: usize,
        row: &Row<'_>,
        dens: &[Denominator],
        values: &mut [f64],
    ) {
        for d in dens {
            if values[d.k].is_nan() {
                continue;
            }
            match number(row.get(d.col), d.style) {
                Ok(v) => values[d.k] /= v,
                Err(what) => {
                    let diag = self.denominator_problem(d.k, &d.name, &what).at(t.place(r, Some(d.col)));
                    self.diags.push(diag);
                    values[d.k] = f64::NAN;
                }
            }
        }
    }
}

impl Builder<'_> {
    /// As `denominate`, for a long table: the denominator is a row whose `indicator` names it.
    pub(super) fn denominate_long(
        &mut self,
        t: &RawTable,
        (first, vc): (usize, usize),
        (unit, year): (usize, crate::model::Year),
        dens: &LongDenominators,
        values: &mut [f64],
    ) {
        for (k, node) in self.tree.indicators().into_iter().enumerate() {
            let Some(name) = self.tree.nodes[node].indicator().and_then(|i| i.denominator.clone()) else { continue };
            if values[k].is_nan() {
                continue;
            }
            let (place, what) = match dens.get(&(unit, year, name.clone())) {
                Some((_, Ok(v))) => {
                    values[k] /= v;
                    continue;
                }
                Some((r, Err(what))) => (t.place(*r, Some(vc)), what.clone()),
                None => (t.place(first, None), format!("is missing for {} in {year}", self.units[unit].name)),
            };
            let diag = self.denominator_problem(k, &name, &what).at(place);
            self.diags.push(diag);
            values[k] = f64::NAN;
        }
    }
}
