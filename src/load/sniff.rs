//! What a file handed over as a table really is, before it is read as one: a workbook or
//! an image under a `.csv` name, megabytes without a line break, a TOML spec passed as data.
//! One clear error instead of a flood of "row has 1 fields".

use super::table::CsvSource;
use crate::error::{Diagnostic, Place};
use std::io::{BufRead, BufReader, Read};

/// What a file that is not text is, from its first bytes.
pub(super) fn not_text(head: &[u8]) -> Option<(&'static str, &'static str)> {
    match head {
        [b'P', b'K', 3, 4, ..] => Some((
            "a zip archive, most likely an Excel (.xlsx) or LibreOffice (.ods) workbook with another name",
            "give it its real extension (.xlsx or .ods) and pass it again",
        )),
        [0xD0, 0xCF, 0x11, 0xE0, ..] => {
            Some(("an old binary workbook (.xls)", "rename it to .xls, or save it as .xlsx or CSV UTF-8"))
        }
        [b'%', b'P', b'D', b'F', ..] => Some(("a PDF document", "export the table from the program that made it")),
        [0x89, b'P', b'N', b'G', ..] | [0xFF, 0xD8, 0xFF, ..] | [b'G', b'I', b'F', b'8', ..] => {
            Some(("an image", "type the table into a spreadsheet, or pass the CSV or workbook it came from"))
        }
        _ => None,
    }
}

/// The longest header line accepted (100,000 columns of ten characters fit).
pub(super) const MAX_HEADER_BYTES: u64 = 2_000_000;

/// Whether the first bytes hold a line break (a reader that cannot be read has none to say).
pub(super) fn has_line_break<R: Read>(r: Option<R>) -> bool {
    let Some(r) = r else { return true };
    let mut r = BufReader::new(r);
    let mut seen = 0u64;
    loop {
        match r.fill_buf() {
            // A short file without a break is one line, a header alone: the table says so.
            Ok([]) => return seen < MAX_HEADER_BYTES,
            Ok(buf) if buf.iter().any(|&b| b == b'\n' || b == b'\r') => return true,
            Ok(buf) => {
                let n = buf.len();
                seen += n as u64;
                r.consume(n);
            }
            Err(_) => return true,
        }
    }
}

/// The error for megabytes without a line break: not a header, most likely not a table.
pub(super) fn no_line_break(path: &str) -> Diagnostic {
    Diagnostic::error(format!("`{path}` has no line break in its first {} MB", MAX_HEADER_BYTES / 1_000_000))
        .at(Place::File { path: path.to_string() })
        .help("a data file needs a header line and one line per unit; check that this is the CSV you meant")
}

/// The error for a file that is no table: a TOML file (a spec passed as data), or one whose
/// header has no delimiter. `None` when it may well be a table with other column names.
pub(super) fn not_a_table(path: &str, source: &CsvSource, width: usize) -> Option<Diagnostic> {
    let text = match source {
        CsvSource::Memory(t) => Some(t.clone()),
        CsvSource::File(p, _) => std::fs::read_to_string(p).ok().filter(|t| t.len() < 4 << 20),
    };
    let first = text.as_deref().and_then(|t| t.lines().map(str::trim).find(|l| !l.is_empty())).unwrap_or("");
    let toml_like =
        first.starts_with('#') || first.starts_with('[') || first.split(',').next().is_some_and(|f| f.contains('='));
    let toml = toml_like && text.as_deref().and_then(|t| t.parse::<toml::Table>().ok()).is_some_and(|t| !t.is_empty());
    let (what, help) = if toml {
        (
            "a TOML file (an indicator spec?), not a data table",
            "pass the spec with --spec and the data tables with --data",
        )
    } else if width < 2 {
        (
            "not a table: its header row has a single column",
            "a data file needs a unit column and indicator columns, separated by `,` `;` or tabs",
        )
    } else {
        return None;
    };
    Some(Diagnostic::error(format!("`{path}` is {what}")).at(Place::File { path: path.to_string() }).help(help))
}
