//! Bytes → raw tables. Knows file formats (CSV, Excel, ODS) and keeps, for every value, the
//! file, sheet, row and column it came from; knows nothing about indicators or units and never
//! drops a row silently.

mod csv;
mod digest;
mod excel;
mod stream;
mod table;

pub use digest::{sha256_file, sha256_hex};
pub(crate) use table::CsvSource;
pub use table::{Cell, RawTable, Row, Typed};

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

/// A year (1900–2100) standing alone in a name: `2023`, `dti_2023.csv`, `Năm 2023`.
#[must_use]
pub fn year_in_name(name: &str) -> Option<i32> {
    name.split(|c: char| !c.is_ascii_digit())
        .filter(|s| s.len() == 4)
        .filter_map(|s| s.parse::<i32>().ok())
        .find(|y| (1900..=2100).contains(y))
}

/// Reads one data file: a CSV, or the sheets of a workbook (`sheet` picks one by name).
///
/// # Errors
/// Diagnostics naming the file when it cannot be read or is not a table, or each bad row.
pub fn load_table(path: &Path, sheet: Option<&str>) -> Result<Vec<RawTable>, Vec<Diagnostic>> {
    let shown = path.display().to_string();
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).unwrap_or_default();
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xlsb" | "xls" | "ods") {
        return excel::read(path, &shown, sheet).map_err(|d| vec![d]);
    }
    let hint = path.file_stem().and_then(|s| s.to_str()).and_then(year_in_name);
    if shown != "-" && path.is_file() {
        // A file is streamed now and read again when validated; nothing of it is held.
        return csv::read_file(path, &shown, hint).map(|t| vec![t]);
    }
    // Stdin cannot be read twice: its text is kept. (Read errors, directories: `read_bytes`.)
    let bytes = read_bytes(path).map_err(|d| vec![d])?;
    csv::parse(&bytes, &shown, hint, None).map(|t| vec![t])
}

/// Parses CSV bytes into a table (what `load_table` does for a `.csv` file).
///
/// # Errors
/// Diagnostics naming `path` (encoding, empty file, bad rows).
pub fn parse_csv(bytes: &[u8], path: &str, year_hint: Option<i32>) -> Result<RawTable, Vec<Diagnostic>> {
    csv::parse(bytes, path, year_hint, None)
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

/// What a file that is not UTF-8 most likely is, to tell the user how to re-save it.
#[must_use]
pub fn guess_encoding(bytes: &[u8]) -> &'static str {
    match bytes {
        [0xFF, 0xFE, ..] => "it is UTF-16 (little-endian), as Excel's \"Unicode Text\" saves",
        [0xFE, 0xFF, ..] => "it is UTF-16 (big-endian)",
        _ if bytes.iter().step_by(2).take(64).filter(|&&b| b == 0).count() > 8
            || bytes.iter().skip(1).step_by(2).take(64).filter(|&&b| b == 0).count() > 8 =>
        {
            "it looks like UTF-16 without a byte-order mark"
        }
        _ => "it looks like a legacy code page such as Windows-1258 (Vietnamese ANSI) or TCVN3",
    }
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
    fn encodings_are_named() {
        assert!(guess_encoding(b"\xFF\xFEu\x00").contains("UTF-16 (little-endian)"));
        assert!(guess_encoding(b"\xFE\xFF\x00u").contains("big-endian"));
        let no_bom: Vec<u8> = "unit,year,value,x".bytes().flat_map(|b| [b, 0]).collect();
        assert!(guess_encoding(&no_bom).contains("without a byte-order mark"));
        assert!(guess_encoding(b"H\xe0 N\xf4i").contains("Windows-1258"));
    }

    #[test]
    fn years_in_names() {
        assert_eq!(year_in_name("2023"), Some(2023));
        assert_eq!(year_in_name("dti_2023"), Some(2023));
        assert_eq!(year_in_name("Năm 2022"), Some(2022));
        assert_eq!(year_in_name("provinces"), None);
        assert_eq!(year_in_name("v12345"), None);
    }
}
