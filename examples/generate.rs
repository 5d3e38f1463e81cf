//! Writes a composite index and its data at any size, for benchmarks and load tests:
//!
//! ```text
//! cargo run --release --example generate -- --units 10000 --indicators 100 --years 5 \
//!     --missing 0.03 --seed 1 --format csv --out target/gen/communes
//! ```
//!
//! The output folder gets `indicators.toml` and `data.csv` (wide: `unit,year,i001,…`) or
//! `data.xlsx` (a sheet per year); `--missing` of the cells are left empty. The shapes of the
//! values are described in `benches/synth.rs`, which the benchmarks share. The same arguments
//! give the same bytes.
//!
//! `--shape` writes the same values as another program would (CSV only): `decimals3`
//! (`54.858`), `full` (`54.85812345678901`, as pandas writes), `comma` (`54,858` in a
//! `;`-separated file, as R's `write.csv2` writes) or `mixed` (a shape per column: `36.3%`,
//! `"1,006.0"`, `5.717e-01`, …). Without it (`short`), values have 2 or 4 decimals.

#[path = "../benches/synth.rs"]
mod synth;

use std::path::Path;
use synth::{Numbers, Shape};

struct Args {
    shape: Shape,
    numbers: Numbers,
    format: String,
    out: String,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        shape: Shape { units: 63, indicators: 100, years: 2, missing: 0.03, seed: 1 },
        numbers: Numbers::Short,
        format: "csv".into(),
        out: "target/gen".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--units" => a.shape.units = value.parse().map_err(|e| bad(&e))?,
            "--indicators" => a.shape.indicators = value.parse().map_err(|e| bad(&e))?,
            "--years" => a.shape.years = value.parse().map_err(|e| bad(&e))?,
            "--missing" => a.shape.missing = value.parse().map_err(|e| bad(&e))?,
            "--seed" => a.shape.seed = value.parse().map_err(|e| bad(&e))?,
            "--shape" => a.numbers = value.parse().map_err(|e| bad(&e))?,
            "--format" => a.format = value,
            "--out" => a.out = value,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    let s = &a.shape;
    if s.units < 2 || s.indicators < 3 || s.years < 1 || !(0.0..0.5).contains(&s.missing) {
        return Err("need --units ≥ 2, --indicators ≥ 3, --years ≥ 1 and 0 ≤ --missing < 0.5".into());
    }
    if !matches!(a.format.as_str(), "csv" | "xlsx") {
        return Err(format!("--format {}: use csv or xlsx", a.format));
    }
    if a.format == "xlsx" && a.numbers != Numbers::Short {
        return Err("--shape is for CSV: a workbook holds numbers, not their text".into());
    }
    Ok(a)
}

fn main() {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("generate: {e}");
            std::process::exit(2);
        }
    };
    let data = format!("data.{}", a.format);
    let out = Path::new(&a.out);
    let written = std::fs::create_dir_all(out)
        .map_err(|e| e.to_string())
        .and_then(|()| {
            std::fs::write(out.join("indicators.toml"), synth::spec(&a.shape, &data)).map_err(|e| e.to_string())
        })
        .and_then(|()| {
            let path = out.join(&data);
            if a.format == "csv" {
                synth::write_csv_as(&a.shape, a.numbers, &path).map_err(|e| e.to_string())
            } else {
                synth::write_xlsx(&a.shape, &path).map_err(|e| e.to_string())
            }
        });
    if let Err(e) = written {
        eprintln!("generate: {e}");
        std::process::exit(1);
    }
    let s = &a.shape;
    eprintln!(
        "wrote {}/indicators.toml and {}/{data}: {} units × {} indicators × {} years",
        a.out, a.out, s.units, s.indicators, s.years
    );
}
