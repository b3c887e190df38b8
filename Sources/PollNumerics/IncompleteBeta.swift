internal import CPollKernels

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The regularized incomplete beta function I_x(a, b) = B(x; a, b)/B(a, b), its complement
/// 1 − I_x(a, b) = I_{1−x}(b, a), and their inverses, for shapes a, b > 0 from tiny to beyond 1e9
/// (the Clopper–Pearson and Jeffreys shapes of a poll of a billion).
///
/// Method:
/// - The continued fraction DLMF 8.17.22 evaluated by the forward recurrence of its convergents
///   with rescaling (Press et al., *Numerical Recipes*, 2nd ed., §5.2), on I_x(a, b) when
///   x < (a + 1)/(a + b + 2) and on I_{1−x}(b, a) otherwise, so each call converges and the
///   smaller tail is computed directly rather than as 1 minus something.
/// - The prefactor xᵃ(1 − x)ᵇ/B(a, b) as in DiDonato & Morris, ACM TOMS 18 (1992) 360–373
///   (routines BRCOMP and ALGDIV): for a, b ≥ 8, Stirling's formula with the remainders δ and
///   the exponent written as −[a·φ(d/x₀) + b·φ(−d/y₀)] with φ(u) = u − ln(1 + u),
///   x₀ = a/(a + b), y₀ = b/(a + b), d = x − x₀; for one large shape, ln Γ(b) − ln Γ(a + b) from
///   Stirling differences. A naive ln Γ(a) + ln Γ(b) − ln Γ(a + b) would lose six digits at 1e9.
/// - Both shapes ≥ 10⁵ (polls of 10⁵ to 10³⁰⁰): Temme's uniform asymptotic expansion
///   (`UniformExpansion`; Temme, *Special Functions*, 1996, §11.3.3), O(1) work for any size,
///   where the continued fraction would need O(√shape) steps (hours at 10²⁵); beyond |ξ| = 0.15
///   there the smaller tail is below e^{−1100} and is returned as 0.
/// - Inverses: first, for both shapes above 1 and below 10⁵ with neither in the other's gamma
///   regime, one evaluation at Abramowitz & Stegun's first guess (26.5.22) on the side of ½ it
///   lies on and a fifth-order step of the inverse function's Taylor series (`BetaInverseSeries`),
///   repeated once if needed: for the Clopper–Pearson and Jeffreys bounds of polls this is the
///   quantile with one evaluation, where Newton's method took three or four. Where that does not
///   settle: `TailInversion` (safeguarded Newton on the log of the smaller tail), solving for
///   whichever of x and 1 − x is below ½ so both keep full relative precision; for both shapes
///   ≥ 10⁵, Brent's method in Temme's variable ξ (`UniformExpansion/inverse(p:q:)`), with the
///   quantile formed as the mean plus its offset, so it is the Double nearest the exact quantile
///   even when the distribution is narrower than the spacing of Doubles. For a small shape the
///   first guess is formed as a logarithm (`logStartingPoint(p:q:a:b:)`: the gamma limit
///   I_x(a, b) ≈ P(a, b·x) for b ≫ a, the power law xᵃ/(a·B(a, b)) with ln(a·B(a, b)) kept to full
///   relative precision), so a quantile below the least positive Double is recognised by one
///   evaluation there and returned as 0, and any other takes a handful of evaluations.
/// - No shape makes anything trap: every loop count is bounded, shapes whose sum overflows are
///   halved where only their ratio matters, and the tails are clamped to [0, 1].
///
/// Tolerance: where the problem is well conditioned (κ = x·I′/I near 1) the tests hold I to 1e-13
/// relative against mpmath `betainc`; for the huge shapes the input x itself carries a relative
/// uncertainty of ε, and the tolerance is 1e-13·max(1, κ). The inverse is held to 1e-12 relative.
public enum IncompleteBeta {
    /// Both tails at x: I_x(a, b) and 1 − I_x(a, b), the smaller computed directly.
    ///
    /// - Parameters:
    ///   - x: the point, any real (values ≤ 0 give (0, 1), values ≥ 1 give (1, 0)).
    ///   - a: first shape, a > 0.
    ///   - b: second shape, b > 0.
    /// - Returns: (lower, upper); NaNs when a or b is not a positive finite number or x is NaN.
    /// - Complexity: O(1) for both shapes ≥ 10⁵ (about 10⁴ operations) and in the tails;
    ///   otherwise at most O(√max(a, b)) continued-fraction steps with max(a, b) < 10¹⁰ in that
    ///   regime (one shape below 10⁵ and the other above its square go to the gamma regime).
    public static func tails(x: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        let e = evaluate(x: x, a: a, b: b)
        return (e.lower, e.upper)
    }

