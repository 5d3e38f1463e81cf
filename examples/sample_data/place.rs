//! Holds the published main-index ranks (`main_ranks`): a province with published ranks gets
//! main indices of its own, each placed between the other provinces' values at its rank, and
//! is then generated like the 2022 top 5 (every main index hit). Activity indices are placed
//! on the targets (they fix the pillar values with the DTI); foundation indices, which only
//! count through their sum, are placed on the values the other provinces' cells really give.
//! Values are in units of 0.0001, the precision ranks are taken at.

use crate::Rng;
use crate::main_ranks::{RankRow, Want};
use crate::targets::MAIN;

/// A value that `others` (units) rank at `want`: strictly between the values ranked just above
/// and just below the aim, or `None` when no integer fits. `top` is the largest value allowed.
fn between(others: &[i64], want: Want, top: i64) -> Option<(i64, i64)> {
    let mut sorted = others.to_vec();
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let r = want.aim()? as usize;
    // Rank r: exactly r − 1 others above. Rank 1 may tie with the top (a shared first place).
    let hi = if r == 1 { top } else { sorted.get(r - 2).copied()? - 1 };
    let lo = sorted.get(r - 1).map_or(0, |v| v + 1).min(hi);
    (lo <= hi && hi <= top).then_some((lo, hi))
}

/// The pillar values (units) of main indices `m` (units, the order of `MAIN`).
pub fn pillar_units(m: &[i64; 9]) -> [i64; 3] {
    let f = m[..5].iter().sum::<i64>() as f64;
    let act = |k: usize| m[k] as f64;
    [
        ((100.0 * f + 200.0 * act(6)) / 700.0).round() as i64,
        ((100.0 * f + 150.0 * act(7)) / 650.0).round() as i64,
        ((100.0 * f + 150.0 * act(8)) / 650.0).round() as i64,
    ]
}

/// Up to `n` evenly spread integers of `lo..=hi`, `keep` first when it lies inside.
fn spread(lo: i64, hi: i64, keep: i64, n: i64) -> Vec<i64> {
    let mut out: Vec<i64> = if (lo..=hi).contains(&keep) { vec![keep] } else { Vec::new() };
    let step = ((hi - lo) / n).max(1);
    out.extend((lo..=hi).step_by(step as usize).filter(|&v| v != keep));
    out
}

/// The nine main indices (units) of a province whose main-index ranks are published: wanted
/// activities placed among `others[k]` (the other provinces' activity values), the rest near
/// `current`, the pillar values they give inside `room` (where they cross no province whose
/// pillar rank or value is published), and the five foundation indices sharing what the DTI
/// `dti` leaves, with room for their own published ranks. The closest such choice to
/// `current`; `None` when there is none.
pub fn activities(
    row: &RankRow,
    current: &[f64; 9],
    others: &[Vec<i64>; 3],
    dti: i64,
    room: &[(i64, i64); 3],
) -> Option<[i64; 9]> {
    let now: [i64; 9] = current.map(|v| (v * 10_000.0).round() as i64);
    let choices: Vec<Vec<i64>> = (6..9)
        .map(|k| match (row.value(MAIN[k]), row.get(MAIN[k])) {
            (Some(v), _) => Some(vec![v]),
            (None, Some(Want::Above(v))) => Some(spread(v + 5, (v + 600).min(10_000), v + 5, 12)),
            (None, Some(Want::Below(v))) => Some(spread((v - 600).max(0), v - 5, v - 5, 12)),
            (None, Some(want)) => {
                between(&others[k - 6], want, 10_000).map(|(lo, hi)| spread(lo, hi, (lo + hi) / 2, 12))
            }
            (None, None) => Some(spread((now[k] - 1500).max(0), (now[k] + 1500).min(10_000), now[k], 12)),
        })
        .collect::<Option<_>>()?;
    let mut best: Option<(i64, [i64; 9])> = None;
    for &g in &choices[0] {
        for &e in &choices[1] {
            for &s0 in &choices[2] {
                // The foundation sum is whole only when econ + soc activity is even; a printed
                // pair that is not leaves half a unit, within the DTI's rounding.
                let printed = row.value(MAIN[8]).is_some();
                let s = if (e + s0) % 2 == 0 || printed {
                    s0
                } else if s0 > 0 {
                    s0 - 1
                } else {
                    s0 + 1
                };
                let f = (1000 * dti - 200 * g - 150 * (e + s)).div_euclid(100);
                // Foundation indices away from the ends, so their own ranks have room.
                if !(5 * 500..=5 * 9_500).contains(&f) {
                    continue;
                }
                let mut m = now;
                (m[6], m[7], m[8]) = (g, e, s);
                // The drawn foundation indices keep their shape, moved together to the new sum.
                let mut split = [now[0], now[1], now[2], now[3], now[4]];
                if !fit_sum(&mut split, &[false; 5], f) {
                    continue;
                }
                m[..5].copy_from_slice(&split);
                let pillars = pillar_units(&m);
                if pillars.iter().zip(room).any(|(v, r)| *v < r.0 || *v > r.1) {
                    continue;
                }
                let cost = (g - now[6]).abs() + (e - now[7]).abs() + (s - now[8]).abs();
                if best.as_ref().is_none_or(|b| cost < b.0) {
                    best = Some((cost, m));
                }
            }
        }
    }
    best.map(|b| b.1)
}

