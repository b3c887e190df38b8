import PollNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One poll as the polling average sees it (GUIDE §4 "Polling average").
public struct AveragePoll: Equatable, Hashable, Sendable {
    /// y, the lead in points (58 − 31 = 27).
    public var lead: Double
    /// t, the day of the poll: a 0-based whole number of days from the first day of the model.
    public var day: Int
    /// j, the pollster: an index 0..<J; every index below the largest must have a poll.
    public var pollster: Int
    /// The population effect: `nil` for the reference population (likely voters), otherwise an
    /// index 0..<P of a population whose effect relative to the reference is estimated.
    public var population: Int?
    /// s², the poll's sampling variance of the lead, in points².
    public var variance: Double

    public init(lead: Double, day: Int, pollster: Int, population: Int? = nil, variance: Double) {
        self.lead = lead
        self.day = day
        self.pollster = pollster
        self.population = population
        self.variance = variance
    }
}

/// The posterior of a state-space polling average with house and population effects, for given
/// τ and ω (Jackman 2005, *Australian Journal of Political Science* 40:499; GUIDE §4).
///
/// **Model.** Poll i on day tᵢ by pollster j(i) in population p(i):
///
///     yᵢ = μ_{tᵢ} + h_{j(i)} + g_{p(i)} + εᵢ,   εᵢ ~ N(0, vᵢ),  vᵢ = sᵢ² + τ²
///     μ_t − μ_{t−1} ~ N(0, ω²)  (t = 1 … T−1),  flat prior on μ₀
///
/// h has a flat prior and sums to zero, unweighted, over the J pollsters (Σ_j h_j = 0); g is 0 for
/// the reference population (lv) and has a flat prior for the others. T = 1 + the largest day.
///
/// **Parametrisation.** With J ≥ 2 the house effects are h_j = η_j for j < J − 1 and
/// h_{J−1} = −Σ_{j<J−1} η_j (h = K·η with K = [I; −1ᵀ]), so the design row of a poll of the last
/// pollster holds −1 for every free house effect. Population effects follow as the last P entries
/// of η. With one pollster (or `houseEffects: false`) there is no house effect: h = 0, sd 0. The
/// results do not depend on which pollster is the dependent one.
///
/// **Algebra.** With x = (μ, η), design rows aᵢ (1 at μ_{tᵢ}) and bᵢ (the η coefficients) and
/// pᵢ = 1/vᵢ, the posterior precision and the right-hand side are
///
///     Q = [ A   B ]   A = ω⁻²·DᵀD + Σᵢ pᵢ·aᵢaᵢᵀ   (T × T, tridiagonal: band storage, kd = 1)
///         [ Bᵀ  C ]   B = Σᵢ pᵢ·aᵢbᵢᵀ  (T × m),  C = Σᵢ pᵢ·bᵢbᵢᵀ  (m × m, m = J − 1 + P)
///     r = (Σᵢ pᵢyᵢaᵢ, Σᵢ pᵢyᵢbᵢ) = (r_μ, r_η)
///
/// (D the (T−1) × T first-difference matrix), an arrow-shaped positive definite matrix. Block
/// elimination with the band Cholesky factor A = L·Lᵀ and one band solve with m + 1 right-hand
/// sides (DPBTRS) gives W = A⁻¹B and A⁻¹r_μ; then the Schur complement
/// S = C − Bᵀ·W (dense m × m, DPOSV for S⁻¹) and
///
///     η = S⁻¹(r_η − Wᵀr_μ),   μ = A⁻¹r_μ − W·η
///     Cov(η) = S⁻¹,   Cov(μ, η) = −W·S⁻¹,   Cov(μ) = A⁻¹ + W·S⁻¹·Wᵀ.
///
/// L comes from the information-filter recursion of `RandomWalkCholesky` (PollNumerics) rather than from
/// DPBTRF on the stored A: with a small ω the entries ω⁻² of A dwarf the poll precisions, and
/// elimination on A would subtract numbers of size ω⁻² to form each pivot (at ω = 10⁻⁴ half the
/// digits of the poll information lost); the recursion only adds non-negative numbers.
///
/// The diagonal of A⁻¹ (for the sd of every day) comes from the bidiagonal factor L (diagonal
/// d_t, subdiagonal e_t) by the Takahashi recursion, in O(T): Z = A⁻¹,
/// Z_{T−1,T−1} = 1/d²_{T−1}, Z_{t+1,t} = −(e_t/d_t)·Z_{t+1,t+1}, Z_{t,t} = 1/d_t² − (e_t/d_t)·Z_{t+1,t}
/// (Takahashi, Fagan & Chen 1973; Rue & Held 2005, *Gaussian Markov Random Fields*, §2.3.1).
///
/// A is positive definite as soon as there is one poll (ω > 0, vᵢ > 0). S is positive definite
/// exactly when the effects are identified; otherwise (a Cholesky pivot of S that is not
/// positive, or below `identificationTolerance` relative to the effect's own information, which
/// is where rounding leaves a singular S) ``AverageError/notIdentified(_:)``.
///
/// **Weights.** The posterior mean of μ_{T−1} is linear in y: μ̂_{T−1} = Σᵢ wᵢyᵢ with
/// wᵢ = pᵢ·(aᵢ + bᵢ)ᵀ·Σ·e_{T−1}, Σ = Q⁻¹ (one more band solve). Adding a constant c to every
/// yᵢ is absorbed exactly by μ (flat prior on the level, increments unchanged, house effects and
/// population effects unchanged), so Σᵢ wᵢ = 1, with or without house effects. Weights may be
/// negative (a pollster's other polls inform its house effect).
///
/// - Complexity: O((T + n)·m² + m³) time and O(T·m + n) memory for n polls, T days, m effects:
///   linear in days and polls.
public struct StateSpaceAverage: Sendable {
    /// T, the number of days: 1 + the largest day index.
    public let dayCount: Int
    /// τ (points) and ω (points/day) as given.
    public let tau: Double, omega: Double
    /// Posterior mean of μ_t for t = 0..<T (points).
    public let mean: [Double]
    /// Posterior sd of μ_t for t = 0..<T (points).
    public let sd: [Double]
    /// Posterior mean of each pollster's house effect h_j (points): J values summing to 0;
    /// `[0]` for one pollster; empty without house effects.
    public let houseEffects: [Double]
    /// Posterior sd of each house effect (points); 0 for a single pollster.
    public let houseEffectSD: [Double]
    /// Posterior mean of each population effect g_k relative to the reference (points).
    public let populationEffects: [Double]
    /// Posterior sd of each population effect (points).
    public let populationEffectSD: [Double]
    /// The coefficient wᵢ of each poll's lead in the last day's posterior mean, in the order of
    /// the polls given; Σwᵢ = 1 (see the type's documentation).
    public let weights: [Double]
    /// yᵢ − ĥ_{j(i)} − ĝ_{p(i)}: each poll's lead with its house and population effects removed.
    public let adjustedLeads: [Double]
    /// yᵢ − (μ̂_{tᵢ} + ĥ_{j(i)} + ĝ_{p(i)}) at the posterior mean.
    public let residuals: [Double]
    /// The restricted (diffuse) log marginal likelihood of the leads at this τ and ω, with μ, η
    /// integrated out (natural log; see ``estimate(polls:houseEffects:tau:omega:)``):
    ///
    ///     ℓ(τ, ω) = −½·[(n − 1 − m)·log 2π + Σᵢ log vᵢ + (T − 1)·log ω² + log|A| + log|S|
    ///                   + Σᵢ pᵢyᵢ² − rᵀx̂]
    ///
    /// with x̂ = (μ̂, η̂) the posterior mean, (T − 1)·log ω² + log|A| from `RandomWalkCholesky` (PollNumerics)
    /// (Σ_{t<T−1} log1p(c_t·ω²) + log c_{T−1}, c_t the filtered precisions: no cancellation) and
    /// log|S| = 2·Σ_k log L^S_kk from the Cholesky factor of the Schur complement (DPOTRF).
    /// It is the density of y with the random-walk increments integrated against their
    /// N(0, ω²) prior and the first day's level μ₀ and the m free effects η against flat
    /// (Lebesgue) priors: REML in the form −½[(n − p)·log 2π + log|V| + log|XᵀV⁻¹X| + yᵀPy]
    /// with p = 1 + m fixed effects (without the log|XᵀX| term some definitions add, a constant).
    public let logLikelihood: Double