    /// I_x(a, b), the regularized incomplete beta function (the Beta(a, b) CDF at x).
    ///
    /// - Complexity: as ``tails(x:a:b:)``.
    public static func regularized(x: Double, a: Double, b: Double) -> Double {
        evaluate(x: x, a: a, b: b).lower
    }

    /// 1 − I_x(a, b) = I_{1−x}(b, a), accurate when it is small.
    ///
    /// - Complexity: as ``tails(x:a:b:)``.
    public static func complement(x: Double, a: Double, b: Double) -> Double {
        evaluate(x: x, a: a, b: b).upper
    }

    /// The x in [0, 1] with I_x(a, b) = p (the Beta(a, b) quantile).
    ///
    /// - Returns: 0 at p = 0, 1 at p = 1; NaN for p outside [0, 1] or bad shapes; 0 (or a
    ///   subnormal) when the exact quantile is below the least normal Double.
    /// - Complexity: one or two evaluations of ``tails(x:a:b:)`` for moderate shapes (both in
    ///   (1, 10⁵)), otherwise a few (≤ 10 typically, ≤ 8 for a shape below 1 against one above 10⁹).
    public static func inverse(p: Double, a: Double, b: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        return inverse(p: p, q: 1 - p, a: a, b: b)
    }

    /// The x in [0, 1] with 1 − I_x(a, b) = q, for upper-tail probabilities too small to
    /// write as 1 − p.
    ///
    /// - Complexity: as ``inverse(p:a:b:)``.
    public static func inverseComplement(q: Double, a: Double, b: Double) -> Double {
        guard q >= 0 && q <= 1 else { return .nan }
        return inverse(p: 1 - q, q: q, a: a, b: b)
    }

    // MARK: - Evaluation

    /// Both tails, the log of the "power term" xᵃ(1 − x)ᵇ/B(a, b) and the term itself, each tail
    /// clamped to [0, 1] (with a shape near 1e-300, ln B(a, b) ≈ 690 carries an absolute rounding
    /// error of 1e-13, which may otherwise carry a tail a few ulps past 1).
    static func evaluate(x: Double, a: Double, b: Double) -> Evaluation {
        let e = unclamped(x: x, a: a, b: b)
        func clamped(_ v: Double) -> Double { v.isNaN ? v : Swift.min(1, Swift.max(0, v)) }
        return (clamped(e.lower), clamped(e.upper), e.logPower, e.power)
    }

    /// Both tails, ln of the power term xᵃ(1 − x)ᵇ/B(a, b) and the power term.
    typealias Evaluation = (lower: Double, upper: Double, logPower: Double, power: Double)

    private static func unclamped(x: Double, a: Double, b: Double) -> Evaluation {
        guard a > 0, b > 0, a.isFinite, b.isFinite, !x.isNaN else { return (.nan, .nan, .nan, .nan) }
        if x <= 0 { return (0, 1, -.infinity, 0) }
        if x >= 1 { return (1, 0, -.infinity, 0) }
        // Exactly one of x and 1 − x is exact: x itself below ½, 1 − x (Sterbenz) from ½ up.
        let y = 1 - x
        let xExact = x < 0.5
        if Swift.min(a, b) >= UniformExpansion.minimumShape {
            if let e = largeShapes(x: x, y: y, a: a, b: b, xExact: xExact) {
                return (e.lower, e.upper, e.logPower, exp(e.logPower))
            }
            // Beyond |ξ| = 0.15 with both shapes ≥ 1e5 the smaller tail is below e^{−1100}: it is 0
            // in double precision (and ln of the power term would be ∞ − ∞ for shapes near 1e308).
            let mean = (a + b).isFinite ? a / (a + b) : (0.5 * a) / (0.5 * a + 0.5 * b)
            return x < mean ? (0, 1, -.infinity, 0) : (1, 0, -.infinity, 0)
        }
        if let expansion = GammaRegimeBeta.tails(x: x, y: y, a: a, b: b, xExact: xExact) {
            let logPower = logPowerTerm(x: x, y: y, a: a, b: b, xExact: xExact)
            return (expansion.lower, expansion.upper, logPower, exp(logPower))
        }
        if x < (a + 1) / (a + b + 2) {
            let (value, logPower, power) = continuedFraction(x: x, y: y, a: a, b: b, xExact: xExact)
            return (value, 1 - value, logPower, power)
        }
        let (value, logPower, power) = continuedFraction(x: y, y: x, a: b, b: a, xExact: !xExact)
        return (1 - value, value, logPower, power)
    }

