import PollNumerics

/// One candidate's change between two independent polls: change = p₂ − p₁ (proportions), the
/// later poll second.
///
/// Formulas (z = Φ⁻¹(1 − α/2), pᵢ = xᵢ/nᵢ, d = p₂ − p₁):
/// - Wald: d ± z√(p₁q₁/n₁ + p₂q₂/n₂); test z = d/√(same).
/// - Agresti–Caffo: p̃ᵢ = (xᵢ + 1)/(nᵢ + 2), d̃ = p̃₂ − p̃₁, d̃ ± z√(Σ p̃ᵢq̃ᵢ/(nᵢ + 2)); test on d̃.
/// - Newcombe: with Wilson limits (lᵢ, uᵢ): [d − √((p₂ − l₂)² + (u₁ − p₁)²),
///   d + √((u₂ − p₂)² + (p₁ − l₁)²)]; score test.
/// - Score (Miettinen–Nurminen): {δ : |d − δ| ≤ z√V(δ)} with
///   V(δ) = [p̂₁(1 − p̂₁)/n₁ + p̂₂(1 − p̂₂)/n₂]·N/(N − 1), N = n₁ + n₂, where (p̂₁, p̂₂) maximise the
///   two-binomial likelihood subject to p̂₂ − p̂₁ = δ (found by bisection on the concave profile
///   score, so no closed-form cubic can pick a wrong root; statsmodels issue #10269 reports such a
///   slip in its restricted MLE). Score test: z = d/√V(0).
/// Two-sided p-value: 2·(1 − Φ(|z|)).
public struct ShareChange: Equatable, Sendable {
    /// Count in the earlier poll (x₁ = p₁·n₁, may be fractional).
    public let countBefore: Double
    /// Sample size of the earlier poll.
    public let sampleSizeBefore: Double
    /// Count in the later poll.
    public let countAfter: Double
    /// Sample size of the later poll.
    public let sampleSizeAfter: Double

    /// From counts.
    ///
    /// - Throws: ``PollCompareError`` for a non-positive n or a count outside [0, n].
    public init(
        countBefore: Double, sampleSizeBefore: Double, countAfter: Double, sampleSizeAfter: Double
    ) throws(PollCompareError) {
        try Shares.validateSampleSize(sampleSizeBefore, name: "sample size before")
        try Shares.validateSampleSize(sampleSizeAfter, name: "sample size after")
        guard countBefore >= 0 && countBefore <= sampleSizeBefore else {
            throw .countOutOfRange(name: "count before", value: countBefore, n: sampleSizeBefore)
        }
        guard countAfter >= 0 && countAfter <= sampleSizeAfter else {
            throw .countOutOfRange(name: "count after", value: countAfter, n: sampleSizeAfter)
        }
        self.countBefore = countBefore
        self.sampleSizeBefore = sampleSizeBefore
        self.countAfter = countAfter
        self.sampleSizeAfter = sampleSizeAfter
    }

    /// From shares (proportions) and (effective) sample sizes: x = ``Counts/count(share:of:)``
    /// (p·n, snapped to an integer within 1e-9 of one).
    ///
    /// - Throws: ``PollCompareError`` for a share outside [0, 1] or NaN, or a sample size that
    ///   is not positive and finite.
    public init(
        shareBefore: Double, sampleSizeBefore: Double, shareAfter: Double, sampleSizeAfter: Double
    ) throws(PollCompareError) {
        // Two polls: each share is checked on its own (their sum may exceed 1).
        try Shares.validate([("share before", shareBefore)])
        try Shares.validate([("share after", shareAfter)])
        try Shares.validateSampleSize(sampleSizeBefore, name: "sample size before")
        try Shares.validateSampleSize(sampleSizeAfter, name: "sample size after")
        try self.init(
            countBefore: Counts.count(share: shareBefore, of: sampleSizeBefore), sampleSizeBefore: sampleSizeBefore,
            countAfter: Counts.count(share: shareAfter, of: sampleSizeAfter), sampleSizeAfter: sampleSizeAfter)
    }

    /// p₁ = x₁/n₁.
    public var shareBefore: Double { countBefore / sampleSizeBefore }
    /// p₂ = x₂/n₂.
    public var shareAfter: Double { countAfter / sampleSizeAfter }

    /// d = p₂ − p₁.
    public var change: Double { shareAfter - shareBefore }

