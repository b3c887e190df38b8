import PollNumerics

/// The sample behind one poll: its size, design effect, population and selection, and from them
/// the effective sample size every variance uses.
///
/// Formulas:
/// - Kish design effect from weights w₁…wₙ: deff = n·Σw²/(Σw)², effective n = (Σw)²/Σw² = n/deff
///   (Kish, *Survey Sampling*, 1965, §11.7; R `survey`'s `deff`, `pollster::deff_calc`).
/// - Finite population correction: every variance × (N − n)/(N − 1) (Cochran, *Sampling
///   Techniques*, 3rd ed., 1977, §2.6), applied here by dividing the effective n by that factor.
///
/// So the effective size is n_eff = n / (deff · f) with f = (N − n)/(N − 1) (f = 1 without N);
/// counts are x = p·n_eff, kept fractional (the beta-function methods accept real counts, as
/// statsmodels and R do).
public struct SampleDesign: Equatable, Sendable {
    /// The number of respondents, n.
    public let sampleSize: Double
    /// The design effect (1 for a simple random sample).
    public let designEffect: Double
    /// The population size N, when the finite population correction applies.
    public let populationSize: Double?
    /// How respondents were selected.
    public let sampleType: SampleType
    /// Whether the caller asked for intervals on a non-probability sample anyway.
    public let assumesRandomSample: Bool

    /// A design from its size and (optionally) a published design effect.
    ///
    /// - Parameters:
    ///   - sampleSize: n > 0.
    ///   - designEffect: deff > 0 (default 1).
    ///   - populationSize: N ≥ n, or nil for an unlimited population.
    ///   - sampleType: default `.probability`.
    ///   - assumesRandomSample: compute intervals for straw and opt-in polls anyway.
    /// - Throws: ``PollCompareError`` for a non-positive n or deff, or N < n.
    public init(
        sampleSize: Double, designEffect: Double = 1, populationSize: Double? = nil,
        sampleType: SampleType = .probability, assumesRandomSample: Bool = false
    ) throws(PollCompareError) {
        try Shares.validateSampleSize(sampleSize, name: "sample size")
        guard designEffect > 0 && designEffect.isFinite else { throw .invalidDesignEffect(designEffect) }
        if let population = populationSize {
            // N = n is a census (f = 0), even for N = 1; otherwise N − 1 must be positive.
            guard population.isFinite, population >= sampleSize, population > 1 || population == sampleSize else {
                throw .invalidPopulationSize(population, sampleSize: sampleSize)
            }
        }
        self.sampleSize = sampleSize
        self.designEffect = designEffect
        self.populationSize = populationSize
        self.sampleType = sampleType
        self.assumesRandomSample = assumesRandomSample
    }

    /// A design from a published effective sample size: deff = n/n_eff.
    ///
    /// - Throws: ``PollCompareError`` when n_eff is not in (0, ∞).
    public init(
        sampleSize: Double, effectiveSampleSize: Double, populationSize: Double? = nil,
        sampleType: SampleType = .probability, assumesRandomSample: Bool = false
    ) throws(PollCompareError) {
        try Shares.validateSampleSize(effectiveSampleSize, name: "effective sample size")
        try self.init(
            sampleSize: sampleSize, designEffect: sampleSize / effectiveSampleSize,
            populationSize: populationSize, sampleType: sampleType,
            assumesRandomSample: assumesRandomSample)
    }

    /// A design from respondent weights: n = number of weights, deff by Kish's formula.
    ///
    /// - Throws: ``PollCompareError/invalidWeights(_:)`` for an empty list, a negative, NaN or
    ///   infinite weight, or weights that sum to 0.
    /// - Complexity: O(n), two BLAS dot products.
    public init(
        weights: [Double], populationSize: Double? = nil, sampleType: SampleType = .probability,
        assumesRandomSample: Bool = false
    ) throws(PollCompareError) {
        let kish = try KishDesignEffect(weights: weights)
        try self.init(
            sampleSize: Double(weights.count), designEffect: kish.designEffect,
            populationSize: populationSize, sampleType: sampleType,
            assumesRandomSample: assumesRandomSample)
    }

    /// The variance factor of the finite population correction, (N − n)/(N − 1); 1 without N.
    public var finitePopulationFactor: Double {
        Self.finitePopulationFactor(sampleSize: sampleSize, populationSize: populationSize)
    }

    /// f = (N − n)/(N − 1), 1 without N, 0 for a census (N = n, even N = 1): the one place the
    /// correction is written.
    ///
    /// - Complexity: O(1).
    public static func finitePopulationFactor(sampleSize n: Double, populationSize: Double?) -> Double {
        guard let population = populationSize else { return 1 }
        guard population != n else { return 0 }
        return (population - n) / (population - 1)
    }

    /// n_eff = n/(deff·f): the sample size a simple random sample with the same variance would
    /// need. Infinite when the whole population was asked (f = 0).
    public var effectiveSampleSize: Double {
        sampleSize / (designEffect * finitePopulationFactor)
    }

    /// What an interval from this design rests on.
    public var basis: IntervalBasis {
        if sampleType.isProbabilitySample { return .sampling }
        return assumesRandomSample ? .assumesRandomSample : .notRandomSample
    }
}
