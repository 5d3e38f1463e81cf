#!/usr/bin/env python3
"""A second, independent implementation of COINr's `build_example_coin()` (COINr 1.1.14,
R/examples.R) on the ASEM data, written from COINr's R source with pandas/numpy, to
check `dti rank --spec examples/coinr-asem/indicators.toml` (tests/integration/asem.rs).

Steps, each the R function it re-implements:
  Denominate(coin, dset = "Raw")                      x / denominator column (R/denominate.R)
  Impute(f_i = "i_mean_grp", use_group = "EurAsia_group")  group mean of the column (R/impute.R)
  Screen(dat_thresh = 0.9, unit_screen = "byNA")       drop units with < 90 % data (none here)
  Treat(global_specs = list(f1_para = list(winmax = 5)))  check_SkewKurt / winsorise / log_CT (R/treat.R)
  Normalise(n_minmax, c(0, 100))                       direction applied, then min-max to 0..100
  Aggregate(f_ag = "a_amean")                          weighted mean, level by level up iMeta's tree

Usage: python3 scripts/peer/coinr_asem.py ASEM_iData.csv ASEM_iMeta.csv OUT.csv [TREATED.csv [IMPUTED.csv]]
"""
import math
import sys

import numpy as np
import pandas as pd


def skew(x):
    # COINr skew(): e1071 type 2.
    x = np.asarray(x, dtype=float)
    n = len(x)
    d = x - x.mean()
    y = math.sqrt(n) * np.sum(d**3) / (np.sum(d**2) ** 1.5)
    return y * math.sqrt(n * (n - 1)) / (n - 2)


def kurt(x):
    # COINr kurt(): e1071 type 2.
    x = np.asarray(x, dtype=float)
    n = len(x)
    d = x - x.mean()
    r = n * np.sum(d**4) / (np.sum(d**2) ** 2)
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


def check_skew_kurt(x, skew_thresh=2.0, kurt_thresh=3.5):
    return bool(abs(skew(x)) < skew_thresh or kurt(x) < kurt_thresh)


def winsorise(x, winmax=5):
    x = np.array(x, dtype=float)
    passing = check_skew_kurt(x)
    nwin = 0
    imax = np.array([], dtype=int)
    imin = np.array([], dtype=int)
    while (not passing) and nwin < winmax:
        if skew(x) >= 0:
            imax = np.flatnonzero(x == x.max())
            x[imax] = np.delete(x, imax).max()
        else:
            imin = np.flatnonzero(x == x.min())
            x[imin] = np.delete(x, imin).min()
        nwin = len(imax) + len(imin)
        passing = check_skew_kurt(x)
    return x, nwin


def log_ct(x):
    x = np.asarray(x, dtype=float)
    return np.log(x - x.min() + 0.01 * (x.max() - x.min()))


def treat(col):
    """Treat.numeric with f1 = winsorise, f2 = log_CT, combine_treat = FALSE; NAs untouched."""
    ok = col.notna().to_numpy()
    x = col.to_numpy(dtype=float)[ok]
    if check_skew_kurt(x):
        return col, None, 0
    x1, nwin = winsorise(x)
    if check_skew_kurt(x1):
        out, how, pts = x1, "winsorise", nwin
    else:
        out, how, pts = log_ct(x), "log", len(x)
    res = col.copy()
    res[ok] = out
    return res, how, pts


def main(idata_path, imeta_path, out_path, treated_path=None, imputed_path=None):
    idata = pd.read_csv(idata_path)
    imeta = pd.read_csv(imeta_path)
    ind = imeta[imeta["Type"] == "Indicator"]
    icodes = list(ind["iCode"])

    # Denominate
    x = idata[icodes].astype(float).copy()
    for _, row in ind.iterrows():
        if isinstance(row["Denominator"], str):
            x[row["iCode"]] = x[row["iCode"]] / idata[row["Denominator"]].astype(float)

    # Impute: i_mean_grp by EurAsia_group (means of the observed denominated values)
    grp = idata["EurAsia_group"]
    imputed = []
    for c in icodes:
        means = x[c].groupby(grp).mean()
        for i in np.flatnonzero(x[c].isna().to_numpy()):
            v = means[grp.iloc[i]]
            imputed.append((idata["uName"].iloc[i], c, v))
            x.iloc[i, x.columns.get_loc(c)] = v

    # Screen byNA, dat_thresh = 0.9
    avail = x.notna().mean(axis=1)
    keep = avail >= 0.9
    if not keep.all():
        raise SystemExit(f"units screened out: {list(idata['uName'][~keep])}; the dti example does not screen")

    # Treat
    treated = []
    for c in icodes:
        x[c], how, pts = treat(x[c])
        if how:
            treated.append((c, how, pts))

    # Normalise: direction, then min-max to [0, 100]
    norm = pd.DataFrame(index=x.index)
    for _, row in ind.iterrows():
        v = x[row["iCode"]] * float(row["Direction"])
        norm[row["iCode"]] = (v - v.min()) / (v.max() - v.min()) * 100.0

    # Aggregate: a_amean level by level (weights from iMeta, reweighted over present values)
    scores = norm.copy()
    levels = sorted(imeta["Level"].dropna().unique())
    for lev in levels[1:]:
        for _, agg in imeta[imeta["Level"] == lev].iterrows():
            kids = imeta[imeta["Parent"] == agg["iCode"]]
            w = kids.set_index("iCode")["Weight"].astype(float)
            vals = scores[list(w.index)]
            present = vals.notna()
            scores[agg["iCode"]] = (vals.fillna(0) * w).sum(axis=1) / (present * w).sum(axis=1)

    aggs = list(imeta[imeta["Type"] == "Aggregate"]["iCode"])
    out = pd.DataFrame({"uName": idata["uName"], "uCode": idata["uCode"]})
    for a in aggs:
        out[a] = scores[a]
    # COINr's ranks: rank(-x, ties.method = "min")
    out["Index_rank"] = (-out["Index"]).rank(method="min").astype(int)
    out.to_csv(out_path, index=False, float_format="%.17g")
    if treated_path:
        pd.DataFrame(treated, columns=["iCode", "method", "points"]).to_csv(treated_path, index=False)
    if imputed_path:
        pd.DataFrame(imputed, columns=["uName", "iCode", "value"]).to_csv(imputed_path, index=False, float_format="%.17g")
    print(f"{len(imputed)} values imputed, {len(treated)} indicators treated: {treated}", file=sys.stderr)


if __name__ == "__main__":
    main(*sys.argv[1:])
