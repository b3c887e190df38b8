import Numerics
import Testing

@testable import PollCompare

/// The edges of the interval code (0 of n, n of n, n = 1, n < 1, fractional counts, huge n, NaN)
/// against EdgeReferences (R, mpmath, statsmodels; see scripts/references/edges.py, each row
/// names its call). Tolerance (definition): |computed − reference| ≤ 1e-12·|reference|, exact
/// when the reference is 0 or 1, unless a test says otherwise.
@Suite("Edges: every method at every input class")
struct EdgeCaseTests {
    static let conf95 = try! ConfidenceLevel(0.95)

    static func same(_ value: Double, _ reference: Double, relative: Double = 1e-12) -> Bool {
        if reference == 0 || reference == 1 { return value == reference }
        return value.isApproximatelyEqual(to: reference, relativeTolerance: relative)
    }

    // MARK: Wilson with continuity correction

    @Test("Wilson-cc against R prop.test and Newcombe's method 4", arguments: EdgeReferences.wilsonCC)
    func wilsonCC(count: Double, n: Double, alpha: Double, lower: Double, upper: Double) throws {
        #expect(EdgeReferences.wilsonCC.count == 18)
        let i = try ShareInterval(
            count: count, sampleSize: n, confidence: ConfidenceLevel(alpha: alpha), method: .wilsonCC)
        #expect(Self.same(i.lower, lower), "x = \(count) n = \(n): lower \(i.lower) vs \(lower)")
        #expect(Self.same(i.upper, upper), "x = \(count) n = \(n): upper \(i.upper) vs \(upper)")
    }

