//! Bytes → raw tables. Knows file formats (CSV, Excel, ODS) and keeps, for every value, the
//! file, sheet, row and column it came from; knows nothing about indicators or units and never
//! drops a row silently.

mod cells;
mod csv;
pub mod decimal;
mod digest;
mod excel;
pub mod number;
mod ods;
mod reread;
mod row;
mod shape;
mod sheet;
mod sniff;
mod stream;
mod table;
mod text;
mod xls;

pub use digest::{sha256_file, sha256_hex};
pub use row::{Cell, Row, Typed};
pub use shape::{HeaderHint, header_display, header_key, header_keys};
pub use table::RawTable;
pub use text::{encoding_by_name, guess_encoding};

use crate::error::{Diagnostic, Place};
use std::path::Path;

/// `0 → A`, `25 → Z`, `26 → AA`.
#[must_use]
pub fn column_letters(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The year (1900–2100) standing alone in a name: `2023`, `dti_2023.csv`, `Năm 2023`; none
/// when the name holds two (`2024-03-15 DTI 2023.csv`, `du_lieu_2022_2023.csv`): which one
/// the rows are of is not for a guess.
#[must_use]
pub fn year_in_name(name: &str) -> Option<i32> {
    let mut years = name
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .filter_map(|s| s.parse::<i32>().ok())
        .filter(|y| (1900..=2100).contains(y));
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

/// How to read data files: the sheet, a forced encoding, and what the header holds.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub sheet: Option<String>,
    pub encoding: Option<&'static encoding_rs::Encoding>,
    pub hint: HeaderHint,
}

/// Reads one data file: a CSV (or tab-separated text), or the sheets of a workbook.
///
/// # Errors
/// Diagnostics naming the file when it cannot be read or is not a table, or each bad row.
pub fn load_table(path: &Path, opts: &ReadOptions) -> Result<Vec<RawTable>, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        let sheet = excel::SheetOptions { sheet: opts.sheet.as_deref(), hint: &opts.hint };
        return excel::read(path, &shown, &sheet).map_err(|d| vec![d]);
    }
    if ext == "toml" {
        return Err(vec![
            Diagnostic::error(format!("`{shown}` is a TOML file (an indicator spec?), not a data table"))
                .at(Place::File { path: shown })
                .help("pass the spec with --spec and the data tables (.csv, .xlsx, .xls, .ods) with --data"),
        ]);
    }
    let hint = path.file_stem().and_then(|s| s.to_str()).and_then(year_in_name);
    let csv_opts = csv::CsvOptions { hint: Some(&opts.hint), encoding: opts.encoding };
    if shown != "-" && path.is_file() {
        // A UTF-8 file is streamed now and read again when validated; nothing of it is held.
        return csv::read_file(path, &shown, hint, csv_opts).map(|t| vec![t]);
    }
    // Stdin cannot be read twice: its text is kept. (Read errors, directories: `read_bytes`.)
    let bytes = read_bytes(path).map_err(|d| vec![d])?;
    csv::parse(&bytes, &shown, hint, csv_opts).map(|t| vec![t])
}

/// Parses CSV bytes into a table (what `load_table` does for a `.csv` file), the header being
/// the first row.
///
/// # Errors
/// Diagnostics naming `path` (encoding, empty file, bad rows).
pub fn parse_csv(bytes: &[u8], path: &str, year_hint: Option<i32>) -> Result<RawTable, Vec<Diagnostic>> {
    csv::parse(bytes, path, year_hint, csv::CsvOptions::default())
}

/// As `parse_csv`, with the header hint and encoding of `opts` (the header found below title
/// rows, the encoding forced), as `load_table` reads a file.
///
/// # Errors
/// As `parse_csv`.
pub fn parse_csv_with(
    bytes: &[u8],
    path: &str,
    year_hint: Option<i32>,
    opts: &ReadOptions,
) -> Result<RawTable, Vec<Diagnostic>> {
    csv::parse(bytes, path, year_hint, csv::CsvOptions { hint: Some(&opts.hint), encoding: opts.encoding })
}

/// Reads a whole file, or stdin for `-`.
///
/// # Errors
/// A diagnostic naming the file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read;
    let shown = path.display().to_string();
    let place = Place::File { path: shown.clone() };
    if shown == "-" {
        let mut buf = Vec::new();
        return std::io::stdin()
            .read_to_end(&mut buf)
            .map(|_| buf)
            .map_err(|e| Diagnostic::error(format!("could not read stdin: {e}")).at(place));
    }
    if path.is_dir() {
        return Err(Diagnostic::error(format!("`{shown}` is a directory, not a data file"))
            .at(place)
            .help("name a .csv, .xlsx, .xls or .ods file"));
    }
    std::fs::read(path).map_err(|e| {
        let help = if e.kind() == std::io::ErrorKind::NotFound {
            "check the path; relative paths in the spec's `data` are relative to the spec file"
        } else {
            "check that the file is readable"
        };
        Diagnostic::error(format!("could not read `{shown}`: {e}")).at(place).help(help)
    })
}

/// Reads the spec's text (UTF-8, BOM allowed).
///
/// # Errors
/// A diagnostic naming the file.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = read_bytes(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
    String::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(format!(
            "`{}` is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
        .at(Place::File { path: path.display().to_string() })
        .help("save the file as UTF-8")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_excel() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn years_in_names() {
        assert_eq!(year_in_name("2023"), Some(2023));
        assert_eq!(year_in_name("dti_2023"), Some(2023));
        assert_eq!(year_in_name("Năm 2022"), Some(2022));
        assert_eq!(year_in_name("provinces"), None);
        assert_eq!(year_in_name("v12345"), None);
        assert_eq!(year_in_name("2024-03-15 DTI 2023"), None);
        assert_eq!(year_in_name("du_lieu_2022_2023"), None);
        assert_eq!(year_in_name("DTI 2023 (ban 2023)"), Some(2023));
    }
}
