import PollNumerics

/// The lead of candidate A over candidate B within one poll, d = p_A − p_B (proportions).
///
/// Under multinomial sampling Cov(p_A, p_B) = −p_A·p_B/n, so
/// Var(d) = (p_A + p_B − d²)/n (Franklin, "The 'Margin of Error' for Differences in Polls",
/// 2007; Scott & Seber, *The American Statistician* 37 (1983) 319–320), with n the effective
/// sample size of the ``SampleDesign``. Adding the two shares' margins in quadrature ignores the
/// negative covariance and understates the variance; doubling one share's margin overstates it
/// unless the two candidates hold everything between them.
///
/// Without a design (sample size not published) the lead is still given, intervals are not,
/// and ``breakEvenSampleSize(confidence:alternative:)`` says at what n the lead would be significant. For
/// straw and opt-in designs no interval is given unless the design assumes random sampling.
public struct LeadEstimate: Equatable, Sendable {
    /// Share of candidate A, a proportion in [0, 1].
    public let shareA: Double
    /// Share of candidate B, a proportion in [0, 1].
    public let shareB: Double
    /// The sample design, or nil when the sample size was not published.
    public let design: SampleDesign?
    /// The design effect known without a sample size (for the break-even n only); the design's
    /// own when there is a design.
    public let designEffect: Double
    /// The population size N known without a sample size (for the break-even n only).
    public let populationSize: Double?
    /// How respondents were selected, known without a sample size (the design's with one).
    public let sampleType: SampleType
    /// Non-sampling variance τ² (proportion²) added to the lead's variance (``TotalError``); 0
    /// for a margin of sampling error alone. Set by ``adding(_:)``.
    public private(set) var nonSamplingVariance: Double = 0

    /// Creates the estimate after validating the shares.
    ///
    /// - Parameters:
    ///   - shareA: candidate A's share, a proportion in [0, 1].
    ///   - shareB: candidate B's share, a proportion in [0, 1].
    ///   - design: the sample design, or nil when the sample size was not published.
    ///   - designEffect: without a design, a design effect that is known all the same (a
    ///     pollster's usual weighting): the break-even n then includes it. Ignored with a design.
    ///   - populationSize: without a design, the population size N for the break-even n.
    ///   - sampleType: without a design, how respondents were selected: a straw or opt-in poll's
    ///     basis is then `not-a-random-sample` rather than `unknown-sample-size`.
    /// - Throws: ``PollCompareError`` for shares outside [0, 1] or summing above
    ///   1 + ``Shares/roundingSlack``, a design effect that is not positive, or N ≤ 1.
    public init(
        shareA: Double, shareB: Double, design: SampleDesign?, designEffect: Double = 1,
        populationSize: Double? = nil, sampleType: SampleType = .probability
    ) throws(PollCompareError) {
        try Shares.validate([("share of A", shareA), ("share of B", shareB)])
        guard designEffect > 0 && designEffect.isFinite else { throw .invalidDesignEffect(designEffect) }
        if let population = populationSize, !(population > 1 && population.isFinite) {
            throw .invalidPopulationSize(population, sampleSize: 1)
        }
        self.shareA = shareA
        self.shareB = shareB
        self.design = design
        self.designEffect = design?.designEffect ?? designEffect
        self.populationSize = design == nil ? populationSize : design?.populationSize
        self.sampleType = design?.sampleType ?? sampleType
    }

