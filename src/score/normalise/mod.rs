//! Normalisation: raw indicator values → scores, per the indicator's method, direction, output
//! range and bounds. Statistics for `minmax` and `zscore` are taken over the non-missing values
//! of the year, or of every year with `bounds = "pooled"` (COINr's conventions).

mod sweep;
pub use sweep::{by_sweep, prepare_from_sweep, sweep};

use crate::error::Diagnostic;
use crate::model::panel::Panel;
use crate::model::tree::{Bounds, Direction, Indicator, IndicatorTree, Normalize};

/// What normalising indicator `k` of `panel.indicators` in the `y`-th year of the panel takes
/// from the data, or `None` with a warning when the column cannot be normalised (constant, too
/// few values: its normalised values are then missing). Pooled bounds take their statistics
/// over every year of the panel. A value that overflows when normalised is an error.
pub fn prepare(tree: &IndicatorTree, panel: &Panel, y: usize, k: usize, diags: &mut Vec<Diagnostic>) -> Option<Stats> {
    let year_vals = panel.years[y].present(&[k]).pop().unwrap_or_default();
    prepare_from(tree, panel, y, k, &year_vals, diags)
}

/// As `prepare`, given the year's non-missing values of the indicator, in unit order
/// (`YearData::present`, which gathers several columns in one pass over the year's rows).
pub fn prepare_from(
    tree: &IndicatorTree,
    panel: &Panel,
    y: usize,
    k: usize,
    year_vals: &[f64],
    diags: &mut Vec<Diagnostic>,
) -> Option<Stats> {
    let node = panel.indicators[k];
    let yd = &panel.years[y];
    let ind = tree.nodes[node].indicator()?;
    let pools = matches!(ind.normalize, Normalize::MinMax(Bounds::Pooled) | Normalize::ZScore(Bounds::Pooled));
    let pooled: Vec<f64> =
        if pools { panel.years.iter().flat_map(|yd| yd.column(k)).flatten().collect() } else { Vec::new() };
    let id = &tree.nodes[node].id;
    match stats(ind, year_vals, &pooled) {
        Ok(st) => {
            let rule = Rule::new(ind, &st);
            if !rule.always_finite() && year_vals.iter().any(|&x| !rule.at(x).is_finite()) {
                diags.push(
                    Diagnostic::error(format!("normalising `{id}` in {} overflowed", yd.year))
                        .help("the values are too extreme to compute with (around 1e308); check the data"),
                );
            }
            Some(st)
        }
        Err(p) => {
            if !year_vals.is_empty() {
                diags.push(
                    Diagnostic::warning(format!("`{id}` in {}: {p}; its normalised values are missing", yd.year))
                        .help(NOT_SCORED),
                );
            }
            None
        }
    }
}

/// What `stats` makes of min-max bounds.
fn range(ind: &Indicator, min: f64, max: f64) -> Result<Stats, String> {
    if max <= min {
        return Err("all values are equal".into());
    }
    Ok(Stats::Range { min, max, clamp: matches!(ind.normalize, Normalize::MinMax(Bounds::Fixed(..))) })
}

/// The lesser of `a` and `y`, −0.0 before +0.0; `a` when `y` is NaN (a missing value). Not
/// `f64::min`, which leaves the zero it returns unspecified: the optimiser picked −0.0 in one
/// fold and +0.0 in another over the same column, so bounds taken two ways differed in release
/// builds.
#[inline(always)]
fn least(a: f64, y: f64) -> f64 {
    if y < a || (y == a && y.is_sign_negative()) { y } else { a }
}

/// The greater of `a` and `y`, +0.0 before −0.0; `a` when `y` is NaN.
#[inline(always)]
fn greatest(a: f64, y: f64) -> f64 {
    if y > a || (y == a && a.is_sign_negative()) { y } else { a }
}

/// A value's squared deviation from the mean, as every z-score sum takes it.
fn deviation(y: f64, mean: f64) -> f64 {
    (y - mean).powi(2)
}

/// What `stats` makes of `len` values with mean `mean` and squared deviations summing to `sq`.
fn moments(len: usize, mean: f64, sq: f64) -> Result<Stats, String> {
    let sd = (sq / (len as f64 - 1.0)).sqrt();
    if len < 2 || sd.is_nan() || sd <= 0.0 {
        return Err("fewer than two distinct values".into());
    }
    Ok(Stats::Moments { mean, sd })
}

const NOT_SCORED: &str =
    "a constant or near-empty indicator cannot be scored relative to others; check the data or use goalpost/max";

