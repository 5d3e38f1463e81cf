//! `RawSpec`: a loose serde mirror of `indicators.toml`. Every field a user can get wrong keeps
//! its span (`toml::Spanned`) so that `validate` can point at `file:line:column`. Nothing here
//! judges a value; only `validate/spec.rs` turns this into an `IndicatorTree`.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

/// A string, number or list as the user wrote it, with its place in the file.
pub type S<T> = Spanned<T>;

/// The whole `indicators.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    pub index: S<RawIndex>,
    #[serde(default)]
    pub defaults: Option<RawDefaults>,
    #[serde(default)]
    pub node: Vec<S<RawNode>>,
    #[serde(default)]
    pub indicator: Vec<S<RawIndicator>>,
    pub merge: Option<S<RawMerge>>,
    pub sensitivity: Option<S<RawSensitivity>>,
}

/// `[sensitivity]`: defaults for `dti sensitivity`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSensitivity {
    pub runs: Option<S<i64>>,
    pub seed: Option<S<i64>>,
    pub weight_noise: Option<S<f64>>,
    #[serde(default)]
    pub normalize: Vec<S<String>>,
    #[serde(default)]
    pub aggregate: Vec<S<String>>,
    pub drop_one: Option<bool>,
    /// Draw imputation and treatment on or off.
    pub toggle_prepare: Option<bool>,
}

/// `[merge]`: how old units combine into new ones (the 2025 merger of provinces).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMerge {
    /// `"vn-2025"` (built in) or a CSV file with columns `from,to`, relative to the spec.
    pub map: S<String>,
    /// Nodes whose merged value is the plain mean of the old units' values.
    pub nodes: S<Vec<S<String>>>,
}

/// `[index]`: the root node and run-wide settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndex {
    pub id: S<String>,
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub method: Option<String>,
    #[serde(default)]
    pub data: Vec<S<String>>,
    pub units: Option<S<String>>,
    pub unit_column: Option<String>,
    pub year_column: Option<String>,
    pub code_column: Option<String>,
    /// The header's row number, when it is not found by itself (title rows of any kind).
    pub header_row: Option<S<i64>>,
    pub rank_decimals: Option<S<i64>>,
    /// A line every output carries when the data read are the spec's own `data` files.
    pub data_note: Option<String>,
    pub ties: Option<S<String>>,
    /// Data columns naming each unit's groups (`["region"]`).
    pub groups: Option<S<Vec<S<String>>>>,
    pub missing: Option<S<String>>,
    pub min_coverage: Option<S<f64>>,
    /// The root's own aggregation and children, when the root is not also a `[[node]]`.
    pub aggregate: Option<S<String>>,
    pub children: Option<S<RawChildren>>,
}

/// `children`: relative weights, or a list of ids that weigh the same.
#[derive(Debug)]
pub enum RawChildren {
    /// `{ a = 100, b = 200 }`
    Weighted(BTreeMap<S<String>, S<toml::Value>>),
    /// `["a", "b", "c"]`: equal weights.
    Equal(Vec<S<String>>),
}

impl<'de> Deserialize<'de> for RawChildren {
    // By hand, not `#[serde(untagged)]`: an untagged enum buffers the value and loses the
    // spans every child id keeps for its error messages.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawChildren;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a table of relative weights, { a = 100, b = 200 }, or a list of ids of equal weight, [\"a\", \"b\"]")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<RawChildren, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = m.next_entry::<S<String>, S<toml::Value>>()? {
                    out.insert(k, v);
                }
                Ok(RawChildren::Weighted(out))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut s: A) -> Result<RawChildren, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = s.next_element::<S<String>>()? {
                    out.push(k);
                }
                Ok(RawChildren::Equal(out))
            }
        }
        d.deserialize_any(V)
    }
}

/// `[defaults]`: settings inherited by every `[[indicator]]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDefaults {
    pub normalize: Option<S<String>>,
    pub range: Option<S<Vec<f64>>>,
    pub bounds: Option<S<toml::Value>>,
    pub impute: Option<S<RawImpute>>,
    pub treat: Option<S<RawTreat>>,
}

/// `impute = { method = "mean" }`: how a missing value is filled (product.md §7).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImpute {
    pub method: S<String>,
    /// The group column of `group-mean` / `group-median`.
    pub group: Option<S<String>>,
    /// How many years a value may be carried (`locf`) or interpolated over (`linear`).
    pub max_years: Option<S<i64>>,
}

/// `treat = { method = "winsorise", max_points = 5 }`: outlier treatment (product.md §7).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTreat {
    pub method: S<String>,
    pub max_points: Option<S<i64>>,
    pub skew: Option<S<f64>>,
    pub kurtosis: Option<S<f64>>,
    pub then: Option<S<String>>,
}

/// `[[node]]`: a composite.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub id: S<String>,
    pub name: Option<String>,
    pub name_en: Option<String>,
    #[serde(default)]
    pub pillar: bool,
    /// `false`: computed and shown, but weighs in no parent (smart city's 0 points in 922).
    pub scored: Option<S<bool>>,
    pub aggregate: Option<S<String>>,
    pub children: Option<S<RawChildren>>,
    pub missing: Option<S<String>>,
    pub min_coverage: Option<S<f64>>,
}

/// `[[indicator]]`: a leaf read from a data column.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: S<String>,
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub column: Option<S<String>>,
    pub direction: Option<S<String>>,
    pub normalize: Option<S<String>>,
    pub goalposts: Option<S<Vec<f64>>>,
    pub max: Option<S<f64>>,
    pub bands: Option<S<Vec<Vec<f64>>>>,
    pub range: Option<S<Vec<f64>>>,
    pub bounds: Option<S<toml::Value>>,
    pub unit: Option<String>,
    /// `[lo, hi]`: values outside are warnings (errors with `--strict`).
    pub plausible: Option<S<Vec<f64>>>,
    /// A national target for the raw value (not a scaling bound), with where it is set.
    pub target: Option<S<f64>>,
    pub target_source: Option<S<String>>,
    #[serde(default)]
    pub pillar: bool,
    pub scored: Option<S<bool>>,
    /// A data column (not an indicator) the raw value is divided by.
    pub denominator: Option<S<String>>,
    pub impute: Option<S<RawImpute>>,
    pub treat: Option<S<RawTreat>>,
}
