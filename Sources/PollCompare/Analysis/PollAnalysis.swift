/// The analysis layer of a report: the selected questions' leads with their designs applied, and
/// the swings between them within races and groups, as typed rows (``PollLead``, ``PollSwing``).
///
/// - Designs: n (or `--assume-n`), design effect and population from the file; a methodology
///   listed in ``Options/optIn`` makes a poll an opt-in sample (any of its "/"-separated parts,
///   ignoring case: "IVR/Online Panel" is opt-in when "Online Panel" is listed).
/// - Groups: the race always, then the ``Options/groupBy`` fields; swings never cross races.
///   Within a group questions are ordered by end date, start date, then `question_id`.
/// - Orientation: A and B are `--a`/`--b` in every question of a group, or the first question's
///   leader and runner-up, recognised by party when both have distinct parties (so Biden–Trump
///   and Harris–Trump line up) and by name otherwise.
public struct PollAnalysis: Sendable {
    /// Which pairs of questions within a group get a swing.
    public enum Pairs: String, CaseIterable, Sendable {
        /// Each question and the next one in time.
        case consecutive
        /// The first and the last of each group.
        case firstLast = "first-last"
        /// Every earlier–later pair.
        case all
        /// The last question ending before ``Options/at`` against the first starting on or after
        /// it (ties on a date: the lower `question_id`).
        case beforeAfter = "before-after"
    }

    /// How the analysis is made.
    public struct Options: Sendable {
        /// The confidence level of every interval.
        public var confidence: ConfidenceLevel = .ninetyFive
        /// Compute intervals for straw and opt-in polls anyway.
        public var assumeRandomSample = false
        /// A sample size for polls that publish none.
        public var assumeN: Double?
        /// Methodologies that are opt-in (non-probability) samples.
        public var optIn: [String] = []
        /// Historical non-sampling error added to each lead's variance (`--tse`; ``TotalError``).
        public var totalError: TotalError?
        /// Fields that group questions for swings, after the race (spaces around a name are
        /// trimmed and empty names ignored).
        public var groupBy: [String] = ["pollster", "population"]
        /// Which pairs get a swing.
        public var pairs: Pairs = .consecutive
        /// The date of `before-after` pairs.
        public var at: PollDate?
        /// A for every group (`--a`), or nil.
        public var a: String?
        /// B for every group (`--b`), or nil.
        public var b: String?

        /// The defaults.
        public init() {}
    }

    /// A group of questions: one race and the values of the group-by fields.
    public struct Group: Sendable {
        /// The group-by values, joined by " / ".
        public let name: String
        /// The race's label.
        public let race: String
        /// Its questions in time order, each with its oriented candidates A and B.
        public let members: [(question: Int, a: Int, b: Int)]
    }

    /// The file.
    public let table: PollTable
    /// The selected questions' leads, in file order.
    public let leads: [PollLead]
    /// The groups (with at least one oriented question), in order of first appearance.
    public let groups: [Group]
    /// The swings, group by group.
    public let swings: [PollSwing]
    /// Lines for people about how the analysis read the file.
    public let notes: [String]

