//! `dti template`: spec → the registered units → an empty data-entry workbook.

use super::{warn, write_output};
use crate::cli::TemplateArgs;
use crate::error::{Diagnostic, Diagnostics, Place};
use crate::load;
use crate::model::panel::Unit;
use crate::model::registry::provinces;
use crate::model::tree::UnitsKind;
use crate::report::Lang;
use crate::report::template::{TemplateView, workbook};
use crate::validate;
use anyhow::Result;
use std::path::Path;

pub(super) fn template(args: &TemplateArgs) -> Result<()> {
    let shown = args.spec.display().to_string();
    let source = load::read_text(&args.spec)
        .map_err(|d| Diagnostics(vec![d.help("pass --spec FILE, or run in a folder with indicators.toml")]))?;
    let base = args.spec.parent().unwrap_or(Path::new(""));
    let (tree, warnings) = validate::spec(&source, &shown, base)?;
    warn(&warnings);
    if !args.output.extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        let d = Diagnostic::error(format!("--output {}: the template is an Excel workbook", args.output.display()))
            .help("name a .xlsx file");
        return Err(Diagnostics(vec![d]).into());
    }
    super::refuse_input_as_output(&args.output, &args.spec, &[])?;
    let mut years = args.year.clone();
    years.sort_unstable();
    years.dedup();
    if let Some(y) = years.iter().find(|y| !(1900..=2100).contains(*y)) {
        return Err(
            Diagnostics(vec![Diagnostic::error(format!("--year {y} is not a year between 1900 and 2100"))]).into()
        );
    }
    let units: Vec<Unit> = match (tree.info.units, args.merged) {
        (UnitsKind::VnProvinces, false) => {
            provinces().into_iter().map(|p| Unit { name: p.name, code: Some(p.code) }).collect()
        }
        (UnitsKind::VnProvinces, true) => {
            let all = provinces();
            let mut seen = Vec::<String>::new();
            for p in &all {
                if !seen.contains(&p.merged_into) {
                    seen.push(p.merged_into.clone());
                }
            }
            seen.into_iter()
                .map(|name| {
                    let code = all.iter().find(|p| p.name == name).map(|p| p.code.clone());
                    Unit { name, code }
                })
                .collect()
        }
        (UnitsKind::Free, merged) => {
            let what =
                if merged { "--merged needs units = \"vn-provinces\"" } else { "the spec's units are free text" };
            warn(&[Diagnostic::warning(format!("{what}: the template has no unit rows"))
                .at(Place::File { path: shown.clone() })
                .help("type one unit name per row in the first column")]);
            Vec::new()
        }
    };
    let lang = args.lang.unwrap_or(if tree.info.units == UnitsKind::VnProvinces { Lang::Vi } else { Lang::En });
    let view = TemplateView { tree: &tree, units: &units, years: &years, lang, spec: shown };
    let bytes = workbook(&view).map_err(|e| anyhow::anyhow!("could not build the workbook: {e}"))?;
    write_output(Some(&args.output), &bytes)?;
    eprintln!(
        "wrote {}: {} unit rows × {} indicators, sheets {}",
        args.output.display(),
        units.len(),
        tree.indicators().len(),
        years.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
    );
    Ok(())
}
