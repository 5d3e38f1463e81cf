//! Raw tables → `Panel`: finds the unit, year and indicator columns (wide or long layout),
//! matches unit names (free text, or the province registry), reads every cell, and reports
//! every problem (missing column, unreadable cell, unknown province, duplicate unit-year) at
//! once, each naming its file, row and column or `sheet!cell`.

mod columns;
mod denominate;
mod groups;
mod key;
mod long;
mod scale;
mod spelling;
mod wide;

pub use columns::header_hint;

use super::rows::YearRows;
use super::value;
use crate::error::{Diagnostic, Diagnostics, Place, check};
use crate::load::number::NumberStyle;
use crate::load::{Cell, RawTable};
use crate::model::Year;
use crate::model::panel::{Panel, Unit, UnitId};
use crate::model::registry::{Matcher, closest};
use crate::model::tree::{IndicatorTree, UnitsKind};
use std::collections::BTreeMap;

/// Choices from the command line that shape how data is read.
#[derive(Debug, Clone, Default)]
pub struct DataOptions {
    /// The year of rows in files with no year column and no year in their name.
    pub year: Option<Year>,
    /// Implausible values are errors, not warnings.
    pub strict: bool,
    /// Read the values of these years only (`None`: every year). Rows of other years whose
    /// year the load pass read are skipped: their shape was checked, their numbers are not read.
    pub only_years: Option<std::collections::BTreeSet<Year>>,
}

impl DataOptions {
    /// Whether data row `r` of `t` is of a year not asked for.
    fn skips(&self, t: &RawTable, r: usize) -> bool {
        matches!((&self.only_years, t.row_year(r)), (Some(only), Some(y)) if !only.contains(&y))
    }
}

struct Builder<'t> {
    tree: &'t IndicatorTree,
    tables: &'t [RawTable],
    /// The index in `tables` of the table being read.
    table_no: usize,
    matcher: Option<Matcher>,
    units: Vec<Unit>,
    unit_ids: key::UnitIndex,
    cells: BTreeMap<Year, YearRows>,
    /// One row's values, and the slots of its cells not read ahead; reused.
    row: Vec<f64>,
    left: Vec<usize>,
    /// Reading without the columns' decimal conventions; `ambiguous` is set when a cell needs one.
    probing: bool,
    /// The scales (percentages, fractions) each indicator column of the table showed.
    scales: scale::Scales,
    /// Summary rows (`Cả nước`) skipped in the table: how many, and the first's row and name.
    summaries: (usize, Option<(usize, String)>),
    ambiguous: bool,
    /// The denominators of the wide table being read.
    dens: Vec<denominate::Denominator>,
    /// Group labels (`[index] groups`) read so far.
    labels: groups::Labels,
    diags: Vec<Diagnostic>,
}

/// Reads every table into one panel.
///
/// # Errors
/// Every problem found in every table.
pub fn panel(
    tree: &IndicatorTree,
    tables: &[RawTable],
    opts: &DataOptions,
) -> Result<(Panel, Vec<Diagnostic>), Diagnostics> {
    let mut b = Builder {
        tree,
        tables,
        table_no: 0,
        matcher: (tree.info.units == UnitsKind::VnProvinces).then(Matcher::new),
        units: Vec::new(),
        unit_ids: key::UnitIndex::default(),
        cells: BTreeMap::new(),
        row: Vec::new(),
        left: Vec::new(),
        probing: false,
        ambiguous: false,
        scales: scale::Scales::default(),
        summaries: (0, None),
        dens: Vec::new(),
        labels: groups::Labels::default(),
        diags: Vec::new(),
    };
    let width = tree.indicators().len();
    for (i, t) in tables.iter().enumerate() {
        b.table_no = i;
        b.diags.extend(t.notes.iter().cloned());
        b.scales = scale::Scales::new(width);
        b.summaries = (0, None);
        b.table(t, opts);
        b.diags.extend(t.reread_problems());
        let scales = std::mem::take(&mut b.scales);
        scales.check(t, &mut b.diags);
        b.summary_note(t);
    }
    b.fraction_years();
    if b.cells.is_empty() && !tables.is_empty() && !b.diags.iter().any(Diagnostic::is_error) {
        b.diags.push(Diagnostic::error("the data has no rows").help("add one row per unit and year below the header"));
    }
    let groups = b.finish_groups();
    let warnings = check(b.diags)?;
    let indicators = tree.indicators();
    let width = indicators.len();
    let years = b.cells.into_iter().map(|(year, rows)| rows.finish(year, width)).collect();
    // Grown by doubling, it is returned to the system (a block this large is its own mapping)
    // before scoring, where memory peaks.
    b.units.shrink_to_fit();
    Ok((Panel { units: b.units, indicators, years, groups }, warnings))
}

/// A list of column names for a message: the first 20, then how many more.
fn list(names: &[String]) -> String {
    let shown: Vec<&str> = names.iter().take(20).map(String::as_str).collect();
    match names.len().saturating_sub(20) {
        0 => shown.join(", "),
        more => format!("{}, … ({more} more)", shown.join(", ")),
    }
}

