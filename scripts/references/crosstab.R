#!/usr/bin/env Rscript
# Reference values for `pollcmp crosstab` (weighted shares of respondent rows with design-based
# standard errors, design effects, intervals, leads and group comparisons), from R's `survey`
# package (Lumley). Debian: r-base-core r-cran-survey.
#
# Run from the package root:
#   Rscript scripts/references/crosstab.R
# It writes three made-up respondent files (fixed seed) into Tests/pollcmpTests/Fixtures/
# (respondents.csv: strata, clusters, fpc and a single-PSU stratum; respondents-rep.csv: the
# same kind of sample with JK1, bootstrap, BRR and Fay replicate weights; respondents-zero.csv:
# strata and clusters with some weights of 0), reads them back with
# read.csv, and writes every reference value to Tests/pollcmpTests/Fixtures/crosstab-references.csv
# in long form: fixture,design,by,by_value,category,quantity,value,call. `call` is the R call
# that produced the value; `value` is printed with 17 significant digits (round-trip text).
#
# Conventions mirrored from `pollcmp crosstab`: an empty answer is the category "(missing)";
# every category appears in every group; groups are subsets of the design (svyby's and
# subset()'s domain estimation); survey.lonely.psu = "adjust".
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
fixtures <- "Tests/pollcmpTests/Fixtures"
out <- "Tests/pollcmpTests/Fixtures/crosstab-references.csv"
dir.create(dirname(out), showWarnings = FALSE, recursive = TRUE)
fmt <- function(x) { x <- as.numeric(x)[1]; if (is.na(x)) "NA" else sprintf("%.17g", x) }

## ---- Fixture 1: strata A (3 PSUs), B and C (2 PSUs each), D (1 PSU); fpc in PSUs. ----
set.seed(20261123)
psu_stratum <- c(A1 = "A", A2 = "A", A3 = "A", B1 = "B", B2 = "B", C1 = "C", C2 = "C", D1 = "D")
psu_size <- c(A1 = 7, A2 = 6, A3 = 5, B1 = 6, B2 = 7, C1 = 5, C2 = 6, D1 = 6)
pop_psus <- c(A = 30, B = 20, C = 10, D = 5)
psu <- rep(names(psu_size), psu_size)
n <- length(psu)
stratum <- unname(psu_stratum[psu])
union <- sample(c("yes", "no"), n, replace = TRUE, prob = c(0.4, 0.6))
vote <- ifelse(union == "yes",
               sample(c("Harris", "Trump"), n, replace = TRUE, prob = c(0.6, 0.4)),
               sample(c("Harris", "Trump", "Other"), n, replace = TRUE, prob = c(0.4, 0.45, 0.15)))
vote[c(5, 23, 40)] <- ""                       # three respondents who did not answer
region <- sample(c("north", "south"), n, replace = TRUE)
region[17] <- "west"                           # a group of one respondent
weight <- round(runif(n, 0.4, 2.6), 3)
resp <- data.frame(id = sprintf("r%02d", seq_len(n)), vote = vote, union = union, region = region,
                   stratum = stratum, psu = psu, fpc = unname(pop_psus[stratum]), weight = weight)
write.csv(resp, file.path(fixtures, "respondents.csv"), row.names = FALSE, quote = FALSE)

## ---- Fixture 2: 8 strata x 2 PSUs x 3 respondents, with replicate weights. ----
set.seed(20261124)
m <- 48
r2 <- data.frame(id = sprintf("s%02d", seq_len(m)),
                 stratum = rep(sprintf("h%d", 1:8), each = 6),
                 psu = rep(sprintf("p%02d", 1:16), each = 3))
