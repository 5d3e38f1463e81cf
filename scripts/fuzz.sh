#!/usr/bin/env bash
# Fuzzes the spec parser, the CSV reader and the Excel reader with cargo-fuzz (libFuzzer).
#   bash scripts/fuzz.sh            # 180 s per target
#   FUZZ_SECONDS=10 bash scripts/fuzz.sh   # the smoke run CI does
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 lets the stable toolchain build it.
# `--release` builds like the shipped binary (no overflow checks), so the fuzzer finds what a
# user could hit. Without a sanitizer, a crash is a panic (which libFuzzer reports and saves under
# fuzz/artifacts/<target>/); any crash makes this script fail. Turn each one into a
# regression test named after what it found.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-180}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked --quiet
export RUSTC_BOOTSTRAP=1
for target in spec csv excel; do
  mkdir -p "fuzz/corpus/$target"
  # Seed the corpus with the project's own files so the fuzzer starts from real shapes.
  case "$target" in
    spec) cp indicators.toml examples/*/indicators.toml tests/fixtures/*/indicators.toml "fuzz/corpus/$target/" 2>/dev/null || true ;;
    csv) cp data/sample/*.csv examples/*/*.csv "fuzz/corpus/$target/" 2>/dev/null || true ;;
    # The first byte picks the format (0 xlsx, 1 xls, 2 ods): seed each with a real file.
    excel) for f in data/sample/*.xlsx tests/fixtures/dialects/*.xlsx tests/fixtures/dialects/*.xls tests/fixtures/dialects/*.ods; do
             [ -f "$f" ] || continue
             case "$f" in *.xlsx) k='\x00' ;; *.xls) k='\x01' ;; *.ods) k='\x02' ;; esac
             { printf "$k"; cat "$f"; } > "fuzz/corpus/$target/seed-$(basename "$f")"
           done ;;
  esac
  echo "== fuzz $target for ${seconds}s"
  cargo fuzz run "$target" --release --sanitizer none "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -print_final_stats=1 2>&1 | grep -E "^(==|stat::number_of_executed_units|Done|.*panicked|SUMMARY)" || true
  # One input running past 30 s is a hang: libFuzzer saves it as timeout-*; say so (a hang in
  # xls.rs was found this way and fixed).
  if ls "fuzz/artifacts/$target"/timeout-* >/dev/null 2>&1; then
    echo "warning: an input ran past 30 s in $target: see fuzz/artifacts/$target/timeout-*" >&2
  fi
  if ls "fuzz/artifacts/$target"/crash-* >/dev/null 2>&1; then
    echo "crash found by $target: see fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
