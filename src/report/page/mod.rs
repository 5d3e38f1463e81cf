//! `dti report`: the annual-report page of one unit, as a self-contained HTML file (inline CSS
//! and SVG, no scripts, nothing fetched, printable on A4) or Markdown; and the index page of
//! `--all`. Vietnamese by default. Renderers format what `score::profile` computed.

mod html;
mod markdown;
mod plan;
mod svg;

use super::Lang;
use super::explain::ExplainView;
use crate::model::panel::Unit;
use crate::model::tree::{IndicatorTree, NodeId};
use crate::score::Rank;
use crate::score::profile::Profile;
use std::io::{self, Write};

/// Output formats of `report`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PageFormat {
    /// One self-contained HTML file (inline CSS and SVG charts).
    Html,
    /// Markdown, to paste into a report.
    Md,
}

/// Indicators with their part of the index change.
type Movers = Vec<(NodeId, f64)>;

/// What a page needs.
#[derive(Debug)]
pub struct PageView<'a> {
    pub tree: &'a IndicatorTree,
    pub units: &'a [Unit],
    pub indicators: &'a [NodeId],
    pub profile: &'a Profile,
    pub lang: Lang,
    /// Where the numbers come from, for the page's footer (spec file, data files).
    pub source: String,
    /// What imputation and treatment changed, to mark the unit's values.
    pub prep: Option<&'a crate::model::prepare::PrepLog>,
    /// The unit against its group (region), for the regional comparison.
    pub group: Option<&'a crate::score::group::GroupComparison>,
    /// `report --plan K`: what it takes to reach the top K.
    pub plan: Option<&'a crate::score::plan::Plan>,
}

/// One line of the `--all` index page.
#[derive(Debug)]
pub struct IndexLine {
    pub name: String,
    pub file: String,
    pub score: Option<f64>,
    pub rank: Option<Rank>,
    pub rank_change: Option<i64>,
}

/// Writes one unit's page.
///
/// # Errors
/// Only the writer's own errors.
pub fn render(format: PageFormat, v: &PageView<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        PageFormat::Html => html::page(v, out),
        PageFormat::Md => markdown::page(v, out),
    }
}

/// Writes the index page of `--all`: every unit by rank, linked to its page.
///
/// # Errors
/// Only the writer's own errors.
pub fn render_index(
    format: PageFormat,
    tree: &IndicatorTree,
    year: i32,
    lines: &[IndexLine],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        PageFormat::Html => html::index(tree, year, lines, lang, out),
        PageFormat::Md => markdown::index(tree, year, lines, lang, out),
    }
}

