/// The question ids a reader has seen, remembered as 64-bit hashes (eight bytes each, not the
/// ids), so a reader that closes each question when the next one starts can tell when a
/// question's rows come back later in the file.
///
/// A hash can collide, so ``insert(_:)`` may say an id was seen when only another id with the same
/// hash was: the caller must treat a "seen" answer as possible, not certain (a reader reads the
/// file again, holding that question's rows). With n ids the chance of any collision is below
/// n²/2⁶⁴ (under 10⁻⁶ for 10⁷ questions).
///
/// - Complexity: O(id length) expected per ``insert(_:)``; memory 8–16 bytes per id (open
///   addressing, at most half full).
struct QuestionFingerprints {
    /// 0 marks an empty slot; a hash of 0 is stored as 1.
    private var slots = [UInt64](repeating: 0, count: 1024)
    private var count = 0

    init() {}

    /// FNV-1a over the id's UTF-8 bytes, then the SplitMix64 finaliser (Steele, Lea & Flood 2014)
    /// so that the low bits, which choose the slot, depend on every byte.
    static func hash(_ id: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce4_84222325
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        h = (h ^ (h >> 30)) &* 0xBF58_476D_1CE4_E5B9
        h = (h ^ (h >> 27)) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return h == 0 ? 1 : h
    }

    /// Adds `id`; returns false when it (or an id with the same hash) was added before.
    mutating func insert(_ id: String) -> Bool {
        let h = Self.hash(id)
        if 2 * (count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] != 0 {
            if slots[s] == h { return false }
            s = (s + 1) & mask
        }
        slots[s] = h
        count += 1
        return true
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for h in slots where h != 0 {
            var s = Int(truncatingIfNeeded: h) & mask
            while bigger[s] != 0 { s = (s + 1) & mask }
            bigger[s] = h
        }
        slots = bigger
    }
}
