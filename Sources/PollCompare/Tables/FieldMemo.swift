/// Values decoded from CSV fields, remembered by the fields' bytes: a reader decodes (and checks)
/// a field the first time its bytes are seen, and finds the value again for every later field
/// with the same bytes and quoting without making or hashing a `String`. Columns whose values
/// repeat (pollster, population, party, dates, sample sizes) cost a byte hash per row instead of
/// a decode, a trim and a dictionary lookup.
///
/// Keys are compared byte for byte (the hash only chooses the slot), so a value is never taken
/// for another. At most ``capacity`` distinct keys are kept: beyond that ``find(_:_:)`` misses for
/// new bytes and the caller decodes them each time, so a column of all-different values costs
/// bounded memory.
///
/// - Complexity: O(field length) expected per ``find(_:_:)`` and ``insert(_:_:_:)``.
struct FieldMemo<Value> {
    /// The most distinct keys kept.
    static var capacity: Int { 1 << 16 }

    private var keyBytes: [UInt8] = []
    /// Key k is `keyBytes[keyEnd[k - 1] ..< keyEnd[k]]` (from 0 for the first).
    private var keyEnd: [Int] = []
    private var keyQuoted: [Bool] = []
    private var keyHash: [UInt64] = []
    private var values: [Value] = []
    /// Open addressing: a key index or -1; the count is a power of two, at most half full.
    private var slots = [Int32](repeating: -1, count: 64)

    /// An empty memo.
    init() {}

    /// FNV-1a over the bytes, seeded differently for quoted fields.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ quoted: Bool) -> UInt64 {
        var h: UInt64 = quoted ? 0x84222325_cbf29ce4 : 0xcbf29ce4_84222325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    private func matches(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ quoted: Bool, _ h: UInt64) -> Bool {
        guard keyHash[k] == h, keyQuoted[k] == quoted else { return false }
        let start = k == 0 ? 0 : keyEnd[k - 1]
        guard keyEnd[k] - start == bytes.count else { return false }
        return keyBytes.withUnsafeBufferPointer { all in
            for j in 0..<bytes.count where all[start + j] != bytes[j] { return false }
            return true
        }
    }

    /// The value remembered for field `i` of `record`, or nil when its bytes are new.
    func find(_ record: CSVRecord, _ i: Int) -> Value? {
        let (bytes, quoted) = record.raw(i)
        let h = Self.hash(bytes, quoted)
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = Int(slots[s])
            if k < 0 { return nil }
            if matches(k, bytes, quoted, h) { return values[k] }
            s = (s + 1) & mask
        }
    }

    /// Remembers `value` for field `i` of `record` (whose bytes ``find(_:_:)`` did not know),
    /// unless ``capacity`` keys are kept already.
    mutating func insert(_ value: Value, _ record: CSVRecord, _ i: Int) {
        guard values.count < Self.capacity else { return }
        let (bytes, quoted) = record.raw(i)
        let h = Self.hash(bytes, quoted)
        if 2 * (values.count + 1) > slots.count { grow() }
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        while slots[s] >= 0 { s = (s + 1) & mask }
        slots[s] = Int32(values.count)
        keyBytes.append(contentsOf: bytes)
        keyEnd.append(keyBytes.count)
        keyQuoted.append(quoted)
        keyHash.append(h)
        values.append(value)
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for k in 0..<values.count {
            var s = Int(truncatingIfNeeded: keyHash[k]) & mask
            while bigger[s] >= 0 { s = (s + 1) & mask }
            bigger[s] = Int32(k)
        }
        slots = bigger
    }
}

// A memo of Sendable values is a value of arrays: safe to send.
extension FieldMemo: Sendable where Value: Sendable {}
