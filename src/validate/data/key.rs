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
use std::hash::{BuildHasher, Hash};

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
        // A unit met before (in an earlier year's row) is found by its key, not a copy of it.
        let registry = self.matcher.is_some();
        let key = Key::of(&unit, registry);
        if let Some(id) = self.unit_ids.find(key, |id| Key::of(&self.units[id], registry) == key) {
            return Some((id, year));
        }
        let id = self.units.len();
        self.unit_ids.insert(key, id);
        self.units.push(unit);
        Some((id, year))
    }
}

/// What tells units apart: with a code column (and no registry naming the units) the code,
/// since five districts may be called Châu Thành; else the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Name(&'a str),
    Code(&'a str),
}

impl<'a> Key<'a> {
    fn of(unit: &'a Unit, registry: bool) -> Self {
        match (registry, &unit.code) {
            (false, Some(code)) => Key::Code(code),
            _ => Key::Name(&unit.name),
        }
    }
}

/// The units met so far by their key, holding no copy of it: the key's hash leads to a unit,
/// whose own key is compared. At commune scale a `HashMap<String, _>` of every name took about
/// 0.6 MB of a ranking's 18.5 MB peak.
#[derive(Debug, Default)]
pub(super) struct UnitIndex<S = RandomState> {
    hasher: S,
    by_hash: HashMap<u64, UnitId>,
    /// Units whose key's hash an earlier key already has (astronomically rare; kept correct).
    collided: Vec<(u64, UnitId)>,
}

impl<S: BuildHasher> UnitIndex<S> {
    /// The unit keyed `key`; `is` tells whether a unit's key is `key`.
    fn find(&self, key: impl Hash, is: impl Fn(UnitId) -> bool) -> Option<UnitId> {
        let h = self.hasher.hash_one(key);
        let &id = self.by_hash.get(&h)?;
        if is(id) {
            return Some(id);
        }
        self.collided.iter().find(|&&(c, id)| c == h && is(id)).map(|&(_, id)| id)
    }

    /// Notes unit `id`, keyed `key` (not keyed yet).
    fn insert(&mut self, key: impl Hash, id: UnitId) {
        let h = self.hasher.hash_one(key);
        match self.by_hash.entry(h) {
            Entry::Vacant(e) => {
                e.insert(id);
            }
            Entry::Occupied(_) => self.collided.push((h, id)),
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

    /// Notes five units, each not found before it is noted, then finds every one, and not a
    /// sixth, with the hashes `S` gives.
    fn finds_every_unit<S: std::hash::BuildHasher + Default>() {
        let names = ["Châu Thành", "80001", "Hà Nội", "Hà Nội ", ""];
        let mut index = UnitIndex::<S>::default();
        for (id, name) in names.iter().enumerate() {
            assert_eq!(index.find(name, |u| names[u] == *name), None, "{name:?} before it is noted");
            index.insert(name, id);
        }
        for (id, name) in names.iter().enumerate() {
            assert_eq!(index.find(name, |u| names[u] == *name), Some(id), "{name:?}");
        }
        assert_eq!(index.find("Huế", |u| names[u] == "Huế"), None);
    }

    #[test]
    fn units_are_found_by_their_key_even_when_every_hash_collides() {
        finds_every_unit::<BuildHasherDefault<Same>>();
        finds_every_unit::<std::collections::hash_map::RandomState>();
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
