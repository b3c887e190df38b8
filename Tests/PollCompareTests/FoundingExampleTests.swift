import Numerics
import PollCompare
import Testing

/// The founding example: the 2024 Teamsters member polls, 44.3/36.3 (n = 800) then 31/58
/// (n = 1000). References from scripts/references/founding_swing.py (mpmath at 50 digits from the
/// exact decimals; p-value from scipy.stats.norm.sf). Tolerance: 1e-13 relative (the inputs are
/// binary roundings of decimals, so the leads carry errors of a few ulps).
@Suite("Founding example: the Teamsters swing")
struct FoundingExampleTests {
    static func swing(n1: Double?, n2: Double?) throws -> SwingEstimate {
        let before = try LeadEstimate(shareA: 0.443, shareB: 0.363, sampleSize: n1)
        let after = try LeadEstimate(shareA: 0.31, shareB: 0.58, sampleSize: n2)
        return try SwingEstimate(before: before, after: after)
    }

    @Test("Leads, swing, Butler swing and SE")
    func pinned() throws {
        let s = try Self.swing(n1: 800, n2: 1000)
        #expect(s.before.lead.isApproximatelyEqual(to: 0.080, relativeTolerance: 1e-13))
        #expect(s.after.lead.isApproximatelyEqual(to: -0.270, relativeTolerance: 1e-13))
        #expect(s.swing.isApproximatelyEqual(to: -0.350, relativeTolerance: 1e-13))
        #expect(s.butlerSwing.isApproximatelyEqual(to: -0.175, relativeTolerance: 1e-13))
        #expect(s.before.unitVariance.isApproximatelyEqual(to: 0.7996, relativeTolerance: 1e-13))
        #expect(s.after.unitVariance.isApproximatelyEqual(to: 0.8171, relativeTolerance: 1e-13))
        // mpmath: sqrt(0.0009995 + 0.0008171)
        let se = try #require(s.standardError)
        #expect(se.isApproximatelyEqual(to: 0.042621590772752724, relativeTolerance: 1e-13))
        // mpmath: swing / se
        let z = try #require(s.zStatistic)
        #expect(z.isApproximatelyEqual(to: -8.211800490181357, relativeTolerance: 1e-13))
        // 2 * scipy.stats.norm.sf(8.211800490181357); the tail is steep (d ln p/dz ≈ −z), so the
        // tolerance is 1e-13 · |z| · (relative error of z) scale: 1e-12.
        let p = try #require(s.pValue)
        #expect(p.isApproximatelyEqual(to: 2.1789611335300598e-16, relativeTolerance: 1e-12))
        let interval = try #require(s.interval)
        #expect(interval.lower < s.swing && s.swing < interval.upper)
        #expect(
            (interval.upper - interval.lower).isApproximatelyEqual(
                to: 2 * 1.9599639845400538 * 0.042621590772752724, relativeTolerance: 1e-13))
    }

    @Test("Without sample sizes: no interval, break-even n = ⌈50.6978…⌉ = 51")
    func breakEven() throws {
        let s = try Self.swing(n1: nil, n2: nil)
        #expect(s.standardError == nil)
        #expect(s.interval == nil)
        #expect(s.pValue == nil)
        #expect(s.breakEvenSampleSize == 51)
        // At the break-even n the swing is significant; one respondent fewer it is not.
        let at = try Self.swing(n1: 51, n2: 51)
        let below = try Self.swing(n1: 50, n2: 50)
        #expect(abs(try #require(at.zStatistic)) >= at.confidence.z)
        #expect(abs(try #require(below.zStatistic)) < below.confidence.z)
    }

    @Test("A zero swing has no break-even n")
    func zeroSwing() throws {
        let lead = try LeadEstimate(shareA: 0.5, shareB: 0.4, sampleSize: nil)
        #expect(try SwingEstimate(before: lead, after: lead).breakEvenSampleSize == nil)
    }

    @Test(
        "Bad shares and sample sizes are data errors",
        arguments: [
            (1.443, 0.363, Double?.none, PollCompareError.shareOutOfRange(name: "share of A", value: 1.443)),
            (0.443, -0.1, nil, .shareOutOfRange(name: "share of B", value: -0.1)),
            (0.6, 0.5, nil, .sharesExceedTotal(sum: 1.1)),
            (0.4, 0.5, 0, .invalidSampleSize(name: "sample size", value: 0)),
            (0.4, 0.5, .nan, .invalidSampleSize(name: "sample size", value: .nan)),
        ])
    func badInput(a: Double, b: Double, n: Double?, expected: PollCompareError) {
        do {
            _ = try LeadEstimate(shareA: a, shareB: b, sampleSize: n)
            Issue.record("expected \(expected)")
        } catch {
            #expect(error.description == expected.description)
        }
    }

    @Test("Shares of NaN are rejected")
    func nanShare() {
        #expect(throws: PollCompareError.self) { try LeadEstimate(shareA: .nan, shareB: 0.3, sampleSize: 100) }
    }

    @Test("Confidence levels: exact z, a publication's 1.96, and bad levels")
    func confidence() throws {
        #expect(try ConfidenceLevel(0.95).z == 1.9599639845400538)
        #expect(try ConfidenceLevel(criticalValue: 1.96).z == 1.96)
        #expect(throws: PollCompareError.invalidConfidence(1)) { try ConfidenceLevel(1) }
        #expect(throws: PollCompareError.invalidConfidence(0)) { try ConfidenceLevel(0) }
        #expect(throws: PollCompareError.invalidCriticalValue(-1)) { try ConfidenceLevel(criticalValue: -1) }
    }
}
