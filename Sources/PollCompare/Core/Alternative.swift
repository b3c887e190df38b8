import PollNumerics

/// The alternative hypothesis of a test, and with it the kind of interval: `two-sided` (the
/// default), `greater` (the quantity is above 0: a lower bound) or `less` (below 0: an upper
/// bound).
///
/// One rule for every estimate and method: the one-sided interval at level 1 − α is the
/// two-sided interval at level 1 − 2α with its other end opened to the edge of the quantity's
/// range (so a one-sided 95% bound is one end of the two-sided 90% interval: Φ⁻¹(0.95) =
/// 1.6449 for the normal methods, the 5% quantile for the exact and Bayesian ones); p-values are
/// P(Z ≥ z) for `greater` and P(Z ≤ z) for `less` (statsmodels' `alternative='larger'` and
/// `'smaller'`, R's `"greater"` and `"less"`).
public enum Alternative: String, CaseIterable, Sendable {
    case twoSided = "two-sided", greater, less

    /// The two-sided level whose interval gives this alternative's bounds: the level itself, or
    /// 1 − 2α for a one-sided bound.
    ///
    /// - Throws: ``PollCompareError/invalidConfidence(_:)`` when 1 − 2α ≤ 0 (a one-sided level
    ///   of 50% or less).
    public func intervalLevel(_ confidence: ConfidenceLevel) throws(PollCompareError) -> ConfidenceLevel {
        guard self != .twoSided else { return confidence }
        return try ConfidenceLevel(alpha: 2 * confidence.alpha)
    }

    /// The bounds of this alternative from the two-sided bounds at ``intervalLevel(_:)``: the
    /// lower bound and the top of `range` for `greater`, the bottom of `range` and the upper bound
    /// for `less`.
    public func bounds(lower: Double, upper: Double, range: ClosedRange<Double>) -> (lower: Double, upper: Double) {
        switch self {
        case .twoSided: return (lower, upper)
        case .greater: return (lower, range.upperBound)
        case .less: return (range.lowerBound, upper)
        }
    }

    /// The p-value of a standard normal test statistic z: 2·Φ(−|z|), 1 − Φ(z) or Φ(z).
    ///
    /// - Complexity: O(1).
    public func pValue(statistic z: Double) -> Double {
        switch self {
        case .twoSided: return 2 * Normal.survival(abs(z))
        case .greater: return Normal.survival(z)
        case .less: return Normal.cdf(z)
        }
    }
}
