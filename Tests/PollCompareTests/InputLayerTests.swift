import Numerics
import PollNumerics
import Testing

@testable import PollCompare

/// What a parse produced: every record (line, then each field's column, quotedness-free text),
/// or the error it stopped at. Two parses of one input must give equal outcomes.
private struct Outcome: Equatable, CustomStringConvertible {
    struct Record: Equatable {
        var line: Int
        var fields: [String]
        var columns: [Int]
    }
    var records: [Record] = []
    var error: CSVError?
    var byteOrderMarks = 0
    var firstByteOrderMark: TextPosition?

    var description: String {
        "\(records.count) records, error \(error.map(String.init(describing:)) ?? "none"), \(byteOrderMarks) BOMs"
    }

    static func collect(_ record: CSVRecord, into records: inout [Record]) throws {
        var r = Record(line: record.line, fields: [], columns: [])
        for i in 0..<record.count {
            r.fields.append(try record.text(i))
            r.columns.append(record.position(i).column)
        }
        records.append(r)
    }
}

/// Parses `bytes` fed in chunks whose sizes come from `sizes` (called once per chunk).
private func parse(
    _ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = CSVParser.defaultMaxRecordBytes,
    sizes: () -> Int
) -> Outcome {
    var outcome = Outcome()
    var parser = CSVParser(delimiter: delimiter, maxRecordBytes: maxRecordBytes)
    var records: [Outcome.Record] = []
    do {
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, max(1, sizes()))
            try parser.feed(bytes[offset..<(offset + n)]) { try Outcome.collect($0, into: &records) }
            offset += n
        }
        try parser.finish { try Outcome.collect($0, into: &records) }
    } catch let error as CSVError {
        outcome.error = error
    } catch {
        Issue.record("unexpected error \(error)")
    }
    outcome.records = records
    outcome.byteOrderMarks = parser.byteOrderMarks
    outcome.firstByteOrderMark = parser.firstByteOrderMark
    return outcome
}

private func whole(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ",")) -> Outcome {
    parse(bytes, delimiter: delimiter) { bytes.count }
}

/// Random delimited text made of the pieces that matter at chunk boundaries: quoted fields with
/// doubled quotes, delimiters and line breaks inside, stray quotes in unquoted fields, CRLF, lone
/// CR and blank lines, byte order marks at field starts, multi-byte UTF-8, empty fields.
private func randomText(
    _ g: inout SplitMix64, records: Int, delimiter: Character = ",", malformed: Bool
) -> [UInt8] {
    let words = ["a", "Smith", "Jo\"e", "44.3", "", "Ł贸", " x ", "1/2/24", "é"]
    var out = ""
    for _ in 0..<records {
        let fields = Int.random(in: 1...6, using: &g)
        for f in 0..<fields {
            if f > 0 { out.append(delimiter) }
            switch Int.random(in: 0..<10, using: &g) {
            case 0: out += "\"q\(delimiter)x\r\n\"\"y\"\"\nz\""
            case 1: out += "\"\""
            case 2: out += "\u{FEFF}" + words.randomElement(using: &g)!
            case 3 where malformed:
                out += ["\"open", "\"a\"b", "\u{FEFF}\"c\"", "\u{FEFF}\u{FEFF}"].randomElement(using: &g)!
            default: out += words.randomElement(using: &g)!
            }
        }
        out += ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"].randomElement(using: &g)!
    }
    var bytes = Array(out.utf8)
    if Bool.random(using: &g) { bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0) }
    // Sometimes no line end at the very end, or a dangling CR.
    if Bool.random(using: &g) { bytes.removeLast() }
    return bytes
}

/// A chunk size between 1 byte and 1 MiB, spread evenly over the powers of two.
private func chunkSize(_ g: inout SplitMix64) -> Int {
    let k = Int.random(in: 0...20, using: &g)
    return Int.random(in: (1 << k)...(1 << k) * 2 - 1, using: &g).clamped(to: 1...(1 << 20))
}

extension Int {
    fileprivate func clamped(to range: ClosedRange<Int>) -> Int {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}

@Suite("Input layer: the CSV parser, dates, poll files and weights")
struct InputLayerTests {
    // MARK: - CSVParser: chunking

