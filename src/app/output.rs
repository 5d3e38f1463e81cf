//! Writing what a command made: to stdout, or to a file atomically (a temporary file beside
//! it, renamed over it, removed on failure or a signal), never over one of the inputs. No
//! business logic: the bytes come rendered.

use crate::error::{Diagnostic, Diagnostics};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(super) fn refuse_input_as_output(out: &Path, spec: &Path, files: &[PathBuf]) -> Result<()> {
    let Ok(target) = out.canonicalize() else { return Ok(()) };
    for input in std::iter::once(spec).chain(files.iter().map(PathBuf::as_path)) {
        if input.canonicalize().is_ok_and(|p| p == target) {
            let d = Diagnostic::error(format!("--output {} is one of the inputs", out.display()))
                .help("write the result to another file");
            return Err(Diagnostics(vec![d]).into());
        }
    }
    Ok(())
}

/// Renders straight into stdout, or into a temporary file beside `path` that is then renamed
/// over it (see `write_output`), without holding the whole output in memory first.
pub(super) fn write_rendered(
    path: Option<&Path>,
    render: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        render(&mut out)?;
        return out.flush().map_err(Into::into);
    };
    let (dir, name) = temp_place(path)?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _registered = super::signals::Temp::new(&tmp);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        match std::env::var("DTI_TEST_PAUSE_MID_WRITE") {
            Ok(_) => render(&mut PauseMidWay { inner: &mut f, written: 0 })?,
            Err(_) => render(&mut f)?,
        }
        let f = f.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("could not write `{}`", path.display()))
}

/// For the test that kills a run mid-write: once 4 KiB are written, flush and pause.
struct PauseMidWay<'w> {
    inner: &'w mut dyn Write,
    written: usize,
}

impl Write for PauseMidWay<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        let before = self.written;
        self.written += n;
        if before < 4096 && self.written >= 4096 {
            self.inner.flush()?;
            pause_for_tests();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The folder and file name of an output path.
fn temp_place(path: &Path) -> Result<(&Path, String)> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().context("--output needs a file name")?.to_string_lossy().into_owned();
    Ok((dir, name))
}

/// For the test that kills a run mid-write (tests/integration/invalid.rs).
fn pause_for_tests() {
    if let Some(ms) = std::env::var("DTI_TEST_PAUSE_MID_WRITE").ok().and_then(|v| v.parse().ok()) {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

/// Writes to stdout, or to a temporary file beside `path` that is then renamed over it, so a
/// failed run never leaves a partial file or damages an existing one.
pub(super) fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)?;
        return out.flush().map_err(Into::into);
    };
    let (dir, name) = temp_place(path)?;
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _registered = super::signals::Temp::new(&tmp);
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        let (first, rest) = bytes.split_at(bytes.len() / 2);
        f.write_all(first)?;
        f.flush()?;
        pause_for_tests();
        f.write_all(rest)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("could not write `{}`", path.display()))
}
