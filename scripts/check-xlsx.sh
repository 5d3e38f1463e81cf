#!/usr/bin/env bash
# Opens the workbooks dti writes in another spreadsheet program: LibreOffice, headless,
# converts the ranking workbook and the data-entry template to PDF, and the PDF text must
# show the Vietnamese names intact. Not run in CI (LibreOffice is a large install):
#   apt-get install libreoffice-calc poppler-utils && bash scripts/check-xlsx.sh
set -euo pipefail
cd "$(dirname "$0")/.."
command -v libreoffice >/dev/null || { echo "error: install libreoffice-calc (Debian)" >&2; exit 1; }
command -v pdftotext >/dev/null || { echo "error: install poppler-utils (Debian)" >&2; exit 1; }
cargo build --release --quiet --locked
out=target/check-xlsx
rm -rf "$out" && mkdir -p "$out"
bin=target/release/dti
$bin rank --output "$out/dti-2023.xlsx"
$bin rank --lang en --detail --output "$out/dti-2023-en.xlsx"
$bin template --year 2024,2025 --output "$out/template.xlsx" 2>/dev/null
for f in "$out"/*.xlsx; do
  # A fresh profile each time: LibreOffice refuses to start twice on one profile.
  libreoffice -env:UserInstallation="file://$PWD/$out/profile" --headless --convert-to pdf --outdir "$out" "$f" \
    >"$out/$(basename "$f" .xlsx).log" 2>&1
  pdf="$out/$(basename "$f" .xlsx).pdf"
  [ -s "$pdf" ] || { echo "FAIL $f: LibreOffice wrote no PDF (see ${pdf%.pdf}.log)" >&2; exit 1; }
  pdftotext -layout "$pdf" "${pdf%.pdf}.txt"
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  echo "ok $f → $pdf ($pages pages)"
done
grep -q "Hà Nội" "$out/dti-2023.txt"
grep -q "Thừa Thiên Huế" "$out/dti-2023.txt"
grep -q "Xếp hạng\|Hạng" "$out/dti-2023.txt"
grep -q "Tỷ lệ\|Hướng dẫn\|Mẫu nhập số liệu" "$out/template.txt"
echo "ok: LibreOffice opened every workbook and the Vietnamese text survived"
