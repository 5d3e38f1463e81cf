//! Published main-index *ranks* (`dti_main_index_ranks_found.csv`): a few province-years whose
//! articles print where each main index stands, mostly without its value (`NOTED`: the few
//! printed with one). The sample holds them by
//! choosing those provinces' activity indices (`targets`) and foundation indices (`place`)
//! between the other provinces' values.

use crate::published::MAIN_COLUMNS;
use std::path::Path;

/// A published rank: exactly `k`, or "among the first `k`" (`<=10`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    Exact(u32),
    AtMost(u32),
    /// Not published: above or below a value (units), asked of a neighbour so that a printed
    /// value can stand at its printed rank.
    Above(i64),
    Below(i64),
}

impl Want {
    /// Whether a main index at `rank` with `value` (units) meets it.
    pub fn holds(self, rank: u32, value: i64) -> bool {
        match self {
            Want::Exact(k) => rank == k,
            Want::AtMost(k) => rank <= k,
            Want::Above(v) => value > v,
            Want::Below(v) => value < v,
        }
    }

    /// The rank to aim at: the published one, or the middle of "among the first k"; none for
    /// a neighbour's value bound.
    pub fn aim(self) -> Option<u32> {
        match self {
            Want::Exact(k) => Some(k),
            Want::AtMost(k) => Some(k.div_ceil(2)),
            Want::Above(_) | Want::Below(_) => None,
        }
    }
}

/// One province-year's published main-index ranks: (main index id, rank), and the values
/// printed with some of them (units of 0.0001).
#[derive(Clone, Debug)]
pub struct RankRow {
    pub year: i32,
    pub code: String,
    pub want: Vec<(&'static str, Want)>,
    pub value: Vec<(&'static str, i64)>,
}

/// Main indices printed only in a note of `dti_YYYY.csv`: (year, GSO code, [(id, value, rank)]).
/// Đà Nẵng 2023: "econ activity main index 0.7262 (rank 6), soc activity 0.5881 (rank 2)".
type Noted = (i32, &'static str, [(&'static str, i64, u32); 2]);
const NOTED: [Noted; 1] = [(2023, "48", [("econ_activity", 7262, 6), ("soc_activity", 5881, 2)])];

impl RankRow {
    pub fn value(&self, id: &str) -> Option<i64> {
        self.value.iter().find(|v| v.0 == id).map(|v| v.1)
    }

    pub fn get(&self, id: &str) -> Option<Want> {
        self.want.iter().find(|w| w.0 == id).map(|w| w.1)
    }
}

/// The rows of `years` on the 63-province basis.
pub fn rows(dir: &Path, years: &[i32]) -> Result<Vec<RankRow>, Box<dyn std::error::Error>> {
    let mut reader = csv::Reader::from_path(dir.join("dti_main_index_ranks_found.csv"))?;
    let head = reader.headers()?.clone();
    let col = |name: &str| head.iter().position(|h| h == name).ok_or(format!("no column {name}"));
    let (year_at, basis_at, code_at) = (col("year")?, col("basis")?, col("gso_code")?);
    let mut out = Vec::new();
    for row in reader.records() {
        let row = row?;
        let year: i32 = row.get(year_at).unwrap_or("").parse()?;
        if row.get(basis_at) != Some("63") || !years.contains(&year) {
            continue;
        }
        let mut want = Vec::new();
        for &(column, id) in &MAIN_COLUMNS {
            let text = row.get(col(column)?).unwrap_or("").trim();
            let w = if let Some(k) = text.strip_prefix("<=") {
                Want::AtMost(k.parse()?)
            } else if text.is_empty() {
                continue;
            } else {
                Want::Exact(text.parse()?)
            };
            want.push((id, w));
        }
        out.push(RankRow { year, code: row.get(code_at).unwrap_or("").to_string(), want, value: Vec::new() });
    }
    for (year, code, figures) in NOTED.iter().filter(|n| years.contains(&n.0)) {
        let want = figures.iter().map(|f| (f.0, Want::Exact(f.2))).collect();
        let value = figures.iter().map(|f| (f.0, f.1)).collect();
        out.push(RankRow { year: *year, code: (*code).to_string(), want, value });
    }
    Ok(out)
}

/// Rows asked of other provinces so that each printed value of `rows` stands at its printed
/// rank: with too few provinces above it, the nearest below are asked to rise above it
/// (`Above`); with too many, the nearest above to fall below it (`Below`). `main[q][k]`
/// are the current main indices (units) of every province, `at` the provinces that may not be
/// asked; those in `stiff` (a published pillar rank holds them in place) are asked last.
pub fn neighbours(
    rows: &[&RankRow],
    at: &[usize],
    stiff: &[usize],
    code: &[String],
    main: &[[i64; 9]],
) -> Vec<RankRow> {
    let mut out: Vec<RankRow> = Vec::new();
    for row in rows {
        for &(id, v) in &row.value {
            let (Some(k), Some(Want::Exact(r))) = (crate::targets::MAIN.iter().position(|m| *m == id), row.get(id))
            else {
                continue;
            };
            let free: Vec<usize> = (0..main.len()).filter(|q| !at.contains(q)).collect();
            let above = (0..main.len()).filter(|&q| main[q][k] > v).count();
            let need = r as usize - 1;
            let mut ask: Vec<(usize, Want)> = Vec::new();
            if above < need {
                let mut below: Vec<usize> = free.iter().copied().filter(|&q| main[q][k] <= v).collect();
                below.sort_by_key(|&q| (stiff.contains(&q), std::cmp::Reverse(main[q][k])));
                ask.extend(below.into_iter().take(need - above).map(|q| (q, Want::Above(v))));
            } else if above > need {
                let mut over: Vec<usize> = free.iter().copied().filter(|&q| main[q][k] > v).collect();
                over.sort_by_key(|&q| (stiff.contains(&q), main[q][k]));
                ask.extend(over.into_iter().take(above - need).map(|q| (q, Want::Below(v))));
            }
            for (q, want) in ask {
                match out.iter_mut().find(|o| o.code == code[q]) {
                    Some(o) => o.want.push((id, want)),
                    None => out.push(RankRow {
                        year: row.year,
                        code: code[q].clone(),
                        want: vec![(id, want)],
                        value: Vec::new(),
                    }),
                }
            }
        }
    }
    out
}