    @Test("Any chunking gives the records (or the error) of the whole input", arguments: 0..<24)
    func chunkingProperty(seed: Int) throws {
        var g = SplitMix64(seed: UInt64(seed) &* 0x2545_F491_4F6C_DD1D)
        let delimiter: Character = seed % 3 == 0 ? "\t" : ","
        let bytes = randomText(&g, records: 200, delimiter: delimiter, malformed: seed % 2 == 1)
        let d = UInt8(ascii: delimiter.unicodeScalars.first!)
        let reference = whole(bytes, delimiter: d)
        if seed % 2 == 0 { #expect(reference.error == nil, "seed \(seed): \(reference)") }
        for _ in 0..<8 {
            let chunked = parse(bytes, delimiter: d) { chunkSize(&g) }
            #expect(chunked == reference, "seed \(seed)")
            let tiny = parse(bytes, delimiter: d) { Int.random(in: 1...3, using: &g) }
            #expect(tiny == reference, "seed \(seed)")
        }
    }

    @Test("Chunks up to 1 MiB over a file of several MiB give the same records")
    func largeChunks() throws {
        var g = SplitMix64(seed: 2024)
        let bytes = randomText(&g, records: 150_000, malformed: false)
        #expect(bytes.count > 2 << 20)
        let reference = whole(bytes)
        #expect(reference.error == nil)
        // A record of one empty field reads as a blank line, so a few records fewer.
        #expect(reference.records.count > 140_000)
        for _ in 0..<3 {
            #expect(parse(bytes) { Int.random(in: (1 << 16)...(1 << 20), using: &g) } == reference)
        }
    }

    @Test(
        "Line ends, quotes and byte order marks at chunk boundaries",
        arguments: [
            "a,b\r\nc,d\r\n", "a,b\rc,d\r", "\"x\r\ny\",z\n", "\"\"\"\",\"\"\n", "a,\n,b\n\n\n",
            "\u{FEFF}\"q\",1\n\u{FEFF}\"r\n\",2\n",
            "a\r\r\nb", "\"a\"\"\"\r\"b\"", "x,\u{FEFF}",
        ])
    func boundaries(_ text: String) {
        let bytes = Array(text.utf8)
        let reference = whole(bytes)
        for cut in 1..<bytes.count {
            var first = true
            let split = parse(bytes) {
                defer { first = false }
                return first ? cut : bytes.count
            }
            #expect(split == reference, "cut at \(cut) of \(text.debugDescription)")
        }
        #expect(parse(bytes) { 1 } == reference)
    }

    @Test("Line ends: LF, CRLF and a lone CR each end a record, and blank lines are skipped")
    func lineEnds() {
        let o = whole(Array("a,b\r\nc\rd\n\ne,\"f\r\ng\"\n".utf8))
        #expect(o.error == nil)
        #expect(o.records.map(\.fields) == [["a", "b"], ["c"], ["d"], ["e", "f\r\ng"]])
        #expect(o.records.map(\.line) == [1, 2, 3, 5])
    }

    // MARK: - CSVParser: stray quotes, record cap, byte order marks

    @Test("A quote inside an unquoted field is a plain character and streaming goes on")
    func strayQuote() throws {
        // The old feed counted every quote, so one stray quote made it hold back (and rescan)
        // the rest of the file on every chunk: quadratic. 8 MiB in 64 KiB chunks.
        var text = "id,name\n1,Jo\"e\n"
        let row = "2,Smith\n"
        text += String(repeating: row, count: (8 << 20) / row.utf8.count)
        let bytes = Array(text.utf8)
        var parser = CSVParser()
        var count = 0
        var second = ""
        var most = 0
        var offset = 0
        while offset < bytes.count {
            let n = min(1 << 16, bytes.count - offset)
            try parser.feed(bytes[offset..<(offset + n)]) { r in
                count += 1
                if count == 2 { second = try r.text(1) }
            }
            most = max(most, count)
            offset += n
        }
        try parser.finish { _ in count += 1 }
        #expect(second == "Jo\"e")
        #expect(count == 2 + (8 << 20) / row.utf8.count)
        // Records came out while the input streamed, not all at the end.
        #expect(most > count - 20_000)
    }

    @Test("Input without a line end stops at the record cap with its line")
    func recordCap() {
        let zeros = [UInt8](repeating: 0, count: 5000)
        let o = parse(zeros, maxRecordBytes: 1024) { 100 }
        #expect(o.error?.position == TextPosition(line: 1, column: 1))
        #expect(
            o.error?.message
                == "record longer than 1024 bytes with no end of line; expected records of at most 1024 bytes")
        // After complete lines and blank lines the position is the long record's line.
        let later = Array("a\nb\n\n".utf8) + zeros
        #expect(parse(later, maxRecordBytes: 1024) { 7 }.error?.position == TextPosition(line: 4, column: 1))
        // An unterminated quote names the quote.
        let open = Array("a,b\nc,\"d\n".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 5000)
        let quoted = parse(open, maxRecordBytes: 1024) { 64 }
        #expect(quoted.error?.position == TextPosition(line: 2, column: 3))
        #expect(quoted.error?.message.hasPrefix("quoted field still open after 1024 bytes") == true)
    }

