#!/usr/bin/env python3
"""Reference values for `pollcmp calibrate`, computed independently of the Swift code.

pandas reads the poll file and groups it, numpy does the per-poll arithmetic, math.fsum sums
(exactly rounded), decimal.Decimal makes each error the exact decimal difference of the published
figures, and statsmodels' one-way ANOVA (ols + anova_lm) cross-checks the between- and
within-race sums of squares behind bias_sd on the fixtures.

    python3 scripts/references/calibration.py            # rewrite Tests/pollcmpTests/CalibrationReferences.swift
    python3 scripts/references/calibration.py --check RAW.csv --pollcmp .build/release/pollcmp
        # compare every column of `pollcmp calibrate RAW.csv --by F --format csv` for every field F
        # (and no grouping) with this script's values; prints the largest relative difference.

Definitions (GUIDE §4 "Historical error"; Shirani-Mehr, Rothschild, Goel & Gelman 2018):
error e = lead_poll - lead_actual (points); s^2 = (pA + pB - (pA - pB)^2) / n_eff * 100^2;
mean_error, mean_abs_error, rmse = sqrt(mean e^2), srs_rmse = sqrt(mean s^2), inflation,
coverage = mean(|e| <= z s), tau = sqrt(max(0, mean(e^2 - s^2))); bias_sd: ANOVA estimator of the
race variance component (Searle, Casella & McCulloch 1992, sec. 3.6).
"""
import argparse
import csv
import io
import math
import os
import subprocess
import sys
from decimal import Decimal

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from statsmodels.stats.anova import anova_lm

# z at 95%: R's qnorm(0.025, lower.tail = FALSE) (the value the project uses, GUIDE §3); scipy's
# norm.isf(0.025) is one ulp above it.
Z95 = 1.9599639845400538
FIELDS = ["type_simple", "year", "methodology", "pollster", "partisan", "location"]
COLUMNS = ["group", "polls", "races", "mean_error", "mean_abs_error", "rmse", "srs_rmse", "inflation",
           "coverage", "tau", "bias_sd"]
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "pollcmpTests", "Fixtures")


def exact_difference(a, b):
    """a - b of two published decimals, exactly, then rounded once to a double."""
    return float(Decimal(repr(float(a))) - Decimal(repr(float(b))))


def load_raw(path, a=None, b=None):
    """raw-polls.csv: rows with both shares, a sample size and a result; error from the file's
    margin_poll and margin_actual (first candidate over second; with a/b, sign of A - B)."""
    d = pd.read_csv(path, dtype={"year": str, "race_id": str, "partisan": str}, keep_default_na=False,
                    na_values={"cand1_pct": [""], "cand2_pct": [""], "samplesize": [""], "margin_poll": [""],
                               "margin_actual": [""]})
    d = d[d.cand1_pct.notna() & d.cand2_pct.notna() & d.margin_actual.notna() & d.samplesize.notna()].copy()
    sign = np.ones(len(d))
    if a is not None:
        keep = ((d.cand1_party == a) & (d.cand2_party == b)) | ((d.cand1_party == b) & (d.cand2_party == a))
        d = d[keep].copy()
        sign = np.where(d.cand1_party == a, 1.0, -1.0)
    d["error"] = sign * np.array([exact_difference(x, y) for x, y in zip(d.margin_poll, d.margin_actual)])
    p1, p2 = d.cand1_pct.to_numpy() / 100, d.cand2_pct.to_numpy() / 100
    d["var"] = (p1 + p2 - (p1 - p2) ** 2) / d.samplesize.to_numpy() * 10000
    d["race"] = d.race_id
    return d


