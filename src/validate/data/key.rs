//! The unit and year of a data row: the year column, the file or sheet name, or `--year`; the
//! unit matched against the registry (with a suggestion) or taken as written.

use super::super::value::cell_text;
use super::Builder;
use crate::error::Diagnostic;
use crate::load::{Cell, RawTable, Row};
use crate::model::Year;
use crate::model::panel::{Unit, UnitId};
use crate::model::registry::clean_name;

use super::DataOptions;
use std::collections::HashMap;
use std::collections::hash_map::{Entry, RandomState};
use std::hash::BuildHasher;

impl Builder<'_> {
    /// The unit and year of a row, or `None` after reporting why not.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn key(
        &mut self,
        t: &RawTable,
        r: usize,
        row: &Row<'_>,
        unit_col: usize,
        year_col: Option<usize>,
        code_col: Option<usize>,
        opts: &DataOptions,
    ) -> Option<(UnitId, Year)> {
        let typed = match row.get(unit_col) {
            Cell::Text(s) => clean_name(s.trim()),
            other => clean_name(&cell_text(other)),
        };
        if is_summary(&typed) {
            self.summaries.0 += 1;
            self.summaries.1.get_or_insert((r, typed));
            return None;
        }
        let year = match year_col {
            Some(c) => match row.get(c) {
                Cell::Number(n) if n.fract() == 0.0 && (1900.0..=2100.0).contains(&n) => Some(n as Year),
                Cell::Text(s) if s.trim().parse::<Year>().is_ok_and(|y| (1900..=2100).contains(&y)) => {
                    s.trim().parse().ok()
                }
                Cell::Empty => t.year_hint.or(opts.year),
                other => {
                    self.diags.push(
                        Diagnostic::error(format!("`{}` is not a year", cell_text(other)))
                            .at(t.place(r, Some(c)))
                            .help("write the year as a number such as 2023"),
                    );
                    return None;
                }
            },
            None => t.year_hint.or(opts.year),
        };
        let Some(year) = year else {
            self.diags.push(
                Diagnostic::error("this row has no year").at(t.place(r, year_col)).help("fill in the year column"),
            );
            return None;
        };
        if typed.is_empty() {
            self.diags.push(
                Diagnostic::error("this row has no unit name")
                    .at(t.place(r, Some(unit_col)))
                    .help("fill in the unit name or delete the row"),
            );
            return None;
        }
        let unit = match &self.matcher {
            Some(m) => match m.find(&typed) {
                Some(p) => Unit { name: p.name.clone(), code: Some(p.code.clone()) },
                // A region's row (`Vùng Tây Nguyên`) sums up its provinces, as `Cả nước` does.
                None if is_region(&typed) => {
                    self.summaries.0 += 1;
                    self.summaries.1.get_or_insert((r, typed));
                    return None;
                }
                None => {
                    let help = m.suggest(&typed).map_or_else(
                        || "use one of the 63 official province names (see data/units/provinces.csv)".to_string(),
                        |s| format!("did you mean `{s}`?"),
                    );
                    self.diags.push(
                        Diagnostic::error(format!("unknown province `{typed}`"))
                            .at(t.place(r, Some(unit_col)))
                            .help(help),
                    );
                    return None;
                }
            },
            None => Unit {
                name: typed,
                code: code_col.map(|c| clean_name(&cell_text(row.get(c)))).filter(|c| !c.is_empty()),
            },
        };
        // With a code column, the code is the key: five districts may be called Châu Thành.
        let coded = match (&self.matcher, &unit.code) {
            (None, Some(code)) => Some(format!("code\u{0}{code}")),
            _ => None,
        };
        let key = coded.as_deref().unwrap_or(&unit.name);
        // A unit met before (in an earlier year's row) is found without a copy of its key.
        let registry = self.matcher.is_some();
        if let Some(id) = self.unit_ids.find(key, |id| key_of(&self.units[id], registry, key)) {
            return Some((id, year));
        }
        let id = self.units.len();
        self.unit_ids.insert(key, id);
        self.units.push(unit);
        Some((id, year))
    }
}

/// Whether `unit`'s key is `key`: its code (`code\0…`) when the data has a code column and no
/// registry names the units, else its name; as `key` made it when the unit was first met.
fn key_of(unit: &Unit, registry: bool, key: &str) -> bool {
    match (registry, &unit.code) {
        (false, Some(code)) => key.strip_prefix("code\u{0}") == Some(code.as_str()),
        _ => key == unit.name,
    }
}

/// The units met so far by their key, without a second copy of it: the key's hash leads to a
/// unit, whose own name or code is the key to compare with. At commune scale a copy of every
/// name, and a table of `String`s, took about 0.6 MB of a ranking's 18.5 MB peak.
#[derive(Debug, Default)]
pub(super) struct UnitIndex<S = RandomState> {
    hasher: S,
    by_hash: HashMap<u64, UnitId>,
    /// Keys whose hash an earlier key already has (astronomically rare; kept correct).
    collided: HashMap<String, UnitId>,
}

impl<S: BuildHasher> UnitIndex<S> {
    /// The unit keyed `key`; `is` tells whether a unit's key is `key`.
    fn find(&self, key: &str, is: impl Fn(UnitId) -> bool) -> Option<UnitId> {
        let &id = self.by_hash.get(&self.hasher.hash_one(key))?;
        if is(id) { Some(id) } else { self.collided.get(key).copied() }
    }

