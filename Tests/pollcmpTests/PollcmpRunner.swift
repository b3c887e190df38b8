import Foundation
import Testing

/// Runs the built `pollcmp` binary (it sits next to the test bundle in the build folder) and
/// captures its whole output.
struct PollcmpRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static let binary: URL = {
        // The test bundle lives in .build/<triple>/debug/; the executable is built beside it.
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("pollcmp")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("pollcmp")
        return fallback
    }()

    /// The package root (goldens and fixtures name files relative to it).
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `pollcmp` and expects a data error: exit status 65, nothing on standard output, and
    /// exactly `message` on standard error.
    static func expectDataError(
        _ arguments: [String], message: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let r = try run(arguments)
        #expect(r.status == 65, sourceLocation: sourceLocation)
        #expect(r.stdout == "", sourceLocation: sourceLocation)
        #expect(r.stderr == message, sourceLocation: sourceLocation)
    }

    /// Runs `pollcmp` and expects a usage error: exit status 64, nothing on standard output, and
    /// one line on standard error starting `pollcmp: error: ` (and ending with the hint to
    /// `pollcmp COMMAND --help` when `helpFor` names the command).
    static func expectUsageError(
        _ arguments: [String], helpFor command: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let r = try run(arguments)
        #expect(r.status == 64, sourceLocation: sourceLocation)
        #expect(r.stdout == "", sourceLocation: sourceLocation)
        if let command {
            #expect(
                r.stderr.hasPrefix("pollcmp: error: ") && r.stderr.hasSuffix("see 'pollcmp \(command) --help'\n"),
                sourceLocation: sourceLocation)
        } else {
            #expect(r.stderr.hasPrefix("pollcmp: error: "), sourceLocation: sourceLocation)
        }
        #expect(r.stderr.filter { $0 == "\n" }.count == 1, sourceLocation: sourceLocation)
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try runProgram(binary, arguments, environment: environment.merging(["COLUMNS": "100"]) { given, _ in given })
    }

    /// Runs `pollcmp` with `arguments` and standard input read from `file` (a path, relative to
    /// the package root or absolute), as a shell's `pollcmp ARGUMENTS < FILE` would.
    static func runStdin(_ arguments: [String], file: String) throws -> Result {
        try runProgram(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "exec \"$0\" \"$@\" < \"$STDIN_FILE\"", binary.path] + arguments,
            environment: ["STDIN_FILE": file])
    }

    /// Runs `executable` with `arguments` from the package root, standard input empty, the
    /// environment this process has plus `environment`, and captures its whole output.
    static func runProgram(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:]
    ) throws
        -> Result
    {
        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = packageRoot
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Standard error is drained on another thread, so a command that writes much to it
        // cannot block on a full pipe while standard output is read here.
        nonisolated(unsafe) var stderrData = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}
