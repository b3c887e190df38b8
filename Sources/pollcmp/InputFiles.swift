import ArgumentParser
import PollCompare

/// Reading whole inputs (a file or standard input) without Foundation.
enum InputFiles {
    /// At most this many bytes are read whole, so no input takes memory without bound: 256 MiB.
    static let wholeFileLimit = 256 << 20

    /// The bytes of `path`, or of standard input for "-", at most ``wholeFileLimit`` of them (a
    /// larger input is a data error, exit 65, whose message ends with `advice`). A missing or
    /// unreadable file prints one line and exits 66 (EX_NOINPUT); a read error exits 74 (EX_IOERR).
    static func read(_ path: String, advice: String = "") throws -> [UInt8] {
        var bytes: [UInt8] = []
        try stream(path) { chunk in
            guard bytes.count + chunk.count <= wholeFileLimit else {
                StandardStreams.error(
                    "\(displayName(path)): larger than \(wholeFileLimit >> 20) MiB, the most this command reads whole\(advice)"
                )
                throw DataErrors.exitCode
            }
            bytes.append(contentsOf: chunk)
        }
        return bytes
    }

    /// How messages name `path`: `<stdin>` for "-".
    static func displayName(_ path: String) -> String {
        path == "-" ? "<stdin>" : path
    }

    /// The questions of the poll file `path` (or standard input for "-") that a report with
    /// `selection` may choose, selected while the file streams by in chunks, so memory follows
    /// the polls kept rather than the rows read. A file whose questions have their rows apart is
    /// read a second time, holding those questions; standard input, which cannot be read twice,
    /// is read holding every question. The reader's notes go to stderr as
    /// `pollcmp: note: FILE: ...`; a data error prints `pollcmp: error: FILE:LINE:COLUMN: ...`
    /// and exits 65; a file that cannot be read exits as ``stream(_:_:)``.
    static func readSelectedPolls(_ path: String, selection: PollSelection.Options) throws -> SelectedPolls {
        var holding: PollTableReader.Holding = path == "-" ? .all : .none
        while true {
            var reader = PollFileReader(selecting: selection, holding: holding)
            let outcome: PollTableReader.Outcome
            do {
                try stream(path) { try reader.feed($0) }
                outcome = try reader.finishSelecting()
            } catch let error as CSVError {
                StandardStreams.error("\(displayName(path)):\(error)")
                throw DataErrors.exitCode
            }
            switch outcome {
            case .selected(let polls):
                for note in reader.notes { StandardStreams.note("\(displayName(path)): \(note)") }
                return polls
            case .splitQuestions(let ids):
                // Only a first pass holding nothing finds split questions.
                precondition(holding == .none, "a second pass found split questions")
                holding = .questions(ids)
            }
        }
    }

    /// The whole poll table of `path` (or standard input for "-"), for commands that use every
    /// row rather than a report's selection (`calibrate`). Notes and errors print as
    /// ``readSelectedPolls(_:selection:)``'s do.
    static func readPollTable(_ path: String) throws -> PollTable {
        var reader = PollFileReader()
        let table: PollTable
        do {
            try stream(path) { try reader.feed($0) }
            table = try reader.finish()
        } catch let error as CSVError {
            StandardStreams.error("\(displayName(path)):\(error)")
            throw DataErrors.exitCode
        }
        for note in reader.notes { StandardStreams.note("\(displayName(path)): \(note)") }
        return table
    }

    /// The weights in `path` (or standard input for "-"), streamed in chunks (see
    /// ``WeightsReader``). Errors print as ``readPollTable(_:)``'s do.
    static func readWeights(_ path: String, column: String?, delimiter: UInt8) throws -> [Double] {
        var parser = CSVParser(delimiter: delimiter)
        var reader = WeightsReader(column: column)
        do {
            try stream(path) { chunk in try parser.feed(chunk) { try reader.consume($0) } }
            try parser.finish { try reader.consume($0) }
            let weights = try reader.finish()
            if let note = parser.byteOrderMarkNote { StandardStreams.note("\(displayName(path)): \(note)") }
            return weights
        } catch let error as CSVError {
            StandardStreams.error("\(displayName(path)):\(error)")
            throw DataErrors.exitCode
        }
    }

    /// Hands the bytes of `path` (or standard input for "-") to `body` in chunks of 1 MiB, so
    /// large files are never held whole. Errors as ``read(_:)``.
    static func stream(_ path: String, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            switch Platform.openForReading(path) {
            case .success(let opened): fd = opened
            case .failure(let error):
                StandardStreams.error("\(path): cannot open: \(error.text)")
                throw ExitCode(66)
            }
        }
        defer { if fd != 0 { Platform.closeQuietly(fd) } }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n: Int
            switch chunk.withUnsafeMutableBytes({ Platform.read(fd, into: $0) }) {
            case .success(let count): n = count
            case .failure(let error):
                StandardStreams.error("\(path): cannot read: \(error.text)")
                throw ExitCode(error.isDirectory ? 66 : 74)
            }
            if n == 0 { break }
            try body(chunk[0..<n])
        }
    }
}
