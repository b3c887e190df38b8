#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PollNumerics

/// Simultaneous intervals for all k shares of one poll: with probability at least the confidence
/// level every category's share lies in its interval at once.
public enum MultinomialIntervalMethod: String, CaseIterable, Sendable {
    /// Goodman (1965): Wilson-type score intervals with the Bonferroni χ²₁ quantile at 1 − α/k.
    case goodman
    /// Sison & Glaz (1995): one common width from an Edgeworth approximation of the multinomial
    /// probability of a box; tighter than Goodman when k is large.
    case sisonGlaz = "sison-glaz"

    /// One line on what the method is for.
    public var summary: String {
        switch self {
        case .goodman: return "Bonferroni-adjusted score intervals for every category at once"
        case .sisonGlaz: return "common-width simultaneous intervals; tighter for many categories"
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
///   (Sison & Glaz, *JASA* 90 (1995) 366–369, §2), searching from τ = 0 with ν(0) = 0 and
///   ν(τ) = 1 for τ ≥ n as R's MultinomialCI and statsmodels do. Counts are rounded down to whole
///   respondents for the Poisson probabilities.
public struct MultinomialInterval: Equatable, Sendable {
    /// The method used.
    public let method: MultinomialIntervalMethod
    /// Lower bounds, one per category (proportions).
    public let lower: [Double]
    /// Upper bounds, one per category (proportions).
    public let upper: [Double]

    /// The intervals for `counts`.
    ///
    /// - Throws: ``PollCompareError/invalidCategories(_:)`` for fewer than two categories,
    ///   negative or non-finite counts, a zero total, or (Sison–Glaz) no τ ≤ n satisfying the
    ///   coverage condition.
    /// - Complexity: O(k) for Goodman; O(k·τ) incomplete-gamma evaluations for Sison–Glaz.
    public init(counts: [Double], confidence: ConfidenceLevel, method: MultinomialIntervalMethod) throws(PollCompareError) {
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
            (lower, upper) = try Self.sisonGlaz(counts: counts.map { $0.rounded(.down) }, n: n,
                                                level: confidence.level)
        }
    }

    private static func sisonGlaz(counts: [Double], n: Double, level: Double) throws(PollCompareError) -> ([Double], [Double]) {
        let total = counts.reduce(0, +)
        // Conventions of the reference implementation (R MultinomialCI, followed by statsmodels):
        // the degenerate box τ = 0 has coverage 0, and once τ ≥ n the box holds the whole
        // support, coverage 1 (the Edgeworth approximation can level off below 1 − α there).
        func nu(_ tau: Double) -> Double {
            tau >= total ? 1 : coverage(counts: counts, total: total, tau: tau)
        }
        var tau = 0.0
        var current = 0.0
        var next = nu(1)
        while !(current <= level && level < next) {
            guard tau <= total else {
                throw .invalidCategories("Sison–Glaz: no width reaches the coverage; use goodman")
            }
            tau += 1
            current = next
            next = nu(tau + 1)
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
    /// Summed over the support from the probability mass (formed as in ``IncompleteGamma``) and centred
    /// in a second pass, so no moment is formed as a difference of large raw moments (the
    /// factorial-moment route loses up to five digits of the fourth moment at λ ≈ 600). Supports
    /// wider than 20 000 values use the factorial moments λʳ·P(a − r ≤ Y ≤ b − r)/P(a ≤ Y ≤ b).
    static func truncatedPoissonMoments(lambda: Double, from a: Double, to b: Double, box: Double)
        -> (mean: Double, variance: Double, third: Double, fourth: Double) {
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
        func factorial(_ r: Double) -> Double {
            pow(lambda, r) * poissonProbability(a - r, b - r, lambda) / box
        }
        let m1 = factorial(1), m2 = factorial(2), m3 = factorial(3), m4 = factorial(4)
        let mu = m1
        let mu2 = m2 + mu - mu * mu
        let mu3 = m3 + m2 * (3 - 3 * mu) + mu - 3 * mu * mu + 2 * mu * mu * mu
        let mu4 = m4 + m3 * (6 - 4 * mu) + m2 * (7 - 12 * mu + 6 * mu * mu)
            + mu - 4 * mu * mu + 6 * mu * mu * mu - 3 * mu * mu * mu * mu
        return (mu, mu2, mu3, mu4)
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
        let edgeworth = Normal.density(t) * (1 + g1 * h3 / 6 + g2 * h4 / 24 + g1 * g1 * h6 / 72)
            / variance.squareRoot()
        // 1/P(Poisson(n) = n) = n!/(nⁿe⁻ⁿ); ln P = ln[nⁿ⁺¹e⁻ⁿ/Γ(n + 1)] − ln n, the first term in
        // its cancellation-free form (n·ln n − n − ln Γ(n + 1) would lose n·ε).
        let logPoissonMode = IncompleteGamma.logPowerTerm(s: n + 1, x: n) - log(n)
        return exp(logProduct + log(edgeworth) - logPoissonMode)
    }
}
