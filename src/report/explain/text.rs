//! `explain` as terminal text (comfy-table) or Markdown: the summary paragraph, the nodes, the
//! indicators with their weights and contributions, and the rank history.

use super::ExplainView;
use std::io::{self, Write};

/// The first column (names) left, the numbers right.
fn table(out: &mut dyn Write, md: bool, head: Vec<String>, rows: Vec<Vec<String>>) -> io::Result<()> {
    crate::report::grid::table(out, md, &[0], head, rows)
}

pub(super) fn render(v: &ExplainView<'_>, out: &mut dyn Write, md: bool) -> io::Result<()> {
    let (ex, en) = (v.ex, v.en());
    if md {
        writeln!(out, "## {} — {}\n", v.units[ex.unit].name, ex.year)?;
    }
    writeln!(out, "{}\n", v.summary())?;
    let compare = ex.previous_score.is_some();
    let prev_year = ex.compare_year.map(|c| c.to_string()).unwrap_or_default();

    let mut head: Vec<String> = if en {
        vec!["Node".into(), "Score".into(), "Rank".into()]
    } else {
        vec!["Chỉ số".into(), "Điểm".into(), "Hạng".into()]
    };
    if compare {
        head.extend([
            prev_year.clone(),
            if en { "Rank" } else { "Hạng" }.to_string(),
            "± ".to_string() + if en { "score" } else { "điểm" },
            "± ".to_string() + if en { "rank" } else { "hạng" },
        ]);
    }
    let rows = v
        .tree
        .report_nodes()
        .into_iter()
        .map(|n| {
            let mut r = vec![v.name(n).to_string(), v.fixed(ex.score[n]), ExplainView::rank(ex.rank[n])];
            if let (Some(ps), Some(pr)) = (&ex.previous_score, &ex.previous_rank) {
                let ds = ex.node_change(n, v.tree.info.published_decimals());
                r.extend([
                    v.fixed(ps[n]),
                    ExplainView::rank(pr[n]),
                    v.signed(ds),
                    v.movement(ex.rank[n], pr[n]).unwrap_or_default(),
                ]);
            }
            r
        })
        .collect();
    table(out, md, head, rows)?;

    if let Some(g) = v.group {
        let title = v.group_title(g);
        if md {
            writeln!(out, "### {title}\n")?;
        } else {
            writeln!(out, "{title}")?;
        }
        let (head, rows) = v.group_table(g);
        table(out, md, head, rows)?;
    }

    let mut head: Vec<String> = if en {
        ["Indicator", "Raw", "Normalised", "Rank", "Weight", "Weight used", "Contribution"].map(String::from).to_vec()
    } else {
        ["Chỉ tiêu", "Giá trị", "Chuẩn hoá", "Hạng", "Trọng số", "Trọng số thực", "Đóng góp"].map(String::from).to_vec()
    };
    if compare {
        let extra = if en {
            ["± normalised", "own", "benchmark", "± index"]
        } else {
            ["± chuẩn hoá", "tự thân", "mốc so sánh", "± chỉ số"]
        };
        head.extend(extra.map(String::from));
    }
    let mut rows: Vec<Vec<String>> = ex
        .indicators
        .iter()
        .filter(|l| l.nominal_weight > 0.0)
        .map(|l| {
            let raw = l.raw.map_or_else(
                || "–".into(),
                |x| {
                    crate::report::yes_no(&v.tree.nodes[l.node], x, en)
                        .map_or_else(|| bool_share(&v.tree.nodes[l.node], x), String::from)
                },
            ) + &v.mark(l.node)
                + &v.treated_from(l.node).map_or_else(String::new, |x| format!(" ({})", crate::report::number::raw(x)));
            let mut r = vec![
                v.name(l.node).to_string(),
                raw,
                v.fixed(l.normalized),
                ExplainView::rank(l.rank),
                v.weight(Some(l.nominal_weight)),
                v.weight(Some(l.weight)),
                v.fixed(l.contribution),
            ];
            if compare {
                r.extend([
                    v.signed(l.change),
                    v.signed(l.own_change),
                    v.signed(l.benchmark_change),
                    v.signed(l.change_contribution),
                ]);
            }
            r
        })
        .collect();
    // A composite scored in one year only: its appearance or absence is a line of the change.
    for &(n, c) in &ex.composite_changes {
        let mut r = vec![v.name(n).to_string()];
        r.extend(std::iter::repeat_n("–".to_string(), 9));
        r.push(v.signed(Some(c)));
        rows.push(r);
    }
    table(out, md, head, rows)?;
    if let Some(note) = v.prep_note() {
        writeln!(out, "{note}\n")?;
    }

    let hist: Vec<String> =
        ex.history.iter().map(|(y, s, r)| format!("{y} {} ({})", v.fixed(*s), ExplainView::rank(*r))).collect();
    writeln!(out, "{}: {}", if en { "Rank history" } else { "Lịch sử xếp hạng" }, hist.join(" · "))
}

/// A raw value as read; a yes/no indicator's imputed share (the mean of có/không) to three
/// decimals, `0.667`, since it is neither yes nor no.
fn bool_share(node: &crate::model::tree::Node, x: f64) -> String {
    match node.indicator().map(|i| &i.normalize) {
        Some(crate::model::tree::Normalize::Bool) => format!("{}", (x * 1e3).round() / 1e3),
        _ => crate::report::number::raw(x),
    }
}
