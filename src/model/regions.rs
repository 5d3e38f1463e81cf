//! The socio-economic region of each province (`data/units/regions.csv`, compiled in): the six
//! regions of the General Statistics Office's grouping for the 63 provinces, and the six regions
//! of Nghị quyết 306/NQ-CP (2025) for the 34 units after the merger. Pure: the CSV is embedded
//! with `include_str!`; which basis a name is on is the caller's to say, since a name such as
//! `Thanh Hóa` is both an old province and a new unit, in regions of different names.

const REGIONS_CSV: &str = include_str!("../../data/units/regions.csv");

/// The unit set a region table is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionBasis {
    /// The 63 provinces (before 1 July 2025).
    Provinces63,
    /// The 34 units of the 2025 merger.
    Units34,
}

/// `(unit, region)` of one basis, in the file's order.
#[must_use]
pub fn regions(basis: RegionBasis) -> Vec<(String, String)> {
    let tag = match basis {
        RegionBasis::Provinces63 => "63",
        RegionBasis::Units34 => "34",
    };
    let mut rdr = csv::Reader::from_reader(REGIONS_CSV.as_bytes());
    rdr.records()
        .flatten()
        .filter(|r| r.get(0) == Some(tag))
        .map(|r| (r.get(2).unwrap_or("").to_string(), r.get(3).unwrap_or("").to_string()))
        .collect()
}

/// The region of a unit, by its official name (as the registry spells it), on `basis`.
#[must_use]
pub fn region_of(basis: RegionBasis, unit: &str) -> Option<String> {
    regions(basis).into_iter().find(|(u, _)| u == unit).map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn counts(basis: RegionBasis) -> BTreeMap<String, usize> {
        let mut c = BTreeMap::new();
        for (_, r) in regions(basis) {
            *c.entry(r).or_insert(0) += 1;
        }
        c
    }

    #[test]
    fn gso_six_regions_of_the_63_provinces() {
        // GSO's grouping (Statistical Yearbook; Nghị quyết 81/2023/QH15): 14/11/14/5/6/13.
        let c = counts(RegionBasis::Provinces63);
        let want = [
            ("Trung du và miền núi phía Bắc", 14),
            ("Đồng bằng sông Hồng", 11),
            ("Bắc Trung Bộ và duyên hải miền Trung", 14),
            ("Tây Nguyên", 5),
            ("Đông Nam Bộ", 6),
            ("Đồng bằng sông Cửu Long", 13),
        ];
        assert_eq!(c.len(), 6);
        for (r, n) in want {
            assert_eq!(c.get(r), Some(&n), "{r}");
        }
        // Every registry province has exactly one region.
        let provinces = crate::model::registry::provinces();
        assert_eq!(regions(RegionBasis::Provinces63).len(), 63);
        for p in &provinces {
            assert!(region_of(RegionBasis::Provinces63, &p.name).is_some(), "{}", p.name);
        }
        let named = [
            ("Quảng Ninh", "Đồng bằng sông Hồng"),
            ("Bắc Giang", "Trung du và miền núi phía Bắc"),
            ("Thanh Hóa", "Bắc Trung Bộ và duyên hải miền Trung"),
            ("Bình Thuận", "Bắc Trung Bộ và duyên hải miền Trung"),
            ("Lâm Đồng", "Tây Nguyên"),
            ("Bình Phước", "Đông Nam Bộ"),
            ("Long An", "Đồng bằng sông Cửu Long"),
        ];
        for (u, r) in named {
            assert_eq!(region_of(RegionBasis::Provinces63, u).as_deref(), Some(r), "{u}");
        }
    }

    #[test]
    fn regions_of_the_34_units_of_2025() {
        // Nghị quyết 306/NQ-CP (5 October 2025): 9/6/5/6/3/5.
        let c = counts(RegionBasis::Units34);
        let want = [
            ("Trung du và miền núi phía Bắc", 9),
            ("Đồng bằng sông Hồng", 6),
            ("Bắc Trung Bộ", 5),
            ("Duyên hải Nam Trung Bộ và Tây Nguyên", 6),
            ("Đông Nam Bộ", 3),
            ("Đồng bằng sông Cửu Long", 5),
        ];
        assert_eq!(c.len(), 6);
        for (r, n) in want {
            assert_eq!(c.get(r), Some(&n), "{r}");
        }
        // Every unit of the merger has one.
        for p in crate::model::registry::provinces() {
            assert!(region_of(RegionBasis::Units34, &p.merged_into).is_some(), "{}", p.merged_into);
        }
        assert_eq!(region_of(RegionBasis::Units34, "Tây Ninh").as_deref(), Some("Đông Nam Bộ"));
        assert_eq!(region_of(RegionBasis::Units34, "Gia Lai").as_deref(), Some("Duyên hải Nam Trung Bộ và Tây Nguyên"));
        assert_eq!(region_of(RegionBasis::Units34, "Huế").as_deref(), Some("Bắc Trung Bộ"));
    }
}
