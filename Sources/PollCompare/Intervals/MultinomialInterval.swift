import PollNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Simultaneous intervals for all k shares of one poll: with probability at least the confidence
/// level every category's share lies in its interval at once.
public enum MultinomialIntervalMethod: String, CaseIterable, Sendable {
    /// Goodman (1965): Wilson-type score intervals with the Bonferroni χ²₁ quantile at 1 − α/k.
    case goodman
    /// Sison & Glaz (1995): one common width from an Edgeworth approximation of the multinomial
    /// probability of a box; tighter than Goodman when k is large. Defined for whole
    /// respondents: each count is rounded to the nearest integer (halves away from zero) and the
    /// intervals are those of the rounded table.
    case sisonGlaz = "sison-glaz"

    /// One line on what the method is for.
    public var summary: String {
        switch self {
        case .goodman: return "Bonferroni-adjusted score intervals for every category at once"
        case .sisonGlaz:
            return
                "common-width simultaneous intervals; tighter for many categories; counts rounded to whole respondents"
        }
    }

    /// Where the method comes from.
    public var source: String {
        switch self {
        case .goodman: return "Goodman 1965; statsmodels multinomial_proportions_confint(method='goodman')"
        case .sisonGlaz: return "Sison & Glaz 1995; statsmodels method='sison-glaz'"
        }
    }
}

/// Simultaneous confidence intervals for multinomial shares.
///
/// - Goodman: c = χ²₁⁻¹(1 − α/k); bounds (2x + c ± √(c² + 4x·c·(1 − x/n)))/(2(n + c)).
/// - Sison–Glaz: ν(τ) = P(xᵢ − τ ≤ Xᵢ ≤ xᵢ + τ for all i) approximated, as in the paper's
///   equation (1), by n!/(nⁿe⁻ⁿ)·∏ P(aᵢ ≤ Yᵢ ≤ bᵢ)·f_e((n − Σμᵢ)/√Σσᵢ²)/√Σσᵢ², with Yᵢ ~ Poisson(xᵢ),
///   μᵢ, σᵢ² the mean and variance of Yᵢ truncated to [aᵢ, bᵢ], and f_e the Edgeworth density with
///   the truncated variables' skewness and kurtosis; the integer τ with ν(τ) ≤ 1 − α < ν(τ + 1) and
///   γ = (1 − α − ν(τ))/(ν(τ + 1) − ν(τ)) give [pᵢ − τ/n, pᵢ + (τ + 2γ)/n], clipped to [0, 1]
///   (Sison & Glaz, *JASA* 90 (1995) 366–369, §2), with ν(0) = 0 and ν(τ) = 1 for τ ≥ n as R's
///   MultinomialCI and statsmodels do. R and statsmodels scan τ = 0, 1, 2, … (n steps at worst);
///   here ν, which increases with τ, is bracketed from the normal width
///   τ₀ = Φ⁻¹(1 − α/(2k))·max √(xᵢ(1 − xᵢ/n)) by doubling or halving and the crossing found by
///   bisection on the integers: O(log n) evaluations of ν, the same τ as the scan.
///   Sison–Glaz needs whole respondents: each count is rounded to the nearest integer (halves
///   away from zero; 28.999999999999996 becomes 29) and n, the shares and the bounds are those of
///   the rounded counts. Goodman accepts fractional counts as they are.
public struct MultinomialInterval: Equatable, Sendable {
    /// The method used.
    public let method: MultinomialIntervalMethod
    /// Lower bounds, one per category (proportions).
    public let lower: [Double]
    /// Upper bounds, one per category (proportions).
    public let upper: [Double]

    /// The intervals for shares (proportions) of one poll of n respondents, with counts
    /// ``Counts/counts(shares:of:)`` (x = p·n, snapped to an integer within 1e-9 of one).
    ///
    /// - Throws: ``PollCompareError/invalidSampleSize(name:value:)`` for an n that is not
    ///   positive and finite, ``PollCompareError/shareOutOfRange(name:value:)`` for a share
    ///   outside [0, 1] or NaN, and as ``init(counts:confidence:method:)``.
    /// - Complexity: as ``init(counts:confidence:method:)``.
    public init(
        shares: [Double], sampleSize n: Double, confidence: ConfidenceLevel = .ninetyFive,
        method: MultinomialIntervalMethod
    ) throws(PollCompareError) {
        try Shares.validateSampleSize(n, name: "sample size")
        for (i, share) in shares.enumerated() where !(share >= 0 && share <= 1) {
            throw .shareOutOfRange(name: "share \(i + 1)", value: share)
        }
        try self.init(counts: Counts.counts(shares: shares, of: n), confidence: confidence, method: method)
    }

