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

    /// Advances the generator by 2¹²⁸ outputs at once, by the jump polynomial of Blackman & Vigna
    /// (2021, §4.3): the state after the jump is Σᵢ cᵢ·Tⁱ(state) over GF(2), for the bits cᵢ of
    /// the published 256-bit constant and T the state update. A generator and its copies jumped
    /// 1, 2, … times draw from non-overlapping stretches of 2¹²⁸ outputs of one sequence, so blocks
    /// of work can run in parallel on them with a result that does not depend on the thread count.
    ///
    /// - Complexity: 256 state updates.
    public mutating func jump() {
        let polynomial: [UInt64] = [
            0x180e_c6d3_3cfd_0aba, 0xd5a6_1266_f0c9_392c, 0xa958_2618_e03f_c9aa, 0x39ab_dc45_29b1_661c,
        ]
        var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0
        for word in polynomial {
            for bit in 0..<UInt64(64) {
                if (word >> bit) & 1 != 0 {
                    t0 ^= s0
                    t1 ^= s1
                    t2 ^= s2
                    t3 ^= s3
                }
                _ = next()
            }
        }
        (s0, s1, s2, s3) = (t0, t1, t2, t3)
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}
