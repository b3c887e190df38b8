/// Reads respondent weights from delimited text: one column of a file with a header row.
///
/// The column is the one named `column`; without a name, the column called `weight`, `weights`
/// or `wt` (any case), or the only column of a one-column file. Empty cells are skipped (a
/// respondent without a weight); anything else must be a non-negative number.
public enum WeightsReader {
    /// The weights in file order.
    ///
    /// - Throws: ``CSVError`` with the line and column of the problem: malformed text, an empty
    ///   file, a header with no rows, no such column, or a cell that is not a non-negative number.
    /// - Complexity: O(bytes).
    public static func read(_ bytes: [UInt8], column: String?, delimiter: UInt8 = UInt8(ascii: ",")) throws -> [Double] {
        var weights: [Double] = []
        var index: Int?
        var sawHeader = false
        try CSVParser.parse(bytes, delimiter: delimiter) { record in
            let line = record.line
            guard sawHeader else {
                sawHeader = true
                let names = try (0..<record.count).map { try record.text($0).trimmingSpaces() }
                if let column {
                    index = names.firstIndex(of: column)
                    guard index != nil else {
                        throw CSVError(position: TextPosition(line: line, column: 1),
                                       message: "no column named \"\(column)\" (columns: \(names.joined(separator: ", ")))")
                    }
                } else if let found = names.firstIndex(where: { ["weight", "weights", "wt"].contains($0.lowercased()) }) {
                    index = found
                } else if names.count == 1 {
                    index = 0
                } else {
                    throw CSVError(position: TextPosition(line: line, column: 1),
                                   message: "no weight column: name it with --column (columns: \(names.joined(separator: ", ")))")
                }
                return
            }
            let i = index!
            guard i < record.count else {
                throw CSVError(position: TextPosition(line: line, column: 1),
                               message: "row has \(record.count) fields, the header has more")
            }
            let text = try record.text(i).trimmingSpaces()
            if text.isEmpty { return }
            guard let value = Double(text), value >= 0, value.isFinite else {
                throw CSVError(position: record.position(i), message: "weight \"\(try record.text(i))\" is not a non-negative number")
            }
            weights.append(value)
        }
        guard sawHeader else { throw CSVError(position: TextPosition(line: 1, column: 1), message: "empty file") }
        guard !weights.isEmpty else {
            throw CSVError(position: TextPosition(line: 2, column: 1), message: "a header but no weights")
        }
        return weights
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation needed).
    func trimmingSpaces() -> String {
        guard let first = utf8.first, let last = utf8.last,
              first == 32 || first == 9 || last == 32 || last == 9 else { return self }
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return String(s)
    }
}
