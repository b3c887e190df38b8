#!/usr/bin/env python3
"""Peer for Benchmarks/run: Wilson intervals for N rows, vectorised with numpy through
statsmodels' proportion_confint (the fastest way a Python user would do it), median of R runs.
Prints `name<TAB>rows<TAB>median_seconds` like pollbench."""
import statistics
import sys
import time

import numpy as np
from statsmodels.stats.proportion import proportion_confint

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
rng = np.random.default_rng(1)
shares = rng.random(rows)
sizes = np.round(100 + 2900 * rng.random(rows))
counts = shares * sizes
times = []
for _ in range(repeats):
    start = time.perf_counter()
    lower, upper = proportion_confint(counts, sizes, alpha=0.05, method="wilson")
    times.append(time.perf_counter() - start)
print(f"wilson_statsmodels_numpy\t{rows}\t{statistics.median(times)}")