/// Splits the foundation indices so that every published foundation rank of `rows` (at
/// provinces `at`) holds. Each such province first gets the values standing at its ranks in
/// the others' columns, shifted together to keep its sum; then other provinces that stand on
/// the wrong side of one of its values are moved across it by a small random step, what they
/// lose or gain shared among their other foundation indices (their sums, and so their pillar
/// values, do not change). Repeated until nothing moves; returns which provinces were moved,
/// or `None` if it does not settle.
pub fn foundations(
    rows: &[&RankRow],
    at: &[usize],
    published: &[usize],
    main: &mut [[f64; 9]],
    rng: &mut Rng,
) -> Option<Vec<bool>> {
    let n = main.len();
    let mut m: Vec<[i64; 9]> = main.iter().map(|v| v.map(|x| (x * 10_000.0).round() as i64)).collect();
    let mut moved_any = vec![false; n];
    let fixed = |q: usize| at.contains(&q) || published.contains(&q);
    for (row, &p) in rows.iter().zip(at) {
        let sum: i64 = m[p][..5].iter().sum();
        let mut v = [0i64; 5];
        let mut pinned = [false; 5];
        for k in 0..5 {
            v[k] = match row.get(MAIN[k]) {
                Some(w) if w.aim() == Some(1) => {
                    pinned[k] = true;
                    10_000
                }
                Some(w) => {
                    let mut col: Vec<i64> = (0..n).filter(|&q| q != p).map(|q| m[q][k]).collect();
                    col.sort_unstable_by(|a, b| b.cmp(a));
                    col[(w.aim()? as usize - 1).min(col.len() - 1)]
                }
                None => m[p][k],
            };
        }
        if !fit_sum(&mut v, &pinned, sum) {
            return None;
        }
        m[p][..5].copy_from_slice(&v);
    }
    order_fixed(rows, at, &mut m)?;
    for _ in 0..200 {
        let mut moved = false;
        for (row, &p) in rows.iter().zip(at) {
            for k in 0..5 {
                let Some(want) = row.get(MAIN[k]) else { continue };
                let line = m[p][k];
                let above: Vec<usize> = (0..n).filter(|&q| q != p && m[q][k] > line).collect();
                let need = want.aim()? as usize - 1;
                let ok = want.holds(above.len() as u32 + 1, line);
                // Others level with it are moved off the line either way, so rounding cannot tie.
                let level: Vec<usize> =
                    (0..n).filter(|&q| q != p && !fixed(q) && m[q][k] == line && line < 10_000).collect();
                let mut shift: Vec<(usize, i64)> = level.iter().map(|&q| (q, -1)).collect();
                if !ok && above.len() > need {
                    let mut over: Vec<usize> = above.into_iter().filter(|&q| !fixed(q)).collect();
                    over.sort_by_key(|&q| m[q][k]);
                    let count = over.len().min(m.len()).saturating_sub(0);
                    let excess = (0..n).filter(|&q| q != p && m[q][k] > line).count() - need;
                    shift.extend(over.into_iter().take(excess.min(count)).map(|q| (q, -1)));
                } else if !ok {
                    let count = need - above.len();
                    let mut under: Vec<usize> = (0..n).filter(|&q| q != p && !fixed(q) && m[q][k] < line).collect();
                    under.sort_by_key(|&q| std::cmp::Reverse(m[q][k]));
                    shift.extend(under.into_iter().take(count).map(|q| (q, 1)));
                }
                for (q, dir) in shift {
                    let step = 5 + (rng.uniform() * 100.0) as i64;
                    let target = (line + dir * step).clamp(300, 9_700);
                    let diff = m[q][k] - target;
                    m[q][k] = target;
                    // What the others cannot take stays here: the sum must not change.
                    let lines: [Vec<i64>; 5] = std::array::from_fn(|j| {
                        rows.iter().zip(at).filter(|(r, _)| r.get(MAIN[j]).is_some()).map(|(_, &p)| m[p][j]).collect()
                    });
                    m[q][k] += spread_over(&mut m[q], k, diff, &lines, [false; 5]);
                    moved = true;
                }
            }
        }
        if !moved {
            let lines: [Vec<i64>; 5] = std::array::from_fn(|j| {
                rows.iter().zip(at).filter(|(r, _)| r.get(MAIN[j]).is_some()).map(|(_, &p)| m[p][j]).collect()
            });
            for ((x, v), moved) in main.iter_mut().zip(&m).zip(&mut moved_any) {
                if (0..5).all(|k| (x[k] * 10_000.0).round() as i64 == v[k]) {
                    continue;
                }
                *moved = true;
                // Whole units change the sum by the rounding of the old values: give that back
                // where it is furthest from any line, so the pillar values stay as drawn.
                let sum: f64 = x[..5].iter().sum();
                for k in 0..5 {
                    x[k] = v[k] as f64 / 10_000.0;
                }
                let far = |j: usize| lines[j].iter().map(|l| (l - v[j]).abs()).min().unwrap_or(i64::MAX);
                let inside = |j: &usize| (300..=9_700).contains(&v[*j]);
                let j = (0..5).filter(inside).max_by_key(|&j| far(j)).expect("an index inside its range");
                x[j] += sum - x[..5].iter().sum::<f64>();
            }
            return Some(moved_any);
        }
    }
    None
}

