#!/usr/bin/env python3
"""Accuracy of PollCompare's Beta quantile (IncompleteBeta.inverse / inverseComplement) against
mpmath, in units in the last place, over the quantiles interval methods ask for:

- Clopper-Pearson bounds, lower B^-1(alpha/2; x, n - x + 1) and upper B^-1(1 - alpha/2; x + 1, n - x),
  for n uniform in 10..3000, x uniform in 0..n, at confidence 0.95 (three sets), 0.8, 0.99, 0.999;
- Jeffreys bounds (shapes x + 1/2, n - x + 1/2) at 0.95;
- the beta bounds of survey crosstabs, whose shapes n_eff*p and n_eff*(1 - p) (+1) are not
  integers, for n_eff uniform in 5..100.

Each reference is the root of mpmath.betainc(a, b, 0, t, regularized=True) = p (or the upper
tail = q) at 40 digits, by Newton's method from scipy.special.betaincinv (betainccinv for upper
tails), stopped when a step is below 1e-35 relative.

Usage:
    python3 scripts/references/beta_quantile_accuracy.py POLLBENCH [POLLBENCH ...]

where each POLLBENCH is a release build of Benchmarks/pollbench (`scripts/build-release pollbench`),
whose `quantiles` mode reads lines `L p a b` / `U q a b` and answers each with the quantile. With
two binaries (an old and a new build) it also says how many answers changed and whether each
change moved toward mpmath. Seeded (numpy default_rng(7)): the same 6,795 cases on every run.
"""
import subprocess
import sys

import mpmath as mp
import numpy as np
from scipy import special


def cases():
    rng = np.random.default_rng(7)
    rows = []
    for conf in [0.95] * 3 + [0.8, 0.99, 0.999]:
        half = (1 - conf) / 2
        for _ in range(400):
            n = int(round(10 + 2990 * rng.random()))
            x = int(round(rng.random() * n))
            if x > 0:
                rows.append(("L", half, float(x), float(n - x + 1)))
            if x < n:
                rows.append(("U", half, float(x + 1), float(n - x)))
    for _ in range(400):
        n = int(round(10 + 2990 * rng.random()))
        x = int(round(rng.random() * n))
        rows.append(("L", 0.025, x + 0.5, n - x + 0.5))
        rows.append(("U", 0.025, x + 0.5, n - x + 0.5))
    for _ in range(600):
        n = 5 + 95 * rng.random()
        p = rng.random()
        a, b = n * p, n * (1 - p)
        if a > 0:
            rows.append(("L", 0.025, float(a), float(b + 1)))
        if b > 0:
            rows.append(("U", 0.025, float(a + 1), float(b)))
    return rows


def reference(kind, p, a, b):
    mp.mp.dps = 40
    A, B, P = mp.mpf(a), mp.mpf(b), mp.mpf(p)
    guess = special.betaincinv(a, b, p) if kind == "L" else special.betainccinv(a, b, p)
    t = mp.mpf(guess)
    sign = 1 if kind == "L" else -1
    for _ in range(10):
        tail = mp.betainc(A, B, 0, t, regularized=True) if kind == "L" else mp.betainc(A, B, t, 1, regularized=True)
        density = t ** (A - 1) * (1 - t) ** (B - 1) / mp.beta(A, B)
        step = sign * (tail - P) / density
        t -= step
        if abs(step) < mp.mpf(10) ** -35 * t:
            break
    return t


def ulps(value, exact):
    """Signed error of a double in units of the spacing of doubles at the exact value."""
    spacing = np.spacing(abs(float(exact)))
    return float((mp.mpf(value) - exact) / spacing)


def answers(binary, rows):
    text = "".join(f"{k} {p!r} {a!r} {b!r}\n" for k, p, a, b in rows)
    out = subprocess.run([binary, "quantiles"], input=text, capture_output=True, text=True, check=True).stdout
    return [float(v) for v in out.split()]


def main():
    binaries = sys.argv[1:]
    if not binaries:
        sys.exit(__doc__)
    rows = cases()
    exact = [reference(*row) for row in rows]
    errors = []
    for binary in binaries:
        values = answers(binary, rows)
        e = np.array([ulps(v, x) for v, x in zip(values, exact)])
        errors.append((values, e))
        print(f"{binary}: {len(rows)} quantiles; within 0.5 ulp (correctly rounded) {np.mean(np.abs(e) <= 0.5):.1%}, "
              f"within 1 ulp {np.mean(np.abs(e) <= 1):.2%}, mean |error| {np.mean(np.abs(e)):.3f} ulp, "
              f"largest {np.max(np.abs(e)):.2f} ulp")
    if len(binaries) == 2:
        (old, eo), (new, en) = errors
        changed = [i for i in range(len(rows)) if old[i] != new[i]]
        closer = sum(1 for i in changed if abs(en[i]) < abs(eo[i]))
        farther = sum(1 for i in changed if abs(en[i]) > abs(eo[i]))
        print(f"changed: {len(changed)} of {len(rows)}; closer to mpmath {closer}, farther {farther}, "
              f"as close {len(changed) - closer - farther}")


if __name__ == "__main__":
    main()
