//! One `[[indicator]]` → `Indicator`: direction (required), normalisation method and its
//! parameters, output range and bounds.

use super::cx::Cx;
use crate::model::spec::{RawDefaults, RawIndicator, S};
use crate::model::tree::{Bounds, Direction, Indicator, Normalize, Target};

#[derive(Clone, Copy)]
enum Kind {
    None,
    Max,
    MinMax,
    ZScore,
    Goalpost,
    Rank,
    Bool,
    Bands,
}

const METHODS: &[(&str, Kind)] = &[
    ("none", Kind::None),
    ("max", Kind::Max),
    ("minmax", Kind::MinMax),
    ("zscore", Kind::ZScore),
    ("goalpost", Kind::Goalpost),
    ("rank", Kind::Rank),
    ("bool", Kind::Bool),
    ("bands", Kind::Bands),
];

pub(super) fn indicator(cx: &mut Cx<'_>, ind: &S<RawIndicator>, defaults: Option<&RawDefaults>) -> Indicator {
    let r = ind.get_ref();
    let id = r.id.get_ref();
    let direction = match &r.direction {
        Some(d) => cx
            .keyword(d, "direction", &[("higher", Direction::Higher), ("lower", Direction::Lower)])
            .unwrap_or(Direction::Higher),
        None => {
            cx.err(
                &r.id,
                format!("indicator `{id}` has no `direction`"),
                Some("add direction = \"higher\" or direction = \"lower\"; there is no default".into()),
            );
            Direction::Higher
        }
    };
    let range = match r.range.as_ref().or_else(|| defaults.and_then(|d| d.range.as_ref())) {
        Some(rg) => pair(cx, rg, "range", true).unwrap_or((0.0, 1.0)),
        None => (0.0, 1.0),
    };
    let bounds_raw = r.bounds.as_ref().or_else(|| defaults.and_then(|d| d.bounds.as_ref()));
    let kind = match r.normalize.as_ref().or_else(|| defaults.and_then(|d| d.normalize.as_ref())) {
        Some(m) => cx.keyword(m, "normalisation method", METHODS).unwrap_or(Kind::None),
        None => Kind::MinMax,
    };
    let normalize = match kind {
        Kind::None => {
            if direction == Direction::Lower {
                let at = r.direction.as_ref().unwrap_or(&r.id);
                cx.err(at, format!("`{id}` uses normalize = \"none\" with direction = \"lower\""), Some("`none` takes the value as it is; use goalpost, minmax or max to turn a lower-is-better value into a score".into()));
            }
            Normalize::None
        }
        Kind::Max => match &r.max {
            Some(m) if m.get_ref().is_finite() && *m.get_ref() > 0.0 => Normalize::Max(*m.get_ref()),
            Some(m) => {
                cx.err(m, format!("`max` must be a positive number, found {}", m.get_ref()), None);
                Normalize::Max(1.0)
            }
            None => {
                cx.err(
                    &r.id,
                    format!("`{id}` uses normalize = \"max\" but has no `max`"),
                    Some("add e.g. max = 100: the value that earns the full score".into()),
                );
                Normalize::Max(1.0)
            }
        },
        Kind::MinMax => Normalize::MinMax(bounds(cx, bounds_raw)),
        Kind::ZScore => {
            let b = bounds(cx, bounds_raw);
            if let (Bounds::Fixed(..), Some(at)) = (b, bounds_raw) {
                cx.err(
                    at,
                    "zscore takes its mean and sd from the data; fixed bounds do not apply",
                    Some("use bounds = \"year\" or \"pooled\", or normalize = \"minmax\" with fixed bounds".into()),
                );
            }
            Normalize::ZScore(b)
        }
        Kind::Goalpost => goalpost(cx, r, direction),
        Kind::Rank => Normalize::Rank,
        Kind::Bool => Normalize::Bool,
        Kind::Bands => bands(cx, r, direction),
    };
    let plausible = r.plausible.as_ref().and_then(|p| pair(cx, p, "plausible", false));
    let plausible = plausible.or_else(|| (r.unit.as_deref() == Some("%")).then_some((0.0, 100.0)));
    let target = target(cx, r);
    let column = r.column.as_ref().map_or_else(|| id.clone(), |c| c.get_ref().trim().to_string());
    Indicator {
        denominator: super::prepare::denominator(cx, r, &column),
        impute: Box::new(super::prepare::impute(cx, r, defaults)),
        treat: super::prepare::treat(cx, r, defaults),
        column,
        direction,
        normalize,
        range,
        unit: r.unit.clone(),
        plausible,
        target,
    }
}

