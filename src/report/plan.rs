//! `plan` output: the goal and the score it takes, the steps (indicator, from → to in its own
//! units, the score each adds), and the standing reached beside today's, as terminal text,
//! Markdown or JSON (the contract of README "dti plan"). Renderers format what `score::plan`
//! computed; they never compute.

use super::{Lang, fixed, local, signed, yes_no};
use crate::model::Year;
use crate::model::tree::IndicatorTree;
use crate::score::Rank;
use crate::score::plan::{Goal, Plan, Standing, Step};
use serde_json::{Map, Value, json};
use std::io::{self, Write};

/// Output formats of `plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PlanFormat {
    /// Text and tables for the terminal.
    Table,
    /// Machine-readable (see README).
    Json,
    /// Markdown, to paste into a report.
    Md,
}

/// What the plan renderers need.
#[derive(Debug)]
pub struct PlanView<'a> {
    pub tree: &'a IndicatorTree,
    pub unit: &'a str,
    pub year: Year,
    /// `None` for a projection of the unit's targets.
    pub goal: Option<Goal>,
    pub plan: &'a Plan,
    pub lang: Lang,
}

/// Writes a plan in a format.
///
/// # Errors
/// Only the writer's own errors.
pub fn render(format: PlanFormat, v: &PlanView<'_>, out: &mut dyn Write) -> io::Result<()> {
    match format {
        PlanFormat::Table => text(v, out, false),
        PlanFormat::Md => text(v, out, true),
        PlanFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &super::stamped(to_json(v)))?;
            writeln!(out)
        }
    }
}

fn rank_pos(r: Option<Rank>) -> Value {
    r.map_or(Value::Null, |r| r.pos.into())
}

fn standing_json(s: &Standing, node: usize) -> Value {
    json!({"score": s.score(node), "rank": rank_pos(s.rank(node))})
}

fn to_json(v: &PlanView<'_>) -> Value {
    let (p, root) = (v.plan, v.tree.root);
    let steps: Vec<Value> = p
        .steps
        .iter()
        .map(|s| json!({"indicator": v.tree.nodes[s.node].id, "from": s.from, "to": s.to, "gain": s.gain}))
        .collect();
    let mut pillars = Map::new();
    for n in v.tree.pillars() {
        pillars.insert(v.tree.nodes[n].id.clone(), standing_json(&p.reached, n));
    }
    json!({
        "unit": v.unit,
        "year": v.year,
        "current": standing_json(&p.current, root),
        "target": p.target.map_or(Value::Null, |t| json!({"rank": t.rank, "score": t.score})),
        "plan": steps,
        "reached": standing_json(&p.reached, root),
        "reachable": p.reachable,
        "pillars": pillars,
    })
}

