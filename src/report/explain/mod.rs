//! `explain` output: one unit's scores, ranks, indicators, contributions and history, as a
//! terminal text, Markdown or JSON. Renderers format what `score::explain` computed.

mod group;
mod json;
mod prep;
mod text;

use super::Lang;
use crate::model::panel::Unit;
use crate::model::tree::{IndicatorTree, NodeId};
use crate::score::Rank;
use crate::score::explain::Explanation;
use std::io::{self, Write};

/// Output formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExplainFormat {
    /// Text and tables for the terminal.
    Table,
    /// Machine-readable (see README).
    Json,
    /// Markdown, to paste into a report.
    Md,
}

/// What the explain renderers need.
#[derive(Debug)]
pub struct ExplainView<'a> {
    pub tree: &'a IndicatorTree,
    pub units: &'a [Unit],
    pub indicators: &'a [NodeId],
    pub ex: &'a Explanation,
    pub lang: Lang,
    /// What imputation and treatment changed, to mark the unit's values.
    pub prep: Option<&'a crate::model::prepare::PrepLog>,
    /// The unit against its group (region), when there is one.
    pub group: Option<&'a crate::score::group::GroupComparison>,
}

/// Writes an explanation in a format.
///
/// # Errors
/// Only the writer's own errors.
pub fn render(format: ExplainFormat, view: &ExplainView<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ExplainFormat::Table => text::render(view, out, false),
        ExplainFormat::Md => text::render(view, out, true),
        ExplainFormat::Json => json::render(view, out),
    }
}

impl ExplainView<'_> {
    pub(crate) fn en(&self) -> bool {
        self.lang == Lang::En
    }

    fn decimals(&self) -> usize {
        self.tree.info.rank_decimals.unwrap_or(4) as usize
    }

    pub(crate) fn fixed(&self, x: Option<f64>) -> String {
        super::fixed(x, self.decimals(), self.lang)
    }

    pub(crate) fn signed(&self, x: Option<f64>) -> String {
        super::signed(x, self.decimals(), self.lang)
    }

    /// A weight: at least 4 decimals whatever the scores are rounded to (an index published to
    /// 2 decimals still has weights of 0.0125).
    pub(crate) fn weight(&self, x: Option<f64>) -> String {
        super::fixed(x, self.decimals().max(4), self.lang)
    }

    pub(crate) fn rank(r: Option<Rank>) -> String {
        r.map_or_else(|| "–".into(), |k| k.to_string())
    }

    pub(crate) fn name(&self, node: NodeId) -> &str {
        self.tree.nodes[node].label(self.en())
    }

    /// "up 3 places", "tăng 3 bậc", …
    pub(crate) fn movement(&self, now: Option<Rank>, then: Option<Rank>) -> Option<String> {
        let d = i64::from(then?.pos) - i64::from(now?.pos);
        Some(match (d.signum(), self.en()) {
            (1, true) => format!("up {d} place{}", if d == 1 { "" } else { "s" }),
            (1, false) => format!("tăng {d} bậc"),
            (-1, true) => format!("down {} place{}", -d, if d == -1 { "" } else { "s" }),
            (-1, false) => format!("giảm {} bậc", -d),
            (_, true) => "unchanged".into(),
            (_, false) => "giữ nguyên hạng".into(),
        })
    }

    /// The paragraph a provincial report opens with.
    pub(crate) fn summary(&self) -> String {
        let (ex, en, root) = (self.ex, self.en(), self.tree.root);
        let unit = &self.units[ex.unit].name;
        let index = self.tree.nodes[root].id.to_uppercase();
        let mut s = if en {
            format!(
                "{unit} in {}: {index} {}, ranked {}",
                ex.year,
                self.fixed(ex.score[root]),
                Self::rank(ex.rank[root])
            )
        } else {
            format!(
                "{unit} năm {}: {index} {}, xếp hạng {}",
                ex.year,
                self.fixed(ex.score[root]),
                Self::rank(ex.rank[root])
            )
        };
        if let (Some(c), Some(prev)) = (ex.compare_year, &ex.previous_rank)
            && let Some(m) = self.movement(ex.rank[root], prev[root])
        {
            let delta = self.signed(ex.total_change);
            s += &if en {
                format!(", {m} from {c} (score {delta})")
            } else {
                format!(", {m} so với năm {c} (điểm {delta})")
            };
        }
        s.push('.');
        if let Some(g) = self.group_sentence() {
            s += &format!(" {g}");
        }
        let pillars: Vec<String> = self
            .tree
            .pillars()
            .iter()
            .map(|&p| format!("{} {} ({})", self.name(p), self.fixed(ex.score[p]), Self::rank(ex.rank[p])))
            .collect();
        if !pillars.is_empty() {
            s += &format!(" {}.", pillars.join(", "));
        }
        let list = |idx: &[usize]| -> String {
            idx.iter()
                .map(|&i| format!("{} ({})", self.name(ex.indicators[i].node), Self::rank(ex.indicators[i].rank)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let parts: Vec<String> = [(&ex.strongest, "Strongest", "Mạnh nhất"), (&ex.weakest, "weakest", "yếu nhất")]
            .into_iter()
            .filter(|(l, _, _)| !l.is_empty())
            .map(|(l, e, v)| format!("{}: {}", if en { e } else { v }, list(l)))
            .collect();
        if !parts.is_empty() {
            let mut text = parts.join("; ");
            // "weakest" opens the sentence when there is no strongest.
            if let Some(first) = text.get(..1) {
                text = first.to_uppercase() + &text[1..];
            }
            s += &format!(" {text}.");
        }
        let mut moves: Vec<(f64, NodeId)> = ex.change_lines().into_iter().map(|(n, c)| (c, n)).collect();
        moves.sort_by(|a, b| b.0.total_cmp(&a.0));
        let fmt = |m: &[(f64, NodeId)]| {
            m.iter().map(|(c, n)| format!("{} {}", self.name(*n), self.signed(Some(*c)))).collect::<Vec<_>>().join(", ")
        };
        let ups: Vec<_> = moves.iter().filter(|m| m.0 > 0.0).take(3).copied().collect();
        let downs: Vec<_> = moves.iter().rev().filter(|m| m.0 < 0.0).take(3).copied().collect();
        if !ups.is_empty() {
            s += &if en {
                format!(" The change comes mostly from {}", fmt(&ups))
            } else {
                format!(" Thay đổi chủ yếu nhờ {}", fmt(&ups))
            };
            if !downs.is_empty() {
                s += &if en {
                    format!("; held back by {}", fmt(&downs))
                } else {
                    format!("; kéo xuống bởi {}", fmt(&downs))
                };
            }
            s.push('.');
        }
        s
    }
}
