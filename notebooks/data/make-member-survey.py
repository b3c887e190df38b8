#!/usr/bin/env python3
"""Writes member-survey.csv: a made-up union member survey in two monthly waves of 1,200
respondents each (not real data). Each wave is stratified by region (stratum = wave and region,
so the waves are independent samples), 15 worksites (clusters) per region, weights that correct an over-sample of union households. Seeded: every run writes the
same file.

usage: python3 notebooks/data/make-member-survey.py > notebooks/data/member-survey.csv
"""
import random

rng = random.Random(202611)
regions = ["midwest", "northeast", "south", "west"]
print("id,wave,region,stratum,site,union_household,vote,weight")
for wave, harris_shift in (("2026-10", 0.0), ("2026-11", -0.04)):
    for i in range(1200):
        region = rng.choice(regions)
        site = f"{wave[5:]}-{region[:2]}{rng.randrange(15):02d}"
        union = rng.random() < 0.55                      # over-sampled: about 35% in the population
        weight = (0.35 / 0.55 if union else 0.65 / 0.45) * rng.uniform(0.7, 1.3)
        p_harris = (0.52 if union else 0.40) + harris_shift + (0.04 if region == "northeast" else 0.0)
        r = rng.random()
        vote = "Harris" if r < p_harris else "Trump" if r < p_harris + 0.43 else "Other" if r < 0.985 else ""
        print(f"w{wave[5:]}-{i:04d},{wave},{region},{wave[5:]}-{region},{site},{'yes' if union else 'no'},{vote},{weight:.4f}")