    /// Band Cholesky factor of A, W = A⁻¹B (T × m) and S⁻¹ (m × m): what later covariances need.
    private let factor: BandCholeskyFactor
    private let w: Matrix
    private let schurInverse: Matrix

    /// Fits the average for fixed τ and ω.
    ///
    /// - Parameters:
    ///   - polls: at least one poll; days ≥ 0; finite leads; sᵢ² + τ² > 0.
    ///   - tau: τ ≥ 0, the non-sampling sd of a poll (points).
    ///   - omega: ω > 0, the sd of the daily change of μ (points/day).
    ///   - houseEffects: whether to estimate house effects (`false`: h = 0, `houseEffects` empty).
    /// - Throws: ``AverageError``.
    /// - Complexity: O((T + n)·m² + m³), m = (J − 1) + P.
    public init(polls: [AveragePoll], tau: Double, omega: Double, houseEffects: Bool = true) throws(AverageError) {
        guard !polls.isEmpty else { throw .noPolls }
        guard tau.isFinite && tau >= 0 else { throw .invalidParameter(name: "tau", value: tau) }
        guard omega.isFinite && omega > 0 else { throw .invalidParameter(name: "omega", value: omega) }
        var layout = AverageLayout()
        for (i, poll) in polls.enumerated() {
            guard poll.day >= 0 else { throw .negativeDay(poll: i, day: poll.day) }
            let v = poll.variance + tau * tau
            guard poll.lead.isFinite && poll.variance.isFinite && poll.variance >= 0 && v > 0 && v.isFinite else {
                throw .invalidPoll(poll: i, lead: poll.lead, variance: poll.variance)
            }
            precondition(poll.pollster >= 0 && (poll.population ?? 0) >= 0, "StateSpaceAverage: negative index")
            layout.add(poll, houseEffects: houseEffects)
        }
        if let missing = layout.pollsterSeen.firstIndex(of: false) {
            throw .emptyGroup(kind: "pollster", index: missing)
        }
        if let missing = layout.populationSeen.firstIndex(of: false) {
            throw .emptyGroup(kind: "population", index: missing)
        }
        let pollsterCount = layout.pollsterSeen.count
        let populationCount = layout.populationSeen.count
        if populationCount > 0 && !layout.hasReference { throw .noReferencePopulation }

        let t = layout.maxDay + 1
        let freeHouse = max(0, pollsterCount - 1)
        let m = freeHouse + populationCount
        // The η coefficients of a poll: (index, value) pairs.
        func coefficients(_ poll: AveragePoll) -> [(Int, Double)] {
            var c: [(Int, Double)] = []
            if freeHouse > 0 {
                if poll.pollster < freeHouse {
                    c.append((poll.pollster, 1))
                } else {
                    for k in 0..<freeHouse { c.append((k, -1)) }
                }
            }
            if let p = poll.population { c.append((freeHouse + p, 1)) }
            return c
        }

        // Assemble the poll precisions on each day (A's observation part), B, C and r.
        let prior = 1 / (omega * omega)
        var dayPrecision = [Double](repeating: 0, count: t)
        // Right-hand sides of the band solve: column 0 is r_μ, columns 1...m are B.
        var rhs = Matrix(rows: t, columns: m + 1)
        var c = Matrix(rows: m, columns: m)
        var rEta = [Double](repeating: 0, count: m)
        var precisions = [Double](repeating: 0, count: polls.count)
        for (i, poll) in polls.enumerated() {
            let p = 1 / (poll.variance + tau * tau)
            precisions[i] = p
            dayPrecision[poll.day] += p
            rhs[poll.day, 0] += p * poll.lead
            let coef = coefficients(poll)
            for (k, x) in coef {
                rhs[poll.day, 1 + k] += p * x
                rEta[k] += p * x * poll.lead
                for (l, z) in coef { c[k, l] += p * x * z }
            }
        }
        let b = Matrix(rows: t, columns: m, columnMajor: Array(rhs.elements[t...]))

        // Block elimination.
        let factor: BandCholeskyFactor
        let logDetARelative: Double
        let solved: Matrix
        do {
            (factor, logDetARelative) = try RandomWalkCholesky.factor(
                incrementPrecisions: [Double](repeating: prior, count: t - 1), observationPrecisions: dayPrecision)
            solved = try factor.solve(rhs)
        } catch {
            // A has a positive poll precision on some day and ω > 0: positive definite.
            preconditionFailure("StateSpaceAverage: the trend block is not positive definite: \(error)")
        }
        let aInvR = Array(solved.elements[0..<t])
        let w = Matrix(rows: t, columns: m, columnMajor: Array(solved.elements[t...]))
        var s = c
        BLAS.gemm(-1, b, transposeA: true, w, 1, &s)
        var logDetS = 0.0
        if m > 0 {
            let schurFactor: Matrix
            do { schurFactor = try LAPACK.cholesky(s) } catch { throw .notIdentified(error) }
            if let k = Self.unidentifiedPivot(schurFactor, c) {
                throw .notIdentified(.notPositiveDefinite(routine: "DPOTRF", order: k + 1))
            }
            for k in 0..<m { logDetS += 2 * Self.naturalLog(schurFactor[k, k]) }
        }
        let schurInverse: Matrix
        do {
            schurInverse = try LAPACK.solvePositiveDefinite(s, .identity(m))
        } catch {
            throw .notIdentified(error)
        }
        var eta = [Double](repeating: 0, count: m)
        if m > 0 {
            let reduced = Self.gemv(-1, w, transpose: true, Array(rhs.elements[0..<t]), 1, rEta)
            eta = Self.gemv(1, schurInverse, reduced, 0, eta)
        }
        var mu = aInvR
        if m > 0 { mu = Self.gemv(-1, w, eta, 1, aInvR) }

        // Marginal variances: diag(A⁻¹) by the Takahashi recursion, plus diag(W·S⁻¹·Wᵀ).
        var variance = [Double](repeating: 0, count: t)
        let l = factor.factor.elements // column j: L(j, j), L(j + 1, j)
        variance[t - 1] = 1 / (l[2 * (t - 1)] * l[2 * (t - 1)])
        if t > 1 {
            for day in stride(from: t - 2, through: 0, by: -1) {
                let d = l[2 * day], e = l[2 * day + 1]
                let offDiagonal = -(e / d) * variance[day + 1]
                variance[day] = 1 / (d * d) - (e / d) * offDiagonal
            }
        }
        if m > 0 {
            var wsInv = Matrix(rows: t, columns: m)
            BLAS.gemm(1, w, schurInverse, 0, &wsInv)
            for day in 0..<t {
                var q = 0.0
                for k in 0..<m { q += wsInv[day, k] * w[day, k] }
                variance[day] += q
            }
        }

        // Effects and their sds.
        var house: [Double] = [], houseSD: [Double] = []
        if houseEffects {
            if pollsterCount == 1 {
                house = [0]; houseSD = [0]
            } else {
                house = Array(eta[0..<freeHouse])
                house.append(-house.reduce(0, +))
                houseSD = (0..<freeHouse).map { schurInverse[$0, $0].squareRoot() }
                var total = 0.0
                for k in 0..<freeHouse { for j in 0..<freeHouse { total += schurInverse[k, j] } }
                houseSD.append(max(0, total).squareRoot())
            }
        }
        let population = Array(eta[freeHouse..<m])
        let populationSD = (freeHouse..<m).map { schurInverse[$0, $0].squareRoot() }

        // Weights: column T − 1 of Σ = Q⁻¹.
        var unit = [Double](repeating: 0, count: t)
        unit[t - 1] = 1
        var column: [Double]
        do { column = try factor.solve(unit) } catch { preconditionFailure("StateSpaceAverage: \(error)") }
        var columnEta = [Double](repeating: 0, count: m)
        if m > 0 {
            let lastRow = (0..<m).map { w[t - 1, $0] }
            columnEta = Self.gemv(-1, schurInverse, lastRow, 0, columnEta)
            column = Self.gemv(-1, w, columnEta, 1, column)
        }
        var weights = [Double](repeating: 0, count: polls.count)
        var adjusted = [Double](repeating: 0, count: polls.count)
        var residuals = [Double](repeating: 0, count: polls.count)
        for (i, poll) in polls.enumerated() {
            var g = column[poll.day], effect = 0.0
            for (k, x) in coefficients(poll) {
                g += x * columnEta[k]
                effect += x * eta[k]
            }
            weights[i] = precisions[i] * g
            adjusted[i] = poll.lead - effect
            residuals[i] = adjusted[i] - mu[poll.day]
        }

        // The restricted log marginal likelihood (see ``logLikelihood``).
        var logV = 0.0, yPy = 0.0
        for (i, poll) in polls.enumerated() {
            logV -= Self.naturalLog(precisions[i])
            yPy += precisions[i] * poll.lead * poll.lead
        }
        var rx = 0.0
        for day in 0..<t { rx += rhs[day, 0] * mu[day] }
        for k in 0..<m { rx += rEta[k] * eta[k] }
        let dimension = Double(polls.count - 1 - m)
        let logTwoPi = Self.naturalLog(2 * Double.pi)
        // (T − 1)·log ω² + log|A| without cancellation (RandomWalkCholesky).
        self.logLikelihood = -0.5 * (dimension * logTwoPi + logV + logDetARelative + logDetS + yPy - rx)

        self.dayCount = t
        self.tau = tau
        self.omega = omega
        self.mean = mu
        self.sd = variance.map { max(0, $0).squareRoot() }
        self.houseEffects = house
        self.houseEffectSD = houseSD
        self.populationEffects = population
        self.populationEffectSD = populationSD
        self.weights = weights
        self.adjustedLeads = adjusted
        self.residuals = residuals
        self.factor = factor
        self.w = w
        self.schurInverse = schurInverse
    }