impl Builder<'_> {
    fn missing_column(&mut self, t: &RawTable, what: &str, name: &str, help: &str) {
        let mut d = Diagnostic::error(format!("{what} column `{name}` is not in the data")).at(table_place(t));
        d.help = Some(match closest(name, t.headers.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`? ({help})"),
            None => format!("the columns are: {}; {help}", list(&t.headers)),
        });
        self.diags.push(d);
    }

    fn table(&mut self, t: &RawTable, opts: &DataOptions) {
        let info = &self.tree.info;
        for (i, h) in t.headers.iter().enumerate() {
            if !h.is_empty() && t.headers[..i].contains(h) {
                self.diags.push(
                    Diagnostic::error(format!("duplicate column `{h}`"))
                        .at(t.header_place(i))
                        .help("rename or remove one of the two columns"),
                );
            }
        }
        let heads = columns::Headers::new(&t.headers);
        let unit_col = heads.find(&columns::unit_names(self.tree));
        if unit_col.is_none() {
            self.missing_column(
                t,
                "unit",
                &info.unit_column.clone(),
                "set `unit_column` in [index] to the column holding unit names",
            );
        }
        let year_col = heads.find(&columns::year_names(self.tree));
        let code_col = heads.find(&[&info.code_column]);
        let long = (heads.find(&["indicator"]), heads.find(&["value"]));
        let cols: Vec<Option<usize>> = if let (Some(_), Some(_)) = long {
            Vec::new()
        } else {
            self.tree
                .indicators()
                .into_iter()
                .map(|k| {
                    let column = self.tree.nodes[k].indicator().map(|i| i.column.clone()).unwrap_or_default();
                    let c = heads.find(&columns::indicator_names(self.tree, k));
                    if c.is_none() {
                        let help = format!(
                            "indicator `{}` reads it; set its `column` to the header used in this file",
                            self.tree.nodes[k].id
                        );
                        self.missing_column(t, "indicator", &column, &help);
                    }
                    c
                })
                .collect()
        };
        let Some(unit_col) = unit_col else { return };
        self.group_columns(t);
        if year_col.is_none() && t.year_hint.is_none() && opts.year.is_none() {
            self.diags.push(
                Diagnostic::error(format!("no year for the rows of `{}`", t.path)).at(table_place(t)).help(format!(
                    "add a `{}` column, put the year in the file or sheet name (dti_2023.csv), or pass --year",
                    info.year_column
                )),
            );
            return;
        }
        if let (Some(ic), Some(vc)) = long {
            self.long_rows(t, unit_col, year_col, code_col, ic, vc, opts);
        } else if cols.iter().all(Option::is_some) {
            let cols: Vec<usize> = cols.into_iter().flatten().collect();
            self.dens = self.denominators(t, &heads);
            self.wide_rows(t, unit_col, year_col, code_col, &cols, opts);
        }
    }

    fn insert(&mut self, t: &RawTable, r: usize, unit: UnitId, year: Year, values: &[f64]) {
        let rows = self.cells.entry(year).or_insert_with(|| YearRows::with_room(t.len(), values.len()));
        if let Err((table, row)) = rows.push(unit, (self.table_no, r), values) {
            let first = self.tables[table].place(row, None);
            let d = Diagnostic::error(format!("`{}` appears twice for {year}", self.units[unit].name))
                .at(t.place(r, None))
                .help(format!("the first row is {first}; keep one of them"));
            self.diags.push(d);
        }
    }

    /// Reads one cell for indicator node `node`, in indicator slot `k`.
    #[allow(clippy::too_many_arguments)]
    fn value(
        &mut self,
        t: &RawTable,
        r: usize,
        c: usize,
        cell: Cell<'_>,
        (k, node): (usize, usize),
        style: Option<NumberStyle>,
        strict: bool,
    ) -> Option<f64> {
        let ind = self.tree.nodes[node].indicator()?;
        let probe = self.probing.then_some(&mut self.ambiguous);
        let place = || t.place(r, Some(c));
        let before = self.diags.len();
        let read = value::read(ind, &self.tree.nodes[node].id, cell, style, strict, &place, &mut self.diags, probe);
        // A column that cannot tell its decimal separator is one error, not one a cell.
        let ambiguous = self.diags.len() > before
            && self.diags.last().is_some_and(|d| d.help.as_deref() == Some(value::AMBIGUOUS_HELP));
        if ambiguous {
            if self.scales.ambiguous(k) > 0 {
                self.diags.pop();
            }
            self.scales.more_ambiguous(k, c);
        }
        let (v, percent) = read?;
        self.scales.note(k, r, c, v, percent);
        Some(v)
    }

    /// One note for the summary rows (`Cả nước`, `Tổng`) a table had.
    fn summary_note(&mut self, t: &RawTable) {
        if let (n, Some((r, name))) = std::mem::take(&mut self.summaries) {
            let more = if n > 1 { format!(" and {} more", n - 1) } else { String::new() };
            self.diags.push(
                Diagnostic::note(format!("`{name}`{more} skipped: a summary row, not a unit; never ranked"))
                    .at(t.place(r, None)),
            );
        }
    }

    /// The scale of each `unit = "%"` indicator across the years (see `scale::percent_scale`).
    fn fraction_years(&mut self) {
        let indicators = self.tree.indicators();
        let percent =
            |node: usize| self.tree.nodes[node].indicator().filter(|i| i.unit.as_deref().map(str::trim) == Some("%"));
        if !indicators.iter().any(|&n| percent(n).is_some()) {
            return;
        }
        // Every column's extent in one pass over each year's rows, not a pass per column.
        let extents: Vec<(Year, Vec<(usize, f64)>)> =
            self.cells.iter().map(|(y, rows)| (*y, rows.extents(indicators.len()))).collect();
        for (k, &node) in indicators.iter().enumerate() {
            let Some(ind) = percent(node) else { continue };
            let years: Vec<(Year, usize, f64)> = extents.iter().map(|(y, e)| (*y, e[k].0, e[k].1)).collect();
            self.diags.extend(scale::percent_scale(&self.tree.nodes[node].id, ind, &years));
        }
    }
}

fn table_place(t: &RawTable) -> Place {
    match &t.sheet {
        Some(s) => Place::File { path: format!("{} (sheet {s})", t.path) },
        None => Place::File { path: t.path.clone() },
    }
}
