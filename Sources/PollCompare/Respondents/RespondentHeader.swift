/// The header row of a respondent file (one row per respondent): its column names, trimmed of
/// spaces and tabs, and lookups that fail with a ``CSVError`` at the header line naming every
/// column there is. Shared by the readers of `crosstab` (`RespondentTableReader`) and `rake`
/// (`RakingRespondentReader`).
package struct RespondentHeader: Sendable {
    /// The column names in file order, trimmed.
    package let names: [String]
    /// The line the header starts on.
    package let line: Int

    /// The header in `record`.
    ///
    /// - Throws: ``CSVError`` for a name that is not UTF-8.
    /// - Complexity: O(fields).
    package init(_ record: CSVRecord) throws {
        names = try (0..<record.count).map { try record.text($0).trimmingSpaces() }
        line = record.line
    }

    /// The number of columns.
    package var count: Int { names.count }

    /// The columns as a message lists them: `id, vote, w`.
    package var listing: String { names.joined(separator: ", ") }

    /// The index of the first column called `name`, or nil.
    package func index(of name: String) -> Int? { names.firstIndex(of: name) }

    /// The index of the first column called `name`.
    ///
    /// - Parameters:
    ///   - kind: what the column is, as the message says it (`column`, `base weight column`).
    ///   - role: words after the name (`, a variable of the targets`), or empty.
    /// - Throws: ``CSVError`` at the header line, column 1:
    ///   `no <kind> named "<name>"<role> (columns: <listing>)`.
    /// - Complexity: O(columns).
    package func require(_ name: String, kind: String = "column", role: String = "") throws -> Int {
        guard let i = index(of: name) else {
            throw CSVError(
                position: TextPosition(line: line, column: 1),
                message: "no \(kind) named \"\(name)\"\(role) (columns: \(listing))")
        }
        return i
    }
}

extension CSVRecord {
    /// Field `i` as a number: the bytes as they stand when they are one (no allocation), else
    /// the text trimmed of spaces and tabs (` 1.5`, a quoted `"2"`); nil when neither reads as a
    /// Double. Range and sign checks are the caller's (weights, fpc).
    ///
    /// - Throws: ``CSVError`` for a field that is not UTF-8.
    /// - Complexity: O(field bytes).
    package func trimmedNumber(_ i: Int) throws -> Double? {
        if let v = number(i) { return v }
        return Double(try text(i).trimmingSpaces())
    }
}
