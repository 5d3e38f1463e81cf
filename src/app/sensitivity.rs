//! `dti sensitivity` and `dti audit`: how firm the ranks are, and what the data look like.

use super::{format, lang, pick_year, scored, warn, write_output};
use crate::cli::{AggregateArg, AuditArgs, MethodArg, SensitivityArgs};
use crate::error::{Diagnostic, Diagnostics};
use crate::model::tree::{Aggregate, IndicatorTree, Normalize};
use crate::report::audit::AuditView;
use crate::report::sensitivity::SensitivityView;
use crate::report::{Format, TextFormat};
use crate::score;
use anyhow::{Context, Result};

pub(super) fn sensitivity(args: &SensitivityArgs) -> Result<()> {
    use crate::score::sensitivity as mc;
    let format = text_format("sensitivity", args.format, args.out.output.as_deref())?;
    if let (Some(out), Some(runs)) = (&args.out.output, &args.save_runs)
        && same_file(out, runs)
    {
        let d = Diagnostic::error(format!("--save-runs {} and --output name the same file", runs.display()))
            .help("write the replications and the summary to two files");
        return Err(Diagnostics(vec![d]).into());
    }
    let (inp, scores) = scored(&args.input, args.out.output.iter().chain(&args.save_runs))?;
    let year = pick_year(args.input.year, &inp.panel.year_list(), "--year")?;
    let cfg = sensitivity_config(&inp.tree, args)?;
    let now = scores.year(year).context("the year has no scores")?;
    let nominal = &now.ranks[inp.tree.root];
    let progress = std::sync::atomic::AtomicUsize::new(0);
    let runs = std::thread::scope(|s| {
        let bar = s.spawn(|| progress_bar(&progress, cfg.runs));
        let runs = mc::run(&inp.tree, (&inp.panel, inp.unprepared.as_ref()), year, &cfg, &progress);
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
    let lang = lang(&inp, args.out.lang);
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
    crate::report::sensitivity::render(format, &view, &mut bytes)?;
    write_output(args.out.output.as_deref(), &bytes)
}

pub(super) fn audit(args: &AuditArgs) -> Result<()> {
    let format = text_format("audit", args.format, args.out.output.as_deref())?;
    let (inp, scores) = scored(&args.input, &args.out.output)?;
    let year = pick_year(args.input.year, &inp.panel.year_list(), "--year")?;
    let ys = scores.year(year).context("the year has no scores")?;
    let audit = score::audit::audit(&inp.tree, &inp.panel.indicators, ys);
    let lang = lang(&inp, args.out.lang);
    let (imputes, treats) = score::prepare::any(&inp.tree);
    let prep = (imputes || treats).then(|| score::prepare::audit::audit(&inp.tree, &inp.panel, &inp.prep, year));
    let view = AuditView { tree: &inp.tree, year, audit: &audit, lang, prep: prep.as_ref(), units: &inp.panel.units };
    let reversed: Vec<Diagnostic> =
        audit.suspects.iter().map(|s| Diagnostic::warning(view.reversal_message(s))).collect();
    warn(&reversed);
    let mut bytes = Vec::new();
    crate::report::audit::render(format, &view, &mut bytes)?;
    write_output(args.out.output.as_deref(), &bytes)
}

/// Whether two output paths are one file, whether or not it exists yet.
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    let full = |p: &std::path::Path| {
        // A file that does not exist yet: its folder resolved, its name as written.
        p.canonicalize().ok().or_else(|| {
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
            Some(dir.canonicalize().ok()?.join(p.file_name()?))
        })
    };
    a == b || full(a).is_some_and(|x| Some(x) == full(b))
}

/// The format of a command that writes text: table, CSV, JSON or Markdown.
fn text_format(command: &str, asked: Option<TextFormat>, output: Option<&std::path::Path>) -> Result<Format> {
    let by_ext = [("csv", TextFormat::Csv), ("json", TextFormat::Json), ("md", TextFormat::Md)];
    Ok(format::pick(command, asked, output, &by_ext, TextFormat::Table)?.into())
}

/// The command line over the spec's [sensitivity] section, with the combinations that cannot
/// be scored refused up front.
fn sensitivity_config(tree: &IndicatorTree, args: &SensitivityArgs) -> Result<crate::score::sensitivity::Config> {
    use crate::score::sensitivity::{self as mc, Config, Method};
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
    let mut cfg = Config {
        runs,
        seed: args.seed.or(spec.seed).unwrap_or(1),
        weight_noise,
        normalize,
        aggregate,
        drop_one: args.drop_one || spec.drop_one.unwrap_or(false),
        toggle_prepare: args.toggle_prepare || spec.toggle_prepare.unwrap_or(false),
    };
    // A choice that changes nothing would report a firm rank that nothing tested.
    let inert: Vec<String> = cfg
        .normalize
        .iter()
        .filter(|&&m| !mc::method_changes_anything(tree, m))
        .map(|m| match m {
            // Goalposts come from the spec: an indicator given them already uses them.
            Method::Goalpost => {
                "--normalize goalpost (indicators with goalposts already use them; the others keep their own method)"
                    .to_string()
            }
            m => format!("--normalize {} (every indicator measured on a scale already uses it)", m.name()),
        })
        .chain(
            cfg.aggregate
                .iter()
                .filter(|&&a| !mc::aggregate_changes_anything(tree, a))
                .map(|a| format!("--aggregate {} (every composite already uses it)", aggregate_name(*a))),
        )
        .chain({
            // Denominators are part of what an indicator measures, not a method choice: only
            // imputation and treatment are switched.
            let (imputes, treats) = crate::score::prepare::any(tree);
            (cfg.toggle_prepare && !imputes && !treats)
                .then(|| "--toggle-prepare (the spec neither imputes nor treats)".to_string())
        })
        .collect();
    if problems.is_empty() && !mc::varies_anything(tree, &cfg) {
        let what = if inert.is_empty() { String::new() } else { format!(": {}", inert.join("; ")) };
        problems.push(
            Diagnostic::error(format!("nothing to vary: every replication would repeat the spec's own choices{what}"))
                .help("vary something: --weight-noise 0.25, --normalize minmax,rank, --aggregate mean,geometric, --drop-one or, when the spec imputes or treats, --toggle-prepare (or set them in a [sensitivity] section of the spec)"),
        );
    } else {
        let notes: Vec<Diagnostic> = inert
            .iter()
            .map(|i| Diagnostic::warning(format!("{i} changes nothing; the other choices are varied")))
            .collect();
        warn(&notes);
    }
    if !problems.is_empty() {
        return Err(Diagnostics(problems).into());
    }
    // Said above; the output must not claim a switch that switched nothing.
    let (imputes, treats) = crate::score::prepare::any(tree);
    cfg.toggle_prepare &= imputes || treats;
    Ok(cfg)
}

fn aggregate_name(a: Aggregate) -> &'static str {
    match a {
        Aggregate::Mean => "mean",
        Aggregate::Geometric => "geometric",
        Aggregate::Harmonic => "harmonic",
        Aggregate::Sum => "sum",
    }
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
