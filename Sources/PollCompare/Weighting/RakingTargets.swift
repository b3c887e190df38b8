/// The population margins to rake to: for each raking variable, its categories and their target
/// shares (proportions, 0...1, summing to 1 per variable).
///
/// Read from delimited text with a header row naming the columns `variable`, `category` and
/// `share` (any order, any case; other columns are ignored), one row per category:
///
/// ```csv
/// variable,category,share
/// sex,F,52
/// sex,M,48
/// age,18-44,45
/// age,45+,55
/// ```
///
/// The unit of the shares is detected from their sums, which is unambiguous: when every variable's
/// shares sum to 100 within 1e-6 points the file is in percentage points; when every variable's
/// sum to 1 within 1e-8 (the same 1e-6 points) it is in proportions. Anything else is an error
/// naming the variables whose sums are neither (or that mix the two units). Every share must be a
/// number above 0 (a category with a target of 0 has no place in raking: leave its respondents out
/// instead); a variable or category named twice is an error. Variables keep the order of their
/// first row (the order in which a raking sweep visits them), categories the order of their rows.
///
/// - Complexity: O(bytes) to read.
public struct RakingTargets: Sendable, Equatable {
    /// How the shares were written.
    public enum ShareUnit: String, Sendable {
        /// Percentage points: every variable sums to 100.
        case points
        /// Proportions: every variable sums to 1.
        case proportions
    }

    /// One raking variable: a column of the respondent file and its target margin.
    public struct Variable: Sendable, Equatable {
        /// The column name in the respondent file.
        public let name: String
        /// Its categories, as written.
        public let categories: [String]
        /// The target share of each category, a proportion (the shares sum to 1 up to rounding).
        public let shares: [Double]
        /// Where each category's row is in the targets file (for messages).
        public let positions: [TextPosition]

        /// A variable with these categories and target proportions (validated by ``RakingTargets/init(variables:unit:)``).
        public init(name: String, categories: [String], shares: [Double], positions: [TextPosition]) {
            self.name = name
            self.categories = categories
            self.shares = shares
            self.positions = positions
        }
    }

    /// The variables, in the order a sweep visits them.
    public let variables: [Variable]
    /// The unit the file was written in.
    public let unit: ShareUnit

    /// Targets given directly (proportions).
    ///
    /// - Precondition: at least one variable, each with at least one category, shares positive
    ///   and summing to 1 within 1e-8, names unique.
    public init(variables: [Variable], unit: ShareUnit = .proportions) {
        precondition(!variables.isEmpty, "raking needs at least one variable")
        for v in variables {
            precondition(
                !v.categories.isEmpty && v.categories.count == v.shares.count
                    && v.positions.count == v.shares.count, "variable \(v.name): categories and shares do not match")
            precondition(v.shares.allSatisfy { $0 > 0 && $0.isFinite }, "variable \(v.name): shares must be positive")
            precondition(
                abs(v.shares.reduce(0, +) - 1) <= Self.proportionSlack, "variable \(v.name): shares do not sum to 1")
        }
        self.variables = variables
        self.unit = unit
    }

    /// How far a variable's shares may sum from 100 points: 1e-6 points.
    public static let pointSlack = 1e-6
    /// The same slack in proportions: 1e-8.
    public static let proportionSlack = 1e-8

