//! The synthetic index and data of `examples/generate.rs` and `benches/stages.rs`: a spec of
//! three pillars with a main index per ten indicators (mixed normalisations and directions), and
//! seeded values shaped like real indicators (shares in percent, counts with a long right tail,
//! ratios, yes/no items, 1–5 steps) around a per-unit level so that indicators correlate,
//! drifting up a little each year, with a share of cells left empty. Nothing here is real data;
//! the same shape and seed give the same bytes.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;

/// The size and randomness of a generated index.
#[derive(Debug, Clone)]
pub struct Shape {
    pub units: usize,
    pub indicators: usize,
    pub years: usize,
    /// Share of cells left empty.
    pub missing: f64,
    pub seed: u64,
}

/// SplitMix64: small, seeded, the same on every platform.
struct Rng(u64);

impl Rng {
    fn uniform(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u1, u2) = (self.uniform().max(1e-12), self.uniform());
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// The five shapes an indicator can have, by its number.
#[derive(Clone, Copy)]
enum Kind {
    Percent,
    Count,
    Ratio,
    YesNo,
    Step,
}

fn kind(k: usize) -> Kind {
    [Kind::Percent, Kind::Count, Kind::Percent, Kind::Ratio, Kind::YesNo, Kind::Percent, Kind::Step][k % 7]
}

/// How the numbers of the data are written: the project's own short values, or as another
/// program writes them (issue 12: the benchmark must not run only on shapes the project chose).
/// The values are the same draws whatever the shape; only their text differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Numbers {
    /// `63.27`, `0.4521`, `118`, `1`: 2 decimals for shares, 4 for ratios, integers otherwise.
    #[default]
    Short,
    /// `54.858`, `0.489`: shares and ratios with three decimals, as Excel's `0.000` format
    /// writes them (`round(x, 3)` writes the same less trailing zeros); `1.234` reads two ways.
    /// Counts, yes/no items and steps stay integers in this shape and the next.
    Decimals3,
    /// `54.85812345678901`: shares and ratios unrounded, as pandas' `to_csv` writes a float
    /// (Python's `repr`: the shortest round trip, `3e-05` below 1e-4).
    Full,
    /// `54,858` in a `;`-separated file, as R's `write.csv2(row.names = FALSE)` writes values
    /// rounded to three decimals: quoted header and names, `NA` for a missing value.
    Comma,
    /// One shape per column, as one program writes one column: `36.3%`, `"54.86"`, `+54.86`,
    /// `422`, `"1,006.0"`, `5.717e-01`, `0.5717  ` (trailing spaces), and yes/no items as
    /// `1.0`/`0.0` or `1`/`0` (pandas writes a 0/1 column with a gap as floats).
    Mixed,
}

impl std::str::FromStr for Numbers {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "short" => Numbers::Short,
            "decimals3" => Numbers::Decimals3,
            "full" => Numbers::Full,
            "comma" => Numbers::Comma,
            "mixed" => Numbers::Mixed,
            _ => return Err("use short, decimals3, full, comma or mixed".into()),
        })
    }
}

/// A value of indicator `k` for a unit at `level` (0–1) in year `y`: the number, unrounded
/// for the measured kinds (shares, ratios) and whole for the counted ones.
fn value(rng: &mut Rng, k: usize, level: f64, y: usize) -> f64 {
    let drift = 0.03 * y as f64;
    let l = (level + drift + 0.15 * rng.normal()).clamp(0.0, 1.0);
    match kind(k) {
        Kind::Percent => 100.0 * l,
        Kind::Count => (3.0 + 4.0 * l + 0.8 * rng.normal()).exp().round(),
        Kind::Ratio => l,
        Kind::YesNo => f64::from(u8::from(l > 0.45)),
        Kind::Step => (1 + (l * 4.999) as usize) as f64,
    }
}

