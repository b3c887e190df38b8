#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// τ and ω of a polling average estimated by maximum restricted marginal likelihood, with the fit
/// at the estimates.
public struct AverageEstimate: Sendable {
    /// τ (points) and ω (points/day) at the maximum (or as given when fixed).
    public let tau: Double, omega: Double
    /// Whether τ and ω were estimated (`false`: given).
    public let tauEstimated: Bool, omegaEstimated: Bool
    /// The restricted log likelihood at (τ, ω): ``StateSpaceAverage/logLikelihood``.
    public var logLikelihood: Double { fit.logLikelihood }
    /// How many times the likelihood was evaluated (one fit each).
    public let evaluations: Int
    /// The posterior at (τ, ω).
    public let fit: StateSpaceAverage
}

extension StateSpaceAverage {
    /// The search range of τ (points): τ = 0 (polls vary only by sampling error) may be the maximum.
    public static let tauSearchRange: ClosedRange<Double> = 0...50
    /// The search range of ω (points/day). ω → 0 is a constant average; the likelihood is then
    /// often still rising at the lower end, and the estimate stops at 1e-4.
    public static let omegaSearchRange: ClosedRange<Double> = 1e-4...20

    /// Estimates τ and ω (either may be fixed) by maximising the restricted (REML, diffuse)
    /// marginal likelihood ``logLikelihood``: the leads' density with the daily increments of μ
    /// integrated against their N(0, ω²) prior and the first day's level and the house and
    /// population effects against flat priors.
    ///
    /// **Search.** Deterministic, over (u, v) with τ = |u| and ω = e^v, both clamped to
    /// ``tauSearchRange`` and ``omegaSearchRange`` (with a quadratic penalty outside, so a search
    /// returns): the best point of a coarse grid (τ ∈ {0, 0.5, 1, 2, 4, 8},
    /// ω ∈ {0.01, 0.03, 0.1, 0.3, 1, 3}); from it Newton's method with a central-difference
    /// gradient and Hessian (step 10⁻⁴) until a step is below 10⁻⁷ in u and v or the decrease it
    /// predicts is below 10⁻¹²·(1 + |ℓ|). If Newton fails from the grid point (a Hessian that is
    /// not positive definite, no decrease), a Nelder–Mead simplex (reflection 1, expansion 2,
    /// contraction ½, shrink ½; Lagarias et al. 1998) stopped once its vertices agree to 10⁻²,
    /// then Newton again. Should Newton fail (a Hessian that is not positive definite, no decrease), the simplex
    /// is restarted from the best point until a restart no longer improves the likelihood by
    /// more than 1e-12, each simplex stopping when its values agree to 1e-13·(1 + |ℓ|) and its
    /// vertices to 1e-9. Because the likelihood depends on τ², it is smooth and even in u, so a
    /// maximum at τ = 0 is an interior stationary point of the search; the search ends near it
    /// (|u| ≈ 1e-6 or less), and τ is set to 0 exactly when ℓ(0, ω) is within
    /// 1e-12·(1 + |ℓ|) of ℓ at the point found.
    ///
    /// - Parameters:
    ///   - polls: as for ``init(polls:tau:omega:houseEffects:)``.
    ///   - houseEffects: whether to estimate house effects.
    ///   - tau: a fixed τ (points), or `nil` to estimate it.
    ///   - omega: a fixed ω (points/day), or `nil` to estimate it.
    /// - Throws: ``AverageError``.
    /// - Complexity: k likelihood evaluations (typically 60–120; see `AverageLikelihoodEvaluator`
    ///   for one, at most O(n + T·m² + m³)), then one full fit.
    public static func estimate(
        polls: [AveragePoll], houseEffects: Bool = true,
        tau: Double? = nil, omega: Double? = nil
    ) throws(AverageError) -> AverageEstimate {
        if let tau { guard tau.isFinite && tau >= 0 else { throw .invalidParameter(name: "tau", value: tau) } }
        if let omega { guard omega.isFinite && omega > 0 else { throw .invalidParameter(name: "omega", value: omega) } }
        let lowV = Self.naturalLog(omegaSearchRange.lowerBound), highV = Self.naturalLog(omegaSearchRange.upperBound)
        var evaluations = 0
        var firstError: AverageError?
        // The likelihood alone; the full fit only for an error (or when the structure is invalid).
        let evaluator = AverageLikelihoodEvaluator(polls: polls, houseEffects: houseEffects)
        // Maps search coordinates to (τ, ω) and a penalty for leaving the range.
        func parameters(_ x: [Double]) -> (tau: Double, omega: Double, penalty: Double) {
            var k = 0, penalty = 0.0
            var t = tau ?? 0, o = omega ?? 1
            if tau == nil {
                let u = abs(x[k]); k += 1
                t = min(u, tauSearchRange.upperBound)
                penalty += max(0, u - tauSearchRange.upperBound) * max(0, u - tauSearchRange.upperBound)
            }
            if omega == nil {
                let v = x[k]
                let clamped = min(max(v, lowV), highV)
                o = exp(clamped)
                penalty += (v - clamped) * (v - clamped)
            }
            return (t, o, penalty)
        }
        // The negative log likelihood (minimised).
        func objective(_ x: [Double]) -> Double {
            let (t, o, penalty) = parameters(x)
            evaluations += 1
            if let value = evaluator?.logLikelihood(tau: t, omega: o) { return -value + penalty }
            do {
                return
                    -(try StateSpaceAverage(polls: polls, tau: t, omega: o, houseEffects: houseEffects).logLikelihood)
                    + penalty
            } catch {
                if firstError == nil { firstError = error }
                return .infinity
            }
        }
        let dimension = (tau == nil ? 1 : 0) + (omega == nil ? 1 : 0)
        var best: [Double] = []
        if dimension > 0 {
            let tauGrid: [Double] = tau == nil ? [0, 0.5, 1, 2, 4, 8] : [tau!]
            let omegaGrid: [Double] = omega == nil ? [0.01, 0.03, 0.1, 0.3, 1, 3].map { Self.naturalLog($0) } : [0]
            var bestValue = Double.infinity
            for t in tauGrid {
                for v in omegaGrid {
                    var x: [Double] = []
                    if tau == nil { x.append(t) }
                    if omega == nil { x.append(v) }
                    let value = objective(x)
                    if value < bestValue { bestValue = value; best = x }
                }
            }
            if best.isEmpty { throw firstError ?? .noPolls }
            var value = bestValue
            // Newton steps on a finite-difference gradient and Hessian from the best grid point;
            // where they fail (far from the maximum the Hessian need not be definite), a coarse
            // simplex search first, then Newton again.
            var polished = newton(objective, start: best, value: value)
            best = polished.x
            value = polished.value
            if !polished.converged {
                let coarse = nelderMead(objective, start: best, step: 0.5, valueTolerance: 1e-8, pointTolerance: 1e-2)
                if coarse.value <= value { best = coarse.x; value = coarse.value }
                polished = newton(objective, start: best, value: value)
                best = polished.x
                value = polished.value
            }
            if !polished.converged {
                for _ in 0..<20 {
                    let (x, f) = nelderMead(objective, start: best, step: 0.5)
                    let improved = f < value - 1e-12
                    if f <= value { best = x; value = f }
                    if !improved { break }
                }
            }
        }
        // τ = 0 when it is as likely as the maximum to rounding: the search only approaches the
        // boundary (|u| of 1e-6 to 1e-11, noise of the last steps), and 0 is the estimate.
        if tau == nil && dimension > 0 && best[0] != 0 {
            let value = objective(best)
            var atZero = best
            atZero[0] = 0
            let zero = objective(atZero)
            if zero <= value + 1e-12 * (1 + abs(value)) { best = atZero }
        }
        let (t, o, _) = dimension > 0 ? parameters(best) : (tau!, omega!, 0)
        let fit = try StateSpaceAverage(polls: polls, tau: t, omega: o, houseEffects: houseEffects)
        return AverageEstimate(
            tau: t, omega: o, tauEstimated: tau == nil, omegaEstimated: omega == nil,
            evaluations: evaluations + 1, fit: fit)
    }

