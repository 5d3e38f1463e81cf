//! The published figures the sample must reproduce, read from the copies in `data/published/`
//! (see its README): DTI and pillar values and ranks per province-year, and the main indices of
//! the 2022 top 5. Rows marked `UNCERTAIN` are left out, and so are the two figures that
//! contradict firmer ones (listed in `SKIPPED`, with the reason).

use std::path::Path;

/// The nodes a published row can give, in the column order of the files.
pub const NODES: [&str; 4] = ["dti", "gov", "econ", "soc"];

/// Published main indices of `dti_2022_main_indices_top5.csv`, in the column order of that file.
pub const MAIN_COLUMNS: [(&str, &str); 8] = [
    ("nhan_thuc_so", "awareness"),
    ("the_che_so", "institutions"),
    ("ha_tang_so", "infrastructure"),
    ("nhan_luc_so", "human_resources"),
    ("an_toan_thong_tin_mang", "cybersecurity"),
    ("hoat_dong_chinh_quyen_so", "gov_activity"),
    ("hoat_dong_kinh_te_so", "econ_activity"),
    ("hoat_dong_xa_hoi_so", "soc_activity"),
];

/// Figures that contradict firmer ones: (year, GSO code, node, what, why).
pub const SKIPPED: [(i32, &str, &str, &str, &str); 3] = [
    (2021, "83", "econ", "rank", "Bến Tre econ 26/63 collides with Nam Định 26 and Yên Bái 27 (dti.gov.vn)"),
    (2023, "08", "econ", "value", "Tuyên Quang's four 2023 values are inconsistent under the 922 formula"),
    (2023, "08", "soc", "value", "Tuyên Quang's four 2023 values are inconsistent under the 922 formula"),
];

/// One published figure: a value (in units of 0.0001) and/or a rank of one node.
#[derive(Clone, Debug)]
pub struct Figure {
    pub year: i32,
    pub code: String,
    pub node: usize,
    pub value: Option<i64>,
    pub rank: Option<u32>,
    pub source: String,
}

/// Parses a 4-decimal value into units of 0.0001.
pub fn units(text: &str) -> Option<i64> {
    let v: f64 = text.trim().parse().ok()?;
    Some((v * 10_000.0).round() as i64)
}

fn skipped(year: i32, code: &str, node: &str, what: &str) -> bool {
    SKIPPED.iter().any(|s| s.0 == year && s.1 == code && s.2 == node && s.3 == what)
}

/// Every firm figure of `years` found in `dir`.
pub fn figures(dir: &Path, years: &[i32]) -> Result<Vec<Figure>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for &year in years {
        for file in [format!("dti_{year}.csv"), format!("dti_{year}_found.csv")] {
            let mut reader = csv::Reader::from_path(dir.join(&file))?;
            for row in reader.records() {
                let row = row?;
                if row.get(12).unwrap_or("").contains("UNCERTAIN") {
                    continue;
                }
                let code = row.get(2).unwrap_or("").to_string();
                for (n, node) in NODES.iter().enumerate() {
                    let mut value = units(row.get(3 + 2 * n).unwrap_or(""));
                    let mut rank = row.get(4 + 2 * n).unwrap_or("").trim().parse::<u32>().ok();
                    if skipped(year, &code, node, "value") {
                        value = None;
                    }
                    if skipped(year, &code, node, "rank") {
                        rank = None;
                    }
                    if value.is_some() || rank.is_some() {
                        let source = file.clone();
                        out.push(Figure { year, code: code.clone(), node: n, value, rank, source });
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Published main indices of one province: (GSO code, [(main index id, units)]).
pub type MainRow = (String, Vec<(&'static str, i64)>);

/// The main indices of the 2022 top 5.
pub fn main_indices(dir: &Path) -> Result<Vec<MainRow>, Box<dyn std::error::Error>> {
    let mut reader = csv::Reader::from_path(dir.join("dti_2022_main_indices_top5.csv"))?;
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row?;
        let values = MAIN_COLUMNS
            .iter()
            .enumerate()
            .map(|(i, &(_, id))| (id, units(row.get(4 + i).unwrap_or("")).expect("a printed value")))
            .collect();
        out.push((row.get(2).unwrap_or("").to_string(), values));
    }
    Ok(out)
}
