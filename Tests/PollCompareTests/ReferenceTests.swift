import Numerics
import Testing

@testable import PollCompare

/// Agreement with the references in IntervalReferences.swift (statsmodels, R and mpmath; see
/// scripts/references/intervals.py, each row names its call).
///
/// Tolerance (definition): |computed − reference| ≤ 1e-12·|reference|, or ≤ 1e-14 when the
/// reference is 0. NaN references require NaN.
func agrees(_ value: Double, _ reference: Double, relative: Double = 1e-12) -> Bool {
    if reference.isNaN { return value.isNaN }
    if reference == 0 { return abs(value) <= 1e-14 }
    return abs(value - reference) <= relative * abs(reference)
}

@Suite("Intervals against statsmodels, R and mpmath")
struct ReferenceTests {
    @Test("One share: every method at 90/95/99%", arguments: IntervalReferences.share)
    func share(method: String, count: Double, n: Double, alpha: Double, lower: Double, upper: Double) throws {
        let m = try #require(ShareIntervalMethod(rawValue: method))
        let i = try ShareInterval(count: count, sampleSize: n, confidence: ConfidenceLevel(alpha: alpha), method: m)
        #expect(agrees(i.lower, lower), "lower \(i.lower) vs \(lower)")
        #expect(agrees(i.upper, upper), "upper \(i.upper) vs \(upper)")
    }

    @Test("Lead within one poll: Wald and adjusted Wald", arguments: IntervalReferences.lead)
    func lead(
        method: String, countA: Double, countB: Double, n: Double, alpha: Double, lead: Double, se: Double,
        lower: Double, upper: Double, z: Double, pValue: Double, probLeadNormal: Double
    ) throws {
        let m = try #require(LeadIntervalMethod(rawValue: method))
        let estimate = try LeadEstimate(shareA: countA / n, shareB: countB / n, sampleSize: n)
        let i = try #require(try estimate.interval(method: m, confidence: ConfidenceLevel(alpha: alpha)))
        #expect(agrees(estimate.lead, lead))
        #expect(agrees(i.standardError, se), "se \(i.standardError) vs \(se)")
        #expect(agrees(i.lower, lower), "lower \(i.lower) vs \(lower)")
        #expect(agrees(i.upper, upper), "upper \(i.upper) vs \(upper)")
        #expect(agrees(i.zStatistic ?? .nan, z), "z \(String(describing: i.zStatistic)) vs \(z)")
        // p = 2·sf(|z|): the relative error of p is about z² times that of z, so 1e-12·max(1, z²).
        #expect(
            agrees(i.pValue ?? .nan, pValue, relative: 1e-12 * max(1, z * z)),
            "p \(String(describing: i.pValue)) vs \(pValue)")
        #expect(agrees(i.probabilityALeads, probLeadNormal, relative: 1e-12 * max(1, z * z)))
    }

    @Test(
        "P(A leads) under the Dirichlet posterior equals 1 − I_½(x_A + 1, x_B + 1)",
        arguments: IntervalReferences.posteriorLead)
    func posterior(countA: Double, countB: Double, n: Double, probability: Double) throws {
        let estimate = try LeadEstimate(shareA: countA / n, shareB: countB / n, sampleSize: n)
        let p = try #require(estimate.posteriorProbabilityALeads)
        #expect(agrees(p, probability), "\(p) vs \(probability)")
    }

    @Test("One candidate's change: Wald, Agresti–Caffo, Newcombe, score", arguments: IntervalReferences.change)
    func change(
        method: String, count1: Double, n1: Double, count2: Double, n2: Double, alpha: Double, change: Double,
        lower: Double, upper: Double, statistic: Double, pValue: Double
    ) throws {
        let m = try #require(ChangeIntervalMethod(rawValue: method))
        let c = try ShareChange(countBefore: count1, sampleSizeBefore: n1, countAfter: count2, sampleSizeAfter: n2)
        let i = c.interval(method: m, confidence: try ConfidenceLevel(alpha: alpha))
        #expect(agrees(i.change, change, relative: 1e-12) || abs(i.change - change) <= 1e-15)
        if lower.isNaN {
            // statsmodels' score interval fails on these degenerate tables (0/10 vs 0/10 and the
            // like); the score interval still exists and must hold the estimate.
            #expect(i.lower.isFinite && i.upper.isFinite && i.lower <= i.change && i.change <= i.upper)
        } else {
            #expect(agrees(i.lower, lower), "lower \(i.lower) vs \(lower)")
            #expect(agrees(i.upper, upper), "upper \(i.upper) vs \(upper)")
        }
        // statsmodels' −inf (Wald with SE 0 and a non-zero change) is stored as NaN in the file.
        #expect(
            agrees(i.statistic, statistic) || (statistic.isNaN && i.statistic.isInfinite),
            "statistic \(i.statistic) vs \(statistic)")
        #expect(agrees(i.pValue, pValue, relative: 1e-12 * max(1, statistic * statistic)), "p \(i.pValue) vs \(pValue)")
    }

    @Test(
        "The restricted MLE of the score method equals a numerical maximisation (mpmath)",
        arguments: IntervalReferences.restrictedMLE)
    func restrictedMLE(
        count1: Double, n1: Double, count2: Double, n2: Double, delta: Double, p1: Double, p2: Double
    ) throws {
        let c = try ShareChange(countBefore: count1, sampleSizeBefore: n1, countAfter: count2, sampleSizeAfter: n2)
        let r = c.restrictedMaximumLikelihood(delta: delta)
        #expect(agrees(r.before, p1), "p1 \(r.before) vs \(p1)")
        #expect(agrees(r.after, p2), "p2 \(r.after) vs \(p2)")
    }

    @Test("Simultaneous intervals: Goodman and Sison–Glaz", arguments: IntervalReferences.multinomial)
    func multinomial(method: String, counts: [Double], alpha: Double, lower: [Double], upper: [Double]) throws {
        let m = try #require(MultinomialIntervalMethod(rawValue: method))
        let i = try MultinomialInterval(counts: counts, confidence: ConfidenceLevel(alpha: alpha), method: m)
        for k in counts.indices {
            #expect(agrees(i.lower[k], lower[k]), "lower[\(k)] \(i.lower[k]) vs \(lower[k])")
            #expect(agrees(i.upper[k], upper[k]), "upper[\(k)] \(i.upper[k]) vs \(upper[k])")
        }
    }

    @Test("Kish design effect from weights", arguments: IntervalReferences.designEffect)
    func designEffect(weights: [Double], deff: Double, nEff: Double) throws {
        let k = try KishDesignEffect(weights: weights)
        #expect(agrees(k.designEffect, deff, relative: 1e-14))
        #expect(agrees(k.effectiveSampleSize, nEff, relative: 1e-14))
    }

    @Test("Sample sizes for a target margin", arguments: IntervalReferences.planning)
    func planning(
        quantity: String, moe: Double, shareA: Double, shareB: Double, deff: Double, alpha: Double, n: Double
    ) throws {
        let q = try #require(SampleSizePlanning.Quantity(rawValue: quantity))
        let computed = try SampleSizePlanning.sampleSize(
            q, margin: moe, shareA: shareA, shareB: shareB, designEffect: deff,
            confidence: ConfidenceLevel(alpha: alpha))
        #expect(computed == n)
    }
}

