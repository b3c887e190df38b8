#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chi-square distribution with k degrees of freedom: CDF P(k/2, x/2) and its quantile.
///
/// The quantile gives, for k = 1, the constant c = χ²₁(1 − α/k) of Goodman's simultaneous
/// intervals (Goodman 1965; statsmodels `multinomial_proportions_confint`).
public enum ChiSquared {
    /// P(χ²_k ≤ x) = P(k/2, x/2).
    ///
    /// - Complexity: as ``IncompleteGamma/tails(s:x:)``.
    public static func cdf(_ x: Double, degreesOfFreedom k: Double) -> Double {
        IncompleteGamma.tails(s: k / 2, x: x / 2).lower
    }

    /// P(χ²_k > x), accurate when small.
    public static func survival(_ x: Double, degreesOfFreedom k: Double) -> Double {
        IncompleteGamma.tails(s: k / 2, x: x / 2).upper
    }

    /// The x with P(χ²_k ≤ x) = p.
    ///
    /// Safeguarded Newton on the log of the smaller tail (`TailInversion`) from the
    /// Wilson–Hilferty approximation x ≈ k(1 − 2/(9k) + z√(2/(9k)))³ (Johnson, Kotz & Balakrishnan,
    /// *Continuous Univariate Distributions* 1, 2nd ed., §18.5), or the lower-tail power law
    /// P(s, y) ≈ yˢ/Γ(s + 1) where that is not positive.
    ///
    /// - Parameters:
    ///   - p: probability in [0, 1].
    ///   - k: degrees of freedom, k > 0.
    /// - Returns: the quantile; 0 at p = 0, +∞ at p = 1, NaN for bad input.
    /// - Complexity: a few evaluations of the incomplete gamma function.
    public static func quantile(_ p: Double, degreesOfFreedom k: Double) -> Double {
        guard p >= 0 && p <= 1, k > 0, k.isFinite else { return .nan }
        return quantile(p: p, q: 1 - p, k: k)
    }

    /// The x with P(χ²_k > x) = q, for upper tails too small to write as 1 − p.
    public static func inverseSurvival(_ q: Double, degreesOfFreedom k: Double) -> Double {
        guard q >= 0 && q <= 1, k > 0, k.isFinite else { return .nan }
        return quantile(p: 1 - q, q: q, k: k)
    }

    private static func quantile(p: Double, q: Double, k: Double) -> Double {
        if p == 0 { return 0 }
        if q == 0 { return .infinity }
        let s = k / 2
        let z = p <= q ? Normal.quantile(p) : Normal.inverseSurvival(q)
        let c = 2 / (9 * k)
        let cube = 1 - c + z * c.squareRoot()
        var start = k * cube * cube * cube
        if !(start > 0) || !start.isFinite {
            // P(s, y) ≈ yˢ/Γ(s + 1) for small y = x/2.
            start = 2 * exp((log(Swift.min(p, 0.5)) + LogGamma.value(s + 1)) / s)
        }
        return TailInversion.solve(p: p, q: q, start: start, upper: .infinity) { x in
            let e = IncompleteGamma.evaluate(s: s, x: x / 2)
            // x·d/dx P(s, x/2) = (x/2)ˢe^{−x/2}/Γ(s) = exp(logPower).
            return (e.lower, e.upper, exp(e.logPower))
        }
    }
}
