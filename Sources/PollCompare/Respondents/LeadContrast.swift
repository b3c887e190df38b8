import PollNumerics

/// A difference of two design-based estimates with its standard error, and its normal-theory
/// interval and test (R `confint(svycontrast(...))`, which uses the normal quantile):
/// lower/upper = d ∓ z·se, z = d/se, p = 2Φ(−|z|). Proportions (the command prints points).
public struct DesignContrast: Sendable, Equatable {
    /// The difference.
    public let estimate: Double
    /// Its standard error (from the design covariance of the two estimates).
    public let se: Double
    /// Bounds at the level it was made with.
    public let lower: Double
    public let upper: Double
    /// estimate/se (nil when se is 0).
    public let z: Double?
    /// Two-sided p-value 2Φ(−|z|) (nil when se is 0).
    public let pValue: Double?

    /// The contrast `estimate` with standard error `se` at `level`.
    ///
    /// - Complexity: O(1).
    public init(estimate: Double, se: Double, level: ConfidenceLevel) {
        self.estimate = estimate
        self.se = se
        lower = estimate - level.z * se
        upper = estimate + level.z * se
        if se > 0 {
            let z = estimate / se
            self.z = z
            pValue = 2 * Normal.survival(abs(z))
        } else {
            z = nil
            pValue = nil
        }
    }
}

/// The lead of category A over category B within one group (the whole sample or a `--by`
/// group): p_A − p_B, its variance Var(p_A) + Var(p_B) − 2Cov(p_A, p_B) taken from the design
/// (the influence values of the two shares subtracted, or the replicates' differences), never
/// the two margins in quadrature (Lumley 2010, §2.2; R `svycontrast`).
public struct LeadContrast: Sendable, Equatable {
    /// The `--by` variable, nil for the whole sample.
    public let by: String?
    /// The group's value, nil for the whole sample.
    public let byValue: String?
    /// The categories: lead = share(a) − share(b).
    public let a: String
    public let b: String
    /// The lead (proportion) and its interval and test.
    public let contrast: DesignContrast
}
