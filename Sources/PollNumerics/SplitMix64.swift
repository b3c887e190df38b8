/// SplitMix64, the 64-bit generator used to expand one seed into the state of
/// ``Xoshiro256StarStar``.
///
/// Source: Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// the seeding procedure recommended by Blackman & Vigna for the xoshiro family.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The current state.
    public private(set) var state: UInt64

    /// Creates a generator whose first output is derived from `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits: state += 0x9E3779B97F4A7C15, then two xor-shift-multiply rounds.
    ///
    /// - Complexity: O(1).
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
