//! What `explain` and the report page say of imputed and treated values (product.md §7): a
//! `*` after an imputed raw value, a `†` after a treated one, and the footnote saying how.

use super::ExplainView;
use crate::model::tree::NodeId;

impl ExplainView<'_> {
    fn slot(&self, node: NodeId) -> Option<usize> {
        self.indicators.iter().position(|&n| n == node)
    }

    /// How the unit's value of indicator `node` was imputed this year, if it was.
    pub(crate) fn imputed_method(&self, node: NodeId) -> Option<&'static str> {
        let (p, k) = (self.prep?, self.slot(node)?);
        let (unit, year) = (self.ex.unit, self.ex.year);
        p.imputed_of(unit, year).iter().find(|i| i.k == k).map(|i| i.method)
    }

    /// How treatment changed the unit's value of `node` this year, if it did.
    pub(crate) fn treated_method(&self, node: NodeId) -> Option<&'static str> {
        let (p, k) = (self.prep?, self.slot(node)?);
        p.treated_value(self.ex.unit, self.ex.year, k).map(|(t, _)| t.method)
    }

    /// The unit's value of `node` before treatment (after denomination and imputation), when
    /// treatment changed it: shown beside the `†` value.
    pub(crate) fn treated_from(&self, node: NodeId) -> Option<f64> {
        let (p, k) = (self.prep?, self.slot(node)?);
        p.treated_value(self.ex.unit, self.ex.year, k).map(|(_, from)| from)
    }

    /// `*` for an imputed value, `†` for a treated one (both: `*†`).
    pub(crate) fn mark(&self, node: NodeId) -> String {
        let mut s = String::new();
        if self.imputed_method(node).is_some() {
            s.push('*');
        }
        if self.treated_method(node).is_some() {
            s.push('†');
        }
        s
    }

    /// The footnote for the marks shown, or `None` when nothing is marked.
    pub(crate) fn prep_note(&self) -> Option<String> {
        let en = self.en();
        let mut parts = Vec::new();
        let mut imputed: Vec<String> = Vec::new();
        let mut treated: Vec<String> = Vec::new();
        for l in &self.ex.indicators {
            let id = &self.tree.nodes[l.node].id;
            if let Some(m) = self.imputed_method(l.node) {
                imputed.push(format!("{id} ({m})"));
            }
            if let Some(m) = self.treated_method(l.node) {
                treated.push(format!("{id} ({m})"));
            }
        }
        if !imputed.is_empty() {
            let head = if en { "* imputed" } else { "* giá trị ước tính" };
            parts.push(format!("{head}: {}", imputed.join(", ")));
        }
        if !treated.is_empty() {
            let head = if en { "† outlier treated" } else { "† đã xử lý ngoại lai" };
            parts.push(format!("{head}: {}", treated.join(", ")));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}
