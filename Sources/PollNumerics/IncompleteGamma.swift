#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regularized incomplete gamma functions P(s, x) = γ(s, x)/Γ(s) and Q(s, x) = 1 − P(s, x).
///
/// Method (Press et al., *Numerical Recipes*, 3rd ed., §6.2; DLMF 8.7.1 and 8.9.2): the power
/// series P = xˢe⁻ˣ/Γ(s + 1)·Σₙ xⁿ/((s + 1)…(s + n)) when x < s + 1, else the continued fraction
/// for Q by the modified Lentz algorithm. The smaller tail is computed directly.
///
/// For s ≥ 10⁵ Temme's uniform expansion (`UniformExpansion` with ρ = 0; Temme, *Special
/// Functions*, 1996, §11.2.4) replaces both near the mean, in O(1) work (the series would need
/// O(√s) terms and stopped at 100 000 of them); away from it the smaller tail is below e^{−1100}
/// and returned as 0.
///
/// Tolerance: 1e-13 relative where the problem is well conditioned; the prefactor xˢe⁻ˣ/Γ(s) is
/// formed through Stirling's formula for s ≥ 8 so that it keeps its precision for large s.
public enum IncompleteGamma {
    /// Both tails (P(s, x), Q(s, x)).
    ///
    /// - Parameters:
    ///   - s: shape, s > 0.
    ///   - x: the point; x ≤ 0 gives (0, 1).
    /// - Returns: (lower P, upper Q); NaNs for bad input.
    /// - Complexity: O(1) for s ≥ 10⁵; otherwise O(√s) terms in the worst case.
    public static func tails(s: Double, x: Double) -> (lower: Double, upper: Double) {
        let e = evaluate(s: s, x: x)
        return (e.lower, e.upper)
    }

    /// ln[xˢe⁻ˣ/Γ(s)]. For s ≥ 8 and |x − s| ≤ s/2 through Stirling's formula with t = (x − s)/s:
    /// = −s·φ(t) + ½ln s − ½ln(2π) − δ(s), φ(t) = t − ln(1 + t) (DiDonato & Morris 1986, RCOMP),
    /// which avoids the cancellation of s·ln x against x + ln Γ(s).
    public static func logPowerTerm(s: Double, x: Double) -> Double {
        let t = (x - s) / s
        // Away from x ≈ s nothing cancels, and 1 + t may be too small to form from t.
        guard s >= 8, abs(t) <= 0.5 else { return s * log(x) - x - LogGamma.value(s) }
        return -s * LogTerms.uMinusLog1p(t) + 0.5 * log(s) - LogGamma.halfLogTwoPi - LogGamma.stirlingRemainder(s)
    }

    /// P(s, x) and Q(s, x) with ln[xˢe⁻ˣ/Γ(s)] (used for derivatives: x·∂P/∂x = exp of it).
    static func evaluate(s: Double, x: Double) -> (lower: Double, upper: Double, logPower: Double) {
        guard s > 0, s.isFinite, !x.isNaN else { return (.nan, .nan, .nan) }
        if x <= 0 { return (0, 1, -.infinity) }
        if x.isInfinite { return (1, 0, -.infinity) }
        // Large shapes near the mean: Temme's uniform expansion (x − s is exact there, Sterbenz).
        if s >= UniformExpansion.minimumShape {
            if x >= 0.5 * s, x <= 2 * s,
                let r = UniformExpansion.tails(a: s, rho: 0, e: (x - s) / s, delta: -LogGamma.stirlingRemainder(s))
            {
                return r
            }
            // Beyond |ξ| = 0.15 the smaller tail is below e^{−1100}: 0 in double precision.
            return x < s ? (0, 1, -.infinity) : (1, 0, -.infinity)
        }
        let logPower = logPowerTerm(s: s, x: x)
        let power = exp(logPower)
        if x < s + 1 {
            // P = power/s · Σ xⁿ/((s + 1)…(s + n)).
            var term = 1.0
            var sum = 1.0
            var denominator = s
            for _ in 0..<100_000 {
                denominator += 1
                term *= x / denominator
                sum += term
                if term < sum * 1e-17 { break }
            }
            let lower = Swift.min(1, power * sum / s)
            if s < 1 && lower > 0.5 {
                return (lower, smallShapeUpper(s: s, x: x), logPower)
            }
            return (lower, 1 - lower, logPower)
        }
        // Q = power · 1/(x + 1 − s − 1(1 − s)/(x + 3 − s − 2(2 − s)/(x + 5 − s − …))).
        let tiny = 1e-300
        var b = x + 1 - s
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 0.0
        for _ in 0..<100_000 {
            i += 1
            let an = -i * (i - s)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 1e-16 { break }
        }
        let upper = Swift.min(1, power * h)
        return (1 - upper, upper, logPower)
    }

    /// Q(s, x) for s < 1 and x < s + 1 where it is below ½, without forming 1 − P: with
    /// E = xˢ/Γ(1 + s) and S = Σₙ≥₁ (−x)ⁿ/((s + n)·n!), P = E·(1 + s·S) (DLMF 8.7.1), so
    /// Q = −expm1(s·ln x − ln Γ(1 + s)) − s·S·E, both terms accurate when Q is small (for a tiny s,
    /// Q ≈ s·E₁(x) ≈ 10⁻³⁰⁰ while 1 − P is 0). The split of DiDonato & Morris, ACM TOMS 12 (1986)
    /// 377–393, §3 (their Taylor-series case for a < 1).
    static func smallShapeUpper(s: Double, x: Double) -> Double {
        // ln Γ(1 + s) = ln Γ(2 + s) − ln(1 + s), both with full relative precision for s ≤ ½
        // (1 + s itself would lose s below 10⁻¹⁶).
        let lnGammaOnePlusS = s <= 0.5 ? LogGamma.lnGammaTwoPlus(s) - log1p(s) : LogGamma.value(1 + s)
        let exponent = s * log(x) - lnGammaOnePlusS
        var sum = 0.0
        var power = 1.0 // (−x)ⁿ/n!
        for n in 1..<200 {
            power *= -x / Double(n)
            let term = power / (s + Double(n))
            sum += term
            if abs(term) <= 1e-17 * abs(sum) { break }
        }
        let upper = -expm1(exponent) - s * sum * exp(exponent)
        return Swift.min(1, Swift.max(0, upper))
    }
}
