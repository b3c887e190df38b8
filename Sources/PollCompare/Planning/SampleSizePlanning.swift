/// Planning a poll: its headline margin of error and the sample size a target margin needs.
///
/// One kernel gives every margin: for polls i with unit variance vᵢ (the variance for a sample
/// of one), design effect deffᵢ and population Nᵢ, at n respondents each,
/// n_effᵢ = n/(deffᵢ·fᵢ) with fᵢ = (Nᵢ − n)/(Nᵢ − 1) (1 without Nᵢ; Cochran, *Sampling
/// Techniques*, 3rd ed., 1977, §2.6), and the margin is E(n) = z·√(Σ vᵢ/n_effᵢ) (minus
/// 2ρ√(v₁/n_eff₁ · v₂/n_eff₂) for two correlated estimates). v is p(1 − p) for a share (p = ½
/// gives the pollster's headline margin), p_A + p_B − d² for a lead (``LeadEstimate``), and one
/// such term per poll for a swing.
///
/// The sample size for a target margin is the smallest integer n with E(n) ≤ target, found by
/// bisection on that same kernel (E decreases in n), so `pollcmp moe` at the returned n meets
/// the target and at n − 1 does not; the closed form ⌈z²·Σvᵢ·deffᵢ/E²⌉ is only its upper bound
/// (exact without a population; with one, Cochran's eq. 4.2 correction n₀/(1 + (n₀ − 1)/N)
/// can be one too high after rounding).
public enum SampleSizePlanning {
    /// What a target margin applies to.
    public enum Quantity: String, CaseIterable, Sendable {
        case share, lead, swing
    }

    /// One poll's part of a margin: its unit variance, design effect and population.
    public struct Term: Equatable, Sendable {
        /// The variance for a sample of one (proportions²).
        public var unitVariance: Double
        /// The design effect, deff > 0.
        public var designEffect: Double
        /// The population size N, or nil for an unlimited population.
        public var populationSize: Double?

        /// A term from its parts.
        public init(unitVariance: Double, designEffect: Double = 1, populationSize: Double? = nil) {
            self.unitVariance = unitVariance
            self.designEffect = designEffect
            self.populationSize = populationSize
        }

