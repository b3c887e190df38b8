/// A categorical column of a respondent file: each row's value as a code into `levels`
/// (dictionary encoding, so a million rows of a few answers cost four bytes a row).
public struct CategoricalColumn: Sendable, Equatable {
    /// The column's name in the header.
    public let name: String
    /// The distinct values in order of first appearance, trimmed of spaces (the empty text
    /// included when some row has it).
    public internal(set) var levels: [String]
    /// Each row's value: an index into `levels`.
    public internal(set) var codes: [Int32]

    /// The distinct values' codes in byte order of their text.
    public var sortedLevelCodes: [Int32] {
        levels.indices.sorted { Array(levels[$0].utf8).lexicographicallyPrecedes(Array(levels[$1].utf8)) }.map {
            Int32($0)
        }
    }
}

/// The columns of a respondent file kept in memory, by name: categorical columns (answers,
/// groups, strata, clusters) as codes, numeric columns (weights, fpc) as Doubles, and, for a
/// replicate design, every column named a prefix followed by digits as one row-major matrix.
///
/// Read it with `RespondentTableReader` (package API) from the records of the project's CSV
/// parser; the raking command reads the same files through it.
public struct RespondentTable: Sendable {
    /// The number of respondents (data rows).
    public let count: Int
    /// The categorical columns asked for.
    public let categorical: [String: CategoricalColumn]
    /// The numeric columns asked for.
    public let numeric: [String: [Double]]
    /// The replicate columns' names in order of their numbers (`rep1`, `rep2`, …), empty without a prefix.
    public let replicateNames: [String]
    /// Replicate weights, row-major: respondent i's weight in replicate r at `i·R + r`.
    public let replicateWeights: [Double]
    /// The 1-based line each row started on (for messages that point at a respondent).
    public let lines: [Int32]
}

/// What a `RespondentTableReader` keeps and how it checks numbers.
public struct RespondentColumns: Sendable {
    /// How a numeric column's cells are checked.
    public enum NumberRule: Sendable {
        /// A finite number > 0 (sampling weights).
        case positive
        /// A finite number ≥ 0 (replicate weights).
        case nonNegative
    }
    /// Columns read as categories (an empty cell is the empty level).
    public var categorical: [String]
    /// Columns read as numbers with their rule and the word messages use ("weight", "fpc").
    public var numeric: [(name: String, rule: NumberRule, role: String)]
    /// Replicate weight columns: every header name that is this prefix followed by digits.
    public var replicatePrefix: String?

    /// A request.
    public init(
        categorical: [String], numeric: [(name: String, rule: NumberRule, role: String)] = [],
        replicatePrefix: String? = nil
    ) {
        self.categorical = categorical
        self.numeric = numeric
        self.replicatePrefix = replicatePrefix
    }
}

