#!/usr/bin/env python3
"""Writes a made-up respondent file for the crosstab benchmark: ROWS respondents x 10 columns
(id, vote, union, region, age, sex, stratum, psu, weight, fpc), 20 strata of 10 PSUs each.
Seeded, so every run writes the same file.

usage: make_respondents.py OUT.csv ROWS
"""
import random
import sys

out, rows = sys.argv[1], int(sys.argv[2])
rng = random.Random(20261123)
votes = ["Harris", "Trump", "Other", ""]
with open(out, "w", newline="") as f:
    f.write("id,vote,union,region,age,sex,stratum,psu,weight,fpc\n")
    for i in range(rows):
        union = "yes" if rng.random() < 0.4 else "no"
        r = rng.random()
        share_h = 0.55 if union == "yes" else 0.42
        vote = votes[0] if r < share_h else votes[1] if r < share_h + 0.45 else votes[2] if r < 0.99 else votes[3]
        stratum = rng.randrange(20)
        f.write(f"r{i},{vote},{union},{rng.choice(['north', 'south', 'east', 'west'])},"
                f"{rng.randrange(18, 90)},{rng.choice(['f', 'm'])},h{stratum},p{stratum}_{rng.randrange(10)},"
                f"{rng.uniform(0.3, 3.0):.4f},400\n")
