#if os(Linux)
import Foundation
import Testing

/// Start-up under a memory limit: `pollcmp` runs under an address-space limit of 150 MB
/// (`ulimit -v 153600`) and must finish within a deadline, either with exit 0 or, for work that
/// needs BLAS and cannot get it, with one line `pollcmp: error: ...` and exit 69. A hang fails the
/// test (the process is killed at the deadline) instead of blocking the suite.
@Suite("pollcmp start-up under a memory limit")
struct StartupTests {
    /// The address-space limit, in KiB as `ulimit -v` takes it.
    static let limitKiB = 153_600
    /// How long a command may take before it counts as hung (a debug build on a loaded machine).
    static let deadline: Duration = .seconds(30)

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
        let timedOut: Bool
    }

    /// Runs `pollcmp` through `/bin/sh` with `ulimit -v` applied (when `limited`), killing it at
    /// the deadline.
    static func run(
        _ arguments: [String], limited: Bool = true,
        environment: [String: String] = [:]
    ) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        let script = limited ? "ulimit -v \(limitKiB) && exec \"$0\" \"$@\"" : "exec \"$0\" \"$@\""
        process.arguments = ["-c", script, PollcmpRunner.binary.path] + arguments
        process.currentDirectoryURL = PollcmpRunner.packageRoot
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // Files rather than pipes: nothing blocks on a full pipe while the deadline is watched.
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("pollcmp-startup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("stdout"), errURL = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while process.isRunning && clock.now < end { usleep(10_000) }
        let timedOut = process.isRunning
        if timedOut {
            kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            timedOut: timedOut)
    }

    /// Exit 0, or the one-line BLAS error with exit 69.
    static func finishedCleanly(_ r: Outcome) -> Bool {
        if r.status == 0 { return true }
        return r.status == 69 && r.stderr.hasPrefix("pollcmp: error: ")
            && r.stderr.hasSuffix("\n") && r.stderr.filter { $0 == "\n" }.count == 1
    }

    @Test(
        "--version and a lead finish with exit 0 under a 150 MB address-space limit",
        arguments: [
            ["--version"],
            ["lead", "58", "31", "--n", "1000"],
            ["lead", "58", "31", "--n", "1000", "--format", "csv"],
        ])
    func limitedCommands(arguments: [String]) throws {
        let r = try Self.run(arguments)
        #expect(!r.timedOut)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(!r.stdout.isEmpty)
    }

    @Test(
        "Commands that use BLAS finish under the limit: exit 0, or one line and exit 69",
        arguments: [
            ["lead", "58", "31", "--n", "1000", "--method", "bayes", "--format", "csv"],
            ["swing", "44.3", "36.3", "31", "58", "--n1", "1000", "--n2", "1000", "--format", "csv"],
        ])
    func limitedBLASCommands(arguments: [String]) throws {
        let r = try Self.run(arguments)
        #expect(!r.timedOut)
        #expect(Self.finishedCleanly(r), "status \(r.status), stderr \(r.stderr)")
    }

    @Test("BLAS threads the limit cannot hold: one line and exit 69, not a hang")
    func threadsUnderTheLimit() throws {
        let r = try Self.run(["lead", "58", "31", "--n", "1000", "--method", "bayes", "--threads", "4"])
        #expect(!r.timedOut)
        #expect(r.status == 69)
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("pollcmp: error: not enough memory for BLAS on 4 threads"))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test("Without a BLAS library --version still works and BLAS work fails in one line")
    func withoutBLAS() throws {
        let missing = ["POLLCOMPARE_BLAS": "/nonexistent/libopenblas.so.0"]
        let version = try Self.run(["--version"], limited: false, environment: missing)
        #expect(version.status == 0 && version.stderr == "")
        let bayes = try Self.run(
            ["lead", "58", "31", "--n", "1000", "--method", "bayes"], limited: false,
            environment: missing)
        #expect(!bayes.timedOut)
        #expect(bayes.status == 69)
        #expect(bayes.stdout == "")
        #expect(bayes.stderr.hasPrefix("pollcmp: error: cannot load BLAS (/nonexistent/libopenblas.so.0): "))
        #expect(bayes.stderr.filter { $0 == "\n" }.count == 1)
    }
}
#endif
