/// Polls in columns: one entry per poll (a question, for FiveThirtyEight's files) in the poll
/// columns, and one entry per (poll, candidate) in the candidate columns, grouped by poll.
///
/// Shares are proportions (0…1); unknown numbers are NaN. Built by ``PollFileReader``.
public struct PollTable: Sendable {
    // MARK: Question columns (one entry per question of a poll; a file without questions has
    // one per poll)
    /// Each question's poll (FiveThirtyEight `poll_id`): questions of one poll share respondents.
    public var pollID: [String] = []
    /// Each question's identifier (FiveThirtyEight `question_id`; the poll id where a file has no
    /// questions).
    public var questionID: [String] = []
    /// The state a poll is about; empty for a national poll.
    public var state = StringColumn()
    /// The race, a readable label such as "2024 President: Pennsylvania" (empty when a file names
    /// none: then all its polls are one race).
    public var race = StringColumn()
    /// How respondents were reached, as published (FiveThirtyEight `methodology`).
    public var methodology = StringColumn()
    /// FiveThirtyEight's `internal`, `partisan` and `tracking` fields, as published.
    public var internalPoll = StringColumn()
    public var partisan = StringColumn()
    public var tracking = StringColumn()
    /// Who ran each poll.
    public var pollster = StringColumn()
    /// Who paid for it.
    public var sponsor = StringColumn()
    /// Whom it sampled (e.g. lv, rv, members).
    public var population = StringColumn()
    /// How (phone, online, …).
    public var mode = StringColumn()
    /// Probability, opt-in or straw.
    public var sampleType: [SampleType] = []
    /// First day of fieldwork, if given.
    public var startDate: [PollDate?] = []
    /// Last day of fieldwork, if given.
    public var endDate: [PollDate?] = []
    /// Respondents; NaN when not published.
    public var sampleSize: [Double] = []
    /// Design effect; NaN when not given (taken as 1).
    public var designEffect: [Double] = []
    /// Population size for the finite population correction; NaN when not given.
    public var populationSize: [Double] = []
    /// The actual result's lead in percentage points, as published: FiveThirtyEight's raw-polls
    /// `margin_actual` (the first over the second candidate) or a tidy file's `actual_lead` (A
    /// over B as the poll's lead orients them); NaN where the file gives none.
    public var actualLead: [Double] = []
    /// The poll's lead of the first over the second candidate as published, in percentage points
    /// (FiveThirtyEight's raw-polls `margin_poll`); NaN elsewhere (the lead is then computed from
    /// the shares).
    public var publishedLead: [Double] = []
    /// The race's identifier, for counting races: raw-polls `race_id`; elsewhere the race label
    /// (empty when the file names no race).
    public var raceID = StringColumn()
    /// The kind of race as published (raw-polls `type_simple`: Pres-G, Sen-G, Gov-G, House-G,
    /// Pres-P; a tidy file's `type_simple` column); empty elsewhere.
    public var typeSimple = StringColumn()
    /// The election year as published (raw-polls `year`, FiveThirtyEight `cycle`, a tidy file's
    /// `year` column); empty elsewhere.
    public var year = StringColumn()
    /// Where the race is, as published (raw-polls `location`: a state code, a district or `US`;
    /// a tidy file's `location` column); empty elsewhere.
    public var location = StringColumn()
    /// The line where each poll's first row is.
    public var line: [Int] = []
    /// The range of each poll's candidates in the candidate columns.
    public var candidateRange: [Range<Int>] = []

    // MARK: Candidate columns (grouped by poll)
    /// Each candidate row's name.
    public var candidate = StringColumn()
    /// Each candidate row's party (may be empty).
    public var party = StringColumn()
    /// Each candidate row's full name where the file gives one (FiveThirtyEight
    /// `candidate_name`), else the name.
    public var fullName = StringColumn()
    /// Each candidate row's share (proportion).
    public var share: [Double] = []

    /// The layout the table was read from (nil for a table built in code).
    public var layout: PollFileLayout?

    /// The number of polls.
    public var count: Int { line.count }

    /// An empty table.
    public init() {}

    /// The name of a field used for grouping (`pollster`, `population`, `sponsor`, `mode`,
    /// `sample_type`) for poll `i`, or nil for an unknown field.
    public func groupValue(_ field: String, _ i: Int) -> String? {
        switch field {
        case "pollster": return pollster[i]
        case "population": return population[i]
        case "sponsor": return sponsor[i]
        case "mode": return mode[i]
        case "methodology": return methodology[i]
        case "sample_type": return sampleType[i].rawValue
        case "state": return state[i].isEmpty ? "national" : state[i]
        case "race": return race[i]
        case "internal": return internalPoll[i]
        case "partisan": return partisan[i]
        case "tracking": return tracking[i]
        case "type_simple": return typeSimple[i]
        case "year": return year[i]
        case "location": return location[i]
        default: return nil
        }
    }