    @Test("The default cap is 16 MiB: 17 MiB of zeros fail, memory stays bounded")
    func defaultCap() {
        var parser = CSVParser()
        let chunk = ArraySlice([UInt8](repeating: 0, count: 1 << 20))
        var failed: CSVError?
        for _ in 0..<17 where failed == nil {
            do { try parser.feed(chunk) { _ in } } catch let e as CSVError { failed = e } catch {}
        }
        #expect(failed?.message == "record longer than 16 MiB with no end of line; expected records of at most 16 MiB")
        // A record just under the cap is fine.
        var ok = CSVParser(maxRecordBytes: 4096)
        let long = [UInt8](repeating: UInt8(ascii: "y"), count: 4095) + [10]
        var got = 0
        #expect(throws: Never.self) { try ok.feed(long[...]) { got = $0.count } }
        #expect(got == 1)
    }

    @Test("Byte order marks after the start are skipped at field starts and counted")
    func byteOrderMarks() throws {
        let text = "\u{FEFF}id,name\n1,A\n\u{FEFF}id,name\n2,\u{FEFF}B\n"
        let o = whole(Array(text.utf8))
        #expect(o.records.map(\.fields) == [["id", "name"], ["1", "A"], ["id", "name"], ["2", "B"]])
        #expect(o.byteOrderMarks == 2)
        #expect(o.firstByteOrderMark == TextPosition(line: 3, column: 1))
        var parser = CSVParser()
        try parser.feed(Array(text.utf8)[...]) { _ in }
        try parser.finish { _ in }
        #expect(
            parser.byteOrderMarkNote
                == "3:1: a byte order mark (U+FEFF) in the middle of the file and 1 more, skipped (were files joined?)")
        // Only at the start of the file: no note.
        let start = whole(Array("\u{FEFF}id\n1\n".utf8))
        #expect(start.byteOrderMarks == 0 && start.records.map(\.fields) == [["id"], ["1"]])
    }

