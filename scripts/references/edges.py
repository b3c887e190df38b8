#!/usr/bin/env python3
"""Generate Tests/PollCompareTests/EdgeReferences.swift and
Tests/PollNumericsTests/HugeParameterReferences.swift: reference values for
the edges of the interval code (issue "Right at every edge").

Every row ends with a `// ...` comment naming the tool and the call that
produced it.  Inputs are exactly representable doubles; mpmath evaluations
start from exactly those doubles and are rounded once to the nearest double.

Which tool produces which table
-------------------------------
1. wilsonCC: R prop.test(x, n, p = P, conf.level = 1 - alpha, correct = TRUE)
   $conf.int, run through Rscript (where R's centre - margin cancels to noise,
   the lower bound is the mpmath value of the same formula and the comment
   shows R's).  R shrinks the continuity correction to
   |x - n*P| when that is below 1/2 (it is written for the test against P),
   so P is chosen per row to keep the full correction 1/2 (the call in the
   comment shows it).  For n < 1 no P can (|x - n*P| <= n < 1/2): those rows
   are Newcombe (1998) method 4 itself, Wilson at (x -/+ 1/2)/n with the
   bound 0 (1) once the corrected share leaves [0, 1], in mpmath (dps 50).
2. likelihoodRatio: mpmath (dps 60 + log10 n) bisection for the root of
   2n*KL(x/n || t) - z^2 in u = ln t or v = ln(1 - t) (whichever of t, 1 - t
   is below 1/2 at the bound), z = sqrt(2)*erfinv(1 - alpha); closed forms at
   x = 0 and x = n.
3. incompleteBeta / incompleteGamma (huge shapes): mpmath.quad of the
   density exp((a-1)ln t + (b-1)ln(1-t) - ln B(a, b)) over the smaller tail
   (panels growing geometrically from the decay length at x out to 100
   standard deviations), at dps 45 + log10(max shape).
   mpmath.betainc's hypergeometric series does not converge at these shapes.
4. inverseBeta: scipy.special.betaincinv(a, b, p) as the starting point,
   refined by three Newton steps on the mpmath.quad incomplete beta of (3)
   (scipy's value is off by up to 5e-10 relative at shapes near 1e15; the
   last step changes at most the last bit, stderr shows it; the
   comment gives the scipy value).
5. hugeN (Clopper-Pearson, Jeffreys, mid-p and likelihood-ratio bounds at
   n = 1e20 ... 1e300, x = n/2): p -/+ z*sqrt(p(1-p)/n) in mpmath (dps 60);
   every exact bound differs from it by O(1/n) <= 1e-20 relative, far below
   the spacing of doubles, so it is the correctly rounded exact bound.
   Small counts of a huge n (x = 3, n = 1e300): Beta(a, n) quantiles are
   Gamma(a) quantiles / n to O(a/n) relative: mpmath findroot of
   gammainc(a, 0, y, regularized=True) = alpha/2 (dps 50), bound = y/n.
6. multinomialLarge: statsmodels multinomial_proportions_confint(counts,
   alpha, method="sison-glaz") for counts up to n = 1e5 (its linear scan of
   the width makes larger n impractical).

7. fractionalCounts (Clopper-Pearson, Jeffreys, mid-p and likelihood-ratio
   bounds for x in {0, 1e-300, 0.001, 0.3, 0.5, 0.9, 1, 1.5, n - 1, n - 0.5,
   n} and n = 1 ... 1e300) and smallShapeInverse (Beta quantiles for a tiny
   or fractional shape with a huge one): mpmath (dps 60 + log10 n), I_t(a, b)
   by the positive series DLMF 8.17.8 on whichever of t and 1 - t converges
   (both given to full relative precision), the root by Illinois regula
   falsi in ln t (bound <= 1/2) or ln(1 - t), to 1e-40 relative; a bound
   below 2^-1075 (it rounds to 0) is written as 0.

Run: python3 scripts/references/edges.py   (needs Rscript, mpmath, scipy,
statsmodels; progress on stderr).
"""

import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import mpmath
import numpy as np
import scipy
import scipy.special as sps
import statsmodels
from mpmath import mp, mpf
from statsmodels.stats.proportion import multinomial_proportions_confint

ROOT = Path(__file__).resolve().parents[2]
OUT_COMPARE = ROOT / "Tests" / "PollCompareTests" / "EdgeReferences.swift"
OUT_NUMERICS = ROOT / "Tests" / "PollNumericsTests" / "HugeParameterReferences.swift"

MPM = f"mpmath {mpmath.__version__}"
SP = f"scipy {scipy.__version__}"
SM = f"statsmodels {statsmodels.__version__}"


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def to_double(x):
    """Round an mpf to the nearest double (exact rational arithmetic; float(Fraction) rounds correctly)."""
    m, e = mpf(x).man_exp
    if m == 0:
        return 0.0
    return float(Fraction(int(m)) * (Fraction(2) ** e if e >= 0 else Fraction(1, 2 ** (-e))))


def swift(v):
    if isinstance(v, float) and math.isnan(v):
        return ".nan"
    return repr(float(v))


