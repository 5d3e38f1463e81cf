//! Generates the bundled sample data: all 63 provinces for 2022 and 2023 on the bundled
//! `indicators.toml`, as `data/sample/dti-sample-2022-2023.csv` (one table, a `year` column)
//! and `.xlsx` (one sheet per year). Seeded, so the files are reproducible byte for byte:
//!
//! ```text
//! cargo run --example sample_data
//! ```
//!
//! Each province has a latent "digital level" (the provinces ranked in the published 2021
//! results get a level from their rank, the rest a random one); every sub-indicator's
//! attainment is a logistic function of that level, a per-indicator difficulty, noise that
//! persists from one year to the next, and a year shift. The year shift is found by bisection
//! so that the mean DTI of the year, computed by this crate, is within 0.0005 of the
//! published national mean (0.5786 for 2022, 0.6783 for 2023). The values are synthetic.

use dti::load::parse_csv;
use dti::model::registry::provinces;
use dti::model::tree::{IndicatorTree, Normalize};
use dti::validate::{DataOptions, panel, spec};
use std::path::Path;

/// SplitMix64: small, seedable, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform().max(1e-12), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

const YEARS: [(i32, f64); 2] = [(2022, 0.5786), (2023, 0.6783)];
const SEED: u64 = 20_221_023;

/// Spellings people type, used for a few rows so the sample exercises name matching.
fn typed_name(official: &str, year: i32) -> &str {
    match (official, year) {
        ("Thanh Hóa", 2022) => "Thanh Hoá",
        ("TP. Hồ Chí Minh", 2022) => "TP.HCM",
        ("Thừa Thiên Huế", 2022) => "TT-Huế",
        ("Bà Rịa - Vũng Tàu", 2023) => "BR-VT",
        ("Đắk Lắk", 2023) => "Đăk Lăk",
        ("Hà Giang", 2023) => "Tỉnh Hà Giang",
        ("Khánh Hòa", 2023) => "Khánh Hoà",
        _ => official,
    }
}

/// What one cell will hold: a number, a yes/no, or nothing.
#[derive(Clone)]
enum Value {
    Num(f64),
    YesNo(bool),
    Missing,
}

impl Value {
    fn text(&self) -> String {
        match self {
            Value::Num(v) => format!("{v}"),
            Value::YesNo(true) => "có".into(),
            Value::YesNo(false) => "không".into(),
            Value::Missing => String::new(),
        }
    }
}

struct Draws {
    level: Vec<f64>,
    difficulty: Vec<f64>,
    /// [year][province][indicator]
    noise: Vec<Vec<Vec<f64>>>,
    coin: Vec<Vec<Vec<f64>>>,
    missing: Vec<Vec<Vec<bool>>>,
}

fn draws(n_prov: usize, n_ind: usize, published_rank: &[Option<u32>]) -> Draws {
    let mut rng = Rng(SEED);
    let level = published_rank
        .iter()
        .map(|r| match r {
            Some(r) => 0.7 - 0.025 * f64::from(*r) + 0.1 * rng.normal(),
            None => -0.1 + 0.3 * rng.normal(),
        })
        .collect();
    let difficulty = (0..n_ind).map(|_| 0.6 * rng.normal()).collect();
    let mut noise = vec![vec![vec![0.0; n_ind]; n_prov]; YEARS.len()];
    let mut coin = noise.clone();
    let mut missing = vec![vec![vec![false; n_ind]; n_prov]; YEARS.len()];
    for y in 0..YEARS.len() {
        for p in 0..n_prov {
            for i in 0..n_ind {
                let fresh = rng.normal();
                noise[y][p][i] = if y == 0 { fresh } else { 0.6 * noise[y - 1][p][i] + 0.8 * fresh };
                coin[y][p][i] = rng.uniform();
                missing[y][p][i] = rng.uniform() < 0.008;
            }
        }
    }
    Draws { level, difficulty, noise, coin, missing }
}

fn cell_value(tree: &IndicatorTree, node: usize, a: f64, coin: f64) -> Value {
    let Some(ind) = tree.nodes[node].indicator() else { return Value::Missing };
    let (lo, hi) = ind.plausible.unwrap_or((0.0, f64::INFINITY));
    let round1 = |v: f64| (v.clamp(lo, hi) * 10.0).round() / 10.0;
    match &ind.normalize {
        Normalize::Bool => Value::YesNo(coin < a),
        Normalize::Goalpost(w, t) if ind.unit.as_deref() == Some("incidents") => {
            Value::Num((w + a * (t - w) * 1.1).clamp(lo, hi).round())
        }
        Normalize::Goalpost(w, t) => Value::Num(round1(w + a * (t - w) * 1.1)),
        Normalize::Max(m) => Value::Num(round1(a * m * 1.05)),
        Normalize::Bands(_) => Value::Num((a * 4.0).round()),
        _ => Value::Num(round1(a * 100.0)),
    }
}

