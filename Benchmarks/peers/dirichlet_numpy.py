#!/usr/bin/env python3
"""Peer for Benchmarks/run: P(A leads) as the share of D Dirichlet(461, 441, 101) posterior draws
(a poll of 1000 with A 46%, B 44%, uniform prior) with theta_A > theta_B, by numpy's Generator
(PCG64) two ways: Generator.dirichlet (all three shares per draw), and the shortcut of drawing only
the two gamma variates that decide the comparison (theta_A > theta_B exactly when G_A > G_B; the
third gamma and the normalisation cancel). Median of R runs (at most 3). Prints
`name<TAB>draws<TAB>median_seconds` like pollbench."""
import statistics
import sys
import time

import numpy as np

draws = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
repeats = max(1, min(3, int(sys.argv[2]) if len(sys.argv) > 2 else 3))
alpha = np.array([461.0, 441.0, 101.0])


def median_time(body):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def full():
    d = np.random.default_rng(20240918).dirichlet(alpha, draws)
    return np.count_nonzero(d[:, 0] > d[:, 1]) / draws


def gammas():
    rng = np.random.default_rng(20240918)
    return np.count_nonzero(rng.standard_gamma(alpha[0], draws) > rng.standard_gamma(alpha[1], draws)) / draws


print(f"dirichlet_lead_numpy\t{draws}\t{median_time(full)}")
print(f"dirichlet_lead_numpy_gammas\t{draws}\t{median_time(gammas)}")
