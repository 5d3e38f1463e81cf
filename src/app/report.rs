//! `dti report UNIT` and `dti report --all`: explain → profile → page, written atomically.

use super::{Inputs, lang, scored, write_output, years};
use crate::cli::ReportArgs;
use crate::error::{Diagnostic, Diagnostics};
use crate::model::panel::UnitId;
use crate::report::page::{self, IndexLine, PageFormat, PageView};
use crate::score::{self, Scores, YearScores, compare};
use crate::validate;
use anyhow::{Context, Result};
use std::path::Path;

pub(super) fn report(args: &ReportArgs) -> Result<()> {
    let output = args.out.output.as_deref();
    if args.all && output.is_none_or(|p| p.as_os_str() == "-") {
        let d = Diagnostic::error("--all writes one file per unit").help("add --output DIR (a folder; it is created)");
        return Err(Diagnostics(vec![d]).into());
    }
    // With --all the output is a folder, whose name says nothing of the format.
    let named = if args.all { None } else { output };
    let by_ext = [("html", PageFormat::Html), ("htm", PageFormat::Html), ("md", PageFormat::Md)];
    let format = super::format::pick("report", args.format, named, &by_ext, PageFormat::Html)?;
    let outputs = if args.all { None } else { args.out.output.as_ref() };
    let (inp, scores) = scored(&args.input, outputs)?;
    let (year, compare_year) = years(&inp, &scores, args.input.year, &args.years)?;
    let now = scores.year(year).context("the year has no scores")?;
    let then = compare_year.and_then(|y| scores.year(y));
    let group = super::groups::for_unit_pages(&inp, args.group.as_deref(), now)?;
    let lang = lang(&inp, args.out.lang);
    let ctx = Ctx { inp: &inp, scores: &scores, now, then, format, lang, group, plan: args.plan };
    match &args.unit {
        Some(typed) => {
            let unit =
                validate::find_unit(inp.tree.info.units, &inp.panel.units, typed).map_err(|d| Diagnostics(vec![d]))?;
            write_output(output, &ctx.page(unit)?)
        }
        None => all(&ctx, output.context("--all needs --output")?),
    }
}

struct Ctx<'a> {
    inp: &'a Inputs,
    scores: &'a Scores,
    now: &'a YearScores,
    then: Option<&'a YearScores>,
    format: PageFormat,
    lang: crate::report::Lang,
    /// The in-group ranks the pages compare with (`--group`, else the region).
    group: Option<crate::score::group::GroupRanks>,
    /// `--plan K`.
    plan: Option<u32>,
}

impl Ctx<'_> {
    fn page(&self, unit: UnitId) -> Result<Vec<u8>> {
        let (inp, now) = (self.inp, self.now);
        let Some(ex) = score::explain::explain(&inp.tree, &inp.panel.indicators, self.scores, unit, now, self.then)
        else {
            let with: Vec<String> =
                self.scores.years.iter().filter(|y| y.position(unit).is_some()).map(|y| y.year.to_string()).collect();
            let d = Diagnostic::error(format!("{} has no data for {}", inp.panel.units[unit].name, now.year))
                .help(format!("years with data: {}", with.join(", ")));
            return Err(Diagnostics(vec![d]).into());
        };
        let profile = score::profile::profile(&inp.tree, ex, now);
        let group = super::groups::comparison(inp, self.group.as_ref(), now, unit);
        let plan = match self.plan {
            Some(k) => Some(score::plan::plan(&super::plan::world(inp, now.year, unit)?, score::plan::Goal::Rank(k))?),
            None => None,
        };
        // The file names only: a page goes to readers, who have no use for (and should not
        // see) the folders of the machine that made it.
        let files: Vec<String> = inp
            .files
            .iter()
            .map(|f| match f.file_name() {
                _ if f.as_os_str() == "-" => "stdin".to_string(),
                Some(name) => name.to_string_lossy().into_owned(),
                None => f.display().to_string(),
            })
            .collect();
        let view = PageView {
            tree: &inp.tree,
            units: &inp.panel.units,
            indicators: &inp.panel.indicators,
            profile: &profile,
            lang: self.lang,
            source: inp.tree.info.data_note.iter().cloned().chain([files.join(", ")]).collect::<Vec<_>>().join(" · "),
            prep: Some(&inp.prep),
            group: group.as_ref(),
            plan: plan.as_ref(),
        };
        let mut bytes = Vec::new();
        page::render(self.format, &view, &mut bytes)?;
        Ok(bytes)
    }
}

/// A page per unit of the year, in rank order, and the index page linking them.
fn all(ctx: &Ctx<'_>, dir: &Path) -> Result<()> {
    if dir.is_file() {
        let d = Diagnostic::error(format!("--output {} is a file; --all writes into a folder", dir.display()))
            .help("name a folder (it is created when missing)");
        return Err(Diagnostics(vec![d]).into());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("could not create the folder `{}`", dir.display()))?;
    let ext = match ctx.format {
        PageFormat::Html => "html",
        PageFormat::Md => "md",
    };
    let inp = ctx.inp;
    let ranking = compare::ranking(&inp.tree, &inp.panel.units, ctx.now, ctx.then, compare::Basis::AsGiven);
    let root = inp.tree.root;
    let mut lines = Vec::new();
    let mut used = std::collections::HashSet::new();
    for row in &ranking.rows {
        let unit = &inp.panel.units[row.unit];
        let mut stem = page::file_stem(unit);
        // Two units whose names fold to the same letters keep apart.
        while !used.insert(stem.clone()) {
            stem.push('_');
        }
        let file = format!("{stem}.{ext}");
        write_output(Some(&dir.join(&file)), &ctx.page(row.unit)?)?;
        lines.push(IndexLine {
            name: unit.name.clone(),
            file,
            score: row.now.score(root),
            rank: row.now.rank(root),
            rank_change: row.rank_change(root),
        });
    }
    let mut bytes = Vec::new();
    page::render_index(ctx.format, &inp.tree, ctx.now.year, &lines, ctx.lang, &mut bytes)?;
    write_output(Some(&dir.join(format!("index.{ext}"))), &bytes)?;
    eprintln!("wrote {} pages and index.{ext} into {}", lines.len(), dir.display());
    Ok(())
}
