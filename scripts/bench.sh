#!/usr/bin/env bash
# Times the whole `dti rank` process at three sizes, for BENCHMARKS.md: the release build,
# data made by `examples/generate` into target/bench-data/ (seeded, not in git), hyperfine
# (Debian package `hyperfine`) for the wall time, `/usr/bin/time -v` for the peak memory.
#
#   bash scripts/bench.sh            # the table of BENCHMARKS.md
#   RUNS=20 bash scripts/bench.sh    # more runs per case
#   GROWTH=1 bash scripts/bench.sh   # also how the cost grows with units, indicators, years
#   PLAN_ONLY=1 bash scripts/bench.sh  # only `dti plan` for every province (issue 14; no hyperfine)
#   PEER=1 bash scripts/bench.sh     # also every number shape against pandas and the parse floor
#                                    # (issue 12; needs pandas: pip install -r scripts/peer/requirements.txt);
#                                    # the three programs' runs interleaved (PEER_HYPERFINE=1: hyperfine's)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-10}

# Issue 14: `dti plan` for every province of the bundled index, whole process, < 50 ms each.
# A timed loop (no hyperfine needed): every province at --rank 10 and --rank 1, `runs` times.
plan_bench() {
  cargo build --release --quiet --locked
  local provinces; provinces=$(awk -F, 'NR > 1 && $2 == 2023 {print $1}' data/sample/dti-sample-2021-2023.csv)
  local times; times=$(mktemp)
  while IFS= read -r p; do
    for k in 10 1; do
      target/release/dti plan "$p" --rank "$k" >/dev/null # warm-up
      for _ in $(seq "$runs"); do
        local t0 t1; t0=$(date +%s%N)
        target/release/dti plan "$p" --rank "$k" >/dev/null
        t1=$(date +%s%N)
        echo "$p|$k|$(( (t1 - t0) / 1000 ))" >>"$times"
      done
    done
  done <<<"$provinces"
  python3 - "$times" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1], encoding="utf-8")]
by = {}
for p, k, us in rows:
    by.setdefault((p, k), []).append(int(us) / 1000)
meds = {key: statistics.median(v) for key, v in by.items()}
worst = max(meds, key=meds.get)
all_ms = [int(r[2]) / 1000 for r in rows]
print(f"| dti plan, every province of the bundled index, --rank 10 and --rank 1 ({len(by)} cases × {len(all_ms) // len(by)} runs)"
      f" | < 50 ms | {statistics.median(all_ms):.1f} ms | slowest case {worst[0]} --rank {worst[1]}: {meds[worst]:.1f} ms (median); max of any run {max(all_ms):.1f} ms |")
PY
  rm -f "$times"
}
if [ "${PLAN_ONLY:-0}" = 1 ]; then
  plan_bench
  exit 0
fi

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
row "bundled data (63 provinces, 31 indicators, 3 years)" "< 20 ms" . data/sample/dti-sample-2021-2023.csv
row "provinces: 63 × 100 × 2 years, CSV" "–" "$data/provinces" "$data/provinces/data.csv"
row "districts: 700 × 100 × 5 years, CSV" "–" "$data/districts" "$data/districts/data.csv"
row "communes: 10,000 × 100 × 5 years, CSV (5 M cells)" "< 1.5 s, < 4×" "$data/communes" "$data/communes/data.csv"
row "communes: 10,000 × 100 × 1 year, CSV (1 M cells)" "< 0.3 s, < 4×" "$data/communes-1y" "$data/communes-1y/data.csv"
row "communes: 10,000 × 100 × 1 year, xlsx (1 M cells)" "< 3 s" "$data/communes-1y-xlsx" "$data/communes-1y-xlsx/data.xlsx"

echo
echo "| case | target | median | worst |"
echo "|---|---|---|---|"
plan_bench

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

