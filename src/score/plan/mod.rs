//! `plan`: what it takes for one unit to reach a rank or a score (`--rank K`, `--score S`),
//! or where its own targets would put it (`--targets`). Pure: every standing is the whole year
//! scored again through `rescore::World` with the unit's changed values, so a plan holds for
//! any normalisation and aggregation, and its `reached` is what `dti rank` gives on the data
//! with every `to` put in. Where the index is linear the step gains are the indicators' exact
//! contributions; everywhere they add up to the change in score, each being the change the
//! step makes after the steps before it.
//!
//! The choice: the fewest indicators whose full headroom covers the gap (as if gains added
//! up), among those the ones with the most score per unit of headroom, each raised to its best
//! but the last, which goes only as far as the goal needs (the least value, on the column's
//! decimals, that the real ranking accepts). Indicators the unit has no value for are left
//! alone.

mod limits;
pub mod rescore;
mod search;

use crate::error::Diagnostics;
use crate::model::tree::{Direction, NodeId, Normalize};
use crate::score::rank::{published, rank};
pub use rescore::{Standing, World};
use search::{choose, least_value};

/// What the unit aims at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// Ranked `K` or better.
    Rank(u32),
    /// An index score of at least `S`.
    Score(f64),
}

/// One indicator moved: column `k` of `Panel::indicators`, raw `from` → `to`, and the index
/// score the move adds after the steps before it.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    pub k: usize,
    pub node: NodeId,
    pub from: Option<f64>,
    pub to: f64,
    pub gain: f64,
    /// The decimals the indicator's values are written with.
    pub decimals: u32,
}

/// The goal as a rank and the score it takes, other units as they are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    pub rank: u32,
    pub score: f64,
}

/// A plan, or a projection of targets.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub current: Standing,
    /// `None` for a projection of targets.
    pub target: Option<Target>,
    pub steps: Vec<Step>,
    /// The standing with every step made.
    pub reached: Standing,
    /// Whether `reached` meets the goal; when not, every indicator is at its best and
    /// `reached` is the best the unit can do.
    pub reachable: bool,
}

/// A plan reaching `goal`.
///
/// # Errors
/// What scoring refuses.
pub fn plan(w: &World<'_>, goal: Goal) -> Result<Plan, Diagnostics> {
    let root = w.tree.root;
    let current = w.standing(&[])?;
    let target = target(w, goal)?;
    let meets = |st: &Standing| match goal {
        Goal::Rank(k) => st.rank(root).is_some_and(|r| r.pos <= k),
        Goal::Score(s) => st.score(root).is_some_and(|x| x >= s),
    };
    if meets(&current) {
        return Ok(Plan {
            reached: current.clone(),
            current,
            target: Some(target),
            steps: Vec::new(),
            reachable: true,
        });
    }
    let cands = candidates(w, &current)?;
    let all: Vec<(usize, f64)> = cands.iter().map(|c| (c.k, c.best)).collect();
    if !meets(&w.standing(&all)?) {
        let (steps, reached) = steps(w, &current, &all, &cands, &[])?;
        return Ok(Plan { current, target: Some(target), steps, reached, reachable: false });
    }
    let now = current.score(root).unwrap_or(0.0);
    let half = w.tree.info.rank_decimals.map_or(0.0, |d| 0.5 * 10f64.powi(-(d as i32)));
    let need = match goal {
        Goal::Rank(_) => target.score - half - now,
        Goal::Score(s) => s - now,
    };
    let mut applied: Vec<(usize, f64)> = Vec::new();
    // `seen[i]`: the standing with `applied[..=i]` made.
    let mut seen: Vec<Standing> = Vec::new();
    for i in choose(&cands, need) {
        applied.push((cands[i].k, cands[i].best));
        seen.push(w.standing(&applied)?);
        if seen.last().is_some_and(&meets) {
            break;
        }
    }
    // Gains that do not add up (data-dependent normalisation) may need more: the next best
    // move, by what it really adds, until the goal is met (all at best meets it).
    while !meets(seen.last().unwrap_or(&current)) {
        let mut best: Option<(f64, usize, Standing)> = None;
        for c in cands.iter().filter(|c| applied.iter().all(|a| a.0 != c.k)) {
            let mut trial = applied.clone();
            trial.push((c.k, c.best));
            let s = w.standing(&trial)?;
            let x = s.score(root).unwrap_or(f64::NEG_INFINITY);
            if best.as_ref().is_none_or(|b| x > b.0 || (meets(&s) && !meets(&b.2))) {
                best = Some((x, c.k, s));
            }
        }
        let Some((_, k, s)) = best else { break };
        applied.push((k, cands.iter().find(|c| c.k == k).map_or(0.0, |c| c.best)));
        seen.push(s);
    }
    if let Some(c) = applied.last().and_then(|&(k, _)| cands.iter().find(|c| c.k == k)) {
        let n = applied.len() - 1;
        // Where the last move's gain is linear in its value, the value that covers what is
        // left of the gap; elsewhere only a first guess.
        let before = if n == 0 { &current } else { &seen[n - 1] };
        let aim = now + need;
        let guess = match (before.score(root), seen[n].score(root)) {
            (Some(a), Some(b)) if b > a => ((aim - a) / (b - a)).clamp(0.0, 1.0),
            _ => 1.0,
        };
        let v = least_value(c, guess, &mut |v| {
            applied[n].1 = v;
            Ok(meets(&w.standing(&applied)?))
        })?;
        applied[n].1 = v;
        seen.truncate(n);
    }
    let (steps, reached) = steps(w, &current, &applied, &cands, &seen)?;
    Ok(Plan { current, target: Some(target), steps, reached, reachable: true })
}

