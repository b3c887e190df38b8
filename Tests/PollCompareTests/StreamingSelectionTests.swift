import PollNumerics
import Testing

@testable import PollCompare

/// What a selection chose, in terms that do not depend on where the questions sit in a table:
/// each choice's question and candidates, then the notes and the reason for an empty selection.
private struct Chosen: Equatable, CustomStringConvertible {
    var choices: [String]
    var notes: [String]
    var emptyReason: String?
    var methodologyNamed: Bool

    init(_ t: PollTable, _ s: PollSelection) {
        choices = s.choices.map { c in
            let q = c.question
            return
                "\(t.pollID[q])/\(t.questionID[q]) line \(t.line[q]) \(t.pollster[q]) \(t.population[q]) \(t.race[q]) "
                + "\(t.endDate[q]?.description ?? "-") n=\(t.sampleSize[q]) [\(t.candidateRange[q].map { "\(t.candidate[$0]):\(t.party[$0]):\(t.share[$0])" }.joined(separator: ","))] "
                + "a=\(t.candidate[c.a]) b=\(t.candidate[c.b]) \(c.a - t.candidateRange[q].lowerBound),\(c.b - t.candidateRange[q].lowerBound) "
                // Every other per-question column too: a column the streaming reader forgets to
                // drop with its question shifts the values of the questions after it.
                + "state=\(t.state[q]) method=\(t.methodology[q]) race_id=\(t.raceID[q]) year=\(t.year[q]) "
                + "location=\(t.location[q]) type=\(t.typeSimple[q]) actual=\(t.actualLead[q]) "
                + "published=\(t.publishedLead[q]) partisan=\(t.partisan[q])"
        }
        notes = s.notes
        emptyReason = s.emptyReason
        methodologyNamed = s.methodologyNamed
    }

    var description: String { (choices + notes + [emptyReason ?? "-", "\(methodologyNamed)"]).joined(separator: "\n") }
}

/// The whole-table reading and the streaming selection of the same text.
private enum Read {
    static func feed(_ reader: inout PollFileReader, _ bytes: [UInt8], chunk: Int) throws {
        var offset = 0
        while offset < bytes.count {
            let n = min(chunk, bytes.count - offset)
            try reader.feed(bytes[offset..<(offset + n)])
            offset += n
        }
    }

    /// The file's whole table and the selection made from it.
    static func whole(_ text: String, _ options: PollSelection.Options) throws -> (Chosen, [String]) {
        var reader = PollFileReader()
        try feed(&reader, Array(text.utf8), chunk: Int.max)
        let table = try reader.finish()
        return (Chosen(table, PollSelection(table, options: options)), reader.notes)
    }

    /// The selection made while streaming, as `pollcmp` reads a file: holding nothing, then
    /// (when questions were found split) again holding them. `passes` counts the reads.
    static func streamed(
        _ text: String, _ options: PollSelection.Options, chunk: Int = 1 << 20,
        holding first: PollTableReader.Holding = .none
    ) throws -> (Chosen, [String], passes: Int, kept: Int) {
        var holding = first
        for pass in 1...2 {
            var reader = PollFileReader(selecting: options, holding: holding)
            try feed(&reader, Array(text.utf8), chunk: chunk)
            switch try reader.finishSelecting() {
            case .selected(let polls):
                return (Chosen(polls.table, polls.selection), reader.notes, pass, polls.table.count)
            case .splitQuestions(let ids):
                #expect(pass == 1, "the second pass found questions split")
                holding = .questions(ids)
            }
        }
        Issue.record("no selection after two passes")
        return (Chosen(PollTable(), PollSelection(PollTable(), options: options)), [], 3, 0)
    }

    static func error(_ body: () throws -> Void) -> CSVError? {
        do {
            try body()
            return nil
        } catch let e as CSVError {
            return e
        } catch {
            Issue.record("unexpected \(error)")
            return nil
        }
    }
}

/// Random poll files: several questions per poll (populations, ballots), polls in several
/// states, one to four candidates, shares that may tie, in the tidy or FiveThirtyEight layout;
/// optionally with some questions' rows moved apart.
private enum RandomFile {
    static let names = [("Harris", "DEM"), ("Trump", "REP"), ("Stein", "GRE"), ("Kennedy", "IND"), ("Oliver", "LIB")]

    struct Row { var fields: [String] }

