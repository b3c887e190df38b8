/// A position in an input file, 1-based, for error messages (`file:line:column`).
public struct TextPosition: Equatable, Sendable, CustomStringConvertible {
    /// 1-based line.
    public let line: Int
    /// 1-based column, in bytes.
    public let column: Int
    /// A position.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// A problem with delimited text: what is wrong and where.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem is.
    public let position: TextPosition
    /// What is wrong, one line.
    public let message: String
    /// An error at `position`.
    public init(position: TextPosition, message: String) {
        self.position = position
        self.message = message
    }
    public var description: String { "\(position): \(message)" }
}

/// One record of delimited text: its fields as byte ranges of the parser's buffer, decoded to
/// text only when asked for (so unused columns cost no allocation).
package struct CSVRecord {
    /// The line the record starts on.
    public private(set) var line: Int
    /// One field: its bytes [start, end) in the buffer, its column, and whether it was quoted.
    fileprivate struct Field {
        var start: Int32, end: Int32, column: Int32, quoted: Bool
    }
    fileprivate var fields: [Field] = []
    fileprivate var buffer: UnsafeBufferPointer<UInt8>

    fileprivate init(line: Int, buffer: UnsafeBufferPointer<UInt8>) {
        self.line = line
        self.buffer = buffer
    }

    /// Empties the record for reuse, keeping the arrays' storage (one allocation per input, not
    /// four per record).
    fileprivate mutating func reset(line: Int) {
        self.line = line
        fields.removeAll(keepingCapacity: true)
    }

    fileprivate mutating func add(_ start: Int, _ end: Int, column: Int, quoted: Bool) {
        fields.append(
            Field(
                start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
                column: Int32(truncatingIfNeeded: column), quoted: quoted))
    }

    private func bounds(_ i: Int) -> Range<Int> { Int(fields[i].start)..<Int(fields[i].end) }

    /// Whether field `i` is `ascii` (ignoring ASCII case), without decoding it.
    public func equals(_ i: Int, _ ascii: StaticString) -> Bool {
        let n = ascii.utf8CodeUnitCount
        let start = Int(fields[i].start)
        guard Int(fields[i].end) - start == n else { return false }
        let p = ascii.utf8Start
        for k in 0..<n where buffer[start + k] | 0x20 != p[k] | 0x20 { return false }
        return true
    }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Field `i`'s bytes as they stand in the input (for a quoted field, those between the quotes,
    /// doubled quotes kept) and whether it was quoted. Two fields with the same bytes and quoting
    /// have the same text, so a reader can recognise a value it has decoded before
    /// (``FieldMemo``). Valid only while the record is.
    func raw(_ i: Int) -> (bytes: UnsafeBufferPointer<UInt8>, quoted: Bool) {
        (UnsafeBufferPointer(rebasing: buffer[bounds(i)]), fields[i].quoted)
    }

    /// Where field `i` starts.
    public func position(_ i: Int) -> TextPosition {
        TextPosition(line: line, column: Int(fields[i].column))
    }

    /// Field `i` as text (quotes removed, doubled quotes undone).
    ///
    /// - Throws: ``CSVError`` when the bytes are not UTF-8.
    public func text(_ i: Int) throws -> String {
        let slice = UnsafeBufferPointer(rebasing: buffer[bounds(i)])
        if fields[i].quoted {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(slice.count)
            var k = 0
            while k < slice.count {
                bytes.append(slice[k])
                k += slice[k] == UInt8(ascii: "\"") ? 2 : 1
            }
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw CSVError(position: position(i), message: "bytes that are not UTF-8")
            }
            return s
        }
        // ASCII needs no validation (the common case, and the validating initialiser is slow).
        var ascii: UInt8 = 0
        for byte in slice { ascii |= byte }
        if ascii < 0x80 { return String(decoding: slice, as: UTF8.self) }
        guard let s = String(validating: slice, as: UTF8.self) else {
            throw CSVError(position: position(i), message: "bytes that are not UTF-8")
        }
        return s
    }

    /// Field `i` as a number without allocating, or nil when it is not one.
    public func number(_ i: Int) -> Double? {
        let slice = UnsafeBufferPointer(rebasing: buffer[bounds(i)])
        guard !slice.isEmpty, slice.count < 64 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: slice.count) { tmp in
            _ = tmp.initialize(from: slice)
            return Double(Substring(decoding: tmp, as: UTF8.self))
        }
    }
}

