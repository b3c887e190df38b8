/// How `--a`/`--b` name a candidate: a party code (`DEM`), or a candidate's name as published
/// (FiveThirtyEight `answer` or `candidate_name`), ignoring case, as a whole word or words
/// (`Harris` matches "Kamala Harris"; `Harr` matches nothing).
public struct CandidateMatch: Sendable {
    /// The key as given.
    public let key: String
    private let lowered: String
    private let words: [Substring]

    /// A matcher for `key`.
    public init(_ key: String) {
        self.key = key
        lowered = key.lowercased()
        words = Self.words(lowered)
    }

    /// How candidate row `k` of `table` matches: `.party`, `.name` or nil.
    ///
    /// - Complexity: O(length of the names).
    public func match(_ table: PollTable, _ k: Int) -> Kind? {
        if matches(party: table.party[k]) { return .party }
        return matches(name: table.candidate[k]) || matches(name: table.fullName[k]) ? .name : nil
    }

    /// Whether `party` is the key, ignoring case.
    func matches(party: String) -> Bool {
        party.lowercased() == lowered
    }

    /// Whether `name` is the key, or holds the key's words as whole words, ignoring case.
    func matches(name: String) -> Bool {
        let l = name.lowercased()
        if l == lowered { return true }
        let w = Self.words(l)
        if !words.isEmpty, w.count >= words.count {
            for start in 0...(w.count - words.count) where Array(w[start..<(start + words.count)]) == words {
                return true
            }
        }
        return false
    }

    /// What a key matched.
    public enum Kind: Sendable { case party, name }

    /// The first candidate of question `q` that matches, preferring a party match when `byParty`
    /// is true and a name match when false (either when nil).
    public func find(_ table: PollTable, _ q: Int, byParty: Bool? = nil) -> (index: Int, kind: Kind)? {
        var fallback: (Int, Kind)?
        for k in table.candidateRange[q] {
            guard let kind = match(table, k) else { continue }
            if byParty == nil || (byParty == true) == (kind == .party) { return (k, kind) }
            if fallback == nil { fallback = (k, kind) }
        }
        return fallback
    }

    static func words(_ text: String) -> [Substring] {
        text.split { !($0.isLetter || $0.isNumber || $0 == "'") }
    }
}