def z_of(alpha):
    return mp.sqrt(2) * mp.erfinv(1 - mpf(alpha))


# ---------------------------------------------------------------------------
# 1. Wilson with continuity correction
# ---------------------------------------------------------------------------

WILSON_CC_GRID = [
    (0.3, 100.0, 0.05), (0.5, 100.0, 0.05), (0.50000001, 100.0, 0.05), (0.49999999, 100.0, 0.05),
    (0.0, 100.0, 0.05), (100.0, 100.0, 0.05), (99.5, 100.0, 0.05), (99.7, 100.0, 0.05),
    (99.49999, 100.0, 0.05), (0.7, 1.0, 0.05), (1.0, 1.0, 0.05), (0.0, 1.0, 0.05),
    (29.0, 100.0, 0.01), (354.4, 800.0, 0.1), (0.1, 0.25, 0.05), (0.25, 0.25, 0.05),
    (0.0, 0.5, 0.05), (3.0, 1e9, 0.05),
]


def wilson_mp(p, n, z, upper):
    p, n = mpf(p), mpf(n)
    c = (p + z * z / (2 * n)) / (1 + z * z / n)
    m = z * mp.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return c + m if upper else c - m


def wilson_cc_mp(x, n, alpha):
    mp.dps = 50
    z = z_of(alpha)
    lo = (mpf(x) - mpf(1) / 2) / n
    hi = (mpf(x) + mpf(1) / 2) / n
    lower = mpf(0) if lo <= 0 else wilson_mp(lo, n, z, False)
    upper = mpf(1) if hi >= 1 else wilson_mp(hi, n, z, True)
    return to_double(lower), to_double(upper)


def build_wilson_cc():
    rows = []
    r_calls = []
    for x, n, alpha in WILSON_CC_GRID:
        if n < 1:
            lo, hi = wilson_cc_mp(x, n, alpha)
            rows.append((x, n, alpha, lo, hi,
                         f"{MPM} (dps 50): Newcombe 1998 method 4, Wilson at (x -/+ 0.5)/n; "
                         f"R prop.test caps the correction at |x - n*p| < 0.5 when n < 1"))
            continue
        # A null P with |x - n*P| >= 1/2, so R applies the full correction.
        P = 0.5 if abs(x - n * 0.5) >= 0.5 else (0.01 if abs(x - n * 0.01) >= 0.5 else 0.99)
        r_calls.append((x, n, alpha, P))
        rows.append((x, n, alpha, None, None, P))
    script = "options(digits = 17)\n" + "".join(
        f'r <- suppressWarnings(prop.test({x!r}, {n!r}, p = {P!r}, conf.level = 1 - {alpha!r}, correct = TRUE))$conf.int\n'
        'cat(sprintf("%.17g %.17g\\n", r[1], r[2]))\n'
        for x, n, alpha, P in r_calls)
    out = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, check=True).stdout.split("\n")
    version = subprocess.run(["Rscript", "-e", "cat(R.version.string)"], capture_output=True, text=True).stdout.strip()
    results = iter(out)
    final = []
    for x, n, alpha, lo, hi, extra in rows:
        if lo is None:
            a, b = next(results).split()
            lo, hi = float(a), float(b)
            m_lo, m_hi = wilson_cc_mp(x, n, alpha)
            log(f"wilson-cc x={x} n={n}: R [{lo}, {hi}] method-4 mpmath [{m_lo}, {m_hi}]")
            comment = (f"{version}: prop.test({x!r}, {n!r}, p = {extra!r}, conf.level = 1 - {alpha!r}, "
                       f"correct = TRUE)$conf.int")
            if lo != 0 and abs(lo - m_lo) > 1e-9 * abs(m_lo):
                # R forms centre - margin, which cancels when the corrected share is tiny.
                comment += (f" gives lower {lo!r}, rounding noise of centre - margin; lower from {MPM} "
                            f"(dps 50), Newcombe method 4")
                lo = m_lo
        else:
            comment = extra
        final.append((x, n, alpha, lo, hi, comment))
    return final


# ---------------------------------------------------------------------------
# 2. Likelihood-ratio bounds
# ---------------------------------------------------------------------------

LR_GRID = [
    (0.1, 10.0, 0.05), (9.9, 10.0, 0.05), (1.0, 10.0, 0.05), (0.5, 1.0, 0.05),
    (0.01, 1.0, 0.05), (3.0, 1e300, 0.05), (5.0, 10.0, 1e-10), (354.4, 800.0, 0.1),
    (0.001, 1000.0, 0.05), (999.999, 1000.0, 0.05), (0.0, 10.0, 0.05), (10.0, 10.0, 0.05),
]


