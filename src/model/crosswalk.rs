//! `Crosswalk`: which new unit each old unit joined (the 2025 merger of 63 provinces into 34
//! units, or any map a user supplies). Pure data; built by `validate` from the registry or a
//! `from,to` table.

use super::registry::Province;
use std::collections::BTreeMap;

/// Old unit → new unit, by name.
#[derive(Debug, Clone, Default)]
pub struct Crosswalk {
    to: BTreeMap<String, String>,
}

impl Crosswalk {
    /// A crosswalk from `(from, to)` pairs.
    #[must_use]
    pub fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        Self { to: pairs.into_iter().collect() }
    }

    /// The 2025 merger from the province registry: each province's `merged_into`.
    #[must_use]
    pub fn vn_2025(provinces: &[Province]) -> Self {
        Self::new(provinces.iter().map(|p| (p.name.clone(), p.merged_into.clone())))
    }

    /// The new unit of a unit: its mapped target, or itself when it already is a new unit.
    #[must_use]
    pub fn target<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        self.to.get(name).map(String::as_str).or_else(|| self.is_target(name).then_some(name))
    }

    fn is_target(&self, name: &str) -> bool {
        self.to.values().any(|t| t == name)
    }

    /// The new units, sorted by name.
    #[must_use]
    pub fn targets(&self) -> Vec<&str> {
        let mut t: Vec<&str> = self.to.values().map(String::as_str).collect();
        t.sort_unstable();
        t.dedup();
        t
    }

    /// The old units that joined `target`.
    #[must_use]
    pub fn members(&self, target: &str) -> Vec<&str> {
        self.to.iter().filter(|(_, t)| *t == target).map(|(f, _)| f.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::registry::provinces;

    #[test]
    fn the_2025_merger_has_34_units() {
        let cw = Crosswalk::vn_2025(&provinces());
        assert_eq!(cw.targets().len(), 34);
        assert_eq!(cw.target("Yên Bái"), Some("Lào Cai"));
        assert_eq!(cw.target("Thừa Thiên Huế"), Some("Huế"));
        assert_eq!(cw.target("Huế"), Some("Huế"));
        let mut hcm = cw.members("TP. Hồ Chí Minh");
        hcm.sort_unstable();
        assert_eq!(hcm, vec!["Bà Rịa - Vũng Tàu", "Bình Dương", "TP. Hồ Chí Minh"]);
        assert_eq!(cw.target("Atlantis"), None);
    }
}
