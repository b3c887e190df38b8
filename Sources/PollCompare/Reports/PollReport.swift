/// `pollcmp report`: leads for every poll of a ``PollTable`` and swings between polls within
/// groups, as tables (CSV, TSV, JSON) and as text or Markdown for people.
///
/// Polls table columns (stable API): `poll_id,pollster,population,start_date,end_date,
/// sample_size,n_eff,candidate_a,candidate_b,share_a,share_b,lead,se,moe,lower,upper,p_value,basis,
/// break_even_n,ratio,sample_type,actual_lead,share_a_lower,share_a_upper` (points; `ratio` = the
/// larger share over the smaller, e.g. 58/31 = 1.87; `share_a_lower/upper` = the Wilson interval
/// of candidate A's share).
/// Swings table columns: `group,poll_before,poll_after,lead_before,lead_after,swing,se,moe,lower,
/// upper,p_value,break_even_n,basis,candidate_a,candidate_b,end_before,end_after`.
///
/// Leads, intervals and swings are computed over whole columns with ``PollColumns`` (Wald, the
/// multinomial variance of ``LeadEstimate``; swings as ``SwingEstimate`` for independent polls).
public struct PollReport: Sendable {
    /// Which pairs of polls within a group get a swing.
    public enum Pairs: String, CaseIterable, Sendable {
        /// Each poll and the next one in time.
        case consecutive
        /// The first and the last poll of each group.
        case firstLast = "first-last"
        /// Every earlier–later pair.
        case all
    }

    /// How the report is built.
    public struct Options: Sendable {
        /// Candidate A by name or party (case-insensitive); nil: the leader of each poll.
        public var a: String?
        /// Candidate B by name or party; nil: the runner-up.
        public var b: String?
        /// Fields that define a group for swings (see ``PollTable/groupFields``).
        public var groupBy: [String] = ["pollster", "population"]
        /// Which pairs of polls get a swing.
        public var pairs: Pairs = .consecutive
        /// The confidence level of every interval.
        public var confidence: ConfidenceLevel = .ninetyFive
        /// Compute intervals for straw and opt-in polls anyway.
        public var assumeRandomSample = false
        /// A sample size for polls that publish none.
        public var assumeN: Double?

        /// The defaults: leader − runner-up, groups by pollster and population, consecutive pairs, 95%.
        public init() {}
    }

    /// The polls table's columns, in order.
    public static let pollColumns = [
        "poll_id", "pollster", "population", "start_date", "end_date", "sample_size", "n_eff", "candidate_a",
        "candidate_b", "share_a", "share_b", "lead", "se", "moe", "lower", "upper", "p_value", "basis",
        "break_even_n", "ratio", "sample_type", "actual_lead", "share_a_lower", "share_a_upper",
    ]
    /// The swings table's columns, in order.
    public static let swingColumns = [
        "group", "poll_before", "poll_after", "lead_before", "lead_after", "swing", "se", "moe", "lower", "upper",
        "p_value", "break_even_n", "basis", "candidate_a", "candidate_b", "end_before", "end_after",
    ]

    public private(set) var polls = ReportTable(columns: pollColumns)
    public private(set) var swings = ReportTable(columns: swingColumns)
    /// Sentences for people about the polls (caveats, ratios).
    public private(set) var pollNotes: [String] = []
    /// Sentences for people about the swings.
    public private(set) var swingNotes: [String] = []
    /// Per-group summary for people.
    public private(set) var groups = ReportTable(columns: ["group", "polls", "first_end", "last_end", "first_lead", "last_lead", "net_swing"])
    /// A line describing what the leads are.
    public private(set) var title = ""
    /// What the selection left out and why, one line each (polls with one candidate, polls
    /// without both `--a` and `--b`, a name that matches nothing). Text and Markdown carry them
    /// among ``pollNotes``; a program printing CSV, TSV or JSON should show them separately
    /// (`pollcmp` prints them on stderr as notes).
    public private(set) var selectionNotes: [String] = []
    /// Why no poll at all was selected, one line, or nil when at least one was. A report whose
    /// polls table is empty says nothing: `pollcmp` treats this as a data error.
    public private(set) var emptySelection: String?

