//! The page's "Để vào top K" / "To reach the top K" section (`report --plan K`): the plan's
//! sentences and steps, as `dti plan` words them (`report::plan`), in HTML or Markdown.

use super::PageView;
use crate::report::html_escape as esc;
use crate::report::plan::PlanView;
use crate::score::plan::Goal;
use std::io::{self, Write};

fn view<'a>(v: &'a PageView<'a>) -> Option<(u32, PlanView<'a>)> {
    let plan = v.plan?;
    let k = plan.target.map_or(0, |t| t.rank);
    let ex = &v.profile.explanation;
    let unit = &v.units[ex.unit].name;
    Some((k, PlanView { tree: v.tree, unit, year: ex.year, goal: Some(Goal::Rank(k)), plan, lang: v.lang }))
}

fn heading(v: &PageView<'_>, k: u32) -> String {
    if v.en() { format!("To reach the top {k}") } else { format!("Để vào top {k}") }
}

/// The section in HTML, when the page has a plan.
pub(super) fn html(v: &PageView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Some((k, pv)) = view(v) else { return Ok(()) };
    writeln!(out, "<section id=\"plan\">\n<h2>{}</h2>", esc(&heading(v, k)))?;
    // The first sentence repeats the headline; the page has it already.
    for line in pv.summary().iter().skip(1) {
        writeln!(out, "<p>{}</p>", esc(line))?;
    }
    let (head, rows) = pv.step_rows();
    if !rows.is_empty() {
        out.write_all(b"<table><thead><tr>")?;
        for (i, h) in head.iter().enumerate() {
            let class = if i == 0 || i >= 3 { " class=\"n\"" } else { "" };
            write!(out, "<th{class}>{}</th>", esc(h))?;
        }
        out.write_all(b"</tr></thead><tbody>\n")?;
        for r in rows {
            out.write_all(b"<tr>")?;
            for (i, c) in r.iter().enumerate() {
                let class = if i == 0 || i >= 3 { " class=\"n\"" } else { "" };
                write!(out, "<td{class}>{}</td>", esc(c))?;
            }
            out.write_all(b"</tr>\n")?;
        }
        out.write_all(b"</tbody></table>\n")?;
    }
    out.write_all(b"</section>\n")
}

/// The section in Markdown, when the page has a plan.
pub(super) fn markdown(v: &PageView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let Some((k, pv)) = view(v) else { return Ok(()) };
    writeln!(out, "## {}\n", heading(v, k))?;
    for line in pv.summary().iter().skip(1) {
        writeln!(out, "{line}\n")?;
    }
    let (head, rows) = pv.step_rows();
    if !rows.is_empty() {
        writeln!(out, "| {} |\n|---:|---|---|---:|---:|---:|", head.join(" | "))?;
        for r in rows {
            writeln!(out, "| {} |", r.iter().map(|c| c.replace('|', "\\|")).collect::<Vec<_>>().join(" | "))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
