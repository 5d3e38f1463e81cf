# Runs COINr's own build_example_coin() steps on the ASEM CSVs and writes COINr's numbers.
# Called by scripts/peer/coinr_reference.sh, which says where the COINr sources come from.
#
#   Rscript coinr_reference.R COINR_R_DIR DATA_DIR OUT_DIR
#
# COINR_R_DIR: COINr's R sources (every *.R in it is source()d; no COINr code is in this repo).
# DATA_DIR:    ASEM_iData.csv (or asem.csv) and ASEM_iMeta.csv, as written by R's write.csv with
#              empty fields for NA.
# OUT_DIR:     gets coinr-reference.csv, coinr-reference-treated.csv, coinr-reference-imputed.csv.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: Rscript coinr_reference.R COINR_R_DIR DATA_DIR OUT_DIR")
src_dir <- args[1]; data_dir <- args[2]; out_dir <- args[3]
for (f in sort(list.files(src_dir, pattern = "\\.[Rr]$", full.names = TRUE))) source(f)

rd <- function(names) {
  f <- file.path(data_dir, names)
  f <- f[file.exists(f)][1]
  if (is.na(f)) stop("none of ", paste(names, collapse = ", "), " in ", data_dir)
  read.csv(f, na.strings = "", stringsAsFactors = FALSE)
}
ASEM_iData <- rd(c("ASEM_iData.csv", "asem.csv"))
ASEM_iMeta <- rd("ASEM_iMeta.csv")
# read.csv types whole-number columns as integer; the package's data set holds doubles, and
# Impute.numeric's identical() check rejects an integer column once a group mean is put in.
# as.numeric changes no value.
ints <- names(ASEM_iData)[sapply(ASEM_iData, is.integer) & names(ASEM_iData) != "Time"]
ASEM_iData[ints] <- lapply(ASEM_iData[ints], as.numeric)

# build_example_coin() of COINr's R/examples.R, step by step, with its arguments
coin <- new_coin(ASEM_iData, ASEM_iMeta, level_names = c("Indicator", "Pillar", "Sub-index", "Index"))
coin <- Denominate(coin, dset = "Raw")
coin <- Impute(coin, dset = "Denominated", f_i = "i_mean_grp", use_group = "EurAsia_group")
coin <- Screen(coin, dset = "Imputed", dat_thresh = 0.9, unit_screen = "byNA")
coin <- Treat(coin, dset = "Screened", global_specs = list(f1_para = list(winmax = 5)))
coin <- Normalise(coin, dset = "Treated", global_specs = list(f_n = "n_minmax",
                                                              f_n_para = list(c(0,100))))
coin <- Aggregate(coin, dset = "Normalised", f_ag = "a_amean")

removed <- coin$Analysis$Screened$RemovedUnits
cat("Screen removed", length(removed), "units", removed, "\n")

f17 <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
units <- coin$Meta$Unit
name_of <- function(codes) units$uName[match(codes, units$uCode)]

# Every aggregate (levels 2..4, bottom up) and the index rank, as get_results() ranks it:
# rank(-Index, ties.method = "min"); get_results() itself rounds to 2 decimals, so the
# unrounded scores are taken from .$Data$Aggregated.
ag <- coin$Data$Aggregated
im <- coin$Meta$Ind
aggs <- im$iCode[im$Type == "Aggregate"]
aggs <- aggs[order(im$Level[match(aggs, im$iCode)], match(aggs, im$iCode))]
out <- data.frame(uName = name_of(ag$uCode), uCode = ag$uCode)
for (a in aggs) out[[a]] <- f17(ag[[a]])
out$Index_rank <- rank(-1 * ag$Index, na.last = "keep", ties.method = "min")
write.csv(out, file.path(out_dir, "coinr-reference.csv"), row.names = FALSE, quote = FALSE)

# Treat: every indicator that failed the skew/kurtosis test, how it was treated, how many points
dt <- coin$Analysis$Treated$Dets_Table
tp <- coin$Analysis$Treated$Treated_Points
failed <- dt[!dt$check_SkewKurt0.Pass, ]
method <- ifelse(failed$check_SkewKurt1.Pass, "winsorise", "log")
points <- ifelse(method == "winsorise", failed$winsorise.nwin,
                 sapply(failed$iCode, function(i) sum(grepl("log_CT", tp[[i]]))))
write.csv(data.frame(iCode = failed$iCode, method = method, points = points),
          file.path(out_dir, "coinr-reference-treated.csv"), row.names = FALSE, quote = FALSE)

# Impute: every value put into .$Data$Imputed where .$Data$Denominated had NA
den <- coin$Data$Denominated; imp <- coin$Data$Imputed
stopifnot(identical(den$uCode, imp$uCode))
rows <- list()
for (i in setdiff(names(den), "uCode")) {
  na <- is.na(den[[i]])
  if (any(na)) rows[[i]] <- data.frame(uName = name_of(den$uCode[na]), iCode = i, value = f17(imp[[i]][na]))
}
write.csv(do.call(rbind, rows), file.path(out_dir, "coinr-reference-imputed.csv"),
          row.names = FALSE, quote = FALSE)
cat("wrote", file.path(out_dir, c("coinr-reference.csv", "coinr-reference-treated.csv",
                                  "coinr-reference-imputed.csv")), sep = "\n")
