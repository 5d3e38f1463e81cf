//! The command line, declared with clap's derive API. Doc comments here are the `--help` text.
//! Nothing here reads a file or computes.

use crate::report::explain::ExplainFormat;
use crate::report::page::PageFormat;
use crate::report::plan::PlanFormat;
use crate::report::{Format, Lang, TextFormat};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

mod shared;
pub use shared::{BoundsArg, CompareArgs, GroupArgs, InputArgs, OutputArgs};

/// Compute a provincial Digital Transformation Index (DTI), or any composite index built the
/// same way: indicator definitions in TOML, unit data from CSV or Excel, a score and rank for
/// every node, and the change since a comparison year.
///
/// Exit codes: 0 success (a closed pipe counts as success); 1 invalid spec or data, or an I/O
/// failure, with every problem printed to stderr; 2 usage error.
#[derive(Debug, Parser)]
#[command(name = "dti", version, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score and rank every unit for one year, with changes since a comparison year.
    Rank(RankArgs),
    /// Check the spec and the data and report every problem, without ranking.
    Validate(ValidateArgs),
    /// Explain one unit: every node's score and rank, each indicator's weight and
    /// contribution, strengths and weaknesses, rank history, and what moved the index.
    Explain(ExplainArgs),
    /// How firm is each rank? A seeded Monte Carlo over weights, normalisation, aggregation
    /// and leaving one indicator out: each unit's nominal rank, median and 5–95 % interval.
    Sensitivity(SensitivityArgs),
    /// A statistical audit of one year: distributions and outliers, correlations with parents
    /// and the index, collinear pairs, Cronbach's alpha, and indicators that look reversed.
    Audit(AuditArgs),
    /// The annual-report page of one unit (HTML or Markdown, Vietnamese by default): rank and
    /// change, pillars against the national mean and the best unit, rank history, strengths and
    /// weaknesses, what moved the index, distance to national targets. `--all` writes a page
    /// per unit and an index page into a folder.
    Report(ReportArgs),
    /// What it takes: the score a unit needs for a rank (`--rank 10`) or a score, and a plan
    /// reaching it (which indicators to raise, from which value to which, each with the score
    /// it adds); or, with `--targets`, where the unit's own targets would put it.
    Plan(PlanArgs),
    /// An empty data-entry workbook generated from the spec: a sheet per year, a row per
    /// registered unit, a column per indicator with its name, unit and allowed values, and
    /// validation; filled in, `dti rank` reads it back as it is.
    Template(TemplateArgs),
}

/// Options of `dti report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The unit, as in the data or any spelling the registry knows (`Thanh Hoa`, `TP.HCM`).
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub unit: Option<String>,
    /// A page for every unit of the year, and an index page, into the folder given by --output.
    #[arg(long)]
    pub all: bool,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub years: CompareArgs,
    /// Page format (default: from the --output extension, else html).
    #[arg(long, value_enum)]
    pub format: Option<PageFormat>,
    /// Add a section "Để vào top K" (To reach the top K): the plan of `dti plan --rank K`.
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..))]
    pub plan: Option<u32>,
    #[command(flatten)]
    pub out: OutputArgs,
    /// The group the page compares the unit with (default: `region` when the registry or the
    /// spec gives one, else the spec's first group).
    #[arg(long, value_name = "COLUMN")]
    pub group: Option<String>,
}

/// Options of `dti plan`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("goal").required(true).args(["rank", "score", "targets"])))]
pub struct PlanArgs {
    /// The unit, as in the data or any spelling the registry knows (`Tra Vinh`, `TP.HCM`).
    pub unit: String,
    /// Reach this rank or better (other units as they are).
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..))]
    pub rank: Option<u32>,
    /// Reach this index score or more.
    #[arg(long, value_name = "S")]
    pub score: Option<f64>,
    /// The unit's own targets: a CSV of `indicator,value` rows (ids or data columns), or a
    /// file shaped like the data (the unit's row); shows the projected score, rank and pillar
    /// ranks beside today's.
    #[arg(long, value_name = "FILE")]
    pub targets: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format (default: from the --output extension, else table).
    #[arg(long, value_enum)]
    pub format: Option<PlanFormat>,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Options of `dti template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The indicator spec (TOML).
    #[arg(long, value_name = "FILE", default_value = "indicators.toml")]
    pub spec: PathBuf,
    /// The years to ask for: one sheet each, e.g. `--year 2024` or `--year 2023,2024`.
    #[arg(long, value_name = "Y", value_delimiter = ',', required = true)]
    pub year: Vec<i32>,
    /// One row per unit after the 2025 merger (34) instead of the 63 provinces.
    #[arg(long)]
    pub merged: bool,
    /// The workbook to write (.xlsx), atomically.
    #[arg(long, short, value_name = "FILE")]
    pub output: PathBuf,
    /// Language of the notes and the read-me sheet (default: vi for Vietnamese provinces).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

/// Options of `dti audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format (default: from the --output extension, else table).
    #[arg(long, value_enum)]
    pub format: Option<TextFormat>,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// A normalisation a replication may draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MethodArg {
    Minmax,
    Zscore,
    Goalpost,
    Rank,
}

