import Foundation

/// The package's folders and the public symbol graphs of its library modules, extracted once per
/// test run by `swift-symbolgraph-extract` (part of the Swift toolchain) from the modules the
/// test build just compiled: about a tenth of a second per module, where a full DocC build takes
/// minutes.
enum Package {
    /// The package root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The build folder the tests run from (`.build/<triple>/debug`): the test bundle's folder.
    static let buildFolder: URL = {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var folder =
            FileManager.default.fileExists(atPath: executable.path)
            ? executable.deletingLastPathComponent()
            : URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On Apple platforms the test binary sits inside a .xctest bundle.
        for _ in 0..<4 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Modules").path) {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    /// The text of a file under the root.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs a program found on PATH; returns its status, standard output and standard error.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.currentDirectoryURL = root
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }
}

/// One public symbol of a module's symbol graph.
struct Symbol {
    let identifier: String
    let kind: String
    let path: [String]
    let docLines: [String]?
    /// The file it is declared in, relative to the package root ("" for inherited symbols).
    let file: String
    let line: Int
}

/// A module's public symbols and the conformances among them.
struct SymbolGraph {
    let module: String
    let symbols: [Symbol]
    /// identifier → the protocols it conforms to (their precise identifiers).
    let conformances: [String: Set<String>]

    /// The library modules whose documentation the package builds.
    static let modules = ["PollCompare", "PollNumerics"]

    /// The graphs of ``modules``, or the reason they could not be extracted.
    static let all: Result<[String: SymbolGraph], ExtractionError> = {
        do {
            var graphs: [String: SymbolGraph] = [:]
            for module in modules { graphs[module] = try extract(module) }
            return .success(graphs)
        } catch let error as ExtractionError {
            return .failure(error)
        } catch {
            return .failure(ExtractionError(message: "\(error)"))
        }
    }()

    struct ExtractionError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    private static func extract(_ module: String) throws -> SymbolGraph {
        let modules = Package.buildFolder.appendingPathComponent("Modules")
        guard FileManager.default.fileExists(atPath: modules.appendingPathComponent("\(module).swiftmodule").path)
        else {
            throw ExtractionError(message: "no \(module).swiftmodule in \(modules.path): build the tests first")
        }
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("pollcompare-symbols-\(ProcessInfo.processInfo.processIdentifier)-\(module)")
        try? FileManager.default.removeItem(at: output)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let run = try Package.run(
            "swift-symbolgraph-extract",
            [
                "-module-name", module, "-target", try targetTriple(),
                "-I", modules.path, "-I", Package.root.appendingPathComponent("Sources/CBLAS").path,
                // The C kernels' module map is the one SwiftPM generates in the build folder.
                "-Xcc",
                "-fmodule-map-file="
                    + Package.buildFolder.appendingPathComponent("CPollKernels.build/module.modulemap").path,
                "-I", Package.root.appendingPathComponent("Sources/CPollKernels/include").path,
                "-minimum-access-level", "public", "-output-dir", output.path,
            ])
        guard run.status == 0 else {
            throw ExtractionError(message: "swift-symbolgraph-extract \(module) failed: \(run.err)")
        }
        var symbols: [Symbol] = []
        var conformances: [String: Set<String>] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: output.path).filter {
            $0.hasSuffix(".symbols.json")
        }
        for file in files {
            let data = try Data(contentsOf: output.appendingPathComponent(file))
            guard let graph = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { continue }
            for case let symbol as [String: Any] in graph["symbols"] as? [Any] ?? [] {
                let identifier = (symbol["identifier"] as? [String: Any])?["precise"] as? String ?? ""
                let kind = (symbol["kind"] as? [String: Any])?["identifier"] as? String ?? ""
                let path = symbol["pathComponents"] as? [String] ?? []
                let doc = (symbol["docComment"] as? [String: Any])?["lines"] as? [[String: Any]]
                let location = symbol["location"] as? [String: Any]
                let uri = location?["uri"] as? String ?? ""
                let relative = uri.range(of: "/Sources/").map { "Sources/" + uri[$0.upperBound...] } ?? ""
                let line = ((location?["position"] as? [String: Any])?["line"] as? Int).map { $0 + 1 } ?? 0
                symbols.append(
                    Symbol(
                        identifier: identifier, kind: kind, path: path,
                        docLines: doc?.map { $0["text"] as? String ?? "" }, file: relative, line: line))
            }
            for case let relation as [String: Any] in graph["relationships"] as? [Any] ?? [] {
                guard relation["kind"] as? String == "conformsTo", let source = relation["source"] as? String,
                    let target = relation["target"] as? String
                else { continue }
                conformances[source, default: []].insert(target)
            }
        }
        return SymbolGraph(module: module, symbols: symbols, conformances: conformances)
    }

    /// The target triple of the build: the name of the folder above `debug`/`release`, or the
    /// compiler's own.
    private static func targetTriple() throws -> String {
        let name = Package.buildFolder.deletingLastPathComponent().lastPathComponent
        if name.split(separator: "-").count >= 3 { return name }
        let info = try Package.run("swiftc", ["-print-target-info"])
        guard let range = info.out.range(of: #""triple"\s*:\s*"([^"]+)""#, options: .regularExpression) else {
            throw ExtractionError(message: "cannot tell the target triple")
        }
        let match = info.out[range]
        return String(match.split(separator: "\"")[2])
    }
}
