#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// Buffered output to standard output or to a file that appears all at once or not at all: a
/// file's text goes to a temporary file in the same folder, renamed over the target by
/// ``finish()``, so a failure never leaves half a file.
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
        let temp = path + ".tmp-\(getpid())"
        let opened = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard opened >= 0 else {
            StandardStreams.error("\(path): cannot create: \(String(cString: strerror(errno)))")
            throw ExitCode(73)
        }
        temporary = temp
        fd = opened
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends text, writing out each full MiB.
    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        if failed == 0 {
            failed = buffer.withUnsafeBytes { FileDescriptor.writeAll(fd, $0) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left; for a file, syncs it and renames it into place. A write error: one
    /// line, exit 74 (the temporary file is removed).
    func finish() throws {
        flush()
        guard let path, let temporary else {
            if failed != 0 {
                StandardStreams.error("cannot write to standard output: \(String(cString: strerror(failed)))")
                throw ExitCode(74)
            }
            return
        }
        if failed == 0 && (fsync(fd) != 0 || close(fd) != 0) { failed = errno } else if failed != 0 { close(fd) }
        guard failed == 0 else {
            unlink(temporary)
            StandardStreams.error("\(path): cannot write: \(String(cString: strerror(failed)))")
            throw ExitCode(74)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            StandardStreams.error("\(path): cannot create: \(reason)")
            throw ExitCode(73)
        }
    }

    /// Removes the temporary file after an error elsewhere.
    func abandon() {
        if let temporary, path != nil {
            close(fd)
            unlink(temporary)
        }
    }
}
