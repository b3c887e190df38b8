#!/usr/bin/env python3
"""Generate Tests/PollCompareTests/AverageReferences.swift: reference posteriors of the
state-space polling average (GUIDE section 4 "Polling average") for fixed tau and omega.

Written independently of the Swift code (which eliminates a banded block and a Schur
complement, with J - 1 free house effects).  Here the posterior is a dense GLS in numpy:

  * parameters theta = (mu_0 .. mu_{T-1}, h_0 .. h_{J-1}, g_0 .. g_{P-1}), all J house
    effects kept;
  * precision Q = omega^-2 D'D (on mu) + X' R^-1 X, right-hand side r = X' R^-1 y, with X the
    dense n x (T + J + P) design (1 at mu_t, 1 at h_j, 1 at g_p), R = diag(s_i^2 + tau^2);
  * the constraint sum_j h_j = 0 through the Lagrange (KKT) system
    [[Q, c'], [c, 0]] [theta; lambda] = [r; 0]; with M the top-left block of the inverse of that
    matrix (numpy.linalg.inv), the posterior mean is M r and the posterior covariance is M;
  * weights: row T - 1 of M X' R^-1; change a -> b: e' M e with e = e_b - e_a.

With omega below 1e-3 (fixture tinyOmega) the Lagrange system has entries omega^-2 = 1e8 next to
poll precisions near 0.1, so double precision would keep only about 8 digits of the answer: for
those fixtures the same dense GLS is solved in mpmath at 50 significant digits (mpmath.inverse)
and rounded to double at the end.  The omega -> 0 limit of that fixture (a single level mu for all
days: the house-adjusted precision-weighted mean) is printed as `constantLevel`: the same Lagrange
system with one mu column instead of T (numpy; well conditioned).

Fixture `localLevel` (no house effects, equal variances, at most one poll a day) is also
compared with statsmodels UnobservedComponents('llevel') smoothing at the same variances
(exact diffuse initialisation); the script prints the largest difference on stderr.

Regenerate: python3 scripts/references/average.py > Tests/PollCompareTests/AverageReferences.swift

With --likelihood it prints Tests/PollCompareTests/AverageLikelihoodReferences.swift instead: the
restricted (REML) log marginal likelihood of tau and omega, written as a dense mixed model, again
independently of the Swift code (which reads the determinants off its band and Schur factors):

  * fixed effects beta = (mu_0, eta) with flat priors: eta the J - 1 free house effects
    (h_j = eta_j for j < J - 1, h_{J-1} = -sum eta) and the P population effects; X the n x (1 + m)
    design of beta;
  * random effects: the T - 1 daily increments of mu, N(0, omega^2) each; Z (n x (T - 1)) with
    Z[i, k] = 1 when increment k + 1 is on or before poll i's day, so V = R + omega^2 Z Z';
  * l = -1/2 [(n - p) log 2 pi + log|V| + log|X' V^-1 X| + y' P y], P = V^-1 - V^-1 X (X'V^-1X)^-1 X'V^-1,
    p = 1 + m (numpy.linalg.slogdet and numpy.linalg.solve);
  * its maximum over tau >= 0 and omega > 0 by brute force: a 161 x 161 grid over tau in [0, 6]
    and log omega in [log 0.005, log 5], then scipy.optimize.minimize (Nelder-Mead, bounds,
    xatol 1e-11, fatol 1e-14) from the best grid point, restarted until it stops moving.

Regenerate: python3 scripts/references/average.py --likelihood > Tests/PollCompareTests/AverageLikelihoodReferences.swift
"""
import sys

import numpy as np


