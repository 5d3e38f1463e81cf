//! The terminal table (comfy-table): no colour and no terminal-width probing, so the bytes
//! are the same on a TTY, in a pipe and in CI.

use super::{Render, Report};
use comfy_table::{CellAlignment, ContentArrangement, presets};
use std::io::{self, Write};

pub struct Table;

impl Render for Table {
    fn render(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let (head, rows) = report.human_rows();
        let mut t = comfy_table::Table::new();
        t.load_style(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(head);
        for row in rows {
            t.add_row(row);
        }
        // The unit's and its group's names read from the left.
        let left = if report.ranking.groups.is_some() { 2 } else { 1 };
        for (i, col) in t.column_iter_mut().enumerate() {
            if i != 1 && i != left {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        writeln!(out, "{t}")?;
        if let Some(g) = report.gone_line() {
            writeln!(out, "{g}")?;
        }
        if let Some(n) = report.prep_note() {
            writeln!(out, "{n}")?;
        }
        writeln!(out, "{}", report.footer())
    }
}
