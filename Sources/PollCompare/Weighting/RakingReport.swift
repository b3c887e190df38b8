/// The range and spread of a set of weights: n, Σw, min, max, mean and Kish's design effect
/// deff = n·Σw²/(Σw)² and effective sample size n_eff = (Σw)²/Σw² (``KishDesignEffect``).
public struct WeightSummary: Sendable, Equatable {
    public let count: Int
    public let sum: Double
    public let minimum: Double
    public let maximum: Double
    public let designEffect: Double
    public let effectiveSampleSize: Double
    /// The mean weight Σw/n.
    public var mean: Double { sum / Double(count) }

    /// Summarises positive, finite weights (NaN for the design effect otherwise).
    ///
    /// - Complexity: O(n).
    public init(_ weights: [Double]) {
        precondition(!weights.isEmpty)
        count = weights.count
        minimum = weights.min()!
        maximum = weights.max()!
        if let kish = try? KishDesignEffect(weights: weights) {
            sum = kish.sumOfWeights
            designEffect = kish.designEffect
            effectiveSampleSize = kish.effectiveSampleSize
        } else {
            sum = weights.reduce(0, +)
            designEffect = .nan
            effectiveSampleSize = .nan
        }
    }
}

/// How raking went: sweeps, convergence, each variable's largest margin error before (base
/// weights) and after, the weights' design effect and range before and after, and the trimming.
///
/// Margin errors are max_c |m_c/Σw − share_c| per variable, proportions (0.01 is one point).
public struct RakingReport: Sendable, Equatable {
    /// The raking variables, in order.
    public let variables: [String]
    /// Sweeps of iterative proportional fitting, summed over every raking (the first one and
    /// each re-raking after a trim).
    public let sweeps: Int
    /// Trim-and-re-rake rounds (0 without bounds, or when no weight was outside them).
    public let trimRounds: Int
    /// Whether every margin is within ε and every weight within its bounds (up to ε relative).
    public let converged: Bool
    /// Each variable's largest margin error with the base weights.
    public let marginErrorsBefore: [Double]
    /// Each variable's largest margin error with the final weights.
    public let marginErrorsAfter: [Double]
    /// The base weights (all 1 without a base weight column).
    public let before: WeightSummary
    /// The final weights.
    public let after: WeightSummary
    /// The cap and floor used, relative to the mean weight (the cap found by trimming to a design
    /// effect), or nil.
    public let cap: Double?
    public let floor: Double?
    /// Respondents at the cap or floor after the last trimming.
    public let capped: Int
    public let floored: Int
    /// ε, the convergence tolerance (a proportion).
    public let epsilon: Double
    /// T, the target total of the weights.
    public let total: Double

    /// The report as a table with columns `measure,variable,before,after` (numbers round-trip;
    /// `converged` is `yes` or `no`; margin errors are proportions; `cap` and `floor` are
    /// multiples of the mean weight, empty without bounds).
    ///
    /// Rows, in order: `sweeps`, `trim_rounds`, `converged`, `epsilon`, one `margin_error` per
    /// variable, `deff`, `n_eff`, `sum_weight`, `mean_weight`, `min_weight`, `max_weight`, `cap`,
    /// `floor`, `capped`, `floored`.
    public var table: ReportTable {
        var t = ReportTable(columns: ["measure", "variable", "before", "after"])
        func row(_ measure: String, _ variable: String = "", _ before: ReportCell = .empty, after: ReportCell) {
            t.append([.text(measure), variable.isEmpty ? .empty : .text(variable), before, after])
        }
        row("sweeps", after: .number(Double(sweeps)))
        row("trim_rounds", after: .number(Double(trimRounds)))
        row("converged", after: .text(converged ? "yes" : "no"))
        row("epsilon", after: .number(epsilon))
        for (v, name) in variables.enumerated() {
            row("margin_error", name, .number(marginErrorsBefore[v]), after: .number(marginErrorsAfter[v]))
        }
        row("deff", "", .number(before.designEffect), after: .number(after.designEffect))
        row("n_eff", "", .number(before.effectiveSampleSize), after: .number(after.effectiveSampleSize))
        row("sum_weight", "", .number(before.sum), after: .number(after.sum))
        row("mean_weight", "", .number(before.mean), after: .number(after.mean))
        row("min_weight", "", .number(before.minimum), after: .number(after.minimum))
        row("max_weight", "", .number(before.maximum), after: .number(after.maximum))
        row("cap", after: .optional(cap))
        row("floor", after: .optional(floor))
        row("capped", after: .number(Double(capped)))
        row("floored", after: .number(Double(floored)))
        return t
    }

    /// The report for people, a few lines:
    ///
    /// ```
    /// raking converged: 9 sweeps, 0 trim rounds; 1000 respondents, total 1000
    /// largest margin error (points), base weights -> raked:
    ///   sex  4.2 -> 2.8e-11
    /// design effect 1 -> 1.0832, effective n 1000 -> 923.2
    /// weights: min 1 -> 0.7311, max 1 -> 1.6120, mean 1 -> 1
    /// ```
    public var text: String {
        let width = variables.map(\.count).max() ?? 0
        func points(_ e: Double) -> String {
            let p = e * 100
            return p == 0 ? "0" : (p >= 1e-3 ? NumberText.fixed(p, digits: 4) : NumberText.scientific(p, digits: 1))
        }
        func four(_ x: Double) -> String { NumberText.fixed(x, digits: 4) }
        var s =
            "raking \(converged ? "converged" : "did NOT converge"): \(sweeps) sweep\(sweeps == 1 ? "" : "s"), \(trimRounds) trim round\(trimRounds == 1 ? "" : "s"); \(before.count) respondents, total \(NumberText.roundTrip(total)), epsilon \(NumberText.roundTrip(epsilon))\n"
        s += "largest margin error (points), base weights -> raked:\n"
        for (v, name) in variables.enumerated() {
            s +=
                "  " + name + String(repeating: " ", count: width - name.count)
                + "  \(points(marginErrorsBefore[v])) -> \(points(marginErrorsAfter[v]))\n"
        }
        s +=
            "design effect \(four(before.designEffect)) -> \(four(after.designEffect)), effective n \(NumberText.fixed(before.effectiveSampleSize, digits: 1)) -> \(NumberText.fixed(after.effectiveSampleSize, digits: 1))\n"
        s +=
            "weights: min \(four(before.minimum)) -> \(four(after.minimum)), max \(four(before.maximum)) -> \(four(after.maximum)), mean \(four(before.mean)) -> \(four(after.mean))\n"
        if cap != nil || floor != nil {
            let bounds = [
                cap.map { "cap \(NumberText.roundTrip($0))" }, floor.map { "floor \(NumberText.roundTrip($0))" },
            ]
            .compactMap { $0 }.joined(separator: ", ")
            s += "bounds (times the mean weight): \(bounds); \(capped) capped, \(floored) floored\n"
        }
        return s
    }
}