def dense_posterior(polls, tau, omega, house, collapse_days=False):
    T = max(p[1] for p in polls) + 1
    if collapse_days:
        # omega -> 0: one level for every day (no D'D prior on mu).
        polls = [(lead, 0, j, pop, var) for lead, _, j, pop, var in polls]
        T = 1
    J = (max(p[2] for p in polls) + 1) if house else 0
    P = max([p[3] for p in polls if p[3] is not None], default=-1) + 1
    k = T + J + P
    n = len(polls)
    X = np.zeros((n, k))
    y = np.array([p[0] for p in polls], dtype=float)
    rinv = np.array([1.0 / (p[4] + tau * tau) for p in polls])
    for i, (lead, day, pollster, pop, var) in enumerate(polls):
        X[i, day] = 1.0
        if house:
            X[i, T + pollster] = 1.0
        if pop is not None:
            X[i, T + J + pop] = 1.0
    D = np.zeros((T - 1, k))
    for t in range(T - 1):
        D[t, t] = -1.0
        D[t, t + 1] = 1.0
    if omega < 1e-3 and not collapse_days:
        return mp_solve(polls, X, D, omega, tau, T, J, P)
    Q = X.T @ (rinv[:, None] * X)
    if T > 1:
        Q = Q + D.T @ D / (omega * omega)
    r = X.T @ (rinv * y)
    constraints = []
    if J >= 1:
        c = np.zeros(k)
        c[T:T + J] = 1.0
        constraints.append(c)
    m = len(constraints)
    K = np.zeros((k + m, k + m))
    K[:k, :k] = Q
    for a, c in enumerate(constraints):
        K[k + a, :k] = c
        K[:k, k + a] = c
    Kinv = np.linalg.inv(K)
    M = Kinv[:k, :k]
    theta = M @ np.concatenate([r])
    weights = (M @ (X.T * rinv))[T - 1]
    return T, J, P, theta, M, weights


def mp_solve(polls, X, D, omega, tau, T, J, P):
    """The Lagrange system of dense_posterior built and inverted in mpmath at 50 digits (the
    inputs are doubles, exact in mpmath; omega^-2 and 1/(s^2 + tau^2) are formed in mpmath)."""
    import mpmath
    mpmath.mp.dps = 50
    n, k = X.shape
    mpf = mpmath.mpf
    rinv = [1 / (mpf(p[4]) + mpf(tau) * mpf(tau)) for p in polls]
    y = [mpf(p[0]) for p in polls]
    prior = 1 / (mpf(omega) * mpf(omega))
    J0 = J
    size = k + (1 if J0 >= 1 else 0)
    K = mpmath.matrix(size, size)
    for a in range(k):
        for b in range(k):
            q = mpmath.fsum(rinv[i] * int(X[i, a]) * int(X[i, b]) for i in range(n) if X[i, a] and X[i, b])
            q += prior * int(sum(D[t, a] * D[t, b] for t in range(D.shape[0])))
            K[a, b] = q
    if J0 >= 1:
        for a in range(T, T + J0):
            K[k, a] = 1
            K[a, k] = 1
    Kinv = mpmath.inverse(K)
    M = [[Kinv[i, j] for j in range(k)] for i in range(k)]
    r = [mpmath.fsum(rinv[i] * y[i] for i in range(n) if X[i, a]) for a in range(k)]
    theta = [mpmath.fsum(M[i][j] * r[j] for j in range(k)) for i in range(k)]
    weights = [mpmath.fsum(M[T - 1][j] for j in range(k) if X[i, j]) * rinv[i] for i in range(n)]
    return T, J, P, np.array([float(x) for x in theta]), MpCov(M), np.array([float(x) for x in weights])


class MpCov:
    """A covariance kept in mpmath: diagonal and quadratic forms rounded to double at the end."""
    def __init__(self, M):
        self.M = M

    def diag(self):
        return np.array([float(self.M[i][i]) for i in range(len(self.M))])

    def quad(self, e):
        import mpmath
        idx = [i for i in range(len(e)) if e[i] != 0]
        return float(mpmath.fsum(self.M[i][j] * int(e[i]) * int(e[j]) for i in idx for j in idx))


