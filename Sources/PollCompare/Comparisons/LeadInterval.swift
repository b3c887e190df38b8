import PollNumerics

/// An interval for a lead d = p_A − p_B, with its test and the probability that A leads.
///
/// - Wald: SE = √((p_A + p_B − d²)/n), interval d ± z·SE, z = d/SE, P(A leads) = Φ(d/SE).
/// - Adjusted Wald: p̃ = (x + 1)/(n + 2) per candidate, d̃ = p̃_A − p̃_B,
///   SE = √((p̃_A + p̃_B − d̃²)/(n + 2)), interval d̃ ± z·SE, z = d̃/SE, P(A leads) = Φ(d̃/SE).
/// - Bayes: draws of (θ_A, θ_B, θ_other) ~ Dirichlet(x_A + 1, x_B + 1, n − x_A − x_B + 1)
///   (PollNumerics' `Samplers.dirichlet(alpha:count:_:)`, seeded), lead draws θ_A − θ_B by one BLAS `axpy` over
///   the columns, interval = their α/2 and 1 − α/2 quantiles (linear interpolation between order
///   statistics, numpy's default), SE = their standard deviation; P(A leads) is the exact posterior
///   value 1 − I_{1/2}(x_A + 1, x_B + 1). No z or p-value. Counts are x = ``Counts/count(share:of:)``.
///
/// Draws for `.bayes` (a decision, not a formula): an α/2 quantile of m draws is an order
/// statistic with about m·α/2 draws beyond it, and with a handful it is mostly noise
/// (at 99.9999% and 100 000 draws the "quantile" is the 5th smallest draw: −12.31 points where
/// the exact bound is −14.37). So at least ``tailDraws`` (50) draws must lie beyond each quantile:
/// m ≥ ⌈2·50/α⌉ (``requiredDraws(confidence:)``; 2 000 at 95%, 100 000 at 99.9%). Fewer requested
/// draws are raised to that number automatically when it is at most ``maximumDraws``
/// (2 000 000, about 64 MB of draws); beyond it the level cannot be resolved by Monte Carlo and
/// ``draws(requested:confidence:)`` throws ``PollCompareError/tooFewDraws(requested:needed:confidence:)``
/// (callers that cannot throw get NaN bounds rather than a wrong number). ``draws`` reports the
/// number used.
/// Two-sided p-value: 2·(1 − Φ(|z|)). When SE = 0 (all or nothing for both), z, p and P are NaN.
public struct LeadInterval: Equatable, Sendable {
    /// Default posterior draws for `.bayes`.
    public static let defaultDraws = 100_000
    /// Default seed for `.bayes` (the Teamsters release date); reported in outputs.
    public static let defaultSeed: UInt64 = 20_240_918
    /// Draws that must lie beyond each reported quantile of `.bayes`.
    public static let tailDraws = 50
    /// The most draws `.bayes` raises a request to on its own.
    public static let maximumDraws = 2_000_000

    /// The fewest draws that resolve the level: ⌈2·``tailDraws``/α⌉ (saturating at Int.max / 2).
    ///
    /// - Complexity: O(1).
    public static func requiredDraws(confidence: ConfidenceLevel) -> Int {
        // 100/α in binary can land a hair above the integer it means (100/0.0001 =
        // 1000000.0000000001): round up only what exceeds the quotient's rounding error.
        let quotient = 2 * Double(tailDraws) / confidence.alpha
        let needed = (quotient * (1 - 4 * Double.ulpOfOne)).rounded(.up)
        return needed < Double(Int.max / 2) ? Int(needed) : Int.max / 2
    }

    /// The draws `.bayes` uses for a request: the request itself when it resolves the level,
    /// else ``requiredDraws(confidence:)`` when that is at most ``maximumDraws``.
    ///
    /// - Parameters:
    ///   - requested: the draws asked for (values below 1 count as 0).
    ///   - confidence: the level.
    /// - Throws: ``PollCompareError/tooFewDraws(requested:needed:confidence:)`` when the level
    ///   needs more than both the request and ``maximumDraws``.
    /// - Complexity: O(1).
    public static func draws(requested: Int, confidence: ConfidenceLevel) throws(PollCompareError) -> Int {
        let needed = requiredDraws(confidence: confidence)
        if requested >= needed { return requested }
        guard needed <= maximumDraws else {
            throw .tooFewDraws(requested: Swift.max(0, requested), needed: needed, confidence: confidence.level)
        }
        return needed
    }

