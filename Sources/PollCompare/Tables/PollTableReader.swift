/// Reads a poll file, record by record, into a ``PollTable`` (see ``PollFileLayout`` for the
/// layouts). Feed it the records of a ``CSVParser`` and call ``finish()``; only the columns the
/// report needs are kept.
///
/// Errors carry the line and column: a header of no known layout or without a required column,
/// ragged rows, a pct that is not a number, negative or above 100, an unknown date format, a bad
/// sample size, design effect or sample type, an empty file, a header without rows, the same
/// candidate twice in one poll, and (tidy layout) shares summing above 100 beyond the rounding
/// slack. FiveThirtyEight's files are read as published: a question whose shares sum above 100 is
/// kept and noted in ``PollTable``-independent ``notes`` (their data has a handful), and
/// ranked-choice reallocations are left out (the first-choice question remains).
public struct PollTableReader {
    public private(set) var layout: PollFileLayout?
    /// Remarks on quirks of the input that were handled, one line each.
    public private(set) var notes: [String] = []

    private var columns: [String: Int] = [:]
    private var headerCount = 0
    private var table = PollTable()
    private var pollIndex: [String: Int32] = [:]
    // Candidate rows before grouping by poll.
    private var rowPoll: [Int32] = []
    private var rowCandidate = StringColumn()
    private var rowParty = StringColumn()
    private var rowShare: [Double] = []
    private var rowLine: [Int32] = []
    private var rowCandidateColumn: [Int32] = []
    private var rowPctColumn: [Int32] = []
    private var skippedReallocated = 0

    public init() {}

    /// Takes one record (the first is the header).
    ///
    /// - Throws: ``CSVError`` for the problems listed on the type.
    public mutating func consume(_ record: CSVRecord) throws {
        guard let layout else {
            try readHeader(record)
            return
        }
        guard record.count == headerCount else {
            let column = record.count > headerCount ? record.position(headerCount).column : record.position(record.count - 1).column
            throw CSVError(position: TextPosition(line: record.line, column: column),
                           message: "row has \(record.count) fields, the header has \(headerCount)")
        }
        switch layout {
        case .tidy: try readTidy(record)
        case .fiveThirtyEightPolls: try readFiveThirtyEight(record)
        case .fiveThirtyEightRawPolls: try readRaw(record)
        }
    }

    /// The table, with candidates grouped by poll.
    ///
    /// - Throws: ``CSVError`` for an empty file, a header without rows, a candidate twice in a
    ///   poll, or (tidy) shares summing above 100 beyond the slack.
    public mutating func finish() throws -> PollTable {
        guard layout != nil else { throw CSVError(position: TextPosition(line: 1, column: 1), message: "empty file") }
        guard !rowShare.isEmpty else {
            throw CSVError(position: TextPosition(line: 2, column: 1), message: "a header but no rows")
        }
        if skippedReallocated > 0 {
            notes.append("\(skippedReallocated) ranked-choice reallocated rows left out (the first-choice question of each poll is kept)")
        }
        // Group candidate rows by poll (counting sort, stable).
        let polls = table.count
        var counts = [Int](repeating: 0, count: polls + 1)
        for p in rowPoll { counts[Int(p) + 1] += 1 }
        for i in 0..<polls { counts[i + 1] += counts[i] }
        var order = [Int](repeating: 0, count: rowPoll.count)
        var next = counts
        for (r, p) in rowPoll.enumerated() {
            order[next[Int(p)]] = r
            next[Int(p)] += 1
        }
        table.candidateRange = (0..<polls).map { counts[$0]..<counts[$0 + 1] }
        table.share.reserveCapacity(rowShare.count)
        var overTotal = 0
        var firstOver: (String, Int, Double)?
        for p in 0..<polls {
            var seen = Set<Int32>()
            var sum = 0.0
            for k in table.candidateRange[p] {
                let r = order[k]
                let code = rowCandidate.codes[r]
                if !seen.insert(code).inserted {
                    throw CSVError(position: TextPosition(line: Int(rowLine[r]), column: Int(rowCandidateColumn[r])),
                                   message: "candidate \"\(rowCandidate[r])\" appears twice in poll \"\(table.pollID[p])\"")
                }
                table.candidate.append(rowCandidate[r])
                table.party.append(rowParty[r])
                table.share.append(rowShare[r])
                sum += rowShare[r]
            }
            if sum > 1 + Shares.roundingSlack {
                if layout == .tidy {
                    let first = order[table.candidateRange[p].lowerBound]
                    throw CSVError(position: TextPosition(line: Int(rowLine[first]), column: Int(rowPctColumn[first])),
                                   message: "shares of poll \"\(table.pollID[p])\" sum to \(NumberText.roundTrip(Percent.echo(sum))), above 100 by more than the rounding slack of 0.5")
                }
                overTotal += 1
                if firstOver == nil { firstOver = (table.pollID[p], table.line[p], sum) }
            }
        }
        if let (id, line, sum) = firstOver {
            notes.append("\(overTotal) question(s) have shares summing above 100.5 (first: \(id) at line \(line), \(NumberText.roundTrip(Percent.echo(sum)))); their leads are reported as published")
        }
        return table
    }

