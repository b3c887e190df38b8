import Numerics
import PollNumerics
import Testing

@testable import PollCompare

/// Properties every interval method must have, over a seeded grid of shares and sample sizes.
@Suite("Interval properties")
struct IntervalPropertyTests {
    static let conf90 = try! ConfidenceLevel(0.90)
    static let conf95 = try! ConfidenceLevel(0.95)
    static let conf99 = try! ConfidenceLevel(0.99)

    /// (count, n) pairs: edges and a seeded spread.
    static let cases: [(Double, Double)] = {
        var rng = Xoshiro256StarStar(seed: 7)
        var out: [(Double, Double)] = [(0, 10), (10, 10), (0, 1), (1, 1), (5, 10), (354.4, 800), (999, 1000)]
        for _ in 0..<40 {
            let n = (10 + 5000 * rng.nextUniform()).rounded()
            out.append(((n * rng.nextUniform()).rounded(), n))
        }
        return out
    }()

    @Test(
        "Bounds lie in [0, 1], lower ≤ upper, and contain p where the method guarantees it",
        arguments: ShareIntervalMethod.allCases)
    func containsEstimate(method: ShareIntervalMethod) throws {
        for (x, n) in Self.cases {
            let i = try ShareInterval(count: x, sampleSize: n, confidence: Self.conf95, method: method)
            let p = x / n
            #expect(i.lower >= 0 && i.upper <= 1 && i.lower <= i.upper, "\(method) x = \(x) n = \(n)")
            // Jeffreys' equal-tailed interval excludes p at x = 0 and x = n; Agresti–Coull's centre
            // is shifted; every other method contains p.
            if method == .jeffreys && (x == 0 || x == n) { continue }
            if method == .agrestiCoull { continue }
            #expect(i.lower <= p && p <= i.upper, "\(method) x = \(x) n = \(n): [\(i.lower), \(i.upper)]")
        }
    }

    @Test("Intervals widen with confidence", arguments: ShareIntervalMethod.allCases)
    func widensWithConfidence(method: ShareIntervalMethod) throws {
        for (x, n) in Self.cases {
            let a = try ShareInterval(count: x, sampleSize: n, confidence: Self.conf90, method: method)
            let b = try ShareInterval(count: x, sampleSize: n, confidence: Self.conf95, method: method)
            let c = try ShareInterval(count: x, sampleSize: n, confidence: Self.conf99, method: method)
            #expect(a.lower >= b.lower && b.lower >= c.lower, "\(method) x = \(x) n = \(n)")
            #expect(a.upper <= b.upper && b.upper <= c.upper, "\(method) x = \(x) n = \(n)")
        }
    }

    @Test("Intervals narrow as n grows at a fixed share", arguments: ShareIntervalMethod.allCases)
    func narrowsWithN(method: ShareIntervalMethod) throws {
        for p in [0.05, 0.31, 0.5, 0.58, 0.97] {
            var previous = Double.infinity
            for n in [20.0, 100, 1000, 10_000, 1e6, 1e9] {
                let i = try ShareInterval(share: p, sampleSize: n, confidence: Self.conf95, method: method)
                let width = i.upper - i.lower
                #expect(width < previous, "\(method) p = \(p) n = \(n)")
                previous = width
            }
        }
    }

    @Test("Swapping the candidates negates the lead and mirrors the bounds", arguments: LeadIntervalMethod.allCases)
    func swapCandidates(method: LeadIntervalMethod) throws {
        let ab = try LeadEstimate(shareA: 0.58, shareB: 0.31, sampleSize: 1000)
        let ba = try LeadEstimate(shareA: 0.31, shareB: 0.58, sampleSize: 1000)
        #expect(ab.lead == -ba.lead)
        let i = try #require(try ab.interval(method: method, draws: 20_000))
        let j = try #require(try ba.interval(method: method, draws: 20_000))
        if method == .bayes {
            // Monte Carlo: mirrored within its sampling error (SE of a 2.5% quantile of 20 000
            // draws is about 0.0004 here).
            #expect(abs(i.lower + j.upper) < 0.003 && abs(i.upper + j.lower) < 0.003)
            #expect((i.probabilityALeads + j.probabilityALeads).isApproximatelyEqual(to: 1, relativeTolerance: 1e-12))
        } else {
            #expect(i.lower == -j.upper && i.upper == -j.lower)
            #expect(i.zStatistic == j.zStatistic.map { -$0 })
        }
    }

    /// Coverage of Wilson 95% at n = 100: for p on a grid, simulate 4 000 binomial samples each
    /// (seeded) and count how often the interval holds p. Brown, Cai & DasGupta (2001, Fig. 4) show
    /// Wilson's coverage oscillating around 0.95; the average over the grid must lie in [0.93, 0.97].
    @Test("Simulated coverage of Wilson 95% at n = 100 averages within [0.93, 0.97]")
    func wilsonCoverage() throws {
        var rng = Xoshiro256StarStar(seed: 95)
        var total = 0.0
        var grid = 0
        for step in 1...19 {
            let p = Double(step) * 0.05
            var covered = 0
            let trials = 4000
            for _ in 0..<trials {
                var x = 0.0
                for _ in 0..<100 where rng.nextUniform() < p { x += 1 }
                let i = try ShareInterval(count: x, sampleSize: 100, confidence: Self.conf95, method: .wilson)
                if i.lower <= p && p <= i.upper { covered += 1 }
            }
            total += Double(covered) / Double(trials)
            grid += 1
        }
        let average = total / Double(grid)
        #expect(average >= 0.93 && average <= 0.97, "average coverage \(average)")
    }

    @Test("Huge n and NaN shares: finite bounds at n = 1e9, NaN rejected")
    func edgeInputs() throws {
        for method in ShareIntervalMethod.allCases {
            let i = try ShareInterval(share: 0.5, sampleSize: 1e9, confidence: Self.conf95, method: method)
            #expect(i.lower.isFinite && i.upper.isFinite && i.lower < 0.5 && i.upper > 0.5, "\(method)")
            #expect(throws: PollCompareError.self) {
                try ShareInterval(share: .nan, sampleSize: 100, confidence: Self.conf95, method: method)
            }
            #expect(throws: PollCompareError.self) {
                try ShareInterval(count: 11, sampleSize: 10, confidence: Self.conf95, method: method)
            }
        }
    }
}
