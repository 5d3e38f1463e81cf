#!/usr/bin/env bash
# COINr's own numbers for examples/coinr-asem/: runs COINr's R code (not a re-implementation)
# under Debian's R on the ASEM CSVs and rewrites
#   examples/coinr-asem/coinr-reference.csv           every aggregate of every country, index rank
#   examples/coinr-asem/coinr-reference-treated.csv   indicators Treat() changed, how, how many points
#   examples/coinr-asem/coinr-reference-imputed.csv   every value Impute() put in
# which tests/integration/asem.rs compares with `dti rank`.
#
#   bash scripts/peer/coinr_reference.sh COINR_R_DIR
#
# COINR_R_DIR holds COINr's R sources; every *.R in it is source()d, then
# scripts/peer/coinr_reference.R runs the steps of COINr's build_example_coin() (R/examples.R)
# with its arguments. No COINr code is kept in this repository, and nothing is fetched here:
# CRAN is out of reach from the build machines, so the committed reference was made from COINr's
# R files read from the public repository bluefoxr/COINr (MIT licence) and saved unchanged in
# their computing code (roxygen docs, purse methods and functions this path never calls left
# out). The stored copies came from several commits (DESCRIPTION at 07abf3686e says 1.1.8):
#   R/new_coin.R      0762843294f0  new_coin, check_iData, check_iMeta, get_lineage
#   R/denominate.R    035364dce355  Denominate, Denominate.coin, Denominate.data.frame
#   R/impute.R        03892838bd10  Impute(.coin/.data.frame/.numeric), i_mean, i_mean_grp, ...
#   R/screen_units.R  0889f05c140d  Screen(.coin/.data.frame), get_data_avail(.data.frame)
#   R/treat.R         0889f05c140d  Treat(.coin/.data.frame/.numeric), winsorise, log_CT,
#                                   skew, kurt, check_SkewKurt
#   R/normalise.R     0889f05c140d  Normalise(.coin/.data.frame/.numeric), n_minmax
#   R/aggregate.R     0889f05c140d  Aggregate(.coin/.data.frame), a_amean
#   R/examples.R      0889f05c140d  build_example_coin (its steps are in coinr_reference.R)
#   R/check_and_get.R (a version later than 1b03647fe0da, whose get_dset.coin had a bug with
#                     also_get): check_dset(.coin), get_dset(.coin)
#   R/utils.R 066bd622a3e6 and later, R/write_to_coins.R 079939cfb123 (write_log in its later
#                     form with write2log): %nin%, rbind_fill, tidy_list, set_default,
#                     split_by_numeric, is.coin, check_coin_input, write_log, write2coin, write_dset
# The full R/ folder of a COINr checkout (e.g. the 1.1.14 release) works as COINR_R_DIR too.
# Cross-check: the 72 numbers COINr's CRAN vignette "Presenting Results" prints for
# head(get_results(build_example_coin(), "Aggregated", tab_type = "Aggs")) (top six countries,
# ranks and every aggregate to 2 decimals) all agree with coinr-reference.csv.
#
# Needs only base R (r-base-core): the path uses no function of COINr's imports.
set -euo pipefail
src=${1:?usage: bash scripts/peer/coinr_reference.sh COINR_R_DIR}
src=$(cd "$src" && pwd)
cd "$(dirname "$0")/../.."
if ! command -v Rscript >/dev/null; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends r-base-core
fi
Rscript scripts/peer/coinr_reference.R "$src" examples/coinr-asem examples/coinr-asem
