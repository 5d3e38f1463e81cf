//! The option groups several commands flatten into theirs: where the spec and data come
//! from, where the output goes, which year to compare with, and ranking within groups.
//! Declarations only, as in `cli`.

use crate::report::Lang;
use clap::Args;
use std::path::PathBuf;

/// Where the spec and the data come from.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// The indicator spec (TOML).
    #[arg(long, value_name = "FILE", default_value = "indicators.toml")]
    pub spec: PathBuf,
    /// A data file: .csv, .xlsx, .xls or .ods; `-` reads CSV from stdin. Repeat for several
    /// files (their rows are concatenated). Default: the spec's `data` list.
    #[arg(long = "data", value_name = "FILE")]
    pub data: Vec<PathBuf>,
    /// The workbook sheet to read (default: every sheet named by a year, else the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// The encoding of CSV and text files, when it is not found by itself: utf-8, utf-16le,
    /// utf-16be, windows-1258, or another WHATWG label (default: a byte-order mark, else
    /// UTF-8, else Windows-1258 when every character it gives is Vietnamese).
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// The header's row number (1-based, as the spreadsheet shows it), when it is not found
    /// below the title rows by itself (default: `header_row` in [index], else found).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub header_row: Option<u32>,
    /// The year to rank (default: the latest present); also the year of rows in files that
    /// have no year column and no year in their name.
    #[arg(long, value_name = "Y")]
    pub year: Option<i32>,
    /// Make implausible values (a percentage above 100, say) errors instead of warnings.
    #[arg(long)]
    pub strict: bool,
    /// Override where every minmax and zscore indicator takes its statistics: `year` (each
    /// year on its own) or `pooled` (all years together, so that changes are comparable).
    #[arg(long, value_enum, value_name = "B")]
    pub bounds: Option<BoundsArg>,
}

/// Values of `--bounds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BoundsArg {
    /// Statistics of each year on its own.
    Year,
    /// Statistics of all years together.
    Pooled,
}

/// Where the output goes and in which language.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write to this file instead of stdout, atomically: a failed run leaves an existing file
    /// untouched.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of headers, labels and text (default: vi when the spec matches Vietnamese
    /// provinces, else en).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

/// Which earlier year to compare with.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Compare with this earlier year (default: the latest earlier year present).
    #[arg(long, value_name = "Y", conflicts_with = "no_compare")]
    pub compare: Option<i32>,
    /// Do not compare with an earlier year.
    #[arg(long)]
    pub no_compare: bool,
}

/// Ranks within groups (regions).
#[derive(Debug, Args)]
pub struct GroupArgs {
    /// Rank within groups as well: a group column of the data (`[index] groups`), or `region`
    /// (with units = "vn-provinces": GSO's six socio-economic regions, built in).
    #[arg(long, value_name = "COLUMN")]
    pub group: Option<String>,
    /// Rank only one group's units, e.g. `--only "region=Đồng bằng sông Cửu Long"`; their
    /// scores are those of the whole index, their ranks among themselves.
    #[arg(long, value_name = "COLUMN=VALUE")]
    pub only: Option<String>,
}
