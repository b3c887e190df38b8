/// The interval methods for one share (a binomial proportion), named as on the command line.
///
/// Sources: Brown, Cai & DasGupta, "Interval estimation for a binomial proportion",
/// *Statistical Science* 16 (2001) 101–133; Newcombe, *Statistics in Medicine* 17 (1998) 857–872;
/// Agresti, *Categorical Data Analysis*, 3rd ed., 2013, §1.4. Names and numbers match statsmodels'
/// `proportion_confint` where it has the method.
public enum ShareIntervalMethod: String, CaseIterable, Sendable {
    case wald
    case wilson
    case wilsonCC = "wilson-cc"
    case agrestiCoull = "agresti-coull"
    case clopperPearson = "clopper-pearson"
    case jeffreys
    case midP = "mid-p"
    case likelihoodRatio = "likelihood-ratio"

    /// One line on what the method is for.
    public var summary: String {
        switch self {
        case .wald: return "p ± z·√(pq/n): the textbook margin; poor near 0 and 1 and for small n"
        case .wilson: return "inverts the score test; good coverage everywhere, the usual recommendation"
        case .wilsonCC: return "Wilson with continuity correction; conservative, as R's prop.test"
        case .agrestiCoull: return "Wald on x + z²/2 of n + z²; simple and close to Wilson"
        case .clopperPearson: return "exact binomial tails (beta quantiles); never below nominal coverage"
        case .jeffreys: return "equal-tailed Beta(x + ½, n − x + ½) posterior interval"
        case .midP: return "Clopper–Pearson with half the probability of the observed count; less conservative"
        case .likelihoodRatio: return "inverts the likelihood-ratio test against χ²₁"
        }
    }

    /// Where the method comes from.
    public var source: String {
        switch self {
        case .wald: return "Laplace 1812; statsmodels proportion_confint(method='normal')"
        case .wilson: return "Wilson 1927; statsmodels method='wilson'"
        case .wilsonCC: return "Newcombe 1998, method 4"
        case .agrestiCoull: return "Agresti & Coull 1998; statsmodels method='agresti_coull'"
        case .clopperPearson: return "Clopper & Pearson 1934; statsmodels method='beta'"
        case .jeffreys: return "Brown, Cai & DasGupta 2001; statsmodels method='jeffreys'"
        case .midP: return "Lancaster 1961; Agresti 2013 §1.4.5"
        case .likelihoodRatio: return "Brown, Cai & DasGupta 2001 §4.1; Agresti 2013 §1.3.3"
        }
    }
}
