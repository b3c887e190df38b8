# The R peer of
#   pollcmp crosstab FILE --row vote --by union --weight weight --strata stratum --cluster psu \
#     --lead Harris,Trump --compare --format csv
# with R's survey package: topline and union crosstab (svymean, svyby), logit intervals
# (svyciprop), the lead (svycontrast) and the union difference (svyby covmat = TRUE).
# usage: Rscript crosstab.R FILE
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
d <- read.csv(commandArgs(TRUE)[1], colClasses = c(vote = "character"))
d$vote[d$vote == ""] <- "(missing)"
d$vote <- factor(d$vote)
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)
top <- svymean(~vote, des, deff = "replace")
cis <- lapply(levels(d$vote), function(v) svyciprop(as.formula(sprintf("~I(vote == '%s')", v)), des, method = "logit"))
by <- svyby(~vote, ~union, des, svymean, covmat = TRUE, deff = "replace")
lead <- svycontrast(top, c(voteHarris = 1, voteTrump = -1))
cn <- names(coef(by))
diffs <- lapply(levels(d$vote), function(v) {
  cc <- setNames(rep(0, length(cn)), cn); cc[paste0("yes:vote", v)] <- 1; cc[paste0("no:vote", v)] <- -1
  svycontrast(by, cc)
})
print(top); print(confint(lead)); print(by); invisible(cis); invisible(diffs)
