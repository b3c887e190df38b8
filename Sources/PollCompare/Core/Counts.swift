/// Counts formed from published shares: the one rule every interval uses when a share (a
/// proportion) of an (effective) sample becomes a number of respondents.
///
/// Rule (GUIDE §3, "Counts from percentages"): x = p·n, kept fractional (the beta-function and
/// score methods accept real counts, as statsmodels and R do), and rounded to the nearest integer
/// when it is within ``integerTolerance`` of one, or within 4 units of relative rounding error
/// (4·ε·x) for counts so large that 1e-9 is finer than the product's own rounding. The binary
/// product of a decimal share and n is off by at most one rounding of p and one of the product
/// (≤ ε·x in all), so both slacks only undo that: 29% of 100 is 29, not 28.999999999999996, and
/// 29% of 10⁹ is 290 000 000, not 290 000 000.00000006. A count 0.3 or 354.4 stays as it is.
///
/// Methods that need whole respondents say what they do with fractional counts (Sison–Glaz rounds
/// each count to the nearest integer; see ``MultinomialIntervalMethod/sisonGlaz``).
public enum Counts {
    /// The absolute distance from an integer within which a count is taken to be that integer.
    public static let integerTolerance = 1e-9

    /// The count of a share p of n respondents, x = p·n with the rounding rule above.
    ///
    /// Example: `Counts.count(share: 0.29, of: 100)` is 29 (the product 0.29·100 is
    /// 28.999999999999996); `Counts.count(share: 0.443, of: 800)` is 354.4.
    ///
    /// - Parameters:
    ///   - share: the proportion p (not validated: NaN or ±∞ give NaN or ±∞ back).
    ///   - n: the (effective) sample size.
    /// - Returns: p·n, snapped to the nearest integer when within the tolerance of one.
    /// - Complexity: O(1).
    public static func count(share: Double, of n: Double) -> Double {
        snapped(share * n)
    }

    /// The counts of several shares of one poll of n respondents (see ``count(share:of:)``).
    ///
    /// This is the helper for multinomial input given as percentages: divide the points by 100
    /// and pass the proportions here, then to ``MultinomialInterval/init(counts:confidence:method:)``.
    ///
    /// - Complexity: O(k) for k shares.
    public static func counts(shares: [Double], of n: Double) -> [Double] {
        shares.map { count(share: $0, of: n) }
    }

    /// x rounded to the nearest integer when |x − round(x)| ≤ max(1e-9, 4·ε·|x|), else x itself.
    ///
    /// - Complexity: O(1).
    public static func snapped(_ x: Double) -> Double {
        guard x.isFinite else { return x }
        let nearest = x.rounded()
        let slack = Swift.max(integerTolerance, 4 * Double.ulpOfOne * abs(x))
        return abs(x - nearest) <= slack ? nearest : x
    }
}