/// Where the unit's own targets (`(k, raw value)`) would put it, each move's gain after the
/// ones before it, in the order given.
///
/// # Errors
/// What scoring refuses.
pub fn project(w: &World<'_>, targets: &[(usize, f64)]) -> Result<Plan, Diagnostics> {
    let current = w.standing(&[])?;
    let (steps, reached) = steps(w, &current, targets, &[], &[])?;
    Ok(Plan { current, target: None, steps, reached, reachable: true })
}

/// The rank a goal asks for and the score it takes, the other units as they are: for a rank,
/// the least score (on the ranking's rounded keys) the ties rule ranks there.
fn target(w: &World<'_>, goal: Goal) -> Result<Target, Diagnostics> {
    let info = &w.tree.info;
    let others = w.others()?;
    let rank_of = |s: f64| {
        let mut all: Vec<Option<f64>> = others.iter().map(|&x| Some(x)).collect();
        all.push(Some(s));
        rank(&all, info.ties, info.rank_decimals)[others.len()].map_or(u32::MAX, |r| r.pos)
    };
    Ok(match goal {
        Goal::Score(s) => Target { rank: rank_of(s), score: s },
        Goal::Rank(k) => {
            let key = |x: f64| info.rank_decimals.map_or(x, |d| published(x, d));
            let mut keys: Vec<f64> = others.iter().map(|&x| key(x)).collect();
            keys.sort_by(|a, b| b.total_cmp(a));
            keys.dedup();
            // Descending keys rank the unit better and better: the last that reaches K.
            let score = keys.iter().copied().rfind(|&t| rank_of(t) <= k);
            Target { rank: k, score: score.unwrap_or_else(|| keys.last().copied().unwrap_or(0.0)) }
        }
    })
}

/// An indicator the unit can improve, and what its full headroom is worth.
#[derive(Debug, Clone)]
struct Candidate {
    k: usize,
    from: f64,
    best: f64,
    /// The index score raising it to `best` alone adds.
    full: f64,
    /// `full` per share of the indicator's scale still to climb.
    steep: f64,
    decimals: u32,
}

/// Every indicator the unit has a value for and can improve, steepest first.
fn candidates(w: &World<'_>, current: &Standing) -> Result<Vec<Candidate>, Diagnostics> {
    let root = w.tree.root;
    let now = current.score(root).unwrap_or(0.0);
    let mut out = Vec::new();
    for k in 0..w.width() {
        let Some(ind) = w.tree.nodes[w.node(k)].indicator() else { continue };
        let Some(from) = w.raw(k) else { continue };
        let column = w.column(k);
        let (best, worst) = limits::best_and_worst(ind, &column);
        let up = match &ind.normalize {
            Normalize::Goalpost(..) => best >= worst,
            _ => ind.direction == Direction::Higher,
        };
        if (up && from >= best) || (!up && from <= best) {
            continue;
        }
        let full = w.standing(&[(k, best)])?.score(root).unwrap_or(now) - now;
        if full <= 0.0 {
            continue;
        }
        let span = (best - worst).abs();
        let share = if span > 0.0 { (best - from).abs() / span } else { 1.0 };
        let decimals = if ind.normalize == Normalize::Bool { 0 } else { limits::decimals(&column) };
        out.push(Candidate { k, from, best, full, steep: full / share, decimals });
    }
    out.sort_by(|a, b| b.steep.total_cmp(&a.steep).then(b.full.total_cmp(&a.full)).then(a.k.cmp(&b.k)));
    Ok(out)
}

/// The moves made one after another, each with the score it adds to the ones before.
/// `known[i]`, where there is one, is the standing after `moves[..=i]`, already scored.
fn steps(
    w: &World<'_>,
    current: &Standing,
    moves: &[(usize, f64)],
    cands: &[Candidate],
    known: &[Standing],
) -> Result<(Vec<Step>, Standing), Diagnostics> {
    let root = w.tree.root;
    let mut st = current.clone();
    let mut out = Vec::new();
    for (i, &(k, to)) in moves.iter().enumerate() {
        let next = match known.get(i) {
            Some(s) => s.clone(),
            None => w.standing(&moves[..=i])?,
        };
        let gain = next.score(root).unwrap_or(0.0) - st.score(root).unwrap_or(0.0);
        let node = w.node(k);
        let decimals = cands.iter().find(|c| c.k == k).map_or_else(
            || {
                let mut col = w.column(k);
                col.push(to);
                limits::decimals(&col)
            },
            |c| c.decimals,
        );
        out.push(Step { k, node, from: w.raw(k), to, gain, decimals });
        st = next;
    }
    Ok((out, st))
}

#[cfg(test)]
mod tests;