    /// Notes unit `id`, keyed `key` (not keyed yet).
    fn insert(&mut self, key: &str, id: UnitId) {
        match self.by_hash.entry(self.hasher.hash_one(key)) {
            Entry::Vacant(e) => {
                e.insert(id);
            }
            Entry::Occupied(_) => {
                self.collided.insert(key.to_string(), id);
            }
        }
    }
}

/// Whether a unit cell names a summary row of a published table (`Cả nước`, `Tổng cộng`,
/// `Average`) rather than a unit.
fn is_summary(name: &str) -> bool {
    const SUMMARIES: &[&str] = &[
        "cả nước",
        "toàn quốc",
        "trung bình",
        "trung bình cả nước",
        "bình quân",
        "bình quân cả nước",
        "bình quân chung",
        "tổng",
        "tổng cộng",
        "tổng số",
        "cộng",
        "national",
        "national average",
        "average",
        "mean",
        "total",
        "all",
    ];
    // Every summary begins with one of these letters; most unit names (`Xã …`, `Hà Nội`)
    // are passed over without the full reading. (No other character lower-cases to them.)
    let first = name.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}').chars().next();
    if !first.is_some_and(|c| "ctbnamCTBNAM".contains(c)) {
        return false;
    }
    // `Cả nước (trung bình)`, `Cả nước*`: the name before a note in brackets or a mark.
    let k = crate::load::header_key(name);
    let bare = k.split(" (").next().unwrap_or(&k).trim_end_matches(['*', ':', '.']).trim();
    SUMMARIES.contains(&bare)
}

/// Whether a unit cell names a socio-economic region (with or without `Vùng`), on either
/// basis: a subtotal row of a provincial table, not a province.
fn is_region(name: &str) -> bool {
    use crate::model::regions::{RegionBasis, regions};
    let k = crate::load::header_key(name);
    let bare = k.strip_prefix("vùng ").unwrap_or(&k).trim_end_matches(['*', ':', '.']).trim();
    [RegionBasis::Provinces63, RegionBasis::Units34]
        .into_iter()
        .flat_map(regions)
        .any(|(_, region)| crate::load::header_key(&region) == bare)
}

#[cfg(test)]
mod tests {
    use super::UnitIndex;
    use std::hash::{BuildHasherDefault, Hasher};

    /// A hasher that gives every key the same hash: every key after the first collides.
    #[derive(Default)]
    struct Same;
    impl Hasher for Same {
        fn finish(&self) -> u64 {
            7
        }
        fn write(&mut self, _: &[u8]) {}
    }

    #[test]
    fn units_are_found_by_their_key_even_when_every_hash_collides() {
        let names = ["Châu Thành", "code\u{0}80001", "Hà Nội", "Hà Nội ", ""];
        let mut same = UnitIndex::<BuildHasherDefault<Same>>::default();
        let mut real = UnitIndex::<std::collections::hash_map::RandomState>::default();
        for (id, name) in names.iter().enumerate() {
            for index in [&mut same as &mut dyn Index, &mut real] {
                assert_eq!(index.find_in(name, &names), None, "{name:?} before it is noted");
                index.insert_key(name, id);
            }
        }
        for (id, name) in names.iter().enumerate() {
            assert_eq!(same.find(name, |u| names[u] == *name), Some(id), "{name:?}");
            assert_eq!(real.find(name, |u| names[u] == *name), Some(id), "{name:?}");
        }
        assert_eq!(same.find("Huế", |u| names[u] == "Huế"), None);
        assert_eq!(real.find("Huế", |u| names[u] == "Huế"), None);
    }

    /// Both indexes behind one face, for the loop above.
    trait Index {
        fn find_in(&self, key: &str, names: &[&str]) -> Option<usize>;
        fn insert_key(&mut self, key: &str, id: usize);
    }
    impl<S: std::hash::BuildHasher> Index for UnitIndex<S> {
        fn find_in(&self, key: &str, names: &[&str]) -> Option<usize> {
            self.find(key, |u| names[u] == key)
        }
        fn insert_key(&mut self, key: &str, id: usize) {
            self.insert(key, id);
        }
    }

    #[test]
    fn summary_rows_are_known() {
        for s in [
            "Cả nước",
            "CẢ NƯỚC",
            "Toàn quốc",
            "Trung bình",
            "Tổng cộng",
            "Average",
            "Total",
            "Bình quân chung",
            "Cả nước (trung bình)",
            "Cả nước*",
            " \u{feff}TỔNG SỐ",
            "MEAN",
            "national average",
        ] {
            assert!(super::is_summary(s), "{s}");
        }
        assert!(!super::is_summary("Hà Nội") && !super::is_summary("Xã Tổng") && !super::is_summary(""));
        assert!(super::is_region("Vùng Tây Nguyên") && super::is_region("Đồng bằng sông Cửu Long"));
        assert!(super::is_region("VÙNG ĐÔNG NAM BỘ") && !super::is_region("Tây Ninh"));
        assert!(!super::is_summary("Cà Mau"));
    }
}
