extension String {
    /// The string without leading and trailing spaces and tabs (no Foundation needed).
    package func trimmingSpaces() -> String {
        guard let first = utf8.first, let last = utf8.last,
            first == 32 || first == 9 || last == 32 || last == 9
        else { return self }
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return String(s)
    }
}
