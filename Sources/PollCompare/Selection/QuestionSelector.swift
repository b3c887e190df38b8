/// The selection of ``PollSelection``, one question at a time: each question is considered once,
/// with all its candidate rows, and the selector says at once whether it may still be chosen, so
/// a reader can drop every other question as soon as it has read it (``PollTableReader``) and
/// keep per poll and race only the question that is the best so far.
///
/// The choice does not depend on the order in which questions are considered: the best question
/// of a poll and race is the greatest by ``PollSelection``'s order, ties (possible only between
/// question ids such as `1` and `01`) going to the question that comes first in the file. The
/// notes and counts are those of the whole file.
///
/// - Complexity: ``consider(_:_:ordinal:)`` is O(the question's candidates) amortised (names are
///   matched against `--a`/`--b` once per distinct name); memory is O(questions kept + distinct
///   names + polls and races with an eligible question).
struct QuestionSelector {
    /// What the reader may do with a question it has just had considered.
    enum Verdict: Equatable {
        /// Nothing of the question is needed any more.
        case drop
        /// Keep the question.
        case keep
        /// Keep the question; the kept question at this index is no longer needed.
        case keepReplacing(Int)
    }

    private let options: PollSelection.Options
    private var matchA: CachedMatch?, matchB: CachedMatch?
    private var matchedA = false, matchedB = false
    private var total = 0, filtered = 0, lacking = 0, single = 0, otherQuestion = 0
    private var firstSingle: (ordinal: Int, poll: String, line: Int)?
    private var methodologyNamed = false
    /// The eligible questions kept: with one question per poll and race, the best of each so far.
    private var entries: [Entry] = []
    private var best: [PollRace: Int] = [:]
    /// Per candidate and party code, where its first row is: (ordinal << 32) | row of the question.
    private var firstCandidate: [Int64] = [], firstParty: [Int64] = []

    /// An eligible question: its index where it is kept, its place in the file, its candidates A
    /// and B (offsets into its candidate rows) and how many of `--a`/`--b` matched by name.
    private struct Entry {
        var question: Int
        var ordinal: Int
        var a: Int, b: Int
        var byName: Int
    }

    private struct PollRace: Hashable {
        let poll: String
        let race: String
    }

    init(options: PollSelection.Options) {
        self.options = options
        matchA = options.a.map { CachedMatch(CandidateMatch($0)) }
        matchB = options.b.map { CachedMatch(CandidateMatch($0)) }
    }

    /// Considers question `q` of `t` (with all its candidate rows), the `ordinal`-th question of
    /// the file (counting from 0, in order of first appearance).
    mutating func consider(_ t: PollTable, _ q: Int, ordinal: Int) -> Verdict {
        total += 1
        if !methodologyNamed && !t.methodology[q].isEmpty { methodologyNamed = true }
        let range = t.candidateRange[q]
        for k in range {
            let key = Int64(ordinal) << 32 | Int64(k - range.lowerBound)
            Self.firstSeen(&firstCandidate, Int(t.candidate.code(at: k)), key)
            Self.firstSeen(&firstParty, Int(t.party.code(at: k)), key)
            if !matchedA, matchA?.kind(t, k) != nil { matchedA = true }
            if !matchedB, matchB?.kind(t, k) != nil { matchedB = true }
        }
        guard options.filter.accepts(t, q) else { filtered += 1; return .drop }
        if range.count < 2 {
            single += 1
            if firstSingle.map({ ordinal < $0.ordinal }) ?? true { firstSingle = (ordinal, t.pollID[q], t.line[q]) }
            return .drop
        }
        guard let pick = pick(t, q) else { lacking += 1; return .drop }
        let entry = Entry(
            question: q, ordinal: ordinal, a: pick.a - range.lowerBound, b: pick.b - range.lowerBound,
            byName: pick.byName)
        if options.questions == .all {
            entries.append(entry)
            return .keep
        }
        let key = PollRace(poll: t.pollID[q], race: t.race[q])
        guard let j = best[key] else {
            best[key] = entries.count
            entries.append(entry)
            return .keep
        }
        otherQuestion += 1
        let old = entries[j]
        let wins =
            Self.better(t, entry, than: old, options)
            || (!Self.better(t, old, than: entry, options) && entry.ordinal < old.ordinal)
        guard wins else { return .drop }
        entries[j] = entry
        return .keepReplacing(old.question)
    }

