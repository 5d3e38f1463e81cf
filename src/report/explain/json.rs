//! `explain` as JSON. The change decomposition is `"change": {"total": …, "exact": …,
//! "rounding": …, "contributions": {"<id>": …}}`: `total` is the published change (of the
//! rounded scores), the contributions add up to `exact` (of the unrounded scores), and
//! `exact + rounding = total`; a composite with a score in one year only has a line of its own.

use super::ExplainView;
use serde_json::{Map, Value, json};
use std::io::{self, Write};

pub(super) fn render(v: &ExplainView<'_>, out: &mut dyn Write) -> io::Result<()> {
    let (ex, tree) = (v.ex, v.tree);
    let unit = &v.units[ex.unit];
    let rank = |r: Option<crate::score::Rank>| r.map_or(Value::Null, |k| json!({"pos": k.pos, "of": k.of}));
    let nodes: Vec<Value> = tree
        .report_nodes()
        .into_iter()
        .map(|n| {
            let mut o = json!({"id": tree.nodes[n].id, "name": v.name(n), "pillar": tree.nodes[n].pillar, "score": ex.score[n], "rank": rank(ex.rank[n])});
            if let (Some(ps), Some(pr)) = (&ex.previous_score, &ex.previous_rank) {
                o["previous"] = json!({"score": ps[n], "rank": rank(pr[n])});
            }
            o
        })
        .collect();
    let pillars: Vec<&str> = tree.pillars().iter().map(|&p| tree.nodes[p].id.as_str()).collect();
    let indicators: Vec<Value> = ex
        .indicators
        .iter()
        .map(|l| {
            let pw: Map<String, Value> =
                pillars.iter().zip(&l.pillar_weights).map(|(p, w)| ((*p).to_string(), json!(w))).collect();
            json!({
                "id": tree.nodes[l.node].id, "name": v.name(l.node),
                "raw": l.raw, "normalized": l.normalized, "rank": rank(l.rank),
                "weight": l.weight, "nominal_weight": l.nominal_weight, "pillar_weights": pw, "contribution": l.contribution,
                "previous_raw": l.previous_raw, "normalized_change": l.change,
                "own_change": l.own_change, "benchmark_change": l.benchmark_change,
                "imputed": v.imputed_method(l.node), "treated": v.treated_method(l.node),
                "treated_from": v.treated_from(l.node),
            })
        })
        .collect();
    let ids = |idx: &[usize]| idx.iter().map(|&i| tree.nodes[ex.indicators[i].node].id.clone()).collect::<Vec<_>>();
    let history: Vec<Value> =
        ex.history.iter().map(|(y, s, r)| json!({"year": y, "score": s, "rank": rank(*r)})).collect();
    let change = ex.total_change.map_or(Value::Null, |total| {
        let mut c: Map<String, Value> = ex
            .indicators
            .iter()
            .filter(|l| l.nominal_weight > 0.0)
            .map(|l| (tree.nodes[l.node].id.clone(), json!(l.change_contribution)))
            .collect();
        c.extend(ex.composite_changes.iter().map(|&(n, x)| (tree.nodes[n].id.clone(), json!(x))));
        json!({"total": total, "exact": ex.exact_change, "rounding": ex.rounding(), "contributions": c})
    });
    let group = v.group.map_or(Value::Null, |g| {
        let mut lines = Map::new();
        for l in &g.lines {
            let best = l.best.map_or(Value::Null, |(x, u)| json!({"unit": v.units[u].name, "score": x}));
            lines.insert(
                tree.nodes[l.node].id.clone(),
                json!({"score": l.score, "rank": rank(l.rank), "mean": l.mean, "vs_mean": l.vs_mean, "best": best}),
            );
        }
        json!({"column": g.column, "name": g.name, "of": g.of, "sentence": v.group_sentence(), "nodes": lines})
    });
    let doc = json!({
        "unit": unit.name, "code": unit.code, "year": ex.year, "compare_year": ex.compare_year,
        "summary": v.summary(),
        "nodes": nodes, "indicators": indicators,
        "strongest": ids(&ex.strongest), "weakest": ids(&ex.weakest),
        "history": history, "change": change, "group": group,
    });
    serde_json::to_writer_pretty(&mut *out, &crate::report::stamped(doc))?;
    writeln!(out)
}
