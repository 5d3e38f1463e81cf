//! Writes a 63-unit, 24-indicator, 3-pillar index (spec and one year of data) for the
//! sensitivity benchmark in BENCHMARKS.md:
//!
//! ```text
//! cargo run --release --example sensitivity_fixture -- target/bench-sensitivity
//! ```
//!
//! Values are seeded pseudo-random draws around a per-unit level, so the indicators correlate
//! as real ones do; nothing here is real data.

use std::fmt::Write as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "target/bench-sensitivity".into());
    std::fs::create_dir_all(&dir)?;
    let mut state: u64 = 2024;
    let mut uniform = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut spec = String::from(
        "[index]\nid = \"idx\"\ndata = [\"data.csv\"]\nchildren = { p1 = 1, p2 = 1, p3 = 1 }\n\n[defaults]\nnormalize = \"minmax\"\n",
    );
    for p in 1..=3 {
        let kids: Vec<String> = (1..=8).map(|i| format!("i{p}_{i} = {}", 1 + (i % 3))).collect();
        writeln!(spec, "\n[[node]]\nid = \"p{p}\"\npillar = true\nchildren = {{ {} }}", kids.join(", "))?;
    }
    for p in 1..=3 {
        for i in 1..=8 {
            let dir = if i % 5 == 0 { "lower" } else { "higher" };
            writeln!(spec, "\n[[indicator]]\nid = \"i{p}_{i}\"\ndirection = \"{dir}\"")?;
        }
    }
    let mut data = String::from("unit,year");
    for p in 1..=3 {
        for i in 1..=8 {
            write!(data, ",i{p}_{i}")?;
        }
    }
    data.push('\n');
    for u in 0..63 {
        let level = uniform();
        write!(data, "U{u:02},2024")?;
        for p in 1..=3 {
            for i in 1..=8 {
                let v = if i % 5 == 0 {
                    100.0 * (1.0 - level) + 30.0 * uniform()
                } else {
                    100.0 * level + 30.0 * uniform()
                };
                write!(data, ",{:.2}", v + f64::from(p))?;
            }
        }
        data.push('\n');
    }
    std::fs::write(format!("{dir}/indicators.toml"), spec)?;
    std::fs::write(format!("{dir}/data.csv"), data)?;
    eprintln!("wrote {dir}/indicators.toml and {dir}/data.csv");
    Ok(())
}