    /// I_x(a, b) = [xᵃyᵇ/(a·B(a, b))]·(the fraction of ``continuedFractionRatio(x:a:b:)``), with
    /// ln of the power term xᵃyᵇ/B(a, b) and the term itself.
    private static func continuedFraction(
        x: Double, y: Double, a: Double, b: Double,
        xExact: Bool
    ) -> (value: Double, logPower: Double, power: Double) {
        let logPower = logPowerTerm(x: x, y: y, a: a, b: b, xExact: xExact)
        let power = exp(logPower)
        let front = power / a
        if front == 0 { return (0, logPower, power) }
        return (front * continuedFractionRatio(x: x, a: a, b: b), logPower, power)
    }

    /// 1/(1 + d₁/(1 + d₂/(1 + …))), the continued fraction of
    /// I_x(a, b) = [xᵃyᵇ/(a·B(a, b))] / (1 + d₁/(1 + d₂/(1 + …))) (DLMF 8.17.22), with
    /// d_{2m+1} = −(a + m)(a + b + m)x/((a + 2m)(a + 2m + 1)) and d_{2m} = m(b − m)x/((a + 2m − 1)(a + 2m)),
    /// by the forward (Wallis) recurrence of its convergents A_k/B_k: A_k = A_{k−1} + d_k·A_{k−2},
    /// the same for B, A₋₁ = 1, B₋₁ = 0, A₀ = B₀ = 1 (Cuyt et al., *Handbook of Continued Fractions
    /// for Special Functions*, 2008, §1.1; Press et al., *Numerical Recipes*, 2nd ed., §5.2), with A
    /// and B rescaled together when B leaves [1e-100, 1e100] (tested every two pairs). Stops when
    /// two consecutive convergents agree to 2e-16 relative, tested by the cross product
    /// A_{2m}·B_{2m−1} − A_{2m−1}·B_{2m} computed exactly (a fused multiply-add), so the test is met
    /// once the computed convergents agree; the exact product is formed only when the plain one
    /// (whose rounding is at most 2.2e-16 of the product) says the test may pass. The loop needs
    /// no division on its dependency chain where the modified Lentz algorithm (Numerical Recipes,
    /// 3rd ed., §6.4) needs four per pair.
    ///
    /// The loop runs in C (`pollkernels_beta_fraction`), two pairs per pass with both pairs' tests
    /// in one vector, compiled twice: for baseline x86-64 and for x86-64-v3, whose fused
    /// multiply-add is an instruction where baseline x86-64 calls a library function (the
    /// fraction is about half of a Clopper–Pearson bound's time). Both give the same bits.
    static func continuedFractionRatio(x: Double, a: Double, b: Double) -> Double {
        pollkernels_beta_fraction(x, a, b, maximumPairs(a: a, b: b))
    }

    /// ``continuedFractionRatio(x:a:b:)`` from the clone built for baseline x86-64, whatever the
    /// processor (the tests compare the two clones).
    static func baselineContinuedFractionRatio(x: Double, a: Double, b: Double) -> Double {
        pollkernels_beta_fraction_baseline(x, a, b, maximumPairs(a: a, b: b))
    }

