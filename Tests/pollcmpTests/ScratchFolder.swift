import Foundation

/// A fresh folder under the temporary directory for one test's input and output files, and the
/// files written into it.
enum ScratchFolder {
    /// A new, empty folder (its name unique to this process and call).
    static func make() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pollcmp-test-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `text` (UTF-8) to `name` in `dir` and returns the file's path.
    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        try write(Array(text.utf8), name, in: dir)
    }

    /// Writes `bytes` to `name` in `dir` and returns the file's path.
    static func write(_ bytes: [UInt8], _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
