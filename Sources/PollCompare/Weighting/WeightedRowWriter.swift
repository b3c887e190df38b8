/// Writes a respondent file back with one more column, the weights: the second of the two passes
/// over the file (`RakingRespondentReader` is the first).
///
/// Every field is copied byte for byte as it stands in the input (a quoted field keeps its
/// quotes and doubled quotes), separated by the input's delimiter; the weight follows as the
/// shortest text that reads back as the same Double (``NumberText/roundTrip(_:)``: 2, not 2.0), and the header gets the weight column's
/// name (quoted when it needs to be). Records end with LF whatever the input used; a byte order
/// mark is not copied.
///
/// - Complexity: O(bytes of the record) per record.
package struct WeightedRowWriter: Sendable {
    private let delimiter: UInt8
    private let name: String
    private let weights: [Double]
    private var next = 0
    private var headerWritten = false

    /// A writer appending `weights` (one per respondent, in file order) as the column `name`.
    public init(delimiter: UInt8, name: String, weights: [Double]) {
        self.delimiter = delimiter
        self.name = name
        self.weights = weights
    }

    /// Whether every weight has been written.
    public var isComplete: Bool { next == weights.count }

    /// Appends `record` and its weight (or, for the first record, the header and the column
    /// name) to `out`.
    ///
    /// - Throws: ``CSVError`` when the file has more rows than weights (it changed between the
    ///   passes).
    public mutating func append(_ record: CSVRecord, to out: inout [UInt8]) throws {
        let quote = UInt8(ascii: "\"")
        for i in 0..<record.count {
            if i > 0 { out.append(delimiter) }
            let (bytes, quoted) = record.raw(i)
            if quoted { out.append(quote) }
            out.append(contentsOf: bytes)
            if quoted { out.append(quote) }
        }
        out.append(delimiter)
        if !headerWritten {
            headerWritten = true
            out.append(
                contentsOf: (delimiter == UInt8(ascii: "\t")
                    ? ReportFormat.tsvField(name) : ReportFormat.csvField(name)).utf8)
        } else {
            guard next < weights.count else {
                throw CSVError(
                    position: TextPosition(line: record.line, column: 1),
                    message: "more rows than on the first reading (\(weights.count)): did the file change?")
            }
            out.append(contentsOf: NumberText.roundTrip(weights[next]).utf8)
            next += 1
        }
        out.append(UInt8(ascii: "\n"))
    }
}
