#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PollNumerics

/// A confidence interval for one share (a proportion), from x successes in n trials.
///
/// Formulas (α = 1 − conf, z = Φ⁻¹(1 − α/2), p = x/n, q = 1 − p):
/// - Wald: p ± z√(pq/n), clipped to [0, 1].
/// - Wilson: [p + z²/2n ± z√(pq/n + z²/4n²)]/(1 + z²/n), clipped to [0, 1].
/// - Wilson with continuity correction (Newcombe 1998, method 4):
///   L = [2np + z² − 1 − z√(z² − 2 − 1/n + 4p(nq + 1))]/(2(n + z²)),
///   U = [2np + z² + 1 + z√(z² + 2 − 1/n + 4p(nq − 1))]/(2(n + z²)); L = 0 at p = 0, U = 1 at
///   p = 1; clipped to [0, 1].
/// - Agresti–Coull: ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z√(p̃(1 − p̃)/ñ), clipped to [0, 1].
/// - Clopper–Pearson: [B⁻¹(α/2; x, n − x + 1), B⁻¹(1 − α/2; x + 1, n − x)], 0 at x = 0, 1 at x = n.
/// - Jeffreys: the α/2 and 1 − α/2 quantiles of Beta(x + ½, n − x + ½).
/// - Mid-p: L solves ½[I_L(x, n − x + 1) + I_L(x + 1, n − x)] = α/2 and U solves
///   ½[(1 − I_U(x + 1, n − x)) + (1 − I_U(x, n − x + 1))] = α/2 (the binomial tails with half the
///   probability of the observed count, continued to real x by the incomplete beta function);
///   U = 1 − α^{1/n} at x = 0, L = α^{1/n} at x = n.
/// - Likelihood ratio: {p : 2n·KL(p̂ ‖ p) ≤ χ²₁(1 − α) = z²}, KL the binomial Kullback–Leibler
///   divergence; at x = 0 the upper bound is 1 − exp(−z²/2n).
///
/// Counts may be fractional (x = p·n_eff for a weighted poll), as in statsmodels and R.
public struct ShareInterval: Equatable, Sendable {
    /// The method used.
    public let method: ShareIntervalMethod
    /// Lower bound (proportion).
    public let lower: Double
    /// Upper bound (proportion).
    public let upper: Double

    /// The interval for `count` successes out of `trials`.
    ///
    /// - Parameters:
    ///   - count: x, 0 ≤ x ≤ n (may be fractional).
    ///   - trials: n > 0 (may be fractional, e.g. an effective sample size).
    ///   - confidence: the level and its z.
    ///   - method: the interval method.
    /// - Throws: ``PollCompareError`` for n ≤ 0 or x outside [0, n].
    /// - Complexity: O(1) for the closed forms; a few incomplete-beta evaluations for
    ///   Clopper–Pearson and Jeffreys; a root search (≤ 100 evaluations) for mid-p and
    ///   likelihood ratio.
    public init(count: Double, trials: Double, confidence: ConfidenceLevel,
                method: ShareIntervalMethod) throws(PollCompareError) {
        try Shares.validateSampleSize(trials, name: "sample size")
        guard count >= 0 && count <= trials else {
            throw .countOutOfRange(name: "count", value: count, n: trials)
        }
        self.method = method
        (lower, upper) = Self.bounds(count: count, share: count / trials, trials: trials,
                                     confidence: confidence, method: method)
    }

    /// The interval for a share p of an (effective) sample of n: the count is x = p·n.
    ///
    /// - Throws: ``PollCompareError`` for n ≤ 0 or p outside [0, 1].
    /// - Complexity: as ``init(count:trials:confidence:method:)``.
    public init(share: Double, trials: Double, confidence: ConfidenceLevel,
                method: ShareIntervalMethod) throws(PollCompareError) {
        try Shares.validateSampleSize(trials, name: "sample size")
        try Shares.validate([("share", share)])
        self.method = method
        (lower, upper) = Self.bounds(count: share * trials, share: share, trials: trials,
                                     confidence: confidence, method: method)
    }

