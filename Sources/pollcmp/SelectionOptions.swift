import ArgumentParser
import PollCompare

/// Candidates A and B of the commands that read poll files (`report`, `average`).
struct CandidateOptions: ParsableArguments {
    @Option(name: .long, help: "Candidate A by name or party (default: each poll's leader).")
    var a: String?
    @Option(name: .long, help: "Candidate B by name or party (default: each poll's runner-up).")
    var b: String?
}

/// The filters of the commands that read poll files: `--where`, `--from`, `--to` (`report`,
/// `average`, `calibrate`).
struct FilterOptions: ParsableArguments {
    @Option(
        name: .customLong("where"),
        help: ArgumentHelp(
            "Keep questions whose FIELD is one of the values (repeatable; all must hold).",
            valueName: "field=value[,value…]"))
    var conditions: [String] = []

    @Option(name: .long, help: ArgumentHelp("Keep polls ending on or after this date (YYYY-MM-DD).", valueName: "date"))
    var from: String?

    @Option(
        name: .long, help: ArgumentHelp("Keep polls ending on or before this date (YYYY-MM-DD).", valueName: "date"))
    var to: String?

    /// The filters, checked before the file is read.
    func filter() throws -> PollFilter {
        do {
            return try PollFilter(where: conditions, from: from, to: to)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// Which questions of a poll file are read: filters, questions per poll, ballot, populations and
/// opt-in methodologies (`report`, `average`).
struct SelectionOptions: ParsableArguments {
    @OptionGroup var filters: FilterOptions

    @Option(name: .long, help: "one (a question per poll and race, the default) or all.")
    var questions: QuestionsArgument = .one

    @Option(
        name: .long, help: "Which question of a poll: head-to-head (fewest candidates, the default) or full (most).")
    var ballot: BallotArgument = .headToHead

    @Option(
        name: .customLong("population-order"),
        help: ArgumentHelp("Populations in order of preference when a poll asks several.", valueName: "list"))
    var populationOrder: String = "lv,rv,v,a"

    @Option(
        name: [.customLong("opt-in")],
        help: ArgumentHelp(
            "Methodologies that are opt-in samples, comma-separated (e.g. \"Online Panel,Text-to-Web\"); default none.",
            valueName: "methods"))
    var optIn: String?

    /// The filters, checked before the file is read.
    func filter() throws -> PollFilter {
        try filters.filter()
    }

    /// The selection with candidates A and B.
    func selection(_ candidates: CandidateOptions) throws -> PollSelection.Options {
        var options = PollSelection.Options()
        options.a = candidates.a
        options.b = candidates.b
        options.filter = try filter()
        options.questions = questions.value
        options.ballot = ballot.value
        options.populationOrder = populationOrder.split(separator: ",").map { String($0).trimmingSpaces().lowercased() }
        return options
    }

    /// The opt-in methodologies.
    var optInMethods: [String] {
        optIn.map { $0.split(separator: ",").map { String($0).trimmingSpaces() } } ?? []
    }
}
