//! The workbook's record sheets: `Run` (what was read and how it was scored, the nodes) and
//! `Imputed` (every imputed value) and `Treated` (every treated value, before and after). They only write what the report holds.

use super::{Sheet, Styles};
use crate::report::Report;
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// Every imputed value of the ranked and comparison years (product.md §7: nothing imputed
/// silently), one per row.
pub(super) fn imputed_sheet(r: &Report<'_>, s: &Styles, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let head: Vec<String> = if r.en() {
        ["Unit", "Year", "Indicator", "Imputed value", "Method"].map(String::from).to_vec()
    } else {
        ["Đơn vị", "Năm", "Chỉ tiêu", "Giá trị ước tính", "Phương pháp"].map(String::from).to_vec()
    };
    let mut sh = Sheet { ws, row: 0, col: 0 };
    sh.head(&head, s)?;
    let full = Format::new().set_num_format("General");
    for i in r.imputed() {
        sh.next_row();
        sh.text(&r.units[i.unit].name)?;
        sh.num(Some(f64::from(i.year)), &s.int)?;
        sh.text(&r.tree.nodes[r.indicators[i.k]].id)?;
        sh.num(Some(i.value), &full)?;
        sh.text(i.method)?;
    }
    sh.finish(head.len(), 1)
}

/// Every value outlier treatment changed in the ranked and comparison years, before and after.
pub(super) fn treated_sheet(r: &Report<'_>, s: &Styles, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let head: Vec<String> = if r.en() {
        ["Unit", "Year", "Indicator", "Value read", "Treated value", "Method"].map(String::from).to_vec()
    } else {
        ["Đơn vị", "Năm", "Chỉ tiêu", "Giá trị gốc", "Giá trị đã xử lý", "Phương pháp"].map(String::from).to_vec()
    };
    let mut sh = Sheet { ws, row: 0, col: 0 };
    sh.head(&head, s)?;
    let full = Format::new().set_num_format("General");
    for t in r.treated() {
        for &(u, from, to) in &t.values {
            sh.next_row();
            sh.text(&r.units[u].name)?;
            sh.num(Some(f64::from(t.year)), &s.int)?;
            sh.text(&r.tree.nodes[t.node].id)?;
            sh.num(Some(from), &full)?;
            sh.num(Some(to), &full)?;
            sh.text(t.method)?;
        }
    }
    sh.finish(head.len(), 1)
}

pub(super) fn run_sheet(r: &Report<'_>, s: &Styles, ws: &mut Worksheet) -> Result<(), XlsxError> {
    let en = r.en();
    let mut sh = Sheet { ws, row: 0, col: 0 };
    let head: Vec<String> = if en {
        vec!["Item".into(), "Value".into(), "SHA-256".into()]
    } else {
        vec!["Mục".into(), "Giá trị".into(), "SHA-256".into()]
    };
    sh.head(&head, s)?;
    let line = |sh: &mut Sheet<'_>, k: &str, v: &str, h: &str| -> Result<(), XlsxError> {
        sh.next_row();
        sh.text(k)?;
        sh.text(v)?;
        sh.text(h)
    };
    let tree = r.tree;
    line(&mut sh, if en { "Tool" } else { "Công cụ" }, &format!("dti {}", env!("CARGO_PKG_VERSION")), "")?;
    line(&mut sh, if en { "Index" } else { "Chỉ số" }, tree.nodes[tree.root].label(en), "")?;
    if let Some(m) = &tree.info.method {
        line(&mut sh, if en { "Method" } else { "Phương pháp" }, m, "")?;
    }
    if let Some(run) = r.run {
        line(&mut sh, "Spec", &run.spec.0, run.spec.1.as_deref().unwrap_or(""))?;
        for (f, h) in &run.files {
            line(&mut sh, if en { "Data file" } else { "Tệp dữ liệu" }, f, h.as_deref().unwrap_or(""))?;
        }
        let years: Vec<String> = run.years.iter().map(ToString::to_string).collect();
        line(&mut sh, if en { "Years in the data" } else { "Các năm có dữ liệu" }, &years.join(", "), "")?;
    }
    line(&mut sh, if en { "Ranked year" } else { "Năm xếp hạng" }, &r.ranking.year.to_string(), "")?;
    let c = r.ranking.compare_year.map_or_else(|| "–".to_string(), |c| c.to_string());
    line(&mut sh, if en { "Compared with" } else { "So với năm" }, &c, "")?;
    line(&mut sh, if en { "Units ranked" } else { "Số đơn vị xếp hạng" }, &r.ranking.units_ranked.to_string(), "")?;
    if let Some((column, value)) = &r.ranking.only {
        line(&mut sh, if en { "Only" } else { "Chỉ nhóm" }, &format!("{column} = {value}"), "")?;
    }
    line(&mut sh, if en { "Normalisation bounds" } else { "Chuẩn hoá" }, &r.bounds_text(), "")?;
    line(&mut sh, if en { "Missing data" } else { "Thiếu dữ liệu" }, &r.missing_text(), "")?;
    for t in r.treated() {
        let pts = crate::report::prepared::points(t.points, en);
        let what = format!("{} {} ({}, {pts})", r.tree.nodes[t.node].id, t.year, t.method);
        line(&mut sh, if en { "Outliers treated" } else { "Xử lý ngoại lai" }, &what, "")?;
    }
    if let Some(note) = &tree.info.data_note {
        line(&mut sh, if en { "Data" } else { "Dữ liệu" }, note, "")?;
    }
    line(&mut sh, if en { "Summary" } else { "Tóm tắt" }, &r.footer(), "")?;
    sh.next_row();
    sh.next_row();
    for h in if en { ["Node", "Name", "Kind"] } else { ["Nút", "Tên", "Loại"] } {
        sh.ws.write_string_with_format(sh.row, sh.col, h, &s.head)?;
        sh.col += 1;
    }
    for n in &tree.nodes {
        let kind = match (n.indicator().is_some(), n.pillar, en) {
            (true, _, true) => "indicator",
            (true, _, false) => "chỉ tiêu",
            (false, true, true) => "pillar",
            (false, true, false) => "trụ cột",
            (false, false, true) => "composite",
            (false, false, false) => "chỉ số tổng hợp",
        };
        line(&mut sh, &n.id, n.label(en), kind)?;
    }
    sh.ws.set_freeze_panes(1, 0)?;
    sh.ws.set_autofit_max_width(500).autofit();
    Ok(())
}
