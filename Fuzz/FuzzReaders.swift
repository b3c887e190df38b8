// libFuzzer entry for the input layer: the CSV parser, the poll-file and weights readers, dates
// and the CSV comparison. Built by `make fuzz` together with the reader sources (no BLAS needed).
//
// Beyond "no crash, no trap, no leak", each input checks one property: parsing it in chunks
// (sizes drawn from the input's own hash) gives exactly what parsing it whole gives.

/// What a parse produced, for comparing a whole parse with a chunked one.
private struct ParseOutcome: Equatable {
    var records: [[String]] = []
    var lines: [Int] = []
    var error: CSVError?
    var marks = 0
}

/// FNV-1a of the bytes: a seed for chunk sizes that is stable for a given input.
private func seed(_ bytes: [UInt8]) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

/// Chunk sizes from 1 up to the input's size, drawn from a xorshift generator.
private struct Chunks {
    var state: UInt64
    mutating func next(_ limit: Int) -> Int {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        let bits = Int(state % 12)
        return Swift.max(1, Swift.min(limit, Int(state >> 20) % (1 << bits) + 1))
    }
}

private func parseCSV(_ bytes: [UInt8], delimiter: UInt8, chunks: inout Chunks?, maxRecordBytes: Int) -> ParseOutcome {
    var out = ParseOutcome()
    var parser = CSVParser(delimiter: delimiter, maxRecordBytes: maxRecordBytes)
    var records: [[String]] = []
    var lines: [Int] = []
    func take(_ r: CSVRecord) throws {
        var fields: [String] = []
        for i in 0..<r.count {
            fields.append(try r.text(i))
            _ = r.number(i)
            _ = r.equals(i, "true")
            fields.append(r.position(i).description)
        }
        records.append(fields)
        lines.append(r.line)
    }
    do {
        if chunks == nil {
            try parser.feed(bytes[...], record: take)
        } else {
            var offset = 0
            while offset < bytes.count {
                let n = chunks!.next(bytes.count - offset)
                try parser.feed(bytes[offset..<(offset + n)], record: take)
                offset += n
            }
        }
        try parser.finish(record: take)
    } catch let e as CSVError {
        out.error = e
    } catch {
        fatalError("unexpected error type \(error)")
    }
    out.records = records
    out.lines = lines
    out.marks = parser.byteOrderMarks
    return out
}

/// A poll table's contents, or the error, for comparing two reads.
private func readPolls(_ bytes: [UInt8], chunks: inout Chunks?) -> String {
    var reader = PollFileReader()
    do {
        if chunks == nil {
            try reader.feed(bytes[...])
        } else {
            var offset = 0
            while offset < bytes.count {
                let n = chunks!.next(bytes.count - offset)
                try reader.feed(bytes[offset..<(offset + n)])
                offset += n
            }
        }
        let t = try reader.finish()
        var summary = "\(t.count) polls \(t.pollID) \(t.line) \(t.candidateRange) \(t.share.map(\.bitPattern))"
        for k in 0..<t.candidate.count { summary += "|\(t.candidate[k])/\(t.party[k])" }
        for p in 0..<t.count {
            precondition(!t.candidateRange[p].isEmpty, "a poll without candidates")
            summary +=
                "|\(t.pollster[p]) \(t.sampleType[p]) \(String(describing: t.startDate[p])) \(String(describing: t.endDate[p]))"
            summary +=
                " \(t.sampleSize[p].bitPattern) \(t.designEffect[p].bitPattern) \(t.populationSize[p].bitPattern) \(t.actualLead[p].bitPattern)"
            for field in PollTable.groupFields { _ = t.groupValue(field, p) }
        }
        return summary + " notes \(reader.notes)"
    } catch let e as CSVError {
        return "error \(e)"
    } catch {
        fatalError("unexpected error type \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let comma = UInt8(ascii: ","), tab = UInt8(ascii: "\t")

    // 1. The CSV parser: chunked equals whole, for both delimiters.
    for delimiter in [comma, tab] {
        var none: Chunks? = nil
        var some: Chunks? = Chunks(state: seed(bytes) | 1)
        let whole = parseCSV(
            bytes, delimiter: delimiter, chunks: &none, maxRecordBytes: CSVParser.defaultMaxRecordBytes)
        let chunked = parseCSV(
            bytes, delimiter: delimiter, chunks: &some, maxRecordBytes: CSVParser.defaultMaxRecordBytes)
        precondition(whole == chunked, "chunked parse differs from the whole parse")
    }
    // A tiny record cap: must fail cleanly, never trap.
    var capped: Chunks? = Chunks(state: seed(bytes) ^ 0x5555)
    _ = parseCSV(bytes, delimiter: comma, chunks: &capped, maxRecordBytes: 16)

    // 2. The poll-file reader: chunked equals whole.
    var none: Chunks? = nil
    var some: Chunks? = Chunks(state: seed(bytes) &+ 7)
    let whole = readPolls(bytes, chunks: &none)
    let chunked = readPolls(bytes, chunks: &some)
    precondition(whole == chunked, "chunked poll file differs from the whole file")

    // 3. Weights, with and without a column name.
    for column in [nil, "wt", "2"] as [String?] {
        for delimiter in [comma, tab] {
            do {
                let w = try WeightsReader.read(bytes, column: column, delimiter: delimiter)
                precondition(!w.isEmpty && w.allSatisfy { $0 >= 0 && $0.isFinite } && w.contains { $0 > 0 })
            } catch is CSVError {
            } catch {
                fatalError("unexpected error type \(error)")
            }
        }
    }

    // 4. Dates: whatever parses prints as ISO text that parses to the same day.
    let text = String(decoding: bytes.prefix(64), as: UTF8.self)
    if let d = PollDate(text) {
        precondition(PollDate(d.description) == d, "date round trip")
    }

    // 5. The CSV comparison reads both sides.
    let half = bytes.count / 2
    _ = try? CSVComparison(
        expected: Array(bytes[..<half]), actual: Array(bytes[half...]), keys: [], rtol: 1e-9, atol: 0)
    _ = try? CSVComparison(expected: bytes, actual: bytes, keys: ["poll_id"], rtol: 0, atol: 0)
    return 0
}
