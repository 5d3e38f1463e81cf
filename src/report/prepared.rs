//! How every format shows what preparation changed (product.md §7): the `*` marker on a unit
//! with an imputed value, the footnote and footer count, the JSON `imputed` / `treated` lists
//! and the CSV flag column. Formats the records of `score::prepare`; computes nothing.

use super::Report;
use crate::model::panel::UnitId;
use crate::model::prepare::{Imputed, Treated};
use serde_json::{Value, json};
use std::collections::HashSet;

impl Report<'_> {
    /// Whether the spec imputes or treats anything: then the lists and columns are there even
    /// when empty, so that a script can rely on them.
    pub(crate) fn prepares(&self) -> bool {
        let (i, t) = crate::score::prepare::any(self.tree);
        self.prep.is_some() && (i || t)
    }

    /// The imputed values of the ranked year and of the comparison year, of the units shown.
    pub(crate) fn imputed(&self) -> Vec<&Imputed> {
        self.imputed_of_years(&[Some(self.ranking.year), self.ranking.compare_year])
    }

    /// The imputed values of `years`; with `--only`, of the units shown only (the treated
    /// records stay whole: they describe the data every score comes from).
    fn imputed_of_years(&self, years: &[Option<i32>]) -> Vec<&Imputed> {
        let Some(p) = self.prep else { return Vec::new() };
        let shown: Option<HashSet<UnitId>> =
            self.ranking.only.as_ref().map(|_| {
                self.ranking.rows.iter().map(|r| r.unit).chain(self.ranking.gone.iter().map(|g| g.0)).collect()
            });
        p.imputed
            .iter()
            .filter(|i| years.contains(&Some(i.year)) && shown.as_ref().is_none_or(|s| s.contains(&i.unit)))
            .collect()
    }

    /// The treatments of the ranked year and of the comparison year.
    pub(crate) fn treated(&self) -> Vec<&Treated> {
        let years = [Some(self.ranking.year), self.ranking.compare_year];
        self.prep.map_or_else(Vec::new, |p| p.treated.iter().filter(|t| years.contains(&Some(t.year))).collect())
    }

    /// The ids of the indicators imputed for `unit` in the ranked year, in indicator order.
    pub(crate) fn imputed_ids(&self, unit: UnitId) -> Vec<&str> {
        let Some(p) = self.prep else { return Vec::new() };
        p.imputed_of(unit, self.ranking.year)
            .iter()
            .map(|i| self.tree.nodes[self.indicators[i.k]].id.as_str())
            .collect()
    }

    /// The ids of the indicators whose value treatment changed for `unit` in the ranked year.
    pub(crate) fn treated_ids(&self, unit: UnitId) -> Vec<&str> {
        let Some(p) = self.prep else { return Vec::new() };
        (0..self.indicators.len())
            .filter(|&k| p.treated_value(unit, self.ranking.year, k).is_some())
            .map(|k| self.tree.nodes[self.indicators[k]].id.as_str())
            .collect()
    }

    /// The unit's name, with `*` when one of its values this year is imputed.
    pub(crate) fn marked_name(&self, unit: UnitId) -> String {
        let name = &self.units[unit].name;
        match self.prep {
            Some(p) if p.unit_has_imputed(unit, self.ranking.year) => format!("{name}*"),
            _ => name.clone(),
        }
    }

    /// `*` after a unit's change when one of its values of the comparison year is imputed: the
    /// change starts from an estimate.
    pub(crate) fn compare_mark(&self, unit: UnitId, compared: bool) -> &'static str {
        match (self.prep, self.ranking.compare_year) {
            (Some(p), Some(c)) if compared && p.unit_has_imputed(unit, c) && self.shown_compare_imputed() > 0 => "*",
            _ => "",
        }
    }

    /// How many imputed values of the comparison year the shown units have.
    fn shown_compare_imputed(&self) -> usize {
        self.ranking.compare_year.map_or(0, |c| self.imputed().iter().filter(|i| i.year == c).count())
    }

    /// The footnote under a table: what `*` means, and which indicators were treated.
    pub(crate) fn prep_note(&self) -> Option<String> {
        if !self.prepares() {
            return None;
        }
        let en = self.en();
        let year = self.ranking.year;
        let n = self.imputed().iter().filter(|i| i.year == year).count();
        let mut parts = Vec::new();
        if n > 0 {
            parts.push(if en {
                format!("* has imputed values ({n} in {year}; see --format json \"imputed\")")
            } else {
                format!("* có giá trị được ước tính ({n} giá trị năm {year}; xem --format json \"imputed\")")
            });
        }
        if let Some(c) = self.ranking.compare_year {
            let m = self.shown_compare_imputed();
            if m > 0 {
                parts.push(if en {
                    format!("a change marked * starts from imputed values ({m} in {c})")
                } else {
                    format!("thay đổi có dấu * tính từ giá trị ước tính ({m} giá trị năm {c})")
                });
            }
        }
        let treated: Vec<String> = self
            .treated()
            .iter()
            .filter(|t| t.year == year)
            .map(|t| format!("{} ({}, {})", self.tree.nodes[t.node].id, t.method, points(t.points, en)))
            .collect();
        if !treated.is_empty() {
            let head = if en { "outliers treated" } else { "xử lý giá trị ngoại lai" };
            parts.push(format!("{head}: {}", treated.join(", ")));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }

    /// The footer's count of imputed and treated values in the ranked year.
    pub(crate) fn prep_footer(&self) -> Option<String> {
        if !self.prepares() {
            return None;
        }
        let year = self.ranking.year;
        let n = self.imputed().iter().filter(|i| i.year == year).count();
        let t = self.treated().iter().filter(|t| t.year == year).count();
        Some(if self.en() {
            format!("imputed values: {n}; indicators treated: {t}")
        } else {
            format!("giá trị ước tính: {n}; chỉ tiêu xử lý ngoại lai: {t}")
        })
    }

    /// JSON `"imputed"`: `{unit, year, indicator, value, method}` by year, unit, indicator.
    pub(crate) fn imputed_json(&self) -> Value {
        self.imputed_json_of(&[Some(self.ranking.year), self.ranking.compare_year])
    }

    /// JSON `"imputed"` of the given years (a long table lists every year's once).
    pub(crate) fn imputed_json_of(&self, years: &[Option<i32>]) -> Value {
        Value::Array(
            self.imputed_of_years(years)
                .iter()
                .map(|i| {
                    json!({
                        "unit": self.units[i.unit].name,
                        "year": i.year,
                        "indicator": self.tree.nodes[self.indicators[i.k]].id,
                        "value": i.value,
                        "method": i.method,
                    })
                })
                .collect(),
        )
    }

    /// JSON `"treated"`: `{indicator, year, method, points, units, values}`, `values` being
    /// every changed point `{unit, from, to}` (from: after denomination and imputation).
    pub(crate) fn treated_json(&self) -> Value {
        self.treated_json_of(&[Some(self.ranking.year), self.ranking.compare_year])
    }

    /// JSON `"treated"` of the given years.
    pub(crate) fn treated_json_of(&self, years: &[Option<i32>]) -> Value {
        let Some(p) = self.prep else { return Value::Array(Vec::new()) };
        Value::Array(
            p.treated
                .iter()
                .filter(|t| years.contains(&Some(t.year)))
                .map(|t| {
                    json!({
                        "indicator": self.tree.nodes[t.node].id,
                        "year": t.year,
                        "method": t.method,
                        "points": t.points,
                        "units": t.units.iter().map(|&u| self.units[u].name.clone()).collect::<Vec<_>>(),
                        "values": t.values.iter().map(|&(u, from, to)| json!({"unit": self.units[u].name, "from": from, "to": to})).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        )
    }
}

pub(super) fn points(n: usize, en: bool) -> String {
    match (n, en) {
        (1, true) => "1 point".into(),
        (n, true) => format!("{n} points"),
        (n, false) => format!("{n} điểm"),
    }
}
