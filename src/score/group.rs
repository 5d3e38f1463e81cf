//! Ranks within groups (a region, an income group): every node ranked again among the units
//! of each group, with the same tie rule and rounding as the overall ranks (`rank::rank`), and
//! each group's mean and best score per node, for "xếp thứ 2/13 vùng Đồng bằng sông Cửu Long"
//! and a comparison with the region. Pure maths on one year's scores; the labels come from the
//! caller (the panel's group column, or the registry for merged units). `only` keeps one
//! group's units of a year and ranks them among themselves, their scores untouched.

use super::rank::rank;
use super::{Rank, YearScores};
use crate::model::panel::UnitId;
use crate::model::tree::{IndicatorTree, NodeId};

/// One group of a year: its label, its units, and per node its mean and best score.
#[derive(Debug, Clone)]
pub struct Group {
    pub name: String,
    /// The group's units with data this year.
    pub units: Vec<UnitId>,
    /// `mean[node]`: the plain mean of the scores the group's units have (`None`: none has).
    pub mean: Vec<Option<f64>>,
    /// `best[node]`: the highest score and the first unit (in data order) holding it.
    pub best: Vec<Option<(f64, UnitId)>>,
}

/// In-group ranks of one year.
#[derive(Debug, Clone)]
pub struct GroupRanks {
    /// The group column (`region`).
    pub column: String,
    /// Groups in order of first appearance in the year's units.
    pub groups: Vec<Group>,
    /// Per unit id: its group's index in `groups`, and its position in the year.
    of_unit: Vec<Option<(usize, usize)>>,
    /// `ranks[node][u]`, `u` a position in the year's units.
    ranks: Vec<Vec<Option<Rank>>>,
}

impl GroupRanks {
    /// The group of `unit` (`None`: no label, or no data this year).
    #[must_use]
    pub fn group(&self, unit: UnitId) -> Option<&Group> {
        self.of_unit.get(unit).copied().flatten().map(|(g, _)| &self.groups[g])
    }

    /// `unit`'s rank on `node` within its group.
    #[must_use]
    pub fn rank(&self, node: NodeId, unit: UnitId) -> Option<Rank> {
        let (_, u) = self.of_unit.get(unit).copied().flatten()?;
        self.ranks.get(node)?.get(u).copied().flatten()
    }
}

/// Ranks every node of `ys` within the groups `label` gives each unit id (units without a
/// label are in no group and get no in-group rank).
#[must_use]
pub fn within(
    tree: &IndicatorTree,
    column: &str,
    ys: &YearScores,
    label: &dyn Fn(UnitId) -> Option<String>,
) -> GroupRanks {
    let mut groups: Vec<Group> = Vec::new();
    let n_units = ys.units.iter().max().map_or(0, |m| m + 1);
    let mut of_unit = vec![None; n_units];
    let mut members: Vec<Vec<usize>> = Vec::new();
    for (u, &unit) in ys.units.iter().enumerate() {
        let Some(name) = label(unit) else { continue };
        let g = groups.iter().position(|g| g.name == name).unwrap_or_else(|| {
            groups.push(Group {
                name,
                units: Vec::new(),
                mean: vec![None; ys.values.len()],
                best: vec![None; ys.values.len()],
            });
            members.push(Vec::new());
            groups.len() - 1
        });
        groups[g].units.push(unit);
        members[g].push(u);
        of_unit[unit] = Some((g, u));
    }
    let mut ranks: Vec<Vec<Option<Rank>>> = vec![Vec::new(); ys.values.len()];
    for (node, values) in ys.values.iter().enumerate() {
        if values.is_empty() {
            continue;
        }
        ranks[node] = vec![None; values.len()];
        for (g, pos) in members.iter().enumerate() {
            let scores: Vec<Option<f64>> = pos.iter().map(|&u| values.get(u).copied().flatten()).collect();
            for (&u, r) in pos.iter().zip(rank(&scores, tree.info.ties, tree.info.rank_decimals)) {
                ranks[node][u] = r;
            }
            let present: Vec<(f64, UnitId)> =
                pos.iter().filter_map(|&u| values.get(u).copied().flatten().map(|x| (x, ys.units[u]))).collect();
            let group = &mut groups[g];
            if !present.is_empty() {
                group.mean[node] = Some(present.iter().map(|p| p.0).sum::<f64>() / present.len() as f64);
                group.best[node] = present.iter().copied().reduce(|a, b| if b.0 > a.0 { b } else { a });
            }
        }
    }
    GroupRanks { column: column.to_string(), groups, of_unit, ranks }
}

/// The units of `ys` that `keep` accepts, every node ranked among them alone; scores,
/// raw values and statistics are those of the whole year (the index is not recomputed).
#[must_use]
pub fn only(tree: &IndicatorTree, ys: &YearScores, keep: &dyn Fn(UnitId) -> bool) -> YearScores {
    let pos: Vec<usize> = (0..ys.units.len()).filter(|&u| keep(ys.units[u])).collect();
    let pick = |v: &Vec<Option<f64>>| {
        if v.is_empty() { Vec::new() } else { pos.iter().map(|&u| v.get(u).copied().flatten()).collect() }
    };
    let values: Vec<Vec<Option<f64>>> = ys.values.iter().map(pick).collect();
    let raw = ys.raw.iter().map(pick).collect();
    let ranks = values
        .iter()
        .map(|v| if v.is_empty() { Vec::new() } else { rank(v, tree.info.ties, tree.info.rank_decimals) })
        .collect();
    YearScores {
        year: ys.year,
        units: pos.iter().map(|&u| ys.units[u]).collect(),
        values,
        raw,
        ranks,
        stats: ys.stats.clone(),
    }
}

