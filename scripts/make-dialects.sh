#!/usr/bin/env bash
# Remakes tests/fixtures/dialects/: the one table of clean.csv, saved by the programs users
# really have (LibreOffice, Gnumeric, openpyxl, pandas, R, Python's csv module), so the tests
# read what those programs write rather than what we think they write. Run as root on Debian:
#
#   bash scripts/make-dialects.sh
#
# Installs what is missing (Debian packages; pandas and openpyxl at pinned versions into a venv
# under target/), deletes every file of the folder but indicators.toml and clean.csv, writes
# them again and records the program versions in the folder's README.md. CI never runs this:
# the files it makes are committed. Programs stamp the time into their files, so a second run
# gives the same tables in files that differ byte-wise.
set -euo pipefail
cd "$(dirname "$0")/.."

PANDAS=3.1.1
OPENPYXL=3.1.5
out=tests/fixtures/dialects
work=target/dialects # scratch: venv, LibreOffice profile, source workbooks
venv=$work/venv
# Every program under one English UTF-8 locale: R escapes non-ASCII text in the C locale, and
# LibreOffice's "as shown" export uses the locale's decimal mark.
export LC_ALL=C.UTF-8 LANG=C.UTF-8

# --- Programs -----------------------------------------------------------------------------
missing=()
command -v soffice >/dev/null || missing+=(libreoffice)
command -v ssconvert >/dev/null || missing+=(gnumeric)
command -v Rscript >/dev/null || missing+=(r-base-core)
if ((${#missing[@]})); then
  apt-get update
  # The -nogui build is the smaller one; older releases only have libreoffice-calc.
  if [[ " ${missing[*]} " == *" libreoffice "* ]]; then
    lo=libreoffice-calc-nogui
    apt-cache show "$lo" >/dev/null 2>&1 || lo=libreoffice-calc
    missing=("${missing[@]/libreoffice/$lo}")
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# A venv: Debian's own python3 refuses a global pip install (PEP 668).
if ! "$venv/bin/python" -c "
import pandas, openpyxl, sys
sys.exit(pandas.__version__ != '$PANDAS' or openpyxl.__version__ != '$OPENPYXL')" 2>/dev/null; then
  python3 -m venv "$venv" 2>/dev/null || {
    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
    python3 -m venv "$venv"
  }
  "$venv/bin/pip" install --quiet "pandas==$PANDAS" "openpyxl==$OPENPYXL"
fi

# --- Fixtures -----------------------------------------------------------------------------
find "$out" -maxdepth 1 -type f ! -name indicators.toml ! -name clean.csv -delete
rm -rf "$work/src" && mkdir -p "$work/src"

# openpyxl and pandas fixtures, and the source workbooks the other programs convert.
"$venv/bin/python" scripts/dialects/make.py "$out/clean.csv" "$out/indicators.toml" "$out" "$work/src"

# One LibreOffice conversion: SOURCE FILTER DEST. soffice names its output after the source, so
# it writes into a fresh folder and the result is moved. Its own profile, as a running desktop
# LibreOffice would otherwise make the headless one hand the job over and exit.
lo_convert() {
  local tmp made
  tmp=$(mktemp -d "$work/lo.XXXXXX")
  soffice -env:UserInstallation="file://$PWD/$work/profile" --headless \
    --convert-to "$2" --outdir "$tmp" "$1" >"$work/soffice.log" 2>&1 || true
  made="$tmp/$(basename "${1%.*}").${2%%:*}"
  [[ -s $made ]] || { echo "error: LibreOffice wrote no $3:" >&2; cat "$work/soffice.log" >&2; exit 1; }
  mv "$made" "$3"
  rm -rf "$tmp"
}

# CSV filter options: separator, quote, character set, first line, (import-only formats),
# language, quote all text, (import-only), save cell contents as shown, export formulas, trim.
# Character sets by LibreOffice's number: 76 UTF-8, 40 Windows-1258, 65535 UTF-16 ("Unicode").
csv_opts() { echo "$1,34,$2,1,,0,false,true,true,false,false"; }
lo_convert "$work/src/flat.xlsx" "csv:Text - txt - csv (StarCalc):$(csv_opts 44 76)" "$out/libreoffice-utf8.csv"
lo_convert "$work/src/flat.xlsx" "csv:Text - txt - csv (StarCalc):$(csv_opts 44 40)" "$out/libreoffice-windows1258.csv"
lo_convert "$work/src/flat.xlsx" "txt:Text - txt - csv (StarCalc):$(csv_opts 9 65535)" "$out/libreoffice-utf16-tab.txt"
# LibreOffice has no line-ending option (it writes the system's, LF here), so the CRLF and
# CR-only files are its UTF-8 export with the line ends swapped; no cell holds a line break.
sed 's/$/\r/' "$out/libreoffice-utf8.csv" >"$out/libreoffice-utf8-crlf.csv"
tr '\n' '\r' <"$out/libreoffice-utf8.csv" >"$out/libreoffice-utf8-cr.csv"

# Round-trips of the report workbooks: opening computes the formula openpyxl left uncached, and
# saving stores its value.
lo_convert "$work/src/report.xlsx" "xlsx:Calc MS Excel 2007 XML" "$out/report-libreoffice.xlsx"
lo_convert "$work/src/report.xlsx" "xls:MS Excel 97" "$out/report-libreoffice.xls"
lo_convert "$work/src/report.xlsx" "ods:calc8" "$out/report-libreoffice.ods"
lo_convert "$out/report2rows-openpyxl.xlsx" "xlsx:Calc MS Excel 2007 XML" "$out/report2rows-libreoffice.xlsx"
lo_convert "$out/report2rows-openpyxl.xlsx" "ods:calc8" "$out/report2rows-libreoffice.ods"
# Gnumeric computes the uncached formula either way (seen in 1.12.55); --recalc makes sure of
# it. It warns about openpyxl's <workbookProtection> element, which it does not know: harmless.
ssconvert --recalc -T Gnumeric_Excel:xlsx2 "$work/src/report.xlsx" "$out/report-gnumeric.xlsx" 2>"$work/ssconvert.log"
ssconvert --recalc -T Gnumeric_Excel:excel_biff8 "$work/src/report.xlsx" "$out/report-gnumeric.xls" 2>>"$work/ssconvert.log"

Rscript scripts/dialects/make.R "$out/clean.csv" "$out"
# Long numbers as pandas and R write them, in tests/fixtures/numbers/ (same programs).
bash scripts/make-numbers.sh

# --- README -------------------------------------------------------------------------------
deb() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
lo_pkg=libreoffice-calc-nogui
dpkg-query -W "$lo_pkg" >/dev/null 2>&1 || lo_pkg=libreoffice-calc
lo_version=$(soffice --version | awk '{print $2}')
gnumeric_version=$(ssconvert --version | sed -n "1s/.*'\(.*\)'.*/\1/p")
r_version=$(Rscript -e 'cat(R.version$major, R.version$minor, sep = ".")')
py_versions=$("$venv/bin/python" -c "
import platform, pandas, numpy, openpyxl
print(f'Python {platform.python_version()}, pandas {pandas.__version__} (numpy {numpy.__version__}), '
      f'openpyxl {openpyxl.__version__} (PyPI)')")
cat >"$out/README.md" <<EOF
# Dialect fixtures

Made by \`bash scripts/make-dialects.sh\` (helpers in \`scripts/dialects/\`); do not edit by
hand, run the script again. Every file but \`bad-*\` holds the table of \`clean.csv\` (UTF-8, LF,
comma, column ids as headers) and must rank byte-identically to it (\`tests/integration/dialects.rs\`).
The workbooks use the indicators' Vietnamese \`name\`s from \`indicators.toml\` as headers.

## Programs

- LibreOffice $lo_version (Debian \`$lo_pkg\` $(deb "$lo_pkg")), headless \`soffice --convert-to\`
- Gnumeric ssconvert $gnumeric_version (Debian \`gnumeric\` $(deb gnumeric))
- R $r_version (Debian \`r-base-core\` $(deb r-base-core))
- $py_versions
- Locale C.UTF-8 for every program.

## Files

| file | written by | dialect |
| --- | --- | --- |
| \`libreoffice-utf8.csv\` | LibreOffice CSV export of an openpyxl workbook, "save cell contents as shown" | UTF-8 without BOM, LF, \`,\`, quotes only where needed; online_share exported as shown: \`62.50%\` |
| \`libreoffice-utf8-crlf.csv\` | the file above, line ends changed by \`sed\` in the script | as above with CRLF: LibreOffice has no line-ending option and writes LF on Linux |
| \`libreoffice-utf8-cr.csv\` | the file above, line ends changed by \`tr\` in the script | as above with CR only (old Mac), including after the last row |
| \`libreoffice-windows1258.csv\` | LibreOffice CSV export, character set "Vietnamese (Windows-1258)" | Windows-1258, LF, \`62.50%\`; tone marks are separate combining bytes (\`Nội\` = \`4E F4 F2 69\`: ô then combining dot below), so the text is decomposed until normalized |
| \`libreoffice-utf16-tab.txt\` | LibreOffice Text export, character set "Unicode" | UTF-16 little-endian with BOM \`FF FE\`, tab-separated, LF (\`0A 00\`), \`62.50%\` |
| \`report-openpyxl.xlsx\` | openpyxl | report layout (below); Hà Nội's enterprises typed as the number 1520, since openpyxl cannot store a formula's value |
| \`report-libreoffice.xlsx\` | LibreOffice, the formula report (= \`bad-openpyxl-formula-uncached.xlsx\`) opened and saved as Excel 2007-365 | report layout; G5 \`=1500+20\` with cached value 1520; shared strings |
| \`report-libreoffice.xls\` | LibreOffice, the same, saved as Excel 97-2003 | report layout in BIFF8; formula with cached 1520 |
| \`report-libreoffice.ods\` | LibreOffice, the same, saved as ODF spreadsheet | report layout; \`of:=1500+20\` with \`office:value="1520"\` |
| \`report-gnumeric.xlsx\` | Gnumeric \`ssconvert --recalc\` of the formula report, ECMA-376 2nd edition | report layout; formula with cached 1520; strings used once are inline strings (\`t="inlineStr"\`), repeated ones (có/không) shared; pretty-printed XML |
| \`report-gnumeric.xls\` | Gnumeric \`ssconvert --recalc\`, Excel 97/2000/XP (BIFF8) | report layout; formula with cached 1520 |
| \`report2rows-openpyxl.xlsx\` | openpyxl | two-row header (below), no formula |
| \`report2rows-libreoffice.xlsx\` | LibreOffice, the openpyxl file saved as Excel 2007-365 | two-row header |
| \`report2rows-libreoffice.ods\` | LibreOffice, saved as ODF spreadsheet | two-row header |
| \`r-write-csv.csv\` | R \`write.csv(df, row.names = FALSE)\` | UTF-8, LF, \`,\`, every text cell and header quoted, \`NA\` for missing |
| \`r-write-csv2-semicolon-decimal-comma.csv\` | R \`write.csv2(df, row.names = FALSE)\` | \`;\`, decimal comma (\`9,125\`), text quoted, \`NA\` for missing |
| \`pandas-to-csv.csv\` | pandas \`read_csv\` then \`to_csv(index=False)\` | UTF-8, LF, \`,\`; enterprises has a gap so it is float: \`1520.0\` |
| \`pandas-to-csv-semicolon-decimal-comma.csv\` | pandas \`to_csv(sep=";", decimal=",", index=False)\` | \`;\`, decimal comma, \`1520,0\` |
| \`pandas-to-excel.xlsx\` | pandas \`to_excel(index=False, engine="openpyxl")\` | plain table, bold bordered header of column ids, enterprises as floats, empty cells for missing, sheet \`Sheet1\` |
| \`python-csv-crlf-bom.csv\` | Python \`csv.writer\` defaults into \`utf-8-sig\` | UTF-8 with BOM, CRLF, quotes only where needed |
| \`bad-openpyxl-formula-uncached.xlsx\` | openpyxl | NEGATIVE: the report with G5 \`=1500+20\` and no cached value (openpyxl never computes); reading it must fail naming G5 and "formula" |

**Report layout** (sheet \`Tổng hợp\`): row 1 title "BẢNG TỔNG HỢP CHỈ SỐ THỬ NĂM 2023" and row 2
"(Kèm theo Báo cáo số 123/BC-STTTT ngày 15/3/2024)", each merged over A:G; row 3 empty; row 4
headers \`STT\`, \`Tỉnh/Thành phố\`, \`Năm\` and the indicator names, \`Kinh tế số⏎trong GRDP\` with a
line break in the cell; rows 5–11 the provinces, STT 1..7; online_share stored as fractions
(0.625) with format \`0.00%\`; Bà Rịa - Vũng Tàu's digital_gdp is the text "11,5" (format \`@\`);
platform the text có/không; row 12 \`Cả nước\` with rounded averages; row 13 empty; row 14
"Người lập biểu" (B) and "Giám đốc" (F).

**Two-row header** (\`report2rows-*\`): the same title rows; row 4 \`Chính quyền số\` merged over
D:E and \`Kinh tế số\` over F:G, with STT, \`Tỉnh/Thành phố\` and \`Năm\` merged down over rows 4–5;
row 5 the four indicator names; data from row 6, then \`Cả nước\`, an empty row and the footer.
online_share has the format \`0.0%\`, so 0.5875 SHOWS as 58.8%: the stored number is the value.
Same text "11,5" and có/không cells.

## What the programs could not do

- LibreOffice cannot choose the line ending of a CSV export: the CRLF and CR files are
  post-processed copies (above).
- openpyxl cannot store a formula's value, so \`report-openpyxl.xlsx\` has the number and the
  formula version is the negative fixture; the LibreOffice and Gnumeric files are made from that
  formula version and store the computed value.
- R's \`write.csv\` and pandas' \`to_csv\`/\`to_excel\` add an unnamed row-number column by
  default; the fixtures turn it off (\`row.names = FALSE\`, \`index=False\`) to keep the table.

## How the programs wrote them (seen in the files; a reader must cope)

- LibreOffice CSV: no BOM, LF after every row including the last, quotes only where needed,
  an empty last cell leaves a trailing separator; "as shown" gives \`62.50%\` from the
  \`0.00%\` format and General numbers in full (\`9.125\`).
- Windows-1258 has few precomposed Vietnamese letters: most tone marks are separate combining
  bytes after the letter (\`Thừa\` = \`54 68 FD CC 61\`, ư then combining grave; \`Huế\` =
  \`48 75 EA EC\`), while \`à\` is the single byte \`E0\`. Decoded, the names are not NFC.
- openpyxl 3.1.5 writes no sharedStrings.xml: every string is \`t="inlineStr"\`. A styled
  (bordered) empty cell is written as \`<c r="G11" s="4" t="n"/>\`, a cell with a type and no
  value; the cells hidden under a merge likewise. The uncached formula is
  \`<f>1500+20</f><v/>\`: an empty \`<v>\`, not a missing one. \`0.00%\` is the built-in
  format 10 (no \`<numFmt>\`), \`0.0%\` a custom one; the text format is built-in 49.
- LibreOffice .xlsx: shared strings; the percent format is a custom \`<numFmt formatCode="0.00%">\`
  (id 165), not the built-in 10; the formula is \`<f aca="false">1500+20</f><v>1520</v>\`.
  LibreOffice .ods: percent cells are \`office:value-type="percentage"\` with the fraction as
  \`office:value\`; empty rows are padded with \`table:number-columns-repeated="16384"\`; the file
  carries an 11 KB thumbnail.
- Gnumeric .xlsx: pretty-printed XML, so the header's line break is a real newline inside
  \`<t>\`; strings used once are inline, repeated ones (có/không) shared; the percent format is
  the built-in 10. ssconvert warns \`Unexpected element 'workbookProtection'\` on openpyxl's
  workbook (harmless).
- pandas \`to_excel\`: a missing value is an empty inline-string cell (\`<c r="F8" t="inlineStr"/>\`),
  not an absent cell; the float 1520.0 is stored as \`1520\`.
- pandas \`to_csv\`: a missing value is an empty field; the column with a gap is float (\`1520.0\`).
- R: the header and every text cell quoted, \`NA\` unquoted, doubles with up to 15 significant
  digits (\`9.125\` kept).
EOF
echo "wrote $(find "$out" -maxdepth 1 -type f | wc -l) files into $out"
