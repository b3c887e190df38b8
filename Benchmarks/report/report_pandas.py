#!/usr/bin/env python3
"""The pandas + statsmodels peer of `pollcmp report FILE --format csv` on FiveThirtyEight's
president_polls layout: read, leave out ranked-choice reallocations, take the top two answers per
question, compute each lead with its Wald interval (multinomial variance) and p-value and the
Wilson interval of the leader's share, and consecutive swings per pollster and population with
their Wald intervals and break-even n. Writes the polls table as CSV to stdout.

usage: report_pandas.py FILE.csv
"""
import sys

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

header = pd.read_csv(sys.argv[1], nrows=0).columns
party = "candidate_party" if "candidate_party" in header else "party"
df = pd.read_csv(sys.argv[1], usecols=["question_id", "pollster", "population", "start_date", "end_date",
                                       "sample_size", "answer", party, "pct", "ranked_choice_reallocated"],
                 low_memory=False)
df = df[df["ranked_choice_reallocated"].astype(str).str.lower() != "true"]
df = df.sort_values(["question_id", "pct"], ascending=[True, False], kind="stable")
top = df.groupby("question_id", sort=False).head(2)
first = top.groupby("question_id", sort=False).nth(0).set_index("question_id")
second = top.groupby("question_id", sort=False).nth(1).set_index("question_id")
first = first.loc[first.index.intersection(second.index)]
second = second.loc[first.index]
a, b = first["pct"].to_numpy() / 100, second["pct"].to_numpy() / 100
n = first["sample_size"].to_numpy(dtype=float)
z = stats.norm.isf(0.025)
lead = a - b
se = np.sqrt((a + b - lead ** 2) / n)
p_value = 2 * stats.norm.sf(np.abs(lead / se))
wl, wu = proportion_confint(a * n, n, alpha=0.05, method="wilson")
polls = pd.DataFrame({
    "poll_id": first.index, "pollster": first["pollster"].to_numpy(), "population": first["population"].to_numpy(),
    "start_date": pd.to_datetime(first["start_date"], format="%m/%d/%y").dt.strftime("%Y-%m-%d").to_numpy(),
    "end_date": pd.to_datetime(first["end_date"], format="%m/%d/%y").to_numpy(),
    "sample_size": n, "candidate_a": first["answer"].to_numpy(), "candidate_b": second["answer"].to_numpy(),
    "share_a": a * 100, "share_b": b * 100, "lead": lead * 100, "se": se * 100, "moe": z * se * 100,
    "lower": (lead - z * se) * 100, "upper": (lead + z * se) * 100, "p_value": p_value,
    "break_even_n": np.ceil(z * z * (a + b - lead ** 2) / lead ** 2),
    "share_a_lower": wl * 100, "share_a_upper": wu * 100,
    "unit_variance": a + b - lead ** 2,
})
# Consecutive swings within pollster and population, in order of end date.
polls = polls.sort_values(["pollster", "population", "end_date"], kind="stable")
g = polls.groupby(["pollster", "population"], sort=False)
before_lead = g["lead"].shift(1)
before_var = g["unit_variance"].shift(1)
before_n = g["sample_size"].shift(1)
swing = polls["lead"] - before_lead
swing_se = np.sqrt(before_var / before_n + polls["unit_variance"] / polls["sample_size"]) * 100
swings = pd.DataFrame({"swing": swing, "se": swing_se, "lower": swing - z * swing_se, "upper": swing + z * swing_se,
                       "p_value": 2 * stats.norm.sf(np.abs(swing / swing_se)),
                       "break_even_n": np.ceil(z * z * (before_var + polls["unit_variance"]) / (swing / 100) ** 2)}).dropna(subset=["swing"])
polls["end_date"] = pd.to_datetime(polls["end_date"]).dt.strftime("%Y-%m-%d")
polls.drop(columns=["unit_variance"]).to_csv(sys.stdout, index=False)
print(f"{len(polls)} polls, {len(swings)} swings", file=sys.stderr)
