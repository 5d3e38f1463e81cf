//! Any bytes as a workbook (.xlsx), through calamine and our reader: the scan at load and the
//! rows read again, as validation reads them.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = std::env::temp_dir().join(format!("dti-fuzz-{}.xlsx", std::process::id()));
    if std::fs::write(&path, data).is_ok() {
        if let Ok(tables) = dti::load::load_table(&path, &dti::load::ReadOptions::default()) {
            for t in &tables {
                for (_, row) in t.data_rows() {
                    let _ = row.cells().count();
                }
                let _ = t.reread_problems();
            }
        }
    }
});