def lr_bounds(x, n, alpha):
    mp.dps = 60 + int(math.log10(n))
    z = z_of(alpha)
    c = z * z
    x, n = mpf(x), mpf(n)
    if x == 0:
        return mpf(0), -mp.expm1(-c / (2 * n))
    if x == n:
        return mp.exp(-c / (2 * n)), mpf(1)
    p = x / n
    q = 1 - p

    def stat_u(u):
        t = mp.exp(u)
        return 2 * n * (p * mp.log(p / t) + q * mp.log(q / (1 - t))) - c

    def stat_v(v):
        s = mp.exp(v)
        return 2 * n * (p * mp.log(p / (1 - s)) + q * mp.log(q / s)) - c

    def solve(f, lo, hi):
        # bisection in the log variable until the bracket is below 1e-(dps - 10) relative
        flo = f(lo)
        for _ in range(3000):
            mid = (lo + hi) / 2
            fm = f(mid)
            if (fm > 0) == (flo > 0):
                lo, flo = mid, fm
            else:
                hi = mid
            if abs(hi - lo) < mpf(10) ** (10 - mp.dps) * (1 + abs(lo)):
                break
        return (lo + hi) / 2

    # lower bound: u in (-inf, ln p)
    top = mp.log(p) if p <= mpf(1) / 2 or stat_u(mp.log(mpf(1) / 2)) <= 0 else None
    if top is None:
        # the lower bound is above 1/2: solve in v = ln(1 - t) between ln q and ln(1/2)
        lower = 1 - mp.exp(solve(lambda v: -stat_v(v), mp.log(q), mp.log(mpf(1) / 2)))
        top = mp.log(q)
        step = mpf(1)
        while stat_v(top - step) <= 0:
            step *= 2
        upper = 1 - mp.exp(solve(stat_v, top - step, top))
        return lower, upper
    top = min(top, mp.log(mpf(1) / 2))
    step = mpf(1)
    while stat_u(top - step) <= 0:
        step *= 2
    lower = mp.exp(solve(stat_u, top - step, top))
    if p < mpf(1) / 2 and stat_u(mp.log(mpf(1) / 2)) > 0:
        # the upper bound is below 1/2: solve in ln t between ln p and ln(1/2)
        upper = mp.exp(solve(lambda u: -stat_u(u), mp.log(p), mp.log(mpf(1) / 2)))
    else:
        top = min(mp.log(q), mp.log(mpf(1) / 2))
        step = mpf(1)
        while stat_v(top - step) <= 0:
            step *= 2
        upper = 1 - mp.exp(solve(stat_v, top - step, top))
    return lower, upper


def build_lr():
    rows = []
    for x, n, alpha in LR_GRID:
        lo, hi = lr_bounds(x, n, alpha)
        rows.append((x, n, alpha, to_double(lo), to_double(hi),
                     f"{MPM} (dps {60 + int(math.log10(n))}): root of 2n*KL(x/n || t) = z^2, z = sqrt(2)*erfinv(1 - alpha), "
                     f"bisection in ln t or ln(1 - t), whichever side of 1/2 the bound is on"))
        log("lr", x, n, alpha, rows[-1][3], rows[-1][4])
    return rows


# ---------------------------------------------------------------------------
# 3./4. Incomplete beta and gamma at huge shapes, by quadrature
# ---------------------------------------------------------------------------

def dps_for(*shapes):
    return 45 + int(math.log10(max(shapes)))


def panels(x, sd, k, toward, bound):
    """Quadrature panel ends from x toward `bound` (-1 down, +1 up): widths growing geometrically
    from sd/(4(1 + |k|)) (the integrand's decay length near x) out to 100 standard deviations."""
    h = sd / (4 * (1 + abs(k)))
    pts = [x]
    j = 0
    while True:
        j += 1
        nxt = x + toward * h * (2 ** j - 1)
        if (toward < 0 and nxt <= bound) or (toward > 0 and nxt >= bound):
            pts.append(bound)
            break
        pts.append(nxt)
        if abs(nxt - x) > 100 * sd:
            break
    return sorted(pts)


def beta_tails_quad(a, b, x):
    """(I_x(a, b), 1 - I_x(a, b)) by quadrature of the smaller tail."""
    mp.dps = dps_for(a, b)
    a, b, x = mpf(a), mpf(b), mpf(x)
    lnB = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)

    def pdf(t):
        return mp.exp((a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t) - lnB)

    t0 = a / (a + b)
    sd = mp.sqrt(t0 * (1 - t0) / (a + b + 1))
    k = (x - t0) / sd
    if x < t0:
        lower = mp.quad(pdf, panels(x, sd, k, -1, mpf(0)))
        return lower, 1 - lower
    upper = mp.quad(pdf, panels(x, sd, k, +1, mpf(1)))
    return 1 - upper, upper


def gamma_tails_quad(s, x):
    mp.dps = dps_for(s)
    s, x = mpf(s), mpf(x)
    lg = mp.loggamma(s)

    def pdf(t):
        return mp.exp((s - 1) * mp.log(t) - t - lg)

    sd = mp.sqrt(s)
    k = (x - s) / sd
    if x < s:
        lower = mp.quad(pdf, panels(x, sd, k, -1, mpf(0)))
        return lower, 1 - lower
    upper = mp.quad(pdf, panels(x, sd, k, +1, x + 200 * sd))
    return 1 - upper, upper


