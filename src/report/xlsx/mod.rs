//! `--format xlsx`: a workbook for analysts. Sheets: the ranking (rank as a number and as
//! `k/N`, the root, the changes, each pillar), every composite's score and rank, the raw and
//! normalised indicators, the changes against the comparison year, and `Run` (spec, data files
//! with SHA-256, years, tool version, bounds, missing-data policy, treated indicators, the
//! nodes), and when the spec imputes, `Imputed` (every imputed value), when it treats, `Treated`.
//!
//! Numbers are written at full precision with a number format (never as rounded text); every
//! sheet has a frozen header, a filter and fitted columns. The creation date in the document
//! properties is fixed so that the same input gives the same bytes.

mod run;

use super::{Render, Report};
use crate::model::tree::NodeId;
use crate::score::compare::Standing;
use run::{imputed_sheet, run_sheet, treated_sheet};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::io::{self, Write};

pub struct Xlsx;

/// The formats every sheet shares.
struct Styles {
    head: Format,
    score: Format,
    change: Format,
    int: Format,
    int_change: Format,
}

impl Styles {
    fn new(decimals: usize) -> Self {
        let d = "0".repeat(decimals);
        let dot = if decimals > 0 { "." } else { "" };
        Styles {
            head: Format::new()
                .set_bold()
                .set_background_color("DDEBF7")
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            score: Format::new().set_num_format(format!("0{dot}{d}")),
            change: Format::new().set_num_format(format!("+0{dot}{d};-0{dot}{d};0{dot}{d}")),
            int: Format::new().set_num_format("0"),
            int_change: Format::new().set_num_format("+0;-0;0"),
        }
    }
}

/// A sheet being written row by row.
struct Sheet<'w> {
    ws: &'w mut Worksheet,
    row: u32,
    col: u16,
}

impl Sheet<'_> {
    fn head(&mut self, cells: &[String], s: &Styles) -> Result<(), XlsxError> {
        for (c, h) in cells.iter().enumerate() {
            self.ws.write_string_with_format(0, c as u16, h, &s.head)?;
        }
        self.row = 0;
        Ok(())
    }

    fn next_row(&mut self) {
        self.row += 1;
        self.col = 0;
    }

    fn text(&mut self, t: &str) -> Result<(), XlsxError> {
        if !t.is_empty() {
            self.ws.write_string(self.row, self.col, t)?;
        }
        self.col += 1;
        Ok(())
    }

    fn num(&mut self, x: Option<f64>, f: &Format) -> Result<(), XlsxError> {
        if let Some(x) = x.filter(|x| x.is_finite()) {
            self.ws.write_number_with_format(self.row, self.col, x, f)?;
        }
        self.col += 1;
        Ok(())
    }

    /// Frozen header (and the first `keep` columns), a filter over everything, fitted widths.
    fn finish(self, width: usize, keep: u16) -> Result<(), XlsxError> {
        self.ws.set_freeze_panes(1, keep)?;
        if width > 0 {
            self.ws.autofilter(0, 0, self.row.max(1), width as u16 - 1)?;
        }
        self.ws.set_autofit_max_width(400).autofit();
        Ok(())
    }
}

impl Render for Xlsx {
    fn render(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let bytes = workbook(report).map_err(|e| io::Error::other(format!("could not build the workbook: {e}")))?;
        out.write_all(&bytes)
    }
}

