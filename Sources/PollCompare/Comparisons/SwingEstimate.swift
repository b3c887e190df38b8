import PollNumerics

/// The swing between two independent polls: the change in lead, swing = d_after − d_before
/// (proportions), with its standard error, interval, test and break-even sample size.
///
/// For independent polls Var(swing) = Var(d_before) + Var(d_after) with each lead's variance
/// (p_A + p_B − d²)/n (see ``LeadEstimate``). The Butler swing is swing/2, the two-party
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

    /// Combines two leads.
    public init(before: LeadEstimate, after: LeadEstimate, confidence: ConfidenceLevel = .ninetyFive) {
        self.before = before
        self.after = after
        self.confidence = confidence
    }

    /// swing = d_after − d_before.
    public var swing: Double { after.lead - before.lead }

    /// The Butler swing, swing/2.
    public var butlerSwing: Double { swing / 2 }

    /// √(Var(d_before) + Var(d_after)), or nil unless both sample sizes are known.
    public var standardError: Double? {
        guard let v1 = before.variance, let v2 = after.variance else { return nil }
        return (v1 + v2).squareRoot()
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
    /// significant at the chosen level, i.e. the smallest integer n with
    /// |swing| ≥ z·√((v_before + v_after)/n), n = ⌈z²(v_before + v_after)/swing²⌉, where v is each
    /// lead's ``LeadEstimate/unitVariance``. Nil for a zero swing (never significant).
    ///
    /// For the founding example (no published n) this is ⌈1.95996²·1.6167/0.35²⌉ = 51.
    /// - Complexity: O(1).
    public var breakEvenSampleSize: Double? {
        let s = swing
        guard s != 0 else { return nil }
        let z = confidence.z
        let needed = z * z * (before.unitVariance + after.unitVariance) / (s * s)
        return max(1, needed.rounded(.up))
    }
}
