#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// I_x(a, b) when one shape is far larger than the other (a Clopper–Pearson or Jeffreys bound
/// for a small count out of a large n): the regime where Beta(a, b) is nearly Gamma(a)/b and
/// the continued fraction, whose terms then hold 1 − (a number near 1), loses up to
/// ε/x of relative precision.
///
/// With s the small shape, l the large one and t the small shape's coordinate, substitute
/// u = −(l − 1)·ln(1 − t), w = u/(l − 1):
///
///     I_t(s, l) = R · Σₖ cₖ · γ(s + k, U)/Γ(s) / (l − 1)ᵏ,   U = −(l − 1)·ln(1 − t),
///     R = Γ(s + l)/(Γ(l)·(l − 1)ˢ),   Σₖ cₖwᵏ = e⁻ʷ·((1 − e⁻ʷ)/w)^{s−1},
///
/// and the same with Γ(s + k, U) for the upper tail. Every term is a regularized incomplete gamma
/// value times (s)ₖ/(l − 1)ᵏ, so both tails are sums of positive-leading terms computed directly,
/// without subtraction. The series is the expansion behind DiDonato & Morris's BGRAT (ACM TOMS 18
/// (1992) 360–373, §4) and Temme's uniform expansions (*Special Functions*, 1996, §11.3); the
/// terms fall like (s²/2l)ᵏ/k!, so it is used only when l ≥ 500·(s + 1) and l ≥ s².
enum GammaRegimeBeta {
    /// The ratio of the shapes above which the expansion is used.
    static let minimumRatio = 500.0
    /// Terms of the series at most.
    static let maxTerms = 24

    /// Both tails of I_x(a, b), or nil outside the regime.
    static func tails(x: Double, y: Double, a: Double, b: Double, xExact: Bool) -> (lower: Double, upper: Double)? {
        let smallIsA = a <= b
        let (s, l) = smallIsA ? (a, b) : (b, a)
        // The coefficients grow like (s/2)ᵏ/k! against (l − 1)⁻ᵏ·(s)ₖ, so the terms behave like
        // (s²/2l)ᵏ/k!: require s² ≤ l as well.
        guard l >= minimumRatio * (s + 1), s * s <= l else { return nil }
        // ln(1 − t) for the small shape's coordinate t, from whichever coordinate is exact.
        let logOneMinusT: Double
        if smallIsA {
            logOneMinusT = xExact ? log1p(-x) : log(y)
        } else {
            logOneMinusT = xExact ? log(x) : log1p(-y)
        }
        let lm1 = l - 1
        let u = -lm1 * logOneMinusT
        // ln R = ln Γ(s + l) − ln Γ(l) − s·ln(l − 1), from Stirling differences (ALGDIV):
        // ln Γ(l) − ln Γ(s + l) = δ(l) − δ(s + l) − s·ln l − l·g(s/l) + ½·ln(1 + s/l), g as in
        // LogTerms.onePlusWLogMinusW.
        // With ln(l − 1) = ln l + ln(1 − 1/l) the s·ln l terms cancel exactly:
        // ln R = δ(s + l) − δ(l) + l·g(s/l) − ½·ln(1 + s/l) − s·ln(1 − 1/l).
        let w = s / l
        let logR =
            LogGamma.stirlingRemainder(s + l) - LogGamma.stirlingRemainder(l)
            + l * LogTerms.onePlusWLogMinusW(w) - 0.5 * log1p(w) - s * log1p(-1 / l)
        let r = exp(logR)
        let c = coefficients(s: s, count: maxTerms)
        var lowerSum = 0.0
        var upperSum = 0.0
        var pochhammer = 1.0 // (s)ₖ
        var scale = 1.0 // (l − 1)⁻ᵏ
        for k in 0..<maxTerms {
            let tails = IncompleteGamma.tails(s: s + Double(k), x: u)
            let weight = c[k] * pochhammer * scale
            let lowerTerm = weight * tails.lower
            let upperTerm = weight * tails.upper
            lowerSum += lowerTerm
            upperSum += upperTerm
            if abs(lowerTerm) <= 1e-17 * abs(lowerSum) && abs(upperTerm) <= 1e-17 * abs(upperSum) { break }
            pochhammer *= s + Double(k)
            scale /= lm1
        }
        let lowerSmall = r * lowerSum
        let upperSmall = r * upperSum
        return smallIsA ? (lowerSmall, upperSmall) : (upperSmall, lowerSmall)
    }

    /// Taylor coefficients c₀…c_{n−1} of f(w) = e⁻ʷ·g(w)^{s−1}, g(w) = (1 − e⁻ʷ)/w
    /// = Σ (−w)ᵏ/(k + 1)!, by power-series logarithm and exponential:
    /// h = ln g with hₙ = gₙ − (1/n)Σₖ₌₁ⁿ⁻¹ k·hₖ·gₙ₋ₖ; F = −w + (s − 1)h; f = exp F with
    /// fₙ = (1/n)Σₖ₌₁ⁿ k·Fₖ·fₙ₋ₖ (Knuth, TAOCP 2, §4.7).
    static func coefficients(s: Double, count n: Int) -> [Double] {
        var g = [Double](repeating: 0, count: n)
        var factorial = 1.0
        for k in 0..<n {
            factorial *= Double(k + 1)
            g[k] = (k % 2 == 0 ? 1 : -1) / factorial
        }
        var h = [Double](repeating: 0, count: n)
        for m in 1..<n {
            var sum = 0.0
            for k in 1..<m { sum += Double(k) * h[k] * g[m - k] }
            h[m] = g[m] - sum / Double(m)
        }
        var bigF = h.map { (s - 1) * $0 }
        if n > 1 { bigF[1] -= 1 }
        var f = [Double](repeating: 0, count: n)
        f[0] = 1
        for m in 1..<n {
            var sum = 0.0
            for k in 1...m { sum += Double(k) * bigF[k] * f[m - k] }
            f[m] = sum / Double(m)
        }
        return f
    }
}
