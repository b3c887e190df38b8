/// Roots of continuous functions of one variable on a bracketing interval.
public enum RootFinding {
    /// Brent's method: the root of `f` in [a, b], where f(a) and f(b) differ in sign.
    ///
    /// Inverse quadratic interpolation and secant steps, falling back to bisection whenever they
    /// would not shrink the bracket fast enough, so it converges at least as surely as bisection
    /// and usually superlinearly. Source: R. P. Brent, *Algorithms for Minimization without
    /// Derivatives*, Prentice-Hall 1973, ch. 4 (procedure zero).
    ///
    /// - Parameters:
    ///   - a: one end of the bracket.
    ///   - b: the other end.
    ///   - relativeTolerance: stop when the bracket is narrower than
    ///     2·relativeTolerance·|x| + absoluteTolerance around the estimate x.
    ///   - absoluteTolerance: see above (use a tiny value such as 1e-300 for roots near 0).
    ///   - f: the function; only its sign and value at the iterates are used.
    /// - Returns: the root estimate, or nil when f(a) and f(b) have the same sign (or are NaN).
    /// - Complexity: at most 400 evaluations of `f`.
    public static func brent(
        _ a: Double, _ b: Double, relativeTolerance: Double = 2.2e-16,
        absoluteTolerance: Double = 1e-300, _ f: (Double) -> Double
    ) -> Double? {
        var a = a, b = b
        var fa = f(a), fb = f(b)
        if fa == 0 { return a }
        if fb == 0 { return b }
        guard fa.sign != fb.sign, !fa.isNaN, !fb.isNaN else { return nil }
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<400 {
            if (fb > 0) == (fc > 0) {
                c = a; fc = fa
                d = b - a; e = d
            }
            if abs(fc) < abs(fb) {
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let tol = 2 * relativeTolerance * abs(b) + 0.5 * absoluteTolerance
            let m = 0.5 * (c - b)
            if abs(m) <= tol || fb == 0 { return b }
            if abs(e) >= tol && abs(fa) > abs(fb) {
                // Interpolate: secant when a == c, inverse quadratic otherwise.
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * m * s
                    q = 1 - s
                } else {
                    let qa = fa / fc, r = fb / fc
                    p = s * (2 * m * qa * (qa - r) - (b - a) * (r - 1))
                    q = (qa - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)) {
                    e = d
                    d = p / q
                } else {
                    d = m; e = m
                }
            } else {
                d = m; e = m
            }
            a = b; fa = fb
            b += abs(d) > tol ? d : (m > 0 ? tol : -tol)
            fb = f(b)
        }
        return b
    }
}