/// An aggregation a replication may draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AggregateArg {
    Mean,
    Geometric,
    Harmonic,
}

/// Options of `dti sensitivity` (defaults from the spec's [sensitivity] section).
#[derive(Debug, Args)]
pub struct SensitivityArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Number of replications (default: the spec's, else 1000).
    #[arg(long, value_name = "N")]
    pub runs: Option<usize>,
    /// Seed of the random draws (default: the spec's, else 1). Same seed, same bytes.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Multiply every weight by a uniform draw from [1 − x, 1 + x], e.g. 0.25.
    #[arg(long, value_name = "X")]
    pub weight_noise: Option<f64>,
    /// Normalisations to draw from, e.g. `minmax,zscore,goalpost` (where the spec allows).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    pub normalize: Vec<MethodArg>,
    /// Aggregations to draw from, e.g. `mean,geometric`.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "LIST")]
    pub aggregate: Vec<AggregateArg>,
    /// Leave one indicator out (or none) in each replication.
    #[arg(long)]
    pub drop_one: bool,
    /// Draw imputation and outlier treatment on or off in each replication (each step the
    /// spec's `impute` / `treat` uses, independently).
    #[arg(long)]
    pub toggle_prepare: bool,
    /// Output format (default: from the --output extension, else table).
    #[arg(long, value_enum)]
    pub format: Option<TextFormat>,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Write each replication's draws and resulting ranks to this CSV file, for audit.
    #[arg(long, value_name = "FILE")]
    pub save_runs: Option<PathBuf>,
}

/// Options of `dti explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The unit, as in the data or any spelling the registry knows (`Thanh Hoa`, `TP.HCM`).
    pub unit: String,
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub years: CompareArgs,
    /// Output format (default: from the --output extension, else table).
    #[arg(long, value_enum)]
    pub format: Option<ExplainFormat>,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Compare the unit with its group (default: `region` when the registry or the spec
    /// gives one): its rank in the group, the group's mean and best.
    #[arg(long, value_name = "COLUMN")]
    pub group: Option<String>,
}

/// Options of `dti validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// `text` (a summary line, problems on stderr) or `json` (every problem as data on stdout).
    #[arg(long, value_enum, default_value = "text")]
    pub format: ValidateFormat,
}

/// Output formats of `dti validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ValidateFormat {
    /// `ok: …` (or `ok, N warnings: …`) on stdout; each problem on stderr.
    Text,
    /// `{"ok", "errors", "warnings", "problems": [...]}` on stdout.
    Json,
}

/// Options of `dti rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub years: CompareArgs,
    /// Output format (default: from the --output extension, else table).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub out: OutputArgs,
    /// Add each indicator's raw and normalised value (csv, json).
    #[arg(long)]
    pub detail: bool,
    /// What-if: change a weight, `parent.child=W` (e.g. `gov.gov_activity=250`) or
    /// `child.weight=W` (under every parent); repeat for several. Ranks are then compared with
    /// the spec's own weights instead of an earlier year.
    #[arg(long = "set", value_name = "KEY=W", conflicts_with = "compare")]
    pub set: Vec<String>,
    /// What-if weights from a TOML file of `"parent.child" = W` lines.
    #[arg(long, value_name = "FILE", conflicts_with = "compare")]
    pub weights: Option<PathBuf>,
    /// Rank on the merged units of the spec's [merge] section (the 34 units of 2025),
    /// re-basing years that are on the old units.
    #[arg(long)]
    pub merged: bool,
    /// Rank every year present from Y1 to Y2 (or one year, Y), each against the year before
    /// it, into one long CSV or JSON with a `year` column.
    #[arg(long = "years", value_name = "Y1-Y2", conflicts_with_all = ["compare", "set", "weights", "all_years"])]
    pub year_range: Option<String>,
    /// As --years, over every year present.
    #[arg(long, conflicts_with_all = ["compare", "set", "weights"])]
    pub all_years: bool,
    #[command(flatten)]
    pub groups: GroupArgs,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
