/// The lead of candidate A over candidate B within one poll, d = p_A − p_B (proportions).
///
/// Under multinomial sampling Cov(p_A, p_B) = −p_A·p_B/n, so
/// Var(d) = (p_A + p_B − d²)/n (Franklin, "The 'Margin of Error' for Differences in Polls",
/// 2007; Scott & Seber, *The American Statistician* 37 (1983) 319–320). Adding the two shares'
/// margins in quadrature ignores that negative covariance and understates the variance.
public struct LeadEstimate: Equatable, Sendable {
    /// Share of candidate A, a proportion in [0, 1].
    public let shareA: Double
    /// Share of candidate B, a proportion in [0, 1].
    public let shareB: Double
    /// The (effective) sample size, or nil when it was not published.
    public let sampleSize: Double?

    /// Creates the estimate after validating the shares and the sample size.
    ///
    /// - Throws: ``PollCompareError`` for shares outside [0, 1], shares summing above
    ///   1 + ``Shares/roundingSlack``, or a sample size that is not positive.
    public init(shareA: Double, shareB: Double, sampleSize: Double?) throws(PollCompareError) {
        try Shares.validate([("share of A", shareA), ("share of B", shareB)])
        if let n = sampleSize { try Shares.validateSampleSize(n, name: "sample size") }
        self.shareA = shareA
        self.shareB = shareB
        self.sampleSize = sampleSize
    }

    /// The lead d = p_A − p_B.
    public var lead: Double { shareA - shareB }

    /// n·Var(d) = p_A + p_B − d², the variance of the lead for a sample of one.
    ///
    /// - Complexity: O(1).
    public var unitVariance: Double {
        let d = lead
        return shareA + shareB - d * d
    }

    /// Var(d) = (p_A + p_B − d²)/n, or nil without a sample size.
    public var variance: Double? {
        sampleSize.map { unitVariance / $0 }
    }

    /// The standard error √Var(d), or nil without a sample size.
    public var standardError: Double? {
        variance.map { $0.squareRoot() }
    }
}
