import PollNumerics

/// Input a polling average cannot be computed from (a data error, exit status 65 in `pollcmp`).
public enum AverageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No polls at all.
    case noPolls
    /// A poll's day index is negative.
    case negativeDay(poll: Int, day: Int)
    /// A poll whose lead or variance is not finite, or whose total variance s² + τ² is not positive.
    case invalidPoll(poll: Int, lead: Double, variance: Double)
    /// τ not finite or negative, ω not finite or not positive.
    case invalidParameter(name: String, value: Double)
    /// A pollster (population) index between 0 and the largest one used by no poll: its effect
    /// would have no data and a flat prior.
    case emptyGroup(kind: String, index: Int)
    /// Population effects without a single poll of the reference population (lv): they would be
    /// confounded with the level of the average.
    case noReferencePopulation
    /// The effects cannot be told apart from each other and from the level (for example a
    /// pollster seen only in a population no other pollster polled): the Schur complement of the
    /// effects is not positive definite.
    case notIdentified(LAPACKError)

    public var description: String {
        switch self {
        case .noPolls: return "a polling average needs at least one poll"
        case let .negativeDay(poll, day): return "poll \(poll + 1): day \(day) is before the first day"
        case let .invalidPoll(poll, lead, variance):
            return "poll \(poll + 1): lead \(lead) with variance \(variance) (points²) cannot enter the average"
        case let .invalidParameter(name, value): return "\(name) = \(value) is not a valid value"
        case let .emptyGroup(kind, index): return "\(kind) \(index) has no polls"
        case .noReferencePopulation: return "population effects need at least one poll of likely voters (the reference)"
        case let .notIdentified(error): return "house and population effects are not identified (\(error))"
        }
    }
}
