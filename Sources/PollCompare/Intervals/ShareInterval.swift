import PollNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A confidence interval for one share (a proportion), from x of n respondents.
///
/// Formulas (α = 1 − conf, z = Φ⁻¹(1 − α/2), p = x/n, q = 1 − p):
/// - Wald: p ± z√(pq/n), clipped to [0, 1].
/// - Wilson: [p + z²/2n ± z√(pq/n + z²/4n²)]/(1 + z²/n), clipped to [0, 1].
/// - Wilson with continuity correction (Newcombe 1998, method 4; R `prop.test(x, n)`): Wilson's
///   lower bound at p − 1/(2n) = (x − ½)/n and upper bound at p + 1/(2n) = (x + ½)/n, i.e.
///   L = [2np + z² − 1 − z√(z² − 2 − 1/n + 4p(nq + 1))]/(2(n + z²)),
///   U = [2np + z² + 1 + z√(z² + 2 − 1/n + 4p(nq − 1))]/(2(n + z²)); L = 0 when x ≤ ½ and
///   U = 1 when x ≥ n − ½ (the corrected share has left [0, 1]; for n ≤ 1 that is [0, 1] itself),
///   as R does. The closed forms above hold only inside those limits: used at x = 0.3 they
///   would give a positive lower bound, and at n < 1 an interval narrower than Wilson's.
/// - Agresti–Coull: ñ = n + z², p̃ = (x + z²/2)/ñ, p̃ ± z√(p̃(1 − p̃)/ñ), clipped to [0, 1].
/// - Clopper–Pearson: [B⁻¹(α/2; x, n − x + 1), B⁻¹(1 − α/2; x + 1, n − x)], 0 at x = 0, 1 at x = n.
/// - Jeffreys: the α/2 and 1 − α/2 quantiles of Beta(x + ½, n − x + ½).
/// - Mid-p: L solves ½[I_L(x, n − x + 1) + I_L(x + 1, n − x)] = α/2 and U solves
///   ½[(1 − I_U(x + 1, n − x)) + (1 − I_U(x, n − x + 1))] = α/2 (the binomial tails with half the
///   probability of the observed count, continued to real x by the incomplete beta function);
///   U = 1 − α^{1/n} at x = 0, L = α^{1/n} at x = n.
/// - Likelihood ratio: {p : 2n·KL(p̂ ‖ p) ≤ χ²₁(1 − α) = z²}, KL the binomial Kullback–Leibler
///   divergence; at x = 0 the upper bound is 1 − exp(−z²/2n). Each bound is found to full
///   relative precision, however far from p̂ (x = 0.1 of n = 10 has a lower bound near 1.4e-85):
///   the lower bound by Brent's method in ln t, the upper in ln(1 − t), with KL written in those
///   logarithms, then Newton steps in whichever of t and 1 − t is below ½.
///
/// Counts may be fractional (x = p·n_eff for a weighted poll), as in statsmodels and R; a share
/// becomes a count by ``Counts/count(share:of:)``. Every method answers for any n up to 10³⁰⁰
/// in O(1) work (the beta quantiles switch to Temme's uniform expansion for large shapes, see
/// PollNumerics' `IncompleteBeta`).
public struct ShareInterval: Equatable, Sendable {
    /// The method used.
    public let method: ShareIntervalMethod
    /// Lower bound (proportion).
    public let lower: Double
    /// Upper bound (proportion).
    public let upper: Double

    /// The interval for `count` successes out of `sampleSize` respondents.
    ///
    /// - Parameters:
    ///   - count: x, 0 ≤ x ≤ n (may be fractional).
    ///   - sampleSize: n > 0 (may be fractional, e.g. an effective sample size).
    ///   - confidence: the level and its z (default 95%).
    ///   - method: the interval method.
    /// - Throws: ``PollCompareError`` for n ≤ 0 or x outside [0, n].
    /// - Complexity: O(1) for the closed forms; a few incomplete-beta evaluations for
    ///   Clopper–Pearson and Jeffreys; a bracketed root search for mid-p and likelihood ratio.
    ///   None grows with n (n up to 10³⁰⁰ answers in well under a millisecond per bound).
    public init(
        count: Double, sampleSize: Double, confidence: ConfidenceLevel = .ninetyFive,
        method: ShareIntervalMethod
    ) throws(PollCompareError) {
        try Shares.validateSampleSize(sampleSize, name: "sample size")
        guard count >= 0 && count <= sampleSize else {
            throw .countOutOfRange(name: "count", value: count, n: sampleSize)
        }
        self.method = method
        (lower, upper) = Self.bounds(
            count: count, share: count / sampleSize, trials: sampleSize,
            confidence: confidence, method: method)
    }

