# Writes R's number fixtures from pandas' file: Rscript long_numbers.R OUT_DIR
# R reads the 17-digit values and writes them back with 15 significant digits, its default;
# write.csv2 with ";" and a decimal comma. row.names = FALSE keeps the table's columns.
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
df <- read.csv(file.path(out, "pandas-to-csv-crlf.csv"), stringsAsFactors = FALSE)
write.csv(df, file.path(out, "r-write-csv.csv"), row.names = FALSE, fileEncoding = "UTF-8")
write.csv2(df, file.path(out, "r-write-csv2-semicolon-decimal-comma.csv"), row.names = FALSE,
           fileEncoding = "UTF-8")
