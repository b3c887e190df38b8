/// Reads a respondent file (one row per respondent, a header row) for raking: each respondent's
/// category of every raking variable and, with a base weight column, its weight, into a
/// ``CrossClassificationTable``. This is the first of the two passes over the file; the second
/// copies the rows out with their weights (`WeightedRowWriter`).
///
/// Category fields are matched to the targets' categories as text with leading and trailing
/// spaces removed; a field's bytes are looked up once and remembered (``FieldMemo``), so a
/// million rows cost a byte hash per field, not a string each. Every row must have as many
/// fields as the header.
///
/// Feed it the records of a ``CSVParser`` (``consume(_:)``), then call ``finish()``.
///
/// - Complexity: O(bytes) time; O(respondents + cells) memory (a cell number per respondent,
///   and its base weight when there is a weight column).
package struct RakingRespondentReader: Sendable {
    private let targets: RakingTargets
    private let weightColumn: String?
    private let outputColumn: String?
    private var columns: [Int] = []
    private var weightIndex: Int?
    private var fieldCount = 0
    private var lookup: [[String: Int32]]
    private var memos: [FieldMemo<Int32>]
    private var categories: [Int32]
    private var table: CrossClassificationTable?
    /// The header's column names, once read.
    public private(set) var header: [String]?

    /// A reader for the raking variables of `targets`.
    ///
    /// - Parameters:
    ///   - weightColumn: the column of base weights (positive numbers), or nil for weights of 1.
    ///   - outputColumn: the name the weight column will have in the output: a header that
    ///     already has it is an error (the output would have two columns of that name).
    public init(targets: RakingTargets, weightColumn: String?, outputColumn: String?) {
        self.targets = targets
        self.weightColumn = weightColumn
        self.outputColumn = outputColumn
        lookup = targets.variables.map { v in
            Dictionary(uniqueKeysWithValues: v.categories.enumerated().map { ($0.element, Int32($0.offset)) })
        }
        memos = targets.variables.map { _ in FieldMemo<Int32>() }
        categories = [Int32](repeating: 0, count: targets.variables.count)
    }

    /// Takes one record: the header first, then a respondent per record.
    ///
    /// - Throws: ``CSVError``: a raking variable or the weight column missing from the header,
    ///   the output column already there, a ragged row, a category that is not among the
    ///   targets' categories of its variable, a base weight that is not a positive number.
    /// - Complexity: O(fields of the record) expected.
    public mutating func consume(_ record: CSVRecord) throws {
        guard header != nil else {
            try readHeader(record)
            return
        }
        guard record.count == fieldCount else {
            throw CSVError(
                position: record.position(min(record.count, fieldCount) - 1),
                message: "row has \(record.count) field\(record.count == 1 ? "" : "s"), the header has \(fieldCount)")
        }
        for v in 0..<columns.count {
            let i = columns[v]
            if let c = memos[v].find(record, i) {
                categories[v] = c
                continue
            }
            let text = try record.text(i).trimmingSpaces()
            guard let c = lookup[v][text] else {
                let variable = targets.variables[v]
                throw CSVError(
                    position: record.position(i),
                    message:
                        "\(variable.name) \"\(text)\" is not among the targets' categories of \(variable.name) (\(variable.categories.map { "\"\($0)\"" }.joined(separator: ", "))); add it to the targets or leave its respondents out"
                )
            }
            memos[v].insert(c, record, i)
            categories[v] = c
        }
        var weight = 1.0
        if let w = weightIndex {
            guard let value = try record.trimmedNumber(w), value > 0, value.isFinite else {
                throw CSVError(
                    position: record.position(w),
                    message: "base weight \"\(try record.text(w))\" is not a number above 0")
            }
            weight = value
        }
        categories.withUnsafeBufferPointer { table!.append(categories: $0, weight: weight) }
    }

    private mutating func readHeader(_ record: CSVRecord) throws {
        let fileHeader = try RespondentHeader(record)
        header = fileHeader.names
        fieldCount = fileHeader.count
        for v in targets.variables {
            columns.append(try fileHeader.require(v.name, role: ", a variable of the targets"))
        }
        if let weightColumn {
            weightIndex = try fileHeader.require(weightColumn, kind: "base weight column")
        }
        if let outputColumn, let i = fileHeader.index(of: outputColumn) {
            throw CSVError(
                position: record.position(i),
                message: "the file already has a column \"\(outputColumn)\"; name the new weight column with --name")
        }
        guard
            let empty = CrossClassificationTable(
                categoryCounts: targets.variables.map(\.categories.count),
                weighted: weightColumn != nil)
        else {
            throw CSVError(
                position: TextPosition(line: record.line, column: 1),
                message: "the raking variables have more than 2^62 combinations of categories")
        }
        table = empty
    }

    /// The table read.
    ///
    /// - Throws: ``CSVError`` for an empty file or a header without rows;
    ///   ``RakingError/categoryWithoutRespondents(variable:category:position:)`` for a target
    ///   category that no respondent has (the first one, in the targets' order).
    /// - Complexity: O(cells·variables).
    public func finish() throws -> CrossClassificationTable {
        guard let table else {
            throw CSVError(
                position: TextPosition(line: 1, column: 1),
                message: "empty file; expected a header and a row per respondent")
        }
        guard table.respondentCount > 0 else {
            throw CSVError(position: TextPosition(line: 2, column: 1), message: "a header but no respondents")
        }
        for (v, variable) in targets.variables.enumerated() {
            let counts = table.respondentMargin(variable: v)
            if let c = counts.firstIndex(of: 0) {
                throw RakingError.categoryWithoutRespondents(
                    variable: variable.name, category: variable.categories[c],
                    share: variable.shares[c], position: variable.positions[c])
            }
        }
        return table
    }
}
