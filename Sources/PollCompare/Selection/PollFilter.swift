/// Which questions of a poll file a report keeps: `--where FIELD=VALUE[,VALUE…]` conditions
/// (ANDed across conditions, ORed within one) and an end-date range.
///
/// Values are compared with the published text, ignoring case; the field `state` is `national`
/// for a poll without a state. Filters apply to questions, before one question is chosen per
/// poll (so `population=rv` takes a poll's rv question).
public struct PollFilter: Sendable {
    /// The fields `--where` takes.
    public static let fields = [
        "state", "race", "pollster", "population", "methodology", "sample_type", "sponsor",
        "mode", "internal", "partisan", "tracking", "type_simple", "year", "location",
    ]

    /// One condition: the field and its accepted values (lower-cased).
    public struct Condition: Sendable, Equatable {
        public let field: String
        public let values: Set<String>
    }

    /// The conditions, all of which must hold.
    public let conditions: [Condition]
    /// The first end date kept (inclusive), or nil.
    public let from: PollDate?
    /// The last end date kept (inclusive), or nil.
    public let to: PollDate?

    /// Everything.
    public init() {
        conditions = []
        from = nil
        to = nil
    }

    /// Parses `--where` texts and `--from`/`--to` dates (`YYYY-MM-DD`).
    ///
    /// - Throws: ``PollCompareError/invalidFilter(_:)`` for text that is not FIELD=VALUE, an
    ///   unknown field, an empty value, a date not written YYYY-MM-DD, or a range that ends before
    ///   it starts.
    /// - Complexity: O(length of the texts).
    public init(where texts: [String], from: String? = nil, to: String? = nil) throws(PollCompareError) {
        var parsed: [Condition] = []
        for text in texts {
            guard let equals = text.firstIndex(of: "=") else {
                throw .invalidFilter("--where \"\(text)\" is not FIELD=VALUE (e.g. state=national)")
            }
            let field = String(text[..<equals]).lowercased()
            guard Self.fields.contains(field) else {
                throw .invalidFilter("--where: unknown field \"\(field)\" (use \(Self.fields.joined(separator: ", ")))")
            }
            let values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
                .map { String($0).trimmingSpaces().lowercased() }
            guard !values.contains(where: \.isEmpty) else {
                throw .invalidFilter("--where \"\(text)\" has an empty value")
            }
            parsed.append(Condition(field: field, values: Set(values)))
        }
        conditions = parsed
        self.from = try from.map { text throws(PollCompareError) in try Self.isoDate(text, option: "--from") }
        self.to = try to.map { text throws(PollCompareError) in try Self.isoDate(text, option: "--to") }
        if let start = self.from, let end = self.to, end < start {
            throw .invalidFilter("--to \(end) is before --from \(start)")
        }
    }

    /// A date written YYYY-MM-DD.
    public static func isoDate(_ text: String, option: String) throws(PollCompareError) -> PollDate {
        let bytes = Array(text.utf8)
        let shaped =
            bytes.count == 10 && bytes[4] == UInt8(ascii: "-") && bytes[7] == UInt8(ascii: "-")
            && bytes.enumerated().allSatisfy {
                $0.offset == 4 || $0.offset == 7 || ($0.element >= 48 && $0.element <= 57)
            }
        guard shaped, let date = PollDate(text) else {
            throw .invalidFilter("\(option) \"\(text)\" is not a date written YYYY-MM-DD")
        }
        return date
    }

    /// Whether nothing is filtered.
    public var isEmpty: Bool { conditions.isEmpty && from == nil && to == nil }

    /// Whether question `i` of `table` passes every condition and the date range (a question
    /// without an end date fails a date range).
    ///
    /// - Complexity: O(conditions).
    public func accepts(_ table: PollTable, _ i: Int) -> Bool {
        for condition in conditions {
            guard let value = table.groupValue(condition.field, i), condition.values.contains(value.lowercased()) else {
                return false
            }
        }
        if from != nil || to != nil {
            guard let end = table.endDate[i] else { return false }
            if let from, end < from { return false }
            if let to, to < end { return false }
        }
        return true
    }

    /// The conditions as the user wrote them, for notes: "state=national, population=lv, from 2024-07-01".
    public var summary: String {
        var parts = conditions.map { "\($0.field)=\($0.values.sorted().joined(separator: ","))" }
        if let from { parts.append("from \(from)") }
        if let to { parts.append("to \(to)") }
        return parts.joined(separator: ", ")
    }
}
