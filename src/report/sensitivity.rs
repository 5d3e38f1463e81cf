//! `sensitivity` output: each unit's nominal rank with its median and 5–95 % interval
//! (`25/63 (21–29)`), as a table, CSV or JSON; and the audit file of every replication's draws
//! and ranks (`--save-runs`). Formats only: every number comes from `score::sensitivity`.

use super::{Format, Lang};
use crate::model::Year;
use crate::model::panel::{Unit, UnitId};
use crate::model::tree::{Aggregate, IndicatorTree};
use crate::score::sensitivity::{Config, Run, Spread, edges};
use comfy_table::{CellAlignment, ContentArrangement, presets};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// What the sensitivity renderers need.
#[derive(Debug)]
pub struct SensitivityView<'a> {
    pub tree: &'a IndicatorTree,
    pub units: &'a [Unit],
    /// The year's units, in the order of `spreads`.
    pub unit_ids: &'a [UnitId],
    pub year: Year,
    pub cfg: &'a Config,
    pub spreads: &'a [Spread],
    /// Display order (positions in `spreads`).
    pub order: &'a [usize],
    pub average_shift: f64,
    pub drivers: &'a [(&'static str, Option<f64>)],
    pub lang: Lang,
}

fn agg_name(a: Aggregate) -> &'static str {
    match a {
        Aggregate::Mean => "mean",
        Aggregate::Geometric => "geometric",
        Aggregate::Harmonic => "harmonic",
        Aggregate::Sum => "sum",
    }
}

fn opt<T: ToString>(x: Option<T>) -> String {
    x.map_or_else(String::new, |v| v.to_string())
}

impl SensitivityView<'_> {
    fn interval(&self, s: &Spread) -> String {
        match (s.nominal, s.q05, s.q95) {
            (Some(n), Some(lo), Some(hi)) => format!("{n} ({lo}–{hi})"),
            (Some(n), _, _) => n.to_string(),
            _ => "–".into(),
        }
    }

    fn varied(&self) -> String {
        let c = self.cfg;
        let en = self.lang == Lang::En;
        let mut parts =
            vec![format!("{} {} · seed {} · {}", c.runs, if en { "runs" } else { "lần chạy" }, c.seed, self.year)];
        if c.weight_noise > 0.0 {
            parts.push(format!("{} ±{}%", if en { "weights" } else { "trọng số" }, c.weight_noise * 100.0));
        }
        if !c.normalize.is_empty() {
            let m: Vec<&str> = c.normalize.iter().map(|m| m.name()).collect();
            parts.push(format!("{} {}", if en { "normalisation" } else { "chuẩn hoá" }, m.join("|")));
        }
        if !c.aggregate.is_empty() {
            let a: Vec<&str> = c.aggregate.iter().map(|a| agg_name(*a)).collect();
            parts.push(format!("{} {}", if en { "aggregation" } else { "tổng hợp" }, a.join("|")));
        }
        if c.drop_one {
            parts.push(if en { "one indicator left out" } else { "bỏ một chỉ tiêu" }.into());
        }
        if c.toggle_prepare {
            parts.push(
                if en { "imputation/treatment on or off" } else { "bật/tắt ước tính và xử lý ngoại lai" }.into(),
            );
        }
        parts.join(" · ")
    }

    fn footer(&self) -> String {
        let en = self.lang == Lang::En;
        let mut s = format!(
            "{} {}",
            if en { "average rank shift" } else { "dịch chuyển hạng trung bình" },
            super::local(format!("{:.2}", self.average_shift), self.lang)
        );
        if !self.drivers.is_empty() {
            let d: Vec<String> = self
                .drivers
                .iter()
                .map(|(n, v)| {
                    format!("{n} {}", v.map_or_else(|| "–".into(), |x| super::local(format!("{x:.2}"), self.lang)))
                })
                .collect();
            s += &format!(
                " · {}: {}",
                if en {
                    "first-order share of the rank-shift variance"
                } else {
                    "tỷ trọng phương sai bậc một"
                },
                d.join(", ")
            );
        }
        s
    }
}

/// Writes the ranks with their intervals.
///
/// # Errors
/// Only the writer's own errors.
pub fn render(format: Format, v: &SensitivityView<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Table | Format::Md => table(v, out, format == Format::Md),
        Format::Csv => csv(v, out),
        Format::Json => json(v, out),
        Format::Xlsx => Err(io::Error::other("no xlsx output here")),
    }
}

