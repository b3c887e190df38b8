import Foundation
import Testing

/// What the library products expose: every public type is documented and `Sendable`.
@Suite("Public API: documented and Sendable types")
struct PublicAPITests {
    static let typeKinds: Set<String> = ["swift.struct", "swift.enum", "swift.class", "swift.actor"]
    /// Sendable, and Error (which refines Sendable).
    static let sendable: Set<String> = ["s:s8SendableP", "s:s5ErrorP"]

    @Test("Every public type has a doc comment", arguments: SymbolGraph.modules)
    func documented(module: String) throws {
        let graph = try #require(try SymbolGraph.all.get()[module])
        let types = graph.symbols.filter { Self.typeKinds.contains($0.kind) && !$0.file.isEmpty }
        #expect(types.count > 10)
        for type in types {
            let text = (type.docLines ?? []).joined().trimmingCharacters(in: .whitespaces)
            #expect(
                !text.isEmpty,
                "\(type.file):\(type.line): public \(type.path.joined(separator: ".")) has no doc comment")
        }
    }

    @Test("Every public type that has values is Sendable", arguments: SymbolGraph.modules)
    func sendable(module: String) throws {
        let graph = try #require(try SymbolGraph.all.get()[module])
        // A caseless enum is a namespace: it has no values to send anywhere.
        let parents = Set(graph.symbols.filter { $0.kind == "swift.enum.case" }.map { Array($0.path.dropLast()) })
        let types = graph.symbols.filter { Self.typeKinds.contains($0.kind) && !$0.file.isEmpty }
        var checked = 0
        for type in types where type.kind != "swift.enum" || parents.contains(type.path) {
            checked += 1
            let conformances = graph.conformances[type.identifier] ?? []
            #expect(
                !conformances.isDisjoint(with: Self.sendable),
                "\(type.file):\(type.line): public \(type.path.joined(separator: ".")) is not Sendable")
        }
        #expect(checked > 5)
    }
}