/// Builds a ``RespondentTable`` from CSV records: the header row names the columns; every later
/// row must have as many fields. Categorical cells are trimmed of spaces; numeric cells must be
/// numbers that satisfy their rule, else a ``CSVError`` at the cell (`weight "-1" is not a
/// positive number`). A row that is wholly empty is skipped.
///
/// - Complexity: O(bytes) time; O(rows · kept columns) memory.
package struct RespondentTableReader: Sendable {
    private let request: RespondentColumns
    private var header: RespondentHeader?
    private var categoricalIndex: [Int] = []
    private var numericIndex: [Int] = []
    private var replicateIndex: [Int] = []
    private var replicateNames: [String] = []
    private var columns: [CategoricalColumn] = []
    private var lookups: [[String: Int32]] = []
    private var memos: [FieldMemo<Int32>] = []
    private var numbers: [[Double]] = []
    private var replicates: [Double] = []
    private var lines: [Int32] = []
    private var rows = 0

    /// A reader for `request`.
    public init(_ request: RespondentColumns) {
        self.request = request
    }

    /// Takes one record (the first is the header).
    ///
    /// - Throws: ``CSVError`` for a missing column, a ragged row or a bad number.
    /// - Complexity: O(fields of the record).
    package mutating func consume(_ record: CSVRecord) throws {
        guard let header else {
            try readHeader(record)
            return
        }
        if record.count == 1, record.raw(0).bytes.isEmpty { return }
        guard record.count == header.count else {
            let column =
                record.count > header.count
                ? record.position(header.count).column : record.position(record.count - 1).column
            throw CSVError(
                position: TextPosition(line: record.line, column: column),
                message: "row has \(record.count) field\(record.count == 1 ? "" : "s"), the header has \(header.count)")
        }
        for (k, i) in categoricalIndex.enumerated() {
            let code: Int32
            if let known = memos[k].find(record, i) {
                code = known
            } else {
                let text = try record.text(i).trimmingSpaces()
                if let found = lookups[k][text] {
                    code = found
                } else {
                    code = Int32(columns[k].levels.count)
                    columns[k].levels.append(text)
                    lookups[k][text] = code
                }
                memos[k].insert(code, record, i)
            }
            columns[k].codes.append(code)
        }
        for (k, i) in numericIndex.enumerated() {
            let spec = request.numeric[k]
            numbers[k].append(try Self.number(record, i, rule: spec.rule, role: spec.role))
        }
        for i in replicateIndex {
            replicates.append(
                try Self.number(record, i, rule: .nonNegative, role: "replicate weight \(header.names[i])"))
        }
        lines.append(Int32(truncatingIfNeeded: record.line))
        rows += 1
    }

    /// The table.
    ///
    /// - Throws: ``CSVError`` for an empty input or a header without rows.
    public func finish() throws -> RespondentTable {
        guard header != nil else {
            throw CSVError(
                position: TextPosition(line: 1, column: 1),
                message: "empty file; expected a header row and one row per respondent")
        }
        guard rows > 0 else {
            throw CSVError(position: TextPosition(line: 2, column: 1), message: "a header but no respondents")
        }
        var categorical: [String: CategoricalColumn] = [:]
        for c in columns { categorical[c.name] = c }
        var numeric: [String: [Double]] = [:]
        for (k, spec) in request.numeric.enumerated() { numeric[spec.name] = numbers[k] }
        return RespondentTable(
            count: rows, categorical: categorical, numeric: numeric,
            replicateNames: replicateNames, replicateWeights: replicates, lines: lines)
    }

    private static func number(
        _ record: CSVRecord, _ i: Int, rule: RespondentColumns.NumberRule, role: String
    ) throws -> Double {
        if let v = try record.trimmedNumber(i), v.isFinite, rule == .positive ? v > 0 : v >= 0 { return v }
        let text = try record.text(i).trimmingSpaces()
        let expected = rule == .positive ? "a positive number" : "a number ≥ 0"
        let found = text.isEmpty ? "an empty \(role)" : "\(role) \"\(text)\""
        throw CSVError(position: record.position(i), message: "\(found); expected \(expected)")
    }

    private mutating func readHeader(_ record: CSVRecord) throws {
        let header = try RespondentHeader(record)
        let names = header.names
        for name in request.categorical {
            categoricalIndex.append(try header.require(name))
            columns.append(CategoricalColumn(name: name, levels: [], codes: []))
            lookups.append([:])
            memos.append(FieldMemo())
        }
        for spec in request.numeric {
            numericIndex.append(try header.require(spec.name))
            numbers.append([])
        }
        if let prefix = request.replicatePrefix {
            var found: [(Int, Int)] = []
            for (i, name) in names.enumerated() where name.hasPrefix(prefix) {
                let rest = name.dropFirst(prefix.count)
                if !rest.isEmpty, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(rest) {
                    found.append((number, i))
                }
            }
            guard found.count >= 2 else {
                throw CSVError(
                    position: TextPosition(line: record.line, column: 1),
                    message:
                        "\(found.count) column\(found.count == 1 ? "" : "s") named \"\(prefix)\" followed by digits; expected at least 2 replicate weight columns"
                )
            }
            found.sort { $0.0 < $1.0 }
            replicateIndex = found.map(\.1)
            replicateNames = found.map { names[$0.1] }
        }
        self.header = header
    }
}
