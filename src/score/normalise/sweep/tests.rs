//! The sweep against the reference: for every method it takes, both directions and columns
//! made to be awkward (missing values, signed zeros, a constant or empty column, values that
//! overflow when normalised), the statistics and warnings of `prepare_from_sweep` are those of
//! `prepare_from` on the gathered values, bit for bit; and it hands a column back (`None`)
//! exactly when `prepare_from` finds a value that overflows.

use super::super::{greatest, least, prepare_from};
use super::*;
use crate::model::panel::{Panel, Unit};

/// Indicator `x<i>` with method `how` and direction `dir`, under one mean.
fn tree(methods: &[(&str, &str)]) -> IndicatorTree {
    let mut toml = String::from("[index]\nid = \"idx\"\nchildren = { ");
    let ids: Vec<String> = (0..methods.len()).map(|i| format!("x{i} = 1")).collect();
    toml += &ids.join(", ");
    toml += " }\n";
    for (i, (how, dir)) in methods.iter().enumerate() {
        toml += &format!("[[indicator]]\nid = \"x{i}\"\ndirection = \"{dir}\"\n{how}\n");
    }
    crate::validate::spec(&toml, "t.toml", std::path::Path::new("")).expect("a valid spec").0
}

/// Every method the sweep takes, in each direction the spec allows, and output ranges and
/// goalposts wide enough for a normalised value to overflow.
const METHODS: [(&str, &str); 16] = [
    ("normalize = \"minmax\"", "higher"),
    ("normalize = \"minmax\"", "lower"),
    ("normalize = \"minmax\"\nrange = [1, 100]", "lower"),
    ("normalize = \"minmax\"\nrange = [-1e308, 1e308]", "higher"),
    ("normalize = \"minmax\"\nrange = [-1e308, 1e308]", "lower"),
    ("normalize = \"zscore\"", "higher"),
    ("normalize = \"zscore\"", "lower"),
    ("normalize = \"none\"", "higher"),
    ("normalize = \"max\"\nmax = 50", "higher"),
    ("normalize = \"max\"\nmax = 50", "lower"),
    ("normalize = \"goalpost\"\ngoalposts = [10, 90]", "higher"),
    ("normalize = \"goalpost\"\ngoalposts = [90, 10]", "lower"),
    ("normalize = \"goalpost\"\ngoalposts = [-1e308, 1e308]", "higher"),
    ("normalize = \"goalpost\"\ngoalposts = [1e308, -1e308]", "lower"),
    ("normalize = \"bool\"\nrange = [1, 100]", "higher"),
    ("normalize = \"bool\"", "lower"),
];

/// A column of `units` values drawn by `next`, in one of several shapes.
fn column(shape: u64, units: usize, next: &mut impl FnMut() -> u64) -> Vec<f64> {
    (0..units)
        .map(|_| {
            let r = next();
            match shape {
                0 => f64::NAN,
                1 => 7.5,
                2 if r.is_multiple_of(3) => f64::NAN,
                2 => 0.0,
                _ => match r % 12 {
                    0 => f64::NAN,
                    1 => 0.0,
                    2 => -0.0,
                    3 if shape == 4 => 1e308,
                    4 if shape == 4 => -1e308,
                    5 => -(((r >> 20) % 100) as f64),
                    _ => (r >> 11) as f64 / (1u64 << 53) as f64 * 100.0,
                },
            }
        })
        .collect()
}

