#!/usr/bin/env python3
"""The pandas script an analyst writes for the index `dti rank` computes (issue 12).

It is a benchmark peer, not part of dti: the time to beat, and a second computation to check
dti's numbers against (scripts/peer/compare.py). It is written the way an analyst would write
it: `read_csv` of the whole file, keep the years wanted, normalise each indicator as the spec
says, weighted means up the tree re-weighting missing children, `rank(method="min")`.

    python3 scripts/peer/pandas_rank.py --spec DIR/indicators.toml --data DIR/data.csv \\
        --shape full --year 2024 --compare 2023 --out scores.csv

`--shape` tells it how the file writes its numbers (the generator's `--shape`), because an
analyst passes `sep`/`decimal` by hand; pandas does not find them. The output has dti's CSV
column names (`index`, `index_rank`, `index_prev`, …) so that compare.py can join them.

The definitions follow src/score/normalise and src/score/aggregate (read, not imported):
signed values (−x when lower is better); minmax and zscore over the year's non-missing values
(zscore with the n − 1 sd); rank as (min-rank − 1) / (n − 1); goalposts, bool and max clamped
to [0, 1]; every bounded method scaled to the indicator's `range` (default [0, 1]).
"""

import argparse
import tomllib

import numpy as np
import pandas as pd

# read_csv options per shape: what the analyst would type after looking at the file.
READ = {
    "short": {},
    "decimals3": {},
    "full": {},
    "comma": {"sep": ";", "decimal": ","},  # R's write.csv2; "NA" is missing by default
    "mixed": {},
}



def published(s, d):
    """Values as printed to d decimals: numpy's rounding, except within 1e-6 of a tie, where
    it can be wrong by one in the last place and Python's correctly rounded round() decides
    (as dti does with printing)."""
    y = s * 10.0**d
    near = ((y - np.trunc(y)).abs() - 0.5).abs() <= 1e-6
    out = np.round(y) / 10.0**d
    out[near] = s[near].map(lambda x: round(x, d))
    return out

def numeric(col: pd.Series) -> pd.Series:
    """A column pandas left as text (`36.3%`, `"1,006.0"`): strip what is not the number."""
    if col.dtype != object:
        return col
    s = col.str.strip().str.rstrip("%").str.replace(",", "", regex=False)
    return pd.to_numeric(s)


def spec_tree(spec: dict):
    """Composites (id → {child: weight}) and indicators (id → settings with defaults)."""
    defaults = spec.get("defaults", {})
    index = spec["index"]
    composites = {index["id"]: {"children": index["children"], "node": index}}
    for n in spec.get("node", []):
        composites[n["id"]] = {"children": n["children"], "node": n}
    indicators = {}
    for ind in spec.get("indicator", []):
        s = dict(defaults)
        s.update(ind)
        s.setdefault("normalize", "minmax")
        s.setdefault("range", [0, 1])
        s.setdefault("bounds", "year")
        s.setdefault("column", ind["id"])
        indicators[ind["id"]] = s
    return index, composites, indicators


def normalise(x: pd.Series, s: dict) -> pd.Series:
    sign = -1.0 if s["direction"] == "lower" else 1.0
    lo, hi = s["range"]
    method = s["normalize"]
    if method == "none":
        return x
    if method == "minmax":
        y = sign * x
        if isinstance(s["bounds"], list):  # fixed bounds clamp
            a, b = sorted(sign * v for v in s["bounds"])
            t = ((y - a) / (b - a)).clip(0, 1)
        elif s["bounds"] == "year":
            t = (y - y.min()) / (y.max() - y.min())
        else:
            raise NotImplementedError(f"bounds = {s['bounds']!r}")
    elif method == "zscore":
        if s["bounds"] != "year":
            raise NotImplementedError(f"zscore bounds = {s['bounds']!r}")
        y = sign * x
        return (y - y.mean()) / y.std(ddof=1)  # unscaled, as dti
    elif method == "rank":
        y = sign * x
        t = (y.rank(method="min") - 1) / (y.notna().sum() - 1)
    elif method == "goalpost":
        w, g = s["goalposts"]
        t = ((x - w) / (g - w)).clip(0, 1)
    elif method == "bool":
        t = x if sign > 0 else 1 - x
    elif method == "max":
        m = s["max"]
        t = (x / m if sign > 0 else (m - x) / m).clip(0, 1)
    else:
        raise NotImplementedError(f"normalize = {method!r}")
    return lo + t * (hi - lo)


def score_year(df: pd.DataFrame, index, composites, indicators) -> pd.DataFrame:
    """Every composite's score for one year's rows (indexed by unit)."""
    values = {k: normalise(df[s["column"]], s) for k, s in indicators.items()}
    default_missing = index.get("missing", "reweight")

    def value(node: str) -> pd.Series:
        if node in values:
            return values[node]
        c = composites[node]
        kids = c["children"]
        v = pd.concat([value(k) for k in kids], axis=1)
        w = np.array([kids[k] for k in kids], dtype=float)
        if c["node"].get("missing", default_missing) == "zero":
            v = v.fillna(0.0)
        present = v.notna().to_numpy() @ w
        total = (v.fillna(0.0).to_numpy() * w).sum(axis=1)
        coverage = c["node"].get("min_coverage", index.get("min_coverage", 0.0))
        ok = (present > 0) & (present / w.sum() >= coverage)
        values[node] = pd.Series(np.where(ok, total / np.where(ok, present, 1.0), np.nan), index=v.index)
        return values[node]

    return pd.DataFrame({c: value(c) for c in composites})


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--spec", required=True)
    p.add_argument("--data", required=True)
    p.add_argument("--shape", default="short", choices=READ)
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--compare", type=int)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    with open(a.spec, "rb") as f:
        index, composites, indicators = spec_tree(tomllib.load(f))
    unit_col, year_col = index.get("unit_column", "unit"), index.get("year_column", "year")

    df = pd.read_csv(a.data, **READ[a.shape])
    years = [a.year] + ([a.compare] if a.compare is not None else [])
    df = df[df[year_col].isin(years)]
    for s in indicators.values():
        df[s["column"]] = numeric(df[s["column"]])

    scores = {}
    for y in years:
        sc = score_year(df[df[year_col] == y].set_index(unit_col), index, composites, indicators)
        ranks = sc.rank(method="min", ascending=False).astype("Int64")
        scores[y] = (sc, ranks)

    sc, rk = scores[a.year]
    out = pd.DataFrame(index=sc.index)
    for c in composites:
        out[c] = sc[c]
        out[f"{c}_rank"] = rk[c]
        if a.compare is not None:
            psc, prk = scores[a.compare]
            out[f"{c}_prev"] = psc[c].reindex(sc.index)
            out[f"{c}_rank_prev"] = prk[c].reindex(sc.index)
            # dti publishes a change as the difference of the published scores (4 decimals
            # unless `rank_decimals` says otherwise), rounded again (src/score/rank.rs).
            d = index.get("rank_decimals", 4)
            out[f"{c}_change"] = published(published(out[c], d) - published(out[f"{c}_prev"], d), d)
            out[f"{c}_rank_change"] = out[f"{c}_rank_prev"] - out[f"{c}_rank"]
    out.sort_values([index["id"]], ascending=False).to_csv(a.out, index_label="unit", float_format="%.17g")


if __name__ == "__main__":
    main()