/// One node of a unit against its group.
#[derive(Debug, Clone)]
pub struct GroupLine {
    pub node: NodeId,
    pub score: Option<f64>,
    /// The rank within the group.
    pub rank: Option<Rank>,
    pub mean: Option<f64>,
    /// The group's highest score and the unit holding it.
    pub best: Option<(f64, UnitId)>,
    /// Score − the group's mean (unrounded).
    pub vs_mean: Option<f64>,
}

/// A unit against its group, for `explain` and the report page.
#[derive(Debug, Clone)]
pub struct GroupComparison {
    pub column: String,
    pub name: String,
    /// Units of the group ranked on the root.
    pub of: u32,
    pub lines: Vec<GroupLine>,
}

/// `unit` in year `ys` against its group on `nodes` (`None`: the unit is in no group, or has
/// no data this year).
#[must_use]
pub fn comparison(
    g: &GroupRanks,
    ys: &YearScores,
    unit: UnitId,
    root: NodeId,
    nodes: &[NodeId],
) -> Option<GroupComparison> {
    let group = g.group(unit)?;
    let u = ys.position(unit)?;
    let lines = nodes
        .iter()
        .map(|&n| {
            let score = ys.score(n, u);
            let mean = group.mean.get(n).copied().flatten();
            GroupLine {
                node: n,
                score,
                rank: g.rank(n, unit),
                mean,
                best: group.best.get(n).copied().flatten(),
                vs_mean: score.zip(mean).map(|(s, m)| s - m),
            }
        })
        .collect();
    let of = g.rank(root, unit).map_or(group.units.len() as u32, |k| k.of);
    Some(GroupComparison { column: g.column.clone(), name: group.name.clone(), of, lines })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tree::Ties;

    /// One node, five units: groups x = {0, 1, 2}, y = {3, 4}; unit 2 has no score, unit 4
    /// no label.
    fn year() -> YearScores {
        YearScores {
            year: 2023,
            units: vec![0, 1, 2, 3, 4],
            values: vec![vec![Some(0.5), Some(0.5), None, Some(0.9), Some(1.0)]],
            raw: Vec::new(),
            ranks: Vec::new(),
            stats: Vec::new(),
        }
    }

    fn label(u: UnitId) -> Option<String> {
        [Some("x"), Some("x"), Some("x"), Some("y"), None][u].map(str::to_string)
    }

    fn tree(ties: Ties) -> IndicatorTree {
        let mut t = crate::validate::spec(
            "[index]\nid = \"i\"\nchildren = [\"a\"]\n[[indicator]]\nid = \"a\"\ndirection = \"higher\"\nnormalize = \"minmax\"\n",
            "t.toml",
            std::path::Path::new("."),
        )
        .expect("a valid spec")
        .0;
        t.info.ties = ties;
        t
    }

    #[test]
    fn ties_missing_scores_and_unlabelled_units() {
        let g = within(&tree(Ties::Competition), "zone", &year(), &label);
        // x: units 0 and 1 tie at 1 of 2 (unit 2 has no score and does not count in `of`).
        assert_eq!(g.rank(0, 0), Some(Rank { pos: 1, of: 2 }));
        assert_eq!(g.rank(0, 1), Some(Rank { pos: 1, of: 2 }));
        assert_eq!(g.rank(0, 2), None);
        assert_eq!(g.group(2).map(|x| x.name.as_str()), Some("x"));
        // y: unit 3 alone; unit 4 (1.0, the best overall) is in no group.
        assert_eq!(g.rank(0, 3), Some(Rank { pos: 1, of: 1 }));
        assert!(g.group(4).is_none() && g.rank(0, 4).is_none());
        let x = g.group(0).unwrap();
        assert_eq!(x.units, vec![0, 1, 2]);
        assert_eq!(x.mean[0], Some(0.5));
        assert_eq!(x.best[0], Some((0.5, 0)), "the first of a tie, in data order");
        assert_eq!(g.group(3).unwrap().mean[0], Some(0.9));
        let c = comparison(&g, &year(), 1, 0, &[0]).unwrap();
        assert_eq!((c.name.as_str(), c.of), ("x", 2));
        assert_eq!(c.lines[0].vs_mean, Some(0.0));
        assert!(comparison(&g, &year(), 4, 0, &[0]).is_none());
    }

    #[test]
    fn only_keeps_one_group_and_ranks_it_alone() {
        let t = tree(Ties::Dense);
        let ys = only(&t, &year(), &|u| label(u).as_deref() == Some("x"));
        assert_eq!(ys.units, vec![0, 1, 2]);
        assert_eq!(ys.values[0], vec![Some(0.5), Some(0.5), None]);
        assert_eq!(ys.ranks[0], vec![Some(Rank { pos: 1, of: 2 }), Some(Rank { pos: 1, of: 2 }), None]);
    }
}
