/// One category's share in group B minus its share in group A of the same `--by` variable,
/// with the design-based standard error of the difference (the two domains' influence values
/// subtracted on the full design, or the replicates' differences: the covariance R's
/// `svyby(..., covmat = TRUE)` gives `svycontrast`). Groups are taken in sorted order of their
/// values, A before B, every pair when there are more than two.
public struct GroupComparison: Sendable, Equatable {
    /// The `--by` variable.
    public let by: String
    /// The category compared.
    public let category: String
    /// The first group (sorted order) and the second.
    public let groupA: String
    public let groupB: String
    /// share(B) − share(A) (proportion) with its interval and test.
    public let contrast: DesignContrast
}
