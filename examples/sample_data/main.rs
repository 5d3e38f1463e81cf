//! Generates the bundled sample data: all 63 provinces for 2021, 2022 and 2023 on the bundled
//! `indicators.toml`, as `data/sample/dti-sample-2021-2023.csv` (one table, a `year` column),
//! `.xlsx` (one sheet per year) and `data/sample/published-mask.csv` (which province-year-node
//! figures are published ones). Seeded, so the files are reproducible byte for byte:
//!
//! ```text
//! cargo run --example sample_data
//! ```
//!
//! The DTI and pillar values reproduce every firm published rank and value in
//! `data/published/` and each year's national mean (`targets`); the main indices follow from
//! them by the Decision 922 formulas (the 2022 top 5 keep their published main indices; the
//! provinces with published main-index ranks get main indices placed at those ranks, `place`),
//! and the sub-indicators are synthetic values that give those main indices exactly (`cells`).
//! Before writing, the generator scores its own output with this crate and stops if any
//! published figure is not reproduced at 4 decimals, or any published rank at its place.

mod cells;
mod check;
mod main_ranks;
mod place;
mod published;
mod ranked;
mod ranking;
mod targets;

use cells::Value;
use dti::model::registry::provinces;
use dti::model::tree::{IndicatorTree, NodeId};
use dti::validate::spec;
use std::fmt::Write as _;
use std::path::Path;

/// SplitMix64: small, seedable, and the same on every platform.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform().max(1e-12), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// The years and their published national mean DTI (units of 0.0001; 2022: 0.5786, the figure
/// of dti-method.md; a provincial plan prints 0.5791).
const YEARS: [(i32, i64); 3] = [(2021, 4014), (2022, 5786), (2023, 6783)];
const SEED: u64 = 20_211_022;

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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = std::fs::read_to_string("indicators.toml")?;
    let (tree, _) = spec(&source, "indicators.toml", Path::new("")).map_err(|e| e.to_string())?;
    let inds = tree.indicators();
    let provs = provinces();
    let code: Vec<String> = provs.iter().map(|p| p.code.clone()).collect();
    let dir = Path::new("data/published");
    let years: Vec<i32> = YEARS.iter().map(|y| y.0).collect();
    let figs = published::figures(dir, &years)?;
    let top5 = published::main_indices(dir)?;
    let main_ranks = main_ranks::rows(dir, &years)?;
    let mut rng = Rng(SEED);
    // Strength: the dti.gov.vn 2022 rank (complete), moved by noise in the other years.
    let rank22: Vec<f64> = code
        .iter()
        .map(|c| {
            let f = figs.iter().find(|f| f.year == 2022 && f.node == 0 && &f.code == c && f.rank.is_some());
            f64::from(f.expect("every 2022 rank is published").rank.unwrap())
        })
        .collect();
    let lasting: Vec<[f64; 3]> = code.iter().map(|_| [0.0; 3].map(|_: f64| 0.015 * rng.normal())).collect();
    let names = |year: i32| -> Vec<String> { provs.iter().map(|p| typed_name(&p.name, year).to_string()).collect() };
    let mut columns: Vec<Vec<Vec<Value>>> = Vec::new();
    let mut all_targets = Vec::new();
    for &(year, mean) in &YEARS {
        let yfigs: Vec<&published::Figure> = figs.iter().filter(|f| f.year == year).collect();
        let main_pub = if year == 2022 { top5.clone() } else { Vec::new() };
        let rows_y: Vec<&main_ranks::RankRow> = main_ranks.iter().filter(|r| r.year == year).collect();
        let placed: Vec<usize> = rows_y.iter().map(|r| code.iter().position(|c| *c == r.code).expect("code")).collect();
        let top: Vec<usize> = (0..code.len()).filter(|&p| main_pub.iter().any(|m| m.0 == code[p])).collect();
        // Draws that put a main index outside [0, 1], or leave no room for a published
        // main-index rank, are drawn again.
        let (t, main, moved) = (0..1_000)
            .find_map(|_| {
                let strength: Vec<f64> =
                    rank22.iter().map(|r| if year == 2022 { -r } else { -(r + 6.0 * rng.normal()) }).collect();
                let tilt: Vec<[f64; 3]> = lasting.iter().map(|t| t.map(|x| x + 0.008 * rng.normal())).collect();
                let saved = rng.clone();
                let mut t = targets::year_targets(&yfigs, &code, &strength, &tilt, mean, &main_pub, &mut rng)?;
                if !rows_y.is_empty() {
                    let (placed_t, next) =
                        ranked::ranked_targets(&t, &rows_y, &code, saved, &yfigs, &main_pub, |mp, f, r| {
                            targets::year_targets(f, &code, &strength, &tilt, mean, mp, r)
                        })?;
                    (t, rng) = (placed_t, next);
                }
                // Foundation indices count only through their sum: split them so that the
                // published foundation ranks hold.
                let mut main = t.main.clone();
                let moved = place::foundations(&rows_y, &placed, &top, &mut main, &mut rng)?;
                Some((t, main, moved))
            })
            .expect("feasible draws");
        // Cells hit every main index where one is published or placed; elsewhere awareness,
        // institutions and smart city are drawn freely, as their yes/no items fall (`cells`).
        let exact: Vec<bool> = (0..code.len()).map(|p| top.contains(&p) || placed.contains(&p)).collect();
        let mut rows: Vec<Vec<Value>> =
            (0..code.len()).map(|p| province_row(&tree, &inds, main[p], exact[p], &mut rng)).collect();
        // A freely drawn province that lands on the wrong side of a published rank's value is
        // drawn again (its foundation indices were placed on the right side: `moved`), and
        // hit exactly if no draw lands right.
        let got = realised(&tree, &inds, &names(year), year, &rows)?;
        let target: Vec<[i64; 9]> = main.iter().map(|m| m.map(|v| (v * 10_000.0).round() as i64)).collect();
        let right = |q: usize, mine: &[i64; 9]| {
            rows_y.iter().zip(&placed).all(|(row, &p)| {
                (0..5).all(|k| {
                    row.get(targets::MAIN[k]).is_none()
                        || (mine[k] - got[p][k]).signum() == (target[q][k] - target[p][k]).signum()
                })
            })
        };
        for q in (0..code.len()).filter(|&q| !exact[q] && (moved[q] || !right(q, &got[q]))) {
            let mut fits = right(q, &got[q]);
            for _ in 0..40 {
                if fits {
                    break;
                }
                rows[q] = province_row(&tree, &inds, main[q], false, &mut rng);
                let one = realised(&tree, &inds, &names(year)[q..=q], year, &rows[q..=q])?;
                fits = right(q, &one[q]);
            }
            if !fits {
                rows[q] = province_row(&tree, &inds, main[q], true, &mut rng);
            }
        }
        columns.push(rows);
        all_targets.push(t);
    }
    let mut csv = csv_header(&tree, &inds);
    let mut book = rust_xlsxwriter::Workbook::new();
    // A fixed creation date keeps the workbook the same byte for byte.
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    for (y, &(year, _)) in YEARS.iter().enumerate() {
        let sheet = book.add_worksheet().set_name(year.to_string())?;
        sheet.write_string(0, 0, "province")?;
        for (c, &k) in inds.iter().enumerate() {
            sheet.write_string(0, c as u16 + 1, &tree.nodes[k].id)?;
        }
        for (p, (name, vs)) in names(year).iter().zip(&columns[y]).enumerate() {
            let row = p as u32 + 1;
            sheet.write_string(row, 0, name)?;
            csv_row(&mut csv, name, year, p, vs);
            for (c, v) in vs.iter().enumerate() {
                match v {
                    Value::Num(x) => sheet.write_number(row, c as u16 + 1, *x)?,
                    Value::YesNo(_) => sheet.write_string(row, c as u16 + 1, v.text())?,
                    Value::Missing => sheet,
                };
            }
        }
    }
    check::check(&tree, &csv, &code, &years, &all_targets, &top5, &main_ranks)?;
    std::fs::write("data/sample/dti-sample-2021-2023.csv", &csv)?;
    book.save("data/sample/dti-sample-2021-2023.xlsx")?;
    std::fs::write("data/sample/published-mask.csv", check::mask(&figs, &top5, &main_ranks, &provs))?;
    eprintln!("wrote data/sample/dti-sample-2021-2023.csv, .xlsx and published-mask.csv");
    Ok(())
}