    /// The interval and test by `method`; `nonSamplingVariance` τ² (proportion², ``TotalError``)
    /// is added to each poll's variance of the Wald interval, d ± z√(p₁q₁/n₁ + τ² + p₂q₂/n₂ + τ²)
    /// (the other methods take none: 0 for them).
    ///
    /// - Precondition: `nonSamplingVariance` is 0 unless `method` is `.wald`.
    /// - Complexity: O(1), except `.score`: two root searches over δ, each evaluating a
    ///   bisected restricted MLE (about 10⁴ elementary operations in all).
    public func interval(
        method: ChangeIntervalMethod, confidence: ConfidenceLevel = .ninetyFive,
        nonSamplingVariance: Double = 0
    ) -> ChangeInterval {
        precondition(
            nonSamplingVariance == 0 || method == .wald, "a non-sampling variance applies to the Wald interval")
        let z = confidence.z
        let (x1, n1, x2, n2) = (countBefore, sampleSizeBefore, countAfter, sampleSizeAfter)
        let p1 = shareBefore, p2 = shareAfter
        let d = p2 - p1
        switch method {
        case .wald:
            let se = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2 + 2 * nonSamplingVariance).squareRoot()
            return ChangeInterval(
                method: method, change: d, lower: d - z * se, upper: d + z * se,
                statistic: d / se)
        case .agrestiCaffo:
            let t1 = (x1 + 1) / (n1 + 2), t2 = (x2 + 1) / (n2 + 2)
            let dt = t2 - t1
            let se = (t1 * (1 - t1) / (n1 + 2) + t2 * (1 - t2) / (n2 + 2)).squareRoot()
            return ChangeInterval(
                method: method, change: d, lower: dt - z * se, upper: dt + z * se,
                statistic: dt / se)
        case .newcombe:
            let (l1, u1) = ShareInterval.wilson(p: p1, n: n1, z: z)
            let (l2, u2) = ShareInterval.wilson(p: p2, n: n2, z: z)
            let below = ((p2 - l2) * (p2 - l2) + (u1 - p1) * (u1 - p1)).squareRoot()
            let above = ((u2 - p2) * (u2 - p2) + (p1 - l1) * (p1 - l1)).squareRoot()
            return ChangeInterval(
                method: method, change: d, lower: d - below, upper: d + above,
                statistic: scoreStatistic(delta: 0))
        case .score:
            let (lower, upper) = scoreInterval(z: z)
            return ChangeInterval(
                method: method, change: d, lower: lower, upper: upper,
                statistic: scoreStatistic(delta: 0))
        }
    }

    /// The restricted MLE (p̂₁, p̂₂) with p̂₂ − p̂₁ = δ.
    ///
    /// The profile log-likelihood in t = p̂₁ is concave on (max(0, −δ), min(1, 1 − δ)), so the zero
    /// of its derivative is found by bisection (120 halvings: the bracket shrinks below one unit
    /// in the last place).
    /// - Precondition: −1 ≤ δ ≤ 1.
    /// - Complexity: O(1) (120 derivative evaluations).
    public func restrictedMaximumLikelihood(delta: Double) -> (before: Double, after: Double) {
        precondition(delta >= -1 && delta <= 1, "delta must be in [-1, 1]")
        let (x1, n1, x2, n2) = (countBefore, sampleSizeBefore, countAfter, sampleSizeAfter)
        // d/dt of x₁ln t + (n₁ − x₁)ln(1 − t) + x₂ln(t + δ) + (n₂ − x₂)ln(1 − t − δ).
        func score(_ t: Double) -> Double {
            let u = t + delta
            var s = 0.0
            if x1 > 0 { s += x1 / t }
            if n1 - x1 > 0 { s -= (n1 - x1) / (1 - t) }
            if x2 > 0 { s += x2 / u }
            if n2 - x2 > 0 { s -= (n2 - x2) / (1 - u) }
            return s
        }
        let lowest = Swift.max(0, -delta), highest = Swift.min(1, 1 - delta)
        var lo = lowest, hi = highest
        for _ in 0..<120 {
            let mid = 0.5 * (lo + hi)
            if mid <= lo || mid >= hi { break }
            let s = score(mid)
            if s > 0 { lo = mid } else if s < 0 { hi = mid } else { lo = mid; hi = mid; break }
        }
        // A score of one sign throughout puts the maximum on the boundary itself (e.g. no
        // successes in either poll and δ = 0 gives p̂₁ = p̂₂ = 0).
        let t = lo == lowest ? lowest : (hi == highest ? highest : 0.5 * (lo + hi))
        return (t, t + delta)
    }

    /// V(δ): the restricted-MLE variance of d with the Miettinen–Nurminen factor N/(N − 1).
    func scoreVariance(delta: Double) -> Double {
        let (r1, r2) = restrictedMaximumLikelihood(delta: delta)
        let total = sampleSizeBefore + sampleSizeAfter
        return (r1 * (1 - r1) / sampleSizeBefore + r2 * (1 - r2) / sampleSizeAfter) * total / (total - 1)
    }

    /// The score statistic (d − δ)/√V(δ).
    func scoreStatistic(delta: Double) -> Double {
        (change - delta) / scoreVariance(delta: delta).squareRoot()
    }

    /// Inverts the score test on each side of d with Brent's method.
    private func scoreInterval(z: Double) -> (Double, Double) {
        let d = change
        // A finite stand-in for ±∞ where V(δ) = 0 (δ = ±1), so the root finder can interpolate.
        func statistic(_ delta: Double) -> Double {
            let v = scoreVariance(delta: delta)
            guard v > 0 else { return d == delta ? 0 : (d > delta ? 1e300 : -1e300) }
            return (d - delta) / v.squareRoot()
        }
        let lower = d <= -1 ? -1 : (RootFinding.brent(-1, d) { statistic($0) - z } ?? -1)
        let upper = d >= 1 ? 1 : (RootFinding.brent(d, 1) { statistic($0) + z } ?? 1)
        return (lower, upper)
    }
}

/// An interval and test for a change p₂ − p₁ (proportions).
public struct ChangeInterval: Equatable, Sendable {
    /// The method used.
    public let method: ChangeIntervalMethod
    /// d = p₂ − p₁ (always the plain estimate).
    public let change: Double
    /// Lower bound (proportion).
    public let lower: Double
    /// Upper bound (proportion).
    public let upper: Double
    /// The test statistic of the paired test (see ``ChangeIntervalMethod``).
    public let statistic: Double

    /// The two-sided p-value 2·(1 − Φ(|z|)).
    public var pValue: Double { 2 * Normal.survival(abs(statistic)) }
}
