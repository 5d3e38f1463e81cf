//! Each province-year's DTI, pillar values and main indices. The DTI and pillar values honour
//! every published rank and value (`ranking`); the rest follow a synthetic strength (the
//! dti.gov.vn 2022 rank plus noise, so provinces keep their published neighbourhood), and the
//! year's DTI values are spread along a curve through the published ones whose tail is chosen
//! to give the published national mean. The main indices then follow from the Decision 922
//! formulas: with D, G, E, S the DTI and pillar values, the foundation sum is
//! F = (700·G + 650·E + 650·S − 1000·D) / 2, and gov, econ and soc activity are
//! (700·G − F)/200, (650·E − F)/150 and (650·S − F)/150.

use crate::Rng;
use crate::published::Figure;
use crate::ranking::{Known, hit_sum, project, slots};

/// The main indices in the order of the spec's DTI node: five foundation indices, smart city
/// (unscored), then the three activity indices.
pub const MAIN: [&str; 9] = [
    "awareness",
    "institutions",
    "infrastructure",
    "human_resources",
    "cybersecurity",
    "smart_city",
    "gov_activity",
    "econ_activity",
    "soc_activity",
];

/// One year's targets: `values[node][province]` in units of 0.0001 (node: dti, gov, econ,
/// soc) and `main[province][k]` in the order of `MAIN`.
#[derive(Clone)]
pub struct YearTargets {
    pub values: [Vec<i64>; 4],
    pub main: Vec<[f64; 9]>,
}

/// Interpolates the DTI curve through `points` (rank, value), flat beyond the ends.
fn curve(points: &[(f64, f64)], pos: f64) -> f64 {
    let i = points.iter().position(|p| p.0 >= pos).unwrap_or(points.len() - 1);
    if i == 0 {
        return points[0].1;
    }
    let (a, b) = (points[i - 1], points[i]);
    if b.0 <= pos { b.1 } else { a.1 + (b.1 - a.1) * (pos - a.0) / (b.0 - a.0) }
}

fn known(figs: &[&Figure], n: usize, node: usize, code: &[String]) -> Vec<Known> {
    let mut out = vec![Known::default(); n];
    for f in figs.iter().filter(|f| f.node == node) {
        let p = code.iter().position(|c| *c == f.code).unwrap_or_else(|| panic!("unknown code {}", f.code));
        let k = &mut out[p];
        assert!(k.value.is_none() || f.value.is_none() || k.value == f.value, "{} {}: values disagree", f.year, f.code);
        assert!(k.rank.is_none() || f.rank.is_none() || k.rank == f.rank, "{} {}: ranks disagree", f.year, f.code);
        k.value = k.value.or(f.value);
        k.rank = k.rank.or(f.rank);
    }
    out
}

/// DTI values: published ones kept, the rest on the curve, the mean exactly `mean` (units).
fn dti_values(strength: &[f64], known: &[Known], mean: i64) -> Vec<i64> {
    let n = strength.len();
    let slots = slots(strength, known);
    let sizes: Vec<usize> = slots.iter().map(Vec::len).collect();
    let mut start = Vec::new();
    let mut pos = 1.0;
    for s in &slots {
        start.push(pos);
        pos += s.len() as f64;
    }
    let anchor: Vec<Option<i64>> = slots.iter().map(|s| s.iter().find_map(|&p| known[p].value)).collect();
    let points = |last: f64| {
        let mut pts: Vec<(f64, f64)> =
            start.iter().zip(&anchor).filter_map(|(&r, a)| a.map(|a| (r, a as f64))).collect();
        if pts.last().is_none_or(|p| p.0 < n as f64) {
            pts.push((n as f64, last));
        }
        pts
    };
    let total = |last: f64| -> i64 {
        let pts = points(last);
        let desired: Vec<f64> = start.iter().map(|&r| curve(&pts, r)).collect();
        let x = project(&desired, &anchor).expect("room for the DTI values");
        x.iter().zip(&sizes).map(|(v, &s)| v * s as i64).sum()
    };
    let (mut lo, mut hi) = (0.0, 10_000.0);
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if total(mid) < mean * n as i64 { lo = mid } else { hi = mid }
    }
    let pts = points(lo);
    let desired: Vec<f64> = start.iter().map(|&r| curve(&pts, r)).collect();
    let mut x = project(&desired, &anchor).expect("room for the DTI values");
    hit_sum(&mut x, &sizes, &anchor, mean * n as i64);
    let mut out = vec![0; n];
    for (s, v) in slots.iter().zip(&x) {
        for &p in s {
            out[p] = *v;
        }
    }
    out
}

/// Pillar values: published ones kept, the rest near `key`, every published rank held. The
/// value desired at each place is the key of that place in the sorted keys, shifted by the
/// gap to the published values (interpolated between them), so the curve passes through them.
fn pillar_values(key: &[f64], known: &[Known]) -> Option<Vec<i64>> {
    let slots = slots(key, known);
    let anchor: Vec<Option<i64>> = slots.iter().map(|s| s.iter().find_map(|&p| known[p].value)).collect();
    let mut sorted = key.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let mut pos = 0;
    let base: Vec<f64> = slots
        .iter()
        .map(|s| {
            pos += s.len();
            sorted[pos - s.len()]
        })
        .collect();
    let gaps: Vec<(f64, f64)> =
        anchor.iter().enumerate().filter_map(|(i, a)| a.map(|a| (i as f64, a as f64 - base[i]))).collect();
    let desired: Vec<f64> =
        base.iter().enumerate().map(|(i, b)| if gaps.is_empty() { *b } else { b + curve(&gaps, i as f64) }).collect();
    let x = project(&desired, &anchor)?;
    let mut out = vec![0; key.len()];
    for (s, v) in slots.iter().zip(&x) {
        for &p in s {
            out[p] = *v;
        }
    }
    Some(out)
}

