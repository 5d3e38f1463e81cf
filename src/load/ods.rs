//! Which cells of an OpenDocument spreadsheet (`.ods`) are percentages. calamine gives their
//! stored fraction (0.363) without the type; the sheet shows 36.3 % and its CSV export says
//! `36.3%`, so the reader needs to know. Reads `content.xml` once, cell types only.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Read};
use std::path::Path;

/// Percentage cells by sheet name, as 0-based (row, column).
pub(super) type PercentCells = HashMap<String, HashSet<(u32, u32)>>;

/// A repeat count, capped: a sheet's trailing empty rows and columns repeat a million times.
fn repeats(e: &BytesStart<'_>, name: &str) -> u32 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.parse::<u32>().ok())
        .unwrap_or(1)
        .clamp(1, 1 << 20)
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).map(|a| a.value.into_owned())
}

/// The percentage cells of every sheet; empty when the file cannot be read this way (the
/// workbook reader then says what is wrong).
pub(super) fn percent_cells(path: &Path) -> PercentCells {
    let read = || -> Option<PercentCells> {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
        let content = zip.by_name("content.xml").ok()?;
        scan(BufReader::new(content.take(1 << 30)))
    };
    read().unwrap_or_default()
}

fn scan<R: std::io::BufRead>(r: R) -> Option<PercentCells> {
    let mut xml = Reader::from_reader(r);
    let mut buf = Vec::new();
    let mut out = PercentCells::new();
    let (mut sheet, mut row, mut col, mut row_repeat) = (String::new(), 0u32, 0u32, 1u32);
    let mut in_cell = 0usize;
    loop {
        let event = xml.read_event_into(&mut buf).ok()?;
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if in_cell == 0 => {
                let empty = matches!(event, Event::Empty(_));
                match e.name().as_ref() {
                    "table:table" => {
                        sheet = attr(e, "table:name").unwrap_or_default();
                        (row, col) = (0, 0);
                    }
                    "table:table-row" => {
                        row_repeat = repeats(e, "table:number-rows-repeated");
                        col = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        let n = repeats(e, "table:number-columns-repeated");
                        if attr(e, "office:value-type").as_deref() == Some("percentage") {
                            let cells = out.entry(sheet.clone()).or_default();
                            for r in row..row.saturating_add(row_repeat.min(1 << 12)) {
                                for c in col..col.saturating_add(n.min(1 << 12)) {
                                    cells.insert((r, c));
                                }
                            }
                        }
                        col = col.saturating_add(n);
                        if !empty {
                            in_cell = 1;
                        }
                    }
                    _ => {}
                }
            }
            Event::Start(_) if in_cell > 0 => in_cell += 1,
            Event::End(_) if in_cell > 0 => in_cell -= 1,
            Event::End(e) if e.name().as_ref() == "table:table-row" => row = row.saturating_add(row_repeat),
            _ => {}
        }
        buf.clear();
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentage_cells_are_found_with_repeats() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="2023">
              <table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>
              <table:table-row>
                <table:table-cell office:value-type="string"><text:p>Hà Nội</text:p></table:table-cell>
                <table:table-cell table:number-columns-repeated="2"/>
                <table:table-cell office:value-type="percentage" office:value="0.363"><text:p>36.3%</text:p></table:table-cell>
              </table:table-row>
              <table:table-row><table:covered-table-cell/><table:table-cell office:value-type="percentage" office:value="0.5"/></table:table-row>
            </table:table></office:spreadsheet></office:body></office:document-content>"#;
        let got = scan(xml.as_bytes()).expect("parses");
        let cells: HashSet<(u32, u32)> = [(2, 3), (3, 1)].into();
        assert_eq!(got.get("2023"), Some(&cells));
    }
}
