//! `impute`, `treat` and `denominator` of one `[[indicator]]` (or `[defaults]`) → the model's
//! `Impute` / `Treat` (product.md §7). Every bad key or value is placed at its
//! `indicators.toml:line:col`; nothing here looks at data.

use super::cx::Cx;
use crate::model::prepare::{Impute, Treat};
use crate::model::spec::{RawDefaults, RawImpute, RawIndicator, RawTreat, S};
use crate::model::tree::Node;

#[derive(Clone, Copy)]
enum ImputeKind {
    None,
    Mean,
    Median,
    GroupMean,
    GroupMedian,
    Locf,
    Linear,
}

const IMPUTE: &[(&str, ImputeKind)] = &[
    ("none", ImputeKind::None),
    ("mean", ImputeKind::Mean),
    ("median", ImputeKind::Median),
    ("group-mean", ImputeKind::GroupMean),
    ("group-median", ImputeKind::GroupMedian),
    ("locf", ImputeKind::Locf),
    ("linear", ImputeKind::Linear),
];

/// The indicator's own `impute`, else the default's, else none.
pub(super) fn impute(cx: &mut Cx<'_>, r: &RawIndicator, defaults: Option<&RawDefaults>) -> Impute {
    match r.impute.as_ref().or_else(|| defaults.and_then(|d| d.impute.as_ref())) {
        Some(raw) => impute_of(cx, raw),
        None => Impute::None,
    }
}

fn impute_of(cx: &mut Cx<'_>, raw: &S<RawImpute>) -> Impute {
    let r = raw.get_ref();
    let Some(kind) = cx.keyword(&r.method, "imputation method", IMPUTE) else { return Impute::None };
    let grouped = matches!(kind, ImputeKind::GroupMean | ImputeKind::GroupMedian);
    let yearly = matches!(kind, ImputeKind::Locf | ImputeKind::Linear);
    if let (Some(g), false) = (&r.group, grouped) {
        cx.err(g, format!("`group` applies to group-mean and group-median, not `{}`", r.method.get_ref()), None);
    }
    if let (Some(m), false) = (&r.max_years, yearly) {
        cx.err(m, format!("`max_years` applies to locf and linear, not `{}`", r.method.get_ref()), None);
    }
    let group = |cx: &mut Cx<'_>| match &r.group {
        Some(g) if !g.get_ref().trim().is_empty() => Some(g.get_ref().trim().to_string()),
        Some(g) => {
            cx.err(g, "`group` must name a data column", None);
            None
        }
        None => {
            cx.err(
                raw,
                format!("`{}` needs `group`: the data column naming each unit's group", r.method.get_ref()),
                Some("e.g. impute = { method = \"group-mean\", group = \"region\" }".into()),
            );
            None
        }
    };
    let max_years = r.max_years.as_ref().and_then(|m| {
        let v = u32::try_from(*m.get_ref()).ok().filter(|&v| v >= 1);
        if v.is_none() {
            cx.err(m, format!("max_years must be a whole number of years ≥ 1, found {}", m.get_ref()), None);
        }
        v
    });
    match kind {
        ImputeKind::None => Impute::None,
        ImputeKind::Mean => Impute::Mean,
        ImputeKind::Median => Impute::Median,
        ImputeKind::GroupMean => group(cx).map_or(Impute::None, Impute::GroupMean),
        ImputeKind::GroupMedian => group(cx).map_or(Impute::None, Impute::GroupMedian),
        ImputeKind::Locf => Impute::Locf(max_years),
        ImputeKind::Linear => Impute::Linear(max_years),
    }
}

/// The indicator's own `treat`, else the default's, else none.
pub(super) fn treat(cx: &mut Cx<'_>, r: &RawIndicator, defaults: Option<&RawDefaults>) -> Treat {
    match r.treat.as_ref().or_else(|| defaults.and_then(|d| d.treat.as_ref())) {
        Some(raw) => treat_of(cx, raw.get_ref()),
        None => Treat::None,
    }
}

