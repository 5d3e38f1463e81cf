//! One function per command (one file each), chaining the stages: load → validate → score → rank/compare →
//! render → write. The only place besides `load/` that touches the file system; no business
//! logic of its own.

mod check;
mod explain;
mod format;
mod groups;
mod output;
mod plan;
mod rank;
mod report;
mod sensitivity;
mod signals;
mod template;
mod unfilled;

use crate::cli::{BoundsArg, Cli, Command, CompareArgs, InputArgs};
use crate::error::{Diagnostic, Diagnostics, Place};
use crate::model::panel::Panel;
use crate::model::prepare::PrepLog;
use crate::model::tree::{Bounds, IndicatorTree, UnitsKind};
use crate::report::Lang;
use crate::score::{self, compare};
use crate::{load, validate};
use anyhow::{Context, Result};
use output::{refuse_input_as_output, write_output, write_rendered};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Runs a parsed command line.
///
/// # Errors
/// `Diagnostics` for invalid input; an I/O error (with context) otherwise.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Rank(args) => rank::rank(&args),
        Command::Validate(args) => check::validate(&args),
        Command::Explain(args) => explain::explain(&args),
        Command::Sensitivity(args) => sensitivity::sensitivity(&args),
        Command::Audit(args) => sensitivity::audit(&args),
        Command::Report(args) => report::report(&args),
        Command::Template(args) => template::template(&args),
        Command::Plan(args) => plan::plan(&args),
    }
}

/// The validated spec and data of a run, and the files they came from.
pub struct Inputs {
    pub tree: IndicatorTree,
    pub panel: Panel,
    pub files: Vec<PathBuf>,
    /// What preparation (imputation, treatment) changed in `panel`.
    pub prep: PrepLog,
    /// The panel before imputation and treatment, kept only when the spec asks for either
    /// (`sensitivity --toggle-prepare` starts from it).
    pub unprepared: Option<Panel>,
}

pub(super) fn warn(diags: &[Diagnostic]) {
    if !diags.is_empty() {
        eprint!("{}", crate::error::Listing(diags));
    }
}

/// Reads and validates the spec and every data file, reporting all problems at once.
///
/// # Errors
/// `Diagnostics` with every problem found.
pub fn inputs(args: &InputArgs) -> Result<Inputs> {
    inputs_of_years(args, &|_, _| None)
}

/// The years whose values a command reads, from the spec and the years the files hold
/// (`None`: every year).
pub(super) type YearChoice<'a> = &'a dyn Fn(&IndicatorTree, &BTreeSet<i32>) -> Option<BTreeSet<i32>>;

/// As `inputs`, reading the values of the years `choose` picks only (rows of other years are
/// checked for shape, their numbers not read).
pub(super) fn inputs_of_years(args: &InputArgs, choose: YearChoice<'_>) -> Result<Inputs> {
    let mut warnings = Vec::new();
    let inp = read_inputs_of_years(args, &mut warnings, choose);
    warn(&warnings);
    inp
}

/// As `inputs`, handing the warnings back instead of printing them.
///
/// # Errors
/// As `inputs`.
pub(super) fn read_inputs(args: &InputArgs, found: &mut Vec<Diagnostic>) -> Result<Inputs> {
    read_inputs_of_years(args, found, &|_, _| None)
}

fn read_inputs_of_years(args: &InputArgs, found: &mut Vec<Diagnostic>, choose: YearChoice<'_>) -> Result<Inputs> {
    let shown = args.spec.display().to_string();
    let source = load::read_text(&args.spec)
        .map_err(|d| Diagnostics(vec![d.help("pass --spec FILE, or run in a folder with indicators.toml")]))?;
    let base = args.spec.parent().unwrap_or(Path::new(""));
    let (mut tree, warnings) = validate::spec(&source, &shown, base)?;
    if let Some(b) = args.bounds {
        tree.override_bounds(match b {
            BoundsArg::Year => Bounds::Year,
            BoundsArg::Pooled => Bounds::Pooled,
        });
    }
    found.extend(warnings);
    let files = if args.data.is_empty() { tree.info.data.clone() } else { args.data.clone() };
    if !files.iter().all(|f| is_spec_data(&tree.info.data, f)) {
        tree.info.data_note = None;
    }
    if files.is_empty() {
        return Err(Diagnostics(vec![
            Diagnostic::error("no data files")
                .at(Place::File { path: shown })
                .help("pass --data FILE, or list files in [index] data = [...]"),
        ])
        .into());
    }
    let encoding = match args.encoding.as_deref().map(|e| (e, load::encoding_by_name(e))) {
        None => None,
        Some((_, Some(e))) => Some(e),
        Some((name, None)) => {
            let d = Diagnostic::error(format!("unknown encoding `{name}`"))
                .help("use utf-8, utf-16le, utf-16be, windows-1258, or another WHATWG encoding label");
            return Err(Diagnostics(vec![d]).into());
        }
    };
    let read = load::ReadOptions {
        sheet: args.sheet.clone(),
        encoding,
        hint: validate::header_hint(&tree, args.header_row.map(|r| r as usize)),
    };
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        match load::load_table(f, &read) {
            Ok(t) => tables.extend(t),
            Err(mut d) => problems.append(&mut d),
        }
    }
    // The years every row is known to be in before its values are read (else all are read).
    let present = tables.iter().try_fold(BTreeSet::new(), |mut all, t| {
        all.extend(t.years().or_else(|| args.year.map(|y| [y].into()))?);
        Some(all)
    });
    let only_years = present.and_then(|p| choose(&tree, &p));
    let opts = validate::DataOptions { year: args.year, strict: args.strict, only_years };
    let mut panel = match validate::panel(&tree, &tables, &opts) {
        Ok((panel, warnings)) if problems.is_empty() => {
            found.extend(warnings);
            panel
        }
        Ok(_) => return Err(Diagnostics(problems).into()),
        Err(Diagnostics(mut more)) => {
            problems.append(&mut more);
            return Err(Diagnostics(problems).into());
        }
    };
    let (imputes, treats) = score::prepare::any(&tree);
    let unprepared = (imputes || treats).then(|| panel.clone());
    let prep = score::prepare::prepare(&tree, &mut panel);
    found.extend(unfilled::warnings(&tree, &prep));
    Ok(Inputs { tree, panel, files, prep, unprepared })
}

