#!/usr/bin/env python3
"""Peer for Benchmarks/average/run: statsmodels UnobservedComponents local level ('llevel'),
fitted by maximum likelihood (its default: Kalman filter, L-BFGS), the nearest established peer
of `pollcmp average` (which adds house effects and per-poll variances and uses REML).

  average_statsmodels.py file POLLS.csv [REPEATS]
      POLLS.csv is `pollcmp average ... --table polls --format csv`: the same polls. The series is
      their daily mean lead over every day from the first poll to the last (NaN on days without a
      poll: the Kalman filter skips them), as a local level model needs one value a day.
  average_statsmodels.py synthetic DAYS [REPEATS]
      a seeded series of DAYS days shaped like the 2024 file (a poll on about 61% of days).

Prints `name<TAB>days<TAB>observations<TAB>median_fit_seconds<TAB>sigma2_irregular<TAB>sigma2_level`
(the fit alone, median of REPEATS, default 5; the import and reading are not in it).
"""
import statistics
import sys
import time

import numpy as np
from statsmodels.tsa.statespace.structural import UnobservedComponents


def daily_series(path):
    import csv
    import datetime
    rows = list(csv.DictReader(open(path, newline="")))
    days = [datetime.date.fromisoformat(r["date"]).toordinal() for r in rows]
    leads = [float(r["lead"]) for r in rows]
    first = min(days)
    total = np.zeros(max(days) - first + 1)
    count = np.zeros_like(total)
    for d, y in zip(days, leads):
        total[d - first] += y
        count[d - first] += 1
    with np.errstate(invalid="ignore"):
        return np.where(count > 0, total / count, np.nan)


def synthetic(days):
    rng = np.random.default_rng(2024)
    level = 3.0 + np.cumsum(rng.normal(0, 0.3, days))
    y = level + rng.normal(0, 2.5, days)
    y[rng.random(days) > 0.61] = np.nan
    return y


def main():
    mode, arg = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    y = daily_series(arg) if mode == "file" else synthetic(int(arg))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        res = UnobservedComponents(y, level="llevel").fit(disp=False)
        times.append(time.perf_counter() - start)
    observed = int(np.sum(~np.isnan(y)))
    print(f"average_statsmodels_{mode}\t{len(y)}\t{observed}\t{statistics.median(times)}\t"
          f"{res.params[0]}\t{res.params[1]}")


if __name__ == "__main__":
    main()
