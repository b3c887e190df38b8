/// Compares two CSV files cell by cell, as `pollcmp check` does for newsrooms that unit-test the
/// numbers they publish.
///
/// Numbers (cells that parse as numbers in both files) are equal when
/// |actual − expected| ≤ atol + rtol·|expected| (NaN equals only NaN, an infinity only the same
/// infinity: the tolerance is never infinite); any other cell must match
/// exactly. Rows are matched by key columns, or by position without keys; columns by name.
public struct CSVComparison: Sendable {
    /// One differing cell (or a missing or unexpected row or column).
    public struct Difference: Equatable, Sendable {
        /// The row's key values joined by "/", or its 1-based position.
        public let row: String
        /// The column's name, or "*" for a whole row.
        public let column: String
        /// The expected cell as written.
        public let expected: String
        /// The actual cell as written.
        public let actual: String
        /// |actual − expected| for numbers, else nil.
        public let difference: Double?
    }

    /// Every differing cell, missing or unexpected row and column.
    public let differences: [Difference]
    /// Rows present in both files and compared.
    public let rowsCompared: Int
    /// Columns present in both files.
    public let columnsCompared: Int

    /// Whether two numbers agree: both NaN; the same infinity; or both finite with
    /// |actual − expected| ≤ atol + rtol·|expected|.
    ///
    /// - Complexity: O(1).
    public static func numbersMatch(expected: Double, actual: Double, rtol: Double, atol: Double) -> Bool {
        if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
        if expected.isInfinite || actual.isInfinite { return expected == actual }
        let allowed = atol + rtol * abs(expected)
        return abs(actual - expected) <= allowed
    }

    /// Compares the parsed files.
    ///
    /// - Parameters:
    ///   - expected: bytes of the expected file.
    ///   - actual: bytes of the actual file.
    ///   - keys: key column names; empty to match rows by position.
    ///   - rtol: relative tolerance for numbers.
    ///   - atol: absolute tolerance for numbers.
    /// - Throws: ``CSVError`` with `which` naming the file ("expected" or "actual") for
    ///   malformed input: ragged rows, an unterminated quote, an empty file, a missing key column,
    ///   a key that repeats.
    /// - Complexity: O(cells).
    public init(
        expected: [UInt8], actual: [UInt8], keys: [String], rtol: Double, atol: Double
    ) throws(CSVComparisonError) {
        let e: Parsed, a: Parsed
        do { e = try Parsed(expected, keys: keys) } catch { throw CSVComparisonError(file: .expected, error: error) }
        do { a = try Parsed(actual, keys: keys) } catch { throw CSVComparisonError(file: .actual, error: error) }
        var diffs: [Difference] = []
        let shared = e.header.filter { a.header.contains($0) }
        for column in e.header where !a.header.contains(column) {
            diffs.append(
                Difference(row: "*", column: column, expected: "(column)", actual: "(missing)", difference: nil))
        }
        for column in a.header where !e.header.contains(column) {
            diffs.append(
                Difference(row: "*", column: column, expected: "(missing)", actual: "(column)", difference: nil))
        }
        let ei = shared.map { e.header.firstIndex(of: $0)! }, ai = shared.map { a.header.firstIndex(of: $0)! }
        var compared = 0
        func compareRows(_ label: String, _ er: [String], _ ar: [String]) {
            compared += 1
            for (k, column) in shared.enumerated() {
                let x = er[ei[k]], y = ar[ai[k]]
                if x == y { continue }
                if let xv = Double(x), let yv = Double(y) {
                    if Self.numbersMatch(expected: xv, actual: yv, rtol: rtol, atol: atol) { continue }
                    let d = abs(yv - xv)
                    diffs.append(
                        Difference(row: label, column: column, expected: x, actual: y, difference: d.isNaN ? nil : d))
                } else {
                    diffs.append(Difference(row: label, column: column, expected: x, actual: y, difference: nil))
                }
            }
        }
        if keys.isEmpty {
            for i in 0..<max(e.rows.count, a.rows.count) {
                let label = String(i + 1)
                if i >= a.rows.count {
                    diffs.append(
                        Difference(row: label, column: "*", expected: "(row)", actual: "(missing)", difference: nil))
                } else if i >= e.rows.count {
                    diffs.append(
                        Difference(row: label, column: "*", expected: "(missing)", actual: "(row)", difference: nil))
                } else {
                    compareRows(label, e.rows[i], a.rows[i])
                }
            }
        } else {
            for (i, row) in e.rows.enumerated() {
                let key = e.keys[i]
                if let j = a.keyIndex[key] {
                    compareRows(key, row, a.rows[j])
                } else {
                    diffs.append(
                        Difference(row: key, column: "*", expected: "(row)", actual: "(missing)", difference: nil))
                }
            }
            for key in a.keys where e.keyIndex[key] == nil {
                diffs.append(Difference(row: key, column: "*", expected: "(missing)", actual: "(row)", difference: nil))
            }
        }
        differences = diffs
        rowsCompared = compared
        columnsCompared = shared.count
    }

    /// A table of the differences: `row,column,expected,actual,difference`.
    public var table: ReportTable {
        var t = ReportTable(columns: ["row", "column", "expected", "actual", "difference"])
        for d in differences {
            t.append([.text(d.row), .text(d.column), .text(d.expected), .text(d.actual), .optional(d.difference)])
        }
        return t
    }

    private struct Parsed {
        var header: [String] = []
        var rows: [[String]] = []
        var keys: [String] = []
        var keyIndex: [String: Int] = [:]

        init(_ bytes: [UInt8], keys keyNames: [String]) throws {
            var keyColumns: [Int] = []
            var parsedHeader: [String] = []
            var parsedRows: [[String]] = []
            var parsedKeys: [String] = []
            var index: [String: Int] = [:]
            var sawHeader = false
            try CSVParser.parse(bytes) { record in
                var fields: [String] = []
                for i in 0..<record.count { fields.append(try record.text(i)) }
                guard sawHeader else {
                    sawHeader = true
                    parsedHeader = fields
                    for k in keyNames {
                        guard let c = fields.firstIndex(of: k) else {
                            throw CSVError(
                                position: TextPosition(line: record.line, column: 1), message: "no key column \"\(k)\"")
                        }
                        keyColumns.append(c)
                    }
                    return
                }
                guard fields.count == parsedHeader.count else {
                    throw CSVError(
                        position: TextPosition(line: record.line, column: 1),
                        message: "row has \(fields.count) fields, the header has \(parsedHeader.count)")
                }
                if !keyColumns.isEmpty {
                    let key = keyColumns.map { fields[$0] }.joined(separator: "/")
                    if index[key] != nil {
                        throw CSVError(
                            position: TextPosition(line: record.line, column: record.position(keyColumns[0]).column),
                            message: "key \"\(key)\" repeats")
                    }
                    index[key] = parsedRows.count
                    parsedKeys.append(key)
                }
                parsedRows.append(fields)
            }
            guard sawHeader else { throw CSVError(position: TextPosition(line: 1, column: 1), message: "empty file") }
            header = parsedHeader
            rows = parsedRows
            keys = parsedKeys
            keyIndex = index
        }
    }
}

/// Malformed input to ``CSVComparison``: which file, and where.
public struct CSVComparisonError: Error, Sendable {
    /// Which of the two inputs.
    public enum File: String, Sendable { case expected, actual }
    /// The malformed file.
    public let file: File
    /// What is wrong with it (a ``CSVError`` with its position).
    public let error: any Error
}
