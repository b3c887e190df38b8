/// A running sum with Neumaier's compensation (Neumaier 1974, *ZAMM* 54:39; the improved
/// Kahan–Babuška sum): the rounding error of each addition is kept in a second term and added
/// back at the end, so the result is within about 2ε·|Σxᵢ| + O(nε²)·Σ|xᵢ| of the exact sum,
/// independent of the order of the terms to first order. Python's `math.fsum` (exactly rounded)
/// agrees with it to the last bit or two for the sums of the calibration, so group statistics do
/// not depend on how the file's rows are ordered.
///
/// Example:
/// ```swift
/// var s = CompensatedSum()
/// for x in [1e16, 1, -1e16] { s.add(x) }
/// s.value   // 1 (a plain loop gives 0)
/// ```
public struct CompensatedSum: Sendable {
    private var sum = 0.0
    private var compensation = 0.0

    /// An empty sum (0).
    public init() {}

    /// Adds `x`.
    ///
    /// - Complexity: O(1).
    public mutating func add(_ x: Double) {
        let t = sum + x
        if abs(sum) >= abs(x) {
            compensation += (sum - t) + x
        } else {
            compensation += (x - t) + sum
        }
        sum = t
    }

    /// The sum so far.
    public var value: Double { sum + compensation }
}
