//! `RawSpec` → `IndicatorTree`: ids, children and weights, the graph's shape (no cycle, every
//! node reachable) and run-wide settings. Indicator methods are checked in `method.rs`.

use super::cx::Cx;
use super::{children, graph, method, positive};
use crate::error::{Diagnostic, Diagnostics, check, text_place};
use crate::model::registry::closest;
use crate::model::spec::{RawChildren, RawIndex, RawNode, RawSensitivity, RawSpec, S};
use crate::model::tree::{
    Aggregate, Composite, IndexInfo, IndicatorTree, Missing, Node, NodeId, NodeKind, SensitivitySpec, Ties, UnitsKind,
};
use std::collections::HashMap;
use std::path::Path;

type Children = S<RawChildren>;

/// Parses and validates `indicators.toml`. `path` is how messages name the file; data paths
/// are resolved against `base_dir`.
///
/// # Errors
/// Every problem found, with `path:line:column`.
pub fn spec(source: &str, path: &str, base_dir: &Path) -> Result<(IndicatorTree, Vec<Diagnostic>), Diagnostics> {
    let raw: RawSpec = toml::from_str(source).map_err(|e| Diagnostics(vec![toml_error(&e, source, path)]))?;
    let mut cx = Cx { source, path, diags: Vec::new() };
    let tree = build(&mut cx, &raw, base_dir);
    let warnings = check(cx.diags)?;
    tree.map(|t| (t, warnings)).ok_or_else(|| Diagnostics(vec![Diagnostic::error("the spec has no valid root")]))
}

/// A parse error from toml, with a "did you mean" for unknown keys.
fn toml_error(e: &toml::de::Error, source: &str, path: &str) -> Diagnostic {
    let raw = e.message().trim().to_string();
    // serde names our internal types (`expected struct RawImpute`): say what to write instead.
    let shorthand = [
        ("RawImpute", "write `impute = { method = \"median\" }` (a table with `method`, and `group` or `max_years`)"),
        ("RawTreat", "write `treat = { method = \"winsorise\", max_points = 5 }` (a table with `method`)"),
    ];
    let hint = shorthand.iter().find(|(t, _)| raw.contains(&format!("expected struct {t}"))).map(|(_, h)| *h);
    let msg = match raw.split_once(", expected struct ") {
        Some((head, _)) => format!("{head}, expected a table"),
        None => raw.clone(),
    };
    let mut d = Diagnostic::error(format!("{path} is not a valid spec: {msg}"));
    if let Some(h) = hint {
        d = d.help(h);
    }
    if let Some(span) = e.span() {
        d = d.at(text_place(path, source, span));
    }
    if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (field, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let options: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        if let Some(s) = closest(field, options.iter().copied()) {
            d = d.help(format!("did you mean `{s}`?"));
        }
    }
    d
}

const AGGREGATES: &[(&str, Aggregate)] = &[
    ("mean", Aggregate::Mean),
    ("geometric", Aggregate::Geometric),
    ("harmonic", Aggregate::Harmonic),
    ("sum", Aggregate::Sum),
];
const MISSING: &[(&str, Missing)] =
    &[("reweight", Missing::Reweight), ("zero", Missing::Zero), ("error", Missing::Error)];

/// A composite as declared, before its children are resolved to node ids.
struct Decl<'r> {
    id: &'r S<String>,
    name: Option<String>,
    name_en: Option<String>,
    pillar: bool,
    scored: Option<&'r S<bool>>,
    aggregate: Option<&'r S<String>>,
    children: Option<&'r Children>,
    missing: Option<&'r S<String>>,
    min_coverage: Option<&'r S<f64>>,
}

fn root_decl(ix: &RawIndex) -> Decl<'_> {
    Decl {
        id: &ix.id,
        name: ix.name.clone(),
        name_en: ix.name_en.clone(),
        pillar: false,
        scored: None,
        aggregate: ix.aggregate.as_ref(),
        children: ix.children.as_ref(),
        missing: None,
        min_coverage: None,
    }
}

fn node_decl(n: &RawNode) -> Decl<'_> {
    Decl {
        id: &n.id,
        name: n.name.clone(),
        name_en: n.name_en.clone(),
        pillar: n.pillar,
        scored: n.scored.as_ref(),
        aggregate: n.aggregate.as_ref(),
        children: n.children.as_ref(),
        missing: n.missing.as_ref(),
        min_coverage: n.min_coverage.as_ref(),
    }
}

