//! `dti validate --format json`: the problems found, as data. Each problem is `{"severity",
//! "message", "place", "help"}`, `place` naming where it is (`{"kind": "text", "path", "line",
//! "column"}`, `"row"`, `"cell"`, `"file"` or `"unit_year"`) or `null`.

use crate::error::{Diagnostic, Place, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

/// What a valid spec and data hold.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub composites: usize,
    pub indicators: usize,
    pub units: usize,
    pub years: Vec<i32>,
    pub files: usize,
}

fn place(p: &Place) -> Value {
    match p {
        Place::Text { path, line, col, .. } => json!({"kind": "text", "path": path, "line": line, "column": col}),
        Place::Row { path, row, column } => json!({"kind": "row", "path": path, "row": row, "column": column}),
        Place::Cell { path, sheet, cell } => json!({"kind": "cell", "path": path, "sheet": sheet, "cell": cell}),
        Place::File { path } => json!({"kind": "file", "path": path}),
        Place::UnitYear { unit, year } => json!({"kind": "unit_year", "unit": unit, "year": year}),
    }
}

fn problem(d: &Diagnostic) -> Value {
    let severity = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    json!({"severity": severity, "message": d.message, "place": d.place.as_ref().map(place), "help": d.help})
}

/// Writes the outcome of a validation: `ok` (no errors), the counts, the summary of a valid
/// input, and every problem, errors first.
///
/// # Errors
/// Only the writer's own errors.
pub fn render_json(
    spec: &str,
    summary: Option<&Summary>,
    errors: &[Diagnostic],
    warnings: &[Diagnostic],
    out: &mut dyn Write,
) -> io::Result<()> {
    // A failed run's diagnostics hold its warnings and notes too: count each by severity.
    let count = |s: Severity| errors.iter().chain(warnings).filter(|d| d.severity == s).count();
    let doc = json!({
        "spec": spec,
        "ok": errors.is_empty(),
        "errors": count(Severity::Error),
        "warnings": count(Severity::Warning),
        "notes": count(Severity::Note),
        "summary": summary.map(|s| json!({
            "composites": s.composites, "indicators": s.indicators, "units": s.units,
            "years": s.years, "files": s.files,
        })),
        "problems": errors.iter().chain(warnings).map(problem).collect::<Vec<_>>(),
    });
    serde_json::to_writer_pretty(&mut *out, &super::stamped(doc))?;
    writeln!(out)
}
