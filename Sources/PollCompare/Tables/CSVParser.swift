/// A position in an input file, 1-based, for error messages (`file:line:column`).
public struct TextPosition: Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column)" }
}

/// A problem with delimited text: what is wrong and where.
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public let position: TextPosition
    public let message: String
    public var description: String { "\(position): \(message)" }
}

/// A field of a record with where it started.
public struct CSVField: Equatable, Sendable {
    public let text: String
    public let position: TextPosition
}

/// Parses RFC 4180 delimited text: fields separated by a delimiter (comma or tab), records by
/// LF or CRLF, fields optionally quoted with `"` (a doubled `""` inside is one quote, and quoted
/// fields may hold delimiters and line breaks). A UTF-8 byte order mark at the start is skipped.
/// Bytes that are not UTF-8 are an error, as is an unterminated quote or text after a closing
/// quote.
///
/// The parser walks the bytes once and hands each record to a closure, so a caller can keep only
/// the columns it needs (peak memory does not grow with unused columns).
///
/// - Complexity: O(bytes).
public struct CSVParser {
    public let delimiter: UInt8

    /// A parser for `delimiter` (`,` or a tab).
    public init(delimiter: UInt8 = UInt8(ascii: ",")) {
        self.delimiter = delimiter
    }

    /// Calls `record` with each record's fields and the record's line number. Blank lines are
    /// skipped. Throws the first ``CSVError`` met, or whatever `record` throws.
    public func parse(_ bytes: [UInt8], record: ([CSVField], Int) throws -> Void) throws {
        var index = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        var line = 1
        var lineStart = index
        var fields: [CSVField] = []
        var recordLine = 1
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        func decode(_ slice: ArraySlice<UInt8>, at position: TextPosition) throws -> String {
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw CSVError(position: position, message: "bytes that are not UTF-8")
            }
            return text
        }

        while index < bytes.count || !fields.isEmpty {
            if index >= bytes.count {
                try record(fields, recordLine)
                fields.removeAll(keepingCapacity: true)
                break
            }
            if fields.isEmpty {
                recordLine = line
                // Blank line.
                if bytes[index] == lf || (bytes[index] == cr && index + 1 < bytes.count && bytes[index + 1] == lf) {
                    index += bytes[index] == cr ? 2 : 1
                    line += 1
                    lineStart = index
                    continue
                }
            }
            let position = TextPosition(line: line, column: index - lineStart + 1)
            var text: String
            if bytes[index] == quote {
                var buffer: [UInt8] = []
                index += 1
                var closed = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == quote {
                        if index + 1 < bytes.count && bytes[index + 1] == quote {
                            buffer.append(quote)
                            index += 2
                            continue
                        }
                        index += 1
                        closed = true
                        break
                    }
                    if byte == lf {
                        line += 1
                        lineStart = index + 1
                    }
                    buffer.append(byte)
                    index += 1
                }
                guard closed else { throw CSVError(position: position, message: "unterminated quoted field") }
                text = try decode(buffer[...], at: position)
                if index < bytes.count && bytes[index] != delimiter && bytes[index] != lf && bytes[index] != cr {
                    throw CSVError(position: TextPosition(line: line, column: index - lineStart + 1),
                                   message: "text after a closing quote")
                }
            } else {
                let start = index
                while index < bytes.count && bytes[index] != delimiter && bytes[index] != lf && bytes[index] != cr {
                    index += 1
                }
                text = try decode(bytes[start..<index], at: position)
            }
            fields.append(CSVField(text: text, position: position))
            if index < bytes.count && bytes[index] == delimiter {
                index += 1
                if index == bytes.count {
                    // A trailing delimiter at the very end: one more empty field.
                    fields.append(CSVField(text: "", position: TextPosition(line: line, column: index - lineStart + 1)))
                }
                continue
            }
            // End of record.
            if index < bytes.count && bytes[index] == cr { index += 1 }
            if index < bytes.count && bytes[index] == lf { index += 1 }
            try record(fields, recordLine)
            fields.removeAll(keepingCapacity: true)
            line += 1
            lineStart = index
        }
    }
}