    /// The method used.
    public let method: LeadIntervalMethod
    /// The centre of the interval (d, or d̃ for adjusted Wald, or the posterior mean lead).
    public let center: Double
    /// The standard error of the lead (or the posterior standard deviation for `.bayes`).
    public let standardError: Double
    /// Lower bound (proportion).
    public let lower: Double
    /// Upper bound (proportion).
    public let upper: Double
    /// z = centre/SE, nil for `.bayes`.
    public let zStatistic: Double?
    /// Two-sided p-value, nil for `.bayes`.
    public let pValue: Double?
    /// P(A leads): normal approximation, or the exact posterior for `.bayes`.
    public let probabilityALeads: Double
    /// The seed used (`.bayes` only).
    public let seed: UInt64?
    /// The posterior draws used (`.bayes` only): the request, raised to
    /// ``requiredDraws(confidence:)`` when that was larger (see the type's documentation).
    public let draws: Int?

    /// The critical value of the Wald methods' interval (nil for `.bayes`).
    public let criticalValue: Double?

    /// The margin of error: z·SE for the Wald methods (the same bits as every other margin z·SE
    /// in PollCompare), half the interval's width for `.bayes`.
    public var marginOfError: Double { criticalValue.map { $0 * standardError } ?? (upper - lower) / 2 }

    /// The interval by `method`; `nonSamplingVariance` τ² (proportion², Wald only: see
    /// ``TotalError``) is added to the variance: se = √((p_A + p_B − d²)/n + τ²).
    init(
        shareA: Double, shareB: Double, effectiveSampleSize n: Double, method: LeadIntervalMethod,
        confidence: ConfidenceLevel, draws: Int, seed: UInt64, nonSamplingVariance: Double = 0
    ) {
        self.method = method
        let z = confidence.z
        switch method {
        case .wald, .adjustedWald:
            let (a, b, m) =
                method == .wald ? (shareA, shareB, n) : ((shareA * n + 1) / (n + 2), (shareB * n + 1) / (n + 2), n + 2)
            let d = a - b
            let se = (LeadEstimate.unitVariance(shareA: a, shareB: b) / m + nonSamplingVariance).squareRoot()
            center = d
            standardError = se
            criticalValue = z
            lower = d - z * se
            upper = d + z * se
            if se > 0 {
                let statistic = d / se
                zStatistic = statistic
                pValue = 2 * Normal.survival(abs(statistic))
                probabilityALeads = Normal.cdf(statistic)
            } else {
                zStatistic = .nan
                pValue = .nan
                probabilityALeads = .nan
            }
            self.seed = nil
            self.draws = nil
        case .bayes:
            criticalValue = nil
            let xA = Counts.count(share: shareA, of: n), xB = Counts.count(share: shareB, of: n)
            let other = Swift.max(0, n - xA - xB)
            self.seed = seed
            guard let draws = try? Self.draws(requested: draws, confidence: confidence) else {
                // The level cannot be resolved: no number rather than a wrong one.
                center = xA / n - xB / n
                standardError = .nan
                lower = .nan
                upper = .nan
                zStatistic = nil
                pValue = nil
                probabilityALeads = IncompleteBeta.complement(x: 0.5, a: xA + 1, b: xB + 1)
                self.draws = nil
                return
            }
            self.draws = draws
            var rng = Xoshiro256StarStar(seed: seed)
            let posterior = Samplers.dirichlet(alpha: [xA + 1, xB + 1, other + 1], count: draws, &rng)
            var leads = posterior.column(0).elements
            BLAS.axpy(-1, posterior.column(1).elements, &leads)
            let mean = leads.reduce(0, +) / Double(draws)
            let sumSquares = leads.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            leads.sort()
            center = mean
            standardError = (sumSquares / Double(Swift.max(1, draws - 1))).squareRoot()
            lower = Self.quantile(sorted: leads, confidence.alpha / 2)
            upper = Self.quantile(sorted: leads, 1 - confidence.alpha / 2)
            zStatistic = nil
            pValue = nil
            probabilityALeads = IncompleteBeta.complement(x: 0.5, a: xA + 1, b: xB + 1)
        }
    }

    /// The q-quantile of sorted values by linear interpolation between order statistics
    /// (Hyndman & Fan 1996, type 7; numpy's default).
    static func quantile(sorted values: [Double], _ q: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let h = Double(values.count - 1) * q
        let low = Int(h.rounded(.down))
        let high = Swift.min(low + 1, values.count - 1)
        return values[low] + (h - Double(low)) * (values[high] - values[low])
    }
}
