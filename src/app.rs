//! One function per command, chaining the stages: load → validate → score → rank/compare →
//! render → write. The only place besides `load/` that touches the file system; no business
//! logic of its own.

use crate::cli::{
    AggregateArg, AuditArgs, BoundsArg, Cli, Command, CompareArgs, ExplainArgs, InputArgs, MethodArg, RankArgs,
    SensitivityArgs,
};
use crate::error::{Diagnostic, Diagnostics, Place};
use crate::model::crosswalk::Crosswalk;
use crate::model::panel::Panel;
use crate::model::registry::provinces;
use crate::model::tree::{Aggregate, Bounds, IndicatorTree, MergeMap, MergeSpec, Normalize, UnitsKind};
use crate::report::audit::AuditView;
use crate::report::explain::{ExplainFormat, ExplainView};
use crate::report::sensitivity::SensitivityView;
use crate::report::{Format, Lang, Report, renderer};
use crate::score::compare::{Against, Basis};
use crate::score::merge::MergedUnits;
use crate::score::{self, compare};
use crate::{load, validate};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Runs a parsed command line.
///
/// # Errors
/// `Diagnostics` for invalid input; an I/O error (with context) otherwise.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Rank(args) => rank(&args),
        Command::Validate(args) => validate(&args),
        Command::Explain(args) => explain(&args),
        Command::Sensitivity(args) => sensitivity(&args),
        Command::Audit(args) => audit(&args),
    }
}

/// The validated spec and data of a run, and the files they came from.
pub struct Inputs {
    pub tree: IndicatorTree,
    pub panel: Panel,
    pub files: Vec<PathBuf>,
}

fn warn(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// Reads and validates the spec and every data file, reporting all problems at once.
///
/// # Errors
/// `Diagnostics` with every problem found.
pub fn inputs(args: &InputArgs) -> Result<Inputs> {
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
    warn(&warnings);
    let files = if args.data.is_empty() { tree.info.data.clone() } else { args.data.clone() };
    if files.is_empty() {
        return Err(Diagnostics(vec![
            Diagnostic::error("no data files")
                .at(Place::File { path: shown })
                .help("pass --data FILE, or list files in [index] data = [...]"),
        ])
        .into());
    }
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        match load::load_table(f, args.sheet.as_deref()) {
            Ok(t) => tables.extend(t),
            Err(mut d) => problems.append(&mut d),
        }
    }
    let opts = validate::DataOptions { year: args.year, strict: args.strict };
    let panel = match validate::panel(&tree, &tables, &opts) {
        Ok((panel, warnings)) if problems.is_empty() => {
            warn(&warnings);
            panel
        }
        Ok(_) => return Err(Diagnostics(problems).into()),
        Err(Diagnostics(mut more)) => {
            problems.append(&mut more);
            return Err(Diagnostics(problems).into());
        }
    };
    Ok(Inputs { tree, panel, files })
}

fn validate(args: &InputArgs) -> Result<()> {
    let inp = inputs(args)?;
    let (_, warnings) = score::score(&inp.tree, &inp.panel)?;
    warn(&warnings);
    let years: Vec<String> = inp.panel.year_list().iter().map(ToString::to_string).collect();
    let composites = inp.tree.nodes.iter().filter(|n| n.composite().is_some()).count();
    println!(
        "ok: {} ({} composites, {} indicators); {} units; years {}; {} file(s)",
        args.spec.display(),
        composites,
        inp.panel.indicators.len(),
        inp.panel.units.len(),
        years.join(", "),
        inp.files.len()
    );
    Ok(())
}

