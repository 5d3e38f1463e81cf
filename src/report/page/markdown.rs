//! The page as Markdown: the same sections as the HTML page, tables instead of charts.

use super::{IndexLine, PageView};
use crate::model::tree::IndicatorTree;
use crate::report::Lang;
use crate::report::explain::ExplainView;
use std::io::{self, Write};

/// A table cell: pipes escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

pub fn page(v: &PageView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (ex, p, tree) = (v.ex(), v.profile, v.tree);
    writeln!(out, "# {}\n", v.title())?;
    writeln!(out, "**{}** · {}\n", v.headline(), v.score_line())?;
    writeln!(out, "## {}\n\n{}\n", v.t("Tóm tắt", "Summary"), ex.summary())?;
    writeln!(out, "## {}\n", v.t("Các trụ cột", "Pillars"))?;
    let (score, rank, best) = if v.en() { ("Score", "Rank", "Best") } else { ("Điểm", "Hạng", "Cao nhất") };
    writeln!(out, "| | {score} | {rank} | {} | {best} |\n|---|---:|---:|---:|---|", v.mean_label())?;
    for st in std::iter::once(&p.index).chain(&p.pillars) {
        let best = v.best(st);
        let moved = ex.movement(st.rank, st.previous_rank).map(|m| format!(" ({m})")).unwrap_or_default();
        writeln!(
            out,
            "| {} | {} | {}{} | {} | {} |",
            cell(tree.nodes[st.node].label(v.en())),
            ex.fixed(st.score),
            ExplainView::rank(st.rank),
            moved,
            ex.fixed(st.mean),
            cell(&best)
        )?;
    }
    if let Some(g) = v.group {
        let (head, rows) = ex.group_table(g);
        writeln!(out, "\n## {}\n\n{}\n", ex.group_title(g), ex.group_sentence().unwrap_or_default())?;
        writeln!(out, "| {} |\n|---|---:|---:|---:|---:|---|", head.join(" | "))?;
        for r in rows {
            writeln!(out, "| {} |", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "))?;
        }
    }
    writeln!(out, "\n## {}\n", v.t("Thứ hạng qua các năm", "Rank over the years"))?;
    writeln!(out, "{}\n|---|---:|---:|", v.t("| Năm | Điểm | Hạng |", "| Year | Score | Rank |"))?;
    for (year, score, rank) in &p.explanation.history {
        writeln!(out, "| {year} | {} | {} |", ex.fixed(*score), ExplainView::rank(*rank))?;
    }
    writeln!(out, "\n## {}\n", v.t("Điểm mạnh và điểm yếu", "Strengths and weaknesses"))?;
    for (title, list) in [
        (v.t("Mạnh nhất (theo hạng)", "Strongest (by rank)"), &p.explanation.strongest),
        (v.t("Yếu nhất (theo hạng)", "Weakest (by rank)"), &p.explanation.weakest),
    ] {
        writeln!(out, "{title}:\n")?;
        if list.is_empty() {
            writeln!(out, "- {}", v.t("không có chỉ tiêu nào nổi bật", "no indicator stands out"))?;
        }
        for &i in list {
            let l = &p.explanation.indicators[i];
            let raw = v.raw_marked(&ex, l.node, l.raw);
            writeln!(out, "- {} — {} ({raw})", ex.name(l.node), ExplainView::rank(l.rank))?;
        }
        writeln!(out)?;
    }
    if let Some(c) = p.explanation.compare_year {
        let (ups, downs) = v.movers();
        writeln!(out, "## {} {c}\n", v.t("Điều gì làm thay đổi chỉ số so với năm", "What moved the index since"))?;
        writeln!(
            out,
            "{} {} = {}\n",
            v.t("Thay đổi điểm", "Change in score"),
            tree.nodes[tree.root].id.to_uppercase(),
            ex.signed(p.explanation.total_change)
        )?;
        writeln!(out, "{}\n|---|---:|", v.t("| Chỉ tiêu | Đóng góp |", "| Indicator | Contribution |"))?;
        for (node, d) in ups.iter().chain(&downs) {
            writeln!(out, "| {} | {} |", cell(ex.name(*node)), ex.signed(Some(*d)))?;
        }
        writeln!(out)?;
    }
    super::plan::markdown(v, out)?;
    if !p.targets.is_empty() {
        writeln!(out, "## {}\n", v.t("Khoảng cách đến mục tiêu quốc gia", "Distance to national targets"))?;
        writeln!(
            out,
            "{}\n|---|---:|---:|---:|---|",
            v.t(
                "| Chỉ tiêu | Hiện tại | Mục tiêu | Còn thiếu | Theo |",
                "| Indicator | Now | Target | Still to go | Set by |"
            )
        )?;
        for t in &p.targets {
            let gap = v.gap(t);
            let (now, target) = (v.raw(t.node, t.raw), v.raw(t.node, Some(t.target)));
            writeln!(out, "| {} | {now} | {target} | {gap} | {} |", cell(ex.name(t.node)), cell(&t.source))?;
        }
        writeln!(out)?;
    }
    let method = tree.info.method.as_deref().map(|m| format!(" · {m}")).unwrap_or_default();
    let note = v.ex().prep_note().map(|n| format!(" · {n}")).unwrap_or_default();
    writeln!(out, "---\n\n_dti {}{method} · {}{note}_", env!("CARGO_PKG_VERSION"), v.source)
}

pub fn index(tree: &IndicatorTree, year: i32, lines: &[IndexLine], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    let en = lang == Lang::En;
    writeln!(out, "# {} {year}\n", tree.nodes[tree.root].label(en))?;
    writeln!(
        out,
        "{}\n|---:|---|---:|---:|",
        if en { "| Rank | Unit | Score | ± rank |" } else { "| Hạng | Đơn vị | Điểm | ± hạng |" }
    )?;
    let d = tree.info.rank_decimals.unwrap_or(4) as usize;
    for l in lines {
        let change = super::arrow(l.rank_change);
        writeln!(
            out,
            "| {} | [{}]({}) | {} | {change} |",
            ExplainView::rank(l.rank),
            cell(&l.name),
            l.file,
            crate::report::fixed(l.score, d, lang)
        )?;
    }
    Ok(())
}
