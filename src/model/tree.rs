//! The validated indicator graph. Only `validate` builds an `IndicatorTree`, so a tree that
//! exists is a valid tree: ids are unique, every child exists, there is no cycle, every node is
//! reachable, weights are positive and finite, and every method has sane parameters.

/// Index of a node in `IndicatorTree::nodes`.
pub type NodeId = usize;

/// How a composite combines the children that have a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregate {
    Mean,
    Geometric,
    Harmonic,
    Sum,
}

/// What a composite does with a missing child.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missing {
    Reweight,
    Zero,
    Error,
}

/// Which indicator is better: a larger or a smaller value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Higher,
    Lower,
}

/// Over which values `minmax` and `zscore` take their statistics.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Bounds {
    Year,
    Pooled,
    Fixed(f64, f64),
}

/// A normalisation method with its parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Normalize {
    None,
    Max(f64),
    MinMax(Bounds),
    ZScore(Bounds),
    /// `[worst, target]`, worst > target for a lower-is-better indicator.
    Goalpost(f64, f64),
    Rank,
    Bool,
    /// `(threshold, score)` pairs in the order they are reached.
    Bands(Vec<(f64, f64)>),
}

/// Tie policy for ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ties {
    /// 1, 2, 2, 4 (the official DTI, COINr's default).
    Competition,
    /// 1, 2, 2, 3.
    Dense,
}

/// A leaf: one data column, normalised.
#[derive(Debug, Clone)]
pub struct Indicator {
    pub column: String,
    pub direction: Direction,
    pub normalize: Normalize,
    /// Output range of the bounded methods.
    pub range: (f64, f64),
    pub unit: Option<String>,
    pub plausible: Option<(f64, f64)>,
    /// A national target for the raw value, and the decision that sets it. Goalposts scale a
    /// score; only this is shown as a target.
    pub target: Option<Target>,
    /// A data column the raw value is divided by when read (COINr's `Denominate`).
    pub denominator: Option<String>,
    /// Boxed: rarely set, and it would make every node as large as its largest variant.
    pub impute: Box<super::prepare::Impute>,
    pub treat: super::prepare::Treat,
}

/// A target a unit's raw value is measured against, and where it is set.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub value: f64,
    /// E.g. `749/QĐ-TTg (2025)`.
    pub source: String,
}

/// A composite: weighted children.
#[derive(Debug, Clone)]
pub struct Composite {
    pub aggregate: Aggregate,
    /// `(child, weight)` in the order written; weights are relative and positive.
    pub children: Vec<(NodeId, f64)>,
    pub missing: Missing,
    pub min_coverage: f64,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Composite(Composite),
    Indicator(Indicator),
}

/// A node of the graph, composite or leaf.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub name: String,
    pub name_en: Option<String>,
    pub pillar: bool,
    /// `false` for a node shown but weighing in no parent.
    pub scored: bool,
    pub kind: NodeKind,
}

impl Node {
    /// The name in the chosen language, falling back to the other, then to the id.
    #[must_use]
    pub fn label(&self, english: bool) -> &str {
        match (&self.name_en, english) {
            (Some(en), true) => en,
            _ => &self.name,
        }
    }

    #[must_use]
    pub fn indicator(&self) -> Option<&Indicator> {
        match &self.kind {
            NodeKind::Indicator(i) => Some(i),
            NodeKind::Composite(_) => None,
        }
    }

    #[must_use]
    pub fn composite(&self) -> Option<&Composite> {
        match &self.kind {
            NodeKind::Composite(c) => Some(c),
            NodeKind::Indicator(_) => None,
        }
    }
}

/// Whether unit names are free text or matched against a registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitsKind {
    Free,
    VnProvinces,
}

