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
