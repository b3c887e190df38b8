/// The questions of a poll file that a report uses, and how they were chosen: what a
/// ``PollFileReader`` made with ``PollSelection/Options`` keeps of a file while reading it.
///
/// `table` holds the questions that may be chosen (with one question per poll and race, the
/// chosen ones; with ``PollSelection/Questions/all``, every eligible question), in file order;
/// `selection` indexes them and gives the notes and counts of the whole file, as
/// ``PollSelection/init(_:options:)`` gives them for the file's whole table.
public struct SelectedPolls: Sendable {
    /// The questions kept, in file order, with their candidates.
    public let table: PollTable
    /// The selection, indexing `table`.
    public let selection: PollSelection

    /// Pairs a table with its selection (whose choices index it).
    public init(table: PollTable, selection: PollSelection) {
        self.table = table
        self.selection = selection
    }
}