    /// Builds the report.
    ///
    /// - Throws: ``PollCompareError`` for a design that cannot be (population below the sample,
    ///   say), naming the poll.
    /// - Complexity: O(polls·candidates + swings); the arithmetic in BLAS-backed column passes.
    public init(_ table: PollTable, options given: Options) throws(PollCompareError) {
        var options = given
        options.groupBy = given.groupBy.map { $0.trimmingSpaces() }
        for field in options.groupBy where !PollTable.groupFields.contains(field) {
            throw .invalidCategories("--group-by: unknown field \"\(field)\" (use \(PollTable.groupFields.joined(separator: ", ")))")
        }
        let conf = options.confidence
        // Designs: effective n where an interval may be given, NaN otherwise.
        var nEff = [Double](repeating: .nan, count: table.count)
        var basis = [IntervalBasis](repeating: .unknownSampleSize, count: table.count)
        var size = [Double](repeating: .nan, count: table.count)
        for p in 0..<table.count {
            var n = table.sampleSize[p]
            if n.isNaN, let assumed = options.assumeN { n = assumed }
            size[p] = n
            guard !n.isNaN else {
                // Without a sample size a straw or opt-in poll still has no margin for the more
                // basic reason: it is not a random sample.
                if !table.sampleType[p].isProbabilitySample && !options.assumeRandomSample { basis[p] = .notRandomSample }
                continue
            }
            let deff = table.designEffect[p].isNaN ? 1 : table.designEffect[p]
            let population = table.populationSize[p].isNaN ? nil : table.populationSize[p]
            let design: SampleDesign
            do {
                design = try SampleDesign(sampleSize: n, designEffect: deff, populationSize: population,
                                          sampleType: table.sampleType[p], assumesRandomSample: options.assumeRandomSample)
            } catch {
                throw .invalidCategories("poll \(table.pollID[p]) (line \(table.line[p])): \(error.description)")
            }
            basis[p] = design.basis
            if design.basis.allowsInterval { nEff[p] = design.effectiveSampleSize }
        }
        title = options.a != nil || options.b != nil
            ? "Leads are \(options.a ?? "the leader") − \(options.b ?? "the runner-up"), in percentage points."
            : "Leads are each poll's leader − runner-up, in percentage points."

        // Polls table.
        var chosen: [(poll: Int32, a: Int32, b: Int32)] = []
        var missing = 0
        for p in 0..<table.count {
            if let pair = Self.pick(table, p, options.a, options.b) {
                chosen.append((Int32(p), Int32(pair.0), Int32(pair.1)))
            } else {
                missing += 1
            }
        }
        let leads = PollColumns.leads(shareA: chosen.map { table.share[Int($0.a)] }, shareB: chosen.map { table.share[Int($0.b)] },
                                      effectiveSampleSize: chosen.map { nEff[Int($0.poll)] }, confidence: conf)
        let wilson = PollColumns.shareIntervals(shares: chosen.map { table.share[Int($0.a)] },
                                                effectiveSampleSize: chosen.map { nEff[Int($0.poll)] },
                                                method: .wilson, confidence: conf)
        let zValue = conf.z
        let chosenPolls = chosen, sizes = size, effective = nEff, bases = basis
        polls = ReportTable(columns: Self.pollColumns, count: chosen.count) { k in
            let c = (poll: Int(chosenPolls[k].poll), a: Int(chosenPolls[k].a), b: Int(chosenPolls[k].b))
            let p = c.poll
            let lead = leads.lead[k]
            let se = leads.standardError[k]
            let known = !se.isNaN
            let breakEven: Double? = lead == 0 ? nil
                : Swift.max(1, (zValue * zValue * leads.unitVariance[k] / (lead * lead)).rounded(.up))
            let shareB = table.share[c.b]
            return [
                .text(table.pollID[p]), .text(table.pollster[p]), .text(table.population[p]),
                .text(table.startDate[p]?.description ?? ""), .text(table.endDate[p]?.description ?? ""),
                .optional(sizes[p].isNaN ? nil : sizes[p]), .optional(known ? effective[p] : nil),
                .text(table.candidate[c.a]), .text(table.candidate[c.b]),
                .number(Percent.echo(table.share[c.a])), .number(Percent.echo(shareB)), .number(lead * 100),
                .optional(known ? se * 100 : nil), .optional(known ? zValue * se * 100 : nil),
                .optional(known ? leads.lower[k] * 100 : nil), .optional(known ? leads.upper[k] * 100 : nil),
                .optional(known && !leads.pValue[k].isNaN ? leads.pValue[k] : nil), .text(bases[p].rawValue),
                .optional(breakEven), .optional(Self.ratio(table.share[c.a], shareB)),
                .text(table.sampleType[p].rawValue),
                // The actual result's lead is first − second candidate as filed; orient it as A − B.
                .optional(table.actualLead[p].isNaN ? nil
                          : (c.a == table.candidateRange[p].lowerBound ? 1 : -1) * table.actualLead[p] * 100),
                .optional(known ? wilson.lower[k] * 100 : nil), .optional(known ? wilson.upper[k] * 100 : nil),
            ]
        }
        if missing > 0 {
            let note = "\(missing) poll(s) left out: they do not have both \(options.a ?? "a leader") and \(options.b ?? "a runner-up")."
            pollNotes.append(note)
            selectionNotes = Self.selectionNotes(table, options) + [note]
            if chosen.isEmpty { emptySelection = Self.emptySelectionReason(table, options) }
        }
        if chosen.count <= 20 {
            for c in chosen { pollNotes += Self.sentences(table, Int(c.poll), Int(c.a), Int(c.b), basis[Int(c.poll)]) }
        }

        // Swings within groups.
        var groupOf: [String: Int] = [:]
        var members: [[Int]] = []
        var names: [String] = []
        for p in 0..<table.count {
            let key = options.groupBy.map { table.groupValue($0, p) ?? "" }.joined(separator: " / ")
            if let g = groupOf[key] {
                members[g].append(p)
            } else {
                groupOf[key] = members.count
                members.append([p])
                names.append(key)
            }
        }
        // Each poll's candidates as oriented within its group (−1: not oriented), and the pairs of
        // polls that get a swing, as poll indices.
        var orientedA = [Int32](repeating: -1, count: table.count), orientedB = orientedA
        var pairs: [(before: Int32, after: Int32)] = []
        var pairGroup: [Int32] = []
        for (g, list) in members.enumerated() {
            let ordered = list.sorted { x, y in
                let dx = table.endDate[x]?.day ?? Int.max, dy = table.endDate[y]?.day ?? Int.max
                if dx != dy { return dx < dy }
                let sx = table.startDate[x]?.day ?? Int.max, sy = table.startDate[y]?.day ?? Int.max
                if sx != sy { return sx < sy }
                return x < y
            }
            guard let first = ordered.first, let orientation = Self.orientation(table, first, options) else { continue }
            let oriented = ordered.filter { p in
                guard let a = Self.find(table, p, orientation.a, byParty: orientation.byParty),
                      let b = Self.find(table, p, orientation.b, byParty: orientation.byParty) else { return false }
                orientedA[p] = Int32(a)
                orientedB[p] = Int32(b)
                return true
            }
            if let f = oriented.first, let l = oriented.last {
                let firstLead = table.share[Int(orientedA[f])] - table.share[Int(orientedB[f])]
                let lastLead = table.share[Int(orientedA[l])] - table.share[Int(orientedB[l])]
                groups.append([.text(names[g]), .number(Double(oriented.count)),
                               .text(table.endDate[f]?.description ?? ""), .text(table.endDate[l]?.description ?? ""),
                               .number(firstLead * 100), .number(lastLead * 100), .number((lastLead - firstLead) * 100)])
            }
            guard oriented.count >= 2 else { continue }
            func add(_ i: Int, _ j: Int) {
                pairs.append((Int32(oriented[i]), Int32(oriented[j])))
                pairGroup.append(Int32(g))
            }
            switch options.pairs {
            case .consecutive: for i in 1..<oriented.count { add(i - 1, i) }
            case .firstLast: add(0, oriented.count - 1)
            case .all: for i in 0..<oriented.count { for j in (i + 1)..<oriented.count { add(i, j) } }
            }
        }
        // Group-oriented leads of every poll (NaN where not oriented), then the swings.
        let groupLeads = PollColumns.leads(
            shareA: orientedA.map { $0 < 0 ? .nan : table.share[Int($0)] },
            shareB: orientedB.map { $0 < 0 ? .nan : table.share[Int($0)] },
            effectiveSampleSize: nEff, confidence: conf)
        func gathered(_ later: Bool) -> PollColumns.Leads {
            let index = pairs.map { Int(later ? $0.after : $0.before) }
            return PollColumns.Leads(lead: index.map { groupLeads.lead[$0] },
                                     unitVariance: index.map { groupLeads.unitVariance[$0] },
                                     standardError: [], lower: [], upper: [], zStatistic: [], pValue: [])
        }
        let before = gathered(false), after = gathered(true)
        let s = PollColumns.swings(before: before, after: after,
                                   beforeSampleSize: pairs.map { nEff[Int($0.before)] },
                                   afterSampleSize: pairs.map { nEff[Int($0.after)] }, confidence: conf)
        let pairList = pairs, groupOfPair = pairGroup, groupNames = names, aOf = orientedA, bOf = orientedB
        swings = ReportTable(columns: Self.swingColumns, count: pairs.count) { k in
            let (x, y) = (Int(pairList[k].before), Int(pairList[k].after))
            let (xa, xb, ya, yb) = (Int(aOf[x]), Int(bOf[x]), Int(aOf[y]), Int(bOf[y]))
            let known = !s.standardError[k].isNaN
            return [
                .text(groupNames[Int(groupOfPair[k])]), .text(table.pollID[x]), .text(table.pollID[y]),
                .number(before.lead[k] * 100), .number(after.lead[k] * 100), .number(s.swing[k] * 100),
                .optional(known ? s.standardError[k] * 100 : nil), .optional(known ? zValue * s.standardError[k] * 100 : nil),
                .optional(known ? s.lower[k] * 100 : nil), .optional(known ? s.upper[k] * 100 : nil),
                .optional(known ? s.pValue[k] : nil),
                .optional(s.breakEvenSampleSize[k].isNaN ? nil : s.breakEvenSampleSize[k]),
                .text(IntervalBasis.weaker(bases[x], bases[y]).rawValue),
                .text(table.candidate[xa] == table.candidate[ya] ? table.candidate[xa] : table.candidate[xa] + "/" + table.candidate[ya]),
                .text(table.candidate[xb] == table.candidate[yb] ? table.candidate[xb] : table.candidate[xb] + "/" + table.candidate[yb]),
                .text(table.endDate[x]?.description ?? ""), .text(table.endDate[y]?.description ?? ""),
            ]
        }
        if pairs.count <= 20 {
            for k in 0..<pairs.count {
                let (x, y) = (Int(pairs[k].before), Int(pairs[k].after))
                let known = !s.standardError[k].isNaN
                swingNotes.append(Self.swingSentence(table, x, y, before.lead[k], after.lead[k], s.swing[k],
                                                     known ? conf.z * s.standardError[k] : nil,
                                                     s.breakEvenSampleSize[k], conf, IntervalBasis.weaker(basis[x], basis[y])))
            }
        }
    }

