internal import CPollKernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution N(0, 1): density, CDF Φ, survival function 1 − Φ and the
/// quantile Φ⁻¹, each to full double precision.
///
/// Tolerance (definition): a value v approximates the exact f within relative tolerance r when
/// |v − f| ≤ r·|f|. The tests hold ``cdf(_:)`` and ``survival(_:)`` to 1e-13 and ``quantile(_:)``
/// to 1e-13 over p ∈ [1e-300, 1 − 1e-16], against mpmath at 50 digits.
public enum Normal {
    /// √(2π).
    static let sqrtTwoPi = 2.5066282746310007

    /// The density φ(x) = exp(−x²/2)/√(2π).
    ///
    /// - Complexity: O(1).
    public static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x) / sqrtTwoPi
    }

    /// The CDF Φ(x) = P(Z ≤ x).
    ///
    /// Φ(x) = ½·erfc(−x/√2). The argument −x/√2 is rounded when formed; that rounding error e is
    /// computed exactly with a fused multiply-add and removed to first order,
    /// erfc(z + e) ≈ erfc(z) − e·(2/√π)·exp(−z²), so the result keeps full relative precision
    /// deep in the lower tail (Φ(−37.5) ≈ 4.6e-308), where a plain ½·erfc(−x/√2) loses up to
    /// x²·ε. erfc is the C library's (fdlibm's algorithm, < 1 ulp).
    ///
    /// - Returns: Φ(x) in [0, 1]; NaN for NaN.
    /// - Complexity: O(1).
    public static func cdf(_ x: Double) -> Double {
        halfErfc(-x)
    }

    /// The survival function 1 − Φ(x) = Φ(−x), accurate where Φ(x) rounds to 1.
    ///
    /// - Complexity: O(1).
    public static func survival(_ x: Double) -> Double {
        halfErfc(x)
    }

    /// ½·erfc(t/√2) with the rounding of t/√2 compensated (see ``cdf(_:)``): with z = t·hi for
    /// 1/√2 = hi + lo, e = fma(t, hi, −z) + t·lo, ½·(erfc(z) − e·(2/√π)·exp(−z²)). Computed in C
    /// (`pollkernels_half_erfc`), whose x86-64-v3 clone makes the fused multiply-add one instruction
    /// where baseline x86-64 calls a library function; both clones give the same bits.
    static func halfErfc(_ t: Double) -> Double {
        pollkernels_half_erfc(t)
    }

    /// ``halfErfc(_:)`` from the clone built for baseline x86-64, whatever the processor (the tests
    /// compare the two clones).
    static func baselineHalfErfc(_ t: Double) -> Double {
        pollkernels_half_erfc_baseline(t)
    }

    /// The quantile Φ⁻¹(p): the x with Φ(x) = p.
    ///
    /// Wichura's algorithm AS 241 (PPND16), *Applied Statistics* 37 (1988) 477–484: rational
    /// approximations of degree 7 in three regions, relative accuracy about 1e-16; in the tails
    /// (|p − ½| > 0.425) followed by one Halley step on the compensated ``cdf(_:)``.
    ///
    /// - Parameter p: a probability in [0, 1]. For p > 0.5 the upper tail 1 − p is formed exactly
    ///   (Sterbenz), so use ``inverseSurvival(_:)`` when the upper tail is known more precisely.
    /// - Returns: Φ⁻¹(p); −∞ at 0, +∞ at 1, NaN outside [0, 1] or for NaN.
    /// - Complexity: O(1).
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // AS 241, then in the tails one Halley step on the smaller tail.
        let guess = approximateQuantile(p)
        if abs(p - 0.5) <= 0.425 { return guess }
        let tail = p < 0.5 ? p : 1 - p
        let value = refined(-abs(guess), tail: tail)
        return p < 0.5 ? value : -value
    }

    /// Φ⁻¹(p) by AS 241 alone (Wichura, Applied Statistics 37 (1988) 477–484), without the
    /// Halley step of ``quantile(_:)``: good to about 1e-16 relative, for first guesses that a
    /// solver refines anyway.
    ///
    /// - Complexity: O(1), one logarithm and one square root in the tails.
    static func approximateQuantile(_ p: Double) -> Double {
        guard p > 0 && p < 1 else { return quantile(p) }
        let q = p - 0.5
        if abs(q) <= 0.425 { return q * central(0.180625 - q * q) }
        let value = tailQuantile(q < 0 ? p : 1 - p)
        return q < 0 ? -value : value
    }

    /// One Halley step on Φ(x) = tail for x < 0 (the lower tail, where Φ keeps full relative
    /// precision): with u = (Φ(x) − tail)/φ(x), x ← x − u/(1 + x·u/2). It removes AS 241's
    /// last-bit error (Φ⁻¹(0.025000000000000022) becomes mpmath's correctly rounded value).
    private static func refined(_ x: Double, tail: Double) -> Double {
        let phi = density(x)
        guard phi > 0, x.isFinite else { return x }
        let u = (cdf(x) - tail) / phi
        return x - u / (1 + 0.5 * x * u)
    }

    /// The upper-tail quantile: the x with 1 − Φ(x) = q, i.e. −Φ⁻¹(q).
    ///
    /// - Complexity: O(1).
    public static func inverseSurvival(_ q: Double) -> Double {
        -quantile(q)
    }

    /// AS 241, |p − ½| ≤ 0.425: (p − ½)·A(r)/B(r) with r = 0.180625 − (p − ½)².
    private static func central(_ r: Double) -> Double {
        let num =
            (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
                + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
                + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
                + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
        let den =
            (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
                + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
                + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
                + 4.2313330701600911252e1) * r + 1.0)
        return num / den
    }

    /// AS 241 tails: the positive x with 1 − Φ(x) = tail, for tail < 0.075, through
    /// r = √(−ln tail) and rational functions in r − 1.6 (r ≤ 5) or r − 5 (r > 5).
    private static func tailQuantile(_ tail: Double) -> Double {
        var r = (-log(tail)).squareRoot()
        if r <= 5 {
            r -= 1.6
            let num =
                (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                    + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                    + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                    + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let den =
                (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                    + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                    + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                    + 2.05319162663775882187e0) * r + 1.0)
            return num / den
        }
        r -= 5
        let num =
            (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
                + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
                + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
                + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
        let den =
            (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
                + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
                + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
                + 5.99832206555887937690e-1) * r + 1.0)
        return num / den
    }

    /// The two-sided critical value z = Φ⁻¹(1 − α/2) for confidence level `conf` = 1 − α,
    /// computed from the upper tail α/2 so no precision is lost: 1.959963984540054 at 0.95.
    ///
    /// - Precondition: 0 < conf < 1.
    /// - Complexity: O(1).
    public static func criticalValue(confidence conf: Double) -> Double {
        precondition(conf > 0 && conf < 1, "confidence must be in (0, 1)")
        return inverseSurvival((1 - conf) / 2)
    }
}
