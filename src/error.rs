//! Diagnostics: what went wrong, where (`file:line:col`, `file` row and column, `sheet!cell`),
//! and what to do. Every stage collects them and fails once with `Diagnostics`; `main` maps
//! that to exit code 1.

use std::fmt;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// What reading did that the user should know of (the encoding used, rows skipped); not
    /// a problem.
    Note,
}

/// Where a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A span in a text file (the spec), with the line shown under a caret.
    Text { path: String, line: usize, col: usize, source_line: String, width: usize },
    /// A row of a CSV file (row 1 is the header, as a spreadsheet shows it).
    Row { path: String, row: usize, column: Option<String> },
    /// A cell of a workbook.
    Cell { path: String, sheet: String, cell: String },
    /// A whole file.
    File { path: String },
    /// A unit and year in the data (for problems found while scoring).
    UnitYear { unit: String, year: i32 },
}

/// One problem, with an optional hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub place: Option<Place>,
    pub help: Option<String>,
}

impl Diagnostic {
    #[must_use]
    pub fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, message: message.into(), place: None, help: None }
    }

    #[must_use]
    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    #[must_use]
    pub fn note(message: impl Into<String>) -> Self {
        Self { severity: Severity::Note, ..Self::error(message) }
    }

    #[must_use]
    pub fn at(mut self, place: Place) -> Self {
        self.place = Some(place);
        self
    }

    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    #[must_use]
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The place of a byte span in a text, as `path:line:col` with the line itself.
#[must_use]
pub fn text_place(path: &str, source: &str, span: std::ops::Range<usize>) -> Place {
    let start = span.start.min(source.len());
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[start..].find('\n').map_or(source.len(), |i| start + i);
    let line = source[..start].matches('\n').count() + 1;
    let col = source[line_start..start].chars().count() + 1;
    let end = span.end.clamp(start, line_end);
    let width = source[start..end].chars().count().max(1);
    Place::Text {
        path: path.to_string(),
        line,
        col,
        source_line: source[line_start..line_end].trim_end_matches('\r').to_string(),
        width,
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Text { path, line, col, .. } => write!(f, "{path}:{line}:{col}"),
            Place::Row { path, row, column: Some(c) } => write!(f, "{path}: row {row}, column `{c}`"),
            Place::Row { path, row, .. } => write!(f, "{path}: row {row}"),
            Place::Cell { path, sheet, cell } => write!(f, "{path}: {sheet}!{cell}"),
            Place::File { path } => write!(f, "{path}"),
            Place::UnitYear { unit, year } => write!(f, "{unit}, {year}"),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        writeln!(f, "{label}: {}", self.message)?;
        if let Some(place) = &self.place {
            if let Place::Text { line, col, source_line, width, .. } = place {
                let gutter = " ".repeat(line.to_string().len());
                writeln!(f, "{gutter}--> {place}")?;
                writeln!(f, "{gutter} |")?;
                writeln!(f, "{line} | {source_line}")?;
                let pad = " ".repeat(col - 1);
                writeln!(f, "{gutter} | {pad}{}", "^".repeat(*width))?;
            } else {
                writeln!(f, "  --> {place}")?;
            }
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found in one run; at least one is an error.
#[derive(Debug, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

/// How many diagnostics of one kind are printed before the rest are only counted.
pub const SHOWN_PER_KIND: usize = 20;

/// A diagnostic's kind: its severity and message with the particulars (quoted names,
/// numbers) left out, so that 1,522 "`x` is not a number" are one kind.
fn kind(d: &Diagnostic) -> (u8, String) {
    let mut out = String::new();
    let mut quoted = false;
    for c in d.message.chars() {
        match c {
            '`' => quoted = !quoted,
            _ if quoted || c.is_ascii_digit() => {}
            _ => out.push(c),
        }
    }
    (d.severity as u8, out)
}

/// Diagnostics as printed: at most `SHOWN_PER_KIND` of each kind, then how many more.
pub struct Listing<'a>(pub &'a [Diagnostic]);

impl fmt::Display for Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut seen: Vec<((u8, String), usize, &str)> = Vec::new();
        for d in self.0 {
            let k = kind(d);
            let n = match seen.iter_mut().find(|(s, _, _)| *s == k) {
                Some((_, n, _)) => {
                    *n += 1;
                    *n
                }
                None => {
                    seen.push((k, 1, &d.message));
                    1
                }
            };
            if n <= SHOWN_PER_KIND {
                writeln!(f, "{d}")?;
            }
        }
        for (_, n, first) in seen.iter().filter(|(_, n, _)| *n > SHOWN_PER_KIND) {
            writeln!(
                f,
                "… and {} more like \"{first}\" (the first {SHOWN_PER_KIND} of each kind are shown)\n",
                n - SHOWN_PER_KIND
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", Listing(&self.0))?;
        let n = self.0.iter().filter(|d| d.is_error()).count();
        let s = if n == 1 { "" } else { "s" };
        write!(f, "{n} error{s} found; nothing was written")
    }
}

impl std::error::Error for Diagnostics {}

/// Splits collected diagnostics: `Err` if any is an error, else the warnings.
///
/// # Errors
/// `Diagnostics` holding every diagnostic, warnings included, when any is an error.
pub fn check(diags: Vec<Diagnostic>) -> Result<Vec<Diagnostic>, Diagnostics> {
    if diags.iter().any(Diagnostic::is_error) { Err(Diagnostics(diags)) } else { Ok(diags) }
}

/// Whether an error is a closed output pipe (`dti rank | head`), which is not a failure. The
/// Invalid input already reported as data on stdout (`validate --format json`): `main` exits
/// with code 1 and prints nothing more.
#[derive(Debug)]
pub struct Reported;

impl fmt::Display for Reported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("invalid input (reported on stdout)")
    }
}

impl std::error::Error for Reported {}

/// pipe error may come wrapped by the CSV writer.
#[must_use]
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    let pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| {
            pipe(io)
                || io
                    .get_ref()
                    .and_then(|inner| inner.downcast_ref::<::csv::Error>())
                    .is_some_and(|ce| matches!(ce.kind(), ::csv::ErrorKind::Io(io) if pipe(io)))
        }) || c
            .downcast_ref::<::csv::Error>()
            .is_some_and(|ce| matches!(ce.kind(), ::csv::ErrorKind::Io(io) if pipe(io)))
    })
}
