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
/// aligned text table, JSON or Markdown (see ``ReportFormat``).
///
/// A table either holds its rows or makes each row on demand from a closure (for reports of
/// hundreds of thousands of polls, so the rows never all exist at once; see ``ReportFormat/write(_:header:digits:to:)``).
public struct ReportTable: Sendable {
    /// Column names, stable API for scripts.
    public let columns: [String]
    private var stored: [[ReportCell]]
    private let generated: (@Sendable (Int) -> [ReportCell])?
    private let generatedCount: Int

    /// An empty table with these columns.
    public init(columns: [String]) {
        self.columns = columns
        self.stored = []
        self.generated = nil
        self.generatedCount = 0
    }

    /// A table of `count` rows made on demand by `row` (each call must return `columns.count`
    /// cells, the same for the same index).
    public init(columns: [String], count: Int, row: @escaping @Sendable (Int) -> [ReportCell]) {
        self.columns = columns
        self.stored = []
        self.generated = row
        self.generatedCount = count
    }

    /// The number of rows.
    public var count: Int { generated == nil ? stored.count : generatedCount }

    /// Row `i`.
    public func row(_ i: Int) -> [ReportCell] {
        generated.map { $0(i) } ?? stored[i]
    }

    /// All rows (made now for a generated table).
    ///
    /// - Complexity: O(rows·columns) for a generated table.
    public var rows: [[ReportCell]] {
        generated == nil ? stored : (0..<generatedCount).map { generated!($0) }
    }

    /// Appends a row.
    ///
    /// - Precondition: the table stores its rows, and `row.count == columns.count`.
    /// - Complexity: amortised O(columns).
    public mutating func append(_ row: [ReportCell]) {
        precondition(generated == nil, "cannot append to a generated table")
        precondition(row.count == columns.count, "report row has \(row.count) cells for \(columns.count) columns")
        stored.append(row)
    }
}