/// What an indicator's normalisation takes from the data, in sign-adjusted units (a
/// lower-is-better value enters as −x).
#[derive(Debug, Clone, PartialEq)]
pub enum Stats {
    /// The method needs nothing from the data (none, max, goalpost, bool, bands).
    Absolute,
    /// `minmax`: the bounds, and whether values outside them are clamped (fixed bounds).
    Range { min: f64, max: f64, clamp: bool },
    /// `zscore`.
    Moments { mean: f64, sd: f64 },
    /// `rank`: the year's sign-adjusted values, ascending.
    Sorted(Vec<f64>),
}

/// +1 for a higher-is-better indicator, −1 for a lower-is-better one.
pub(crate) fn sign(ind: &Indicator) -> f64 {
    match ind.direction {
        Direction::Higher => 1.0,
        Direction::Lower => -1.0,
    }
}

/// The statistics of one year: `year_vals` are its non-missing raw values, `pooled` every
/// year's.
///
/// # Errors
/// Why the column cannot be normalised (constant, too few values).
pub fn stats(ind: &Indicator, year_vals: &[f64], pooled: &[f64]) -> Result<Stats, String> {
    let s = sign(ind);
    // The sign-adjusted values the bounds are taken over, in their order, never collected
    // (fixed bounds are signed already: × 1 changes no bit).
    let bounds = match &ind.normalize {
        Normalize::MinMax(b) | Normalize::ZScore(b) => *b,
        _ => Bounds::Year,
    };
    let fixed = match bounds {
        Bounds::Fixed(a, z) => [s * a, s * z],
        _ => [0.0; 2],
    };
    let (from, by): (&[f64], f64) = match bounds {
        Bounds::Pooled => (pooled, s),
        Bounds::Fixed(..) => (&fixed, 1.0),
        Bounds::Year => (year_vals, s),
    };
    let each = || from.iter().map(move |x| by * x);
    let len = from.len();
    match &ind.normalize {
        Normalize::MinMax(_) => {
            let min = each().fold(f64::INFINITY, least);
            let max = each().fold(f64::NEG_INFINITY, greatest);
            range(ind, min, max)
        }
        Normalize::ZScore(_) => {
            let mean = each().sum::<f64>() / len as f64;
            moments(len, mean, each().map(|y| deviation(y, mean)).sum())
        }
        Normalize::Rank => {
            let mut ys: Vec<f64> = year_vals.iter().map(|x| s * x).collect();
            if ys.len() < 2 {
                return Err("fewer than two values to rank".into());
            }
            ys.sort_by(f64::total_cmp);
            Ok(Stats::Sorted(ys))
        }
        _ => Ok(Stats::Absolute),
    }
}

/// The normalised value of raw `x` under `stats`.
#[must_use]
pub fn apply(ind: &Indicator, stats: &Stats, x: f64) -> f64 {
    Rule::new(ind, stats).at(x)
}

/// Appends the normalised value of each raw value of `xs` to `out`, as `apply` gives it.
pub fn apply_column(ind: &Indicator, stats: &Stats, xs: impl Iterator<Item = Option<f64>>, out: &mut Vec<Option<f64>>) {
    let rule = Rule::new(ind, stats);
    // One loop per common method, so that the method is not chosen again for every value.
    let (sc, lo, hi) = (rule.s, rule.lo, rule.hi);
    match rule.how {
        How::MinMax { min, max, clamp } => out.extend(xs.map(|x| x.map(|x| minmax(sc, lo, hi, min, max, clamp, x)))),
        How::ZScore { mean, sd } => out.extend(xs.map(|x| x.map(|x| zscore(sc, mean, sd, x)))),
        How::Goalpost(w, t) => out.extend(xs.map(|x| x.map(|x| goalpost(lo, hi, w, t, x)))),
        _ => out.extend(xs.map(|x| x.map(|x| rule.at(x)))),
    }
}

/// The formulas `Rule::at` applies, apart so that `apply_column` can run one over a column.
#[inline(always)]
fn scale(lo: f64, hi: f64, t: f64) -> f64 {
    lo + t * (hi - lo)
}

#[inline(always)]
fn zscore(s: f64, mean: f64, sd: f64, x: f64) -> f64 {
    (s * x - mean) / sd
}

#[inline(always)]
fn minmax(s: f64, lo: f64, hi: f64, min: f64, max: f64, clamp: bool, x: f64) -> f64 {
    // Halved, the span of two finite values is always finite (±1e308 overflow otherwise).
    let t = if (max - min).is_finite() {
        (s * x - min) / (max - min)
    } else {
        (s * x / 2.0 - min / 2.0) / (max / 2.0 - min / 2.0)
    };
    scale(lo, hi, if clamp { clamp01(t) } else { t })
}