    /// Minimises f by the Nelder–Mead simplex method from `start` with an axis-aligned initial
    /// simplex of the given step (Lagarias, Reeds, Wright & Wright 1998, coefficients 1, 2, ½, ½).
    /// Stops when the vertex values agree to 1e-13·(1 + |f_best|) and the vertices to 1e-9 in every
    /// coordinate, or after 2000 iterations.
    ///
    /// - Complexity: O(iterations·d) evaluations of f for d coordinates.
    static func nelderMead(
        _ f: ([Double]) -> Double, start: [Double], step: Double,
        valueTolerance: Double = 1e-13, pointTolerance: Double = 1e-9
    ) -> (x: [Double], value: Double) {
        let d = start.count
        var simplex: [[Double]] = [start]
        for k in 0..<d {
            var x = start
            x[k] += step
            simplex.append(x)
        }
        var values = simplex.map(f)
        func combine(_ a: [Double], _ b: [Double], _ t: Double) -> [Double] { zip(a, b).map { $0 + t * ($1 - $0) } }
        for _ in 0..<2000 {
            // Order (stable: ties keep the earlier vertex first).
            let order = (0...d).sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = values[d] - values[0]
            var size = 0.0
            for v in simplex.dropFirst() { for k in 0..<d { size = max(size, abs(v[k] - simplex[0][k])) } }
            if spread <= valueTolerance * (1 + abs(values[0])) && size <= pointTolerance { break }
            var centroid = [Double](repeating: 0, count: d)
            for v in simplex.dropLast() { for k in 0..<d { centroid[k] += v[k] / Double(d) } }
            let worst = simplex[d]
            let reflected = combine(centroid, worst, -1)
            let fr = f(reflected)
            if fr < values[0] {
                let expanded = combine(centroid, worst, -2)
                let fe = f(expanded)
                if fe < fr { simplex[d] = expanded; values[d] = fe } else { simplex[d] = reflected; values[d] = fr }
                continue
            }
            if fr < values[d - 1] { simplex[d] = reflected; values[d] = fr; continue }
            if fr < values[d] {
                let outside = combine(centroid, worst, -0.5)
                let fo = f(outside)
                if fo <= fr { simplex[d] = outside; values[d] = fo; continue }
            } else {
                let inside = combine(centroid, worst, 0.5)
                let fi = f(inside)
                if fi < values[d] { simplex[d] = inside; values[d] = fi; continue }
            }
            for k in 1...d {
                simplex[k] = combine(simplex[0], simplex[k], 0.5)
                values[k] = f(simplex[k])
            }
        }
        let bestIndex = (0...d).min { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }!
        return (simplex[bestIndex], values[bestIndex])
    }