/// One province-year's cells in the column order of `inds`.
fn province_row(tree: &IndicatorTree, inds: &[NodeId], main: [f64; 9], exact: bool, rng: &mut Rng) -> Vec<Value> {
    let mut row = vec![Value::Missing; inds.len()];
    for (ind, v) in cells::province(tree, main, exact, rng) {
        row[inds.iter().position(|&i| i == ind).unwrap()] = v;
    }
    row
}

/// One row of the CSV: missing cells alternate between blank and `N/A`, as they arrive in
/// practice.
fn csv_row(out: &mut String, name: &str, year: i32, p: usize, values: &[Value]) {
    let _ = write!(out, "{name},{year}");
    for (c, v) in values.iter().enumerate() {
        let text = match v {
            Value::Missing if (p + c).is_multiple_of(2) => "N/A".to_string(),
            v => v.text(),
        };
        let _ = write!(out, ",{text}");
    }
    out.push('\n');
}

fn csv_header(tree: &IndicatorTree, inds: &[NodeId]) -> String {
    let mut csv = String::from("province,year");
    for &k in inds {
        let _ = write!(csv, ",{}", tree.nodes[k].id);
    }
    csv.push('\n');
    csv
}

/// The main indices (units, in the order of `targets::MAIN`) that one year's rows really give,
/// per province in registry order.
fn realised(
    tree: &IndicatorTree,
    inds: &[NodeId],
    names: &[String],
    year: i32,
    rows: &[Vec<Value>],
) -> Result<Vec<[i64; 9]>, Box<dyn std::error::Error>> {
    let mut csv = csv_header(tree, inds);
    for (p, (name, vs)) in names.iter().zip(rows).enumerate() {
        csv_row(&mut csv, name, year, p, vs);
    }
    let table = dti::load::parse_csv(csv.as_bytes(), "generated", None).map_err(|e| format!("{e:?}"))?;
    let (panel, _) =
        dti::validate::panel(tree, &[table], &dti::validate::DataOptions::default()).map_err(|e| format!("{e:?}"))?;
    let (scores, _) = dti::score::score(tree, &panel).map_err(|e| format!("{e:?}"))?;
    let ys = scores.year(year).ok_or("year scored")?;
    let codes: Vec<String> = provinces().iter().map(|p| p.code.clone()).collect();
    let mut out = vec![[0; 9]; codes.len()];
    for (u, &unit) in ys.units.iter().enumerate() {
        let c = panel.units[unit].code.as_deref().unwrap_or_default();
        let p = codes.iter().position(|x| x == c).ok_or(format!("unit {c}"))?;
        for (k, id) in targets::MAIN.iter().enumerate() {
            let node = tree.find(id).ok_or("main index")?;
            out[p][k] = ys.score(node, u).map_or(0, |v| (v * 10_000.0).round() as i64);
        }
    }
    Ok(out)
}
