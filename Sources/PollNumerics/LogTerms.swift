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
        return uMinusLog1pSeries(u)
    }

    /// u − ln(1 + u) by the series of ``uMinusLog1p(_:)`` for every lane of u, each lane's result
    /// that of ``uMinusLog1p(_:)`` bit for bit.
    ///
    /// - Precondition: |u| ≤ ½ in every lane.
    static func uMinusLog1pSeries<T: Lanes>(_ u: T) -> T {
        let t = u / (T(repeating: 2) + u)
        let y = t * t
        // Σⱼ yʲ/(2j + 3) for j = 0…12 (the t²ᵏ/(2k + 1) for k = 1…13); y ≤ 0.04, so 13 terms reach
        // 1e-18. Estrin's scheme (Knuth, TAOCP 2, §4.6.4): pairs, then pairs of pairs in y², y⁴,
        // y⁸, so the dependency chain is four multiply-adds deep instead of Horner's twelve. Every
        // term is positive, so the order of the sums costs no precision.
        func pair(_ even: Double, _ odd: Double) -> T { T(repeating: even) + y * T(repeating: odd) }
        let y2 = y * y, y4 = y2 * y2, y8 = y4 * y4
        let p0 = pair(1.0 / 3.0, 1.0 / 5.0), p1 = pair(1.0 / 7.0, 1.0 / 9.0)
        let p2 = pair(1.0 / 11.0, 1.0 / 13.0), p3 = pair(1.0 / 15.0, 1.0 / 17.0)
        let p4 = pair(1.0 / 19.0, 1.0 / 21.0), p5 = pair(1.0 / 23.0, 1.0 / 25.0)
        let low = (p0 + y2 * p1) + y4 * (p2 + y2 * p3)
        let high = (p4 + y2 * p5) + y4 * T(repeating: 1.0 / 27.0)
        let sum = low + y8 * high
        return u * t - T(repeating: 2) * t * y * sum
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
