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
///
/// The iterates never go below u = ln(least positive Double) (≈ −744.4): there the distribution
/// is evaluated at that Double itself, and when it is already past the target the solution
/// underflows and 0 is returned (a Beta(0.001, n) quantile at 0.025 is about 10⁻¹⁶⁰²/n). Without
/// that floor, exp(u) = 0 gives a tail of 0, an infinite residual and a bracket that only
/// bisection on an unbounded interval could close (hundreds of evaluations).
struct TailInversion {
    /// The distribution at t: lower tail F(t), upper tail 1 − F(t) (each accurate when small),
    /// and t·F′(t), the derivative of F with respect to ln t.
    typealias Evaluation = (lower: Double, upper: Double, slope: Double)

    /// Finds t in [0, upper] with F(t) = p, where q = 1 − p is given too (the smaller of the two
    /// is used as the target).
    ///
    /// - Parameters:
    ///   - p: lower-tail target in (0, 1).
    ///   - q: upper-tail target, 1 − p.
    ///   - start: first guess, in (0, upper].
    ///   - upper: an upper bound known to satisfy F(upper) ≥ p (may be +∞).
    ///   - evaluate: the distribution at t.
    /// - Returns: the solution, or 0 when it lies below the least positive Double.
    /// - Complexity: O(iterations × cost of `evaluate`); quadratic convergence, at most 200 steps.
    static func solve(
        p: Double, q: Double, start: Double, upper: Double,
        evaluate: (Double) -> Evaluation
    ) -> Double {
        solve(p: p, q: q, logStart: log(start), upper: upper, evaluate: evaluate)
    }

    /// As ``solve(p:q:start:upper:evaluate:)`` with the first guess given by its logarithm, which
    /// may lie below ln(least positive Double) (it is raised to that floor).
    static func solve(
        p: Double, q: Double, logStart: Double, upper: Double,
        evaluate: (Double) -> Evaluation
    ) -> Double {
        let useLower = p <= q
        let logTarget = useLower ? log(p) : log(q)
        let floor = log(Double.leastNonzeroMagnitude)
        var lo = -Double.infinity
        var hi = upper.isFinite ? log(upper) : Double.infinity
        var u = logStart.isNaN ? (hi.isFinite ? hi - 1 : 0) : Swift.max(floor, logStart)
        if !(u < hi) { u = hi.isFinite ? hi - 1 : u }
        var converged = false
        var previousStep = Double.infinity
        for _ in 0..<200 {
            let atFloor = u <= floor
            let t = atFloor ? Double.leastNonzeroMagnitude : exp(u)
            let e = evaluate(t)
            // f > 0 means t is past the solution.
            let tail = useLower ? e.lower : e.upper
            let residual = log(tail) - logTarget
            let f = useLower ? residual : -residual
            if f == 0 { return t }
            if f > 0 {
                // Past the solution at the least positive Double: the solution underflows.
                if atFloor { return 0 }
                hi = u
            } else {
                lo = u
            }
            let derivative = (useLower ? e.slope : -e.slope) / tail
            let newtonStep = -residual / derivative
            // Stop once a Newton step is below 1e-8·max(1, |u|) (Newton is quadratic: the error
            // left after the step is about K·step², K = ½|R″/R′| of the residual R(u), of the order
            // of z·√shape, so at most 1e-13 relative for shapes up to 10⁵ (larger ones are
            // inverted by their expansion), and the polish in t below, which starts from there,
            // leaves K·(1e-13)²; stopping at 1e-10 instead took one more evaluation for nothing
            // in the usual case of a step of 1e-9 from a start within 1e-3), or when small steps
            // stop shrinking: the tail then carries rounding noise larger than the remaining error
            // (an upper tail of 0.025 formed at ε absolute precision, with a log-slope of 0.04 for
            // a shape of 0.001, leaves u uncertain by 1e-13). Testing before the bracket matters:
            // a step below half an ulp of u would otherwise land on the bracket's end and be
            // replaced by a bisection step. A subnormal t is resolved only to the least positive
            // Double, a relative step of leastNonzero/t.
            let scale = Swift.max(1, abs(u))
            let resolution = Swift.max(1e-8 * scale, 2 * Double.leastNonzeroMagnitude / t)
            let inside = u + newtonStep > lo && u + newtonStep < hi
            if newtonStep.isFinite,
                abs(newtonStep) <= resolution
                    || (inside && abs(newtonStep) <= 1e-7 * scale && abs(newtonStep) >= 0.5 * abs(previousStep))
            {
                if inside { u += newtonStep }
                converged = true
                break
            }
            previousStep = newtonStep
            var next = u + newtonStep
            if next < floor && lo < floor { next = floor }
            if !(next > lo && next < hi) || !next.isFinite {
                if lo.isFinite && hi.isFinite {
                    next = 0.5 * (lo + hi)
                } else if lo.isFinite {
                    next = lo + Swift.max(1, abs(u - lo)) * 2
                } else {
                    next = Swift.max(floor, hi - Swift.max(1, abs(hi - u)) * 2)
                    if next >= u { next = floor }
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
        // Polish in t: Newton on the same tail, F′(t) = slope/t. After a step that moved t by δ
        // (relative) the error left is about K·δ², K = t·F″(t)/(2F′(t)), which near a quantile of
        // a beta or gamma distribution is of the order of z·√shape: after δ ≤ 1e-13 it is below
        // 1e-16 for shapes up to 10⁶ and below the tolerance (1e-12) for any shape this solver
        // sees, so the second step (one more evaluation) is taken only after a larger first one.
        for _ in 0..<2 {
            let e = evaluate(t)
            guard e.slope > 0 else { break }
            let delta = useLower ? (e.lower - p) : (q - e.upper)
            let next = t - delta * t / e.slope
            guard next > 0, next.isFinite, !(upper.isFinite && next > upper) else { break }
            if next == t { break }
            let moved = abs(next - t)
            t = next
            if moved <= 1e-13 * t { break }
        }
        return t
    }
}
