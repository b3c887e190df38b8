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
public struct CSVRecord {
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
        fields.append(Field(start: Int32(truncatingIfNeeded: start), end: Int32(truncatingIfNeeded: end),
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
/// LF or CRLF, fields optionally quoted with `"` (a doubled `""` inside is one quote; quoted
/// fields may hold delimiters and line breaks). A UTF-8 byte order mark at the very start is
/// skipped. An unterminated quote and text after a closing quote are errors; UTF-8 is checked
/// on the fields that are read.
///
/// Input may arrive in chunks (``feed(_:record:)``, then ``finish(record:)``): only the bytes of
/// a record that spans a chunk boundary are carried over, so memory does not grow with the file.
///
/// - Complexity: O(bytes).
public struct CSVParser {
    /// The field separator byte.
    public let delimiter: UInt8
    private var carry: [UInt8] = []
    private var nextLine = 1
    private var atStart = true

    /// A parser for `delimiter` (`,` or a tab).
    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
    }

    /// Parses a whole input at once.
    public static func parse(_ bytes: [UInt8], delimiter: UInt8 = UInt8(ascii: ","),
                             record: (CSVRecord) throws -> Void) throws {
        var parser = CSVParser(delimiter: delimiter)
        try parser.feed(bytes[...], record: record)
        try parser.finish(record: record)
    }

    /// Parses the complete records in `chunk` (plus what was carried over) and keeps the rest.
    public mutating func feed(_ chunk: ArraySlice<UInt8>, record: (CSVRecord) throws -> Void) throws {
        carry.append(contentsOf: chunk)
        // The end of the last complete record: after the last line feed outside quotes. The
        // carried text starts at a record boundary, so a line feed is outside quotes exactly when
        // an even number of quotes precede it: find the last line feed, count the quotes before it
        // (a branch-free pass), and step back a line while the count is odd.
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n")
        let cut: Int = carry.withUnsafeBufferPointer { b in
            var end = b.count - 1
            while end >= 0 && b[end] != lf { end -= 1 }
            guard end >= 0 else { return -1 }
            var quotes = 0
            for i in 0..<end { quotes &+= b[i] == quote ? 1 : 0 }
            while end >= 0 && quotes & 1 == 1 {
                // Inside a quoted field: move to the previous line feed, updating the count.
                end -= 1
                while end >= 0 && b[end] != lf {
                    if b[end] == quote { quotes -= 1 }
                    end -= 1
                }
            }
            return end
        }
        guard cut >= 0 else { return }
        try parseComplete(upTo: cut + 1, record: record)
    }

    /// Parses whatever remains at the end of the input.
    public mutating func finish(record: (CSVRecord) throws -> Void) throws {
        try parseComplete(upTo: carry.count, record: record)
    }

    private mutating func parseComplete(upTo end: Int, record: (CSVRecord) throws -> Void) throws {
        var startIndex = 0
        if atStart && end >= 3 && carry[0] == 0xEF && carry[1] == 0xBB && carry[2] == 0xBF { startIndex = 3 }
        if end > 0 { atStart = false }
        let delimiter = self.delimiter
        var line = nextLine
        try carry.withUnsafeBufferPointer { all in
            let b = UnsafeBufferPointer(rebasing: all[0..<end])
            var index = startIndex
            var lineStart = startIndex
            let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
            var current = CSVRecord(line: line, buffer: b)
            var inRecord = false
            while index < b.count || inRecord {
                if !inRecord {
                    // Skip blank lines.
                    if b[index] == lf || (b[index] == cr && index + 1 < b.count && b[index + 1] == lf) {
                        index += b[index] == cr ? 2 : 1
                        line += 1
                        lineStart = index
                        continue
                    }
                    current.reset(line: line)
                    inRecord = true
                }
                if index >= b.count {
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
                        throw CSVError(position: TextPosition(line: current.line, column: column),
                                       message: "unterminated quoted field")
                    }
                    current.add(fieldStart, k, column: column, quoted: true)
                    index = k + 1
                    if index < b.count && b[index] != delimiter && b[index] != lf && b[index] != cr {
                        throw CSVError(position: TextPosition(line: line, column: index - lineStart + 1),
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
        }
        nextLine = line
        carry.removeFirst(end)
    }
}
