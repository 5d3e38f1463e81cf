//! An interrupted run leaves no temporary file behind: outputs are written to a temporary file
//! beside the target and renamed over it when complete (`write_output`); if SIGTERM, SIGINT
//! or SIGHUP arrives meanwhile, a watcher thread removes the temporary files still open and
//! ends the process with the signal's exit code (128 + n). The target is never touched.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};

/// The temporary files being written.
static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file registered for removal on a signal while it lives.
pub(super) struct Temp(PathBuf);

impl Temp {
    /// Registers `path` (and starts the watcher, once).
    pub(super) fn new(path: &Path) -> Temp {
        static WATCH: Once = Once::new();
        WATCH.call_once(|| {
            // Without a watcher the default action still ends the run; only the cleanup is lost.
            if let Ok(mut signals) = Signals::new([SIGTERM, SIGINT, SIGHUP]) {
                std::thread::spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        if let Ok(temps) = TEMPS.lock() {
                            for t in temps.iter() {
                                let _ = std::fs::remove_file(t);
                            }
                        }
                        std::process::exit(128 + sig);
                    }
                });
            }
        });
        if let Ok(mut temps) = TEMPS.lock() {
            temps.push(path.to_path_buf());
        }
        Temp(path.to_path_buf())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Ok(mut temps) = TEMPS.lock() {
            temps.retain(|t| t != &self.0);
        }
    }
}