r2$union <- sample(c("yes", "no"), m, replace = TRUE)
r2$vote <- sample(c("Harris", "Trump", "Other"), m, replace = TRUE, prob = c(0.45, 0.45, 0.1))
r2$vote[r2$union == "yes" & r2$vote == "Other"] <- "Trump"   # Other: no union respondent
r2$vote[11] <- ""
r2$weight <- round(runif(m, 0.5, 2.5), 3)
base <- svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = r2, nest = TRUE)
unstrat <- svydesign(ids = ~psu, weights = ~weight, data = r2)
add_reps <- function(df, design, prefix, ...) {
  rd <- as.svrepdesign(design, compress = FALSE, ...)
  w <- round(unclass(as.matrix(weights(rd, "analysis"))), 6)
  w <- matrix(as.numeric(w), nrow = nrow(df))
  colnames(w) <- paste0(prefix, seq_len(ncol(w)))
  cbind(df, w)
}
set.seed(20261125)
r2 <- add_reps(r2, unstrat, "jk1_", type = "JK1")
r2 <- add_reps(r2, base, "bs_", type = "bootstrap", replicates = 20)
r2 <- add_reps(r2, base, "brr_", type = "BRR")
r2 <- add_reps(r2, base, "fay_", type = "Fay", fay.rho = 0.3)
write.csv(r2, file.path(fixtures, "respondents-rep.csv"), row.names = FALSE, quote = FALSE)

## ---- Fixture 3: zero weights. 4 strata x 2 PSUs x 5 respondents; 7 weights are 0, among
## them every respondent of PSU q4 (so degf drops a PSU) and the one "Other" of union "yes". ----
set.seed(20261126)
m3 <- 40
r3 <- data.frame(id = sprintf("z%02d", seq_len(m3)),
                 stratum = rep(sprintf("k%d", 1:4), each = 10),
                 psu = rep(sprintf("q%d", 1:8), each = 5))
r3$union <- sample(c("yes", "no"), m3, replace = TRUE)
r3$vote <- sample(c("Harris", "Trump"), m3, replace = TRUE)
r3$vote[c(3, 26)] <- "Other"
r3$union[3] <- "yes"; r3$union[26] <- "no"
r3$weight <- round(runif(m3, 0.5, 2.5), 3)
r3$weight[c(3, 9, 16:20, 33)] <- 0
write.csv(r3, file.path(fixtures, "respondents-zero.csv"), row.names = FALSE, quote = FALSE)

## ---- Read back what the command reads. ----
resp <- read.csv(file.path(fixtures, "respondents.csv"), colClasses = c(vote = "character"))
r2 <- read.csv(file.path(fixtures, "respondents-rep.csv"), colClasses = c(vote = "character"))
r3 <- read.csv(file.path(fixtures, "respondents-zero.csv"), colClasses = c(vote = "character"))
prep <- function(d) {
  d$vote[is.na(d$vote) | d$vote == ""] <- "(missing)"
  lv <- sort(unique(d$vote[d$vote != "(missing)"]), method = "radix")
  if (any(d$vote == "(missing)")) lv <- c(lv, "(missing)")
  d$vote <- factor(d$vote, levels = lv)
  d
}
resp <- prep(resp)
r2 <- prep(r2)
r3 <- prep(r3)