fn rank(args: &RankArgs) -> Result<()> {
    let inp = inputs(&args.input)?;
    if let Some(out) = &args.output {
        refuse_input_as_output(out, &args.input.spec, &inp.files)?;
    }
    let (scores, warnings) = score::score(&inp.tree, &inp.panel)?;
    warn(&warnings);
    let (year, compare_year) = years(&inp, &scores, args.input.year, &args.years)?;
    // What-if weights: rank with the changed weights, and compare with the spec's own.
    let changes = whatif(&inp, args)?;
    let mut tree = inp.tree.clone();
    for &(parent, child, w) in &changes {
        tree.set_weight(parent, child, w);
    }
    let alt = if changes.is_empty() { None } else { Some(score::score(&tree, &inp.panel)?.0) };
    let now = alt.as_ref().unwrap_or(&scores).year(year).context("the ranked year has no scores")?;
    let then = if alt.is_some() { scores.year(year) } else { compare_year.and_then(|y| scores.year(y)) };
    let merge = merge_context(&inp, args.merged)?;
    let ctx = merge.as_ref().map(|(s, c, m)| (s, c, m));
    let (now, then, basis) = score::merge::align(&tree, ctx, now, then, args.merged)?;
    let units = match (&basis, &merge) {
        (Basis::Merged { .. }, Some((_, _, mu))) => &mu.units,
        _ => &inp.panel.units,
    };
    let mut ranking = compare::ranking(&tree, units, &now, then.as_ref(), basis);
    if alt.is_some() {
        ranking.against = Against::SpecWeights;
    }
    let lang = args.lang.unwrap_or(if inp.tree.info.units == UnitsKind::VnProvinces { Lang::Vi } else { Lang::En });
    let format = args.format.unwrap_or_else(|| format_from_path(args.output.as_deref()));
    let report =
        Report { tree: &tree, units, indicators: &inp.panel.indicators, ranking: &ranking, lang, detail: args.detail };
    let mut bytes = Vec::new();
    renderer(format).render(&report, &mut bytes)?;
    write_output(args.output.as_deref(), &bytes)
}

/// The weight changes asked for with `--set` and `--weights`.
fn whatif(inp: &Inputs, args: &RankArgs) -> Result<Vec<validate::WeightChange>> {
    let mut entries = Vec::new();
    if let Some(path) = &args.weights {
        let text = load::read_text(path).map_err(|d| Diagnostics(vec![d]))?;
        entries.extend(validate::weights_file(&text, &path.display().to_string())?);
    }
    for s in &args.set {
        let (k, v) = s.split_once('=').unwrap_or((s.as_str(), ""));
        entries.push((k.to_string(), v.to_string(), None));
    }
    Ok(validate::weight_changes(&inp.tree, &entries)?)
}

/// The spec's merge map and the merged unit set, read when the spec declares `[merge]`.
fn merge_context(inp: &Inputs, wanted: bool) -> Result<Option<(MergeSpec, Crosswalk, MergedUnits)>> {
    let Some(spec) = &inp.tree.merge else {
        if wanted {
            let d = Diagnostic::error("--merged needs a [merge] section in the spec")
                .help("add [merge] with map = \"vn-2025\" (or a from,to CSV) and the nodes to average");
            return Err(Diagnostics(vec![d]).into());
        }
        return Ok(None);
    };
    let cw = match &spec.map {
        MergeMap::Vn2025 => Crosswalk::vn_2025(&provinces()),
        MergeMap::File(path) => {
            let tables = load::load_table(path, None).map_err(Diagnostics)?;
            let table = tables.first().context("the merge map has no table")?;
            validate::crosswalk(table, inp.tree.info.units)?
        }
    };
    let mu = MergedUnits::new(&inp.panel.units, &cw);
    Ok(Some((spec.clone(), cw, mu)))
}

fn explain(args: &ExplainArgs) -> Result<()> {
    let inp = inputs(&args.input)?;
    if let Some(out) = &args.output {
        refuse_input_as_output(out, &args.input.spec, &inp.files)?;
    }
    let (scores, warnings) = score::score(&inp.tree, &inp.panel)?;
    warn(&warnings);
    let (year, compare_year) = years(&inp, &scores, args.input.year, &args.years)?;
    let unit =
        validate::find_unit(inp.tree.info.units, &inp.panel.units, &args.unit).map_err(|d| Diagnostics(vec![d]))?;
    let now = scores.year(year).context("the year has no scores")?;
    let then = compare_year.and_then(|y| scores.year(y));
    let Some(ex) = score::explain::explain(&inp.tree, &inp.panel.indicators, &scores, unit, now, then) else {
        let with: Vec<String> =
            scores.years.iter().filter(|y| y.position(unit).is_some()).map(|y| y.year.to_string()).collect();
        let d = Diagnostic::error(format!("{} has no data for {year}", inp.panel.units[unit].name))
            .help(format!("years with data: {}", with.join(", ")));
        return Err(Diagnostics(vec![d]).into());
    };
    let lang = args.lang.unwrap_or(if inp.tree.info.units == UnitsKind::VnProvinces { Lang::Vi } else { Lang::En });
    let format = args.format.unwrap_or(match format_from_path(args.output.as_deref()) {
        Format::Json => ExplainFormat::Json,
        Format::Md => ExplainFormat::Md,
        _ => ExplainFormat::Table,
    });
    let view =
        ExplainView { tree: &inp.tree, units: &inp.panel.units, indicators: &inp.panel.indicators, ex: &ex, lang };
    let mut bytes = Vec::new();
    crate::report::explain::render(format, &view, &mut bytes)?;
    write_output(args.output.as_deref(), &bytes)
}