    /// The interval for a share p of an (effective) sample of n: the count is
    /// x = ``Counts/count(share:of:)`` (p·n, snapped to an integer within 1e-9 of one).
    ///
    /// - Throws: ``PollCompareError`` for n ≤ 0 or not finite, or p outside [0, 1] or NaN.
    /// - Complexity: as ``init(count:sampleSize:confidence:method:)``.
    public init(
        share: Double, sampleSize: Double, confidence: ConfidenceLevel = .ninetyFive,
        method: ShareIntervalMethod
    ) throws(PollCompareError) {
        try Shares.validateSampleSize(sampleSize, name: "sample size")
        try Shares.validate([("share", share)])
        self.method = method
        (lower, upper) = Self.bounds(
            count: Counts.count(share: share, of: sampleSize), share: share,
            trials: sampleSize,
            confidence: confidence, method: method)
    }

    /// The bounds without validation; p = x/n is passed in so that callers starting from a share
    /// and from a count each keep their exact input.
    static func bounds(
        count x: Double, share p: Double, trials n: Double, confidence: ConfidenceLevel,
        method: ShareIntervalMethod
    ) -> (Double, Double) {
        let (lower, upper) = unorderedBounds(count: x, share: p, trials: n, confidence: confidence, method: method)
        switch method {
        case .wilson, .wilsonCC, .clopperPearson, .midP, .likelihoodRatio:
            // These intervals contain p̂ by construction; at n near 10¹⁰⁰ the rounding of the shapes
            // n − x and x + 1 (or of (x ± ½)/n) may put a bound one ulp past p, never the exact one.
            return (Swift.min(lower, p), Swift.max(upper, p))
        case .wald, .agrestiCoull, .jeffreys:
            return (lower, upper)
        }
    }

    private static func unorderedBounds(
        count x: Double, share p: Double, trials n: Double, confidence: ConfidenceLevel,
        method: ShareIntervalMethod
    ) -> (Double, Double) {
        let z = confidence.z
        let alpha = confidence.alpha
        let q = 1 - p
        switch method {
        case .wald:
            let variance = p * q / n
            // For n near 10³⁰⁰ pq/n underflows; √(n·pq)/n does not.
            let margin = variance >= tinyVariance ? z * variance.squareRoot() : z * (n * p * q).squareRoot() / n
            return clipped(p - margin, p + margin)
        case .wilson:
            return wilson(p: p, n: n, z: z)
        case .wilsonCC:
            // Wilson at the corrected shares (x ∓ ½)/n; outside (0, 1) the bound is the end itself.
            let below = (x - 0.5) / n, above = (x + 0.5) / n
            let lower = below <= 0 ? 0 : wilson(p: below, n: n, z: z).0
            let upper = above >= 1 ? 1 : wilson(p: above, n: n, z: z).1
            return (lower, upper)
        case .agrestiCoull:
            let z2 = z * z
            let nTilde = n + z2
            let pTilde = (x + z2 / 2) / nTilde
            let variance = pTilde * (1 - pTilde) / nTilde
            let margin =
                variance >= tinyVariance
                ? z * variance.squareRoot()
                : z * (nTilde * pTilde * (1 - pTilde)).squareRoot() / nTilde
            return clipped(pTilde - margin, pTilde + margin)
        case .clopperPearson:
            // z = Φ⁻¹(1 − α/2) steers the first guesses (Φ⁻¹(α/2) = −z).
            let lower = x == 0 ? 0 : IncompleteBeta.inverse(p: alpha / 2, a: x, b: n - x + 1, normalQuantile: -z)
            let upper =
                x == n ? 1 : IncompleteBeta.inverseComplement(q: alpha / 2, a: x + 1, b: n - x, normalQuantile: z)
            return (lower, upper)
        case .jeffreys:
            let a = x + 0.5, b = n - x + 0.5
            return (
                IncompleteBeta.inverse(p: alpha / 2, a: a, b: b, normalQuantile: -z),
                IncompleteBeta.inverseComplement(q: alpha / 2, a: a, b: b, normalQuantile: z)
            )
        case .midP:
            return midP(x: x, n: n, alpha: alpha)
        case .likelihoodRatio:
            return likelihoodRatio(x: x, n: n, z: z)
        }
    }