    /// Follows kept questions to their new indices after the reader moved them (`moved[i]` is the
    /// new index of the question at `i`).
    mutating func renumber(_ moved: [Int]) {
        for i in entries.indices { entries[i].question = moved[entries[i].question] }
    }

    /// The selection, once every question of the file was considered: `index(i)` is where the
    /// question kept at `i` of `seen` (the table the questions were considered in) is in `t`, the
    /// table the report reads.
    func selection(_ t: PollTable, seen: PollTable, index: (Int) -> Int) -> PollSelection {
        let chosen = entries.sorted { $0.ordinal < $1.ordinal }.map { e -> PollSelection.Choice in
            let q = index(e.question)
            let start = t.candidateRange[q].lowerBound
            return PollSelection.Choice(question: q, a: start + e.a, b: start + e.b)
        }
        let o = options
        var lines: [String] = []
        if filtered > 0 { lines.append("\(filtered) question(s) outside the filters (\(o.filter.summary)).") }
        if let first = firstSingle {
            lines.append(
                "\(single) question(s) have one candidate, so no lead (first: poll \(first.poll) at line \(first.line))."
            )
        }
        if lacking > 0 {
            lines.append(
                "\(lacking) question(s) left out: they do not have both \(o.a ?? "a leader") and \(o.b ?? "a runner-up")."
            )
        }
        if otherQuestion > 0 {
            let ballot = o.ballot == .headToHead ? "head-to-head first" : "full ballot first"
            lines.append(
                "\(otherQuestion) question(s) set aside: another question of the same poll and race was used (population order \(o.populationOrder.joined(separator: ", ")), then \(ballot)); --questions all keeps them."
            )
        }
        // `--a`/`--b` keys that match no candidate row of the file at all.
        let unmatched = [("--a", matchA, matchedA), ("--b", matchB, matchedB)].compactMap {
            flag, match, matched -> String? in
            guard let match, !matched else { return nil }
            return "\(flag) \"\(match.match.key)\" matches no candidate or party in any poll\(knownNames(seen))"
        }
        lines += unmatched.map { $0 + "." }
        var emptyReason: String?
        if chosen.isEmpty {
            if let first = unmatched.first {
                emptyReason = first + "; no poll selected"
            } else if filtered == total {
                emptyReason = "no question passes the filters (\(o.filter.summary)); no poll selected"
            } else if o.a == nil && o.b == nil {
                emptyReason =
                    "no poll has two candidates, so there is no lead to report; expected at least two candidates in a poll"
            } else {
                emptyReason =
                    "no poll has both \(o.a ?? "a leader") and \(o.b ?? "a runner-up") as different candidates; no poll selected"
            }
        }
        return PollSelection(
            choices: chosen, notes: lines, emptyReason: emptyReason, methodologyNamed: methodologyNamed)
    }

    // MARK: - Choosing

    /// The two candidates of question `q`: those `--a` and `--b` match, or the leader and
    /// runner-up (one of them named, the other the best remaining); `byName` counts keys matched
    /// by name. The leader is the greatest share, ties going to the earlier row.
    private mutating func pick(_ t: PollTable, _ q: Int) -> (a: Int, b: Int, byName: Int)? {
        let range = t.candidateRange[q]
        func best(excluding x: Int?) -> Int? {
            var top: Int?
            for k in range where k != x {
                if let m = top, !(t.share[m] < t.share[k]) { continue }
                top = k
            }
            return top
        }
        func named(_ kind: CandidateMatch.Kind) -> Int { kind == .name ? 1 : 0 }
        switch (matchA != nil, matchB != nil) {
        case (false, false):
            guard let first = best(excluding: nil), let second = best(excluding: first) else { return nil }
            return (first, second, 0)
        case (true, false):
            guard let x = matchA!.first(t, q), let y = best(excluding: x.index) else { return nil }
            return (x.index, y, named(x.kind))
        case (false, true):
            guard let y = matchB!.first(t, q), let x = best(excluding: y.index) else { return nil }
            return (x, y.index, named(y.kind))
        case (true, true):
            guard let x = matchA!.first(t, q), let y = matchB!.first(t, q), x.index != y.index else { return nil }
            return (x.index, y.index, named(x.kind) + named(y.kind))
        }
    }