BETA_SHAPES = [
    (1e5, 1e5), (1e5, 3e5), (2e5, 1e9), (1e6, 1e6), (1e7, 3e7), (1e9, 1e9),
    (1e12, 3e12), (1e15, 1e15), (1e5, 1e25), (1e10, 1e20), (1e20, 1e20), (5e24, 5e24),
]
DEVIATIONS = [-30.0, -5.0, -1.0, 0.3, 2.0, 8.0]


def build_beta():
    rows = []
    for a, b in BETA_SHAPES:
        t0 = a / (a + b)
        sd = math.sqrt(t0 * (b / (a + b)) / (a + b + 1))
        for k in DEVIATIONS:
            x = t0 + k * sd
            lower, upper = beta_tails_quad(a, b, x)
            rows.append((x, a, b, to_double(lower), to_double(upper),
                         f"{MPM} (dps {dps_for(a, b)}): quad of the Beta({a!r}, {b!r}) density over the smaller tail"))
        log("beta", a, b)
    return rows


GAMMA_SHAPES = [1e5, 1e6, 1e9, 1e12, 1e20]


def build_gamma():
    rows = []
    for s in GAMMA_SHAPES:
        for k in DEVIATIONS:
            x = s + k * math.sqrt(s)
            lower, upper = gamma_tails_quad(s, x)
            rows.append((s, x, to_double(lower), to_double(upper),
                         f"{MPM} (dps {dps_for(s)}): quad of the Gamma({s!r}) density over the smaller tail"))
        log("gamma", s)
    return rows


INVERSE_CASES = [
    (0.025, 5e14, 5e14 + 1), (0.975, 5e14 + 1, 5e14), (0.025, 2.9e14, 7.1e14 + 1),
    (1e-10, 1e6, 1e6), (0.5, 1e5, 3e5), (0.025, 1e7, 1e15), (1e-200, 1e9, 1e9),
]


def build_inverse():
    rows = []
    for p, a, b in INVERSE_CASES:
        guess = float(sps.betaincinv(a, b, p))
        mp.dps = dps_for(a, b)
        t = mpf(guess)
        lnB = mp.loggamma(mpf(a)) + mp.loggamma(mpf(b)) - mp.loggamma(mpf(a) + mpf(b))
        for step in range(3):
            previous = to_double(t)
            lower, upper = beta_tails_quad(a, b, t)
            mp.dps = dps_for(a, b)
            pdf = mp.exp((a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t) - lnB)
            # Newton on the smaller tail
            t = t - (lower - p) / pdf if p <= 0.5 else t + (upper - (1 - mpf(p))) / pdf
        value = to_double(t)
        log("inverse", p, a, b, "scipy", guess, "refined", value, "last step changed", value != previous)
        rows.append((p, a, b, value,
                     f"{SP} betaincinv({a!r}, {b!r}, {p!r}) = {guess!r}, three Newton steps on the {MPM} quad incomplete beta"))
    return rows


# ---------------------------------------------------------------------------
# 5. Bounds at huge n
# ---------------------------------------------------------------------------

def build_huge_n():
    rows = []
    for n in [1e20, 1e25, 1e100, 1e300]:
        for alpha in [0.05, 1e-6]:
            mp.dps = 60
            p = mpf(1) / 2
            z = z_of(alpha)
            m = z * mp.sqrt(p * (1 - p) / mpf(n))
            rows.append((n / 2, n, alpha, to_double(p - m), to_double(p + m),
                         f"{MPM} (dps 60): p -/+ z*sqrt(p(1-p)/n), p = 1/2, z = sqrt(2)*erfinv(1 - alpha); "
                         f"exact bounds differ by O(1/n)"))
    return rows


def gamma_quantile(a, target, upper):
    mp.dps = 50
    f = (lambda y: mp.gammainc(a, y, mp.inf, regularized=True) - target) if upper else \
        (lambda y: mp.gammainc(a, 0, y, regularized=True) - target)
    lo, hi = mpf("1e-30"), mpf(200)
    for _ in range(300):
        mid = (lo + hi) / 2
        v = f(mid)
        if (v > 0) != upper:
            hi = mid
        else:
            lo = mid
    return mp.findroot(f, (lo + hi) / 2)


def build_small_count():
    n = 1e300
    rows = []
    for alpha in [0.05, 0.01]:
        t = alpha / 2
        lo = gamma_quantile(3, t, False) / mpf(n - 3 + 1)
        hi = gamma_quantile(4, t, True) / mpf(n - 3)
        rows.append(("clopper-pearson", 3.0, n, alpha, to_double(lo), to_double(hi),
                     f"{MPM} (dps 50): findroot of gammainc(3, 0, y, regularized=True) = alpha/2 and "
                     f"gammainc(4, y, inf, regularized=True) = alpha/2; bound = y/b, b = n - x + 1 resp. n - x"))
        lo = gamma_quantile(3.5, t, False) / mpf(n - 3 + 0.5)
        hi = gamma_quantile(3.5, t, True) / mpf(n - 3 + 0.5)
        rows.append(("jeffreys", 3.0, n, alpha, to_double(lo), to_double(hi),
                     f"{MPM} (dps 50): findroot of gammainc(3.5, ...) = alpha/2 at both tails; bound = y/(n - x + 0.5)"))
    return rows