impl PageView<'_> {
    fn ex(&self) -> ExplainView<'_> {
        ExplainView {
            tree: self.tree,
            units: self.units,
            indicators: self.indicators,
            ex: &self.profile.explanation,
            lang: self.lang,
            prep: self.prep,
            group: self.group,
        }
    }

    fn en(&self) -> bool {
        self.lang == Lang::En
    }

    fn unit_name(&self) -> &str {
        &self.units[self.profile.explanation.unit].name
    }

    /// `Hạng 25/63 năm 2023, tăng 1 bậc so với năm 2022`.
    fn headline(&self) -> String {
        let (ex, en) = (&self.profile.explanation, self.en());
        let rank = ExplainView::rank(self.profile.index.rank);
        let mut s =
            if en { format!("Ranked {rank} in {}", ex.year) } else { format!("Hạng {rank} năm {}", ex.year) };
        if let Some(c) = ex.compare_year {
            match self.ex().movement(self.profile.index.rank, self.profile.index.previous_rank) {
                Some(m) if en => s += &format!(", {m} from {c}"),
                Some(m) => s += &format!(", {m} so với năm {c}"),
                None if en => s += &format!(" (no rank in {c})"),
                None => s += &format!(" (năm {c} chưa xếp hạng)"),
            }
        }
        s
    }

    /// `DTI 0.5432 (+0.0123)`.
    fn score_line(&self) -> String {
        let ex = self.ex();
        let root = self.tree.root;
        let mut s = format!("{} {}", self.tree.nodes[root].id.to_uppercase(), ex.fixed(self.profile.index.score));
        if let Some(d) = self.profile.explanation.total_change {
            s += &format!(" ({})", ex.signed(Some(d)));
        }
        s
    }

    fn title(&self) -> String {
        let root = &self.tree.nodes[self.tree.root];
        format!("{} {} – {}", root.label(self.en()), self.profile.explanation.year, self.unit_name())
    }

    /// The mean over every unit: national for provinces.
    fn mean_label(&self) -> &'static str {
        match (self.tree.info.units, self.en()) {
            (crate::model::tree::UnitsKind::VnProvinces, false) => "Bình quân cả nước",
            (crate::model::tree::UnitsKind::VnProvinces, true) => "National mean",
            (_, false) => "Bình quân các đơn vị",
            (_, true) => "Mean of all units",
        }
    }

    fn t<'s>(&self, vi: &'s str, en: &'s str) -> &'s str {
        if self.en() { en } else { vi }
    }

    /// The largest contributions to the change, up then down: `(indicator, contribution)`.
    fn movers(&self) -> (Movers, Movers) {
        let mut moves: Vec<(NodeId, f64)> = self.profile.explanation.change_lines();
        moves.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let ups = moves.iter().filter(|m| m.1 > 0.0).take(5).copied().collect();
        let downs = moves.iter().rev().filter(|m| m.1 < 0.0).take(5).copied().collect();
        (ups, downs)
    }

    /// The best unit of a standing with its score: `Bắc Ninh (0.8444)`.
    fn best(&self, st: &crate::score::profile::Standing) -> String {
        st.best.map_or_else(|| "–".into(), |(u, x)| format!("{} ({})", self.units[u].name, self.ex().fixed(Some(x))))
    }

    /// What is still to go to a target: the gap with its unit, or "reached".
    fn gap(&self, t: &crate::score::profile::TargetLine) -> String {
        match t.gap {
            None => "–".to_string(),
            Some(g) if g <= 0.0 => self.t("đã đạt", "reached").to_string(),
            Some(g) => self.raw(t.node, Some(g)),
        }
    }

    /// The raw value with its `*`/`†` mark and, when treated, the value before treatment:
    /// `5.89† (60)` (product.md §7: every treated value is visible).
    fn raw_marked(&self, ex: &ExplainView<'_>, node: NodeId, x: Option<f64>) -> String {
        let from = ex.treated_from(node).map_or_else(String::new, |f| format!(" ({})", self.raw(node, Some(f))));
        self.raw(node, x) + &ex.mark(node) + &from
    }

    /// A raw value with the indicator's unit: `36.3 %`.
    fn raw(&self, node: NodeId, x: Option<f64>) -> String {
        let unit = self.tree.nodes[node].indicator().and_then(|i| i.unit.clone()).unwrap_or_default();
        match x {
            None => "–".into(),
            Some(v) if let Some(word) = crate::report::yes_no(&self.tree.nodes[node], v, self.en()) => word.to_string(),
            Some(v) => {
                let v = if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{}", (v * 1e4).round() / 1e4) };
                let v = crate::report::local(v, self.lang);
                if unit.is_empty() { v } else { format!("{v} {unit}") }
            }
        }
    }
}

/// A rank change as an arrow: `↑3`, `↓2`, `=`; nothing without a comparison.
pub(crate) fn arrow(change: Option<i64>) -> String {
    match change {
        None => String::new(),
        Some(0) => "=".into(),
        Some(c) if c > 0 => format!("↑{c}"),
        Some(c) => format!("↓{}", -c),
    }
}

/// A file name for a unit's page: its code when it has one, then its name without diacritics.
#[must_use]
pub fn file_stem(unit: &Unit) -> String {
    let folded: String = crate::model::registry::ascii_words(&unit.name).join("-");
    match &unit.code {
        Some(c) if !c.is_empty() => format!("{c}-{folded}"),
        _ if folded.is_empty() => "unit".into(),
        _ => folded,
    }
}