/// The published-rank provinces' lines in one column must stand in the order of their ranks
/// (15th above 16th): a line out of order is lifted above the one it should beat (or that one
/// lowered), the province's other foundation indices giving what it takes.
fn order_fixed(rows: &[&RankRow], at: &[usize], m: &mut [[i64; 9]]) -> Option<()> {
    for _ in 0..50 {
        let mut moved = false;
        for k in 0..5 {
            for (r1, &p1) in rows.iter().zip(at) {
                for (r2, &p2) in rows.iter().zip(at) {
                    let (Some(w1), Some(w2)) = (r1.get(MAIN[k]), r2.get(MAIN[k])) else { continue };
                    if w1.aim() >= w2.aim() || m[p1][k] > m[p2][k] {
                        continue;
                    }
                    let lines: [Vec<i64>; 5] = std::array::from_fn(|j| {
                        rows.iter().zip(at).filter(|(r, _)| r.get(MAIN[j]).is_some()).map(|(_, &p)| m[p][j]).collect()
                    });
                    let gap = m[p2][k] - m[p1][k] + 40;
                    // Lift p1 when it can; otherwise lower p2.
                    let (q, diff) = if m[p2][k] + 40 <= 10_000 { (p1, -gap) } else { (p2, gap) };
                    let before = m[q];
                    m[q][k] -= diff;
                    let own = if q == p1 { r1 } else { r2 };
                    // A shared first place stays at the top; other ranks are restored later.
                    let keep: [bool; 5] = std::array::from_fn(|j| own.get(MAIN[j]).and_then(Want::aim) == Some(1));
                    let left = spread_over(&mut m[q], k, diff, &lines, keep);
                    if left != 0 {
                        m[q] = before;
                        return None;
                    }
                    moved = true;
                }
            }
        }
        if !moved {
            return Some(());
        }
    }
    None
}

