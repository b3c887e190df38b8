import ArgumentParser

/// `pollcmp`: compare polls from the command line. Reads and writes percentage points.
@main
struct Pollcmp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pollcmp",
        abstract: "Compare polls: leads, swings and their uncertainty.",
        discussion: """
            Shares are percentage points as polls publish them (58 means 58%). Leads are the first \
            candidate minus the second; a swing is the later lead minus the earlier one.

            Exit codes: 0 success, 64 usage error, 65 data error, 66 input missing or unreadable, \
            73 output cannot be created, 74 I/O error.
            """,
        version: PollcmpVersion.current,
        subcommands: [IntervalCommand.self, LeadCommand.self, SwingCommand.self, ChangeCommand.self,
                      MultinomialCommand.self, MarginCommand.self, SampleSizeCommand.self,
                      DesignEffectCommand.self, MethodsCommand.self, ReportCommand.self, CheckCommand.self]
    )
}

enum PollcmpVersion {
    static let current = "0.1.0"
}