def fixtures():
    rng = np.random.default_rng(20240721)

    def polls_for(days, pollsters, truth=lambda t: 2.0 - 0.05 * t, houses=None, pops=None, var=None):
        out = []
        for idx, (d, j) in enumerate(zip(days, pollsters)):
            h = houses[j] if houses else 0.0
            v = var if var is not None else float(np.round(rng.uniform(4.0, 12.0), 2))
            lead = float(np.round(truth(d) + h + rng.normal(0, 2.5), 1))
            pop = pops[idx] if pops else None
            out.append((lead, d, j, pop, v))
        return out

    fx = []
    fx.append(("severalPollsters", polls_for([0, 1, 3, 3, 5, 8, 9, 12, 14, 14, 17, 19],
                                             [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2], houses=[1.5, -1.0, -0.5]),
               1.5, 0.3, True, [(0, 19), (10, 19), (3, 14), (19, 19)]))
    gap_days = list(range(0, 11, 2)) + list(range(71, 82, 2))
    fx.append(("sixtyDayGap", polls_for(gap_days, [i % 2 for i in range(len(gap_days))], houses=[1.0, -1.0]),
               1.0, 0.2, True, [(10, 71), (0, 81), (40, 41)]))
    fx.append(("onePoll", [(3.2, 0, 0, None, 6.25)], 2.0, 0.5, True, [(0, 0)]))
    fx.append(("oneDay", polls_for([0, 0, 0, 0], [0, 1, 2, 1], houses=[0.5, 0.0, -0.5]), 1.0, 0.5, True, [(0, 0)]))
    fx.append(("onePollster", polls_for([0, 2, 5, 6, 9, 14], [0] * 6), 1.2, 0.4, True, [(0, 14), (5, 9)]))
    fx.append(("tauZero", polls_for([0, 1, 2, 4, 4, 7, 9, 10], [0, 1, 2, 0, 1, 2, 0, 1], houses=[2.0, -1.0, -1.0]),
               0.0, 0.25, True, [(0, 10), (4, 7)]))
    fx.append(("tinyOmega", polls_for([0, 1, 3, 4, 6, 8, 9, 11], [0, 1, 2, 0, 1, 2, 0, 1], houses=[1.0, 0.0, -1.0]),
               1.0, 1e-4, True, [(0, 11), (5, 6)]))
    fx.append(("populations", polls_for([0, 1, 2, 4, 5, 6, 8, 9, 11, 12],
                                        [0, 1, 2, 0, 1, 2, 0, 1, 2, 0], houses=[1.0, -0.5, -0.5],
                                        pops=[None, 0, None, 1, None, 0, 1, None, 0, None]),
               1.0, 0.3, True, [(0, 12), (6, 9)]))
    fx.append(("noHouseEffects", polls_for([0, 1, 1, 3, 6, 7, 7, 10], [0, 1, 2, 0, 1, 2, 0, 1]),
               0.8, 0.35, False, [(0, 10), (1, 7)]))
    ll_days = [0, 1, 2, 4, 5, 8, 9, 13, 14, 15, 20]
    fx.append(("localLevel", polls_for(ll_days, [0] * len(ll_days), var=4.0), 1.0, 0.3, False, [(0, 20), (9, 15)]))
    return fx


def swift_list(values):
    return "[" + ", ".join(repr(float(v)) for v in values) + "]"


def check_local_level(polls, tau, omega, T, theta, M):
    from statsmodels.tsa.statespace.structural import UnobservedComponents
    series = np.full(T, np.nan)
    for lead, day, _, _, var in polls:
        series[day] = lead
    obs_var = polls[0][4] + tau * tau
    model = UnobservedComponents(series, level="llevel", use_exact_diffuse=True)
    res = model.smooth([obs_var, omega * omega])
    mean = res.smoothed_state[0]
    sd = np.sqrt(res.smoothed_state_cov[0, 0])
    dm = np.max(np.abs(mean - theta[:T]) / np.maximum(1, np.abs(theta[:T])))
    ds = np.max(np.abs(sd - np.sqrt(np.diag(M)[:T])) / np.sqrt(np.diag(M)[:T]))
    print(f"localLevel: statsmodels UnobservedComponents smoothing vs dense GLS: mean {dm:.2e}, sd {ds:.2e}",
          file=sys.stderr)
    return mean, sd