designs <- list(
  list(fixture = "respondents", name = "unweighted", text = "svydesign(ids = ~1, data = d)",
       make = function(d) suppressWarnings(svydesign(ids = ~1, data = d))),
  list(fixture = "respondents", name = "weighted", text = "svydesign(ids = ~1, weights = ~weight, data = d)",
       make = function(d) svydesign(ids = ~1, weights = ~weight, data = d)),
  list(fixture = "respondents", name = "stratified", text = "svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d)",
       make = function(d) svydesign(ids = ~1, strata = ~stratum, weights = ~weight, data = d)),
  list(fixture = "respondents", name = "clustered", text = "svydesign(ids = ~psu, weights = ~weight, data = d)",
       make = function(d) svydesign(ids = ~psu, weights = ~weight, data = d)),
  list(fixture = "respondents", name = "strata-clusters", text = "svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)",
       make = function(d) svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)),
  list(fixture = "respondents", name = "fpc", text = "svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE)",
       make = function(d) svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, fpc = ~fpc, data = d, nest = TRUE)),
  list(fixture = "respondents-rep", name = "jk1", text = "svrepdesign(repweights = \"^jk1_[0-9]+$\", type = \"JK1\", weights = ~weight, data = d, combined.weights = TRUE)",
       make = function(d) suppressWarnings(svrepdesign(repweights = "^jk1_[0-9]+$", type = "JK1", weights = ~weight, data = d, combined.weights = TRUE))),
  list(fixture = "respondents-rep", name = "jk1-mse", text = "svrepdesign(repweights = \"^jk1_[0-9]+$\", type = \"JK1\", weights = ~weight, data = d, combined.weights = TRUE, mse = TRUE)",
       make = function(d) suppressWarnings(svrepdesign(repweights = "^jk1_[0-9]+$", type = "JK1", weights = ~weight, data = d, combined.weights = TRUE, mse = TRUE))),
  list(fixture = "respondents-rep", name = "bootstrap", text = "svrepdesign(repweights = \"^bs_[0-9]+$\", type = \"bootstrap\", weights = ~weight, data = d, combined.weights = TRUE)",
       make = function(d) svrepdesign(repweights = "^bs_[0-9]+$", type = "bootstrap", weights = ~weight, data = d, combined.weights = TRUE)),
  list(fixture = "respondents-rep", name = "brr", text = "svrepdesign(repweights = \"^brr_[0-9]+$\", type = \"BRR\", weights = ~weight, data = d, combined.weights = TRUE)",
       make = function(d) svrepdesign(repweights = "^brr_[0-9]+$", type = "BRR", weights = ~weight, data = d, combined.weights = TRUE)),
  list(fixture = "respondents-rep", name = "fay", text = "svrepdesign(repweights = \"^fay_[0-9]+$\", type = \"Fay\", rho = 0.3, weights = ~weight, data = d, combined.weights = TRUE)",
       make = function(d) svrepdesign(repweights = "^fay_[0-9]+$", type = "Fay", rho = 0.3, weights = ~weight, data = d, combined.weights = TRUE)),
  # A zero weight keeps its row in the design (probability 1/0 = Inf, as subset() marks rows
  # outside a domain): nothing in the totals; degf and svymean's deff count only weights != 0
  # (degf: PSUs and strata with a nonzero weight; deff: nobs = sum(weights != 0)), while
  # svyciprop "beta" takes nrow(design) - 1, zero-weight rows included.
  list(fixture = "respondents-zero", name = "zero-weights", text = "svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE)",
       make = function(d) svydesign(ids = ~psu, strata = ~stratum, weights = ~weight, data = d, nest = TRUE))
)

rows <- list()
emit <- function(fx, ds, by, byv, cat, q, v, call) {
  rows[[length(rows) + 1]] <<- data.frame(fixture = fx, design = ds, by = by, by_value = byv,
                                          category = cat, quantity = q, value = fmt(v), call = call)
}
z <- qnorm(0.025, lower.tail = FALSE)