/// The text of value `x` of indicator `k` in shape `numbers`.
fn text(numbers: Numbers, k: usize, x: f64) -> String {
    match numbers {
        // Byte for byte what the generator wrote before shapes existed (the rounding of a
        // count's `exp` to `{:.0}` is the `round` in `value`).
        Numbers::Short => match kind(k) {
            Kind::Percent => format!("{x:.2}"),
            Kind::Ratio => format!("{x:.4}"),
            Kind::Count | Kind::YesNo | Kind::Step => format!("{x:.0}"),
        },
        Numbers::Decimals3 | Numbers::Full if matches!(kind(k), Kind::Count | Kind::YesNo | Kind::Step) => {
            format!("{x:.0}")
        }
        Numbers::Decimals3 => format!("{x:.3}"),
        Numbers::Full => py_repr(x),
        // R prints up to 15 significant digits and drops trailing zeros; a double rounded to
        // three decimals of these magnitudes has a shortest round trip of the same digits.
        Numbers::Comma => format!("{}", (x * 1000.0).round() / 1000.0).replace('.', ","),
        Numbers::Mixed => match (kind(k), k % 3) {
            (Kind::Percent, 0) => format!("{:.1}%", x),
            (Kind::Percent, 1) => format!("\"{x:.2}\""),
            (Kind::Percent, _) => format!("+{x:.2}"),
            (Kind::Count, 0) => format!("{x:.0}"),
            (Kind::Count, _) => format!("\"{}\"", thousands(x)),
            (Kind::Ratio, 0) => c_exp(x),
            (Kind::Ratio, _) => format!("{x:.4}  "),
            (Kind::YesNo, 0) => format!("{x:.1}"),
            (Kind::YesNo | Kind::Step, _) => format!("{x:.0}"),
        },
    }
}

/// Python's `repr` of a float that is not whole (what pandas writes): the shortest round trip,
/// with an exponent of at least two digits outside [1e-4, 1e16).
fn py_repr(x: f64) -> String {
    if x != 0.0 && !(1e-4..1e16).contains(&x.abs()) {
        let e = format!("{x:e}");
        let (m, exp) = e.split_once('e').unwrap_or((&e, "0"));
        let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |d| ("-", d));
        return format!("{m}e{sign}{digits:0>2}");
    }
    format!("{x}")
}

/// C's `%.3e`: `5.717e-01`.
fn c_exp(x: f64) -> String {
    let e = format!("{x:.3e}");
    let (m, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let (sign, digits) = exp.strip_prefix('-').map_or(("+", exp), |d| ("-", d));
    format!("{m}e{sign}{digits:0>2}")
}

/// Excel's `#,##0.0`: `1,006.0`.
fn thousands(x: f64) -> String {
    let s = format!("{x:.1}");
    let (int, frac) = s.split_once('.').unwrap_or((&s, "0"));
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}.{frac}")
}

pub fn spec(a: &Shape, data: &str) -> String {
    let mains = a.indicators.div_ceil(10);
    let mut s = format!(
        "# Generated by `cargo run --example generate` ({} units, {} indicators, {} years, seed {}).\n\
         [index]\nid = \"index\"\nname = \"Chỉ số tổng hợp (sinh ngẫu nhiên)\"\nname_en = \"Generated index\"\n\
         data = [\"{data}\"]\nunit_column = \"unit\"\nyear_column = \"year\"\nmissing = \"reweight\"\n\
         children = {{ p1 = 1, p2 = 1, p3 = 1 }}\n\n[defaults]\nnormalize = \"minmax\"\n",
        a.units, a.indicators, a.years, a.seed
    );
    for p in 0..3 {
        let kids: Vec<String> =
            (0..mains).filter(|m| m % 3 == p).map(|m| format!("m{:02} = {}", m + 1, 1 + m % 2)).collect();
        let kids = if kids.is_empty() { vec![format!("m{:02} = 1", 1)] } else { kids };
        let _ = write!(
            s,
            "\n[[node]]\nid = \"p{}\"\nname = \"Trụ cột {}\"\npillar = true\nchildren = {{ {} }}\n",
            p + 1,
            p + 1,
            kids.join(", ")
        );
    }
    for m in 0..mains {
        let kids: Vec<String> =
            (m * 10..((m + 1) * 10).min(a.indicators)).map(|k| format!("i{:03} = {}", k + 1, 1 + k % 3)).collect();
        let _ = write!(
            s,
            "\n[[node]]\nid = \"m{:02}\"\nname = \"Chỉ số chính {}\"\nchildren = {{ {} }}\n",
            m + 1,
            m + 1,
            kids.join(", ")
        );
    }
    for k in 0..a.indicators {
        let dir = if matches!(kind(k), Kind::Count) && k % 3 == 0 { "lower" } else { "higher" };
        let _ = write!(s, "\n[[indicator]]\nid = \"i{:03}\"\ndirection = \"{dir}\"\n", k + 1);
        match kind(k) {
            Kind::Percent if k % 4 == 0 => s.push_str("unit = \"%\"\nnormalize = \"goalpost\"\ngoalposts = [0, 100]\n"),
            Kind::Percent => s.push_str("unit = \"%\"\n"),
            Kind::Count if k % 3 == 0 => s.push_str("normalize = \"rank\"\n"),
            Kind::Count => s.push_str("normalize = \"zscore\"\n"),
            Kind::Ratio => s.push_str("range = [0, 1]\n"),
            Kind::YesNo => s.push_str("normalize = \"bool\"\n"),
            Kind::Step => s.push_str("normalize = \"goalpost\"\ngoalposts = [1, 5]\n"),
        }
    }
    s
}

