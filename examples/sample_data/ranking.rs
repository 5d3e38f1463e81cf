//! Values for one node of one year that honour every published rank and value: provinces with
//! a published rank sit at it (sharing it when tied), provinces with a published value keep
//! it, and the rest fill the free ranks in the order of a synthetic key. Values are integers
//! in units of 0.0001 (the printed precision) and strictly decrease down the ranking, except
//! within a published tie.

/// What is published for one province: its rank, its value, or both.
#[derive(Clone, Copy, Default, Debug)]
pub struct Known {
    pub rank: Option<u32>,
    pub value: Option<i64>,
}

/// The ranking as slots (tied provinces share one), top first.
pub fn slots(key: &[f64], known: &[Known]) -> Vec<Vec<usize>> {
    let n = key.len();
    let mut at: Vec<Vec<usize>> = vec![Vec::new(); n + 2];
    for (p, k) in known.iter().enumerate() {
        if let Some(r) = k.rank {
            at[r as usize].push(p);
        }
    }
    // A province with a value and no rank goes to the first free place below the ranked
    // provinces whose values are higher (highest values first).
    let mut valued: Vec<usize> = (0..n).filter(|&p| known[p].rank.is_none() && known[p].value.is_some()).collect();
    valued.sort_by_key(|&p| std::cmp::Reverse(known[p].value));
    for p in valued {
        let v = known[p].value.unwrap();
        let above =
            (1..=n).filter(|&r| at[r].iter().any(|&q| known[q].value.is_some_and(|w| w > v))).max().unwrap_or(0);
        let taken = |r: usize, at: &Vec<Vec<usize>>| (1..=r).any(|s| at[s].len() > r - s);
        let r = (above + 1..=n).find(|&r| at[r].is_empty() && !taken(r, &at)).expect("a free place");
        at[r].push(p);
    }
    let mut free: Vec<usize> = (0..n).filter(|&p| !at.iter().any(|s| s.contains(&p))).collect();
    free.sort_by(|&a, &b| key[b].total_cmp(&key[a]));
    let mut free = free.into_iter();
    let mut out = Vec::new();
    let mut pos = 1;
    while pos <= n {
        let slot = if at[pos].is_empty() { vec![free.next().expect("free province")] } else { at[pos].clone() };
        assert!(at[pos + 1..pos + slot.len()].iter().all(Vec::is_empty), "published ranks collide below {pos}");
        pos += slot.len();
        out.push(slot);
    }
    assert!(free.next().is_none(), "ranks left over");
    out
}

/// Strictly decreasing integer values near `desired`, with the anchors fixed; `None` when the
/// anchors leave no room for the values between them.
pub fn project(desired: &[f64], anchor: &[Option<i64>]) -> Option<Vec<i64>> {
    let n = desired.len();
    let mut x: Vec<i64> = desired.iter().map(|d| d.round() as i64).collect();
    let mut start = 0;
    while start < n {
        if let Some(a) = anchor[start] {
            // A fixed value must stand below the slot above it, or the ranks would not hold.
            if start > 0 && a >= x[start - 1] {
                return None;
            }
            x[start] = a;
            start += 1;
            continue;
        }
        let end = (start..n).find(|&k| anchor[k].is_some()).unwrap_or(n);
        let upper = if start == 0 { 10_000 + 1 } else { x[start - 1] };
        let lower = if end == n { -1 } else { anchor[end].unwrap() };
        let len = (end - start) as i64;
        if upper - lower <= len {
            return None;
        }
        for (i, k) in (start..end).enumerate() {
            let i = i as i64;
            x[k] = x[k].clamp(lower + (len - i), upper - (i + 1));
            if k > start {
                x[k] = x[k].min(x[k - 1] - 1);
            }
        }
        start = end;
    }
    Some(x)
}

/// Moves free slots by 0.0001 until the slot values weighted by their sizes sum to `target`.
pub fn hit_sum(x: &mut [i64], sizes: &[usize], anchor: &[Option<i64>], target: i64) {
    let n = x.len();
    for _ in 0..10_000 {
        let sum: i64 = x.iter().zip(sizes).map(|(v, &s)| v * s as i64).sum();
        let diff = target - sum;
        if diff == 0 {
            return;
        }
        let step = diff.signum();
        let moved = (0..n).rev().find(|&k| {
            anchor[k].is_none()
                && sizes[k] as i64 <= diff.abs()
                && (step < 0 || k == 0 || x[k] + 1 < x[k - 1])
                && (step > 0 || k + 1 == n || x[k] - 1 > x[k + 1])
        });
        match moved {
            Some(k) => x[k] += step,
            None => break,
        }
    }
    panic!("could not hit the mean");
}
