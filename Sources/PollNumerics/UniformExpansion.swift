#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Temme's uniform asymptotic expansion of the incomplete beta and gamma functions for a large
/// (smaller) shape: the regime of a Clopper–Pearson or Jeffreys bound for a poll of 10⁶ to 10³⁰⁰,
/// where the continued fraction needs O(√shape) steps and would run for hours.
///
/// Let a be the smaller shape, b the larger (b = ∞ for the gamma function), ρ = a/b ∈ [0, 1],
/// t₀ = a/(a + b) the mean, y₀ = 1 − t₀ = 1/(1 + ρ), and e = (t − t₀)/t₀ the relative distance of
/// the small shape's coordinate t from the mean. Define ξ (sign of e) by
///
///     ½ξ² = φ(e) + φ(−ρe)/ρ,   φ(u) = u − ln(1 + u)   (for the gamma function, ½ξ² = φ(e)),
///
/// so that tᵃ(1 − t)ᵇ = t₀ᵃy₀ᵇ·exp(−a·ξ²/2), and w = ξ√a. Substituting ξ in the integral and
/// integrating by parts repeatedly (Temme, *Special Functions*, Wiley 1996, §11.3.3 and §11.2.4;
/// Temme, SIAM J. Math. Anal. 18 (1987) 1638–1663) gives
///
///     I_t(a, b) = Φ(w) − e^Δ·φ(w)·√y₀·Σⱼ≥₁ Fⱼ·a^{−j/2}·Qⱼ(w),
///     1 − I_t(a, b) = Φ(−w) + (the same sum),
///
/// with Δ = δ(a + b) − δ(a) − δ(b) the Stirling remainders (Δ = −δ(a) for the gamma function),
/// F(ξ) = ξ/e(ξ) = Σ Fⱼξʲ, and Qⱼ(w) = Σₖ Pₖ(j)·w^{j−2k−1} over 0 ≤ k ≤ (j − 1)/2 with
/// Pₖ(j) = (j − 1)(j − 3)…(j − 2k + 1) (P₀ = 1). The leading k = 0 terms are Temme's c₀(η);
/// the rest are his cₖ(η)/rᵏ expanded in powers of η. The coefficients Fⱼ come from the power
/// series of ξ(e) by Lagrange inversion (e = Σ ξᵐ/m·[e^{m−1}](e/ξ)ᵐ), computed for the given ρ.
/// Each term is written as Fⱼ·ξ^{j−2k−1}·a^{−(2k+1)/2}·Pₖ(j), so nothing overflows for shapes
/// up to 10³⁰⁸.
///
/// Used where a ≥ ``minimumShape`` and |ξ| ≤ ``maximumXi``: there the terms fall at least like
/// (|ξ| + 1/√a)ʲ·j!!, and ``terms`` of them leave a relative error below 1e-17 (the tests hold the
/// result to 1e-13·κ against mpmath). Beyond |ξ| = 0.15 the tails are below e^{−1100} and
/// underflow, which the callers' other methods return at once.
struct UniformExpansion {
    /// The smaller shape from which the expansion is used.
    static let minimumShape = 1e5
    /// The largest |ξ| at which the expansion is used.
    static let maximumXi = 0.15
    /// Number of coefficients F₁…F_terms.
    static let terms = 24

    /// The small shape a.
    let a: Double
    /// y₀ = 1/(1 + ρ).
    let y0: Double
    /// Δ, the Stirling remainders.
    let delta: Double
    /// F₀…F_terms of F(ξ) = ξ/e(ξ).
    let f: [Double]
    /// r₁…r_{terms+1} of e(ξ) = Σ rₘξᵐ (r[0] unused).
    let r: [Double]

    /// The expansion for small shape `a`, ratio ρ = a/b ∈ [0, 1] (0: the gamma function) and Δ.
    ///
    /// - Complexity: O(terms³) ≈ 10⁴ floating-point operations.
    init(a: Double, rho: Double, delta: Double) {
        self.a = a
        self.delta = delta
        y0 = 1 / (1 + rho)
        (f, r) = Self.coefficients(rho: rho)
    }

    /// Both tails of I_t(a, b) for the small shape `a` at relative distance `e` from the mean,
    /// and ln[tᵃ(1 − t)ᵇ/B(a, b)] (for the gamma function: ln[xᵃe⁻ˣ/Γ(a)]); nil outside the regime.
    ///
    /// - Parameters:
    ///   - a: the smaller shape, ≥ ``minimumShape``.
    ///   - rho: a/b in [0, 1]; 0 for the gamma function.
    ///   - e: (t − t₀)/t₀, > −1 (and ρe < 1).
    ///   - delta: Δ as above.
    /// - Complexity: O(terms³) ≈ 10⁴ floating-point operations, independent of the shapes.
    static func tails(
        a: Double, rho: Double, e: Double, delta: Double
    )
        -> (lower: Double, upper: Double, logPower: Double)?
    {
        guard e > -1, rho >= 0, rho <= 1, !(rho * e >= 1) else { return nil }
        var halfXi2 = LogTerms.uMinusLog1p(e)
        if rho > 0 { halfXi2 += LogTerms.uMinusLog1p(-rho * e) / rho }
        let xiMagnitude = (2 * halfXi2).squareRoot()
        guard xiMagnitude <= maximumXi, halfXi2.isFinite else { return nil }
        let expansion = UniformExpansion(a: a, rho: rho, delta: delta)
        let t = expansion.tails(xi: e < 0 ? -xiMagnitude : xiMagnitude, halfXi2: halfXi2)
        let logPower = -a * halfXi2 + 0.5 * log(a * expansion.y0) - LogGamma.halfLogTwoPi + delta
        return (t.lower, t.upper, logPower)
    }

