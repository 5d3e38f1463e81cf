//! `audit` output: indicator distributions, correlations, collinear pairs, Cronbach's alpha
//! and the reversed-direction warnings, as a table, Markdown, CSV or JSON; imputed shares and
//! treated indicators are `audit_prep.rs`'s.

use super::{Format, Lang};
use crate::model::Year;
use crate::model::tree::IndicatorTree;
use crate::score::audit::{Audit, Correlation};
use crate::score::reversal::Suspect;
use comfy_table::{CellAlignment, ContentArrangement, presets};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// What the audit renderers need.
#[derive(Debug)]
pub struct AuditView<'a> {
    pub tree: &'a IndicatorTree,
    pub year: Year,
    pub audit: &'a Audit,
    pub lang: Lang,
    /// Imputed shares and treatments, when the spec imputes or treats.
    pub prep: Option<&'a crate::score::prepare::audit::PrepAudit>,
    pub units: &'a [crate::model::panel::Unit],
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "–".into(), |v| format!("{v:.3}"))
}

impl AuditView<'_> {
    fn id(&self, n: usize) -> &str {
        &self.tree.nodes[n].id
    }

    /// The sentence for a child whose direction is probably reversed.
    #[must_use]
    pub fn reversal_message(&self, s: &Suspect) -> String {
        let mut why = vec![format!("r = {} with its parent `{}`", num(s.with_parent), self.id(s.parent))];
        if let Some(r) = s.with_siblings {
            why.push(format!("r = {} with the mean of its siblings", num(Some(r))));
        }
        if let (Some(a), Some(w)) = (s.alpha, s.alpha_without)
            && w > a
        {
            why.push(format!(
                "Cronbach's alpha of `{}` rises from {} to {} without it",
                self.id(s.parent),
                num(Some(a)),
                num(Some(w))
            ));
        }
        format!("`{}` runs against its parent ({}): check its direction", self.id(s.child), why.join("; "))
    }
}

pub(super) fn table(out: &mut dyn Write, md: bool, head: &[&str], rows: Vec<Vec<String>>) -> io::Result<()> {
    if md {
        writeln!(out, "| {} |", head.join(" | "))?;
        writeln!(out, "|{}", " ---: |".repeat(head.len()))?;
        for r in rows {
            writeln!(out, "| {} |", r.join(" | "))?;
        }
        return writeln!(out);
    }
    let mut t = comfy_table::Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(head.to_vec());
    for r in rows {
        t.add_row(r);
    }
    for (i, col) in t.column_iter_mut().enumerate() {
        if i > 1 {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{t}")
}

/// Writes the audit.
///
/// # Errors
/// Only the writer's own errors.
pub fn render(format: Format, v: &AuditView<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table | Format::Md => text(v, out, format == Format::Md),
        Format::Csv => csv(v, out),
        Format::Json => json(v, out),
        Format::Xlsx => Err(io::Error::other("no xlsx output here")),
    }
}

fn text(v: &AuditView<'_>, out: &mut dyn Write, md: bool) -> io::Result<()> {
    let a = v.audit;
    let en = v.lang == Lang::En;
    let after = super::audit_prep::after(v).map_or_else(String::new, |a| format!(" ({a})"));
    writeln!(out, "{} {}{after}\n", if en { "Statistical audit," } else { "Kiểm định thống kê, năm" }, v.year)?;
    let rows = a
        .distributions
        .iter()
        .map(|d| {
            vec![
                v.id(d.node).to_string(),
                format!("{:.0}%", d.coverage * 100.0),
                num(d.min),
                num(d.max),
                num(d.mean),
                num(d.sd),
                num(d.skew),
                num(d.kurtosis),
                if d.outlier { "yes" } else { "" }.to_string(),
            ]
        })
        .collect();
    table(out, md, &["indicator", "coverage", "min", "max", "mean", "sd", "skew", "kurtosis", "outliers"], rows)?;
    let corr =
        |c: &Correlation| vec![v.id(c.child).to_string(), v.id(c.parent).to_string(), num(c.pearson), num(c.spearman)];
    table(out, md, &["child", "parent", "pearson", "spearman"], a.with_parent.iter().map(corr).collect())?;
    table(out, md, &["composite", "index", "pearson", "spearman"], a.with_index.iter().map(corr).collect())?;
    let alpha: Vec<String> = a.alpha.iter().map(|(n, x)| format!("{} {}", v.id(*n), num(*x))).collect();
    writeln!(out, "Cronbach's alpha: {}", alpha.join(" · "))?;
    for (p, x, y, r) in &a.collinear {
        writeln!(out, "collinear in `{}`: `{}` and `{}` (r = {r:.3})", v.id(*p), v.id(*x), v.id(*y))?;
    }
    for s in &a.suspects {
        writeln!(out, "warning: {}", v.reversal_message(s))?;
    }
    super::audit_prep::text(v, out, md)
}

fn csv(v: &AuditView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let opt = |x: Option<f64>| x.map_or_else(String::new, |v| v.to_string());
    let mut w = ::csv::Writer::from_writer(out);
    let mut head =
        ["indicator", "coverage", "min", "max", "mean", "sd", "skew", "kurtosis", "outlier"].map(String::from).to_vec();
    head.extend(super::audit_prep::csv_head(v));
    w.write_record(&head)?;
    for d in &v.audit.distributions {
        let mut rec = vec![
            v.id(d.node).to_string(),
            d.coverage.to_string(),
            opt(d.min),
            opt(d.max),
            opt(d.mean),
            opt(d.sd),
            opt(d.skew),
            opt(d.kurtosis),
            d.outlier.to_string(),
        ];
        rec.extend(super::audit_prep::csv_cells(v, d.node));
        w.write_record(&rec)?;
    }
    w.flush()
}

fn json(v: &AuditView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let a = v.audit;
    let corr = |c: &Correlation| json!({"child": v.id(c.child), "parent": v.id(c.parent), "pearson": c.pearson, "spearman": c.spearman});
    let alpha: Map<String, Value> = a.alpha.iter().map(|(n, x)| (v.id(*n).to_string(), json!(x))).collect();
    let doc = json!({
        "year": v.year,
        "indicators": a.distributions.iter().map(|d| json!({
            "id": v.id(d.node), "coverage": d.coverage, "min": d.min, "max": d.max, "mean": d.mean,
            "sd": d.sd, "skew": d.skew, "kurtosis": d.kurtosis, "outlier": d.outlier,
        })).collect::<Vec<_>>(),
        "correlations": a.with_parent.iter().map(corr).collect::<Vec<_>>(),
        "with_index": a.with_index.iter().map(corr).collect::<Vec<_>>(),
        "collinear": a.collinear.iter().map(|(p, x, y, r)| json!({"parent": v.id(*p), "a": v.id(*x), "b": v.id(*y), "pearson": r})).collect::<Vec<_>>(),
        "alpha": alpha,
        "warnings": a.suspects.iter().map(|s| v.reversal_message(s)).collect::<Vec<_>>(),
    });
    let doc = super::audit_prep::json(v, doc);
    serde_json::to_writer_pretty(&mut *out, &crate::report::stamped(doc))?;
    writeln!(out)
}
