//! `dti rank`: the ranking of a year, against an earlier year, the merged basis, or what-if
//! weights.

use super::{Inputs, format, inputs_of_years, lang, refuse_input_as_output, run_info, warn, write_rendered, years};
use crate::cli::RankArgs;
use crate::error::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::crosswalk::Crosswalk;
use crate::model::registry::provinces;
use crate::model::tree::{Bounds, IndicatorTree, MergeMap, MergeSpec, Normalize};
use crate::report::{Format, Report, renderer};
use crate::score;
use crate::score::compare::{self, Against, Basis};
use crate::score::merge::MergedUnits;
use crate::validate;
use anyhow::{Context, Result};
use std::collections::BTreeSet;

pub(super) fn rank(args: &RankArgs) -> Result<()> {
    if args.format == Some(Format::Xlsx) && args.out.output.as_ref().is_none_or(|p| p.as_os_str() == "-") {
        let d = Diagnostic::error("--format xlsx writes a workbook, not text")
            .help("add --output FILE.xlsx (the format then follows from the extension)");
        return Err(Diagnostics(vec![d]).into());
    }
    let by_ext = [("csv", Format::Csv), ("json", Format::Json), ("md", Format::Md), ("xlsx", Format::Xlsx)];
    let format = format::pick("rank", args.format, args.out.output.as_deref(), &by_ext, Format::Table)?;
    let mut inp = inputs_of_years(&args.input, &|tree, present| shown_years(args, tree, present))?;
    if let Some(out) = &args.out.output {
        refuse_input_as_output(out, &args.input.spec, &inp.files)?;
    }
    // Indicator columns are kept only when something shows them (or the merger re-bases on
    // them): at commune scale they are most of the memory a ranking would otherwise take.
    let merges_indicators =
        inp.tree.merge.as_ref().is_some_and(|m| m.nodes.iter().any(|&n| inp.tree.nodes[n].indicator().is_some()));
    let needs_indicators = args.detail || format == Format::Xlsx || merges_indicators;
    // What-if weights: rank with the changed weights, and compare with the spec's own.
    let changes = whatif(&inp, args)?;
    let mut tree = inp.tree.clone();
    for &(parent, child, w) in &changes {
        tree.set_weight(parent, child, w);
    }
    let keep = |_| needs_indicators;
    let ((scores, warnings), alt) = if changes.is_empty() && !needs_indicators {
        // Raw values are freed year by year as soon as they are scored: nothing shows them.
        (score::score_releasing(&inp.tree, &mut inp.panel, &keep)?, None)
    } else {
        let alt = if changes.is_empty() { None } else { Some(score::score_keeping(&tree, &inp.panel, &keep)?.0) };
        (score::score_keeping(&inp.tree, &inp.panel, &keep)?, alt)
    };
    warn(&warnings);
    if let Some(list) = long_years(args, &scores)? {
        return long(args, &inp, &scores, &list, format);
    }
    let (year, compare_year) = years(&inp, &scores, args.input.year, &args.years)?;
    let now = alt.as_ref().unwrap_or(&scores).year(year).context("the ranked year has no scores")?;
    let then = if alt.is_some() { scores.year(year) } else { compare_year.and_then(|y| scores.year(y)) };
    let merge = merge_context(&inp, args.merged)?;
    let ctx = merge.as_ref().map(|(s, c, m)| (s, c, m));
    let (now, then, basis) = score::merge::align(&tree, ctx, now, then, args.merged)?;
    let units = match (&basis, &merge) {
        (Basis::Merged { .. }, Some((_, _, mu))) => &mu.units,
        _ => &inp.panel.units,
    };
    // The records name the panel's units: on the merged basis they would name the wrong ones.
    let as_given = std::ptr::eq(units, &inp.panel.units);
    if let Some(g) = &args.groups.group {
        // Checked before --only narrows the year, so a typo is named first.
        validate::group_column(&inp.panel, g).map_err(|d| Diagnostics(vec![d]))?;
    }
    let (now, then, only) = super::groups::only(&inp, units, &args.groups, now, then)?;
    let mut ranking = compare::ranking(&tree, units, &now, then.as_deref(), basis);
    ranking.only = only;
    super::groups::attach(&inp, units, &args.groups, &mut ranking, &now)?;
    if alt.is_some() {
        ranking.against = Against::SpecWeights;
    }
    let lang = lang(&inp, args.out.lang);
    let run = if format == Format::Xlsx { Some(run_info(&args.input, &inp)?) } else { None };
    let report = Report {
        tree: &tree,
        units,
        indicators: &inp.panel.indicators,
        ranking: &ranking,
        lang,
        detail: args.detail,
        run: run.as_ref(),
        prep: as_given.then_some(&inp.prep),
    };
    write_rendered(args.out.output.as_deref(), &mut |out| renderer(format).render(&report, out))
}

