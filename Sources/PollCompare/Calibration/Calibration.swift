/// The historical error of a poll file's polls against the results, for the whole selection and
/// for groups (`pollcmp calibrate`): rows of ``CalibrationSummary``.
///
/// Groups are the distinct values of the ``Options/by`` fields (several fields joined by " / "),
/// as published, in ascending order (numerically where both values are numbers, so years sort
/// as years). Groups with fewer than ``Options/minimumPolls`` polls are left out, with a note;
/// the first row, `all`, is the whole selection and is always given.
public struct Calibration: Sendable {
    /// How the calibration is made.
    public struct Options: Sendable {
        /// The grouping fields (none: the whole selection only).
        public var by: [CalibrationField] = []
        /// The smallest group shown (at least 1).
        public var minimumPolls = 1
        /// The level of the stated intervals whose coverage is measured.
        public var confidence: ConfidenceLevel = .ninetyFive
        /// Which way leads are oriented.
        public var orientation: CalibrationPolls.Orientation = .asPublished
        /// The defaults.
        public init() {}
    }

    /// One row.
    public struct Row: Sendable {
        /// `all`, or the group's values joined by " / ".
        public let group: String
        /// The group's statistics.
        public let summary: CalibrationSummary
    }

    /// The label of the first row.
    public static let allLabel = "all"

    /// The polls.
    public let polls: CalibrationPolls
    /// `all`, then the groups kept.
    public let rows: [Row]
    /// The options used.
    public let options: Options
    /// What was left out and why: the selection's notes, the polls' and the groups'.
    public let notes: [String]

    /// Calibrates the questions `selection` chose from `table`.
    ///
    /// - Throws: ``PollCompareError/invalidReportOption(_:)`` when no poll is left (with what was
    ///   left out); ``PollCompareError/invalidPollDesign(poll:line:reason:)`` from
    ///   ``CalibrationPolls``.
    /// - Precondition: `options.minimumPolls >= 1`.
    /// - Complexity: O(q + g·log g) for q questions and g groups.
    public init(_ table: PollTable, selection: PollSelection, options: Options) throws(PollCompareError) {
        precondition(options.minimumPolls >= 1, "at least one poll per group")
        let polls = try CalibrationPolls(table, selection: selection, orientation: options.orientation)
        var notes = selection.notes + polls.notes
        guard polls.count > 0 else {
            let why =
                notes.isEmpty
                ? "" : " (" + notes.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.joined(separator: "; ") + ")"
            throw .invalidReportOption("no poll with a result, a sample size and two candidates to calibrate\(why)")
        }
        let z = options.confidence.z
        var rows = [
            Row(group: Self.allLabel, summary: CalibrationSummary(polls, members: Array(0..<polls.count), z: z))
        ]
        if !options.by.isEmpty {
            var index: [[String]: Int] = [:]
            var keys: [[String]] = [], members: [[Int]] = []
            for (i, q) in polls.questions.enumerated() {
                let key = options.by.map { $0.value(in: table, q) }
                if let g = index[key] {
                    members[g].append(i)
                } else {
                    index[key] = keys.count
                    keys.append(key)
                    members.append([i])
                }
            }
            let order = keys.indices.sorted { Self.precedes(keys[$0], keys[$1]) }
            var dropped = 0
            for g in order {
                guard members[g].count >= options.minimumPolls else { dropped += 1; continue }
                rows.append(
                    Row(
                        group: keys[g].joined(separator: " / "),
                        summary: CalibrationSummary(polls, members: members[g], z: z)))
            }
            if dropped == keys.count {
                notes.append(
                    "All \(dropped) group(s) have fewer than \(options.minimumPolls) polls (--min-polls): only the whole selection is shown."
                )
            } else if dropped > 0 {
                notes.append(
                    "\(dropped) group(s) with fewer than \(options.minimumPolls) polls left out (--min-polls).")
            }
        }
        self.polls = polls
        self.rows = rows
        self.options = options
        self.notes = notes
    }

    /// Group order: field by field, numerically when both values are numbers, else as text.
    static func precedes(_ x: [String], _ y: [String]) -> Bool {
        for (a, b) in zip(x, y) where a != b {
            if let u = Double(a), let v = Double(b), u != v { return u < v }
            return a < b
        }
        return false
    }
}
