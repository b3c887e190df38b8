import Foundation
import Testing

/// The README's "Use the library" example is Examples/ReadmeExample/main.swift, which the test
/// build compiles; it runs and prints what the README says it prints.
@Suite("README: the library example")
struct ReadmeExampleTests {
    /// The fenced blocks of `language` in the README section `heading`, in order.
    static func blocks(_ language: String, under heading: String) throws -> [String] {
        let readme = try Package.text("README.md")
        guard let start = readme.range(of: "\n## \(heading)\n") else { return [] }
        let section = readme[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
        var blocks: [String] = []
        var current: [Substring]?
        for line in section[..<end].split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```\(language)" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else if current != nil {
                current!.append(line)
            }
        }
        return blocks
    }

    @Test("The README's program is Examples/ReadmeExample/main.swift, character for character")
    func same() throws {
        let program = try Package.text("Examples/ReadmeExample/main.swift")
        let blocks = try Self.blocks("swift", under: "Use the library")
        // The first block is the Package.swift excerpt; the complete program follows it.
        #expect(blocks.count == 2)
        #expect(blocks.last == program, "update README.md or Examples/ReadmeExample/main.swift so they agree")
        #expect(program.contains("import PollCompare"))
    }

    @Test("The built example prints what the README shows")
    func output() throws {
        let binary = Package.buildFolder.appendingPathComponent("readme-example")
        #expect(FileManager.default.isExecutableFile(atPath: binary.path), "build the tests first: \(binary.path)")
        let run = try Package.run(binary.path, [])
        #expect(run.status == 0, "\(run.err)")
        let expected = try #require(try Self.blocks("text", under: "Use the library").first)
        #expect(run.out == expected)
    }
}