def main():
    import statsmodels
    print("// Generated by scripts/references/average.py; do not edit by hand.")
    print("// Regenerate: python3 scripts/references/average.py > Tests/PollCompareTests/AverageReferences.swift")
    print(f"// Tools: numpy {np.__version__} (dense GLS: numpy.linalg.inv of the Lagrange system, see the script);")
    print(f"// statsmodels {statsmodels.__version__} UnobservedComponents('llevel', use_exact_diffuse=True).smooth for localLevelStatsmodels.")
    print("// Doubles are printed with repr(float) (round-trip text).")
    print()
    print("import Testing\n@testable import PollCompare")
    print()
    print("enum AverageReferences {")
    print("    struct Change: Sendable { let from: Int; let to: Int; let change: Double; let sd: Double }")
    print("    struct Fixture: Sendable, CustomTestStringConvertible {")
    print("        let name: String")
    print("        let polls: [AveragePoll]")
    print("        let tau: Double, omega: Double, houseEffects: Bool")
    print("        let mean: [Double], sd: [Double]")
    print("        let house: [Double], houseSD: [Double]")
    print("        let population: [Double], populationSD: [Double]")
    print("        let weights: [Double]")
    print("        let changes: [Change]")
    print("        var testDescription: String { name }")
    print("    }")
    print()
    print("    /// Dense GLS posteriors (numpy.linalg.inv of the Lagrange system; see scripts/references/average.py).")
    print("    static let fixtures: [Fixture] = [")
    local = None
    for name, polls, tau, omega, house, changes in fixtures():
        T, J, P, theta, M, weights = dense_posterior(polls, tau, omega, house)
        tool = "mpmath 50 digits" if isinstance(M, MpCov) else f"numpy {np.__version__}"
        sd = np.sqrt(np.maximum(0, M.diag() if isinstance(M, MpCov) else np.diag(M)))
        print(f"        Fixture(  // {tool}: dense GLS, T = {T}, J = {J}, P = {P}")
        print(f"            name: \"{name}\",")
        print("            polls: [")
        for lead, day, j, pop, var in polls:
            ptxt = "nil" if pop is None else str(pop)
            print(f"                AveragePoll(lead: {lead!r}, day: {day}, pollster: {j}, population: {ptxt}, variance: {var!r}),")
        print("            ],")
        print(f"            tau: {tau!r}, omega: {omega!r}, houseEffects: {'true' if house else 'false'},")
        print(f"            mean: {swift_list(theta[:T])},")
        print(f"            sd: {swift_list(sd[:T])},")
        print(f"            house: {swift_list(theta[T:T + J])},")
        print(f"            houseSD: {swift_list(sd[T:T + J])},")
        print(f"            population: {swift_list(theta[T + J:])},")
        print(f"            populationSD: {swift_list(sd[T + J:])},")
        print(f"            weights: {swift_list(weights)},")
        print("            changes: [")
        for a, b in changes:
            e = np.zeros(len(theta))
            e[b] += 1.0
            e[a] -= 1.0
            var = M.quad(e) if isinstance(M, MpCov) else e @ M @ e
            print(f"                Change(from: {a}, to: {b}, change: {float(theta[b] - theta[a])!r}, sd: {float(np.sqrt(max(0.0, var)))!r}),")
        print("            ]")
        print("        ),")
        if name == "localLevel":
            local = (polls, tau, omega, T, theta, M)
        if name == "tinyOmega":
            tiny = (polls, tau, house)
    print("    ]")
    print()
    polls, tau, house = tiny
    _, J, _, theta, _, _ = dense_posterior(polls, tau, 0.0, house, collapse_days=True)
    print("    /// The omega -> 0 limit of fixture tinyOmega: one level mu for all days and the house")
    print(f"    /// effects, dense GLS of the Lagrange system (numpy {np.__version__}).")
    print(f"    static let constantLevel: (mean: Double, house: [Double]) = (mean: {float(theta[0])!r}, house: {swift_list(theta[1:1 + J])})")
    print()
    mean, sd = check_local_level(*local)
    print("    /// The localLevel fixture smoothed by statsmodels UnobservedComponents('llevel',")
    print("    /// use_exact_diffuse=True).smooth([s^2 + tau^2, omega^2]): smoothed_state[0] and")
    print("    /// sqrt(smoothed_state_cov[0, 0]).")
    print(f"    static let localLevelStatsmodels: (mean: [Double], sd: [Double]) = (")
    print(f"        mean: {swift_list(mean)},")
    print(f"        sd: {swift_list(sd)}")
    print("    )")
    print("}")


