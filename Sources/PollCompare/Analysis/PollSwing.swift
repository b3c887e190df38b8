/// A swing between two selected questions of one race and group: a typed row of the analysis
/// layer.
///
/// Two questions of one poll share respondents: their difference is given, with basis
/// `same-respondents` and no interval or test (it wins over every other basis). Otherwise the
/// swing is a ``SwingEstimate`` of two independent polls, with the weaker of the two bases.
public struct PollSwing: Sendable {
    /// The group's index in ``PollAnalysis/groups``.
    public let group: Int
    /// The earlier question.
    public let before: Int
    /// The later question.
    public let after: Int
    /// Candidates A and B in the earlier question (rows of the candidate columns).
    public let beforeCandidates: (a: Int, b: Int)
    /// Candidates A and B in the later question.
    public let afterCandidates: (a: Int, b: Int)
    /// The swing and its uncertainty as two independent polls.
    public let estimate: SwingEstimate
    /// What an interval rests on (`same-respondents` for two questions of one poll).
    public let basis: IntervalBasis

    /// Creates the row.
    public init(
        group: Int, before: Int, after: Int, beforeCandidates: (a: Int, b: Int),
        afterCandidates: (a: Int, b: Int), estimate: SwingEstimate, sameRespondents: Bool
    ) {
        self.group = group
        self.before = before
        self.after = after
        self.beforeCandidates = beforeCandidates
        self.afterCandidates = afterCandidates
        self.estimate = estimate
        basis = sameRespondents ? .sameRespondents : estimate.basis
    }

    /// Whether an interval and a test may be given.
    public var allowsInterval: Bool { basis.allowsInterval && estimate.standardError != nil }

    /// The swing in points, an exact decimal of the published shares.
    public var swingPoints: Double {
        Percent.swing(
            before: estimate.before.shareA, estimate.before.shareB,
            after: estimate.after.shareA, estimate.after.shareB)
    }

    /// The break-even n, unless the two questions share respondents (then no sample size would
    /// make their difference a test between samples) or the swing is 0.
    public var breakEvenSampleSize: Double? {
        basis == .sameRespondents ? nil : estimate.breakEvenBound
    }
}
