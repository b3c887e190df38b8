import Testing

@testable import PollNumerics

/// The incomplete beta function's continued fraction and the normal tail ½·erfc(t/√2) run in C,
/// compiled for baseline x86-64 and for x86-64-v3 (`pollkernels_beta_fraction`,
/// `pollkernels_half_erfc`); the processor picks one clone. Both must give the same bits, as must
/// the Swift lanes used by the incomplete beta's prefactor and the scalar functions they stand
/// for. On a processor without AVX2 and FMA both entry points run the baseline code, and the clone
/// tests compare it with itself; accuracy is held by the mpmath tests of `SpecialFunctionTests`.
@Suite("Fused multiply-add clones and lanes")
struct FusedCloneTests {
    /// Shapes from Clopper–Pearson (integers), Jeffreys (half-integers) and survey bounds
    /// (fractional), tiny to 10⁵, at points below the switch point (a + 1)/(a + b + 2) where the
    /// fraction is used, including points near it where it takes the most pairs.
    static func cases(count: Int) -> [(x: Double, a: Double, b: Double)] {
        var generator = SplitMix64(seed: 11)
        return (0..<count).map { i in
            let u = Double.random(in: 0..<1, using: &generator), v = Double.random(in: 0..<1, using: &generator),
                w = Double.random(in: 0..<1, using: &generator)
            let (a, b): (Double, Double)
            switch i % 4 {
            case 0: a = (1 + 3000 * u).rounded(); b = (1 + 3000 * v).rounded()
            case 1: a = (3000 * u).rounded() + 0.5; b = (3000 * v).rounded() + 0.5
            case 2: a = 0.01 + 200 * u; b = 0.01 + 2000 * v
            default: a = 1 + 99_999 * u; b = 1 + 300 * v
            }
            let switchPoint = (a + 1) / (a + b + 2)
            return (switchPoint * (i % 8 == 0 ? 1 - 1e-3 * w : w), a, b)
        }
    }

    @Test("Both clones of the fraction give the same bits")
    func clonesAgree() {
        for (x, a, b) in Self.cases(count: 20_000) {
            let cloned = IncompleteBeta.continuedFractionRatio(x: x, a: a, b: b)
            let baseline = IncompleteBeta.baselineContinuedFractionRatio(x: x, a: a, b: b)
            #expect(cloned.bitPattern == baseline.bitPattern, "x = \(x), a = \(a), b = \(b)")
            #expect(cloned > 0 && cloned.isFinite, "x = \(x), a = \(a), b = \(b)")
        }
    }

    @Test("Both clones of the normal tail give the same bits, across the range and at the ends")
    func normalTailClonesAgree() {
        var generator = SplitMix64(seed: 14)
        var values: [Double] = [0, -0.0, 1e-300, -1e-300, 37.5, -37.5, 40, -40, .infinity, -.infinity]
        values += (0..<20_000).map { _ in 80 * Double.random(in: 0..<1, using: &generator) - 40 }
        for t in values {
            let cloned = Normal.halfErfc(t), baseline = Normal.baselineHalfErfc(t)
            #expect(cloned.bitPattern == baseline.bitPattern, "t = \(t)")
        }
        #expect(Normal.halfErfc(.nan).isNaN && Normal.baselineHalfErfc(.nan).isNaN)
    }

    @Test("Stirling remainders in lanes equal the scalar ones")
    func stirlingLanes() {
        var generator = SplitMix64(seed: 12)
        for _ in 0..<5_000 {
            let x = SIMD4(
                8 + 1e6 * Double.random(in: 0..<1, using: &generator),
                8 + 100 * Double.random(in: 0..<1, using: &generator),
                (8 + 5000 * Double.random(in: 0..<1, using: &generator)).rounded(),
                1e300 * Double.random(in: 0..<1, using: &generator) + 8)
            let lanes = LogGamma.stirlingRemainder(x)
            for i in 0..<4 {
                #expect(lanes[i].bitPattern == LogGamma.stirlingRemainder(x[i]).bitPattern, "x = \(x[i])")
            }
        }
    }

    @Test("u − ln(1 + u) in lanes equals the scalar one, |u| ≤ ½ and at the ends")
    func phiLanes() {
        var generator = SplitMix64(seed: 13)
        var values: [Double] = [0, -0.5, 0.5, 1e-300, -1e-300, 0x1p-1074]
        values += (0..<5_000).map { _ in Double.random(in: 0..<1, using: &generator) - 0.5 }
        for i in stride(from: 0, to: values.count - 1, by: 2) {
            let u = SIMD2(values[i], values[i + 1])
            let lanes = LogTerms.uMinusLog1pSeries(u)
            #expect(lanes[0].bitPattern == LogTerms.uMinusLog1p(u[0]).bitPattern, "u = \(u[0])")
            #expect(lanes[1].bitPattern == LogTerms.uMinusLog1p(u[1]).bitPattern, "u = \(u[1])")
        }
    }
}
