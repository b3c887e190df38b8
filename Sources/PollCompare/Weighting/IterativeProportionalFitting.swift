/// Iterative proportional fitting (raking; Deming & Stephan 1940, *Ann. Math. Statist.* 11:427)
/// on a ``CrossClassificationTable``'s cell totals.
///
/// A sweep visits the variables in order; for variable v it computes the margin
/// m_c = Σ_{cells k in category c} W_k and multiplies every cell of category c by t_c/m_c, so
/// that margin then equals its target total t_c exactly. This is R `survey::rake`'s sweep (one
/// `postStratify` per margin, in the order given), done on cell totals instead of respondents:
/// every weight of a cell is multiplied by the same factors, so the respondents' weights are
/// their base weights times their cell's total ratio W_k/W_k⁽⁰⁾.
///
/// Convergence: after each sweep, the largest absolute difference between a margin and its
/// target, as a proportion of the total, e = max_{v,c} |m_{v,c} − t_{v,c}|/T; fitting stops once
/// e ≤ ε (checked before the first sweep too, so targets already met take 0 sweeps) or after
/// `maxSweeps` sweeps. (R's `epsilon` measures the change of the cross table between sweeps
/// instead; at full convergence both reach the same fixed point, the unique table with these
/// margins of the form base × Π category factors: Ireland & Kullback 1968.)
///
/// - Complexity: O(cells·variables) per sweep.
public enum IterativeProportionalFitting {
    /// The fitted cell totals and how the fitting went.
    public struct Result: Sendable {
        /// The cell totals W_k after the last sweep.
        public let cellTotals: [Double]
        /// Sweeps made.
        public let sweeps: Int
        /// Whether every margin is within ε of its target.
        public let converged: Bool
        /// The largest margin error of each variable at the end, as a proportion of the total.
        public let marginErrors: [Double]
    }

    /// Fits the cell totals `start` to the target totals.
    ///
    /// - Parameters:
    ///   - table: the cells and their categories.
    ///   - start: each cell's starting total (positive).
    ///   - targets: for each variable, each category's target total (positive; each variable's
    ///     sum is `total`).
    ///   - total: T, the sum every margin has at the end.
    ///   - epsilon: ε, the largest margin error accepted, as a proportion of T.
    ///   - maxSweeps: the most sweeps made.
    /// - Complexity: O(cells·variables·sweeps).
    public static func fit(
        _ table: CrossClassificationTable, start: [Double], targets: [[Double]], total: Double,
        epsilon: Double, maxSweeps: Int
    ) -> Result {
        precondition(start.count == table.cellCount && targets.count == table.variableCount)
        var cells = start
        var errors = marginErrors(table, cells, targets: targets, total: total)
        var sweeps = 0
        var stuck = false
        while errors.max()! > epsilon && sweeps < maxSweeps && !stuck {
            for v in 0..<table.variableCount {
                let margin = table.margin(cells, variable: v)
                var factors = [Double](repeating: 1, count: margin.count)
                for c in 0..<margin.count {
                    let f = targets[v][c] / margin[c]
                    // A margin that underflowed to 0 or overflowed cannot be scaled: stop (the
                    // result then reports no convergence).
                    if f.isFinite && f > 0 { factors[c] = f } else { stuck = true }
                }
                let stride = table.variableCount
                table.cellCategories.withUnsafeBufferPointer { cats in
                    cells.withUnsafeMutableBufferPointer { w in
                        for k in 0..<w.count { w[k] *= factors[Int(cats[k * stride + v])] }
                    }
                }
            }
            sweeps += 1
            errors = marginErrors(table, cells, targets: targets, total: total)
        }
        return Result(cellTotals: cells, sweeps: sweeps, converged: errors.max()! <= epsilon, marginErrors: errors)
    }

    /// The largest margin error of each variable: max_c |m_c − t_c|/T.
    ///
    /// - Complexity: O(cells·variables).
    public static func marginErrors(
        _ table: CrossClassificationTable, _ cells: [Double], targets: [[Double]],
        total: Double
    ) -> [Double] {
        (0..<table.variableCount).map { v in
            let margin = table.margin(cells, variable: v)
            var worst = 0.0
            for c in 0..<margin.count {
                let e = abs(margin[c] - targets[v][c]) / total
                // NaN (a broken margin) counts as the worst error.
                worst = e.isNaN ? .infinity : Swift.max(worst, e)
            }
            return worst
        }
    }
}