    static func make(_ g: inout SplitMix64, polls: Int, fiveThirtyEight: Bool, split: Bool) -> String {
        var questions: [[String]] = [] // each question's rows, as CSV lines
        var qid = 1000
        for p in 0..<polls {
            let state = ["", "Maine", "Ohio"][Int.random(in: 0...2, using: &g)]
            let pollster = ["Acme", "Birch", "Cole"][Int.random(in: 0...2, using: &g)]
            let method = ["", "Online Panel", "Live Phone"][Int.random(in: 0...2, using: &g)]
            let day = Int.random(in: 1...28, using: &g)
            let year = ["2020", "2024"][Int.random(in: 0...1, using: &g)]
            let location = ["US", "ME", "OH-1"][Int.random(in: 0...2, using: &g)]
            for _ in 0..<Int.random(in: 1...4, using: &g) {
                qid += Int.random(in: -3...7, using: &g) == 0 ? 0 : 1
                let population = ["lv", "rv", "a", "v"][Int.random(in: 0...3, using: &g)]
                let k = Int.random(in: 1...4, using: &g)
                var rows: [String] = []
                for c in RandomFile.names.shuffled(using: &g).prefix(k) {
                    let pct = [40, 40, 44.5, 30, 2, 7][Int.random(in: 0...5, using: &g)] / Double(k > 2 ? 2 : 1)
                    let n =
                        Int.random(in: 0...5, using: &g) == 0 ? "" : "\(300 + 100 * Int.random(in: 0...9, using: &g))"
                    if fiveThirtyEight {
                        rows.append(
                            "\(qid),p\(p),\(year),\(state),\(pollster),\(n),\(population),\(method),7/\(day)/24,7/\(day)/24,false,\(c.0),\(c.1),\(pct)"
                        )
                    } else {
                        rows.append(
                            "p\(p),\(qid),\(state),\(pollster),\(population),\(method),2024-07-\(day < 10 ? "0" : "")\(day),\(n),\(c.0),\(c.1),\(pct),\(year),\(location),\(p % 2 == 0 ? "Pres-G" : "Sen-G"),\(p - 3)"
                        )
                    }
                }
                questions.append(rows)
            }
        }
        var lines = questions.flatMap { $0 }
        if split {
            // Move a few rows of a few questions to random places further down.
            for _ in 0..<max(1, lines.count / 10) {
                let from = Int.random(in: 0..<lines.count, using: &g)
                let row = lines.remove(at: from)
                lines.insert(row, at: Int.random(in: from...lines.count, using: &g))
            }
        }
        let header =
            fiveThirtyEight
            ? "question_id,poll_id,cycle,state,pollster,sample_size,population,methodology,start_date,end_date,ranked_choice_reallocated,answer,candidate_party,pct"
            : "poll_id,question_id,state,pollster,population,methodology,end_date,sample_size,candidate,party,pct,year,location,type_simple,actual_lead"
        return ([header] + lines).joined(separator: "\n") + "\n"
    }

    static func options(_ g: inout SplitMix64) -> PollSelection.Options {
        var o = PollSelection.Options()
        switch Int.random(in: 0...5, using: &g) {
        case 0: break
        case 1: (o.a, o.b) = ("DEM", "REP")
        case 2: o.a = "Trump"
        case 3: (o.a, o.b) = ("Nobody", "REP")
        case 4: o.b = "GRE"
        default: (o.a, o.b) = ("Harris", "Trump")
        }
        if Bool.random(using: &g) { o.questions = .all }
        if Bool.random(using: &g) { o.ballot = .full }
        if Bool.random(using: &g) { o.populationOrder = ["rv", "lv"] }
        switch Int.random(in: 0...3, using: &g) {
        case 0: o.filter = try! PollFilter(where: ["state=national,ohio"])
        case 1: o.filter = try! PollFilter(where: ["pollster=acme", "population=lv,a"], from: "2024-07-10")
        default: break
        }
        return o
    }
}