        /// v/n_eff at n respondents, n_eff = n/(deff·f) as ``SampleDesign/effectiveSampleSize``.
        func variance(at n: Double) -> Double {
            let f = SampleDesign.finitePopulationFactor(sampleSize: n, populationSize: populationSize)
            return unitVariance / (n / (designEffect * f))
        }
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
            let v = LeadEstimate.unitVariance(shareA: shareA, shareB: shareB)
            return quantity == .lead ? v : 2 * v
        }
    }

    /// The kernel: E(n) = z·√(Σ vᵢ/n_effᵢ − 2ρ·√(v₁/n_eff₁·v₂/n_eff₂)) at n respondents per poll
    /// (the correlation term only for two terms and ρ ≠ 0).
    ///
    /// - Complexity: O(terms).
    public static func margin(_ terms: [Term], sampleSize n: Double, correlation: Double = 0, z: Double) -> Double {
        let parts = terms.map { $0.variance(at: n) }
        var total = parts.reduce(0, +)
        if correlation != 0, parts.count == 2 {
            total = Swift.max(0, total - 2 * correlation * (parts[0] * parts[1]).squareRoot())
        }
        return z * total.squareRoot()
    }

    /// The smallest integer n (per poll) with ``margin(_:sampleSize:correlation:z:)`` ≤ `target`,
    /// or nil when none exists (a population caps n and its margin there is still too wide, or
    /// the target is not positive).
    ///
    /// Bisection on the integers between 1 and the closed-form bound ⌈z²·Σvᵢ·deffᵢ/E²⌉ (capped at
    /// the smallest population); beyond 2⁵³ the bound itself is returned, since the integers are
    /// no longer all representable.
    /// - Complexity: O(log n) kernel evaluations.
    public static func smallestSampleSize(
        _ terms: [Term], target: Double, correlation: Double = 0,
        z: Double
    ) -> Double? {
        guard target > 0, target.isFinite, z.isFinite else { return nil }
        func meets(_ n: Double) -> Bool { margin(terms, sampleSize: n, correlation: correlation, z: z) <= target }
        let weighted = terms.reduce(0) { $0 + $1.unitVariance * $1.designEffect }
        var bound = Swift.max(1, (z * z * weighted / (target * target)).rounded(.up))
        // Without a population or correlation the closed form is the answer but for rounding:
        // two kernel evaluations confirm it (the bisection below settles the rare exceptions).
        if correlation == 0, terms.allSatisfy({ $0.populationSize == nil }), bound <= 9_007_199_254_740_992,
            meets(bound), bound == 1 || !meets(bound - 1)
        {
            return bound
        }
        if correlation < 0 { bound *= 2 } // −2ρ√(v₁v₂) adds at most the sum itself
        guard bound.isFinite else { return nil }
        // n cannot exceed the smallest population.
        let cap = terms.compactMap(\.populationSize).min().map { $0.rounded(.down) } ?? .infinity
        bound = Swift.min(bound, cap)
        guard bound >= 1 else { return nil }
        if bound > 9_007_199_254_740_992 { return bound }
        // The closed form can fall a rounding short of the kernel: widen it a little.
        var widened = 0
        while !meets(bound) {
            guard widened < 4, bound < cap else { return nil }
            bound = Swift.min(bound + 1 + bound * 1e-12, cap).rounded(.up)
            widened += 1
        }
        var low = 0.0, high = bound // meets(high); low fails (or is 0)
        while high - low > 1 {
            let mid = (low + (high - low) / 2).rounded(.down)
            if meets(mid) { high = mid } else { low = mid }
        }
        return high
    }

    /// The margin of error z·√(V·deff/n)·√fpc for `quantity` at sample size n (per poll for a
    /// swing).
    ///
    /// - Parameters:
    ///   - quantity: a share, a lead or a swing (default a share).
    ///   - sampleSize: n > 0 (per poll for a swing).
    ///   - shareA: the share (for a share) or candidate A's share, a proportion (default ½).
    ///   - shareB: candidate B's share for a lead or swing, a proportion (default ½).
    ///   - designEffect: deff > 0.
    ///   - populationSize: N ≥ n, or nil.
    ///   - confidence: the level (default 95%).
    /// - Throws: ``PollCompareError`` for bad n, deff, N or shares.
    /// - Complexity: O(1).
    public static func marginOfError(
        _ quantity: Quantity = .share, sampleSize: Double, shareA: Double = 0.5,
        shareB: Double = 0.5, designEffect: Double = 1, populationSize: Double? = nil,
        confidence: ConfidenceLevel = .ninetyFive
    ) throws(PollCompareError) -> Double {
        try validateShares(quantity, shareA, shareB)
        _ = try SampleDesign(sampleSize: sampleSize, designEffect: designEffect, populationSize: populationSize)
        return margin(
            terms(quantity, shareA, shareB, designEffect, populationSize), sampleSize: sampleSize,
            z: confidence.z)
    }

    /// The smallest n (per poll for a swing) whose margin of error, by the kernel
    /// ``marginOfError(_:sampleSize:shareA:shareB:designEffect:populationSize:confidence:)``
    /// uses, is at most `margin`.
    ///
    /// - Parameters:
    ///   - quantity: a share, a lead or a swing (default a share).
    ///   - margin: the target E, a proportion in (0, 1).
    ///   - shareA: the share (for a share) or candidate A's share, a proportion (default ½).
    ///   - shareB: candidate B's share for a lead or swing, a proportion (default ½).
    ///   - designEffect: deff > 0 (default 1).
    ///   - populationSize: N, or nil for an unlimited population.
    ///   - confidence: the level (default 95%).
    /// - Returns: the sample size, a whole number.
    /// - Throws: ``PollCompareError`` for a margin outside (0, 1), bad deff, N or shares, or a
    ///   population too small for the margin.
    /// - Complexity: O(log n).
    public static func sampleSize(
        _ quantity: Quantity = .share, margin: Double, shareA: Double = 0.5,
        shareB: Double = 0.5, designEffect: Double = 1, populationSize: Double? = nil,
        confidence: ConfidenceLevel = .ninetyFive
    ) throws(PollCompareError) -> Double {
        guard margin > 0 && margin < 1 else { throw .invalidMargin(margin) }
        guard designEffect > 0 && designEffect.isFinite else { throw .invalidDesignEffect(designEffect) }
        try validateShares(quantity, shareA, shareB)
        if let population = populationSize {
            guard population > 1, population.isFinite else { throw .invalidPopulationSize(population, sampleSize: 1) }
        }
        guard
            let n = smallestSampleSize(
                terms(quantity, shareA, shareB, designEffect, populationSize),
                target: margin, z: confidence.z)
        else {
            throw .invalidPopulationSize(populationSize ?? .nan, sampleSize: .infinity)
        }
        return n
    }

    private static func terms(
        _ quantity: Quantity, _ a: Double, _ b: Double, _ deff: Double,
        _ population: Double?
    ) -> [Term] {
        let single = Term(
            unitVariance: unitVariance(quantity == .swing ? .lead : quantity, shareA: a, shareB: b),
            designEffect: deff, populationSize: population)
        return quantity == .swing ? [single, single] : [single]
    }

    private static func validateShares(_ quantity: Quantity, _ a: Double, _ b: Double) throws(PollCompareError) {
        if quantity == .share {
            try Shares.validate([("share", a)])
        } else {
            try Shares.validate([("share of A", a), ("share of B", b)])
        }
    }
}