def dense_reml(polls, tau, omega, house):
    T = max(p[1] for p in polls) + 1
    J = (max(p[2] for p in polls) + 1) if house else 0
    P = max([p[3] for p in polls if p[3] is not None], default=-1) + 1
    free = max(0, J - 1)
    n = len(polls)
    y = np.array([p[0] for p in polls], dtype=float)
    X = np.zeros((n, 1 + free + P))
    Z = np.zeros((n, T - 1))
    for i, (lead, day, pollster, pop, var) in enumerate(polls):
        X[i, 0] = 1.0
        if free > 0:
            if pollster < free:
                X[i, 1 + pollster] = 1.0
            else:
                X[i, 1:1 + free] = -1.0
        if pop is not None:
            X[i, 1 + free + pop] = 1.0
        Z[i, :day] = 1.0
    V = np.diag([p[4] + tau * tau for p in polls]) + omega * omega * (Z @ Z.T)
    Vinv_X = np.linalg.solve(V, X)
    Vinv_y = np.linalg.solve(V, y)
    XtVX = X.T @ Vinv_X
    beta = np.linalg.solve(XtVX, X.T @ Vinv_y)
    quad = y @ Vinv_y - (X.T @ Vinv_y) @ beta
    ldV = np.linalg.slogdet(V)[1]
    ldX = np.linalg.slogdet(XtVX)[1]
    p = X.shape[1]
    return -0.5 * ((n - p) * np.log(2 * np.pi) + ldV + ldX + quad)


def brute_force_maximum(polls, house):
    from scipy.optimize import minimize
    taus = np.linspace(0.0, 6.0, 161)
    logs = np.linspace(np.log(0.005), np.log(5.0), 161)
    best = None
    for t in taus:
        for lw in logs:
            v = dense_reml(polls, t, np.exp(lw), house)
            if best is None or v > best[0]:
                best = (v, t, lw)
    x = np.array([best[1], best[2]])
    f = lambda z: -dense_reml(polls, z[0], np.exp(z[1]), house)
    prev = None
    for _ in range(20):
        res = minimize(f, x, method="Nelder-Mead", bounds=[(0.0, 50.0), (np.log(1e-4), np.log(20.0))],
                       options={"xatol": 1e-11, "fatol": 1e-14, "maxiter": 20000, "maxfev": 40000})
        x = res.x
        if prev is not None and np.max(np.abs(x - prev)) < 1e-12:
            break
        prev = x
    return float(x[0]), float(np.exp(x[1])), float(dense_reml(polls, x[0], np.exp(x[1]), house))