for (spec in designs) {
  d <- switch(spec$fixture, "respondents" = resp, "respondents-rep" = r2, "respondents-zero" = r3)
  des <- spec$make(d)
  cats <- levels(d$vote)
  byvars <- if (spec$fixture == "respondents") c("union", "region") else c("union")
  domains <- list(list(by = "", value = "", keep = rep(TRUE, nrow(d))))
  for (b in byvars) for (g in sort(unique(d[[b]]), method = "radix"))
    domains[[length(domains) + 1]] <- list(by = b, value = g, keep = d[[b]] == g)
  for (dom in domains) {
    sub <- if (dom$by == "") des else des[dom$keep, ]
    where <- if (dom$by == "") "des" else sprintf("des[d$%s == \"%s\", ]", dom$by, dom$value)
    mcall <- sprintf("svymean(~vote, %s, deff = \"replace\") with des = %s", where, spec$text)
    sm <- svymean(~vote, sub, deff = "replace")
    est <- coef(sm); V <- vcov(sm); de <- deff(sm)
    nrow_dom <- sum(dom$keep)
    emit(spec$fixture, spec$name, dom$by, dom$value, "", "n", nrow_dom, "nrow(d[keep, ])")
    if (spec$name == "unweighted") {
      emit(spec$fixture, spec$name, dom$by, dom$value, "", "sum_w", sum(weights(sub)), sprintf("sum(weights(%s))", where))
    } else {
      emit(spec$fixture, spec$name, dom$by, dom$value, "", "sum_w", sum(d$weight[dom$keep]), "sum(d$weight[keep])")
    }
    emit(spec$fixture, spec$name, dom$by, dom$value, "", "df", degf(sub), sprintf("degf(%s)", where))
    for (k in seq_along(cats)) {
      cat_ <- cats[k]
      p <- unname(est[k]); se <- sqrt(V[k, k]); dk <- unname(de[k])
      emit(spec$fixture, spec$name, dom$by, dom$value, cat_, "share", p, mcall)
      emit(spec$fixture, spec$name, dom$by, dom$value, cat_, "se", se, mcall)
      emit(spec$fixture, spec$name, dom$by, dom$value, cat_, "deff", dk, mcall)
      if (p > 0 && p < 1 && degf(sub) > 0) {
        f <- as.formula(sprintf("~I(vote == \"%s\")", cat_))
        for (meth in c("logit", "beta")) {
          ci <- suppressWarnings(attr(svyciprop(f, sub, method = meth), "ci"))
          call <- sprintf("svyciprop(~I(vote == \"%s\"), %s, method = \"%s\")", cat_, where, meth)
          emit(spec$fixture, spec$name, dom$by, dom$value, cat_, paste0(meth, "_lower"), ci[[1]], call)
          emit(spec$fixture, spec$name, dom$by, dom$value, cat_, paste0(meth, "_upper"), ci[[2]], call)
        }
        # Wilson on n_eff = n / deff and Wald, both with the normal quantile (formulas, not a
        # survey call: Wilson 1927; n_eff as Kish; n the respondents with a weight above 0, the
        # n of svymean's deff).
        ne <- sum(weights(sub, "sampling") != 0) / dk
        cen <- (p + z^2 / (2 * ne)) / (1 + z^2 / ne)
        hw <- z * sqrt(p * (1 - p) / ne + z^2 / (4 * ne^2)) / (1 + z^2 / ne)
        emit(spec$fixture, spec$name, dom$by, dom$value, cat_, "wilson_lower", max(0, cen - hw), "Wilson formula on sum(weights(sub, 'sampling') != 0)/deff, qnorm(0.025, lower.tail = FALSE)")
        emit(spec$fixture, spec$name, dom$by, dom$value, cat_, "wilson_upper", min(1, cen + hw), "Wilson formula on sum(weights(sub, 'sampling') != 0)/deff, qnorm(0.025, lower.tail = FALSE)")
        emit(spec$fixture, spec$name, dom$by, dom$value, cat_, "wald_lower", max(0, p - z * se), "p - qnorm(0.025, lower.tail = FALSE) * se")
        emit(spec$fixture, spec$name, dom$by, dom$value, cat_, "wald_upper", min(1, p + z * se), "p + qnorm(0.025, lower.tail = FALSE) * se")
      }
    }
    # The lead Harris - Trump (design covariance of the two shares).
    cc <- setNames(rep(0, length(cats)), names(est)); cc["voteHarris"] <- 1; cc["voteTrump"] <- -1
    lead <- svycontrast(sm, cc)
    ccall <- sprintf("svycontrast(%s, c(voteHarris = 1, voteTrump = -1)); confint()", sub("with des.*", "", mcall))
    emit(spec$fixture, spec$name, dom$by, dom$value, "Harris-Trump", "lead", coef(lead), ccall)
    emit(spec$fixture, spec$name, dom$by, dom$value, "Harris-Trump", "lead_se", SE(lead), ccall)
    ci <- confint(lead)
    emit(spec$fixture, spec$name, dom$by, dom$value, "Harris-Trump", "lead_lower", ci[1, 1], ccall)
    emit(spec$fixture, spec$name, dom$by, dom$value, "Harris-Trump", "lead_upper", ci[1, 2], ccall)
  }
  # Group comparisons: share in b minus share in a, for each pair of sorted groups.
  for (b in byvars) {
    sb <- svyby(~vote, as.formula(paste0("~", b)), des, svymean, covmat = TRUE)
    groups <- sort(unique(d[[b]]), method = "radix")
    cn <- names(coef(sb))
    for (i in seq_along(groups)) for (j in seq_along(groups)) if (i < j) for (cat_ in cats) {
      cc <- setNames(rep(0, length(cn)), cn)
      cc[paste0(groups[j], ":vote", cat_)] <- 1
      cc[paste0(groups[i], ":vote", cat_)] <- -1
      dc <- svycontrast(sb, cc)
      call <- sprintf("svycontrast(svyby(~vote, ~%s, des, svymean, covmat = TRUE), %s:vote%s - %s:vote%s)", b, groups[j], cat_, groups[i], cat_)
      emit(spec$fixture, spec$name, b, paste0(groups[i], "|", groups[j]), cat_, "difference", coef(dc), call)
      emit(spec$fixture, spec$name, b, paste0(groups[i], "|", groups[j]), cat_, "difference_se", SE(dc), call)
    }
  }
}
# --drop-missing: the answered domain (subset of the design).
for (spec in designs[c(5, 7)]) {
  d <- if (spec$fixture == "respondents") resp else r2
  des <- spec$make(d)
  keep <- d$vote != "(missing)"
  sub <- des[keep, ]
  dd <- d[keep, ]; dd$vote <- droplevels(dd$vote)
  sm <- svymean(~vote, sub, deff = "replace")
  call <- sprintf("svymean(~vote, des[d$vote != \"(missing)\", ], deff = \"replace\") with des = %s", spec$text)
  for (k in seq_along(levels(dd$vote))) {
    cat_ <- levels(dd$vote)[k]
    emit(spec$fixture, paste0(spec$name, "+drop-missing"), "", "", cat_, "share", coef(sm)[k], call)
    emit(spec$fixture, paste0(spec$name, "+drop-missing"), "", "", cat_, "se", sqrt(vcov(sm)[k, k]), call)
    emit(spec$fixture, paste0(spec$name, "+drop-missing"), "", "", cat_, "deff", deff(sm)[k], call)
    f <- as.formula(sprintf("~I(vote == \"%s\")", cat_))
    for (meth in c("logit", "beta")) {
      ci <- suppressWarnings(attr(svyciprop(f, sub, method = meth), "ci"))
      call2 <- sprintf("svyciprop(~I(vote == \"%s\"), des[d$vote != \"(missing)\", ], method = \"%s\")", cat_, meth)
      emit(spec$fixture, paste0(spec$name, "+drop-missing"), "", "", cat_, paste0(meth, "_lower"), ci[[1]], call2)
      emit(spec$fixture, paste0(spec$name, "+drop-missing"), "", "", cat_, paste0(meth, "_upper"), ci[[2]], call2)
    }
  }
}
all <- do.call(rbind, rows)
con <- file(out, "w")
writeLines(sprintf("# Generated by scripts/references/crosstab.R with R %s, survey %s; do not edit by hand.",
                   paste(R.version$major, R.version$minor, sep = "."), packageVersion("survey")), con)
write.csv(all, con, row.names = FALSE)
close(con)
cat(nrow(all), "reference values written to", out, "\n")

## ---- Student's t quantiles for Tests/PollNumericsTests/StudentTTests.swift (printed, not written). ----
for (df in c(1, 2, 4, 7, 15, 47, 1000, 1e6)) for (q in c(0.025, 0.005, 0.05))
  cat(sprintf("(%s, %s, %.17g),\n", q, df, qt(q, df, lower.tail = FALSE)))
