import PollNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The restricted log likelihood ``StateSpaceAverage/logLikelihood`` alone, for the search over
/// τ and ω: no posterior mean, variances or weights, the structure of the polls read once and the
/// buffers kept from one evaluation to the next.
///
/// **Poll days only.** Days without polls are integrated out: between consecutive poll days
/// d_k < d_{k+1} the walk moves by N(0, g_k·ω²) with g_k = d_{k+1} − d_k, so μ at the T′ poll days
/// is a random walk with increment precisions q_k = 1/(g_k·ω²). The density of the leads is the
/// same, and the determinants agree exactly: the bridge over a gap of g days has precision
/// determinant g·ω^{−2(g−1)}, so (T − 1)·log ω² + log|A| = Σ_k log(g_k·ω²) + log|A′|, the
/// quantity `RandomWalkCholesky` (PollNumerics) returns for A′ without cancellation.
///
/// **Algebra.** With A′ = L·Lᵀ (bidiagonal L), [v | V] = L⁻¹[r_μ | B] by forward substitution,
/// S = C − VᵀV = L_S·L_Sᵀ (DPOTRF) and z = r_η − Vᵀv:
///
///     rᵀx̂ = vᵀv + ‖L_S⁻¹z‖²,   log|S| = 2·Σ log (L_S)_kk.
///
/// **Sparsity.** A column of B is non-zero only on the days of its pollster's (or population's)
/// polls, and L⁻¹ is lower triangular, so column k of V is zero before its first poll day f_k.
/// The polls of the dependent (last) pollster, whose design row is −1 in every free house effect,
/// are kept out of B as one column δ: B = B₀ − d·eᵀ (d_t their precision on day t, e = 1 on the
/// house effects, 0 on population effects), V = V₀ − (L⁻¹d)·eᵀ, and
///
///     VᵀV = V₀ᵀV₀ − u·eᵀ − e·uᵀ + (δᵀδ)·e·eᵀ,   u = V₀ᵀδ, δ = L⁻¹d,
///
/// with (V₀ᵀV₀)_{kl} summed from max(f_k, f_l) only. For a file of pollsters who start polling at
/// different times this is a fraction of the T′·m² of a dense product.
///
/// Not thread-safe: one instance per search.
///
/// - Complexity: per evaluation O(n + T′ + Σ_{k,l}(T′ − max(f_k, f_l)) + m³), at most
///   O(n + T′·m² + m³): linear in poll days and polls.
final class AverageLikelihoodEvaluator {
    private let leads: [Double], variances: [Double]
    /// Index of each poll's day among the poll days.
    private let slot: [Int]
    /// Position (in η order, see `order`) of each poll's house effect: −1 for the dependent
    /// pollster, −2 without one.
    private let house: [Int]
    /// Position of each poll's population effect, −1 for the reference population.
    private let population: [Int]
    /// Gaps g_k between consecutive poll days.
    private let gaps: [Double]
    /// First poll-day slot of each η position (positions sorted by it).
    private let first: [Int]
    /// Whether each η position is a house effect (e = 1) rather than a population effect.
    private let isHouse: [Bool]
    /// First slot of a poll of the dependent pollster (T′ when there is none).
    private let firstDependent: Int
    private let days: Int, m: Int, n: Int
    /// L⁻¹B₀ (T′ × m, column-major) and C (m × m): kept between evaluations.
    private var vB: [Double]
    private var c: Matrix

