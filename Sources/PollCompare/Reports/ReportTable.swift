/// One cell of a report: a number (in the unit its column documents), text, or nothing
/// (an interval that cannot be computed, say).
public enum ReportCell: Equatable, Sendable {
    case number(Double)
    case text(String)
    case empty

    /// A number, or empty for nil.
    public static func optional(_ value: Double?) -> ReportCell {
        value.map { .number($0) } ?? .empty
    }
}

/// A rectangular report: named columns and rows of cells. Renderers turn it into CSV, TSV, an
/// aligned text table or JSON (see ``ReportFormat``).
public struct ReportTable: Equatable, Sendable {
    /// Column names, stable API for scripts.
    public let columns: [String]
    /// The rows; each has one cell per column.
    public private(set) var rows: [[ReportCell]]

    /// An empty table with these columns.
    public init(columns: [String]) {
        self.columns = columns
        self.rows = []
    }

    /// Appends a row.
    ///
    /// - Precondition: `row.count == columns.count`.
    /// - Complexity: amortised O(columns).
    public mutating func append(_ row: [ReportCell]) {
        precondition(row.count == columns.count, "report row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }
}