# ---------------------------------------------------------------------------
# 6. Sison-Glaz at larger n
# ---------------------------------------------------------------------------

MULTINOMIAL_CASES = [
    ([3100.0, 5800.0, 600.0, 500.0], 0.05),
    ([31000.0, 58000.0, 6000.0, 5000.0], 0.05),
    ([29.0, 71.0], 0.05),
]


def build_multinomial():
    rows = []
    for counts, alpha in MULTINOMIAL_CASES:
        ci = multinomial_proportions_confint(np.array(counts), alpha=alpha, method="sison-glaz")
        rows.append((counts, alpha, [float(v) for v in ci[:, 0]], [float(v) for v in ci[:, 1]],
                     f"{SM} multinomial_proportions_confint({[int(c) for c in counts]}, alpha={alpha!r}, method=\"sison-glaz\")"))
        log("multinomial", counts)
    return rows


# ---------------------------------------------------------------------------
# 7. Fractional counts (x < 1, tiny x) and huge n: the exact-family bounds
# ---------------------------------------------------------------------------

_LOG_BETA = {}


def log_beta(a, b):
    """ln B(a, b) at the working precision (cached: the root searches call it with the same shapes)."""
    key = (a, b, mp.prec)
    if key not in _LOG_BETA:
        _LOG_BETA[key] = mp.loggamma(a) + mp.loggamma(b) - mp.loggamma(a + b)
    return _LOG_BETA[key]

class SlowSeries(Exception):
    pass


def _series(t, s, a, b, cap):
    """t^a s^b/(a B(a, b)) * sum_k (a + b)_k/(a + 1)_k t^k (DLMF 8.17.8): I_t(a, b), positive terms."""
    lead = mp.exp(a * mp.log(t) + b * mp.log(s) - mp.log(a) - log_beta(a, b))
    term = mpf(1)
    total = mpf(1)
    eps = mpf(10) ** (-mp.dps - 5)
    # Terms grow while (a + b + k)t > a + 1 + k: skip sums whose peak is beyond `cap` terms
    # (the loop below also gives up after `cap` terms).
    if ((a + b) * t - a - 1) / (1 - t) > cap:
        raise SlowSeries
    for k in range(int(cap)):
        ratio = (a + b + k) * t / (a + 1 + k)
        term *= ratio
        total += term
        if ratio < 1 and term < eps * total:
            return lead * total
    raise SlowSeries


def beta_series(t, s, a, b):
    """(I_t(a, b), 1 - I_t(a, b)) given t and s = 1 - t (both to full relative precision), by
    DLMF 8.17.8 on I_t(a, b) or on I_s(b, a) = 1 - I_t(a, b), whichever converges in fewer
    terms (the first when t < (a + 1)/(a + b + 2)). Far in a tail where neither converges in
    2e4 terms (huge shapes), the smaller tail is below 1e-100 and is returned as its leading
    term x^a y^b/B(a, b)/|(a + b)x - a| (x the coordinate of that tail), enough for the sign
    and the log-scale interpolation of the root search, never at a root."""
    if t <= 0:
        return mpf(0), mpf(1)
    if s <= 0:
        return mpf(1), mpf(0)
    first = t < (a + 1) / (a + b + 2)
    for use_t in ((True, False) if first else (False, True)):
        try:
            if use_t:
                v = _series(t, s, a, b, 20000)
                return v, 1 - v
            v = _series(s, t, b, a, 20000)
            return 1 - v, v
        except SlowSeries:
            pass
    log_lead = a * mp.log(t) + b * mp.log(s) - log_beta(a, b)
    if t * (a + b) > a:
        v = mp.exp(log_lead) / (t * (a + b) - a)
        assert v < mpf(10) ** -100, ("tail estimate used near the bulk", t, a, b, v)
        return 1 - v, v
    v = mp.exp(log_lead) / (a - t * (a + b))
    assert v < mpf(10) ** -100, ("tail estimate used near the bulk", t, a, b, v)
    return v, 1 - v


LN_TINY = mp.log(mpf(2) ** -1075)      # below half the least subnormal: rounds to 0
LN_NEAR_ONE = mp.log(mpf(2) ** -1100)  # 1 - 2^-1100 rounds to 1


def point_u(u):
    return mp.exp(u), -mp.expm1(u)


def point_v(v):
    return -mp.expm1(v), mp.exp(v)


def illinois(g, lo, hi, glo, ghi, tol):
    """Root of the increasing g on [lo, hi], g(lo) < 0 < g(hi): Illinois regula falsi."""
    side = 0
    for _ in range(2000):
        w = (lo * ghi - hi * glo) / (ghi - glo)
        if not (lo < w < hi):
            w = (lo + hi) / 2
        gw = g(w)
        if gw == 0:
            return w
        if gw < 0:
            lo, glo = w, gw
            if side == -1:
                ghi /= 2
            side = -1
        else:
            hi, ghi = w, gw
            if side == 1:
                glo /= 2
            side = 1
        if hi - lo <= tol * (1 + abs(lo)):
            return (lo + hi) / 2
    raise RuntimeError("illinois did not converge")


