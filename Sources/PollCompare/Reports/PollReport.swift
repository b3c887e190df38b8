/// `pollcmp report`: the tabulation and narrative of a report. The file is read into a
/// ``PollTable``; ``PollSelection`` chooses the questions and candidates; ``PollAnalysis`` makes
/// the typed rows (``PollLead``, ``PollSwing``); this type turns them into tables (built row by
/// row on demand, so a report of a million rows never holds them as text) and sentences.
///
/// Polls table columns (stable API): `poll_id,pollster,population,start_date,end_date,
/// sample_size,n_eff,candidate_a,candidate_b,share_a,share_b,lead,se,moe,lower,upper,p_value,basis,
/// break_even_n,ratio,sample_type,actual_lead,share_a_lower,share_a_upper,question_id,state,race,
/// methodology` (points; `ratio` = the larger share over the smaller, e.g. 58/31 = 1.87;
/// `share_a_lower/upper` = the Wilson interval of candidate A's share; `lead` an exact decimal of
/// the shares; `state` empty for a national poll).
/// Swings table columns: `group,poll_before,poll_after,lead_before,lead_after,swing,se,moe,lower,
/// upper,p_value,break_even_n,basis,candidate_a,candidate_b,end_before,end_after,question_before,
/// question_after,state,race` (`poll_before`/`poll_after` are poll ids; a swing between two
/// questions of one poll has basis `same-respondents` and no interval or test).
public struct PollReport: Sendable {
    /// How the report is built: the selection's and the analysis's options.
    public struct Options: Sendable {
        /// Filters, candidates and questions.
        public var selection = PollSelection.Options()
        /// Designs, groups and pairs.
        public var analysis = PollAnalysis.Options()

        /// The defaults: leader − runner-up, one question per poll, groups by race, pollster and
        /// population, consecutive pairs, 95%.
        public init() {}
    }

    /// The polls table's columns, in order.
    public static let pollColumns = [
        "poll_id", "pollster", "population", "start_date", "end_date", "sample_size", "n_eff", "candidate_a",
        "candidate_b", "share_a", "share_b", "lead", "se", "moe", "lower", "upper", "p_value", "basis",
        "break_even_n", "ratio", "sample_type", "actual_lead", "share_a_lower", "share_a_upper",
        "question_id", "state", "race", "methodology",
    ]
    /// The swings table's columns, in order.
    public static let swingColumns = [
        "group", "poll_before", "poll_after", "lead_before", "lead_after", "swing", "se", "moe", "lower", "upper",
        "p_value", "break_even_n", "basis", "candidate_a", "candidate_b", "end_before", "end_after",
        "question_before", "question_after", "state", "race",
    ]

    /// The typed rows.
    public let analysis: PollAnalysis
    /// The selection behind them.
    public let selection: PollSelection
    /// The confidence level.
    public let confidence: ConfidenceLevel
    /// The polls table.
    public let polls: ReportTable
    /// The swings table.
    public let swings: ReportTable
    /// Sentences for people about the polls (caveats, ratios).
    public private(set) var pollNotes: [String] = []
    /// Sentences for people about the swings.
    public private(set) var swingNotes: [String] = []
    /// Per-group summary for people.
    public private(set) var groups = ReportTable(columns: [
        "race", "group", "polls", "first_end", "last_end", "first_lead",
        "last_lead", "net_swing",
    ])
    /// A line describing what the leads are.
    public let title: String
    /// What the selection left out and how the file was read, one line each. Text and Markdown
    /// carry them among ``pollNotes``; `pollcmp` prints them on stderr for CSV, TSV and JSON.
    public let selectionNotes: [String]
    /// Why no poll at all was selected, one line, or nil when at least one was.
    public let emptySelection: String?

    /// Builds the report.
    ///
    /// - Throws: ``PollCompareError`` for an unknown group-by field, `before-after` without a
    ///   date, or a design that cannot be (population below the sample, say), naming the poll.
    /// - Complexity: O(questions·candidates + questions·log questions + swings).
    public init(_ table: PollTable, options: Options) throws(PollCompareError) {
        try self.init(
            SelectedPolls(table: table, selection: PollSelection(table, options: options.selection)), options: options)
    }