    /// The structure of the fit; `nil` whenever the full fit would throw for a reason that does
    /// not depend on τ and ω (the caller then runs the full fit for its error).
    init?(polls: [AveragePoll], houseEffects: Bool) {
        guard !polls.isEmpty else { return nil }
        var layout = AverageLayout()
        for poll in polls {
            guard poll.day >= 0, poll.pollster >= 0, (poll.population ?? 0) >= 0,
                poll.lead.isFinite, poll.variance.isFinite, poll.variance >= 0
            else { return nil }
            layout.add(poll, houseEffects: houseEffects)
        }
        guard !layout.pollsterSeen.contains(false), !layout.populationSeen.contains(false) else { return nil }
        guard layout.populationSeen.isEmpty || layout.hasReference else { return nil }
        let fh = max(0, layout.pollsterSeen.count - 1)
        let populationCount = layout.populationSeen.count
        m = fh + populationCount
        n = polls.count
        let wholeDays = layout.maxDay + 1

        // Poll days, in order, and each poll's slot among them.
        var isPollDay = [Bool](repeating: false, count: wholeDays)
        for poll in polls { isPollDay[poll.day] = true }
        var slotOfDay = [Int](repeating: -1, count: wholeDays)
        var pollDays: [Int] = []
        for day in 0..<wholeDays where isPollDay[day] {
            slotOfDay[day] = pollDays.count
            pollDays.append(day)
        }
        days = pollDays.count
        gaps = (0..<max(0, days - 1)).map { Double(pollDays[$0 + 1] - pollDays[$0]) }
        slot = polls.map { slotOfDay[$0.day] }

        // η index (free house effects, then populations) of each poll, and each index's first slot.
        let houseIndex = polls.map { fh == 0 ? -2 : ($0.pollster < fh ? $0.pollster : -1) }
        let populationIndex = polls.map { $0.population.map { fh + $0 } ?? -1 }
        var firstOfIndex = [Int](repeating: Int.max, count: m)
        var dependentFirst = days
        for i in 0..<n {
            if houseIndex[i] >= 0 { firstOfIndex[houseIndex[i]] = min(firstOfIndex[houseIndex[i]], slot[i]) }
            if houseIndex[i] == -1 { dependentFirst = min(dependentFirst, slot[i]) }
            if populationIndex[i] >= 0 {
                firstOfIndex[populationIndex[i]] = min(firstOfIndex[populationIndex[i]], slot[i])
            }
        }
        firstDependent = dependentFirst
        // Positions sorted by first slot (ties by index): log|S| and the quadratic form do not
        // depend on the order of η.
        let order = (0..<m).sorted { (firstOfIndex[$0], $0) < (firstOfIndex[$1], $1) }
        var position = [Int](repeating: 0, count: m)
        for (p, k) in order.enumerated() { position[k] = p }
        first = order.map { firstOfIndex[$0] }
        isHouse = order.map { $0 < fh }
        house = houseIndex.map { $0 >= 0 ? position[$0] : $0 }
        population = populationIndex.map { $0 >= 0 ? position[$0] : -1 }
        leads = polls.map(\.lead)
        variances = polls.map(\.variance)

        vB = [Double](repeating: 0, count: days * m)
        c = Matrix(rows: m, columns: m)
    }