/// One row of cells per unit-year: `(unit name, year, values)`, `NaN` for an empty cell.
fn rows(a: &Shape, mut each: impl FnMut(usize, &str, usize, &[f64])) {
    let mut rng = Rng(a.seed);
    let levels: Vec<f64> = (0..a.units).map(|_| rng.uniform()).collect();
    let mut cells = Vec::with_capacity(a.indicators);
    for y in 0..a.years {
        for (u, &level) in levels.iter().enumerate() {
            cells.clear();
            for k in 0..a.indicators {
                let v = value(&mut rng, k, level, y);
                cells.push(if rng.uniform() < a.missing { f64::NAN } else { v });
            }
            each(y, &format!("Xã Số {:05}", u + 1), 2020 + y, &cells);
        }
    }
}

/// The CSV of `a` in the project's own shape (`benches/stages.rs`; the generator takes a shape).
#[allow(dead_code)]
pub fn write_csv(a: &Shape, path: &Path) -> std::io::Result<()> {
    write_csv_as(a, Numbers::Short, path)
}

/// The CSV of `a` with its numbers written in shape `numbers`.
pub fn write_csv_as(a: &Shape, numbers: Numbers, path: &Path) -> std::io::Result<()> {
    let r = numbers == Numbers::Comma;
    let (sep, quote, na) = if r { (';', "\"", "NA") } else { (',', "", "") };
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut line = format!("{quote}unit{quote}{sep}{quote}year{quote}");
    for k in 0..a.indicators {
        let _ = write!(line, "{sep}{quote}i{:03}{quote}", k + 1);
    }
    writeln!(out, "{line}")?;
    let mut result = Ok(());
    rows(a, |_, unit, year, cells| {
        line.clear();
        let _ = write!(line, "{quote}{unit}{quote}{sep}{year}");
        for (k, &c) in cells.iter().enumerate() {
            line.push(sep);
            line.push_str(&if c.is_nan() { na.to_string() } else { text(numbers, k, c) });
        }
        if result.is_ok() {
            result = writeln!(out, "{line}");
        }
    });
    result?;
    out.flush()
}

pub fn write_xlsx(a: &Shape, path: &Path) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for y in 0..a.years {
        let ws = wb.add_worksheet().set_name((2020 + y).to_string())?;
        ws.write(0, 0, "unit")?;
        for k in 0..a.indicators {
            ws.write(0, k as u16 + 1, format!("i{:03}", k + 1))?;
        }
    }
    let mut result = Ok(());
    let mut next_row = vec![1u32; a.years];
    rows(a, |y, unit, _, cells| {
        let Ok(ws) = wb.worksheet_from_index(y) else { return };
        let r = next_row[y];
        next_row[y] += 1;
        let mut go = || -> Result<(), rust_xlsxwriter::XlsxError> {
            ws.write(r, 0, unit)?;
            for (k, c) in cells.iter().enumerate() {
                // The value as the CSV shows it (a workbook holds what was typed, not the draw).
                if let Ok(v) = text(Numbers::Short, k, *c).parse::<f64>()
                    && !c.is_nan()
                {
                    ws.write(r, k as u16 + 1, v)?;
                }
            }
            Ok(())
        };
        if result.is_ok() {
            result = go();
        }
    });
    result?;
    wb.save(path)
}