fn workbook(r: &Report<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let props = DocProperties::new()
        .set_title(r.tree.nodes[r.tree.root].label(r.en()))
        .set_comment(format!("dti {}", env!("CARGO_PKG_VERSION")))
        .set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?);
    wb.set_properties(&props);
    let s = Styles::new(r.decimals());
    ranking_sheet(r, &s, wb.add_worksheet().set_name(if r.en() { "Ranking" } else { "Xếp hạng" })?)?;
    scores_sheet(r, &s, wb.add_worksheet().set_name(if r.en() { "Scores" } else { "Điểm và hạng" })?)?;
    indicators_sheet(r, &s, wb.add_worksheet().set_name(if r.en() { "Indicators" } else { "Chỉ tiêu" })?)?;
    if r.ranking.compare_year.is_some() {
        changes_sheet(r, &s, wb.add_worksheet().set_name(if r.en() { "Changes" } else { "Thay đổi" })?)?;
    }
    if r.prepares() {
        imputed_sheet(r, &s, wb.add_worksheet().set_name(if r.en() { "Imputed" } else { "Ước tính" })?)?;
    }
    if r.prepares() && crate::score::prepare::any(r.tree).1 {
        treated_sheet(r, &s, wb.add_worksheet().set_name(if r.en() { "Treated" } else { "Ngoại lai" })?)?;
    }
    run_sheet(r, &s, wb.add_worksheet().set_name("Run")?)?;
    wb.save_to_buffer()
}

fn ranking_sheet(r: &Report<'_>, s: &Styles, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let (en, root, pillars) = (r.en(), r.tree.root, r.tree.pillars());
    let compare = r.ranking.compare_year;
    let mut head: Vec<String> = vec![
        if en { "Rank" } else { "Hạng" }.into(),
        if en { "Rank of" } else { "Hạng/tổng số" }.into(),
        r.unit_header().into(),
        if en { "Code" } else { "Mã" }.into(),
        r.node_header(root),
    ];
    if let Some(c) = compare {
        head.extend([
            if en { format!("Score change since {c}") } else { format!("± điểm so với {c}") },
            if en { format!("Rank {c}") } else { format!("Hạng {c}") },
            if en { "Rank change".into() } else { "± hạng".into() },
        ]);
    }
    for &p in &pillars {
        head.push(r.node_header(p));
        head.push(if en { format!("{} rank", r.node_header(p)) } else { format!("Hạng {}", r.node_header(p)) });
    }
    if let Some(g) = r.groups() {
        let [name, rank] = r.group_headers(g);
        head.extend([name, rank.clone(), format!("{rank} (k/N)")]);
    }
    let mut sh = Sheet { ws, row: 0, col: 0 };
    sh.head(&head, s)?;
    for row in &r.ranking.rows {
        sh.next_row();
        let unit = &r.units[row.unit];
        let rank = row.now.rank(root);
        sh.num(rank.map(|k| f64::from(k.pos)), &s.int)?;
        sh.text(&rank.map_or_else(String::new, |k| k.to_string()))?;
        sh.text(&unit.name)?;
        sh.text(unit.code.as_deref().unwrap_or(""))?;
        sh.num(row.now.score(root), &s.score)?;
        if compare.is_some() {
            sh.num(row.score_change(root), &s.change)?;
            let prev = row.previous.as_ref().and_then(|p| p.rank(root));
            sh.num(prev.map(|k| f64::from(k.pos)), &s.int)?;
            sh.num(row.rank_change(root).map(|d| d as f64), &s.int_change)?;
        }
        for &p in &pillars {
            sh.num(row.now.score(p), &s.score)?;
            sh.num(row.now.rank(p).map(|k| f64::from(k.pos)), &s.int)?;
        }
        if let Some(g) = r.groups() {
            let k = g.rank(root, row.unit);
            sh.text(g.group(row.unit).map_or("", |x| x.name.as_str()))?;
            sh.num(k.map(|k| f64::from(k.pos)), &s.int)?;
            sh.text(&k.map_or_else(String::new, |k| k.to_string()))?;
        }
    }
    sh.finish(head.len(), 3)
}

fn node_pair(r: &Report<'_>, n: NodeId) -> [String; 2] {
    let label = r.node_header(n);
    if r.en() { [label.clone(), format!("{label} rank")] } else { [label.clone(), format!("Hạng {label}")] }
}