    /// At most 10⁷ pairs: shapes that would need more are served by the uniform expansion (and a
    /// Double → Int conversion of 20√(10³⁰⁰) would trap).
    private static func maximumPairs(a: Double, b: Double) -> Int {
        Int(Swift.min(1e7, 1000 + 20 * Swift.max(a, b).squareRoot()))
    }

    /// The mean t₀ = s/(s + l) of Beta(s, l) and u₀ = l/(s + l), each with the rounding error of
    /// its division and of the sum s + l (so t₀ + t₀Lo is exact to about 2⁻¹⁰⁶ relative, as the
    /// expansion's deviation from the mean needs), and Temme's δ = Δ(s + l) − Δ(s) − Δ(l) of
    /// the Stirling remainders. Shapes whose sum overflows are halved first (the ratios are the same).
    private static func meanSplit(
        _ s: Double, _ l: Double
    )
        -> (t0: Double, t0Lo: Double, u0: Double, u0Lo: Double, delta: Double)
    {
        let scale = (s + l).isFinite ? 1.0 : 0.5
        let (ss, ls) = (s * scale, l * scale)
        let sum = ls + ss
        let sumLo = ss - (sum - ls)
        let t0 = ss / sum
        let u0 = ls / sum
        let t0Lo = (fma(-t0, sum, ss) - t0 * sumLo) / sum
        let u0Lo = (fma(-u0, sum, ls) - u0 * sumLo) / sum
        let delta =
            LogGamma.stirlingRemainder(s + l) - LogGamma.stirlingRemainder(s)
            - LogGamma.stirlingRemainder(l)
        return (t0, t0Lo, u0, u0Lo, delta)
    }

    /// Both tails by ``UniformExpansion`` when the smaller shape is large, or nil outside its
    /// regime. The small shape's coordinate t and its distance from the mean t₀ = s/(s + l) are
    /// formed from whichever of x and 1 − x is exact, with t₀'s rounding error carried (as in
    /// ``logPowerTermLargeShapes(x:y:a:b:xExact:)``); shapes whose sum overflows are halved first
    /// (only their ratio enters t₀).
    private static func largeShapes(
        x: Double, y: Double, a: Double, b: Double,
        xExact: Bool
    ) -> (lower: Double, upper: Double, logPower: Double)? {
        let smallIsA = a <= b
        let (s, l) = smallIsA ? (a, b) : (b, a)
        let (t, u) = smallIsA ? (x, y) : (y, x)
        let tExact = smallIsA ? xExact : !xExact
        let (t0, t0Lo, u0, u0Lo, delta) = meanSplit(s, l)
        let d = tExact ? ((t - t0) - t0Lo) : ((u0 - u) + u0Lo)
        guard let r = UniformExpansion.tails(a: s, rho: s / l, e: d / t0, delta: delta) else { return nil }
        return smallIsA ? r : (r.upper, r.lower, r.logPower)
    }

    /// ln[xᵃyᵇ/B(a, b)] with y = 1 − x, where `xExact` says which of x, y is exact (the other is
    /// only its rounded complement and is not used where that would cost precision).
    static func logPowerTerm(x: Double, y: Double, a: Double, b: Double, xExact: Bool) -> Double {
        if a >= 8 && b >= 8 {
            return logPowerTermLargeShapes(x: x, y: y, a: a, b: b, xExact: xExact)
        }
        let logX = xExact ? log(x) : log1p(-y)
        let logY = xExact ? log1p(-x) : log(y)
        if a < 8 && b < 8 {
            let logBeta = LogGamma.value(a) + LogGamma.value(b) - LogGamma.value(a + b)
            return a * logX + b * logY - logBeta
        }
        // One small shape s and one large shape l ≥ 8:
        // −ln B(s, l) = −ln Γ(s) − [ln Γ(l) − ln Γ(s + l)] with (ALGDIV)
        // ln Γ(l) − ln Γ(s + l) = δ(l) − δ(s + l) − s·ln l − l·g(s/l) + ½·ln(1 + s/l),
        // g(w) = (1 + w)ln(1 + w) − w.
        let (small, large) = a < b ? (a, b) : (b, a)
        let w = small / large
        let lgammaRatio =
            LogGamma.stirlingRemainder(large) - LogGamma.stirlingRemainder(small + large)
            - small * log(large) - large * LogTerms.onePlusWLogMinusW(w) + 0.5 * log1p(w)
        return a * logX + b * logY - LogGamma.value(small) - lgammaRatio
    }

