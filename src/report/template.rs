//! `dti template`: the data-entry workbook a spec asks for. A sheet per year (named by the
//! year, with a year column filled in), a row per registered unit with its code, a column per
//! indicator headed by its data column and carrying a note (name, unit, allowed values,
//! direction), validation for yes/no and bounded indicators, and a read-me sheet. It is laid
//! out exactly as `dti rank` reads a workbook, so a filled copy needs no edits.

use super::Lang;
use crate::model::Year;
use crate::model::panel::Unit;
use crate::model::tree::{Direction, IndicatorTree, Normalize};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Note, Workbook, XlsxError,
};

/// What the template is for.
#[derive(Debug)]
pub struct TemplateView<'a> {
    pub tree: &'a IndicatorTree,
    pub units: &'a [Unit],
    pub years: &'a [Year],
    pub lang: Lang,
    pub spec: String,
}

/// What may be typed in an indicator's column, in words, and the rule that checks it.
fn allowed(tree: &IndicatorTree, node: usize, en: bool) -> (String, Option<DataValidation>) {
    let Some(ind) = tree.nodes[node].indicator() else { return (String::new(), None) };
    if ind.normalize == Normalize::Bool {
        let list = ["có", "không", "1", "0"];
        let v = DataValidation::new().allow_list_strings(&list).ok();
        return (if en { "yes/no: có, không, 1, 0".into() } else { "có/không: có, không, 1, 0".into() }, v);
    }
    if let Some((lo, hi)) = ind.plausible {
        let v = DataValidation::new().allow_decimal_number(DataValidationRule::Between(lo, hi));
        return (if en { format!("a number from {lo} to {hi}") } else { format!("số từ {lo} đến {hi}") }, Some(v));
    }
    (if en { "a number".into() } else { "một số".into() }, None)
}

fn direction(d: Direction, en: bool) -> &'static str {
    match (d, en) {
        (Direction::Higher, true) => "higher is better",
        (Direction::Higher, false) => "càng cao càng tốt",
        (Direction::Lower, true) => "lower is better",
        (Direction::Lower, false) => "càng thấp càng tốt",
    }
}

fn method(n: &Normalize, en: bool) -> String {
    match n {
        Normalize::None => "none".into(),
        Normalize::Max(m) => format!("max {m}"),
        Normalize::MinMax(_) => "minmax".into(),
        Normalize::ZScore(_) => "zscore".into(),
        // Goalposts scale the score; a national target is another thing (`target`).
        Normalize::Goalpost(w, t) if en => format!("goalposts: {w} → {t} (full score)"),
        Normalize::Goalpost(w, t) => format!("goalposts: {w} → {t} (điểm tối đa)"),
        Normalize::Rank => "rank".into(),
        Normalize::Bool => "bool".into(),
        Normalize::Bands(b) => {
            let steps: Vec<String> = b.iter().map(|(t, s)| format!("≥{t}: {s}")).collect();
            format!("bands {}", steps.join(", "))
        }
    }
}

/// Builds the workbook.
///
/// # Errors
/// Only the workbook writer's own errors.
pub fn workbook(v: &TemplateView<'_>) -> Result<Vec<u8>, XlsxError> {
    let (tree, en) = (v.tree, v.lang == Lang::En);
    let mut wb = Workbook::new();
    wb.set_properties(&DocProperties::new().set_creation_datetime(&ExcelDateTime::from_ymd(2000, 1, 1)?));
    let head = Format::new().set_bold().set_background_color("DDEBF7");
    let input = Format::new().set_background_color("FFFDE7");
    let indicators = tree.indicators();
    let info = &tree.info;
    for &year in v.years {
        let ws = wb.add_worksheet().set_name(year.to_string())?;
        ws.write_string_with_format(0, 0, &info.unit_column, &head)?;
        ws.write_string_with_format(0, 1, &info.code_column, &head)?;
        ws.write_string_with_format(0, 2, &info.year_column, &head)?;
        for (r, u) in v.units.iter().enumerate() {
            let r = r as u32 + 1;
            ws.write_string(r, 0, &u.name)?;
            if let Some(c) = &u.code {
                ws.write_string(r, 1, c)?;
            }
            ws.write_number(r, 2, f64::from(year))?;
        }
        let last = (v.units.len() as u32).max(1);
        for (k, &node) in indicators.iter().enumerate() {
            let col = k as u16 + 3;
            let n = &tree.nodes[node];
            let Some(ind) = n.indicator() else { continue };
            ws.write_string_with_format(0, col, &ind.column, &head)?;
            let (what, rule) = allowed(tree, node, en);
            let unit = ind.unit.as_deref().unwrap_or("–");
            let dir = direction(ind.direction, en);
            let text = if en {
                format!("{} [{}]\nUnit: {unit}\nAllowed: {what}\n{dir}", n.label(true), n.id)
            } else {
                format!("{} [{}]\nĐơn vị: {unit}\nGiá trị: {what}\n{dir}", n.label(false), n.id)
            };
            ws.insert_note(0, col, &Note::new(text).set_width(300).set_height(110).add_author_prefix(false))?;
            if let Some(rule) = rule {
                ws.add_data_validation(1, col, last, col, &rule)?;
            }
            for r in 1..=v.units.len() as u32 {
                ws.write_blank(r, col, &input)?;
            }
        }
        // Denominators (population, area …) are data columns too: one each, after the indicators.
        let mut dens: Vec<(&str, Vec<&str>)> = Vec::new();
        for &node in &indicators {
            let Some(d) = tree.nodes[node].indicator().and_then(|i| i.denominator.as_deref()) else { continue };
            match dens.iter_mut().find(|(n, _)| *n == d) {
                Some((_, of)) => of.push(&tree.nodes[node].id),
                None => dens.push((d, vec![&tree.nodes[node].id])),
            }
        }
        for (j, (name, of)) in dens.iter().enumerate() {
            let col = (indicators.len() + j) as u16 + 3;
            ws.write_string_with_format(0, col, *name, &head)?;
            let text = if en {
                format!("Denominator of: {}\nA number other than 0", of.join(", "))
            } else {
                format!("Mẫu số của: {}\nMột số khác 0", of.join(", "))
            };
            ws.insert_note(0, col, &Note::new(text).set_width(300).set_height(60).add_author_prefix(false))?;
            for r in 1..=v.units.len() as u32 {
                ws.write_blank(r, col, &input)?;
            }
        }
        // Group columns (`[index] groups`): text, one label per unit; `region` is built in for
        // provinces and needs none.
        let registry = info.units == crate::model::tree::UnitsKind::VnProvinces;
        let groups = info.groups.iter().filter(|g| !(registry && g.as_str() == "region"));
        for (j, name) in groups.enumerate() {
            let col = (indicators.len() + dens.len() + j) as u16 + 3;
            ws.write_string_with_format(0, col, name, &head)?;
            let text = if en {
                "Group: one label per unit, the same in every year (text)".to_string()
            } else {
                "Nhóm: một nhãn cho mỗi đơn vị, giống nhau ở mọi năm (chữ)".to_string()
            };
            ws.insert_note(0, col, &Note::new(text).set_width(300).set_height(60).add_author_prefix(false))?;
            for r in 1..=v.units.len() as u32 {
                ws.write_blank(r, col, &input)?;
            }
        }
        ws.set_freeze_panes(1, 1)?;
        ws.set_autofit_max_width(260).autofit();
    }
    readme(&mut wb, v, &indicators)?;
    wb.save_to_buffer()
}

