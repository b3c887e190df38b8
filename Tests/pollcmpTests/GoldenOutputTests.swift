import Foundation
import Testing

/// Every command's whole output, compared with the golden files in Golden/ (one per line of
/// Golden/commands.txt, help texts included, since help is API). The numbers in them are the
/// library's, which the PollCompare and PollNumerics suites check against statsmodels, scipy,
/// R and mpmath; these tests pin the rendering and the wiring of options to the library.
@Suite("pollcmp golden outputs")
struct GoldenOutputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = {
        let text = (try? String(contentsOf: folder.appendingPathComponent("commands.txt"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            guard !line.hasPrefix("#") else { return nil }
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return Case(name: String(parts[0]), arguments: parts[1].split(separator: " ").map(String.init))
        }
    }()

    @Test("The golden list is not empty")
    func listLoaded() {
        #expect(Self.cases.count >= 30)
    }

    @Test("Whole output equals the golden file", arguments: cases)
    func golden(_ c: Case) throws {
        let expected = try String(contentsOf: Self.folder.appendingPathComponent(c.name + ".out"), encoding: .utf8)
        // Notes on input quirks go to stderr; where a command writes any, NAME.err holds them.
        let expectedErr =
            (try? String(contentsOf: Self.folder.appendingPathComponent(c.name + ".err"), encoding: .utf8)) ?? ""
        let r = try PollcmpRunner.run(c.arguments)
        #expect(r.status == 0, "\(c.name): \(r.stderr)")
        #expect(r.stderr == expectedErr)
        #expect(r.stdout == expected, "\(c.name): run scripts/update-golden if the change is deliberate")
    }
}
