/// Targets or bounds that raking cannot meet, found before iterating (so an impossible request is
/// named, never looped on). The command-line program prints ``description`` and exits with 65.
public enum RakingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A target category that no respondent has: its share cannot be given to anyone.
    case categoryWithoutRespondents(variable: String, category: String, share: Double, position: TextPosition)
    /// Two variables whose targets contradict the data's cells: the categories `categories` of
    /// `variable` occur only together with the categories `partners` of `other`, yet their target
    /// shares add to more than the partners' (proportions).
    case contradictoryTargets(
        variable: String, categories: [String], share: Double,
        other: String, partners: [String], partnerShare: Double)
    /// A category whose target cannot be reached with every weight within the bounds: its
    /// `respondents` would need a mean weight of `neededMean` (relative to the overall mean),
    /// beyond the cap (`isCap`) or floor `bound` (relative to the mean weight).
    case boundsUnreachable(
        variable: String, category: String, respondents: Int, neededMean: Double,
        isCap: Bool, bound: Double)
    /// Trimming to a design effect found no cap that reaches it; `best` is the lowest design
    /// effect reached (nil when no trimmed raking converged).
    case designEffectUnreachable(target: Double, best: Double?, cap: Double?)

    public var description: String {
        switch self {
        case let .categoryWithoutRespondents(variable, category, share, _):
            return
                "\(variable) \"\(category)\" has a target share of \(Percent.text(share)) but no respondent: a share cannot be given to an empty category (merge it with another, or drop it from the targets)"
        case let .contradictoryTargets(variable, categories, share, other, partners, partnerShare):
            let these = categories.map { "\"\($0)\"" }.joined(separator: ", ")
            let those = partners.map { "\"\($0)\"" }.joined(separator: ", ")
            return
                "targets cannot be met together: respondents with \(variable) \(these) (target \(Percent.text(share))) all have \(other) \(those), whose targets add to only \(Percent.text(partnerShare))"
        case let .boundsUnreachable(variable, category, respondents, neededMean, isCap, bound):
            return
                "\(variable) \"\(category)\" cannot reach its target with every weight \(isCap ? "at most" : "at least") \(NumberText.roundTrip(bound)) times the mean: its \(respondents) respondent\(respondents == 1 ? "" : "s") would need a mean weight of \(NumberText.fixed(neededMean, digits: 4)) times the mean; \(isCap ? "raise --cap" : "lower --floor")"
        case let .designEffectUnreachable(target, best, cap):
            let reached =
                best.map {
                    "; the lowest reached was \(NumberText.fixed($0, digits: 4)) with --cap \(NumberText.fixed(cap ?? .nan, digits: 4))"
                }
                ?? "; no cap that low lets raking converge"
            return
                "no cap on the weights brings the design effect down to \(NumberText.roundTrip(target)) while the margins hold\(reached)"
        }
    }
}
