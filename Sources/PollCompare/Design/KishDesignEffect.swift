import PollNumerics

/// Kish's design effect and effective sample size from respondent weights.
///
/// deff = n·Σw²/(Σw)², n_eff = (Σw)²/Σw² = n/deff (Kish, *Survey Sampling*, 1965, §11.7; R
/// `survey`'s `deff`, `pollster::deff_calc`).
///
/// The sums are taken over the weights scaled by a power of two, 2⁻ᵉ with e the exponent of the
/// largest weight, so every scaled weight is below 2 and the largest is at least 1: squares of
/// weights near 1e300 do not overflow and squares of weights near 1e-320 do not vanish. Scaling
/// by a power of two is exact, and the ratios above do not depend on the scale, so the result is
/// the same bits as the unscaled formula wherever that one neither overflows nor underflows.
///
/// Example: weights 1, 2, 3 give n = 3, Σw = 6, Σw² = 14, deff = 3·14/36 ≈ 1.167, n_eff ≈ 2.571.
public struct KishDesignEffect: Equatable, Sendable {
    /// Number of weights, n.
    public let count: Int
    /// The exponent e of the scale 2ᵉ: the largest weight is in [2ᵉ, 2ᵉ⁺¹).
    public let scaleExponent: Int
    /// Σw·2⁻ᵉ, the scaled sum (in [1, 2n)).
    public let scaledSum: Double
    /// Σw²·2⁻²ᵉ, the scaled sum of squares (in [1, 4n)).
    public let scaledSumOfSquares: Double

    /// Sums the scaled weights with BLAS (Σu = u·1, Σu² = u·u, u = w·2⁻ᵉ).
    ///
    /// - Parameter weights: non-negative, finite, not all zero.
    /// - Throws: ``PollCompareError/invalidWeights(_:)`` for an empty list, a negative, NaN or
    ///   infinite weight, or weights that are all 0.
    /// - Complexity: O(n).
    public init(weights: [Double]) throws(PollCompareError) {
        guard !weights.isEmpty else { throw .invalidWeights("no weights") }
        var largest = 0.0
        for w in weights {
            guard w >= 0, w.isFinite else { throw .invalidWeights("weight \(w) is not a non-negative number") }
            largest = Swift.max(largest, w)
        }
        guard largest > 0 else { throw .invalidWeights("weights are all 0; expected at least one positive weight") }
        let e = Int(largest.exponent)
        // Double(sign:exponent:significand:) multiplies by 2^(−e) exactly, even where 2^(−e)
        // itself is not a finite Double (e below −1023: subnormal weights).
        let scaled = weights.map { Double(sign: .plus, exponent: -e, significand: $0) }
        let ones = [Double](repeating: 1, count: scaled.count)
        count = weights.count
        scaleExponent = e
        scaledSum = BLAS.dot(scaled, ones)
        scaledSumOfSquares = BLAS.dot(scaled, scaled)
    }

    /// Σw (+∞ when the true sum exceeds the largest Double).
    public var sumOfWeights: Double { Double(sign: .plus, exponent: scaleExponent, significand: scaledSum) }

    /// Σw² (+∞ or 0 when the true value is outside the range of Double; the design effect does
    /// not use it).
    public var sumOfSquaredWeights: Double {
        Double(sign: .plus, exponent: 2 * scaleExponent, significand: scaledSumOfSquares)
    }

    /// deff = n·Σw²/(Σw)², from the scaled sums (the scale cancels).
    public var designEffect: Double {
        Double(count) * scaledSumOfSquares / (scaledSum * scaledSum)
    }

    /// n_eff = (Σw)²/Σw², from the scaled sums.
    public var effectiveSampleSize: Double {
        scaledSum * scaledSum / scaledSumOfSquares
    }
}
