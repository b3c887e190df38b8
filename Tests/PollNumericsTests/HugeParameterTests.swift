import Numerics
import Testing

@testable import PollNumerics

/// The special functions at huge shapes (10⁵ to 10³⁰⁸): against HugeParameterReferences (mpmath
/// quadrature, scipy + mpmath refinement; see scripts/references/edges.py), and a property test
/// that nothing traps or leaves [0, 1] for any positive finite shapes.
///
/// Tolerances, as definitions: a tail T is within rtol·max(1, κ) of its reference, where
/// κ = x·|∂T/∂x|/T is its condition number with respect to x (the input x carries a relative
/// uncertainty ε, so no method can beat ε·κ); rtol = 1e-13. Quantiles within 1e-12 relative.
@Suite("Special functions at huge shapes")
struct HugeParameterTests {
    @Test("I_x(a, b) and its complement within 1e-13·max(1, κ), smaller shape 1e5 to 5e24")
    func incompleteBeta() {
        let rows = HugeParameterReferences.incompleteBeta
        #expect(rows.count == 72)
        var worst = 0.0
        for row in rows {
            let e = IncompleteBeta.evaluate(x: row.x, a: row.a, b: row.b)
            for (value, expected) in [(e.lower, row.lower), (e.upper, row.upper)] {
                let kappa = max(1, SpecialFunctionTests.condition(x: row.x, a: row.a, b: row.b, tail: expected))
                let error = relativeError(value, expected)
                worst = max(worst, error / kappa)
                #expect(
                    error <= 1e-13 * kappa,
                    "I_\(row.x)(\(row.a), \(row.b)) = \(value), mpmath \(expected), κ = \(kappa)")
            }
        }
        print("largest relative error/κ, incomplete beta at huge shapes: \(worst)")
    }

    @Test("P(s, x) and Q(s, x) within 1e-13·max(1, κ), s = 1e5 to 1e20")
    func incompleteGamma() {
        let rows = HugeParameterReferences.incompleteGamma
        #expect(rows.count == 30)
        var worst = 0.0
        for row in rows {
            let e = IncompleteGamma.evaluate(s: row.s, x: row.x)
            for (value, expected) in [(e.lower, row.lower), (e.upper, row.upper)] {
                // κ = x·P′(x)/T = exp(logPower)/T.
                let kappa = max(1, Double.exp(e.logPower) / expected)
                let error = relativeError(value, expected)
                worst = max(worst, error / kappa)
                #expect(error <= 1e-13 * kappa, "P(\(row.s), \(row.x)) = \(value), mpmath \(expected), κ = \(kappa)")
            }
        }
        print("largest relative error/κ, incomplete gamma at huge shapes: \(worst)")
    }

    @Test("Beta quantiles within 1e-12 relative, shapes 1e5 to 1e15, p down to 1e-200")
    func inverse() {
        let rows = HugeParameterReferences.inverseBeta
        #expect(rows.count == 7)
        for row in rows {
            let value = IncompleteBeta.inverse(p: row.p, a: row.a, b: row.b)
            #expect(
                value.isApproximatelyEqual(to: row.expected, relativeTolerance: 1e-12),
                "I⁻¹(\(row.p); \(row.a), \(row.b)) = \(value), reference \(row.expected)")
            let viaComplement = IncompleteBeta.inverseComplement(q: 1 - row.p, a: row.a, b: row.b)
            // 1 − p is the same problem only where its rounding is negligible against p.
            if row.p >= 1e-3 {
                #expect(viaComplement.isApproximatelyEqual(to: row.expected, relativeTolerance: 1e-12))
            }
        }
    }

    /// Magnitudes from subnormal to the largest Double.
    static let magnitudes: [Double] = [
        Double.leastNonzeroMagnitude, Double.leastNormalMagnitude / 64, 1e-300, 1e-100, 1e-5, 0.5, 1, 7.5, 1e3, 99_999,
        1e5,
        3e7, 1e15, 1e25, 1e100, 1e150, 1e250, 1e300, 1e305, 1e308, Double.greatestFiniteMagnitude,
    ]

    @Test(
        "No trap, no NaN, tails in [0, 1] summing to 1, for every pair of positive finite shapes",
        arguments: magnitudes)
    func neverTraps(a: Double) {
        #expect(Self.magnitudes.count == 21)
        for b in Self.magnitudes {
            let s = a + b
            let mean = s.isFinite ? a / s : a / 2 / (a / 2 + b / 2)
            for x in [0, 1e-300, 1e-20, 0.3, 0.5, 1 - 1e-16, 1, mean, mean * (1 - 1e-9), mean * (1 + 1e-9)] {
                let t = IncompleteBeta.tails(x: x, a: a, b: b)
                #expect(t.lower >= 0 && t.lower <= 1 && t.upper >= 0 && t.upper <= 1, "I_\(x)(\(a), \(b)) = \(t)")
                #expect(abs(t.lower + t.upper - 1) <= 1e-12, "I_\(x)(\(a), \(b)) = \(t)")
            }
            for p in [1e-300, 0.025, 0.5, 0.975] {
                let x = IncompleteBeta.inverse(p: p, a: a, b: b)
                #expect(x >= 0 && x <= 1, "I⁻¹(\(p); \(a), \(b)) = \(x)")
            }
        }
        for x in [1e-300, 0.5 * a, a, 2 * a, a + a.squareRoot(), 1e300] {
            let t = IncompleteGamma.tails(s: a, x: x)
            #expect(t.lower >= 0 && t.lower <= 1 && t.upper >= 0 && t.upper <= 1, "P(\(a), \(x)) = \(t)")
            #expect(abs(t.lower + t.upper - 1) <= 1e-12, "P(\(a), \(x)) = \(t)")
        }
    }

    @Test("Non-finite shapes and points give NaN, not a trap")
    func nonFinite() {
        for bad in [Double.nan, .infinity, -.infinity, 0, -1] {
            #expect(IncompleteBeta.regularized(x: 0.5, a: bad, b: 2).isNaN)
            #expect(IncompleteBeta.regularized(x: 0.5, a: 2, b: bad).isNaN)
            #expect(IncompleteBeta.inverse(p: 0.5, a: bad, b: 2).isNaN)
            #expect(IncompleteGamma.tails(s: bad, x: 1).lower.isNaN)
        }
        #expect(IncompleteBeta.inverse(p: .nan, a: 1e20, b: 1e20).isNaN)
        #expect(IncompleteBeta.regularized(x: .nan, a: 1e20, b: 1e20).isNaN)
        #expect(IncompleteGamma.tails(s: 1e20, x: .nan).lower.isNaN)
    }

    @Test("The uniform expansion agrees with the continued fraction where both apply (shape 1e5)")
    func continuity() {
        // The continued fraction is exact here (O(√b) steps are affordable at 1e5); the two
        // methods meet at the switch.
        let a = UniformExpansion.minimumShape, b = 3e5
        for k in [-8.0, -2, 0, 1.5, 6] {
            let mean = a / (a + b)
            let x = mean + k * (mean * (1 - mean) / (a + b)).squareRoot()
            let expansion = IncompleteBeta.evaluate(x: x, a: a, b: b)
            let below = IncompleteBeta.evaluate(x: x, a: a.nextDown, b: b)
            let kappa = max(1, SpecialFunctionTests.condition(x: x, a: a, b: b, tail: expansion.lower))
            // Shapes one ulp apart: the tails differ by far less than 1e-12.
            #expect(relativeError(below.lower, expansion.lower) <= 1e-12 * kappa, "k = \(k)")
        }
    }

    // MARK: A tiny or fractional shape against a huge one

    /// Tolerance (definition) for quantiles that may underflow: a reference below the least normal
    /// Double (the exact quantile is subnormal or below the least positive Double and rounds to 0)
    /// is matched by 0 or any subnormal; otherwise within 1e-12 relative.
    static func quantileMatches(_ value: Double, _ reference: Double) -> Bool {
        if reference < Double.leastNormalMagnitude { return value >= 0 && value < Double.leastNormalMagnitude }
        return value.isApproximatelyEqual(to: reference, relativeTolerance: 1e-12)
    }

    @Test(
        "Quantiles for a tiny or fractional shape and a huge one, underflow included",
        arguments: HugeParameterReferences.smallShapeInverse)
    func smallShapeInverse(tail: String, probability: Double, a: Double, b: Double, expected: Double) {
        #expect(HugeParameterReferences.smallShapeInverse.count == 14)
        let value =
            tail == "lower"
            ? IncompleteBeta.inverse(p: probability, a: a, b: b)
            : IncompleteBeta.inverseComplement(q: probability, a: a, b: b)
        #expect(
            Self.quantileMatches(value, expected),
            "\(tail) \(probability) of Beta(\(a), \(b)): \(value), mpmath \(expected)")
        // The mirror image: Beta(b, a) at the other tail is 1 − the same quantile.
        let mirrored =
            tail == "lower"
            ? IncompleteBeta.inverseComplement(q: probability, a: b, b: a)
            : IncompleteBeta.inverse(p: probability, a: b, b: a)
        // 1 − mirrored carries an absolute rounding of 1.1e-16; below 5e-17 the quantile rounds to 1.
        if expected >= 1e-15 {
            #expect((1 - mirrored).isApproximatelyEqual(to: expected, relativeTolerance: 1e-12 + 2.3e-16 / expected))
        } else if expected < 5e-17 {
            #expect(mirrored == 1, "mirror: \(mirrored)")
        }
    }

    static let tinyShapes: [Double] = [
        Double.leastNonzeroMagnitude, Double.leastNormalMagnitude / 64, 1e-300, 1e-100, 1e-5, 0.001, 0.3,
    ]

    @Test(
        "A tiny shape against a huge one: a handful of evaluations per quantile, not hundreds",
        arguments: tinyShapes)
    func tinyShapeEvaluationCount(a: Double) {
        #expect(Self.tinyShapes.count == 7)
        var most = 0
        for b in [1e9, 1e20, 1e100, 1e150, 1e250, 1e300, 1e308, Double.greatestFiniteMagnitude] {
            for p in [1e-300, 1e-10, 0.025, 0.5, 0.975, 1 - 1e-10] {
                for (pp, qq) in [(p, 1 - p), (1 - p, p)] {
                    for (s, l) in [(a, b), (b, a)] {
                        var evaluations = 0
                        let x = IncompleteBeta.inverse(p: pp, q: qq, a: s, b: l, evaluations: &evaluations)
                        most = max(most, evaluations)
                        #expect(x >= 0 && x <= 1, "I⁻¹(\(pp), \(qq); \(s), \(l)) = \(x)")
                        #expect(evaluations <= 12, "I⁻¹(\(pp), \(qq); \(s), \(l)): \(evaluations) evaluations")
                    }
                }
            }
        }
        print("most evaluations for a = \(a): \(most)")
    }
}
