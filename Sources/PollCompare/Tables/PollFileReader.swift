/// Reads a poll file from chunks of bytes, as they come from a file or a pipe: the delimiter is
/// recognised from the first line, the text parsed as RFC 4180 CSV and the records read into a
/// ``PollTable`` (``init(maxRecordBytes:)``). Within the package, a reader can instead select the
/// questions of a report while it reads, keeping only what the report needs.
///
/// The first line decides the delimiter: a tab when it holds a tab and no comma, else a comma.
/// Chunks are held back until that line is complete, so any cut of the input gives the same
/// table. Byte order marks after the start of the file are skipped and reported in ``notes``.
///
/// Example:
/// ```swift
/// var reader = PollFileReader()
/// try reader.feed(Array("poll_id,candidate,pct\n1,A,58\n1,B,31\n".utf8)[...])
/// let table = try reader.finish()      // one poll, two candidates
/// ```
///
/// - Complexity: O(bytes) time; memory O(longest record + what the table reader keeps: the whole
///   table, or the questions a report may choose).
public struct PollFileReader: Sendable {
    private var parser: CSVParser?
    private var reader = PollTableReader()
    private var pending: [UInt8] = []
    private let maxRecordBytes: Int

    /// The longest record accepted by default: 16 MiB.
    public static let defaultMaxRecordBytes = CSVParser.defaultMaxRecordBytes

    /// Remarks on quirks of the input that were handled, one line each (available after
    /// ``finish()``).
    public private(set) var notes: [String] = []

    /// The layout, once the header has been read.
    public var layout: PollFileLayout? { reader.layout }

    /// A reader waiting for the first chunk.
    ///
    /// - Parameter maxRecordBytes: the longest record accepted, in bytes (default
    ///   ``defaultMaxRecordBytes``); a longer one is a ``CSVError``, so no input takes memory
    ///   without bound.
    public init(maxRecordBytes: Int = PollFileReader.defaultMaxRecordBytes) {
        self.maxRecordBytes = maxRecordBytes
    }

    /// A reader that selects the questions of a report while it reads (see
    /// `PollTableReader.init(selecting:holding:)`), finished with `finishSelecting()`.
    ///
    /// - Parameters:
    ///   - options: the selection.
    ///   - holding: the questions held to the end of the input: `.none` for a file (read it again
    ///     holding the questions `finishSelecting()` finds split), `.all` for input that cannot
    ///     be read twice.
    ///   - maxRecordBytes: the longest record accepted (default ``defaultMaxRecordBytes``).
    package init(
        selecting options: PollSelection.Options, holding: PollTableReader.Holding = .none,
        maxRecordBytes: Int = PollFileReader.defaultMaxRecordBytes
    ) {
        self.maxRecordBytes = maxRecordBytes
        reader = PollTableReader(selecting: options, holding: holding)
    }

    /// Takes the next chunk of the file.
    ///
    /// - Throws: ``CSVError`` for malformed text or a problem in the poll file's records.
    /// - Complexity: O(chunk.count) amortised.
    public mutating func feed(_ chunk: ArraySlice<UInt8>) throws {
        if parser != nil {
            try parser!.feed(chunk) { try reader.consume($0) }
            return
        }
        // Until the first line is complete the delimiter is unknown: hold the bytes back.
        let lf = UInt8(ascii: "\n")
        guard chunk.contains(lf) || pending.count + chunk.count > maxRecordBytes else {
            pending.append(contentsOf: chunk)
            return
        }
        pending.append(contentsOf: chunk)
        let held = pending
        pending = []
        try start(held)
    }

    /// Reads what remains and returns the table.
    ///
    /// - Throws: ``CSVError`` for a poll file that ends in an unfinished record or lacks what its
    ///   layout requires.
    public mutating func finish() throws -> PollTable {
        try finishParsing()
        let table = try reader.finish()
        notes += reader.notes
        return table
    }

    /// Reads what remains and returns the questions kept with the selection, or the questions
    /// whose rows were found apart (read the input again holding them).
    ///
    /// - Throws: ``CSVError`` as ``PollTableReader/finishSelecting()``.
    package mutating func finishSelecting() throws -> PollTableReader.Outcome {
        try finishParsing()
        let outcome = try reader.finishSelecting()
        notes += reader.notes
        return outcome
    }

    private mutating func finishParsing() throws {
        if parser == nil {
            let held = pending
            pending = []
            try start(held)
        }
        try parser!.finish { try reader.consume($0) }
        if let note = parser!.byteOrderMarkNote { notes.append(note) }
    }

    /// Chooses the delimiter from the first line of `bytes` and parses them.
    private mutating func start(_ bytes: [UInt8]) throws {
        parser = CSVParser(delimiter: CSVParser.sniffedDelimiter(bytes), maxRecordBytes: maxRecordBytes)
        try parser!.feed(bytes[...]) { try reader.consume($0) }
    }
}
