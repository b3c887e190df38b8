#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PollNumerics

/// The restricted log likelihood ``StateSpaceAverage/logLikelihood`` alone, for the search over
/// τ and ω: no posterior mean, variances or weights, and its buffers kept from one evaluation to
/// the next.
///
/// **Algebra.** With the band factor A = L·Lᵀ (DPBTRF; L bidiagonal) one forward substitution
/// gives [v | V] = L⁻¹[r_μ | B], so that BᵀA⁻¹B = VᵀV (DSYRK, half the work of BᵀW) and
/// r_μᵀA⁻¹r_μ = vᵀv. With S = C − VᵀV = L_S·L_Sᵀ (DPOTRF) and z = r_η − Vᵀv,
///
///     rᵀx̂ = vᵀv + ‖L_S⁻¹z‖²,   log|A| = 2·Σ log L_tt,   log|S| = 2·Σ log (L_S)_kk,
///
/// the same quantities as the full fit, which forms x̂ itself. The house-effect terms of the
/// dependent (last) pollster, whose design row is −1 in every free house effect, are added to C
/// once as sums instead of once per poll.
///
/// Not thread-safe: one instance per search.
final class AverageLikelihoodEvaluator {
    private let days: [Int], leads: [Double], variances: [Double]
    /// Free house-effect index of each poll, −1 for the dependent pollster, −2 without one.
    private let house: [Int]
    /// Population-effect index (in η) of each poll, −1 for the reference population.
    private let population: [Int]
    private let t: Int, m: Int, freeHouse: Int, populationCount: Int
    private var band: SymmetricBandMatrix
    private var v: [Double]
    private var vB: Matrix
    private var c: Matrix
    private var rEta: [Double]
    private var lastPopulation: [Double]
    private var z: [Double]

    /// The structure of the fit; `nil` whenever the full fit would throw for a reason that does
    /// not depend on τ and ω (the caller then runs the full fit for its error).
    init?(polls: [AveragePoll], houseEffects: Bool) {
        guard !polls.isEmpty else { return nil }
        var layout = AverageLayout()
        for poll in polls {
            guard poll.day >= 0, poll.pollster >= 0, (poll.population ?? 0) >= 0,
                  poll.lead.isFinite, poll.variance.isFinite, poll.variance >= 0 else { return nil }
            layout.add(poll, houseEffects: houseEffects)
        }
        guard !layout.pollsterSeen.contains(false), !layout.populationSeen.contains(false) else { return nil }
        guard layout.populationSeen.isEmpty || layout.hasReference else { return nil }
        t = layout.maxDay + 1
        freeHouse = max(0, layout.pollsterSeen.count - 1)
        populationCount = layout.populationSeen.count
        m = freeHouse + populationCount
        days = polls.map(\.day)
        leads = polls.map(\.lead)
        variances = polls.map(\.variance)
        let fh = freeHouse
        house = polls.map { fh == 0 ? -2 : ($0.pollster < fh ? $0.pollster : -1) }
        population = polls.map { $0.population.map { fh + $0 } ?? -1 }
        band = SymmetricBandMatrix(order: t, subdiagonals: 1)
        v = [Double](repeating: 0, count: t)
        vB = Matrix(rows: t, columns: m)
        c = Matrix(rows: m, columns: m)
        rEta = [Double](repeating: 0, count: m)
        lastPopulation = [Double](repeating: 0, count: m)
        z = [Double](repeating: 0, count: m)
    }

