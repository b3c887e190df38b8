#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The logarithm of the gamma function, ln Γ(x) for x > 0, to full double precision, and the
/// Stirling remainder that the incomplete beta function needs for very large arguments.
///
/// Method, by region:
/// - x < 2.5: the Taylor series of ln Γ(2 + z) about z = 0 (Abramowitz & Stegun 6.1.33,
///   DLMF 5.7.3 shifted by one), ln Γ(2 + z) = (1 − γ)z + Σₖ≥₂ (−1)ᵏ(ζ(k) − 1)zᵏ/k, |z| ≤ ½, with
///   ln Γ(x) = ln Γ(x + 1) − ln x to reach the rest of (0, 2.5). Because ζ(k) − 1 ≈ 2⁻ᵏ the terms
///   fall like 4⁻ᵏ, and the zeros at x = 1 and x = 2 are kept with full relative precision.
/// - 2.5 ≤ x < 8: the recurrence ln Γ(x) = ln Γ(x − m) + ln ∏(x − i) down to [1.5, 2.5).
/// - x ≥ 8: Stirling's series (DLMF 5.11.1), ln Γ(x) = (x − ½)ln x − x + ½ln(2π) + δ(x).
///
/// Tolerance: relative error ≤ 1e-14 against mpmath `loggamma` on the test grid (1e-300 to 1e300).
public enum LogGamma {
    /// ln √(2π).
    static let halfLogTwoPi = 0.9189385332046728
    /// Euler's constant γ.
    static let eulerGamma = 0.5772156649015329

    /// ζ(k) − 1 for k = 2…30 (mpmath `zeta(k) - 1` at 40 digits, rounded to Double).
    static let zetaMinusOne: [Double] = [
        0.6449340668482264, 0.2020569031595943, 0.08232323371113819, 0.03692775514336993,
        0.01734306198444914, 0.008349277381922827, 0.00407735619794434, 0.0020083928260822143,
        0.0009945751278180853, 0.0004941886041194645, 0.0002460865533080483, 0.00012271334757848915,
        6.124813505870483e-05, 3.058823630702049e-05, 1.528225940865187e-05, 7.637197637899763e-06,
        3.81729326499984e-06, 1.908212716553939e-06, 9.539620338727962e-07, 4.769329867878064e-07,
        2.38450502727733e-07, 1.1921992596531106e-07, 5.960818905125948e-08, 2.980350351465228e-08,
        1.4901554828365043e-08, 7.45071178983543e-09, 3.725334024788457e-09, 1.862659723513049e-09,
        9.313274324196682e-10,
    ]

    /// ln Γ(x).
    ///
    /// - Parameter x: a positive real.
    /// - Returns: ln Γ(x); +∞ at 0 and +∞; NaN for negative x or NaN.
    /// - Complexity: O(1) (at most 29 series terms).
    public static func callAsFunction(_ x: Double) -> Double { value(x) }

    /// ln Γ(x); see the type's documentation.
    public static func value(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? .infinity : .nan }
        if x.isInfinite { return .infinity }
        if x < 0.5 {
            // ln Γ(x) = ln Γ(2 + x) − ln x − ln(1 + x)
            return lnGammaTwoPlus(x) - log(x) - log1p(x)
        }
        if x < 1.5 {
            // ln Γ(x) = ln Γ(2 + (x − 1)) − ln x, with x − 1 exact here.
            let z = x - 1
            return lnGammaTwoPlus(z) - log1p(z)
        }
        if x < 2.5 {
            return lnGammaTwoPlus(x - 2)
        }
        if x < 8 {
            var shifted = x
            var product = 1.0
            while shifted >= 2.5 {
                shifted -= 1
                product *= shifted
            }
            return lnGammaTwoPlus(shifted - 2) + log(product)
        }
        return (x - 0.5) * log(x) - x + halfLogTwoPi + stirlingRemainder(x)
    }

    /// ln Γ(2 + z) for |z| ≤ ½ by its Taylor series (see the type's documentation).
    static func lnGammaTwoPlus(_ z: Double) -> Double {
        // Horner from the highest term: Σₖ (−1)ᵏ(ζ(k) − 1)zᵏ/k for k = 2…30.
        var sum = 0.0
        var k = zetaMinusOne.count + 1
        while k >= 2 {
            let sign: Double = (k % 2 == 0) ? 1 : -1
            sum = sum * z + sign * zetaMinusOne[k - 2] / Double(k)
            k -= 1
        }
        return z * ((1 - eulerGamma) + z * sum)
    }

    /// The remainder of Stirling's series, δ(x) = ln Γ(x) − [(x − ½)ln x − x + ½ln(2π)]
    /// = Σₖ B₂ₖ/(2k(2k − 1)x²ᵏ⁻¹) (DLMF 5.11.1), ten terms.
    ///
    /// - Parameter x: the argument, or several in the lanes of a vector (each lane's result is the
    ///   scalar result for that lane, bit for bit).
    /// - Precondition: x ≥ 8, where ten terms leave an error below 1e-17·δ(8).
    /// - Complexity: O(1).
    static func stirlingRemainder<T: Lanes>(_ x: T) -> T {
        let w = T(repeating: 1) / (x * x)
        // B₂ₖ/(2k(2k − 1)) for k = 10 down to 1, by Horner's rule.
        var series = T(repeating: -174611.0 / 125400.0) * w + T(repeating: 43867.0 / 244188.0)
        series = series * w - T(repeating: 3617.0 / 122400.0)
        series = series * w + T(repeating: 1.0 / 156.0)
        series = series * w - T(repeating: 691.0 / 360360.0)
        series = series * w + T(repeating: 1.0 / 1188.0)
        series = series * w - T(repeating: 1.0 / 1680.0)
        series = series * w + T(repeating: 1.0 / 1260.0)
        series = series * w - T(repeating: 1.0 / 360.0)
        series = series * w + T(repeating: 1.0 / 12.0)
        return series / x
    }

    /// The digamma function ψ(x) = d ln Γ(x)/dx for x > 0: for x ≥ 8 the asymptotic series
    /// ψ(x) = ln x − 1/(2x) − Σₖ B₂ₖ/(2k·x²ᵏ) (DLMF 5.11.2, six terms, error below 1e-16 there),
    /// below 8 the recurrence ψ(x) = ψ(x + m) − Σᵢ₌₀^{m−1} 1/(x + i) (DLMF 5.5.2).
    ///
    /// Tolerance: 1e-14 relative away from the zero at x ≈ 1.4616 (used for first guesses only).
    /// - Complexity: O(1) (at most 8 recurrence steps).
    static func digamma(_ x: Double) -> Double {
        guard x > 0, !x.isNaN else { return .nan }
        if x.isInfinite { return .infinity }
        var shift = 0.0
        var y = x
        while y < 8 {
            shift -= 1 / y
            y += 1
        }
        let w = 1 / (y * y)
        // B₂ₖ/(2k) for k = 1…6.
        let series =
            (((((691.0 / 32760.0 * w - 1.0 / 132.0) * w + 1.0 / 240.0) * w - 1.0 / 252.0) * w
                + 1.0 / 120.0) * w - 1.0 / 12.0) * w
        return shift + log(y) - 0.5 / y + series
    }
}
