/// The respondents cross-classified by the raking variables: one cell per combination of
/// categories that occurs in the data (empty combinations are not stored), with each cell's
/// number of respondents and sum of base weights, and each respondent's cell.
///
/// Raking multiplies every weight in a cell by the same factor (the product of its categories'
/// factors), so iterative proportional fitting runs on the cell sums: O(cells·variables) per sweep
/// however many respondents there are (``IterativeProportionalFitting``). Cells number at most
/// the product of the category counts and at most the respondents.
///
/// Example: sex (F, M) × age (young, old) with respondents F-young, F-young, M-old gives two
/// cells, (F, young) with 2 respondents and (M, old) with 1.
public struct CrossClassificationTable: Sendable {
    /// The number of categories of each variable.
    public let categoryCounts: [Int]
    /// Cell k's category of variable v is `cellCategories[k·variables + v]`.
    public private(set) var cellCategories: [Int32]
    /// The number of respondents in each cell.
    public private(set) var cellRespondents: [Int]
    /// Each respondent's cell, in file order.
    public private(set) var respondentCells: [Int32]
    /// Each respondent's base weight, in file order; nil when every base weight is 1.
    public private(set) var baseWeights: [Double]?
    /// Key (mixed-radix number of the categories) to cell.
    private var cellOfKey: [Int: Int32] = [:]
    private let radix: [Int]

    /// The number of raking variables.
    public var variableCount: Int { categoryCounts.count }
    /// The number of non-empty cells.
    public var cellCount: Int { cellRespondents.count }
    /// The number of respondents.
    public var respondentCount: Int { respondentCells.count }

    /// An empty table for variables with these numbers of categories.
    ///
    /// - Returns: nil when the product of the category counts exceeds 2⁶² (too many combinations
    ///   to number).
    public init?(categoryCounts: [Int], weighted: Bool) {
        precondition(!categoryCounts.isEmpty && categoryCounts.allSatisfy { $0 >= 1 }, "each variable needs a category")
        var radix: [Int] = []
        var product = 1
        for c in categoryCounts {
            radix.append(product)
            let (p, overflow) = product.multipliedReportingOverflow(by: c)
            guard !overflow, p <= 1 << 62 else { return nil }
            product = p
        }
        self.categoryCounts = categoryCounts
        self.radix = radix
        self.cellCategories = []
        self.cellRespondents = []
        self.respondentCells = []
        self.baseWeights = weighted ? [] : nil
    }

    /// Adds a respondent with these categories (one per variable) and base weight.
    ///
    /// - Precondition: `categories[v]` is in `0..<categoryCounts[v]`; a weight only for a
    ///   weighted table (and 1 otherwise).
    /// - Complexity: O(variables) expected.
    public mutating func append(categories: UnsafeBufferPointer<Int32>, weight: Double = 1) {
        var key = 0
        for v in 0..<categories.count { key += Int(categories[v]) * radix[v] }
        let cell: Int32
        if let known = cellOfKey[key] {
            cell = known
            cellRespondents[Int(known)] += 1
        } else {
            cell = Int32(cellRespondents.count)
            cellOfKey[key] = cell
            cellCategories.append(contentsOf: categories)
            cellRespondents.append(1)
        }
        respondentCells.append(cell)
        if baseWeights != nil {
            baseWeights!.append(weight)
        } else {
            precondition(weight == 1, "a weight for an unweighted table")
        }
    }

    /// Cell k's category of variable v.
    public func category(ofCell k: Int, variable v: Int) -> Int {
        Int(cellCategories[k * variableCount + v])
    }

    /// The sum of `weights` (one per respondent, file order) within each cell.
    ///
    /// - Complexity: O(respondents).
    public func cellTotals(of weights: [Double]) -> [Double] {
        precondition(weights.count == respondentCount)
        var totals = [Double](repeating: 0, count: cellCount)
        totals.withUnsafeMutableBufferPointer { t in
            respondentCells.withUnsafeBufferPointer { c in
                weights.withUnsafeBufferPointer { w in
                    for i in 0..<c.count { t[Int(c[i])] += w[i] }
                }
            }
        }
        return totals
    }

    /// The base weights, one per respondent (all 1 when unweighted).
    public var baseWeightsOrOnes: [Double] {
        baseWeights ?? [Double](repeating: 1, count: respondentCount)
    }

    /// The total of each category of variable `v` over `cellValues` (one value per cell).
    ///
    /// - Complexity: O(cells).
    public func margin(_ cellValues: [Double], variable v: Int) -> [Double] {
        var m = [Double](repeating: 0, count: categoryCounts[v])
        let stride = variableCount
        cellCategories.withUnsafeBufferPointer { cats in
            for k in 0..<cellValues.count { m[Int(cats[k * stride + v])] += cellValues[k] }
        }
        return m
    }

    /// The number of respondents in each category of variable `v`.
    ///
    /// - Complexity: O(cells).
    public func respondentMargin(variable v: Int) -> [Int] {
        var m = [Int](repeating: 0, count: categoryCounts[v])
        for k in 0..<cellCount { m[category(ofCell: k, variable: v)] += cellRespondents[k] }
        return m
    }
}
