//! Which format a command writes: `--format` when given, else what the `--output` extension
//! says (case-insensitively: `R.CSV` is CSV), else the command's default. A file whose
//! extension names a format the command does not write there (`explain --output e.xlsx`,
//! `rank --output r.xlsx --format json`) is refused rather than written as text under a name
//! that promises something else.

use crate::error::{Diagnostic, Diagnostics};
use anyhow::Result;
use clap::ValueEnum;
use std::path::Path;

/// Extensions that name an output format of some `dti` command.
const KNOWN: &[&str] = &["csv", "json", "md", "xlsx", "html"];

/// The lower-cased extension of `--output`, when it is a file (not `-`).
fn extension(output: Option<&Path>) -> Option<String> {
    output.filter(|p| p.as_os_str() != "-")?.extension()?.to_str().map(str::to_ascii_lowercase)
}

fn name<F: ValueEnum>(f: &F) -> String {
    f.to_possible_value().map_or_else(String::new, |v| v.get_name().to_string())
}

/// The format of `command`: `by_ext` maps the extensions it writes to formats; `default` is
/// for a file with another extension (or none) and for stdout.
pub(super) fn pick<F: ValueEnum + Copy + PartialEq>(
    command: &str,
    asked: Option<F>,
    output: Option<&Path>,
    by_ext: &[(&str, F)],
    default: F,
) -> Result<F> {
    let ext = extension(output);
    let from_ext = ext.as_deref().and_then(|e| by_ext.iter().find(|(x, _)| *x == e).map(|(_, f)| *f));
    let file = output.map(|p| p.display().to_string()).unwrap_or_default();
    let writes: Vec<String> = by_ext.iter().map(|(e, _)| format!(".{e}")).collect();
    match (asked, ext.as_deref(), from_ext) {
        (Some(a), _, Some(f)) if a != f => Err(refuse(
            format!("--output {file} asks for {} by its extension, but --format asks for {}", name(&f), name(&a)),
            format!("name the file for what --format writes, or leave --format out to write {}", name(&f)),
        )),
        (_, Some(e), None) if KNOWN.contains(&e) => Err(refuse(
            format!("`dti {command}` does not write .{e} files (--output {file})"),
            match e {
                "xlsx" => format!(
                    "the workbook is `dti rank --output F.xlsx`; `dti {command}` writes {} (or text to any other name)",
                    writes.join(", ")
                ),
                _ => format!("`dti {command}` writes {} (or text to any other name)", writes.join(", ")),
            },
        )),
        (Some(a), _, _) => Ok(a),
        (None, _, f) => Ok(f.unwrap_or(default)),
    }
}

fn refuse(msg: String, help: String) -> anyhow::Error {
    Diagnostics(vec![Diagnostic::error(msg).help(help)]).into()
}
