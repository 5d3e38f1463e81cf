//! CSV: one row per unit, full precision (shortest round-trip decimal). Columns `unit, code`,
//! then per composite node `<node>, <node>_rank`, and with a comparison year
//! `<node>_prev, <node>_rank_prev, <node>_change, <node>_rank_change`; with `--detail`, per
//! indicator `<id>_raw, <id>_norm`; when the spec imputes or treats, `imputed`: the ids of the
//! unit's imputed indicators that year, `;`-separated, and `treated`: those whose value outlier
//! treatment changed.

use super::{Render, Report};
use crate::model::tree::NodeId;
use crate::score::compare::Row;
use std::io::{self, Write};

pub struct Csv;

/// Where `records` puts a record's fields: strings (for renderers that rearrange them), or
/// bytes written straight out (this one: millions of numbers, none allocated).
pub(super) trait Fields {
    fn text(&mut self, s: &str);
    fn num(&mut self, x: Option<f64>);
    fn int(&mut self, x: Option<i64>);
    /// The record is complete.
    fn end(&mut self) -> io::Result<()>;
}

/// Records as vectors of strings, each handed to a closure.
pub(super) struct Strings<'f>(pub Vec<String>, pub &'f mut dyn FnMut(Vec<String>) -> io::Result<()>);

impl Fields for Strings<'_> {
    fn text(&mut self, s: &str) {
        self.0.push(s.to_string());
    }
    fn num(&mut self, x: Option<f64>) {
        self.0.push(x.map_or_else(String::new, |v| v.to_string()));
    }
    fn int(&mut self, x: Option<i64>) {
        self.0.push(x.map_or_else(String::new, |v| v.to_string()));
    }
    fn end(&mut self) -> io::Result<()> {
        (self.1)(std::mem::take(&mut self.0))
    }
}

/// Records written as they are made into one buffer, handed on in large pieces; the bytes are
/// those `csv::Writer` writes (a field is quoted only when it holds `,` `"` CR or LF, a quote
/// doubled; `\n` ends a record) and those `Strings` would give (`shortest` writes numbers as
/// `{}` does). Numbers never need quoting, so they go straight in: the writer's per-field
/// bookkeeping cost more than the numbers themselves.
struct Bytes<'w> {
    out: &'w mut dyn Write,
    buf: Vec<u8>,
    /// The next field starts a record.
    first: bool,
}

impl Bytes<'_> {
    fn field(&mut self) -> &mut Vec<u8> {
        if !std::mem::take(&mut self.first) {
            self.buf.push(b',');
        }
        &mut self.buf
    }
}

impl Fields for Bytes<'_> {
    fn text(&mut self, s: &str) {
        let buf = self.field();
        if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n')) {
            buf.push(b'"');
            for b in s.bytes() {
                buf.extend_from_slice(if b == b'"' { b"\"\"" } else { std::slice::from_ref(&b) });
            }
            buf.push(b'"');
        } else {
            buf.extend_from_slice(s.as_bytes());
        }
    }
    fn num(&mut self, x: Option<f64>) {
        let buf = self.field();
        if let Some(v) = x {
            super::shortest::push_f64(buf, v);
        }
    }
    fn int(&mut self, x: Option<i64>) {
        let buf = self.field();
        if let Some(v) = x {
            super::shortest::push_int(buf, v);
        }
    }
    fn end(&mut self) -> io::Result<()> {
        self.buf.push(b'\n');
        self.first = true;
        if self.buf.len() >= 1 << 15 {
            self.out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }
}

impl Render for Csv {
    fn render(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let compare = report.ranking.compare_year.is_some();
        let mut sink = Bytes { out, buf: Vec::with_capacity(1 << 16), first: true };
        for name in header(report, compare) {
            sink.text(&name);
        }
        sink.end()?;
        let ctx = Columns::of(report, compare);
        let rows = &report.ranking.rows;
        if rows.len() < TWO_CORES_FROM {
            for r in rows {
                record(report, r, &ctx, &mut sink)?;
            }
        } else {
            on_two_cores(report, &ctx, &mut sink)?;
        }
        gone(report, &ctx, &mut sink)?;
        sink.out.write_all(&sink.buf)?;
        sink.out.flush()
    }
}

/// Records rendered a chunk of this many rows at a time when there are enough of them to share.
const CHUNK_ROWS: usize = 512;
const TWO_CORES_FROM: usize = 4 * CHUNK_ROWS;

