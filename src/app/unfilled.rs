//! The warnings for values imputation could not fill (product.md §7: nothing silently): one
//! per indicator and year, from the records `score::prepare` keeps. Words only; no maths.

use crate::error::Diagnostic;
use crate::model::prepare::PrepLog;
use crate::model::tree::IndicatorTree;

/// One warning per indicator and year whose missing values imputation could not fill
/// (product.md §7: nothing silently), shown by `validate` and every command that scores.
pub(super) fn warnings(tree: &IndicatorTree, prep: &PrepLog) -> Vec<Diagnostic> {
    prep.unfilled
        .iter()
        .map(|u| {
            let what = if u.count == 1 { "1 value".to_string() } else { format!("{} values", u.count) };
            Diagnostic::warning(format!(
                "{what} of `{}` in {} could not be imputed ({})",
                tree.nodes[u.node].id, u.year, u.why
            ))
            .help("they stay missing, and the composite's `missing` policy applies")
        })
        .collect()
}
