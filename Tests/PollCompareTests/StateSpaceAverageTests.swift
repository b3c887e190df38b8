import Numerics
import Testing

@testable import PollCompare

/// The state-space average for fixed τ and ω against an independent dense GLS (numpy, see
/// scripts/references/average.py) and statsmodels' local level smoother.
///
/// Tolerance (dense GLS): |swift − reference| ≤ 1e-9·max(|reference|, scale) where scale is 1 for
/// means, effects, changes and sds (points), so values near 0 (a house effect of a symmetric
/// fixture, an sd that is 0 by construction) are compared absolutely at 1e-9 points. Weights are
/// compared at 1e-9 absolute (they are at most 1).
///
/// No exception for a small ω: with ω = 1e-4 (fixture tinyOmega) the trend block has entries
/// ω⁻² = 10⁸ next to poll precisions near 0.1; its factor comes from the information-filter
/// recursion (RandomWalkCholesky, no cancellation) and the reference from mpmath at 50 digits
/// (double-precision numpy is itself only good to about 5e-9 there), so that fixture is held to
/// the same 1e-9.
@Suite("State-space polling average")
struct StateSpaceAverageTests {
    static func allClose(_ x: [Double], _ reference: [Double], _ tolerance: Double = 1e-9) -> Bool {
        x.count == reference.count && zip(x, reference).allSatisfy { ReferenceTolerance.close($0, $1, tolerance) }
    }