    /// ln[xᵃyᵇ/B(a, b)] for a, b ≥ 8 (BRCOMP): with s = a + b, x₀ = a/s, y₀ = b/s, d = x − x₀,
    /// = −[a·φ(d/x₀) + b·φ(−d/y₀)] + ½ln(ab/s) − ½ln(2π) + δ(s) − δ(a) − δ(b).
    private static func logPowerTermLargeShapes(
        x: Double, y: Double, a: Double, b: Double,
        xExact: Bool
    ) -> Double {
        // s = a + b exactly as sHi + sLo (Fast2Sum), then x₀ and y₀ with their rounding errors.
        let (big, little) = a >= b ? (a, b) : (b, a)
        let s = big + little
        let sLo = little - (s - big)
        let x0 = a / s
        let y0 = b / s
        // d = x − x₀ = y₀ − y, formed from whichever of x, y is exact, with the rounding error of
        // x₀ (or y₀): exact a/(s + sLo) − x₀ to first order is (a − x₀·s − x₀·sLo)/s. Only the one
        // needed is formed (a fused multiply-add is a library call on baseline x86-64).
        let d: Double
        if xExact {
            let x0Lo = (fma(-x0, s, a) - x0 * sLo) / s
            d = (x - x0) - x0Lo
        } else {
            let y0Lo = (fma(-y0, s, b) - y0 * sLo) / s
            d = (y0 - y) + y0Lo
        }
        let u = d / x0
        let v = -d / y0
        let exponent: Double
        if abs(u) <= 0.5 && abs(v) <= 0.5 {
            // Near the mean a·ln(1 + u) + b·ln(1 + v) cancels (a·u + b·v = 0): use φ.
            // Both φ terms in the two lanes of one vector (the scalar results, bit for bit).
            let phi = LogTerms.uMinusLog1pSeries(SIMD2(u, v))
            exponent = -(a * phi[0] + b * phi[1])
        } else {
            // Far from the mean 1 + u or 1 + v may be tiny, so take ln(x/x₀) = ln x − ln x₀
            // from the exact coordinate; the two terms no longer cancel.
            let logX = xExact ? log(x) : log1p(-y)
            let logY = xExact ? log1p(-x) : log(y)
            let logXRatio = abs(u) <= 0.5 ? log1p(u) : logX - log(x0)
            let logYRatio = abs(v) <= 0.5 ? log1p(v) : logY - log(y0)
            exponent = a * logXRatio + b * logYRatio
        }
        // δ(s), δ(a) and δ(b) in the lanes of one vector (the scalar results, bit for bit).
        let r = LogGamma.stirlingRemainder(SIMD4(s, a, b, s))
        let remainders = r[0] - r[1] - r[2]
        // ½ln(ab/s) as one logarithm of a·y₀ ≤ a, which neither overflows nor underflows.
        return exponent + 0.5 * log(a * y0) - LogGamma.halfLogTwoPi + remainders
    }

    // MARK: - Inverse

    /// ``inverse(p:a:b:)`` for a caller that has z = Φ⁻¹(p) at hand (a column of quantiles at one
    /// confidence level): z only steers the first guess, so a z within rounding of Φ⁻¹(p) gives
    /// the quantile to the same accuracy, and the same z gives the same bits.
    package static func inverse(p: Double, a: Double, b: Double, normalQuantile z: Double) -> Double {
        guard p >= 0 && p <= 1 else { return .nan }
        return inverse(p: p, q: 1 - p, a: a, b: b, normalQuantile: z)
    }

    /// ``inverseComplement(q:a:b:)`` with z = Φ⁻¹(1 − q) at hand, as
    /// ``inverse(p:a:b:normalQuantile:)``.
    package static func inverseComplement(q: Double, a: Double, b: Double, normalQuantile z: Double) -> Double {
        guard q >= 0 && q <= 1 else { return .nan }
        return inverse(p: 1 - q, q: q, a: a, b: b, normalQuantile: z)
    }