    @Test("Wilson-cc: lower 0 for x ≤ ½, upper 1 for x ≥ n − ½, never narrower than Wilson")
    func wilsonCCClasses() throws {
        for n in [0.25, 0.5, 1, 3, 100, 1e9] {
            for x in [0, 0.1, 0.5, n / 2, n - 0.5, n - 0.1, n].filter({ $0 >= 0 && $0 <= n }) {
                let cc = try ShareInterval(count: x, sampleSize: n, confidence: Self.conf95, method: .wilsonCC)
                let w = try ShareInterval(count: x, sampleSize: n, confidence: Self.conf95, method: .wilson)
                if x <= 0.5 { #expect(cc.lower == 0, "x = \(x) n = \(n)") }
                if x >= n - 0.5 { #expect(cc.upper == 1, "x = \(x) n = \(n)") }
                #expect(cc.lower <= w.lower && cc.upper >= w.upper, "x = \(x) n = \(n): \(cc) vs \(w)")
            }
        }
        // n 1 with deff 4: n_eff = 0.25, so the correction ½/n_eff = 2 covers everything.
        let design = try SampleDesign(sampleSize: 1, designEffect: 4)
        let i = try ShareInterval(
            share: 0.3, sampleSize: design.effectiveSampleSize, confidence: Self.conf95, method: .wilsonCC)
        #expect(i.lower == 0 && i.upper == 1)
    }

    // MARK: Likelihood ratio

    @Test(
        "Likelihood-ratio bounds to full relative precision, down to 1e-300", arguments: EdgeReferences.likelihoodRatio)
    func likelihoodRatio(count: Double, n: Double, alpha: Double, lower: Double, upper: Double) throws {
        #expect(EdgeReferences.likelihoodRatio.count == 12)
        let i = try ShareInterval(
            count: count, sampleSize: n, confidence: ConfidenceLevel(alpha: alpha), method: .likelihoodRatio)
        #expect(Self.same(i.lower, lower), "x = \(count) n = \(n): lower \(i.lower) vs \(lower)")
        #expect(Self.same(i.upper, upper), "x = \(count) n = \(n): upper \(i.upper) vs \(upper)")
    }

    // MARK: Huge n

    @Test("Exact methods at x = n/2, n = 1e20 to 1e300: the correctly rounded bound", arguments: EdgeReferences.hugeN)
    func hugeN(count: Double, n: Double, alpha: Double, lower: Double, upper: Double) throws {
        #expect(EdgeReferences.hugeN.count == 8)
        let conf = try ConfidenceLevel(alpha: alpha)
        for method in ShareIntervalMethod.allCases {
            let i = try ShareInterval(count: count, sampleSize: n, confidence: conf, method: method)
            // Tolerance: one unit in the last place of the reference (2.2e-16 relative at 0.5):
            // the exact bound and the reference differ by O(1/n), far less.
            #expect(Self.same(i.lower, lower, relative: 2.3e-16), "\(method) n = \(n): lower \(i.lower) vs \(lower)")
            #expect(Self.same(i.upper, upper, relative: 2.3e-16), "\(method) n = \(n): upper \(i.upper) vs \(upper)")
        }
    }

    @Test("Clopper–Pearson and Jeffreys for 3 of 1e300 (gamma limit)", arguments: EdgeReferences.smallCountHugeN)
    func smallCountHugeN(method: String, count: Double, n: Double, alpha: Double, lower: Double, upper: Double) throws {
        #expect(EdgeReferences.smallCountHugeN.count == 4)
        let m = try #require(ShareIntervalMethod(rawValue: method))
        let i = try ShareInterval(count: count, sampleSize: n, confidence: ConfidenceLevel(alpha: alpha), method: m)
        #expect(Self.same(i.lower, lower), "\(method): lower \(i.lower) vs \(lower)")
        #expect(Self.same(i.upper, upper), "\(method): upper \(i.upper) vs \(upper)")
    }

    /// Tolerance (definition) for the fractional-count table: within 1e-12 relative of the mpmath
    /// reference; a reference below the least normal Double (the exact bound is subnormal, or
    /// below 2^-1075 and rounds to 0) is matched by 0 or any subnormal.
    static func matchesBound(_ value: Double, _ reference: Double) -> Bool {
        if reference < Double.leastNormalMagnitude { return value >= 0 && value < Double.leastNormalMagnitude }
        return value.isApproximatelyEqual(to: reference, relativeTolerance: 1e-12)
    }

    @Test(
        "Exact-family bounds for fractional and tiny counts, n = 1 to 1e300, against mpmath",
        arguments: EdgeReferences.fractionalCounts)
    func fractionalCounts(method: String, count: Double, n: Double, alpha: Double, lower: Double, upper: Double) throws
    {
        #expect(EdgeReferences.fractionalCounts.count == 268)
        let m = try #require(ShareIntervalMethod(rawValue: method))
        let i = try ShareInterval(count: count, sampleSize: n, confidence: ConfidenceLevel(alpha: alpha), method: m)
        #expect(Self.matchesBound(i.lower, lower), "\(method) x = \(count) n = \(n): lower \(i.lower) vs \(lower)")
        #expect(Self.matchesBound(i.upper, upper), "\(method) x = \(count) n = \(n): upper \(i.upper) vs \(upper)")
        // Jeffreys is the equal-tailed posterior interval (as statsmodels): for x below about
        // 0.0005 its lower bound lies above x/n, as it does at x = 0.
        let p = count / n
        if m != .jeffreys {
            #expect(
                0 <= i.lower && i.lower <= p && p <= i.upper && i.upper <= 1, "\(method) x = \(count) n = \(n): \(i)")
        }
    }

    static let hugeSizes: [Double] = [1e15, 1e25, 1e100, 1e300]

    @Test("Every method answers for n up to 1e300 and x anywhere in [0, n]", arguments: hugeSizes)
    func everyMethodHugeN(n: Double) throws {
        #expect(Self.hugeSizes.count == 4)
        let counts = [0, 0.3, 1, 3, n * 1e-10, n * 0.29, n / 2 - 0.5, n / 2, n - 3, n - 0.3, n]
        for method in ShareIntervalMethod.allCases {
            for x in counts {
                let i = try ShareInterval(count: x, sampleSize: n, confidence: Self.conf95, method: method)
                #expect(i.lower >= 0 && i.lower <= i.upper && i.upper <= 1, "\(method) x = \(x) n = \(n): \(i)")
            }
            for p in [0.0, 0.01, 0.29, 0.5, 0.999, 1] {
                let i = try ShareInterval(share: p, sampleSize: n, confidence: Self.conf95, method: method)
                #expect(i.lower >= 0 && i.lower <= i.upper && i.upper <= 1, "\(method) p = \(p) n = \(n): \(i)")
                // Jeffreys and Agresti-Coull are not centred on p, so at the edges p may fall outside.
                if method != .jeffreys && method != .agrestiCoull {
                    #expect(i.lower <= p && p <= i.upper, "\(method) p = \(p) n = \(n): \(i)")
                }
            }
        }
    }

    // MARK: Counts from percentages

    @Test("Counts from shares: 29% of 100 is 29; fractional counts stay fractional")
    func counts() {
        #expect(0.29 * 100 != 29) // the binary product this rule exists for
        #expect(Counts.count(share: 0.29, of: 100) == 29)
        #expect(Counts.count(share: 0.58, of: 1000) == 580)
        #expect(Counts.count(share: 0.29, of: 1e9) == 290_000_000)
        #expect(Counts.count(share: 0.443, of: 800) == 0.443 * 800)
        #expect(Counts.count(share: 0.003, of: 100) == 0.3)
        #expect(Counts.snapped(28.9999999995) == 29)
        #expect(Counts.snapped(28.999999998) == 28.999999998)
        #expect(Counts.count(share: .nan, of: 100).isNaN)
        #expect(Counts.counts(shares: [0.31, 0.58, 0.06, 0.05], of: 1000) == [310, 580, 60, 50])
    }

    @Test("A share and its count give the same interval, every method", arguments: ShareIntervalMethod.allCases)
    func shareEqualsCount(method: ShareIntervalMethod) throws {
        for (p, n, x) in [(0.29, 100.0, 29.0), (0.57, 100, 57), (0.58, 1000, 580), (0.07, 300, 21)] {
            let fromShare = try ShareInterval(share: p, sampleSize: n, confidence: Self.conf95, method: method)
            let fromCount = try ShareInterval(count: x, sampleSize: n, confidence: Self.conf95, method: method)
            // p itself (Wald, Wilson) is x/n up to one rounding.
            #expect(
                fromShare.lower.isApproximatelyEqual(to: fromCount.lower, relativeTolerance: 1e-15, norm: { abs($0) })
                    || fromShare.lower == fromCount.lower,
                "\(method) \(p) of \(n)")
            #expect(
                fromShare.upper.isApproximatelyEqual(to: fromCount.upper, relativeTolerance: 1e-15),
                "\(method) \(p) of \(n)")
        }
        let change = try ShareChange(shareBefore: 0.29, sampleSizeBefore: 100, shareAfter: 0.57, sampleSizeAfter: 100)
        #expect(change.countBefore == 29 && change.countAfter == 57)
    }

    @Test("Sison–Glaz rounds counts to the nearest integer: 29% of 100 is 29, not 28")
    func sisonGlazRounding() throws {
        let reference = try #require(EdgeReferences.sisonGlaz.first { $0.counts == [29, 71] })
        let fromShares = try MultinomialInterval(
            shares: [0.29, 0.71], sampleSize: 100, confidence: Self.conf95, method: .sisonGlaz)
        let fromFractional = try MultinomialInterval(counts: [28.6, 71.4], confidence: Self.conf95, method: .sisonGlaz)
        for i in [fromShares, fromFractional] {
            for k in 0..<2 {
                #expect(Self.same(i.lower[k], reference.lower[k]), "lower[\(k)] \(i.lower[k]) vs \(reference.lower[k])")
                #expect(Self.same(i.upper[k], reference.upper[k]), "upper[\(k)] \(i.upper[k]) vs \(reference.upper[k])")
            }
        }
    }

    // MARK: Sison–Glaz at large n

    /// Tolerance: the lower bounds (xᵢ − τ)/n to 1e-12 (the same τ); the upper bounds to 1e-6
    /// relative, because statsmodels forms the truncated Poisson moments from factorial moments,
    /// which lose digits at counts of 10³ and more (visible in γ, the fractional part of the width).
    @Test("Sison–Glaz against statsmodels up to n = 1e5", arguments: EdgeReferences.sisonGlaz)
    func sisonGlaz(counts: [Double], alpha: Double, lower: [Double], upper: [Double]) throws {
        #expect(EdgeReferences.sisonGlaz.count == 3)
        let i = try MultinomialInterval(counts: counts, confidence: ConfidenceLevel(alpha: alpha), method: .sisonGlaz)
        for k in counts.indices {
            #expect(Self.same(i.lower[k], lower[k]), "lower[\(k)] \(i.lower[k]) vs \(lower[k])")
            #expect(Self.same(i.upper[k], upper[k], relative: 1e-6), "upper[\(k)] \(i.upper[k]) vs \(upper[k])")
        }
    }

    @Test("Sison–Glaz: the bisection finds the τ of the reference scan (first τ with ν(τ + 1) > 1 − α)")
    func sisonGlazSameTau() throws {
        let cases: [[Double]] = [
            [310, 580, 60, 50], [1, 0, 9], [56, 72, 73, 59, 62, 87, 58], [3100, 5800, 600, 500], [29, 71], [1, 1],
        ]
        #expect(cases.count == 6)
        for counts in cases {
            let n = counts.reduce(0, +)
            var tau = 0.0
            while tau + 1 < n, MultinomialInterval.coverage(counts: counts, total: n, tau: tau + 1) <= 0.95 { tau += 1 }
            let i = try MultinomialInterval(counts: counts, confidence: Self.conf95, method: .sisonGlaz)
            #expect(i.lower[0] == max(0, counts[0] / n - tau / n), "\(counts): τ \(tau)")
        }
    }

    @Test("Sison–Glaz at n = 1e9 and 1e12 answers (bisection on τ), with intervals around the shares")
    func sisonGlazHuge() throws {
        for n in [1e9, 1e12] {
            let shares = [0.31, 0.58, 0.06, 0.05]
            let i = try MultinomialInterval(shares: shares, sampleSize: n, confidence: Self.conf95, method: .sisonGlaz)
            let g = try MultinomialInterval(shares: shares, sampleSize: n, confidence: Self.conf95, method: .goodman)
            for k in shares.indices {
                #expect(i.lower[k] < shares[k] && shares[k] < i.upper[k], "n = \(n) k = \(k)")
                // Common width: no wider than Goodman's widest interval.
                #expect(i.upper[k] - i.lower[k] <= (g.upper[1] - g.lower[1]) * 1.01, "n = \(n) k = \(k)")
            }
        }
    }

    // MARK: Bayes draws

    @Test("Bayes: the draws resolve the level or the level is refused")
    func bayesDraws() throws {
        #expect(LeadInterval.requiredDraws(confidence: Self.conf95) == 2000)
        #expect(LeadInterval.requiredDraws(confidence: try ConfidenceLevel(alpha: 0.001)) == 100_000)
        #expect(try LeadInterval.draws(requested: 20_000, confidence: Self.conf95) == 20_000)
        let high = try ConfidenceLevel(alpha: 0.0001)
        #expect(try LeadInterval.draws(requested: 1000, confidence: high) == 1_000_000)
        let extreme = try ConfidenceLevel(alpha: 0.000001)
        #expect(
            throws: PollCompareError.tooFewDraws(requested: 100_000, needed: 100_000_000, confidence: extreme.level)
        ) {
            try LeadInterval.draws(requested: 100_000, confidence: extreme)
        }
        #expect(try LeadInterval.draws(requested: 100_000_000, confidence: extreme) == 100_000_000)
        let estimate = try LeadEstimate(shareA: 0.46, shareB: 0.44, sampleSize: 500)
        // The old code reported the 5th smallest of 100 000 draws as the 99.9999% bound.
        #expect(
            throws: PollCompareError.tooFewDraws(requested: 100_000, needed: 100_000_000, confidence: extreme.level)
        ) {
            try estimate.interval(method: .bayes, confidence: extreme, draws: 100_000)
        }
        let raised = try #require(try estimate.interval(method: .bayes, confidence: high, draws: 1000))
        #expect(raised.draws == 1_000_000 && raised.lower.isFinite && raised.lower < raised.upper)
        let kept = try #require(try estimate.interval(method: .bayes, confidence: Self.conf95, draws: 20_000))
        #expect(kept.draws == 20_000)
    }

    // MARK: NaN and infinities

    @Test("NaN and infinite inputs throw typed errors, never trap")
    func nonFinite() throws {
        for bad in [Double.nan, .infinity, -.infinity] {
            for method in ShareIntervalMethod.allCases {
                #expect(throws: PollCompareError.self) {
                    try ShareInterval(count: bad, sampleSize: 10, confidence: Self.conf95, method: method)
                }
                #expect(throws: PollCompareError.self) {
                    try ShareInterval(count: 1, sampleSize: bad, confidence: Self.conf95, method: method)
                }
                #expect(throws: PollCompareError.self) {
                    try ShareInterval(share: bad, sampleSize: 10, confidence: Self.conf95, method: method)
                }
                #expect(throws: PollCompareError.self) {
                    try ShareInterval(share: 0.5, sampleSize: bad, confidence: Self.conf95, method: method)
                }
            }
            #expect(throws: PollCompareError.self) {
                try ShareChange(countBefore: bad, sampleSizeBefore: 10, countAfter: 1, sampleSizeAfter: 10)
            }
            #expect(throws: PollCompareError.self) {
                try ShareChange(countBefore: 1, sampleSizeBefore: bad, countAfter: 1, sampleSizeAfter: 10)
            }
            #expect(throws: PollCompareError.self) {
                try ShareChange(shareBefore: bad, sampleSizeBefore: 10, shareAfter: 0.5, sampleSizeAfter: 10)
            }
            #expect(throws: PollCompareError.self) {
                try ShareChange(shareBefore: 0.5, sampleSizeBefore: 10, shareAfter: 0.5, sampleSizeAfter: bad)
            }
            for method in MultinomialIntervalMethod.allCases {
                #expect(throws: PollCompareError.self) {
                    try MultinomialInterval(counts: [1, bad, 3], confidence: Self.conf95, method: method)
                }
                #expect(throws: PollCompareError.self) {
                    try MultinomialInterval(
                        shares: [0.5, bad], sampleSize: 10, confidence: Self.conf95, method: method)
                }
                #expect(throws: PollCompareError.self) {
                    try MultinomialInterval(
                        shares: [0.5, 0.5], sampleSize: bad, confidence: Self.conf95, method: method)
                }
            }
        }
        #expect(throws: PollCompareError.self) {
            try MultinomialInterval(counts: [0.2, 0.3], confidence: Self.conf95, method: .sisonGlaz)
        }
    }

    @Test("Two polls' shares may sum above 1 (each is checked on its own)")
    func changeSharesOfTwoPolls() throws {
        let c = try ShareChange(shareBefore: 0.6, sampleSizeBefore: 100, shareAfter: 0.62, sampleSizeAfter: 100)
        #expect(c.countBefore == 60 && c.countAfter == 62)
    }
}