    /// Builds the report of the questions a ``PollFileReader`` selected while reading a file
    /// (with `options.selection`).
    ///
    /// - Throws: as the initialiser from a whole table.
    /// - Complexity: O(selected questions·candidates + selected questions·log + swings).
    public init(_ selected: SelectedPolls, options given: Options) throws(PollCompareError) {
        let table = selected.table
        var options = given
        options.analysis.a = given.selection.a
        options.analysis.b = given.selection.b
        let selection = selected.selection
        let analysis = try PollAnalysis(table, selection: selection, options: options.analysis)
        self.selection = selection
        self.analysis = analysis
        let conf = options.analysis.confidence
        confidence = conf
        let a = options.selection.a, b = options.selection.b
        title =
            a != nil || b != nil
            ? "Leads are \(a ?? "the leader") − \(b ?? "the runner-up"), in percentage points."
            : "Leads are each poll's leader − runner-up, in percentage points."
        selectionNotes = selection.notes + analysis.notes
        emptySelection = selection.emptyReason
        pollNotes = selectionNotes

        let leads = analysis.leads
        polls = ReportTable(columns: Self.pollColumns, count: leads.count) { k in Self.pollRow(table, leads[k]) }
        if leads.count <= 20 {
            for lead in leads { pollNotes += Self.sentences(table, lead) }
        }
        let swingRows = analysis.swings, groupList = analysis.groups
        swings = ReportTable(columns: Self.swingColumns, count: swingRows.count) { k in
            Self.swingRow(table, swingRows[k], groupList[swingRows[k].group])
        }
        for group in groupList {
            guard let f = group.members.first, let l = group.members.last else { continue }
            let first = Percent.difference(table.share[f.a], table.share[f.b])
            let last = Percent.difference(table.share[l.a], table.share[l.b])
            groups.append([
                .text(group.race), .text(group.name), .number(Double(group.members.count)),
                .text(table.endDate[f.question]?.description ?? ""),
                .text(table.endDate[l.question]?.description ?? ""),
                .number(first), .number(last), .number(ExactDecimal.difference(last, first)),
            ])
        }
        if swingRows.count <= 20 {
            swingNotes = swingRows.map { Self.swingSentence(table, $0, conf) }
        }
    }

    /// One row of the polls table.
    static func pollRow(_ t: PollTable, _ lead: PollLead) -> [ReportCell] {
        let q = lead.question
        let i = lead.interval
        let e = lead.estimate
        return [
            .text(t.pollID[q]), .text(t.pollster[q]), .text(t.population[q]),
            .text(t.startDate[q]?.description ?? ""), .text(t.endDate[q]?.description ?? ""),
            .optional(e.sampleSize), .optional(i == nil ? nil : e.effectiveSampleSize),
            .text(t.candidate[lead.a]), .text(t.candidate[lead.b]),
            .number(Percent.echo(e.shareA)), .number(Percent.echo(e.shareB)), .number(lead.leadPoints),
            .optional(i.map { $0.standardError * 100 }), .optional(i.map { $0.marginOfError * 100 }),
            .optional(i.map { $0.lower * 100 }), .optional(i.map { $0.upper * 100 }),
            .optional(i?.pValue.flatMap { $0.isNaN ? nil : $0 }), .text(lead.basis.rawValue),
            .optional(lead.breakEvenSampleSize), .optional(Self.ratio(e.shareA, e.shareB)),
            .text(e.sampleType.rawValue),
            // The actual result's lead is first − second candidate as filed; orient it as A − B.
            .optional(
                t.actualLead[q].isNaN
                    ? nil
                    : (lead.a == t.candidateRange[q].lowerBound ? 1 : -1) * t.actualLead[q]),
            .optional(lead.shareAInterval.map { $0.lower * 100 }),
            .optional(lead.shareAInterval.map { $0.upper * 100 }),
            .text(t.questionID[q]), .text(t.state[q]), .text(t.race[q]), .text(t.methodology[q]),
        ]
    }

