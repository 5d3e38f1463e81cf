#!/usr/bin/env bash
# Times the whole `dti rank` process at three sizes, for BENCHMARKS.md: the release build,
# data made by `examples/generate` into target/bench-data/ (seeded, not in git), hyperfine
# (Debian package `hyperfine`) for the wall time, `/usr/bin/time -v` for the peak memory.
#
#   bash scripts/bench.sh            # the table of BENCHMARKS.md
#   RUNS=20 bash scripts/bench.sh    # more runs per case
#   GROWTH=1 bash scripts/bench.sh   # also how the cost grows with units, indicators, years
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}
command -v hyperfine >/dev/null || { echo "error: install hyperfine (apt-get install hyperfine)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "error: install GNU time (apt-get install time)" >&2; exit 1; }
cargo build --release --quiet --locked --example generate
cargo build --release --quiet --locked
bin=target/release/dti
gen=target/release/examples/generate
data=target/bench-data

make() { # name units indicators years format
  [ -f "$data/$1/data.$5" ] && [ -f "$data/$1/indicators.toml" ] || $gen --units "$2" --indicators "$3" --years "$4" --missing 0.03 --seed 1 \
    --format "$5" --out "$data/$1" 2>/dev/null
}

peak() { # command… → peak resident memory in KB
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}

row() { # label target-ms spec-dir data-file
  local label=$1 target=$2 dir=$3 file=$4
  local json; json=$(mktemp)
  hyperfine --warmup 2 --runs "$runs" -N --export-json "$json" \
    "$bin rank --spec $dir/indicators.toml --data $file --format csv" >/dev/null
  local median mean sd
  read -r median mean sd < <(python3 -c "import json,sys; r=json.load(open('$json'))['results'][0]; print(r['median']*1000, r['mean']*1000, r['stddev']*1000)")
  rm -f "$json"
  local kb bytes
  kb=$(peak "$bin" rank --spec "$dir/indicators.toml" --data "$file" --format csv)
  bytes=$(stat -c %s "$file")
  printf '| %s | %s | %.1f ms | %.1f ± %.1f ms | %.1f MB | %.1f MB | %.2f× |\n' \
    "$label" "$target" "$median" "$mean" "$sd" "$(echo "$bytes / 1000000" | bc -l)" \
    "$(echo "$kb * 1024 / 1000000" | bc -l)" "$(echo "$kb * 1024 / $bytes" | bc -l)"
}

make provinces 63 100 2 csv
make districts 700 100 5 csv
make communes 10000 100 5 csv
make communes-1y 10000 100 1 csv
make communes-1y-xlsx 10000 100 1 xlsx

echo "dti $(git describe --always --dirty 2>/dev/null || echo '?'), $(nproc) cores, $(uname -sr), $runs runs each"
echo
echo "| case | target | median | mean ± σ | input | peak memory | memory ÷ input |"
echo "|---|---|---|---|---|---|---|"
row "bundled data (63 provinces, 31 indicators, 2 years)" "< 20 ms" . data/sample/dti-sample-2022-2023.csv
row "provinces: 63 × 100 × 2 years, CSV" "–" "$data/provinces" "$data/provinces/data.csv"
row "districts: 700 × 100 × 5 years, CSV" "–" "$data/districts" "$data/districts/data.csv"
row "communes: 10,000 × 100 × 5 years, CSV (5 M cells)" "< 1.5 s, < 4×" "$data/communes" "$data/communes/data.csv"
row "communes: 10,000 × 100 × 1 year, CSV (1 M cells)" "< 0.3 s, < 4×" "$data/communes-1y" "$data/communes-1y/data.csv"
row "communes: 10,000 × 100 × 1 year, xlsx (1 M cells)" "< 3 s" "$data/communes-1y-xlsx" "$data/communes-1y-xlsx/data.xlsx"

if [ "${GROWTH:-0}" = 1 ]; then
  echo
  echo "Growth (median of $runs runs; CSV):"
  echo
  echo "| units | indicators | years | cells | median | peak memory |"
  echo "|---|---|---|---|---|---|"
  for shape in "2500 100 1" "5000 100 1" "10000 100 1" "20000 100 1" "10000 25 1" "10000 50 1" "10000 200 1" "10000 100 2" "10000 100 5" "10000 100 10"; do
    read -r u k y <<<"$shape"
    name="growth-$u-$k-$y"
    make "$name" "$u" "$k" "$y" csv
    json=$(mktemp)
    hyperfine --warmup 1 --runs "$runs" -N --export-json "$json" \
      "$bin rank --spec $data/$name/indicators.toml --format csv" >/dev/null
    median=$(python3 -c "import json; print(json.load(open('$json'))['results'][0]['median']*1000)")
    rm -f "$json"
    kb=$(peak "$bin" rank --spec "$data/$name/indicators.toml" --format csv)
    printf '| %s | %s | %s | %s | %.0f ms | %.1f MB |\n' "$u" "$k" "$y" "$((u * k * y))" "$median" \
      "$(echo "$kb * 1024 / 1000000" | bc -l)"
  done
fi