/// Run-wide settings from `[index]`.
#[derive(Debug, Clone)]
pub struct IndexInfo {
    pub method: Option<String>,
    /// Default data files, already resolved against the spec's folder.
    pub data: Vec<std::path::PathBuf>,
    pub units: UnitsKind,
    pub unit_column: String,
    pub year_column: String,
    pub code_column: String,
    /// The header's row number (1-based), when given.
    pub header_row: Option<usize>,
    pub rank_decimals: Option<u32>,
    pub ties: Ties,
    /// What the spec's own data are (`data_note`), for every output's footer; cleared by the
    /// app when other data are read.
    pub data_note: Option<String>,
    /// `[index] groups`: data columns naming each unit's groups (text, not indicators).
    pub groups: Vec<String>,
}

impl IndexInfo {
    /// The decimals scores are published with (`rank_decimals`, else 4): printed scores have
    /// them, and a change is the difference of scores rounded to them.
    #[must_use]
    pub fn published_decimals(&self) -> u32 {
        self.rank_decimals.unwrap_or(4)
    }
}

/// Where the merge map comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeMap {
    /// The 2025 merger of the 63 provinces into 34 units, from the built-in registry.
    Vn2025,
    /// A CSV file with columns `from,to`, already resolved against the spec's folder.
    File(std::path::PathBuf),
}

/// `[merge]`, validated.
#[derive(Debug, Clone)]
pub struct MergeSpec {
    pub map: MergeMap,
    /// Nodes averaged (plain mean) over a merged unit's old units; every node above them is
    /// recomputed from those means.
    pub nodes: Vec<NodeId>,
}

/// `[sensitivity]`, validated: defaults for `dti sensitivity` (the command line overrides).
#[derive(Debug, Clone, Default)]
pub struct SensitivitySpec {
    pub runs: Option<usize>,
    pub seed: Option<u64>,
    pub weight_noise: Option<f64>,
    /// Names checked against the methods a replication can draw.
    pub normalize: Vec<String>,
    pub aggregate: Vec<Aggregate>,
    pub drop_one: Option<bool>,
    pub toggle_prepare: Option<bool>,
}

/// The validated graph. `order` lists every node with children before parents.
#[derive(Debug, Clone)]
pub struct IndicatorTree {
    pub info: IndexInfo,
    pub merge: Option<MergeSpec>,
    pub sensitivity: SensitivitySpec,
    pub nodes: Vec<Node>,
    pub root: NodeId,
    pub order: Vec<NodeId>,
}

impl IndicatorTree {
    /// The composites to report: root first, then pillars, then the rest in spec order.
    #[must_use]
    pub fn report_nodes(&self) -> Vec<NodeId> {
        let mut out = vec![self.root];
        let composites = (0..self.nodes.len()).filter(|&i| i != self.root);
        let (pillars, rest): (Vec<_>, Vec<_>) = composites
            .filter(|&i| self.nodes[i].composite().is_some() || self.nodes[i].pillar)
            .partition(|&i| self.nodes[i].pillar);
        out.extend(pillars);
        out.extend(rest);
        out
    }

    /// The pillars (nodes with `pillar = true`) in spec order.
    #[must_use]
    pub fn pillars(&self) -> Vec<NodeId> {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].pillar && i != self.root).collect()
    }

    /// Leaves in spec order.
    #[must_use]
    pub fn indicators(&self) -> Vec<NodeId> {
        (0..self.nodes.len()).filter(|&i| self.nodes[i].indicator().is_some()).collect()
    }

    /// Sets the weight of `child` under `parent` (an edge the caller has checked exists).
    pub fn set_weight(&mut self, parent: NodeId, child: NodeId, weight: f64) {
        if let NodeKind::Composite(c) = &mut self.nodes[parent].kind {
            for (k, w) in &mut c.children {
                if *k == child {
                    *w = weight;
                }
            }
        }
    }

    /// Makes every `minmax` and `zscore` indicator take its statistics over `bounds`.
    pub fn override_bounds(&mut self, bounds: Bounds) {
        for node in &mut self.nodes {
            if let NodeKind::Indicator(ind) = &mut node.kind {
                match &mut ind.normalize {
                    Normalize::MinMax(b) | Normalize::ZScore(b) => *b = bounds,
                    _ => {}
                }
            }
        }
    }

    #[must_use]
    pub fn find(&self, id: &str) -> Option<NodeId> {
        self.nodes.iter().position(|n| n.id == id)
    }
}
