//! The page as one self-contained HTML file: inline CSS sized for A4 (and the screen), the two
//! SVG charts, no script, no font or image from anywhere.

use super::{IndexLine, PageView, svg};
use crate::model::tree::IndicatorTree;
use crate::report::explain::ExplainView;
use crate::report::{Lang, html_escape as esc};
use std::io::{self, Write};

const CSS: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { margin: 0; color: #1b2430; background: #fff;
  font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; }
.page { max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
header { border-bottom: 3px solid #1f4e8c; padding-bottom: 4mm; margin-bottom: 5mm; }
.kicker { margin: 0; color: #5b6776; font-size: 9.5pt; text-transform: uppercase; letter-spacing: .04em; }
h1 { margin: 1mm 0 2mm; font-size: 22pt; color: #1f4e8c; }
.headline { margin: 0; font-size: 14pt; font-weight: 600; }
.score { margin: 1mm 0 0; color: #3b4552; }
h2 { font-size: 12.5pt; color: #1f4e8c; margin: 6mm 0 2mm; border-bottom: 1px solid #d8dde3; padding-bottom: 1mm; }
section { break-inside: avoid; }
table { width: 100%; border-collapse: collapse; font-size: 9.5pt; }
th, td { padding: 1.2mm 2mm; border-bottom: 1px solid #e4e8ec; text-align: left; vertical-align: top; }
th { background: #eef3f9; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.up { color: #2f7d4a; } .down { color: #b23b3b; }
svg { width: 100%; height: auto; display: block; margin: 2mm 0; }
svg text { font-family: inherit; font-size: 11px; fill: #1b2430; }
svg .axis { fill: #5b6776; font-size: 10px; }
.cols { display: flex; gap: 6mm; } .cols > div { flex: 1; min-width: 0; }
ul { margin: 0; padding-left: 5mm; }
h3 { font-size: 10.5pt; margin: 0 0 1mm; }
footer { margin-top: 8mm; padding-top: 2mm; border-top: 1px solid #d8dde3; color: #5b6776; font-size: 8.5pt; }
"#;

fn open(out: &mut dyn Write, lang: Lang, title: &str) -> io::Result<()> {
    let code = if lang == Lang::En { "en" } else { "vi" };
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{code}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main class=\"page\">\n",
        esc(title)
    )
}

fn close(out: &mut dyn Write, footer: &str) -> io::Result<()> {
    write!(out, "<footer>{footer}</footer>\n</main>\n</body>\n</html>\n")
}

fn class_of(d: Option<f64>) -> &'static str {
    match d {
        Some(d) if d > 0.0 => "up",
        Some(d) if d < 0.0 => "down",
        _ => "",
    }
}

pub fn page(v: &PageView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (ex, p, tree) = (v.ex(), v.profile, v.tree);
    let root = tree.nodes[tree.root].label(v.en());
    open(out, v.lang, &v.title())?;
    write!(
        out,
        "<header>\n<p class=\"kicker\">{} · {}</p>\n<h1>{}</h1>\n<p class=\"headline\" id=\"headline\">{}</p>\n<p class=\"score\">{}</p>\n</header>\n",
        esc(root),
        esc(&format!("{} {}", v.t("năm", "year"), p.explanation.year)),
        esc(v.unit_name()),
        esc(&v.headline()),
        esc(&v.score_line())
    )?;
    write!(
        out,
        "<section id=\"summary\">\n<h2>{}</h2>\n<p>{}</p>\n</section>\n",
        v.t("Tóm tắt", "Summary"),
        esc(&ex.summary())
    )?;

    // Pillars against the national mean and the best unit.
    write!(out, "<section id=\"pillars\">\n<h2>{}</h2>\n{}\n", v.t("Các trụ cột", "Pillars"), svg::pillar_bars(v))?;
    let head = if v.en() {
        ["", "Score", "Rank", v.mean_label(), "Best"]
    } else {
        ["", "Điểm", "Hạng", v.mean_label(), "Cao nhất"]
    };
    writeln!(
        out,
        "<table><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>",
        head[0], head[1], head[2], head[3], head[4]
    )?;
    for st in std::iter::once(&p.index).chain(&p.pillars) {
        let best = v.best(st);
        let moved = ex.movement(st.rank, st.previous_rank).map(|m| format!(" · {m}")).unwrap_or_default();
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            esc(tree.nodes[st.node].label(v.en())),
            ex.fixed(st.score),
            ExplainView::rank(st.rank),
            esc(&moved),
            ex.fixed(st.mean),
            esc(&best)
        )?;
    }
    out.write_all(b"</tbody></table>\n</section>\n")?;
    region(v, out)?;

    // Rank history.
    write!(
        out,
        "<section id=\"history\">\n<h2>{}</h2>\n{}\n",
        v.t("Thứ hạng qua các năm", "Rank over the years"),
        svg::rank_history(v)
    )?;
    let (y, s, r) = if v.en() { ("Year", "Score", "Rank") } else { ("Năm", "Điểm", "Hạng") };
    writeln!(
        out,
        "<table><thead><tr><th>{y}</th><th class=\"n\">{s}</th><th class=\"n\">{r}</th></tr></thead><tbody>"
    )?;
    for (year, score, rank) in &p.explanation.history {
        writeln!(
            out,
            "<tr><td>{year}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            ex.fixed(*score),
            ExplainView::rank(*rank)
        )?;
    }
    out.write_all(b"</tbody></table>\n</section>\n")?;

    // Strengths and weaknesses.
    write!(
        out,
        "<section id=\"strengths\">\n<h2>{}</h2>\n<div class=\"cols\">\n",
        v.t("Điểm mạnh và điểm yếu", "Strengths and weaknesses")
    )?;
    for (title, list) in [
        (v.t("Mạnh nhất (theo hạng)", "Strongest (by rank)"), &p.explanation.strongest),
        (v.t("Yếu nhất (theo hạng)", "Weakest (by rank)"), &p.explanation.weakest),
    ] {
        writeln!(out, "<div><h3>{title}</h3><ul>")?;
        if list.is_empty() {
            writeln!(out, "<li>{}</li>", v.t("không có chỉ tiêu nào nổi bật", "no indicator stands out"))?;
        }
        for &i in list {
            let l = &p.explanation.indicators[i];
            writeln!(
                out,
                "<li>{} — {} ({})</li>",
                esc(ex.name(l.node)),
                ExplainView::rank(l.rank),
                esc(&v.raw_marked(&ex, l.node, l.raw))
            )?;
        }
        out.write_all(b"</ul></div>\n")?;
    }
    out.write_all(b"</div>\n</section>\n")?;

    // What moved the index.
    if let Some(c) = p.explanation.compare_year {
        let (ups, downs) = v.movers();
        write!(
            out,
            "<section id=\"change\">\n<h2>{} {c}</h2>\n<p>{} {} = {}</p>\n<table><thead><tr><th>{}</th><th class=\"n\">{}</th></tr></thead><tbody>\n",
            v.t("Điều gì làm thay đổi chỉ số so với năm", "What moved the index since"),
            v.t("Thay đổi điểm", "Change in score"),
            esc(&tree.nodes[tree.root].id.to_uppercase()),
            ex.signed(p.explanation.total_change),
            v.t("Chỉ tiêu", "Indicator"),
            v.t("Đóng góp", "Contribution"),
        )?;
        for (node, d) in ups.iter().chain(&downs) {
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"n {}\">{}</td></tr>",
                esc(ex.name(*node)),
                class_of(Some(*d)),
                ex.signed(Some(*d))
            )?;
        }
        out.write_all(b"</tbody></table>\n</section>\n")?;
    }

    super::plan::html(v, out)?;

    // National targets.
    if !p.targets.is_empty() {
        write!(
            out,
            "<section id=\"targets\">\n<h2>{}</h2>\n<table><thead><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th><th>{}</th></tr></thead><tbody>\n",
            v.t("Khoảng cách đến mục tiêu quốc gia", "Distance to national targets"),
            v.t("Chỉ tiêu", "Indicator"),
            v.t("Hiện tại", "Now"),
            v.t("Mục tiêu", "Target"),
            v.t("Còn thiếu", "Still to go"),
            v.t("Theo", "Set by"),
        )?;
        for t in &p.targets {
            let gap = v.gap(t);
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                esc(ex.name(t.node)),
                esc(&v.raw(t.node, t.raw)),
                esc(&v.raw(t.node, Some(t.target))),
                esc(&gap),
                esc(&t.source)
            )?;
        }
        out.write_all(b"</tbody></table>\n</section>\n")?;
    }
    let method = tree.info.method.as_deref().map(|m| format!(" · {m}")).unwrap_or_default();
    let note = v.ex().prep_note().map(|n| format!(" · {n}")).unwrap_or_default();
    close(out, &esc(&format!("dti {}{method} · {}{note}", env!("CARGO_PKG_VERSION"), v.source)))
}

pub fn index(tree: &IndicatorTree, year: i32, lines: &[IndexLine], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let en = lang == Lang::En;
    let root = tree.nodes[tree.root].label(en);
    let title = format!("{root} {year}");
    open(out, lang, &title)?;
    write!(out, "<header>\n<h1>{}</h1>\n</header>\n<table><thead><tr>", esc(&title))?;
    let head = if en { ["Rank", "Unit", "Score", "± rank"] } else { ["Hạng", "Đơn vị", "Điểm", "± hạng"] };
    writeln!(
        out,
        "<th class=\"n\">{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr></thead><tbody>",
        head[0], head[1], head[2], head[3]
    )?;
    let d = tree.info.rank_decimals.unwrap_or(4) as usize;
    for l in lines {
        let change = super::arrow(l.rank_change);
        writeln!(
            out,
            "<tr><td class=\"n\">{}</td><td><a href=\"{}\">{}</a></td><td class=\"n\">{}</td><td class=\"n {}\">{}</td></tr>",
            ExplainView::rank(l.rank),
            esc(&l.file),
            esc(&l.name),
            crate::report::fixed(l.score, d, lang),
            class_of(l.rank_change.map(|c| c as f64)),
            change
        )?;
    }
    out.write_all(b"</tbody></table>\n")?;
    close(out, &format!("dti {}", env!("CARGO_PKG_VERSION")))
}

/// The unit against its region (or group): its rank there, the group's mean and best.
fn region(v: &PageView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (Some(g), ex) = (v.group, v.ex()) else { return Ok(()) };
    let (head, rows) = ex.group_table(g);
    write!(
        out,
        "<section id=\"region\">\n<h2>{}</h2>\n<p>{}</p>\n<table><thead><tr>",
        esc(&ex.group_title(g)),
        esc(&ex.group_sentence().unwrap_or_default())
    )?;
    for (i, h) in head.iter().enumerate() {
        let class = if (1..5).contains(&i) { " class=\"n\"" } else { "" };
        write!(out, "<th{class}>{}</th>", esc(h))?;
    }
    out.write_all(b"</tr></thead><tbody>\n")?;
    for r in rows {
        out.write_all(b"<tr>")?;
        for (i, c) in r.iter().enumerate() {
            let class = if (1..5).contains(&i) { " class=\"n\"" } else { "" };
            write!(out, "<td{class}>{}</td>", esc(c))?;
        }
        out.write_all(b"</tr>\n")?;
    }
    out.write_all(b"</tbody></table>\n</section>\n")
}
