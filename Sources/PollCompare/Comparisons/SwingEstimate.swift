import PollNumerics

/// The swing between two independent polls: the change in lead, swing = d_after − d_before
/// (proportions), with its standard error, interval, test and break-even sample size.
///
/// For independent polls Var(swing) = Var(d_before) + Var(d_after) with each lead's variance
/// (p_A + p_B − d²)/n (see ``LeadEstimate``). For a panel (the same respondents asked twice)
/// with correlation ρ between the two leads, Var(swing) = V₁ + V₂ − 2ρ√(V₁V₂) (the variance of a
/// difference of correlated estimates; Kish 1965, §12.4). The Butler swing is swing/2, the two-party
/// convention of UK reporting (Butler & Stokes, *Political Change in Britain*, 1969).
///
/// Example (the 2024 Teamsters member polls): 44.3/36.3 at n = 800 then 31/58 at n = 1000 gives
/// d_before = 0.080, d_after = −0.270, swing = −0.350, SE = √(0.0009995 + 0.0008171) ≈ 0.0426.
public struct SwingEstimate: Equatable, Sendable {
    /// The earlier poll's lead.
    public let before: LeadEstimate
    /// The later poll's lead.
    public let after: LeadEstimate
    /// The confidence level for the interval and the break-even n.
    public let confidence: ConfidenceLevel
    /// The correlation ρ between the two leads (0 for independent polls).
    public let correlation: Double
    /// Two-sided, or a one-sided bound and p-value (see ``Alternative``).
    public let alternative: Alternative

    /// Combines two leads, from independent polls (ρ = 0) or correlated ones (a panel).
    ///
    /// - Throws: ``PollCompareError/invalidCorrelation(_:)`` unless −1 ≤ ρ ≤ 1;
    ///   ``PollCompareError/invalidConfidence(_:)`` for a one-sided level of 50% or less.
    public init(
        before: LeadEstimate, after: LeadEstimate, correlation: Double = 0,
        confidence: ConfidenceLevel = .ninetyFive, alternative: Alternative = .twoSided
    ) throws(PollCompareError) {
        guard correlation >= -1 && correlation <= 1 else { throw .invalidCorrelation(correlation) }
        _ = try alternative.intervalLevel(confidence)
        self.before = before
        self.after = after
        self.confidence = confidence
        self.correlation = correlation
        self.alternative = alternative
    }

    /// What the interval rests on: the weaker of the two polls' bases.
    public var basis: IntervalBasis { IntervalBasis.weaker(before.basis, after.basis) }

    /// swing = d_after − d_before.
    public var swing: Double { after.lead - before.lead }

    /// The Butler swing, swing/2.
    public var butlerSwing: Double { swing / 2 }

    /// √(V₁ + V₂ − 2ρ√(V₁V₂)), or nil unless both leads allow an interval.
    public var standardError: Double? {
        guard let v1 = before.variance, let v2 = after.variance else { return nil }
        guard correlation != 0 else { return (v1 + v2).squareRoot() }
        return Swift.max(0, v1 + v2 - 2 * correlation * (v1 * v2).squareRoot()).squareRoot()
    }

    /// The critical value of the interval: z at the level for two-sided, Φ⁻¹(1 − α) for one-sided.
    private var criticalValue: Double {
        alternative == .twoSided ? confidence.z : confidence.oneSidedZ
    }

    /// The margin of error: z·SE (z at 1 − α for a one-sided bound), or nil without sample sizes.
    public var marginOfError: Double? {
        standardError.map { criticalValue * $0 }
    }

    /// The interval swing ± z·SE (one end at ±2, the edge of a swing's range, for a one-sided
    /// alternative), or nil without sample sizes.
    public var interval: (lower: Double, upper: Double)? {
        guard let moe = marginOfError else { return nil }
        return alternative.bounds(lower: swing - moe, upper: swing + moe, range: -2...2)
    }

    /// The test statistic z = swing/SE, or nil without sample sizes (or when SE = 0 and the
    /// swing is 0).
    public var zStatistic: Double? {
        guard let se = standardError else { return nil }
        let s = swing
        return se == 0 && s == 0 ? nil : s / se
    }

    /// The p-value of ``alternative`` (two-sided 2·(1 − Φ(|z|))), or nil without sample sizes;
    /// 1 for a zero swing with no sampling error.
    public var pValue: Double? {
        guard standardError != nil else { return nil }
        return zStatistic.map { alternative.pValue(statistic: $0) } ?? 1
    }

    /// The break-even n: the smallest equal number of respondents per poll at which this swing
    /// would be significant at the chosen level, |swing| ≥ z·√(v₁/n_eff₁ + v₂/n_eff₂ −
    /// 2ρ√(…)) with vᵢ each lead's ``LeadEstimate/unitVariance`` and n_effᵢ = n/(deffᵢ·fᵢ) from
    /// each poll's design effect and population (a simple random sample for a poll without a
    /// design). Found by ``SampleSizePlanning/smallestSampleSize(_:target:correlation:z:)``.
    ///
    /// For the founding example (no published n) this is ⌈1.95996²·1.6167/0.35²⌉ = 51.
    /// - Returns: a count of respondents per poll; nil as for
    ///   ``LeadEstimate/breakEvenSampleSize(confidence:alternative:)``.
    /// - Complexity: O(log n).
    public var breakEvenSampleSize: Int? {
        breakEvenBound.flatMap { Int(exactly: $0) }
    }

    /// ``breakEvenSampleSize`` as the kernel gives it, a whole number held as a Double so that
    /// report columns can show counts past `Int.max` too.
    var breakEvenBound: Double? {
        let s = swing
        guard s != 0 else { return nil }
        return SampleSizePlanning.smallestSampleSize(
            [before.planningTerm, after.planningTerm], target: abs(s),
            correlation: correlation, z: criticalValue)
    }
}