fn scores_sheet(r: &Report<'_>, s: &Styles, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let nodes = r.nodes();
    let mut head: Vec<String> = vec![r.unit_header().into(), if r.en() { "Code" } else { "Mã" }.into()];
    head.extend(nodes.iter().flat_map(|&n| node_pair(r, n)));
    let mut sh = Sheet { ws, row: 0, col: 0 };
    sh.head(&head, s)?;
    for row in &r.ranking.rows {
        sh.next_row();
        let unit = &r.units[row.unit];
        sh.text(&unit.name)?;
        sh.text(unit.code.as_deref().unwrap_or(""))?;
        for &n in &nodes {
            sh.num(row.now.score(n), &s.score)?;
            sh.num(row.now.rank(n).map(|k| f64::from(k.pos)), &s.int)?;
        }
    }
    sh.finish(head.len(), 1)
}

fn indicators_sheet(r: &Report<'_>, s: &Styles, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let en = r.en();
    let mut head: Vec<String> = vec![r.unit_header().into(), if en { "Code" } else { "Mã" }.into()];
    for &k in r.indicators {
        // Names in the chosen language, as the other sheets head their columns; the ids are
        // in the Run sheet's list of nodes.
        let name = r.tree.nodes[k].label(en);
        head.push(if en { format!("{name} (raw)") } else { format!("{name} (giá trị)") });
        head.push(if en { format!("{name} (normalised)") } else { format!("{name} (chuẩn hoá)") });
    }
    let mut sh = Sheet { ws, row: 0, col: 0 };
    sh.head(&head, s)?;
    let raw = Format::new().set_num_format("General");
    for row in &r.ranking.rows {
        sh.next_row();
        let unit = &r.units[row.unit];
        sh.text(&unit.name)?;
        sh.text(unit.code.as_deref().unwrap_or(""))?;
        for (k, &node) in r.indicators.iter().enumerate() {
            sh.num(row.now.raw(k), &raw)?;
            sh.num(row.now.score(node), &s.score)?;
        }
    }
    sh.finish(head.len(), 1)
}

fn changes_sheet(r: &Report<'_>, s: &Styles, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let (en, nodes) = (r.en(), r.nodes());
    let c = r.ranking.compare_year.unwrap_or_default();
    let y = r.ranking.year;
    let mut head: Vec<String> = vec![r.unit_header().into(), if en { "Code" } else { "Mã" }.into()];
    for &n in &nodes {
        let l = r.node_header(n);
        head.extend(if en {
            [
                format!("{l} {y}"),
                format!("{l} {c}"),
                format!("{l} change"),
                format!("{l} rank {y}"),
                format!("{l} rank {c}"),
                format!("{l} rank change"),
            ]
        } else {
            [
                format!("{l} {y}"),
                format!("{l} {c}"),
                format!("± {l}"),
                format!("Hạng {l} {y}"),
                format!("Hạng {l} {c}"),
                format!("± hạng {l}"),
            ]
        });
    }
    let mut sh = Sheet { ws, row: 0, col: 0 };
    sh.head(&head, s)?;
    let pos = |st: Option<&Standing>, n: NodeId| st.and_then(|p| p.rank(n)).map(|k| f64::from(k.pos));
    let lines = r.ranking.rows.iter().map(|row| (row.unit, Some(row), row.previous.as_ref()));
    let gone = r.ranking.gone.iter().map(|(u, p)| (*u, None, Some(p)));
    for (unit, row, prev) in lines.chain(gone) {
        sh.next_row();
        let u = &r.units[unit];
        sh.text(&u.name)?;
        sh.text(u.code.as_deref().unwrap_or(""))?;
        for &n in &nodes {
            sh.num(row.and_then(|row| row.now.score(n)), &s.score)?;
            sh.num(prev.and_then(|p| p.score(n)), &s.score)?;
            sh.num(row.and_then(|row| row.score_change(n)), &s.change)?;
            sh.num(pos(row.map(|row| &row.now), n), &s.int)?;
            sh.num(pos(prev, n), &s.int)?;
            sh.num(row.and_then(|row| row.rank_change(n)).map(|d| d as f64), &s.int_change)?;
        }
    }
    sh.finish(head.len(), 1)
}
