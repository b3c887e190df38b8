import Testing

@testable import PollNumerics

/// The ziggurat normal, the gamma sampler built on it and the Dirichlet P(A leads) kernel.
/// Statistical checks use bands of 5 standard errors, which a correct sampler leaves with
/// probability below 1e-6 per check.
@Suite("Ziggurat normals, their gamma variates and the Dirichlet lead count")
struct ZigguratTests {
    @Test("The tables close: 127 layers of area v end at x = 0 with f = 1")
    func tables() {
        let t = ZigguratTables.shared
        #expect(t.x.count == 129 && t.f.count == 129)
        // Layer 127's area x₁₂₇·(1 − f(x₁₂₇)) is v up to the rounding of the paper's 13-digit
        // constants r and v (1.2e-9 relative).
        let top = t.x[127] * (1 - t.f[127])
        #expect(abs(top - ZigguratTables.v) <= 1e-8 * ZigguratTables.v)
        for i in 1..<128 { #expect(t.x[i + 1] < t.x[i]) }
    }

    @Test("Normal draws: mean 0, variance 1, kurtosis 3")
    func normalMoments() {
        var g = Xoshiro256StarStar(seed: 5)
        let draws = (0..<1_000_000).map { _ in Samplers.standardNormalZiggurat(&g) }
        RandomTests.checkMoments(draws, mean: 0, variance: 1, kurtosis: 3, "ziggurat N(0, 1)")
    }

    /// The empirical CDF at points across the layers, the base strip's edge r and the tail, each
    /// within 5 binomial standard errors of Φ (``Normal/cdf(_:)``).
    @Test("Normal draws follow Φ, in the layers, at r and in the tail")
    func normalDistribution() {
        var g = Xoshiro256StarStar(seed: 6)
        let count = 2_000_000
        let draws = (0..<count).map { _ in Samplers.standardNormalZiggurat(&g) }.sorted()
        for x in [-4.0, -ZigguratTables.r, -2.5, -1.5, -0.7, -0.1, 0, 0.3, 1.0, 2.0, 3.0, ZigguratTables.r, 3.8, 4.5] {
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if draws[mid] <= x { lo = mid + 1 } else { hi = mid }
            }
            let empirical = Double(lo) / Double(count)
            let p = Normal.cdf(x)
            #expect(abs(empirical - p) <= 5 * (p * (1 - p) / Double(count)).squareRoot() + 1e-9, "at \(x)")
        }
    }

    @Test("Gamma draws: mean k, variance k, kurtosis 3 + 6/k", arguments: [0.5, 1.0, 2.5, 30.0, 461.0])
    func gammaMoments(shape: Double) {
        var g = Xoshiro256StarStar(seed: 8)
        let draws = (0..<1_000_000).map { _ in Samplers.gammaZiggurat(shape: shape, &g) }
        RandomTests.checkMoments(draws, mean: shape, variance: shape, kurtosis: 3 + 6 / shape, "Gamma(\(shape))")
    }

    @Test(
        "The lead count equals a loop of gamma pairs over jumped blocks, is reproducible, and estimates 1 − I_½(α_A, α_B)",
        arguments: [(461.0, 441.0), (31.5, 58.5), (1.0, 1.0), (0.5, 2.0), (3001.0, 2990.0)])
    func leadCount(alphaA: Double, alphaB: Double) {
        // 6 full blocks and a partial one, on two threads.
        let draws = 6 * Samplers.dirichletBlockDraws + 12_345
        var g1 = Xoshiro256StarStar(seed: 20_240_918)
        let count = Samplers.dirichletLeadCount(alphaA: alphaA, alphaB: alphaB, draws: draws, &g1)
        var g2 = Xoshiro256StarStar(seed: 20_240_918)
        var loop = 0
        var remaining = draws
        while remaining > 0 {
            var block = g2
            for _ in 0..<min(remaining, Samplers.dirichletBlockDraws) {
                let a = Samplers.gammaZiggurat(shape: alphaA, &block)
                let b = Samplers.gammaZiggurat(shape: alphaB, &block)
                if a > b { loop += 1 }
            }
            remaining -= Samplers.dirichletBlockDraws
            g2.jump()
        }
        #expect(count == loop)
        // The generator is left jumped once per block.
        #expect(g1.next() == g2.next())
        var g3 = Xoshiro256StarStar(seed: 20_240_918)
        #expect(Samplers.dirichletLeadCount(alphaA: alphaA, alphaB: alphaB, draws: draws, &g3) == count)
        var g4 = Xoshiro256StarStar(seed: 20_240_919)
        #expect(Samplers.dirichletLeadCount(alphaA: alphaA, alphaB: alphaB, draws: draws, &g4) != count)
        // θ_A/(θ_A + θ_B) ~ Beta(α_A, α_B), so P(θ_A > θ_B) = 1 − I_½(α_A, α_B).
        let exact = IncompleteBeta.complement(x: 0.5, a: alphaA, b: alphaB)
        let share = Double(count) / Double(draws)
        #expect(abs(share - exact) <= 5 * (exact * (1 - exact) / Double(draws)).squareRoot())
    }

    @Test("One block stays on the calling thread and draws from the generator as given")
    func oneBlock() {
        let draws = 1000
        var g1 = Xoshiro256StarStar(seed: 3)
        let count = Samplers.dirichletLeadCount(alphaA: 46, alphaB: 44, draws: draws, &g1)
        var g2 = Xoshiro256StarStar(seed: 3)
        var loop = 0
        for _ in 0..<draws where Samplers.gammaZiggurat(shape: 46, &g2) > Samplers.gammaZiggurat(shape: 44, &g2) {
            loop += 1
        }
        #expect(count == loop)
        var jumped = Xoshiro256StarStar(seed: 3)
        jumped.jump()
        #expect(g1.next() == jumped.next())
    }

    @Test("No draws count nothing and leave the generator where it was")
    func noDraws() {
        var g = Xoshiro256StarStar(seed: 1)
        var h = g
        #expect(Samplers.dirichletLeadCount(alphaA: 2, alphaB: 3, draws: 0, &g) == 0)
        #expect(g.next() == h.next())
    }

    @Test("The column kernels report the clone they run")
    func variant() {
        #expect(["avx2", "default"].contains(ColumnKernels.variant))
    }
}