@Suite("Streaming selection: the questions a report needs, chosen while the file is read")
struct StreamingSelectionTests {
    @Test("Random files, options and chunkings: the streamed selection is the whole table's", arguments: 0..<40)
    func randomFiles(seed: Int) throws {
        var g = SplitMix64(seed: UInt64(seed) &* 7919)
        let fiveThirtyEight = seed % 2 == 0
        let split = seed % 4 >= 2
        let text = RandomFile.make(
            &g, polls: Int.random(in: 1...25, using: &g), fiveThirtyEight: fiveThirtyEight, split: split)
        let options = RandomFile.options(&g)
        let chunk = [1, 7, 64, 1 << 20][seed % 4]
        let wholeError = Read.error { _ = try Read.whole(text, options) }
        if let wholeError {
            // A file whose moved rows make a question repeat a candidate: the same error either way.
            let streamedError = Read.error { _ = try Read.streamed(text, options, chunk: chunk) }
            #expect(streamedError == wholeError, "seed \(seed)")
            return
        }
        let (expected, expectedNotes) = try Read.whole(text, options)
        let (got, notes, _, _) = try Read.streamed(text, options, chunk: chunk)
        #expect(got == expected, "seed \(seed):\n\(got)\n--- whole table:\n\(expected)")
        #expect(notes == expectedNotes)
        let (held, heldNotes, passes, _) = try Read.streamed(text, options, chunk: chunk, holding: .all)
        #expect(held == expected && heldNotes == expectedNotes && passes == 1)
    }

    static let tidy = """
        poll_id,question_id,population,candidate,party,pct
        w1,1,rv,Biden,DEM,44
        w1,1,rv,Trump,REP,40
        w1,2,lv,Biden,DEM,45
        w1,2,lv,Trump,REP,41
        w2,3,lv,Harris,DEM,47
        w2,3,lv,Trump,REP,46

        """

