//! Which data column is which: the unit, year and code columns under the spec's names or
//! their usual Vietnamese and English headers, and each indicator under its `column`, id,
//! `name` or `name_en`, compared by `load::header_keys` (case, spacing, line breaks, a
//! trailing `(unit)` and the upper half of a two-row header do not matter; nor, failing an
//! exact match, the placement of a tone mark or `i`/`y`: `spelling`).

use super::spelling::spelling_key;
use crate::load::{HeaderHint, header_key, header_keys};
use crate::model::tree::IndicatorTree;

/// Headers that name the unit column in the tables people make.
const UNIT_HEADERS: &[&str] = &[
    "tỉnh/thành phố",
    "tỉnh, thành phố",
    "tỉnh/thành phố trực thuộc trung ương",
    "tỉnh/tp",
    "tỉnh, tp",
    "tỉnh",
    "tên tỉnh",
    "địa phương",
    "đơn vị",
    "tên đơn vị",
    "province",
    "unit",
];
/// Headers that name the year column.
const YEAR_HEADERS: &[&str] = &["năm", "year"];

/// The names the unit column may have, the spec's first.
pub(super) fn unit_names(tree: &IndicatorTree) -> Vec<&str> {
    std::iter::once(tree.info.unit_column.as_str()).chain(UNIT_HEADERS.iter().copied()).collect()
}

/// The names the year column may have, the spec's first.
pub(super) fn year_names(tree: &IndicatorTree) -> Vec<&str> {
    std::iter::once(tree.info.year_column.as_str()).chain(YEAR_HEADERS.iter().copied()).collect()
}

/// The names indicator node `node`'s column may have: its `column` first.
pub(super) fn indicator_names(tree: &IndicatorTree, node: usize) -> Vec<&str> {
    let n = &tree.nodes[node];
    let column = n.indicator().map(|i| i.column.as_str());
    column.into_iter().chain([n.id.as_str(), n.name.as_str()]).chain(n.name_en.as_deref()).collect()
}

/// The first of `names` (in order) that a header answers to, and that header's index; failing
/// that, the first a header answers to in another accepted spelling (`tỉ lệ` for `tỷ lệ`,
/// `sức khỏe` for `sức khoẻ`: `spelling_key`).
pub(super) fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    Headers::new(headers).find(names)
}

/// A table's headers as `find` compares them, worked out once for all the columns looked up
/// in it (a hundred indicators, each keying a hundred headers again, took 20 M instructions).
pub(super) struct Headers {
    keyed: Vec<Vec<String>>,
    /// The same in `spelling_key`'s spelling, made when first needed.
    spelled: std::cell::OnceCell<Vec<Vec<String>>>,
}

impl Headers {
    pub(super) fn new(headers: &[String]) -> Self {
        Headers { keyed: headers.iter().map(|h| header_keys(h)).collect(), spelled: std::cell::OnceCell::new() }
    }

    /// As the function `find`.
    pub(super) fn find(&self, names: &[&str]) -> Option<usize> {
        let keyed = &self.keyed;
        names.iter().map(|n| header_key(n)).find_map(|k| keyed.iter().position(|keys| keys.contains(&k))).or_else(
            || {
                let spelled = self
                    .spelled
                    .get_or_init(|| keyed.iter().map(|ks| ks.iter().map(|k| spelling_key(k)).collect()).collect());
                names
                    .iter()
                    .map(|n| spelling_key(&header_key(n)))
                    .find_map(|k| spelled.iter().position(|keys| keys.contains(&k)))
            },
        )
    }
}

/// What the header row of a data table holds, for finding it below title rows.
#[must_use]
pub fn header_hint(tree: &IndicatorTree, row: Option<usize>) -> HeaderHint {
    let keys = |names: Vec<&str>| names.into_iter().map(header_key).collect::<Vec<_>>();
    let year = keys(year_names(tree));
    let mut known = year.clone();
    known.extend(keys(vec![tree.info.code_column.as_str(), "indicator", "value"]));
    known.extend(keys(tree.info.groups.iter().map(String::as_str).collect()));
    for k in tree.indicators() {
        known.extend(keys(indicator_names(tree, k)));
    }
    HeaderHint { row: row.or(tree.info.header_row), unit: keys(unit_names(tree)), known, year }
}
