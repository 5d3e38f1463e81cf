//! Each stage of `dti rank`, at three sizes (divan): load a CSV file, load a workbook, validate,
//! score, rank, compare. `cargo bench` runs them; `scripts/bench.sh` times the whole process.
//!
//! | size | units | indicators | years | cells |
//! |---|---|---|---|---|
//! | provinces | 63 | 100 | 2 | 12,600 |
//! | districts | 700 | 100 | 5 | 350,000 |
//! | communes | 10,000 | 100 | 5 | 5,000,000 |
//!
//! The workbook of the communes size holds one year (1 million cells): the target for
//! Excel, and writing five years of it would take the benchmark longer than reading it. Data
//! are generated once per size into `target/bench-data/stages-*/` (seeded, like `examples/generate`).

#[allow(dead_code)]
mod synth;

use dti::load::{RawTable, ReadOptions, load_table};
use dti::model::panel::Panel;
use dti::model::tree::IndicatorTree;
use dti::score::compare::{Basis, ranking};
use dti::score::{Scores, rank::rank, score_keeping};
use dti::validate::{DataOptions, header_hint, panel, spec};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use synth::Shape;

const SIZES: [&str; 3] = ["provinces", "districts", "communes"];

fn main() {
    divan::main();
}

/// One size's files and what each stage hands to the next.
struct Fixture {
    csv: PathBuf,
    xlsx: PathBuf,
    tree: IndicatorTree,
    tables: Vec<RawTable>,
    panel: Panel,
    scores: Scores,
    read: ReadOptions,
}

fn shape(size: &str) -> Shape {
    let (units, years) = match size {
        "provinces" => (63, 2),
        "districts" => (700, 5),
        _ => (10_000, 5),
    };
    Shape { units, indicators: 100, years, missing: 0.03, seed: 1 }
}

fn build(size: &str) -> Fixture {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data").join(format!("stages-{size}"));
    std::fs::create_dir_all(&dir).expect("bench data folder");
    let shape = shape(size);
    let csv = dir.join("data.csv");
    let source = synth::spec(&shape, "data.csv");
    if !csv.exists() {
        synth::write_csv(&shape, &csv).expect("write the CSV");
    }
    let xlsx = dir.join("data.xlsx");
    if !xlsx.exists() {
        let one_year = Shape { years: if size == "communes" { 1 } else { shape.years }, ..shape.clone() };
        synth::write_xlsx(&one_year, &xlsx).expect("write the workbook");
    }
    let (tree, _) = spec(&source, "indicators.toml", &dir).expect("the generated spec is valid");
    let read = ReadOptions { hint: header_hint(&tree, None), ..ReadOptions::default() };
    let tables = load_table(&csv, &read).expect("the CSV loads");
    let (panel, _) = panel(&tree, &tables, &DataOptions::default()).expect("the data are valid");
    let (scores, _) = score_keeping(&tree, &panel, &|_| false).expect("the data score");
    Fixture { csv, xlsx, tree, tables, panel, scores, read }
}

fn fixture(size: &str) -> &'static Fixture {
    static CELLS: [OnceLock<Fixture>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = SIZES.iter().position(|s| *s == size).expect("a known size");
    CELLS[i].get_or_init(|| build(size))
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn load_csv(bencher: divan::Bencher, size: &str) {
    let f = fixture(size);
    bencher.bench(|| load_table(&f.csv, &f.read).expect("loads"));
}

#[divan::bench(args = SIZES, sample_count = 5)]
fn load_excel(bencher: divan::Bencher, size: &str) {
    let f = fixture(size);
    bencher.bench(|| load_table(&f.xlsx, &f.read).expect("loads"));
}

/// Raw tables → panel: finds the columns, matches the units, reads every cell (for a CSV file
/// this reads its records again).
#[divan::bench(args = SIZES, sample_count = 10)]
fn validate(bencher: divan::Bencher, size: &str) {
    let f = fixture(size);
    bencher.bench(|| panel(&f.tree, &f.tables, &DataOptions::default()).expect("valid"));
}

/// Normalise and aggregate every year, ranking every composite (what `dti rank` keeps).
#[divan::bench(args = SIZES, sample_count = 10)]
fn score(bencher: divan::Bencher, size: &str) {
    let f = fixture(size);
    bencher.bench(|| score_keeping(&f.tree, &f.panel, &|_| false).expect("scores"));
}

/// Ranking alone: the root of every year.
#[divan::bench(args = SIZES, sample_count = 10)]
fn rank_root(bencher: divan::Bencher, size: &str) {
    let f = fixture(size);
    let root = f.tree.root;
    bencher.bench(|| {
        let ranks: Vec<_> = f
            .scores
            .years
            .iter()
            .map(|ys| rank(&ys.values[root], f.tree.info.ties, f.tree.info.rank_decimals))
            .collect();
        ranks
    });
}

/// The last year lined up against the one before, in display order.
#[divan::bench(args = SIZES, sample_count = 10)]
fn compare(bencher: divan::Bencher, size: &str) {
    let f = fixture(size);
    let n = f.scores.years.len();
    let (now, then) = (&f.scores.years[n - 1], &f.scores.years[n - 2]);
    bencher.bench(|| ranking(&f.tree, &f.panel.units, now, Some(then), Basis::AsGiven).rows.len());
}
