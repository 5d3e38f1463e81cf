//! The regional comparison of `explain` and the report page: "xếp thứ 2/13 vùng Đồng bằng
//! sông Cửu Long", and a table of the index and pillars against the group's mean and best.
//! Formats what `score::group::comparison` computed.

use super::ExplainView;
use crate::score::group::GroupComparison;

impl ExplainView<'_> {
    /// `Xếp thứ 2/13 vùng Đồng bằng sông Cửu Long.` / `Ranked 2/13 in the region …`; for
    /// another group column, `Xếp thứ 1/3 trong nhóm North (zone).`
    #[must_use]
    pub fn group_sentence(&self) -> Option<String> {
        let g = self.group?;
        let root = g.lines.iter().find(|l| l.node == self.tree.root)?;
        let rank = root.rank.map_or_else(|| "–".to_string(), |k| k.to_string());
        Some(match (g.column.as_str(), self.en()) {
            ("region", false) => format!("Xếp thứ {rank} vùng {}.", g.name),
            ("region", true) => format!("Ranked {rank} in the region {}.", g.name),
            (c, false) => format!("Xếp thứ {rank} trong nhóm {} ({c}).", g.name),
            (c, true) => format!("Ranked {rank} in {} ({c}).", g.name),
        })
    }

    /// The comparison's title: `So với vùng Đồng bằng sông Cửu Long (13 tỉnh, thành phố)`.
    #[must_use]
    pub fn group_title(&self, g: &GroupComparison) -> String {
        match (g.column.as_str(), self.en()) {
            ("region", false) => format!("So với vùng {} ({} đơn vị)", g.name, g.of),
            ("region", true) => format!("Against the region {} ({} units)", g.name, g.of),
            (c, false) => format!("So với nhóm {} ({c}, {} đơn vị)", g.name, g.of),
            (c, true) => format!("Against {} ({c}, {} units)", g.name, g.of),
        }
    }

    /// Header and rows: node, score, rank in the group, the group's mean, score − mean, and
    /// the group's best unit with its score.
    #[must_use]
    pub fn group_table(&self, g: &GroupComparison) -> (Vec<String>, Vec<Vec<String>>) {
        let head: Vec<String> = match (g.column == "region", self.en()) {
            (true, false) => ["", "Điểm", "Hạng trong vùng", "Bình quân vùng", "± bình quân", "Cao nhất vùng"],
            (false, false) => ["", "Điểm", "Hạng trong nhóm", "Bình quân nhóm", "± bình quân", "Cao nhất nhóm"],
            (true, true) => ["", "Score", "Rank in region", "Region mean", "± mean", "Best in region"],
            (false, true) => ["", "Score", "Rank in group", "Group mean", "± mean", "Best in group"],
        }
        .iter()
        .map(|s| (*s).to_string())
        .collect();
        let rows = g
            .lines
            .iter()
            .map(|l| {
                let best = l.best.map_or_else(
                    || "–".to_string(),
                    |(x, u)| format!("{} ({})", self.units[u].name, self.fixed(Some(x))),
                );
                vec![
                    self.name(l.node).to_string(),
                    self.fixed(l.score),
                    Self::rank(l.rank),
                    self.fixed(l.mean),
                    self.signed(l.vs_mean),
                    best,
                ]
            })
            .collect();
        (head, rows)
    }
}
