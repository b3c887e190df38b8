/// Sums and differences of published decimals, computed on their decimal digits so that they
/// print exactly: 44.3 − 36.3 is 8 (binary subtraction gives 7.9999999999999964), 31 − 58 −
/// (44.3 − 36.3) is −35, and half of it −17.5.
///
/// Each input is read as the shortest decimal that round-trips its Double (Swift's
/// `description`: 44.3 is "44.3"), scaled by 10ᵈ for the largest number of decimals d among the
/// inputs to an exact integer, summed in integers, and the result is the Double nearest the
/// decimal sum (correctly rounded by the standard library's decimal-to-binary conversion). When
/// an input has more than 15 significant digits, or the scaled sum would leave the integers a
/// Double holds exactly (2⁵³), the plain binary sum is returned instead: such inputs are not
/// published figures.
public enum ExactDecimal {
    /// The most decimals an input may carry to be treated as a published decimal.
    static let maximumDecimals = 12

    /// Σ signᵢ·xᵢ as a decimal (see the type's description), divided by `divisor` (1 or 2).
    ///
    /// - Parameters:
    ///   - terms: values with their signs, e.g. `[(a, 1), (b, -1)]` for a − b.
    ///   - divisor: 1, or 2 for a half (a Butler swing).
    /// - Complexity: O(terms).
    public static func sum(_ terms: [(value: Double, sign: Int)], dividedBy divisor: Int = 1) -> Double {
        let binary = terms.reduce(0.0) { $0 + Double($1.sign) * $1.value } / Double(divisor)
        guard divisor == 1 || divisor == 2 else { return binary }
        var decimals = 0
        for term in terms {
            guard term.value.isFinite, let d = decimalPlaces(term.value) else { return binary }
            decimals = Swift.max(decimals, d)
        }
        var total: Int64 = 0
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        for term in terms {
            let scaled = (term.value * scale).rounded()
            guard abs(scaled) < 4e15 else { return binary }
            total += Int64(term.sign) * Int64(scaled)
        }
        if divisor == 2 {
            if total % 2 != 0 {
                total *= 5
                decimals += 1
            } else {
                total /= 2
            }
        }
        guard abs(total) < 9_007_199_254_740_992 else { return binary }
        return Double("\(total)e-\(decimals)") ?? binary
    }

    /// a − b as a decimal.
    ///
    /// - Complexity: O(1).
    public static func difference(_ a: Double, _ b: Double) -> Double {
        sum([(a, 1), (b, -1)])
    }

    /// The number of decimals in the shortest round-trip text of `x` ("44.3" → 1, "58" → 0), or
    /// nil when it has an exponent, more than ``maximumDecimals`` decimals, or more than 15
    /// significant digits.
    static func decimalPlaces(_ x: Double) -> Int? {
        if x == x.rounded(), abs(x) < 1e15 { return 0 }
        let text = x.description
        guard !text.contains("e"), let point = text.firstIndex(of: ".") else { return nil }
        let decimals = text.distance(from: text.index(after: point), to: text.endIndex)
        let digits = text.filter(\.isNumber).drop { $0 == "0" }.count
        guard decimals <= maximumDecimals, digits <= 15 else { return nil }
        return decimals
    }
}
