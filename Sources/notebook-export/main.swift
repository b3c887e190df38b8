// notebook-export: runs the shell blocks of notebooks/*.md and writes notebooks-exported/NAME.md
// with each block's real output under it (and whatever files the commands write into $OUT, e.g.
// SVG charts in notebooks-exported/NAME/). With --check it exports into a temporary folder and
// fails, showing a diff, when the committed export differs.
//
// usage: notebook-export [--check] [--pollcmp PATH] [--source DIR] [--output DIR]
//
// Each line of a ```sh block is one command, run by /bin/sh from the repository root with
// `pollcmp` first on PATH, OUT set to the notebook's export folder and COLUMNS=100. Lines starting
// with # are kept as comments and not run. Output (stdout, then stderr) goes in a ```text block
// after the commands; a non-zero exit status is shown as "[exit N]".
//
// Inputs: a notebook that reads files the repository does not ship (a large public poll file kept
// next to the repository, say) declares them on a line of its own, paths relative to the
// repository root, separated by spaces:
//
//     <!-- inputs: ../shared/data/538-president-polls-2024-07-31.csv -->
//
// When one of them is absent, that notebook is not run: a one-line note on stderr says so, its
// committed export is kept as it is (and, with --check, taken as current); the others run as
// usual. When all are present it runs and is checked like any other.
import Foundation

struct Options {
    var check = false
    var pollcmp = ".build/debug/pollcmp"
    var source = "notebooks"
    var output = "notebooks-exported"
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("notebook-export: \(message)\n".utf8))
    exit(2)
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    while let a = args.popFirst() {
        switch a {
        case "--check": o.check = true
        case "--pollcmp", "--source", "--output":
            guard let value = args.popFirst() else { fail("\(a) needs a value") }
            if a == "--pollcmp" {
                o.pollcmp = value
            } else if a == "--source" {
                o.source = value
            } else {
                o.output = value
            }
        case "-h", "--help":
            print("usage: notebook-export [--check] [--pollcmp PATH] [--source DIR] [--output DIR]")
            exit(0)
        default: fail("unknown argument \(a)")
        }
    }
    return o
}

/// Runs one command line with /bin/sh; returns stdout + stderr and the exit status.
func run(_ command: String, binDirectory: String, out: String) -> (String, Int32) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    var env = ProcessInfo.processInfo.environment
    env["PATH"] = binDirectory + ":" + (env["PATH"] ?? "/usr/bin:/bin")
    env["OUT"] = out
    env["COLUMNS"] = "100"
    process.environment = env
    let stdout = Pipe(), stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { fail("cannot run /bin/sh: \(error)") }
    let o = stdout.fileHandleForReading.readDataToEndOfFile()
    let e = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (String(decoding: o, as: UTF8.self) + String(decoding: e, as: UTF8.self), process.terminationStatus)
}

/// The input files a notebook declares (`<!-- inputs: PATH ... -->` lines), relative to the
/// repository root.
func declaredInputs(_ text: String) -> [String] {
    var paths: [String] = []
    for line in text.split(separator: "\n") {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("<!-- inputs:") && trimmed.hasSuffix("-->") else { continue }
        let list = trimmed.dropFirst("<!-- inputs:".count).dropLast("-->".count)
        paths += list.split(separator: " ").map(String.init)
    }
    return paths
}

