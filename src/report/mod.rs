//! View-model → bytes. `Report` carries a ranking already in display order plus what the
//! renderers need to label it; one file per format implements `Render`. Renderers format and
//! never compute: every number they print was computed in `score/`. Decimal places are
//! decided here and only here.

pub mod audit;
mod audit_prep;
mod csv;
pub mod explain;
mod groups;
pub(crate) mod json;
pub mod long;
mod markdown;
mod number;
pub mod page;
mod prepared;
pub mod sensitivity;
mod shortest;
mod table;
pub mod template;
pub mod validate;
mod xlsx;

use crate::model::panel::Unit;
use crate::model::tree::{Bounds, IndicatorTree, Missing, NodeId, Normalize, UnitsKind};
use crate::score::compare::{Against, Basis, Ranking};
pub use json::SCHEMA;
pub(crate) use json::stamped;
pub(crate) use number::{fixed, local, signed, yes_no};
use std::io::{self, Write};

/// Output formats of `rank`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for the terminal.
    Table,
    /// One row per unit, full precision.
    Csv,
    /// The machine-readable contract (see README).
    Json,
    /// A Markdown table, for reports and issues.
    Md,
    /// An Excel workbook (needs --output): ranking, scores, indicators, changes, run details.
    Xlsx,
}

/// Output formats of the commands that write text only (`sensitivity`, `audit`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextFormat {
    /// A table for the terminal.
    Table,
    /// One row per line, full precision.
    Csv,
    /// Machine-readable (see README).
    Json,
    /// Markdown, for reports and issues.
    Md,
}

impl From<TextFormat> for Format {
    fn from(f: TextFormat) -> Self {
        match f {
            TextFormat::Table => Format::Table,
            TextFormat::Csv => Format::Csv,
            TextFormat::Json => Format::Json,
            TextFormat::Md => Format::Md,
        }
    }
}

/// Language of headers and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Tiếng Việt
    Vi,
    /// English
    En,
}

/// Everything a renderer needs.
#[derive(Debug)]
pub struct Report<'a> {
    pub tree: &'a IndicatorTree,
    pub units: &'a [Unit],
    /// The indicator nodes, in the order of `Standing::raw`.
    pub indicators: &'a [NodeId],
    pub ranking: &'a Ranking<'a>,
    pub lang: Lang,
    pub detail: bool,
    /// What the run read (for the workbook's `Run` sheet); `None` where nobody asks.
    pub run: Option<&'a RunInfo>,
    /// What imputation and treatment changed; `None` where nobody asks.
    pub prep: Option<&'a crate::model::prepare::PrepLog>,
}

/// The inputs of a run as files: the spec and each data file with its SHA-256 (`None` for
/// stdin), and the years the data holds.
#[derive(Debug, Clone, Default)]
pub struct RunInfo {
    pub spec: (String, Option<String>),
    pub files: Vec<(String, Option<String>)>,
    pub years: Vec<crate::model::Year>,
}

/// One output format.
pub trait Render {
    /// Writes the report.
    ///
    /// # Errors
    /// Only the writer's own errors.
    fn render(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()>;
}

/// The renderer of a format.
#[must_use]
pub fn renderer(format: Format) -> Box<dyn Render> {
    match format {
        Format::Table => Box::new(table::Table),
        Format::Csv => Box::new(csv::Csv),
        Format::Json => Box::new(json::Json),
        Format::Md => Box::new(markdown::Markdown),
        Format::Xlsx => Box::new(xlsx::Xlsx),
    }
}

/// Text for HTML: `&`, `<`, `>` and `"` escaped.
pub(crate) fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

impl Report<'_> {
    fn en(&self) -> bool {
        self.lang == Lang::En
    }

    /// The composite nodes to show: root, pillars, then the rest.
    fn nodes(&self) -> Vec<NodeId> {
        self.tree.report_nodes()
    }

    fn decimals(&self) -> usize {
        self.tree.info.rank_decimals.unwrap_or(4) as usize
    }

