#!/usr/bin/env python3
"""Reference values for the founding example (2024 Teamsters member polls) in PollCompare's tests.

Evaluates the documented formulas in 50-digit arithmetic (mpmath) from the exact decimal inputs,
and the p-value with scipy.stats.norm.sf, so the Swift results are checked against an
independent evaluation rather than against themselves.

  before: A 44.3%, B 36.3%, n = 800;  after: A 31%, B 58%, n = 1000.
  Var(lead) = (pA + pB - lead^2) / n   (Franklin 2007; Scott & Seber 1983)
  Var(swing) = Var(lead_before) + Var(lead_after)
"""
import mpmath as mp
from scipy import stats

mp.mp.dps = 50


def lead_unit_variance(a, b):
    d = a - b
    return a + b - d * d


a1, b1, n1 = mp.mpf("0.443"), mp.mpf("0.363"), mp.mpf(800)
a2, b2, n2 = mp.mpf("0.31"), mp.mpf("0.58"), mp.mpf(1000)
v1, v2 = lead_unit_variance(a1, b1), lead_unit_variance(a2, b2)
swing = (a2 - b2) - (a1 - b1)
se = mp.sqrt(v1 / n1 + v2 / n2)
z95 = mp.findroot(lambda t: mp.ncdf(-t) - mp.mpf("0.025"), 1.96)
z = swing / se
print("unit variance before:", float(v1), " after:", float(v2))
print("swing:", float(swing))
print("se:", repr(float(se)))
print("z statistic:", repr(float(z)))
print("p-value (scipy.stats.norm.sf(|z|) * 2):", repr(float(2 * stats.norm.sf(abs(float(z))))))
print("break-even n at 95%:", float(mp.ceil(z95 ** 2 * (v1 + v2) / swing ** 2)),
      "(z^2 (v1 + v2) / swing^2 =", float(z95 ** 2 * (v1 + v2) / swing ** 2), ")")
