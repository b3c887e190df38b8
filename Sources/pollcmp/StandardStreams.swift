import ArgumentParser
import PollCompare

/// Writing to stdout and stderr without Foundation (which would slow start-up).
enum StandardStreams {
    /// Writes `text` to standard output. A reader that has gone (a closed pipe) ends the program
    /// quietly; any other write error is one line and exit 74.
    static func write(_ text: String) {
        let failed = writeAll(text, to: 1)
        if failed == Platform.brokenPipe { Platform.endOnClosedPipe() }
        if failed != 0 {
            writeAll("pollcmp: error: cannot write to standard output: \(Platform.describe(failed))\n", to: 2)
            Platform.exit(74)
        }
    }

    /// One line `pollcmp: error: message` on standard error.
    static func error(_ message: String) {
        writeAll("pollcmp: error: \(message)\n", to: 2)
    }

    /// One line `pollcmp: note: message` on standard error.
    static func note(_ message: String) {
        writeAll("pollcmp: note: \(message)\n", to: 2)
    }

    @discardableResult
    private static func writeAll(_ text: String, to fd: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { Platform.writeAll(fd, UnsafeRawBufferPointer($0)) }
    }
}

/// Data errors print one line on stderr and exit with 65 (EX_DATAERR).
enum DataErrors {
    static let exitCode = ExitCode(65)

    /// Prints `error`, met while analysing poll file `name`, and returns the exit code to throw:
    /// an invalid poll design names the poll and its line (`FILE:LINE: poll ID: reason`); any
    /// other error is prefixed with the file's name when `namesFile`. Shares read in points.
    static func pollFileError(_ error: PollCompareError, file name: String, namesFile: Bool = true) -> ExitCode {
        if case let .invalidPollDesign(poll, line, reason) = error {
            StandardStreams.error("\(name):\(line): poll \(poll): \(reason)")
        } else {
            let message = error.message(sharesIn: .percentagePoints)
            StandardStreams.error(namesFile ? "\(name): \(message)" : message)
        }
        return exitCode
    }

    static func guarded<T>(_ body: () throws(PollCompareError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            StandardStreams.error(error.message(sharesIn: .percentagePoints))
            throw exitCode
        }
    }
}
