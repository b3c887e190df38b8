/// How a poll's respondents were selected, which decides whether a margin of *sampling* error
/// means anything.
///
/// AAPOR's code and its statement on opt-in surveys: only probability samples have a margin of
/// sampling error; straw polls and opt-in panels do not, because nobody chose their respondents
/// at random.
public enum SampleType: String, CaseIterable, Sendable {
    /// Every member of the population had a known, non-zero chance of selection.
    case probability
    /// Respondents chose to take part (online opt-in panels, member surveys anyone may answer).
    case optIn = "opt-in"
    /// A show of hands or ballot among whoever attended (town halls, rallies, conventions).
    case straw

    /// Whether sampling-error intervals apply without further assumption.
    public var isProbabilitySample: Bool { self == .probability }
}

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

    /// Whether an interval may be computed on this basis.
    public var allowsInterval: Bool { self == .sampling || self == .assumesRandomSample }
}