/// The records, every other chunk of rows rendered into memory on a second thread while this
/// one renders the others; written in order, so the bytes are those of one thread.
fn on_two_cores(report: &Report<'_>, ctx: &Columns, sink: &mut Bytes<'_>) -> io::Result<()> {
    let rows = &report.ranking.rows;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(2);
        scope.spawn(move || {
            for chunk in rows.chunks(CHUNK_ROWS).skip(1).step_by(2) {
                let mut bytes = Vec::new();
                let mut part = Bytes { out: &mut bytes, buf: Vec::with_capacity(1 << 16), first: true };
                for r in chunk {
                    // Writing into memory does not fail.
                    let _ = record(report, r, ctx, &mut part);
                }
                let rest = std::mem::take(&mut part.buf);
                bytes.extend_from_slice(&rest);
                if tx.send(bytes).is_err() {
                    return;
                }
            }
        });
        for (i, chunk) in rows.chunks(CHUNK_ROWS).enumerate() {
            if i % 2 == 0 {
                for r in chunk {
                    record(report, r, ctx, sink)?;
                }
            } else {
                let bytes = rx.recv().map_err(|_| io::Error::other("the second rendering thread stopped"))?;
                sink.out.write_all(&sink.buf)?;
                sink.buf.clear();
                sink.out.write_all(&bytes)?;
            }
        }
        Ok(())
    })
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
pub(super) fn records(report: &Report<'_>, compare: bool, out: &mut dyn Fields) -> io::Result<()> {
    let ctx = Columns::of(report, compare);
    for r in &report.ranking.rows {
        record(report, r, &ctx, out)?;
    }
    gone(report, &ctx, out)
}

/// What every record's columns depend on, looked up once.
struct Columns {
    nodes: Vec<NodeId>,
    // Once, not per record: it looks through every node of the tree.
    prepares: bool,
    compare: bool,
}

impl Columns {
    fn of(report: &Report<'_>, compare: bool) -> Self {
        Columns { nodes: report.nodes(), prepares: report.prepares(), compare }
    }
}

/// One unit's record.
fn record(report: &Report<'_>, r: &Row<'_>, ctx: &Columns, out: &mut dyn Fields) -> io::Result<()> {
    let unit = &report.units[r.unit];
    out.text(&unit.name);
    out.text(unit.code.as_deref().unwrap_or_default());
    for &n in &ctx.nodes {
        out.num(r.now.score(n));
        out.int(r.now.rank(n).map(|k| i64::from(k.pos)));
        if ctx.compare {
            let p = r.previous.as_ref();
            out.num(p.and_then(|p| p.score(n)));
            out.int(p.and_then(|p| p.rank(n)).map(|k| i64::from(k.pos)));
            out.num(r.score_change(n));
            out.int(r.rank_change(n));
        }
    }
    if report.detail {
        for (k, &node) in report.indicators.iter().enumerate() {
            out.num(r.now.raw(k));
            out.num(r.now.score(node));
        }
    }
    if ctx.prepares {
        out.text(&report.imputed_ids(r.unit).join(";"));
        out.text(&report.treated_ids(r.unit).join(";"));
    }
    if let Some(g) = &report.ranking.groups {
        for c in super::groups::csv_cells(report, g, Some(r.unit)) {
            out.text(&c);
        }
    }
    out.end()
}

/// The units of the comparison year that have no data this year.
fn gone(report: &Report<'_>, ctx: &Columns, out: &mut dyn Fields) -> io::Result<()> {
    let (nodes, prepares) = (&ctx.nodes, ctx.prepares);
    // Units of the comparison year with no data this year: current columns empty.
    for (u, p) in &report.ranking.gone {
        let unit = &report.units[*u];
        out.text(&unit.name);
        out.text(unit.code.as_deref().unwrap_or_default());
        for &n in nodes {
            out.text("");
            out.text("");
            out.num(p.score(n));
            out.int(p.rank(n).map(|k| i64::from(k.pos)));
            out.text("");
            out.text("");
        }
        if report.detail {
            for _ in 0..2 * report.indicators.len() {
                out.text("");
            }
        }
        if prepares {
            out.text("");
            out.text("");
        }
        if let Some(g) = &report.ranking.groups {
            for c in super::groups::csv_cells(report, g, None) {
                out.text(&c);
            }
        }
        out.end()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
