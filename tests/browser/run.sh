#!/usr/bin/env bash
# The browser test of `dti report`: renders report pages with Debian's headless Chromium
# (through playwright-core, which drives it but downloads no browser) and checks them
# (check-report.mjs). Installs chromium with apt-get when missing and running as root (CI);
# the npm package comes from package-lock.json. PNGs, DOM dumps and PDFs go to
# target/browser/, out of git.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  else
    echo "error: chromium is not installed (apt-get install chromium)" >&2
    exit 1
  fi
fi
(cd tests/browser && npm ci --no-audit --no-fund --silent)
cargo build --quiet --locked
out=target/browser
rm -rf "$out" && mkdir -p "$out"
bin=target/debug/dti
$bin report "Hà Nội" --output "$out/ha-noi.html"
$bin report "Thanh Hoa" --lang en --output "$out/thanh-hoa-en.html"
$bin report South --spec examples/minimal/indicators.toml --output "$out/minimal-south.html"
$bin report "Đà Nẵng" --year 2021 --output "$out/da-nang-one-year.html"
# Pages with the "what it takes" section (a name with -plan- asks the checks for it).
$bin report "Trà Vinh" --plan 10 --output "$out/tra-vinh-plan-10.html"
$bin report "Thanh Hoa" --lang en --plan 5 --output "$out/thanh-hoa-en-plan-5.html"
node tests/browser/check-report.mjs "$out/ha-noi.html#Đồng bằng sông Hồng" \
  "$out/thanh-hoa-en.html#Bắc Trung Bộ và duyên hải miền Trung" "$out/minimal-south.html" \
  "$out/da-nang-one-year.html#Bắc Trung Bộ và duyên hải miền Trung" \
  "$out/tra-vinh-plan-10.html#Đồng bằng sông Cửu Long" "$out/thanh-hoa-en-plan-5.html"
# A control: a page that fetches an image and overflows A4 must fail the same checks.
mkdir -p "$out/control"
sed 's|<main class="page">|<main class="page"><img src="https://example.com/logo.png"><div style="width:1200px">wide</div>|' \
  "$out/minimal-south.html" > "$out/control/bad.html"
if node tests/browser/check-report.mjs "$out/control/bad.html" 2> "$out/control/stderr.txt"; then
  echo "error: the browser checks passed a page that fetches from the network" >&2
  exit 1
fi
grep -q "requests left the page: https://example.com/logo.png" "$out/control/stderr.txt"
grep -q "more than A4" "$out/control/stderr.txt"
echo "ok control: a page with a network request and an overflow is refused"
# And a page checked for a region it is not in must fail.
if node tests/browser/check-report.mjs "$out/ha-noi.html#Tây Nguyên" 2> "$out/control/region.txt"; then
  echo "error: the browser checks found Tây Nguyên on Hà Nội's page" >&2
  exit 1
fi
grep -q "does not name Tây Nguyên" "$out/control/region.txt"
echo "ok control: a page without the asked region is refused"