/// The year to show (default: the latest) and the comparison year (default: the latest
/// earlier one; none with `--no-compare`).
pub(super) fn years(
    inp: &Inputs,
    scores: &score::Scores,
    year: Option<i32>,
    c: &CompareArgs,
) -> Result<(i32, Option<i32>)> {
    let years = inp.panel.year_list();
    let year = pick_year(year, &years, "--year")?;
    let compare_year = match (c.no_compare, c.compare) {
        (true, _) => None,
        (false, Some(c)) if c >= year => {
            let d = Diagnostic::error(format!("--compare {c} is not earlier than the ranked year {year}"));
            return Err(Diagnostics(vec![d]).into());
        }
        (false, Some(c)) => Some(pick_year(Some(c), &years, "--compare")?),
        (false, None) => compare::previous_year(scores, year),
    };
    Ok((year, compare_year))
}

pub(super) fn pick_year(asked: Option<i32>, years: &[i32], flag: &str) -> Result<i32> {
    match asked {
        None => years.last().copied().context("the data has no years"),
        Some(y) if years.contains(&y) => Ok(y),
        Some(y) => {
            let list: Vec<String> = years.iter().map(ToString::to_string).collect();
            Err(Diagnostics(vec![
                Diagnostic::error(format!("{flag} {y}: the data has no year {y}"))
                    .help(format!("years present: {}", list.join(", "))),
            ])
            .into())
        }
    }
}

/// Whether `file` is one of the spec's own data files, or a workbook of the same name beside
/// one (the bundled sample ships as CSV and as a workbook).
fn is_spec_data(spec_data: &[PathBuf], file: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    let Some(file) = canon(file) else { return false };
    spec_data
        .iter()
        .filter_map(|d| canon(d))
        .any(|d| d == file || (d.parent() == file.parent() && d.file_stem() == file.file_stem()))
}

/// The spec and data files of a run with their SHA-256, for the workbook's `Run` sheet.
///
/// # Errors
/// A file that could no longer be read.
pub(super) fn run_info(input: &InputArgs, inp: &Inputs) -> Result<crate::report::RunInfo> {
    let hashed = |p: &Path| -> Result<(String, Option<String>)> {
        Ok((p.display().to_string(), load::sha256_file(p).map_err(|d| Diagnostics(vec![d]))?))
    };
    Ok(crate::report::RunInfo {
        spec: hashed(&input.spec)?,
        files: inp.files.iter().map(|f| hashed(f)).collect::<Result<_>>()?,
        years: inp.panel.year_list(),
    })
}

/// Reads and validates the inputs, refuses outputs that are inputs, scores every year and
/// prints the warnings: the opening of every command that scores.
pub(super) fn scored<'a>(
    input: &InputArgs,
    outputs: impl IntoIterator<Item = &'a PathBuf>,
) -> Result<(Inputs, score::Scores)> {
    let inp = inputs(input)?;
    for out in outputs {
        refuse_input_as_output(out, &input.spec, &inp.files)?;
    }
    let (scores, warnings) = score::score(&inp.tree, &inp.panel)?;
    warn(&warnings);
    Ok((inp, scores))
}

/// The language asked for, else Vietnamese for Vietnamese provinces and English otherwise.
pub(super) fn lang(inp: &Inputs, asked: Option<Lang>) -> Lang {
    asked.unwrap_or(if inp.tree.info.units == UnitsKind::VnProvinces { Lang::Vi } else { Lang::En })
}