    /// The bounds without validation; p = x/n is passed in so that callers starting from a share
    /// and from a count each keep their exact input.
    static func bounds(count x: Double, share p: Double, trials n: Double, confidence: ConfidenceLevel,
                       method: ShareIntervalMethod) -> (Double, Double) {
        let z = confidence.z
        let alpha = confidence.alpha
        let q = 1 - p
        switch method {
        case .wald:
            let margin = z * (p * q / n).squareRoot()
            return clipped(p - margin, p + margin)
        case .wilson:
            return wilson(p: p, n: n, z: z)
        case .wilsonCC:
            let z2 = z * z
            let denominator = 2 * (n + z2)
            var lower = 0.0, upper = 1.0
            if p > 0 {
                let root = (z2 - 2 - 1 / n + 4 * p * (n * q + 1)).squareRoot()
                lower = (2 * n * p + z2 - 1 - z * root) / denominator
            }
            if p < 1 {
                let root = (z2 + 2 - 1 / n + 4 * p * (n * q - 1)).squareRoot()
                upper = (2 * n * p + z2 + 1 + z * root) / denominator
            }
            return clipped(lower, upper)
        case .agrestiCoull:
            let z2 = z * z
            let nTilde = n + z2
            let pTilde = (x + z2 / 2) / nTilde
            let margin = z * (pTilde * (1 - pTilde) / nTilde).squareRoot()
            return clipped(pTilde - margin, pTilde + margin)
        case .clopperPearson:
            let lower = x == 0 ? 0 : IncompleteBeta.inverse(p: alpha / 2, a: x, b: n - x + 1)
            let upper = x == n ? 1 : IncompleteBeta.inverseComplement(q: alpha / 2, a: x + 1, b: n - x)
            return (lower, upper)
        case .jeffreys:
            let a = x + 0.5, b = n - x + 0.5
            return (IncompleteBeta.inverse(p: alpha / 2, a: a, b: b),
                    IncompleteBeta.inverseComplement(q: alpha / 2, a: a, b: b))
        case .midP:
            return midP(x: x, n: n, alpha: alpha)
        case .likelihoodRatio:
            return likelihoodRatio(x: x, n: n, z: z)
        }
    }

    /// Wilson's score interval, the form statsmodels uses, clipped to [0, 1], exact at p = 0 and 1.
    @inline(__always)
    static func wilson(p: Double, n: Double, z: Double) -> (Double, Double) {
        // With t = z²/n: centre (p + t/2)/(1 + t), margin z·√(pq/n + t/4n)/(1 + t); two
        // divisions per interval, so the column loop stays cheap.
        let inverseN = 1 / n
        let t = z * z * inverseN
        let scale = 1 / (1 + t)
        let center = (p + 0.5 * t) * scale
        let margin = z * (p * (1 - p) * inverseN + 0.25 * t * inverseN).squareRoot() * scale
        // At p = 0 (p = 1) the lower (upper) bound is exactly 0 (1); the formula leaves a rounding
        // residue of order 1e-17 there.
        return (p == 0 ? 0 : Swift.max(0, center - margin), p == 1 ? 1 : Swift.min(1, center + margin))
    }

    @inline(__always)
    static func clipped(_ lower: Double, _ upper: Double) -> (Double, Double) {
        (Swift.max(0, lower), Swift.min(1, upper))
    }

    private static func midP(x: Double, n: Double, alpha: Double) -> (Double, Double) {
        let target = alpha / 2
        var lower = 0.0, upper = 1.0
        if x == n {
            lower = exp(log(alpha) / n)
        } else if x > 0 {
            // ½[P(X ≥ x) + P(X ≥ x + 1)] at p = L, increasing in L.
            lower = RootFinding.brent(0, x / n) { t in
                0.5 * (IncompleteBeta.regularized(x: t, a: x, b: n - x + 1)
                    + IncompleteBeta.regularized(x: t, a: x + 1, b: n - x)) - target
            } ?? .nan
        }
        if x == 0 {
            upper = -expm1(log(alpha) / n)
        } else if x < n {
            // ½[P(X ≤ x) + P(X ≤ x − 1)] at p = U, decreasing in U.
            upper = RootFinding.brent(x / n, 1) { t in
                0.5 * (IncompleteBeta.complement(x: t, a: x + 1, b: n - x)
                    + IncompleteBeta.complement(x: t, a: x, b: n - x + 1)) - target
            } ?? .nan
        }
        return (lower, upper)
    }

    private static func likelihoodRatio(x: Double, n: Double, z: Double) -> (Double, Double) {
        let c = z * z
        let pHat = x / n
        // 2n·KL(p̂ ‖ t) − c, with KL = p̂·φ(u) + q̂·φ(v), u = (t − p̂)/p̂, v = (p̂ − t)/q̂,
        // φ(u) = u − ln(1 + u): no cancellation near t = p̂ even at n = 1e9.
        func statistic(_ t: Double) -> Double {
            var kl = 0.0
            if pHat > 0 { kl += pHat * LogTerms.uMinusLog1p((t - pHat) / pHat) }
            if pHat < 1 { kl += (1 - pHat) * LogTerms.uMinusLog1p((pHat - t) / (1 - pHat)) }
            return 2 * n * kl - c
        }
        let lower = x == 0 ? 0 : (x == n ? exp(-c / (2 * n)) : RootFinding.brent(0, pHat, statistic) ?? .nan)
        let upper = x == n ? 1 : (x == 0 ? -expm1(-c / (2 * n)) : RootFinding.brent(pHat, 1, statistic) ?? .nan)
        return (lower, upper)
    }
}