def solve_increasing(h, t0, t1):
    """The root in (t0, t1) of h(t, s), increasing in t (s = 1 - t), as an mpf t, solved in
    ln t when the root is at most 1/2 and in ln(1 - t) otherwise; 0 when it is below 2^-1075,
    1 when 1 - t is below 2^-1100."""
    tol = mpf(10) ** (-40)
    half = mpf(1) / 2
    in_u = t1 <= half or (t0 < half and h(half, half) >= 0)
    if in_u:
        hi_t = min(t1, half)
        if hi_t <= mpf(2) ** -1075:
            return mpf(0)
        lo_u = LN_TINY if t0 == 0 else mp.log(t0)
        hi_u = mp.log(hi_t)
        g = lambda u: h(*point_u(u))
        glo = g(lo_u)
        if glo >= 0:
            assert t0 == 0
            return mpf(0)
        ghi = g(hi_u)
        assert ghi >= 0, ("no sign change", t0, t1)
        return mp.exp(illinois(g, lo_u, hi_u, glo, ghi, tol))
    lo_s = max(1 - t1, 0) if t1 < 1 else mpf(0)
    hi_s = min(1 - t0, half)
    lo_v = LN_NEAR_ONE if lo_s == 0 else mp.log(lo_s)
    hi_v = mp.log(hi_s)
    g = lambda v: -h(*point_v(v))
    glo = g(lo_v)
    if glo >= 0:
        assert t1 == 1
        return mpf(1)
    ghi = g(hi_v)
    assert ghi >= 0, ("no sign change (v)", t0, t1)
    return -mp.expm1(illinois(g, lo_v, hi_v, glo, ghi, tol))


def exact_bounds(method, x, n, alpha):
    """(lower, upper) as mpf for the four exact-family methods, fractional x allowed."""
    mp.dps = 60 + int(math.log10(max(n, 1)))
    x, n = mpf(x), mpf(n)
    half_alpha = mpf(alpha) / 2

    def lower_tail(a, b):
        return lambda t, s: beta_series(t, s, a, b)[0]

    def upper_tail(a, b):
        return lambda t, s: beta_series(t, s, a, b)[1]

    if method == "clopper-pearson":
        lower = mpf(0) if x == 0 else solve_increasing(
            lambda t, s: lower_tail(x, n - x + 1)(t, s) - half_alpha, mpf(0), mpf(1))
        upper = mpf(1) if x == n else solve_increasing(
            lambda t, s: half_alpha - upper_tail(x + 1, n - x)(t, s), mpf(0), mpf(1))
        return lower, upper
    if method == "jeffreys":
        a, b = x + mpf(1) / 2, n - x + mpf(1) / 2
        lower = solve_increasing(lambda t, s: lower_tail(a, b)(t, s) - half_alpha, mpf(0), mpf(1))
        upper = solve_increasing(lambda t, s: half_alpha - upper_tail(a, b)(t, s), mpf(0), mpf(1))
        return lower, upper
    if method == "mid-p":
        if x == n:
            lower = mp.exp(mp.log(2 * half_alpha) / n)
        elif x == 0:
            lower = mpf(0)
        else:
            lower = solve_increasing(
                lambda t, s: (lower_tail(x, n - x + 1)(t, s) + lower_tail(x + 1, n - x)(t, s)) / 2 - half_alpha,
                mpf(0), mpf(1))
        if x == 0:
            upper = -mp.expm1(mp.log(2 * half_alpha) / n)
        elif x == n:
            upper = mpf(1)
        else:
            upper = solve_increasing(
                lambda t, s: half_alpha - (upper_tail(x + 1, n - x)(t, s) + upper_tail(x, n - x + 1)(t, s)) / 2,
                mpf(0), mpf(1))
        return lower, upper
    if method == "likelihood-ratio":
        c = z_of(alpha) ** 2
        if x == 0:
            return mpf(0), -mp.expm1(-c / (2 * n))
        if x == n:
            return mp.exp(-c / (2 * n)), mpf(1)
        p = x / n
        q = (n - x) / n

        def stat(t, s):
            return 2 * n * (p * mp.log(p / t) + q * mp.log(q / s)) - c

        lower = solve_increasing(lambda t, s: -stat(t, s), mpf(0), p)
        upper = solve_increasing(stat, p, mpf(1))
        return lower, upper
    raise ValueError(method)


FRACTIONAL_SIZES = [1.0, 10.0, 1e3, 1e9, 1e20, 1e100, 1e300]
FRACTIONAL_METHODS = ["clopper-pearson", "jeffreys", "mid-p", "likelihood-ratio"]


