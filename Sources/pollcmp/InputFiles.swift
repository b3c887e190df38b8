import ArgumentParser

/// Reading whole inputs (a file or standard input) without Foundation.
enum InputFiles {
    /// The bytes of `path`, or of standard input for "-". A missing or unreadable file prints one
    /// line and exits 66 (EX_NOINPUT); a read error exits 74 (EX_IOERR).
    static func read(_ path: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try stream(path) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Hands the bytes of `path` (or standard input for "-") to `body` in chunks of 1 MiB, so
    /// large files are never held whole. Errors as ``read(_:)``.
    static func stream(_ path: String, _ body: (ArraySlice<UInt8>) throws -> Void) throws {
        let fd: Int32
        if path == "-" {
            fd = 0
        } else {
            switch Platform.openForReading(path) {
            case .success(let opened): fd = opened
            case .failure(let error):
                StandardStreams.error("\(path): cannot open: \(error.text)")
                throw ExitCode(66)
            }
        }
        defer { if fd != 0 { Platform.closeQuietly(fd) } }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n: Int
            switch chunk.withUnsafeMutableBytes({ Platform.read(fd, into: $0) }) {
            case .success(let count): n = count
            case .failure(let error):
                StandardStreams.error("\(path): cannot read: \(error.text)")
                throw ExitCode(error.isDirectory ? 66 : 74)
            }
            if n == 0 { break }
            try body(chunk[0..<n])
        }
    }
}