    /// Reads the targets from the bytes of a file.
    ///
    /// - Throws: ``CSVError`` with the line and column of the problem: malformed text, no header
    ///   or a header without `variable`, `category` or `share`, a ragged row, a share that is not a
    ///   number above 0, a category named twice, no rows, or sums that are neither 100 nor 1.
    /// - Complexity: O(bytes + rows·log rows).
    public static func read(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) throws -> RakingTargets {
        var header: (variable: Int, category: Int, share: Int, count: Int)?
        var names: [String] = []
        var rows: [String: (categories: [String], shares: [Double], positions: [TextPosition])] = [:]
        var firstLine = 0
        try CSVParser.parse(bytes, delimiter: delimiter) { record in
            guard let h = header else {
                firstLine = record.line
                let fields = try (0..<record.count).map { try record.text($0).trimmingSpaces().lowercased() }
                func find(_ name: String) throws -> Int {
                    guard let i = fields.firstIndex(of: name) else {
                        throw CSVError(
                            position: TextPosition(line: record.line, column: 1),
                            message:
                                "no column named \"\(name)\"; expected a header variable,category,share (columns: \(fields.joined(separator: ", ")))"
                        )
                    }
                    return i
                }
                header = (try find("variable"), try find("category"), try find("share"), record.count)
                return
            }
            guard record.count == h.count else {
                throw CSVError(
                    position: record.position(min(record.count, h.count) - 1),
                    message: "row has \(record.count) field\(record.count == 1 ? "" : "s"), the header has \(h.count)")
            }
            let name = try record.text(h.variable).trimmingSpaces()
            let category = try record.text(h.category).trimmingSpaces()
            guard !name.isEmpty else {
                throw CSVError(position: record.position(h.variable), message: "empty variable name")
            }
            let text = try record.text(h.share).trimmingSpaces()
            guard let share = Double(text), share.isFinite, share > 0 else {
                throw CSVError(
                    position: record.position(h.share),
                    message: Double(text) == 0
                        ? "share of \(name) \"\(category)\" is 0; expected a share above 0 (leave a category with no population out, with its respondents)"
                        : "share \"\(text)\" of \(name) \"\(category)\" is not a number above 0")
            }
            if rows[name] == nil { names.append(name); rows[name] = ([], [], []) }
            if let earlier = rows[name]!.categories.firstIndex(of: category) {
                throw CSVError(
                    position: record.position(h.category),
                    message:
                        "\(name) \"\(category)\" is named twice (first on line \(rows[name]!.positions[earlier].line))")
            }
            rows[name]!.categories.append(category)
            rows[name]!.shares.append(share)
            rows[name]!.positions.append(record.position(h.share))
        }
        guard header != nil else {
            throw CSVError(
                position: TextPosition(line: 1, column: 1),
                message: "empty file; expected a header variable,category,share")
        }
        guard !names.isEmpty else {
            throw CSVError(position: TextPosition(line: firstLine + 1, column: 1), message: "a header but no targets")
        }
        // The unit: every variable sums to 100 (points) or every one to 1 (proportions).
        let sums = names.map { name in rows[name]!.shares.reduce(0, +) }
        let inPoints = sums.map { abs($0 - 100) <= pointSlack }
        let inProportions = sums.map { abs($0 - 1) <= proportionSlack }
        let unit: ShareUnit
        if inPoints.allSatisfy({ $0 }) {
            unit = .points
        } else if inProportions.allSatisfy({ $0 }) {
            unit = .proportions
        } else if let p = inPoints.firstIndex(of: true), let q = inProportions.firstIndex(of: true) {
            throw CSVError(
                position: rows[names[q]]!.positions[0],
                message:
                    "\(names[p])'s shares sum to 100 but \(names[q])'s to 1: write every share in points or every one in proportions"
            )
        } else {
            let off = names.indices.filter { !inPoints[$0] && !inProportions[$0] }
            let list = off.map { "\(names[$0]) sums to \(NumberText.roundTrip(sums[$0]))" }.joined(separator: ", ")
            throw CSVError(
                position: rows[names[off[0]]]!.positions[0],
                message: "shares must sum to 100 (points) or 1 (proportions) per variable within 1e-6 points: \(list)")
        }
        let scale = unit == .points ? 100.0 : 1.0
        let variables = names.map { name in
            let r = rows[name]!
            return Variable(
                name: name, categories: r.categories, shares: r.shares.map { $0 / scale }, positions: r.positions)
        }
        return RakingTargets(variables: variables, unit: unit)
    }
}
