"""Writes the Python-made dialect fixtures, and the workbooks LibreOffice and Gnumeric convert.

Called by scripts/make-dialects.sh as `python make.py CLEAN_CSV SPEC OUT_DIR WORK_DIR`. Every
file holds the table of clean.csv; the workbooks take their headers from the spec's Vietnamese
indicator names, as a provincial office's report would.
"""

import csv
import sys
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

TITLE = "BẢNG TỔNG HỢP CHỈ SỐ THỬ NĂM 2023"
SUBTITLE = "(Kèm theo Báo cáo số 123/BC-STTTT ngày 15/3/2024)"
# The cell that becomes `=1500+20` in the formula workbook (Hà Nội's enterprises).
FORMULA_VALUE = 1520
# The digital_gdp cell typed as text with a decimal comma, as Vietnamese-locale users type it.
TEXT_COMMA_UNIT = "Bà Rịa - Vũng Tàu"

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def read_clean(path):
    """The rows of clean.csv as typed values; an empty cell is None."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))

    def num(s, kind=float):
        return None if s == "" else kind(s)

    return [
        {
            "province": r["province"],
            "year": int(r["year"]),
            "online_share": num(r["online_share"]),
            "platform": r["platform"],
            "digital_gdp": num(r["digital_gdp"]),
            "enterprises": num(r["enterprises"], int),
        }
        for r in rows
    ]


def fraction(pct):
    """62.5 → 0.625: a percent cell stores the fraction and only its format shows 62.5%.
    For every value here, pct / 100 * 100 gives pct back exactly in binary."""
    return None if pct is None else pct / 100


def mean(values):
    xs = [v for v in values if v is not None]
    return sum(xs) / len(xs)


def box(ws, top, left, bottom, right):
    for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=left, max_col=right):
        for c in row:
            c.border = BOX


def title_rows(ws, width):
    """Rows 1–3 of a report: merged title, merged reference line, an empty row."""
    ws.cell(1, 1, TITLE).font = Font(bold=True, size=13)
    ws.cell(2, 1, SUBTITLE).font = Font(italic=True)
    for r in (1, 2):
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")


def province_rows(ws, rows, first, pct_format, formula):
    """The province rows from `first` on; returns the next free row."""
    r = first
    for i, row in enumerate(rows, start=1):
        gdp = row["digital_gdp"]
        if row["province"] == TEXT_COMMA_UNIT:
            gdp = f"{gdp:g}".replace(".", ",")  # a string: "11,5"
        ent = row["enterprises"]
        if formula and ent == FORMULA_VALUE:
            ent = "=1500+20"  # openpyxl stores the formula and no cached value
        values = [i, row["province"], row["year"], fraction(row["online_share"]), row["platform"], gdp, ent]
        for c, v in enumerate(values, start=1):
            cell = ws.cell(r, c, v)
            if c == 4:
                cell.number_format = pct_format
            if c == 6 and isinstance(v, str):
                cell.number_format = "@"  # a text cell, as when the column was formatted Text
            elif c == 6:
                # A custom number format: Gnumeric's .xls stores it under format id 50, an id
                # Excel keeps for dates, which a reader must not take for a date.
                cell.number_format = "0.000"
        r += 1
    return r


def footer_rows(ws, rows, r, pct_format):
    """`Cả nước` with averages, an empty row, the signature row; returns the last row used."""
    ws.cell(r, 2, "Cả nước").font = BOLD
    ws.cell(r, 4, round(mean(fraction(x["online_share"]) for x in rows), 4)).number_format = pct_format
    ws.cell(r, 6, round(mean(x["digital_gdp"] for x in rows), 2))
    ws.cell(r, 7, round(mean(x["enterprises"] for x in rows)))
    for c in range(1, 8):
        ws.cell(r, c).font = BOLD
    ws.cell(r + 2, 2, "Người lập biểu").font = BOLD
    ws.cell(r + 2, 6, "Giám đốc").font = BOLD
    return r


def widths(ws, cols):
    for i, w in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


def report(rows, names, path, formula):
    """One header row; one header broken with Alt+Enter; percent, text-comma, có/không cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    title_rows(ws, 7)
    gdp_header = names["digital_gdp"].replace("số trong", "số\ntrong")  # an Alt+Enter break
    heads = ["STT", "Tỉnh/Thành phố", "Năm", names["online_share"], names["platform"], gdp_header,
             names["enterprises"]]
    for c, h in enumerate(heads, start=1):
        cell = ws.cell(4, c, h)
        cell.font, cell.alignment = BOLD, CENTER
    ws.row_dimensions[4].height = 32
    last = footer_rows(ws, rows, province_rows(ws, rows, 5, "0.00%", formula), "0.00%")
    box(ws, 4, 1, last, 7)
    widths(ws, [6, 22, 8, 16, 12, 14, 14])
    wb.save(path)