if [ "${PEER:-0}" = 1 ]; then
  # Issue 12: dti against the pandas script an analyst writes (scripts/peer/pandas_rank.py) and
  # against the parse floor (examples/floor.rs), on every number shape the generator writes,
  # their runs interleaved per case so that the three share the machine's state. Each case is
  # also checked: dti's numbers against pandas' (scripts/peer/compare.py, 1e-9).
  python3 -c 'import pandas' 2>/dev/null || {
    echo "pandas is missing: installing the pinned version (python3 -m pip install -r scripts/peer/requirements.txt)" >&2
    python3 -m pip install --quiet -r scripts/peer/requirements.txt
  }
  cargo build --release --quiet --locked --example floor
  floor=target/release/examples/floor
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  echo
  protocol="interleaved, median of $runs rounds"
  [ "${PEER_HYPERFINE:-0}" = 1 ] && protocol="hyperfine, median of $runs runs"
  echo "Against pandas $(python3 -c 'import pandas; print(pandas.__version__)') and the parse floor (10,000 units × 100 indicators; $protocol):"
  echo
  echo "| numbers | years ranked | input | dti rank | pandas | floor | pandas ÷ dti | per round: median, rounds ≥ 10× | dti ÷ floor | dti peak memory | memory ÷ input | max \|dti − pandas\| |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for years in 1 5; do
    for shape in short decimals3 full comma mixed; do
      name="peer-$years-$shape"
      [ -f "$data/$name/data.csv" ] || $gen --units 10000 --indicators 100 --years "$years" --missing 0.03 --seed 1 \
        --shape "$shape" --out "$data/$name" 2>/dev/null
      dir=$data/$name file=$data/$name/data.csv
      # The generator's years are 2020…; five years rank the last against the one before.
      if [ "$years" = 1 ]; then
        sel=(--year 2020) floor_sel=() what="2020 of 1"
      else
        sel=(--year 2024 --compare 2023) floor_sel=(--years 2024,2023) what="2024 vs 2023 of 5"
      fi
      dti_cmd="$bin rank --spec $dir/indicators.toml --data $file --format csv ${sel[*]}"
      pandas_cmd="python3 scripts/peer/pandas_rank.py --spec $dir/indicators.toml --data $file --shape $shape ${sel[*]} --out $work/pandas.csv"
      floor_cmd="$floor $file ${floor_sel[*]}"
      $pandas_cmd
      # A shape dti rejects is a result too: its row says so, and only pandas and the floor run.
      if $dti_cmd >"$work/dti.csv" 2>"$work/dti.err"; then
        cmds=("$dti_cmd" "$pandas_cmd" "$floor_cmd")
        check=$(python3 scripts/peer/compare.py "$work/dti.csv" "$work/pandas.csv" --label "$shape, $what") || true
        echo "$check" >>"$work/compare.log"
        diff=$(sed -E 's/.*max \|dti − pandas\| = ([^ ]+).*, ([0-9]+) ranks differ.*/\1, \2 ranks differ/' <<<"$check")
        case $check in *FAIL*) diff="$diff, **FAIL**" ;; esac
      else
        cmds=("$pandas_cmd" "$floor_cmd")
        diff="**dti fails**: $(tail -n 1 "$work/dti.err")"
      fi
      if [ "${PEER_HYPERFINE:-0}" = 1 ]; then
        # The first protocol: hyperfine runs each program's runs one after the other.
        json=$work/hyperfine.json
        hyperfine --warmup 1 --runs "$runs" -N --export-json "$json" "${cmds[@]}" >/dev/null
        medians=$(python3 -c "
import json
print(*[r['median'] * 1000 for r in json.load(open('$json'))['results']])")
      else
        # Interleaved: one run of each program in turn, $runs rounds after a warm-up round.
        # This machine is a shared VM whose other tenants' load comes in bursts of seconds;
        # run one after the other, a burst lands on all of one program's runs and none of
        # another's. Interleaved, it lands on all of them alike. (Timed from Python: about a
        # millisecond more per run than hyperfine's, the same for every program.)
        medians=$(python3 scripts/peer/interleave.py --save "$work/rounds.json" "$runs" "${cmds[@]}")
      fi
      # pandas ÷ dti within each round (the two ran seconds apart, under the same load): the
      # median, and how many rounds reached 10×. Only the interleaved protocol has rounds.
      per_round=–
      if [ -f "$work/rounds.json" ] && [ ${#cmds[@]} = 3 ]; then
        per_round=$(python3 -c "
import json, statistics
t = json.load(open('$work/rounds.json'))
r = [p / d for d, p in zip(t[0], t[1])]
print(f'{statistics.median(r):.1f}×, {sum(x >= 10 for x in r)} of {len(r)}')")
      fi
      rm -f "$work/rounds.json"
      # Medians in ms, dti's first when it ran; "-" in its place when it did not.
      read -r t_dti t_pandas t_floor < <(python3 -c "
import sys
m = sys.argv[1:]
print(*(m if len(m) == 3 else ['-'] + m))" $medians)
      bytes=$(stat -c %s "$file")
      mb() { echo "$1 / 1000000" | bc -l; }
      if [ "$t_dti" != - ]; then
        kb=$(peak $dti_cmd)
        printf '| %s | %s | %.1f MB | %.0f ms | %.0f ms | %.0f ms | **%.1f×** | %s | **%.2f×** | %.1f MB | %.2f× | %s |\n' \
          "$shape" "$what" "$(mb "$bytes")" "$t_dti" "$t_pandas" "$t_floor" \
          "$(echo "$t_pandas / $t_dti" | bc -l)" "$per_round" "$(echo "$t_dti / $t_floor" | bc -l)" \
          "$(mb "$((kb * 1024))")" "$(echo "$kb * 1024 / $bytes" | bc -l)" "$diff"
      else
        printf '| %s | %s | %.1f MB | – | %.0f ms | %.0f ms | – | – | – | – | – | %s |\n' \
          "$shape" "$what" "$(mb "$bytes")" "$t_pandas" "$t_floor" "$diff"
      fi
    done
  done
  # The comma shape claims to be what R's write.csv2 writes: R reads it and writes it back,
  # and the bytes must not change.
  if command -v Rscript >/dev/null; then
    Rscript -e 'd <- read.csv2(commandArgs(TRUE)[1], fileEncoding = "UTF-8", check.names = FALSE)
                write.csv2(d, commandArgs(TRUE)[2], row.names = FALSE, fileEncoding = "UTF-8")' \
      "$data/peer-1-comma/data.csv" "$work/r.csv"
    echo
    if cmp -s "$data/peer-1-comma/data.csv" "$work/r.csv"; then
      echo "R's write.csv2 writes the comma file byte for byte ($(Rscript -e 'cat(R.version.string)'))."
    else
      echo "**R's write.csv2 writes the comma file differently**: cmp $data/peer-1-comma/data.csv against its write.csv2"
    fi
  fi
  echo
  echo "dti against pandas, every column of every unit (scripts/peer/compare.py):"
  echo
  sed 's/^/    /' "$work/compare.log"
fi
