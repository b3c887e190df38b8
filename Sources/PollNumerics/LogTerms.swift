#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Small logarithmic helpers that keep relative precision where the textbook form cancels.
///
/// - Complexity: O(1) each (at most 30 series terms).
public enum LogTerms {
    /// u − ln(1 + u) for u > −1, without cancellation near 0.
    ///
    /// For |u| ≤ ½: with t = u/(2 + u), ln(1 + u) = 2·atanh t = 2Σ t²ᵏ⁺¹/(2k + 1), so
    /// u − ln(1 + u) = u·t − 2Σₖ≥₁ t²ᵏ⁺¹/(2k + 1) (both terms of order u², the second of order u³).
    /// Elsewhere the direct form loses at most a factor of about 5.
    public static func uMinusLog1p(_ u: Double) -> Double {
        guard abs(u) <= 0.5 else { return u - log1p(u) }
        let t = u / (2 + u)
        let t2 = t * t
        // Σₖ≥₁ t²ᵏ/(2k + 1) for k = 1…13; t² ≤ 0.04, so 13 terms reach 1e-18.
        var sum = 0.0
        var k = 13
        while k >= 1 {
            sum = sum * t2 + 1 / Double(2 * k + 1)
            k -= 1
        }
        return u * t - 2 * t * t2 * sum
    }

    /// (1 + w)·ln(1 + w) − w for w ≥ 0, without cancellation near 0:
    /// Σₖ≥₂ (−1)ᵏwᵏ/(k(k − 1)) for w < ¼, the direct form above.
    public static func onePlusWLogMinusW(_ w: Double) -> Double {
        guard w < 0.25 else { return (1 + w) * log1p(w) - w }
        var sum = 0.0
        var k = 30
        while k >= 2 {
            let sign: Double = (k % 2 == 0) ? 1 : -1
            sum = sum * w + sign / Double(k * (k - 1))
            k -= 1
        }
        return sum * w * w
    }
}