    /// Wilson's score interval, the form statsmodels uses, clipped to [0, 1], exact at p = 0 and 1.
    @inline(__always)
    static func wilson(p: Double, n: Double, z: Double) -> (Double, Double) {
        // With t = z²/n: centre (p + t/2)/(1 + t), margin z·√(pq/n + t/4n)/(1 + t); two
        // divisions per interval, so the column loop stays cheap.
        let inverseN = 1 / n
        let t = z * z * inverseN
        let scale = 1 / (1 + t)
        let center = (p + 0.5 * t) * scale
        let variance = p * (1 - p) * inverseN + 0.25 * t * inverseN
        // For n near 10³⁰⁰ the variance underflows; n·variance = x·q + z²/4 does not.
        let margin =
            variance >= tinyVariance
            ? z * variance.squareRoot() * scale
            : z * (n * p * (1 - p) + 0.25 * z * z).squareRoot() * inverseN * scale
        // At p = 0 (p = 1) the lower (upper) bound is exactly 0 (1); the formula leaves a rounding
        // residue of order 1e-17 there.
        var lower = p == 0 ? 0 : Swift.max(0, center - margin)
        if p > 0 && margin > 0.5 * center {
            // centre − margin cancels for small p: with c = p + t/2 and m² = z²(pq/n + t/4n),
            // c² − m² = p²(1 + t), so the lower bound is p²/(c + m′) with m′ = margin·(1 + t),
            // every term positive (p = 1e-10 of 100 keeps its 16 digits instead of none).
            lower = p * p / (p + 0.5 * t + margin / scale)
        }
        return (lower, p == 1 ? 1 : Swift.min(1, center + margin))
    }

    /// Below this a variance is formed as (n·variance)/n² instead, so that it does not lose
    /// precision to gradual underflow (only for n beyond about 10¹⁴⁰).
    static let tinyVariance = 1e-280

    @inline(__always)
    static func clipped(_ lower: Double, _ upper: Double) -> (Double, Double) {
        (Swift.max(0, lower), Swift.min(1, upper))
    }

    /// Mid-p bounds. The lower bound L solves f(t) = ½[I_t(x, n − x + 1) + I_t(x + 1, n − x)] = α/2.
    /// Since I_t(x, n − x + 1) ≥ I_t(x + 1, n − x), L lies between the beta quantiles
    /// t₁ = B⁻¹(α/2; x, n − x + 1) (f(t₁) ≤ α/2) and the smaller of t₂ = B⁻¹(α/2; x + 1, n − x)
    /// and t₃ = B⁻¹(α; x, n − x + 1) (f ≥ α/2 at both). The upper bound U solves
    /// g(t) = ½[(1 − I_t(x + 1, n − x)) + (1 − I_t(x, n − x + 1))] = α/2, g decreasing, between the
    /// larger of the upper quantiles u₁ (at α/2, shapes x, n − x + 1) and u₃ (at α, shapes x + 1,
    /// n − x), where g ≥ α/2, and u₂ (at α/2, shapes x + 1, n − x), where g ≤ α/2.
    ///
    /// t₃ and u₃ matter for fractional counts: for x = 0.001, t₁ is about 10⁻¹⁶⁰²/n and t₂ about
    /// 0.025/n, and only t₃ = 0 (it underflows too) shows that L does; for x below 1, u₁ is far below
    /// U while u₃ is within a factor 1.3 of it. The root is found by ``root(in:_:_:)``, in ln t
    /// first when the bracket spans more than a factor 2, and when the bracket is one Double that
    /// Double is the answer (n ≥ 10¹⁶ or so, where the quantiles agree to the last bit).
    private static func midP(x: Double, n: Double, alpha: Double) -> (Double, Double) {
        let target = alpha / 2
        var lower = 0.0, upper = 1.0
        if x == n {
            lower = exp(log(alpha) / n)
        } else if x > 0 {
            // ½[P(X ≥ x) + P(X ≥ x + 1)] at p = L, increasing in L.
            let f = { (t: Double) -> Double in
                0.5
                    * (IncompleteBeta.regularized(x: t, a: x, b: n - x + 1)
                        + IncompleteBeta.regularized(x: t, a: x + 1, b: n - x)) - target
            }
            let t1 = IncompleteBeta.inverse(p: target, a: x, b: n - x + 1)
            let t2 = IncompleteBeta.inverse(p: target, a: x + 1, b: n - x)
            let t3 = IncompleteBeta.inverse(p: alpha, a: x, b: n - x + 1)
            lower = root(in: t1, Swift.min(t2, t3), f)
        }
        if x == 0 {
            upper = -expm1(log(alpha) / n)
        } else if x < n {
            // ½[P(X ≤ x) + P(X ≤ x − 1)] at p = U, decreasing in U; −g is increasing.
            let g = { (t: Double) -> Double in
                target - 0.5
                    * (IncompleteBeta.complement(x: t, a: x + 1, b: n - x)
                        + IncompleteBeta.complement(x: t, a: x, b: n - x + 1))
            }
            let u1 = IncompleteBeta.inverseComplement(q: target, a: x, b: n - x + 1)
            let u2 = IncompleteBeta.inverseComplement(q: target, a: x + 1, b: n - x)
            let u3 = IncompleteBeta.inverseComplement(q: alpha, a: x + 1, b: n - x)
            upper = root(in: Swift.max(u1, u3), u2, g)
        }
        return (lower, upper)
    }

