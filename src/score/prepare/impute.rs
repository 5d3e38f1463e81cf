//! Filling missing values of one indicator, as COINr's imputation functions do (`R/impute.R`):
//! `i_mean` / `i_median` over the year's units, `i_mean_grp` / `i_median_grp` over the unit's
//! group that year, and `impute_panel` across years ("latest" = `locf`, "linear"). Every value
//! put in is computed from the *observed* values only, never from another imputed one
//! (`impute_panel` reads back from the un-imputed data). Pure maths over plain columns.

use crate::model::Year;
use crate::model::prepare::Impute;

/// One year of one indicator: the year, and each unit's (label in the group column, value).
pub struct YearColumn<'a> {
    pub year: Year,
    pub values: &'a [Option<f64>],
    /// The unit's group (same order as `values`); empty for methods without groups.
    pub groups: &'a [Option<String>],
}

/// The mean of the values (COINr `mean(x, na.rm = TRUE)`).
fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

/// The median: the middle value, or the mean of the two middle ones (R's `median`).
fn median(v: &[f64]) -> Option<f64> {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(s[n / 2]),
        _ => Some((s[n / 2 - 1] + s[n / 2]) / 2.0),
    }
}

/// The value each missing cell of one year takes (`None`: stays missing), by position.
#[must_use]
pub fn within_year(how: &Impute, col: &YearColumn<'_>) -> Vec<Option<f64>> {
    let present: Vec<f64> = col.values.iter().flatten().copied().collect();
    let of_group = |g: &Option<String>| -> Vec<f64> {
        col.values.iter().zip(col.groups).filter(|(_, h)| g.is_some() && *h == g).filter_map(|(v, _)| *v).collect()
    };
    col.values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if v.is_some() {
                return None;
            }
            match how {
                Impute::Mean => mean(&present),
                Impute::Median => median(&present),
                // A unit with no group label is left alone (`i_mean_grp`'s skip_f_na = TRUE).
                Impute::GroupMean(_) => col.groups.get(i).and_then(|g| mean(&of_group(g))),
                Impute::GroupMedian(_) => col.groups.get(i).and_then(|g| median(&of_group(g))),
                _ => None,
            }
        })
        .collect()
}

/// The value a missing cell of one unit takes from the unit's own series (`series`: its
/// observed (year, value) pairs, ascending): `locf` the latest earlier value at most
/// `max_years` old; `linear` the straight line between the nearest values before and after,
/// both at most `max_years` away, or at either end of the series the nearest value (COINr's
/// `approx(..., rule = 2)`), again at most `max_years` away. `max_years` counts calendar years.
#[must_use]
pub fn across_years(how: &Impute, series: &[(Year, f64)], year: Year) -> Option<f64> {
    let near = |max: Option<u32>, y: Year| max.is_none_or(|m| (y - year).unsigned_abs() <= m);
    let before = series.iter().rev().find(|(y, _)| *y < year).copied();
    let after = series.iter().find(|(y, _)| *y > year).copied();
    match *how {
        Impute::Locf(max) => before.filter(|(y, _)| near(max, *y)).map(|(_, v)| v),
        Impute::Linear(max) => match (before, after) {
            (Some((a, va)), Some((b, vb))) if near(max, a) && near(max, b) => {
                Some(va + (vb - va) * f64::from(year - a) / f64::from(b - a))
            }
            (Some((a, va)), None) if near(max, a) => Some(va),
            (None, Some((b, vb))) if near(max, b) => Some(vb),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
    }

    #[test]
    fn locf_stops_at_max_years() {
        let s = [(2019, 1.0), (2021, 3.0)];
        assert_eq!(across_years(&Impute::Locf(Some(1)), &s, 2022), Some(3.0));
        assert_eq!(across_years(&Impute::Locf(Some(1)), &s, 2023), None);
        assert_eq!(across_years(&Impute::Locf(None), &s, 2030), Some(3.0));
    }

    #[test]
    fn linear_interpolates_and_holds_the_ends() {
        let s = [(2019, 1.0), (2022, 4.0)];
        assert_eq!(across_years(&Impute::Linear(Some(2)), &s, 2020), Some(2.0));
        assert_eq!(across_years(&Impute::Linear(Some(2)), &s, 2021), Some(3.0));
        assert_eq!(across_years(&Impute::Linear(Some(1)), &s, 2020), None);
        assert_eq!(across_years(&Impute::Linear(Some(1)), &s, 2023), Some(4.0));
        assert_eq!(across_years(&Impute::Linear(Some(1)), &s, 2018), Some(1.0));
    }
}
