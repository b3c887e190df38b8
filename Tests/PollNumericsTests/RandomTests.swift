import Numerics
import Testing

@testable import PollNumerics

@Suite("Seeded random numbers")
struct RandomTests {
    /// The published SplitMix64 test vector for seed 1234567 (also printed by
    /// scripts/references/xoshiro.py, an independent Python implementation).
    @Test("SplitMix64 matches its reference outputs")
    func splitMix() {
        var g = SplitMix64(seed: 1234567)
        let first = (0..<5).map { _ in g.next() }
        #expect(
            first == [
                6457827717110365317, 3203168211198807973, 9817491932198370423,
                4593380528125082431, 16408922859458223821,
            ])
    }

    /// Reference: scripts/references/xoshiro.py (xoshiro256** seeded by four SplitMix64 outputs).
    @Test(
        "xoshiro256** matches the independent implementation",
        arguments: [
            (
                UInt64(0),
                [
                    UInt64(11091344671253066420), 13793997310169335082, 1900383378846508768,
                    7684712102626143532, 13521403990117723737,
                ]
            ),
            (
                UInt64(20240918),
                [
                    UInt64(12283408668597199431), 4925994320961168467, 7935941889806360252,
                    7420262975951064047, 13623804564774548024,
                ]
            ),
        ])
    func xoshiro(seed: UInt64, expected: [UInt64]) {
        var g = Xoshiro256StarStar(seed: seed)
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    /// Reference: scripts/references/xoshiro.py, randomgen's `Xoshiro256(...).jumped(k)` (an
    /// established xoshiro256** with Blackman & Vigna's jump) from the state seed 20240918 gives.
    @Test("A jump lands where randomgen's does, once and twice")
    func jumps() {
        var g = Xoshiro256StarStar(seed: 20240918)
        g.jump()
        var once = g
        #expect(
            (0..<3).map { _ in once.next() } == [
                3_997_119_522_684_060_933, 7_666_579_963_138_364_671, 13_234_938_890_863_481_983,
            ])
        g.jump()
        #expect(
            (0..<3).map { _ in g.next() } == [
                1_862_003_758_445_915_094, 4_188_705_644_973_766_937, 5_425_769_279_483_337_975,
            ])
    }

    /// Reference: scripts/references/xoshiro.py, (next() >> 11)·2⁻⁵³.
    @Test("Uniforms are the top 53 bits")
    func uniforms() {
        var g = Xoshiro256StarStar(seed: 20240918)
        #expect((0..<3).map { _ in g.nextUniform() } == [0.665884918201018, 0.26703868722186774, 0.4302082718823387])
    }

    /// Reference: scripts/references/xoshiro.py, which re-implements the polar method and
    /// Marsaglia–Tsang with the same floating-point steps in Python.
    @Test("Samplers' first draws match the independent implementation (seed 7)")
    func pinnedDraws() {
        var g = Xoshiro256StarStar(seed: 7)
        #expect(
            (0..<3).map { _ in Samplers.standardNormal(&g) } == [
                0.9643618527255184, -0.3039301238656567, 0.30479435832638674,
            ])
        g = Xoshiro256StarStar(seed: 7)
        #expect(
            (0..<3).map { _ in Samplers.gamma(shape: 2.5, &g) } == [
                3.9187331008763975, 1.1114436285028901, 2.6469908087517684,
            ])
        g = Xoshiro256StarStar(seed: 7)
        #expect(
            (0..<3).map { _ in Samplers.gamma(shape: 0.5, &g) } == [
                2.4535923062959863, 0.4650292064197587, 0.027191236394444193,
            ])
        g = Xoshiro256StarStar(seed: 7)
        #expect((0..<2).map { _ in Samplers.beta(2, 5, &g) } == [0.518919330284925, 0.22431386862698616])
        // A matrix of draws is the same stream, column by column.
        g = Xoshiro256StarStar(seed: 7)
        let m = Samplers.matrix(rows: 3, columns: 1, &g) { Samplers.standardNormal(&$0) }
        #expect(m.column(0).elements == [0.9643618527255184, -0.3039301238656567, 0.30479435832638674])
    }

    @Test("Same seed, same bits; different seed, different draws")
    func reproducible() {
        var g1 = Xoshiro256StarStar(seed: 42)
        var g2 = Xoshiro256StarStar(seed: 42)
        var g3 = Xoshiro256StarStar(seed: 43)
        let d1 = Samplers.dirichlet(alpha: [31.5, 58.5, 11.5], count: 1000, &g1)
        let d2 = Samplers.dirichlet(alpha: [31.5, 58.5, 11.5], count: 1000, &g2)
        let d3 = Samplers.dirichlet(alpha: [31.5, 58.5, 11.5], count: 1000, &g3)
        #expect(d1 == d2)
        #expect(d1 != d3)
    }

    /// Moments of 10⁶ draws: the sample mean must lie within 5 standard errors of the true mean
    /// (σ/√n) and the sample variance within 5 standard errors of the true variance
    /// (σ²·√((κ − 1)/n) with κ the kurtosis), a band a correct sampler leaves with
    /// probability below 1e-6.
    static func checkMoments(
        _ draws: [Double], mean: Double, variance: Double, kurtosis: Double,
        _ label: String
    ) {
        let n = Double(draws.count)
        let m = draws.reduce(0, +) / n
        let v = draws.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)
        #expect(abs(m - mean) <= 5 * (variance / n).squareRoot(), "\(label): mean \(m), expected \(mean)")
        #expect(
            abs(v - variance) <= 5 * variance * ((kurtosis - 1) / n).squareRoot(),
            "\(label): variance \(v), expected \(variance)")
    }

    @Test("Normal draws: mean 0, variance 1")
    func normalMoments() {
        var g = Xoshiro256StarStar(seed: 1)
        Self.checkMoments(Samplers.normals(count: 1_000_000, &g), mean: 0, variance: 1, kurtosis: 3, "N(0, 1)")
    }

    @Test("Gamma draws: mean k, variance k, kurtosis 3 + 6/k", arguments: [0.5, 1.0, 2.5, 30.0])
    func gammaMoments(shape: Double) {
        var g = Xoshiro256StarStar(seed: 2)
        let draws = (0..<1_000_000).map { _ in Samplers.gamma(shape: shape, &g) }
        Self.checkMoments(draws, mean: shape, variance: shape, kurtosis: 3 + 6 / shape, "Gamma(\(shape))")
    }

    @Test("Beta(2, 5) draws: mean 2/7, variance 10/392")
    func betaMoments() {
        var g = Xoshiro256StarStar(seed: 3)
        let draws = (0..<1_000_000).map { _ in Samplers.beta(2, 5, &g) }
        // Beta(2, 5) excess kurtosis is −0.12, so kurtosis 2.88.
        Self.checkMoments(draws, mean: 2.0 / 7.0, variance: 10.0 / 392.0, kurtosis: 2.88, "Beta(2, 5)")
    }

    @Test("Dirichlet draws: rows sum to 1, column means α/Σα")
    func dirichlet() {
        var g = Xoshiro256StarStar(seed: 4)
        let alpha = [31.0, 58.0, 11.0]
        let total = alpha.reduce(0, +)
        let draws = Samplers.dirichlet(alpha: alpha, count: 1_000_000, &g)
        for r in stride(from: 0, to: draws.rows, by: 9973) {
            let sum = (0..<3).reduce(0.0) { $0 + draws[r, $1] }
            #expect(sum.isApproximatelyEqual(to: 1, relativeTolerance: 1e-15))
        }
        for j in 0..<3 {
            let mean = alpha[j] / total
            // Marginal Beta(α_j, Σα − α_j): variance m(1 − m)/(Σα + 1).
            let variance = mean * (1 - mean) / (total + 1)
            let column = draws.column(j).elements
            let m = column.reduce(0, +) / Double(column.count)
            #expect(abs(m - mean) <= 5 * (variance / Double(column.count)).squareRoot())
        }
    }
}