    private static func inverse(p: Double, q: Double, a: Double, b: Double, normalQuantile: Double? = nil) -> Double {
        var evaluations = 0
        return inverse(p: p, q: q, a: a, b: b, normalQuantile: normalQuantile, evaluations: &evaluations)
    }

    /// The quantile, counting the evaluations of ``evaluate(x:a:b:)`` it made outside the
    /// large-shape expansion (the tests hold the count down for tiny and huge shapes); z = Φ⁻¹(p)
    /// for the first guess when the caller has it.
    static func inverse(
        p: Double, q: Double, a: Double, b: Double, normalQuantile z: Double? = nil, evaluations: inout Int
    ) -> Double {
        guard a > 0, b > 0, a.isFinite, b.isFinite, !p.isNaN, !q.isNaN else { return .nan }
        if p == 0 { return 0 }
        if q == 0 { return 1 }
        if Swift.min(a, b) >= UniformExpansion.minimumShape, let x = largeShapesInverse(p: p, q: q, a: a, b: b) {
            return x
        }
        if let side = GuessedSide(p: p, q: q, a: a, b: b, normalQuantile: z),
            let t = seriesQuantile(
                p: side.p, q: side.q, a: side.a, b: side.b, start: side.start, rounds: 2, evaluations: &evaluations)
        {
            return side.answer(t)
        }
        // I_½(a, b) ≥ ½ exactly when a ≤ b (I_½(a, a) = ½ by symmetry, DLMF 8.17.4, and I_x(a, b)
        // decreases in a and increases in b): a lower-tail target p ≤ ¼ with a ≤ b then has its
        // quantile below ½, and an upper-tail target q ≤ ¼ with a ≥ b has it above ½, with no
        // evaluation at ½ (the same decision as the test below, which only the cases in
        // between need).
        if p <= 0.25 && a <= b {
            return solveBelowHalf(p: p, q: q, a: a, b: b, evaluations: &evaluations)
        }
        if q <= 0.25 && a >= b {
            return 1 - solveBelowHalf(p: q, q: p, a: b, b: a, evaluations: &evaluations)
        }
        // Cantelli's one-sided inequality P(X − μ ≥ k) ≤ σ²/(σ² + k²) (k > 0) bounds the tail of
        // Beta(a, b) beyond ½ on the far side of the mean μ = a/(a + b), σ² = μ(1 − μ)/(a + b + 1)
        // (DLMF 8.17 for the moments; Cantelli 1928, Feller II §V.7): a target beyond that bound
        // (with a margin for rounding) has its quantile on the mean's side of ½, without an
        // evaluation at ½. Clopper–Pearson bounds of polls away from an even split decide here.
        let s = a + b
        let mean = a / s
        let variance = mean * (b / s) / (s + 1)
        let distance = abs(mean - 0.5)
        let cantelli = variance / (variance + distance * distance) * (1 + 1e-9)
        if cantelli.isFinite && distance > 0 {
            // μ > ½: I_½ = P(X ≤ ½) ≤ bound < p puts the quantile above ½; μ < ½:
            // 1 − I_½ ≤ bound < q puts it below.
            if mean > 0.5 && p > cantelli {
                return 1 - solveBelowHalf(p: q, q: p, a: b, b: a, evaluations: &evaluations)
            }
            if mean < 0.5 && q > cantelli {
                return solveBelowHalf(p: p, q: q, a: a, b: b, evaluations: &evaluations)
            }
        }
        // Solve for whichever of x, 1 − x is at most ½, deciding on the smaller tail: with
        // q = 1e-300, p = 1 − q rounds to 1 and cannot be compared with I_½ = 1 − e^{−10⁸}.
        let atHalf = evaluate(x: 0.5, a: a, b: b)
        evaluations += 1
        if p <= q ? p <= atHalf.lower : q >= atHalf.upper {
            return solveBelowHalf(p: p, q: q, a: a, b: b, evaluations: &evaluations)
        }
        let y = solveBelowHalf(p: q, q: p, a: b, b: a, evaluations: &evaluations)
        return 1 - y
    }

