#!/usr/bin/env python3
"""Reference values for --tse (total survey error): each poll's variance s^2 + tau^2, Wald
intervals d +- z*sqrt(...), two-sided p = 2*norm.sf(|d|/se) (scipy.stats.norm). Points.

    python3 scripts/references/total_error.py
"""
import numpy as np
from scipy.stats import norm

Z = 1.9599639845400538  # R qnorm(0.025, lower.tail = FALSE), as pollcmp's 95% z


def lead(a, b, n, tau):
    pa, pb = a / 100, b / 100
    var = (pa + pb - (pa - pb) ** 2) / n + (tau / 100) ** 2
    se = np.sqrt(var)
    d = pa - pb
    return dict(se=se * 100, moe=Z * se * 100, lower=(d - Z * se) * 100, upper=(d + Z * se) * 100,
                p_value=2 * norm.sf(abs(d) / se))


def swing(a1, b1, a2, b2, n1, n2, tau):
    v = lambda a, b, n: ((a / 100 + b / 100 - (a / 100 - b / 100) ** 2) / n + (tau / 100) ** 2)
    se = np.sqrt(v(a1, b1, n1) + v(a2, b2, n2))
    s = (a2 - b2 - a1 + b1) / 100
    return dict(se=se * 100, moe=Z * se * 100, p_value=2 * norm.sf(abs(s) / se))


def change(p1, p2, n1, n2, tau):
    p1, p2 = p1 / 100, p2 / 100
    se = np.sqrt(p1 * (1 - p1) / n1 + (tau / 100) ** 2 + p2 * (1 - p2) / n2 + (tau / 100) ** 2)
    d = p2 - p1
    return dict(lower=(d - Z * se) * 100, upper=(d + Z * se) * 100, z=d / se)


if __name__ == "__main__":
    print("lead 58 31 --n 1000 --tse 2.4:", {k: repr(float(v)) for k, v in lead(58, 31, 1000, 2.4).items()})
    print("lead 46 44 --n 800 --tse 2:", {k: repr(float(v)) for k, v in lead(46, 44, 800, 2).items()})
    print("swing 44.3 36.3 31 58 --n1 800 --n2 1000 --tse 2.4:",
          {k: repr(float(v)) for k, v in swing(44.3, 36.3, 31, 58, 800, 1000, 2.4).items()})
    print("change 36.3 58 --n1 800 --n2 1000 --method wald --tse 2.4:",
          {k: repr(float(v)) for k, v in change(36.3, 58, 800, 1000, 2.4).items()})
