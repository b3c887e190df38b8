import Foundation
import Testing

/// Every ``symbol`` link that DocC resolves (in the doc comments of public symbols and in the
/// articles of the documentation catalogs) names a public symbol of its module, the way DocC
/// looks it up: relative to the documented symbol, then to each enclosing scope, then from the
/// module. A link that names nothing, an internal symbol, a symbol of another module, or an
/// overload without a disambiguation suffix fails here instead of as a warning of
/// `make docs`. `<doc:Article>` links must name an article of the catalog.
@Suite("Documentation: symbol links")
struct SymbolLinkTests {
    /// ``X`` spans, outside fenced code blocks.
    static func links(in lines: [String]) -> [(line: Int, link: String)] {
        var found: [(Int, String)] = []
        var fenced = false
        for (index, line) in lines.enumerated() {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                fenced.toggle()
                continue
            }
            if fenced { continue }
            var rest = Substring(line)
            while let open = rest.range(of: "``") {
                let after = rest[open.upperBound...]
                guard let close = after.range(of: "``") else { break }
                found.append((index, String(after[..<close.lowerBound])))
                rest = after[close.upperBound...]
            }
        }
        return found
    }

    enum Resolution: Equatable { case resolved, missing, ambiguous }

    /// Resolves `link` from `scope` (a symbol's path) in `graph` as DocC does.
    static func resolve(
        _ link: String, from scope: [String], in graph: SymbolGraph, counts: [[String]: Int]
    )
        -> Resolution
    {
        var components = link.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var scope = scope
        if components.first == graph.module {
            components.removeFirst()
            scope = []
            if components.isEmpty { return .resolved }
        }
        // A disambiguation suffix (-swift.struct, -1a2b3) picks one of several overloads.
        var disambiguated = false
        components = components.map { component in
            guard let dash = component.range(of: "-", options: .backwards),
                !component[dash.upperBound...].contains(where: { $0 == ")" || $0 == ":" }),
                component[..<dash.lowerBound].last.map({ $0 == ")" || $0.isLetter || $0.isNumber }) == true,
                component[dash.upperBound...].first?.isLetter == true
                    || component[dash.upperBound...].first?.isNumber == true
            else { return component }
            disambiguated = true
            return String(component[..<dash.lowerBound])
        }
        for depth in stride(from: scope.count, through: 0, by: -1) {
            let count = counts[Array(scope.prefix(depth)) + components] ?? 0
            if count == 1 || (count > 1 && disambiguated) { return .resolved }
            if count > 1 { return .ambiguous }
        }
        return .missing
    }

    static func counts(_ graph: SymbolGraph) -> [[String]: Int] {
        graph.symbols.reduce(into: [:]) { $0[$1.path, default: 0] += 1 }
    }

    @Test("Links in the doc comments of public symbols resolve", arguments: SymbolGraph.modules)
    func docComments(module: String) throws {
        let graph = try #require(try SymbolGraph.all.get()[module])
        let counts = Self.counts(graph)
        var checked = 0
        for symbol in graph.symbols where !symbol.file.isEmpty {
            for (offset, link) in Self.links(in: symbol.docLines ?? []) {
                checked += 1
                let result = Self.resolve(link, from: symbol.path, in: graph, counts: counts)
                #expect(
                    result == .resolved,
                    "\(symbol.file):\(symbol.line - (symbol.docLines?.count ?? 0) + offset): ``\(link)`` in the documentation of \(symbol.path.joined(separator: "/")): \(result)"
                )
            }
        }
        // The check itself: PollCompare's comments hold hundreds of links, PollNumerics' dozens.
        #expect(checked > 20, "only \(checked) links found in \(module)")
    }

    @Test("Links in the articles resolve from the module", arguments: SymbolGraph.modules)
    func articles(module: String) throws {
        let graph = try #require(try SymbolGraph.all.get()[module])
        let counts = Self.counts(graph)
        let catalog = Package.root.appendingPathComponent("Sources/\(module)/\(module).docc")
        let files = try FileManager.default.contentsOfDirectory(atPath: catalog.path).filter { $0.hasSuffix(".md") }
            .sorted()
        #expect(!files.isEmpty)
        let articles = Set(files.map { String($0.dropLast(3)) })
        var checked = 0
        for file in files {
            let lines = try String(contentsOf: catalog.appendingPathComponent(file), encoding: .utf8)
                .components(separatedBy: "\n")
            for (offset, link) in Self.links(in: lines) {
                checked += 1
                let result = Self.resolve(link, from: [], in: graph, counts: counts)
                #expect(
                    result == .resolved,
                    "Sources/\(module)/\(module).docc/\(file):\(offset + 1): ``\(link)``: \(result)")
            }
            for (offset, line) in lines.enumerated() {
                var rest = Substring(line)
                while let open = rest.range(of: "<doc:") {
                    let after = rest[open.upperBound...]
                    guard let close = after.firstIndex(of: ">") else { break }
                    let name = String(after[..<close])
                    #expect(
                        articles.contains(name),
                        "Sources/\(module)/\(module).docc/\(file):\(offset + 1): <doc:\(name)> names no article")
                    rest = after[close...]
                }
            }
        }
        #expect(checked > 10, "only \(checked) links found in the \(module) articles")
    }

    @Test("The resolver finds what DocC finds and refuses what DocC refuses")
    func resolver() throws {
        let graph = try #require(try SymbolGraph.all.get()["PollCompare"])
        let counts = Self.counts(graph)
        let scope = ["ShareInterval", "init(share:sampleSize:confidence:method:)"]
        #expect(Self.resolve("ShareInterval", from: [], in: graph, counts: counts) == .resolved)
        #expect(
            Self.resolve("init(count:sampleSize:confidence:method:)", from: scope, in: graph, counts: counts)
                == .resolved)
        #expect(
            Self.resolve("PollCompare/ConfidenceLevel/init(percent:)", from: scope, in: graph, counts: counts)
                == .resolved)
        #expect(
            Self.resolve("init(count:trials:confidence:method:)", from: scope, in: graph, counts: counts) == .missing)
        // PollNumerics' symbols are not PollCompare's, and internal ones are not documented.
        #expect(Self.resolve("IncompleteBeta", from: [], in: graph, counts: counts) == .missing)
        #expect(Self.resolve("DecimalLevel", from: [], in: graph, counts: counts) == .missing)
        #expect(Self.resolve("PollFileReader/init(maxRecordBytes:)", from: [], in: graph, counts: counts) == .resolved)
        // A relative link from a member reaches its type's siblings and the module's types.
        #expect(
            Self.resolve("ninetyFive", from: ["ConfidenceLevel", "init(percent:)"], in: graph, counts: counts)
                == .resolved)
        #expect(
            Self.resolve("LeadEstimate", from: ["ConfidenceLevel", "init(percent:)"], in: graph, counts: counts)
                == .resolved)
    }
}
