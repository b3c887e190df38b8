/// The xoshiro256** pseudorandom generator: 256 bits of state, period 2²⁵⁶ − 1, fast and
/// statistically strong; the same seed gives the same bits on every platform.
///
/// Source: Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 47
/// (2021), article 36. Seeding: four outputs of ``SplitMix64`` from the 64-bit seed, as the
/// authors recommend.
///
///     var rng = Xoshiro256StarStar(seed: 20240918)
///     let u = rng.nextUniform()      // in [0, 1)
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable {
    private var s0, s1, s2, s3: UInt64

    /// Creates a generator from a 64-bit seed (expanded by SplitMix64).
    public init(seed: UInt64) {
        var mixer = SplitMix64(seed: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
    }

    /// The next 64 random bits: rotl(s1·5, 7)·9, then the xorshift state update.
    ///
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// A uniform Double in [0, 1): the top 53 bits of `next()` times 2⁻⁵³.
    ///
    /// - Complexity: O(1).
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform Double in (0, 1): the top 52 bits plus one half, times 2⁻⁵², never 0 (safe for logs).
    public mutating func nextOpenUniform() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1.0p-52
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