    /// One row of the swings table.
    static func swingRow(_ t: PollTable, _ s: PollSwing, _ group: PollAnalysis.Group) -> [ReportCell] {
        let (x, y) = (s.before, s.after)
        let (xa, xb) = s.beforeCandidates, (ya, yb) = s.afterCandidates
        let e = s.estimate
        let known = s.allowsInterval
        let interval = known ? e.interval : nil
        func names(_ p: Int, _ q: Int) -> String {
            t.candidate[p] == t.candidate[q] ? t.candidate[p] : t.candidate[p] + "/" + t.candidate[q]
        }
        return [
            .text(group.name), .text(t.pollID[x]), .text(t.pollID[y]),
            .number(Percent.difference(e.before.shareA, e.before.shareB)),
            .number(Percent.difference(e.after.shareA, e.after.shareB)), .number(s.swingPoints),
            .optional(known ? e.standardError.map { $0 * 100 } : nil),
            .optional(known ? e.marginOfError.map { $0 * 100 } : nil),
            .optional(interval.map { $0.lower * 100 }), .optional(interval.map { $0.upper * 100 }),
            .optional(known ? e.pValue : nil), .optional(s.breakEvenSampleSize), .text(s.basis.rawValue),
            .text(names(xa, ya)), .text(names(xb, yb)),
            .text(t.endDate[x]?.description ?? ""), .text(t.endDate[y]?.description ?? ""),
            .text(t.questionID[x]), .text(t.questionID[y]),
            .text(t.state[x] == t.state[y] ? t.state[x] : ""), .text(group.race),
        ]
    }

    /// The larger share over the smaller (nil when the smaller is 0).
    static func ratio(_ x: Double, _ y: Double) -> Double? {
        let (hi, lo) = x >= y ? (x, y) : (y, x)
        return lo > 0 ? hi / lo : nil
    }

    // MARK: - Sentences

    static func label(_ t: PollTable, _ p: Int) -> String {
        var parts: [String] = []
        if !t.pollster[p].isEmpty { parts.append(t.pollster[p]) }
        if let end = t.endDate[p] { parts.append(end.description) }
        return parts.isEmpty ? "poll \(t.pollID[p])" : "poll \(t.pollID[p]) (\(parts.joined(separator: ", ")))"
    }

    /// `label` with a capital first letter, to start a sentence.
    static func capitalizedLabel(_ t: PollTable, _ p: Int) -> String {
        let l = label(t, p)
        return l.prefix(1).uppercased() + l.dropFirst()
    }

    static func sentences(_ t: PollTable, _ lead: PollLead) -> [String] {
        var out: [String] = []
        let p = lead.question, a = lead.a, b = lead.b
        let leaderIsA = t.share[a] >= t.share[b]
        let (hi, lo) = leaderIsA ? (a, b) : (b, a)
        if t.share[lo] > 0 && t.share[hi] / t.share[lo] >= 1.5 {
            let ratio = t.share[hi] / t.share[lo]
            var s =
                "In \(label(t, p)), \(t.candidate[hi])'s \(NumberText.fixed(t.share[hi] * 100, digits: 1)) to \(t.candidate[lo])'s \(NumberText.fixed(t.share[lo] * 100, digits: 1)) is a ratio of \(NumberText.fixed(ratio, digits: 2)) to 1"
            if ratio >= 1.8 && ratio < 2 { s += " (\"nearly 2 to 1\")" }
            out.append(s + ".")
        }
        switch lead.estimate.sampleType {
        case .straw:
            out.append(
                "\(capitalizedLabel(t, p)) is a straw poll: its respondents chose to attend and vote, so it has no margin of sampling error; it describes those present, not the population."
            )
        case .optIn:
            out.append(
                "\(capitalizedLabel(t, p)) is an opt-in poll: however many answered, they chose themselves, so it has no margin of sampling error and its size cannot correct who took part."
            )
        case .probability:
            break
        }
        if lead.basis == .assumesRandomSample {
            out.append("Its interval assumes a random sample, which it is not.")
        }
        return out
    }

