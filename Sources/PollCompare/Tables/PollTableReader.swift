/// Reads a poll file, record by record, into a ``PollTable`` (see ``PollFileLayout`` for the
/// layouts). Feed it the records of a ``CSVParser`` and call ``finish()``; only the columns the
/// report needs are kept.
///
/// Errors carry the line and column: a header of no known layout or without a required column,
/// ragged rows, a pct that is not a number, negative or above 100, an unknown date format, a bad
/// sample size, design effect or sample type, a population size below the sample size (tidy),
/// an empty file, a header without rows, the same candidate twice in one poll, and (tidy layout)
/// shares summing above 100 beyond the rounding slack. FiveThirtyEight's files are read as published: a question whose shares sum above 100 is
/// kept and noted in ``PollTable``-independent ``notes`` (their data has a handful), and
/// ranked-choice reallocations are left out (the first-choice question remains).
public struct PollTableReader {
    public private(set) var layout: PollFileLayout?
    /// Remarks on quirks of the input that were handled, one line each.
    public private(set) var notes: [String] = []

    private var columns: [String: Int] = [:]
    private var fields = FieldReader(columns: [:])
    private var headerCount = 0
    private var table = PollTable()
    private var pollIndex: [String: Int32] = [:]
    // Candidate rows before grouping by poll.
    private var rowPoll: [Int32] = []
    private var rowCandidate = StringColumn()
    private var rowParty = StringColumn()
    private var rowFullName = StringColumn()
    private var rowShare: [Double] = []
    private var rowLine: [Int32] = []
    private var rowCandidateColumn: [Int32] = []
    private var rowPctColumn: [Int32] = []
    private var skippedReallocated = 0
    private var reallocatedColumn: Int?
    private var partyColumn = 0
    // Column indices of the fields read on every row.
    private var idColumn = 0
    private var nameColumn = 0
    private var shareColumn = 0

    /// A reader waiting for the header record.
    public init() {}

