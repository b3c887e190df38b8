/// The Beta(a, b) quantile near a point where the distribution is known, from the Taylor series
/// of the inverse function to fifth order: one evaluation of I_t(a, b) at a first guess t₀ with
/// relative error δ leaves about (K·δ)⁵·δ, K ≈ |(a − 1) − (b − 1)t₀/(1 − t₀)|, where Newton's
/// method would need two or three more evaluations.
///
/// Method: the quantile x(p) has x′ = 1/f, and each further derivative follows by
/// differentiating again with f′ = f·L₁, L₁′ = L₂, …, where Lₖ = dᵏ ln f/dxᵏ for the density
/// f(x) = x^{a−1}(1 − x)^{b−1}/B(a, b) (so L₁ = (a − 1)/x − (b − 1)/(1 − x), and generally
/// Lₖ = (k − 1)!·[(−1)^{k−1}(a − 1)/xᵏ − (b − 1)/(1 − x)ᵏ]):
///
///     x″ = −L₁/f²,  x‴ = (2L₁² − L₂)/f³,  x⁗ = (7L₁L₂ − L₃ − 6L₁³)/f⁴,
///     x⁽⁵⁾ = (7L₂² + 11L₁L₃ − L₄ − 46L₁²L₂ + 24L₁⁴)/f⁵,
///
/// the series reversion of F about t₀ (DLMF §1.10(vii)). With σ = (p − I_{t₀})/(t₀·f(t₀)), the
/// Newton step relative to t₀, and λₖ = t₀ᵏ·Lₖ(t₀), the quantile is
///
///     x = t₀·(1 + σ − (λ₁/2)σ² + ((2λ₁² − λ₂)/6)σ³ + ((7λ₁λ₂ − λ₃ − 6λ₁³)/24)σ⁴
///            + ((7λ₂² + 11λ₁λ₃ − λ₄ − 46λ₁²λ₂ + 24λ₁⁴)/120)σ⁵ + …).
///
/// The terms are used only when they fall at least geometrically (each at most half the larger
/// of the two before it, as one may vanish near the mode); what the series leaves out is then
/// estimated from the last two ratios ρ as max(|t₅|, |t₄|·ρ)·ρ/(1 − ρ), and bounded above by
/// 2·max(|t₅|, |t₄|/2)·ρ.
enum BetaInverseSeries {
    /// What one step gives.
    enum Step: Equatable {
        /// The quantile: the omitted terms are below 2⁻⁵⁶ of it, under one rounding.
        case quantile(Double)
        /// A point much closer than t₀ (the terms fall, but the omitted ones are not yet
        /// negligible): evaluate there and step again.
        case closer(Double)
        /// The terms do not fall: t₀ is too far for the series.
        case diverging
    }

    /// One step from t₀.
    ///
    /// - Parameters:
    ///   - t0: the point of evaluation, in (0, 1).
    ///   - sigma: (p − I_{t₀}(a, b))/(t₀·f(t₀)), the Newton step relative to t₀.
    ///   - a: first shape, > 0.
    ///   - b: second shape, > 0.
    /// - Complexity: O(1), about 40 floating-point operations and one division.
    static func step(t0: Double, sigma: Double, a: Double, b: Double) -> Step {
        guard sigma.isFinite, abs(sigma) < 0.5, t0 > 0, t0 < 1 else { return .diverging }
        if sigma == 0 { return .quantile(t0) }
        let alpha = a - 1, beta = b - 1
        // λₖ = t₀ᵏLₖ(t₀): with r = t₀/(1 − t₀), (k − 1)!·[(−1)^{k−1}α − β·rᵏ].
        let r = t0 / (1 - t0)
        let r2 = r * r
        let l1 = alpha - beta * r
        let l2 = -alpha - beta * r2
        let l3 = 2 * (alpha - beta * r2 * r)
        let l4 = -6 * (alpha + beta * r2 * r2)
        let l1Squared = l1 * l1
        let c2 = -0.5 * l1
        let c3 = (2 * l1Squared - l2) * (1.0 / 6.0)
        let c4 = (7 * l1 * l2 - l3 - 6 * l1Squared * l1) * (1.0 / 24.0)
        let c5 = (7 * l2 * l2 + 11 * l1 * l3 - l4 - 46 * l1Squared * l2 + 24 * l1Squared * l1Squared) * (1.0 / 120.0)
        let s2 = sigma * sigma
        let t1 = abs(sigma), t2 = abs(c2 * s2), t3 = abs(c3 * s2 * sigma)
        let t4 = abs(c4 * s2 * s2), t5 = abs(c5 * s2 * s2 * sigma)
        guard t2 <= 0.5 * t1, t3 <= 0.5 * Swift.max(t2, t1), t4 <= 0.5 * Swift.max(t3, t2),
            t5 <= 0.5 * Swift.max(t4, t3)
        else { return .diverging }
        // The omitted terms, max(t₅, t₄ρ)·ρ/(1 − ρ) with ρ = max(t₅/max(t₄, t₃), t₄/max(t₃, t₂)) ≤ ½,
        // are at most 2·max(t₅, t₄/2)·ρ; that bound below 2⁻⁵⁶ is tested for each ratio without
        // dividing (a series that ends early, with zero terms, passes).
        let largest = 2 * Swift.max(t5, 0.5 * t4)
        let negligible =
            largest * t5 <= 0x1p-56 * Swift.max(t4, t3) && largest * t4 <= 0x1p-56 * Swift.max(t3, t2)
        // Horner's rule, smallest terms first.
        let sum = sigma * (1 + sigma * (c2 + sigma * (c3 + sigma * (c4 + sigma * c5))))
        let x = t0 + t0 * sum
        return negligible ? .quantile(x) : .closer(x)
    }
}
