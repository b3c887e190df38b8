/// Validation of the shares (proportions, 0…1) that describe one poll.
public enum Shares {
    /// How far above 1 the shares of one poll may sum before they are rejected: 0.005
    /// (half a percentage point), enough for published figures each rounded to the nearest
    /// tenth of a point across a handful of candidates.
    public static let roundingSlack = 0.005

    /// Checks that every share is in [0, 1] and that they sum to at most 1 + ``roundingSlack``.
    ///
    /// - Parameter shares: named proportions, e.g. `[("a", 0.443), ("b", 0.363)]`.
    /// - Throws: ``PollCompareError/shareOutOfRange(name:value:)`` or
    ///   ``PollCompareError/sharesExceedTotal(sum:)``.
    /// - Complexity: O(k).
    public static func validate(_ shares: [(name: String, value: Double)]) throws(PollCompareError) {
        var sum = 0.0
        for share in shares {
            guard share.value >= 0 && share.value <= 1 else {
                throw .shareOutOfRange(name: share.name, value: share.value)
            }
            sum += share.value
        }
        if sum > 1 + roundingSlack { throw .sharesExceedTotal(sum: sum) }
    }

    /// Checks a sample size: positive and finite.
    ///
    /// - Throws: ``PollCompareError/invalidSampleSize(name:value:)``.
    public static func validateSampleSize(_ n: Double, name: String) throws(PollCompareError) {
        guard n > 0 && n.isFinite else { throw .invalidSampleSize(name: name, value: n) }
    }
}
