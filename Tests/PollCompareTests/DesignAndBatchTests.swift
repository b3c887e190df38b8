import Numerics
import PollNumerics
import Testing

@testable import PollCompare

@Suite("Designs, non-probability samples, planning and the batch API")
struct DesignAndBatchTests {
    @Test("Straw and opt-in polls get no interval unless random sampling is assumed")
    func nonProbability() throws {
        for type in [SampleType.straw, .optIn] {
            let design = try SampleDesign(sampleSize: 1000, sampleType: type)
            let lead = try LeadEstimate(shareA: 0.58, shareB: 0.31, design: design)
            #expect(lead.basis == .notRandomSample)
            #expect(try lead.interval() == nil)
            #expect(lead.standardError == nil)
            #expect(lead.lead.isApproximatelyEqual(to: 0.27, relativeTolerance: 1e-13))
            let assumed = try SampleDesign(sampleSize: 1000, sampleType: type, assumesRandomSample: true)
            let forced = try LeadEstimate(shareA: 0.58, shareB: 0.31, design: assumed)
            #expect(forced.basis == .assumesRandomSample)
            let plain = try LeadEstimate(shareA: 0.58, shareB: 0.31, sampleSize: 1000)
            #expect(try forced.interval() == plain.interval())
        }
        let unknown = try LeadEstimate(shareA: 0.58, shareB: 0.31, sampleSize: nil)
        #expect(unknown.basis == .unknownSampleSize)
        #expect(try unknown.interval() == nil)
    }

    @Test("A swing takes the weaker basis of its two polls")
    func swingBasis() throws {
        let straw = try LeadEstimate(
            shareA: 0.443, shareB: 0.363,
            design: SampleDesign(sampleSize: 800, sampleType: .straw))
        let phone = try LeadEstimate(shareA: 0.31, shareB: 0.58, sampleSize: 1000)
        let s = try SwingEstimate(before: straw, after: phone)
        #expect(s.basis == .notRandomSample)
        #expect(s.standardError == nil)
        #expect(s.breakEvenSampleSize == 51)
    }

    @Test("Design effect, effective n and the finite population correction")
    func designs() throws {
        let d = try SampleDesign(sampleSize: 1000, designEffect: 1.5)
        #expect(d.effectiveSampleSize.isApproximatelyEqual(to: 1000 / 1.5, relativeTolerance: 1e-15))
        let e = try SampleDesign(sampleSize: 1000, effectiveSampleSize: 800)
        #expect(e.designEffect == 1.25)
        // N = 1.3 million members, n = 1000: f = (N − n)/(N − 1).
        let f = try SampleDesign(sampleSize: 1000, populationSize: 1_300_000)
        #expect(f.finitePopulationFactor == (1_300_000 - 1000) / (1_300_000 - 1.0))
        let census = try SampleDesign(sampleSize: 500, populationSize: 500)
        #expect(census.effectiveSampleSize == .infinity)
        #expect(throws: PollCompareError.self) { try SampleDesign(sampleSize: 1000, populationSize: 10) }
        #expect(throws: PollCompareError.self) { try SampleDesign(sampleSize: 1000, designEffect: 0) }
        #expect(throws: PollCompareError.self) { try SampleDesign(weights: []) }
        #expect(throws: PollCompareError.self) { try SampleDesign(weights: [1, -2]) }
        #expect(throws: PollCompareError.self) { try SampleDesign(weights: [0, 0]) }
        #expect(throws: PollCompareError.self) { try SampleDesign(weights: [1, .nan]) }
    }