/// The years of `--years Y1-Y2` (those present between them) or `--all-years`; `None` for a
/// ranking of one year.
fn long_years(args: &RankArgs, scores: &score::Scores) -> Result<Option<Vec<i32>>> {
    let present: Vec<i32> = scores.years.iter().map(|y| y.year).collect();
    let shown = || present.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let (lo, hi) = match (&args.year_range, args.all_years) {
        (None, false) => return Ok(None),
        (None, true) => (i32::MIN, i32::MAX),
        (Some(text), _) => {
            let (a, b) = text.split_once('-').unwrap_or((text, text));
            let parse = |s: &str| s.trim().parse::<i32>().ok();
            let (Some(a), Some(b)) = (parse(a), parse(b)) else {
                let d = Diagnostic::error(format!("--years {text}: not a year or a range of years")).help(
                    "write --years 2021-2023, or --years 2023 for one year; years present: ".to_string() + &shown(),
                );
                return Err(Diagnostics(vec![d]).into());
            };
            for y in [a, b] {
                if !present.contains(&y) {
                    let d = Diagnostic::error(format!("--years {text}: the data has no year {y}"))
                        .help(format!("years present: {}", shown()));
                    return Err(Diagnostics(vec![d]).into());
                }
            }
            (a.min(b), a.max(b))
        }
    };
    Ok(Some(present.into_iter().filter(|y| (lo..=hi).contains(y)).collect()))
}

/// Every year of `list`, each against the year before it present (unless --no-compare), as
/// one long CSV or JSON.
fn long(args: &RankArgs, inp: &Inputs, scores: &score::Scores, list: &[i32], format: Format) -> Result<()> {
    if !matches!(format, Format::Csv | Format::Json) {
        let d = Diagnostic::error("--years and --all-years write one long table: CSV or JSON")
            .help("add --format csv or --format json, or --output F.csv / F.json");
        return Err(Diagnostics(vec![d]).into());
    }
    if args.groups.group.is_some() || args.groups.only.is_some() {
        let d =
            Diagnostic::error("--group and --only rank one year").help("drop --years/--all-years, or --group/--only");
        return Err(Diagnostics(vec![d]).into());
    }
    let merge = merge_context(inp, args.merged)?;
    let ctx = merge.as_ref().map(|(s, c, m)| (s, c, m));
    let mut aligned = Vec::new();
    for &year in list {
        let now = scores.year(year).context("a listed year has no scores")?;
        let then = if args.years.no_compare {
            None
        } else {
            compare::previous_year(scores, year).and_then(|y| scores.year(y))
        };
        aligned.push(score::merge::align(&inp.tree, ctx, now, then, args.merged)?);
    }
    let rankings: Vec<compare::Ranking> = aligned
        .iter()
        .map(|(now, then, basis)| {
            let units = match (basis, &merge) {
                (Basis::Merged { .. }, Some((_, _, mu))) => &mu.units,
                _ => &inp.panel.units,
            };
            compare::ranking(&inp.tree, units, now, then.as_deref(), basis.clone())
        })
        .collect();
    let lang = lang(inp, args.out.lang);
    let reports: Vec<Report> = rankings
        .iter()
        .map(|ranking| Report {
            tree: &inp.tree,
            units: match (&ranking.basis, &merge) {
                (Basis::Merged { .. }, Some((_, _, mu))) => &mu.units,
                _ => &inp.panel.units,
            },
            indicators: &inp.panel.indicators,
            ranking,
            lang,
            detail: args.detail,
            run: None,
            prep: (!matches!(ranking.basis, Basis::Merged { .. })).then_some(&inp.prep),
        })
        .collect();
    write_rendered(args.out.output.as_deref(), &mut |out| crate::report::long::render(format, &reports, out))
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
            let tables = load::load_table(path, &load::ReadOptions::default()).map_err(Diagnostics)?;
            let table = tables.first().context("the merge map has no table")?;
            validate::crosswalk(table, inp.tree.info.units)?
        }
    };
    let mu = MergedUnits::new(&inp.panel.units, &cw);
    Ok(Some((spec.clone(), cw, mu)))
}

/// The years whose values `rank` reads: the ranked year and the one it is compared with, of
/// the years the files hold. Every year when statistics are pooled over the years, when
/// several years are written, or when the merger re-bases a comparison.
fn shown_years(args: &RankArgs, tree: &IndicatorTree, present: &BTreeSet<i32>) -> Option<BTreeSet<i32>> {
    let pooled = tree
        .nodes
        .iter()
        .filter_map(|n| n.indicator())
        .any(|i| matches!(i.normalize, Normalize::MinMax(Bounds::Pooled) | Normalize::ZScore(Bounds::Pooled)));
    // locf and linear imputation read the other years.
    let across = tree.nodes.iter().filter_map(|n| n.indicator()).any(|i| i.impute.across_years());
    if pooled || across || args.merged || args.all_years || args.year_range.is_some() {
        return None;
    }
    let year = args.input.year.or_else(|| present.last().copied())?;
    let compare = match (args.years.no_compare, args.years.compare) {
        (true, _) => None,
        (false, Some(c)) => Some(c),
        (false, None) => present.range(..year).next_back().copied(),
    };
    // A year asked for that is not there: read all, so that the error lists the years present.
    let wanted: BTreeSet<i32> = [Some(year), compare].into_iter().flatten().collect();
    wanted.is_subset(present).then_some(wanted)
}