    fn fixed(&self, x: Option<f64>) -> String {
        fixed(x, self.decimals(), self.lang)
    }

    fn signed(&self, x: Option<f64>) -> String {
        signed(x, self.decimals(), self.lang)
    }

    /// `↑3`, `↓2`, `=`, or `new` for a unit absent in the comparison year.
    fn arrow(&self, row: usize, node: NodeId) -> String {
        let r = &self.ranking.rows[row];
        match (r.previous.is_some(), r.rank_change(node)) {
            (false, _) => if self.en() { "new" } else { "mới" }.to_string(),
            (true, Some(0)) => "=".to_string(),
            (true, Some(d)) if d > 0 => format!("↑{d}"),
            (true, Some(d)) => format!("↓{}", -d),
            (true, None) => String::new(),
        }
    }

    fn unit_header(&self) -> &'static str {
        match (self.tree.info.units, self.en()) {
            (UnitsKind::VnProvinces, false) => "Tỉnh/thành phố",
            (UnitsKind::VnProvinces, true) => "Province",
            (UnitsKind::Free, false) => "Đơn vị",
            (UnitsKind::Free, true) => "Unit",
        }
    }

    fn node_header(&self, node: NodeId) -> String {
        if node == self.tree.root {
            self.tree.nodes[node].id.to_uppercase()
        } else {
            self.tree.nodes[node].label(self.en()).to_string()
        }
    }

    /// The columns of the human-readable formats: rank, unit, root score and changes, then
    /// each pillar's score with its rank.
    fn human_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let root = self.tree.root;
        let pillars = self.tree.pillars();
        let compare = self.ranking.compare_year.is_some();
        let mut head = vec![if self.en() { "Rank" } else { "Hạng" }.to_string(), self.unit_header().to_string()];
        if let Some(g) = self.groups() {
            head.extend(self.group_headers(g));
        }
        head.push(self.node_header(root));
        if compare {
            head.push(if self.en() { "± score" } else { "± điểm" }.to_string());
            head.push(if self.en() { "± rank" } else { "± hạng" }.to_string());
        }
        head.extend(pillars.iter().map(|&p| self.node_header(p)));
        let rows = self
            .ranking
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut cells =
                    vec![r.now.rank(root).map_or_else(|| "–".into(), |k| k.to_string()), self.marked_name(r.unit)];
                if let Some(g) = self.groups() {
                    cells.extend(self.group_cells(g, r.unit, root));
                }
                cells.push(self.fixed(r.now.score(root)));
                if compare {
                    cells.push(self.signed(r.score_change(root)));
                    cells.push(self.arrow(i, root));
                }
                for &p in &pillars {
                    let rank = r.now.rank(p).map_or_else(|| "–".into(), |k| k.pos.to_string());
                    cells.push(format!("{} ({rank})", self.fixed(r.now.score(p))));
                }
                cells
            })
            .collect();
        (head, rows)
    }

    /// Units ranked in the comparison year with no data this year, or `None`.
    fn gone_line(&self) -> Option<String> {
        let r = self.ranking;
        let (c, root) = (r.compare_year?, self.tree.root);
        if r.gone.is_empty() {
            return None;
        }
        let list: Vec<String> = r
            .gone
            .iter()
            .map(|(u, s)| match s.rank(root) {
                Some(k) => format!("{} ({k})", self.units[*u].name),
                None => self.units[*u].name.clone(),
            })
            .collect();
        Some(if self.en() {
            format!("No data for {} (ranked in {c}): {}", r.year, list.join(", "))
        } else {
            format!("Không có số liệu năm {} (có năm {c}): {}", r.year, list.join(", "))
        })
    }

    /// Where the normalisation statistics come from, in words.
    pub(crate) fn bounds_text(&self) -> String {
        let en = self.en();
        let mut bounds: Vec<&str> = self
            .indicators
            .iter()
            .filter_map(|&k| match self.tree.nodes[k].indicator().map(|i| &i.normalize) {
                Some(Normalize::MinMax(b) | Normalize::ZScore(b)) => Some(match (b, en) {
                    (Bounds::Year, true) => "per year",
                    (Bounds::Year, false) => "theo từng năm",
                    (Bounds::Pooled, true) => "pooled over all years",
                    (Bounds::Pooled, false) => "gộp mọi năm",
                    (Bounds::Fixed(..), true) => "fixed",
                    (Bounds::Fixed(..), false) => "cố định",
                }),
                Some(Normalize::Rank) => Some(if en { "per year" } else { "theo từng năm" }),
                _ => None,
            })
            .collect();
        bounds.sort_unstable();
        bounds.dedup();

        if bounds.is_empty() {
            if en {
                "absolute (no statistics taken from the data)"
            } else {
                "tuyệt đối (không lấy thống kê từ dữ liệu)"
            }
            .to_string()
        } else {
            bounds.join(", ")
        }
    }

    /// The missing-data policies of the composites, in words.
    pub(crate) fn missing_text(&self) -> String {
        let mut policies: Vec<&str> = self
            .tree
            .nodes
            .iter()
            .filter_map(|n| n.composite())
            .map(|c| match c.missing {
                Missing::Reweight => "reweight",
                Missing::Zero => "zero",
                Missing::Error => "error",
            })
            .collect();
        policies.sort_unstable();
        policies.dedup();
        policies.join(", ")
    }

    /// What the numbers rest on: years, unit set, how bounds and gaps were handled.
    pub(crate) fn footer(&self) -> String {
        let en = self.en();
        let r = self.ranking;
        let mut parts = vec![match (r.compare_year, en) {
            _ if r.against == Against::SpecWeights && en => {
                format!("{}: what-if weights, compared with the spec's own weights", r.year)
            }
            _ if r.against == Against::SpecWeights => {
                format!("Năm {}: trọng số giả định, so với trọng số gốc của spec", r.year)
            }
            (Some(c), true) => format!("{}, compared with {c}", r.year),
            (Some(c), false) => format!("Năm {}, so với {c}", r.year),
            (None, true) => format!("{}, no comparison year", r.year),
            (None, false) => format!("Năm {}, không so sánh", r.year),
        }];
        parts.push(if en {
            format!("{} units ranked", r.units_ranked)
        } else {
            format!("{} đơn vị được xếp hạng", r.units_ranked)
        });
        if r.compare_year.is_some() && r.against == Against::Year {
            let new = r.rows.iter().filter(|row| row.previous.is_none()).count();
            let mut s = if en {
                format!("{} in both years", r.common)
            } else {
                format!("{} đơn vị có cả hai năm", r.common)
            };
            if new > 0 {
                s += &if en { format!(", {new} new") } else { format!(", {new} mới") };
            }
            if !r.gone.is_empty() {
                s += &if en { format!(", {} gone", r.gone.len()) } else { format!(", {} không còn", r.gone.len()) };
            }
            parts.push(s);
        }
        if let Basis::Merged { units, rebased } = &r.basis {
            let years: Vec<String> = rebased.iter().map(ToString::to_string).collect();
            parts.push(match (rebased.is_empty(), en) {
                (true, true) => format!("merged units ({units})"),
                (true, false) => format!("đơn vị sau sáp nhập ({units})"),
                (false, true) => format!("merged units ({units}); {} re-based from the old units", years.join(", ")),
                (false, false) => {
                    format!("đơn vị sau sáp nhập ({units}); năm {} tính lại từ các tỉnh cũ", years.join(", "))
                }
            });
        }
        let bounds = self.bounds_text();
        parts.push(if en { format!("normalisation bounds: {bounds}") } else { format!("chuẩn hoá: {bounds}") });
        let policies = self.missing_text();
        parts.push(if en { format!("missing data: {policies}") } else { format!("thiếu dữ liệu: {policies}") });
        parts.extend(self.prep_footer());
        parts.extend(self.tree.info.data_note.clone());
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests;
