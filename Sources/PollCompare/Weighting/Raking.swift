/// How to rake: the total, the convergence rule and the bounds on the weights.
public struct RakingOptions: Sendable, Equatable {
    /// T, the sum of the final weights; nil for the number of respondents n.
    public var total: Double?
    /// ε: the largest margin error accepted, as a proportion of the total (1e-10 by default).
    /// Also the relative slack on the bounds after re-raking: every weight ends within
    /// [floor·(1 − ε), cap·(1 + ε)] times the mean.
    public var epsilon: Double
    /// The most sweeps of one raking (and the most trim-and-re-rake rounds): 1000 by default.
    public var maxSweeps: Int
    /// The largest weight allowed, as a multiple of the mean weight T/n (above 1); nil for none.
    public var cap: Double?
    /// The smallest weight allowed, as a multiple of the mean weight (in (0, 1)); nil for none.
    public var floor: Double?
    /// Trim to this Kish design effect (at least 1): the largest cap whose trimmed, re-raked
    /// weights have deff ≤ this is searched for (`TrimmedRaking.toDesignEffect(_:_:floor:)`).
    public var targetDesignEffect: Double?

    /// Options with the defaults: T = n, ε = 1e-10, 1000 sweeps, no bounds.
    public init(
        total: Double? = nil, epsilon: Double = 1e-10, maxSweeps: Int = 1000, cap: Double? = nil,
        floor: Double? = nil, targetDesignEffect: Double? = nil
    ) {
        self.total = total
        self.epsilon = epsilon
        self.maxSweeps = maxSweeps
        self.cap = cap
        self.floor = floor
        self.targetDesignEffect = targetDesignEffect
    }
}

/// Raked weights and the report on how they were reached.
public struct RakingResult: Sendable {
    /// One weight per respondent, in file order.
    public let weights: [Double]
    /// Iterations, convergence, margin errors, design effects, weight range, trimming.
    public let report: RakingReport
}

/// Raking respondents' weights to target margins: iterative proportional fitting on the
/// cross-classification table (``IterativeProportionalFitting``), then, when bounds are asked
/// for, trimming and re-raking until margins and bounds hold together (`TrimmedRaking`).
///
/// Final weights: w_i = b_i·W_k/W_k⁽⁰⁾ for respondent i in cell k, with b_i its base weight and
/// W_k⁽⁰⁾, W_k the cell's base and raked totals; they sum to T (n by default), and without
/// bounds they equal R `survey::rake(design, margins, population totals = share·T,
/// control = list(maxit, epsilon))` run to convergence.
///
/// Example: 6 respondents F-young ×2, F-old, M-young, M-old ×2, targets sex 50/50 and age
/// young 1/3, old 2/3 (T = 6). Raking keeps the cells' odds ratio (2·2)/(1·1) = 4, so F-young's
/// total W solves W(1 + W) = 4(3 − W)(2 − W): W = (7 − √17)/2 ≈ 1.4384, and the weights are
/// W/2 ≈ 0.7192 (each F-young), 3 − W ≈ 1.5616, 2 − W ≈ 0.5616, (1 + W)/2 ≈ 1.2192 (each M-old).
public enum Raking {
    /// Rakes the respondents of `table` to `targets`.
    ///
    /// - Throws: ``RakingError`` for targets that cannot be met on the data's cells
    ///   (``TargetFeasibility``), bounds that some category's target cannot meet, or a design
    ///   effect no cap reaches. Not converging within `maxSweeps` is not thrown: the report says
    ///   so (``RakingReport/converged``).
    /// - Complexity: O(n + cells·variables·sweeps) without bounds; each trim-and-re-rake round
    ///   adds O(n).
    public static func rake(
        _ table: CrossClassificationTable, to targets: RakingTargets,
        options: RakingOptions = RakingOptions()
    ) throws(RakingError) -> RakingResult {
        precondition(
            table.variableCount == targets.variables.count, "the table and the targets have different variables")
        precondition(options.epsilon > 0 && options.maxSweeps >= 0)
        try TargetFeasibility.check(table, targets)
        let problem = RakingProblem(table: table, targets: targets, options: options)
        let base = table.baseWeightsOrOnes
        let before = problem.errors(of: base)
        var outcome: TrimmedRaking.Outcome
        if let deff = options.targetDesignEffect {
            outcome = try TrimmedRaking.toDesignEffect(problem, deff, floor: options.floor)
        } else {
            try problem.checkBounds(cap: options.cap, floor: options.floor)
            outcome = TrimmedRaking.rake(problem, cap: options.cap, floor: options.floor)
        }
        let report = RakingReport(
            variables: targets.variables.map(\.name), sweeps: outcome.sweeps,
            trimRounds: outcome.rounds, converged: outcome.converged,
            marginErrorsBefore: before, marginErrorsAfter: problem.errors(of: outcome.weights),
            before: WeightSummary(base), after: WeightSummary(outcome.weights),
            cap: outcome.cap, floor: outcome.floor,
            capped: outcome.trimming?.capped ?? 0, floored: outcome.trimming?.floored ?? 0,
            epsilon: options.epsilon, total: problem.total)
        return RakingResult(weights: outcome.weights, report: report)
    }
}

