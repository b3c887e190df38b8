/// Reads a poll file, record by record (see ``PollFileLayout`` for the layouts). Feed it the
/// records of a ``CSVParser`` and call ``finish()`` or ``finishSelecting()``.
///
/// **Streaming.** Rows come question by question (FiveThirtyEight's files, and tidy files as
/// people write them, keep a question's rows together): a question is *closed* when the next one
/// starts. Closing checks it (the same candidate twice, shares above 100) and, when the reader
/// selects (``init(selecting:holding:)``), hands it to the selection (`QuestionSelector`), which
/// keeps per poll and race only the best question so far: everything else of it is dropped at
/// once, so memory grows with the polls kept, not with the rows read (plus, per question id, a
/// bit or eight bytes in `QuestionFingerprints`, to notice a question whose rows come back later).
///
/// **Questions split across the file.** A question whose rows are not together is found when
/// its id comes back; with ``Holding/none`` the reader then reports it
/// (``Outcome/splitQuestions(_:)``) and the caller reads the file again holding those questions
/// (``Holding/questions(_:)``): their rows are kept until the end of the file and closed there,
/// in their place in file order. Standard input cannot be read twice: read it with
/// ``Holding/all``. Either way the result is the one of the whole table.
///
/// Errors carry the line and column: a header of no known layout or without a required column,
/// ragged rows, a pct that is not a number, negative or above 100, an unknown date format, a bad
/// sample size, design effect or sample type, a population size below the sample size (tidy),
/// an empty file, a header without rows, the same candidate twice in one poll, and (tidy layout)
/// shares summing above 100 beyond the rounding slack. Errors of whole questions (the last two)
/// are given after every row was read, the first question's first, as a reader of the whole
/// table would. FiveThirtyEight's files are read as published: a question whose shares sum above
/// 100 is kept and noted in ``notes`` (their data has a handful), and ranked-choice reallocations
/// are left out (the first-choice question remains).
///
/// - Complexity: O(fields) per record, amortised; memory O(questions kept + the longest question
///   + distinct names + a bit or 8 bytes per question id), and O(rows) of held questions.
package struct PollTableReader: Sendable {
    /// Which questions are held open to the end of the file rather than closed when the next
    /// question starts.
    public enum Holding: Sendable, Equatable {
        /// None: a question seen again after the next one started is reported as split.
        case none
        /// Every question (for input that cannot be read twice, and for the whole table).
        case all
        /// These question ids (FiveThirtyEight `question_id`; tidy `poll_id`, with its
        /// `question_id` after a U+001F when there is one).
        case questions(Set<String>)
    }

    /// What a selecting reader made of the file.
    public enum Outcome: Sendable {
        /// The questions kept and the selection.
        case selected(SelectedPolls)
        /// Questions whose rows are apart in the file: read it again holding them.
        case splitQuestions(Set<String>)
    }

    public private(set) var layout: PollFileLayout?
    /// Remarks on quirks of the input that were handled, one line each.
    public private(set) var notes: [String] = []

    private let holding: Holding
    private var selector: QuestionSelector?

    private var columns: [String: Int] = [:]
    private var fields = FieldReader(columns: [:])
    private var headerCount = 0
    /// The questions read and not dropped, each with its place in the file and whether it is
    /// still needed.
    private var store = PollTable()
    private var ordinal: [Int] = []
    private var dead: [Bool] = []
    private var deadCount = 0
    private var questionCount = 0
    private var rowCount = 0
    /// Where the last row's candidates went, and that row's question id.
    private var target = Target.none
    private var lastID: [UInt8] = []
    private var lastIDQuoted = false
    private var lastText: String?
    /// Positions of the open question's rows, for messages.
    private var openLine: [Int32] = [], openNameColumn: [Int32] = [], openPctColumn: [Int32] = []
    /// Held questions: their numbers by id, their indices in the store, and their rows.
    private var heldNumber: [String: Int32] = [:]
    private var heldQuestion: [Int] = []
    private var held = HeldRows()
    private var seen = QuestionFingerprints()
    private var split: Set<String> = []
    // Checks of whole questions.
    private var seenIn: [Int32] = []
    private var closings: Int32 = 0
    private var firstQuestionError: (ordinal: Int, error: CSVError)?
    private var overTotal = 0
    private var firstOver: (ordinal: Int, id: String, line: Int, sum: Double)?

    private var skippedReallocated = 0
    private var reallocatedColumn: Int?
    private var partyColumn = 0
    // Column indices of the fields read on every row.
    private var idColumn = 0
    private var nameColumn = 0
    private var shareColumn = 0
    // FiveThirtyEight's files: the values of repeating fields remembered by their bytes.
    private var memos = FiveThirtyEightMemos()

    /// Where a row's candidates go.
    private enum Target {
        case none
        /// The open question, at this index of the store.
        case open(Int)
        /// A held question, by its number.
        case held(Int32)
        /// A question found split (with ``Holding/none``): the row is read and checked, not kept.
        case ignored
    }

    /// A reader that keeps every question: ``finish()`` gives the file's whole table.
    public init() {
        holding = .all
    }

    /// A reader that selects while it reads (see the type): ``finishSelecting()`` gives the
    /// questions `options` may choose and the selection.
    ///
    /// - Parameter holding: the questions held to the end of the file (see ``Holding``).
    public init(selecting options: PollSelection.Options, holding: Holding = .none) {
        self.holding = holding
        selector = QuestionSelector(options: options)
    }

    /// Takes one record (the first is the header).
    ///
    /// - Throws: ``CSVError`` for the problems of rows listed on the type.
    /// - Complexity: O(fields of the record), amortised.
    public mutating func consume(_ record: CSVRecord) throws {
        guard let layout else {
            try readHeader(record)
            return
        }
        guard record.count == headerCount else {
            let column =
                record.count > headerCount
                ? record.position(headerCount).column : record.position(record.count - 1).column
            throw CSVError(
                position: TextPosition(line: record.line, column: column),
                message: "row has \(record.count) fields, the header has \(headerCount)")
        }
        switch layout {
        case .tidy: try readTidy(record)
        case .fiveThirtyEightPolls: try readFiveThirtyEight(record)
        case .fiveThirtyEightRawPolls: try readRaw(record)
        }
    }

    /// The whole table, with candidates grouped by poll (a reader made with ``init()``).
    ///
    /// - Throws: ``CSVError`` for an empty file, a header without rows, a candidate twice in a
    ///   poll, or (tidy) shares summing above 100 beyond the slack.
    /// - Complexity: O(rows + polls): a counting sort by poll.
    public mutating func finish() throws -> PollTable {
        precondition(selector == nil, "a selecting reader finishes with finishSelecting()")
        guard let read = try finishReading() else {
            preconditionFailure("a reader holding every question finds none split")
        }
        return read.table
    }

    /// The questions kept and the selection, or the questions found split (a reader made with
    /// ``init(selecting:holding:)``).
    ///
    /// - Throws: as ``finish()``.
    /// - Complexity: O(held rows + questions kept·log).
    public mutating func finishSelecting() throws -> Outcome {
        precondition(selector != nil, "a reader made with init() finishes with finish()")
        guard let read = try finishReading() else { return .splitQuestions(split) }
        return .selected(SelectedPolls(table: read.table, selection: read.selection!))
    }

    private mutating func finishReading() throws -> (table: PollTable, selection: PollSelection?)? {
        guard layout != nil else { throw CSVError(position: TextPosition(line: 1, column: 1), message: "empty file") }
        closeOpen()
        guard rowCount > 0, questionCount > 0 else {
            throw CSVError(position: TextPosition(line: 2, column: 1), message: "a header but no rows")
        }
        if !split.isEmpty { return nil }
        if skippedReallocated > 0 {
            notes.append(
                "\(skippedReallocated) ranked-choice reallocated rows left out (the first-choice question of each poll is kept)"
            )
        }
        closeHeld()
        if let first = firstQuestionError { throw first.error }
        if let first = firstOver {
            notes.append(
                "\(overTotal) question(s) have shares summing above 100.5 (first: \(first.id) at line \(first.line), \(NumberText.roundTrip(Percent.echo(first.sum)))); their leads are reported as published"
            )
        }
        let live = store.line.indices.filter { !dead[$0] }.sorted { ordinal[$0] < ordinal[$1] }
        var table = store.gathering(live, renumbered: true)
        table.layout = layout
        var moved = [Int](repeating: -1, count: store.count)
        for (i, q) in live.enumerated() { moved[q] = i }
        let selection = selector?.selection(table, seen: store) { moved[$0] }
        store = PollTable()
        return (table, selection)
    }

    // MARK: - Questions

    /// What became of a row's question id that differs from the last row's.
    private enum Sight { case known, new, ignored }

    /// Closes the open question and finds where the rows of question `id` go: a held question
    /// seen before (`known`), a new question whose fields the caller appends to the store and
    /// then calls ``started(_:held:line:)`` (`new`), or a question found split (`ignored`).
    private mutating func sight(_ id: String) -> Sight {
        closeOpen()
        if let n = heldNumber[id] {
            target = .held(n)
            return .known
        }
        switch holding {
        case .none:
            if !seen.insert(id) {
                split.insert(id)
                target = .ignored
                return .ignored
            }
        case .all, .questions:
            break
        }
        return .new
    }

    /// Whether new question `id` is held to the end of the file.
    private func holds(_ id: String) -> Bool {
        switch holding {
        case .none: return false
        case .all: return true
        case .questions(let ids): return ids.contains(id)
        }
    }

    /// Registers the question whose fields were just appended to the store.
    private mutating func started(_ id: String) {
        ordinal.append(questionCount)
        dead.append(false)
        questionCount += 1
        let q = store.count - 1
        if holds(id) {
            let n = Int32(heldQuestion.count)
            heldNumber[id] = n
            heldQuestion.append(q)
            target = .held(n)
        } else {
            target = .open(q)
        }
    }

    /// Adds a candidate row of the last row's question.
    private mutating func addCandidate(
        name: Int32, party: Int32, fullName: Int32, _ share: Double,
        line: Int, nameColumn: Int, pctColumn: Int
    ) {
        rowCount += 1
        switch target {
        case .open:
            store.candidate.append(code: name); store.party.append(code: party); store.fullName.append(code: fullName)
            store.share.append(share)
            openLine.append(Int32(clamping: line))
            openNameColumn.append(Int32(clamping: nameColumn))
            openPctColumn.append(Int32(clamping: pctColumn))
        case .held(let n):
            held.append(n, name, party, fullName, share, line, nameColumn, pctColumn)
        case .ignored, .none:
            break
        }
    }

    /// ``addCandidate(name:party:fullName:_:line:nameColumn:pctColumn:)`` with names as text.
    private mutating func addCandidate(
        _ name: String, _ party: String, _ share: Double, at r: CSVRecord,
        _ nameIndex: Int?, _ shareIndex: Int, fullName: String = ""
    ) {
        let codes = (
            store.candidate.code(of: name), store.party.code(of: party),
            store.fullName.code(of: fullName.isEmpty ? name : fullName)
        )
        addCandidate(
            name: codes.0, party: codes.1, fullName: codes.2, share, line: r.line,
            nameColumn: nameIndex.map { r.position($0).column } ?? 1, pctColumn: r.position(shareIndex).column)
    }

    /// Closes the open question, if any: its candidates are the last rows of the store.
    private mutating func closeOpen() {
        guard case .open(let q) = target else { return }
        target = .none
        store.candidateRange[q] = (store.share.count - openLine.count)..<store.share.count
        close(q, openLine[...], openNameColumn[...], openPctColumn[...])
        openLine.removeAll(keepingCapacity: true)
        openNameColumn.removeAll(keepingCapacity: true)
        openPctColumn.removeAll(keepingCapacity: true)
        compactIfSparse()
    }

    /// Closes the held questions, in file order, once every row was read.
    private mutating func closeHeld() {
        guard !heldQuestion.isEmpty else { return }
        let order = held.grouped(questions: heldQuestion.count)
        var k = 0
        for n in heldQuestion.indices {
            let q = heldQuestion[n]
            let start = store.share.count, first = k
            while k < order.count && held.question[order[k]] == Int32(n) {
                let r = order[k]
                store.candidate.append(code: held.name[r]); store.party.append(code: held.party[r])
                store.fullName.append(code: held.fullName[r]); store.share.append(held.share[r])
                k += 1
            }
            store.candidateRange[q] = start..<store.share.count
            let rows = order[first..<k]
            close(
                q, ArraySlice(rows.map { held.line[$0] }), ArraySlice(rows.map { held.nameColumn[$0] }),
                ArraySlice(rows.map { held.pctColumn[$0] }))
        }
        held = HeldRows()
    }

    /// Checks question `q` (its rows at the given lines and columns) and lets the selection decide
    /// whether it is kept.
    private mutating func close(
        _ q: Int, _ line: ArraySlice<Int32>, _ nameColumn: ArraySlice<Int32>,
        _ pctColumn: ArraySlice<Int32>
    ) {
        closings += 1
        let range = store.candidateRange[q]
        var sum = 0.0
        var error: CSVError?
        // A repeat within a question is found through the last question each name was seen in.
        if seenIn.count < store.candidate.values.count {
            seenIn.append(contentsOf: repeatElement(0, count: store.candidate.values.count - seenIn.count))
        }
        for (j, k) in range.enumerated() {
            let code = Int(store.candidate.code(at: k))
            if seenIn[code] == closings {
                error = CSVError(
                    position: TextPosition(
                        line: Int(line[line.startIndex + j]), column: Int(nameColumn[nameColumn.startIndex + j])),
                    message: "candidate \"\(store.candidate[k])\" appears twice in poll \"\(store.pollID[q])\"")
                break
            }
            seenIn[code] = closings
            sum += store.share[k]
        }
        if error == nil && sum > 1 + Shares.roundingSlack {
            if layout == .tidy {
                error = CSVError(
                    position: TextPosition(
                        line: Int(line[line.startIndex]), column: Int(pctColumn[pctColumn.startIndex])),
                    message:
                        "shares of poll \"\(store.pollID[q])\" sum to \(NumberText.roundTrip(Percent.echo(sum))), above 100 by more than the rounding slack of 0.5"
                )
            } else {
                overTotal += 1
                if firstOver.map({ ordinal[q] < $0.ordinal }) ?? true {
                    firstOver = (ordinal[q], store.pollID[q], store.line[q], sum)
                }
            }
        }
        if let error, firstQuestionError.map({ ordinal[q] < $0.ordinal }) ?? true {
            firstQuestionError = (ordinal[q], error)
        }
        guard selector != nil else { return }
        switch selector!.consider(store, q, ordinal: ordinal[q]) {
        case .keep: break
        case .drop: drop(q)
        case .keepReplacing(let old): markDead(old)
        }
    }

    /// Drops question `q`: at the end of the store it is removed, else marked dead (and its rows
    /// removed when they are the last).
    private mutating func drop(_ q: Int) {
        if q == store.count - 1 {
            store.removeLastQuestion()
            ordinal.removeLast()
            dead.removeLast()
            return
        }
        let range = store.candidateRange[q]
        if range.upperBound == store.share.count {
            store.removeLastCandidates(range.count)
            store.candidateRange[q] = store.share.count..<store.share.count
        }
        markDead(q)
    }

    private mutating func markDead(_ q: Int) {
        dead[q] = true
        deadCount += 1
    }

    /// Rebuilds the store without its dead questions once they outnumber the live ones.
    private mutating func compactIfSparse() {
        guard deadCount > 1024, 2 * deadCount > store.count else { return }
        let live = store.line.indices.filter { !dead[$0] }
        var moved = [Int](repeating: -1, count: store.count)
        for (i, q) in live.enumerated() { moved[q] = i }
        store = store.gathering(live, renumbered: false)
        ordinal = live.map { ordinal[$0] }
        dead = [Bool](repeating: false, count: live.count)
        deadCount = 0
        heldQuestion = heldQuestion.map { moved[$0] }
        selector?.renumber(moved)
    }

    // MARK: - Header

    private mutating func readHeader(_ record: CSVRecord) throws {
        var names: [String] = []
        for i in 0..<record.count { names.append(try record.text(i).trimmingSpaces()) }
        guard let detected = PollFileLayout.detect(names) else {
            throw CSVError(
                position: TextPosition(line: record.line, column: 1),
                message:
                    "the header is not a poll file layout (need poll_id, candidate and pct, or a FiveThirtyEight file)")
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
                throw CSVError(
                    position: TextPosition(line: record.line, column: 1),
                    message: "missing required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", "))"
                )
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

    /// Routes the rows of question `id` (a tidy or raw-polls row), adding the question with the
    /// fields `read` returns when it is new.
    private mutating func question(_ id: String, line: Int, read: () throws -> PollFields) throws {
        if id == lastText { return }
        lastText = id
        guard sight(id) == .new else { return }
        let f = try read()
        store.pollID.append(f.poll.isEmpty ? id : f.poll)
        store.questionID.append(f.question.isEmpty ? id : f.question)
        store.state.append(f.state); store.race.append(f.race); store.methodology.append(f.methodology)
        store.internalPoll.append(f.internalPoll); store.partisan.append(f.partisan); store.tracking.append(f.tracking)
        store.line.append(line)
        store.pollster.append(f.pollster); store.sponsor.append(f.sponsor)
        store.population.append(f.population); store.mode.append(f.mode)
        store.sampleType.append(f.type); store.startDate.append(f.start); store.endDate.append(f.end)
        store.sampleSize.append(f.n); store.designEffect.append(f.deff); store.populationSize.append(f.size)
        store.actualLead.append(f.actual); store.publishedLead.append(f.published)
        store.raceID.append(f.raceID); store.typeSimple.append(f.typeSimple); store.year.append(f.year)
        store.location.append(f.location)
        store.candidateRange.append(store.share.count..<store.share.count)
        started(id)
    }

    /// The code in `column` of field `i`'s trimmed text ("" without the column), found through
    /// `memo` when its bytes were seen before.
    private static func code(
        _ r: CSVRecord, _ i: Int?, _ memo: inout FieldMemo<Int32>,
        _ column: inout StringColumn
    ) throws -> Int32 {
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
        try self.question(id, line: r.line) {
            var f = PollFields()
            let typeText = try reader.text(r, "sample_type")
            guard let type = typeText.isEmpty ? SampleType.probability : SampleType(rawValue: typeText) else {
                throw CSVError(
                    position: r.position(reader.columns["sample_type"]!),
                    message: "sample_type \"\(typeText)\" is not probability, opt-in or straw")
            }
            f.type = type
            f.start = try reader.date(r, "start_date"); f.end = try reader.date(r, "end_date")
            f.n = try reader.optionalNumber(r, "sample_size"); f.deff = try reader.optionalNumber(r, "deff")
            f.size = try reader.optionalNumber(r, "population_size")
            // The finite population correction needs N ≥ n (and N > 1): say so where N is written.
            if !f.size.isNaN && !f.n.isNaN && (f.size < f.n || f.size <= 1), let i = reader.columns["population_size"] {
                let raw = try r.text(i).trimmingSpaces()
                throw CSVError(
                    position: r.position(i),
                    message:
                        "population_size \(raw) is smaller than sample_size \(NumberText.roundTrip(f.n)); expected at least the sample size (and more than 1)"
                )
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
        addCandidate(candidate, try fields.text(r, "party"), share, at: r, nameColumn, shareColumn)
    }

    private mutating func readFiveThirtyEight(_ r: CSVRecord) throws {
        if let i = reallocatedColumn, r.equals(i, "true") {
            skippedReallocated += 1
            return
        }
        let (idBytes, idQuoted) = r.raw(idColumn)
        let share: Double
        if case .none = target {
            share = try newFiveThirtyEightQuestion(r, idBytes, idQuoted)
        } else if idQuoted == lastIDQuoted && idBytes.elementsEqual(lastID) {
            // The same question as the row before (whose id decoded without error).
            share = try fields.percent(r, at: shareColumn, name: "pct")
        } else {
            share = try newFiveThirtyEightQuestion(r, idBytes, idQuoted)
        }
        let party = try Self.code(r, partyColumn, &memos.party, &store.party)
        let name = try Self.code(r, nameColumn, &memos.answer, &store.candidate)
        // The full name where the file gives one (-1 in the memo: empty), else the name.
        var fullName: Int32 = -1
        if let i = memos.columns.candidateName {
            if let known = memos.fullName.find(r, i) {
                fullName = known
            } else {
                let text = try r.text(i).trimmingSpaces()
                if !text.isEmpty { fullName = store.fullName.code(of: text) }
                memos.fullName.insert(fullName, r, i)
            }
        }
        if fullName < 0 { fullName = store.fullName.code(of: store.candidate.values[Int(name)]) }
        addCandidate(
            name: name, party: party, fullName: fullName, share, line: r.line,
            nameColumn: r.position(nameColumn).column, pctColumn: r.position(shareColumn).column)
    }

    /// Reads the share of a row whose question differs from the last row's, routing the row.
    private mutating func newFiveThirtyEightQuestion(
        _ r: CSVRecord, _ idBytes: UnsafeBufferPointer<UInt8>,
        _ idQuoted: Bool
    ) throws -> Double {
        let id = try r.text(idColumn).trimmingSpaces()
        let share = try fields.percent(r, at: shareColumn, name: "pct")
        if sight(id) == .new { try addFiveThirtyEightQuestion(id, r) }
        lastID.removeAll(keepingCapacity: true)
        lastID.append(contentsOf: idBytes)
        lastIDQuoted = idQuoted
        return share
    }

    /// Adds the question `id` from its first row (the fields a question shares with all its rows).
    private mutating func addFiveThirtyEightQuestion(_ id: String, _ r: CSVRecord) throws {
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
        let pollster = try Self.code(r, c.pollster, &memos.pollster, &store.pollster)
        let sponsor = try Self.code(r, c.sponsors, &memos.sponsors, &store.sponsor)
        let population = try Self.code(r, c.population, &memos.population, &store.population)
        let mode = try Self.code(r, c.methodology, &memos.mode, &store.mode)
        let methodology = try Self.code(r, c.methodology, &memos.methodology, &store.methodology)
        let pollID = try Self.text(r, c.pollID, &memos.pollID)
        let state = try Self.code(r, c.state, &memos.state, &store.state)
        let parts = RaceParts(
            cycle: try Self.text(r, c.cycle, &memos.cycle),
            office: try Self.text(r, c.officeType, &memos.officeType),
            state: store.state.values[Int(state)],
            stage: try Self.text(r, c.stage, &memos.stage),
            seat: try Self.text(r, c.seatName, &memos.seatName))
        let race: Int32
        if let known = memos.races[parts] {
            race = known
        } else {
            race = store.race.code(
                of: RaceLabel.fiveThirtyEight(
                    cycle: parts.cycle, office: parts.office, state: parts.state,
                    stage: parts.stage, seat: parts.seat))
            memos.races[parts] = race
        }
        let internalPoll = try Self.code(r, c.internalPoll, &memos.internalPoll, &store.internalPoll)
        let partisan = try Self.code(r, c.partisan, &memos.partisan, &store.partisan)
        let tracking = try Self.code(r, c.tracking, &memos.tracking, &store.tracking)

        store.pollID.append(pollID.isEmpty ? id : pollID)
        store.questionID.append(id)
        store.state.append(code: state); store.race.append(code: race); store.methodology.append(code: methodology)
        store.internalPoll.append(code: internalPoll); store.partisan.append(code: partisan)
        store.tracking.append(code: tracking)
        store.line.append(r.line)
        store.pollster.append(code: pollster); store.sponsor.append(code: sponsor)
        store.population.append(code: population); store.mode.append(code: mode)
        store.sampleType.append(.probability); store.startDate.append(start); store.endDate.append(end)
        store.sampleSize.append(n); store.designEffect.append(.nan); store.populationSize.append(.nan)
        store.actualLead.append(.nan); store.publishedLead.append(.nan)
        store.raceID.append(store.race.values[Int(race)]); store.typeSimple.append(""); store.year.append(parts.cycle)
        store.location.append("")
        store.candidateRange.append(store.share.count..<store.share.count)
        started(id)
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
        let pollster = try fields.text(r, "pollster"), race = try fields.text(r, "race"),
            mode = try fields.text(r, "methodology")
        let pollID = try fields.text(r, "poll_id")
        let location = try fields.text(r, "location")
        let partisan = try fields.text(r, "partisan")
        try question(id, line: r.line) {
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
        if !a.isNaN { addCandidate(name1, party1, a, at: r, columns["cand1_name"], columns["cand1_pct"]!) }
        if !b.isNaN { addCandidate(name2, party2, b, at: r, columns["cand2_name"], columns["cand2_pct"]!) }
    }
}

/// The candidate rows of held questions, in file order, until the end of the file.
private struct HeldRows {
    var question: [Int32] = []
    var name: [Int32] = [], party: [Int32] = [], fullName: [Int32] = []
    var share: [Double] = []
    var line: [Int32] = [], nameColumn: [Int32] = [], pctColumn: [Int32] = []

    mutating func append(_ q: Int32, _ n: Int32, _ p: Int32, _ f: Int32, _ s: Double, _ l: Int, _ nc: Int, _ pc: Int) {
        question.append(q); name.append(n); party.append(p); fullName.append(f); share.append(s)
        line.append(Int32(clamping: l)); nameColumn.append(Int32(clamping: nc)); pctColumn.append(Int32(clamping: pc))
    }

    /// The rows in order of question, file order within each (a stable counting sort).
    func grouped(questions: Int) -> [Int] {
        var next = [Int](repeating: 0, count: questions + 1)
        for q in question { next[Int(q) + 1] += 1 }
        for i in 0..<questions { next[i + 1] += next[i] }
        var order = [Int](repeating: 0, count: question.count)
        for (r, q) in question.enumerated() {
            order[next[Int(q)]] = r
            next[Int(q)] += 1
        }
        return order
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
            throw CSVError(
                position: r.position(i), message: "\(name) \"\(raw)\" is not a date (use YYYY-MM-DD or M/D/YY)")
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