/// `target` with its `target_source`: a target nobody can trace is not shown as national.
fn target(cx: &mut Cx<'_>, r: &RawIndicator) -> Option<Target> {
    let id = r.id.get_ref();
    match (&r.target, &r.target_source) {
        (None, None) => None,
        (None, Some(s)) => {
            cx.err(
                s,
                format!("indicator `{id}` has a `target_source` but no `target`"),
                Some("add target = 80 (in the indicator's unit), or remove target_source".into()),
            );
            None
        }
        (Some(t), None) => {
            cx.err(
                t,
                format!("the target of `{id}` has no `target_source`"),
                Some("name the decision that sets it, e.g. target_source = \"749/QĐ-TTg (2025)\"".into()),
            );
            None
        }
        (Some(t), Some(_)) if !t.get_ref().is_finite() => {
            cx.err(t, format!("the target of `{id}` must be a finite number"), None);
            None
        }
        (Some(t), Some(s)) => Some(Target { value: *t.get_ref(), source: s.get_ref().trim().to_string() }),
    }
}

/// A two-number list `[a, b]`, finite, with `a < b` when `ordered`.
fn pair(cx: &mut Cx<'_>, v: &S<Vec<f64>>, what: &str, ordered: bool) -> Option<(f64, f64)> {
    match v.get_ref().as_slice() {
        [a, b] if a.is_finite() && b.is_finite() && (!ordered || a < b) => Some((*a, *b)),
        [a, b] if a.is_finite() && b.is_finite() => {
            cx.err(v, format!("`{what}` must be [low, high] with low < high, found [{a}, {b}]"), None);
            None
        }
        _ => {
            cx.err(v, format!("`{what}` must be two finite numbers [low, high]"), None);
            None
        }
    }
}

fn bounds(cx: &mut Cx<'_>, raw: Option<&S<toml::Value>>) -> Bounds {
    let Some(b) = raw else { return Bounds::Year };
    match b.get_ref() {
        toml::Value::String(s) if s == "year" => Bounds::Year,
        toml::Value::String(s) if s == "pooled" => Bounds::Pooled,
        toml::Value::Array(a) => {
            let nums: Vec<f64> =
                a.iter().filter_map(|x| x.as_float().or_else(|| x.as_integer().map(|i| i as f64))).collect();
            match nums.as_slice() {
                [lo, hi] if a.len() == 2 && lo < hi && lo.is_finite() && hi.is_finite() => Bounds::Fixed(*lo, *hi),
                _ => {
                    cx.err(b, "fixed `bounds` must be [low, high] with low < high", None);
                    Bounds::Year
                }
            }
        }
        _ => {
            cx.err(
                b,
                "unknown `bounds`",
                Some("use \"year\" (statistics per year), \"pooled\" (over all years) or [low, high]".into()),
            );
            Bounds::Year
        }
    }
}

fn goalpost(cx: &mut Cx<'_>, r: &RawIndicator, direction: Direction) -> Normalize {
    let Some(g) = &r.goalposts else {
        cx.err(
            &r.id,
            format!("`{}` uses normalize = \"goalpost\" but has no `goalposts`", r.id.get_ref()),
            Some("add goalposts = [worst, target], e.g. [0, 80]".into()),
        );
        return Normalize::Goalpost(0.0, 1.0);
    };
    match g.get_ref().as_slice() {
        [w, t] if w.is_finite() && t.is_finite() => {
            let ok = match direction {
                Direction::Higher => w < t,
                Direction::Lower => w > t,
            };
            if !ok {
                let (dir, rel) = match direction {
                    Direction::Higher => ("higher", "below"),
                    Direction::Lower => ("lower", "above"),
                };
                cx.err(
                    g,
                    format!("goalposts [{w}, {t}] are in the wrong order for direction = \"{dir}\""),
                    Some(format!("goalposts are [worst, target]: the worst value must lie {rel} the target")),
                );
            }
            Normalize::Goalpost(*w, *t)
        }
        _ => {
            cx.err(g, "`goalposts` must be two finite numbers [worst, target]", None);
            Normalize::Goalpost(0.0, 1.0)
        }
    }
}

fn bands(cx: &mut Cx<'_>, r: &RawIndicator, direction: Direction) -> Normalize {
    let Some(b) = &r.bands else {
        cx.err(
            &r.id,
            format!("`{}` uses normalize = \"bands\" but has no `bands`", r.id.get_ref()),
            Some("add e.g. bands = [[50, 0.5], [80, 1.0]]: [threshold, score] pairs".into()),
        );
        return Normalize::Bands(Vec::new());
    };
    let mut out = Vec::new();
    let mut ok = !b.get_ref().is_empty();
    for pair in b.get_ref() {
        match pair.as_slice() {
            [t, s] if t.is_finite() && (0.0..=1.0).contains(s) => out.push((*t, *s)),
            _ => ok = false,
        }
    }
    let increasing = out.windows(2).all(|w| match direction {
        Direction::Higher => w[0].0 < w[1].0,
        Direction::Lower => w[0].0 > w[1].0,
    });
    if !ok || !increasing {
        let order = match direction {
            Direction::Higher => "ascending",
            Direction::Lower => "descending (lower is better)",
        };
        cx.err(
            b,
            "`bands` must be [threshold, score] pairs with scores between 0 and 1",
            Some(format!("thresholds in {order} order, e.g. [[50, 0.5], [80, 1.0]]")),
        );
    }
    Normalize::Bands(out)
}