impl PlanView<'_> {
    fn en(&self) -> bool {
        self.lang == Lang::En
    }

    fn score(&self, x: Option<f64>) -> String {
        fixed(x, self.tree.info.published_decimals() as usize, self.lang)
    }

    fn rank(r: Option<Rank>) -> String {
        r.map_or_else(|| "–".into(), |k| k.to_string())
    }

    /// A raw value in the indicator's own terms: yes/no, or the number to its decimals.
    fn raw(&self, s: &Step, x: Option<f64>) -> String {
        let Some(x) = x else { return "–".into() };
        let node = &self.tree.nodes[s.node];
        yes_no(node, x, self.en()).map_or_else(
            || {
                let d = s.decimals as usize;
                local(format!("{x:.d$}"), self.lang)
            },
            String::from,
        )
    }

    /// The sentences above the tables: where the unit stands, what the goal takes, and
    /// whether the plan gets there.
    pub(crate) fn summary(&self) -> Vec<String> {
        let (p, root, en) = (self.plan, self.tree.root, self.en());
        let index = self.tree.nodes[root].label(en);
        let now = (self.score(p.current.score(root)), Self::rank(p.current.rank(root)));
        let reached = (self.score(p.reached.score(root)), Self::rank(p.reached.rank(root)));
        let mut lines = vec![if en {
            format!("{} in {}: {index} {}, ranked {}.", self.unit, self.year, now.0, now.1)
        } else {
            format!("{} năm {}: {index} {}, xếp hạng {}.", self.unit, self.year, now.0, now.1)
        }];
        let target = p.target.map(|t| (t.rank, self.score(Some(t.score))));
        lines.push(match (self.goal, target, en) {
            (Some(Goal::Rank(k)), Some((_, s)), true) => {
                format!("To reach the top {k}: a score of {s} (other units as they are).")
            }
            (Some(Goal::Rank(k)), Some((_, s)), false) => {
                format!("Để vào top {k}: cần {s} điểm (các đơn vị khác giữ nguyên).")
            }
            (Some(Goal::Score(_)), Some((r, s)), true) => format!("To reach {s}: rank {r} (other units as they are)."),
            (Some(Goal::Score(_)), Some((r, s)), false) => {
                format!("Để đạt {s} điểm: hạng {r} (các đơn vị khác giữ nguyên).")
            }
            (_, _, true) => {
                let n = p.steps.len();
                format!("With its own targets ({n} indicator{}):", if n == 1 { "" } else { "s" })
            }
            (_, _, false) => format!("Nếu đạt các chỉ tiêu đặt ra ({} chỉ tiêu):", p.steps.len()),
        });
        if self.goal.is_some() && p.steps.is_empty() {
            lines.push(if en { "Already there: nothing to change." } else { "Đã đạt: không cần thay đổi." }.into());
        } else if !p.reachable {
            let k = p.target.map_or(0, |t| t.rank);
            lines.push(if en {
                format!(
                    "Not reachable even with every indicator at its best: the best is {} ({}).",
                    reached.1, reached.0
                )
            } else {
                format!(
                    "Không thể đạt hạng {k} kể cả khi mọi chỉ tiêu ở mức tốt nhất: tốt nhất là hạng {} ({}).",
                    reached.1, reached.0
                )
            });
        } else if self.goal.is_some() {
            lines.push(if en {
                let n = p.steps.len();
                let s = if n == 1 { "" } else { "s" };
                format!("Plan: move {n} indicator{s}; reached {index} {}, ranked {}.", reached.0, reached.1)
            } else {
                format!("Kế hoạch: nâng {} chỉ tiêu; đạt {index} {}, xếp hạng {}.", p.steps.len(), reached.0, reached.1)
            });
        } else {
            lines.push(if en {
                format!("Projected: {index} {}, ranked {}.", reached.0, reached.1)
            } else {
                format!("Dự kiến: {index} {}, xếp hạng {}.", reached.0, reached.1)
            });
        }
        lines
    }

    pub(crate) fn step_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let en = self.en();
        let head = if en {
            ["#", "Indicator", "Unit", "From", "To", "+ score"]
        } else {
            ["#", "Chỉ tiêu", "Đơn vị", "Từ", "Đến", "+ điểm"]
        };
        let d = self.tree.info.published_decimals() as usize;
        let rows = self
            .plan
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let node = &self.tree.nodes[s.node];
                vec![
                    (i + 1).to_string(),
                    node.label(en).to_string(),
                    node.indicator().and_then(|ind| ind.unit.clone()).unwrap_or_default(),
                    self.raw(s, s.from),
                    self.raw(s, Some(s.to)),
                    signed(Some(s.gain), d, self.lang),
                ]
            })
            .collect();
        (head.map(String::from).to_vec(), rows)
    }

    fn standing_rows(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let en = self.en();
        let head = match (en, self.goal.is_some()) {
            (true, true) => ["", "Now", "Rank", "Reached", "Rank"],
            (true, false) => ["", "Now", "Rank", "Projected", "Rank"],
            (false, true) => ["", "Hiện tại", "Hạng", "Đạt được", "Hạng"],
            (false, false) => ["", "Hiện tại", "Hạng", "Dự kiến", "Hạng"],
        };
        let (c, r) = (&self.plan.current, &self.plan.reached);
        let nodes = std::iter::once(self.tree.root).chain(self.tree.pillars());
        let rows = nodes
            .map(|n| {
                vec![
                    self.tree.nodes[n].label(en).to_string(),
                    self.score(c.score(n)),
                    Self::rank(c.rank(n)),
                    self.score(r.score(n)),
                    Self::rank(r.rank(n)),
                ]
            })
            .collect();
        (head.map(String::from).to_vec(), rows)
    }
}

use super::grid::table;

fn text(v: &PlanView<'_>, out: &mut dyn Write, md: bool) -> io::Result<()> {
    if md {
        writeln!(out, "## {} — {}\n", v.unit, v.year)?;
    }
    for line in v.summary() {
        writeln!(out, "{line}{}", if md { "\n" } else { "" })?;
    }
    if !v.plan.steps.is_empty() {
        let (head, rows) = v.step_rows();
        table(out, md, &[1, 2], head, rows)?;
    }
    let (head, rows) = v.standing_rows();
    table(out, md, &[0], head, rows)
}
