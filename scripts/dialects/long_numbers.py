"""Writes tests/fixtures/numbers/: one table of long, tiny, huge and negative numbers, saved by
pandas and R, and what each file's cells denote.

Called by scripts/make-numbers.sh as `python long_numbers.py OUT_DIR` (R's files are written by the
shell script from pandas' file, then this script is called again with `--expect` to record the
values). The dialect fixtures hold short numbers a person types; these hold what a program
writes when nobody rounds: pandas' shortest round-trip digits (`54.85812345678901`,
`2.7053109257728006e-06`, `5.7081879909282106e+17`), R's 15 significant digits, both with a
decimal comma.

`expected.json` maps file → unit → indicator → the value, read two independent ways that must
agree: Python's `float()` of the cell's text (correctly rounded), and for pandas' files
`pandas.read_csv(float_precision="round_trip")`. A missing cell is null. The test reads each file
with `dti rank --detail --format json` and wants every raw value bit for bit.
"""

import csv
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

UNITS = 120
SEED = 12
IDS = ["share", "round3", "tiny", "huge", "count", "signed"]
# Files whose decimal separator is a comma, and their field separator.
COMMA = {"pandas-to-csv-semicolon-decimal-comma.csv", "r-write-csv2-semicolon-decimal-comma.csv"}


def table():
    rng = np.random.default_rng(SEED)
    n = UNITS
    cols = {
        # Full precision: most of these print 16 or 17 significant digits.
        "share": rng.uniform(0, 100, n),
        # What round(x, 3) and Excel's 0.000 format leave: `534.123` reads two ways alone.
        "round3": np.round(rng.uniform(0, 1000, n), 3),
        # pandas prints these with an exponent: `2.7053109257728006e-06`.
        "tiny": rng.uniform(0, 1, n) * 1e-5,
        # And these: `5.7081879909282106e+17`, past 2^53, where 17 digits no longer fit the
        # fast path.
        "huge": rng.uniform(1, 9, n) * 1e17,
        # Integers in a column with gaps become floats: `1520.0`.
        "count": rng.integers(0, 5000, n).astype(float),
        "signed": rng.normal(0, 30, n),
    }
    df = pd.DataFrame({"unit": [f"Unit {i:03d}" for i in range(1, n + 1)], "year": 2023, **cols})
    # About one cell in twenty missing, never a whole row.
    for c in IDS:
        gaps = rng.choice(n, size=n // 20, replace=False)
        df.loc[gaps, c] = np.nan
    return df


def write(out: Path):
    out.mkdir(parents=True, exist_ok=True)
    df = table()
    # What pandas writes on Windows, where Excel users are: CRLF line ends.
    df.to_csv(out / "pandas-to-csv-crlf.csv", index=False, lineterminator="\r\n")
    df.to_csv(out / "pandas-to-csv-semicolon-decimal-comma.csv", index=False, sep=";", decimal=",")


def cell_value(text: str, comma: bool):
    """What the cell's text denotes, by Python's correctly rounded float()."""
    t = text.strip()
    if t in ("", "NA", "nan", "NaN"):
        return None
    return float(t.replace(",", ".") if comma else t)


def expect(out: Path):
    result = {}
    for path in sorted(out.glob("*.csv")):
        comma = path.name in COMMA
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f, delimiter=";" if comma else ","))
        values = {r["unit"]: {c: cell_value(r[c], comma) for c in IDS} for r in rows}
        if path.name.startswith("pandas"):
            kw = {"sep": ";", "decimal": ","} if comma else {}
            # pandas 3 deprecates the option (its default reader is now the precise one) but
            # still honours it; the round-trip reader is the one documented as exact.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rt = pd.read_csv(path, float_precision="round_trip", **kw).set_index("unit")
            for unit, row in values.items():
                for c in IDS:
                    v, p = row[c], rt.at[unit, c]
                    same = (v is None and math.isnan(p)) or (v is not None and v == p)
                    assert same, f"{path.name} {unit} {c}: float() {v!r}, pandas {p!r}"
            # pandas' default parser is not always correctly rounded: say how often here.
            hi = pd.read_csv(path, **kw).set_index("unit")
            off = sum(
                1 for unit, row in values.items() for c in IDS
                if row[c] is not None and hi.at[unit, c] != row[c]
            )
            print(f"{path.name}: pandas' default parser differs from float() in {off} cells")
        if len(values) != UNITS:
            sys.exit(f"{path.name}: {len(values)} units, want {UNITS}")
        result[path.name] = values
    (out / "expected.json").write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--expect"]:
        expect(Path(sys.argv[2]))
    else:
        write(Path(sys.argv[1]))
