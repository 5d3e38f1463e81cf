//! Several years in one long table (`rank --years 2021-2023`, `--all-years`), for analysts
//! charting a trend and CI diffing years: CSV with a leading `year` column, or JSON with a
//! `year` in every result, and the `imputed` / `treated` records of every year shown. Each year is the same report `rank` writes for it alone, compared
//! with the year before it; the rows are in year order, then rank order.

use super::{Format, Report, csv, json};
use serde_json::{Value, json};
use std::io::{self, Write};

/// Writes the reports of several years, oldest first, as one CSV or JSON (the only formats a
/// long table has; the caller refuses the others).
///
/// # Errors
/// Only the writer's own errors.
pub fn render(format: Format, reports: &[Report<'_>], out: &mut dyn Write) -> io::Result<()> {
    let Some(first) = reports.first() else { return Ok(()) };
    // One header for every year: the comparison columns are there when any year has one, and
    // empty for a year compared with none.
    let compare = reports.iter().any(|r| r.ranking.compare_year.is_some());
    if format == Format::Json {
        let results: Vec<Value> = reports
            .iter()
            .flat_map(|r| {
                json::results(r).into_iter().map(move |mut o| {
                    let mut m = serde_json::Map::new();
                    m.insert("year".into(), json!(r.ranking.year));
                    m.insert("compare_year".into(), json!(r.ranking.compare_year));
                    if let Value::Object(fields) = &mut o {
                        m.append(fields);
                    }
                    Value::Object(m)
                })
            })
            .collect();
        let comparisons: Vec<Value> = reports
            .iter()
            .filter_map(|r| r.ranking.compare_year.map(|c| (r, c)))
            .map(|(r, c)| {
                let mut v = json::comparison(r, &r.nodes(), c);
                v["of_year"] = json!(r.ranking.year);
                v
            })
            .collect();
        let mut doc = json!({
            "index": first.tree.nodes[first.tree.root].id,
            "years": reports.iter().map(|r| r.ranking.year).collect::<Vec<_>>(),
            "nodes": json::nodes_json(first),
            "results": results,
            "comparisons": comparisons,
        });
        // Every ranked and compared year's records once (product.md §7: nothing silently).
        if let Some(r) = reports.iter().find(|r| r.prepares()) {
            let years: Vec<Option<i32>> =
                reports.iter().flat_map(|r| [Some(r.ranking.year), r.ranking.compare_year]).collect();
            doc["imputed"] = r.imputed_json_of(&years);
            doc["treated"] = r.treated_json_of(&years);
        }
        serde_json::to_writer_pretty(&mut *out, &crate::report::stamped(doc))?;
        return writeln!(out);
    }
    let mut w = ::csv::Writer::from_writer(out);
    let mut head = vec!["year".to_string()];
    head.extend(csv::header(first, compare));
    w.write_record(&head)?;
    for r in reports {
        let own = r.ranking.compare_year.is_some();
        let width = csv::header(r, own).len();
        let mut each = |rec| {
            let mut row = vec![r.ranking.year.to_string()];
            if own || !compare {
                row.extend(rec);
            } else {
                // A year compared with none: its node columns get empty comparison cells.
                row.extend(pad(r, rec, width));
            }
            w.write_record(&row).map_err(io::Error::from)
        };
        csv::records(r, own, &mut csv::Strings(Vec::new(), &mut each))?;
    }
    w.flush()
}

/// A record without comparison columns, widened to the header that has them.
fn pad(r: &Report<'_>, rec: Vec<String>, width: usize) -> Vec<String> {
    let nodes = r.nodes().len();
    let mut it = rec.into_iter();
    let mut out: Vec<String> = it.by_ref().take(2).collect();
    for _ in 0..nodes {
        out.extend(it.by_ref().take(2));
        out.extend(std::iter::repeat_n(String::new(), 4));
    }
    out.extend(it);
    debug_assert_eq!(out.len(), width + 4 * nodes);
    out
}
