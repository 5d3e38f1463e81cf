//! Sub-indicator values that give a main index its target value. Every sub-indicator is drawn
//! around the target (yes/no items, step scores, percentages to one decimal); the largest
//! continuous one, the adjuster, takes whatever attainment makes the weighted mean of the
//! scores equal the target, written with enough decimals to keep it within 0.000005.

use crate::Rng;
use dti::model::tree::{Direction, IndicatorTree, NodeId, Normalize};

/// What one cell will hold: a number, a yes/no, or nothing.
#[derive(Clone)]
pub enum Value {
    Num(f64),
    YesNo(bool),
    Missing,
}

impl Value {
    pub fn text(&self) -> String {
        match self {
            Value::Num(v) => format!("{v}"),
            Value::YesNo(true) => "có".into(),
            Value::YesNo(false) => "không".into(),
            Value::Missing => String::new(),
        }
    }
}

fn round_to(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

/// The score (0–1) the crate gives `x` on indicator `node` (absolute methods only).
fn score(tree: &IndicatorTree, node: NodeId, x: f64) -> f64 {
    let ind = tree.nodes[node].indicator().expect("an indicator");
    let up = ind.direction == Direction::Higher;
    match &ind.normalize {
        Normalize::Goalpost(w, t) => ((x - w) / (t - w)).clamp(0.0, 1.0),
        Normalize::Max(m) => (if up { x / m } else { (m - x) / m }).clamp(0.0, 1.0),
        Normalize::Bands(bands) => bands.iter().filter(|b| x >= b.0).map(|b| b.1).fold(0.0, f64::max),
        Normalize::Bool => x,
        _ => panic!("the sample uses absolute methods only"),
    }
}

/// The value of a continuous indicator at attainment `a`, and the decimals that keep it exact.
fn at(tree: &IndicatorTree, node: NodeId, a: f64) -> (f64, i32) {
    let ind = tree.nodes[node].indicator().expect("an indicator");
    let (w, t) = match ind.normalize {
        Normalize::Goalpost(w, t) => (w, t),
        Normalize::Max(m) => (0.0, m),
        _ => unreachable!(),
    };
    let width = (t - w).abs();
    let decimals = if width >= 50.0 {
        3
    } else if width >= 5.0 {
        4
    } else {
        5
    };
    (w + a * (t - w), decimals)
}

/// Attainment 1 often means beyond the goalpost (85 % against a target of 80), except on a
/// narrow scale such as a 0–1 % budget share, where it would look like a fraction.
fn overshoot(tree: &IndicatorTree, node: NodeId, a: f64, rng: &mut Rng) -> f64 {
    let wide = plain_decimals(tree, node) == 1;
    if a >= 1.0 && wide { 1.0 + 0.1 * rng.uniform() } else { a.min(1.0) }
}

/// Decimals of a value that need not be exact: one, or two on a scale narrower than 5.
fn plain_decimals(tree: &IndicatorTree, node: NodeId) -> i32 {
    if at(tree, node, 1.0).0.abs().max(at(tree, node, 0.0).0.abs()) >= 5.0 { 1 } else { 2 }
}

fn continuous(tree: &IndicatorTree, node: NodeId) -> bool {
    let ind = tree.nodes[node].indicator().expect("an indicator");
    matches!(ind.normalize, Normalize::Goalpost(..) | Normalize::Max(_)) && ind.unit.as_deref() != Some("incidents")
}

/// One child being drawn: node, weight, score, and its value once fixed.
type Item = (NodeId, f64, f64, Option<Value>);

/// Sets the yes/no and step items of `items` (those holding a placeholder) to the combination
/// that leaves the continuous items closest to `m`, so that all of them follow their main index.
fn choose_steps(tree: &IndicatorTree, items: &mut [Item], m: f64, rng: &mut Rng) {
    let steps: Vec<usize> = (0..items.len())
        .filter(|&i| {
            let ind = tree.nodes[items[i].0].indicator().expect("an indicator");
            matches!(ind.normalize, Normalize::Bool | Normalize::Bands(_)) && items[i].1 > 0.0
        })
        .collect();
    let options = |i: usize| -> Vec<f64> {
        match tree.nodes[items[i].0].indicator().expect("an indicator").normalize {
            Normalize::Bool => vec![0.0, 1.0],
            _ => vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0],
        }
    };
    let total: f64 = items.iter().map(|i| i.1).sum();
    let fixed: f64 =
        items.iter().filter(|i| i.3.is_some() && !matches!(i.3, Some(Value::Missing))).map(|i| i.1 * i.2).sum();
    let wc: f64 = items.iter().filter(|i| i.3.is_none()).map(|i| i.1).sum();
    let aim = (m + 0.04 * rng.normal()).clamp(0.0, 1.0);
    let mut best = (f64::INFINITY, Vec::new());
    let mut combo = vec![0usize; steps.len()];
    loop {
        let xs: Vec<f64> = steps.iter().zip(&combo).map(|(&i, &c)| options(i)[c]).collect();
        let d: f64 = steps.iter().zip(&xs).map(|(&i, &x)| items[i].1 * score(tree, items[i].0, x)).sum();
        let c = (m * total - fixed - d) / wc;
        let mean_steps =
            steps.iter().zip(&xs).map(|(&i, &x)| score(tree, items[i].0, x)).sum::<f64>() / steps.len().max(1) as f64;
        let cost = (c - aim).abs()
            + 0.0 * (mean_steps - aim).abs()
            + 0.02 * rng.uniform()
            + if (0.0..=1.0).contains(&c) { 0.0 } else { 10.0 };
        if cost < best.0 {
            best = (cost, xs);
        }
        // Next combination (odometer).
        let mut k = 0;
        while k < combo.len() {
            combo[k] += 1;
            if combo[k] < options(steps[k]).len() {
                break;
            }
            combo[k] = 0;
            k += 1;
        }
        if k == combo.len() {
            break;
        }
    }
    for (&i, &x) in steps.iter().zip(&best.1) {
        let ind = tree.nodes[items[i].0].indicator().expect("an indicator");
        items[i].2 = score(tree, items[i].0, x);
        items[i].3 = Some(if matches!(ind.normalize, Normalize::Bool) { Value::YesNo(x > 0.5) } else { Value::Num(x) });
    }
}

