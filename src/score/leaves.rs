//! The indicators of one year of the panel as `aggregate` reads them: each one's statistics
//! worked out once (most methods' from passes over the year's rows, every column at once; the
//! rest from their gathered values, on both cores when asked), and its normalised values made
//! for a run of units where a parent reads them, never held for the whole year. No policy of
//! its own: `normalise` computes, `aggregate` decides.

use super::{aggregate, normalise};
use crate::error::Diagnostic;
use crate::model::panel::Panel;
use crate::model::tree::{IndicatorTree, NodeId, Normalize};

/// Indicators whose values are gathered together: neighbours in a row share its cache lines,
/// and a few columns of a year are little memory (4 × 80 KB at 10,000 units).
const GATHER: usize = 4;

/// The indicators of one year of a panel, normalised where they are read.
pub(super) struct PanelLeaves<'a> {
    pub(super) tree: &'a IndicatorTree,
    pub(super) panel: &'a Panel,
    pub(super) y: usize,
    pub(super) k_of: &'a [usize],
    /// Per indicator of `Panel::indicators`: prepared yet, and its statistics.
    pub(super) prepared: Vec<bool>,
    pub(super) stats: Vec<Option<normalise::Stats>>,
}

impl aggregate::Leaves for PanelLeaves<'_> {
    fn prepare(&mut self, node: NodeId, diags: &mut Vec<Diagnostic>) {
        let k = self.k_of[node];
        if !self.prepared[k] {
            self.prepared[k] = true;
            self.stats[k] = normalise::prepare(self.tree, self.panel, self.y, k, diags);
        }
    }

    fn prepare_all(&mut self, nodes: &[NodeId], two_threads: bool) -> Vec<Vec<Diagnostic>> {
        let mut found: Vec<Vec<Diagnostic>> = nodes.iter().map(|_| Vec::new()).collect();
        // Each indicator once, where it is first read.
        let mut todo = Vec::new();
        for (i, &node) in nodes.iter().enumerate() {
            let k = self.k_of[node];
            if !std::mem::replace(&mut self.prepared[k], true) {
                todo.push((i, k));
            }
        }
        let (tree, panel, y) = (self.tree, self.panel, self.y);
        // Most methods' statistics from passes over the rows, every column at once; the
        // others (and a column that may overflow) gather their values below.
        let swept = |k: usize| tree.nodes[panel.indicators[k]].indicator().filter(|i| normalise::by_sweep(i));
        if todo.iter().any(|&(_, k)| swept(k).is_some()) {
            let signs: Vec<f64> = (0..panel.indicators.len()).map(|k| swept(k).map_or(1.0, normalise::sign)).collect();
            let squares =
                todo.iter().any(|&(_, k)| swept(k).is_some_and(|i| matches!(i.normalize, Normalize::ZScore(_))));
            let columns = normalise::sweep(&panel.years[y], &signs, squares);
            todo.retain(|&(i, k)| {
                if swept(k).is_none() {
                    return true;
                }
                match normalise::prepare_from_sweep(tree, panel, y, k, &columns[k], &mut found[i]) {
                    Some(stats) => {
                        self.stats[k] = stats;
                        false
                    }
                    None => true,
                }
            });
        }
        // A few indicators' values gathered at a time, in one pass over the year's rows.
        let work = |part: &[(usize, usize)]| -> Vec<(Option<normalise::Stats>, Vec<Diagnostic>)> {
            part.chunks(GATHER)
                .flat_map(|group| {
                    let ks: Vec<usize> = group.iter().map(|&(_, k)| k).collect();
                    let values = panel.years[y].present(&ks);
                    ks.into_iter().zip(values).map(|(k, vals)| {
                        let mut d = Vec::new();
                        (normalise::prepare_from(tree, panel, y, k, &vals, &mut d), d)
                    })
                })
                .collect()
        };
        let (low, high) = todo.split_at(if two_threads { todo.len() / 2 } else { todo.len() });
        let done = if high.is_empty() {
            work(low)
        } else {
            std::thread::scope(|s| {
                let other = s.spawn(|| work(high));
                let mut done = work(low);
                done.extend(other.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
                done
            })
        };
        for (&(i, k), (stats, d)) in todo.iter().zip(done) {
            self.stats[k] = stats;
            found[i] = d;
        }
        found
    }

    fn column(&self, node: NodeId, units: std::ops::Range<usize>, out: &mut Vec<Option<f64>>) {
        let k = self.k_of[node];
        let yd = &self.panel.years[self.y];
        out.clear();
        match (self.tree.nodes[node].indicator(), self.stats[k].as_ref()) {
            (Some(ind), Some(st)) => normalise::apply_column(ind, st, units.map(|u| yd.get(u, k)), out),
            _ => out.resize(units.len(), None),
        }
    }
}
