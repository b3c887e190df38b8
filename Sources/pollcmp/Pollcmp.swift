import ArgumentParser
import PollCompare
import PollNumerics

/// `pollcmp`: compare polls from the command line. Reads and writes percentage points.
struct Pollcmp: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pollcmp",
        abstract: "Compare polls: leads, swings and their uncertainty.",
        discussion: """
            Shares are percentage points as polls publish them (58 means 58%). Leads are the first \
            candidate minus the second; a swing is the later lead minus the earlier one.

            Errors are one line on standard error, starting "pollcmp: error:". Exit codes: 0 \
            success, 1 `check` found differences, 64 usage error, 65 data error, 66 input missing \
            or unreadable, 69 the BLAS library cannot be loaded (or memory is too short for it), \
            73 output cannot be created, 74 I/O error.
            """,
        version: PollcmpVersion.current,
        subcommands: [
            IntervalCommand.self, LeadCommand.self, SwingCommand.self, ChangeCommand.self,
            MultinomialCommand.self, MarginCommand.self, SampleSizeCommand.self,
            DesignEffectCommand.self, CrosstabCommand.self, RakeCommand.self, MethodsCommand.self,
            ReportCommand.self, AverageCommand.self, CalibrateCommand.self,
            CheckCommand.self,
        ]
    )
}

enum PollcmpVersion {
    static let current = PollCompareRelease.version
}

/// The entry point: parses the arguments, runs the command, and turns every error into one line
/// on standard error and a documented exit code.
@main
enum PollcmpMain {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        var command: ParsableCommand
        do {
            command = try CommandLineParsing.parse(arguments)
        } catch {
            fail(error, arguments)
        }
        do {
            try command.run()
        } catch {
            fail(error, arguments)
        }
        Platform.exit(0)
    }

    /// Help and version go to standard output with exit 0; an error is one line with the
    /// subcommand's help hint.
    static func fail(_ error: Error, _ arguments: [String]) -> Never {
        if let blas = error as? BLASLoadError {
            StandardStreams.error(blas.description)
            Platform.exit(BLASLoadError.exitCode)
        }
        let code = Pollcmp.exitCode(for: error).rawValue
        if code == 0 {
            // --help, --version, `pollcmp help CMD`: ArgumentParser prints them.
            Pollcmp.exit(withError: error)
        }
        let message = Pollcmp.message(for: error)
        if !message.isEmpty {
            StandardStreams.error(CommandLineParsing.oneLine(message, arguments: arguments))
        }
        Platform.exit(code)
    }
}