    /// ℓ(τ, ω), equal to ``StateSpaceAverage/logLikelihood`` of the full fit up to rounding;
    /// `nil` when the full fit would throw (a poll with vᵢ = 0, effects not identified).
    func logLikelihood(tau: Double, omega: Double) -> Double? {
        guard tau.isFinite && tau >= 0 && omega.isFinite && omega > 0 else { return nil }
        let days = self.days, m = self.m, n = self.n
        let omega2 = omega * omega
        let tau2 = tau * tau
        let increments = gaps.map { 1 / ($0 * omega2) }
        var logV = 0.0, yPy = 0.0
        var lastP = 0.0, lastPY = 0.0
        var valid = true
        // Per-evaluation vectors are locals (small; no exclusivity checks on the object's storage).
        var observation = [Double](repeating: 0, count: days)
        var v = observation, delta = observation
        var rEta = [Double](repeating: 0, count: m)
        var lastPopulation = rEta, z = rEta, u = rEta
        let firstDependent = self.firstDependent, first = self.first, isHouse = self.isHouse
        let house = self.house, population = self.population, slot = self.slot
        let leads = self.leads, variances = self.variances
        var vB = self.vB, c = self.c
        self.vB = [] // vB and c are moved out and back in: no copy, one owner
        self.c = Matrix(rows: 0, columns: 0)
        defer { self.vB = vB; self.c = c }
        vB.withUnsafeMutableBufferPointer { b in
            for k in 0..<m { for day in first[k]..<days { b[day + k * days] = 0 } }
        }
        c.elements.withUnsafeMutableBufferPointer { b in for k in b.indices { b[k] = 0 } }
        vB.withUnsafeMutableBufferPointer { b in
            c.elements.withUnsafeMutableBufferPointer { cc in
                for i in 0..<n {
                    let variance = variances[i] + tau2
                    guard variance > 0 && variance.isFinite else { valid = false; return }
                    let p = 1 / variance, y = leads[i], day = slot[i]
                    logV += log(variance)
                    yPy += p * y * y
                    observation[day] += p
                    v[day] += p * y
                    let h = house[i], g = population[i]
                    if h >= 0 {
                        b[day + h * days] += p
                        rEta[h] += p * y
                        cc[h + h * m] += p
                        if g >= 0 { cc[h + g * m] += p; cc[g + h * m] += p }
                    } else if h == -1 {
                        delta[day] += p
                        lastP += p
                        lastPY += p * y
                        if g >= 0 { lastPopulation[g] += p }
                    }
                    if g >= 0 {
                        b[day + g * days] += p
                        rEta[g] += p * y
                        cc[g + g * m] += p
                    }
                }
                // The dependent pollster: design row −1 in every free house effect.
                if lastP != 0 {
                    for l in 0..<m where isHouse[l] {
                        rEta[l] -= lastPY
                        for k in 0..<m where isHouse[k] { cc[k + l * m] += lastP }
                    }
                    for g in 0..<m where lastPopulation[g] != 0 {
                        for k in 0..<m where isHouse[k] {
                            cc[k + g * m] -= lastPopulation[g]
                            cc[g + k * m] -= lastPopulation[g]
                        }
                    }
                }
            }
        }
        guard valid else { return nil }
        guard
            let (factor, logDetA) = try? RandomWalkCholesky.factor(
                incrementPrecisions: increments,
                observationPrecisions: observation)
        else { return nil }
        var quadratic = 0.0
        var deltaDelta = 0.0, deltaV = 0.0
        factor.factor.elements.withUnsafeBufferPointer { l in
            // Forward substitution with the bidiagonal L: v ← L⁻¹r_μ, δ ← L⁻¹d.
            for day in 0..<days {
                let d = l[2 * day]
                if day > 0 {
                    let e = l[2 * (day - 1) + 1]
                    v[day] -= e * v[day - 1]
                    delta[day] -= e * delta[day - 1]
                }
                v[day] /= d
                delta[day] /= d
                quadratic += v[day] * v[day]
            }
            for day in firstDependent..<days {
                deltaDelta += delta[day] * delta[day]
                deltaV += delta[day] * v[day]
            }
            // V₀ ← L⁻¹B₀, column by column from its first poll day (1/L_tt once per day).
            var reciprocal = [Double](repeating: 0, count: days)
            for day in 0..<days { reciprocal[day] = 1 / l[2 * day] }
            reciprocal.withUnsafeBufferPointer { r in
                vB.withUnsafeMutableBufferPointer { b in
                    for k in 0..<m {
                        let column = b.baseAddress! + k * days
                        let start = first[k]
                        column[start] *= r[start]
                        if start + 1 < days {
                            for day in (start + 1)..<days {
                                column[day] = (column[day] - l[2 * (day - 1) + 1] * column[day - 1]) * r[day]
                            }
                        }
                    }
                }
            }
        }
        var logDetS = 0.0
        if m > 0 {
            // S = C − V₀ᵀV₀ (lower triangle, the staircase of first days) …
            var s = c
            BLAS.subtractStaircaseGram(vB, rows: days, columns: m, firstRow: first, from: &s)
            vB.withUnsafeBufferPointer { b in
                v.withUnsafeBufferPointer { vp in
                    delta.withUnsafeBufferPointer { dp in
                        for k in 0..<m {
                            let column = b.baseAddress! + k * days
                            let vk = Self.dot(column, vp.baseAddress!, from: first[k], to: days)
                            u[k] = Self.dot(column, dp.baseAddress!, from: max(first[k], firstDependent), to: days)
                            z[k] = rEta[k] - vk + (isHouse[k] ? deltaV : 0)
                        }
                    }
                }
            }
            // … + u·eᵀ + e·uᵀ − (δᵀδ)·e·eᵀ (the dependent pollster's column).
            if firstDependent < days {
                s.elements.withUnsafeMutableBufferPointer { ss in
                    for k in 0..<m {
                        for l in k..<m {
                            var x = 0.0
                            if isHouse[k] { x += u[l] }
                            if isHouse[l] { x += u[k] }
                            if isHouse[k] && isHouse[l] { x -= deltaDelta }
                            ss[l + k * m] += x
                        }
                    }
                }
            }
            guard let ls = try? LAPACK.cholesky(s), StateSpaceAverage.unidentifiedPivot(ls, c) == nil else {
                return nil
            }
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
        return -0.5 * (dimension * log(2 * Double.pi) + logV + logDetA + logDetS + yPy - quadratic)
    }

    /// Σ_{t = from}^{to − 1} x_t·y_t with four partial sums.
    @inline(__always)
    private static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, from: Int, to: Int) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        var t = from
        while t + 4 <= to {
            s0 += x[t] * y[t]
            s1 += x[t + 1] * y[t + 1]
            s2 += x[t + 2] * y[t + 2]
            s3 += x[t + 3] * y[t + 3]
            t += 4
        }
        while t < to { s0 += x[t] * y[t]; t += 1 }
        return (s0 + s1) + (s2 + s3)
    }
}