/// Adds `diff` (units) to the foundation indices of `m` other than `k`, within [300, 9700],
/// never those `keep` names (a province's own first places), first where no value of
/// `lines[j]` (the published-rank provinces' values) is crossed;
/// returns what did not fit.
fn spread_over(m: &mut [i64; 9], k: usize, mut diff: i64, lines: &[Vec<i64>; 5], keep: [bool; 5]) -> i64 {
    for careful in [true, false] {
        for _ in 0..20 {
            let up = diff > 0;
            let room = |j: usize, x: i64| -> i64 {
                let end = if up { 9_700 - x } else { x - 300 };
                if !careful {
                    return end.max(0);
                }
                let near =
                    lines[j].iter().filter(|&&l| if up { l >= x } else { l <= x }).map(|&l| (l - x).abs() - 1).min();
                near.map_or(end, |n| n.min(end)).max(0)
            };
            let open: Vec<usize> = (0..5).filter(|&j| j != k && !keep[j] && room(j, m[j]) > 0).collect();
            if diff == 0 || open.is_empty() {
                break;
            }
            let share = (diff.abs() / open.len() as i64).max(1);
            for &j in &open {
                let step = share.min(room(j, m[j])).min(diff.abs());
                m[j] += step * diff.signum();
                diff -= step * diff.signum();
            }
        }
    }
    diff
}

/// Moves the values of `v` not `pinned` together, each within [300, 9700], until they sum to
/// `sum`; whether they could.
fn fit_sum(v: &mut [i64; 5], pinned: &[bool; 5], sum: i64) -> bool {
    for x in v.iter_mut().zip(pinned).filter(|(_, p)| !**p).map(|(x, _)| x) {
        *x = (*x).clamp(300, 9_700);
    }
    for _ in 0..100 {
        let left = sum - v.iter().sum::<i64>();
        let free: Vec<usize> =
            (0..5).filter(|&k| !pinned[k] && if left > 0 { v[k] < 9_700 } else { v[k] > 300 }).collect();
        if left == 0 || free.is_empty() {
            break;
        }
        let share = (left.abs() / free.len() as i64).max(1);
        for &k in &free {
            let left = sum - v.iter().sum::<i64>();
            let room = if left > 0 { 9_700 - v[k] } else { v[k] - 300 };
            v[k] += share.min(room).min(left.abs()) * left.signum();
        }
    }
    v.iter().sum::<i64>() == sum
}

/// Competition rank of province `p` on main index `k` among `all` (units).
fn rank(all: &[[i64; 9]], p: usize, k: usize) -> u32 {
    1 + all.iter().filter(|m| m[k] > all[p][k]).count() as u32
}

/// Whether province `p` holds every published activity rank of `row` in `all`.
pub fn holds_activities(row: &RankRow, p: usize, all: &[[i64; 9]]) -> bool {
    (6..9).all(|k| row.get(MAIN[k]).is_none_or(|w| w.holds(rank(all, p, k), all[p][k])))
}