    static func swingSentence(_ t: PollTable, _ swing: PollSwing, _ conf: ConfidenceLevel) -> String {
        let level = conf.percentText + "%"
        let e = swing.estimate
        let (x, y) = (swing.before, swing.after)
        func points(_ v: Double) -> String { NumberText.fixed(v, digits: 1, signed: true) }
        var s =
            "From \(label(t, x)) to \(label(t, y)) the lead moved from \(points(Percent.difference(e.before.shareA, e.before.shareB))) to \(points(Percent.difference(e.after.shareA, e.after.shareB))): a swing of \(points(swing.swingPoints)) points."
        switch swing.basis {
        case .sameRespondents:
            s +=
                " Both are questions of one poll, asked of the same respondents: the difference is not a change between two samples, so it has no margin of error."
        case .notRandomSample:
            s += " At least one of the two polls is not a random sample, so no margin of sampling error applies."
        case .unknownSampleSize:
            s += " Without both sample sizes it has no margin of error."
        case .sampling, .assumesRandomSample, .totalError:
            if let moe = e.marginOfError {
                s +=
                    abs(e.swing) > moe
                    ? " It is larger than its margin of error (±\(NumberText.fixed(moe * 100, digits: 1)) at \(level))."
                    : " It is within its margin of error (±\(NumberText.fixed(moe * 100, digits: 1)) at \(level)): sampling error alone could explain it."
            }
        }
        // A larger sample would settle only a question between random samples: never for a straw
        // or opt-in poll, nor for two questions of one poll.
        if swing.basis == .unknownSampleSize, let breakEven = swing.breakEvenSampleSize {
            s +=
                " Between two random samples a swing this size would be significant at \(level) with at least \(NumberText.roundTrip(breakEven)) respondents in each (the break-even n)."
        }
        return s
    }

    // MARK: - Rendering

    /// Text or Markdown for people: the title, the polls, notes, swings, notes and group summary.
    public func document(markdown: Bool, digits: Int) -> String {
        func table(_ t: ReportTable, _ columns: [String]) -> String {
            let projected = Self.project(t, columns)
            return markdown
                ? ReportFormat.markdown.render(projected, digits: digits)
                : ReportFormat.text.render(projected, digits: digits)
        }
        let pollView = [
            "poll_id", "pollster", "end_date", "sample_size", "candidate_a", "candidate_b", "share_a", "share_b",
            "lead", "moe", "ratio", "basis",
        ]
        let swingView = [
            "race", "group", "poll_before", "poll_after", "lead_before", "lead_after", "swing", "moe", "p_value",
            "break_even_n", "basis",
        ]
        var out = markdown ? "## Polls\n\n" : ""
        out += title + "\n\n" + table(polls, pollView)
        if !pollNotes.isEmpty {
            out += "\n" + pollNotes.map { (markdown ? "- " : "") + $0 }.joined(separator: "\n") + "\n"
        }
        out += markdown ? "\n## Swings\n\n" : "\nSwings:\n"
        out += swings.rows.isEmpty ? "(no group has two polls)\n" : table(swings, swingView)
        if !swingNotes.isEmpty {
            out += "\n" + swingNotes.map { (markdown ? "- " : "") + $0 }.joined(separator: "\n") + "\n"
        }
        out += markdown ? "\n## Groups\n\n" : "\nGroups:\n"
        out += table(groups, groups.columns)
        return out
    }

    /// The columns `columns` of `t`, in that order.
    static func project(_ t: ReportTable, _ columns: [String]) -> ReportTable {
        let index = columns.map { c in t.columns.firstIndex(of: c)! }
        var out = ReportTable(columns: columns)
        for row in t.rows { out.append(index.map { row[$0] }) }
        return out
    }
}
