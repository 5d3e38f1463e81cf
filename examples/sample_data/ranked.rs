//! Targets for a year with published main-index ranks: the provinces that carry them (and the
//! neighbours asked to make room for a printed value) get activity indices placed at those
//! ranks, and the year is drawn again around them until the placement holds.

use crate::{Rng, main_ranks, place, published, targets};

/// Targets whose provinces with published main-index ranks hold their activity ranks: those
/// provinces' main indices are placed (`place::activities`) and the year drawn again from the
/// same state `saved` with them fixed (their pillar values then ranked where they fall, inside
/// the run of provinces between published ones), until the placement survives the other
/// provinces moving around it. Returns the targets and the generator's state after them.
pub fn ranked_targets(
    first: &targets::YearTargets,
    rows: &[&main_ranks::RankRow],
    code: &[String],
    saved: Rng,
    figs: &[&published::Figure],
    main_pub: &[published::MainRow],
    draw: impl Fn(&[published::MainRow], &[&published::Figure], &mut Rng) -> Option<targets::YearTargets>,
) -> Option<(targets::YearTargets, Rng)> {
    let base = rows;
    let mut asked: Vec<main_ranks::RankRow> = Vec::new();
    // Neighbours are asked only where no pillar value is published: they must be free to move.
    let fixed: Vec<usize> = (0..code.len())
        .filter(|&q| {
            main_pub.iter().any(|m| m.0 == code[q])
                || figs.iter().any(|f| f.code == code[q] && f.node > 0 && f.value.is_some())
        })
        .collect();
    let stiff: Vec<usize> = (0..code.len()).filter(|&q| figs.iter().any(|f| f.code == code[q] && f.node > 0)).collect();
    let mut t_main: Vec<[f64; 9]> = first.main.clone();
    let mut values = first.values.clone();
    let year = base[0].year;
    for _ in 0..8 {
        let units: Vec<[i64; 9]> = t_main.iter().map(|m| m.map(|v| (v * 10_000.0).round() as i64)).collect();
        let mut busy: Vec<usize> = base
            .iter()
            .chain(asked.iter().collect::<Vec<_>>().iter())
            .map(|r| code.iter().position(|c| *c == r.code).expect("code"))
            .collect();
        busy.extend(&fixed);
        for more in main_ranks::neighbours(base, &busy, &stiff, code, &units) {
            asked.push(more);
        }
        let rows: Vec<&main_ranks::RankRow> = base.iter().copied().chain(&asked).collect();
        let at: Vec<usize> = rows.iter().map(|r| code.iter().position(|c| *c == r.code).expect("code")).collect();
        let mut extra: Vec<published::MainRow> = Vec::new();
        let mut extra_figs: Vec<published::Figure> = Vec::new();
        // Provinces whose pillar value is fixed: published, and those placed here.
        let mut valued: Vec<[bool; 3]> = code
            .iter()
            .map(|c| {
                let top = main_pub.iter().any(|m| m.0 == *c);
                std::array::from_fn(|n| {
                    top || figs.iter().any(|f| f.code == *c && f.node == n + 1 && f.value.is_some())
                })
            })
            .collect();
        for (row, &p) in rows.iter().zip(&at) {
            let others: [Vec<i64>; 3] = std::array::from_fn(|a| {
                (0..code.len()).filter(|&q| q != p).map(|q| (t_main[q][6 + a] * 10_000.0).round() as i64).collect()
            });
            let own_rank = |n: usize| figs.iter().any(|f| f.code == row.code && f.node == n + 1 && f.rank.is_some());
            // A pillar whose rank is published keeps it: it may move as far as the provinces
            // with a fixed value around it allow, leaving a value for each province between
            // (their values are drawn around it). The others may go anywhere, taking the
            // nearest free rank (`year_targets` refuses what has no room).
            let room: [(i64, i64); 3] = std::array::from_fn(|n| {
                if !own_rank(n) {
                    return (0, 10_000);
                }
                let v = &values[n + 1];
                let between =
                    |a: i64, b: i64| (0..code.len()).filter(|&q| q != p && v[q] > a && v[q] < b).count() as i64;
                let fence = |q: usize| q != p && valued[q][n];
                let above = (0..code.len()).filter(|&q| fence(q) && v[q] > v[p]).map(|q| v[q]).min();
                let below = (0..code.len()).filter(|&q| fence(q) && v[q] < v[p]).map(|q| v[q]).max();
                let hi = above.map_or(10_000, |a| a - between(v[p], a) - 2);
                let lo = below.map_or(0, |b| b + between(b, v[p]) + 2);
                (lo.min(v[p]), hi.max(v[p]))
            });
            let m = place::activities(row, &t_main[p], &others, values[0][p], &room)?;
            t_main[p] = m.map(|v| v as f64 / 10_000.0);
            let pillars = place::pillar_units(&m);
            for n in 0..3 {
                values[n + 1][p] = pillars[n];
                valued[p][n] = true;
                if !own_rank(n) {
                    // Where the value falls, or the nearest rank no published province holds.
                    let at = 1 + (0..code.len()).filter(|&q| q != p && values[n + 1][q] > pillars[n]).count() as u32;
                    let taken =
                        |r: u32| figs.iter().copied().chain(&extra_figs).any(|f| f.node == n + 1 && f.rank == Some(r));
                    let free = |r: &u32| (1..=code.len() as u32).contains(r) && !taken(*r);
                    let rank = (0..code.len() as u32).flat_map(|d| [at + d, at.wrapping_sub(d)]).find(free)?;
                    let (value, rank, source) = (None, Some(rank), String::new());
                    extra_figs.push(published::Figure {
                        year,
                        code: row.code.clone(),
                        node: n + 1,
                        value,
                        rank,
                        source,
                    });
                }
            }
            let ids = targets::MAIN.iter().enumerate().filter(|(k, _)| *k != 5);
            extra.push((row.code.clone(), ids.map(|(k, id)| (*id, m[k])).collect()));
        }
        let mut rng = saved.clone();
        let all: Vec<published::MainRow> = main_pub.iter().cloned().chain(extra.iter().cloned()).collect();
        let all_figs: Vec<&published::Figure> = figs.iter().copied().chain(&extra_figs).collect();
        let t = draw(&all, &all_figs, &mut rng)?;
        let units: Vec<[i64; 9]> = t.main.iter().map(|m| m.map(|v| (v * 10_000.0).round() as i64)).collect();
        if rows.iter().zip(&at).all(|(row, &p)| place::holds_activities(row, p, &units)) {
            return Some((t, rng));
        }
        t_main = t.main.clone();
        values = t.values.clone();
    }
    None
}