def likelihood_fixtures():
    rng = np.random.default_rng(20240731)

    def simulate(days, pollsters, tau, omega, houses, pops=None):
        T = max(days) + 1
        walk = np.cumsum(np.concatenate([[1.0], rng.normal(0, omega, T - 1)]))
        out = []
        for idx, (d, j) in enumerate(zip(days, pollsters)):
            var = float(np.round(rng.uniform(4.0, 12.0), 2))
            pop = pops[idx] if pops else None
            shift = 0.0 if pop is None else [1.0, 2.0][pop]
            lead = float(np.round(walk[d] + houses[j] + shift + rng.normal(0, np.sqrt(var + tau * tau)), 1))
            out.append((lead, d, j, pop, var))
        return out

    days = sorted(int(d) for d in rng.integers(0, 60, 48))
    fx = [("interior", simulate(days, [i % 4 for i in range(48)], 2.0, 0.8, [1.5, -1.0, 0.5, -1.0]), True)]
    days = sorted(int(d) for d in rng.integers(0, 40, 30))
    fx.append(("noHouse", simulate(days, [0] * 30, 1.5, 0.3, [0.0]), False))
    days = sorted(int(d) for d in rng.integers(0, 50, 40))
    pops = [None if i % 4 else (i // 4) % 2 for i in range(40)]
    fx.append(("populations", simulate(days, [i % 3 for i in range(40)], 1.0, 0.6, [1.0, 0.0, -1.0], pops), True))
    days = sorted(int(d) for d in rng.integers(0, 30, 25))
    fx.append(("tauAtZero", simulate(days, [i % 2 for i in range(25)], 0.0, 0.5, [0.5, -0.5]), True))
    return fx


def main_likelihood():
    import scipy
    print("// Generated by scripts/references/average.py --likelihood; do not edit by hand.")
    print("// Regenerate: python3 scripts/references/average.py --likelihood > Tests/PollCompareTests/AverageLikelihoodReferences.swift")
    print(f"// Tools: numpy {np.__version__} (dense REML: slogdet, solve; see the script);")
    print(f"// scipy {scipy.__version__} optimize.minimize (Nelder-Mead, bounds) after a 161 x 161 grid for the maxima.")
    print("// Doubles are printed with repr(float) (round-trip text).")
    print()
    print("import Testing\n@testable import PollCompare")
    print()
    print("enum AverageLikelihoodReferences {")
    print("    /// The restricted log likelihood of a fixture of AverageReferences at its own tau and omega.")
    print("    static let atFixedParameters: [(name: String, logLikelihood: Double)] = [")
    for name, polls, tau, omega, house, _ in fixtures():
        print(f"        (\"{name}\", {float(dense_reml(polls, tau, omega, house))!r}),  // dense REML, tau {tau!r}, omega {omega!r}")
    print("    ]")
    print()
    print("    struct Fixture: Sendable, CustomTestStringConvertible {")
    print("        let name: String")
    print("        let polls: [AveragePoll]")
    print("        let houseEffects: Bool")
    print("        /// The brute-force maximum of the restricted log likelihood.")
    print("        let tau: Double, omega: Double, logLikelihood: Double")
    print("        /// The restricted log likelihood at tau = 1, omega = 0.2.")
    print("        let logLikelihoodAtUnitTau: Double")
    print("        var testDescription: String { name }")
    print("    }")
    print()
    print("    static let fixtures: [Fixture] = [")
    for name, polls, house in likelihood_fixtures():
        tau, omega, ll = brute_force_maximum(polls, house)
        print(f"        Fixture(  // numpy {np.__version__} dense REML, scipy {scipy.__version__} grid + Nelder-Mead")
        print(f"            name: \"{name}\",")
        print("            polls: [")
        for lead, day, j, pop, var in polls:
            ptxt = "nil" if pop is None else str(pop)
            print(f"                AveragePoll(lead: {lead!r}, day: {day}, pollster: {j}, population: {ptxt}, variance: {var!r}),")
        print("            ],")
        print(f"            houseEffects: {'true' if house else 'false'},")
        print(f"            tau: {tau!r}, omega: {omega!r}, logLikelihood: {ll!r},")
        print(f"            logLikelihoodAtUnitTau: {float(dense_reml(polls, 1.0, 0.2, house))!r}")
        print("        ),")
    print("    ]")
    print("}")


if __name__ == "__main__":
    if "--likelihood" in sys.argv[1:]:
        main_likelihood()
    else:
        main()