    @Test("Posterior equals the dense GLS", arguments: AverageReferences.fixtures)
    func denseReference(fixture: AverageReferences.Fixture) throws {
        let fit = try StateSpaceAverage(
            polls: fixture.polls, tau: fixture.tau, omega: fixture.omega,
            houseEffects: fixture.houseEffects)
        let tol = 1e-9
        #expect(fit.dayCount == fixture.mean.count)
        #expect(Self.allClose(fit.mean, fixture.mean, tol))
        #expect(Self.allClose(fit.sd, fixture.sd, tol))
        #expect(Self.allClose(fit.houseEffects, fixture.house, tol))
        #expect(Self.allClose(fit.houseEffectSD, fixture.houseSD, tol))
        #expect(Self.allClose(fit.populationEffects, fixture.population, tol))
        #expect(Self.allClose(fit.populationEffectSD, fixture.populationSD, tol))
        #expect(fit.weights.count == fixture.weights.count)
        #expect(zip(fit.weights, fixture.weights).allSatisfy { abs($0 - $1) <= tol })
        #expect(abs(fit.weights.reduce(0, +) - 1) <= tol)
        #expect(!fixture.changes.isEmpty)
        for change in fixture.changes {
            let (value, sd) = fit.change(from: change.from, to: change.to)
            #expect(ReferenceTolerance.close(value, change.change, tol), "change \(change.from) -> \(change.to)")
            #expect(ReferenceTolerance.close(sd, change.sd, tol), "sd of change \(change.from) -> \(change.to)")
        }
        // The weights reproduce the last day's mean; residuals and adjusted leads are consistent.
        let weighted = zip(fit.weights, fixture.polls).reduce(0) { $0 + $1.0 * $1.1.lead }
        #expect(ReferenceTolerance.close(weighted, fit.mean[fit.dayCount - 1]))
        for (i, poll) in fixture.polls.enumerated() {
            #expect(ReferenceTolerance.close(fit.adjustedLeads[i] - fit.residuals[i], fit.mean[poll.day], 1e-12))
        }
        if fixture.houseEffects { #expect(abs(fit.houseEffects.reduce(0, +)) <= 1e-12) }
    }

    @Test("Covariance between days: variance on the diagonal, change variance from the joint posterior")
    func covariance() throws {
        let fixture = AverageReferences.fixtures.first { $0.name == "sixtyDayGap" }!
        let fit = try StateSpaceAverage(polls: fixture.polls, tau: fixture.tau, omega: fixture.omega)
        for day in [0, 10, 40, 81] {
            #expect(ReferenceTolerance.close(fit.covariance(day, day), fit.sd[day] * fit.sd[day], 1e-12))
        }
        let (a, b) = (10, 71)
        let viaCovariance = fit.sd[a] * fit.sd[a] + fit.sd[b] * fit.sd[b] - 2 * fit.covariance(a, b)
        #expect(ReferenceTolerance.close(fit.change(from: a, to: b).sd, viaCovariance.squareRoot(), 1e-10))
        #expect(ReferenceTolerance.close(fit.covariance(a, b), fit.covariance(b, a), 1e-12))
        // Not the two sds in quadrature: neighbouring days are strongly correlated.
        let quadrature = (fit.sd[40] * fit.sd[40] + fit.sd[41] * fit.sd[41]).squareRoot()
        #expect(fit.change(from: 40, to: 41).sd < quadrature / 5)
        #expect(fit.change(from: 7, to: 7) == (0, 0))
    }

    /// Reference: statsmodels UnobservedComponents('llevel', use_exact_diffuse=True) smoothing
    /// (see AverageReferences.localLevelStatsmodels); tolerance 1e-8 relative (absolute below 1).
    @Test("Without house effects and with equal variances: statsmodels local level smoothing")
    func localLevel() throws {
        let fixture = AverageReferences.fixtures.first { $0.name == "localLevel" }!
        let fit = try StateSpaceAverage(
            polls: fixture.polls, tau: fixture.tau, omega: fixture.omega, houseEffects: false)
        let reference = AverageReferences.localLevelStatsmodels
        #expect(reference.mean.count == 21 && reference.sd.count == 21)
        #expect(Self.allClose(fit.mean, reference.mean, 1e-8))
        #expect(Self.allClose(fit.sd, reference.sd, 1e-8))
    }

    /// Reference: AverageReferences.constantLevel, the ω → 0 limit (one level for all days, dense
    /// GLS in numpy); at ω = 1e-8 the fit differs from it by O(ω²·T²) ≈ 1e-14. Tolerance 1e-9
    /// relative (absolute below 1), as for the dense GLS.
    @Test("A very small ω tends to the house-adjusted precision-weighted mean")
    func tinyOmega() throws {
        let fixture = AverageReferences.fixtures.first { $0.name == "tinyOmega" }!
        let limit = AverageReferences.constantLevel
        for omega in [1e-8, 1e-10] {
            let fit = try StateSpaceAverage(polls: fixture.polls, tau: fixture.tau, omega: omega)
            #expect(fit.mean.allSatisfy { ReferenceTolerance.close($0, limit.mean) }, "omega \(omega): \(fit.mean)")
            #expect(Self.allClose(fit.houseEffects, limit.house), "omega \(omega): \(fit.houseEffects)")
            // The house-adjusted precision-weighted mean of the leads.
            let precision = fixture.polls.map { 1 / ($0.variance + fixture.tau * fixture.tau) }
            let pooled = zip(precision, fit.adjustedLeads).reduce(0) { $0 + $1.0 * $1.1 } / precision.reduce(0, +)
            #expect(ReferenceTolerance.close(pooled, limit.mean))
            #expect(fit.sd.allSatisfy { ReferenceTolerance.close($0, fit.sd[0], 1e-12) })
        }
    }

    @Test("Data errors are thrown")
    func errors() {
        let poll = AveragePoll(lead: 1, day: 0, pollster: 0, variance: 4)
        #expect(throws: AverageError.noPolls) { try StateSpaceAverage(polls: [], tau: 1, omega: 1) }
        #expect(throws: AverageError.invalidParameter(name: "omega", value: 0)) {
            try StateSpaceAverage(polls: [poll], tau: 1, omega: 0)
        }
        #expect(throws: AverageError.invalidParameter(name: "tau", value: -1)) {
            try StateSpaceAverage(polls: [poll], tau: -1, omega: 1)
        }
        #expect(throws: AverageError.invalidPoll(poll: 0, lead: 1, variance: 0)) {
            try StateSpaceAverage(polls: [AveragePoll(lead: 1, day: 0, pollster: 0, variance: 0)], tau: 0, omega: 1)
        }
        #expect(throws: AverageError.negativeDay(poll: 1, day: -2)) {
            try StateSpaceAverage(
                polls: [poll, AveragePoll(lead: 1, day: -2, pollster: 0, variance: 4)], tau: 1, omega: 1)
        }
        #expect(throws: AverageError.emptyGroup(kind: "pollster", index: 1)) {
            try StateSpaceAverage(
                polls: [poll, AveragePoll(lead: 1, day: 2, pollster: 2, variance: 4)], tau: 1, omega: 1)
        }
        #expect(throws: AverageError.noReferencePopulation) {
            try StateSpaceAverage(
                polls: [AveragePoll(lead: 1, day: 0, pollster: 0, population: 0, variance: 4)],
                tau: 1, omega: 1)
        }
        // Pollster 1 polls only population 0, which no other pollster polls: h and g confounded.
        let confounded = [poll, AveragePoll(lead: 2, day: 1, pollster: 1, population: 0, variance: 4)]
        #expect(throws: AverageError.self) { try StateSpaceAverage(polls: confounded, tau: 1, omega: 1) }
    }
}

@Suite("Reference table sizes (average)")
struct AverageReferenceCountTests {
    @Test("AverageReferences (scripts/references/average.py)")
    func counts() {
        #expect(AverageReferences.fixtures.count == 10)
        #expect(AverageReferences.fixtures.map(\.polls.count) == [12, 12, 1, 4, 6, 8, 8, 10, 8, 11])
        #expect(
            AverageReferences.fixtures.allSatisfy { $0.mean.count == $0.sd.count && $0.weights.count == $0.polls.count }
        )
    }
}