    /// The intervals for `counts`.
    ///
    /// - Throws: ``PollCompareError/invalidCategories(_:)`` for fewer than two categories,
    ///   negative or non-finite counts, a zero total (for Sison–Glaz: after rounding), or
    ///   (Sison–Glaz) a coverage approximation that is not a number.
    /// - Complexity: O(k) for Goodman; for Sison–Glaz O(log n) evaluations of ν, each O(k)
    ///   incomplete-gamma evaluations and a moment sum over at most 20 001 support points.
    public init(
        counts: [Double], confidence: ConfidenceLevel = .ninetyFive,
        method: MultinomialIntervalMethod
    ) throws(PollCompareError) {
        guard counts.count >= 2 else { throw .invalidCategories("a multinomial interval needs at least 2 categories") }
        guard counts.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
            throw .invalidCategories("category counts must be non-negative numbers")
        }
        let n = counts.reduce(0, +)
        guard n > 0 else { throw .invalidCategories("category counts sum to 0") }
        self.method = method
        switch method {
        case .goodman:
            let k = Double(counts.count)
            let c = ChiSquared.inverseSurvival(confidence.alpha / k, degreesOfFreedom: 1)
            var lo = [Double](), hi = [Double]()
            for x in counts {
                let root = (c * c + 4 * x * c * (1 - x / n)).squareRoot()
                lo.append((2 * x + c - root) / (2 * (n + c)))
                hi.append((2 * x + c + root) / (2 * (n + c)))
            }
            lower = lo
            upper = hi
        case .sisonGlaz:
            let whole = counts.map { $0.rounded() }
            let total = whole.reduce(0, +)
            guard total > 0 else { throw .invalidCategories("category counts round to 0 respondents") }
            (lower, upper) = try Self.sisonGlaz(counts: whole, n: total, confidence: confidence)
        }
    }

    private static func sisonGlaz(
        counts: [Double], n: Double, confidence: ConfidenceLevel
    ) throws(PollCompareError) -> ([Double], [Double]) {
        let total = n
        let level = confidence.level
        // Conventions of the reference implementation (R MultinomialCI, followed by statsmodels):
        // the degenerate box τ = 0 has coverage 0, and once τ ≥ n the box holds the whole
        // support, coverage 1 (the Edgeworth approximation can level off below 1 − α there).
        func nu(_ tau: Double) -> Double {
            tau <= 0 ? 0 : (tau >= total ? 1 : coverage(counts: counts, total: total, tau: tau))
        }
        // ν(low) ≤ level < ν(high), ν increasing: bracket from the normal width, then bisect.
        let k = Double(counts.count)
        let zk = Normal.inverseSurvival(confidence.alpha / (2 * k))
        let spread = counts.map { ($0 * (1 - $0 / total)).squareRoot() }.max() ?? 0
        var guess = Swift.min(total, Swift.max(1, (zk * spread).rounded(.down)))
        if !guess.isFinite { guess = 1 }
        var low = 0.0, high = total
        if nu(guess) <= level {
            low = guess
            var step = Swift.max(1, guess)
            while low + step < total, nu(low + step) <= level {
                low += step
                step *= 2
            }
            high = Swift.min(total, low + step)
        } else {
            high = guess
            var candidate = (guess / 2).rounded(.down)
            while candidate > 0, nu(candidate) > level {
                high = candidate
                candidate = (candidate / 2).rounded(.down)
            }
            low = candidate
        }
        while high - low > 1 {
            let mid = (0.5 * (low + high)).rounded(.down)
            if nu(mid) <= level { low = mid } else { high = mid }
        }
        let tau = low
        let current = nu(tau)
        let next = nu(tau + 1)
        guard current.isFinite, next.isFinite, current <= level, level < next else {
            throw .invalidCategories("Sison–Glaz: no width reaches the coverage; use goodman")
        }
        let gamma = (level - current) / (next - current)
        let lower = counts.map { Swift.max(0, $0 / n - tau / n) }
        let upper = counts.map { Swift.min(1, $0 / n + (tau + 2 * gamma) / n) }
        return (lower, upper)
    }

    /// P(a ≤ Y ≤ b) for Y ~ Poisson(λ) and integers a ≤ b (a may be below 0).
    static func poissonProbability(_ a: Double, _ b: Double, _ lambda: Double) -> Double {
        guard b >= 0, b >= a else { return 0 }
        // P(Y ≤ m) = Q(m + 1, λ), the regularized upper incomplete gamma function.
        let upperCDF = lambda == 0 ? 1 : IncompleteGamma.tails(s: b + 1, x: lambda).upper
        let lowerCDF = a <= 0 ? 0 : (lambda == 0 ? 1 : IncompleteGamma.tails(s: a, x: lambda).upper)
        return upperCDF - lowerCDF
    }

    /// Mean and central moments 2–4 of Y ~ Poisson(λ) truncated to [a, b].
    ///
    /// Supports of at most 20 001 values: summed over the support from the probability mass
    /// (formed as in ``IncompleteGamma``) and centred in a second pass, so no moment is formed as
    /// a difference of large raw moments (the factorial-moment route loses up to five digits of
    /// the fourth moment at λ ≈ 600, and everything at λ ≈ 10⁸).
    ///
    /// Wider supports (large n) in O(1): the sums Sₖ = Σ_{y=a}^{b} (y − λ)ᵏ·p(y) about λ follow
    /// from y·p(y) = λ·p(y − 1) (summation by parts, the Stein identity of the Poisson law):
    /// Sₖ = λ·[Σ_{j=0}^{k−2} C(k − 1, j)·Sⱼ + (a − λ)^{k−1}p(a − 1) − (b + 1 − λ)^{k−1}p(b)],
    /// S₀ = P(a ≤ Y ≤ b); then the moments about the truncated mean μ = λ + S₁/S₀ by the binomial
    /// shift. Every term has the size of the result, so nothing cancels.
    static func truncatedPoissonMoments(
        lambda: Double, from a: Double, to b: Double, box: Double
    )
        -> (mean: Double, variance: Double, third: Double, fourth: Double)
    {
        if lambda == 0 { return (0, 0, 0, 0) }
        if b - a <= 20_000 {
            var weights: [Double] = []
            var total = 0.0, first = 0.0
            var y = a
            while y <= b {
                // λ·P(Y = y) = λʸ⁺¹e⁻ᵏ/Γ(y + 1), through the cancellation-free prefactor of the
                // incomplete gamma function; the common factor λ cancels in every ratio below.
                let w = exp(IncompleteGamma.logPowerTerm(s: y + 1, x: lambda))
                weights.append(w)
                total += w
                first += w * y
                y += 1
            }
            let mean = first / total
            var m2 = 0.0, m3 = 0.0, m4 = 0.0
            for (i, w) in weights.enumerated() {
                let d = a + Double(i) - mean
                let d2 = d * d
                m2 += w * d2
                m3 += w * d2 * d
                m4 += w * d2 * d2
            }
            return (mean, m2 / total, m3 / total, m4 / total)
        }
        // p(y) = λʸe^{−λ}/y! = exp(logPowerTerm(y + 1, λ))/λ, 0 below 0.
        func mass(_ y: Double) -> Double {
            y < 0 ? 0 : exp(IncompleteGamma.logPowerTerm(s: y + 1, x: lambda)) / lambda
        }
        let pBelow = mass(a - 1), pTop = mass(b)
        let u = a - lambda, v = b + 1 - lambda
        // Moments about λ, divided by S₀ = box.
        let s1 = lambda * (pBelow - pTop) / box
        let s2 = lambda * (1 + (u * pBelow - v * pTop) / box)
        let s3 = lambda * (1 + 2 * s1 + (u * u * pBelow - v * v * pTop) / box)
        let s4 = lambda * (1 + 3 * s1 + 3 * s2 + (u * u * u * pBelow - v * v * v * pTop) / box)
        let d = s1
        let mu2 = s2 - d * d
        let mu3 = s3 - 3 * d * s2 + 2 * d * d * d
        let mu4 = s4 - 4 * d * s3 + 6 * d * d * s2 - 3 * d * d * d * d
        return (lambda + d, mu2, mu3, mu4)
    }

    /// ν(τ): the approximate multinomial probability of the box [xᵢ − τ, xᵢ + τ] ∩ [0, n].
    static func coverage(counts: [Double], total n: Double, tau: Double) -> Double {
        var logProduct = 0.0
        var mean = 0.0, variance = 0.0, third = 0.0, fourth = 0.0
        for x in counts {
            let a = Swift.max(x - tau, 0), b = Swift.min(x + tau, n)
            let box = poissonProbability(a, b, x)
            logProduct += log(box)
            let m = truncatedPoissonMoments(lambda: x, from: a, to: b, box: box)
            mean += m.mean
            variance += m.variance
            third += m.third
            fourth += m.fourth - 3 * m.variance * m.variance
        }
        let g1 = third / pow(variance, 1.5)
        let g2 = fourth / (variance * variance)
        let t = (n - mean) / variance.squareRoot()
        let t2 = t * t
        let h3 = t * t2 - 3 * t
        let h4 = t2 * t2 - 6 * t2 + 3
        let h6 = t2 * t2 * t2 - 15 * t2 * t2 + 45 * t2 - 15
        let edgeworth =
            Normal.density(t) * (1 + g1 * h3 / 6 + g2 * h4 / 24 + g1 * g1 * h6 / 72)
            / variance.squareRoot()
        // 1/P(Poisson(n) = n) = n!/(nⁿe⁻ⁿ); ln P = ln[nⁿ⁺¹e⁻ⁿ/Γ(n + 1)] − ln n, the first term in
        // its cancellation-free form (n·ln n − n − ln Γ(n + 1) would lose n·ε).
        let logPoissonMode = IncompleteGamma.logPowerTerm(s: n + 1, x: n) - log(n)
        return exp(logProduct + log(edgeworth) - logPoissonMode)
    }
}
