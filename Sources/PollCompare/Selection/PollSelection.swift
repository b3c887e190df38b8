/// The selection layer of a report: which questions of a poll file are compared, and which two
/// candidates of each.
///
/// 1. Filters (``PollFilter``) keep questions by field and end date.
/// 2. Candidates: `--a`/`--b` (``CandidateMatch``: a party code or a name as published), or each
///    question's leader and runner-up. A question without both is not eligible.
/// 3. One question per poll and race (unless ``Questions/all``): among a poll's eligible
///    questions of one race, the first population in ``Options/populationOrder``, then the head-to-head
///    question (fewest candidates; ``Ballot/full`` takes the most), then the question where
///    `--a`/`--b` match by name rather than party, then the lowest `question_id` (numerically
///    when both are numbers). Questions of one poll share respondents: they are never two
///    independent samples (GUIDE §3 "Races", "Same respondents").
public struct PollSelection: Sendable {
    /// Which questions of a poll are kept.
    public enum Questions: String, CaseIterable, Sendable {
        /// One per poll and race (the default).
        case one
        /// Every question.
        case all
    }

    /// Which ballot a poll's question is chosen from.
    public enum Ballot: String, CaseIterable, Sendable {
        /// The question with the fewest candidates (the default).
        case headToHead = "head-to-head"
        /// The question with the most candidates.
        case full
    }

    /// How questions are selected.
    public struct Options: Sendable {
        /// Candidate A by party or name; nil: each question's leader.
        public var a: String?
        /// Candidate B by party or name; nil: the runner-up.
        public var b: String?
        /// Field and date filters.
        public var filter = PollFilter()
        /// One question per poll and race, or all.
        public var questions: Questions = .one
        /// Head-to-head first, or the full ballot.
        public var ballot: Ballot = .headToHead
        /// Populations in order of preference; others come after, in file order.
        public var populationOrder = ["lv", "rv", "v", "a"]

        /// The defaults.
        public init() {}
    }

    /// One selected question and its two candidates (indices into the table's candidate columns).
    public struct Choice: Sendable, Equatable {
        /// The question (an index into the table's question columns).
        public let question: Int
        /// Candidate A's row.
        public let a: Int
        /// Candidate B's row.
        public let b: Int
    }

    /// The selected questions, in file order.
    public let choices: [Choice]
    /// What was set aside and why, one line each (empty when nothing was).
    public let notes: [String]
    /// Why nothing at all was selected, or nil.
    public let emptyReason: String?
    /// Whether any question of the file names a methodology (selected or not).
    public let methodologyNamed: Bool

    /// Selects from `table`, question by question (`QuestionSelector`, the selection a
    /// ``PollFileReader`` makes while it reads a file).
    ///
    /// - Complexity: O(questions·candidates), plus O(log questions) per question kept.
    public init(_ table: PollTable, options: Options) {
        var selector = QuestionSelector(options: options)
        for q in 0..<table.count { _ = selector.consider(table, q, ordinal: q) }
        self = selector.selection(table, seen: table) { $0 }
    }

    init(choices: [Choice], notes: [String], emptyReason: String?, methodologyNamed: Bool) {
        self.choices = choices
        self.notes = notes
        self.emptyReason = emptyReason
        self.methodologyNamed = methodologyNamed
    }

    /// `question_id` order: numerically when both are numbers, else as text.
    public static func questionOrder(_ x: String, _ y: String) -> Bool {
        if let a = Int(x), let b = Int(y) { return a < b }
        return x < y
    }
}