    /// The root of the increasing function f in [lo, hi] (f(lo) ≤ 0 ≤ f(hi) up to the rounding of
    /// the quantiles that make the bracket), 0 ≤ lo, hi ≤ 1; the end nearer the root when
    /// rounding left no sign change.
    ///
    /// A bracket of one Double (or an inverted one, from rounding) is its own answer. When lo is
    /// 0 and f is already ≥ 0 at the least positive Double, the root underflows and is 0. A bracket
    /// spanning more than a factor 2 is narrowed by Brent's method in ln t to 1e-9 relative, then
    /// Brent's method in t finishes with an absolute tolerance of the least positive Double, so
    /// bounds near 10⁻³⁰⁰ keep their full relative precision.
    ///
    /// - Complexity: O(log(ln(hi/lo))) + O(1) evaluations of f (Brent's method, superlinear).
    static func root(in lo: Double, _ hi: Double, _ f: (Double) -> Double) -> Double {
        if !(lo < hi) { return hi }
        var lo = lo, hi = hi
        let tiny = Double.leastNonzeroMagnitude
        if lo == 0 {
            if f(tiny) >= 0 { return 0 }
            lo = tiny
        }
        if hi > 2 * lo {
            let g = { (u: Double) -> Double in f(exp(u)) }
            if let u = RootFinding.brent(log(lo), log(hi), relativeTolerance: 1e-11, absoluteTolerance: 1e-11, g) {
                let t = exp(u)
                let a = Swift.max(lo, t * (1 - 1e-9)), b = Swift.min(hi, t * (1 + 1e-9))
                if a < b, f(a) <= 0, f(b) >= 0 { (lo, hi) = (a, b) }
            }
        }
        // No sign change: the rounding of the quantiles put the root at an end.
        return RootFinding.brent(lo, hi, relativeTolerance: 2.2e-16, absoluteTolerance: tiny, f)
            ?? (f(lo) > 0 ? lo : hi)
    }

    private static func likelihoodRatio(x: Double, n: Double, z: Double) -> (Double, Double) {
        let c = z * z
        // x/n below the least positive Double (x = 1e-300 of n = 1e100): the lower bound is below
        // it too, and the upper bound is the x = 0 one to a relative O((x/c)·ln(n/x)) < 1e-12.
        if x == 0 || x / n == 0 { return (0, -expm1(-c / (2 * n))) }
        if x == n { return (exp(-c / (2 * n)), 1) }
        let ratio = LikelihoodRatioBounds(x: x, n: n, c: c)
        return (ratio.lower(), ratio.upper())
    }
}

/// The two bounds of the likelihood-ratio interval for 0 < x < n: the roots of
/// S(t) = 2n·KL(p̂ ‖ t) − c on either side of p̂, to full relative precision.
///
/// KL is written with d = t − p̂ formed from whichever of t and s = 1 − t is exact, as
/// p̂·φ(d/p̂) + q̂·φ(−d/q̂), φ(u) = u − ln(1 + u) (``LogTerms/uMinusLog1p(_:)``) while |u| ≤ ½, and
/// as d − p̂(ln t − ln p̂) (respectively −d − q̂(ln s − ln q̂)) with the exact logarithm beyond, so
/// the statistic keeps its precision at t = 1e-85 as well as next to p̂. The lower root is
/// bracketed by doubling steps and found by Brent's method in u = ln t, the upper in v = ln s,
/// then polished by Newton steps in whichever of t and s is below ½ (S′(t) = 2n·d/(t·s)), so
/// the rounding of exp(u) does not cost |u|·ε of relative precision.
struct LikelihoodRatioBounds {
    let x: Double, n: Double, c: Double
    let pHat: Double, qHat: Double, logP: Double, logQ: Double