    /// The posterior covariance of μ_a and μ_b (points²):
    /// Cov(μ_a, μ_b) = (A⁻¹)_{ab} + W_a·S⁻¹·W_bᵀ (see the type's documentation).
    ///
    /// - Precondition: both days in 0..<``dayCount``.
    /// - Complexity: O(T + m²) (one band solve).
    public func covariance(_ dayA: Int, _ dayB: Int) -> Double {
        precondition((0..<dayCount).contains(dayA) && (0..<dayCount).contains(dayB), "covariance: day out of range")
        var unit = [Double](repeating: 0, count: dayCount)
        unit[dayB] = 1
        var solved: [Double]
        do { solved = try factor.solve(unit) } catch { preconditionFailure("StateSpaceAverage: \(error)") }
        return solved[dayA] + quadratic((0..<w.columns).map { w[dayA, $0] }, (0..<w.columns).map { w[dayB, $0] })
    }

    /// The change of the average from day `from` to day `to`, μ̂_to − μ̂_from (points), and its
    /// posterior sd from the joint posterior: with c = e_to − e_from,
    /// Var(cᵀμ) = cᵀA⁻¹c + (Wᵀc)ᵀ·S⁻¹·(Wᵀc), not the two days' sds in quadrature.
    ///
    /// - Precondition: both days in 0..<``dayCount``.
    /// - Complexity: O(T + m²) (one band solve).
    public func change(from: Int, to: Int) -> (change: Double, sd: Double) {
        precondition((0..<dayCount).contains(from) && (0..<dayCount).contains(to), "change: day out of range")
        guard from != to else { return (0, 0) }
        var c = [Double](repeating: 0, count: dayCount)
        c[to] = 1
        c[from] = -1
        var solved: [Double]
        do { solved = try factor.solve(c) } catch { preconditionFailure("StateSpaceAverage: \(error)") }
        var v = solved[to] - solved[from]
        v += quadratic((0..<w.columns).map { w[to, $0] - w[from, $0] }, (0..<w.columns).map { w[to, $0] - w[from, $0] })
        return (mean[to] - mean[from], max(0, v).squareRoot())
    }

