//! View-model → bytes. `Report` carries a ranking already in display order plus what the
//! renderers need to label it; one file per format implements `Render`. Renderers format and
//! never compute: every number they print was computed in `score/`. Decimal places are
//! decided here and only here.

pub mod audit;
mod audit_prep;
mod csv;
pub mod explain;
mod grid;
mod groups;
pub(crate) mod json;
pub mod long;
mod markdown;
mod number;
pub mod page;
pub mod plan;
mod prepared;
pub mod sensitivity;
mod shortest;
mod table;
pub mod template;
pub mod validate;
mod view;
mod xlsx;

use crate::model::panel::Unit;
use crate::model::tree::{IndicatorTree, NodeId};
use crate::score::compare::Ranking;
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

#[cfg(test)]
mod tests;
