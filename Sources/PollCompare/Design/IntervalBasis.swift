/// What an interval rests on, reported beside every interval (`basis` / `interval_basis`).
public enum IntervalBasis: String, CaseIterable, Sendable {
    /// A probability sample with a known sample size: the interval is a margin of sampling error.
    case sampling
    /// A straw or opt-in poll whose interval was computed only because the caller assumed random
    /// sampling (`--assume-random-sample`). The interval says nothing about self-selection.
    case assumesRandomSample = "assumes-random-sample"
    /// A straw or opt-in poll: no margin of sampling error exists, so none is given.
    case notRandomSample = "not-a-random-sample"
    /// The sample size was not published: no interval; see the break-even n instead.
    case unknownSampleSize = "unknown-sample-size"
    /// Two questions of one poll: the same respondents answered both, so their difference has no
    /// independent-sample interval (GUIDE §3 "Same respondents").
    case sameRespondents = "same-respondents"
    /// A probability sample whose interval also includes historical non-sampling error τ
    /// (`--tse`, ``TotalError``): d ± z·√(s² + τ²), not a margin of sampling error alone.
    case totalError = "total-error"

    /// Whether an interval may be computed on this basis.
    public var allowsInterval: Bool { self == .sampling || self == .assumesRandomSample || self == .totalError }

    /// The weaker of two bases, for a result that rests on two polls (a swing): what the sample
    /// *is* before what was published (GUIDE §3), so a non-random sample, then an unknown sample
    /// size, then an assumed random sample, then total error, then sampling. (Same respondents is decided by the
    /// pair itself and wins over all of these.)
    public static func weaker(_ x: IntervalBasis, _ y: IntervalBasis) -> IntervalBasis {
        for basis in [
            IntervalBasis.sameRespondents, .notRandomSample, .unknownSampleSize, .assumesRandomSample, .totalError,
        ]
        where x == basis || y == basis {
            return basis
        }
        return .sampling
    }
}
