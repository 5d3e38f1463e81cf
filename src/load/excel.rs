//! Workbooks (`.xlsx`, `.xls`, `.ods`) → `RawTable`s through calamine: the sheet asked for,
//! or every sheet named by a year, or the first sheet. Keeps each cell's sheet and address.

use super::stream;
use super::{RawTable, Typed, year_in_name};
use crate::error::{Diagnostic, Place};
use calamine::{Data, Reader, Sheets, open_workbook_auto};
use std::path::Path;

/// Reads the chosen sheets of a workbook. The workbook reader is a third-party parser of a
/// complex format; a malformed file that makes it panic is reported like any unreadable
/// workbook, never passed on as a crash (fuzzing found one: an overflowing cell reference).
///
/// # Errors
/// A diagnostic naming the file or sheet.
pub fn read(path: &Path, shown: &str, sheet: Option<&str>) -> Result<Vec<RawTable>, Diagnostic> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_unguarded(path, shown, sheet)));
    std::panic::set_hook(previous);
    result.unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Diagnostic::error(format!("could not read workbook `{shown}`: its content is malformed ({why})"))
            .at(Place::File { path: shown.to_string() })
            .help("open it in Excel or LibreOffice and save it again, or export the sheet as CSV UTF-8"))
    })
}

fn read_unguarded(path: &Path, shown: &str, sheet: Option<&str>) -> Result<Vec<RawTable>, Diagnostic> {
    let file = Place::File { path: shown.to_string() };
    if path.is_dir() {
        return Err(Diagnostic::error(format!("`{shown}` is a directory, not a data file")).at(file));
    }
    let mut wb = open_workbook_auto(path).map_err(|e| {
        let (what, help) = sniff(path, &e.to_string());
        Diagnostic::error(format!("could not open workbook `{shown}`: {what}")).at(file.clone()).help(help)
    })?;
    let names = wb.sheet_names();
    let chosen: Vec<String> = match sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
                return Err(Diagnostic::error(format!("`{shown}` has no sheet `{s}`"))
                    .at(file)
                    .help(format!("its sheets are: {}", names.join(", "))));
            }
            vec![s.to_string()]
        }
        None => {
            let by_year: Vec<String> = names.iter().filter(|n| year_in_name(n).is_some()).cloned().collect();
            if by_year.is_empty() { names.iter().take(1).cloned().collect() } else { by_year }
        }
    };
    let stem_year = path.file_stem().and_then(|s| s.to_str()).and_then(year_in_name);
    let mut out = Vec::new();
    for name in chosen {
        let year_hint = year_in_name(&name).or(stem_year);
        let no_data = || {
            Diagnostic::error(format!("sheet `{name}` of `{shown}` has no data"))
                .at(file.clone())
                .help("put a header row and one row per unit on the sheet, or choose another with --sheet")
        };
        // An .xlsx sheet is streamed; a sheet out of row order, and other formats, read whole.
        if let Sheets::Xlsx(x) = &mut wb {
            let scanned = stream::scan(x, &name).map_err(|e| {
                Diagnostic::error(format!("could not read sheet `{name}` of `{shown}`: {e}")).at(file.clone())
            })?;
            if let Some(sc) = scanned {
                if sc.headers.iter().all(String::is_empty) {
                    return Err(no_data());
                }
                out.push(RawTable::streamed(path, shown, name, year_hint, sc));
                continue;
            }
        }
        let range = wb.worksheet_range(&name).map_err(|e| {
            Diagnostic::error(format!("could not read sheet `{name}` of `{shown}`: {e}")).at(file.clone())
        })?;
        let origin = range.start().map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let mut rows = range.rows();
        let headers: Vec<String> = rows.next().map(|r| r.iter().map(header_text).collect()).unwrap_or_default();
        if headers.iter().all(String::is_empty) {
            return Err(no_data());
        }
        let rows =
            rows.map(|r| (!r.iter().all(|c| matches!(c, Data::Empty))).then(|| r.iter().map(cell).collect())).collect();
        out.push(RawTable::typed(shown, name, year_hint, headers, origin, rows));
    }
    Ok(out)
}

/// Why a workbook would not open, from its first bytes: text renamed to .xlsx, an encrypted
/// (password-protected) or legacy container, or a damaged zip.
fn sniff(path: &Path, error: &str) -> (String, &'static str) {
    use std::io::Read;
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match &head[..n] {
        [0x50, 0x4B, ..] => (
            format!("the file is damaged or incomplete ({error})"),
            "download or copy it again; open it in Excel or LibreOffice to check",
        ),
        [0xD0, 0xCF, 0x11, 0xE0, ..] if ext != "xls" => (
            "it is encrypted (password-protected), or an old binary workbook with the wrong extension".into(),
            "open it in Excel or LibreOffice, remove the password, and save it as .xlsx",
        ),
        h if !h.is_empty() && h.iter().all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace() || *b >= 0x80) => {
            ("it is a text file, not a workbook".into(), "if it is a CSV renamed to .xlsx, rename it back to .csv")
        }
        _ => (error.to_string(), "check that the file is a real .xlsx/.xls/.ods workbook"),
    }
}

pub(super) fn header_text(c: &Data) -> String {
    match c {
        Data::String(s) => s.trim().to_string(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

pub(super) fn cell(c: &Data) -> Typed {
    match c {
        Data::Empty => Typed::Empty,
        Data::String(s) if s.trim().is_empty() => Typed::Empty,
        Data::String(s) => Typed::Text(s.clone()),
        Data::Int(i) => Typed::Number(*i as f64),
        Data::Float(f) => Typed::Number(*f),
        Data::Bool(b) => Typed::Bool(*b),
        Data::DateTime(d) => Typed::Date(format!("Excel serial {d}")),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Typed::Date(s.clone()),
        Data::Error(e) => Typed::Error(e.to_string()),
    }
}
