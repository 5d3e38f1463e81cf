//! `dti plan UNIT`: what it takes to reach a rank or a score, or where the unit's own targets
//! would put it.

use super::{format, inputs_of_years, lang, pick_year, refuse_input_as_output, warn, write_output};
use crate::cli::PlanArgs;
use crate::error::{Diagnostic, Diagnostics};
use crate::load;
use crate::model::Year;
use crate::model::panel::UnitId;
use crate::model::tree::{Bounds, Normalize};
use crate::report::plan::{PlanFormat, PlanView};
use crate::score::plan::{self, Goal, World};
use crate::validate;
use anyhow::Result;
use std::path::Path;

pub(super) fn plan(args: &PlanArgs) -> Result<()> {
    if let Some(s) = args.score.filter(|s| !s.is_finite()) {
        let d = Diagnostic::error(format!("--score {s} is not a score")).help("give a number, e.g. --score 0.75");
        return Err(Diagnostics(vec![d]).into());
    }
    let by_ext = [("json", PlanFormat::Json), ("md", PlanFormat::Md)];
    let format = format::pick("plan", args.format, args.out.output.as_deref(), &by_ext, PlanFormat::Table)?;
    // Only the planned year's values are read, unless statistics pool over the years or the
    // spec imputes or treats (imputation may carry values across years).
    let inp = inputs_of_years(&args.input, &|tree, present| {
        let pools = tree
            .nodes
            .iter()
            .filter_map(|n| n.indicator())
            .any(|i| matches!(i.normalize, Normalize::MinMax(Bounds::Pooled) | Normalize::ZScore(Bounds::Pooled)));
        let (imputes, treats) = crate::score::prepare::any(tree);
        let pools = pools || imputes || treats;
        let year = args.input.year.or_else(|| present.last().copied())?;
        (!pools && present.contains(&year)).then(|| [year].into())
    })?;
    if let Some(out) = &args.out.output {
        refuse_input_as_output(out, &args.input.spec, &inp.files)?;
    }
    let (_, warnings) = crate::score::score(&inp.tree, &inp.panel)?;
    warn(&warnings);
    let year = pick_year(args.input.year, &inp.panel.year_list(), "--year")?;
    let unit =
        validate::find_unit(inp.tree.info.units, &inp.panel.units, &args.unit).map_err(|d| Diagnostics(vec![d]))?;
    let world = world(&inp, year, unit)?;
    let goal = match (args.rank, args.score) {
        (Some(k), _) => Some(Goal::Rank(k)),
        (None, Some(s)) => Some(Goal::Score(s)),
        (None, None) => None,
    };
    let result = match (goal, &args.targets) {
        (Some(g), _) => plan::plan(&world, g)?,
        (None, Some(path)) => plan::project(&world, &targets(&inp, path, &world)?)?,
        (None, None) => unreachable!("clap requires --rank, --score or --targets"),
    };
    let view = PlanView {
        tree: &inp.tree,
        unit: &inp.panel.units[unit].name,
        year,
        goal,
        plan: &result,
        lang: lang(&inp, args.out.lang),
    };
    let mut bytes = Vec::new();
    crate::report::plan::render(format, &view, &mut bytes)?;
    write_output(args.out.output.as_deref(), &bytes)
}

/// The unit's year to plan in, refused when it has no index score there.
pub(super) fn world(inp: &super::Inputs, year: Year, unit: UnitId) -> Result<World<'_>> {
    let name = &inp.panel.units[unit].name;
    let root = &inp.tree.nodes[inp.tree.root].id;
    // A plan changes the data as read: it is prepared again with every change.
    let read = inp.unprepared.as_ref().unwrap_or(&inp.panel);
    let Some(world) = World::new(&inp.tree, read, year, unit) else {
        let with: Vec<String> =
            inp.panel.years.iter().filter(|y| y.units.contains(&unit)).map(|y| y.year.to_string()).collect();
        let d = Diagnostic::error(format!("{name} has no data for {year}"))
            .help(format!("years with data: {}", with.join(", ")));
        return Err(Diagnostics(vec![d]).into());
    };
    if world.standing(&[])?.score(inp.tree.root).is_none() {
        let d = Diagnostic::error(format!("{name} has no `{root}` score in {year}"))
            .help("fill in the unit's values first; a plan starts from a score");
        return Err(Diagnostics(vec![d]).into());
    }
    Ok(world)
}

/// The unit's targets: `indicator,value` rows, or the unit's row of a file shaped like the
/// data (only the values that differ from the data's).
fn targets(inp: &super::Inputs, path: &Path, world: &World<'_>) -> Result<Vec<(usize, f64)>> {
    let read = load::ReadOptions { hint: validate::header_hint(&inp.tree, None), ..Default::default() };
    let tables = load::load_table(path, &read).map_err(Diagnostics)?;
    let Some(t) = tables.first() else {
        let d = Diagnostic::error(format!("`{}` holds no table", path.display()));
        return Err(Diagnostics(vec![d]).into());
    };
    if validate::is_pairs(t) {
        return Ok(validate::target_pairs(&inp.tree, &inp.panel.indicators, t)?);
    }
    let unit = &inp.panel.units[world.unit];
    let row = validate::target_row(&inp.tree, &inp.panel.indicators, t, unit, world.year)?;
    Ok(row.into_iter().filter(|&(k, v)| world.raw(k) != Some(v)).collect())
}