    /// Analyses the questions `selection` chose from `table`.
    ///
    /// - Throws: ``PollCompareError`` for an unknown group-by field, `before-after` without a
    ///   date, or a poll whose design cannot be.
    /// - Complexity: O(questions·log questions + swings).
    public init(_ table: PollTable, selection: PollSelection, options given: Options) throws(PollCompareError) {
        var options = given
        options.groupBy = given.groupBy.map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        for field in options.groupBy where !PollTable.groupFields.contains(field) {
            throw .invalidReportOption(
                "--group-by: unknown field \"\(field)\" (use \(PollTable.groupFields.joined(separator: ", ")))")
        }
        if options.pairs == .beforeAfter && options.at == nil {
            throw .invalidReportOption("--pairs before-after needs --at DATE")
        }
        self.table = table
        let confidence = options.confidence
        let optIn = Set(options.optIn.map { $0.lowercased() })
        func sampleType(_ q: Int) -> SampleType {
            let parts = table.methodology[q].split(separator: "/").map { String($0).trimmingSpaces().lowercased() }
            return parts.contains(where: optIn.contains) ? .optIn : table.sampleType[q]
        }
        func estimate(_ q: Int, _ a: Int, _ b: Int) throws(PollCompareError) -> LeadEstimate {
            let n = table.sampleSize[q].isNaN ? options.assumeN : table.sampleSize[q]
            let (deff, population) = table.designParameters(q)
            let type = sampleType(q)
            do {
                let design = try n.map { n throws(PollCompareError) in
                    try SampleDesign(
                        sampleSize: n, designEffect: deff, populationSize: population, sampleType: type,
                        assumesRandomSample: options.assumeRandomSample)
                }
                return try LeadEstimate(
                    shareA: table.share[a], shareB: table.share[b], design: design, designEffect: deff,
                    populationSize: population,
                    sampleType: options.assumeRandomSample ? .probability : type
                )
                .adding(options.totalError)
            } catch {
                throw table.designError(q, error)
            }
        }
        var leads: [PollLead] = []
        leads.reserveCapacity(selection.choices.count)
        var overTotal = 0
        var firstOver: Int?
        for c in selection.choices {
            // A file read as published may hold a question whose two shares alone sum above 100
            // beyond the rounding slack: no lead can be made of it.
            guard table.share[c.a] + table.share[c.b] <= 1 + Shares.roundingSlack else {
                overTotal += 1
                if firstOver == nil { firstOver = c.question }
                continue
            }
            leads.append(
                try PollLead(
                    question: c.question, a: c.a, b: c.b, estimate: estimate(c.question, c.a, c.b),
                    sampleSizeAssumed: table.sampleSize[c.question].isNaN && options.assumeN != nil,
                    confidence: confidence))
        }
        self.leads = leads

        // Groups: the race, then the group-by values.
        var index: [String: Int] = [:]
        var keys: [(name: String, race: String)] = []
        var members: [[PollLead]] = []
        for lead in leads {
            let q = lead.question
            let name = options.groupBy.map { table.groupValue($0, q) ?? "" }.joined(separator: " / ")
            let key = table.race[q] + "\u{1F}" + name
            if let g = index[key] {
                members[g].append(lead)
            } else {
                index[key] = keys.count
                keys.append((name, table.race[q]))
                members.append([lead])
            }
        }
        var groups: [Group] = []
        var swings: [PollSwing] = []
        for (g, list) in members.enumerated() {
            let ordered = list.sorted { x, y in Self.earlier(table, x.question, y.question) }
            let oriented = Self.orient(table, ordered, options)
            guard !oriented.isEmpty else { continue }
            let groupIndex = groups.count
            groups.append(Group(name: keys[g].name, race: keys[g].race, members: oriented))
            // Each question's design was accepted with its lead; only the group's candidates
            // (whose two shares may sum above 100.5 as published) can fail here. Estimated once
            // per question, however many pairs it is in.
            let estimates = oriented.map { try? estimate($0.question, $0.a, $0.b) }
            for (i, j) in Self.pairs(table, oriented.map(\.question), options) {
                let x = oriented[i], y = oriented[j]
                guard let before = estimates[i], let after = estimates[j] else { continue }
                let swing = try SwingEstimate(before: before, after: after, confidence: confidence)
                swings.append(
                    PollSwing(
                        group: groupIndex, before: x.question, after: y.question,
                        beforeCandidates: (x.a, x.b), afterCandidates: (y.a, y.b), estimate: swing,
                        sameRespondents: table.pollID[x.question] == table.pollID[y.question]))
            }
        }
        self.groups = groups
        self.swings = swings
        var notes: [String] = []
        if let q = firstOver {
            notes.append(
                "\(overTotal) question(s) left out: the two candidates' shares alone sum above 100.5 (first: poll \(table.pollID[q]), question \(table.questionID[q]) at line \(table.line[q]))."
            )
        }
        if optIn.isEmpty, selection.methodologyNamed {
            notes.append(
                "Every methodology is taken as a probability sample; --opt-in METHOD[,METHOD…] marks opt-in ones (e.g. \"Online Panel\")."
            )
        }
        self.notes = notes
    }

