import PollNumerics

/// A two-sided confidence level 1 − α and its critical value z = Φ⁻¹(1 − α/2).
///
/// The library states a level as a fraction, like every probability it handles: 95% is 0.95.
/// Write it whichever way is at hand:
///
/// ```swift
/// let a = ConfidenceLevel.ninetyFive                 // the default of every method
/// let b = try ConfidenceLevel(0.95)                  // a fraction
/// let c = try ConfidenceLevel(percent: 95)           // a percentage
/// let d = try ConfidenceLevel(parsing: "95%")        // text, as the command line reads it
/// ```
///
/// `ConfidenceLevel(95)` throws ``PollCompareError/invalidConfidence(_:)``: a bare number is a
/// fraction, and 95 is not one. The command line is more lenient because it reads text: `--conf 95`
/// goes through ``init(parsing:)``, which takes a number of 50 or more as a percentage.
///
/// α is exact where the level is written in decimal: ``init(parsing:)`` forms α from the digits
/// of the text (`"0.99999999"` gives α = 1e-8 exactly, not 1 − 0.99999999 in binary, which is
/// 1.0000000050247593e-8), and z is computed from the exact upper tail α/2 (1.9599639845400538
/// at 95%, as R's `qnorm(0.025, lower.tail = FALSE)`).
///
/// A publication's rounded critical value (1.96) is matched with ``init(criticalValue:)``: the
/// level is then the one that value implies, 1 − 2·Φ(−z), and every method uses it, so a table's
/// `conf` column always states the level its bounds were computed at.
public struct ConfidenceLevel: Equatable, Sendable {
    /// The level 1 − α as a fraction, e.g. 0.95.
    public let level: Double
    /// α = 1 − level, exact when the level was written in decimal.
    public let alpha: Double
    /// The two-sided critical value Φ⁻¹(1 − α/2) (or the value given to ``init(criticalValue:)``).
    public let z: Double
    /// The level as a fraction in decimal text, as the user wrote it: "0.95", "0.99999999".
    public let text: String

    /// The level as a fraction (0.95, not 95), with the exact normal critical value; α = 1 − level
    /// in binary (use ``init(parsing:)`` or ``init(percent:)`` for α exact in decimal).
    ///
    /// - Throws: ``PollCompareError/invalidConfidence(_:)`` unless 0 < level < 1 (so 95 throws:
    ///   use ``init(percent:)``).
    /// - Complexity: O(1).
    public init(_ level: Double) throws(PollCompareError) {
        guard level > 0 && level < 1 else { throw .invalidConfidence(level) }
        self.level = level
        self.alpha = 1 - level
        self.z = Normal.inverseSurvival(alpha / 2)
        self.text = level.description
    }

    /// The level written as a percentage: `ConfidenceLevel(percent: 95)` equals ``ninetyFive``.
    ///
    /// α is formed from the decimal digits of the percentage, as ``init(parsing:)`` does, so
    /// `percent: 99.9` gives α = 0.001 exactly (0.999 in binary would not); a percentage whose
    /// shortest text is in exponent form (below 10⁻⁴ or so) falls back to percent/100 in binary.
    ///
    /// - Parameter percent: the level in percent, 0 < percent < 100.
    /// - Throws: ``PollCompareError/invalidConfidence(_:)`` (with the level as a fraction) unless
    ///   0 < percent < 100.
    /// - Complexity: O(1).
    public init(percent: Double) throws(PollCompareError) {
        guard percent > 0 && percent < 100 else { throw .invalidConfidence(percent / 100) }
        if let decimal = try? ConfidenceLevel(parsing: NumberText.roundTrip(percent) + "%") {
            self = decimal
        } else {
            try self.init(percent / 100)
        }
    }

    /// The level 1 − α from α itself, z = Φ⁻¹(1 − α/2) from the exact tail α/2 (as statsmodels'
    /// `alpha` arguments and `norm.isf(alpha / 2)`).
    ///
    /// - Throws: ``PollCompareError/invalidConfidence(_:)`` unless 0 < α < 1.
    /// - Complexity: O(1).
    public init(alpha: Double) throws(PollCompareError) {
        guard alpha > 0 && alpha < 1 else { throw .invalidConfidence(1 - alpha) }
        self.level = 1 - alpha
        self.alpha = alpha
        self.z = Normal.inverseSurvival(alpha / 2)
        self.text = level.description
    }