    /// Whether `x` is preferred to `y` (two questions of one poll and race): the first population
    /// in the order, then the ballot, then matches by name, then the lower `question_id`.
    private static func better(_ t: PollTable, _ x: Entry, than y: Entry, _ o: PollSelection.Options) -> Bool {
        let qx = x.question, qy = y.question
        func rank(_ q: Int) -> Int {
            o.populationOrder.firstIndex(of: t.population[q].lowercased()) ?? o.populationOrder.count
        }
        if rank(qx) != rank(qy) { return rank(qx) < rank(qy) }
        let cx = t.candidateRange[qx].count, cy = t.candidateRange[qy].count
        if cx != cy { return o.ballot == .headToHead ? cx < cy : cx > cy }
        if x.byName != y.byName { return x.byName > y.byName }
        return PollSelection.questionOrder(t.questionID[qx], t.questionID[qy])
    }

    // MARK: - Names for messages

    private static func firstSeen(_ keys: inout [Int64], _ code: Int, _ key: Int64) {
        if code >= keys.count { keys.append(contentsOf: repeatElement(Int64.max, count: code + 1 - keys.count)) }
        if key < keys[code] { keys[code] = key }
    }

    /// " (candidates: A, B, …; parties: X, Y)" for messages: at most eight names of each, in order
    /// of first appearance in the file (poll by poll).
    private func knownNames(_ t: PollTable) -> String {
        func list(_ keys: [Int64], _ column: StringColumn) -> String {
            let shown = keys.indices.filter { keys[$0] != Int64.max }.sorted { keys[$0] < keys[$1] }
                .map { column.values[$0] }.filter { !$0.isEmpty }
            return shown.prefix(8).joined(separator: ", ") + (shown.count > 8 ? ", …" : "")
        }
        let parties = list(firstParty, t.party)
        return " (candidates: \(list(firstCandidate, t.candidate))\(parties.isEmpty ? "" : "; parties: \(parties)"))"
    }
}

/// A ``CandidateMatch`` that remembers its answer for each distinct party and name (by their codes
/// in a table's string columns), so a file of a million rows matches each name once.
struct CachedMatch {
    let match: CandidateMatch
    /// Per code: -1 not yet known, 0 no, 1 yes.
    private var party: [Int8] = [], candidate: [Int8] = [], fullName: [Int8] = []

    init(_ match: CandidateMatch) {
        self.match = match
    }

    private static func known(
        _ cache: inout [Int8], _ code: Int32, _ column: StringColumn, _ test: (String) -> Bool
    ) -> Bool {
        let c = Int(code)
        if c >= cache.count {
            cache.append(contentsOf: repeatElement(-1, count: max(c + 1, column.values.count) - cache.count))
        }
        if cache[c] < 0 { cache[c] = test(column.values[c]) ? 1 : 0 }
        return cache[c] == 1
    }

    /// As ``CandidateMatch/match(_:_:)``.
    mutating func kind(_ t: PollTable, _ k: Int) -> CandidateMatch.Kind? {
        let m = match
        if Self.known(&party, t.party.code(at: k), t.party, { m.matches(party: $0) }) { return .party }
        if Self.known(&candidate, t.candidate.code(at: k), t.candidate, { m.matches(name: $0) }) { return .name }
        if Self.known(&fullName, t.fullName.code(at: k), t.fullName, { m.matches(name: $0) }) { return .name }
        return nil
    }

    /// As ``CandidateMatch/find(_:_:byParty:)`` without a preference: the first candidate of
    /// question `q` that matches.
    mutating func first(_ t: PollTable, _ q: Int) -> (index: Int, kind: CandidateMatch.Kind)? {
        for k in t.candidateRange[q] {
            if let kind = kind(t, k) { return (k, kind) }
        }
        return nil
    }
}
