/// Trimming weights to bounds, as R `survey::trimWeights(design, upper, lower)` does (survey 4.x,
/// its default `strict = FALSE`): weights above `upper` are set to it, weights below `lower` to
/// it, and the total taken off (or added) is shared out *equally* among the weights that were
/// inside the bounds, so the sum of the weights is kept:
/// w'_i = clamp(w_i) + Σ_j (w_j − clamp(w_j)) / #{inside} for each weight inside.
///
/// Sharing out can push a weight that was just inside over a bound; `trimWeights(strict = TRUE)`
/// repeats the trimming until none is, but that recursion need not end (with a floor, the
/// deficit shared out pushes other weights below it again; R stops with "C stack usage too close
/// to the limit"). Here the trimming is one pass and `TrimmedRaking` re-rakes and trims again
/// until the bounds hold, which also restores the margins that trimming alone moves.
///
/// Example: weights 1, 1, 4 with upper 3: 4 becomes 3 and the 1 taken off is shared, 0.5 each:
/// 1.5, 1.5, 3.
///
/// - Complexity: O(n).
public enum WeightTrimming {
    /// What one trimming did.
    public struct Outcome: Equatable, Sendable {
        /// Weights set to the upper bound.
        public let capped: Int
        /// Weights set to the lower bound.
        public let floored: Int
    }

    /// Trims `weights` in place to [lower, upper] (−∞ and +∞ for no bound).
    ///
    /// - Precondition: lower < upper.
    /// - Returns: how many weights were set to each bound. When no weight is inside the bounds
    ///   nothing is shared out (R would divide by zero).
    /// - Complexity: O(n).
    @discardableResult
    public static func trim(_ weights: inout [Double], lower: Double, upper: Double) -> Outcome {
        precondition(lower < upper, "trimming needs lower < upper")
        var trimmed = 0.0
        var capped = 0, floored = 0
        var outside = [Bool](repeating: false, count: weights.count)
        weights.withUnsafeMutableBufferPointer { w in
            for i in 0..<w.count {
                let x = w[i]
                if x > upper {
                    trimmed += x - upper
                    w[i] = upper
                    capped += 1
                    outside[i] = true
                } else if x < lower {
                    trimmed += x - lower
                    w[i] = lower
                    floored += 1
                    outside[i] = true
                }
            }
            let inside = w.count - capped - floored
            guard inside > 0, capped + floored > 0 else { return }
            // R: pwnew[!outside] <- pwnew[!outside] + sum(trimmings)/sum(!outside).
            let share = trimmed / Double(inside)
            for i in 0..<w.count where !outside[i] { w[i] += share }
        }
        return Outcome(capped: capped, floored: floored)
    }
}