    /// The fields ``groupValue(_:_:)`` knows: those `--group-by` and `--where` take.
    public static let groupFields = [
        "pollster", "population", "sponsor", "mode", "methodology", "sample_type",
        "state", "race", "internal", "partisan", "tracking", "type_simple", "year",
        "location",
    ]
}

extension PollTable {
    /// Removes the last question and its candidate rows (which must be the last candidate rows).
    ///
    /// - Complexity: O(the question's candidates).
    mutating func removeLastQuestion() {
        let range = candidateRange.removeLast()
        precondition(
            range.isEmpty || range.upperBound == share.count, "the last question's candidates are not the last rows")
        removeLastCandidates(range.count)
        pollID.removeLast(); questionID.removeLast()
        state.removeLast(); race.removeLast(); methodology.removeLast()
        internalPoll.removeLast(); partisan.removeLast(); tracking.removeLast()
        pollster.removeLast(); sponsor.removeLast(); population.removeLast(); mode.removeLast()
        sampleType.removeLast(); startDate.removeLast(); endDate.removeLast()
        sampleSize.removeLast(); designEffect.removeLast(); populationSize.removeLast(); actualLead.removeLast()
        publishedLead.removeLast()
        raceID.removeLast(); typeSimple.removeLast(); year.removeLast(); location.removeLast()
        line.removeLast()
        assert(hasAlignedColumns, "a per-question column was left out of removeLastQuestion()")
    }

    /// Whether every per-question column holds one value per question (the invariant that
    /// ``removeLastQuestion()`` and ``gathering(_:renumbered:)`` keep).
    var hasAlignedColumns: Bool {
        let n = line.count
        let counts = [
            pollID.count, questionID.count, state.count, race.count, methodology.count, internalPoll.count,
            partisan.count, tracking.count, pollster.count, sponsor.count, population.count, mode.count,
            sampleType.count, startDate.count, endDate.count, sampleSize.count, designEffect.count,
            populationSize.count, actualLead.count, publishedLead.count, raceID.count, typeSimple.count,
            year.count, location.count, candidateRange.count,
        ]
        return counts.allSatisfy { $0 == n }
    }

    /// Removes the last `k` candidate rows.
    mutating func removeLastCandidates(_ k: Int) {
        candidate.removeLast(k); party.removeLast(k); fullName.removeLast(k); share.removeLast(k)
    }

    /// The questions `questions` of this table in that order, each with its candidates (whose rows
    /// follow one another in question order). With `renumbered` each string column holds only the
    /// values its rows use, in order of first use (as a table read whole has them); without, the
    /// columns keep every value and code, so codes handed out before stay valid.
    ///
    /// - Complexity: O(the questions and their candidates), plus O(distinct values) when
    ///   `renumbered`.
    func gathering(_ questions: [Int], renumbered: Bool) -> PollTable {
        var t = PollTable()
        let rows = questions.lazy.flatMap { self.candidateRange[$0] }
        t.candidate = candidate.gathering(rows, renumbered: renumbered)
        t.party = party.gathering(rows, renumbered: renumbered)
        t.fullName = fullName.gathering(rows, renumbered: renumbered)
        t.share.reserveCapacity(t.candidate.count)
        t.candidateRange.reserveCapacity(questions.count)
        for q in questions {
            let start = t.share.count
            t.share.append(contentsOf: share[candidateRange[q]])
            t.candidateRange.append(start..<t.share.count)
        }
        func strings(_ c: StringColumn) -> StringColumn { c.gathering(questions, renumbered: renumbered) }
        t.state = strings(state); t.race = strings(race); t.methodology = strings(methodology)
        t.internalPoll = strings(internalPoll); t.partisan = strings(partisan); t.tracking = strings(tracking)
        t.pollster = strings(pollster); t.sponsor = strings(sponsor); t.population = strings(population);
        t.mode = strings(mode)
        t.pollID = questions.map { pollID[$0] }; t.questionID = questions.map { questionID[$0] }
        t.sampleType = questions.map { sampleType[$0] }
        t.startDate = questions.map { startDate[$0] }; t.endDate = questions.map { endDate[$0] }
        t.sampleSize = questions.map { sampleSize[$0] }; t.designEffect = questions.map { designEffect[$0] }
        t.populationSize = questions.map { populationSize[$0] }; t.actualLead = questions.map { actualLead[$0] }
        t.publishedLead = questions.map { publishedLead[$0] }
        t.raceID = strings(raceID); t.typeSimple = strings(typeSimple); t.year = strings(year);
        t.location = strings(location)
        t.line = questions.map { line[$0] }
        t.layout = layout
        return t
    }
}
