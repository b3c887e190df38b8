/// τ from a saved `pollcmp calibrate` table (`--tse-from FILE --tse-group G`): the `tau` of the
/// row whose `group` is G, so an interval can carry the non-sampling error measured on a slice
/// of the record without copying the number by hand.
public enum SavedCalibration {
    /// The total error of group `group` in the calibration CSV `bytes` (a header row with
    /// `group` and `tau` columns, as `pollcmp calibrate --format csv` writes it; comma- or
    /// tab-separated as its first line says).
    ///
    /// - Throws: ``CSVError`` with the position of the problem: malformed CSV, a header without
    ///   `group` or `tau`, no row of that group, or a `tau` that is empty, not a number or
    ///   negative.
    /// - Complexity: O(bytes).
    public static func totalError(_ bytes: [UInt8], group: String) throws -> TotalError {
        var columns: (group: Int, tau: Int)?
        var found: TotalError?
        var groups: [String] = []
        func consume(_ r: CSVRecord) throws {
            guard found == nil else { return }
            guard let (g, t) = columns else {
                var names: [String] = []
                for i in 0..<r.count { names.append(try r.text(i).trimmingSpaces()) }
                guard let g = names.firstIndex(of: "group"), let t = names.firstIndex(of: "tau") else {
                    throw CSVError(
                        position: TextPosition(line: r.line, column: 1),
                        message:
                            "the header has no group and tau columns; expected a table written by pollcmp calibrate --format csv"
                    )
                }
                columns = (g, t)
                return
            }
            guard r.count > max(g, t) else { return }
            let name = try r.text(g).trimmingSpaces()
            guard name == group else {
                if groups.count < 8 { groups.append(name) }
                return
            }
            let text = try r.text(t).trimmingSpaces()
            guard let tau = Double(text), tau.isFinite, tau >= 0 else {
                throw CSVError(
                    position: r.position(t),
                    message: "tau \"\(text)\" of group \"\(group)\" is not a number of points, 0 or more")
            }
            found = try TotalError(tau: tau)
        }
        try CSVParser.parse(bytes, delimiter: CSVParser.sniffedDelimiter(bytes), record: consume)
        guard columns != nil else {
            throw CSVError(
                position: TextPosition(line: 1, column: 1),
                message: "empty file; expected a table written by pollcmp calibrate --format csv")
        }
        guard let found else {
            throw CSVError(
                position: TextPosition(line: 1, column: 1),
                message:
                    "no row of group \"\(group)\" (groups: \(groups.joined(separator: ", "))\(groups.count == 8 ? ", …" : ""))"
            )
        }
        return found
    }
}