def fractional_grid():
    """x in {0, 1e-300, 0.001, 0.3, 0.5, 0.9, 1, 1.5, n - 1, n - 0.5, n} (as doubles; n - 1 is n
    itself from 2^53 on) for each n, 0 <= x <= n, without repeats."""
    pairs = []
    for n in FRACTIONAL_SIZES:
        for x in [0.0, 1e-300, 0.001, 0.3, 0.5, 0.9, 1.0, 1.5, n - 1, n - 0.5, n]:
            if 0 <= x <= n and (x, n) not in pairs:
                pairs.append((x, n))
    return pairs


def rounded(v):
    """The double nearest v; 0 below 2^-1100 (the solver returns exactly 0 below 2^-1075)."""
    return 0.0 if v < mpf(2) ** -1100 else to_double(v)


def build_fractional():
    rows = []
    alpha = 0.05
    for x, n in fractional_grid():
        for method in FRACTIONAL_METHODS:
            lo, hi = exact_bounds(method, x, n, alpha)
            lo, hi = rounded(lo), rounded(hi)
            rows.append((method, x, n, alpha, lo, hi,
                         f"{MPM} (dps {60 + int(math.log10(n))}): {FRACTIONAL_CALLS[method]}{FRACTIONAL_SUFFIX}"))
        log("fractional", x, n, [r[4:6] for r in rows[-4:]])
    return rows


FRACTIONAL_CALLS = {
    "clopper-pearson": "roots of I_t(x, n-x+1) = alpha/2 and 1 - I_t(x+1, n-x) = alpha/2",
    "jeffreys": "roots of I_t(x+1/2, n-x+1/2) = alpha/2 and 1 - I_t(x+1/2, n-x+1/2) = alpha/2",
    "mid-p": "roots of [I_t(x, n-x+1) + I_t(x+1, n-x)]/2 = alpha/2 and of the mean of the complements = alpha/2; "
             "1 - alpha^(1/n) at x = 0, alpha^(1/n) at x = n",
    "likelihood-ratio": "roots of 2n*KL(x/n || t) = z^2 below and above x/n, z = sqrt(2)*erfinv(1 - alpha)",
}
FRACTIONAL_SUFFIX = ("; I_t by DLMF 8.17.8 (positive series), Illinois in ln t or ln(1 - t); "
                     "0 where the bound is below 2^-1075")


# Quantiles of Beta(a, b) for a tiny or fractional shape a and a huge b (the inverse's fast path).
SMALL_SHAPE_INVERSE = [
    ("lower", 0.5, 0.01, 1e100), ("lower", 0.9999, 1e-5, 1e100), ("lower", 0.975, 1e-5, 1e300),
    ("upper", 0.025, 0.001, 1e300), ("upper", 0.025, 0.3, 1e20), ("lower", 0.025, 0.3, 1e20),
    ("lower", 1e-300, 0.5, 1e300), ("lower", 0.5, 1e-300, 1.7976931348623157e308),
    ("lower", 0.025, 0.9, 1e9), ("lower", 0.5, 0.1, 1e9), ("upper", 1e-10, 0.001, 1e100),
    ("lower", 0.999, 1e-3, 1e15), ("upper", 0.4, 5e-324, 1e200), ("lower", 0.025, 2.5, 1e300),
]


def build_small_shape_inverse():
    rows = []
    for tail, prob, a, b in SMALL_SHAPE_INVERSE:
        mp.dps = 60 + int(math.log10(b))
        A, B, P = mpf(a), mpf(b), mpf(prob)
        if tail == "lower":
            v = solve_increasing(lambda t, s: beta_series(t, s, A, B)[0] - P, mpf(0), mpf(1))
            call = f"root of I_t({a!r}, {b!r}) = {prob!r}"
        else:
            v = solve_increasing(lambda t, s: P - beta_series(t, s, A, B)[1], mpf(0), mpf(1))
            call = f"root of 1 - I_t({a!r}, {b!r}) = {prob!r}"
        rows.append((tail, prob, a, b, rounded(v),
                     f"{MPM} (dps {mp.dps}): {call}{FRACTIONAL_SUFFIX}"))
        log("small-shape inverse", tail, prob, a, b, rows[-1][4])
    return rows


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

def dl(values):
    return "[" + ", ".join(swift(v) for v in values) + "]"