/// The five foundation indices around their mean `f`, each in [0, 1], mean exactly `f`
/// (`None` when no such indices exist near it).
fn foundation(f: f64, rng: &mut Rng) -> Option<[f64; 5]> {
    const OFFSET: [f64; 5] = [0.12, 0.08, 0.0, -0.07, -0.13];
    let mut v: [f64; 5] = std::array::from_fn(|i| f + OFFSET[i] + 0.1 * rng.normal());
    for _ in 0..50 {
        let shift = f - v.iter().sum::<f64>() / 5.0;
        for x in &mut v {
            *x = (*x + shift).clamp(0.0, 1.0);
        }
    }
    let shift = f - v.iter().sum::<f64>() / 5.0;
    (shift.abs() < 1e-12).then_some(v)
}

/// Targets for one year, or `None` when the draws give a main index outside [0, 1].
#[allow(clippy::too_many_arguments)]
pub fn year_targets(
    figs: &[&Figure],
    code: &[String],
    strength: &[f64],
    tilt: &[[f64; 3]],
    mean: i64,
    published_main: &[(String, Vec<(&str, i64)>)],
    rng: &mut Rng,
) -> Option<YearTargets> {
    let n = code.len();
    let dti = dti_values(strength, &known(figs, n, 0, code), mean);
    // The published main indices fix the pillar values of their provinces.
    let mut main: Vec<Option<[f64; 9]>> = vec![None; n];
    for (c, values) in published_main {
        let p = code.iter().position(|x| x == c).expect("known province");
        let get = |id: &str| values.iter().find(|v| v.0 == id).map(|v| v.1 as f64 / 10_000.0).unwrap();
        let fsum: f64 = MAIN[..5].iter().map(|id| 100.0 * get(id)).sum();
        let (g, e, s) = (get("gov_activity"), get("econ_activity"), get("soc_activity"));
        let mut m = [0.0; 9];
        for (k, id) in MAIN.iter().enumerate().take(5) {
            m[k] = get(id);
        }
        m[5] = (fsum / 500.0 - 0.2).clamp(0.0, 1.0);
        (m[6], m[7], m[8]) = (g, e, s);
        // Printed main indices are rounded, and the DTI computed from them may miss the
        // printed DTI by 0.0001 (Hồ Chí Minh City: 0.71636 against 0.7163): move every scored
        // index by the same amount, well within its rounding, towards the printed DTI.
        let computed = (fsum + 200.0 * g + 150.0 * e + 150.0 * s) / 1000.0;
        let shift = (dti[p] as f64 / 10_000.0 - computed).clamp(-0.00003, 0.00003);
        for (k, x) in m.iter_mut().enumerate() {
            if k != 5 {
                *x = (*x + shift).clamp(0.0, 1.0);
            }
        }
        main[p] = Some(m);
    }
    const OFFSET: [f64; 3] = [600.0, 200.0, -100.0];
    let mut values: [Vec<i64>; 4] = [dti.clone(), Vec::new(), Vec::new(), Vec::new()];
    for node in 1..4 {
        let mut k = known(figs, n, node, code);
        for p in 0..n {
            if let Some(m) = main[p] {
                let value = pillars(&m)[node - 1];
                k[p].value = Some((value * 10_000.0).round() as i64);
            }
        }
        let key: Vec<f64> = (0..n).map(|p| dti[p] as f64 + OFFSET[node - 1] + 10_000.0 * tilt[p][node - 1]).collect();
        values[node] = pillar_values(&key, &k)?;
    }
    let main = (0..n)
        .map(|p| {
            main[p].map_or_else(
                || {
                    // Published values are rounded: the unrounded ones lie anywhere within ±0.00004.
                    let [d, g, e, s] =
                        [0, 1, 2, 3].map(|i| (values[i][p] as f64 + 0.8 * (rng.uniform() - 0.5)) / 10_000.0);
                    let fsum = (700.0 * g + 650.0 * e + 650.0 * s - 1000.0 * d) / 2.0;
                    let act = [(700.0 * g - fsum) / 200.0, (650.0 * e - fsum) / 150.0, (650.0 * s - fsum) / 150.0];
                    let ok = (0.0..=500.0).contains(&fsum) && act.iter().all(|a| (0.0..=1.0).contains(a));
                    if !ok {
                        eprintln!("retry: {}: F {fsum:.1}, activities {act:?} from {d} {g} {e} {s}", code[p]);
                        return None;
                    }
                    let f = foundation(fsum / 500.0, rng)?;
                    let smart = (fsum / 500.0 - 0.2 + 0.1 * rng.normal()).clamp(0.0, 1.0);
                    Some([f[0], f[1], f[2], f[3], f[4], smart, act[0], act[1], act[2]])
                },
                Some,
            )
        })
        .collect::<Option<Vec<_>>>()?;
    Some(YearTargets { values, main })
}

/// Gov, econ and soc from main indices in the order of `MAIN` (Decision 922).
pub fn pillars(m: &[f64; 9]) -> [f64; 3] {
    let fsum: f64 = m[..5].iter().map(|v| 100.0 * v).sum();
    [(fsum + 200.0 * m[6]) / 700.0, (fsum + 150.0 * m[7]) / 650.0, (fsum + 150.0 * m[8]) / 650.0]
}
