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

Fixture `localLevel` (no house effects, equal variances, at most one poll a day) is also
compared with statsmodels UnobservedComponents('llevel') smoothing at the same variances
(exact diffuse initialisation); the script prints the largest difference on stderr.

Regenerate: python3 scripts/references/average.py > Tests/PollCompareTests/AverageReferences.swift
"""
import sys

import numpy as np


def dense_posterior(polls, tau, omega, house):
    T = max(p[1] for p in polls) + 1
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
    Q = D.T @ D / (omega * omega) + X.T @ (rinv[:, None] * X)
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
        sd = np.sqrt(np.maximum(0, np.diag(M)))
        print(f"        Fixture(  // numpy {np.__version__}: dense GLS, T = {T}, J = {J}, P = {P}")
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
            print(f"                Change(from: {a}, to: {b}, change: {float(theta[b] - theta[a])!r}, sd: {float(np.sqrt(max(0.0, e @ M @ e)))!r}),")
        print("            ]")
        print("        ),")
        if name == "localLevel":
            local = (polls, tau, omega, T, theta, M)
    print("    ]")
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


if __name__ == "__main__":
    main()
