/// Reads a poll file from chunks of bytes, as they come from a file or a pipe: the delimiter is
/// recognised from the first line, the text parsed as RFC 4180 CSV and the records read into a
/// ``PollTable``.
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
/// - Complexity: O(bytes) time; memory O(longest record + the table's kept columns).
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
        if parser == nil {
            let held = pending
            pending = []
            try start(held)
        }
        try parser!.finish { try reader.consume($0) }
        let table = try reader.finish()
        if let note = parser!.byteOrderMarkNote { notes.append(note) }
        notes += reader.notes
        return table
    }

    /// Chooses the delimiter from the first line of `bytes` and parses them.
    private mutating func start(_ bytes: [UInt8]) throws {
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let tabbed = firstLine.contains(UInt8(ascii: "\t")) && !firstLine.contains(UInt8(ascii: ","))
        parser = CSVParser(delimiter: tabbed ? UInt8(ascii: "\t") : UInt8(ascii: ","), maxRecordBytes: maxRecordBytes)
        try parser!.feed(bytes[...]) { try reader.consume($0) }
    }
}