def main():
    header = (
        "// Generated by scripts/references/edges.py; do not edit by hand.\n"
        "// Regenerate: python3 scripts/references/edges.py\n"
        f"// Tools: {MPM}, {SP}, {SM}, R (Rscript); each row names its call.\n"
        "// Doubles are printed with repr(float) (round-trip text).\n\n"
    )
    wcc = build_wilson_cc()
    lr = build_lr()
    huge = build_huge_n()
    small = build_small_count()
    multi = build_multinomial()
    fractional = build_fractional()
    lines = [header, "enum EdgeReferences {"]
    lines.append("    /// Wilson with continuity correction (Newcombe 1998, method 4).")
    lines.append("    static let wilsonCC: [(count: Double, n: Double, alpha: Double, lower: Double, upper: Double)] = [")
    for x, n, alpha, lo, hi, c in wcc:
        lines.append(f"        (count: {swift(x)}, n: {swift(n)}, alpha: {swift(alpha)}, lower: {swift(lo)}, upper: {swift(hi)}), // {c}")
    lines.append("    ]\n")
    lines.append("    /// Likelihood-ratio interval bounds.")
    lines.append("    static let likelihoodRatio: [(count: Double, n: Double, alpha: Double, lower: Double, upper: Double)] = [")
    for x, n, alpha, lo, hi, c in lr:
        lines.append(f"        (count: {swift(x)}, n: {swift(n)}, alpha: {swift(alpha)}, lower: {swift(lo)}, upper: {swift(hi)}), // {c}")
    lines.append("    ]\n")
    lines.append("    /// Exact-method bounds at x = n/2 for huge n (all exact methods agree with these to double precision).")
    lines.append("    static let hugeN: [(count: Double, n: Double, alpha: Double, lower: Double, upper: Double)] = [")
    for x, n, alpha, lo, hi, c in huge:
        lines.append(f"        (count: {swift(x)}, n: {swift(n)}, alpha: {swift(alpha)}, lower: {swift(lo)}, upper: {swift(hi)}), // {c}")
    lines.append("    ]\n")
    lines.append("    /// A small count out of n = 1e300.")
    lines.append("    static let smallCountHugeN: [(method: String, count: Double, n: Double, alpha: Double, lower: Double, upper: Double)] = [")
    for m, x, n, alpha, lo, hi, c in small:
        lines.append(f"        (method: \"{m}\", count: {swift(x)}, n: {swift(n)}, alpha: {swift(alpha)}, lower: {swift(lo)}, upper: {swift(hi)}), // {c}")
    lines.append("    ]\n")
    lines.append("    /// Clopper-Pearson, Jeffreys, mid-p and likelihood-ratio bounds for fractional and tiny counts")
    lines.append("    /// up to n = 1e300 (0 where the exact bound is below 2^-1075).")
    lines.append("    static let fractionalCounts: [(method: String, count: Double, n: Double, alpha: Double, lower: Double, upper: Double)] = [")
    for m, x, n, alpha, lo, hi, c in fractional:
        lines.append(f"        (method: \"{m}\", count: {swift(x)}, n: {swift(n)}, alpha: {swift(alpha)}, lower: {swift(lo)}, upper: {swift(hi)}), // {c}")
    lines.append("    ]\n")
    lines.append("    /// Sison-Glaz at larger n.")
    lines.append("    static let sisonGlaz: [(counts: [Double], alpha: Double, lower: [Double], upper: [Double])] = [")
    for counts, alpha, lo, hi, c in multi:
        lines.append(f"        (counts: {dl(counts)}, alpha: {swift(alpha)}, lower: {dl(lo)}, upper: {dl(hi)}), // {c}")
    lines.append("    ]")
    lines.append("}")
    OUT_COMPARE.write_text("\n".join(lines) + "\n")

    beta = build_beta()
    gamma = build_gamma()
    inverse = build_inverse()
    small_inverse = build_small_shape_inverse()
    lines = [header, "enum HugeParameterReferences {"]
    lines.append("    /// Both tails of I_x(a, b) for large shapes.")
    lines.append("    static let incompleteBeta: [(x: Double, a: Double, b: Double, lower: Double, upper: Double)] = [")
    for x, a, b, lo, hi, c in beta:
        lines.append(f"        (x: {swift(x)}, a: {swift(a)}, b: {swift(b)}, lower: {swift(lo)}, upper: {swift(hi)}), // {c}")
    lines.append("    ]\n")
    lines.append("    /// Both tails of P(s, x) for large shapes.")
    lines.append("    static let incompleteGamma: [(s: Double, x: Double, lower: Double, upper: Double)] = [")
    for s, x, lo, hi, c in gamma:
        lines.append(f"        (s: {swift(s)}, x: {swift(x)}, lower: {swift(lo)}, upper: {swift(hi)}), // {c}")
    lines.append("    ]\n")
    lines.append("    /// The Beta(a, b) quantile at p for large shapes.")
    lines.append("    static let inverseBeta: [(p: Double, a: Double, b: Double, expected: Double)] = [")
    for p, a, b, v, c in inverse:
        lines.append(f"        (p: {swift(p)}, a: {swift(a)}, b: {swift(b)}, expected: {swift(v)}), // {c}")
    lines.append("    ]")
    lines.append("")
    lines.append("    /// Beta(a, b) quantiles for a tiny or fractional shape a and a huge b: the x with")
    lines.append("    /// I_x(a, b) = probability (tail lower) or 1 - I_x(a, b) = probability (tail upper); 0 below 2^-1075.")
    lines.append("    static let smallShapeInverse: [(tail: String, probability: Double, a: Double, b: Double, expected: Double)] = [")
    for tail, prob, a, b, v, c in small_inverse:
        lines.append(f"        (tail: \"{tail}\", probability: {swift(prob)}, a: {swift(a)}, b: {swift(b)}, expected: {swift(v)}), // {c}")
    lines.append("    ]")
    lines.append("}")
    OUT_NUMERICS.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
