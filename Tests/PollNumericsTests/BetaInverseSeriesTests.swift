import Testing

@testable import PollNumerics

/// The one-evaluation Beta quantile: the series step of `BetaInverseSeries` against the mpmath
/// quantiles of SpecialFunctionReferences, and the number of evaluations a Clopper–Pearson bound
/// takes.
///
/// Tolerances: a step from a first guess 1e-6 off (relative) lands within 1e-14 relative of the
/// mpmath quantile (the quantile's own tolerance is 1e-12; the step's truncation is below 1e-17,
/// what is left is the evaluation's rounding times the quantile's condition number).
@Suite("Beta quantiles from one evaluation and a series step")
struct BetaInverseSeriesTests {
    /// The reference rows whose shapes are both in (1, 10⁵) and whose tail is not astronomically
    /// small (the series path's domain).
    static let moderateRows = SpecialFunctionReferences.inverseIncompleteBeta.filter {
        $0.a > 1 && $0.b > 1 && $0.a < 1e5 && $0.b < 1e5 && $0.p >= 1e-10 && $0.p <= 1 - 1e-10
    }

    @Test("A step from 1e-6 off lands within 1e-14 of mpmath's quantile")
    func stepFromPerturbedGuess() {
        #expect(Self.moderateRows.count == 32)
        for row in Self.moderateRows {
            // Solve on the side of ½ the quantile lies on, as the solver does.
            let lowerSide = row.expected <= 0.5
            let (p, q, a, b) = lowerSide ? (row.p, 1 - row.p, row.a, row.b) : (1 - row.p, row.p, row.b, row.a)
            let exact = lowerSide ? row.expected : 1 - row.expected
            for offset in [1e-6, -1e-6] {
                let t0 = exact * (1 + offset)
                let e = IncompleteBeta.evaluate(x: t0, a: a, b: b)
                let step = IncompleteBeta.step(
                    p: p, q: q, a: a, b: b, t: t0, lower: e.lower, upper: e.upper, power: e.power)
                guard case .quantile(let t) = step else {
                    Issue.record("I⁻¹(\(row.p); \(row.a), \(row.b)) from \(t0): \(step)")
                    continue
                }
                #expect(
                    relativeError(t, exact) <= 1e-14,
                    "I⁻¹(\(row.p); \(row.a), \(row.b)) from \(t0): \(t), mpmath \(exact)")
            }
        }
    }

    @Test("A step asks for another evaluation or gives up where its terms do not settle")
    func stepThatDoesNotSettle() {
        // Beta(300, 700) near its mean 0.3: from 1e-3 off the terms fall, but not far enough.
        let (a, b) = (300.0, 700.0)
        let t0 = 0.28
        let near = BetaInverseSeries.step(t0: t0, sigma: 1e-3, a: a, b: b)
        guard case .closer(let x) = near else {
            Issue.record("\(near)")
            return
        }
        #expect(abs(x / t0 - 1 - 1e-3) < 1e-3)
        #expect(BetaInverseSeries.step(t0: t0, sigma: 0.2, a: a, b: b) == .diverging)
        #expect(BetaInverseSeries.step(t0: t0, sigma: .nan, a: a, b: b) == .diverging)
        #expect(BetaInverseSeries.step(t0: t0, sigma: 0, a: a, b: b) == .quantile(t0))
    }

    @Test("Clopper–Pearson bounds of polls of 100 to 3000: one evaluation for 19 in 20")
    func clopperPearsonEvaluationCount() {
        var generator = SplitMix64(seed: 2026)
        var counts = [Int](repeating: 0, count: 13)
        for _ in 0..<2000 {
            let n = Double(Int.random(in: 100...3000, using: &generator))
            let x = Double(Int.random(in: 1...Int(n) - 1, using: &generator))
            for (p, q, a, b) in [(0.025, 0.975, x, n - x + 1), (0.975, 0.025, x + 1, n - x)] {
                var evaluations = 0
                let value = IncompleteBeta.inverse(p: p, q: q, a: a, b: b, evaluations: &evaluations)
                #expect(value > 0 && value < 1)
                counts[min(evaluations, 12)] += 1
            }
        }
        // 94.7% take one, 5.2% two (a guess 1e-4 off or more: small counts), 0.1% the search.
        #expect(counts[1] >= 3700, "evaluations per quantile: \(counts)")
        #expect(counts[3...].reduce(0, +) <= 20, "evaluations per quantile: \(counts)")
    }
}