    init(x: Double, n: Double, c: Double) {
        self.x = x
        self.n = n
        self.c = c
        pHat = x / n
        qHat = (n - x) / n
        logP = log(pHat)
        logQ = log(qHat)
    }

    /// S at the point with d = t − p̂ and the logarithms of t and s = 1 − t.
    func statistic(d: Double, logT: Double, logS: Double) -> Double {
        let u = d / pHat, v = -d / qHat
        let first = abs(u) <= 0.5 ? pHat * LogTerms.uMinusLog1p(u) : d - pHat * (logT - logP)
        let second = abs(v) <= 0.5 ? qHat * LogTerms.uMinusLog1p(v) : -d - qHat * (logS - logQ)
        return 2 * n * (first + second) - c
    }

    /// S with t exact.
    func statistic(t: Double) -> Double {
        statistic(d: t - pHat, logT: log(t), logS: log1p(-t))
    }

    /// S with s = 1 − t exact.
    func statistic(s: Double) -> Double {
        statistic(d: qHat - s, logT: log1p(-s), logS: log(s))
    }

    /// The root below p̂ (0 if it underflows).
    func lower() -> Double { bound(below: true) }

    /// The root above p̂ (1 if 1 − U underflows).
    func upper() -> Double { bound(below: false) }

    /// One bound, solved in the logarithm of whichever of t and s = 1 − t is below ½ there
    /// (decided by the sign of S(½)), with the statistic evaluated from that coordinate.
    private func bound(below: Bool) -> Double {
        let atHalf = statistic(t: 0.5)
        let halfInside = atHalf <= 0
        // Is the bound on the t ≤ ½ side?
        let tSide = below ? (pHat <= 0.5 || halfInside) : !(pHat >= 0.5 || halfInside)
        if tSide {
            let g = { (u: Double) -> Double in
                // At ln p̂ itself d is 0 (exp(ln p̂) is p̂ only to a rounding, and at n = 1e100 that
                // rounding alone would make S positive).
                let t = u == self.logP ? self.pHat : exp(u)
                return self.statistic(d: t - self.pHat, logT: u, logS: log1p(-t))
            }
            let root: Double?
            if below {
                root = logRoot(top: Swift.min(logP, log(0.5)), g)
            } else {
                // S rises from −c at p̂ to S(½) > 0.
                root = RootFinding.brent(logP, log(0.5), relativeTolerance: 1e-16, absoluteTolerance: 1e-300, g)
            }
            guard let u = root else { return 0 }
            return polish(t: exp(u))
        }
        let g = { (v: Double) -> Double in
            let s = v == self.logQ ? self.qHat : exp(v)
            return self.statistic(d: self.qHat - s, logT: log1p(-s), logS: v)
        }
        let root: Double?
        if below {
            // t in (½, p̂): s in (q̂, ½), where S rises from −c at q̂ to S(½) > 0.
            root = RootFinding.brent(logQ, log(0.5), relativeTolerance: 1e-16, absoluteTolerance: 1e-300, g)
        } else {
            root = logRoot(top: Swift.min(logQ, log(0.5)), g)
        }
        guard let v = root else { return 1 }
        return 1 - polish(s: exp(v))
    }

    /// The root of g below `top`, where g(top) ≤ 0 and g grows as its argument falls:
    /// doubling steps down to a positive value, then Brent's method. Nil when the root lies below
    /// ln(least positive Double).
    private func logRoot(top: Double, _ g: (Double) -> Double) -> Double? {
        var step = 1.0
        var low = top - step
        while !(g(low) > 0) {
            step *= 2
            low = top - step
            if low < -746 { return nil }
        }
        return RootFinding.brent(low, top, relativeTolerance: 1e-16, absoluteTolerance: 1e-300, g)
    }

    /// Newton steps in t (t < ½ or the lower bound): each changes t by a rounding error only.
    private func polish(t start: Double) -> Double {
        var t = start
        for _ in 0..<3 {
            let d = t - pHat
            let slope = 2 * n * d / (t * (1 - t))
            let next = t - statistic(t: t) / slope
            guard next.isFinite, abs(next - t) <= 1e-9 * t else { break }
            if next == t { break }
            t = next
        }
        return t
    }

    /// Newton steps in s = 1 − t for an upper bound above ½.
    private func polish(s start: Double) -> Double {
        var s = start
        for _ in 0..<3 {
            let d = qHat - s
            let slope = 2 * n * d / (s * (1 - s))
            let next = s + statistic(s: s) / slope
            guard next.isFinite, abs(next - s) <= 1e-9 * s else { break }
            if next == s { break }
            s = next
        }
        return s
    }
}