    /// Newton's method on f from `start` (whose value is `value`), with the gradient and Hessian
    /// from central differences of step h = 10⁻⁴ in every coordinate (2d² + 1 evaluations per
    /// step for d coordinates: f(x ± h·e_k) and f(x ± h·e_k ± h·e_l)). A step is taken only when
    /// the Hessian is positive definite and f does not increase, halving it up to 10 times.
    /// Converged when the Newton step moves every coordinate by less than 10⁻⁷ (Newton converges
    /// quadratically: the point is then within about 10⁻¹⁴ of the stationary point of the
    /// finite-difference model) or when the decrease the quadratic model predicts, −½·gᵀH⁻¹g (the
    /// Newton decrement; Boyd & Vandenberghe, *Convex Optimization*, 2004, §9.5.1), is below
    /// 10⁻¹²·(1 + |f|): f, rounded to about 10⁻¹³·|f|, cannot resolve a better point (that last
    /// step is still taken when it does not increase f). At most 8 steps.
    ///
    /// - Returns: the best point found, its value, and whether the iteration converged (the
    ///   caller falls back to the simplex otherwise).
    /// - Complexity: O(d²) evaluations of f per step.
    static func newton(
        _ f: ([Double]) -> Double, start: [Double], value: Double
    ) -> (x: [Double], value: Double, converged: Bool) {
        let d = start.count
        let h = 1e-4
        var x = start, fx = value
        for _ in 0..<8 {
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            var plus = [Double](repeating: 0, count: d), minus = plus
            for k in 0..<d {
                var xp = x, xm = x
                xp[k] += h; xm[k] -= h
                plus[k] = f(xp); minus[k] = f(xm)
                gradient[k] = (plus[k] - minus[k]) / (2 * h)
                hessian[k][k] = (plus[k] - 2 * fx + minus[k]) / (h * h)
            }
            for k in 0..<d {
                for l in (k + 1)..<max(k + 1, d) {
                    var pp = x, pm = x, mp = x, mm = x
                    pp[k] += h; pp[l] += h
                    pm[k] += h; pm[l] -= h
                    mp[k] -= h; mp[l] += h
                    mm[k] -= h; mm[l] -= h
                    let value = (f(pp) - f(pm) - f(mp) + f(mm)) / (4 * h * h)
                    hessian[k][l] = value; hessian[l][k] = value
                }
            }
            guard gradient.allSatisfy(\.isFinite), hessian.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
                return (x, fx, false)
            }
            // Solve H·s = −g (d ≤ 2: Cholesky by hand), requiring H positive definite.
            var step = [Double](repeating: 0, count: d)
            if d == 1 {
                guard hessian[0][0] > 0 else { return (x, fx, false) }
                step[0] = -gradient[0] / hessian[0][0]
            } else {
                let a = hessian[0][0], b = hessian[0][1], c = hessian[1][1]
                let det = a * c - b * b
                guard a > 0 && det > 0 else { return (x, fx, false) }
                step[0] = -(c * gradient[0] - b * gradient[1]) / det
                step[1] = -(a * gradient[1] - b * gradient[0]) / det
            }
            // The Newton decrement: the decrease the quadratic model predicts. Once it is below
            // what the rounding of f resolves, the point is stationary to working precision.
            let predicted = -0.5 * zip(gradient, step).reduce(0) { $0 + $1.0 * $1.1 }
            if predicted <= 1e-12 * (1 + abs(fx)) {
                let candidate = zip(x, step).map { $0 + $1 }
                let value = f(candidate)
                if value <= fx { return (candidate, value, true) }
                return (x, fx, true)
            }
            var scale = 1.0, moved = false
            for _ in 0..<10 {
                let candidate = zip(x, step).map { $0 + scale * $1 }
                let value = f(candidate)
                if value <= fx {
                    let size = step.map { abs(scale * $0) }.max() ?? 0
                    x = candidate; fx = value; moved = true
                    if size < 1e-7 { return (x, fx, true) }
                    break
                }
                scale /= 2
            }
            // No decrease along a descent direction: stationary to rounding when the step is
            // already below the tolerance, otherwise give up.
            if !moved { return (x, fx, (step.map(abs).max() ?? 0) < 1e-7) }
        }
        return (x, fx, false)
    }
}
