import PollNumerics

/// A two-sided confidence level 1 − α and its critical value z = Φ⁻¹(1 − α/2).
///
/// By default z is exact (1.959963984540054 at 95%, as scipy's `norm.isf(0.025)`); a publication
/// that used the rounded 1.96 is matched with ``init(level:z:)``.
public struct ConfidenceLevel: Equatable, Sendable {
    /// The level 1 − α as a fraction, e.g. 0.95.
    public let level: Double
    /// α = 1 − level, kept exactly as given when the level was made from α.
    public let alpha: Double
    /// The two-sided critical value.
    public let z: Double

    /// The level with the exact normal critical value.
    ///
    /// - Throws: ``PollCompareError/invalidConfidence(_:)`` unless 0 < level < 1.
    /// - Complexity: O(1).
    public init(_ level: Double) throws(PollCompareError) {
        guard level > 0 && level < 1 else { throw .invalidConfidence(level) }
        self.level = level
        self.alpha = 1 - level
        self.z = Normal.criticalValue(confidence: level)
    }

    /// The level 1 − α from α itself, z = Φ⁻¹(1 − α/2) from the exact tail α/2 (as statsmodels'
    /// `alpha` arguments and `norm.isf(alpha / 2)`).
    ///
    /// - Throws: ``PollCompareError/invalidConfidence(_:)`` unless 0 < α < 1.
    public init(alpha: Double) throws(PollCompareError) {
        guard alpha > 0 && alpha < 1 else { throw .invalidConfidence(1 - alpha) }
        self.level = 1 - alpha
        self.alpha = alpha
        self.z = Normal.inverseSurvival(alpha / 2)
    }

    /// The level with a given critical value (e.g. 1.96).
    ///
    /// - Throws: ``PollCompareError/invalidConfidence(_:)`` or
    ///   ``PollCompareError/invalidCriticalValue(_:)``.
    public init(level: Double, z: Double) throws(PollCompareError) {
        guard level > 0 && level < 1 else { throw .invalidConfidence(level) }
        guard z > 0 && z.isFinite else { throw .invalidCriticalValue(z) }
        self.level = level
        self.alpha = 1 - level
        self.z = z
    }

    /// 95%, exact z.
    public static let ninetyFive = try! ConfidenceLevel(0.95)
}