def load_tidy(path, a, b):
    """A tidy file with actual_lead: the lead pct(A) - pct(B), n_eff = n/deff, race from `race`
    (empty: each poll its own race); polls without n or a result are left out."""
    rows = pd.read_csv(path, dtype=str, keep_default_na=False)
    polls = []
    for pid, g in rows.groupby("poll_id", sort=False):
        first = g.iloc[0]
        ga, gb = g[g.party == a], g[g.party == b]
        if len(ga) != 1 or len(gb) != 1 or first.sample_size == "" or first.actual_lead == "":
            continue
        pa, pb = float(ga.pct.iloc[0]), float(gb.pct.iloc[0])
        n = float(first.sample_size) / (float(first.deff) if first.deff else 1.0)
        lead = exact_difference(pa, pb)
        polls.append(dict(error=exact_difference(lead, float(first.actual_lead)),
                          var=(pa / 100 + pb / 100 - (pa / 100 - pb / 100) ** 2) / n * 10000,
                          race=first.race if first.race else "poll " + pid,
                          type_simple=first.type_simple, year=first.year, location=first.location,
                          pollster=first.pollster))
    return pd.DataFrame(polls)


def bias_sd(e, race):
    """sqrt(max(0, (MSB - MSW)/n0)) or None (fewer than two races, or no race with two polls)."""
    df = pd.DataFrame({"e": e, "race": race})
    sizes = df.groupby("race", sort=False).e.size()
    R, N = len(sizes), len(df)
    if R < 2 or N == R:
        return None
    means = df.groupby("race", sort=False).e.apply(lambda x: math.fsum(x) / len(x))
    grand = math.fsum(df.e) / N
    ssb = math.fsum(sizes[r] * (means[r] - grand) ** 2 for r in sizes.index)
    ssw = math.fsum((df.e - df.race.map(means)) ** 2)
    n0 = (N - math.fsum(sizes.to_numpy(dtype=float) ** 2) / N) / (R - 1)
    return math.sqrt(max(0.0, (ssb / (R - 1) - ssw / (N - R)) / n0))


def anova_check(e, race):
    """statsmodels' sums of squares for e ~ C(race) against the direct ones (fixtures only)."""
    df = pd.DataFrame({"e": e, "race": ["r" + str(x) for x in race]})
    if df.race.nunique() < 2 or len(df) == df.race.nunique():
        return
    table = anova_lm(smf.ols("e ~ C(race)", data=df).fit())
    means = df.groupby("race").e.transform("mean")
    ssb = ((means - df.e.mean()) ** 2).sum()
    ssw = ((df.e - means) ** 2).sum()
    assert math.isclose(table.loc["C(race)", "sum_sq"], ssb, rel_tol=1e-9), (table, ssb)
    assert math.isclose(table.loc["Residual", "sum_sq"], ssw, rel_tol=1e-9, abs_tol=1e-12), (table, ssw)


def summary(g, z=Z95):
    e, v = g.error.to_numpy(), g["var"].to_numpy()
    n = len(e)
    rmse = math.sqrt(math.fsum(e * e) / n)
    srs = math.sqrt(math.fsum(v) / n)
    anova_check(e, g.race.to_numpy())
    return dict(polls=n, races=g.race.nunique(), mean_error=math.fsum(e) / n,
                mean_abs_error=math.fsum(np.abs(e)) / n, rmse=rmse, srs_rmse=srs,
                inflation=rmse / srs if srs > 0 else None,
                coverage=float(np.sum(np.abs(e) <= z * np.sqrt(v))) / n,
                tau=math.sqrt(max(0.0, math.fsum(e * e - v) / n)),
                bias_sd=bias_sd(e, g.race.to_numpy()))


def order_key(values):
    """Group order of `pollcmp calibrate`: numbers numerically, else text (byte order)."""
    out = []
    for v in values:
        try:
            out.append((0, float(v), ""))
        except ValueError:
            out.append((1, 0.0, v))
    return out


def table(d, by, min_polls=1):
    rows = [dict(group="all", **summary(d))]
    if by:
        groups = [(tuple(str(x) for x in (k if isinstance(k, tuple) else (k,))), g)
                  for k, g in d.groupby(by if len(by) > 1 else by[0], sort=False, dropna=False)]
        for key, g in sorted(groups, key=lambda kg: order_key(kg[0])):
            if len(g) >= min_polls:
                rows.append(dict(group=" / ".join(key), **summary(g)))
    return rows


def swift_value(x):
    if x is None:
        return "nil"
    if isinstance(x, str):
        return '"' + x.replace('"', '\\"') + '"'
    return repr(float(x))


