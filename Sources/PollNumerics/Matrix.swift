/// A dense `rows × columns` matrix of `Double`s stored column by column (column-major), the layout
/// BLAS and LAPACK expect.
///
/// Element (i, j) is at offset `i + j·rows`, so each column is contiguous: a column of draws or of
/// per-poll values is handed to BLAS without copying. The leading dimension is always `rows`
/// (at least 1, as LAPACK requires).
///
///     let a = Matrix(rows: [[4, 2], [2, 3]])   // a[0, 1] == 2
public struct Matrix: Equatable, Hashable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The elements in column-major order; `elements.count == rows * columns`.
    public var elements: [Double]

    /// Creates a matrix from its elements in column-major order.
    ///
    /// - Precondition: `rows >= 0`, `columns >= 0`, `columnMajor.count == rows * columns`.
    /// - Complexity: O(1).
    public init(rows: Int, columns: Int, columnMajor: [Double]) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
        precondition(columnMajor.count == rows * columns, "Matrix needs rows × columns elements")
        self.rows = rows
        self.columns = columns
        self.elements = columnMajor
    }

    /// Creates a `rows × columns` matrix filled with `value`.
    ///
    /// - Complexity: O(`rows·columns`).
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must not be negative")
        self.init(
            rows: rows, columns: columns,
            columnMajor: Array(repeating: value, count: rows * columns))
    }

    /// Creates a matrix from a list of rows (the way matrices are written on paper).
    ///
    /// - Precondition: every row has the same length.
    /// - Complexity: O(`rows·columns`).
    public init(rows rowList: [[Double]]) {
        let columns = rowList.first?.count ?? 0
        precondition(rowList.allSatisfy { $0.count == columns }, "Matrix rows must have equal lengths")
        var elements = [Double](repeating: 0, count: rowList.count * columns)
        for (i, row) in rowList.enumerated() {
            for (j, value) in row.enumerated() {
                elements[i + j * rowList.count] = value
            }
        }
        self.init(rows: rowList.count, columns: columns, columnMajor: elements)
    }

    /// The `n × n` identity matrix.
    ///
    /// - Complexity: O(n²).
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// The element in row `row` and column `column`.
    ///
    /// - Precondition: both indices are in range.
    public subscript(row: Int, column: Int) -> Double {
        get {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            return elements[row + column * rows]
        }
        set {
            precondition(row >= 0 && row < rows && column >= 0 && column < columns, "Matrix index out of range")
            elements[row + column * rows] = newValue
        }
    }

    /// Column `j` as a vector (a copy of `rows` contiguous elements).
    ///
    /// - Complexity: O(`rows`).
    public func column(_ j: Int) -> Vector {
        precondition(j >= 0 && j < columns, "Matrix column out of range")
        return Vector(Array(elements[(j * rows)..<((j + 1) * rows)]))
    }

    /// The transpose, `columns × rows`.
    ///
    /// - Complexity: O(`rows·columns`).
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns {
            for i in 0..<rows {
                t.elements[j + i * columns] = elements[i + j * rows]
            }
        }
        return t
    }

    /// Leading dimension handed to BLAS/LAPACK: `max(1, rows)`.
    var leadingDimension: Int { Swift.max(1, rows) }
}
