//! Any bytes as a workbook (.xlsx, .xls or .ods, chosen by the first byte), through calamine
//! and our own readers of number formats (`load/xls.rs`, `load/ods.rs`): the scan at load and
//! the rows read again, as validation reads them.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&kind, body)) = data.split_first() else { return };
    let ext = ["xlsx", "xls", "ods"][usize::from(kind % 3)];
    let path = std::env::temp_dir().join(format!("dti-fuzz-{}.{ext}", std::process::id()));
    if std::fs::write(&path, body).is_ok() {
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
