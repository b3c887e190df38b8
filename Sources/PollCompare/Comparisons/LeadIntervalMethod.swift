/// Interval methods for a lead within one poll.
public enum LeadIntervalMethod: String, CaseIterable, Sendable {
    /// d ± z·√((p_A + p_B − d²)/n) (Franklin 2007; Scott & Seber 1983).
    case wald
    /// Add one to each count (p̃ = (x + 1)/(n + 2)) and use n + 2 (Bonett & Price 2012;
    /// R statpsych `ci.pairs.mult`): better coverage for small n and extreme shares.
    case adjustedWald = "adjusted-wald"
    /// Equal-tailed interval of θ_A − θ_B under the Dirichlet(x + 1) posterior, by seeded
    /// Monte Carlo.
    case bayes

    /// One line on what the method is for.
    public var summary: String {
        switch self {
        case .wald: return "lead ± z·SE with the multinomial covariance: the standard margin of a lead"
        case .adjustedWald: return "Wald after adding one vote to each candidate; better for small n"
        case .bayes: return "Dirichlet posterior of the lead by seeded Monte Carlo; also gives P(A leads)"
        }
    }

    /// Where the method comes from.
    public var source: String {
        switch self {
        case .wald: return "Franklin 2007; Scott & Seber 1983"
        case .adjustedWald: return "Bonett & Price 2012; R statpsych ci.pairs.mult"
        case .bayes: return "Dirichlet posterior, uniform prior (Gelman et al., Bayesian Data Analysis, §3.4)"
        }
    }
}