/// Exports one notebook source into `outputRoot`; returns the first declared input that is
/// absent (the notebook is then not run and nothing is written).
func export(_ sourceFile: URL, to outputRoot: URL, binDirectory: String) throws -> String? {
    let name = sourceFile.deletingPathExtension().lastPathComponent
    let text = try String(contentsOf: sourceFile, encoding: .utf8)
    if let missing = declaredInputs(text).first(where: { !FileManager.default.fileExists(atPath: $0) }) {
        return missing
    }
    let folder = outputRoot.appendingPathComponent(name)
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    var out =
        "<!-- Exported from notebooks/\(name).md by `make notebooks`; every output below is the tool's own. -->\n\n"
    var inBlock = false
    var commands: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if !inBlock && line.hasPrefix("```sh") {
            inBlock = true
            commands = []
            out += "```sh\n"
            continue
        }
        if inBlock && line.hasPrefix("```") {
            inBlock = false
            out += "```\n\n```text\n"
            var outputs: [String] = []
            for command in commands
            where !command.trimmingCharacters(in: .whitespaces).isEmpty && !command.hasPrefix("#") {
                var (output, status) = run(command, binDirectory: binDirectory, out: folder.path)
                if status != 0 { output += "[exit \(status)]\n" }
                outputs.append(output)
            }
            var body = outputs.joined(separator: "\n")
            if !body.hasSuffix("\n") { body += "\n" }
            out += body + "```\n"
            continue
        }
        if inBlock { commands.append(String(line)) }
        out += line + "\n"
    }
    if inBlock { fail("\(sourceFile.path): a ```sh block is not closed") }
    while out.hasSuffix("\n\n") { out.removeLast() }
    try out.write(to: outputRoot.appendingPathComponent(name + ".md"), atomically: true, encoding: .utf8)
    // An empty chart folder is not worth keeping.
    if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty ?? true {
        try? FileManager.default.removeItem(at: folder)
    }
    return nil
}

/// The one-line note for a notebook left out because an input is absent.
func noteSkipped(_ source: String, _ missing: String) {
    FileHandle.standardError.write(
        Data("notebook-export: skipped \(source): its input \(missing) is absent (the committed export is kept)\n".utf8)
    )
}

let options = parseOptions()
let fm = FileManager.default
guard fm.isExecutableFile(atPath: options.pollcmp) else { fail("\(options.pollcmp) is not built (swift build)") }
let binDirectory = URL(fileURLWithPath: options.pollcmp).deletingLastPathComponent().standardizedFileURL.path
let sources = ((try? fm.contentsOfDirectory(atPath: options.source)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
guard !sources.isEmpty else { fail("no notebooks in \(options.source)") }

if options.check {
    // Export into a scratch folder whose name ends like the real one (commands write to $OUT).
    let scratch = fm.temporaryDirectory.appendingPathComponent("notebook-check-\(getpid())")
    let target = scratch.appendingPathComponent(URL(fileURLWithPath: options.output).lastPathComponent)
    try fm.createDirectory(at: target, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: scratch) }
    var skipped = 0
    for s in sources {
        guard
            let missing = try export(
                URL(fileURLWithPath: options.source).appendingPathComponent(s), to: target, binDirectory: binDirectory)
        else { continue }
        noteSkipped("\(options.source)/\(s)", missing)
        skipped += 1
        // Take the committed export as current: copy it into the scratch folder.
        let name = String(s.dropLast(".md".count))
        for item in [name + ".md", name] {
            let committed = URL(fileURLWithPath: options.output).appendingPathComponent(item)
            if fm.fileExists(atPath: committed.path) {
                try fm.copyItem(at: committed, to: target.appendingPathComponent(item))
            }
        }
    }
    let diff = Process()
    diff.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    diff.arguments = ["diff", "-ru", options.output, target.path]
    try diff.run()
    diff.waitUntilExit()
    if diff.terminationStatus != 0 {
        FileHandle.standardError.write(
            Data(
                "notebook-export: the committed notebooks-exported/ differs from a fresh export (above); run `make notebooks` and commit\n"
                    .utf8))
        exit(1)
    }
    let skippedNote = skipped > 0 ? " (\(skipped) skipped: inputs absent)" : ""
    print("notebook-export: \(sources.count - skipped) notebooks re-run\(skippedNote); the committed export is current")
} else {
    let target = URL(fileURLWithPath: options.output)
    try fm.createDirectory(at: target, withIntermediateDirectories: true)
    for s in sources {
        if let missing = try export(
            URL(fileURLWithPath: options.source).appendingPathComponent(s), to: target, binDirectory: binDirectory)
        {
            noteSkipped("\(options.source)/\(s)", missing)
            continue
        }
        print("notebook-export: \(options.output)/\(s)")
    }
}