    /// A poll described by its published figures: the sample size when there is one, and how
    /// respondents were selected.
    ///
    /// With a `sampleSize` this is the design ``SampleDesign/init(sampleSize:designEffect:populationSize:sampleType:assumesRandomSample:)``;
    /// without one (not published) the lead is still given, intervals are not, and `designEffect`
    /// and `populationSize` enter the break-even n. A straw poll whose size nobody knows:
    ///
    /// ```swift
    /// let townHalls = try LeadEstimate(shareA: 0.31, shareB: 0.58, sampleType: .straw)
    /// townHalls.basis // .notRandomSample
    /// ```
    ///
    /// - Parameters:
    ///   - shareA: candidate A's share, a proportion in [0, 1].
    ///   - shareB: candidate B's share, a proportion in [0, 1].
    ///   - sampleSize: n > 0, or nil (the default) when it was not published.
    ///   - designEffect: deff > 0 (default 1).
    ///   - populationSize: N, or nil for an unlimited population.
    ///   - sampleType: how respondents were selected (default `.probability`).
    /// - Throws: as ``init(shareA:shareB:design:designEffect:populationSize:sampleType:)``, and for
    ///   a sample size that is not positive or a population smaller than it.
    public init(
        shareA: Double, shareB: Double, sampleSize: Double? = nil, designEffect: Double = 1,
        populationSize: Double? = nil, sampleType: SampleType = .probability
    ) throws(PollCompareError) {
        let design = try sampleSize.map { n throws(PollCompareError) in
            try SampleDesign(
                sampleSize: n, designEffect: designEffect, populationSize: populationSize,
                sampleType: sampleType)
        }
        // With a design its own deff, N and sample type are used (and were checked by it).
        try self.init(
            shareA: shareA, shareB: shareB, design: design, designEffect: design == nil ? designEffect : 1,
            populationSize: design == nil ? populationSize : nil, sampleType: sampleType)
    }

    /// This estimate with τ² of `totalError` in its variance (replacing any added before): its
    /// interval becomes d ± z·√(s² + τ²) (Wald only) and its basis `total-error` where a sampling
    /// interval would be given. A τ of 0 leaves the estimate as it is.
    ///
    /// - Complexity: O(1).
    public func adding(_ totalError: TotalError?) -> LeadEstimate {
        var copy = self
        copy.nonSamplingVariance = totalError?.variance ?? 0
        return copy
    }

    /// The sample size, if known.
    public var sampleSize: Double? { design?.sampleSize }

    /// The effective sample size n_eff used in variances, if known.
    public var effectiveSampleSize: Double? { design?.effectiveSampleSize }

    /// What an interval for this lead rests on: the design's basis; without a design,
    /// `not-a-random-sample` for a straw or opt-in poll (what the sample is comes before what was
    /// published) and `unknown-sample-size` otherwise.
    public var basis: IntervalBasis {
        if let design {
            return nonSamplingVariance > 0 && design.basis == .sampling ? .totalError : design.basis
        }
        return sampleType.isProbabilitySample ? .unknownSampleSize : .notRandomSample
    }

    /// The lead d = p_A − p_B.
    public var lead: Double { shareA - shareB }

    /// n·Var(d) = p_A + p_B − d², the variance of the lead for a sample of one.
    ///
    /// - Complexity: O(1).
    public var unitVariance: Double { Self.unitVariance(shareA: shareA, shareB: shareB) }

    /// n·Var(p_A − p_B) = p_A + p_B − (p_A − p_B)² for shares of one multinomial sample: the one
    /// place this formula is written (Franklin 2007; Scott & Seber 1983).
    ///
    /// - Complexity: O(1).
    public static func unitVariance(shareA: Double, shareB: Double) -> Double {
        let d = shareA - shareB
        return shareA + shareB - d * d
    }

    /// Var(d) = (p_A + p_B − d²)/n_eff (+ τ² with ``adding(_:)``), or nil when no interval may
    /// be given (see ``basis``).
    public var variance: Double? {
        guard basis.allowsInterval, let n = effectiveSampleSize else { return nil }
        return unitVariance / n + nonSamplingVariance
    }

    /// The standard error √Var(d), or nil (see ``variance``).
    public var standardError: Double? {
        variance.map { $0.squareRoot() }
    }

    /// This poll's term in a margin-of-error kernel: its unit variance with its design effect
    /// and population (deff 1 and no population without a design).
    public var planningTerm: SampleSizePlanning.Term {
        SampleSizePlanning.Term(unitVariance: unitVariance, designEffect: designEffect, populationSize: populationSize)
    }

    /// The break-even n: the smallest number of respondents at which this lead would be
    /// significant at `confidence`, |d| ≥ z·√(v·deff·f/n) with v = p_A + p_B − d², this poll's
    /// design effect and finite population factor f = (N − n)/(N − 1) (without a design, a
    /// simple random sample: n = ⌈z²v/d²⌉). Found by
    /// ``SampleSizePlanning/smallestSampleSize(_:target:correlation:z:)``, the kernel
    /// `pollcmp moe` uses.
    ///
    /// With a one-sided `alternative` the critical value is Φ⁻¹(1 − α).
    /// - Returns: a count of respondents; nil for a zero lead (never significant), when no
    ///   population of the design is large enough, or beyond `Int.max` respondents (a lead of
    ///   about 10⁻⁹ or less).
    /// - Complexity: O(log n).
    public func breakEvenSampleSize(
        confidence: ConfidenceLevel = .ninetyFive,
        alternative: Alternative = .twoSided
    ) -> Int? {
        breakEvenBound(confidence: confidence, alternative: alternative).flatMap { Int(exactly: $0) }
    }

