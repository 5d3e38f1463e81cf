//! `dti validate` (this file is `check.rs`, beside the `validate` stage it drives): read and
//! check everything `rank` would, then say so — a summary line (`ok` only when there is nothing
//! to warn about), or with `--format json` every problem as data for a CI script.

use super::{read_inputs, warn};
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::error::{Diagnostic, Diagnostics, Reported};
use crate::report::validate::{Summary, render_json};
use crate::score;
use anyhow::Result;
use std::io::Write;

pub(super) fn validate(args: &ValidateArgs) -> Result<()> {
    let mut warnings: Vec<Diagnostic> = Vec::new();
    let checked = check(args, &mut warnings);
    // An I/O failure is not a problem of the inputs: it stays an error of the run.
    let (summary, errors) = match checked {
        Ok(s) => (Some(s), Vec::new()),
        Err(e) => match e.downcast::<Diagnostics>() {
            Ok(Diagnostics(d)) => (None, d),
            Err(e) => return Err(e),
        },
    };
    match args.format {
        ValidateFormat::Text => {
            warn(&warnings);
            if !errors.is_empty() {
                return Err(Diagnostics(errors).into());
            }
            let s = summary.unwrap_or_default();
            // Notes (the encoding read, title rows passed over) are not warnings.
            let ok = match warnings.iter().filter(|d| d.severity == crate::error::Severity::Warning).count() {
                0 => "ok".to_string(),
                1 => "ok, 1 warning".to_string(),
                n => format!("ok, {n} warnings"),
            };
            let years: Vec<String> = s.years.iter().map(ToString::to_string).collect();
            println!(
                "{ok}: {} ({} composites, {} indicators); {} units; years {}; {} file(s)",
                args.input.spec.display(),
                s.composites,
                s.indicators,
                s.units,
                years.join(", "),
                s.files
            );
            Ok(())
        }
        ValidateFormat::Json => {
            let mut out = std::io::stdout().lock();
            render_json(&args.input.spec.display().to_string(), summary.as_ref(), &errors, &warnings, &mut out)?;
            out.flush()?;
            if errors.is_empty() {
                Ok(())
            } else {
                // The problems are on stdout as data; the exit code says the inputs are invalid.
                Err(Reported.into())
            }
        }
    }
}

/// Reads, validates and scores the inputs, collecting the warnings.
fn check(args: &ValidateArgs, warnings: &mut Vec<Diagnostic>) -> Result<Summary> {
    let inp = read_inputs(&args.input, warnings)?;
    let (_, scoring) = score::score(&inp.tree, &inp.panel)?;
    warnings.extend(scoring);
    Ok(Summary {
        composites: inp.tree.nodes.iter().filter(|n| n.composite().is_some()).count(),
        indicators: inp.panel.indicators.len(),
        units: inp.panel.units.len(),
        years: inp.panel.year_list(),
        files: inp.files.len(),
    })
}