    /// Both tails at ξ (with ½ξ² passed in when it is known more precisely than ξ²/2).
    ///
    /// - Complexity: O(terms²).
    func tails(xi: Double, halfXi2: Double? = nil) -> (lower: Double, upper: Double) {
        let half = halfXi2 ?? 0.5 * xi * xi
        let v = 1 / a.squareRoot()
        let w = xi * a.squareRoot()
        // Σⱼ Fⱼ Σₖ Pₖ(j)·ξ^{j−2k−1}·v^{2k+1}.
        var sum = 0.0
        let v2 = v * v
        for j in 1...Self.terms {
            var inner = 0.0
            var pk = 1.0 // Pₖ(j)
            var vPower = v // v^{2k+1}
            var k = 0
            while 2 * k + 1 <= j {
                inner += pk * pow(xi, Double(j - 2 * k - 1)) * vPower
                pk *= Double(j - 2 * k - 1)
                vPower *= v2
                k += 1
            }
            sum += f[j] * inner
        }
        let correction = exp(delta - a * half - LogGamma.halfLogTwoPi) * y0.squareRoot() * sum
        let lower = Normal.cdf(w) - correction
        let upper = Normal.survival(w) + correction
        return (Swift.min(1, Swift.max(0, lower)), Swift.min(1, Swift.max(0, upper)))
    }

    /// The e = (t − t₀)/t₀ at which the lower tail is p (upper tail q = 1 − p), or nil when the
    /// solution lies beyond |ξ| = ``maximumXi``.
    ///
    /// Brent's method in ξ on the logarithm of the smaller tail (a smooth, monotone function of ξ,
    /// so the solution keeps its relative precision even where t − t₀ is far below the spacing of
    /// Doubles near t₀), from the bracket ±``maximumXi``; then e = Σ rₘξᵐ.
    ///
    /// - Complexity: O(terms²) per evaluation, at most 400 evaluations (typically 10–20).
    func inverse(p: Double, q: Double) -> Double? {
        let useLower = p <= q
        let logTarget = log(useLower ? p : q)
        func g(_ xi: Double) -> Double {
            let t = tails(xi: xi)
            let value = useLower ? log(t.lower) - logTarget : logTarget - log(t.upper)
            // Underflowed tails at the ends of the bracket: a finite value of the right sign.
            return value.isFinite ? value : (value > 0 ? 1e300 : -1e300)
        }
        guard g(-Self.maximumXi) < 0, g(Self.maximumXi) > 0 else { return nil }
        let z = useLower ? Normal.quantile(p) : Normal.inverseSurvival(q)
        // A bracket around the normal guess ξ₀ = z/√a, widened until it holds the root.
        let guess = Swift.max(-Self.maximumXi, Swift.min(Self.maximumXi, z / a.squareRoot()))
        var width = (2 + 0.1 * z * z) / a.squareRoot()
        var low = Swift.max(-Self.maximumXi, guess - width)
        var high = Swift.min(Self.maximumXi, guess + width)
        while !(g(low) <= 0 && g(high) >= 0) {
            width *= 4
            low = Swift.max(-Self.maximumXi, guess - width)
            high = Swift.min(Self.maximumXi, guess + width)
        }
        guard let xi = RootFinding.brent(low, high, relativeTolerance: 1e-17, absoluteTolerance: 1e-300, g) else {
            return nil
        }
        var e = 0.0
        var m = r.count - 1
        while m >= 1 {
            e = (e + r[m]) * xi
            m -= 1
        }
        return e
    }

    /// F₀…F_terms of F(ξ) = ξ/e(ξ) and r₁…r_{terms+1} of e(ξ) for the given ρ.
    ///
    /// ξ² = e²·H(e), H(e) = Σₘ 2/(m + 2)·[(−1)ᵐ + ρ^{m+1}]·eᵐ; by Lagrange inversion
    /// e = Σₘ≥₁ rₘξᵐ with rₘ = [e^{m−1}]H^{−m/2}/m (powers of a series by the J. C. P. Miller
    /// recurrence, Knuth, TAOCP 2, §4.7); then F = 1/(e/ξ) by series division.
    static func coefficients(rho: Double) -> (f: [Double], r: [Double]) {
        let n = terms + 2
        var h = [Double](repeating: 0, count: n)
        var rhoPower = rho
        for m in 0..<n {
            h[m] = 2 / Double(m + 2) * ((m % 2 == 0 ? 1 : -1) + rhoPower)
            rhoPower *= rho
        }
        // r[m] for m = 1…terms + 1: coefficient of e^{m−1} in H^{−m/2}, divided by m.
        var r = [Double](repeating: 0, count: n)
        var power = [Double](repeating: 0, count: n)
        for m in 1..<n {
            let alpha = -0.5 * Double(m)
            power[0] = pow(h[0], alpha)
            if m > 1 {
                for k in 1...(m - 1) {
                    var s = 0.0
                    for i in 1...k { s += ((alpha + 1) * Double(i) - Double(k)) * h[i] * power[k - i] }
                    power[k] = s / (Double(k) * h[0])
                }
            }
            r[m] = power[m - 1] / Double(m)
        }
        // E(ξ) = e/ξ = Σ r[m + 1]ξᵐ; F = 1/E.
        var f = [Double](repeating: 0, count: terms + 1)
        f[0] = 1 / r[1]
        for j in 1...terms {
            var s = 0.0
            for k in 1...j { s += r[k + 1] * f[j - k] }
            f[j] = -s * f[0]
        }
        return (f, r)
    }
}
