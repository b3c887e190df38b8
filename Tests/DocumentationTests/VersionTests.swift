import Foundation
import PollCompare
import Testing

/// The version is written once, in PollCompareRelease; the changelog's newest release and
/// `pollcmp --version` agree with it.
@Suite("Version and changelog")
struct VersionTests {
    /// The versions of the changelog's release headings ("## [0.1.0] - 2026-11-23"), newest first.
    static func releases() throws -> [String] {
        try Package.text("CHANGELOG.md").split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("## ["), let close = line.firstIndex(of: "]") else { return nil }
            let name = line[line.index(line.startIndex, offsetBy: 4)..<close]
            return name == "Unreleased" ? nil : String(name)
        }
    }

    @Test("The changelog's newest release is PollCompareRelease.version")
    func changelog() throws {
        let releases = try Self.releases()
        #expect(releases.first == PollCompareRelease.version)
        #expect(try Package.text("CHANGELOG.md").contains("## [Unreleased]"))
    }

    @Test("The version is Semantic Versioning: MAJOR.MINOR.PATCH")
    func semanticVersion() {
        let parts = PollCompareRelease.version.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) })
    }

    @Test("pollcmp --version prints PollCompareRelease.version")
    func commandLine() throws {
        let binary = Package.buildFolder.appendingPathComponent("pollcmp")
        let run = try Package.run(binary.path, ["--version"])
        #expect(run.status == 0)
        #expect(run.out == PollCompareRelease.version + "\n")
    }
}