fn sensitivity(args: &SensitivityArgs) -> Result<()> {
    use crate::score::sensitivity as mc;
    let inp = inputs(&args.input)?;
    for out in args.output.iter().chain(&args.save_runs) {
        refuse_input_as_output(out, &args.input.spec, &inp.files)?;
    }
    let (scores, warnings) = score::score(&inp.tree, &inp.panel)?;
    warn(&warnings);
    let year = pick_year(args.input.year, &inp.panel.year_list(), "--year")?;
    let cfg = sensitivity_config(&inp.tree, args)?;
    let now = scores.year(year).context("the year has no scores")?;
    let nominal = &now.ranks[inp.tree.root];
    let progress = std::sync::atomic::AtomicUsize::new(0);
    let runs = std::thread::scope(|s| {
        let bar = s.spawn(|| progress_bar(&progress, cfg.runs));
        let runs = mc::run(&inp.tree, &inp.panel, year, &cfg, &progress);
        progress.store(usize::MAX, std::sync::atomic::Ordering::Relaxed);
        let _ = bar.join();
        runs
    });
    if let Some((i, e)) = runs.iter().enumerate().find_map(|(i, r)| r.error.as_ref().map(|e| (i, e))) {
        let failed = runs.iter().filter(|r| r.error.is_some()).count();
        let d = Diagnostic::error(format!("{failed} of {} replications could not be scored; the first (run {i}):\n{e}", cfg.runs))
            .help("a geometric or harmonic mean needs values above 0: leave zscore out, or give `none` indicators positive values");
        return Err(Diagnostics(vec![d]).into());
    }
    let spreads = mc::spreads(nominal, &runs);
    let shifts = mc::run_shifts(nominal, &runs);
    let average_shift = spreads.iter().filter_map(|s| s.mean_shift).sum::<f64>()
        / spreads.iter().filter(|s| s.mean_shift.is_some()).count().max(1) as f64;
    let drivers = mc::drivers(&cfg, &runs, &shifts);
    let names: Vec<&str> = now.units.iter().map(|&u| inp.panel.units[u].name.as_str()).collect();
    let order = mc::display_order(&spreads, &names);
    let lang = args.lang.unwrap_or(if inp.tree.info.units == UnitsKind::VnProvinces { Lang::Vi } else { Lang::En });
    let view = SensitivityView {
        tree: &inp.tree,
        units: &inp.panel.units,
        unit_ids: &now.units,
        year,
        cfg: &cfg,
        spreads: &spreads,
        order: &order,
        average_shift,
        drivers: &drivers,
        lang,
    };
    if let Some(path) = &args.save_runs {
        let mut bytes = Vec::new();
        crate::report::sensitivity::runs_csv(&view, &runs, &mut bytes)?;
        write_output(Some(path), &bytes)?;
    }
    let mut bytes = Vec::new();
    crate::report::sensitivity::render(
        args.format.unwrap_or_else(|| format_from_path(args.output.as_deref())),
        &view,
        &mut bytes,
    )?;
    write_output(args.output.as_deref(), &bytes)
}

fn audit(args: &AuditArgs) -> Result<()> {
    let inp = inputs(&args.input)?;
    if let Some(out) = &args.output {
        refuse_input_as_output(out, &args.input.spec, &inp.files)?;
    }
    let (scores, warnings) = score::score(&inp.tree, &inp.panel)?;
    warn(&warnings);
    let year = pick_year(args.input.year, &inp.panel.year_list(), "--year")?;
    let ys = scores.year(year).context("the year has no scores")?;
    let audit = score::audit::audit(&inp.tree, &inp.panel.indicators, ys);
    let lang = args.lang.unwrap_or(if inp.tree.info.units == UnitsKind::VnProvinces { Lang::Vi } else { Lang::En });
    let view = AuditView { tree: &inp.tree, year, audit: &audit, lang };
    let negative: Vec<Diagnostic> =
        audit.negative().iter().map(|c| Diagnostic::warning(view.negative_message(c))).collect();
    warn(&negative);
    let mut bytes = Vec::new();
    crate::report::audit::render(
        args.format.unwrap_or_else(|| format_from_path(args.output.as_deref())),
        &view,
        &mut bytes,
    )?;
    write_output(args.output.as_deref(), &bytes)
}