    /// Takes one record (the first is the header).
    ///
    /// - Throws: ``CSVError`` for the problems listed on the type.
    /// - Complexity: O(fields of the record), amortised (hash lookups for the poll id and names).
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
    /// - Complexity: O(rows + polls + distinct candidate names): a counting sort by poll.
    public mutating func finish() throws -> PollTable {
        guard layout != nil else { throw CSVError(position: TextPosition(line: 1, column: 1), message: "empty file") }
        guard !rowShare.isEmpty, table.count > 0 else {
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
        // The last poll each distinct candidate name was seen in: a repeat within a poll is
        // found in O(1), so one poll with many rows stays linear.
        var seenIn = [Int32](repeating: -1, count: rowCandidate.values.count)
        for p in 0..<polls {
            var sum = 0.0
            let range = table.candidateRange[p]
            for k in range {
                let r = order[k]
                let code = Int(rowCandidate.codes[r])
                if seenIn[code] == Int32(p) {
                    throw CSVError(position: TextPosition(line: Int(rowLine[r]), column: Int(rowCandidateColumn[r])),
                                   message: "candidate \"\(rowCandidate[r])\" appears twice in poll \"\(table.pollID[p])\"")
                }
                seenIn[code] = Int32(p)
                table.candidate.append(rowCandidate[r])
                table.party.append(rowParty[r])
                table.fullName.append(rowFullName[r])
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
        // The row-order columns are no longer needed: free them before the report is built.
        rowPoll = []; rowCandidate = StringColumn(); rowParty = StringColumn(); rowFullName = StringColumn(); rowShare = []
        rowLine = []; rowCandidateColumn = []; rowPctColumn = []; pollIndex = [:]
        let result = table
        table = PollTable()
        return result
    }

    // MARK: - Header

    private mutating func readHeader(_ record: CSVRecord) throws {
        var names: [String] = []
        for i in 0..<record.count { names.append(try record.text(i).trimmingSpaces()) }
        guard let detected = PollFileLayout.detect(names) else {
            throw CSVError(position: TextPosition(line: record.line, column: 1),
                           message: "the header is not a poll file layout (need poll_id, candidate and pct, or a FiveThirtyEight file)")
        }
        // The map is built locally and stored once: a copy per column would make a wide header
        // quadratic.
        var map: [String: Int] = [:]
        map.reserveCapacity(names.count)
        for (i, name) in names.enumerated() where map[name] == nil { map[name] = i }
        columns = map
        fields = FieldReader(columns: map)
        headerCount = names.count
        layout = detected
        reallocatedColumn = columns["ranked_choice_reallocated"]
        partyColumn = columns["candidate_party"] ?? columns["party"] ?? columns["answer"] ?? 0
        idColumn = columns[detected == .fiveThirtyEightPolls ? "question_id" : "poll_id"] ?? 0
        nameColumn = columns[detected == .fiveThirtyEightPolls ? "answer" : "candidate"] ?? 0
        shareColumn = columns["pct"] ?? 0
        if detected == .tidy {
            let missing = PollFileLayout.tidyRequired.filter { columns[$0] == nil }
            guard missing.isEmpty else {
                throw CSVError(position: TextPosition(line: record.line, column: 1),
                               message: "missing required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))")
            }
        }
    }

    /// A poll's own fields, read once from its first row.
    private struct PollFields {
        var pollster = "", sponsor = "", population = "", mode = ""
        var poll = "", question = "", state = "", race = "", methodology = ""
        var internalPoll = "", partisan = "", tracking = ""
        var type = SampleType.probability
        var start: PollDate?, end: PollDate?
        var n = Double.nan, deff = Double.nan, size = Double.nan, actual = Double.nan
    }

    /// The index of poll `id`, adding it with the fields `read` returns on first sight.
    private mutating func poll(_ id: String, line: Int, read: () throws -> PollFields) throws -> Int32 {
        if let p = pollIndex[id] { return p }
        let f = try read()
        let p = Int32(table.count)
        pollIndex[id] = p
        table.pollID.append(f.poll.isEmpty ? id : f.poll)
        table.questionID.append(f.question.isEmpty ? id : f.question)
        table.state.append(f.state); table.race.append(f.race); table.methodology.append(f.methodology)
        table.internalPoll.append(f.internalPoll); table.partisan.append(f.partisan); table.tracking.append(f.tracking)
        table.line.append(line)
        table.pollster.append(f.pollster); table.sponsor.append(f.sponsor)
        table.population.append(f.population); table.mode.append(f.mode)
        table.sampleType.append(f.type); table.startDate.append(f.start); table.endDate.append(f.end)
        table.sampleSize.append(f.n); table.designEffect.append(f.deff); table.populationSize.append(f.size)
        table.actualLead.append(f.actual)
        return p
    }

    /// Adds a candidate row; `at` holds the record and the column indices of its name and share
    /// cells (for error positions).
    private mutating func addCandidate(_ p: Int32, _ name: String, _ party: String, _ share: Double,
                                       at r: CSVRecord, _ nameIndex: Int?, _ shareIndex: Int, fullName: String = "") {
        rowPoll.append(p)
        rowCandidate.append(name)
        rowParty.append(party)
        rowFullName.append(fullName.isEmpty ? name : fullName)
        rowShare.append(share)
        rowLine.append(Int32(clamping: r.line))
        rowCandidateColumn.append(Int32(clamping: nameIndex.map { r.position($0).column } ?? 1))
        rowPctColumn.append(Int32(clamping: r.position(shareIndex).column))
    }

    // MARK: - Layouts

    private mutating func readTidy(_ r: CSVRecord) throws {
        let pollID = try r.text(idColumn).trimmingSpaces()
        guard !pollID.isEmpty else { throw CSVError(position: r.position(idColumn), message: "poll_id is empty") }
        // With a question_id column, each question of a poll is an entry of its own.
        let question = try fields.text(r, "question_id")
        let id = question.isEmpty ? pollID : pollID + "\u{1F}" + question
        let candidate = try r.text(nameColumn).trimmingSpaces()
        guard !candidate.isEmpty else {
            throw CSVError(position: r.position(nameColumn), message: "candidate is empty")
        }
        let share = try fields.percent(r, at: shareColumn, name: "pct")
        let reader = fields
        let p = try poll(id, line: r.line) {
            var f = PollFields()
            let typeText = try reader.text(r, "sample_type")
            guard let type = typeText.isEmpty ? SampleType.probability : SampleType(rawValue: typeText) else {
                throw CSVError(position: r.position(reader.columns["sample_type"]!),
                               message: "sample_type \"\(typeText)\" is not probability, opt-in or straw")
            }
            f.type = type
            f.start = try reader.date(r, "start_date"); f.end = try reader.date(r, "end_date")
            f.n = try reader.optionalNumber(r, "sample_size"); f.deff = try reader.optionalNumber(r, "deff")
            f.size = try reader.optionalNumber(r, "population_size")
            // The finite population correction needs N ≥ n (and N > 1): say so where N is written.
            if !f.size.isNaN && !f.n.isNaN && (f.size < f.n || f.size <= 1), let i = reader.columns["population_size"] {
                let raw = try r.text(i).trimmingSpaces()
                throw CSVError(position: r.position(i),
                               message: "population_size \(raw) is smaller than sample_size \(NumberText.roundTrip(f.n)); expected at least the sample size (and more than 1)")
            }
            f.pollster = try reader.text(r, "pollster"); f.sponsor = try reader.text(r, "sponsor")
            f.population = try reader.text(r, "population"); f.mode = try reader.text(r, "mode")
            f.poll = pollID; f.question = question.isEmpty ? pollID : question
            f.state = try reader.text(r, "state")
            let race = try reader.text(r, "race")
            f.race = race.isEmpty ? f.state : race
            f.methodology = try reader.text(r, "methodology")
            f.internalPoll = try reader.text(r, "internal"); f.partisan = try reader.text(r, "partisan")
            f.tracking = try reader.text(r, "tracking")
            return f
        }
        addCandidate(p, candidate, try fields.text(r, "party"), share, at: r, nameColumn, shareColumn)
    }

    private mutating func readFiveThirtyEight(_ r: CSVRecord) throws {
        if let i = reallocatedColumn, r.equals(i, "true") {
            skippedReallocated += 1
            return
        }
        let id = try r.text(idColumn).trimmingSpaces()
        let share = try fields.percent(r, at: shareColumn, name: "pct")
        // The poll's own fields are read once, from its first row.
        let reader = fields
        let p = try poll(id, line: r.line) {
            var f = PollFields()
            f.start = try reader.date(r, "start_date"); f.end = try reader.date(r, "end_date")
            f.n = try reader.optionalNumber(r, "sample_size")
            f.pollster = try reader.text(r, "pollster"); f.sponsor = try reader.text(r, "sponsors")
            f.population = try reader.text(r, "population"); f.mode = try reader.text(r, "methodology")
            f.methodology = f.mode
            f.poll = try reader.text(r, "poll_id"); f.question = id
            f.state = try reader.text(r, "state")
            f.race = RaceLabel.fiveThirtyEight(cycle: try reader.text(r, "cycle"), office: try reader.text(r, "office_type"),
                                               state: f.state, stage: try reader.text(r, "stage"),
                                               seat: try reader.text(r, "seat_name"))
            f.internalPoll = try reader.text(r, "internal"); f.partisan = try reader.text(r, "partisan")
            f.tracking = try reader.text(r, "tracking")
            return f
        }
        let party = try r.text(partyColumn).trimmingSpaces()
        addCandidate(p, try r.text(nameColumn).trimmingSpaces(), party, share, at: r, nameColumn, shareColumn,
                     fullName: try fields.text(r, "candidate_name"))
    }

    private mutating func readRaw(_ r: CSVRecord) throws {
        let id = columns["question_id"] != nil ? try fields.text(r, "question_id") : try fields.text(r, "poll_id")
        let a = try fields.percent(r, "cand1_pct"), b = try fields.percent(r, "cand2_pct")
        let day = try fields.date(r, "polldate")
        let n = try fields.optionalNumber(r, "samplesize")
        let actual = try fields.optionalNumber(r, "margin_actual", positive: false) / 100
        let pollster = try fields.text(r, "pollster"), race = try fields.text(r, "race"), mode = try fields.text(r, "methodology")
        let pollID = try fields.text(r, "poll_id")
        let location = try fields.text(r, "location")
        let partisan = try fields.text(r, "partisan")
        let p = try poll(id, line: r.line) {
            var f = PollFields()
            f.pollster = pollster; f.population = race; f.mode = mode; f.methodology = mode
            f.start = day; f.end = day; f.n = n; f.actual = actual
            f.poll = pollID; f.question = id; f.race = race; f.partisan = partisan
            f.state = location == "US" ? "" : location
            return f
        }
        var name1 = try fields.text(r, "cand1_name"), name2 = try fields.text(r, "cand2_name")
        let party1 = try fields.text(r, "cand1_party"), party2 = try fields.text(r, "cand2_party")
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

/// Reads named fields of a record through the header's column map (kept apart from the reader,
/// so closures that read fields do not hold the reader's growing arrays).
private struct FieldReader {
    let columns: [String: Int]


    func text(_ r: CSVRecord, _ name: String) throws -> String {
        guard let i = columns[name] else { return "" }
        return try r.text(i).trimmingSpaces()
    }

    func percent(_ r: CSVRecord, _ name: String) throws -> Double {
        try percent(r, at: columns[name]!, name: name)
    }

    func percent(_ r: CSVRecord, at i: Int, name: String) throws -> Double {
        // The common case without allocating; anything else goes through the checks below.
        if let value = r.number(i), value >= 0, value <= 100 { return value / 100 }
        let raw = try r.text(i).trimmingSpaces()
        guard let value = Double(raw), value.isFinite else {
            throw CSVError(position: r.position(i), message: "\(name) \"\(raw)\" is not a number")
        }
        guard value >= 0 else { throw CSVError(position: r.position(i), message: "\(name) \(raw) is negative") }
        guard value <= 100 else { throw CSVError(position: r.position(i), message: "\(name) \(raw) is above 100") }
        return value / 100
    }

    func optionalNumber(_ r: CSVRecord, _ name: String, positive: Bool = true) throws -> Double {
        guard let i = columns[name] else { return .nan }
        let raw = try r.text(i).trimmingSpaces()
        if raw.isEmpty { return .nan }
        guard let value = Double(raw), value.isFinite, !positive || value > 0 else {
            throw CSVError(position: r.position(i), message: "\(name) \"\(raw)\" is not a positive number")
        }
        return value
    }

    func date(_ r: CSVRecord, _ name: String) throws -> PollDate? {
        guard let i = columns[name] else { return nil }
        let raw = try r.text(i).trimmingSpaces()
        if raw.isEmpty { return nil }
        guard let d = PollDate(raw) else {
            throw CSVError(position: r.position(i), message: "\(name) \"\(raw)\" is not a date (use YYYY-MM-DD or M/D/YY)")
        }
        return d
    }
}
