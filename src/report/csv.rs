//! CSV: one row per unit, full precision (shortest round-trip decimal). Columns `unit, code`,
//! then per composite node `<node>, <node>_rank`, and with a comparison year
//! `<node>_prev, <node>_rank_prev, <node>_change, <node>_rank_change`; with `--detail`, per
//! indicator `<id>_raw, <id>_norm`; when the spec imputes or treats, `imputed`: the ids of the
//! unit's imputed indicators that year, `;`-separated, and `treated`: those whose value outlier
//! treatment changed.

use super::{Render, Report};
use std::io::{self, Write};

pub struct Csv;

fn num(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

fn int<T: ToString>(x: Option<T>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

impl Render for Csv {
    fn render(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let compare = report.ranking.compare_year.is_some();
        let mut w = ::csv::Writer::from_writer(out);
        w.write_record(header(report, compare))?;
        records(report, compare, &mut |rec| w.write_record(&rec).map_err(io::Error::from))?;
        w.flush()
    }
}

/// The header: `unit, code`, each node's columns (with the comparison columns when `compare`),
/// then with `--detail` each indicator's.
pub(super) fn header(report: &Report<'_>, compare: bool) -> Vec<String> {
    let mut head = vec!["unit".to_string(), "code".to_string()];
    for n in report.nodes() {
        let id = &report.tree.nodes[n].id;
        head.extend([id.clone(), format!("{id}_rank")]);
        if compare {
            head.extend([
                format!("{id}_prev"),
                format!("{id}_rank_prev"),
                format!("{id}_change"),
                format!("{id}_rank_change"),
            ]);
        }
    }
    if report.detail {
        for &k in report.indicators {
            let id = &report.tree.nodes[k].id;
            head.extend([format!("{id}_raw"), format!("{id}_norm")]);
        }
    }
    if report.prepares() {
        head.extend(["imputed".into(), "treated".into()]);
    }
    if let Some(g) = &report.ranking.groups {
        head.extend(super::groups::csv_header(report, g));
    }
    head
}

/// One record per unit in display order, then the units gone since the comparison year; with
/// `compare` the comparison columns are there (empty for a year compared with none). Each is
/// handed to `each` as it is made: at commune scale the records of a year would take several
/// times the ranking itself.
pub(super) fn records(
    report: &Report<'_>,
    compare: bool,
    each: &mut dyn FnMut(Vec<String>) -> io::Result<()>,
) -> io::Result<()> {
    let nodes = report.nodes();
    for r in &report.ranking.rows {
        let unit = &report.units[r.unit];
        let mut rec = vec![unit.name.clone(), unit.code.clone().unwrap_or_default()];
        for &n in &nodes {
            rec.extend([num(r.now.score(n)), int(r.now.rank(n).map(|k| k.pos))]);
            if compare {
                let p = r.previous.as_ref();
                rec.extend([
                    num(p.and_then(|p| p.score(n))),
                    int(p.and_then(|p| p.rank(n)).map(|k| k.pos)),
                    num(r.score_change(n)),
                    int(r.rank_change(n)),
                ]);
            }
        }
        if report.detail {
            for (k, &node) in report.indicators.iter().enumerate() {
                rec.extend([num(r.now.raw(k)), num(r.now.score(node))]);
            }
        }
        if report.prepares() {
            rec.extend([report.imputed_ids(r.unit).join(";"), report.treated_ids(r.unit).join(";")]);
        }
        if let Some(g) = &report.ranking.groups {
            rec.extend(super::groups::csv_cells(report, g, Some(r.unit)));
        }
        each(rec)?;
    }
    // Units of the comparison year with no data this year: current columns empty.
    for (u, p) in &report.ranking.gone {
        let unit = &report.units[*u];
        let mut rec = vec![unit.name.clone(), unit.code.clone().unwrap_or_default()];
        for &n in &nodes {
            rec.extend([
                String::new(),
                String::new(),
                num(p.score(n)),
                int(p.rank(n).map(|k| k.pos)),
                String::new(),
                String::new(),
            ]);
        }
        if report.detail {
            rec.extend(std::iter::repeat_n(String::new(), 2 * report.indicators.len()));
        }
        if report.prepares() {
            rec.extend([String::new(), String::new()]);
        }
        if let Some(g) = &report.ranking.groups {
            rec.extend(super::groups::csv_cells(report, g, None));
        }
        each(rec)?;
    }
    Ok(())
}