/// Parses RFC 4180 delimited text: fields separated by a delimiter (comma or tab), records by
/// LF, CRLF or a lone CR, fields optionally quoted with `"` (a doubled `""` inside is one quote;
/// quoted fields may hold delimiters and line breaks). A quote is special only at the start of a
/// field: inside an unquoted field it is an ordinary character (`Jo"e` reads as `Jo"e`). A UTF-8
/// byte order mark at the very start is skipped; one at the start of any later field (files
/// joined with `cat`) is skipped too, and counted in ``byteOrderMarks`` so callers can say so.
/// An unterminated quote and text after a closing quote are errors; UTF-8 is checked on the
/// fields that are read.
///
/// Input may arrive in chunks (``feed(_:record:)``, then ``finish(record:)``): a small state
/// machine remembers whether the bytes seen so far end inside a quoted field, so each byte is
/// scanned once however the input is cut, and only the bytes of a record that spans a chunk
/// boundary are carried over. A record may be at most ``maxRecordBytes`` long (16 MiB by
/// default): input with no line end (`/dev/zero`) or an unterminated quote fails with the
/// position where the record starts instead of growing without bound.
///
/// Example:
/// ```swift
/// var parser = CSVParser()
/// try parser.feed(Array("id,name\n1,\"Lee, Jo\"\n".utf8)[...]) { print(try $0.text(1)) }
/// try parser.finish { print(try $0.text(1)) }      // prints name, then Lee, Jo
/// ```
///
/// - Complexity: O(bytes) time whatever the chunk sizes; O(longest record + chunk) memory.
package struct CSVParser: Sendable {
    /// The default cap on one record's length: 16 MiB.
    public static let defaultMaxRecordBytes = 16 << 20
    /// Input is taken in pieces of at most this many bytes, so that byte offsets within the
    /// carried buffer stay far below 2³¹ (fields store them as 32-bit integers).
    static let pieceBytes = 1 << 20

    /// The field separator byte.
    public let delimiter: UInt8
    /// The longest record accepted, in bytes.
    public let maxRecordBytes: Int
    /// How many byte order marks were skipped after the start of the input.
    public private(set) var byteOrderMarks = 0
    /// Where the first of them was.
    public private(set) var firstByteOrderMark: TextPosition?

    /// A one-line remark on the byte order marks skipped after the start of the input
    /// (`12:1: a byte order mark (U+FEFF) in the middle of the file, skipped …`), or nil.
    public var byteOrderMarkNote: String? {
        guard let first = firstByteOrderMark else { return nil }
        let more = byteOrderMarks > 1 ? " and \(byteOrderMarks - 1) more" : ""
        return "\(first): a byte order mark (U+FEFF) in the middle of the file\(more), skipped (were files joined?)"
    }

    private var carry: [UInt8] = []
    private var nextLine = 1
    private var atStart = true
    /// How much of `carry` the scanner has seen, and what it was in at that point.
    private var scanned = 0
    /// Whether the pending bytes go through the scanner (a record longer than the pieces it
    /// arrives in) rather than straight to the parser.
    private var scanning = false
    private var state = ScanState.inputStart
    /// The offset in `carry` of the quote that opened the field the scanner is in.
    private var openQuote = 0

    /// Where the scanner is within a record (see ``feed(_:record:)``).
    private enum ScanState {
        /// At the very start of the input, where a byte order mark is skipped before the
        /// first field's own check (so up to two marks there, as the parser does).
        case inputStart
        /// At the start of a field, where a quote opens a quoted field and one byte order mark
        /// is skipped.
        case fieldStart
        /// At the start of a field just after its byte order mark: a second mark is text.
        case fieldStartAfterMark
        /// Inside an unquoted field.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just after a quote inside a quoted field: a second quote makes it an escaped quote.
        case quoteInQuoted
        /// Just after a CR outside quotes: an LF next belongs to the same line end.
        case afterCR
        /// After the first one or two bytes of a byte order mark at the start of the input.
        case inputMark1, inputMark2
        /// After the first one or two bytes of a byte order mark at the start of a field.
        case fieldMark1, fieldMark2
    }

    /// A parser for `delimiter` (`,` or a tab; any byte up to `,` other than a quote, CR or LF).
    ///
    /// - Parameter maxRecordBytes: the longest record accepted (at least 1, at most 1 GiB).
    public init(delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = CSVParser.defaultMaxRecordBytes) {
        precondition(
            delimiter <= 44 && delimiter != UInt8(ascii: "\"") && delimiter != 10 && delimiter != 13,
            "the delimiter must be a byte up to \",\" other than a quote, CR or LF")
        precondition(maxRecordBytes >= 1 && maxRecordBytes <= 1 << 30, "maxRecordBytes must be in 1...2³⁰")
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    /// The delimiter a file's first line announces: a tab when that line holds a tab and no
    /// comma, else a comma.
    ///
    /// - Complexity: O(first line).
    static func sniffedDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let tabbed = firstLine.contains(UInt8(ascii: "\t")) && !firstLine.contains(UInt8(ascii: ","))
        return tabbed ? UInt8(ascii: "\t") : UInt8(ascii: ",")
    }

    /// Parses a whole input at once.
    ///
    /// - Complexity: O(bytes).
    public static func parse(
        _ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","),
        record: (CSVRecord) throws -> Void
    ) throws {
        var parser = CSVParser(delimiter: delimiter)
        try parser.feed(bytes[...], record: record)
        try parser.finish(record: record)
    }

    /// Parses the complete records in `chunk` (plus what was carried over) and keeps the rest.
    ///
    /// - Throws: ``CSVError`` for malformed text, or when the record in progress is longer than
    ///   ``maxRecordBytes``.
    /// - Complexity: O(chunk.count) amortised, whatever the chunk sizes.
    public mutating func feed(_ chunk: ArraySlice<UInt8>, record: (CSVRecord) throws -> Void) throws {
        var rest = chunk
        while !rest.isEmpty {
            let piece = rest.prefix(Self.pieceBytes)
            rest = rest.dropFirst(piece.count)
            let pending = carry.count
            carry.append(contentsOf: piece)
            // One pass: parse the records as they are, leaving a record the piece ends inside for
            // the next piece. That re-reads the pending bytes, so only while they are no more than
            // the piece (linear overall); a longer record, or one whose text is wrong before it is
            // complete (its error, or the record cap, decides once it ends), goes to the scanner.
            if !scanning && pending <= piece.count {
                if try !parseComplete(upTo: carry.count, final: false, record: record) { startScanning() }
            } else if !scanning {
                startScanning()
            }
            if scanning {
                let cut = scan()
                if cut > 0 {
                    _ = try parseComplete(upTo: cut, final: true, record: record)
                    scanning = false
                }
            }
            if carry.count > maxRecordBytes {
                if !scanning {
                    startScanning()
                    _ = scan()
                }
                throw tooLong()
            }
        }
    }

    /// Hands the pending bytes (which start at a record boundary) to the scanner.
    private mutating func startScanning() {
        scanning = true
        scanned = 0
        openQuote = 0
        state = atStart ? .inputStart : .fieldStart
    }

    /// Parses whatever remains at the end of the input (which ends the input: feed no more).
    ///
    /// - Throws: ``CSVError`` for malformed text, such as a quote still open at the end.
    public mutating func finish(record: (CSVRecord) throws -> Void) throws {
        _ = try parseComplete(upTo: carry.count, final: true, record: record)
        scanning = false
    }

    /// Runs the scanner over the bytes not yet seen and returns the end of the last complete
    /// record in `carry` (0 when there is none). Its rules are the parser's: a quote opens a
    /// quoted field only at a field's start, a byte order mark there is transparent, and LF,
    /// CRLF and a lone CR outside quotes end a record.
    private mutating func scan() -> Int {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        let delimiter = self.delimiter
        var state = self.state
        var openQuote = self.openQuote
        var cut = 0
        let start = scanned
        carry.withUnsafeBufferPointer { b in
            let n = b.count
            var i = start
            while i < n {
                switch state {
                case .inputStart, .fieldStart, .fieldStartAfterMark:
                    let c = b[i]
                    if c == 0xEF && state != .fieldStartAfterMark {
                        state = state == .inputStart ? .inputMark1 : .fieldMark1
                        i += 1
                        continue
                    }
                    i += 1
                    if c == quote {
                        state = .quoted
                        openQuote = i - 1
                    } else if c == lf {
                        cut = i
                        state = .fieldStart
                    } else if c == cr {
                        state = .afterCR
                    } else if c == delimiter {
                        state = .fieldStart
                    } else {
                        state = .unquoted
                    }
                case .unquoted:
                    // Every terminator (",", tab, LF, CR) is at most 44: most bytes pass one test.
                    while i < n {
                        let c = b[i]
                        if c > 44 || (c != delimiter && c != lf && c != cr) { i += 1 } else { break }
                    }
                    guard i < n else { break }
                    let c = b[i]
                    i += 1
                    if c == delimiter {
                        state = .fieldStart
                    } else if c == lf {
                        cut = i
                        state = .fieldStart
                    } else {
                        state = .afterCR
                    }
                case .quoted:
                    while i < n && b[i] != quote { i += 1 }
                    guard i < n else { break }
                    i += 1
                    state = .quoteInQuoted
                case .quoteInQuoted:
                    // A second quote is an escaped quote; anything else ends the quoted part
                    // (text other than a terminator is the parser's "text after a closing quote").
                    if b[i] == quote {
                        i += 1
                        state = .quoted
                    } else {
                        state = .unquoted
                    }
                case .afterCR:
                    if b[i] == lf { i += 1 }
                    cut = i
                    state = .fieldStart
                case .inputMark1, .fieldMark1:
                    // Not a mark after all: the bytes so far are text, and this byte is looked
                    // at again as part of an unquoted field.
                    if b[i] == 0xBB {
                        i += 1; state = state == .inputMark1 ? .inputMark2 : .fieldMark2
                    } else {
                        state = .unquoted
                    }
                case .inputMark2, .fieldMark2:
                    if b[i] == 0xBF {
                        i += 1; state = state == .inputMark2 ? .fieldStart : .fieldStartAfterMark
                    } else {
                        state = .unquoted
                    }
                }
            }
        }
        scanned = carry.count
        self.state = state
        self.openQuote = openQuote
        return cut
    }

    /// The error for a record that reached ``maxRecordBytes``: where it starts (or where its
    /// open quote is), and what was expected.
    private func tooLong() -> CSVError {
        let size = maxRecordBytes % (1 << 20) == 0 ? "\(maxRecordBytes >> 20) MiB" : "\(maxRecordBytes) bytes"
        let lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        // The pending bytes start at a record boundary; blank lines before the record do not count.
        var line = nextLine
        var start = 0
        while start < carry.count {
            if carry[start] == lf {
                start += 1
            } else if carry[start] == cr && start + 1 < carry.count && carry[start + 1] == lf {
                start += 2
            } else {
                break
            }
            line += 1
        }
        if state == .quoted || state == .quoteInQuoted {
            var column = 1
            for k in start..<openQuote {
                if carry[k] == lf { line += 1; column = 1 } else { column += 1 }
            }
            return CSVError(
                position: TextPosition(line: line, column: column),
                message: "quoted field still open after \(size); expected a closing quote (is one missing?)")
        }
        return CSVError(
            position: TextPosition(line: line, column: 1),
            message: "record longer than \(size) with no end of line; expected records of at most \(size)")
    }

    /// Parses the records in `carry[0..<end]` and removes their bytes. With `final`, every record
    /// there is complete (the scanner cut there, or the input ended). Without it, `end` is where
    /// the bytes so far end: a record without its line end (or whose CR may yet be followed by
    /// an LF) is left in `carry` with the line and byte order mark counts as they were before
    /// it, and a malformed record is left there too, returning false: whether it is an error or
    /// too long is decided once it is complete.
    private mutating func parseComplete(upTo end: Int, final: Bool, record: (CSVRecord) throws -> Void) throws -> Bool {
        var startIndex = 0
        // Without the first three bytes it is not known whether they are a byte order mark.
        if atStart && !final && end < 3 { return true }
        if atStart && end >= 3 && carry[0] == 0xEF && carry[1] == 0xBB && carry[2] == 0xBF { startIndex = 3 }
        let delimiter = self.delimiter
        var line = nextLine
        var marks = byteOrderMarks, firstMark = firstByteOrderMark
        // Where the record in progress started, and the counts before it.
        var kept = (index: startIndex, line: line, marks: marks, firstMark: firstMark)
        var decided = true
        // An error ends the input: the marks seen up to it still count.
        var failed = true
        defer {
            if failed { byteOrderMarks = marks; firstByteOrderMark = firstMark }
        }
        try carry.withUnsafeBufferPointer { all in
            let b = UnsafeBufferPointer(rebasing: all[0..<end])
            var index = startIndex
            var lineStart = startIndex
            let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            var current = CSVRecord(line: line, buffer: b)
            var inRecord = false
            /// Ends the pass at the record in progress (not final: its bytes are kept).
            func keep(decided d: Bool = true) {
                decided = d
                (line, marks, firstMark) = (kept.line, kept.marks, kept.firstMark)
            }
            while index < b.count || inRecord {
                if !inRecord {
                    kept = (index, line, marks, firstMark)
                    // Skip blank lines.
                    if b[index] == cr && index + 1 == b.count && !final { keep(); return }
                    if b[index] == lf || (b[index] == cr && index + 1 < b.count && b[index + 1] == lf) {
                        index += b[index] == cr ? 2 : 1
                        line += 1
                        lineStart = index
                        continue
                    }
                    current.reset(line: line)
                    inRecord = true
                }
                // A byte order mark at the start of a field (files joined with `cat`) is skipped.
                if index + 2 < b.count && b[index] == 0xEF && b[index + 1] == 0xBB && b[index + 2] == 0xBF {
                    marks += 1
                    if firstMark == nil { firstMark = TextPosition(line: line, column: index - lineStart + 1) }
                    index += 3
                }
                if index >= b.count {
                    if !final { keep(); return }
                    // A trailing delimiter at the very end leaves one more, empty field.
                    current.add(index, index, column: index - lineStart + 1, quoted: false)
                    try record(current)
                    inRecord = false
                    break
                }
                let column = index - lineStart + 1
                if b[index] == quote {
                    let fieldStart = index + 1
                    var k = fieldStart
                    var closed = false
                    while k < b.count {
                        if b[k] == quote {
                            if k + 1 < b.count && b[k + 1] == quote { k += 2; continue }
                            closed = true
                            break
                        }
                        if b[k] == lf { line += 1; lineStart = k + 1 }
                        k += 1
                    }
                    guard closed else {
                        if !final { keep(); return }
                        throw CSVError(
                            position: TextPosition(line: current.line, column: column),
                            message: "unterminated quoted field")
                    }
                    current.add(fieldStart, k, column: column, quoted: true)
                    index = k + 1
                    if index < b.count && b[index] != delimiter && b[index] != lf && b[index] != cr {
                        if !final { keep(decided: false); return }
                        throw CSVError(
                            position: TextPosition(line: line, column: index - lineStart + 1),
                            message: "text after a closing quote")
                    }
                } else {
                    let fieldStart = index
                    // Every terminator (",", tab, LF, CR) is at most 44: most bytes pass one test.
                    while index < b.count {
                        let c = b[index]
                        if c > 44 || (c != delimiter && c != lf && c != cr) { index += 1 } else { break }
                    }
                    current.add(fieldStart, index, column: column, quoted: false)
                }
                if !final && (index >= b.count || (b[index] == cr && index + 1 >= b.count)) { keep(); return }
                if index < b.count && b[index] == delimiter {
                    index += 1
                    continue
                }
                if index < b.count && b[index] == cr { index += 1 }
                if index < b.count && b[index] == lf { index += 1 }
                try record(current)
                inRecord = false
                line += 1
                lineStart = index
            }
            kept.index = index
        }
        failed = false
        byteOrderMarks = marks
        firstByteOrderMark = firstMark
        nextLine = line
        if kept.index > 0 { atStart = false }
        carry.removeFirst(kept.index)
        return decided
    }
}