    @Test("Malformed text: positions of an unterminated quote and text after a closing quote")
    func malformed() {
        #expect(
            whole(Array("a,b\n1,\"x\n".utf8)).error
                == CSVError(position: TextPosition(line: 2, column: 3), message: "unterminated quoted field"))
        #expect(
            whole(Array("a,b\n1,\"x\"y\n".utf8)).error
                == CSVError(position: TextPosition(line: 2, column: 6), message: "text after a closing quote"))
        #expect(whole(Array("a\n".utf8) + [0xFF, 10]).error?.message == "bytes that are not UTF-8")
    }

    // MARK: - PollDate

    @Test(
        "Dates: ISO and FiveThirtyEight forms",
        arguments: [
            ("2024-06-05", "2024-06-05"), ("2024-6-5", "2024-06-05"), ("6/5/24", "2024-06-05"),
            ("06/05/2024", "2024-06-05"),
            ("1/1/70", "1970-01-01"), ("12/31/69", "2069-12-31"), ("2/29/00", "2000-02-29"),
            ("2024-02-29", "2024-02-29"),
            ("1600-02-29", "1600-02-29"), ("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"),
        ])
    func dates(_ text: String, _ iso: String) throws {
        let d = try #require(PollDate(text))
        #expect(d.description == iso)
        #expect(PollDate(iso) == d)
    }

    @Test(
        "Not dates",
        arguments: [
            "", "2024", "2024-06", "2024-06-05-01", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10",
            "2024-04-31",
            "24-06-05", "2024/06/05", "6-5/24", "6/5/5", "6/5/123", "13/1/20", "1/32/20", "2024--05", "-2024-06-05",
            " 2024-06-05", "2024-06-05 ", "2024-06-05T00:00", "12345-01-01", "Jan 2 2024", "６/5/24",
        ])
    func notDates(_ text: String) {
        #expect(PollDate(text) == nil, "\(text.debugDescription)")
    }

    @Test("Day numbers: 1970-01-01 is day 0; order and the civil round trip over 800 years")
    func dayNumbers() throws {
        #expect(try #require(PollDate("1970-01-01")).day == 0)
        #expect(try #require(PollDate("2000-03-01")).day == 11_017) // date -d 2000-03-01 +%s / 86400
        #expect(try #require(PollDate("1969-12-31")).day == -1)
        var previous = Int.min
        for y in stride(from: 1700, through: 2500, by: 7) {
            for m in 1...12 {
                for d in [1, 15, PollDate.daysInMonth(y, m)] {
                    let text = "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
                    let date = try #require(PollDate(text))
                    #expect(date.description == text)
                    #expect(date.civil == (y, m, d))
                    #expect(date.day > previous)
                    previous = date.day
                }
            }
        }
        #expect(try #require(PollDate("10/4/20")) < #require(PollDate("2020-10-05")))
    }

    // MARK: - Poll files

    static func table(_ text: String, chunk: Int = Int.max) throws -> (PollTable, [String]) {
        var reader = PollFileReader()
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = min(chunk, bytes.count - offset)
            try reader.feed(bytes[offset..<(offset + n)])
            offset += n
        }
        let t = try reader.finish()
        return (t, reader.notes)
    }

    static func error(_ text: String) -> CSVError? {
        do {
            _ = try table(text)
            return nil
        } catch let e as CSVError {
            return e
        } catch {
            return nil
        }
    }

    static let tidy = """
        poll_id,pollster,sponsor,population,mode,sample_type,start_date,end_date,sample_size,deff,population_size,candidate,party,pct
        w1,Union Pulse,Local 9,members,online,opt-in,2024-05-01,2024-05-09,1200,,40000,Biden,DEM,44.3
        w1,Union Pulse,Local 9,members,online,opt-in,2024-05-01,2024-05-09,1200,,40000,Trump,REP,36.3
        w2,Union Pulse,Local 9,members,phone,probability,2024-08-01,2024-08-04,900,1.4,,Harris,DEM,31
        w2,Union Pulse,Local 9,members,phone,probability,2024-08-01,2024-08-04,900,1.4,,Trump,REP,58
        w3,Straw Hall,,attendees,show of hands,straw,,2024-08-20,,,,Harris,DEM,40

        """

    @Test("Tidy layout: poll fields once per poll, candidates grouped, any chunking", arguments: [1, 7, 64, Int.max])
    func tidyLayout(chunk: Int) throws {
        let (t, notes) = try Self.table(Self.tidy, chunk: chunk)
        #expect(notes.isEmpty)
        #expect(t.count == 3)
        #expect(t.pollID == ["w1", "w2", "w3"])
        #expect(t.line == [2, 4, 6])
        #expect(t.sampleType == [.optIn, .probability, .straw])
        #expect(t.sampleSize[0] == 1200 && t.sampleSize[2].isNaN)
        #expect(t.designEffect[1] == 1.4 && t.populationSize[0] == 40000)
        #expect(t.startDate[2] == nil && t.endDate[2]?.description == "2024-08-20")
        #expect(t.candidateRange == [0..<2, 2..<4, 4..<5])
        #expect((0..<5).map { t.candidate[$0] } == ["Biden", "Trump", "Harris", "Trump", "Harris"])
        #expect(t.share[0] == 44.3 / 100 && t.share[3] == 58 / 100)
        #expect(t.mode[2] == "show of hands" && t.pollster[1] == "Union Pulse")
    }

    @Test("Tab-separated input is recognised from its first line, however it is cut")
    func tabSeparated() throws {
        let text = Self.tidy.replacingComma()
        for chunk in [1, 3, 50, Int.max] {
            let (t, _) = try Self.table(text, chunk: chunk)
            #expect(t.count == 3)
            #expect(t.sponsor[0] == "Local 9")
        }
    }

    static let fiveThirtyEight = """
        question_id,poll_id,cycle,state,pollster,sponsors,sample_size,population,methodology,start_date,end_date,ranked_choice_reallocated,answer,candidate_party,pct
        71,7,2024,Maine,Pine Tree Polls,"Herald, Inc.",600,lv,Online Panel,7/1/24,7/3/24,false,Harris,DEM,48
        71,7,2024,Maine,Pine Tree Polls,"Herald, Inc.",600,lv,Online Panel,7/1/24,7/3/24,false,Trump,REP,44
        71,7,2024,Maine,Pine Tree Polls,"Herald, Inc.",600,lv,Online Panel,7/1/24,7/3/24,true,Harris,DEM,51
        72,7,2024,Maine,Pine Tree Polls,"Herald, Inc.",650,rv,Online Panel,7/1/24,7/3/24,false,Harris,DEM,47
        72,7,2024,Maine,Pine Tree Polls,"Herald, Inc.",650,rv,Online Panel,7/1/24,7/3/24,false,Trump,REP,43
        72,7,2024,Maine,Pine Tree Polls,"Herald, Inc.",650,rv,Online Panel,7/1/24,7/3/24,false,Stein,GRE,2

        """

    @Test("FiveThirtyEight president_polls: one question is one poll; reallocated rows left out")
    func fiveThirtyEightLayout() throws {
        let (t, notes) = try Self.table(Self.fiveThirtyEight)
        #expect(t.questionID == ["71", "72"])
        #expect(t.pollID == ["7", "7"])
        #expect(t.state[0] == "Maine" && t.race[0] == "2024: Maine")
        #expect(t.candidateRange == [0..<2, 2..<5])
        #expect(t.party[4] == "GRE" && t.share[4] == 0.02)
        #expect(t.sponsor[0] == "Herald, Inc." && t.mode[1] == "Online Panel")
        #expect(t.endDate[0]?.description == "2024-07-03" && t.sampleSize[1] == 650)
        #expect(notes == ["1 ranked-choice reallocated rows left out (the first-choice question of each poll is kept)"])
    }

    static let raw = """
        poll_id,question_id,race,year,location,type_simple,pollster,methodology,polldate,samplesize,cand1_name,cand1_party,cand1_pct,cand2_name,cand2_party,cand2_pct,margin_poll,margin_actual
        1,11,2020_Pres-G_OH,2020,OH,Pres-G,Buckeye Research,Live Phone,10/20/2020,800,Biden,DEM,46,Trump,REP,49,-3,-8.03
        2,12,2020_House-GB_US,2020,US,House-G,Buckeye Research,Online,10/22/2020,1000,Generic Candidate,DEM,48,Generic Candidate,REP,45,3,3.1

        """

    @Test("FiveThirtyEight raw-polls: two candidates a row, the actual margin, generic ballots by party")
    func rawLayout() throws {
        let (t, _) = try Self.table(Self.raw)
        #expect(t.questionID == ["11", "12"])
        #expect(t.pollID == ["1", "2"])
        #expect(t.state[0] == "OH" && t.state[1] == "" && t.race[0] == "2020_Pres-G_OH")
        #expect(t.candidateRange == [0..<2, 2..<4])
        // margin_actual in points, as published.
        #expect(t.actualLead[0] == -8.03)
        #expect(
            (0..<4).map { t.candidate[$0] } == ["Biden", "Trump", "Generic Candidate (DEM)", "Generic Candidate (REP)"])
        #expect(t.population[0] == "2020_Pres-G_OH" && t.endDate[1]?.description == "2020-10-22")
    }

    @Test("A 100,000-column header and rows that wide are read in linear time")
    func wideHeader() throws {
        // The old column map copied itself once per column: 10¹⁰ steps here.
        let extra = (0..<99_997).map { "x\($0)" }
        var text = (["poll_id", "candidate", "pct"] + extra).joined(separator: ",") + "\n"
        let zeros = String(repeating: ",0", count: extra.count)
        text += "p1,A,50" + zeros + "\np1,B,40" + zeros + "\n"
        let (t, _) = try Self.table(text, chunk: 1 << 16)
        #expect(t.count == 1)
        #expect(t.share == [0.5, 0.4])
    }

    @Test("One poll id on 300,000 rows is read in linear time; a repeated candidate is still found")
    func onePollManyRows() throws {
        // The old duplicate check compared each row with every earlier row of its poll.
        var text = "poll_id,candidate,pct\np1,A,40\np1,B,30\n"
        text.reserveCapacity(6 << 20)
        for i in 0..<299_998 { text += "p1,c\(i),0.0001\n" }
        let (t, _) = try Self.table(text, chunk: 1 << 20)
        #expect(t.count == 1 && t.candidateRange == [0..<300_000])
        let repeated = text + "p1,c5,0\n"
        let e = try #require(Self.error(repeated))
        #expect(e.position == TextPosition(line: 300_002, column: 4))
        #expect(e.message == "candidate \"c5\" appears twice in poll \"p1\"")
    }

    @Test("Population below the sample size names the population_size cell")
    func populationBelowSample() throws {
        let text =
            "poll_id,sample_size,population_size,candidate,pct\np1,1000,1000,A,40\np1,1000,1000,B,30\np2,800,50,A,40\np2,800,50,B,30\n"
        let e = try #require(Self.error(text))
        #expect(e.position == TextPosition(line: 4, column: 8))
        #expect(
            e.message
                == "population_size 50 is smaller than sample_size 800; expected at least the sample size (and more than 1)"
        )
    }

    @Test("A byte order mark between joined files is noted, and the line is read without it")
    func joinedFiles() throws {
        let text = "poll_id,candidate,pct\np1,A,40\np1,B,30\n\u{FEFF}p2,A,41\np2,B,31\n"
        let (t, notes) = try Self.table(text)
        #expect(t.pollID == ["p1", "p2"])
        #expect(notes == ["4:1: a byte order mark (U+FEFF) in the middle of the file, skipped (were files joined?)"])
    }

    // MARK: - Weights

    static func weights(_ text: String, column: String? = nil) throws -> [Double] {
        try WeightsReader.read(Array(text.utf8), column: column)
    }

    static func weightsError(_ text: String, column: String? = nil) -> CSVError? {
        do { _ = try weights(text, column: column) } catch let e as CSVError { return e } catch {}
        return nil
    }

    @Test("Weights: by name, by number, the default names, a headerless list")
    func weightsColumns() throws {
        #expect(try Self.weights("id,wt\n1,0.5\n2,\n3,1.5\n") == [0.5, 1.5])
        #expect(try Self.weights("id,w\n1,0.5\n3,1.5\n", column: "w") == [0.5, 1.5])
        #expect(try Self.weights("id,w\n1,0.5\n3,1.5\n", column: "2") == [0.5, 1.5])
        #expect(try Self.weights("Weight\n2\n") == [2])
        // The old reader took the first value for a header name and lost it.
        #expect(try Self.weights("0.8\n1.2\n1\n") == [0.8, 1.2, 1])
        #expect(try Self.weights("7,0.8\n8,1.2\n", column: "2") == [0.8, 1.2])
        #expect(
            Self.weightsError("7,0.8\n8,1.2\n")?.message
                == "the first line is 2 numbers and no header; expected one column, or --column with a column number")
        #expect(
            Self.weightsError("7,0.8\n", column: "wt")?.message.hasPrefix("--column \"wt\" names no column") == true)
    }

    @Test("Weights: ragged rows, all zero and bad cells name line and column")
    func weightsErrors() throws {
        #expect(
            Self.weightsError("id,wt\n1,0.5\n2,1,9\n")
                == CSVError(position: TextPosition(line: 3, column: 5), message: "row has 3 fields, the header has 2"))
        #expect(
            Self.weightsError("id,wt\n1,0.5\n2\n")
                == CSVError(position: TextPosition(line: 3, column: 1), message: "row has 1 field, the header has 2"))
        #expect(
            Self.weightsError("wt\n\n0\n0\n")
                == CSVError(
                    position: TextPosition(line: 3, column: 1),
                    message: "weights are all 0 (2 of them, the first here); expected at least one positive weight"))
        #expect(
            Self.weightsError("id,wt\n1,-1\n")
                == CSVError(
                    position: TextPosition(line: 2, column: 3), message: "weight \"-1\" is not a non-negative number"))
        #expect(Self.weightsError("id,wt\n1,\n")?.message == "a header but no weights")
        #expect(Self.weightsError("")?.message == "empty file")
    }

    @Test(
        "Kish's design effect is the same for weights of any magnitude",
        arguments: ["1e300", "1e-320", "5e-324", "1.7e308", "3"])
    func kishScaled(text: String) throws {
        // Read from text: the subnormal literals would draw compiler warnings.
        let scale = try #require(Double(text))
        let base: [Double] = [1, 2, 3, 4, 5]
        let reference = try KishDesignEffect(weights: base)
        // deff of 1…5 is 5·55/225 = 11/9 (exact rational, mpmath not needed)
        #expect(reference.designEffect == 5 * 55 / 225.0)
        let k = try KishDesignEffect(weights: [scale, scale, scale])
        // Equal weights: deff 1 up to the rounding of the significand's square (exactly 1 for
        // a significand of 1 or 1.5), the very bits of the same significand at scale 1.
        let significand = try KishDesignEffect(weights: [scale.significand, scale.significand, scale.significand])
        #expect(k.designEffect == significand.designEffect)
        #expect(k.effectiveSampleSize == significand.effectiveSampleSize)
        #expect(k.designEffect.isApproximatelyEqual(to: 1, relativeTolerance: 4 * .ulpOfOne))
        let mixed = try KishDesignEffect(weights: base.map { $0 * 0x1p-1060 })
        #expect(mixed.designEffect == reference.designEffect)
    }

    @Test("Kish's design effect: the unscaled formula's value, and the same bits at any power-of-two scale")
    func kishBits() throws {
        var g = SplitMix64(seed: 7)
        for _ in 0..<50 {
            let w = (0..<Int.random(in: 1...200, using: &g)).map { _ in Double.random(in: 0...5, using: &g) }
            guard w.contains(where: { $0 > 0 }) else { continue }
            let k = try KishDesignEffect(weights: w)
            let s = w.reduce(0, +), s2 = w.reduce(0) { $0 + $1 * $1 }
            #expect(k.designEffect.isApproximatelyEqual(to: Double(w.count) * s2 / (s * s), relativeTolerance: 1e-13))
            #expect(k.sumOfWeights.isApproximatelyEqual(to: s, relativeTolerance: 1e-13))
            for e in [-1000, -600, 40, 900] {
                let scaled = try KishDesignEffect(weights: w.map { Double(sign: .plus, exponent: e, significand: $0) })
                #expect(scaled.designEffect == k.designEffect, "2^\(e)")
            }
        }
        #expect(throws: PollCompareError.invalidWeights("weights are all 0; expected at least one positive weight")) {
            try KishDesignEffect(weights: [0, 0])
        }
    }
}

extension String {
    /// The text with commas outside quotes turned into tabs (the fixtures quote no commas).
    fileprivate func replacingComma() -> String {
        String(map { $0 == "," ? "\t" : $0 })
    }
}