    @Test("The Bayes posterior P(A leads): Monte Carlo fraction agrees with the exact Beta value")
    func posterior() throws {
        let lead = try LeadEstimate(shareA: 0.46, shareB: 0.44, sampleSize: 500)
        let exact = try #require(lead.posteriorProbabilityALeads)
        var rng = Xoshiro256StarStar(seed: 11)
        let draws = Samplers.dirichlet(alpha: [0.46 * 500 + 1, 0.44 * 500 + 1, 0.1 * 500 + 1], count: 200_000, &rng)
        var ahead = 0
        for r in 0..<draws.rows where draws[r, 0] > draws[r, 1] { ahead += 1 }
        let fraction = Double(ahead) / Double(draws.rows)
        // 5 binomial standard errors of 200 000 draws.
        #expect(abs(fraction - exact) <= 5 * (exact * (1 - exact) / 200_000).squareRoot())
        // Same seed, same interval.
        #expect(try lead.interval(method: .bayes, draws: 10_000) == (try lead.interval(method: .bayes, draws: 10_000)))
        #expect(
            try lead.interval(method: .bayes, draws: 10_000, seed: 1)
                != (try lead.interval(method: .bayes, draws: 10_000, seed: 2)))
    }

    @Test("Panel correlation shrinks the swing's SE: V₁ + V₂ − 2ρ√(V₁V₂)")
    func panel() throws {
        let a = try LeadEstimate(shareA: 0.443, shareB: 0.363, sampleSize: 800)
        let b = try LeadEstimate(shareA: 0.31, shareB: 0.58, sampleSize: 1000)
        let s = try SwingEstimate(before: a, after: b, correlation: 0.5)
        let v1 = try #require(a.variance), v2 = try #require(b.variance)
        #expect(try #require(s.standardError) == (v1 + v2 - 2 * 0.5 * (v1 * v2).squareRoot()).squareRoot())
        #expect(throws: PollCompareError.invalidCorrelation(1.5)) {
            try SwingEstimate(before: a, after: b, correlation: 1.5)
        }
    }

    @Test("Batch leads, swings and Wilson intervals equal the scalar API bit for bit")
    func batchEqualsScalar() throws {
        var rng = Xoshiro256StarStar(seed: 3)
        let rows = 2000
        var a = [Double](), b = [Double](), n = [Double](), a2 = [Double](), b2 = [Double](), m = [Double]()
        for r in 0..<rows {
            let x = rng.nextUniform() * 0.7, y = rng.nextUniform() * (0.95 - x)
            a.append(x); b.append(y)
            n.append(r % 10 == 0 ? .nan : (50 + 3000 * rng.nextUniform()).rounded())
            let x2 = rng.nextUniform() * 0.7, y2 = rng.nextUniform() * (0.95 - x2)
            a2.append(x2); b2.append(y2)
            m.append((50 + 3000 * rng.nextUniform()).rounded())
        }
        let conf = ConfidenceLevel.ninetyFive
        let leads = PollColumns.leads(shareA: a, shareB: b, effectiveSampleSize: n, confidence: conf)
        let later = PollColumns.leads(shareA: a2, shareB: b2, effectiveSampleSize: m, confidence: conf)
        let swings = PollColumns.swings(before: leads, after: later, beforeSampleSize: n, afterSampleSize: m)
        let wilson = PollColumns.shareIntervals(shares: a, effectiveSampleSize: n, method: .wilson)
        for r in 0..<rows {
            let size: Double? = n[r].isNaN ? nil : n[r]
            let lead = try LeadEstimate(shareA: a[r], shareB: b[r], sampleSize: size)
            #expect(leads.lead[r] == lead.lead)
            let swing = try SwingEstimate(
                before: lead, after: LeadEstimate(shareA: a2[r], shareB: b2[r], sampleSize: m[r]))
            #expect(swings.swing[r] == swing.swing)
            #expect(
                BatchKernelTests.same(
                    swings.breakEvenSampleSize[r], swing.breakEvenSampleSize.map(Double.init) ?? .nan))
            if let i = try lead.interval() {
                #expect(leads.lower[r] == i.lower && leads.upper[r] == i.upper && leads.pValue[r] == i.pValue)
                #expect(swings.standardError[r] == swing.standardError)
                let w = try ShareInterval(share: a[r], sampleSize: n[r], confidence: conf, method: .wilson)
                #expect(wilson.lower[r] == w.lower && wilson.upper[r] == w.upper)
            } else {
                #expect(leads.lower[r].isNaN && swings.standardError[r].isNaN && wilson.lower[r].isNaN)
            }
        }
    }

    @Test("Planning: headline margin and sample sizes")
    func planning() throws {
        // scipy: stats.norm.isf((1 - 0.95) / 2) * math.sqrt(0.25 / 1000) = 0.030989751615228076
        let moe = try SampleSizePlanning.marginOfError(sampleSize: 1000)
        #expect(moe.isApproximatelyEqual(to: 0.030989751615228076, relativeTolerance: 1e-15))
        let n = try SampleSizePlanning.sampleSize(margin: 0.03)
        #expect(n == 1068) // scipy: ceil(stats.norm.isf(0.025)**2 * 0.25 / 0.03**2) = ceil(1067.07…)
        #expect(throws: PollCompareError.invalidMargin(0)) { try SampleSizePlanning.sampleSize(margin: 0) }
        // With N = 1000: ⌈1068/(1 + 1067/1000)⌉ = ⌈516.69⌉ = 517
        #expect(try SampleSizePlanning.sampleSize(margin: 0.03, populationSize: 1000) == 517)
    }
}
