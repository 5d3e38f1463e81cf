//! Any text as `indicators.toml`: validation returns a tree or diagnostics, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = dti::validate::spec(text, "fuzz.toml", std::path::Path::new(""));
    }
});
