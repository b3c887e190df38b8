/// Planning a poll: its headline margin of error and the sample size a target margin needs.
///
/// With V the variance for a sample of one and deff the design effect:
/// - margin of error E = z·√(V·deff/n) (times √((N − n)/(N − 1)) with a population N);
/// - the n for a target E is n₀ = ⌈z²·V·deff/E²⌉, and with a population N the corrected
///   n = ⌈n₀/(1 + (n₀ − 1)/N)⌉ (Cochran, *Sampling Techniques*, 3rd ed., 1977, eq. 4.2).
/// V is p(1 − p) for a share (p = ½ gives the pollster's headline margin), p_A + p_B − d² for a
/// lead (``LeadEstimate``), and the sum of the two leads' V for a swing with equal n per poll.
public enum SampleSizePlanning {
    /// What a target margin applies to.
    public enum Quantity: String, CaseIterable, Sendable {
        case share, lead, swing
    }

    /// The variance for a sample of one: p(1 − p) for a share (p = `shareA`),
    /// p_A + p_B − (p_A − p_B)² for a lead, twice that for a swing between two polls with the
    /// same shares.
    ///
    /// - Complexity: O(1).
    public static func unitVariance(_ quantity: Quantity, shareA: Double, shareB: Double) -> Double {
        switch quantity {
        case .share:
            return shareA * (1 - shareA)
        case .lead, .swing:
            let d = shareA - shareB
            let v = shareA + shareB - d * d
            return quantity == .lead ? v : 2 * v
        }
    }

    /// The margin of error z·√(V·deff/n)·√fpc for `quantity` at sample size n.
    ///
    /// - Parameters:
    ///   - sampleSize: n > 0 (per poll for a swing).
    ///   - designEffect: deff > 0.
    ///   - populationSize: N ≥ n, or nil.
    /// - Throws: ``PollCompareError`` for bad n, deff, N or shares.
    /// - Complexity: O(1).
    public static func marginOfError(_ quantity: Quantity = .share, sampleSize: Double, shareA: Double = 0.5,
                                     shareB: Double = 0.5, designEffect: Double = 1, populationSize: Double? = nil,
                                     confidence: ConfidenceLevel = .ninetyFive) throws(PollCompareError) -> Double {
        try validateShares(quantity, shareA, shareB)
        let design = try SampleDesign(sampleSize: sampleSize, designEffect: designEffect, populationSize: populationSize)
        let v = unitVariance(quantity, shareA: shareA, shareB: shareB)
        return confidence.z * (v / design.effectiveSampleSize).squareRoot()
    }

    /// The smallest n (per poll for a swing) whose margin of error is at most `margin`.
    ///
    /// - Parameter margin: the target E, a proportion in (0, 1).
    /// - Returns: n₀ = ⌈z²·V·deff/E²⌉, corrected for a finite population when N is given.
    /// - Throws: ``PollCompareError`` for a margin outside (0, 1), bad deff, N or shares.
    /// - Complexity: O(1).
    public static func sampleSize(_ quantity: Quantity = .share, margin: Double, shareA: Double = 0.5,
                                  shareB: Double = 0.5, designEffect: Double = 1, populationSize: Double? = nil,
                                  confidence: ConfidenceLevel = .ninetyFive) throws(PollCompareError) -> Double {
        guard margin > 0 && margin < 1 else { throw .invalidMargin(margin) }
        guard designEffect > 0 && designEffect.isFinite else { throw .invalidDesignEffect(designEffect) }
        try validateShares(quantity, shareA, shareB)
        let z = confidence.z
        let v = unitVariance(quantity, shareA: shareA, shareB: shareB)
        let n0 = Swift.max(1, (z * z * v * designEffect / (margin * margin)).rounded(.up))
        guard let population = populationSize else { return n0 }
        guard population >= 1, population.isFinite else {
            throw .invalidPopulationSize(population, sampleSize: 1)
        }
        return Swift.min(population, (n0 / (1 + (n0 - 1) / population)).rounded(.up))
    }

    private static func validateShares(_ quantity: Quantity, _ a: Double, _ b: Double) throws(PollCompareError) {
        if quantity == .share {
            try Shares.validate([("share", a)])
        } else {
            try Shares.validate([("share of A", a), ("share of B", b)])
        }
    }
}
