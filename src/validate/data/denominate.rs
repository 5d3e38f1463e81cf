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
        Cell::Empty => return Err("is missing".into()),
        Cell::Text(s) => match parse_number(s) {
            Parsed::Missing => return Err("is missing".into()),
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
    if !v.is_finite() {
        return Err("is not a finite number".into());
    }
    Ok(v)
}

impl Builder<'_> {
    /// The denominators of a wide table, by indicator slot; a missing column is an error.
    pub(super) fn denominators(&mut self, t: &RawTable) -> Vec<Denominator> {
        let mut out = Vec::new();
        for (k, node) in self.tree.indicators().into_iter().enumerate() {
            let Some(name) = self.tree.nodes[node].indicator().and_then(|i| i.denominator.clone()) else { continue };
            match super::find_col(&t.headers, &name) {
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
                    let id = &self.tree.nodes[self.tree.indicators()[d.k]].id;
                    self.diags.push(
                        Diagnostic::error(format!("the denominator `{}` {what}", d.name)).at(t.place(r, Some(d.col))).help(
                            format!("indicator `{id}` is divided by `{}`; give a non-zero number, or leave the indicator's value empty", d.name),
                        ),
                    );
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
        dens: &std::collections::HashMap<(usize, crate::model::Year, String), (usize, Result<f64, String>)>,
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
            let id = &self.tree.nodes[node].id;
            self.diags.push(Diagnostic::error(format!("the denominator `{name}` {what}")).at(place).help(format!(
                "indicator `{id}` is divided by `{name}`; add a row with indicator = \"{name}\" and a non-zero value"
            )));
            values[k] = f64::NAN;
        }
    }
}
