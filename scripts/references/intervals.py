#!/usr/bin/env python3
"""Generate Tests/PollCompareTests/IntervalReferences.swift.

The Swift file holds reference values for PollCompare's interval, test,
posterior, design-effect and sample-size code.  Every row of every table ends
with a `// ...` comment naming the tool and the call (or formula) that
produced it.

Conventions
-----------
* Shares are proportions in [0, 1]; `alpha` = 1 - confidence; counts may be
  fractional (x = p * n).
* Every input is a Python float / int, i.e. an exactly representable IEEE
  double.  Library calls receive the inputs exactly as written (alpha=0.05,
  never 1 - 0.95).  mpmath evaluations start from exactly those doubles
  (mpmath.mpf(float) is exact), run at mp.dps = 50, and are rounded *once* to
  the nearest double with exact rational arithmetic (`to_double`).
* z = Phi^-1(1 - alpha/2) is computed in mpmath as sqrt(2) * erfinv(1 - alpha);
  the chi-square(1) quantile at 1 - alpha is z^2.
* Doubles are written with Python repr(float) (round-trip text), NaN as .nan.

Which tool produces which table
-------------------------------
1. share
   - "wald", "agresti-coull", "wilson", "clopper-pearson", "jeffreys":
     statsmodels proportion_confint(count, n, alpha=alpha, method=M) with
     M = "normal", "agresti_coull", "wilson", "beta", "jeffreys".
     Clopper-Pearson uses the project convention lower = 0 at x = 0 and
     upper = 1 at x = n (scipy's beta.ppf returns nan there; statsmodels
     0.15.0 already substitutes 0 / 1, the row comment says so).
   - "wilson-cc": Newcombe (1998) method 4 closed form evaluated in mpmath.
     Cross-checked (stderr only) against R prop.test(x, n, conf.level =
     1 - alpha, correct = TRUE)$conf.int.
   - "mid-p": mid-p Clopper-Pearson from its definition, mpmath betainc
     (dps 50) + bracketed mpmath root finding, started from a scipy brentq
     solution.  Where mpmath.betainc cannot evaluate (n = 1e9 with both shape
     parameters ~5e8) the scipy.special.betainc/betaincc +
     scipy.optimize.brentq root is written instead (xtol=1e-300 and
     rtol=4*eps, the smallest rtol scipy accepts, followed by an ulp walk to
     the sign change) and the row comment says so; those rows are
     cross-checked (stderr) against an mpmath.quad evaluation of the
     incomplete beta integral.
   - "likelihood-ratio": inversion of the binomial likelihood-ratio test,
     mpmath (dps 50) bracketed root finding in log p (closed forms at
     x = 0 and x = n).
2. lead / posteriorLead
   - lead "wald" and "adjusted-wald" (Bonett & Price): mpmath (dps 50) from
     the formulas; p-value = 2 * scipy.stats.norm.sf(|z|), probLeadNormal =
     scipy.stats.norm.cdf(z) evaluated on the rounded z statistic.
   - posteriorLead: 1 - I_{1/2}(countA + 1, countB + 1) as
     mpmath.betainc(a, b, 0.5, 1, regularized=True) (dps 50).  Where mpmath
     cannot evaluate (huge counts), an mpmath upper bound on the binomial tail
     (integer counts) proves 1 - probability < 2^-1100, so the double is 1.0.
3. change / restrictedMLE
   - change: statsmodels confint_proportions_2indep(count2, n2, count1, n1,
     method=M, compare="diff", alpha=alpha) and test_proportions_2indep(count2,
     n2, count1, n1, method=T, compare="diff") (value 0, two-sided, default
     correction=True).  Poll 2 is passed first so statsmodels' diff is p2 - p1.
     The `change` column itself is p2 - p1 in mpmath, correctly rounded.
     statsmodels errors / nan are written as .nan (row kept, comment says
     why); an infinite statistic is also written as .nan.  For n = 1e9 the
     score method overflows int64 when given Python ints, so those calls are
     repeated with the same values as floats (the comment shows the call).
     Each "score" row's comment also carries the interval obtained by
     inverting the score test with the exact restricted MLE (issue #10269).
   - restrictedMLE: the Miettinen-Nurminen restricted MLE (maximise the
     two-binomial log-likelihood subject to p2 - p1 = delta), found in mpmath
     (dps 50) by bracketed root finding of the score equation.  The script
     also compares it with statsmodels' score_test_proportions_2indep
     prop1_null / prop2_null (statsmodels issue #10269) and re-inverts the
     score test in mpmath both with the exact restricted MLE and with
     statsmodels' own closed form; the findings go to stderr.
4. multinomial: statsmodels multinomial_proportions_confint(counts,
   alpha=alpha, method=M), M in {"goodman", "sison-glaz"}; rows where
   statsmodels raises would be skipped (listed on stderr; none do with
   statsmodels 0.15.0).  Degenerate Sison-Glaz results (c = 0, or every
   interval [0, 1]) are kept and flagged in the row comment.
5. designEffect: Kish deff = n * sum(w^2) / sum(w)^2 and nEff = sum(w)^2 /
   sum(w^2) in mpmath (dps 50); cross-checked (stderr) with base R arithmetic.
6. planning: n = ceil(z^2 * V * deff / moe^2) in mpmath (dps 50).

Run from anywhere:  python3 scripts/references/intervals.py
(progress and cross-check summaries are printed to stderr).
"""

import math
import signal
import subprocess
import sys
import time
import warnings
from fractions import Fraction
from pathlib import Path

import mpmath
import numpy as np
import scipy
import scipy.optimize as sopt
import scipy.special as sps
import scipy.stats as sst
import statsmodels
from mpmath import mp, mpf
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    multinomial_proportions_confint,
    proportion_confint,
    score_test_proportions_2indep,
    test_proportions_2indep,
)

DPS = 50
mp.dps = DPS

REPO_ROOT = Path(__file__).resolve().parents[2]
OUTPUT = REPO_ROOT / "Tests" / "PollCompareTests" / "IntervalReferences.swift"

SM = f"statsmodels {statsmodels.__version__}"
SP = f"scipy {scipy.__version__}"
MPM = f"mpmath {mpmath.__version__}"
MPD = f"{MPM} (dps {DPS})"

MPMATH_TIME_CAP = 2.0   # seconds allowed for one mpmath.betainc call

T_START = time.time()


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def r_version():
    """Version of the Rscript on PATH, e.g. '4.2.2'."""
    out = subprocess.run(
        ["Rscript", "-e", "cat(paste(R.version$major, R.version$minor, sep='.'))"],
        capture_output=True, text=True, check=True)
    return out.stdout.strip()


def to_double(x):
    """Round an mpmath number (or a float) to the nearest double, exactly once."""
    if isinstance(x, float):
        return x
    x = mpf(x)
    if mp.isnan(x):
        return float("nan")
    if mp.isinf(x):
        raise ValueError("infinite reference value")
    sign, man, exp, _ = x._mpf_
    if man == 0:
        return 0.0
    frac = Fraction(man) * (Fraction(2) ** exp)   # exact value of the mpf
    value = float(frac)                            # correctly rounded
    return -value if sign else value


def swift(v):
    """Swift literal for a double: repr() round-trip text, NaN as .nan."""
    v = float(v)
    if math.isnan(v):
        return ".nan"
    if math.isinf(v):
        raise ValueError("never write inf")
    return repr(v)


def swift_list(values):
    return "[" + ", ".join(swift(v) for v in values) + "]"


def arg(v):
    """Text of an input as it is passed in the call (ints without '.0')."""
    if isinstance(v, int):
        return str(v)
    if float(v).is_integer() and abs(v) < 1e16:
        return str(int(v))
    return repr(float(v))


