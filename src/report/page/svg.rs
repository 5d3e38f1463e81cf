//! The two charts of the page as inline SVG: pillar bars (the unit, the national mean, the
//! best unit) and the rank history line (rank 1 at the top). Geometry only; every number
//! drawn comes from the profile.

use super::PageView;
use crate::report::html_escape as esc;
use std::fmt::Write as _;

const WIDTH: f64 = 680.0;
const LABEL: f64 = 190.0;

/// Grouped horizontal bars, one group per pillar (and the index first).
pub fn pillar_bars(v: &PageView<'_>) -> String {
    let p = v.profile;
    let groups: Vec<&crate::score::profile::Standing> = std::iter::once(&p.index).chain(&p.pillars).collect();
    let values = groups.iter().flat_map(|s| [s.score, s.mean, s.best.map(|b| b.1)]).flatten();
    let top = values.fold(0.0_f64, f64::max);
    // Scores in 0–1 are drawn on 0–1; points and other scales on their own maximum.
    let scale = if top <= 1.0 { 1.0 } else { top };
    let (bar, gap, group_gap) = (14.0, 3.0, 16.0);
    let group_h = 3.0 * bar + 2.0 * gap + group_gap;
    let height = 34.0 + groups.len() as f64 * group_h;
    let span = WIDTH - LABEL - 70.0;
    let series = [
        (v.unit_name().to_string(), "#1f4e8c"),
        (v.mean_label().to_string(), "#9aa5b1"),
        (v.t("Cao nhất", "Best").to_string(), "#3c9d5d"),
    ];
    let mut s = format!(
        r#"<svg id="pillar-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{}">"#,
        esc(v.t("Điểm các trụ cột", "Pillar scores"))
    );
    for (i, (name, color)) in series.iter().enumerate() {
        let x = LABEL + i as f64 * 160.0;
        let _ = write!(
            s,
            r#"<rect x="{x}" y="6" width="12" height="12" fill="{color}"/><text x="{}" y="16" class="legend">{}</text>"#,
            x + 16.0,
            esc(name)
        );
    }
    for (g, st) in groups.iter().enumerate() {
        let y0 = 30.0 + g as f64 * group_h;
        let label = v.tree.nodes[st.node].label(v.en());
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" class="label" text-anchor="end">{}</text>"#,
            LABEL - 8.0,
            y0 + 1.5 * bar + gap + 4.0,
            esc(label)
        );
        for (i, x) in [st.score, st.mean, st.best.map(|b| b.1)].into_iter().enumerate() {
            let y = y0 + i as f64 * (bar + gap);
            let Some(x) = x else { continue };
            let w = (x.max(0.0) / scale * span).max(0.5);
            let _ = write!(
                s,
                r#"<rect class="bar" x="{LABEL}" y="{y}" width="{w:.2}" height="{bar}" fill="{}"/><text x="{:.2}" y="{}" class="value">{}</text>"#,
                series[i].1,
                LABEL + w + 4.0,
                y + bar - 3.0,
                v.ex().fixed(Some(x))
            );
        }
    }
    s.push_str("</svg>");
    s
}

/// The rank in each year with data, as a line; rank 1 at the top.
pub fn rank_history(v: &PageView<'_>) -> String {
    let hist: Vec<(i32, u32, u32)> =
        v.profile.explanation.history.iter().filter_map(|(y, _, r)| r.map(|r| (*y, r.pos, r.of))).collect();
    let (w, h, left, right, top, bottom) = (WIDTH, 200.0, 50.0, 30.0, 20.0, 30.0);
    let worst = hist.iter().map(|x| x.2).max().unwrap_or(1).max(2);
    let x_at = |i: usize| {
        if hist.len() <= 1 {
            (left + w - right) / 2.0
        } else {
            left + i as f64 * (w - left - right) / (hist.len() - 1) as f64
        }
    };
    let y_at = |pos: u32| top + f64::from(pos - 1) / f64::from(worst - 1) * (h - top - bottom);
    let mut s = format!(
        r#"<svg id="rank-history" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-label="{}">"#,
        esc(v.t("Thứ hạng qua các năm", "Rank over the years"))
    );
    for pos in [1, worst.div_ceil(2), worst] {
        let y = y_at(pos);
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{y:.2}" x2="{}" y2="{y:.2}" stroke="#d8dde3"/><text x="{}" y="{:.2}" class="axis" text-anchor="end">{pos}</text>"##,
            w - right,
            left - 6.0,
            y + 4.0
        );
    }
    let points: Vec<String> =
        hist.iter().enumerate().map(|(i, &(_, pos, _))| format!("{:.2},{:.2}", x_at(i), y_at(pos))).collect();
    if points.len() > 1 {
        let _ =
            write!(s, r##"<polyline points="{}" fill="none" stroke="#1f4e8c" stroke-width="2.5"/>"##, points.join(" "));
    }
    for (i, &(year, pos, of)) in hist.iter().enumerate() {
        let (x, y) = (x_at(i), y_at(pos));
        let _ = write!(
            s,
            r##"<circle class="point" cx="{x:.2}" cy="{y:.2}" r="4.5" fill="#1f4e8c"/><text x="{x:.2}" y="{:.2}" class="value" text-anchor="middle">{pos}/{of}</text><text x="{x:.2}" y="{}" class="axis" text-anchor="middle">{year}</text>"##,
            if y - 10.0 < top { y + 18.0 } else { y - 9.0 },
            h - 8.0
        );
    }
    s.push_str("</svg>");
    s
}
