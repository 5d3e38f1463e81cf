//! Helpers: run the built `dti` binary in a folder, read JSON output, make temp folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The repository root (where `indicators.toml` lives).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `dti` with `args` in `dir`, stdin empty.
pub fn dti_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dti"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the dti binary runs")
}

/// Runs `dti` in the repository root.
pub fn dti(args: &[&str]) -> Output {
    dti_in(&root(), args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// Runs `dti` expecting success, and parses its stdout as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    json_in(&root(), args)
}

pub fn json_in(dir: &Path, args: &[&str]) -> serde_json::Value {
    let o = dti_in(dir, args);
    assert!(o.status.success(), "dti {args:?} failed:\n{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("valid JSON")
}

/// A temporary folder with the given files written into it.
pub fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temp dir");
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).expect("write fixture");
    }
    dir
}

/// The result row of a unit in JSON output.
pub fn result<'a>(doc: &'a serde_json::Value, unit: &str) -> &'a serde_json::Value {
    doc["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["unit"] == unit)
        .unwrap_or_else(|| panic!("no result for {unit}"))
}

pub fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Copies workbook `src` to `dst` with the XML of each worksheet changed by `edit`, the rest
/// untouched; returns how many worksheets there were.
pub fn edit_sheet_xml(src: &Path, dst: &Path, edit: impl Fn(&str) -> String) -> usize {
    use std::io::Read;
    let mut zin = zip::ZipArchive::new(std::fs::File::open(src).expect("open")).expect("zip");
    let mut zout = zip::ZipWriter::new(std::fs::File::create(dst).expect("create"));
    let mut sheets = 0;
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).expect("entry");
        let name = f.name().expect("entry name").to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        if name.starts_with("xl/worksheets/sheet") {
            bytes = edit(&String::from_utf8(bytes).expect("xml")).into_bytes();
            sheets += 1;
        }
        zout.start_file(name, zip::write::SimpleFileOptions::default()).expect("start");
        std::io::Write::write_all(&mut zout, &bytes).expect("write");
    }
    zout.finish().expect("finish");
    sheets
}
