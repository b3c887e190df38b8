import Numerics
import Testing

@testable import PollNumerics

/// Relative error |v − f|/|f|, or |v − f| when f = 0.
func relativeError(_ value: Double, _ expected: Double) -> Double {
    expected == 0 ? abs(value) : abs(value - expected) / abs(expected)
}

/// Special functions against SpecialFunctionReferences (mpmath at 50 digits, see
/// scripts/references/special_functions.py). Tolerances, as definitions:
/// |computed − reference| ≤ rtol·|reference| with the rtol named in each test.
@Suite("Special functions against mpmath")
struct SpecialFunctionTests {
    @Test("Φ(x) within 1e-13 relative, x from −37.5 to 8")
    func normalCDF() {
        var worst = 0.0
        for row in SpecialFunctionReferences.normalCDF {
            let error = relativeError(Normal.cdf(row.x), row.expected)
            worst = max(worst, error)
            #expect(error <= 1e-13, "Φ(\(row.x)) = \(Normal.cdf(row.x)), mpmath \(row.expected)")
        }
        print("largest relative error, normal CDF: \(worst)")
    }

    @Test("1 − Φ(x) within 1e-13 relative, x up to 37.5")
    func normalSurvival() {
        var worst = 0.0
        for row in SpecialFunctionReferences.normalSF {
            let error = relativeError(Normal.survival(row.x), row.expected)
            worst = max(worst, error)
            #expect(error <= 1e-13, "1 − Φ(\(row.x)) = \(Normal.survival(row.x)), mpmath \(row.expected)")
        }
        print("largest relative error, normal survival: \(worst)")
    }

    @Test("Φ⁻¹(p) within 1e-13 relative, p from 1e-300 to 1 − 1e-16")
    func normalQuantile() {
        var worst = 0.0
        for row in SpecialFunctionReferences.normalQuantile {
            let value = Normal.quantile(row.p)
            let error = relativeError(value, row.expected)
            worst = max(worst, error)
            #expect(error <= 1e-13, "Φ⁻¹(\(row.p)) = \(value), mpmath \(row.expected)")
        }
        print("largest relative error, normal quantile: \(worst)")
    }

    @Test("ln Γ(x) within 1e-14 relative (exact zeros at 1 and 2)")
    func logGamma() {
        var worst = 0.0
        for row in SpecialFunctionReferences.logGamma {
            let value = LogGamma.value(row.x)
            let error = relativeError(value, row.expected)
            worst = max(worst, error)
            #expect(error <= 1e-14, "lnΓ(\(row.x)) = \(value), mpmath \(row.expected)")
        }
        print("largest relative error, log-gamma: \(worst)")
    }

    /// The condition number of I_x(a, b) with respect to x for the tail `tail`:
    /// κ = x·|∂I/∂x|/tail = exp(logPower)/((1 − x)·tail). The input x is only known to ±ε
    /// relative, so no method can beat ε·κ.
    static func condition(x: Double, a: Double, b: Double, tail: Double) -> Double {
        let e = IncompleteBeta.evaluate(x: x, a: a, b: b)
        return Double.exp(e.logPower) / ((1 - x) * tail)
    }

    @Test("I_x(a, b) within 1e-13·max(1, κ) relative, shapes 0.5 to 1e9")
    func incompleteBeta() {
        var worst = 0.0
        var worstScaled = 0.0
        for row in SpecialFunctionReferences.incompleteBeta {
            let value = IncompleteBeta.regularized(x: row.x, a: row.a, b: row.b)
            let kappa = max(1, Self.condition(x: row.x, a: row.a, b: row.b, tail: row.expected))
            let error = relativeError(value, row.expected)
            worst = max(worst, error)
            worstScaled = max(worstScaled, error / kappa)
            #expect(
                error <= 1e-13 * kappa,
                "I_\(row.x)(\(row.a), \(row.b)) = \(value), mpmath \(row.expected), κ = \(kappa)")
        }
        print("largest relative error, incomplete beta: \(worst) (largest error/κ: \(worstScaled))")
    }

    @Test("1 − I_x(a, b) within 1e-13·max(1, κ) relative where it is small")
    func incompleteBetaComplement() {
        var worst = 0.0
        for row in SpecialFunctionReferences.incompleteBetaComplement {
            let value = IncompleteBeta.complement(x: row.x, a: row.a, b: row.b)
            let kappa = max(1, Self.condition(x: row.x, a: row.a, b: row.b, tail: row.expected))
            let error = relativeError(value, row.expected)
            worst = max(worst, error / kappa)
            #expect(
                error <= 1e-13 * kappa,
                "1 − I_\(row.x)(\(row.a), \(row.b)) = \(value), mpmath \(row.expected), κ = \(kappa)")
        }
        print("largest relative error/κ, incomplete beta complement: \(worst)")
    }

    @Test("Inverse incomplete beta within 1e-12 relative, including Clopper–Pearson shapes at n = 1e9")
    func inverseIncompleteBeta() {
        var worst = 0.0
        for row in SpecialFunctionReferences.inverseIncompleteBeta {
            let value = IncompleteBeta.inverse(p: row.p, a: row.a, b: row.b)
            let error = relativeError(value, row.expected)
            worst = max(worst, error)
            #expect(error <= 1e-12, "I⁻¹(\(row.p); \(row.a), \(row.b)) = \(value), mpmath \(row.expected)")
        }
        print("largest relative error, inverse incomplete beta: \(worst)")
    }

    @Test("Chi-square quantile within 1e-12 relative")
    func chiSquareQuantile() {
        var worst = 0.0
        for row in SpecialFunctionReferences.chiSquareQuantile {
            let value = ChiSquared.quantile(row.p, degreesOfFreedom: row.df)
            let error = relativeError(value, row.expected)
            worst = max(worst, error)
            #expect(error <= 1e-12, "χ²⁻¹(\(row.p); \(row.df)) = \(value), mpmath \(row.expected)")
        }
        print("largest relative error, chi-square quantile: \(worst)")
    }
}

