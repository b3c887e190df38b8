import ArgumentParser

/// Buffered output to standard output or to a file that appears all at once or not at all.
///
/// A regular file (or a new one) is written to a temporary file in the same folder and renamed
/// over the target by ``finish()``, so a failure never leaves half a file; the temporary file is
/// removed on every failure and when SIGINT, SIGTERM or SIGHUP ends the program. A symbolic link
/// is followed: its target is replaced, the link stays. A target that is not a regular file (a
/// device such as /dev/null, a FIFO) is written through, never replaced.
final class OutputFile {
    private let path: String?
    private let temporary: String?
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var failed: Int32 = 0

    /// Output to `path`, or to standard output for nil. Cannot create: one line, exit 73.
    init(path: String?) throws {
        self.path = path
        guard let path else {
            temporary = nil
            fd = 1
            return
        }
        let target = Platform.resolvingLinks(path)
        if Platform.kind(of: target) == .other {
            switch Platform.openExistingForWriting(target) {
            case .success(let opened): fd = opened
            case .failure(let error):
                StandardStreams.error("\(path): cannot open for writing: \(error.text)")
                throw ExitCode(73)
            }
            temporary = nil
            return
        }
        let temp = target + ".tmp-\(Platform.processID)"
        Platform.removeOnSignal(temp)
        switch Platform.createExclusive(temp) {
        case .success(let opened): fd = opened
        case .failure(let error):
            Platform.forgetTemporaryFile()
            StandardStreams.error("\(path): cannot create: \(error.text)")
            throw ExitCode(73)
        }
        temporary = temp
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends text, writing out each full MiB.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Lets `body` append bytes to the output buffer itself (no copy through a buffer of its
    /// own), writing out each full MiB.
    func append(_ body: (inout [UInt8]) throws -> Void) rethrows {
        try body(&buffer)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        if failed == 0 {
            failed = buffer.withUnsafeBytes { Platform.writeAll(fd, $0) }
            if failed == Platform.brokenPipe && path == nil { Platform.endOnClosedPipe() }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Gives up: closes the file and removes the temporary file (the target is left as it was).
    /// For a failure found after the output was begun.
    func abandon() {
        buffer.removeAll()
        guard path != nil else { return }
        Platform.closeQuietly(fd)
        if let temporary {
            Platform.remove(temporary)
            Platform.forgetTemporaryFile()
        }
    }

    /// Writes what is left; for a file, syncs it and renames it into place. A write error: one
    /// line, exit 74 (the temporary file is removed).
    func finish() throws {
        flush()
        guard let path else {
            if failed != 0 {
                StandardStreams.error("cannot write to standard output: \(Platform.describe(failed))")
                throw ExitCode(74)
            }
            return
        }
        if failed == 0 {
            failed = Platform.syncAndClose(fd)
        } else {
            Platform.closeQuietly(fd)
        }
        guard let temporary else {
            if failed != 0 {
                StandardStreams.error("\(path): cannot write: \(Platform.describe(failed))")
                throw ExitCode(74)
            }
            return
        }
        defer { Platform.forgetTemporaryFile() }
        guard failed == 0 else {
            Platform.remove(temporary)
            StandardStreams.error("\(path): cannot write: \(Platform.describe(failed))")
            throw ExitCode(74)
        }
        let target = Platform.resolvingLinks(path)
        let renamed = Platform.rename(temporary, target)
        guard renamed == 0 else {
            Platform.remove(temporary)
            StandardStreams.error("\(path): cannot create: \(Platform.describe(renamed))")
            throw ExitCode(73)
        }
    }
}