/// Cells for the children of main index `main` giving it the value `m`. Every child starts
/// near `m` (yes/no items say yes above a threshold, step scores count steps), the continuous
/// ones then move together by whatever brings the weighted mean to `m`, so that siblings rise
/// and fall with their main index, and the adjuster takes up the rounding of the others.
pub fn cells(tree: &IndicatorTree, main: NodeId, m: f64, rng: &mut Rng, may_miss: bool) -> Vec<(NodeId, Value)> {
    let kids = &tree.nodes[main].composite().expect("a main index").children;
    let adjuster = kids
        .iter()
        .filter(|k| continuous(tree, k.0))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
        .expect("a continuous sub-indicator")
        .0;
    for _ in 0..2_000 {
        let mut items: Vec<Item> = Vec::new();
        for &(k, w) in kids {
            if may_miss && k != adjuster && rng.uniform() < 0.01 {
                items.push((k, 0.0, 0.0, Some(Value::Missing)));
                continue;
            }
            let ind = tree.nodes[k].indicator().expect("an indicator");
            let a = (m + 0.05 * rng.normal()).clamp(0.0, 1.0);
            let item = match &ind.normalize {
                // Decided below, all together.
                Normalize::Bool | Normalize::Bands(_) => (k, w, 0.0, Some(Value::Missing)),
                Normalize::Goalpost(lo, hi) if ind.unit.as_deref() == Some("incidents") => {
                    let x = (lo + a * (hi - lo)).round();
                    (k, w, score(tree, k, x), Some(Value::Num(x)))
                }
                _ => (k, w, a, None),
            };
            items.push(item);
        }
        choose_steps(tree, &mut items, m, rng);
        let total: f64 = items.iter().map(|i| i.1).sum();
        for _ in 0..30 {
            let got: f64 = items.iter().map(|i| i.1 * i.2).sum();
            let free: f64 = items.iter().filter(|i| i.3.is_none() && i.2 > 0.0 && i.2 < 1.0).map(|i| i.1).sum();
            let all: f64 = items.iter().filter(|i| i.3.is_none()).map(|i| i.1).sum();
            let shift = (m * total - got) / if free > 0.0 { free } else { all };
            for i in items.iter_mut().filter(|i| i.3.is_none()) {
                i.2 = (i.2 + shift).clamp(0.0, 1.0);
            }
        }
        // Round every continuous value but the adjuster's to one decimal.
        for i in items.iter_mut().filter(|i| i.3.is_none() && i.0 != adjuster) {
            let ind = tree.nodes[i.0].indicator().expect("an indicator");
            let cap = if ind.unit.as_deref() == Some("%") { 100.0 } else { f64::INFINITY };
            let a = overshoot(tree, i.0, i.2, rng);
            let x = round_to(at(tree, i.0, a).0.min(cap), plain_decimals(tree, i.0));
            i.2 = score(tree, i.0, x);
            i.3 = Some(Value::Num(x));
        }
        let wa = items.iter().find(|i| i.0 == adjuster).unwrap().1;
        let got: f64 = items.iter().filter(|i| i.0 != adjuster).map(|i| i.1 * i.2).sum();
        let need = (m * total - got) / wa;
        if !(0.0..=1.0).contains(&need) {
            continue;
        }
        let (x, decimals) = at(tree, adjuster, need);
        let mut out: Vec<(NodeId, Value)> =
            items.into_iter().filter(|i| i.0 != adjuster).map(|i| (i.0, i.3.expect("fixed"))).collect();
        out.push((adjuster, Value::Num(round_to(x, decimals))));
        return out;
    }
    panic!("no cells give {} = {m}", tree.nodes[main].id);
}

