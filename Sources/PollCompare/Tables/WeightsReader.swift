/// Reads respondent weights from delimited text: one column of a file, with or without a header
/// row.
///
/// The header is optional: a first line whose every field is a finite number is read as data,
/// not as a header (no column is named `0.83`), so a bare list of weights loses no value.
///
/// The column is the one named `column` (or, when no column has that name, the 1-based column
/// number it spells: `--column 3`); without one, the column called `weight`, `weights` or `wt`
/// (any case), or the only column of a one-column file. Every row must have as many fields as
/// the first line. Empty cells are skipped (a respondent without a weight); anything else must be
/// a non-negative number, and at least one weight must be positive.
///
/// Read a whole input with ``read(_:column:delimiter:)`` (within the package, records can also
/// be fed one by one as the CSV parser yields them, then ``finish()``).
///
/// - Complexity: O(bytes) time, O(weights) memory.
public struct WeightsReader: Sendable {
    private let column: String?
    private var index: Int?
    private var fieldCount = 0
    private var weights: [Double] = []
    private var firstWeight: TextPosition?
    /// Whether the first line was a header (nil until it is read).
    public private(set) var hasHeader: Bool?

    /// A reader for the column `column` (a name or a 1-based number), or the default column.
    public init(column: String?) {
        self.column = column
    }

    /// The weights in file order.
    ///
    /// - Throws: ``CSVError`` with the line and column of the problem: malformed text, an empty
    ///   file, a header with no rows, no such column, a ragged row, a cell that is not a
    ///   non-negative number, or weights that are all 0.
    /// - Complexity: O(bytes).
    public static func read(_ bytes: [UInt8], column: String?, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [Double]
    {
        var reader = WeightsReader(column: column)
        try CSVParser.parse(bytes, delimiter: delimiter) { try reader.consume($0) }
        return try reader.finish()
    }

    /// Takes one record.
    ///
    /// - Throws: ``CSVError`` as ``read(_:column:delimiter:)``.
    /// - Complexity: O(fields of the record).
    package mutating func consume(_ record: CSVRecord) throws {
        guard let i = index else {
            try readFirst(record)
            return
        }
        guard record.count == fieldCount else {
            let column =
                record.count > fieldCount
                ? record.position(fieldCount).column : record.position(record.count - 1).column
            throw CSVError(
                position: TextPosition(line: record.line, column: column),
                message:
                    "row has \(record.count) field\(record.count == 1 ? "" : "s"), the \(hasHeader == true ? "header" : "first line") has \(fieldCount)"
            )
        }
        try readWeight(record, i)
    }

    /// The weights read.
    ///
    /// - Throws: ``CSVError`` for an empty file, a header without weights, or weights that are
    ///   all 0 (at the first weight's cell).
    public func finish() throws -> [Double] {
        guard hasHeader != nil else {
            throw CSVError(position: TextPosition(line: 1, column: 1), message: "empty file")
        }
        guard let first = firstWeight else {
            throw CSVError(position: TextPosition(line: 2, column: 1), message: "a header but no weights")
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw CSVError(
                position: first,
                message:
                    "weights are all 0 (\(weights.count) of them, the first here); expected at least one positive weight"
            )
        }
        return weights
    }

    private mutating func readFirst(_ record: CSVRecord) throws {
        let line = record.line
        let names = try (0..<record.count).map { try record.text($0).trimmingSpaces() }
        let numeric = names.allSatisfy { Double($0)?.isFinite == true }
        hasHeader = !numeric
        fieldCount = names.count
        let found: Int?
        if let column {
            let number = Int(column).flatMap { (1...names.count).contains($0) ? $0 - 1 : nil }
            found = (numeric ? nil : names.firstIndex(of: column)) ?? number
            guard found != nil else {
                throw CSVError(
                    position: TextPosition(line: line, column: 1),
                    message: numeric
                        ? "--column \"\(column)\" names no column: the first line is numbers, so the file has no header; expected a column number from 1 to \(names.count)"
                        : "no column named \"\(column)\" (columns: \(names.joined(separator: ", ")))")
            }
        } else if !numeric,
            let named = names.firstIndex(where: { ["weight", "weights", "wt"].contains($0.lowercased()) })
        {
            found = named
        } else if names.count == 1 {
            found = 0
        } else {
            throw CSVError(
                position: TextPosition(line: line, column: 1),
                message: numeric
                    ? "the first line is \(names.count) numbers and no header; expected one column, or --column with a column number"
                    : "no weight column: name it with --column (columns: \(names.joined(separator: ", ")))")
        }
        index = found
        if numeric { try readWeight(record, found!) }
    }

    private mutating func readWeight(_ record: CSVRecord, _ i: Int) throws {
        let text = try record.text(i).trimmingSpaces()
        if text.isEmpty { return }
        guard let value = Double(text), value >= 0, value.isFinite else {
            throw CSVError(
                position: record.position(i), message: "weight \"\(try record.text(i))\" is not a non-negative number")
        }
        if firstWeight == nil { firstWeight = record.position(i) }
        weights.append(value)
    }
}
