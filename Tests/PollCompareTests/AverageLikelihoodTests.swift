import Testing

@testable import PollCompare

/// The restricted marginal likelihood of τ and ω and its maximum, against an independent dense
/// mixed-model REML in numpy and a brute-force maximisation with scipy (see
/// scripts/references/average.py --likelihood).
///
/// Tolerances: log likelihood at fixed τ, ω: 1e-9·max(1, |ℓ|) (an absolute 1e-9 near 0: the
/// one-poll fixture's ℓ is 0 exactly). Maximum: τ and ω to 1e-4 relative; a maximum at τ = 0 to
/// 1e-6 absolute. Exception, stated: when the reference maximum sits at the lower end of the ω
/// search range (1e-4, fixture tauAtZero) the likelihood is flat there (ℓ(ω) − ℓ(0) = O(ω²), a
/// change of ~1e-12 between ω = 1e-4 and 2e-4), so ω is only required below 1e-3. ℓ at the
/// maximum equals the reference to 1e-8 relative and is never more than 1e-9·|ℓ| below it.
@Suite("Polling average: marginal likelihood of tau and omega")
struct AverageLikelihoodTests {
    @Test("Log likelihood at fixed tau and omega equals the dense REML")
    func fixedParameters() throws {
        #expect(AverageLikelihoodReferences.atFixedParameters.count == 10)
        #expect(AverageLikelihoodReferences.fixtures.count == 4)
        for (name, reference) in AverageLikelihoodReferences.atFixedParameters {
            let fixture = try #require(AverageReferences.fixtures.first { $0.name == name })
            let fit = try StateSpaceAverage(
                polls: fixture.polls, tau: fixture.tau, omega: fixture.omega,
                houseEffects: fixture.houseEffects)
            #expect(
                ReferenceTolerance.close(fit.logLikelihood, reference, 1e-9),
                "\(name): \(fit.logLikelihood) vs \(reference)")
        }
    }

    @Test(
        "Log likelihood at tau = 1, omega = 0.2 equals the dense REML", arguments: AverageLikelihoodReferences.fixtures)
    func unitTau(fixture: AverageLikelihoodReferences.Fixture) throws {
        let fit = try StateSpaceAverage(polls: fixture.polls, tau: 1, omega: 0.2, houseEffects: fixture.houseEffects)
        #expect(ReferenceTolerance.close(fit.logLikelihood, fixture.logLikelihoodAtUnitTau, 1e-9))
    }

    @Test("The likelihood-only evaluation equals the full fit and the dense REML")
    func likelihoodOnly() throws {
        for (name, reference) in AverageLikelihoodReferences.atFixedParameters {
            let fixture = try #require(AverageReferences.fixtures.first { $0.name == name })
            let evaluator = try #require(
                AverageLikelihoodEvaluator(polls: fixture.polls, houseEffects: fixture.houseEffects))
            let value = try #require(evaluator.logLikelihood(tau: fixture.tau, omega: fixture.omega))
            #expect(ReferenceTolerance.close(value, reference, 1e-9), "\(name): \(value) vs \(reference)")
        }
        for fixture in AverageLikelihoodReferences.fixtures {
            let evaluator = try #require(
                AverageLikelihoodEvaluator(polls: fixture.polls, houseEffects: fixture.houseEffects))
            for (tau, omega) in [(1.0, 0.2), (0, 0.05), (3, 1.5), (0.5, 1e-4)] {
                let fit = try StateSpaceAverage(
                    polls: fixture.polls, tau: tau, omega: omega, houseEffects: fixture.houseEffects)
                let value = try #require(evaluator.logLikelihood(tau: tau, omega: omega))
                #expect(
                    abs(value - fit.logLikelihood) <= 1e-10 * max(1, abs(fit.logLikelihood)),
                    "\(value) vs \(fit.logLikelihood)")
            }
            let value = try #require(evaluator.logLikelihood(tau: 1, omega: 0.2))
            #expect(ReferenceTolerance.close(value, fixture.logLikelihoodAtUnitTau, 1e-9))
        }
    }

    @Test("Estimated tau and omega equal a brute-force maximisation", arguments: AverageLikelihoodReferences.fixtures)
    func maximum(fixture: AverageLikelihoodReferences.Fixture) throws {
        let estimate = try StateSpaceAverage.estimate(polls: fixture.polls, houseEffects: fixture.houseEffects)
        #expect(estimate.tauEstimated && estimate.omegaEstimated)
        if fixture.tau == 0 {
            #expect(estimate.tau <= 1e-6, "tau \(estimate.tau)")
        } else {
            #expect(abs(estimate.tau - fixture.tau) <= 1e-4 * fixture.tau, "tau \(estimate.tau) vs \(fixture.tau)")
        }
        if fixture.omega <= StateSpaceAverage.omegaSearchRange.lowerBound * (1 + 1e-12) {
            #expect(estimate.omega < 1e-3, "omega \(estimate.omega) at the lower end of the range")
        } else {
            #expect(
                abs(estimate.omega - fixture.omega) <= 1e-4 * fixture.omega,
                "omega \(estimate.omega) vs \(fixture.omega)")
        }
        #expect(estimate.logLikelihood >= fixture.logLikelihood - 1e-9 * abs(fixture.logLikelihood))
        #expect(ReferenceTolerance.close(estimate.logLikelihood, fixture.logLikelihood, 1e-8))
    }

    @Test("One parameter fixed: the other maximises the likelihood along its line")
    func oneFixed() throws {
        let fixture = AverageLikelihoodReferences.fixtures[0]
        let both = try StateSpaceAverage.estimate(polls: fixture.polls, houseEffects: fixture.houseEffects)
        let tauOnly = try StateSpaceAverage.estimate(
            polls: fixture.polls, houseEffects: fixture.houseEffects,
            omega: both.omega)
        #expect(!tauOnly.omegaEstimated && tauOnly.omega == both.omega)
        #expect(abs(tauOnly.tau - both.tau) <= 1e-4 * both.tau)
        let fixed = try StateSpaceAverage.estimate(polls: fixture.polls, tau: 1, omega: 0.2)
        #expect(fixed.tau == 1 && fixed.omega == 0.2 && fixed.evaluations == 1)
        #expect(
            fixed.logLikelihood == fixture.logLikelihoodAtUnitTau
                || ReferenceTolerance.close(fixed.logLikelihood, fixture.logLikelihoodAtUnitTau, 1e-9))
    }

    @Test("Invalid fixed parameters are data errors")
    func invalid() {
        let polls = [AveragePoll(lead: 1, day: 0, pollster: 0, variance: 4)]
        #expect(throws: AverageError.invalidParameter(name: "tau", value: -1)) {
            try StateSpaceAverage.estimate(polls: polls, tau: -1)
        }
        #expect(throws: AverageError.invalidParameter(name: "omega", value: 0)) {
            try StateSpaceAverage.estimate(polls: polls, omega: 0)
        }
        #expect(throws: AverageError.noPolls) { try StateSpaceAverage.estimate(polls: []) }
    }
}
