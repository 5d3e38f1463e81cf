//! `Panel`: validated values by year, unit and indicator. Built only by `validate/data.rs`;
//! read by `score/`. Missing values are `None`, never a sentinel number.

use super::Year;
use super::tree::NodeId;

/// Index of a unit in `Panel::units`.
pub type UnitId = usize;

/// A unit (province, district, country): its display name and, with a registry, its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub name: String,
    pub code: Option<String>,
}

/// One year's values: `values[u * indicators.len() + k]` for the `u`-th unit of `units`.
#[derive(Debug, Clone)]
pub struct YearData {
    pub year: Year,
    pub units: Vec<UnitId>,
    pub values: Vec<Option<f64>>,
}

/// All years of data, with the indicators in a fixed column order.
#[derive(Debug, Clone)]
pub struct Panel {
    pub units: Vec<Unit>,
    /// The indicator node of each value column.
    pub indicators: Vec<NodeId>,
    /// Ascending by year.
    pub years: Vec<YearData>,
}

impl Panel {
    #[must_use]
    pub fn year(&self, year: Year) -> Option<&YearData> {
        self.years.iter().find(|y| y.year == year)
    }

    #[must_use]
    pub fn year_list(&self) -> Vec<Year> {
        self.years.iter().map(|y| y.year).collect()
    }
}

impl YearData {
    /// The values of the `u`-th unit of this year (position in `units`, not a `UnitId`).
    #[must_use]
    pub fn row(&self, u: usize, width: usize) -> &[Option<f64>] {
        &self.values[u * width..(u + 1) * width]
    }
}
