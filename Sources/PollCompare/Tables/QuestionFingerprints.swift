/// The question ids a reader has seen, so a reader that closes each question when the next one
/// starts can tell when a question's rows come back later in the file. Ids written as plain
/// whole numbers below 2²⁴ (FiveThirtyEight's `question_id`s) are kept as one bit each of a bitmap
/// (at most 2 MiB, exact); other ids as 64-bit hashes (eight bytes each, not the ids).
///
/// A hash can collide, so ``insert(_:)`` may say an id was seen when only another id with the same
/// hash was: the caller must treat a "seen" answer as possible, not certain (a reader reads the
/// file again, holding that question's rows). With n hashed ids the chance of any collision is
/// below n²/2⁶⁴ (under 10⁻⁵ for 10⁷ questions).
///
/// - Complexity: O(id length) expected per ``insert(_:)``; memory a bit per number up to the
///   largest numeric id, and 8–16 bytes per other id (open addressing, at most half full).
struct QuestionFingerprints {
    /// Ids that are numbers below this are bits of ``numbers``.
    static let numberLimit = 1 << 24
    /// Bit i of word i / 64: the id written as the number i was seen.
    private var numbers: [UInt64] = []
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

    /// The number `id` writes, when it is a whole number below ``numberLimit`` written plainly
    /// (digits only, no leading zero: `01` is not the id `1`), else nil.
    static func number(_ id: String) -> Int? {
        var n = 0, digits = 0
        for b in id.utf8 {
            guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9"), digits < 8 else { return nil }
            if digits == 1 && n == 0 { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
            digits += 1
        }
        return digits > 0 && n < numberLimit ? n : nil
    }

    /// Adds `id`; returns false when it (or, for an id that is not a number, an id with the same
    /// hash) was added before.
    mutating func insert(_ id: String) -> Bool {
        if let n = Self.number(id) {
            let word = n >> 6, bit = UInt64(1) << UInt64(n & 63)
            if word >= numbers.count {
                let grown = min(max(word + 1, 2 * numbers.count), Self.numberLimit >> 6)
                numbers.append(contentsOf: repeatElement(0, count: grown - numbers.count))
            }
            if numbers[word] & bit != 0 { return false }
            numbers[word] |= bit
            return true
        }
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
