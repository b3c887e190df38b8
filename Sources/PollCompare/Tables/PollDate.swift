/// A poll's calendar date: parsed from ISO `YYYY-MM-DD` (the tidy layout) or FiveThirtyEight's
/// `M/D/YY` and `M/D/YYYY`, kept as a day number for ordering and as ISO text for output.
public struct PollDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (proleptic Gregorian), the only stored field (4 bytes a date).
    private let days: Int32
    /// Days since 1970-01-01.
    public var day: Int { Int(days) }

    /// Parses `text`; two-digit years are 2000–2069 for 00–69 and 1970–1999 for 70–99.
    ///
    /// - Returns: nil when the text is not a valid date in one of the formats.
    /// - Complexity: O(length).
    public init?(_ text: String) {
        // Up to three runs of digits separated by "-" or "/", read byte by byte.
        var numbers = [0, 0, 0], widths = [0, 0, 0]
        var part = 0
        var separator: UInt8 = 0
        for byte in text.utf8 {
            if byte >= 48 && byte <= 57 {
                guard widths[part] < 4 else { return nil }
                numbers[part] = numbers[part] * 10 + Int(byte - 48)
                widths[part] += 1
            } else if (byte == 45 || byte == 47) && part < 2 && (separator == 0 || separator == byte)
                && widths[part] > 0
            {
                separator = byte
                part += 1
            } else {
                return nil
            }
        }
        guard part == 2, widths[2] > 0 else { return nil }
        var y = 0, m = 0, d = 0
        if separator == 45 {
            guard widths[0] == 4, widths[1] <= 2, widths[2] <= 2 else { return nil }
            (y, m, d) = (numbers[0], numbers[1], numbers[2])
        } else {
            guard widths[0] <= 2, widths[1] <= 2, widths[2] == 2 || widths[2] == 4 else { return nil }
            y = widths[2] == 2 ? (numbers[2] < 70 ? 2000 + numbers[2] : 1900 + numbers[2]) : numbers[2]
            (m, d) = (numbers[0], numbers[1])
        }
        guard (1...12).contains(m), d >= 1, d <= PollDate.daysInMonth(y, m) else { return nil }
        days = Int32(PollDate.daysFromCivil(y, m, d))
    }

    /// The date `day` days after 1970-01-01 (before it when negative).
    ///
    /// - Precondition: `day` fits in 32 bits.
    public init(day: Int) {
        days = Int32(day)
    }

    /// (year, month, day) from the day number (H. Hinnant's civil_from_days).
    public var civil: (year: Int, month: Int, day: Int) {
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysInMonth(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 (H. Hinnant, "chrono-compatible low-level date algorithms").
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// ISO 8601 text, YYYY-MM-DD.
    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(10)
        func digits(_ v: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var rest = v
            while divisor > 0 {
                bytes.append(UInt8(48 + (rest / divisor) % 10))
                rest %= divisor
                divisor /= 10
            }
        }
        let (year, month, dayOfMonth) = civil
        digits(year, 4); bytes.append(45); digits(month, 2); bytes.append(45); digits(dayOfMonth, 2)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Earlier dates first.
    public static func < (a: PollDate, b: PollDate) -> Bool { a.days < b.days }
}