fn table(v: &SensitivityView<'_>, out: &mut dyn Write, md: bool) -> io::Result<()> {
    let en = v.lang == Lang::En;
    let head: Vec<String> = if en {
        ["Unit", "Rank (5–95 %)", "Median", "Mean shift"]
    } else {
        ["Đơn vị", "Hạng (5–95 %)", "Trung vị", "Dịch chuyển TB"]
    }
    .map(String::from)
    .to_vec();
    let rows: Vec<Vec<String>> = v
        .order
        .iter()
        .map(|&i| {
            let s = &v.spreads[i];
            vec![
                v.units[v.unit_ids[i]].name.clone(),
                v.interval(s),
                opt(s.median),
                s.mean_shift.map_or_else(|| "–".into(), |m| super::local(format!("{m:.2}"), v.lang)),
            ]
        })
        .collect();
    writeln!(out, "{}", v.varied())?;
    if md {
        writeln!(out, "\n| {} |\n| :--- | ---: | ---: | ---: |", head.join(" | "))?;
        for r in rows {
            writeln!(out, "| {} |", r.join(" | "))?;
        }
        writeln!(out)?;
    } else {
        let mut t = comfy_table::Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(head);
        for r in rows {
            t.add_row(r);
        }
        for (i, col) in t.column_iter_mut().enumerate() {
            if i != 0 {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        writeln!(out, "{t}")?;
    }
    writeln!(out, "{}", v.footer())
}

fn csv(v: &SensitivityView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(["unit", "code", "nominal", "median", "q05", "q95", "mean_shift"])?;
    for &i in v.order {
        let (s, u) = (&v.spreads[i], &v.units[v.unit_ids[i]]);
        w.write_record([
            u.name.clone(),
            u.code.clone().unwrap_or_default(),
            opt(s.nominal.map(|k| k.pos)),
            opt(s.median),
            opt(s.q05),
            opt(s.q95),
            opt(s.mean_shift),
        ])?;
    }
    w.flush()
}

fn json(v: &SensitivityView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let c = v.cfg;
    let results: Vec<Value> = v
        .order
        .iter()
        .map(|&i| {
            let (s, u) = (&v.spreads[i], &v.units[v.unit_ids[i]]);
            json!({"unit": u.name, "code": u.code, "nominal": s.nominal.map(|k| k.pos), "of": s.nominal.map(|k| k.of), "median": s.median, "q05": s.q05, "q95": s.q95, "mean_shift": s.mean_shift})
        })
        .collect();
    let drivers: Map<String, Value> = v.drivers.iter().map(|(n, x)| ((*n).to_string(), json!(x))).collect();
    let doc = json!({
        "runs": c.runs, "seed": c.seed, "year": v.year,
        "varied": {
            "weight_noise": c.weight_noise,
            "normalize": c.normalize.iter().map(|m| m.name()).collect::<Vec<_>>(),
            "aggregate": c.aggregate.iter().map(|a| agg_name(*a)).collect::<Vec<_>>(),
            "drop_one": c.drop_one,
            "toggle_prepare": c.toggle_prepare,
        },
        "average_shift": v.average_shift,
        "drivers": drivers,
        "results": results,
    });
    serde_json::to_writer_pretty(&mut *out, &crate::report::stamped(doc))?;
    writeln!(out)
}

/// Every replication: what it drew (method, aggregation, dropped indicator, each weight's
/// multiplier) and the rank it gave each unit.
///
/// # Errors
/// Only the writer's own errors.
pub fn runs_csv(v: &SensitivityView<'_>, runs: &[Run], out: &mut dyn Write) -> io::Result<()> {
    let tree = v.tree;
    let mut w = ::csv::Writer::from_writer(out);
    let mut head = vec!["run".to_string(), "normalize".into(), "aggregate".into(), "dropped".into()];
    let toggles = v.cfg.toggle_prepare;
    if toggles {
        head.extend(["impute".to_string(), "treat".to_string()]);
    }
    head.extend(edges(tree).iter().map(|(p, k)| format!("w:{}.{}", tree.nodes[*p].id, tree.nodes[*k].id)));
    head.extend(v.unit_ids.iter().map(|&u| v.units[u].name.clone()));
    w.write_record(&head)?;
    for (i, r) in runs.iter().enumerate() {
        let mut rec = vec![
            i.to_string(),
            opt(r.normalize.map(|m| m.name())),
            opt(r.aggregate.map(agg_name)),
            opt(r.dropped.map(|d| tree.nodes[d].id.clone())),
        ];
        if toggles {
            rec.extend([
                opt(r.impute.map(|b| if b { "on" } else { "off" })),
                opt(r.treat.map(|b| if b { "on" } else { "off" })),
            ]);
        }
        rec.extend(r.multipliers.iter().map(ToString::to_string));
        rec.extend(r.ranks.iter().map(|k| opt(*k)));
        w.write_record(&rec)?;
    }
    w.flush()
}