def report_two_rows(rows, names, path):
    """A two-row header: pillar names merged over their indicators, STT/unit/year merged down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    title_rows(ws, 7)
    for c, h in enumerate(["STT", "Tỉnh/Thành phố", "Năm"], start=1):
        ws.cell(4, c, h)
        ws.merge_cells(start_row=4, start_column=c, end_row=5, end_column=c)
    ws.cell(4, 4, names["gov"])
    ws.merge_cells("D4:E4")
    ws.cell(4, 6, names["econ"])
    ws.merge_cells("F4:G4")
    for c, key in enumerate(["online_share", "platform", "digital_gdp", "enterprises"], start=4):
        ws.cell(5, c, names[key])
    for row in ws.iter_rows(min_row=4, max_row=5, max_col=7):
        for cell in row:
            cell.font, cell.alignment = BOLD, CENTER
    # 0.0% shows 58.8% for 0.5875: a reader must take the stored number, not the shown one.
    last = footer_rows(ws, rows, province_rows(ws, rows, 6, "0.0%", False), "0.0%")
    box(ws, 4, 1, last, 7)
    widths(ws, [6, 22, 8, 16, 12, 14, 14])
    wb.save(path)


def flat(rows, path):
    """The plain table (column ids as headers) that LibreOffice exports to CSV; online_share
    is a percent-formatted fraction so the exports show `62.50%`."""
    wb = openpyxl.Workbook()
    ws = wb.active
    keys = list(rows[0])
    ws.append(keys)
    for row in rows:
        ws.append([fraction(row[k]) if k == "online_share" else row[k] for k in keys])
    for (cell,) in ws.iter_rows(min_row=2, min_col=3, max_col=3):
        cell.number_format = "0.00%"
    wb.save(path)


def main():
    clean, spec, out, work = (Path(a) for a in sys.argv[1:5])
    rows = read_clean(clean)
    with open(spec, "rb") as f:
        doc = tomllib.load(f)
    names = {x["id"]: x["name"] for x in doc["indicator"] + doc["node"]}

    flat(rows, work / "flat.xlsx")
    # The formula workbook is both the negative fixture and the source of the round-trips,
    # where LibreOffice and Gnumeric compute and store the value openpyxl left out.
    report(rows, names, out / "bad-openpyxl-formula-uncached.xlsx", formula=True)
    report(rows, names, work / "report.xlsx", formula=True)
    report(rows, names, out / "report-openpyxl.xlsx", formula=False)
    report_two_rows(rows, names, out / "report2rows-openpyxl.xlsx")

    # pandas as an analyst calls it, except index=False (the default adds an unnamed 0..6
    # column, which is another table). A column with a gap is float, so 1520 → "1520.0".
    df = pd.read_csv(clean)
    df.to_csv(out / "pandas-to-csv.csv", index=False)
    df.to_csv(out / "pandas-to-csv-semicolon-decimal-comma.csv", sep=";", decimal=",", index=False)
    df.to_excel(out / "pandas-to-excel.xlsx", index=False, engine="openpyxl")

    # The csv module's defaults (QUOTE_MINIMAL, "\r\n"), into UTF-8 with a BOM as Excel likes.
    with open(clean, encoding="utf-8", newline="") as f:
        records = list(csv.reader(f))
    with open(out / "python-csv-crlf-bom.csv", "w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(records)


if __name__ == "__main__":
    main()
