/// Counts from published percentages (GUIDE §3): x = p·n kept fractional, rounded to the
/// nearest integer when within 1e-9 of one, so 29% of 100 is 29, not 28.999999999999996.
public enum Counts {
    /// x = p·n, snapped to the nearest integer within 1e-9.
    ///
    /// - Complexity: O(1).
    public static func count(share p: Double, of n: Double) -> Double {
        let x = p * n
        let nearest = x.rounded()
        return abs(x - nearest) <= 1e-9 ? nearest : x
    }
}