    /// The level a given two-sided critical value implies: α = 2·Φ(−z), so 1.96 gives
    /// 0.9500042097035591. Every method (the normal ones through z, the exact ones through α)
    /// then works at that one level.
    ///
    /// - Throws: ``PollCompareError/invalidCriticalValue(_:)`` unless z is positive and finite.
    /// - Complexity: O(1).
    public init(criticalValue z: Double) throws(PollCompareError) {
        guard z > 0 && z.isFinite else { throw .invalidCriticalValue(z) }
        let alpha = 2 * Normal.survival(z)
        guard alpha > 0 else { throw .invalidCriticalValue(z) }
        self.alpha = alpha
        self.level = 1 - alpha
        self.z = z
        self.text = level.description
    }

    /// A level written in decimal: a fraction below 1 (`0.95`), or a percentage of 50 or more
    /// (`95`, `95%`), or any percentage with its sign (`1.5%`). A number from 1 to 50 without `%`
    /// could be either and is refused. α is formed from the decimal digits (exact to the last
    /// bit); the level and α are each the Double nearest their decimal value.
    ///
    /// - Throws: ``PollCompareError/unreadableConfidence(_:)`` for text that is not a plain
    ///   decimal, ``PollCompareError/ambiguousConfidence(_:)`` for 1 ≤ x < 50 without `%`,
    ///   ``PollCompareError/invalidConfidence(_:)`` for a level of 0 or 100% and above.
    /// - Complexity: O(length of the text).
    public init(parsing written: String) throws(PollCompareError) {
        let decimal = try DecimalLevel(written)
        self.text = decimal.fraction
        self.level = Double(decimal.fraction)!
        self.alpha = Double(decimal.alpha)!
        self.z = Normal.inverseSurvival(alpha / 2)
    }

    /// The one-sided critical value Φ⁻¹(1 − α), for one-sided bounds and tests.
    public var oneSidedZ: Double { Normal.inverseSurvival(alpha) }

    /// The level in percent, for sentences: "95", "99.999999".
    public var percentText: String {
        guard text.hasPrefix("0."), text.count > 2, text.allSatisfy({ $0 == "." || $0.isNumber }) else {
            return NumberText.roundTrip(level * 100)
        }
        var digits = Array(text.dropFirst(2))
        while digits.count < 2 { digits.append("0") }
        var whole = String(digits[0..<2])
        if whole.hasPrefix("0") { whole.removeFirst() }
        let rest = digits.dropFirst(2)
        return rest.isEmpty ? whole : whole + "." + String(rest)
    }

    /// 95%, exact z.
    public static let ninetyFive = try! ConfidenceLevel(parsing: "0.95")
}

/// The digits of a confidence level written in decimal, as a fraction and its complement α.
struct DecimalLevel {
    /// "0.d₁d₂…dₛ" with no trailing zero.
    let fraction: String
    /// "0.e₁e₂…eₛ" = 1 − fraction, computed on the digits.
    let alpha: String

    init(_ written: String) throws(PollCompareError) {
        (fraction, alpha) = try Self.digits(written)
    }

    private static func digits(_ written: String) throws(PollCompareError) -> (fraction: String, alpha: String) {
        var body = Substring(written)
        let percent = body.hasSuffix("%")
        if percent { body = body.dropLast() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts.first ?? ""
        let tail = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && tail.isEmpty), (whole + tail).utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw .unreadableConfidence(written)
        }
        // Digits of the value as a fraction of 1: move the point two places left for percent.
        var digits = Array((whole + tail).utf8).map { $0 - 48 }
        var point = whole.utf8.count - (percent ? 2 : 0)
        if point < 0 {
            digits.insert(contentsOf: repeatElement(0, count: -point), at: 0)
            point = 0
        }
        let integerValue = digits[0..<point].reduce(0.0) { $0 * 10 + Double($1) }
        var fractionDigits = Array(digits[point...])
        while fractionDigits.last == 0 { fractionDigits.removeLast() }
        // Without "%", a number from 1 to 50 could mean a fraction or a percentage.
        if !percent, integerValue >= 1, integerValue < 50 {
            throw .ambiguousConfidence(written)
        }
        if !percent, integerValue >= 50 {
            // A bare percentage (95, 99.9): read it as if written with "%".
            return try Self.digits(written + "%")
        }
        guard integerValue == 0, !fractionDigits.isEmpty else {
            throw .invalidConfidence(Double(body).map { percent ? $0 / 100 : $0 } ?? .nan)
        }
        let fraction = "0." + String(decoding: fractionDigits.map { $0 + 48 }, as: UTF8.self)
        // 1 − 0.d₁…dₛ = (10ˢ − d₁…dₛ)/10ˢ: the last digit (non-zero) from 10, the others from 9.
        var complement = fractionDigits.map { 9 - $0 }
        complement[complement.count - 1] += 1
        return (fraction, "0." + String(decoding: complement.map { $0 + 48 }, as: UTF8.self))
    }
}