    // MARK: - Choosing candidates

    /// The leader and runner-up of poll p, or the candidates named (by name or party) `a`, `b`.
    static func pick(_ t: PollTable, _ p: Int, _ a: String?, _ b: String?) -> (Int, Int)? {
        let range = t.candidateRange[p]
        guard range.count >= 2 else { return nil }
        if a == nil && b == nil {
            var first = range.lowerBound, second = range.lowerBound + 1
            if t.share[second] > t.share[first] { swap(&first, &second) }
            for k in range.dropFirst(2) {
                if t.share[k] > t.share[first] { second = first; first = k } else if t.share[k] > t.share[second] { second = k }
            }
            return (first, second)
        }
        let ia = a.flatMap { find(t, p, $0, byParty: nil) }
        let ib = b.flatMap { find(t, p, $0, byParty: nil) }
        switch (ia, ib) {
        case let (x?, y?) where x != y: return (x, y)
        case let (x?, nil) where b == nil:
            let rest = range.filter { $0 != x }.max { t.share[$0] < t.share[$1] }
            return rest.map { (x, $0) }
        case let (nil, y?) where a == nil:
            let rest = range.filter { $0 != y }.max { t.share[$0] < t.share[$1] }
            return rest.map { ($0, y) }
        default: return nil
        }
    }