    /// α·op(A)·x + β·y as a new array.
    private static func gemv(
        _ alpha: Double, _ a: Matrix, transpose: Bool = false, _ x: [Double],
        _ beta: Double, _ y: [Double]
    ) -> [Double] {
        var result = Vector(y)
        BLAS.gemv(alpha, a, transpose: transpose, Vector(x), beta, &result)
        return result.elements
    }

    /// Relative size below which a pivot of the Schur complement counts as zero: the effects are
    /// then confounded (with each other or with the level) and only rounding kept the pivot
    /// positive. A pivot (L_S)²_kk is the information about effect k left after the level and the
    /// effects before it are accounted for; rounding leaves about 10⁻¹⁵·C_kk of it where none is,
    /// a real design at least a fraction far above 10⁻¹¹ of C_kk (the information of effect k
    /// from its own polls).
    static let identificationTolerance = 1e-11

    /// The first k with (L_S)²_kk ≤ `identificationTolerance`·C_kk, if any (L_S the Cholesky
    /// factor of the Schur complement S, C the effects' own information block).
    static func unidentifiedPivot(_ factor: Matrix, _ c: Matrix) -> Int? {
        (0..<factor.rows).first { factor[$0, $0] * factor[$0, $0] <= identificationTolerance * c[$0, $0] }
    }