#[test]
fn same_statistics_and_warnings_as_the_gathered_values() {
    let methods = METHODS;
    let tree = tree(&methods);
    let width = methods.len();
    let mut s = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    let (mut compared, mut handed_back) = (0, 0);
    for round in 0..300 {
        let units = 1 + round % 40;
        // Each column in its own shape: empty, constant, zeros, mixed, with huge values.
        let cols: Vec<Vec<f64>> = (0..width).map(|_| column(next() % 5, units, &mut next)).collect();
        let values: Vec<f64> = (0..units).flat_map(|u| cols.iter().map(move |c| c[u])).collect();
        let panel = Panel {
            units: (0..units).map(|u| Unit { name: format!("u{u}"), code: None }).collect(),
            indicators: (0..width).map(|k| tree.find(&format!("x{k}")).expect("x")).collect(),
            years: vec![YearData::new(2024, (0..units).collect(), values, width)],
            groups: Vec::new(),
        };
        let signs: Vec<f64> = methods.iter().map(|&(_, d)| if d == "lower" { -1.0 } else { 1.0 }).collect();
        let swept = sweep(&panel.years[0], &signs, true);
        let gathered = panel.years[0].present(&(0..width).collect::<Vec<_>>());
        for k in 0..width {
            let (mut d_sweep, mut d_ref) = (Vec::new(), Vec::new());
            let reference = prepare_from(&tree, &panel, 0, k, &gathered[k], &mut d_ref);
            match prepare_from_sweep(&tree, &panel, 0, k, &swept[k], &mut d_sweep) {
                Some(st) => {
                    compared += 1;
                    assert_eq!(format!("{st:?}"), format!("{reference:?}"), "column {k}: {:?}", cols[k]);
                    assert_eq!(format!("{d_sweep:?}"), format!("{d_ref:?}"), "column {k}: {:?}", cols[k]);
                }
                None => {
                    handed_back += 1;
                    assert!(d_sweep.is_empty());
                    let said = d_ref.iter().any(|d| d.message.contains("overflowed"));
                    assert!(said, "column {k} handed back without an overflow: {:?}", cols[k]);
                }
            }
        }
    }
    // Both ways were taken, many times.
    assert!(compared > 1000 && handed_back > 50, "{compared} compared, {handed_back} handed back");
}

#[test]
fn sums_keep_a_negative_zero_and_skip_what_is_missing() {
    let year = YearData::new(2024, vec![0, 1, 2], vec![f64::NAN, -0.0, -0.0, f64::NAN, f64::NAN, 3.0], 2);
    let c = sweep(&year, &[1.0, -1.0], true);
    // Column 0: −0.0 alone (the NaNs add nothing): −0.0, as `Iterator::sum` gives.
    assert_eq!(c[0].n, 1);
    assert!(c[0].sum == 0.0 && c[0].sum.is_sign_negative());
    assert_eq!((c[0].min, c[0].max), (0.0, 0.0));
    // Column 1, lower is better: −(−0.0) and −3.
    assert_eq!(c[1].n, 2);
    assert_eq!((c[1].min, c[1].max, c[1].sum), (-3.0, 0.0, -3.0));
    // Squared deviations from the mean −1.5: 2.25 + 2.25.
    assert_eq!(c[1].sq, 4.5);
}

#[test]
fn a_zero_of_either_sign_is_the_same_bound_both_ways() {
    // `f64::min` may return either zero; the bounds must not depend on how a fold is compiled.
    for col in [[0.0, -0.0, 5.0], [-0.0, 0.0, 5.0], [5.0, 0.0, -0.0]] {
        let year = YearData::new(2024, vec![0, 1, 2], col.to_vec(), 1);
        let c = sweep(&year, &[1.0], false);
        assert!(c[0].min == 0.0 && c[0].min.is_sign_negative(), "{col:?}");
        let year = YearData::new(2024, vec![0, 1, 2], col.iter().map(|x| -x).collect(), 1);
        let c = sweep(&year, &[1.0], false);
        assert!(c[0].max == 0.0 && c[0].max.is_sign_positive(), "{col:?}");
    }
    assert!(least(0.0, -0.0).is_sign_negative() && least(-0.0, 0.0).is_sign_negative());
    assert!(greatest(0.0, -0.0).is_sign_positive() && greatest(-0.0, 0.0).is_sign_positive());
    assert_eq!(least(1.0, f64::NAN), 1.0);
    assert_eq!(greatest(1.0, f64::NAN), 1.0);
}
