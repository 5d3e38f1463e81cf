//! `dti explain UNIT`.

use super::{format, lang, scored, write_output, years};
use crate::cli::ExplainArgs;
use crate::error::{Diagnostic, Diagnostics};
use crate::report::explain::{ExplainFormat, ExplainView};
use crate::score;
use crate::validate;
use anyhow::{Context, Result};

pub(super) fn explain(args: &ExplainArgs) -> Result<()> {
    let (inp, scores) = scored(&args.input, &args.out.output)?;
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
    let lang = lang(&inp, args.out.lang);
    let by_ext = [("json", ExplainFormat::Json), ("md", ExplainFormat::Md)];
    let format = format::pick("explain", args.format, args.out.output.as_deref(), &by_ext, ExplainFormat::Table)?;
    let ranks = super::groups::for_unit_pages(&inp, args.group.as_deref(), now)?;
    let group = super::groups::comparison(&inp, ranks.as_ref(), now, unit);
    let view = ExplainView {
        tree: &inp.tree,
        units: &inp.panel.units,
        indicators: &inp.panel.indicators,
        ex: &ex,
        lang,
        prep: Some(&inp.prep),
        group: group.as_ref(),
    };
    let mut bytes = Vec::new();
    crate::report::explain::render(format, &view, &mut bytes)?;
    write_output(args.out.output.as_deref(), &bytes)
}
