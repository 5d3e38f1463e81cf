//! A Markdown pipe table with the same columns as the terminal table, and the footer.

use super::{Render, Report};
use std::io::{self, Write};

pub struct Markdown;

fn escape(s: &str) -> String {
    s.replace('|', "\\|")
}

impl Render for Markdown {
    fn render(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let (head, rows) = report.human_rows();
        writeln!(out, "| {} |", head.iter().map(|h| escape(h)).collect::<Vec<_>>().join(" | "))?;
        // The unit's and its group's names read from the left.
        let left = if report.ranking.groups.is_some() { 2 } else { 1 };
        let align: Vec<&str> = (0..head.len()).map(|i| if i == 1 || i == left { ":---" } else { "---:" }).collect();
        writeln!(out, "| {} |", align.join(" | "))?;
        for row in rows {
            writeln!(out, "| {} |", row.iter().map(|c| escape(c)).collect::<Vec<_>>().join(" | "))?;
        }
        writeln!(out)?;
        if let Some(g) = report.gone_line() {
            writeln!(out, "{g}")?;
        }
        if let Some(n) = report.prep_note() {
            writeln!(out, "{n}")?;
        }
        writeln!(out, "{}", report.footer())
    }
}
