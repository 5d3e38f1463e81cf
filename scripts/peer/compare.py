#!/usr/bin/env python3
"""Checks `dti rank --format csv` against scripts/peer/pandas_rank.py (issue 12: the same
numbers as pandas to 1e-9 on every number shape).

    python3 scripts/peer/compare.py DTI.csv PANDAS.csv [--tol 1e-9] [--label decimals3]

Joins the two on the unit name and compares every column both have: scores (and changes) by
absolute difference, ranks exactly — except that two scores within the tolerance of each other
may be ordered either way (summing in another order moves the last bit: 0.11077973602222535
against …531), so a rank may differ by as many units as lie that close to its score. Prints
one line — the largest score difference, where it is, how many ranks differ and how many of
those only among near-ties — and exits 1 when a score differs by more than the tolerance, a
rank differs otherwise, or a unit or column is on one side only, so that bench.sh can say
which shape dti gets wrong.
"""

import argparse
import sys

import numpy as np
import pandas as pd


def main():
    p = argparse.ArgumentParser()
    p.add_argument("dti")
    p.add_argument("pandas")
    p.add_argument("--tol", type=float, default=1e-9)
    p.add_argument("--label", default="")
    a = p.parse_args()

    # keep_default_na=False and the unit as text: a unit named "NA" must not vanish.
    d = pd.read_csv(a.dti, dtype={"unit": str}, keep_default_na=False, na_values=[""], float_precision="round_trip")
    q = pd.read_csv(a.pandas, dtype={"unit": str}, keep_default_na=False, na_values=[""], float_precision="round_trip")
    d, q = d.set_index("unit"), q.set_index("unit")
    problems = []
    if set(d.index) != set(q.index):
        problems.append(f"{len(set(d.index) ^ set(q.index))} units on one side only")
    cols = [c for c in q.columns if c in d.columns]
    missing = [c for c in q.columns if c not in d.columns]
    if missing:
        problems.append(f"columns not in dti's output: {', '.join(missing[:5])}")
    q = q.reindex(d.index)

    def near(col: str) -> np.ndarray:
        """For each unit, how many others have a score within the tolerance of its own."""
        x = d[col].astype(float).to_numpy()
        xs = np.sort(x[~np.isnan(x)])
        hi = np.searchsorted(xs, x + a.tol, side="right")
        lo = np.searchsorted(xs, x - a.tol, side="left")
        return np.where(np.isnan(x), 0, hi - lo - 1)

    def window(rank_col: str) -> np.ndarray:
        base, _, rest = rank_col.partition("_rank")
        if rest == "_change":
            return near(base) + near(base + "_prev")
        return near(base + rest)

    worst, where, rank_diff, tie_diff = 0.0, "", 0, 0
    for c in cols:
        x, y = d[c].astype(float).to_numpy(), q[c].astype(float).to_numpy()
        if (np.isnan(x) != np.isnan(y)).any():
            problems.append(f"`{c}`: missing on one side only for {(np.isnan(x) != np.isnan(y)).sum()} units")
            continue
        diff = np.abs(np.nan_to_num(x - y))
        if c.endswith("_rank") or "_rank_" in c:
            tied = (diff > 0) & (diff <= window(c))
            rank_diff += int((diff > 0).sum() - tied.sum())
            tie_diff += int(tied.sum())
        elif diff.max(initial=0.0) > worst:
            i = int(diff.argmax())
            worst, where = float(diff[i]), f"{c} of {d.index[i]}"
    if worst > a.tol:
        problems.append(f"score difference {worst:.3g} > {a.tol:g}")
    if rank_diff:
        problems.append(f"{rank_diff} ranks differ")

    print(
        f"{a.label + ': ' if a.label else ''}{len(cols)} columns × {len(d)} units, "
        f"max |dti − pandas| = {worst:.3g}{f' ({where})' if where else ''}, {rank_diff} ranks differ"
        f" (and {tie_diff} only among near-ties)"
        + (f" — FAIL: {'; '.join(problems)}" if problems else " — ok")
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