    /// ℓ(τ, ω), equal to ``StateSpaceAverage/logLikelihood`` of the full fit up to rounding;
    /// `nil` when the full fit would throw (a poll with vᵢ = 0, effects not identified).
    func logLikelihood(tau: Double, omega: Double) -> Double? {
        guard tau.isFinite && tau >= 0 && omega.isFinite && omega > 0 else { return nil }
        let t = self.t, m = self.m, fh = freeHouse, n = days.count
        let prior = 1 / (omega * omega)
        let tau2 = tau * tau
        var logV = 0.0, yPy = 0.0
        var lastP = 0.0, lastPY = 0.0
        var valid = true
        band.elements.withUnsafeMutableBufferPointer { a in
            for day in 0..<t {
                a[2 * day] = t > 1 ? ((day == 0 || day == t - 1) ? prior : 2 * prior) : 0
                a[2 * day + 1] = day + 1 < t ? -prior : 0
            }
        }
        for k in 0..<t { v[k] = 0 }
        vB.elements.withUnsafeMutableBufferPointer { b in for k in b.indices { b[k] = 0 } }
        c.elements.withUnsafeMutableBufferPointer { b in for k in b.indices { b[k] = 0 } }
        for k in 0..<m { rEta[k] = 0; lastPopulation[k] = 0 }
        band.elements.withUnsafeMutableBufferPointer { a in
            vB.elements.withUnsafeMutableBufferPointer { b in
                c.elements.withUnsafeMutableBufferPointer { cc in
                    for i in 0..<n {
                        let variance = variances[i] + tau2
                        guard variance > 0 && variance.isFinite else { valid = false; return }
                        let p = 1 / variance, y = leads[i], day = days[i]
                        logV += log(variance)
                        yPy += p * y * y
                        a[2 * day] += p
                        v[day] += p * y
                        let h = house[i], g = population[i]
                        if h >= 0 {
                            b[day + h * t] += p
                            rEta[h] += p * y
                            cc[h + h * m] += p
                            if g >= 0 { cc[h + g * m] += p; cc[g + h * m] += p }
                        } else if h == -1 {
                            for k in 0..<fh { b[day + k * t] -= p }
                            lastP += p
                            lastPY += p * y
                            if g >= 0 { lastPopulation[g] += p }
                        }
                        if g >= 0 {
                            b[day + g * t] += p
                            rEta[g] += p * y
                            cc[g + g * m] += p
                        }
                    }
                    // The dependent pollster: design row −1 in every free house effect.
                    if lastP != 0 {
                        for l in 0..<fh {
                            rEta[l] -= lastPY
                            for k in 0..<fh { cc[k + l * m] += lastP }
                        }
                        for g in fh..<m where lastPopulation[g] != 0 {
                            for k in 0..<fh {
                                cc[k + g * m] -= lastPopulation[g]
                                cc[g + k * m] -= lastPopulation[g]
                            }
                        }
                    }
                }
            }
        }
        guard valid else { return nil }
        guard let factor = try? LAPACK.bandCholesky(band) else { return nil }
        var logDetA = 0.0
        var quadratic = 0.0
        factor.factor.elements.withUnsafeBufferPointer { l in
            vB.elements.withUnsafeMutableBufferPointer { b in
                // Forward substitution with the bidiagonal L: [v | V] ← L⁻¹[r_μ | B].
                for day in 0..<t {
                    let d = l[2 * day]
                    logDetA += 2 * log(d)
                    if day > 0 {
                        let e = l[2 * (day - 1) + 1]
                        v[day] -= e * v[day - 1]
                        for k in 0..<m { b[day + k * t] -= e * b[day - 1 + k * t] }
                    }
                    v[day] /= d
                    for k in 0..<m { b[day + k * t] /= d }
                    quadratic += v[day] * v[day]
                }
                for k in 0..<m {
                    var dot = 0.0
                    for day in 0..<t { dot += b[day + k * t] * v[day] }
                    z[k] = rEta[k] - dot
                }
            }
        }
        var logDetS = 0.0
        if m > 0 {
            var s = c
            BLAS.syrk(-1, vB, transpose: true, 1, &s)
            guard let ls = try? LAPACK.cholesky(s) else { return nil }
            ls.elements.withUnsafeBufferPointer { l in
                // ‖L_S⁻¹z‖² by forward substitution.
                for k in 0..<m {
                    let d = l[k + k * m]
                    logDetS += 2 * log(d)
                    var x = z[k]
                    for j in 0..<k { x -= l[k + j * m] * z[j] }
                    z[k] = x / d
                    quadratic += z[k] * z[k]
                }
            }
            guard logDetS.isFinite else { return nil }
        }
        let dimension = Double(n - 1 - m)
        let priorTerm = t > 1 ? Double(t - 1) * log(omega * omega) : 0
        return -0.5 * (dimension * log(2 * Double.pi) + logV + priorTerm + logDetA + logDetS + yPy - quadratic)
    }
}