def as_input(v):
    """Input value as passed to the libraries: ints stay ints, 354.4 stays a float."""
    return int(v) if float(v).is_integer() else float(v)


def z_crit(alpha):
    """Phi^-1(1 - alpha/2) in mpmath, from the exact double alpha."""
    return mp.sqrt(2) * mp.erfinv(1 - mpf(alpha))


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def capped(fn, *args, cap=MPMATH_TIME_CAP):
    """Run fn(*args) with a wall-clock cap; return None on timeout/failure."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, cap)
    try:
        return fn(*args)
    except (Timeout, ValueError, ZeroDivisionError, mpmath.libmp.NoConvergence):
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def mp_root(f, lo, hi):
    """Root of f on the bracket [lo, hi] (f(lo), f(hi) of opposite sign), mpmath.

    Bisection down to a relative width of 1e-12, then the Anderson-Bjorck
    bracketing solver to full working precision.  If the polished root leaves
    the bracket or fails verification, plain bisection is continued to a
    relative width of 1e-45 instead.  The result is verified by a sign change
    across root * (1 -+ 1e-25) (or +-1e-60 absolute at 0).
    """
    lo, hi = mpf(lo), mpf(hi)
    flo, fhi = f(lo), f(hi)
    if flo == 0:
        return lo
    if fhi == 0:
        return hi
    if (flo > 0) == (fhi > 0):
        raise ValueError("root not bracketed")

    def bisect(lo, hi, flo, rel):
        for _ in range(2000):
            if abs(hi - lo) <= rel * max(abs(lo), abs(hi)) or abs(hi - lo) < mpf("1e-70"):
                break
            mid = (lo + hi) / 2
            fm = f(mid)
            if fm == 0:
                return mid, mid, fm
            if (fm > 0) == (flo > 0):
                lo, flo = mid, fm
            else:
                hi = mid
        return lo, hi, flo

    def verified(root):
        eps = max(abs(root) * mpf("1e-25"), mpf("1e-60"))
        a, b = f(root - eps), f(root + eps)
        return a == 0 or b == 0 or (a > 0) != (b > 0)

    lo, hi, flo = bisect(lo, hi, flo, mpf("1e-12"))
    if lo == hi:
        return lo
    try:
        root = mp.findroot(f, (lo, hi), solver="anderson", verify=False)
        if min(lo, hi) <= root <= max(lo, hi) and verified(root):
            return root
    except (ZeroDivisionError, ValueError):
        pass
    lo, hi, _ = bisect(lo, hi, flo, mpf("1e-45"))
    root = (lo + hi) / 2
    if not verified(root):
        raise ValueError("root not verified")
    return root


# ---------------------------------------------------------------------------
# Grids
# ---------------------------------------------------------------------------

ALPHAS = [0.10, 0.05, 0.01]
SHARE_GRID = [(0, 10), (10, 10), (0, 1), (1, 1), (5, 10), (354.4, 800), (17, 50),
              (99900, 100000), (3, 1000000000), (500000000, 1000000000),
              (0, 1000000000)]

notes = []      # judgement calls / surprises collected for the stderr summary


# ---------------------------------------------------------------------------
# 1. share
# ---------------------------------------------------------------------------

STATSMODELS_SHARE = [("wald", "normal"), ("agresti-coull", "agresti_coull"),
                     ("wilson", "wilson"), ("clopper-pearson", "beta"),
                     ("jeffreys", "jeffreys")]


def clopper_pearson_binomial(x, n, alpha):
    """Clopper-Pearson bounds for a small integer count x out of n from the binomial sums
    P(X <= k; p) = sum_{j<=k} C(n, j) p^j (1-p)^(n-j), evaluated in mpmath."""
    n = mpf(n)

    def cdf(k, p):
        return mpmath.fsum(mpmath.binomial(n, j) * p ** j * (1 - p) ** (n - j) for j in range(k + 1))

    half = mpf(alpha) / 2
    phat = mpf(x) / n
    lower = mp_root(lambda p: (1 - cdf(x - 1, p)) - half, mpf(0), phat)
    upper = mp_root(lambda p: cdf(x, p) - half, phat, 20 * phat + mpf("1e-6"))
    return lower, upper


def wilson_cc(x, n, alpha):
    """Newcombe (1998) method 4: Wilson score interval with continuity correction."""
    x, n = mpf(x), mpf(n)
    z = z_crit(alpha)
    z2 = z * z
    p = x / n
    den = 2 * (n + z2)
    if p == 0:
        lower = mpf(0)
    else:
        rad = z2 - 2 - 1 / n + 4 * p * (n * (1 - p) + 1)
        if rad < 0:
            raise ValueError("negative radicand (lower)")
        lower = (2 * n * p + z2 - 1 - z * mp.sqrt(rad)) / den
    if p == 1:
        upper = mpf(1)
    else:
        rad = z2 + 2 - 1 / n + 4 * p * (n * (1 - p) - 1)
        if rad < 0:
            raise ValueError("negative radicand (upper)")
        upper = (2 * n * p + z2 + 1 + z * mp.sqrt(rad)) / den
    return min(max(lower, mpf(0)), mpf(1)), min(max(upper, mpf(0)), mpf(1))


def midp_lower_scipy(x, n, alpha):
    """Mid-p lower bound in double precision (scipy), 0 < x, x < n."""
    x, n = float(x), float(n)
    if x == n:
        return alpha ** (1.0 / n)

    def f(p):
        return 0.5 * (sps.betainc(x, n - x + 1, p) + sps.betainc(x + 1, n - x, p)) - alpha / 2
    return _double_root(f, increasing=True)


def midp_upper_scipy(x, n, alpha):
    """Mid-p upper bound in double precision (scipy), solved directly with betaincc."""
    x, n = float(x), float(n)
    if x == 0:
        return -math.expm1(math.log(alpha) / n)

    def f(p):
        return 0.5 * (sps.betaincc(x + 1, n - x, p) + sps.betaincc(x, n - x + 1, p)) - alpha / 2
    return _double_root(f, increasing=False)


# scipy.optimize.brentq refuses rtol below 4*eps = 8.88e-16 (the brief asked for
# 4e-16), so brentq is run at that minimum and the root is then walked ulp by
# ulp to the double at which f changes sign (closest to the double-precision f's root).
BRENTQ_RTOL = 4 * np.finfo(float).eps


def _double_root(f, increasing):
    r = sopt.brentq(f, 0.0, 1.0, xtol=1e-300, rtol=BRENTQ_RTOL, maxiter=1000)
    sgn = 1.0 if increasing else -1.0
    g = lambda p: sgn * f(p)     # noqa: E731 - increasing version of f
    for _ in range(64):          # walk down while g >= 0, up while g(next) < 0
        if g(r) >= 0 and g(np.nextafter(r, 0.0)) >= 0:
            r = float(np.nextafter(r, 0.0))
        elif g(r) < 0:
            r = float(np.nextafter(r, 1.0))
        else:
            break
    below, here = g(float(np.nextafter(r, 0.0))), g(r)
    # pick whichever of the two doubles straddling the sign change has smaller |f|
    return float(np.nextafter(r, 0.0)) if abs(below) < abs(here) else r


def midp_lower_mp(x, n, alpha, start):
    """Mid-p lower bound in mpmath (dps 50); x > 0.  None if mpmath.betainc is too slow."""
    x, n, a2 = mpf(x), mpf(n), mpf(alpha) / 2
    if x == n:
        return mpf(alpha) ** (1 / n)

    def f(p):
        return (mpmath.betainc(x, n - x + 1, 0, p, regularized=True)
                + mpmath.betainc(x + 1, n - x, 0, p, regularized=True)) / 2 - a2
    return capped(lambda: _bracket_and_solve(f, start, increasing=True), cap=60)


def midp_upper_mp(x, n, alpha, start):
    """Mid-p upper bound in mpmath (dps 50); x < n."""
    x, n, a2 = mpf(x), mpf(n), mpf(alpha) / 2
    if x == 0:
        return -mp.expm1(mp.log(mpf(alpha)) / n)

    def f(p):
        return (mpmath.betainc(x + 1, n - x, p, 1, regularized=True)
                + mpmath.betainc(x, n - x + 1, p, 1, regularized=True)) / 2 - a2
    return capped(lambda: _bracket_and_solve(f, start, increasing=False), cap=60)


def _bracket_and_solve(f, start, increasing):
    """Bracket the root of a monotone f on (0, 1) around a double-precision start."""
    start = mpf(start)
    d = start * mpf("1e-9")
    for _ in range(60):
        lo, hi = max(start - d, mpf("1e-320")), min(start + d, 1 - mpf("1e-40"))
        flo, fhi = f(lo), f(hi)
        if (flo > 0) != (fhi > 0):
            return mp_root(f, lo, hi)
        d *= 10
    raise ValueError("could not bracket")


def betainc_quad(a, b, p, upper_tail=False):
    """I_p(a, b) (or 1 - I_p) for huge a, b by mpmath.quad of the beta density.

    Independent cross-check for the scipy rows: the density is integrated over
    [p - 60 sd, p] (or [p, p + 60 sd]), outside of which it is negligible.
    """
    a, b, p = mpf(a), mpf(b), mpf(p)
    logc = mp.loggamma(a + b) - mp.loggamma(a) - mp.loggamma(b)
    sd = mp.sqrt(a * b / ((a + b) ** 2 * (a + b + 1)))

    def dens(t):
        return mp.exp(logc + (a - 1) * mp.log(t) + (b - 1) * mp.log1p(-t))
    if upper_tail:
        pts = [p + k * sd for k in range(0, 61, 2)]
    else:
        pts = [p - k * sd for k in range(60, -1, -2)]
    return mp.quad(dens, pts)


def lr_lower(x, n, alpha):
    """Lower likelihood-ratio bound: 2[l(phat) - l(p)] = chi2_1(1 - alpha), p < phat."""
    x, n = mpf(x), mpf(n)
    if x == 0:
        return mpf(0)
    c = z_crit(alpha) ** 2
    if x == n:
        return mp.exp(-c / (2 * n))
    phat = x / n
    lhat = x * mp.log(phat) + (n - x) * mp.log1p(-phat)

    def g(t):   # t = ln p; decreasing in t on (-inf, ln phat)
        return 2 * (lhat - (x * t + (n - x) * mp.log1p(-mp.exp(t)))) - c
    hi = mp.log(phat)
    step = mpf(1)
    lo = hi - step
    while g(lo) <= 0:
        step *= 2
        lo = hi - step
    return mp.exp(mp_root(g, lo, hi))


def lr_upper(x, n, alpha):
    """Upper bound by symmetry: U(x, n) = 1 - L(n - x, n) (exact in mpmath)."""
    if mpf(x) == mpf(n):
        return mpf(1)
    return 1 - lr_lower(mpf(n) - mpf(x), n, alpha)


def r_prop_test(rows):
    """R prop.test(x, n, conf.level = 1 - alpha, correct = TRUE)$conf.int for rows."""
    lines = []
    for x, n, alpha in rows:
        lines.append(
            f"r <- prop.test({arg(x)}, {arg(n)}, conf.level = 1 - {alpha!r}, correct = TRUE)$conf.int; "
            "cat(sprintf('%.17g %.17g\\n', r[1], r[2]))")
    out = subprocess.run(["Rscript", "-e", "suppressWarnings({" + "\n".join(lines) + "})"],
                         capture_output=True, text=True, check=True)
    vals = [tuple(float(t) for t in ln.split()) for ln in out.stdout.strip().splitlines()]
    assert len(vals) == len(rows)
    return vals


def build_share():
    rows = []
    # statsmodels methods
    for ours, sm_method in STATSMODELS_SHARE:
        for alpha in ALPHAS:
            for x, n in SHARE_GRID:
                lo, up = proportion_confint(as_input(x), as_input(n), alpha=alpha, method=sm_method)
                call = f'{SM} proportion_confint({arg(x)}, {arg(n)}, alpha={alpha!r}, method="{sm_method}")'
                if sm_method == "beta":
                    # scipy's raw beta quantiles are nan at the boundaries; statsmodels
                    # 0.15.0 substitutes 0 / 1.  The project convention is the same.
                    raw_lo = sst.beta.ppf(alpha / 2, x, n - x + 1)
                    raw_up = sst.beta.isf(alpha / 2, x + 1, n - x)
                    if x == 0:
                        if math.isnan(lo):
                            lo = 0.0
                            call += "; lower=0 (project convention at x=0, statsmodels gave nan)"
                        else:
                            assert lo == 0.0
                            call += ("; lower=0 (project convention at x=0; statsmodels also returns 0"
                                     f"{', scipy beta.ppf gives nan' if math.isnan(raw_lo) else ''})")
                    if x == n:
                        if math.isnan(up):
                            up = 1.0
                            call += "; upper=1 (project convention at x=n, statsmodels gave nan)"
                        else:
                            assert up == 1.0
                            call += ("; upper=1 (project convention at x=n; statsmodels also returns 1"
                                     f"{', scipy beta.isf gives nan' if math.isnan(raw_up) else ''})")
                if sm_method == "jeffreys" and (x == 0 or x == n):
                    call += " (statsmodels value kept: no 0/1 substitution at the boundary)"
                if sm_method == "beta" and n >= 1e6 and 0 < x <= 10 and x == int(x):
                    # scipy's beta quantiles (Boost) are off by ~4e-9 relative for a handful of
                    # successes out of 1e9: solve the exact binomial tails in mpmath instead.
                    lo_m, up_m = clopper_pearson_binomial(int(x), n, alpha)
                    call = (f"{MPD} Clopper-Pearson from the binomial tails: L solves P(X >= {int(x)}; n={arg(n)}, L) "
                            f"= alpha/2, U solves P(X <= {int(x)}; U) = alpha/2, alpha={alpha!r} (statsmodels "
                            f"proportion_confint(method='beta') gives ({lo!r}, {up!r}), off by ~4e-9 relative)")
                    lo, up = to_double(lo_m), to_double(up_m)
                rows.append((ours, x, n, alpha, lo, up, call))

    # wilson-cc (Newcombe method 4) in mpmath, with the R prop.test cross-check
    r_rows = [(x, n, alpha) for alpha in ALPHAS for x, n in SHARE_GRID]
    r_vals = dict(zip(r_rows, r_prop_test(r_rows)))
    r_report = []
    for alpha in ALPHAS:
        for x, n in SHARE_GRID:
            lo, up = wilson_cc(x, n, alpha)
            lo, up = to_double(lo), to_double(up)
            rl, ru = r_vals[(x, n, alpha)]
            dev = max(abs(rl - lo), abs(ru - up))
            r_report.append((x, n, alpha, lo, up, rl, ru, dev))
            rows.append(("wilson-cc", x, n, alpha, lo, up,
                         f"{MPD} Newcombe (1998) method 4 closed form, x={arg(x)}, n={arg(n)}, "
                         f"z=Phi^-1(1-{alpha!r}/2), clipped to [0, 1]"))
    log("wilson-cc vs R prop.test(x, n, conf.level = 1 - alpha, correct = TRUE)$conf.int:")
    for x, n, alpha, lo, up, rl, ru, dev in r_report:
        flag = "agree" if dev < 1e-12 else "DIFFER"
        log(f"  x={arg(x)} n={arg(n)} alpha={alpha}: mpmath ({lo!r}, {up!r})  R ({rl!r}, {ru!r})  "
            f"max|diff|={dev:.3g} {flag}")
    share_r_report.extend(r_report)

    # mid-p
    for alpha in ALPHAS:
        for x, n in SHARE_GRID:
            tool = MPD
            lo_s = 0.0 if x == 0 else midp_lower_scipy(x, n, alpha)
            up_s = 1.0 if x == n else midp_upper_scipy(x, n, alpha)
            lo_m = mpf(0) if x == 0 else midp_lower_mp(x, n, alpha, lo_s)
            up_m = mpf(1) if x == n else midp_upper_mp(x, n, alpha, up_s)
            if lo_m is None or up_m is None:
                # mpmath.betainc cannot evaluate these shape parameters: scipy root
                lo, up = lo_s, up_s
                ql = betainc_quad(x, n - x + 1, lo) + betainc_quad(x + 1, n - x, lo)
                qu = (betainc_quad(x + 1, n - x, up, True) + betainc_quad(x, n - x + 1, up, True))
                # residual of the defining equation at the scipy root, evaluated in mpmath,
                # converted to the implied root error in ulps (residual / slope / ulp)
                slope_l = 0.5 * (sst.beta.pdf(lo, x, n - x + 1) + sst.beta.pdf(lo, x + 1, n - x))
                slope_u = 0.5 * (sst.beta.pdf(up, x + 1, n - x) + sst.beta.pdf(up, x, n - x + 1))
                res_l, res_u = float(ql / 2 - mpf(alpha) / 2), float(qu / 2 - mpf(alpha) / 2)
                log(f"  mid-p scipy row x={arg(x)} n={arg(n)} alpha={alpha}: mpmath.quad residuals "
                    f"{res_l:.3g}, {res_u:.3g} -> implied root error {res_l / slope_l / np.spacing(lo):.3g}, "
                    f"{res_u / slope_u / np.spacing(up):.3g} ulp")
                midp_quad_report.append((x, n, alpha, res_l / slope_l / np.spacing(lo),
                                         res_u / slope_u / np.spacing(up)))
                call = (f"{SP} brentq(xtol=1e-300, rtol=4*eps) + ulp walk on 0.5*(betainc(x, n-x+1, p) + betainc(x+1, n-x, p)) "
                        f"= alpha/2 and the betaincc analogue, x={arg(x)}, n={arg(n)}, alpha={alpha!r} "
                        "(mpmath.betainc too slow at n=1e9)")
            else:
                lo, up = to_double(lo_m), to_double(up_m)
                dev = max(abs(lo - lo_s) / max(lo, 1e-300), abs(up - up_s) / max(up, 1e-300))
                if dev > 1e-10:
                    log(f"  WARNING mid-p mpmath vs scipy rel diff {dev:.3g} at x={x} n={n} alpha={alpha}")
                if x == 0:
                    lo_text = "L=0 (x=0)"
                elif x == n:
                    lo_text = "L=alpha^(1/n) (x=n)"
                else:
                    lo_text = "L: root of 0.5*[I_L(x,n-x+1) + I_L(x+1,n-x)] = alpha/2"
                if x == n:
                    up_text = "U=1 (x=n)"
                elif x == 0:
                    up_text = "U=1-alpha^(1/n) (x=0)"
                else:
                    up_text = "U: root of 0.5*[(1-I_U(x+1,n-x)) + (1-I_U(x,n-x+1))] = alpha/2"
                call = (f"{tool} mid-p Clopper-Pearson, x={arg(x)}, n={arg(n)}, alpha={alpha!r}: "
                        f"{lo_text}; {up_text}"
                        + ("; I = mpmath.betainc(a, b, 0, p, regularized=True), bracketed findroot"
                           if 0 < x < n else ""))
            rows.append(("mid-p", x, n, alpha, lo, up, call))

    # likelihood ratio
    for alpha in ALPHAS:
        for x, n in SHARE_GRID:
            lo, up = to_double(lr_lower(x, n, alpha)), to_double(lr_upper(x, n, alpha))
            call = (f"{MPD} LR inversion 2[l(phat) - l(p)] = chi2_1(1-{alpha!r}) = z^2, findroot in log p, "
                    f"x={arg(x)}, n={arg(n)}")
            if x == 0:
                call += "; L=0, U=1-exp(-c/(2n))"
            if x == n:
                call += "; U=1, L=exp(-c/(2n))"
            rows.append(("likelihood-ratio", x, n, alpha, lo, up, call))
    return rows


share_r_report = []
midp_quad_report = []


# ---------------------------------------------------------------------------
# 2. lead and posteriorLead
# ---------------------------------------------------------------------------

LEAD_GRID = [(580, 310, 1000), (354.4, 290.4, 800), (0, 0, 10), (10, 0, 10), (1, 0, 1),
             (5, 5, 10), (999000, 500, 1000000), (450000000, 430000000, 1000000000)]


def build_lead():
    rows = []
    for method in ["wald", "adjusted-wald"]:
        for alpha in ALPHAS:
            for ca, cb, n in LEAD_GRID:
                A, B, N = mpf(ca), mpf(cb), mpf(n)
                lead = A / N - B / N
                z = z_crit(alpha)
                if method == "wald":
                    pa, pb = A / N, B / N
                    se = mp.sqrt((pa + pb - lead ** 2) / N)
                    centre = lead
                    call = (f"{MPD} se=sqrt((pA+pB-lead^2)/n), lead +- z*se, z=Phi^-1(1-{alpha!r}/2); "
                            f"{SP} 2*norm.sf(|lead/se|), norm.cdf(lead/se); "
                            f"countA={arg(ca)}, countB={arg(cb)}, n={arg(n)}")
                else:
                    ta, tb = (A + 1) / (N + 2), (B + 1) / (N + 2)
                    centre = ta - tb
                    se = mp.sqrt((ta + tb - centre ** 2) / (N + 2))
                    call = (f"{MPD} Bonett-Price: pt=(c+1)/(n+2), se=sqrt((ptA+ptB-(ptA-ptB)^2)/(n+2)), "
                            f"(ptA-ptB) +- z*se, z=Phi^-1(1-{alpha!r}/2); {SP} 2*norm.sf(|(ptA-ptB)/se|), "
                            f"norm.cdf((ptA-ptB)/se); countA={arg(ca)}, countB={arg(cb)}, n={arg(n)}")
                if se == 0:
                    lo = up = to_double(lead)
                    zs = pv = prob = float("nan")
                    call += "; se=0 -> z, pValue, probLeadNormal = nan, lower=upper=lead"
                else:
                    lo, up = to_double(centre - z * se), to_double(centre + z * se)
                    zs = to_double(centre / se)
                    pv = float(2 * sst.norm.sf(abs(zs)))
                    prob = float(sst.norm.cdf(zs))
                rows.append((method, ca, cb, n, alpha, to_double(lead), to_double(se), lo, up, zs, pv, prob, call))
    return rows


def posterior_lead(ca, cb):
    """P(Beta(ca+1, cb+1) > 1/2) with mpmath; bound-based fallback for huge integer counts."""
    a, b = mpf(ca) + 1, mpf(cb) + 1
    val = capped(lambda: mpmath.betainc(a, b, mpf(0.5), 1, regularized=True), cap=20)
    if val is not None:
        return val, f"{MPD} betainc({arg(ca)}+1, {arg(cb)}+1, 0.5, 1, regularized=True)"
    # Fallback: for integers, I_{1/2}(a, b) = P(Y >= a), Y ~ Bin(m = a+b-1, 1/2).
    # With a > m/2 the terms P(Y=k), k >= a, shrink at least by r = (m-a)/(a+1) < 1,
    # so P(Y >= a) <= P(Y = a) / (1 - r).
    assert float(ca).is_integer() and float(cb).is_integer() and ca > cb
    m = a + b - 1
    log_term = mp.loggamma(m + 1) - mp.loggamma(a + 1) - mp.loggamma(m - a + 1) - m * mp.log(2)
    r = (m - a) / (a + 1)
    log_bound = log_term - mp.log(1 - r)
    assert log_bound < -1100 * mp.log(2), "bound not small enough"
    return mpf(1), (f"{MPD}: 1 - I_1/2({arg(ca)}+1, {arg(cb)}+1) with I <= P(Y=a)/(1-r) = "
                    f"exp({mp.nstr(log_bound, 8)}) < 2^-1100 (mpmath.betainc too slow) -> 1.0")


def build_posterior():
    rows = []
    # The brief adds (31, 58, 100) and (580, 310, 1000); the latter is already in
    # LEAD_GRID, so it is written once.
    extra = [(31, 58, 100), (580, 310, 1000)]
    for ca, cb, n in LEAD_GRID + [t for t in extra if t not in LEAD_GRID]:
        val, call = posterior_lead(ca, cb)
        rows.append((ca, cb, n, to_double(val), call))
    return rows


# ---------------------------------------------------------------------------
# 3. change, restrictedMLE and the statsmodels #10269 investigation
# ---------------------------------------------------------------------------

CHANGE_GRID = [(363, 1000, 580, 1000), (354.4, 800, 580, 1000), (0, 10, 0, 10), (10, 10, 0, 10),
               (5, 10, 5, 10), (17, 50, 30, 60), (450000000, 1000000000, 430000000, 1000000000)]
CHANGE_METHODS = [("wald", "wald", "wald"), ("agresti-caffo", "agresti-caffo", "agresti-caffo"),
                  ("newcombe", "newcomb", "score"), ("score", "score", "score")]


def _statsmodels_change(a, ci_m, test_m, alpha):
    """statsmodels interval + test for one row; failures become nan with a note."""
    extra = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            lo, up = confint_proportions_2indep(*a, method=ci_m, compare="diff", alpha=alpha)
            lo, up = float(lo), float(up)
        except Exception as e:   # noqa: BLE001 - record as nan, keep the row
            lo = up = float("nan")
            extra.append(f"confint raised {type(e).__name__}: {str(e)[:70]}")
        try:
            res = test_proportions_2indep(*a, method=test_m, compare="diff")
            stat, pv = float(res.statistic), float(res.pvalue)
        except Exception as e:   # noqa: BLE001
            stat = pv = float("nan")
            extra.append(f"test raised {type(e).__name__}: {str(e)[:70]}")
    for name, v in (("lower", lo), ("upper", up), ("statistic", stat), ("pValue", pv)):
        if math.isnan(v) and not (name in ("lower", "upper") and "confint raised" in " ".join(extra)) \
                and not (name in ("statistic", "pValue") and "test raised" in " ".join(extra)):
            extra.append(f"statsmodels {name} = nan")
    return lo, up, stat, pv, extra


def build_change():
    rows = []
    for ours, ci_m, test_m in CHANGE_METHODS:
        for alpha in ALPHAS:
            for c1, n1, c2, n2 in CHANGE_GRID:
                change = to_double(mpf(c2) / mpf(n2) - mpf(c1) / mpf(n1))
                sa = f"{arg(c2)}, {arg(n2)}, {arg(c1)}, {arg(n1)}"
                ints = (as_input(c2), as_input(n2), as_input(c1), as_input(n1))
                lo, up, stat, pv, extra = _statsmodels_change(ints, ci_m, test_m, alpha)
                if any(math.isnan(v) for v in (lo, up, stat, pv)) and any(isinstance(v, int) for v in ints):
                    # Python ints become int64 arrays inside statsmodels; with n = 1e9 the score
                    # method's cubic overflows int64 (nan -> brentq raises).  The same numbers
                    # passed as floats avoid that; use them where the int call failed.
                    floats = tuple(float(v) for v in ints)
                    flo, fup, fstat, fpv, fextra = _statsmodels_change(floats, ci_m, test_m, alpha)
                    if not any(math.isnan(v) for v in (flo, fup, fstat, fpv)):
                        lo, up, stat, pv = flo, fup, fstat, fpv
                        sa = ", ".join(repr(v) for v in floats)
                        extra = ["with Python-int inputs statsmodels overflows int64 in the score cubic "
                                 "(6*nobs**2) and brentq raises on nan, so the same values are passed as floats"
                                 ] + fextra
                inf_fields = [name for name, v in (("lower", lo), ("upper", up), ("statistic", stat),
                                                   ("pValue", pv)) if math.isinf(v)]
                for name in inf_fields:
                    extra.append(f"statsmodels {name} = {dict(lower=lo, upper=up, statistic=stat, pValue=pv)[name]!r}"
                                 " written as .nan (no inf in the file)")
                lo, up, stat, pv = (float("nan") if math.isinf(v) else v for v in (lo, up, stat, pv))
                corr = "; score: default correction=True (N/(N-1))" if "score" in (ci_m, test_m) else ""
                call = (f'{SM} confint_proportions_2indep({sa}, method="{ci_m}", compare="diff", alpha={alpha!r}) '
                        f'+ test_proportions_2indep({sa}, method="{test_m}", compare="diff"){corr}')
                if extra:
                    call += "; " + "; ".join(extra)
                rows.append((ours, c1, n1, c2, n2, alpha, change, lo, up, stat, pv, call))
    return rows


def restricted_mle(c1, n1, c2, n2, delta):
    """Maximise x1 ln p1 + (n1-x1) ln(1-p1) + x2 ln p2 + (n2-x2) ln(1-p2) s.t. p2 - p1 = delta.

    The log-likelihood is concave in p1 on (max(0, -delta), min(1, 1 - delta)),
    so the maximiser is the unique root of its derivative (mpmath, dps 50).
    Returns (p1, p2) as mpf.
    """
    x1, m1, x2, m2, d = mpf(c1), mpf(n1), mpf(c2), mpf(n2), mpf(delta)

    def score(p1):
        p2 = p1 + d
        return x1 / p1 - (m1 - x1) / (1 - p1) + x2 / p2 - (m2 - x2) / (1 - p2)
    lo, hi = max(mpf(0), -d), min(mpf(1), 1 - d)
    span = hi - lo
    eps = span * mpf("1e-30")
    p1 = mp_root(score, lo + eps, hi - eps)
    return p1, p1 + d


def mn_cubic(c1, n1, c2, n2, delta, fixed):
    """Miettinen-Nurminen closed form (trigonometric cubic root) in statsmodels' layout.

    Statsmodels is called with (count2, n2, count1, n1), so its index 1 is our
    poll 2 and its index 0 is our poll 1.  fixed=False reproduces statsmodels'
    coefficient tmp1 = (count0*diff - N - 2*count0)*diff + C; fixed=True uses
    nobs0 in the first term, as in Miettinen & Nurminen (1985) / Farrington &
    Manning (1990).  Returns (p1, p2) in our orientation.
    """
    x0, m0, x1_, m1_ = mpf(c1), mpf(n1), mpf(c2), mpf(n2)
    d = mpf(delta)
    N, C = m0 + m1_, x0 + x1_
    t3 = N
    t2 = (m1_ + 2 * m0) * d - N - C
    t1 = ((m0 if fixed else x0) * d - N - 2 * x0) * d + C
    t0 = x0 * d * (1 - d)
    q = (t2 / (3 * t3)) ** 3 - t1 * t2 / (6 * t3 ** 2) + t0 / (2 * t3)
    p = mp.sign(q) * mp.sqrt((t2 / (3 * t3)) ** 2 - t1 / (3 * t3))
    a = (mp.pi + mp.acos(q / p ** 3)) / 3
    prop0 = 2 * p * mp.cos(a) - t2 / (3 * t3)
    return prop0, prop0 + d


def score_interval(c1, n1, c2, n2, alpha, mle):
    """Score (Miettinen-Nurminen) interval for p2 - p1 by inverting |z(delta)| = z_crit in mpmath.

    `mle(c1, n1, c2, n2, delta)` gives the restricted estimates (p1, p2); the
    variance carries the same N/(N-1) factor as statsmodels' default
    correction=True.
    """
    x1, m1, x2, m2 = mpf(c1), mpf(n1), mpf(c2), mpf(n2)
    N = m1 + m2
    dhat = x2 / m2 - x1 / m1
    zc = z_crit(alpha)

    def zstat(delta):
        if delta == 0:   # pooled estimate, as in statsmodels and M-N at delta = 0
            p1 = p2 = (x1 + x2) / N
        else:
            p1, p2 = mle(c1, n1, c2, n2, delta)
        var = (p1 * (1 - p1) / m1 + p2 * (1 - p2) / m2) * N / (N - 1)
        return (dhat - delta) / mp.sqrt(var)

    # bracket each bound by stepping away from dhat (zstat is decreasing in delta)
    def bracket(sign):
        far = dhat
        while True:
            near, far = far, far + sign * mpf("0.02")
            if abs(far) >= 1 - mpf("1e-6"):
                far = sign * (1 - mpf("1e-6"))
                return near, far
            if -sign * zstat(far) > zc:   # zstat(far) < -zc going up, > zc going down
                return near, far
    up = mp_root(lambda d: zstat(d) + zc, *bracket(+1))
    lo = mp_root(lambda d: zstat(d) - zc, *bracket(-1))
    return lo, up


def buggy_mle(c1, n1, c2, n2, delta):
    return mn_cubic(c1, n1, c2, n2, delta, fixed=False)


RMLE_GRID = [((363, 1000, 580, 1000), [-0.1, 0.0, 0.1, 0.2, 0.25]),
             ((17, 50, 30, 60), [-0.2, 0.0, 0.3])]


def build_restricted_mle():
    rows = []
    log("statsmodels #10269 investigation: restricted MLE (p1, p2) at p2 - p1 = delta")
    for (c1, n1, c2, n2), deltas in RMLE_GRID:
        for delta in deltas:
            p1, p2 = restricted_mle(c1, n1, c2, n2, delta)
            # Cross-check: the Miettinen-Nurminen cubic with nobs0 (fixed) must agree.
            if delta != 0:
                f1, f2 = mn_cubic(c1, n1, c2, n2, delta, fixed=True)
                b1, b2 = mn_cubic(c1, n1, c2, n2, delta, fixed=False)
                assert abs(f1 - p1) < mpf("1e-30"), "fixed cubic disagrees with the numerical MLE"
            else:
                b1 = b2 = None
            res = score_test_proportions_2indep(as_input(c2), as_input(n2), as_input(c1), as_input(n1),
                                                value=delta, compare="diff")
            sm_p1, sm_p2 = float(res.prop2_null), float(res.prop1_null)
            log(f"  ({arg(c1)}/{arg(n1)}, {arg(c2)}/{arg(n2)}) delta={delta}: exact p1={to_double(p1)!r} "
                f"p2={to_double(p2)!r}; statsmodels p1={sm_p1!r} p2={sm_p2!r} "
                f"(|diff|={abs(sm_p1 - to_double(p1)):.3g})"
                + ("" if b1 is None else f"; buggy cubic in mpmath p1={float(b1)!r}"))
            rmle_report.append((c1, n1, c2, n2, delta, to_double(p1), sm_p1))
            rows.append((c1, n1, c2, n2, delta, to_double(p1), to_double(p2),
                         f"{MPD} argmax x1 ln p1 + (n1-x1) ln(1-p1) + x2 ln p2 + (n2-x2) ln(1-p2) "
                         f"s.t. p2-p1={delta!r} (root of the score equation, bracketed findroot)"))
    return rows


rmle_report = []
score_report = []


def compare_score_intervals(change_rows):
    """Compare statsmodels' score interval with two mpmath inversions of the score test.

    * exact: the numerically exact restricted MLE (`restricted_mle`);
    * buggy: statsmodels' own closed form with count0 where nobs0 belongs
      (`mn_cubic(fixed=False)`), to show that statsmodels' numbers are that bug.
    Both use the N/(N-1) factor.  Returns the change rows with a note appended
    to the comment of each "score" row.
    """
    log("score interval: statsmodels vs mpmath inversion with the exact restricted MLE and with "
        "statsmodels' cubic (same N/(N-1) factor)")
    out = []
    for row in change_rows:
        ours, c1, n1, c2, n2, alpha, _, lo, up = row[:9]
        if ours != "score":
            out.append(row)
            continue
        ex = capped(lambda: score_interval(c1, n1, c2, n2, alpha, restricted_mle), cap=120)
        bg = capped(lambda: score_interval(c1, n1, c2, n2, alpha, buggy_mle), cap=120)
        ex = None if ex is None else (to_double(ex[0]), to_double(ex[1]))
        bg = None if bg is None else (to_double(bg[0]), to_double(bg[1]))
        score_report.append((c1, n1, c2, n2, alpha, lo, up, ex, bg))
        log(f"  ({arg(c1)}/{arg(n1)} -> {arg(c2)}/{arg(n2)}) alpha={alpha}: statsmodels ({lo!r}, {up!r}); "
            f"exact-MLE inversion {ex}; statsmodels-cubic inversion {bg}"
            + ("" if ex is None or math.isnan(lo) else f"; statsmodels - exact = ({lo - ex[0]:.3g}, {up - ex[1]:.3g})")
            + ("" if bg is None or math.isnan(lo) else f"; statsmodels - cubic = ({lo - bg[0]:.3g}, {up - bg[1]:.3g})"))
        # The table holds the exact-MLE inversion (what the Miettinen-Nurminen method defines);
        # statsmodels' bounds, affected by its issue #10269, stay in the comment.
        if ex is None:
            out.append(row)
            continue
        note = (f"; bounds: {MPD} inversion of the score test with the exact restricted MLE and N/(N-1); "
                f"statsmodels gives ({lo!r}, {up!r}), affected by its issue #10269 (restricted-MLE cubic "
                "uses count0 where nobs0 belongs)")
        out.append(row[:7] + (ex[0], ex[1]) + row[9:-1] + (row[-1] + note,))
    return out


# ---------------------------------------------------------------------------
# 4. multinomial
# ---------------------------------------------------------------------------

MULTI_COUNTS = [[310, 580, 60, 50], [443, 363, 194], [56, 72, 73, 59, 62, 87, 58], [1, 0, 9]]


def _poisson_box(a, b, lam):
    """P(a <= Y <= b) for Y ~ Poisson(lam), a and b integers (a may be negative), in mpmath."""
    a = max(a, 0)
    if b < 0 or b < a:
        return mpf(0)
    if lam == 0:
        return mpf(1)
    upper = mpmath.gammainc(b + 1, lam, mpmath.inf, regularized=True)
    lower = mpf(0) if a <= 0 else mpmath.gammainc(a, lam, mpmath.inf, regularized=True)
    return upper - lower


def _sison_glaz_nu(counts, n, tau):
    """Sison & Glaz (1995) formula (1) for the box [x - tau, x + tau], in mpmath: the product of
    Poisson box probabilities times the Edgeworth density of the truncated sum, over the Poisson(n)
    probability of n; nu = 1 once tau >= n (R MultinomialCI / statsmodels convention)."""
    if tau >= n:
        return mpf(1)
    log_product = mpf(0)
    mean = var = third = fourth = mpf(0)
    for x in counts:
        a, b = max(x - tau, 0), min(x + tau, n)
        box = _poisson_box(a, b, x)
        log_product += mpmath.log(box)
        fm = [mpf(x) ** r * _poisson_box(a - r, b - r, x) / box for r in (1, 2, 3, 4)]
        mu = fm[0]
        mu2 = fm[1] + mu - mu ** 2
        mu3 = fm[2] + fm[1] * (3 - 3 * mu) + mu - 3 * mu ** 2 + 2 * mu ** 3
        mu4 = (fm[3] + fm[2] * (6 - 4 * mu) + fm[1] * (7 - 12 * mu + 6 * mu ** 2)
               + mu - 4 * mu ** 2 + 6 * mu ** 3 - 3 * mu ** 4)
        mean += mu
        var += mu2
        third += mu3
        fourth += mu4 - 3 * mu2 ** 2
    g1, g2 = third / var ** 1.5, fourth / var ** 2
    t = (n - mean) / mpmath.sqrt(var)
    h3, h4, h6 = t ** 3 - 3 * t, t ** 4 - 6 * t ** 2 + 3, t ** 6 - 15 * t ** 4 + 45 * t ** 2 - 15
    density = mpmath.npdf(t) * (1 + g1 * h3 / 6 + g2 * h4 / 24 + g1 ** 2 * h6 / 72) / mpmath.sqrt(var)
    return mpmath.exp(log_product + mpmath.log(density) - (n * mpmath.log(n) - n - mpmath.loggamma(n + 1)))


def sison_glaz_mp(counts, alpha):
    """Sison-Glaz bounds from the published formula evaluated in mpmath (search from tau = 0 with
    nu(0) = 0, as statsmodels and R MultinomialCI), with the level 1 - alpha formed in double as
    statsmodels does."""
    n = sum(counts)
    level = mpf(1 - alpha)
    tau, current, following = 0, mpf(0), _sison_glaz_nu(counts, n, 1)
    while not (current <= level < following):
        tau += 1
        current, following = following, _sison_glaz_nu(counts, n, tau + 1)
    gamma = (level - current) / (following - current)
    lower = [max(mpf(0), mpf(x) / n - mpf(tau) / n) for x in counts]
    upper = [min(mpf(1), mpf(x) / n + (tau + 2 * gamma) / n) for x in counts]
    return [to_double(v) for v in lower], [to_double(v) for v in upper]


def build_multinomial():
    rows = []
    for method in ["goodman", "sison-glaz"]:
        for alpha in ALPHAS:
            for counts in MULTI_COUNTS:
                call = (f'{SM} multinomial_proportions_confint({counts}, alpha={alpha!r}, '
                        f'method="{method}")')
                try:
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        ci = np.asarray(multinomial_proportions_confint(counts, alpha=alpha, method=method))
                except Exception as e:   # noqa: BLE001 - skipped and reported
                    notes.append(f"multinomial {method} {counts} alpha={alpha}: statsmodels raised "
                                 f"{type(e).__name__}: {e} -> row skipped")
                    log("  skipped:", notes[-1])
                    continue
                lower = [float(v) for v in ci[:, 0]]
                upper = [float(v) for v in ci[:, 1]]
                if method == "sison-glaz":
                    props = [c / sum(counts) for c in counts]
                    if all(lv == 0.0 for lv in lower) and all(uv == 1.0 for uv in upper):
                        call += ("; degenerate: statsmodels' search for c reached c >= n, where it takes the "
                                 "coverage as 1 (GH#9587), so every interval is [0, 1]")
                        notes.append(f"multinomial sison-glaz {counts} alpha={alpha}: every interval [0, 1]")
                    elif all(lv == pv for lv, pv in zip(lower, props)):
                        call += ("; c = 0 (nu(1) already exceeds 1 - alpha; statsmodels follows R MultinomialCI), "
                                 "so lower = p-hat")
                        notes.append(f"multinomial sison-glaz {counts} alpha={alpha}: c = 0, lower = p-hat")
                    if counts == [56, 72, 73, 59, 62, 87, 58]:
                        call += "; Sison & Glaz (1995) example 1 (per statsmodels' test data)"
                    # statsmodels evaluates the moments in double from factorial moments, which
                    # cancel (~1e-11 in the bounds); the table holds the same formula in mpmath.
                    mp_lower, mp_upper = sison_glaz_mp(counts, alpha)
                    dev = max(abs(u - v) / max(abs(v), 1e-300) for u, v in zip(upper + lower, mp_upper + mp_lower))
                    call = (f"{MPD} Sison-Glaz formula (1) and (7) evaluated exactly; statsmodels "
                            f"multinomial_proportions_confint({counts}, alpha={alpha!r}, method='sison-glaz') "
                            f"agrees to {dev:.1g} relative" + call[len(f'{SM} multinomial_proportions_confint({counts}, alpha={alpha!r}, method="{method}")'):])
                    lower, upper = mp_lower, mp_upper
                if any(math.isnan(v) for v in lower + upper):
                    notes.append(f"multinomial {method} {counts} alpha={alpha}: nan in result")
                rows.append((method, [float(c) for c in counts], alpha, lower, upper, call))
    return rows


# ---------------------------------------------------------------------------
# 5. designEffect
# ---------------------------------------------------------------------------

def design_weights():
    rng = np.random.default_rng(2024)
    logn = [float(v) for v in np.round(rng.lognormal(mean=0.0, sigma=0.5, size=50), 6)]
    return [([1.0, 1.0, 1.0, 1.0], "weights [1, 1, 1, 1]"),
            ([1.0, 2.0, 3.0, 4.0, 5.0], "weights [1, 2, 3, 4, 5]"),
            ([0.5, 1.5, 2.5, 0.7, 1.1, 3.0], "weights [0.5, 1.5, 2.5, 0.7, 1.1, 3.0]"),
            (logn, f"weights numpy {np.__version__} default_rng(2024).lognormal(0, 0.5, 50) "
                   "rounded to 6 decimals")]


def build_design_effect():
    rows = []
    r_lines = []
    for w, label in design_weights():
        ws = [mpf(v) for v in w]
        s1, s2 = mp.fsum(ws), mp.fsum(v * v for v in ws)
        deff = len(ws) * s2 / s1 ** 2
        neff = s1 ** 2 / s2
        rows.append((w, to_double(deff), to_double(neff),
                     f"{MPD} Kish deff = n*sum(w^2)/sum(w)^2, nEff = sum(w)^2/sum(w^2); {label}"))
        r_lines.append("w <- c(" + ", ".join(repr(v) for v in w) + "); "
                       "cat(sprintf('%.17g %.17g\\n', length(w)*sum(w^2)/sum(w)^2, sum(w)^2/sum(w^2)))")
    out = subprocess.run(["Rscript", "-e", "\n".join(r_lines)], capture_output=True, text=True, check=True)
    for row, line in zip(rows, out.stdout.strip().splitlines()):
        rd, rn = (float(t) for t in line.split())
        log(f"  deff cross-check base R: deff {rd!r} vs {row[1]!r}, nEff {rn!r} vs {row[2]!r}")
    return rows


# ---------------------------------------------------------------------------
# 6. planning
# ---------------------------------------------------------------------------

def build_planning():
    rows = []
    grid = []
    for quantity in ["share", "lead", "swing"]:
        for moe in [0.03, 0.05]:
            for sa, sb in [(0.5, 0.5), (0.58, 0.31), (0.443, 0.363)]:
                for deff in [1.0, 1.5]:
                    grid.append((quantity, moe, sa, sb, deff, 0.05))
    grid.append(("share", 0.03, 0.5, 0.5, 1.0, 0.10))   # the one alpha = 0.10 row
    for quantity, moe, sa, sb, deff, alpha in grid:
        pa, pb = mpf(sa), mpf(sb)
        if quantity == "share":
            v, vtext = pa * (1 - pa), "V=pA(1-pA)"
        else:
            v, vtext = pa + pb - (pa - pb) ** 2, "V=pA+pB-(pA-pB)^2"
            if quantity == "swing":
                v, vtext = 2 * v, "V=2(pA+pB-(pA-pB)^2)"
        z = z_crit(alpha)
        exact = z ** 2 * v * mpf(deff) / mpf(moe) ** 2
        n = mp.ceil(exact)
        frac = exact - mp.floor(exact)
        if frac < mpf("1e-6") or frac > 1 - mpf("1e-6"):
            notes.append(f"planning {quantity} moe={moe} ({sa}, {sb}) deff={deff}: n* = {exact} is near an integer")
        rows.append((quantity, moe, sa, sb, deff, alpha, float(int(n)),
                     f"{MPD} n = ceil(z^2*V*deff/moe^2) = ceil({mp.nstr(exact, 12)}), {vtext}, "
                     f"z=Phi^-1(1-{alpha!r}/2)"))
    return rows


# ---------------------------------------------------------------------------
# Swift output
# ---------------------------------------------------------------------------

def s(text):
    return '"' + text + '"'


def main():
    rver = r_version()
    log("share ...")
    share = build_share()
    log(f"  {len(share)} rows, {time.time() - T_START:.1f}s")
    log("lead / posteriorLead ...")
    lead = build_lead()
    posterior = build_posterior()
    log("change ...")
    change = build_change()
    rmle = build_restricted_mle()
    change = compare_score_intervals(change)
    log("multinomial ...")
    multi = build_multinomial()
    log("designEffect ...")
    deff = build_design_effect()
    planning = build_planning()

    out = [
        "// Generated by scripts/references/intervals.py; do not edit by hand.",
        "// Regenerate: python3 scripts/references/intervals.py",
        f"// Tools: statsmodels {statsmodels.__version__}, scipy {scipy.__version__}, "
        f"mpmath {mpmath.__version__}, R {rver}",
        f"// Also: numpy {np.__version__} (seeded weights). mpmath rows: mp.dps = {DPS}, inputs are the exact "
        "doubles shown, results rounded once to the nearest Double.",
        "// Doubles are printed with repr(float) (round-trip text); NaN is written as .nan.",
        "",
        "enum IntervalReferences {",
    ]

    out.append("    /// One share: confidence interval for count/n; alpha = 1 - confidence.")
    out.append("    static let share: [(method: String, count: Double, n: Double, alpha: Double, "
               "lower: Double, upper: Double)] = [")
    for m, x, n, a, lo, up, call in share:
        out.append(f"        (method: {s(m)}, count: {swift(x)}, n: {swift(n)}, alpha: {swift(a)}, "
                   f"lower: {swift(lo)}, upper: {swift(up)}), // {call}")
    out.append("    ]")
    out.append("")

    out.append("    /// Lead of A over B within one multinomial poll; lead = countA/n - countB/n.")
    out.append("    static let lead: [(method: String, countA: Double, countB: Double, n: Double, alpha: Double, "
               "lead: Double, se: Double, lower: Double, upper: Double, z: Double, pValue: Double, "
               "probLeadNormal: Double)] = [")
    for m, ca, cb, n, a, ld, se, lo, up, zs, pv, pr, call in lead:
        out.append(f"        (method: {s(m)}, countA: {swift(ca)}, countB: {swift(cb)}, n: {swift(n)}, "
                   f"alpha: {swift(a)}, lead: {swift(ld)}, se: {swift(se)}, lower: {swift(lo)}, "
                   f"upper: {swift(up)}, z: {swift(zs)}, pValue: {swift(pv)}, probLeadNormal: {swift(pr)}), "
                   f"// {call}")
    out.append("    ]")
    out.append("")

    out.append("    /// P(thetaA > thetaB) under the Dirichlet(countA+1, countB+1, n-countA-countB+1) posterior.")
    out.append("    static let posteriorLead: [(countA: Double, countB: Double, n: Double, probability: Double)] = [")
    for ca, cb, n, p, call in posterior:
        out.append(f"        (countA: {swift(ca)}, countB: {swift(cb)}, n: {swift(n)}, probability: {swift(p)}), "
                   f"// {call}")
    out.append("    ]")
    out.append("")

    out.append("    /// Change of one share between two independent polls; change = p2 - p1 (poll 2 is later).")
    out.append("    static let change: [(method: String, count1: Double, n1: Double, count2: Double, n2: Double, "
               "alpha: Double, change: Double, lower: Double, upper: Double, statistic: Double, "
               "pValue: Double)] = [")
    for m, c1, n1, c2, n2, a, ch, lo, up, st, pv, call in change:
        out.append(f"        (method: {s(m)}, count1: {swift(c1)}, n1: {swift(n1)}, count2: {swift(c2)}, "
                   f"n2: {swift(n2)}, alpha: {swift(a)}, change: {swift(ch)}, lower: {swift(lo)}, "
                   f"upper: {swift(up)}, statistic: {swift(st)}, pValue: {swift(pv)}), // {call}")
    out.append("    ]")
    out.append("")

    out.append("    /// Miettinen-Nurminen restricted MLE of (p1, p2) subject to p2 - p1 = delta.")
    out.append("    static let restrictedMLE: [(count1: Double, n1: Double, count2: Double, n2: Double, "
               "delta: Double, p1: Double, p2: Double)] = [")
    for c1, n1, c2, n2, d, p1, p2, call in rmle:
        out.append(f"        (count1: {swift(c1)}, n1: {swift(n1)}, count2: {swift(c2)}, n2: {swift(n2)}, "
                   f"delta: {swift(d)}, p1: {swift(p1)}, p2: {swift(p2)}), // {call}")
    out.append("    ]")
    out.append("")

    out.append("    /// Simultaneous confidence intervals for multinomial proportions.")
    out.append("    static let multinomial: [(method: String, counts: [Double], alpha: Double, "
               "lower: [Double], upper: [Double])] = [")
    for m, counts, a, lower, upper, call in multi:
        out.append(f"        (method: {s(m)}, counts: {swift_list(counts)}, alpha: {swift(a)}, "
                   f"lower: {swift_list(lower)}, upper: {swift_list(upper)}), // {call}")
    out.append("    ]")
    out.append("")

    out.append("    /// Kish design effect and effective sample size of a weight vector.")
    out.append("    static let designEffect: [(weights: [Double], deff: Double, nEff: Double)] = [")
    for w, d, ne, call in deff:
        out.append(f"        (weights: {swift_list(w)}, deff: {swift(d)}, nEff: {swift(ne)}), // {call}")
    out.append("    ]")
    out.append("")

    out.append("    /// Smallest n with z*sqrt(V*deff/n) <= moe.")
    out.append("    static let planning: [(quantity: String, moe: Double, shareA: Double, shareB: Double, "
               "deff: Double, alpha: Double, n: Double)] = [")
    for q, moe, sa, sb, d, a, n, call in planning:
        out.append(f"        (quantity: {s(q)}, moe: {swift(moe)}, shareA: {swift(sa)}, shareB: {swift(sb)}, "
                   f"deff: {swift(d)}, alpha: {swift(a)}, n: {swift(n)}), // {call}")
    out.append("    ]")
    out.append("}")

    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text("\n".join(out) + "\n")

    log("")
    log(f"wrote {OUTPUT}")
    for name, tab in [("share", share), ("lead", lead), ("posteriorLead", posterior), ("change", change),
                      ("restrictedMLE", rmle), ("multinomial", multi), ("designEffect", deff),
                      ("planning", planning)]:
        log(f"  {name}: {len(tab)} rows")
    for note in notes:
        log("note:", note)
    log(f"run time {time.time() - T_START:.1f}s")


if __name__ == "__main__":
    main()
