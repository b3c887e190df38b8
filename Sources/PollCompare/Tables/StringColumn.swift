/// A column of strings stored as 32-bit codes into a table of distinct values, so a million
/// rows of repeated pollster or candidate names cost four bytes each.
public struct StringColumn: Sendable {
    /// The distinct values, in order of first appearance.
    public private(set) var values: [String] = []
    /// One code per row.
    public private(set) var codes: [Int32] = []
    private var index: [String: Int32] = [:]

    /// An empty column.
    public init() {}

    /// Appends a value.
    ///
    /// - Complexity: amortised O(1) (a hash lookup).
    public mutating func append(_ value: String) {
        codes.append(code(of: value))
    }

    /// The code of `value`, added to the distinct values when new; no row is appended.
    ///
    /// - Complexity: amortised O(1) (a hash lookup).
    mutating func code(of value: String) -> Int32 {
        if let code = index[value] { return code }
        let code = Int32(values.count)
        values.append(value)
        index[value] = code
        return code
    }

    /// Appends a row whose value has code `code` (from ``code(of:)``).
    mutating func append(code: Int32) {
        codes.append(code)
    }

    /// The code of row `i`.
    func code(at i: Int) -> Int32 { codes[i] }

    /// The value of row `i`.
    public subscript(i: Int) -> String { values[Int(codes[i])] }

    /// The number of rows.
    public var count: Int { codes.count }

    /// Removes the last row (its value stays among the distinct values).
    mutating func removeLast() {
        codes.removeLast()
    }

    /// Removes the last `k` rows (their values stay among the distinct values).
    mutating func removeLast(_ k: Int) {
        codes.removeLast(k)
    }

    /// The rows `rows` of this column, in that order. With `renumbered` the result holds only the
    /// values those rows use, in order of first use; without, it keeps every value and every code
    /// (so codes handed out before stay valid).
    ///
    /// - Complexity: O(rows.count), plus O(distinct values) when `renumbered`.
    func gathering(_ rows: some Sequence<Int>, renumbered: Bool) -> StringColumn {
        var out = StringColumn()
        if !renumbered {
            out.values = values
            out.index = index
            for r in rows { out.codes.append(codes[r]) }
            return out
        }
        var map = [Int32](repeating: -1, count: values.count)
        for r in rows {
            let c = Int(codes[r])
            if map[c] < 0 {
                map[c] = Int32(out.values.count)
                out.index[values[c]] = map[c]
                out.values.append(values[c])
            }
            out.codes.append(map[c])
        }
        return out
    }
}