fn build(cx: &mut Cx<'_>, raw: &RawSpec, base_dir: &Path) -> Option<IndicatorTree> {
    let ix = raw.index.get_ref();
    let (default_missing, default_coverage) = index_policies(cx, ix);
    let info = index_info(cx, ix, base_dir);

    // Declarations in spec order: the root (if [index] has children), nodes, then indicators.
    let mut decls: Vec<Decl<'_>> = Vec::new();
    if ix.children.is_some() || ix.aggregate.is_some() {
        decls.push(root_decl(ix));
    }
    decls.extend(raw.node.iter().map(|n| node_decl(n.get_ref())));
    let n_composites = decls.len();

    let mut ids: HashMap<&str, NodeId> = HashMap::new();
    let all_ids = decls.iter().map(|d| d.id).chain(raw.indicator.iter().map(|i| &i.get_ref().id));
    for (i, id) in all_ids.enumerate() {
        if id.get_ref().trim().is_empty() {
            cx.err(id, "an id may not be empty", None);
        } else if ids.contains_key(id.get_ref().as_str()) {
            cx.err(
                id,
                format!("duplicate id `{}`", id.get_ref()),
                Some("every node and indicator needs its own id".into()),
            );
        } else {
            ids.insert(id.get_ref(), i);
        }
    }

    let mut nodes = Vec::new();
    for d in &decls {
        let aggregate = d.aggregate.map_or(Some(Aggregate::Mean), |a| cx.keyword(a, "aggregation", AGGREGATES));
        let missing = d.missing.map_or(Some(default_missing), |m| cx.keyword(m, "missing-data policy", MISSING));
        let min_coverage = d.min_coverage.map_or(default_coverage, |c| coverage(cx, c));
        let children = children::children(cx, d.id, d.children, &ids);
        let scored = d.scored.is_none_or(|s| *s.get_ref());
        nodes.push(Node {
            id: d.id.get_ref().clone(),
            name: d.name.clone().unwrap_or_else(|| d.id.get_ref().clone()),
            name_en: d.name_en.clone(),
            pillar: d.pillar,
            scored,
            kind: NodeKind::Composite(Composite {
                aggregate: aggregate.unwrap_or(Aggregate::Mean),
                children,
                missing: missing.unwrap_or(Missing::Reweight),
                min_coverage,
            }),
        });
    }
    let defaults = raw.defaults.as_ref();
    for ind in &raw.indicator {
        let r = ind.get_ref();
        let indicator = method::indicator(cx, ind, defaults);
        nodes.push(Node {
            id: r.id.get_ref().clone(),
            name: r.name.clone().unwrap_or_else(|| r.id.get_ref().clone()),
            name_en: r.name_en.clone(),
            pillar: r.pillar,
            scored: r.scored.as_ref().is_none_or(|s| *s.get_ref()),
            kind: NodeKind::Indicator(indicator),
        });
    }

    super::prepare::denominators_are_not_indicators(cx, &raw.indicator, &nodes);
    super::prepare::groups_are_declared(cx, raw, &info);
    let Some(&root) = ids.get(ix.id.get_ref().as_str()) else {
        cx.err(
            &ix.id,
            format!("the root `{}` is not defined", ix.id.get_ref()),
            Some(format!(
                "add a [[node]] with id = \"{}\" and its children, or give [index] `children`",
                ix.id.get_ref()
            )),
        );
        return None;
    };
    if root >= n_composites {
        cx.err(&ix.id, "the root must be a composite, not an indicator", None);
        return None;
    }
    let mut id_spans: Vec<&S<String>> = decls.iter().map(|d| d.id).collect();
    let mut scored_spans: Vec<Option<&S<bool>>> = decls.iter().map(|d| d.scored).collect();
    id_spans.extend(raw.indicator.iter().map(|i| &i.get_ref().id));
    scored_spans.extend(raw.indicator.iter().map(|i| i.get_ref().scored.as_ref()));
    if ids.len() != id_spans.len() {
        // Duplicate ids make node indices ambiguous; the graph checks would only add noise.
        return None;
    }
    let order = graph::order(cx, &id_spans, &scored_spans, &nodes, root);
    positive::check_positive_inputs(cx, &id_spans, &nodes, &order);
    let merge = raw.merge.as_ref().and_then(|m| super::merge::spec(cx, m.get_ref(), &ids, &info, base_dir));
    let sensitivity = raw.sensitivity.as_ref().map(|m| sensitivity(cx, m.get_ref())).unwrap_or_default();
    Some(IndicatorTree { info, merge, sensitivity, nodes, root, order })
}

