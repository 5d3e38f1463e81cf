//! Long tables (a row per unit, year and indicator, with `indicator` and `value` columns):
//! each row's value put in its unit-year's slot, a denominator's rows kept apart, an unknown
//! indicator or a value given twice named at its row.

use super::super::value::cell_text;
use super::wide::column_styles;
use super::{Builder, DataOptions, denominate};
use crate::error::Diagnostic;
use crate::load::RawTable;
use crate::model::Year;
use crate::model::panel::UnitId;
use crate::model::registry::closest;
use std::collections::{BTreeMap, HashMap};

impl Builder<'_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn long_rows(
        &mut self,
        t: &RawTable,
        unit_col: usize,
        year_col: Option<usize>,
        code_col: Option<usize>,
        ic: usize,
        vc: usize,
        opts: &DataOptions,
    ) {
        let style = column_styles(t, &[vc])[0];
        let indicators = self.tree.indicators();
        // (unit, year) → (first row, values)
        let mut by_key = BTreeMap::<(UnitId, Year), (usize, Vec<f64>)>::new();
        let mut seen: HashMap<(UnitId, Year, usize), usize> = HashMap::new();
        let mut dens = denominate::LongDenominators::new();
        let den_names: Vec<String> = indicators
            .iter()
            .filter_map(|&n| self.tree.nodes[n].indicator().and_then(|i| i.denominator.clone()))
            .collect();
        for (r, row) in t.data_rows_of(opts.only_years.as_ref()) {
            if opts.skips(t, r) {
                continue;
            }
            let Some((unit, year)) = self.key(t, r, &row, unit_col, year_col, code_col, opts) else { continue };
            self.group_labels(t, r, &row, unit);
            let name = cell_text(row.get(ic));
            let k = indicators.iter().position(|&n| {
                let node = &self.tree.nodes[n];
                node.id == name || node.indicator().is_some_and(|i| i.column == name)
            });
            if k.is_none() && den_names.contains(&name) {
                dens.insert((unit, year, name), (r, denominate::number(row.get(vc), style)));
                continue;
            }
            let Some(k) = k else {
                let ids: Vec<&str> = indicators.iter().map(|&n| self.tree.nodes[n].id.as_str()).collect();
                let help = closest(&name, ids.iter().copied()).map_or_else(
                    || format!("known indicators: {}", ids.join(", ")),
                    |s| format!("did you mean `{s}`?"),
                );
                self.diags
                    .push(Diagnostic::error(format!("unknown indicator `{name}`")).at(t.place(r, Some(ic))).help(help));
                continue;
            };
            if let Some(first) = seen.insert((unit, year, k), r) {
                self.diags.push(
                    Diagnostic::error(format!("`{}` is given twice for {} in {year}", name, self.units[unit].name))
                        .at(t.place(r, Some(vc)))
                        .help(format!("the first is at {}", t.place(first, Some(vc)))),
                );
                continue;
            }
            let v = self.value(t, r, vc, row.get(vc), (k, indicators[k]), style, opts.strict);
            by_key.entry((unit, year)).or_insert_with(|| (r, vec![f64::NAN; indicators.len()])).1[k] =
                v.unwrap_or(f64::NAN);
        }
        for ((unit, year), (r, mut values)) in by_key {
            self.denominate_long(t, (r, vc), (unit, year), &dens, &mut values);
            self.insert(t, r, unit, year, &values);
        }
    }
}
