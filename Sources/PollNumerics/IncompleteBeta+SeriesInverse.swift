#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The first attempt of every Beta quantile whose shapes allow it: Abramowitz & Stegun's first
/// guess, one evaluation there and a ``BetaInverseSeries`` step (repeated once where the step asks
/// for it), which for moderate shapes (the Clopper–Pearson and Jeffreys bounds of most polls) is
/// the quantile to within rounding. Where it does not settle, the quantile's side of ½ is decided
/// and the quantile searched there (``TailInversion``).
extension IncompleteBeta {
    /// A quantile target and the side of ½ its first guess lies on, as the problem solved there:
    /// t ≤ ½ with I_t(a, b) = p and 1 − I_t(a, b) = q, where (p, q, a, b) are the target's, or for
    /// a guess above ½ its tails and shapes swapped, the answer then being 1 − t.
    struct GuessedSide {
        let p: Double, q: Double, a: Double, b: Double
        /// Whether the answer is 1 − t.
        let mirrored: Bool
        /// The first guess for t, in [2⁻¹⁰⁰⁰, ½].
        let start: Double

        /// The problem for a quantile target, or nil where the guess below is not used: a shape
        /// at most 1, one shape in the gamma regime of the other, or one at least
        /// ``UniformExpansion/minimumShape`` (evaluated by that expansion, not the fraction).
        ///
        /// - Parameters:
        ///   - p: lower-tail target in (0, 1), q = 1 − p its upper tail.
        ///   - a: first shape.
        ///   - b: second shape.
        ///   - normalQuantile: Φ⁻¹(p) if the caller has it (computed here otherwise).
        init?(p: Double, q: Double, a: Double, b: Double, normalQuantile: Double?) {
            guard hasAbramowitzStegunGuess(a: a, b: b), Swift.min(a, b) < UniformExpansion.minimumShape
            else { return nil }
            let z = normalQuantile ?? (p <= q ? Normal.approximateQuantile(p) : -Normal.approximateQuantile(q))
            // The guess is a/(a + b·e^{2w}), and 1 − guess = b/(b + a·e^{−2w}).
            let e2w = exp(2 * abramowitzStegunW(z: z, a: a, b: b))
            guard e2w > 0, e2w.isFinite else { return nil }
            if a <= b * e2w {
                (self.p, self.q, self.a, self.b, mirrored, start) = (p, q, a, b, false, a / (a + b * e2w))
            } else {
                (self.p, self.q, self.a, self.b, mirrored, start) = (q, p, b, a, true, b / (b + a / e2w))
            }
            guard start >= 0x1p-1000, start <= 0.5 else { return nil }
        }

        /// The target's quantile from the solution t on this side.
        func answer(_ t: Double) -> Double { mirrored ? 1 - t : t }
    }

    /// Whether both shapes are above 1 and neither is in the gamma regime of the other, where
    /// Abramowitz & Stegun's guess (``abramowitzStegunW(z:a:b:)``) is the first one.
    static func hasAbramowitzStegunGuess(a: Double, b: Double) -> Bool {
        let ratio = GammaRegimeBeta.minimumRatio
        return a > 1 && b > 1 && b < ratio * (a + 1) && a < ratio * (b + 1)
    }

    /// The series step at t for the problem I_t(a, b) = p, 1 − I_t = q, given both tails and the
    /// power term there: σ = residual/(t·f(t)) on the smaller tail, with
    /// t·f(t) = tᵃ(1 − t)ᵇ⁻¹/B(a, b) = power/(1 − t).
    static func step(
        p: Double, q: Double, a: Double, b: Double, t: Double, lower: Double, upper: Double, power: Double
    ) -> BetaInverseSeries.Step {
        guard power > 0 else { return .diverging }
        let residual = p <= q ? p - lower : upper - q
        return BetaInverseSeries.step(t0: t, sigma: residual * (1 - t) / power, a: a, b: b)
    }

    /// The t ≤ ½ with I_t(a, b) = p from an evaluation at `start` and a ``BetaInverseSeries``
    /// step, repeated from the closer point while the step asks for it, `rounds` times at most;
    /// nil when the series does not settle (a first guess too far off, or one in the subnormal
    /// range where the logarithmic search of ``TailInversion`` is needed) or settles above ½.
    static func seriesQuantile(
        p: Double, q: Double, a: Double, b: Double, start: Double, rounds: Int, evaluations: inout Int
    ) -> Double? {
        guard start >= 0x1p-1000, start < 1 else { return nil }
        var t = start
        for _ in 0..<rounds {
            let e = evaluate(x: t, a: a, b: b)
            evaluations += 1
            switch step(p: p, q: q, a: a, b: b, t: t, lower: e.lower, upper: e.upper, power: e.power) {
            case .quantile(let x):
                return x > 0 && x <= 0.5 ? x : nil
            case .closer(let x):
                guard x > 0, x < 1 else { return nil }
                t = x
            case .diverging:
                return nil
            }
        }
        return nil
    }

    /// Abramowitz & Stegun 26.5.22 (Paulson's normal approximation to ½ ln F, as in Numerical
    /// Recipes' `invbetai` and Boost's `ibeta_inv` start) for shapes a, b > 1: with y = −z the upper
    /// normal point of the target (z = Φ⁻¹(p)), λ = (y² − 3)/6, h = 2/(1/(2a − 1) + 1/(2b − 1)),
    /// w = y√(h + λ)/h − (1/(2b − 1) − 1/(2a − 1))(λ + 5/6 − 2/(3h)), the quantile is about
    /// a/(a + b·e^{2w}) and its complement b/(b + a·e^{−2w}). The relative error is O(1/(a + b))
    /// where the normal approximation's is O(1/√(a + b)): median 1e-6, at most 4e-4 for the
    /// Clopper–Pearson shapes of polls of 100 to 3000 with both counts at least 30.
    static func abramowitzStegunW(z: Double, a: Double, b: Double) -> Double {
        let y = -z
        let lambda = (y * y - 3) * (1.0 / 6.0)
        let ra = 1 / (2 * a - 1), rb = 1 / (2 * b - 1)
        // 1/h = (ra + rb)/2 and h itself, with one division.
        let inverseH = 0.5 * (ra + rb)
        let h = 1 / inverseH
        return y * (h + lambda).squareRoot() * inverseH - (rb - ra) * (lambda + 5.0 / 6.0 - (2.0 / 3.0) * inverseH)
    }
}
