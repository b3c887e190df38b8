/// Readable race labels: "2024 President: Pennsylvania", "2024 President: National".
public enum RaceLabel {
    /// The label of a FiveThirtyEight race from its `cycle`, `office_type`, `state`, `stage` and
    /// `seat_name`: "{cycle} {office}: {state or National}", the office without "U.S. ", the seat
    /// after the state where one is named, and the stage in parentheses unless it is the
    /// general election.
    ///
    /// - Complexity: O(length).
    public static func fiveThirtyEight(
        cycle: String, office: String, state: String, stage: String, seat: String = ""
    ) -> String {
        var officeName = office
        if officeName.hasPrefix("U.S. ") { officeName.removeFirst(5) }
        var label = [cycle, officeName].filter { !$0.isEmpty }.joined(separator: " ")
        label += ": " + (state.isEmpty ? "National" : state)
        if !seat.isEmpty { label += " " + seat }
        if !stage.isEmpty && stage.lowercased() != "general" { label += " (\(stage))" }
        return label
    }
}