fn sensitivity(cx: &mut Cx<'_>, r: &RawSensitivity) -> SensitivitySpec {
    let runs = r.runs.as_ref().and_then(|n| match usize::try_from(*n.get_ref()) {
        Ok(v) if v > 0 => Some(v),
        _ => {
            cx.err(n, "runs must be a positive whole number", None);
            None
        }
    });
    let seed = r.seed.as_ref().and_then(|n| {
        let v = u64::try_from(*n.get_ref()).ok();
        if v.is_none() {
            cx.err(n, "seed must be a whole number ≥ 0", None);
        }
        v
    });
    let weight_noise = r.weight_noise.as_ref().and_then(|x| {
        let v = *x.get_ref();
        if (0.0..1.0).contains(&v) {
            Some(v)
        } else {
            cx.err(
                x,
                format!("weight_noise must be at least 0 and below 1, found {v}"),
                Some("0.25 perturbs every weight by up to ±25 %".into()),
            );
            None
        }
    });
    let methods = [("minmax", ()), ("zscore", ()), ("goalpost", ()), ("rank", ())];
    let normalize = r
        .normalize
        .iter()
        .filter(|m| cx.keyword(m, "normalisation to draw", &methods).is_some())
        .map(|m| m.get_ref().clone())
        .collect();
    let aggregate = r.aggregate.iter().filter_map(|a| cx.keyword(a, "aggregation", AGGREGATES)).collect();
    SensitivitySpec {
        runs,
        seed,
        weight_noise,
        normalize,
        aggregate,
        drop_one: r.drop_one,
        toggle_prepare: r.toggle_prepare,
    }
}

fn coverage(cx: &mut Cx<'_>, c: &S<f64>) -> f64 {
    let v = *c.get_ref();
    if !(0.0..=1.0).contains(&v) {
        cx.err(
            c,
            format!("min_coverage must be between 0 and 1, found {v}"),
            Some("it is the share of a composite's weight that must be present, e.g. 0.5".into()),
        );
    }
    v.clamp(0.0, 1.0)
}

fn index_policies(cx: &mut Cx<'_>, ix: &RawIndex) -> (Missing, f64) {
    let missing =
        ix.missing.as_ref().map_or(Some(Missing::Reweight), |m| cx.keyword(m, "missing-data policy", MISSING));
    let cov = ix.min_coverage.as_ref().map_or(0.0, |c| coverage(cx, c));
    (missing.unwrap_or(Missing::Reweight), cov)
}

fn index_info(cx: &mut Cx<'_>, ix: &RawIndex, base_dir: &Path) -> IndexInfo {
    let units = ix
        .units
        .as_ref()
        .and_then(|u| {
            cx.keyword(u, "unit registry", &[("vn-provinces", UnitsKind::VnProvinces), ("none", UnitsKind::Free)])
        })
        .unwrap_or(UnitsKind::Free);
    let ties = ix
        .ties
        .as_ref()
        .and_then(|t| cx.keyword(t, "tie policy", &[("competition", Ties::Competition), ("dense", Ties::Dense)]))
        .unwrap_or(Ties::Competition);
    let rank_decimals = ix.rank_decimals.as_ref().and_then(|d| {
        let v = *d.get_ref();
        if (0..=12).contains(&v) {
            u32::try_from(v).ok()
        } else {
            cx.err(d, format!("rank_decimals must be between 0 and 12, found {v}"), None);
            None
        }
    });
    let header_row = ix.header_row.as_ref().and_then(|h| {
        let v = *h.get_ref();
        let row = usize::try_from(v).ok().filter(|r| (1..=1_000_000).contains(r));
        if row.is_none() {
            cx.err(h, format!("header_row must be a row number from 1, found {v}"), None);
        }
        row
    });
    IndexInfo {
        method: ix.method.clone(),
        data: ix.data.iter().map(|d| base_dir.join(d.get_ref())).collect(),
        units,
        unit_column: ix.unit_column.clone().unwrap_or_else(|| "unit".into()),
        year_column: ix.year_column.clone().unwrap_or_else(|| "year".into()),
        code_column: ix.code_column.clone().unwrap_or_else(|| "code".into()),
        header_row,
        rank_decimals,
        ties,
        data_note: ix.data_note.clone(),
        groups: super::groups::spec(cx, ix),
    }
}
