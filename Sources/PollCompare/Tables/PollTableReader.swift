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
    // FiveThirtyEight's files: the values of repeating fields remembered by their bytes, and the
    // last row's question (its rows are usually consecutive: no id is decoded or hashed for them).
    private var memos = FiveThirtyEightMemos()
    private var lastID: [UInt8] = []
    private var lastIDQuoted = false
    private var lastPoll: Int32 = -1

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
        pollIndex = [:]
        memos = FiveThirtyEightMemos()
        // Group candidate rows by poll (counting sort, stable). Polls are numbered in order of
        // first appearance, so when every poll's rows are consecutive (as in FiveThirtyEight's
        // files) the rows are grouped already and are taken over as they are.
        let polls = table.count
        var counts = [Int](repeating: 0, count: polls + 1)
        for p in rowPoll { counts[Int(p) + 1] += 1 }
        for i in 0..<polls { counts[i + 1] += counts[i] }
        var grouped = true
        for k in rowPoll.indices.dropFirst() where rowPoll[k] < rowPoll[k - 1] {
            grouped = false
            break
        }
        var order: [Int] = []
        if !grouped {
            order = [Int](repeating: 0, count: rowPoll.count)
            var next = counts
            for (r, p) in rowPoll.enumerated() {
                order[next[Int(p)]] = r
                next[Int(p)] += 1
            }
        }
        rowPoll = []
        table.candidateRange = (0..<polls).map { counts[$0]..<counts[$0 + 1] }
        counts = []
        if !grouped { table.share.reserveCapacity(rowShare.count) }
        var overTotal = 0
        var firstOver: (String, Int, Double)?
        // The last poll each distinct candidate name was seen in: a repeat within a poll is
        // found in O(1), so one poll with many rows stays linear.
        var seenIn = [Int32](repeating: -1, count: rowCandidate.values.count)
        for p in 0..<polls {
            var sum = 0.0
            let range = table.candidateRange[p]
            for k in range {
                let r = grouped ? k : order[k]
                let code = Int(rowCandidate.codes[r])
                if seenIn[code] == Int32(p) {
                    throw CSVError(position: TextPosition(line: Int(rowLine[r]), column: Int(rowCandidateColumn[r])),
                                   message: "candidate \"\(rowCandidate[r])\" appears twice in poll \"\(table.pollID[p])\"")
                }
                seenIn[code] = Int32(p)
                if !grouped {
                    table.candidate.append(rowCandidate[r])
                    table.party.append(rowParty[r])
                    table.fullName.append(rowFullName[r])
                    table.share.append(rowShare[r])
                }
                sum += rowShare[r]
            }
            if sum > 1 + Shares.roundingSlack {
                if layout == .tidy {
                    let first = grouped ? table.candidateRange[p].lowerBound : order[table.candidateRange[p].lowerBound]
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
        if grouped {
            table.candidate = rowCandidate; table.party = rowParty; table.fullName = rowFullName; table.share = rowShare
        }
        // The row-order columns are no longer needed: free them before the report is built.
        rowCandidate = StringColumn(); rowParty = StringColumn(); rowFullName = StringColumn(); rowShare = []
        rowLine = []; rowCandidateColumn = []; rowPctColumn = []; lastID = []
        table.layout = layout
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
        memos = FiveThirtyEightMemos()
        memos.columns = FiveThirtyEightColumns(map)
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
        var n = Double.nan, deff = Double.nan, size = Double.nan, actual = Double.nan, published = Double.nan
        var raceID = "", typeSimple = "", year = "", location = ""
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
        table.actualLead.append(f.actual); table.publishedLead.append(f.published)
        table.raceID.append(f.raceID); table.typeSimple.append(f.typeSimple); table.year.append(f.year)
        table.location.append(f.location)
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

    /// ``addCandidate(_:_:_:_:at:_:_:fullName:)`` with the names as codes of the row columns.
    private mutating func addCandidate(_ p: Int32, name: Int32, party: Int32, fullName: Int32, _ share: Double,
                                       at r: CSVRecord) {
        rowPoll.append(p)
        rowCandidate.append(code: name)
        rowParty.append(code: party)
        rowFullName.append(code: fullName)
        rowShare.append(share)
        rowLine.append(Int32(clamping: r.line))
        rowCandidateColumn.append(Int32(clamping: r.position(nameColumn).column))
        rowPctColumn.append(Int32(clamping: r.position(shareColumn).column))
    }

    /// The code in `column` of field `i`'s trimmed text ("" without the column), found through
    /// `memo` when its bytes were seen before.
    private static func code(_ r: CSVRecord, _ i: Int?, _ memo: inout FieldMemo<Int32>,
                             _ column: inout StringColumn) throws -> Int32 {
        guard let i else { return column.code(of: "") }
        if let code = memo.find(r, i) { return code }
        let code = column.code(of: try r.text(i).trimmingSpaces())
        memo.insert(code, r, i)
        return code
    }

    /// Field `i`'s trimmed text ("" without the column), through `memo`.
    private static func text(_ r: CSVRecord, _ i: Int?, _ memo: inout FieldMemo<String>) throws -> String {
        guard let i else { return "" }
        if let text = memo.find(r, i) { return text }
        let text = try r.text(i).trimmingSpaces()
        memo.insert(text, r, i)
        return text
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
            f.actual = try reader.optionalNumber(r, "actual_lead", positive: false)
            f.raceID = f.race
            f.typeSimple = try reader.text(r, "type_simple"); f.year = try reader.text(r, "year")
            f.location = try reader.text(r, "location")
            return f
        }
        addCandidate(p, candidate, try fields.text(r, "party"), share, at: r, nameColumn, shareColumn)
    }

    private mutating func readFiveThirtyEight(_ r: CSVRecord) throws {
        if let i = reallocatedColumn, r.equals(i, "true") {
            skippedReallocated += 1
            return
        }
        let (idBytes, idQuoted) = r.raw(idColumn)
        let p: Int32
        let share: Double
        if lastPoll >= 0 && idQuoted == lastIDQuoted && idBytes.elementsEqual(lastID) {
            // The same question as the row before (whose id decoded without error).
            share = try fields.percent(r, at: shareColumn, name: "pct")
            p = lastPoll
        } else {
            let id = try r.text(idColumn).trimmingSpaces()
            share = try fields.percent(r, at: shareColumn, name: "pct")
            if let known = pollIndex[id] { p = known } else { p = try addFiveThirtyEightQuestion(id, r) }
            lastID.removeAll(keepingCapacity: true)
            lastID.append(contentsOf: idBytes)
            lastIDQuoted = idQuoted
            lastPoll = p
        }
        let party = try Self.code(r, partyColumn, &memos.party, &rowParty)
        let name = try Self.code(r, nameColumn, &memos.answer, &rowCandidate)
        // The full name where the file gives one (-1 in the memo: empty), else the name.
        var fullName: Int32 = -1
        if let i = memos.columns.candidateName {
            if let known = memos.fullName.find(r, i) {
                fullName = known
            } else {
                let text = try r.text(i).trimmingSpaces()
                if !text.isEmpty { fullName = rowFullName.code(of: text) }
                memos.fullName.insert(fullName, r, i)
            }
        }
        if fullName < 0 { fullName = rowFullName.code(of: rowCandidate.values[Int(name)]) }
        addCandidate(p, name: name, party: party, fullName: fullName, share, at: r)
    }

    /// Adds the question `id` from its first row (the fields a question shares with all its rows).
    private mutating func addFiveThirtyEightQuestion(_ id: String, _ r: CSVRecord) throws -> Int32 {
        let c = memos.columns
        func date(_ i: Int?, _ memo: inout FieldMemo<PollDate?>, _ name: String) throws -> PollDate? {
            guard let i else { return nil }
            if let d = memo.find(r, i) { return d }
            let d = try fields.date(r, name)
            memo.insert(d, r, i)
            return d
        }
        let start = try date(c.startDate, &memos.startDate, "start_date")
        let end = try date(c.endDate, &memos.endDate, "end_date")
        var n = Double.nan
        if let i = c.sampleSize {
            if let known = memos.sampleSize.find(r, i) {
                n = known
            } else {
                n = try fields.optionalNumber(r, "sample_size")
                memos.sampleSize.insert(n, r, i)
            }
        }
        let pollster = try Self.code(r, c.pollster, &memos.pollster, &table.pollster)
        let sponsor = try Self.code(r, c.sponsors, &memos.sponsors, &table.sponsor)
        let population = try Self.code(r, c.population, &memos.population, &table.population)
        let mode = try Self.code(r, c.methodology, &memos.mode, &table.mode)
        let methodology = try Self.code(r, c.methodology, &memos.methodology, &table.methodology)
        let pollID = try Self.text(r, c.pollID, &memos.pollID)
        let state = try Self.code(r, c.state, &memos.state, &table.state)
        let parts = RaceParts(cycle: try Self.text(r, c.cycle, &memos.cycle),
                              office: try Self.text(r, c.officeType, &memos.officeType),
                              state: table.state.values[Int(state)],
                              stage: try Self.text(r, c.stage, &memos.stage),
                              seat: try Self.text(r, c.seatName, &memos.seatName))
        let race: Int32
        if let known = memos.races[parts] {
            race = known
        } else {
            race = table.race.code(of: RaceLabel.fiveThirtyEight(cycle: parts.cycle, office: parts.office, state: parts.state,
                                                                 stage: parts.stage, seat: parts.seat))
            memos.races[parts] = race
        }
        let internalPoll = try Self.code(r, c.internalPoll, &memos.internalPoll, &table.internalPoll)
        let partisan = try Self.code(r, c.partisan, &memos.partisan, &table.partisan)
        let tracking = try Self.code(r, c.tracking, &memos.tracking, &table.tracking)

        let p = Int32(table.count)
        pollIndex[id] = p
        table.pollID.append(pollID.isEmpty ? id : pollID)
        table.questionID.append(id)
        table.state.append(code: state); table.race.append(code: race); table.methodology.append(code: methodology)
        table.internalPoll.append(code: internalPoll); table.partisan.append(code: partisan)
        table.tracking.append(code: tracking)
        table.line.append(r.line)
        table.pollster.append(code: pollster); table.sponsor.append(code: sponsor)
        table.population.append(code: population); table.mode.append(code: mode)
        table.sampleType.append(.probability); table.startDate.append(start); table.endDate.append(end)
        table.sampleSize.append(n); table.designEffect.append(.nan); table.populationSize.append(.nan)
        table.actualLead.append(.nan); table.publishedLead.append(.nan)
        table.raceID.append(table.race.values[Int(race)]); table.typeSimple.append(""); table.year.append(parts.cycle)
        table.location.append("")
        return p
    }

    private mutating func readRaw(_ r: CSVRecord) throws {
        let id = columns["question_id"] != nil ? try fields.text(r, "question_id") : try fields.text(r, "poll_id")
        // A share left empty leaves its candidate out: the poll then has no lead, and the
        // selection's notes say so.
        let a = try fields.text(r, "cand1_pct").isEmpty ? Double.nan : try fields.percent(r, "cand1_pct")
        let b = try fields.text(r, "cand2_pct").isEmpty ? Double.nan : try fields.percent(r, "cand2_pct")
        let day = try fields.date(r, "polldate")
        let n = try fields.optionalNumber(r, "samplesize")
        let actual = try fields.optionalNumber(r, "margin_actual", positive: false)
        let published = try fields.optionalNumber(r, "margin_poll", positive: false)
        let raceID = try fields.text(r, "race_id"), typeSimple = try fields.text(r, "type_simple")
        let year = try fields.text(r, "year")
        let pollster = try fields.text(r, "pollster"), race = try fields.text(r, "race"), mode = try fields.text(r, "methodology")
        let pollID = try fields.text(r, "poll_id")
        let location = try fields.text(r, "location")
        let partisan = try fields.text(r, "partisan")
        let p = try poll(id, line: r.line) {
            var f = PollFields()
            f.pollster = pollster; f.population = race; f.mode = mode; f.methodology = mode
            f.start = day; f.end = day; f.n = n; f.actual = actual; f.published = published
            f.raceID = raceID.isEmpty ? race : raceID; f.typeSimple = typeSimple; f.year = year; f.location = location
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
        if !a.isNaN { addCandidate(p, name1, party1, a, at: r, columns["cand1_name"], columns["cand1_pct"]!) }
        if !b.isNaN { addCandidate(p, name2, party2, b, at: r, columns["cand2_name"], columns["cand2_pct"]!) }
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

/// The column indices of a FiveThirtyEight polls file's fields (nil where a column is absent).
private struct FiveThirtyEightColumns {
    var startDate: Int?, endDate: Int?, sampleSize: Int?, pollster: Int?, sponsors: Int?, population: Int?
    var methodology: Int?, pollID: Int?, state: Int?, cycle: Int?, officeType: Int?, stage: Int?, seatName: Int?
    var internalPoll: Int?, partisan: Int?, tracking: Int?, candidateName: Int?

    init() {}

    init(_ c: [String: Int]) {
        startDate = c["start_date"]; endDate = c["end_date"]; sampleSize = c["sample_size"]
        pollster = c["pollster"]; sponsors = c["sponsors"]; population = c["population"]
        methodology = c["methodology"]; pollID = c["poll_id"]; state = c["state"]; cycle = c["cycle"]
        officeType = c["office_type"]; stage = c["stage"]; seatName = c["seat_name"]
        internalPoll = c["internal"]; partisan = c["partisan"]; tracking = c["tracking"]
        candidateName = c["candidate_name"]
    }
}

/// The parts of a FiveThirtyEight race label.
private struct RaceParts: Hashable {
    var cycle: String, office: String, state: String, stage: String, seat: String
}

/// The ``FieldMemo``s of a FiveThirtyEight polls file: codes of the table's string columns,
/// dates, sample sizes and texts, each remembered by its field's bytes.
private struct FiveThirtyEightMemos {
    var columns = FiveThirtyEightColumns()
    var pollster = FieldMemo<Int32>(), sponsors = FieldMemo<Int32>(), population = FieldMemo<Int32>()
    var mode = FieldMemo<Int32>(), methodology = FieldMemo<Int32>(), state = FieldMemo<Int32>()
    var internalPoll = FieldMemo<Int32>(), partisan = FieldMemo<Int32>(), tracking = FieldMemo<Int32>()
    var party = FieldMemo<Int32>(), answer = FieldMemo<Int32>(), fullName = FieldMemo<Int32>()
    var startDate = FieldMemo<PollDate?>(), endDate = FieldMemo<PollDate?>()
    var sampleSize = FieldMemo<Double>()
    var pollID = FieldMemo<String>(), cycle = FieldMemo<String>(), officeType = FieldMemo<String>()
    var stage = FieldMemo<String>(), seatName = FieldMemo<String>()
    var races: [RaceParts: Int32] = [:]
}
