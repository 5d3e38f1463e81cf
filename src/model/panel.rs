//! `Panel`: validated values by year, unit and indicator. Built only by `validate/data.rs`;
//! read by `score/`. Missing values are `None` to every reader; inside, a year's values are one
//! contiguous `f64` block with NaN for a missing value (8 bytes a value instead of the 16 of
//! `Option<f64>`, which matters at commune scale). Validated values are always finite, so NaN
//! never stands for a real value.

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

/// One year's values, for the `u`-th unit of `units` and the `k`-th indicator.
#[derive(Debug, Clone)]
pub struct YearData {
    pub year: Year,
    pub units: Vec<UnitId>,
    /// `values[u * width + k]`, NaN where missing.
    values: Vec<f64>,
    width: usize,
}

/// All years of data, with the indicators in a fixed column order.
#[derive(Debug, Clone)]
pub struct Panel {
    pub units: Vec<Unit>,
    /// The indicator node of each value column.
    pub indicators: Vec<NodeId>,
    /// Ascending by year.
    pub years: Vec<YearData>,
    /// The unit's groups (`[index] groups`, and `region` from the registry), in spec order.
    pub groups: Vec<GroupColumn>,
}

/// A text column naming each unit's group (a region, an income group): one label per unit,
/// the same in every year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupColumn {
    pub name: String,
    /// Indexed by `UnitId`; `None` where the unit has no label.
    pub of_unit: Vec<Option<String>>,
}

impl Panel {
    #[must_use]
    pub fn year(&self, year: Year) -> Option<&YearData> {
        self.years.iter().find(|y| y.year == year)
    }

    /// Frees the values of the `y`-th year, keeping its units: for a command that has scored
    /// it and needs no raw value again (its values then read as missing).
    pub fn release_year(&mut self, y: usize) {
        if let Some(yd) = self.years.get_mut(y) {
            yd.values = Vec::new();
        }
    }

    /// The label of `unit` in group column `column` (`None`: no such column, or no label).
    #[must_use]
    pub fn group_of(&self, column: &str, unit: UnitId) -> Option<&str> {
        self.group(column)?.of_unit.get(unit)?.as_deref()
    }

    /// The group column called `column`.
    #[must_use]
    pub fn group(&self, column: &str) -> Option<&GroupColumn> {
        self.groups.iter().find(|g| g.name == column)
    }

    #[must_use]
    pub fn year_list(&self) -> Vec<Year> {
        self.years.iter().map(|y| y.year).collect()
    }
}

impl YearData {
    /// A year of `width` indicators: `values[u * width + k]` for the `u`-th unit, NaN (or any
    /// non-finite value) where missing.
    #[must_use]
    pub fn new(year: Year, units: Vec<UnitId>, mut values: Vec<f64>, width: usize) -> Self {
        assert_eq!(values.len(), units.len() * width, "one value per unit and indicator");
        for v in &mut values {
            if !v.is_finite() {
                *v = f64::NAN;
            }
        }
        YearData { year, units, values, width }
    }

    /// The value of the `u`-th unit (position in `units`, not a `UnitId`) for indicator `k`.
    #[must_use]
    pub fn get(&self, u: usize, k: usize) -> Option<f64> {
        self.values.get(u * self.width + k).copied().filter(|v| !v.is_nan())
    }

    /// Sets the value of the `u`-th unit for indicator `k` (`None`: missing); for preparation
    /// (imputation, treatment) and for `plan` (changed copies of the panel), which change
    /// values after validation.
    pub fn set(&mut self, u: usize, k: usize, v: Option<f64>) {
        if let Some(slot) = self.values.get_mut(u * self.width + k) {
            *slot = v.filter(|x| x.is_finite()).unwrap_or(f64::NAN);
        }
    }

    /// The non-missing values of each indicator of `ks`, in `units` order: gathered in one
    /// pass over the rows, so that neighbouring indicators share the cache lines they are read
    /// from (a column read alone touches a line per value).
    #[must_use]
    pub fn present(&self, ks: &[usize]) -> Vec<Vec<f64>> {
        let mut out: Vec<Vec<f64>> = ks.iter().map(|_| Vec::with_capacity(self.units.len())).collect();
        for row in self.rows() {
            for (o, &k) in out.iter_mut().zip(ks) {
                if let Some(&v) = row.get(k).filter(|v| !v.is_nan()) {
                    o.push(v);
                }
            }
        }
        out
    }

    /// Each unit's values, one slice of `width` per unit in `units` order (NaN where missing).
    pub fn rows(&self) -> impl Iterator<Item = &[f64]> + '_ {
        self.values.chunks_exact(self.width.max(1))
    }

    /// Indicator `k` for every unit, in `units` order.
    pub fn column(&self, k: usize) -> impl Iterator<Item = Option<f64>> + '_ {
        (0..self.units.len()).map(move |u| self.get(u, k))
    }
}