    @Test(
        "Rows of one question split across the file: found on the first pass, read on the second",
        arguments: [1, 5, 1 << 20])
    func splitQuestion(chunk: Int) throws {
        // Question w1/1's second row comes after poll w2.
        var lines = Self.tidy.split(separator: "\n").map(String.init)
        let moved = lines.remove(at: 2)
        lines.append(moved)
        let text = lines.joined(separator: "\n") + "\n"
        var reader = PollFileReader(selecting: PollSelection.Options())
        try Read.feed(&reader, Array(text.utf8), chunk: chunk)
        guard case .splitQuestions(let ids) = try reader.finishSelecting() else {
            Issue.record("the split question was not found")
            return
        }
        #expect(ids == ["w1\u{1F}1"])
        let (got, _, passes, kept) = try Read.streamed(text, PollSelection.Options(), chunk: chunk)
        let (expected, _) = try Read.whole(text, PollSelection.Options())
        #expect(passes == 2 && kept == 2)
        #expect(got == expected)
        #expect(got.choices.count == 2 && got.choices[0].hasPrefix("w1/2 line 3"))
        #expect(
            got.notes == [
                "1 question(s) set aside: another question of the same poll and race was used (population order lv, rv, v, a, then head-to-head first); --questions all keeps them."
            ])
    }

    @Test("A candidate repeated across the parts of a split question is found where the whole table finds it")
    func splitDuplicate() throws {
        let text = Self.tidy + "w1,1,rv,Biden,DEM,3\n"
        let expected = try #require(Read.error { _ = try Read.whole(text, PollSelection.Options()) })
        let got = try #require(Read.error { _ = try Read.streamed(text, PollSelection.Options()) })
        #expect(got == expected)
        #expect(got.position == TextPosition(line: 8, column: 9))
        #expect(got.message == "candidate \"Biden\" appears twice in poll \"w1\"")
    }

    @Test("Errors of whole questions come after errors of rows, the first question's first")
    func errorOrder() throws {
        // Question w1/1 repeats a candidate (found when it closes), a later row has a bad pct,
        // and a later question also repeats one: the row's error is the one given.
        let repeated = "poll_id,candidate,pct\na,X,10\na,X,20\nb,Y,10\nb,Y,10\nc,Z,abc\n"
        for holding in [PollTableReader.Holding.none, .all] {
            let got = try #require(
                Read.error { _ = try Read.streamed(repeated, PollSelection.Options(), holding: holding) })
            #expect(got.position == TextPosition(line: 6, column: 5) && got.message == "pct \"abc\" is not a number")
        }
        let two = "poll_id,candidate,pct\na,X,10\na,X,20\nb,Y,10\nb,Y,10\n"
        let got = try #require(Read.error { _ = try Read.streamed(two, PollSelection.Options()) })
        #expect(
            got.position == TextPosition(line: 3, column: 3)
                && got.message == "candidate \"X\" appears twice in poll \"a\"")
        let sum = "poll_id,candidate,pct\na,X,60\na,Y,60\n"
        let over = try #require(Read.error { _ = try Read.streamed(sum, PollSelection.Options()) })
        #expect(over.position == TextPosition(line: 2, column: 5))
    }

    @Test("Many questions of one poll: one is kept however many are read; later better ones replace it")
    func boundedKeep() throws {
        // 5,000 questions of one poll with falling question ids: each is better than the last
        // (the lower id wins), so every one replaces the one before and the store is compacted.
        var text =
            "question_id,poll_id,pollster,sample_size,population,start_date,end_date,answer,candidate_party,pct\n"
        for q in stride(from: 9000, to: 4000, by: -1) {
            text += "\(q),77,Acme,800,lv,7/1/24,7/2/24,Harris,DEM,48\n\(q),77,Acme,800,lv,7/1/24,7/2/24,Trump,REP,44\n"
        }
        for q in 20000..<20500 { // a second poll whose later questions lose (higher ids)
            text += "\(q),78,Acme,800,rv,7/1/24,7/3/24,Harris,DEM,48\n\(q),78,Acme,800,rv,7/1/24,7/3/24,Trump,REP,44\n"
        }
        let (got, _, passes, kept) = try Read.streamed(text, PollSelection.Options(), chunk: 4096)
        let (expected, _) = try Read.whole(text, PollSelection.Options())
        #expect(got == expected && passes == 1 && kept == 2)
        #expect(got.choices.count == 2 && got.choices[0].hasPrefix("77/4001 ") && got.choices[1].hasPrefix("78/20000 "))
        var all = PollSelection.Options()
        all.questions = .all
        let (every, _, _, keptAll) = try Read.streamed(text, all, chunk: 4096)
        let (everyWhole, _) = try Read.whole(text, all)
        #expect(keptAll == 5500 && every == everyWhole)
    }

    @Test("Filters and --a/--b applied while streaming count what the whole table counts")
    func filtersWhileStreaming() throws {
        var o = PollSelection.Options()
        o.filter = try PollFilter(where: ["population=lv"])
        o.a = "Harris"
        o.b = "REP"
        let (got, _, _, kept) = try Read.streamed(Self.tidy, o)
        let (expected, _) = try Read.whole(Self.tidy, o)
        #expect(got == expected && kept == 1)
        #expect(
            got.notes == [
                "1 question(s) outside the filters (population=lv).",
                "1 question(s) left out: they do not have both Harris and REP.",
            ])
        o.a = "Nobody"
        let (none, _, _, keptNone) = try Read.streamed(Self.tidy, o)
        let (noneWhole, _) = try Read.whole(Self.tidy, o)
        #expect(none == noneWhole && keptNone == 0)
        #expect(
            none.emptyReason
                == "--a \"Nobody\" matches no candidate or party in any poll (candidates: Biden, Trump, Harris; parties: DEM, REP); no poll selected"
        )
    }

    @Test("Question fingerprints: a second sight is reported, across growth")
    func fingerprints() {
        var f = QuestionFingerprints()
        var added = (0..<10_000).filter { f.insert("q\($0)") }.count
        #expect(added == 10_000)
        added = stride(from: 0, to: 10_000, by: 37).filter { f.insert("q\($0)") }.count
        #expect(added == 0)
        let first = f.insert(""), second = f.insert("")
        #expect(first && !second)
        // Plain numbers are bits (exact); "01" and "1" are different ids, as are numbers at and
        // beyond the bitmap's limit, which are hashed.
        let numbers = ["1", "0", "16777215", "01", "00", "16777216", "123456789", "4000000"]
        #expect(numbers.map(QuestionFingerprints.number) == [1, 0, 16_777_215, nil, nil, nil, nil, 4_000_000])
        added = numbers.filter { f.insert($0) }.count
        #expect(added == numbers.count)
        added = numbers.filter { f.insert($0) }.count
        #expect(added == 0)
        added = (0..<100_000).filter { f.insert("\($0 * 97)") }.count
        #expect(added == 99_999) // every multiple of 97 but 0, added above
        #expect(QuestionFingerprints.hash("a") != QuestionFingerprints.hash("b"))
    }
}
