# Writes the R-made dialect fixtures: Rscript make.R CLEAN_CSV OUT_DIR
# Run under a UTF-8 locale (make-dialects.sh sets LC_ALL=C.UTF-8): in the C locale R writes
# "Hà Nội" as "H<U+00E0> N<U+1ED9>i".
args <- commandArgs(trailingOnly = TRUE)
clean <- args[1]
out <- args[2]

# na.strings = "" so the empty cells are NA (R's read.csv would keep "" for the text column).
df <- read.csv(clean, encoding = "UTF-8", na.strings = "", stringsAsFactors = FALSE)

# R writes doubles with 15 significant digits, so 9.125 must come back as "9.125" / "9,125";
# stop rather than commit a fixture that lost a digit.
stopifnot(format(9.125, digits = 15) == "9.125", identical(df$digital_gdp[2], 9.125))

# row.names = FALSE: R's default adds an unnamed first column of row numbers, another table.
# Otherwise the defaults: every text cell and header quoted, NA for a missing value.
write.csv(df, file.path(out, "r-write-csv.csv"), row.names = FALSE, fileEncoding = "UTF-8")
# write.csv2: ";" between cells, "," as the decimal mark, as in locales that write 9,125.
write.csv2(df, file.path(out, "r-write-csv2-semicolon-decimal-comma.csv"), row.names = FALSE,
           fileEncoding = "UTF-8")
