/// A poll's calendar date: parsed from ISO `YYYY-MM-DD` (the tidy layout) or FiveThirtyEight's
/// `M/D/YY` and `M/D/YYYY`, kept as a day number for ordering and as ISO text for output.
public struct PollDate: Comparable, Hashable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (proleptic Gregorian).
    public let day: Int
    public let year: Int, month: Int, dayOfMonth: Int

    /// Parses `text`; two-digit years are 2000–2069 for 00–69 and 1970–1999 for 70–99.
    ///
    /// - Returns: nil when the text is not a valid date in one of the formats.
    /// - Complexity: O(length).
    public init?(_ text: String) {
        let parts: [Substring]
        var y = 0, m = 0, d = 0
        if text.contains("-") {
            parts = text.split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, let yy = Int(parts[0]), let mm = Int(parts[1]), let dd = Int(parts[2]),
                  parts[1].count <= 2, parts[2].count <= 2 else { return nil }
            (y, m, d) = (yy, mm, dd)
        } else if text.contains("/") {
            parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 3, let mm = Int(parts[0]), let dd = Int(parts[1]), let yy = Int(parts[2]),
                  parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4 else { return nil }
            y = parts[2].count == 2 ? (yy < 70 ? 2000 + yy : 1900 + yy) : yy
            (m, d) = (mm, dd)
        } else {
            return nil
        }
        guard (1...12).contains(m), d >= 1, d <= PollDate.daysInMonth(y, m) else { return nil }
        year = y
        month = m
        dayOfMonth = d
        day = PollDate.daysFromCivil(y, m, d)
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
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2))"
    }

    public static func < (a: PollDate, b: PollDate) -> Bool { a.day < b.day }
}
