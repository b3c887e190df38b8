/// Raking with bounds on the weights: rake, then while some weight is outside
/// [floor, cap]·(T/n) (beyond the relative slack ε), trim (``WeightTrimming``, R's
/// `trimWeights`) and rake again from the trimmed weights, until margins and bounds hold together
/// or `maxSweeps` rounds have been made.
///
/// In R the same sequence is
/// `repeat { d <- rake(d, ...); if (all weights within bounds) break; d <- trimWeights(d, upper, lower) }`
/// (scripts/references/rake.R runs it). `trimWeights` alone leaves the margins off their
/// targets; the re-raking is what this adds. Bounds that a category's target cannot meet
/// (its respondents would need a mean weight beyond the cap or floor) are refused before
/// iterating; bounds that cannot hold together with the margins in other ways end as a
/// round limit reached, reported as not converged.
///
/// ``toDesignEffect(_:_:floor:)`` searches, by bisection, for the largest cap whose
/// trimmed raking converges with a Kish design effect at most the target (the design effect
/// falls as the cap is lowered); R has no counterpart.
///
/// - Complexity: O(n + cells·variables·sweeps) per round.
enum TrimmedRaking {
    /// The weights reached and how.
    struct Outcome {
        var weights: [Double]
        /// Sweeps of every raking made, summed.
        var sweeps: Int
        /// Trim-and-re-rake rounds.
        var rounds: Int
        var converged: Bool
        /// The last trimming (nil when none was needed).
        var trimming: WeightTrimming.Outcome?
        /// The bounds used, relative to the mean weight.
        var cap: Double?
        var floor: Double?
    }

    /// The raking of the base weights, before any trimming.
    typealias Start = (weights: [Double], fit: IterativeProportionalFitting.Result)

    /// Rakes the base weights (the same for every bound, so ``toDesignEffect(_:_:floor:)`` does it once).
    static func start(_ problem: RakingProblem) -> Start {
        var weights = problem.table.baseWeightsOrOnes
        let fit = problem.rake(&weights)
        return (weights, fit)
    }

    /// Rakes from the base weights and trims to the bounds (relative to the mean weight).
    ///
    /// - Parameters:
    ///   - maxRounds: the most trim-and-re-rake rounds (default: the options' `maxSweeps`).
    ///   - start: the raking of the base weights, when already done (``start(_:)``).
    static func rake(
        _ problem: RakingProblem, cap: Double?, floor: Double?, maxRounds: Int? = nil, from start: Start? = nil
    ) -> Outcome {
        let initial = start ?? Self.start(problem)
        var weights = initial.weights
        let first = initial.fit
        var outcome = Outcome(
            weights: [], sweeps: first.sweeps, rounds: 0, converged: first.converged,
            trimming: nil, cap: cap, floor: floor)
        guard first.converged, cap != nil || floor != nil else {
            outcome.weights = weights
            return outcome
        }
        let eps = problem.options.epsilon
        let upper = cap.map { $0 * problem.mean } ?? .infinity
        let lower = floor.map { $0 * problem.mean } ?? -.infinity
        func within(_ w: [Double]) -> Bool {
            let hi = upper * (1 + eps), lo = lower * (1 - eps)
            for x in w where x > hi || x < lo { return false }
            return true
        }
        var inside = within(weights)
        var raked = true
        let limit = min(maxRounds ?? problem.options.maxSweeps, problem.options.maxSweeps)
        while !inside && outcome.rounds < limit {
            outcome.trimming = WeightTrimming.trim(&weights, lower: lower, upper: upper)
            // Sharing out a floor's deficit can take a small weight to 0 or below: raking cannot
            // continue from there (reported as not converged).
            raked = weights.allSatisfy { $0 > 0 }
            guard raked else { break }
            let fit = problem.rake(&weights)
            outcome.sweeps += fit.sweeps
            outcome.rounds += 1
            raked = fit.converged
            guard raked else { break }
            inside = within(weights)
        }
        outcome.converged = inside && raked
        outcome.weights = weights
        return outcome
    }

    /// The largest cap (relative to the mean weight, to a relative precision of 1e-4) whose
    /// trimmed raking converges with Kish deff ≤ `target`, found by bisection between 1 and the
    /// largest untrimmed raked weight; the floor, if any, applies throughout. Each cap tried gets
    /// at most ``trialRounds`` trim rounds: a cap whose raking converges more slowly than that
    /// counts as too tight (near the tightest feasible cap convergence slows down without end),
    /// so the cap returned always converged, and the search takes seconds, not minutes.
    ///
    /// - Throws: ``RakingError/designEffectUnreachable(target:best:cap:)`` when no cap tried
    ///   reaches the target.
    /// - Complexity: about 15 bisection steps, each a trimmed raking of at most ``trialRounds`` rounds.
    static func toDesignEffect(
        _ problem: RakingProblem, _ target: Double, floor: Double?
    ) throws(RakingError) -> Outcome {
        try problem.checkBounds(cap: nil, floor: floor)
        let start = Self.start(problem)
        let untrimmed = rake(problem, cap: nil, floor: floor, from: start)
        guard untrimmed.converged else { return untrimmed }
        let deff = designEffect(untrimmed.weights)
        if deff <= target { return untrimmed }
        var lo = 1.0
        var hi = untrimmed.weights.max()! / problem.mean
        var best: Outcome?
        var lowest: (deff: Double, cap: Double)?
        var steps = 0
        while hi - lo > 1e-4 * hi && steps < 60 {
            steps += 1
            let mid = (lo + hi) / 2
            if (try? problem.checkBounds(cap: mid, floor: floor)) == nil {
                lo = mid
                continue
            }
            let trial = rake(problem, cap: mid, floor: floor, maxRounds: trialRounds, from: start)
            guard trial.converged else {
                lo = mid
                continue
            }
            let d = designEffect(trial.weights)
            if lowest == nil || d < lowest!.deff { lowest = (d, mid) }
            if d <= target {
                best = trial
                lo = mid
            } else {
                hi = mid
            }
        }
        guard let best else {
            throw .designEffectUnreachable(target: target, best: lowest?.deff, cap: lowest?.cap)
        }
        return best
    }

    /// The most trim rounds a cap tried by ``toDesignEffect(_:_:floor:)`` gets: 100.
    static let trialRounds = 100

    /// Kish's deff of weights that are positive and finite.
    static func designEffect(_ weights: [Double]) -> Double {
        (try? KishDesignEffect(weights: weights).designEffect) ?? .infinity
    }
}
