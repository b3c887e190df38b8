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

    /// Selects from `table`.
    ///
    /// - Complexity: O(questions·candidates + questions·log questions).
    public init(_ table: PollTable, options: Options) {
        let matchA = options.a.map(CandidateMatch.init), matchB = options.b.map(CandidateMatch.init)
        var filtered = 0, lacking = 0, single = 0
        var firstSingle: Int?
        var eligible: [(choice: Choice, byName: Int)] = []
        for q in 0..<table.count {
            guard options.filter.accepts(table, q) else { filtered += 1; continue }
            if table.candidateRange[q].count < 2 {
                single += 1
                if firstSingle == nil { firstSingle = q }
                continue
            }
            guard let pick = Self.pick(table, q, matchA, matchB) else { lacking += 1; continue }
            eligible.append((Choice(question: q, a: pick.a, b: pick.b), pick.byName))
        }
        var chosen: [Choice]
        var otherQuestion = 0
        if options.questions == .all {
            chosen = eligible.map(\.choice)
        } else {
            // The best question of each poll and race.
            var best: [String: Int] = [:]
            for (i, e) in eligible.enumerated() {
                let q = e.choice.question
                let key = table.pollID[q] + "\u{1F}" + table.race[q]
                if let j = best[key] {
                    if Self.better(table, e, than: eligible[j], options) { best[key] = i }
                    otherQuestion += 1
                } else {
                    best[key] = i
                }
            }
            chosen = best.values.sorted().map { eligible[$0].choice }
        }
        choices = chosen
        var lines: [String] = []
        if filtered > 0 { lines.append("\(filtered) question(s) outside the filters (\(options.filter.summary)).") }
        if let q = firstSingle {
            lines.append("\(single) question(s) have one candidate, so no lead (first: poll \(table.pollID[q]) at line \(table.line[q])).")
        }
        if lacking > 0 {
            lines.append("\(lacking) question(s) left out: they do not have both \(options.a ?? "a leader") and \(options.b ?? "a runner-up").")
        }
        if otherQuestion > 0 {
            let ballot = options.ballot == .headToHead ? "head-to-head first" : "full ballot first"
            lines.append("\(otherQuestion) question(s) set aside: another question of the same poll and race was used (population order \(options.populationOrder.joined(separator: ", ")), then \(ballot)); --questions all keeps them.")
        }
        // `--a`/`--b` keys that match no candidate row of the file at all.
        let unmatched = [("--a", matchA), ("--b", matchB)].compactMap { flag, match -> String? in
            guard let match, !(0..<table.share.count).contains(where: { match.match(table, $0) != nil }) else { return nil }
            return "\(flag) \"\(match.key)\" matches no candidate or party in any poll\(Self.knownNames(table))"
        }
        lines += unmatched.map { $0 + "." }
        notes = lines
        if chosen.isEmpty {
            if let first = unmatched.first {
                emptyReason = first + "; no poll selected"
            } else if filtered == table.count {
                emptyReason = "no question passes the filters (\(options.filter.summary)); no poll selected"
            } else if options.a == nil && options.b == nil {
                emptyReason = "no poll has two candidates, so there is no lead to report; expected at least two candidates in a poll"
            } else {
                emptyReason = "no poll has both \(options.a ?? "a leader") and \(options.b ?? "a runner-up") as different candidates; no poll selected"
            }
        } else {
            emptyReason = nil
        }
    }

    /// The two candidates of question `q`: those `a` and `b` match, or the leader and runner-up
    /// (one of them named, the other the best remaining); `byName` counts keys matched by name.
    static func pick(_ t: PollTable, _ q: Int, _ a: CandidateMatch?, _ b: CandidateMatch?) -> (a: Int, b: Int, byName: Int)? {
        let range = t.candidateRange[q]
        guard range.count >= 2 else { return nil }
        func best(excluding x: Int?) -> Int? {
            range.filter { $0 != x }.max { t.share[$0] < t.share[$1] || (t.share[$0] == t.share[$1] && $0 > $1) }
        }
        switch (a, b) {
        case (nil, nil):
            guard let first = best(excluding: nil), let second = best(excluding: first) else { return nil }
            return (first, second, 0)
        case let (ma?, nil):
            guard let x = ma.find(t, q), let y = best(excluding: x.index) else { return nil }
            return (x.index, y, x.kind == .name ? 1 : 0)
        case let (nil, mb?):
            guard let y = mb.find(t, q), let x = best(excluding: y.index) else { return nil }
            return (x, y.index, y.kind == .name ? 1 : 0)
        case let (ma?, mb?):
            guard let x = ma.find(t, q), let y = mb.find(t, q), x.index != y.index else { return nil }
            return (x.index, y.index, (x.kind == .name ? 1 : 0) + (y.kind == .name ? 1 : 0))
        }
    }

    /// Whether `x` is preferred to `y` (two questions of one poll and race).
    static func better(_ t: PollTable, _ x: (choice: Choice, byName: Int), than y: (choice: Choice, byName: Int),
                       _ o: Options) -> Bool {
        let qx = x.choice.question, qy = y.choice.question
        func rank(_ q: Int) -> Int { o.populationOrder.firstIndex(of: t.population[q].lowercased()) ?? o.populationOrder.count }
        if rank(qx) != rank(qy) { return rank(qx) < rank(qy) }
        let cx = t.candidateRange[qx].count, cy = t.candidateRange[qy].count
        if cx != cy { return o.ballot == .headToHead ? cx < cy : cx > cy }
        if x.byName != y.byName { return x.byName > y.byName }
        return questionOrder(t.questionID[qx], t.questionID[qy])
    }

    /// `question_id` order: numerically when both are numbers, else as text.
    public static func questionOrder(_ x: String, _ y: String) -> Bool {
        if let a = Int(x), let b = Int(y) { return a < b }
        return x < y
    }

    /// " (candidates: A, B, …; parties: X, Y)" for messages, at most eight names of each.
    static func knownNames(_ t: PollTable) -> String {
        func list(_ values: [String]) -> String {
            let shown = values.filter { !$0.isEmpty }
            return shown.prefix(8).joined(separator: ", ") + (shown.count > 8 ? ", …" : "")
        }
        let parties = list(t.party.values)
        return " (candidates: \(list(t.candidate.values))\(parties.isEmpty ? "" : "; parties: \(parties)"))"
    }
}
