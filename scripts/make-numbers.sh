#!/usr/bin/env bash
# Remakes tests/fixtures/numbers/: numbers as programs write them when nobody rounds (pandas'
# shortest round-trip digits with exponents and CRLF, R's 15 digits, both also with a decimal
# comma), and expected.json, what each cell denotes by Python's float() and by pandas'
# round-trip reader. `bash scripts/make-dialects.sh` installs the programs and runs this at its
# end; run it alone once they are there. CI never runs it: the files are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
out=tests/fixtures/numbers
py=target/dialects/venv/bin/python
if ! [ -x "$py" ] || ! command -v Rscript >/dev/null; then
  echo "error: pandas (in $py) or R is missing: run bash scripts/make-dialects.sh" >&2
  exit 1
fi
export LC_ALL=C.UTF-8 LANG=C.UTF-8
find "$out" -maxdepth 1 -type f -name '*.csv' -delete 2>/dev/null || true
"$py" scripts/dialects/long_numbers.py "$out"
Rscript scripts/dialects/long_numbers.R "$out"
"$py" scripts/dialects/long_numbers.py --expect "$out"
