//! The vocabulary of data preparation (product.md §7, COINr's order: denominate → impute →
//! treat): how an indicator's missing values are filled, how its outliers are treated, and the
//! records of every value either step changed. Types only; the maths is in `score/prepare/`.

use super::Year;
use super::panel::UnitId;
use super::tree::NodeId;

/// How a missing value is filled (COINr's `Impute`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Impute {
    #[default]
    None,
    /// The mean of the year's values over all units (COINr `i_mean`).
    Mean,
    /// The median of the year's values (COINr `i_median`).
    Median,
    /// The mean of the unit's group that year, the group read from this column (`i_mean_grp`).
    GroupMean(String),
    /// The median of the unit's group that year (`i_median_grp`).
    GroupMedian(String),
    /// The unit's latest earlier value, at most `max_years` years old (`impute_panel`, "latest").
    Locf(Option<u32>),
    /// Straight line between the unit's nearest values before and after, each at most
    /// `max_years` away; at either end the nearest value (`impute_panel`, "linear", rule 2).
    Linear(Option<u32>),
}

impl Impute {
    /// The name used in the spec and in every output.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Impute::None => "none",
            Impute::Mean => "mean",
            Impute::Median => "median",
            Impute::GroupMean(_) => "group-mean",
            Impute::GroupMedian(_) => "group-median",
            Impute::Locf(_) => "locf",
            Impute::Linear(_) => "linear",
        }
    }

    /// Whether filling a year needs the other years' values.
    #[must_use]
    pub fn across_years(&self) -> bool {
        matches!(self, Impute::Locf(_) | Impute::Linear(_))
    }
}

/// Outlier treatment (COINr's `Treat`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Treat {
    #[default]
    None,
    /// The JRC two-stage rule: winsorise up to `max_points` while |skew| ≥ `skew` and
    /// kurtosis ≥ `kurtosis`; if that does not pass, `then_log` applies COINr's `log_CT` to
    /// the untreated values instead.
    Winsorise { max_points: usize, skew: f64, kurtosis: f64, then_log: bool },
}

/// One value filled in by imputation.
#[derive(Debug, Clone, PartialEq)]
pub struct Imputed {
    pub unit: UnitId,
    pub year: Year,
    /// Position in `Panel::indicators`.
    pub k: usize,
    /// The value put in (after denomination, as COINr's Imputed data set).
    pub value: f64,
    pub method: &'static str,
}

/// What treatment did to one indicator in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Treated {
    /// Position in `Panel::indicators`.
    pub k: usize,
    pub node: NodeId,
    pub year: Year,
    /// `winsorise`, `log` (COINr's `log_CT`), or `winsorise` that still fails with then = "none".
    pub method: &'static str,
    /// How many values winsorisation changed (COINr's `nwin`); every value for `log`.
    pub points: usize,
    /// The units whose values were changed.
    pub units: Vec<UnitId>,
    /// Each changed value: (unit, as read after denomination and imputation, treated), in the
    /// order of `units` (product.md §7: every treated value is visible).
    pub values: Vec<(UnitId, f64, f64)>,
    /// Skewness and kurtosis before and after.
    pub before: (f64, f64),
    pub after: (f64, f64),
}

/// Values of one indicator in one year that imputation could not fill (product.md §7: nothing
/// silently): they stay missing and the composite's `missing` policy applies.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfilled {
    /// Position in `Panel::indicators`.
    pub k: usize,
    pub node: NodeId,
    pub year: Year,
    /// How many values stay missing.
    pub count: usize,
    /// Why, in the words of the warning: `group-mean: no value in the group`.
    pub why: String,
}

/// Everything preparation changed, for every output to show.
#[derive(Debug, Clone, Default)]
pub struct PrepLog {
    /// Sorted by year, unit, then indicator.
    pub imputed: Vec<Imputed>,
    /// By year, then indicator.
    pub treated: Vec<Treated>,
    /// What imputation left missing, by indicator, then year.
    pub unfilled: Vec<Unfilled>,
}

impl PrepLog {
    /// The imputed values of `unit` in `year` (the list is sorted by year, unit, indicator, so
    /// this is a binary search: a ranking marks every row).
    #[must_use]
    pub fn imputed_of(&self, unit: UnitId, year: Year) -> &[Imputed] {
        let lo = self.imputed.partition_point(|i| (i.year, i.unit) < (year, unit));
        let hi = self.imputed.partition_point(|i| (i.year, i.unit) <= (year, unit));
        &self.imputed[lo..hi]
    }

    /// Whether the value of indicator `k` for `unit` in `year` was imputed.
    #[must_use]
    pub fn is_imputed(&self, unit: UnitId, year: Year, k: usize) -> bool {
        self.imputed_of(unit, year).iter().any(|i| i.k == k)
    }

    /// The imputed values of one year.
    pub fn imputed_in(&self, year: Year) -> impl Iterator<Item = &Imputed> {
        self.imputed.iter().filter(move |i| i.year == year)
    }

    /// The treatments of one year.
    pub fn treated_in(&self, year: Year) -> impl Iterator<Item = &Treated> {
        self.treated.iter().filter(move |t| t.year == year)
    }

    /// The treatment of indicator `k` for `unit` in `year`, if it changed the value: the
    /// record and the value before treatment.
    #[must_use]
    pub fn treated_value(&self, unit: UnitId, year: Year, k: usize) -> Option<(&Treated, f64)> {
        self.treated
            .iter()
            .filter(|t| t.year == year && t.k == k)
            .find_map(|t| t.values.iter().find(|v| v.0 == unit).map(|v| (t, v.1)))
    }

    /// Whether any value of `unit` in `year` is imputed.
    #[must_use]
    pub fn unit_has_imputed(&self, unit: UnitId, year: Year) -> bool {
        !self.imputed_of(unit, year).is_empty()
    }
}