    /// The natural logarithm (the C library's `log`).
    static func naturalLog(_ x: Double) -> Double { log(x) }

    /// uᵀ·S⁻¹·v.
    private func quadratic(_ u: [Double], _ v: [Double]) -> Double {
        var q = 0.0
        for k in 0..<u.count { for l in 0..<v.count { q += u[k] * schurInverse[k, l] * v[l] } }
        return q
    }
}

/// The shape of a fit as its polls index it: the last day, which pollsters and populations occur,
/// and whether any poll is in the reference population (shared by the fit and the likelihood
/// evaluator, which must agree on it).
struct AverageLayout {
    /// The largest day index.
    var maxDay = 0
    /// Whether each pollster index occurs (empty without house effects).
    var pollsterSeen: [Bool] = []
    /// Whether each population index occurs.
    var populationSeen: [Bool] = []
    /// Whether some poll is in the reference population (lv).
    var hasReference = false

    /// Records one poll (indices assumed non-negative).
    mutating func add(_ poll: AveragePoll, houseEffects: Bool) {
        maxDay = Swift.max(maxDay, poll.day)
        if houseEffects {
            if poll.pollster >= pollsterSeen.count {
                pollsterSeen += Array(repeating: false, count: poll.pollster + 1 - pollsterSeen.count)
            }
            pollsterSeen[poll.pollster] = true
        }
        if let p = poll.population {
            if p >= populationSeen.count {
                populationSeen += Array(repeating: false, count: p + 1 - populationSeen.count)
            }
            populationSeen[p] = true
        } else {
            hasReference = true
        }
    }
}
