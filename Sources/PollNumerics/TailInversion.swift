#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inverts a continuous distribution function on (0, upper] given both tails of the target.
///
/// Newton's method in u = ln t on the logarithm of whichever tail is smaller (so probabilities
/// down to 1e-300 keep full relative precision), safeguarded by a bracket and bisection in u,
/// then two Newton steps in t itself to remove the rounding of exp(u). Source: the
/// safeguarded-Newton scheme of Press et al., *Numerical Recipes*, 3rd ed., §9.4 (rtsafe),
/// applied on the log scale as in DiDonato & Morris, ACM TOMS 18 (1992) 360–373.
struct TailInversion {
    /// The distribution at t: lower tail F(t), upper tail 1 − F(t) (each accurate when small),
    /// and t·F′(t), the derivative of F with respect to ln t.
    typealias Evaluation = (lower: Double, upper: Double, slope: Double)

    /// Finds t in (0, upper] with F(t) = p, where q = 1 − p is given too (the smaller of the two
    /// is used as the target).
    ///
    /// - Parameters:
    ///   - p: lower-tail target in (0, 1).
    ///   - q: upper-tail target, 1 − p.
    ///   - start: first guess, in (0, upper].
    ///   - upper: an upper bound known to satisfy F(upper) ≥ p (may be +∞).
    ///   - evaluate: the distribution at t.
    /// - Complexity: O(iterations × cost of `evaluate`); quadratic convergence, at most 200 steps.
    static func solve(p: Double, q: Double, start: Double, upper: Double,
                      evaluate: (Double) -> Evaluation) -> Double {
        let useLower = p <= q
        let logTarget = useLower ? log(p) : log(q)
        var lo = -Double.infinity
        var hi = upper.isFinite ? log(upper) : Double.infinity
        var u = log(start)
        if !(u < hi) { u = hi.isFinite ? hi - 1 : u }
        var converged = false
        for _ in 0..<200 {
            let t = exp(u)
            let e = evaluate(t)
            // f > 0 means t is past the solution.
            let tail = useLower ? e.lower : e.upper
            let residual = log(tail) - logTarget
            let f = useLower ? residual : -residual
            if f == 0 { return t }
            if f > 0 { hi = u } else { lo = u }
            let derivative = (useLower ? e.slope : -e.slope) / tail
            var next = u - residual / derivative
            if !(next > lo && next < hi) || !next.isFinite {
                if lo.isFinite && hi.isFinite {
                    next = 0.5 * (lo + hi)
                } else if lo.isFinite {
                    next = lo + Swift.max(1, abs(u - lo)) * 2
                } else {
                    next = hi - Swift.max(1, abs(hi - u)) * 2
                }
            }
            let step = next - u
            u = next
            if abs(step) <= 1e-15 || (hi - lo) <= 1e-15 * Swift.max(1, abs(u)) {
                converged = true
                break
            }
        }
        var t = exp(u)
        guard converged else { return t }
        // Polish in t: Newton on the same tail, F′(t) = slope/t.
        for _ in 0..<2 {
            let e = evaluate(t)
            guard e.slope > 0 else { break }
            let delta = useLower ? (e.lower - p) : (q - e.upper)
            let next = t - delta * t / e.slope
            guard next > 0, next.isFinite, !(upper.isFinite && next > upper) else { break }
            if next == t { break }
            t = next
        }
        return t
    }
}
