//! Workbooks (`.xlsx`, `.xls`, `.ods`) → `RawTable`s through calamine: the sheet asked for,
//! or every sheet named by a year, or the first sheet. Keeps each cell's sheet and address.

use super::cells::{cell, header_text, percent_format};
use super::shape::HeaderHint;
use super::sheet::Layout;
use super::{RawTable, Typed, ods, stream, xls, year_in_name};
use crate::error::{Diagnostic, Place};
use calamine::{Data, Reader, Sheets, Xls, open_workbook_auto};
use std::io::{Cursor, Read, Seek};
use std::path::Path;

/// Which sheet to read and what its header holds.
#[derive(Debug, Clone, Copy)]
pub struct SheetOptions<'a> {
    pub sheet: Option<&'a str>,
    pub hint: &'a HeaderHint,
}

/// Reads the chosen sheets of a workbook. The workbook reader is a third-party parser of a
/// complex format; a malformed file that makes it panic is reported like any unreadable
/// workbook, never passed on as a crash (fuzzing found one: an overflowing cell reference).
///
/// # Errors
/// A diagnostic naming the file or sheet.
pub fn read(path: &Path, shown: &str, opts: &SheetOptions<'_>) -> Result<Vec<RawTable>, Diagnostic> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_unguarded(path, shown, opts)));
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

fn read_unguarded(path: &Path, shown: &str, opts: &SheetOptions<'_>) -> Result<Vec<RawTable>, Diagnostic> {
    let file = Place::File { path: shown.to_string() };
    if path.is_dir() {
        return Err(Diagnostic::error(format!("`{shown}` is a directory, not a data file")).at(file));
    }
    match xls::inspect(path) {
        // A compound file, whatever its name: only its workbook stream reaches calamine.
        Some(inspection) => {
            let (wb, formats) = compound(inspection, shown, &file)?;
            sheets(Sheets::Xls(wb), formats, path, shown, opts)
        }
        None => {
            let wb = open_workbook_auto(path).map_err(|e| {
                let (what, help) = sniff(path, &e.to_string());
                Diagnostic::error(format!("could not open workbook `{shown}`: {what}")).at(file.clone()).help(help)
            })?;
            sheets(wb, xls::Formats::default(), path, shown, opts)
        }
    }
}

/// A workbook read from its stream in a container written afresh.
type Rebuilt = Xls<Cursor<Vec<u8>>>;

/// The workbook of a compound file, refused when it is damaged, encrypted or holds none.
fn compound(i: xls::Inspection, shown: &str, file: &Place) -> Result<(Rebuilt, xls::Formats), Diagnostic> {
    let refuse = |what: &str, help: &str| {
        Err(Diagnostic::error(format!("could not open workbook `{shown}`: {what}")).at(file.clone()).help(help))
    };
    let again = "open it in Excel or LibreOffice and save it again, or copy it again from where it came";
    if i.looped {
        return refuse("it is damaged (its sectors loop)", again);
    }
    if let Some(c) = &i.crowded {
        return Err(crowded(shown, c).at(file.clone()));
    }
    let Some(rebuilt) = i.rebuilt else {
        return if i.encrypted {
            refuse(
                "it is encrypted (password-protected)",
                "open it in Excel or LibreOffice, remove the password, and save it as .xlsx",
            )
        } else {
            refuse(
                "it is an old Office document with no workbook in it, or a damaged one",
                "check that the file is a real .xlsx/.xls/.ods workbook",
            )
        };
    };
    match Xls::new(Cursor::new(rebuilt)) {
        Ok(wb) => Ok((wb, i.formats)),
        Err(e) => refuse(&format!("its content is malformed ({e})"), again),
    }
}

/// Reads the chosen sheets of an open workbook; `formats`: the percent and number cells an
/// `.xls` file's formats show.
fn sheets<RS: Read + Seek>(
    mut wb: Sheets<RS>,
    formats: xls::Formats,
    path: &Path,
    shown: &str,
    opts: &SheetOptions<'_>,
) -> Result<Vec<RawTable>, Diagnostic> {
    let file = Place::File { path: shown.to_string() };
    let names = wb.sheet_names();
    let chosen: Vec<String> = match opts.sheet {
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
    // calamine reads .ods and .xls number formats for dates only: percentages are found here.
    let (typed_percent, typed_number) = match wb {
        Sheets::Ods(_) => (ods::percent_cells(path), Default::default()),
        Sheets::Xls(_) => (formats.percent, formats.number),
        _ => Default::default(),
    };
    let mut out = Vec::new();
    for name in chosen {
        let year_hint = year_in_name(&name).or(stem_year);
        let place = Place::File { path: format!("{shown} (sheet {name})") };
        let no_data = || {
            let what = opts.hint.row.map_or_else(|| "no data".to_string(), |r| format!("no header at row {r}"));
            Diagnostic::error(format!("sheet `{name}` of `{shown}` has {what}"))
                .at(file.clone())
                .help("put a header row and one row per unit on the sheet, or choose another with --sheet")
        };
        let unreadable =
            |e: String| Diagnostic::error(format!("could not read sheet `{name}` of `{shown}`: {e}")).at(file.clone());
        // An .xlsx sheet is streamed; a sheet out of row order, and other formats, read whole.
        if let Sheets::Xlsx(x) = &mut wb {
            match stream::scan(x, &name, opts.hint, &place).map_err(|e| unreadable(e.to_string()))? {
                Some(Some(sc)) => {
                    out.push(RawTable::streamed(path, shown, name, year_hint, sc));
                    continue;
                }
                Some(None) => return Err(no_data()),
                None => {}
            }
        }
        let range = wb.worksheet_range(&name).map_err(|e| unreadable(e.to_string()))?;
        let styles = wb.worksheet_style(&name).unwrap_or_default();
        let percent = |at: (u32, u32)| {
            styles.get(at).and_then(|s| s.number_format.as_ref()).is_some_and(|f| percent_format(&f.format_code))
                || typed_percent.get(&name).is_some_and(|cells| cells.contains(&at))
        };
        // A number whose format the file defines but calamine took for a date (an id Excel
        // keeps for dates, reused by Gnumeric): the number it is.
        let numbers = typed_number.get(&name);
        let value = |at: (u32, u32), v: &Data| match v {
            Data::DateTime(d) if numbers.is_some_and(|n| n.contains(&at)) => Data::Float(d.as_f64()),
            other => other.clone(),
        };
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut layout = Layout::default();
        for (r, row) in range.rows().enumerate() {
            for (c, v) in row.iter().enumerate().filter(|(_, v)| !matches!(v, Data::Empty)) {
                let at = (top + r as u32, left + c as u32);
                layout.cell(at.0, at.1, || header_text(&value(at, v)));
            }
        }
        let found = layout.find(opts.hint, &place).ok_or_else(no_data)?;
        let width = found.headers.len() as u32;
        let first_col = found.origin.1 as u32;
        let rows = found
            .rows
            .iter()
            .map(|d| {
                let cells = (first_col..first_col + width)
                    .map(|c| {
                        let at = (d.record, c);
                        range.get_value(at).map_or(Typed::Empty, |v| cell(&value(at, v), percent(at)))
                    })
                    .collect();
                (d.line, cells)
            })
            .collect();
        out.push(RawTable::typed(shown, name, year_hint, found.headers, found.origin, rows, found.notes));
    }
    Ok(out)
}

/// A sheet claiming more places than an `.xls` sheet has: where its cells lie, how many.
fn crowded(shown: &str, c: &xls::Crowded) -> Diagnostic {
    let sheet = c.name.as_ref().map_or_else(|| format!("sheet {}", c.sheet + 1), |n| format!("sheet `{n}`"));
    let at = |(r, col): (u32, u32)| format!("{}{}", super::column_letters(col as usize), u64::from(r) + 1);
    let what = if c.claimed {
        format!("it claims {} cells", grouped(c.places))
    } else {
        let (cells, places) = (grouped(c.cells), grouped(c.places));
        format!("its {cells} cells lie as far apart as {} and {}, a grid of {places} places", at(c.from), at(c.to))
    };
    Diagnostic::error(format!(
        "could not read {sheet} of workbook `{shown}`: it is damaged ({what}, more than an .xls sheet has: {} rows × {} columns)",
        grouped(1 << 16),
        256
    ))
    .help("open it in Excel or LibreOffice and save it again, or copy it again from where it came")
}

/// `33816060` as `33,816,060`.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Why a workbook would not open, from its first bytes: text renamed to .xlsx, an encrypted
/// (password-protected) or legacy container, or a damaged zip.
fn sniff(path: &Path, error: &str) -> (String, &'static str) {
    use std::io::Read;
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path).and_then(|mut f| f.read(&mut head)).unwrap_or(0);
    match &head[..n] {
        // calamine's OpenDocument reader follows LibreOffice's layout of content.xml and not
        // every writer's (Gnumeric's pretty-printed rows): the file is likely fine.
        [0x50, 0x4B, ..] if error.contains("Ods error") => (
            format!("its OpenDocument layout is one this reader cannot follow ({error})"),
            "open it in LibreOffice and save it again as .ods, or save it as .xlsx",
        ),
        [0x50, 0x4B, ..] => (
            format!("the file is damaged or incomplete ({error})"),
            "download or copy it again; open it in Excel or LibreOffice to check",
        ),
        h if !h.is_empty() && h.iter().all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace() || *b >= 0x80) => {
            ("it is a text file, not a workbook".into(), "if it is a CSV renamed to .xlsx, rename it back to .csv")
        }
        _ => (error.to_string(), "check that the file is a real .xlsx/.xls/.ods workbook"),
    }
}
