#!/usr/bin/env python3
"""Peer for Benchmarks/run: Clopper-Pearson intervals for N rows with scipy, vectorised as a
Python user would write them (statsmodels' proportion_confint(method="beta") makes the same two
calls): lower = beta.ppf(alpha/2, x, n - x + 1) (0 at x = 0), upper = beta.ppf(1 - alpha/2, x + 1,
n - x) (1 at x = n), on integer counts x = round(u*n). Median of R runs (at most 3: each is slow).
Prints `name<TAB>rows<TAB>median_seconds` like pollbench."""
import statistics
import sys
import time

import numpy as np
from scipy import stats

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
repeats = max(1, min(3, int(sys.argv[2]) if len(sys.argv) > 2 else 3))
rng = np.random.default_rng(1)
shares = rng.random(rows)
sizes = np.round(100 + 2900 * rng.random(rows))
counts = np.round(shares * sizes)
alpha = 0.05
times = []
for _ in range(repeats):
    start = time.perf_counter()
    with np.errstate(invalid="ignore", divide="ignore"):
        lower = stats.beta.ppf(alpha / 2, counts, sizes - counts + 1)
        upper = stats.beta.ppf(1 - alpha / 2, counts + 1, sizes - counts)
    lower = np.where(counts == 0, 0.0, lower)
    upper = np.where(counts == sizes, 1.0, upper)
    times.append(time.perf_counter() - start)
print(f"clopper_pearson_scipy\t{rows}\t{statistics.median(times)}")