/// Cells for the children of `main` drawn freely around `m`, each from the same level plus
/// noise (used where the main index need not be hit exactly); returns them with the main
/// index they give.
pub fn free_cells(tree: &IndicatorTree, main: NodeId, m: f64, rng: &mut Rng) -> (Vec<(NodeId, Value)>, f64) {
    let kids = &tree.nodes[main].composite().expect("a main index").children;
    let mut out = Vec::new();
    let (mut got, mut weight) = (0.0, 0.0);
    for (i, &(k, w)) in kids.iter().enumerate() {
        if i > 0 && rng.uniform() < 0.01 {
            out.push((k, Value::Missing));
            continue;
        }
        let ind = tree.nodes[k].indicator().expect("an indicator");
        let a = (m + 0.08 * rng.normal()).clamp(0.0, 1.0);
        let (value, x) = match &ind.normalize {
            Normalize::Bool => {
                let yes = a + 0.1 * rng.normal() > 0.5;
                (Value::YesNo(yes), if yes { 1.0 } else { 0.0 })
            }
            Normalize::Bands(_) => {
                let x = (a * 4.0 + 0.4 * rng.normal()).round().clamp(0.0, 6.0);
                (Value::Num(x), x)
            }
            Normalize::Goalpost(lo, hi) if ind.unit.as_deref() == Some("incidents") => {
                let x = (lo + a * (hi - lo)).round();
                (Value::Num(x), x)
            }
            _ => {
                let cap = if ind.unit.as_deref() == Some("%") { 100.0 } else { f64::INFINITY };
                let a = overshoot(tree, k, a, rng);
                let x = round_to(at(tree, k, a).0.min(cap), plain_decimals(tree, k));
                (Value::Num(x), x)
            }
        };
        got += w * score(tree, k, x);
        weight += w;
        out.push((k, value));
    }
    (out, got / weight)
}

/// All cells of one province-year from its main indices (in the order of `targets::MAIN`).
/// Smart city (unscored) is always drawn freely. Unless `exact`, awareness and institutions,
/// mostly yes/no and step items, are drawn freely too, and what they miss of their targets
/// goes to the other foundation indices, which only count through their sum. With `exact`
/// (published or placed main indices) every scored main index is hit.
pub fn province(tree: &IndicatorTree, mut main: [f64; 9], exact: bool, rng: &mut Rng) -> Vec<(NodeId, Value)> {
    let node = |k: usize| tree.find(crate::targets::MAIN[k]).expect("a main index of the spec");
    let free: &[usize] = if exact { &[5] } else { &[0, 1, 5] };
    let mut out = Vec::new();
    for _ in 0..1_000 {
        let mut drawn = Vec::new();
        let mut miss = 0.0;
        for &k in free {
            let (cells, got) = free_cells(tree, node(k), main[k], rng);
            if k != 5 {
                miss += main[k] - got;
            }
            drawn.push(cells);
        }
        let mut moved = main;
        for _ in 0..10 {
            let room: Vec<usize> = (2..5).filter(|&k| (0.01..0.99).contains(&moved[k])).collect();
            let left = miss - (2..5).map(|k| moved[k] - main[k]).sum::<f64>();
            for &k in &room {
                moved[k] = (moved[k] + left / room.len() as f64).clamp(0.01, 0.99);
            }
        }
        if (miss - (2..5).map(|k| moved[k] - main[k]).sum::<f64>()).abs() < 1e-12 {
            main = moved;
            out = drawn.concat();
            break;
        }
    }
    assert!(!out.is_empty(), "no free draw fits");
    for (k, &m) in main.iter().enumerate() {
        if !free.contains(&k) {
            out.extend(cells(tree, node(k), m, rng, true));
        }
    }
    out
}