fn readme(wb: &mut Workbook, v: &TemplateView<'_>, indicators: &[usize]) -> Result<(), XlsxError> {
    let (tree, en) = (v.tree, v.lang == Lang::En);
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet().set_name(if en { "Read me" } else { "Hướng dẫn" })?;
    let root = tree.nodes[tree.root].label(en);
    let years: Vec<String> = v.years.iter().map(ToString::to_string).collect();
    let lines: Vec<String> = if en {
        vec![
            format!("Data-entry template: {root}"),
            format!("Generated by dti {} from {}.", env!("CARGO_PKG_VERSION"), v.spec),
            format!("One sheet per year ({}); one row per unit; one column per indicator.", years.join(", ")),
            "Type each value in the yellow cells as a number (36.3 or 36,3; a % sign is fine). Leave a cell empty when there is no data.".into(),
            "Hover over a column header for the indicator's name, unit and allowed values.".into(),
            "Do not rename the sheets or the header row: dti reads the year from the sheet name and the indicator from the header.".into(),
            format!("Then run: dti rank --spec {} --data THIS_FILE.xlsx", v.spec),
        ]
    } else {
        vec![
            format!("Mẫu nhập số liệu: {root}"),
            format!("Tạo bởi dti {} từ {}.", env!("CARGO_PKG_VERSION"), v.spec),
            format!("Mỗi năm một trang ({}); mỗi đơn vị một dòng; mỗi chỉ tiêu một cột.", years.join(", ")),
            "Nhập giá trị vào các ô màu vàng dưới dạng số (36,3 hoặc 36.3; có thể kèm dấu %). Để trống ô nếu không có số liệu.".into(),
            "Di chuột lên tiêu đề cột để xem tên chỉ tiêu, đơn vị và giá trị hợp lệ.".into(),
            "Không đổi tên trang hoặc dòng tiêu đề: dti đọc năm từ tên trang và chỉ tiêu từ tiêu đề cột.".into(),
            format!("Sau đó chạy: dti rank --spec {} --data TỆP_NÀY.xlsx", v.spec),
        ]
    };
    for (r, l) in lines.iter().enumerate() {
        if r == 0 {
            ws.write_string_with_format(0, 0, l, &bold)?;
        } else {
            ws.write_string(r as u32, 0, l)?;
        }
    }
    let top = lines.len() as u32 + 1;
    let head = if en {
        ["Column", "Indicator", "Name", "Unit", "Allowed values", "Direction", "Normalisation"]
    } else {
        ["Cột", "Chỉ tiêu", "Tên", "Đơn vị", "Giá trị hợp lệ", "Chiều", "Chuẩn hoá"]
    };
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(top, c as u16, *h, &bold)?;
    }
    for (i, &node) in indicators.iter().enumerate() {
        let n = &tree.nodes[node];
        let Some(ind) = n.indicator() else { continue };
        let r = top + 1 + i as u32;
        let dir = direction(ind.direction, en);
        let cells = [
            ind.column.clone(),
            n.id.clone(),
            n.label(en).to_string(),
            ind.unit.clone().unwrap_or_default(),
            allowed(tree, node, en).0,
            dir.into(),
            method(&ind.normalize, en),
        ];
        for (c, text) in cells.iter().enumerate() {
            ws.write_string(r, c as u16, text)?;
        }
    }
    ws.set_column_width(0, 24)?;
    ws.set_autofit_max_width(320).autofit();
    ws.set_column_width(0, 24)?;
    Ok(())
}