/// One raking problem: the table, the target totals and the options, with the steps that the
/// plain and the trimmed raking share.
struct RakingProblem {
    let table: CrossClassificationTable
    let targets: RakingTargets
    let options: RakingOptions
    /// T.
    let total: Double
    /// Target totals share·T per variable and category.
    let targetTotals: [[Double]]

    init(table: CrossClassificationTable, targets: RakingTargets, options: RakingOptions) {
        self.table = table
        self.targets = targets
        self.options = options
        total = options.total ?? Double(table.respondentCount)
        targetTotals = targets.variables.map { v in
            v.shares.map { $0 * (options.total ?? Double(table.respondentCount)) }
        }
    }

    /// The mean weight T/n.
    var mean: Double { total / Double(table.respondentCount) }

    /// Rakes `weights` (one per respondent) in place; returns the fit.
    ///
    /// - Complexity: O(n + cells·variables·sweeps).
    func rake(_ weights: inout [Double]) -> IterativeProportionalFitting.Result {
        let start = table.cellTotals(of: weights)
        let fit = IterativeProportionalFitting.fit(
            table, start: start, targets: targetTotals, total: total,
            epsilon: options.epsilon, maxSweeps: options.maxSweeps)
        let ratio = zip(fit.cellTotals, start).map { $0 / $1 }
        table.respondentCells.withUnsafeBufferPointer { cells in
            weights.withUnsafeMutableBufferPointer { w in
                for i in 0..<w.count { w[i] *= ratio[Int(cells[i])] }
            }
        }
        return fit
    }

    /// Each variable's largest margin error of `weights`, as a proportion of their sum:
    /// max_c |m_c/Σw − share_c|.
    ///
    /// - Complexity: O(n + cells·variables).
    func errors(of weights: [Double]) -> [Double] {
        let cells = table.cellTotals(of: weights)
        let sum = cells.reduce(0, +)
        let targets = targetTotals.map { $0.map { $0 / total * sum } }
        return IterativeProportionalFitting.marginErrors(table, cells, targets: targets, total: sum)
    }

    /// Checks that every category's target can be met with its weights within the bounds:
    /// share_c·T/n_c, the mean weight its n_c respondents need, must lie within
    /// [floor, cap]·T/n.
    ///
    /// - Throws: ``RakingError/boundsUnreachable(variable:category:respondents:neededMean:isCap:bound:)``.
    /// - Complexity: O(cells·variables).
    func checkBounds(cap: Double?, floor: Double?) throws(RakingError) {
        guard cap != nil || floor != nil else { return }
        let n = Double(table.respondentCount)
        for (v, variable) in targets.variables.enumerated() {
            let counts = table.respondentMargin(variable: v)
            for c in 0..<counts.count {
                let needed = variable.shares[c] * n / Double(counts[c])
                if let cap, needed > cap {
                    throw .boundsUnreachable(
                        variable: variable.name, category: variable.categories[c],
                        respondents: counts[c], neededMean: needed, isCap: true, bound: cap)
                }
                if let floor, needed < floor {
                    throw .boundsUnreachable(
                        variable: variable.name, category: variable.categories[c],
                        respondents: counts[c], neededMean: needed, isCap: false, bound: floor)
                }
            }
        }
    }
}