def write_swift(cases):
    lines = ["// Generated by scripts/references/calibration.py: do not edit.",
             "// Each row: pandas/numpy with math.fsum (see the script), the columns of `pollcmp calibrate`.",
             "", "struct CalibrationReferenceCase: Sendable {",
             "    let name: String", "    let arguments: [String]",
             "    let rows: [CalibrationReferenceRow]", "}", "",
             "struct CalibrationReferenceRow: Sendable {", "    let group: String", "    let values: [Double?]", "}", "",
             "let calibrationReferences: [CalibrationReferenceCase] = ["]
    for name, args, rows in cases:
        lines.append("    CalibrationReferenceCase(name: %s, arguments: [%s], rows: [" % (
            swift_value(name), ", ".join(swift_value(a) for a in args)))
        for r in rows:
            values = ", ".join(swift_value(r[c]) for c in COLUMNS[1:])
            lines.append("        CalibrationReferenceRow(group: %s, values: [%s])," % (swift_value(r["group"]), values))
        lines.append("    ]),")
    lines.append("]")
    path = os.path.join(ROOT, "Tests", "pollcmpTests", "CalibrationReferences.swift")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", path, len(cases), "cases")


def fixture_cases():
    raw = os.path.join(FIXTURES, "fte-raw-calibration.csv")
    tidy = os.path.join(FIXTURES, "tidy-calibration.csv")
    rel = lambda p: "Tests/pollcmpTests/Fixtures/" + os.path.basename(p)
    d = load_raw(raw)
    cases = [("raw-all", [rel(raw)], table(d, []))]
    for f in FIELDS:
        cases.append(("raw-by-" + f, [rel(raw), "--by", f], table(d, [f])))
    cases.append(("raw-by-year-type", [rel(raw), "--by", "year,type_simple"], table(d, ["year", "type_simple"])))
    cases.append(("raw-min-polls-3", [rel(raw), "--by", "type_simple", "--min-polls", "3"],
                  table(d, ["type_simple"], min_polls=3)))
    pres = d[d.type_simple == "Pres-G"]
    cases.append(("raw-where-pres", [rel(raw), "--where", "type_simple=Pres-G", "--by", "location"],
                  table(pres, ["location"])))
    rd = load_raw(raw, "REP", "DEM")
    cases.append(("raw-rep-over-dem", [rel(raw), "--a", "REP", "--b", "DEM"], table(rd, [])))
    one = d[d.race == "504"]
    cases.append(("raw-one-race", [rel(raw), "--where", "type_simple=Gov-G", "--where", "location=OH"], table(one, [])))
    t = load_tidy(tidy, "DEM", "REP")
    cases.append(("tidy-all", [rel(tidy), "--a", "DEM", "--b", "REP"], table(t, [])))
    cases.append(("tidy-by-type", [rel(tidy), "--a", "DEM", "--b", "REP", "--by", "type_simple"],
                  table(t, ["type_simple"])))
    return cases


def check(path, binary):
    d = load_raw(path)
    worst = 0.0
    for by in [[]] + [[f] for f in FIELDS] + [["year", "type_simple"]]:
        args = [binary, "calibrate", path, "--format", "csv"] + (["--by", ",".join(by)] if by else [])
        out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
        got = list(csv.DictReader(io.StringIO(out)))
        want = table(d, by)
        assert [r["group"] for r in got] == [r["group"] for r in want], ("groups differ", by)
        for g, w in zip(got, want):
            for c in COLUMNS[1:]:
                if w[c] is None or g[c] == "":
                    assert w[c] is None and g[c] == "", (by, w["group"], c, g[c], w[c])
                    continue
                x, y = float(g[c]), float(w[c])
                r = 0.0 if x == y else abs(x - y) / max(abs(x), abs(y))
                worst = max(worst, r)
                assert r <= 1e-12, (by, w["group"], c, x, y)
        print("--by %-22s %4d rows agree" % (",".join(by) or "(none)", len(want)))
    print("largest relative difference: %.3g" % worst)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--check", metavar="RAW_CSV")
    p.add_argument("--pollcmp", default=os.path.join(ROOT, ".build", "release", "pollcmp"))
    a = p.parse_args()
    if a.check:
        check(a.check, a.pollcmp)
    else:
        write_swift(fixture_cases())
