#!/usr/bin/env bash
# Times `dti sensitivity` end to end (release build, whole process) for BENCHMARKS.md.
# Uses hyperfine when installed (apt-get install hyperfine), else 5 timed runs and the median.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
cargo run --release --quiet --example sensitivity_fixture -- target/bench-sensitivity
bin=target/release/dti
cases=(
  "$bin sensitivity --runs 10000 --weight-noise 0.25 --normalize minmax,goalpost --format json"
  "$bin sensitivity --spec target/bench-sensitivity/indicators.toml --runs 1000 --weight-noise 0.25 --normalize minmax,zscore --format json"
  "$bin sensitivity --runs 10000 --weight-noise 0.25 --normalize minmax,goalpost --aggregate mean,geometric --drop-one --format json"
)
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 2 --runs 10 -N "${cases[@]}"
else
  for c in "${cases[@]}"; do
    times=()
    for _ in 1 2 3 4 5; do
      s=$(date +%s.%N); $c >/dev/null; e=$(date +%s.%N)
      times+=("$(echo "$e - $s" | bc -l)")
    done
    med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    printf '%8.3f s  (median of 5)  %s\n' "$med" "$c"
  done
fi
