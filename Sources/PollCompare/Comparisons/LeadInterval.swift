import PollNumerics

/// An interval for a lead d = p_A − p_B, with its test and the probability that A leads.
///
/// - Wald: SE = √((p_A + p_B − d²)/n), interval d ± z·SE, z = d/SE, P(A leads) = Φ(d/SE).
/// - Adjusted Wald: p̃ = (x + 1)/(n + 2) per candidate, d̃ = p̃_A − p̃_B,
///   SE = √((p̃_A + p̃_B − d̃²)/(n + 2)), interval d̃ ± z·SE, z = d̃/SE, P(A leads) = Φ(d̃/SE).
/// - Bayes: draws of (θ_A, θ_B, θ_other) ~ Dirichlet(x_A + 1, x_B + 1, n − x_A − x_B + 1)
///   (``Samplers/dirichlet(alpha:count:_:)``, seeded), lead draws θ_A − θ_B by one BLAS `axpy` over
///   the columns, interval = their α/2 and 1 − α/2 quantiles (linear interpolation between order
///   statistics, numpy's default), SE = their standard deviation; P(A leads) is the exact posterior
///   value 1 − I_{1/2}(x_A + 1, x_B + 1). No z or p-value.
///
/// Two-sided p-value: 2·(1 − Φ(|z|)). When SE = 0 (all or nothing for both), z, p and P are NaN.
public struct LeadInterval: Equatable, Sendable {
    /// Default posterior draws for `.bayes`.
    public static let defaultDraws = 100_000
    /// Default seed for `.bayes` (the Teamsters release date); reported in outputs.
    public static let defaultSeed: UInt64 = 20_240_918

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

    /// The margin of error: half the interval's width.
    public var marginOfError: Double { (upper - lower) / 2 }

    init(shareA: Double, shareB: Double, effectiveSampleSize n: Double, method: LeadIntervalMethod,
         confidence: ConfidenceLevel, draws: Int, seed: UInt64) {
        self.method = method
        let z = confidence.z
        switch method {
        case .wald, .adjustedWald:
            let (a, b, m) = method == .wald ? (shareA, shareB, n) : ((shareA * n + 1) / (n + 2), (shareB * n + 1) / (n + 2), n + 2)
            let d = a - b
            let se = ((a + b - d * d) / m).squareRoot()
            center = d
            standardError = se
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
        case .bayes:
            let xA = shareA * n, xB = shareB * n
            let other = Swift.max(0, n - xA - xB)
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
            self.seed = seed
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