@Suite("Special functions: edges")
struct SpecialFunctionEdgeTests {
    @Test("NaN in, NaN out")
    func nanPropagates() {
        #expect(Normal.cdf(.nan).isNaN)
        #expect(Normal.survival(.nan).isNaN)
        #expect(Normal.quantile(.nan).isNaN)
        #expect(LogGamma.value(.nan).isNaN)
        #expect(IncompleteBeta.regularized(x: .nan, a: 2, b: 3).isNaN)
        #expect(IncompleteBeta.regularized(x: 0.5, a: .nan, b: 3).isNaN)
        #expect(IncompleteBeta.inverse(p: .nan, a: 2, b: 3).isNaN)
        #expect(ChiSquared.quantile(.nan, degreesOfFreedom: 1).isNaN)
    }

    @Test("Endpoints and infinities")
    func endpoints() {
        #expect(Normal.cdf(-.infinity) == 0)
        #expect(Normal.cdf(.infinity) == 1)
        #expect(Normal.survival(.infinity) == 0)
        #expect(Normal.quantile(0) == -.infinity)
        #expect(Normal.quantile(1) == .infinity)
        #expect(Normal.quantile(0.5) == 0)
        #expect(Normal.quantile(1.5).isNaN)
        #expect(LogGamma.value(0) == .infinity)
        #expect(LogGamma.value(-1).isNaN)
        #expect(LogGamma.value(.infinity) == .infinity)
        #expect(IncompleteBeta.regularized(x: 0, a: 2, b: 3) == 0)
        #expect(IncompleteBeta.regularized(x: 1, a: 2, b: 3) == 1)
        #expect(IncompleteBeta.complement(x: 1, a: 2, b: 3) == 0)
        #expect(IncompleteBeta.inverse(p: 0, a: 2, b: 3) == 0)
        #expect(IncompleteBeta.inverse(p: 1, a: 2, b: 3) == 1)
        #expect(IncompleteBeta.regularized(x: 0.5, a: 0, b: 3).isNaN)
        #expect(ChiSquared.quantile(0, degreesOfFreedom: 3) == 0)
        #expect(ChiSquared.quantile(1, degreesOfFreedom: 3) == .infinity)
    }

    /// At conf = 0.95 the upper tail is (1 − 0.95)/2 = 0.025000000000000022 in binary. mpmath
    /// (`findroot(lambda t: ncdf(-t) - q, 1.96)` at 40 digits) puts Φ⁻¹ of it at
    /// 1.95996398454005385…, whose nearest Double is 1.9599639845400538; scipy's
    /// `stats.norm.isf(0.025000000000000022)` (what statsmodels uses) returns 1.959963984540054,
    /// one unit in the last place above.
    @Test("The 95% critical value is correctly rounded and within 1 ulp of scipy's")
    func criticalValue() {
        let z = Normal.criticalValue(confidence: 0.95)
        #expect(z == 1.9599639845400538)
        #expect(z.isApproximatelyEqual(to: 1.959963984540054, relativeTolerance: 2.3e-16))
    }

    @Test("Symmetry: Φ(−x) + Φ(x) = 1 and I_x(a, b) + I_{1−x}(b, a) = 1")
    func symmetry() {
        for x in stride(from: -6.0, through: 6.0, by: 0.25) {
            #expect((Normal.cdf(x) + Normal.cdf(-x)).isApproximatelyEqual(to: 1, relativeTolerance: 1e-15))
        }
        for (a, b) in [(0.5, 0.5), (2.5, 7.0), (354.4, 446.6), (1e6, 3e6)] {
            for x in [0.01, 0.2, 0.443, 0.5, 0.8] {
                let sum =
                    IncompleteBeta.regularized(x: x, a: a, b: b) + IncompleteBeta.regularized(x: 1 - x, a: b, b: a)
                #expect(sum.isApproximatelyEqual(to: 1, relativeTolerance: 1e-13), "a = \(a), b = \(b), x = \(x)")
            }
        }
    }

    @Test("Inverse and forward incomplete beta agree (round trip)")
    func roundTrip() {
        for (a, b) in [(0.5, 0.5), (1, 1e9), (354.4, 446.6), (2.5, 1e4), (5e8, 5e8 + 1)] {
            for p in [1e-12, 0.025, 0.5, 0.975, 1 - 1e-9] {
                let x = IncompleteBeta.inverse(p: p, a: a, b: b)
                // Beta(½, ½) at p = 1 − 1e-9 has 1 − x ≈ 2.5e-18, which rounds x to 1: no
                // Double lies there to evaluate at.
                if x == 1 { continue }
                let back = IncompleteBeta.tails(x: x, a: a, b: b)
                let tail = p <= 0.5 ? back.lower : back.upper
                let target = p <= 0.5 ? p : 1 - p
                let kappa = max(1, SpecialFunctionTests.condition(x: x, a: a, b: b, tail: tail))
                #expect(relativeError(tail, target) <= 1e-13 * kappa, "a = \(a), b = \(b), p = \(p)")
            }
        }
    }
}
