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

    /// Combines two leads from independent polls.
    public init(before: LeadEstimate, after: LeadEstimate, confidence: ConfidenceLevel = .ninetyFive) {
        self.before = before
        self.after = after
        self.confidence = confidence
        self.correlation = 0
    }

    /// Combines two leads whose estimates are correlated (a panel).
    ///
    /// - Throws: ``PollCompareError/invalidCorrelation(_:)`` unless −1 ≤ ρ ≤ 1.
    public init(before: LeadEstimate, after: LeadEstimate, correlation: Double,
                confidence: ConfidenceLevel = .ninetyFive) throws(PollCompareError) {
        guard correlation >= -1 && correlation <= 1 else { throw .invalidCorrelation(correlation) }
        self.before = before
        self.after = after
        self.confidence = confidence
        self.correlation = correlation
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

    /// The margin of error z·SE, or nil without sample sizes.
    public var marginOfError: Double? {
        standardError.map { confidence.z * $0 }
    }

    /// The interval swing ± z·SE, or nil without sample sizes.
    public var interval: (lower: Double, upper: Double)? {
        guard let moe = marginOfError else { return nil }
        return (swing - moe, swing + moe)
    }

    /// The test statistic z = swing/SE, or nil without sample sizes.
    public var zStatistic: Double? {
        standardError.map { swing / $0 }
    }

    /// The two-sided p-value 2·(1 − Φ(|z|)), or nil without sample sizes.
    public var pValue: Double? {
        zStatistic.map { 2 * Normal.survival(abs($0)) }
    }

    /// The break-even n: the smallest equal sample size n per poll at which this swing would be
    /// significant at the chosen level, i.e. the smallest integer n with |swing| ≥ z·√(v/n),
    /// n = ⌈z²·v/swing²⌉, v = v₁ + v₂ − 2ρ√(v₁v₂) with vᵢ each lead's
    /// ``LeadEstimate/unitVariance`` (design effects are not included: n is a simple random
    /// sample's). Nil for a zero swing (never significant).
    ///
    /// For the founding example (no published n) this is ⌈1.95996²·1.6167/0.35²⌉ = 51.
    /// - Complexity: O(1).
    public var breakEvenSampleSize: Double? {
        let s = swing
        guard s != 0 else { return nil }
        let z = confidence.z
        let v1 = before.unitVariance, v2 = after.unitVariance
        let v = correlation == 0 ? v1 + v2 : Swift.max(0, v1 + v2 - 2 * correlation * (v1 * v2).squareRoot())
        let needed = z * z * v / (s * s)
        return max(1, needed.rounded(.up))
    }
}