    /// Lines about what the selection cannot use: polls with fewer than two candidates (the
    /// first named with its line), and `--a`/`--b` names that match no candidate or party.
    ///
    /// - Complexity: O(candidate rows).
    static func selectionNotes(_ t: PollTable, _ o: Options) -> [String] {
        var out: [String] = []
        let single = (0..<t.count).filter { t.candidateRange[$0].count < 2 }
        if let first = single.first {
            out.append("\(single.count) poll(s) have one candidate, so no lead (first: poll \(t.pollID[first]) at line \(t.line[first])).")
        }
        for (flag, key) in [("--a", o.a), ("--b", o.b)] {
            guard let key, !matchesAnyPoll(t, key) else { continue }
            out.append("\(flag) \"\(key)\" matches no candidate or party in any poll\(Self.knownNames(t)).")
        }
        return out
    }

    /// One line for a selection that leaves no poll: the most specific reason first.
    static func emptySelectionReason(_ t: PollTable, _ o: Options) -> String {
        for (flag, key) in [("--a", o.a), ("--b", o.b)] {
            guard let key, !matchesAnyPoll(t, key) else { continue }
            return "\(flag) \"\(key)\" matches no candidate or party in any poll\(Self.knownNames(t)); no poll selected"
        }
        if (o.a == nil && o.b == nil) || (0..<t.count).allSatisfy({ t.candidateRange[$0].count < 2 }) {
            return "no poll has two candidates, so there is no lead to report; expected at least two candidates in a poll"
        }
        return "no poll has both \(o.a ?? "a leader") and \(o.b ?? "a runner-up") as different candidates; no poll selected"
    }

