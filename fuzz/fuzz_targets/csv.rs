//! Any bytes as a CSV data file, read against a small fixed spec as `dti rank` reads one (the
//! header looked for below title rows, any encoding), and scored.
#![no_main]
use libfuzzer_sys::fuzz_target;

const SPEC: &str = r#"
[index]
id = "idx"
units = "vn-provinces"
unit_column = "province"
children = { x = 1, y = 2, z = 1 }

[[indicator]]
id = "x"
direction = "higher"

[[indicator]]
id = "y"
direction = "lower"
normalize = "goalpost"
goalposts = [100, 0]

[[indicator]]
id = "z"
direction = "higher"
normalize = "bool"
"#;

fuzz_target!(|data: &[u8]| {
    let (tree, _) = dti::validate::spec(SPEC, "s.toml", std::path::Path::new("")).expect("the fixed spec is valid");
    let read = dti::load::ReadOptions { hint: dti::validate::header_hint(&tree, None), ..Default::default() };
    let Ok(table) = dti::load::parse_csv_with(data, "fuzz.csv", Some(2023), &read) else { return };
    let opts = dti::validate::DataOptions { year: Some(2023), strict: false, only_years: None };
    if let Ok((panel, _)) = dti::validate::panel(&tree, &[table], &opts) {
        let _ = dti::score::score(&tree, &panel);
    }
});
