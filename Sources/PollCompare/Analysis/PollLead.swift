/// One selected question's lead, A − B, with its design applied and its basis decided: a typed
/// row of the analysis layer, which tables, sentences and charts read (never text cells).
public struct PollLead: Sendable {
    /// The question (an index into the table's question columns).
    public let question: Int
    /// Candidate A's row in the table's candidate columns.
    public let a: Int
    /// Candidate B's row.
    public let b: Int
    /// The shares and design (no design: sample size unknown).
    public let estimate: LeadEstimate
    /// Whether the sample size was assumed (`--assume-n`).
    public let sampleSizeAssumed: Bool
    /// The Wald interval of the lead, where one may be given.
    public let interval: LeadInterval?
    /// The Wilson interval of A's share, where one may be given.
    public let shareAInterval: ShareInterval?
    /// The smallest number of respondents at which the lead would be significant (nil for a
    /// zero lead).
    public let breakEvenSampleSize: Double?

    /// Computes the row.
    ///
    /// - Throws: ``PollCompareError`` for a design that cannot be (a population below the sample).
    /// - Complexity: O(1).
    public init(
        question: Int, a: Int, b: Int, estimate: LeadEstimate, sampleSizeAssumed: Bool,
        confidence: ConfidenceLevel
    ) throws(PollCompareError) {
        self.question = question
        self.a = a
        self.b = b
        self.estimate = estimate
        self.sampleSizeAssumed = sampleSizeAssumed
        interval = try estimate.interval(method: .wald, confidence: confidence)
        if interval != nil, let n = estimate.effectiveSampleSize {
            shareAInterval =
                n.isFinite
                ? try ShareInterval(share: estimate.shareA, sampleSize: n, confidence: confidence, method: .wilson)
                : nil
        } else {
            shareAInterval = nil
        }
        breakEvenSampleSize = estimate.breakEvenBound(confidence: confidence)
    }

    /// What an interval rests on.
    public var basis: IntervalBasis { estimate.basis }

    /// The lead in points, an exact decimal of the published shares.
    public var leadPoints: Double { Percent.difference(estimate.shareA, estimate.shareB) }
}
