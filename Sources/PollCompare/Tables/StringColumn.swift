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
        if let code = index[value] {
            codes.append(code)
        } else {
            let code = Int32(values.count)
            values.append(value)
            index[value] = code
            codes.append(code)
        }
    }

    /// The value of row `i`.
    public subscript(i: Int) -> String { values[Int(codes[i])] }

    /// The number of rows.
    public var count: Int { codes.count }
}