/// The largest relative error of every method against its references, printed for the record
/// (the per-row tests above are the gate; this one checks the same bound on the maxima).
@Suite("Largest errors per method")
struct LargestErrorTests {
    static func error(_ v: Double, _ r: Double) -> Double {
        if r.isNaN || v.isNaN { return 0 }
        return r == 0 ? abs(v) : abs(v - r) / abs(r)
    }

    @Test("Share, lead and change methods stay within 1e-12 of their references")
    func summary() throws {
        var worst: [String: Double] = [:]
        for row in IntervalReferences.share {
            let m = try #require(ShareIntervalMethod(rawValue: row.method))
            let i = try ShareInterval(
                count: row.count, sampleSize: row.n, confidence: ConfidenceLevel(alpha: row.alpha), method: m)
            worst["share " + row.method, default: 0] = max(
                worst["share " + row.method, default: 0],
                Self.error(i.lower, row.lower), Self.error(i.upper, row.upper))
        }
        for row in IntervalReferences.lead {
            let m = try #require(LeadIntervalMethod(rawValue: row.method))
            let e = try LeadEstimate(shareA: row.countA / row.n, shareB: row.countB / row.n, sampleSize: row.n)
            let i = try #require(try e.interval(method: m, confidence: ConfidenceLevel(alpha: row.alpha)))
            worst["lead " + row.method, default: 0] = max(
                worst["lead " + row.method, default: 0],
                Self.error(i.lower, row.lower), Self.error(i.upper, row.upper),
                Self.error(i.standardError, row.se))
        }
        for row in IntervalReferences.change where !row.lower.isNaN {
            let m = try #require(ChangeIntervalMethod(rawValue: row.method))
            let c = try ShareChange(
                countBefore: row.count1, sampleSizeBefore: row.n1, countAfter: row.count2, sampleSizeAfter: row.n2)
            let i = c.interval(method: m, confidence: try ConfidenceLevel(alpha: row.alpha))
            worst["change " + row.method, default: 0] = max(
                worst["change " + row.method, default: 0],
                Self.error(i.lower, row.lower), Self.error(i.upper, row.upper))
        }
        for row in IntervalReferences.multinomial {
            let m = try #require(MultinomialIntervalMethod(rawValue: row.method))
            let i = try MultinomialInterval(
                counts: row.counts, confidence: ConfidenceLevel(alpha: row.alpha), method: m)
            for k in row.counts.indices {
                worst["multinomial " + row.method, default: 0] = max(
                    worst["multinomial " + row.method, default: 0],
                    Self.error(i.lower[k], row.lower[k]), Self.error(i.upper[k], row.upper[k]))
            }
        }
        for (name, e) in worst.sorted(by: { $0.key < $1.key }) {
            print("largest relative error, \(name): \(e)")
            #expect(e <= 1e-12, "\(name)")
        }
    }
}