    /// Time order: end date, start date (missing dates last), then `question_id`.
    static func earlier(_ t: PollTable, _ x: Int, _ y: Int) -> Bool {
        let ex = t.endDate[x]?.day ?? Int.max, ey = t.endDate[y]?.day ?? Int.max
        if ex != ey { return ex < ey }
        let sx = t.startDate[x]?.day ?? Int.max, sy = t.startDate[y]?.day ?? Int.max
        if sx != sy { return sx < sy }
        if t.questionID[x] != t.questionID[y] { return PollSelection.questionOrder(t.questionID[x], t.questionID[y]) }
        return x < y
    }

    /// Each question's candidates A and B as the group orients them; questions without both drop out.
    static func orient(_ t: PollTable, _ ordered: [PollLead], _ o: Options) -> [(question: Int, a: Int, b: Int)] {
        guard let first = ordered.first else { return [] }
        let matchA: CandidateMatch, matchB: CandidateMatch
        var byParty: Bool?
        if let a = o.a, let b = o.b {
            (matchA, matchB) = (CandidateMatch(a), CandidateMatch(b))
        } else {
            let pa = t.party[first.a], pb = t.party[first.b]
            if !pa.isEmpty && !pb.isEmpty && pa.lowercased() != pb.lowercased() {
                (matchA, matchB, byParty) = (CandidateMatch(pa), CandidateMatch(pb), true)
            } else {
                (matchA, matchB, byParty) = (
                    CandidateMatch(t.candidate[first.a]), CandidateMatch(t.candidate[first.b]), false
                )
            }
        }
        var out: [(question: Int, a: Int, b: Int)] = []
        for lead in ordered {
            guard let a = matchA.find(t, lead.question, byParty: byParty),
                let b = matchB.find(t, lead.question, byParty: byParty),
                a.index != b.index, byParty == nil || (a.kind == .party) == byParty! && (b.kind == .party) == byParty!
            else { continue }
            out.append((lead.question, a.index, b.index))
        }
        return out
    }

    /// The pairs (indices into the ordered members) that get a swing.
    static func pairs(_ t: PollTable, _ questions: [Int], _ o: Options) -> [(Int, Int)] {
        let n = questions.count
        switch o.pairs {
        case .consecutive: return n < 2 ? [] : (1..<n).map { ($0 - 1, $0) }
        case .firstLast: return n < 2 ? [] : [(0, n - 1)]
        case .all: return n < 2 ? [] : (0..<n).flatMap { i in ((i + 1)..<n).map { (i, $0) } }
        case .beforeAfter:
            guard let at = o.at else { return [] }
            var before: Int?, after: Int?
            for (i, q) in questions.enumerated() {
                if let end = t.endDate[q], end < at {
                    if let b = before, let bEnd = t.endDate[questions[b]] {
                        if bEnd < end
                            || (bEnd == end && PollSelection.questionOrder(t.questionID[q], t.questionID[questions[b]]))
                        {
                            before = i
                        }
                    } else {
                        before = i
                    }
                }
                if let start = t.startDate[q] ?? t.endDate[q], !(start < at) {
                    if let a = after, let aStart = t.startDate[questions[a]] ?? t.endDate[questions[a]] {
                        if start < aStart
                            || (start == aStart
                                && PollSelection.questionOrder(t.questionID[q], t.questionID[questions[a]]))
                        {
                            after = i
                        }
                    } else {
                        after = i
                    }
                }
            }
            guard let b = before, let a = after else { return [] }
            return [(b, a)]
        }
    }
}