    /// The quantile for large shapes by ``UniformExpansion/inverse(p:q:)``: solved in ξ, then
    /// x = t₀ + (t₀·e + t₀'s rounding error) on the small shape's side, so the result is the
    /// Double nearest the exact quantile even when the spread of Beta(a, b) is far below the
    /// spacing of Doubles near its mean (a + b = 10³⁰⁰). Nil beyond the expansion's regime.
    private static func largeShapesInverse(p: Double, q: Double, a: Double, b: Double) -> Double? {
        let smallIsA = a <= b
        let (s, l) = smallIsA ? (a, b) : (b, a)
        let (t0, t0Lo, u0, u0Lo, delta) = meanSplit(s, l)
        let expansion = UniformExpansion(a: s, rho: s / l, delta: delta)
        // I_x(a, b) = p is I_t(s, l) = p for t = x, or = q for t = 1 − x.
        guard let e = smallIsA ? expansion.inverse(p: p, q: q) : expansion.inverse(p: q, q: p) else { return nil }
        let offset = t0 * e
        return smallIsA ? t0 + (t0Lo + offset) : u0 + (u0Lo - offset)
    }

    /// The t ≤ ½ with I_t(a, b) = p (and 1 − I_t = q); 0 when it is below the least positive
    /// Double (``TailInversion`` stops at that floor).
    private static func solveBelowHalf(p: Double, q: Double, a: Double, b: Double, evaluations: inout Int) -> Double {
        let logStart = logStartingPoint(p: p, q: q, a: a, b: b)
        // Where the first guess is Abramowitz & Stegun's, the series was tried from it already.
        if !hasAbramowitzStegunGuess(a: a, b: b),
            let t = seriesQuantile(p: p, q: q, a: a, b: b, start: exp(logStart), rounds: 2, evaluations: &evaluations)
        {
            return t
        }
        return TailInversion.solve(p: p, q: q, logStart: logStart, upper: 0.5) { t in
            evaluations += 1
            let e = evaluate(x: t, a: a, b: b)
            // t·f(t) = tᵃ(1 − t)ᵇ⁻¹/B(a, b) = exp(logPower)/(1 − t).
            return (e.lower, e.upper, e.power / (1 - t))
        }
    }

    /// ln of the first guess for the t ≤ ½ with I_t(a, b) = p, 1 − I_t(a, b) = q, kept as a
    /// logarithm because for a small shape a the quantile is often far below the least positive
    /// Double (Beta(0.001, b) at p = 0.025: t ≈ 10⁻¹⁶⁰²/b). In order:
    /// - b ≥ 500(a + 1), where Beta(a, b) is nearly Gamma(a)/b (``GammaRegimeBeta``), t ≈ y/b with
    ///   y a first guess for the Gamma(a) quantile: for an upper-tail target (q < p) with
    ///   L = −ln(q·Γ(a)) > max(1, a), the tail Q(a, y) ≈ y^{a−1}e^{−y}/Γ(a) solved as
    ///   y ≈ L + (a − 1)·ln L (the first-order inversion of DiDonato & Morris, ACM TOMS 12 (1986)
    ///   377–393, §5); else for a ≥ 1 Wilson–Hilferty, y ≈ a(1 − 1/(9a) + z/(3√a))³ (Johnson,
    ///   Kotz & Balakrishnan, *Continuous Univariate Distributions* 1, 2nd ed., §17.5), when
    ///   positive;
    /// - both shapes above 1 (and b not that large): Abramowitz & Stegun 26.5.22, else the normal
    ///   approximation mean ± z·sd, when it lands in (0, ½);
    /// - otherwise the lower-tail power law I_t(a, b) ≈ tᵃ/(a·B(a, b)) (DLMF 8.17.8, leading term),
    ///   ln t ≈ [ln p + ln(a·B(a, b))]/a, with ln p = ln(1 − q) for upper-tail targets; for
    ///   b ≫ a this is the gamma power law P(a, y) ≈ yᵃ/Γ(a + 1) (Temme, *Special Functions*,
    ///   1996, §11.3.3), exact to O(b·t), so for a tiny a Newton's method in ln t, where ln I is
    ///   nearly a·ln t plus a constant, needs one or two steps.
    /// A guess at or above ln ½ is replaced by ln ¼.
    static func logStartingPoint(p: Double, q: Double, a: Double, b: Double) -> Double {
        let logHalf = log(0.5)
        let z = { p <= q ? Normal.approximateQuantile(p) : -Normal.approximateQuantile(q) }
        if b >= GammaRegimeBeta.minimumRatio * (a + 1) {
            var y = 0.0
            let l = -log(q) - LogGamma.value(a)
            if q < p && l > Swift.max(1, a) {
                y = l + (a - 1) * log(l)
            } else if a >= 1 {
                let c = 1 / (9 * a)
                let cube = 1 - c + z() * c.squareRoot()
                y = cube > 0 ? a * cube * cube * cube : 0
            }
            if y > 0 {
                let guess = log(y) - log(b)
                if guess < logHalf { return guess }
            }
        } else if a > 1 && b > 1 {
            // ln[a/(a + b·e^{2w})] = −ln(1 + (b/a)·e^{2w}).
            let guess = -log1p(b / a * exp(2 * abramowitzStegunW(z: z(), a: a, b: b)))
            if guess.isFinite && guess < logHalf { return guess }
            let s = a + b
            let mean = a / s
            // √(ab/(s²(s + 1))) written so that no product overflows for shapes near 10³⁰⁸.
            let sd = (mean * (b / s) / (s + 1)).squareRoot()
            let normalGuess = mean + z() * sd
            if normalGuess > 0 && normalGuess < 0.5 { return log(normalGuess) }
        }
        let logP = p <= q ? log(p) : log1p(-q)
        let guess = (logP + logATimesBeta(a, b)) / a
        return guess < logHalf ? guess : log(0.25)
    }