/// The command line over the spec's [sensitivity] section, with the combinations that cannot
/// be scored refused up front.
fn sensitivity_config(tree: &IndicatorTree, args: &SensitivityArgs) -> Result<crate::score::sensitivity::Config> {
    use crate::score::sensitivity::{Config, Method};
    let spec = &tree.sensitivity;
    let normalize: Vec<Method> = if args.normalize.is_empty() {
        spec.normalize.iter().filter_map(|m| Method::parse(m)).collect()
    } else {
        args.normalize
            .iter()
            .map(|m| match m {
                MethodArg::Minmax => Method::MinMax,
                MethodArg::Zscore => Method::ZScore,
                MethodArg::Goalpost => Method::Goalpost,
                MethodArg::Rank => Method::Rank,
            })
            .collect()
    };
    let aggregate: Vec<Aggregate> = if args.aggregate.is_empty() {
        spec.aggregate.clone()
    } else {
        args.aggregate
            .iter()
            .map(|a| match a {
                AggregateArg::Mean => Aggregate::Mean,
                AggregateArg::Geometric => Aggregate::Geometric,
                AggregateArg::Harmonic => Aggregate::Harmonic,
            })
            .collect()
    };
    let weight_noise = args.weight_noise.or(spec.weight_noise).unwrap_or(0.0);
    let mut problems = Vec::new();
    if !(0.0..1.0).contains(&weight_noise) {
        problems.push(
            Diagnostic::error(format!("--weight-noise must be at least 0 and below 1, found {weight_noise}"))
                .help("0.25 perturbs every weight by up to ±25 %"),
        );
    }
    let zscore = normalize.contains(&Method::ZScore)
        || tree.nodes.iter().any(|n| matches!(n.indicator().map(|i| &i.normalize), Some(Normalize::ZScore(_))));
    if zscore && aggregate.iter().any(|a| matches!(a, Aggregate::Geometric | Aggregate::Harmonic)) {
        problems.push(
            Diagnostic::error("z-scores can be negative, so they cannot feed a geometric or harmonic mean")
                .help("leave zscore out of --normalize, or geometric/harmonic out of --aggregate"),
        );
    }
    let runs = args.runs.or(spec.runs).unwrap_or(1000);
    if runs == 0 {
        problems.push(Diagnostic::error("--runs must be at least 1"));
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems).into());
    }
    Ok(Config {
        runs,
        seed: args.seed.or(spec.seed).unwrap_or(1),
        weight_noise,
        normalize,
        aggregate,
        drop_one: args.drop_one || spec.drop_one.unwrap_or(false),
    })
}

/// A progress line on stderr while a long run goes on, only when stderr is a terminal.
fn progress_bar(done: &std::sync::atomic::AtomicUsize, total: usize) {
    use std::io::IsTerminal;
    use std::sync::atomic::Ordering;
    if !std::io::stderr().is_terminal() || total < 2000 {
        return;
    }
    loop {
        let d = done.load(Ordering::Relaxed);
        if d == usize::MAX {
            eprint!("\r{:60}\r", "");
            return;
        }
        eprint!("\rsensitivity: {d}/{total} runs ({}%)", d * 100 / total);
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// The year to show (default: the latest) and the comparison year (default: the latest
/// earlier one; none with `--no-compare`).
fn years(inp: &Inputs, scores: &score::Scores, year: Option<i32>, c: &CompareArgs) -> Result<(i32, Option<i32>)> {
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

fn pick_year(asked: Option<i32>, years: &[i32], flag: &str) -> Result<i32> {
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

fn format_from_path(path: Option<&Path>) -> Format {
    match path.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
        Some("csv") => Format::Csv,
        Some("json") => Format::Json,
        Some("md") => Format::Md,
        _ => Format::Table,
    }
}

fn refuse_input_as_output(out: &Path, spec: &Path, files: &[PathBuf]) -> Result<()> {
    let Ok(target) = out.canonicalize() else { return Ok(()) };
    for input in std::iter::once(spec).chain(files.iter().map(PathBuf::as_path)) {
        if input.canonicalize().is_ok_and(|p| p == target) {
            let d = Diagnostic::error(format!("--output {} is one of the inputs", out.display()))
                .help("write the result to another file");
            return Err(Diagnostics(vec![d]).into());
        }
    }
    Ok(())
}

/// Writes to stdout, or to a temporary file beside `path` that is then renamed over it, so a
/// failed run never leaves a partial file or damages an existing one.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        return out.flush().map_err(Into::into);
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().context("--output needs a file name")?.to_string_lossy();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("could not write `{}`", path.display()))
}
