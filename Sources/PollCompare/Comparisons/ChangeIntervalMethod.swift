/// Interval methods for one candidate's change between two independent polls, p₂ − p₁.
///
/// Names and numbers match statsmodels' `confint_proportions_2indep` (`compare='diff'`); each
/// interval comes with the test statsmodels' `test_proportions_2indep` pairs with it.
public enum ChangeIntervalMethod: String, CaseIterable, Sendable {
    /// d ± z·√(p₁q₁/n₁ + p₂q₂/n₂); Wald test.
    case wald
    /// Wald after adding one success and one failure to each poll (Agresti & Caffo 2000).
    case agrestiCaffo = "agresti-caffo"
    /// Newcombe's hybrid score interval from the two Wilson intervals (Newcombe 1998, method 10);
    /// tested with the score test.
    case newcombe
    /// Miettinen–Nurminen score interval: inverts the score test with the restricted maximum
    /// likelihood variance × N/(N − 1) (Miettinen & Nurminen 1985).
    case score

    /// One line on what the method is for.
    public var summary: String {
        switch self {
        case .wald: return "the textbook difference of proportions; poor for small n or shares near 0 or 1"
        case .agrestiCaffo: return "Wald after adding one success and one failure per poll; simple and good"
        case .newcombe: return "hybrid of the two Wilson intervals; good coverage, closed form"
        case .score: return "Miettinen–Nurminen score interval; the most accurate, needs a root search"
        }
    }

    /// Where the method comes from.
    public var source: String {
        switch self {
        case .wald: return "statsmodels confint_proportions_2indep(method='wald')"
        case .agrestiCaffo: return "Agresti & Caffo 2000; statsmodels method='agresti-caffo'"
        case .newcombe: return "Newcombe 1998, method 10; statsmodels method='newcomb'"
        case .score: return "Miettinen & Nurminen 1985; statsmodels method='score'"
        }
    }
}