#[inline(always)]
fn goalpost(lo: f64, hi: f64, w: f64, t: f64, x: f64) -> f64 {
    scale(lo, hi, clamp01((x - w) / (t - w)))
}

/// How `apply` normalises: the method and its statistics looked up once, then a formula per
/// value (a year is a million values at commune scale). `apply` and `apply_column` both go
/// through it, so a value normalised either way has the same bits.
struct Rule<'a> {
    how: How<'a>,
    s: f64,
    lo: f64,
    hi: f64,
}

enum How<'a> {
    Raw,
    ZScore {
        mean: f64,
        sd: f64,
    },
    MinMax {
        min: f64,
        max: f64,
        clamp: bool,
    },
    Rank(&'a [f64]),
    Max(f64),
    Goalpost(f64, f64),
    Bool,
    Bands(&'a [(f64, f64)], Direction),
    /// Statistics of another method cannot occur: `stats` is built from the same indicator.
    Mismatch,
}

impl<'a> Rule<'a> {
    /// Whether every finite value normalises to a finite one, so that the overflow check can
    /// be spared: min-max with a finite span and a finite output range. The year's (or
    /// pooled) values lie within the bounds, and fixed bounds clamp; `t` is then within
    /// [0, 1] or clamped into it.
    fn always_finite(&self) -> bool {
        let finite_out = self.lo.is_finite() && self.hi.is_finite() && (self.hi - self.lo).is_finite();
        matches!(self.how, How::MinMax { min, max, .. } if (max - min).is_finite()) && finite_out
    }

    fn new(ind: &'a Indicator, stats: &'a Stats) -> Self {
        let how = match (&ind.normalize, stats) {
            (Normalize::None, _) => How::Raw,
            (Normalize::ZScore(_), &Stats::Moments { mean, sd }) => How::ZScore { mean, sd },
            (Normalize::MinMax(_), &Stats::Range { min, max, clamp }) => How::MinMax { min, max, clamp },
            (Normalize::Rank, Stats::Sorted(ys)) => How::Rank(ys),
            (&Normalize::Max(m), _) => How::Max(m),
            (&Normalize::Goalpost(w, t), _) => How::Goalpost(w, t),
            (Normalize::Bool, _) => How::Bool,
            (Normalize::Bands(bands), _) => How::Bands(bands, ind.direction),
            _ => How::Mismatch,
        };
        let (lo, hi) = ind.range;
        Rule { how, s: sign(ind), lo, hi }
    }

    // Inlined into the loops over a column.
    #[inline(always)]
    fn at(&self, x: f64) -> f64 {
        let (s, lo, hi) = (self.s, self.lo, self.hi);
        let scale = |t: f64| scale(lo, hi, t);
        match self.how {
            How::Raw => x,
            How::ZScore { mean, sd } => zscore(s, mean, sd, x),
            How::MinMax { min, max, clamp } => minmax(s, lo, hi, min, max, clamp, x),
            How::Rank(ys) => {
                // COINr's n_prank: (rank with ties at the minimum − 1) / (n − 1).
                let below = ys.partition_point(|&o| o < s * x);
                scale(below as f64 / (ys.len() as f64 - 1.0))
            }
            How::Max(m) => scale(clamp01(if s > 0.0 { x / m } else { (m - x) / m })),
            How::Goalpost(w, t) => goalpost(lo, hi, w, t, x),
            How::Bool => scale(if s > 0.0 { x } else { 1.0 - x }),
            How::Bands(bands, dir) => scale(band(bands, dir, x)),
            How::Mismatch => f64::NAN,
        }
    }
}

/// Normalises one year's column. `pooled` holds every year's non-missing raw values. Returns
/// the values and, when the column cannot be normalised, why.
#[must_use]
pub fn normalise(ind: &Indicator, xs: &[Option<f64>], pooled: &[f64]) -> (Vec<Option<f64>>, Option<String>) {
    let year_vals: Vec<f64> = xs.iter().flatten().copied().collect();
    match stats(ind, &year_vals, pooled) {
        Ok(st) => (xs.iter().map(|x| x.map(|x| apply(ind, &st, x))).collect(), None),
        Err(why) => (vec![None; xs.len()], Some(why)),
    }
}

fn clamp01(t: f64) -> f64 {
    t.clamp(0.0, 1.0)
}

/// The score of the last threshold reached (`x ≥ t`, or `x ≤ t` when lower is better).
fn band(bands: &[(f64, f64)], dir: Direction, x: f64) -> f64 {
    bands
        .iter()
        .rev()
        .find(|(t, _)| match dir {
            Direction::Higher => x >= *t,
            Direction::Lower => x <= *t,
        })
        .map_or(0.0, |(_, s)| *s)
}

#[cfg(test)]
mod tests;