    /// ln[a·B(a, b)] = ln Γ(1 + a) + ln Γ(b) − ln Γ(a + b), the power law's constant. It is
    /// O(a) for a small shape a, and the power law divides it by a, so it must keep its relative
    /// precision there: for a ≤ 10⁻⁵ and a ≤ 10⁻⁵·b, the first order of the Taylor expansions
    /// ln Γ(1 + a) = −γa + O(a²) and ln Γ(b) − ln Γ(b + a) = −a·ψ(b) + O(a²ψ′(b)) (DLMF 5.7.3,
    /// 5.15.1), −a·(γ + ψ(b)); ln a + ln B(a, b) otherwise, which at a = 10⁻³⁰⁰ would carry an
    /// absolute rounding error of 10⁻¹³, or 10²⁸⁷ once divided by a.
    static func logATimesBeta(_ a: Double, _ b: Double) -> Double {
        if a <= 1e-5 && a <= 1e-5 * b {
            return -a * (LogGamma.eulerGamma + LogGamma.digamma(b))
        }
        return log(a) + logBetaFunction(a, b)
    }

    /// ln B(a, b) without cancellation for any positive finite shapes: ln Γ sums when both are
    /// below 8; ln Γ(s) + [ln Γ(l) − ln Γ(s + l)] by Stirling differences (ALGDIV) for one small
    /// shape s; for both ≥ 8, a·ln x₀ + b·ln y₀ − ½ln(a·y₀) + ½ln(2π) − Δ at the mean x₀ = a/(a + b)
    /// (BRCOMP's prefactor, Δ = δ(a + b) − δ(a) − δ(b)).
    static func logBetaFunction(_ a: Double, _ b: Double) -> Double {
        if a < 8 && b < 8 {
            return LogGamma.value(a) + LogGamma.value(b) - LogGamma.value(a + b)
        }
        let (small, large) = a < b ? (a, b) : (b, a)
        if small < 8 {
            let w = small / large
            let lgammaRatio =
                LogGamma.stirlingRemainder(large) - LogGamma.stirlingRemainder(small + large)
                - small * log(large) - large * LogTerms.onePlusWLogMinusW(w) + 0.5 * log1p(w)
            return LogGamma.value(small) + lgammaRatio
        }
        let rho = small / large
        let x0 = rho / (1 + rho), y0 = 1 / (1 + rho)
        let delta =
            LogGamma.stirlingRemainder(small + large) - LogGamma.stirlingRemainder(small)
            - LogGamma.stirlingRemainder(large)
        return small * log(x0) - large * log1p(rho) - 0.5 * log(small * y0) + LogGamma.halfLogTwoPi - delta
    }
}
