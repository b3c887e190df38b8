/// A field that groups a calibration (`pollcmp calibrate --by`): each group's label is the
/// field's value as published (FiveThirtyEight raw-polls columns, or the tidy file's columns of
/// the same names).
public enum CalibrationField: String, CaseIterable, Sendable {
    /// The kind of race: Pres-G, Sen-G, Gov-G, House-G, Pres-P (raw-polls `type_simple`).
    case typeSimple = "type_simple"
    /// The election year.
    case year
    /// How respondents were reached (raw-polls `methodology`, e.g. Live Phone, Online).
    case methodology
    /// Who ran the poll.
    case pollster
    /// Whether a party or campaign sponsored the poll (raw-polls `partisan`: D, R, IND; empty
    /// for nonpartisan polls).
    case partisan
    /// Where the race is (raw-polls `location`: a state code, a district such as ME-02, or US).
    case location

    /// The value of question `q` of `table`.
    ///
    /// - Complexity: O(1).
    public func value(in table: PollTable, _ q: Int) -> String {
        table.groupValue(rawValue, q) ?? ""
    }

    /// The fields as `--by` takes them.
    public static var names: [String] { allCases.map(\.rawValue) }
}
