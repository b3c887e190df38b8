#!/usr/bin/env python3
"""Writes a respondent file for the raking benchmark: ROWS respondents (default 1,000,000) with
four raking variables (sex 2, age 6, education 4, region 9 categories: 432 cells), a base weight,
an id and two answer columns; and the targets file (shares in points). Categories are drawn with
an association between sex, age and education, so raking takes a number of sweeps.

Usage: make_respondents.py OUT.csv TARGETS.csv [ROWS]   (numpy; seed fixed)
"""
import sys
import numpy as np

out, targets_out = sys.argv[1], sys.argv[2]
rows = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
rng = np.random.default_rng(15)
sex = rng.choice(["F", "M"], rows, p=[0.56, 0.44])
age_levels = np.array(["18-24", "25-34", "35-44", "45-54", "55-64", "65+"])
young = rng.random(rows) < np.where(sex == "F", 0.3, 0.45)
age = np.where(young, rng.choice(age_levels[:3], rows), rng.choice(age_levels[3:], rows, p=[0.3, 0.3, 0.4]))
educ_levels = np.array(["hs", "some", "ba", "grad"])
educ = rng.choice(educ_levels, rows, p=[0.2, 0.25, 0.35, 0.2])
region = rng.choice([f"R{i}" for i in range(1, 10)], rows)
base = np.round(np.exp(rng.normal(0, 0.3, rows)), 4)
answer = rng.choice(["yes", "no", "unsure"], rows, p=[0.45, 0.45, 0.1])
score = rng.integers(0, 11, rows)
with open(out, "w") as f:
    f.write("id,sex,age,educ,region,base_wt,answer,score\n")
    for i in range(rows):
        f.write(f"{i + 1},{sex[i]},{age[i]},{educ[i]},{region[i]},{base[i]},{answer[i]},{score[i]}\n")
shares = {
    "sex": {"F": 51.2, "M": 48.8},
    "age": {"18-24": 11.8, "25-34": 17.4, "35-44": 16.5, "45-54": 15.9, "55-64": 16.6, "65+": 21.8},
    "educ": {"hs": 38.1, "some": 26.9, "ba": 21.6, "grad": 13.4},
    "region": {f"R{i}": s for i, s in enumerate([14.0, 12.5, 11.0, 10.5, 13.0, 9.5, 10.0, 8.5, 11.0], 1)},
}
with open(targets_out, "w") as f:
    f.write("variable,category,share\n")
    for v, cats in shares.items():
        for c, s in cats.items():
            f.write(f"{v},{c},{s}\n")
