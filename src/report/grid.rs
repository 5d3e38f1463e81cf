//! A text table for people, as the terminal (comfy-table) or Markdown shows it: the columns
//! named in `text` (names, units) aligned left, numbers right. Shared by `explain` and `plan`.

use comfy_table::{CellAlignment, ContentArrangement, presets};
use std::io::{self, Write};

/// A table; the columns in `text` (names, units) are aligned left, numbers right.
pub(super) fn table(
    out: &mut dyn Write,
    md: bool,
    text: &[usize],
    head: Vec<String>,
    rows: Vec<Vec<String>>,
) -> io::Result<()> {
    if md {
        writeln!(out, "| {} |", head.join(" | "))?;
        let align: Vec<&str> = (0..head.len()).map(|i| if text.contains(&i) { ":---" } else { "---:" }).collect();
        writeln!(out, "| {} |", align.join(" | "))?;
        for r in rows {
            writeln!(out, "| {} |", r.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | "))?;
        }
        return writeln!(out);
    }
    let mut t = comfy_table::Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled).set_header(head);
    for r in rows {
        t.add_row(r);
    }
    for (i, col) in t.column_iter_mut().enumerate() {
        if !text.contains(&i) {
            col.set_cell_alignment(CellAlignment::Right);
        }
    }
    writeln!(out, "{t}")
}