fn year_values(tree: &IndicatorTree, d: &Draws, y: usize, shift: f64, inds: &[usize]) -> Vec<Vec<Value>> {
    (0..d.level.len())
        .map(|p| {
            inds.iter()
                .enumerate()
                .map(|(i, &node)| {
                    if d.missing[y][p][i] {
                        return Value::Missing;
                    }
                    let z = d.level[p] + shift - d.difficulty[i] + 0.5 * d.noise[y][p][i];
                    cell_value(tree, node, 1.0 / (1.0 + (-z).exp()), d.coin[y][p][i])
                })
                .collect()
        })
        .collect()
}

fn mean_dti(tree: &IndicatorTree, names: &[String], year: i32, values: &[Vec<Value>]) -> f64 {
    let mut text = String::from("province,year");
    for &k in &tree.indicators() {
        text.push(',');
        text.push_str(&tree.nodes[k].id);
    }
    for (n, vs) in names.iter().zip(values) {
        text.push_str(&format!("\n\"{n}\",{year}"));
        for v in vs {
            text.push(',');
            if !matches!(v, Value::Missing) {
                text.push_str(&v.text());
            }
        }
    }
    text.push('\n');
    let table = parse_csv(text.as_bytes(), "generated", None).expect("generated CSV parses");
    let (p, _) = panel(tree, &[table], &DataOptions::default()).expect("generated data is valid");
    let (scores, _) = dti::score::score(tree, &p).expect("generated data scores");
    let root = &scores.years[0].values[tree.root];
    root.iter().flatten().sum::<f64>() / root.len() as f64
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = std::fs::read_to_string("indicators.toml")?;
    let (tree, _) = spec(&source, "indicators.toml", Path::new("")).map_err(|e| e.to_string())?;
    let inds = tree.indicators();
    let provs = provinces();
    let published = std::fs::read_to_string("data/published/dti-published-2021.csv")?;
    let rank_of = |code: &str| {
        published.lines().skip(1).find_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f.get(2) == Some(&code)).then(|| f.get(4).and_then(|r| r.parse::<u32>().ok())).flatten()
        })
    };
    let ranks: Vec<Option<u32>> = provs.iter().map(|p| rank_of(&p.code)).collect();
    let d = draws(provs.len(), inds.len(), &ranks);
    let mut csv = String::from("province,year");
    for &k in &inds {
        csv.push(',');
        csv.push_str(&tree.nodes[k].id);
    }
    csv.push('\n');
    let mut book = rust_xlsxwriter::Workbook::new();
    for (y, &(year, target)) in YEARS.iter().enumerate() {
        let names: Vec<String> = provs.iter().map(|p| typed_name(&p.name, year).to_string()).collect();
        let (mut lo, mut hi) = (-4.0, 4.0);
        for _ in 0..50 {
            let mid = 0.5 * (lo + hi);
            if mean_dti(&tree, &names, year, &year_values(&tree, &d, y, mid, &inds)) < target {
                lo = mid
            } else {
                hi = mid
            }
        }
        let values = year_values(&tree, &d, y, 0.5 * (lo + hi), &inds);
        let mean = mean_dti(&tree, &names, year, &values);
        eprintln!("{year}: mean DTI {mean:.4} (published {target})");
        let sheet = book.add_worksheet().set_name(year.to_string())?;
        sheet.write_string(0, 0, "province")?;
        for (c, &k) in inds.iter().enumerate() {
            sheet.write_string(0, c as u16 + 1, &tree.nodes[k].id)?;
        }
        for (p, (name, vs)) in names.iter().zip(&values).enumerate() {
            let row = p as u32 + 1;
            sheet.write_string(row, 0, name)?;
            csv.push_str(&format!("{name},{year}"));
            for (c, v) in vs.iter().enumerate() {
                // Missing cells alternate between blank and `N/A`, as they arrive in practice.
                let text = match v {
                    Value::Missing if (p + c) % 2 == 0 => "N/A".to_string(),
                    v => v.text(),
                };
                csv.push(',');
                csv.push_str(&text);
                match v {
                    Value::Num(x) => sheet.write_number(row, c as u16 + 1, *x)?,
                    Value::YesNo(_) => sheet.write_string(row, c as u16 + 1, text)?,
                    Value::Missing => sheet,
                };
            }
            csv.push('\n');
        }
    }
    std::fs::write("data/sample/dti-sample-2022-2023.csv", csv)?;
    book.save("data/sample/dti-sample-2022-2023.xlsx")?;
    eprintln!("wrote data/sample/dti-sample-2022-2023.csv and .xlsx");
    Ok(())
}