fn treat_of(cx: &mut Cx<'_>, r: &RawTreat) -> Treat {
    let winsorise = cx.keyword(&r.method, "treatment", &[("none", false), ("winsorise", true), ("winsorize", true)]);
    if winsorise != Some(true) {
        if winsorise == Some(false) {
            let extra = r.max_points.as_ref().map(|m| m.span()).or_else(|| r.skew.as_ref().map(|m| m.span()));
            let extra =
                extra.or_else(|| r.kurtosis.as_ref().map(|m| m.span())).or_else(|| r.then.as_ref().map(|m| m.span()));
            if let Some(span) = extra {
                let at = S::new(span, ());
                cx.err(&at, "max_points, skew, kurtosis and then apply to method = \"winsorise\"", None);
            }
        }
        return Treat::None;
    }
    // COINr's defaults: Treat.data.frame's specs_def (winmax 5, skew 2, kurtosis 3.5, log_CT).
    let max_points = r.max_points.as_ref().map_or(5, |m| match usize::try_from(*m.get_ref()) {
        Ok(v) => v,
        Err(_) => {
            cx.err(m, format!("max_points must be a whole number ≥ 0, found {}", m.get_ref()), None);
            5
        }
    });
    let positive = |cx: &mut Cx<'_>, v: Option<&S<f64>>, what: &str, default: f64| match v {
        Some(x) if x.get_ref().is_finite() && *x.get_ref() > 0.0 => *x.get_ref(),
        Some(x) => {
            cx.err(x, format!("`{what}` must be a positive number, found {}", x.get_ref()), None);
            default
        }
        None => default,
    };
    let skew = positive(cx, r.skew.as_ref(), "skew", 2.0);
    let kurtosis = positive(cx, r.kurtosis.as_ref(), "kurtosis", 3.5);
    let then_log = r
        .then
        .as_ref()
        .is_none_or(|t| cx.keyword(t, "second treatment", &[("log", true), ("none", false)]).unwrap_or(true));
    Treat::Winsorise { max_points, skew, kurtosis, then_log }
}

/// `denominator = "COLUMN"`: a column name, which may not be the indicator's own column.
pub(super) fn denominator(cx: &mut Cx<'_>, r: &RawIndicator, column: &str) -> Option<String> {
    let d = r.denominator.as_ref()?;
    let name = d.get_ref().trim();
    if name.is_empty() {
        cx.err(d, "`denominator` must name a data column", None);
        return None;
    }
    if name == column {
        cx.err(d, format!("`{name}` is the indicator's own column; it cannot divide itself"), None);
        return None;
    }
    Some(name.to_string())
}

/// A denominator is a data column of its own (population, area), never an indicator's: an
/// indicator divided by another would also be normalised and weighed as one.
pub(super) fn denominators_are_not_indicators(cx: &mut Cx<'_>, raw: &[S<RawIndicator>], nodes: &[Node]) {
    let columns: Vec<(&str, &str)> =
        nodes.iter().filter_map(|n| n.indicator().map(|i| (n.id.as_str(), i.column.as_str()))).collect();
    for r in raw {
        let Some(d) = &r.get_ref().denominator else { continue };
        let name = d.get_ref().trim();
        if let Some((id, _)) = columns.iter().find(|(id, col)| *col == name || *id == name) {
            cx.err(
                d,
                format!("the denominator `{name}` is indicator `{id}`"),
                Some("a denominator is a data column that is not an indicator (population, area, GDP)".into()),
            );
        }
    }
}

/// The group column of every `group-mean` / `group-median` must be one of `[index] groups`, or
/// `region` with the province registry (which supplies it).
pub(super) fn groups_are_declared(
    cx: &mut Cx<'_>,
    raw: &crate::model::spec::RawSpec,
    info: &crate::model::tree::IndexInfo,
) {
    let defaults = raw.defaults.as_ref().and_then(|d| d.impute.as_ref());
    let all = raw.indicator.iter().filter_map(|i| i.get_ref().impute.as_ref()).chain(defaults);
    for imp in all {
        let Some(g) = &imp.get_ref().group else { continue };
        let name = g.get_ref().trim();
        let registry = info.units == crate::model::tree::UnitsKind::VnProvinces && name == "region";
        if !name.is_empty() && !registry && !info.groups.iter().any(|x| x == name) {
            let help = if info.groups.is_empty() {
                format!("add groups = [\"{name}\"] to [index]: the data column holding each unit's group")
            } else {
                format!("[index] groups lists: {}; add `{name}` to it", info.groups.join(", "))
            };
            cx.err(g, format!("`{name}` is not a group column"), Some(help));
        }
    }
}
