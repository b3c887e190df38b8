#!/usr/bin/env Rscript
# The R peer of the raking benchmark: read the respondents, survey::rake to the targets until the
# weighted cross table changes by less than 1e-13 * n between sweeps, write the file with weights.
# Usage: Rscript rake_survey.R RESPONDENTS.csv TARGETS.csv OUT.csv
suppressPackageStartupMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
df <- read.csv(args[1], stringsAsFactors = FALSE, colClasses = c(id = "integer", score = "integer"))
targets <- read.csv(args[2], stringsAsFactors = FALSE)
vars <- unique(targets$variable)
n <- nrow(df)
margins <- lapply(vars, function(v) {
  t <- targets[targets$variable == v, ]
  m <- data.frame(t$category, t$share / 100 * n)
  names(m) <- c(v, "Freq")
  m
})
design <- svydesign(ids = ~1, weights = ~base_wt, data = df)
raked <- rake(design, lapply(vars, function(v) as.formula(paste("~", v))), margins,
              control = list(maxit = 1000, epsilon = 1e-13))
df$weight <- weights(raked)
write.csv(df, args[3], row.names = FALSE)