    // MARK: - Header

    private mutating func readHeader(_ record: CSVRecord) throws {
        var names: [String] = []
        for i in 0..<record.count { names.append(try record.text(i).trimmingSpaces()) }
        guard let detected = PollFileLayout.detect(names) else {
            throw CSVError(position: TextPosition(line: record.line, column: 1),
                           message: "the header is not a poll file layout (need poll_id, candidate and pct, or a FiveThirtyEight file)")
        }
        for (i, name) in names.enumerated() where columns[name] == nil { columns[name] = i }
        headerCount = names.count
        layout = detected
        if detected == .tidy {
            let missing = PollFileLayout.tidyRequired.filter { columns[$0] == nil }
            guard missing.isEmpty else {
                throw CSVError(position: TextPosition(line: record.line, column: 1),
                               message: "missing required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))")
            }
        }
    }

    // MARK: - Fields

    private func text(_ r: CSVRecord, _ name: String) throws -> String {
        guard let i = columns[name] else { return "" }
        return try r.text(i).trimmingSpaces()
    }

    private func percent(_ r: CSVRecord, _ name: String) throws -> Double {
        let i = columns[name]!
        let raw = try r.text(i).trimmingSpaces()
        guard let value = Double(raw), value.isFinite else {
            throw CSVError(position: r.position(i), message: "\(name) \"\(raw)\" is not a number")
        }
        guard value >= 0 else { throw CSVError(position: r.position(i), message: "\(name) \(raw) is negative") }
        guard value <= 100 else { throw CSVError(position: r.position(i), message: "\(name) \(raw) is above 100") }
        return value / 100
    }

    private func optionalNumber(_ r: CSVRecord, _ name: String, positive: Bool = true) throws -> Double {
        guard let i = columns[name] else { return .nan }
        let raw = try r.text(i).trimmingSpaces()
        if raw.isEmpty { return .nan }
        guard let value = Double(raw), value.isFinite, !positive || value > 0 else {
            throw CSVError(position: r.position(i), message: "\(name) \"\(raw)\" is not a positive number")
        }
        return value
    }

    private func date(_ r: CSVRecord, _ name: String) throws -> PollDate? {
        guard let i = columns[name] else { return nil }
        let raw = try r.text(i).trimmingSpaces()
        if raw.isEmpty { return nil }
        guard let d = PollDate(raw) else {
            throw CSVError(position: r.position(i), message: "\(name) \"\(raw)\" is not a date (use YYYY-MM-DD or M/D/YY)")
        }
        return d
    }

    /// The poll's index, adding the poll (with `fill` for its fields) on first sight.
    private mutating func poll(_ id: String, line: Int, fill: (inout PollTable) throws -> Void) throws -> Int32 {
        if let p = pollIndex[id] { return p }
        let p = Int32(table.count)
        pollIndex[id] = p
        table.pollID.append(id)
        table.line.append(line)
        try fill(&table)
        return p
    }

    /// Adds a candidate row; `at` holds the record and the column indices of its name and share
    /// cells (for error positions).
    private mutating func addCandidate(_ p: Int32, _ name: String, _ party: String, _ share: Double,
                                       at r: CSVRecord, _ nameIndex: Int?, _ shareIndex: Int) {
        rowPoll.append(p)
        rowCandidate.append(name)
        rowParty.append(party)
        rowShare.append(share)
        rowLine.append(Int32(clamping: r.line))
        rowCandidateColumn.append(Int32(clamping: nameIndex.map { r.position($0).column } ?? 1))
        rowPctColumn.append(Int32(clamping: r.position(shareIndex).column))
    }

    // MARK: - Layouts