    /// Whether `key` is a candidate's name or party in any poll (ignoring case).
    static func matchesAnyPoll(_ t: PollTable, _ key: String) -> Bool {
        let k = key.lowercased()
        return t.candidate.values.contains { $0.lowercased() == k } || t.party.values.contains { $0.lowercased() == k }
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

    /// The candidate of poll p whose name (or party, when `byParty` is true; either when nil)
    /// equals `key`, ignoring case.
    static func find(_ t: PollTable, _ p: Int, _ key: String, byParty: Bool?) -> Int? {
        let k = key.lowercased()
        for i in t.candidateRange[p] where byParty != true && t.candidate[i].lowercased() == k { return i }
        for i in t.candidateRange[p] where byParty != false && t.party[i].lowercased() == k { return i }
        return nil
    }

    /// Who A and B are within a group: the options, or the first poll's leader and runner-up,
    /// identified by party when both have distinct parties (so Biden–Trump and Harris–Trump line up).
    static func orientation(_ t: PollTable, _ first: Int, _ o: Options) -> (a: String, b: String, byParty: Bool?)? {
        if let a = o.a, let b = o.b { return (a, b, nil) }
        guard let (ia, ib) = pick(t, first, o.a, o.b) else { return nil }
        let pa = t.party[ia], pb = t.party[ib]
        if !pa.isEmpty && !pb.isEmpty && pa != pb { return (pa, pb, true) }
        return (t.candidate[ia], t.candidate[ib], false)
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
    static func Label(_ t: PollTable, _ p: Int) -> String {
        let l = label(t, p)
        return l.prefix(1).uppercased() + l.dropFirst()
    }

    static func sentences(_ t: PollTable, _ p: Int, _ a: Int, _ b: Int, _ basis: IntervalBasis) -> [String] {
        var out: [String] = []
        let leaderIsA = t.share[a] >= t.share[b]
        let (hi, lo) = leaderIsA ? (a, b) : (b, a)
        if t.share[lo] > 0 && t.share[hi] / t.share[lo] >= 1.5 {
            let ratio = t.share[hi] / t.share[lo]
            var s = "In \(label(t, p)), \(t.candidate[hi])'s \(NumberText.fixed(t.share[hi] * 100, digits: 1)) to \(t.candidate[lo])'s \(NumberText.fixed(t.share[lo] * 100, digits: 1)) is a ratio of \(NumberText.fixed(ratio, digits: 2)) to 1"
            if ratio >= 1.8 && ratio < 2 { s += " (\"nearly 2 to 1\")" }
            out.append(s + ".")
        }
        switch t.sampleType[p] {
        case .straw:
            out.append("\(Label(t, p)) is a straw poll: its respondents chose to attend and vote, so it has no margin of sampling error; it describes those present, not the population.")
        case .optIn:
            out.append("\(Label(t, p)) is an opt-in poll: however many answered, they chose themselves, so it has no margin of sampling error and its size cannot correct who took part.")
        case .probability:
            break
        }
        if basis == .assumesRandomSample {
            out.append("Its interval assumes a random sample, which it is not.")
        }
        return out
    }

    static func swingSentence(_ t: PollTable, _ x: Int, _ y: Int, _ leadBefore: Double, _ leadAfter: Double, _ swing: Double,
                              _ moe: Double?, _ breakEven: Double, _ conf: ConfidenceLevel, _ basis: IntervalBasis) -> String {
        let level = NumberText.roundTrip(conf.level * 100) + "%"
        var s = "From \(label(t, x)) to \(label(t, y)) the lead moved from \(NumberText.fixed(leadBefore * 100, digits: 1, signed: true)) to \(NumberText.fixed(leadAfter * 100, digits: 1, signed: true)): a swing of \(NumberText.fixed(swing * 100, digits: 1, signed: true)) points."
        if let moe {
            s += abs(swing) > moe
                ? " It is larger than its margin of error (±\(NumberText.fixed(moe * 100, digits: 1)) at \(level))."
                : " It is within its margin of error (±\(NumberText.fixed(moe * 100, digits: 1)) at \(level)): sampling error alone could explain it."
        } else {
            s += basis == .notRandomSample
                ? " At least one of the two polls is not a random sample, so no margin of sampling error applies."
                : " Without both sample sizes it has no margin of error."
            if !breakEven.isNaN {
                s += " Between two random samples a swing this size would be significant at \(level) with at least \(NumberText.roundTrip(breakEven)) respondents in each (the break-even n)."
            }
        }
        return s
    }

    // MARK: - Rendering

    /// Which table the machine formats print.
    public enum Choice: String, CaseIterable, Sendable { case polls, swings }

    /// Text or Markdown for people: the title, the polls, notes, swings, notes and group summary.
    public func document(markdown: Bool, digits: Int) -> String {
        func table(_ t: ReportTable, _ columns: [String]) -> String {
            let projected = Self.project(t, columns)
            return markdown ? ReportFormat.markdown.render(projected, digits: digits) : ReportFormat.text.render(projected, digits: digits)
        }
        let pollView = ["poll_id", "pollster", "end_date", "sample_size", "candidate_a", "candidate_b", "share_a", "share_b",
                        "lead", "moe", "ratio", "basis"]
        let swingView = ["group", "poll_before", "poll_after", "lead_before", "lead_after", "swing", "moe", "p_value",
                         "break_even_n", "basis"]
        var out = markdown ? "## Polls\n\n" : ""
        out += title + "\n\n" + table(polls, pollView)
        if !pollNotes.isEmpty { out += "\n" + pollNotes.map { (markdown ? "- " : "") + $0 }.joined(separator: "\n") + "\n" }
        out += markdown ? "\n## Swings\n\n" : "\nSwings:\n"
        out += swings.rows.isEmpty ? "(no group has two polls)\n" : table(swings, swingView)
        if !swingNotes.isEmpty { out += "\n" + swingNotes.map { (markdown ? "- " : "") + $0 }.joined(separator: "\n") + "\n" }
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
