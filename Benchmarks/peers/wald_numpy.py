#!/usr/bin/env python3
"""Peer for Benchmarks/run: Wald intervals of N leads within one poll (multinomial variance
(p_A + p_B - d^2)/n), with z and two-sided p-value, vectorised with numpy and scipy, median of R
runs. The same columns as PollColumns.leads. Prints `name<TAB>rows<TAB>median_seconds`."""
import statistics
import sys
import time

import numpy as np
from scipy import stats

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
rng = np.random.default_rng(1)
a = rng.random(rows)
b = (1 - a) * 0.5
n = np.round(100 + 2900 * rng.random(rows))
z = stats.norm.isf(0.025)
times = []
for _ in range(repeats):
    start = time.perf_counter()
    lead = a - b
    variance = a + b - lead * lead
    se = np.sqrt(variance / n)
    lower, upper = lead - z * se, lead + z * se
    statistic = lead / se
    p = 2 * stats.norm.sf(np.abs(statistic))
    times.append(time.perf_counter() - start)
print(f"wald_lead_numpy\t{rows}\t{statistics.median(times)}")