    private mutating func readTidy(_ r: CSVRecord) throws {
        let id = try text(r, "poll_id")
        guard !id.isEmpty else { throw CSVError(position: r.position(columns["poll_id"]!), message: "poll_id is empty") }
        let candidate = try text(r, "candidate")
        guard !candidate.isEmpty else {
            throw CSVError(position: r.position(columns["candidate"]!), message: "candidate is empty")
        }
        let share = try percent(r, "pct")
        let pollster = try text(r, "pollster"), sponsor = try text(r, "sponsor")
        let population = try text(r, "population"), mode = try text(r, "mode")
        let typeText = try text(r, "sample_type")
        guard let type = typeText.isEmpty ? SampleType.probability : SampleType(rawValue: typeText) else {
            throw CSVError(position: r.position(columns["sample_type"]!),
                           message: "sample_type \"\(typeText)\" is not probability, opt-in or straw")
        }
        let start = try date(r, "start_date"), end = try date(r, "end_date")
        let n = try optionalNumber(r, "sample_size"), deff = try optionalNumber(r, "deff")
        let size = try optionalNumber(r, "population_size")
        let p = try poll(id, line: r.line) { t in
            t.pollster.append(pollster); t.sponsor.append(sponsor); t.population.append(population)
            t.mode.append(mode); t.sampleType.append(type); t.startDate.append(start); t.endDate.append(end)
            t.sampleSize.append(n); t.designEffect.append(deff); t.populationSize.append(size); t.actualLead.append(.nan)
        }
        addCandidate(p, candidate, try text(r, "party"), share, at: r, columns["candidate"], columns["pct"]!)
    }

    private mutating func readFiveThirtyEight(_ r: CSVRecord) throws {
        if try text(r, "ranked_choice_reallocated").lowercased() == "true" {
            skippedReallocated += 1
            return
        }
        let id = try text(r, "question_id")
        let share = try percent(r, "pct")
        let start = try date(r, "start_date"), end = try date(r, "end_date")
        let n = try optionalNumber(r, "sample_size")
        let pollster = try text(r, "pollster"), population = try text(r, "population")
        let sponsor = try text(r, "sponsors"), mode = try text(r, "methodology")
        let p = try poll(id, line: r.line) { t in
            t.pollster.append(pollster); t.sponsor.append(sponsor); t.population.append(population)
            t.mode.append(mode); t.sampleType.append(.probability); t.startDate.append(start); t.endDate.append(end)
            t.sampleSize.append(n); t.designEffect.append(.nan); t.populationSize.append(.nan); t.actualLead.append(.nan)
        }
        let party = columns["candidate_party"] != nil ? try text(r, "candidate_party") : try text(r, "party")
        addCandidate(p, try text(r, "answer"), party, share, at: r, columns["answer"], columns["pct"]!)
    }

    private mutating func readRaw(_ r: CSVRecord) throws {
        let id = columns["question_id"] != nil ? try text(r, "question_id") : try text(r, "poll_id")
        let a = try percent(r, "cand1_pct"), b = try percent(r, "cand2_pct")
        let day = try date(r, "polldate")
        let n = try optionalNumber(r, "samplesize")
        let actual = try optionalNumber(r, "margin_actual", positive: false) / 100
        let pollster = try text(r, "pollster"), race = try text(r, "race"), mode = try text(r, "methodology")
        let p = try poll(id, line: r.line) { t in
            t.pollster.append(pollster); t.sponsor.append(""); t.population.append(race)
            t.mode.append(mode); t.sampleType.append(.probability); t.startDate.append(day); t.endDate.append(day)
            t.sampleSize.append(n); t.designEffect.append(.nan); t.populationSize.append(.nan); t.actualLead.append(actual)
        }
        var name1 = try text(r, "cand1_name"), name2 = try text(r, "cand2_name")
        let party1 = try text(r, "cand1_party"), party2 = try text(r, "cand2_party")
        if name1.isEmpty { name1 = "cand1" }
        if name2.isEmpty { name2 = "cand2" }
        if name1 == name2 {
            // Generic-ballot questions name both sides "Generic Candidate": tell them apart by party.
            name1 += " (\(party1.isEmpty ? "1" : party1))"
            name2 += " (\(party2.isEmpty ? "2" : party2))"
        }
        addCandidate(p, name1, party1, a, at: r, columns["cand1_name"], columns["cand1_pct"]!)
        addCandidate(p, name2, party2, b, at: r, columns["cand2_name"], columns["cand2_pct"]!)
    }
}
