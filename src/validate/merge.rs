//! `[merge]` in the spec → `MergeSpec`, and a merge map read from a `from,to` table →
//! `Crosswalk`. With the province registry, `from`
//! names are matched like data names; `to` names are kept as written (they are the new units).

use super::cx::Cx;
use crate::error::{Diagnostic, Diagnostics};
use crate::load::{Cell, RawTable};
use crate::model::crosswalk::Crosswalk;
use crate::model::registry::closest;
use crate::model::registry::{Matcher, clean_name};
use crate::model::spec::RawMerge;
use crate::model::tree::UnitsKind;
use crate::model::tree::{IndexInfo, MergeMap, MergeSpec, NodeId};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

fn text(c: Cell<'_>) -> String {
    match c {
        Cell::Text(s) => clean_name(s),
        Cell::Number(n) => n.to_string(),
        _ => String::new(),
    }
}

/// Builds a crosswalk from a table with `from` and `to` columns.
///
/// # Errors
/// Every missing column, empty cell, unknown province and duplicate `from`.
pub fn crosswalk(t: &RawTable, units: UnitsKind) -> Result<Crosswalk, Diagnostics> {
    let col = |name: &str| t.headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(f), Some(to)) = (col("from"), col("to")) else {
        let d = Diagnostic::error(format!("the merge map `{}` needs columns `from` and `to`", t.path))
            .help(format!("its columns are: {}", t.headers.join(", ")));
        return Err(Diagnostics(vec![d]));
    };
    let matcher = (units == UnitsKind::VnProvinces).then(Matcher::new);
    let mut diags = Vec::new();
    let mut pairs: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for (r, row) in t.data_rows() {
        let (from, target) = (text(row.get(f)), text(row.get(to)));
        if from.is_empty() || target.is_empty() {
            diags.push(Diagnostic::error("a merge row needs both `from` and `to`").at(t.place(r, None)));
            continue;
        }
        let from = match &matcher {
            Some(m) => match m.find(&from) {
                Some(p) => p.name.clone(),
                None => {
                    let help = m.suggest(&from).map(|s| format!("did you mean `{s}`?"));
                    let mut d = Diagnostic::error(format!("unknown province `{from}`")).at(t.place(r, Some(f)));
                    d.help = help;
                    diags.push(d);
                    continue;
                }
            },
            None => from,
        };
        if let Some((_, first)) = pairs.insert(from.clone(), (target, r)) {
            let d = Diagnostic::error(format!("`{from}` is mapped twice"))
                .at(t.place(r, Some(f)))
                .help(format!("the first is at {}", t.place(first, Some(f))));
            diags.push(d);
        }
    }
    diags.extend(t.reread_problems());
    if diags.is_empty() {
        Ok(Crosswalk::new(pairs.into_iter().map(|(k, (v, _))| (k, v))))
    } else {
        Err(Diagnostics(diags))
    }
}

/// Validates `[merge]`: the map (built in or a file) and the averaged nodes.
pub(super) fn spec(
    cx: &mut Cx<'_>,
    m: &RawMerge,
    ids: &HashMap<&str, NodeId>,
    info: &IndexInfo,
    base_dir: &Path,
) -> Option<MergeSpec> {
    let map = if m.map.get_ref() == "vn-2025" {
        if info.units != UnitsKind::VnProvinces {
            cx.err(
                &m.map,
                "map = \"vn-2025\" needs units = \"vn-provinces\" in [index]",
                Some("or give a CSV file with columns from,to".into()),
            );
        }
        MergeMap::Vn2025
    } else {
        MergeMap::File(base_dir.join(m.map.get_ref()))
    };
    if m.nodes.get_ref().is_empty() {
        cx.err(
            &m.nodes,
            "[merge] lists no nodes",
            Some("list the nodes averaged over old units, e.g. the main indices".into()),
        );
    }
    let mut nodes = Vec::new();
    for n in m.nodes.get_ref() {
        match ids.get(n.get_ref().as_str()) {
            Some(&id) => nodes.push(id),
            None => {
                let help = closest(n.get_ref(), ids.keys().copied()).map(|s| format!("did you mean `{s}`?"));
                cx.err(n, format!("unknown node `{}` in [merge]", n.get_ref()), help);
            }
        }
    }
    Some(MergeSpec { map, nodes })
}