    /// ``breakEvenSampleSize(confidence:alternative:)`` as the kernel gives it, a whole number
    /// held as a Double so that report columns can show counts past `Int.max` too.
    func breakEvenBound(confidence: ConfidenceLevel, alternative: Alternative = .twoSided) -> Double? {
        let d = lead
        guard d != 0 else { return nil }
        let z = alternative == .twoSided ? confidence.z : confidence.oneSidedZ
        return SampleSizePlanning.smallestSampleSize([planningTerm], target: abs(d), z: z)
    }

    /// The posterior probability that A leads, P(θ_A > θ_B), under a uniform Dirichlet(1, 1, 1)
    /// prior on (A, B, everyone else) with counts x = p·n_eff. Since θ_A/(θ_A + θ_B) ~
    /// Beta(x_A + 1, x_B + 1), it is exactly 1 − I_{1/2}(x_A + 1, x_B + 1), which the seeded
    /// Dirichlet Monte Carlo of ``interval(method:confidence:alternative:draws:seed:)`` estimates.
    /// Nil when no interval may be given.
    ///
    /// - Complexity: one incomplete-beta evaluation.
    public var posteriorProbabilityALeads: Double? {
        guard basis.allowsInterval, let n = effectiveSampleSize, n.isFinite else { return nil }
        return IncompleteBeta.complement(
            x: 0.5, a: Counts.count(share: shareA, of: n) + 1,
            b: Counts.count(share: shareB, of: n) + 1)
    }

    /// The interval for the lead by `method` (nil when no interval may be given). For a census
    /// (n = N: no sampling error) the interval is the lead itself.
    ///
    /// - Parameters:
    ///   - method: ``LeadIntervalMethod``.
    ///   - confidence: level and z.
    ///   - alternative: two-sided, or a one-sided bound and p-value (see ``Alternative``).
    ///   - draws: posterior draws for `.bayes` (default 100 000), raised to
    ///     ``LeadInterval/requiredDraws(confidence:)`` when the level needs more.
    ///   - seed: random seed for `.bayes` (default ``LeadInterval/defaultSeed``).
    /// - Throws: ``PollCompareError/invalidConfidence(_:)`` for a one-sided level of 50% or less;
    ///   ``PollCompareError/tooFewDraws(requested:needed:confidence:)`` when the level needs more
    ///   than ``LeadInterval/maximumDraws``.
    /// - Complexity: O(1) for Wald methods; O(draws·log draws) for `.bayes`.
    public func interval(
        method: LeadIntervalMethod = .wald, confidence: ConfidenceLevel = .ninetyFive,
        alternative: Alternative = .twoSided, draws: Int = LeadInterval.defaultDraws,
        seed: UInt64 = LeadInterval.defaultSeed
    ) throws(PollCompareError) -> LeadInterval? {
        guard basis.allowsInterval, let n = effectiveSampleSize else { return nil }
        if nonSamplingVariance > 0 && method != .wald {
            throw .invalidReportOption(
                "--tse adds a variance to the Wald interval; --method \(method.rawValue) cannot take it")
        }
        guard n.isFinite || nonSamplingVariance > 0 else { return LeadInterval(census: shareA, shareB, method: method) }
        let level = try alternative.intervalLevel(confidence)
        // Monte Carlo: enough draws beyond each bound, raised automatically or refused.
        let used = method == .bayes ? try LeadInterval.draws(requested: draws, confidence: level) : draws
        let twoSided = LeadInterval(
            shareA: shareA, shareB: shareB, effectiveSampleSize: n, method: method,
            confidence: level, draws: used, seed: seed, nonSamplingVariance: nonSamplingVariance)
        return LeadInterval(twoSided, alternative: alternative)
    }
}
